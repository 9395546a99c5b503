"""Publication dates as written in a record's ``published`` field or a page's ``# published:``
header (a date, or a date and time) → an ISO date, or a warning saying why not.
"""

from __future__ import annotations

import datetime as _dt
import re

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_DATETIME_TAIL = re.compile(
    r"[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?"
)


# the years the date reader (kg.extract.dates: MIN_YEAR, MAX_YEAR) anchors days on
_FIRST_YEAR, _LAST_YEAR = 1000, 2199


def _type_name(value: object) -> str:
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


def _parse_published(value: object) -> tuple[str | None, str | None]:
    """(ISO date or None, warning or None) for a record's ``published``."""
    if value is None:
        return None, None
    if not isinstance(value, str):
        return None, f'"published" must be a string, got {_type_name(value)}; ignored'
    s = value.strip()
    if not s:
        return None, None
    m = _DATE.fullmatch(s)
    if not m:
        m = _DATE.match(s)
        if not (m and m.group(3) and _DATETIME_TAIL.fullmatch(s, m.end())):
            m = None
    if m:
        y, mo, d = m.group(1), m.group(2), m.group(3)
        try:
            _dt.date(int(y), int(mo or 1), int(d or 1))
        except ValueError:
            m = None
        else:
            if not _FIRST_YEAR <= int(y) <= _LAST_YEAR:
                return None, (
                    f'"published" year {y} is outside {_FIRST_YEAR}-{_LAST_YEAR}; ignored'
                )
            return "-".join(x for x in (y, mo, d) if x), None
    shown = s if len(s) <= 40 else s[:37] + "..."
    return None, (
        f'"published" is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD): {shown!r}; ignored'
    )
