"""French date expressions → typed partial dates.

:func:`find_dates` reads the date expressions of a text (usually one sentence) and gives each
as a :class:`DateMention`: where it is, its first day (and last day for a range) as a
:class:`~kg.facts.PartialDate`, how precise it is and whether the text wrote the year.

The words (months, weekdays, parts of the day, cues of tense) are data, read once from
``ontology/lexicon/dates.tsv``; the grammar is here. What is read:

- One day: "le 17 février", "vendredi 28 nov.", "ce jeudi 29 janvier", "lundi matin 19
  novembre", "mardi matin,18 mars", "Le 18 octobre au soir", "dans l'après-midi du 28
  novembre", "Cet après-midi, 10 septembre", "1er janvier", "le 15 août 1964", "18/10/2025".
  The year is the text's, else anchored on the publication date (:func:`anchor`), else
  unknown (``--11-28``, xsd:gMonthDay).
- A range of days: "du 25 au 29 septembre", "du 18 au 28 avril 2023", "entre le 3 et le 5
  mars", "(28-29 janvier)", "les 2 et 3 février", "les dimanche 18 et lundi 19 novembre". An
  end without a year takes it from the other end ("du 18 au 28 avril 2023": both 2023; "du
  30 décembre au 2 janvier 2025" starts in 2024); a first day without a month takes the
  last one's, or the month before ("du 28 au 2 mars" starts on 28 February). With no year
  written, a past range is anchored by its first day and an upcoming one by its last day.
- Days joined by "et" / "," make a range only when they follow each other; "les 2 et 10
  février" is two days.
- A dash between two full dates a year or more apart is two single days, not a range: it
  brackets an anniversary ("(28 novembre 1990 – 28 novembre 2025)"). Closer full dates
  joined by a dash are a range, and "du … au …" is always a range.
- A month with a year: "en décembre 1955", "juin 2013", "fin décembre 2025" (xsd:gYearMonth).
  A month without a year ("en avril dernier") is no date at all.
- A year alone (xsd:gYear) counts only right after a year cue of the table ("en 2013", "dès
  2004", "depuis 2013", "l'année 2026", "mi-2025"), inside parentheses ("(2013)"), or in a
  pair or period of years: "(2013-2023)" is two year mentions, "de 2021 à 2025" one range of
  years. So "l'Année du Cheval 2026", "la Convention de 1982", "70 ans" are not dates.

Numbers glued to letters (``26e``, ``47ᵉ``, ``Covid-19``, ``ACAMM-26``) are never days; a
day must exist in its month (``31 février`` is skipped, and hides nothing around it); years
are read between 1000 and 2199.

Tense, for anchoring a day without a year: a cue right after the date ("le 26 juillet
dernier", "le 5 mars prochain") decides; else the ``upcoming`` argument; else the sentence's
cues (:func:`is_upcoming`), refined per date when the sentence mixes past and future: the cue
nearest the date decides ("X a annoncé que Y se rendra le 5 février" is upcoming, "Le 20
octobre, X a déclaré que le pays sera…" is past).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from kg.dates import MAX_YEAR, MIN_YEAR, exists, parse_iso
from kg.facts import PartialDate
from kg.resources import resource

LEXICON_FILE = resource("ontology/lexicon/dates.tsv")


@dataclass(frozen=True)
class DateMention:
    start: int  # char offsets of the whole expression in the text given
    end: int
    text: str
    first: PartialDate  # start of the event
    last: PartialDate | None  # end of a range, else None
    precision: str  # "day", "month", "year"
    stated_year: bool  # the text wrote the year


# --------------------------------------------------------------------------- the word table


@dataclass(frozen=True)
class _Words:
    rows: dict[str, tuple[tuple[str, str], ...]]  # kind -> ((form, value), ...)

    def forms(self, kind: str) -> list[str]:
        return [f for f, _ in self.rows.get(kind, ())]


@lru_cache(maxsize=1)
def _words() -> _Words:
    rows: dict[str, list[tuple[str, str]]] = {}
    header_seen = False
    for raw in LEXICON_FILE.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = raw.split("\t")
        if not header_seen:
            header_seen = True
            if cells[0].strip() == "kind":
                continue
        kind = cells[0].strip()
        form = cells[1].strip() if len(cells) > 1 else ""
        value = cells[2].strip() if len(cells) > 2 else ""
        if kind and form:
            rows.setdefault(kind, []).append((form, value))
    return _Words({k: tuple(v) for k, v in rows.items()})


def weekday_names() -> tuple[str, ...]:
    """The weekday words of the table ("lundi" … "dimanche"), lower-case."""
    return tuple(f.lower() for f in _words().forms("weekday"))


def _norm(word: str) -> str:
    """Key for looking a matched word up in the table (case, apostrophes, spaces)."""
    return re.sub(r"\s+", " ", word.replace("’", "'")).strip().lower()


def _phrase(form: str) -> str:
    """Regex for one table form: spaces match any white space, apostrophes both kinds."""
    out = []
    for ch in form:
        if ch == " ":
            out.append(r"\s+")
        elif ch in "'’":
            out.append("['’]")
        elif ch in "-‐‑":
            out.append("[-‐‑]")
        else:
            out.append(re.escape(ch))
    rx = "".join(out)
    head = r"(?<!\w)" if form[:1].isalnum() else ""
    tail = r"(?!\w)" if form[-1:].isalnum() else ""
    return head + rx + tail


def _alt(forms: list[str]) -> str:
    forms = sorted(set(forms), key=lambda f: (-len(f), f))
    return "(?:" + "|".join(_phrase(f) for f in forms) + ")"


# --------------------------------------------------------------------------- the grammar


@dataclass(frozen=True)
class _Grammar:
    # (kind, pattern, gate): every match of the pattern holds a match of its gate (a month
    # name, a year, a slash), so a text the gate does not find is not searched
    patterns: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...]
    day_rx: re.Pattern[str]
    months: dict[str, int]
    ordinals: dict[str, int]
    after_cues: dict[str, str]
    range_pairs: frozenset[tuple[str, str]]  # (range_from, range_to) that go together
    year_range_pairs: frozenset[tuple[str, str]]
    cue_rx: re.Pattern[str]
    aux_rx: re.Pattern[str]


@lru_cache(maxsize=1)
def _grammar() -> _Grammar:
    w = _words()
    months = {_norm(f): int(v) for f, v in w.rows["month"]}
    ordinals = {_norm(f): int(v) for f, v in w.rows.get("day_ordinal", ())}
    after = {_norm(f): v for f, v in w.rows.get("after_cue", ())}

    MON = _alt(w.forms("month"))
    WD = _alt(w.forms("weekday"))
    DP = _alt(w.forms("daypart"))
    DET = _alt(w.forms("determiner"))
    LINK = _alt(w.forms("daypart_link"))
    DASH = "(?:" + "|".join(re.escape(d) for d in w.forms("dash")) + ")"
    RFROM = _alt(w.forms("range_from"))
    RTO = _alt(w.forms("range_to"))
    POPEN = _alt(w.forms("pair_open"))
    PJOIN = _alt(w.forms("pair_join"))
    YFROM = _alt(w.forms("year_range_from"))
    YTO = _alt(w.forms("year_range_to"))
    AFTER = _alt(list(after))
    ycues = w.forms("year_cue")
    YCUE = (
        "(?:"
        + "|".join(
            _phrase(c) + (r"\s*" if c.endswith("-") else r"\s+")
            for c in sorted(ycues, key=len, reverse=True)
        )
        + ")"
    )

    ORD = _alt(list(w.forms("day_ordinal")))
    DAYNUM = rf"(?:{ORD}|(?<!\d)\d{{1,2}}(?!\w))"
    YEAR = r"(?<!\d)(?:1\d{3}|20\d{2}|21\d{2})(?!\w)"
    SEP = r"(?:\s*,\s*|\s+)"
    START = r"(?<![\w\-‐‑–—/.])"  # an expression never starts glued to a word/number

    def day(name: str) -> str:
        # optional weekday and part of the day before the number: "lundi matin 19", "mardi matin,18"
        return rf"(?:{WD}{SEP}(?:{DP}{SEP})?)?(?P<{name}>{DAYNUM})"

    def month_year(i: int) -> str:
        return rf"(?P<m{i}>{MON})(?:\s+(?P<y{i}>{YEAR}))?"

    POST = rf"(?:\s+(?P<cue>{AFTER}))?(?:\s+(?:au\s+|en\s+|dans\s+l['’]\s*)?{DP})?"
    PRE = (
        rf"(?:(?:dans\s+)?{DET}\s*{DP}\s+{LINK}\s+"  # dans l'après-midi du
        rf"|{DET}\s+{DP}{SEP}"  # cet après-midi,
        rf"|{DET}\s+)"
    )  # le, ce

    patterns = [
        (
            "range",
            rf"{START}(?P<pre>{RFROM})\s+{day('d1')}(?:\s+{month_year(1)})?"
            rf"\s+(?P<join>{RTO})\s+{day('d2')}\s+{month_year(2)}{POST}",
        ),
        (
            "list",
            rf"{START}(?:(?P<pre>{POPEN})\s+)?{day('d1')}(?:\s+(?P<m1>{MON}))?"
            rf"(?P<more>(?:\s*,\s*(?:{WD}{SEP}(?:{DP}{SEP})?)?{DAYNUM})*)"
            rf"\s+(?P<join>{PJOIN})\s+{day('d2')}\s+{month_year(2)}{POST}",
        ),
        (
            "dash",
            rf"{START}(?:(?P<pre>{POPEN}|{DET})\s+)?{day('d1')}(?:\s+{month_year(1)})?"
            rf"\s*(?P<join>{DASH})\s*{day('d2')}\s+{month_year(2)}{POST}",
        ),
        ("single", rf"{START}(?P<pre>{PRE})?{day('d1')}\s+{month_year(1)}{POST}"),
        (
            "slash",
            rf"(?<![\w/.\-])(?:(?P<pre>{DET})\s+)?(?P<d1>\d{{1,2}})/(?P<mn>\d{{1,2}})/"
            rf"(?P<y1>\d{{4}})(?![\w/])",
        ),
        ("month", rf"{START}(?P<pre>{YCUE})?(?P<m1>{MON})\s+(?P<y1>{YEAR})"),
        (
            "yearpair",
            rf"(?<![\w\-‐‑–—])(?P<y1>{YEAR})\s*(?P<join>{DASH})\s*(?P<y2>{YEAR})(?![\-‐‑–—]\w)",
        ),
        (
            "yearrange",
            rf"{START}(?P<pre>{YFROM})\s+(?P<y1>{YEAR})\s+(?P<join>{YTO})\s+(?P<y2>{YEAR})",
        ),
        ("yearcue", rf"{START}(?P<pre>{YCUE})(?P<y1>{YEAR})"),
        ("yearparen", rf"\(\s*(?P<y1>{YEAR})\s*\)"),
    ]
    month_gate = re.compile(MON, re.IGNORECASE)
    year_gate = re.compile(YEAR)
    gates = {"slash": re.compile("/"), "month": month_gate}
    gates |= dict.fromkeys(("range", "list", "dash", "single"), month_gate)
    gates |= dict.fromkeys(("yearpair", "yearrange", "yearcue", "yearparen"), year_gate)
    compiled = tuple((k, re.compile(p, re.IGNORECASE), gates[k]) for k, p in patterns)

    def pairs(kind: str) -> frozenset[tuple[str, str]]:
        return frozenset((_norm(v), _norm(f)) for f, v in w.rows.get(kind, ()))

    # tense cues: words (one regex, classified afterwards) and compound pasts
    cue_words = w.forms("upcoming_cue") + w.forms("past_word") + w.forms("future_form")
    cue_rx = re.compile(rf"{_alt(cue_words)}|(?<!\w)[^\W\d_]+(?!\w)", re.IGNORECASE)
    aux = "|".join(re.escape(a) for a in w.forms("past_auxiliary"))
    adv = _alt(w.forms("adverb"))
    aux_rx = re.compile(
        rf"(?<!\w)(?:{aux})\s+(?:(?:{adv}|[^\W\d_]+ment)\s+)?(?P<part>[^\W\d_]+)(?!\w)"
    )
    return _Grammar(
        patterns=compiled,
        day_rx=re.compile(DAYNUM, re.IGNORECASE),
        months=months,
        ordinals=ordinals,
        after_cues=after,
        range_pairs=pairs("range_to"),
        year_range_pairs=pairs("year_range_to"),
        cue_rx=cue_rx,
        aux_rx=aux_rx,
    )


# --------------------------------------------------------------------------- tense


@dataclass(frozen=True)
class _Cue:
    start: int
    end: int
    kind: str  # strong | future | weak | past


@dataclass(frozen=True)
class _Tense:
    upcoming: dict[str, str]  # cue -> strong | weak
    past_words: frozenset[str]
    future_forms: frozenset[str]
    endings: tuple[tuple[str, int], ...]
    exclude: frozenset[str]
    participle_endings: tuple[str, ...]
    not_participles: frozenset[str]


@lru_cache(maxsize=1)
def _tense() -> _Tense:
    w = _words()
    return _Tense(
        upcoming={_norm(f): v for f, v in w.rows.get("upcoming_cue", ())},
        past_words=frozenset(_norm(f) for f in w.forms("past_word")),
        future_forms=frozenset(_norm(f) for f in w.forms("future_form")),
        endings=tuple((e, int(v or 0)) for e, v in w.rows.get("future_ending", ())),
        exclude=frozenset(_norm(f) for f in w.forms("future_exclude")),
        participle_endings=tuple(w.forms("participle_ending")),
        not_participles=frozenset(_norm(f) for f in w.forms("not_participle")),
    )


@lru_cache(maxsize=65536)
def _word_cue(word: str) -> str | None:
    """What one word says of the time (strong, weak, past, future; None: nothing), decided
    once per word."""
    t = _tense()
    key = _norm(word)
    if key in t.upcoming:
        return "strong" if t.upcoming[key] == "strong" else "weak"
    if key in t.past_words:
        return "past"
    if key in t.future_forms and word == word.lower():
        return "future"
    if (
        word == word.lower()
        and key not in t.exclude
        and any(key.endswith(e) and len(key) >= n for e, n in t.endings)
    ):
        return "future"
    return None


def _cues(text: str) -> list[_Cue]:
    """Where the text says past or future: cue words, future verbs, compound pasts."""
    g, t = _grammar(), _tense()
    upcoming, not_participles = t.upcoming, t.not_participles
    part_endings = t.participle_endings
    out: list[_Cue] = []
    for m in g.cue_rx.finditer(text):
        kind = _word_cue(m.group(0))
        if kind is not None:
            out.append(_Cue(m.start(), m.end(), kind))
    for m in g.aux_rx.finditer(text):
        part = m.group("part")
        if part != part.lower() or _norm(part) in upcoming or _norm(part) in not_participles:
            continue
        if part.endswith(part_endings):
            out.append(_Cue(m.start(), m.end(), "past"))
    return out


_RANK = {"strong": 0, "past": 1, "future": 2, "weak": 3}


def _nearest_says_upcoming(cues: list[_Cue], start: int, end: int) -> bool:
    def dist(c: _Cue) -> int:
        if c.end <= start:
            return start - c.end
        if c.start >= end:
            return c.start - end
        return 0

    best = min(cues, key=lambda c: (dist(c), _RANK[c.kind]))
    return best.kind != "past"


def _upcoming_from_cues(cues: list[_Cue], start: int | None, end: int | None) -> bool:
    ups = [c for c in cues if c.kind != "past"]
    if not ups:
        return False
    if len(ups) == len(cues):
        return True
    if start is None or end is None:
        return any(c.kind == "strong" for c in ups)
    return _nearest_says_upcoming(cues, start, end)


def is_upcoming(sentence: str) -> bool:
    """Does the sentence announce a coming event?

    True when it holds an upcoming cue ("prévu(e)", "devra", "prochain(e)", a future-tense verb
    such as "effectuera") and no past cue (a compound past such as "a reçu", "s'est
    entretenu", or "hier", "récemment"). When it holds both, the cue nearest its first date
    decides; with no date, a strong cue ("prévu", "devra") wins.
    """
    cues = _cues(sentence)
    first = next(iter(_raw_spans(sentence)), None)
    if first is None:
        return _upcoming_from_cues(cues, None, None)
    return _upcoming_from_cues(cues, *first)


# --------------------------------------------------------------------------- anchoring


def _valid(day: int, month: int, year: int | None) -> bool:
    return exists(year, month, day)


def _published(published: str) -> tuple[int, int | None, int | None]:
    try:
        y, mo, d = parse_iso(published)
    except ValueError:
        y = None
    if y is None:
        raise ValueError(
            f"publication date is not ISO 8601 (YYYY, YYYY-MM, YYYY-MM-DD): {published!r}"
        )
    if not exists(y, mo, d):
        raise ValueError(f"publication date does not exist: {published!r}")
    return y, mo, d


def anchor(day_month: tuple[int, int], published: str | None, upcoming: bool) -> PartialDate:
    """The date of a day given without a year ("le 17 février" → ``(17, 2)``).

    With no publication date the year stays unknown (``--02-17``). Otherwise the day takes the
    publication year; if it would then fall after publication and the event is not upcoming,
    the year before; if the event is upcoming and it would fall before publication, the year
    after. The comparison is made at the publication date's own precision (a month-only
    "2025-04" makes any April day "the same time"; a year-only date never shifts). A 29
    February that lands on a common year keeps its year unknown rather than guess.
    """
    day, month = day_month
    if not _valid(day, month, None):
        raise ValueError(f"no such day: {day}/{month}")
    if published is None:
        return PartialDate(None, month, day)
    py, pm, pd = _published(published)
    year = py
    if pm is not None:
        here: tuple[int, ...] = (month, day) if pd is not None else (month,)
        pub: tuple[int, ...] = (pm, pd) if pd is not None else (pm,)
        if not upcoming and here > pub:
            year -= 1
        elif upcoming and here < pub:
            year += 1
    if not _valid(day, month, year):
        return PartialDate(None, month, day)
    return PartialDate(year, month, day)


# --------------------------------------------------------------------------- reading

_Candidate = tuple[int, int, str, "re.Match[str]"]  # start, end, pattern name, match


def _candidates(text: str) -> list[_Candidate]:
    """Every match of every pattern; a pattern whose gate the text lacks is not tried (the
    patterns are long alternations tried at every character: most sentences with a number
    name no month)."""
    found = []
    gated: dict[re.Pattern[str], bool] = {}
    for kind, rx, gate in _grammar().patterns:
        if gate not in gated:
            gated[gate] = gate.search(text) is not None
        if gated[gate]:
            for m in rx.finditer(text):
                found.append((m.start(), m.end(), kind, m))
    return found


def _choose(cands: list[_Candidate]) -> list[_Candidate]:
    """Longest expressions first; a shorter one overlapping a chosen one is dropped."""
    chosen: list = []
    taken: list[tuple[int, int]] = []
    for c in sorted(cands, key=lambda c: (-(c[1] - c[0]), c[0])):
        if c[2] == "range" and not _range_words_agree(c[3], _grammar().range_pairs):
            continue
        if c[2] == "yearrange" and not _range_words_agree(c[3], _grammar().year_range_pairs):
            continue
        if any(c[0] < e and s < c[1] for s, e in taken):
            continue
        chosen.append(c)
        taken.append((c[0], c[1]))
    return sorted(chosen, key=lambda c: c[0])


def _range_words_agree(m: re.Match[str], pairs: frozenset[tuple[str, str]]) -> bool:
    return (_norm(m.group("pre")), _norm(m.group("join"))) in pairs


def _raw_spans(text: str) -> list[tuple[int, int]]:
    return [(s, e) for s, e, _, _ in _choose(_candidates(text))]


def _day_value(s: str) -> int:
    g = _grammar()
    key = _norm(s)
    return g.ordinals[key] if key in g.ordinals else int(s)


def _month_value(s: str | None) -> int | None:
    return None if s is None else _month(s)


def _month(s: str) -> int:
    """The month of a month name a pattern requires (its group always matched)."""
    return _grammar().months[_norm(s)]


def _year_value(s: str | None) -> int | None:
    return None if s is None else int(s)


@dataclass
class _Ctx:
    text: str
    published: str | None
    upcoming: bool | None
    _cues: list[_Cue] | None = None

    def upcoming_at(self, start: int, end: int, cue: str | None) -> bool:
        if cue:
            return _grammar().after_cues.get(_norm(cue)) == "upcoming"
        if self.upcoming is not None:
            return self.upcoming
        if self._cues is None:
            self._cues = _cues(self.text)
        return _upcoming_from_cues(self._cues, start, end)


def _mention(
    ctx: _Ctx,
    start: int,
    end: int,
    first: PartialDate,
    last: PartialDate | None,
    precision: str,
    stated: bool,
) -> DateMention:
    return DateMention(start, end, ctx.text[start:end], first, last, precision, stated)


def _shift_month(month: int, year: int | None, by: int) -> tuple[int, int | None]:
    n = month - 1 + by
    return n % 12 + 1, (None if year is None else year + n // 12)


def _read_single(ctx: _Ctx, m: re.Match[str]) -> list[DateMention]:
    d, mo, y = _day_value(m.group("d1")), _month(m.group("m1")), _year_value(m.group("y1"))
    if not _valid(d, mo, y):
        return []
    if y is not None:
        first = PartialDate(y, mo, d)
    else:
        first = anchor((d, mo), ctx.published, ctx.upcoming_at(m.start(), m.end(), m.group("cue")))
    return [_mention(ctx, m.start(), m.end(), first, None, "day", y is not None)]


def _read_slash(ctx: _Ctx, m: re.Match[str]) -> list[DateMention]:
    d, mo, y = int(m.group("d1")), int(m.group("mn")), int(m.group("y1"))
    if not (MIN_YEAR <= y <= MAX_YEAR and _valid(d, mo, y)):
        return []
    return [_mention(ctx, m.start(), m.end(), PartialDate(y, mo, d), None, "day", True)]


def _ends(
    ctx: _Ctx,
    m: re.Match[str],
    d1: int,
    m1: int | None,
    y1: int | None,
    d2: int,
    m2: int,
    y2: int | None,
) -> tuple[PartialDate, PartialDate, bool] | None:
    """Complete the two ends of a range from each other (and the publication date)."""
    if m1 is None:
        m1 = m2
        if d1 > d2:  # "du 28 au 2 mars": 28 February
            m1, _ = _shift_month(m2, None, -1)
            if y1 is None and y2 is not None and m2 == 1:
                y1 = y2 - 1
    stated = y1 is not None or y2 is not None
    if y1 is None and y2 is not None:
        y1 = y2 if (m1, d1) <= (m2, d2) else y2 - 1
    elif y2 is None and y1 is not None:
        y2 = y1 if (m2, d2) >= (m1, d1) else y1 + 1
    if not (_valid(d1, m1, y1) and _valid(d2, m2, y2)):
        return None
    if (m1, d1) > (m2, d2) and m1 <= m2:  # "du 28 mars au 2 mars"
        return None
    if y1 is None:
        # No year written: a past range is anchored by its first day (it began before
        # publication), an upcoming one by its last day (it ends after publication), so a
        # range under way at publication stays in the publication year.
        wraps = (m1, d1) > (m2, d2)  # "du 30 décembre au 2 janvier"
        if ctx.upcoming_at(m.start(), m.end(), _group(m, "cue")):
            last = anchor((d2, m2), ctx.published, True)
            y1 = None if last.year is None else last.year - wraps
            if y1 is not None and not _valid(d1, m1, y1):
                return None
            return PartialDate(y1, m1, d1), last, False
        first = anchor((d1, m1), ctx.published, False)
        y2 = None if first.year is None else first.year + wraps
        if y2 is not None and not _valid(d2, m2, y2):
            return None
        return first, PartialDate(y2, m2, d2), False
    first, last = PartialDate(y1, m1, d1), PartialDate(y2, m2, d2)
    if first > last:
        return None
    return first, last, stated


def _group(m: re.Match[str], name: str) -> str | None:
    try:
        return m.group(name)
    except IndexError:
        return None


def _read_range(ctx: _Ctx, m: re.Match[str], dash: bool = False) -> list[DateMention]:
    d1, d2 = _day_value(m.group("d1")), _day_value(m.group("d2"))
    m1, m2 = _month_value(_group(m, "m1")), _month(m.group("m2"))
    y1, y2 = _year_value(_group(m, "y1")), _year_value(m.group("y2"))
    ends = _ends(ctx, m, d1, m1, y1, d2, m2, y2)
    if ends is None:
        return []
    first, last, stated = ends
    # Two full dates joined by a dash a year or more apart: two points ("(28 novembre 1990 –
    # 28 novembre 2025)" brackets an anniversary). "du … au …" is always one range.
    if (
        dash
        and y1 is not None
        and y2 is not None
        and first.year is not None
        and last.year is not None
        and (last.year, last.month, last.day) >= (first.year + 1, first.month, first.day)
    ):
        join_end = m.end("join")
        gap = ctx.text[join_end : m.start("d2")]
        second_start = join_end + len(gap) - len(gap.lstrip())  # at its weekday, if any
        first_end = m.start("join")
        while first_end > m.start() and ctx.text[first_end - 1].isspace():
            first_end -= 1
        return [
            _mention(ctx, m.start(), first_end, first, None, "day", True),
            _mention(ctx, second_start, m.end(), last, None, "day", True),
        ]
    if first == last:
        return [_mention(ctx, m.start(), m.end(), first, None, "day", stated)]
    return [_mention(ctx, m.start(), m.end(), first, last, "day", stated)]


def _read_list(ctx: _Ctx, m: re.Match[str]) -> list[DateMention]:
    g = _grammar()
    head_end = m.end("m1") if _group(m, "m1") else m.end("d1")
    days: list[tuple[int, int, int]] = [(_day_value(m.group("d1")), m.start(), head_end)]
    more_start = m.start("more")
    for dm in g.day_rx.finditer(m.group("more") or ""):
        days.append((_day_value(dm.group(0)), more_start + dm.start(), more_start + dm.end()))
    d2 = _day_value(m.group("d2"))
    m1 = _month_value(_group(m, "m1"))
    m2 = _month(m.group("m2"))
    y2 = _year_value(m.group("y2"))
    if m1 is not None and len(days) > 1:
        return []
    if m1 is not None and m1 != m2:
        # "le 30 novembre et le 1er décembre": a range when the days follow each other
        ends = _ends(ctx, m, days[0][0], m1, None, d2, m2, y2)
        if ends is None:
            return []
        first, last, stated = ends
        if _consecutive(first, last):
            return [_mention(ctx, m.start(), m.end(), first, last, "day", stated)]
        return _points(ctx, m, [(days[0][0], m1, days[0][1], days[0][2])], d2, m2, y2)
    numbers = [d for d, _, _ in days] + [d2]
    if all(b == a + 1 for a, b in zip(numbers, numbers[1:])):
        ends = _ends(ctx, m, numbers[0], m2, None, d2, m2, y2)
        if ends is None:
            return []
        first, last, stated = ends
        return [_mention(ctx, m.start(), m.end(), first, last, "day", stated)]
    return _points(ctx, m, [(d, m2, s, e) for d, s, e in days], d2, m2, y2)


def _points(
    ctx: _Ctx,
    m: re.Match[str],
    heads: list[tuple[int, int, int, int]],
    d2: int,
    m2: int,
    y2: int | None,
) -> list[DateMention]:
    """Days listed with "et" that do not follow each other: one mention each."""
    out = []
    items = heads + [(d2, m2, m.start("d2"), m.end())]
    for d, mo, s, e in items:
        if not _valid(d, mo, y2):
            return []
        if y2 is not None:
            first = PartialDate(y2, mo, d)
        else:
            first = anchor(
                (d, mo), ctx.published, ctx.upcoming_at(m.start(), m.end(), _group(m, "cue"))
            )
        out.append(_mention(ctx, s, e, first, None, "day", y2 is not None))
    return out


def _consecutive(a: PartialDate, b: PartialDate) -> bool:
    if a.month is None or a.day is None or b.month is None or b.day is None:
        return False
    ya = a.year if a.year is not None else 2001
    yb = b.year if b.year is not None else (ya if (b.month, b.day) >= (a.month, a.day) else ya + 1)
    try:
        return (dt.date(yb, b.month, b.day) - dt.date(ya, a.month, a.day)).days == 1
    except ValueError:
        return False


def _read_month(ctx: _Ctx, m: re.Match[str]) -> list[DateMention]:
    y = int(m.group("y1"))
    return [
        _mention(
            ctx,
            m.start(),
            m.end(),
            PartialDate(y, _month_value(m.group("m1"))),
            None,
            "month",
            True,
        )
    ]


def _read_year(ctx: _Ctx, m: re.Match[str]) -> list[DateMention]:
    return [_mention(ctx, m.start(), m.end(), PartialDate(int(m.group("y1"))), None, "year", True)]


def _read_yearpair(ctx: _Ctx, m: re.Match[str]) -> list[DateMention]:
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    return [
        _mention(ctx, m.start("y1"), m.end("y1"), PartialDate(y1), None, "year", True),
        _mention(ctx, m.start("y2"), m.end("y2"), PartialDate(y2), None, "year", True),
    ]


def _read_yearrange(ctx: _Ctx, m: re.Match[str]) -> list[DateMention]:
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    if y2 <= y1:
        return []
    return [_mention(ctx, m.start(), m.end(), PartialDate(y1), PartialDate(y2), "year", True)]


_READERS = {
    "range": _read_range,
    "dash": lambda ctx, m: _read_range(ctx, m, dash=True),
    "list": _read_list,
    "single": _read_single,
    "slash": _read_slash,
    "month": _read_month,
    "yearpair": _read_yearpair,
    "yearrange": _read_yearrange,
    "yearcue": _read_year,
    "yearparen": _read_year,
}


def find_dates(
    text: str, published: str | None = None, *, upcoming: bool | None = None
) -> list[DateMention]:
    """The date expressions of ``text`` in reading order.

    ``published`` (ISO ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``) anchors days written without a
    year (see :func:`anchor`); ``upcoming`` says whether the text announces a coming event
    (``None``: decided from the text's cues, per date). Raises ValueError only for a malformed
    ``published``.
    """
    if published is not None:
        _published(published)
    ctx = _Ctx(text, published, upcoming)
    out: list[DateMention] = []
    for _, _, kind, m in _choose(_candidates(text)):
        out.extend(_READERS[kind](ctx, m))
    return out
