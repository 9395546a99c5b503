"""ISO partial dates: the one reader of ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` and ``--MM-DD``,
and the one range of years the project reads and writes.

Every module that meets an ISO date (a publication date, a gazetteer's term, a date literal of
the graph) calls :func:`parse_iso` and :func:`exists` here, so that they agree on what a date is.
No rdflib: the extractor imports it.

>>> parse_iso("2025-02-17"), parse_iso("2025"), parse_iso("--02-17")
((2025, 2, 17), (2025, None, None), (None, 2, 17))
>>> exists(2025, 2, 29), exists(None, 2, 29), exists(2024, 2, 29)
(False, True, True)
"""

from __future__ import annotations

import calendar
import re

# The years a date may have: a text's year is read between MIN_YEAR and MAX_YEAR; a day with
# no year is anchored on its publication's year, or the year after it (an upcoming event),
# hence MAX_YEAR + 1 for an anchored day.
MIN_YEAR, MAX_YEAR = 1000, 2199

_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?|--(\d{2})-(\d{2})")


def parse_iso(value: str) -> tuple[int | None, int | None, int | None]:
    """(year, month, day) of an ISO/XSD partial date (surrounding blanks ignored), None for
    the parts it does not give. Raises ValueError on anything else; does not check that the
    day exists (see :func:`exists`)."""
    m = _ISO.fullmatch(value.strip())
    if m is None:
        raise ValueError(f"not an ISO date: {value!r}")
    y, mo, d, md_m, md_d = (int(g) if g else None for g in m.groups())
    if md_m is not None:
        return None, md_m, md_d
    return y, mo, d


def year_in_range(year: int) -> bool:
    """Whether a year is one the project reads (a day anchored a year on included)."""
    return MIN_YEAR <= year <= MAX_YEAR + 1


def days_in(month: int, year: int | None) -> int:
    """The days of a month; with no year, of a leap year's (29 February may be)."""
    return calendar.monthrange(year if year is not None else 2000, month)[1]


def exists(year: int | None, month: int | None, day: int | None) -> bool:
    """Whether a partial date can be a real one: its year in range, its month one of the
    twelve, its day one of its month's (in a leap year when the year is unknown)."""
    if year is not None and not year_in_range(year):
        return False
    if month is None:
        return day is None
    if not 1 <= month <= 12:
        return False
    return day is None or 1 <= day <= days_in(month, year)
