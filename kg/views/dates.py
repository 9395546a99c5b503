"""Dates as a French reader writes them: xsd lexical forms (a date, a year and month, a month
and day...) → "17 févr. 2026", and "(année inconnue)" rather than an invented year.
"""

from __future__ import annotations

import re


def _year(lexical: str) -> int | None:
    """The year of an xsd:date / gYearMonth / gYear lexical form; None for gMonthDay."""
    text = str(lexical).strip()
    if text.startswith("--"):
        return None
    m = re.match(r"^(\d{4})(?:$|[-TZ+])", text)
    return int(m.group(1)) if m else None


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
_DATE_FORMS = (  # xsd:date (optional time zone), gYearMonth, gYear, gMonthDay, gMonth, gDay
    (r"(\d{4})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:\d{2})?", "ymd"),
    (r"(\d{4})-(\d{2})(?:Z|[+-]\d{2}:\d{2})?", "ym"),
    (r"(\d{4})(?:Z|[+-]\d{2}:\d{2})?", "y"),
    (r"--(\d{2})-(\d{2})(?:Z|[+-]\d{2}:\d{2})?", "md"),
    (r"--(\d{2})", "m"),
    (r"---(\d{2})", "d"),
)


def _date_parts(lexical: str) -> tuple[int | None, int | None, int | None] | None:
    """(year, month, day) of an xsd date-like lexical form, None for unknown parts; None when
    the text is not such a form."""
    text = str(lexical).strip()
    for pattern, fields in _DATE_FORMS:
        m = re.fullmatch(pattern, text)
        if m:
            got = dict(zip(fields, (int(g) for g in m.groups())))
            y, mo, d = got.get("y"), got.get("m"), got.get("d")
            if (mo is not None and not 1 <= mo <= 12) or (d is not None and not 1 <= d <= 31):
                return None
            return y, mo, d
    return None


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
