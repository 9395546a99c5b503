"""Dates as a French reader writes them: xsd lexical forms (a date, a year and month, a month
and day...) → "17 févr. 2026", and "(année inconnue)" rather than an invented year.
"""

from __future__ import annotations

import re

from kg.dates import parse_iso


def year_of(lexical: str) -> int | None:
    """The year of an xsd:date / gYearMonth / gYear lexical form; None for gMonthDay."""
    text = str(lexical).strip()
    if text.startswith("--"):
        return None
    m = _YEAR_HEAD.match(text)  # a date or a timestamp: its first four digits, then - T Z +
    return parse_iso(m.group(1))[0] if m else None


_MONTHS_FR = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)
_ZONE = re.compile(r"(?:Z|[+-]\d{2}:\d{2})$")  # an xsd date's optional time zone
_YEAR_HEAD = re.compile(r"^(\d{4})(?:$|[-TZ+])")
_VIEW_ONLY_FORMS = (  # gMonth, gDay: read here only (kg.dates reads the ISO partial dates)
    (re.compile(r"--(\d{2})"), "m"),
    (re.compile(r"---(\d{2})"), "d"),
)


def _iso_parts(text: str) -> tuple[int | None, int | None, int | None] | None:
    """(year, month, day) of an xsd:date, gYearMonth, gYear or gMonthDay with an optional time
    zone, read by :func:`kg.dates.parse_iso`; None when the text is no such form."""
    core = _ZONE.sub("", text, count=1)
    if core != core.strip():
        return None
    try:
        return parse_iso(core)
    except ValueError:
        return None


def _date_parts(lexical: str) -> tuple[int | None, int | None, int | None] | None:
    """(year, month, day) of an xsd date-like lexical form, None for unknown parts; None when
    the text is not such a form."""
    text = str(lexical).strip()
    parts = _iso_parts(text)
    if parts is None:
        for pattern, field in _VIEW_ONLY_FORMS:
            m = pattern.fullmatch(text)
            if m:
                value = int(m.group(1))
                parts = (None, value, None) if field == "m" else (None, None, value)
                break
    if parts is None:
        return None
    y, mo, d = parts
    if (mo is not None and not 1 <= mo <= 12) or (d is not None and not 1 <= d <= 31):
        return None
    return y, mo, d


def _day(d: int) -> str:
    return "1er" if d == 1 else str(d)


def _french_one(y, m, d, with_year: bool = True) -> str:
    parts = []
    if d is not None:
        parts.append(_day(d))
    if m is not None:
        parts.append(_MONTHS_FR[m - 1])
    if with_year and y is not None:
        parts.append(str(y))
    return " ".join(parts)


def french_dates(start: str, end: str = "") -> str:
    """A date or a span of dates as a French reader writes it; a missing year is said, never
    guessed: ``--09-25``..``--09-29`` → "25–29 sept. (année inconnue)", ``2024-09-30``..
    ``2024-10-02`` → "30 sept. – 2 oct. 2024"; text that is no xsd date comes back as is."""
    a = _date_parts(start) if start else None
    b = _date_parts(end) if end and end != start else None
    if start and a is None:
        return str(start) + (f" – {end}" if end and end != start else "")
    if a is None:
        if b is None:
            return str(end) if end else ""
        return ("jusqu’au " if b[2] is not None else "jusqu’en ") + french_dates(end)
    unknown = " (année inconnue)" if a[0] is None and (b is None or b[0] is None) else ""
    if b is None:
        text = _french_one(*a)
        return text + unknown if a[1] is not None else text
    (ya, ma, da), (yb, mb, db) = a, b
    if ya == yb and ma == mb and da is not None and db is not None:  # 25–29 sept. 2024
        text = f"{_day(da)}–{_french_one(yb, mb, db)}"
    elif ya == yb and ma is not None and mb is not None:  # 30 sept. – 2 oct.
        text = f"{_french_one(ya, ma, da, with_year=False)} – {_french_one(yb, mb, db)}"
    elif ya is not None and yb == ya and mb is None:  # mai 2023 – 2023
        text = _french_one(ya, ma, da)
    else:
        text = f"{_french_one(*a)} – {_french_one(*b)}"
    return text + unknown
