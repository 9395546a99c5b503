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


# --- the readers that build on kg.dates agree with it ---------------------------------------


def test_a_publication_date_has_the_one_year_range():
    from kg.ingest.published import parse_published

    assert parse_published(f"{MAX_YEAR}-06-30T08:15:00Z") == (f"{MAX_YEAR}-06-30", None)
    iso, warning = parse_published(f"{MIN_YEAR - 1:04d}-06")
    assert iso is None and f"outside {MIN_YEAR}-{MAX_YEAR}" in warning
    assert parse_published("--06-30")[0] is None  # a month-day is no publication date


def test_a_query_date_parameter_reads_the_iso_forms():
    from rdflib.namespace import XSD

    from kg.query.params import _date_value, _last_day_value

    assert _date_value("d", "--02-29", "--02-29").datatype == XSD.gMonthDay
    assert _date_value("d", "2031-07", "2031-07").datatype == XSD.gYearMonth
    assert str(_last_day_value("d", "2028-02", "2028-02")) == "2028-02-29"
    with pytest.raises(ValueError, match="no day 29"):
        _date_value("d", "2027-02-29", "2027-02-29")


@pytest.mark.parametrize("text", ["1987-11-03", "1987-11", "1987", "--11-03"])
def test_the_views_read_what_kg_dates_reads_with_or_without_a_zone(text):
    from kg.views.dates import _date_parts

    assert _date_parts(text) == parse_iso(text)
    assert _date_parts(text + "+07:00") == parse_iso(text)
    assert _date_parts("--11") == (None, 11, None)  # gMonth: a view-only form


@pytest.mark.parametrize(
    "text, datatype", [("1987-11-03", "date"), ("1987-11", "gYearMonth"), ("1987", "gYear")]
)
def test_a_gold_date_is_typed_by_its_iso_form(text, datatype):
    from rdflib.namespace import XSD

    from kg.evaluate.gold_graph import date_literal

    assert date_literal(text).datatype == XSD[datatype]
    with pytest.raises(ValueError, match="E406"):
        date_literal(f" {text}")
