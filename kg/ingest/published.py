"""Publication dates as written in a record's ``published`` field or a page's ``# published:``
header (a date, or a date and time) → an ISO date, or a warning saying why not.
"""

from __future__ import annotations

import datetime as _dt
import re

from kg.dates import MAX_YEAR, MIN_YEAR, parse_iso

_DATETIME_TAIL = re.compile(
    r"[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?"
)


def value_type_name(value: object) -> str:
    if value is None:
        return "null"
    return {
        bool: "bool",
        int: "int",
        float: "float",
        str: "string",
        list: "list",
        dict: "object",
    }.get(type(value), type(value).__name__)


def _iso_head(s: str) -> tuple[str, str, str] | None:
    """The year, month and day texts ("" when absent) of a publication date read by
    :func:`kg.dates.parse_iso`: the whole text, or a full date followed by a time of day;
    None when it is neither or names no real day (its year range is checked by the caller)."""
    try:
        year, month, day = parse_iso(s)
    except ValueError:
        try:
            year, month, day = parse_iso(s[:10])
        except ValueError:
            return None
        if day is None or not _DATETIME_TAIL.fullmatch(s, 10):
            return None
    if year is None:  # --MM-DD: no publication date
        return None
    try:  # month 00 or day 00 are no date ("or 1" would let them through)
        _dt.date(year, 1 if month is None else month, 1 if day is None else day)
    except ValueError:
        return None
    return s[:4], s[5:7] if month is not None else "", s[8:10] if day is not None else ""


def parse_published(value: object) -> tuple[str | None, str | None]:
    """(ISO date or None, warning or None) for a record's ``published``."""
    if value is None:
        return None, None
    if not isinstance(value, str):
        return None, f'"published" must be a string, got {value_type_name(value)}; ignored'
    s = value.strip()
    if not s:
        return None, None
    parts = _iso_head(s)
    if parts is not None:
        y, mo, d = parts
        if not MIN_YEAR <= int(y) <= MAX_YEAR:
            return None, f'"published" year {y} is outside {MIN_YEAR}-{MAX_YEAR}; ignored'
        return "-".join(x for x in (y, mo, d) if x), None
    shown = s if len(s) <= 40 else s[:37] + "..."
    return None, (
        f'"published" is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD): {shown!r}; ignored'
    )
