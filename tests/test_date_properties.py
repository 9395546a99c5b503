"""Property-based tests of date normalisation along the build: a record's ``published``
(kg.ingest), the anchoring of yearless days on it (kg.extract.dates), and typed date
literals (kg.graph.date_literal).

Whatever a record says its publication date is, the reader either keeps a real ISO date the
extractor accepts, or drops it with a warning; whatever numbers a date carries, the graph
writes a literal valid for its XSD type, or nothing.
"""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import example, given, settings, strategies as st

from property_support import examples
from rdflib.namespace import XSD

from kg.extract.dates import anchor, find_dates
from kg.facts import PartialDate
from kg.graph import date_literal
from kg.ingest import parse_published

ISO = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
LEXICAL = {
    XSD.date: re.compile(r"\d{4}-\d{2}-\d{2}"),
    XSD.gYearMonth: re.compile(r"\d{4}-\d{2}"),
    XSD.gYear: re.compile(r"\d{4}"),
    XSD.gMonthDay: re.compile(r"--\d{2}-\d{2}"),
}
DATES = st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2199, 12, 31))
DATEISH = st.one_of(
    st.text(max_size=30),
    st.text(alphabet="0123456789-T:Z+ ", max_size=30),
    st.builds(
        lambda y, m, d, tail: f"{y:04d}-{m:02d}-{d:02d}{tail}",
        st.integers(0, 9999),
        st.integers(0, 13),
        st.integers(0, 32),
        st.sampled_from(["", "T10:00:00Z", "T10:00+07:00", " 10:00", "T25:99", "x"]),
    ),
    st.integers(),
    st.floats(allow_nan=True),
    st.none(),
    st.booleans(),
    st.lists(st.integers(), max_size=2),
)


@settings(max_examples=examples(300))
@given(DATEISH)
@example("1000-00-13")  # month 00 once slipped through as "1000-13"
@example("2025-02-00")
def test_published_is_a_real_iso_date_the_extractor_accepts_or_a_warning(value):
    iso, warning = parse_published(value)
    if iso is None:
        assert warning is None or "\n" not in warning
        return
    assert warning is None and ISO.fullmatch(iso)
    y, m, d = (int(x) for x in (iso + "-01-01").split("-")[:3])
    dt.date(y, m, d)  # a real day
    find_dates("Il a été reçu le 17 février.", iso)  # raises on a date it cannot use
    assert str(PartialDate.parse(iso)) == iso


@given(DATES, st.sampled_from(["", "T10:00:00Z", "T23:59:59+07:00", " 08:30"]))
def test_published_days_and_datetimes_keep_their_day(day, tail):
    assert parse_published(day.isoformat() + tail) == (day.isoformat(), None)
    assert parse_published(day.strftime("%Y-%m")) == (day.strftime("%Y-%m"), None)


@settings(max_examples=examples(300))
@given(
    st.one_of(st.none(), st.integers(-5, 12000)),
    st.one_of(st.none(), st.integers(-2, 15)),
    st.one_of(st.none(), st.integers(-2, 40)),
)
def test_date_literals_are_valid_for_their_type_or_absent(year, month, day):
    try:
        d = PartialDate(year, month, day)
    except ValueError:
        return
    lit = date_literal(d)
    if lit is None:
        return
    assert LEXICAL[lit.datatype].fullmatch(str(lit)), lit
    if lit.datatype == XSD.date:
        dt.date.fromisoformat(str(lit))
    if lit.datatype == XSD.gMonthDay:
        dt.date(2000, int(str(lit)[2:4]), int(str(lit)[5:7]))
    parsed = PartialDate.parse(str(lit))  # never more precise than what was read
    assert all(
        b is None or a == b
        for a, b in ((year, parsed.year), (month, parsed.month), (day, parsed.day))
    )


@given(DATES)
def test_a_real_date_is_written_as_it_is(day):
    d = PartialDate(day.year, day.month, day.day)
    assert str(date_literal(d)) == day.isoformat()
    assert date_literal(PartialDate(day.year, day.month)).datatype == XSD.gYearMonth


@settings(max_examples=examples(300))
@given(DATES, st.one_of(st.none(), DATES), st.booleans())
def test_a_yearless_day_is_anchored_within_a_year_of_publication_or_left_yearless(
    day, published, upcoming
):
    got = anchor((day.day, day.month), published and published.isoformat(), upcoming)
    assert (got.month, got.day) == (day.month, day.day)
    if published is None:
        assert got.year is None
        return
    assert got.year is None or abs(got.year - published.year) <= 1
    if got.year is not None:
        when = dt.date(got.year, got.month, got.day)
        assert (when >= published) if upcoming else (when <= published)
