"""kg.dates: the one reader of ISO partial dates and its year range."""

import pytest

from kg.dates import MAX_YEAR, MIN_YEAR, exists, parse_iso
from kg.facts import PartialDate


@pytest.mark.parametrize(
    "text, parts",
    [
        ("2025", (2025, None, None)),
        ("2025-02", (2025, 2, None)),
        (" 2025-02-17 ", (2025, 2, 17)),
        ("--02-17", (None, 2, 17)),
    ],
)
def test_the_four_forms_are_read(text, parts):
    assert parse_iso(text) == parts
    assert str(PartialDate.parse(text)) == text.strip()


@pytest.mark.parametrize("text", ["", "25", "2025-2", "2025-02-17x", "--2-17", "2025/02/17"])
def test_anything_else_is_refused(text):
    with pytest.raises(ValueError, match="not an ISO date"):
        parse_iso(text)


def test_a_day_exists_in_its_month_and_the_years_in_range():
    assert exists(2024, 2, 29) and not exists(2025, 2, 29) and exists(None, 2, 29)
    assert not exists(2025, 13, None) and not exists(None, None, 3)
    assert exists(MIN_YEAR, 1, 1) and not exists(MIN_YEAR - 1, None, None)
    assert exists(MAX_YEAR + 1, 12, 31) and not exists(MAX_YEAR + 2, None, None)
