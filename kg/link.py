"""Officials linked to Wikidata, offline: a gazetteer of office holders.

The table ``kg/data/officials-wikidata.tsv`` (Wikidata statements, CC0; its README beside it
says where it comes from) lists heads of state and government, ministers and ambassadors with
their Wikidata item, country, position and term. :class:`Gazetteer` indexes it by name, and
:meth:`Gazetteer.link` tells which holder, if any, an official read in an article is:

* names are compared as sets of words, each word diacritic-free, lower case and spelled by a
  rough French/English transliteration key ("Sergueï" = "Sergey", "Choukri" = "Shoukry",
  "Mohammed" = "Mohamed", "Ben" = "bin", "El" = "Al"; apostrophes join, hyphens split), so
  word order does not matter ("Xi Jinping" = "Jinping Xi") nor does case ("Igor GROMYKO");
* a name may leave out middle words of the holder's ("Badr Ben Hamad Al-Busaidi" for "Badr
  bin Hamad bin Hamood Al Busaidi": first and last words kept) or carry words the holder's
  name lacks ("Monsieur Igor Gromyko"); a name needs two words that are not particles;
* a holder is supported by the text when one of their terms covers a date of the article
  (its publication date, the dates of the events the official took part in; half a year of
  tolerance; an open term runs on after the table's snapshot), or, for an article with no
  date, has the position the official's title names (:func:`positions_of`, from
  ``kg/data/office-positions.tsv``); a term covering the date *and* of the position named
  is stronger than one covering the date only; a term the dates fall outside supports
  nothing;
* a country the text gives keeps only that country's terms: a holder of another country is
  not the official;
* the link is made only when exactly one holder is best supported (a name shared by two
  holders and nothing to tell them apart: no link; nothing in the text supporting the only
  namesake: no link either).

The table is read once per process and file (lazily: only a build that resolves officials
reads it). Another table with the same columns can be given (``kg build --officials FILE``);
a missing or malformed table is an error naming the file and line, never an empty gazetteer.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations
from pathlib import Path
from typing import NamedTuple

from kg.dates import exists, parse_iso
from kg.errors import DataTableError, Errors, at
from kg.facts import Extraction, Official, PartialDate
from kg.text import APOSTROPHES, fold, split_words
from kg.resources import resource

__all__ = [
    "COLUMNS",
    "POSITIONS",
    "GazetteerError",
    "Term",
    "Holder",
    "Link",
    "Gazetteer",
    "load_gazetteer",
    "parse_table",
    "positions_of",
    "name_words",
    "DEFAULT_TABLE",
]

COLUMNS = (
    "qid",
    "name",
    "label_fr",
    "aliases",
    "country",
    "position",
    "position_label",
    "start",
    "end",
)
POSITIONS = frozenset(
    {
        "head_of_state",
        "head_of_government",
        "foreign_minister",
        "minister",
        "ambassador",
        "org_head",
        "other",
    }
)
DEFAULT_TABLE = "officials-wikidata.tsv"  # in the package's data folder
TOLERANCE_DAYS = 183  # a term "covers" a date up to half a year before or after it
MAX_NAME_WORDS = 8  # longer "names" are runs of words, not names


class GazetteerError(DataTableError):
    """A table of office holders that cannot be used (message: ``file:line: [E005] problem``)."""

    def __init__(self, message: str) -> None:
        where, sep, problem = message.partition(": ")
        super().__init__(
            at(where, Errors.E005.format(problem=problem))
            if sep
            else Errors.E005.format(problem=message)
        )


# --- names ---------------------------------------------------------------------------------

# Letters NFKD does not take apart, and particles written several ways
_LETTERS = str.maketrans(
    {
        "ı": "i",
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "ß": "ss",
        "ł": "l",
        "ð": "d",
        "þ": "th",
        "ŀ": "l",
        "ʻ": "",
        "ʿ": "",
        "ʾ": "",
    }
)
_PARTICLES = {
    "ben": "bin",
    "bin": "bin",
    "ibn": "bin",
    "ould": "uld",
    "wuld": "uld",
    "mint": "bint",
    "bint": "bint",
    "bent": "bint",
    "el": "al",
    "al": "al",
    "ag": "ag",
    "abou": "abu",
    "abu": "abu",
    "de": "de",
    "da": "da",
    "dos": "dos",
    "das": "das",
    "del": "del",
    "della": "della",
    "di": "di",
    "du": "du",
    "van": "van",
    "von": "von",
    "der": "der",
    "den": "den",
    "ter": "ter",
}
# French and English spellings of one sound, folded to one (applied in this order)
_SOUNDS = (
    ("dj", "j"),
    ("tch", "ch"),
    ("sch", "sh"),
    ("ch", "sh"),
    ("kh", "k"),
    ("ph", "f"),
    ("th", "t"),
    ("ck", "k"),
    ("q", "k"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("y", "i"),
    ("w", "u"),
)
_GU = re.compile(r"gu(?=[ei])")
_DOUBLE = re.compile(r"(.)\1+")


@lru_cache(maxsize=1 << 16)  # an official's name is read in every article that names them
def name_words(name: str) -> tuple[str, ...]:
    """The words of a name as the gazetteer compares them, in order: folded, particles in
    one spelling, French and English spellings of a sound made one.

    A key of its own, cut by the same tokeniser as :func:`kg.text.name_words`
    (:func:`kg.text.split_words`) but looser: the table spells a name as Wikidata does, the
    text as a French outlet does ("Sergueï Lavrov" / "Sergey Lavrov", "Ben" / "bin",
    "N'Guesso" / "Nguesso"), so before the words are cut an apostrophe joins them and ``ø``,
    ``ł``, ``ß`` … become letters, and after, one sound gets one spelling. Names that only
    sound alike may be two people, so extraction, resolution and scoring (bound to the
    reference scorer) keep the stricter :func:`kg.text.name_key`; a link is checked by date,
    title and country besides.

    >>> name_words("Badr Ben Hamad Al-Busaidi")
    ('badr', 'bin', 'hamad', 'al', 'busaidi')
    >>> name_words("Sergueï LAVROV") == name_words("Sergey Lavrov")
    True
    """
    return names_words([name])[0]


_PARTICLE = re.compile(r"\b(?:" + "|".join(sorted(_PARTICLES, key=len, reverse=True)) + r")\b")


def names_words(names: list[str]) -> list[tuple[str, ...]]:
    """:func:`name_words` of many names at once (the sounds replaced in one string: the
    table's 36,000 names in a fraction of the time one by one)."""
    lines = []
    for name in names:
        folded = name.lower() if name.isascii() else fold(name).translate(_LETTERS)
        lines.append(" ".join(split_words(APOSTROPHES.sub("", folded))))
    text = _PARTICLE.sub(lambda m: _PARTICLES[m.group()], "\n".join(lines))
    for a, b in _SOUNDS:
        text = text.replace(a, b)
    text = _DOUBLE.sub(r"\1", _GU.sub("g", text))
    return [tuple(line.split()) for line in text.split("\n")]


_NOT_SIGNIFICANT = frozenset(name_words(" ".join(_PARTICLES.values())))


def _significant(words: Iterable[str]) -> int:
    """Words that can tell people apart: not particles, not initials."""
    return sum(len(w) > 1 for w in set(words) - _NOT_SIGNIFICANT)


# --- the table -------------------------------------------------------------------------------


class Term(NamedTuple):
    """One row of the table: a position held in a country from ``start`` to ``end`` (as
    written: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; empty: unknown start, or in office at
    the table's snapshot)."""

    country: str
    position: str
    label: str
    start: str
    end: str

    def covers(self, lo: int, hi: int, tolerance: int = TOLERANCE_DAYS) -> bool:
        """Whether the term meets the days ``lo``..``hi`` (ordinals; ``tolerance`` days each side)."""
        first, last = _bounds(self.start, self.end)
        return (first is None or first - tolerance <= hi) and (
            last is None or lo <= last + tolerance
        )


@lru_cache(maxsize=8192)
def _bounds(start: str, end: str) -> tuple[int | None, int | None]:
    """First day of ``start`` and last day of ``end`` as ordinals (None when empty)."""
    first = _span(PartialDate.parse(start)) if start else None
    last = _span(PartialDate.parse(end)) if end else None
    return (first[0] if first else None), (last[1] if last else None)


@dataclass(frozen=True)
class Holder:
    """A person of the table: their Wikidata item, names and terms."""

    qid: str
    name: str
    names: tuple[str, ...]
    terms: tuple[Term, ...]

    @property
    def countries(self) -> frozenset[str]:
        return frozenset(t.country for t in self.terms)


@dataclass(frozen=True)
class Link:
    """An official identified: the holder's Wikidata item and the country of the office the
    text supports (None when the text gives the country, or the terms disagree)."""

    qid: str
    country: str | None


def _span(d: PartialDate) -> tuple[int, int] | None:
    """The first and last day of a partial date (None without a year, or when impossible)."""
    if d.year is None or not exists(d.year, d.month, d.day):
        return None
    try:
        if d.month is None:
            return _dt.date(d.year, 1, 1).toordinal(), _dt.date(d.year, 12, 31).toordinal()
        first = _dt.date(d.year, d.month, d.day or 1)
        if d.day is not None:
            return first.toordinal(), first.toordinal()
        nxt = _dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        return first.toordinal(), nxt.toordinal() - 1
    except ValueError:
        return None


_QID = re.compile(r"Q[1-9][0-9]*")
_ROW_DATE = r"([0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?)?"
_ROW = re.compile(
    r"(Q[1-9][0-9]*)\t([^\t\s][^\t]*)\t([^\t]*)\t([^\t]*)\t([A-Z]{2,4})\t("
    + "|".join(sorted(POSITIONS))
    + r")\t([^\t]*)\t"
    + _ROW_DATE
    + r"\t"
    + _ROW_DATE
)


def _row_problem(cells: list[str], where: str) -> None:
    """Raise the error that says what is wrong with a row the fast pattern did not take."""
    if len(cells) != len(COLUMNS):
        raise GazetteerError(
            f"{where}: {len(cells)} columns, expected {len(COLUMNS)} (tab-separated)"
        )
    qid, name, _, _, country, position, _, start, end = (c.strip() for c in cells)
    if not _QID.fullmatch(qid):
        raise GazetteerError(
            f"{where}: column 'qid': {qid!r} is not a Wikidata item id (Q followed by digits)"
        )
    if not name:
        raise GazetteerError(f"{where}: column 'name' is empty")
    if not _CODE.fullmatch(country):
        raise GazetteerError(
            f"{where}: column 'country': {country!r} is not an ISO 3166-1 "
            "alpha-2 or organisation code (upper case)"
        )
    if position not in POSITIONS:
        raise GazetteerError(
            f"{where}: column 'position': {position!r} is not one of {', '.join(sorted(POSITIONS))}"
        )
    for column, value in (("start", start), ("end", end)):
        if value and not _valid_date(value):
            raise GazetteerError(
                f"{where}: column {column!r}: {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
            )


def _valid_date(value: str) -> bool:
    """A gazetteer's term: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (a day up to 31 in any month,
    as Wikidata's precision allows)."""
    try:
        year, month, day = parse_iso(value)
    except ValueError:
        return False
    return (
        year is not None and (month is None or 1 <= month <= 12) and (day is None or 1 <= day <= 31)
    )


_CODE = re.compile(r"[A-Z]{2,4}")


def parse_table(text: str, source: str) -> "Gazetteer":
    """The gazetteer of a table's text (tab-separated, header :data:`COLUMNS`).

    Raises :class:`GazetteerError` naming ``source`` and the line of the first problem.
    """
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise GazetteerError(f"{source}:1: empty table (expected a header: {' '.join(COLUMNS)})")
    header = tuple(c.strip() for c in lines[0].split("\t"))
    if header != COLUMNS:
        missing = [c for c in COLUMNS if c not in header]
        extra = [c for c in header if c not in COLUMNS]
        what = (
            (f"missing {', '.join(missing)}" if missing else "")
            + ("; " if missing and extra else "")
            + (f"unknown {', '.join(extra)}" if extra else "")
        )
        raise GazetteerError(
            f"{source}:1: the header must be the tab-separated columns "
            f"{' '.join(COLUMNS)} ({what or 'in this order'})"
        )
    rows: dict[str, list[tuple[str, ...]]] = {}
    for number, line in enumerate(lines[1:], start=2):
        m = _ROW.fullmatch(line)
        if m is None:
            if not line.strip():
                continue
            _row_problem(line.split("\t"), f"{source}:{number}")
            m = _ROW.fullmatch("\t".join(c.strip() for c in line.split("\t")))
            if m is None:
                raise GazetteerError(f"{source}:{number}: not a row of the table")
        row = m.groups()
        entry = rows.get(row[0])
        if entry is None:
            rows[row[0]] = [row]
        else:
            entry.append(row)
    if not rows:
        raise GazetteerError(f"{source}:2: the table holds no office holder")
    return Gazetteer(rows, source)


# --- French titles → position classes ------------------------------------------------------

_DETERMINER = re.compile(r"^(?:(?:le|la|les|son|sa|ses|leur|leurs|notre|cet|cette|un|une) |l')")


def _fold_role(role: str) -> str:
    """A title folded, without its determiner ("Le Président" → "president")."""
    return _DETERMINER.sub("", " ".join(APOSTROPHES.sub("'", fold(role)).split()))


@lru_cache(maxsize=1)
def _position_rules() -> tuple[tuple[re.Pattern[str], str | None], ...]:
    source = "kg/data/office-positions.tsv"
    text = resource("data/office-positions.tsv").read_text(encoding="utf-8")
    rules = []
    header = True
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header:
            header = False
            if cells != ["pattern", "position"]:
                raise GazetteerError(f"{source}:{number}: expected the header 'pattern\tposition'")
            continue
        if len(cells) != 2 or (cells[1] not in POSITIONS and cells[1] != "-"):
            raise GazetteerError(
                f"{source}:{number}: expected a pattern, a tab and a position "
                f"({', '.join(sorted(POSITIONS))} or -)"
            )
        try:
            rules.append((re.compile(cells[0]), None if cells[1] == "-" else cells[1]))
        except re.error as exc:
            raise GazetteerError(f"{source}:{number}: bad pattern ({exc})") from None
    if not rules:
        raise GazetteerError(f"{source}: no rule")
    return tuple(rules)


def positions_of(roles: Iterable[str]) -> frozenset[str]:
    """The position classes the titles name: the first rule of ``office-positions.tsv`` that
    fits a title, and in a title of two joined by "et" ("Premier secrétaire du Parti et
    président de la République"), the first that fits the second too, unless the whole
    title names no office ("ancien ministre et président").

    >>> sorted(positions_of(["ministre des Affaires étrangères", "Président de la République"]))
    ['foreign_minister', 'head_of_state']
    """
    return frozenset().union(*map(_positions_of_title, roles))


@lru_cache(maxsize=1 << 16)
def _positions_of_title(role: str) -> frozenset[str]:
    folded = _fold_role(role)
    whole = _position(folded)
    if whole == "-":
        return frozenset()
    return frozenset(
        p for p in (whole, *map(_position, _JOINED.split(folded)[1:])) if p and p != "-"
    )


_JOINED = re.compile(r" et (?:le |la |l')?")


def _position(folded: str) -> str | None:
    """The position of the first rule that fits (``"-"``: no office), None when none does."""
    for pattern, position in _position_rules():
        if pattern.search(folded):
            return position or "-"
    return None


def _fits(position: str, wanted: frozenset[str]) -> bool:
    # a foreign minister is a minister: "le ministre X" fits them too
    return position in wanted or (position == "foreign_minister" and "minister" in wanted)


# --- the gazetteer -------------------------------------------------------------------------


def _names(rows: list[tuple[str, ...]]) -> tuple[str, ...]:
    """Every name of one person's rows (name, French label, aliases), once each."""
    names: dict[str, None] = {}
    for r in rows:
        for n in (r[1], r[2], *r[3].split("|")):
            n = n.strip()
            if n:
                names[n] = None
    return tuple(names)


class Gazetteer:
    """Office holders indexed by the words of their names (see the module docstring)."""

    def __init__(self, rows: dict[str, list[tuple[str, ...]]], source: str = "") -> None:
        """``rows``: the table's rows (tuples of :data:`COLUMNS`, dates may be None) by QID."""
        self.source = source
        self._rows = rows
        self._holders: dict[str, Holder] = {}
        self._seen: dict[str, dict[str, bool]] = {}  # name → candidates
        self._by_key: dict[frozenset[str], list[str]] = {}  # words → QIDs
        self._ends: dict[frozenset[str], tuple[str, str]] = {}  # words → first, last
        self._postings: dict[str, list[frozenset[str]]] = defaultdict(list)  # word → keys
        owners = [(qid, name) for qid, group in rows.items() for name in _names(group)]
        for (qid, _), words in zip(owners, names_words([name for _, name in owners])):
            key = frozenset(words)
            qids = self._by_key.get(key)
            if qids is None:
                if _significant(key) < 2 or len(key) > MAX_NAME_WORDS:
                    continue
                self._by_key[key] = [qid]
                self._ends[key] = (words[0], words[-1])
                for w in key:
                    self._postings[w].append(key)
            elif qid not in qids:
                qids.append(qid)

    def __len__(self) -> int:
        return len(self._rows)

    def holder(self, qid: str) -> Holder:
        """The person of the table with this Wikidata item (KeyError if none)."""
        found = self._holders.get(qid)
        if found is None:
            group = self._rows[qid]
            terms = tuple(Term(r[4], r[5], r[6].strip(), r[7] or "", r[8] or "") for r in group)
            found = self._holders[qid] = Holder(qid, group[0][1].strip(), _names(group), terms)
        return found

    def candidates(self, name: str) -> dict[str, bool]:
        """The holders a name may be, each with whether the name is one of theirs exactly
        (computed once per name: the same officials come back article after article)."""
        found = self._seen.get(name)
        if found is None:
            if len(self._seen) >= 1 << 16:
                self._seen.clear()
            found = self._seen[name] = self._candidates(name)
        return found

    def _candidates(self, name: str) -> dict[str, bool]:
        words = name_words(name)
        key = frozenset(words)
        if _significant(key) < 2 or len(key) > MAX_NAME_WORDS:
            return {}
        out = dict.fromkeys(self._by_key.get(key, ()), True)
        # the holder's name with middle words the text leaves out (first and last kept)
        postings = min((self._postings.get(w, []) for w in key), key=len)
        for longer in postings:
            first, last = self._ends[longer]
            if len(longer) > len(key) and first in key and last in key and key < longer:
                for qid in self._by_key[longer]:
                    out.setdefault(qid, False)
        # the text's name with words the holder's lacks ("Monsieur Igor Gromyko"): a holder's
        # name of two words or more within it, holding the text's first or last word
        for size in range(len(key) - 1, 1, -1):
            for sub in combinations(sorted(key), size):
                shorter = frozenset(sub)
                if shorter in self._by_key and (words[0] in shorter or words[-1] in shorter):
                    for qid in self._by_key[shorter]:
                        out.setdefault(qid, False)
        return out

    def link(
        self,
        names: Iterable[str],
        roles: Iterable[str] = (),
        country: str | None = None,
        dates: Iterable[PartialDate] = (),
    ) -> Link | None:
        """The one holder an official is, if the text supports exactly one (module docstring).

        ``names``: the spellings read; ``roles``: the titles as written; ``country``: the
        country the text gives (None: none); ``dates``: the dates the article is about.
        """
        found: dict[str, bool] = {}
        for name in names:
            for qid, exact in self.candidates(name).items():
                found[qid] = found.get(qid, False) or exact
        if not found:
            return None
        wanted = positions_of(roles)
        spans = [s for s in map(_span, dates) if s is not None]
        scored = []
        for qid, exact in found.items():
            terms = [t for t in self.holder(qid).terms if country is None or t.country == country]
            best, rows = 0, []
            for t in terms:
                if spans and not any(t.covers(lo, hi) for lo, hi in spans):
                    continue  # a term the article's dates fall outside
                score = bool(spans) + _fits(t.position, wanted)
                if score > best:
                    best, rows = score, [t]
                elif score == best and score:
                    rows.append(t)
            if best:
                scored.append(((best, exact), qid, rows))
        if not scored:
            return None
        top = max(s[0] for s in scored)
        winners = [s for s in scored if s[0] == top]
        if len(winners) != 1:
            return None
        _, qid, rows = winners[0]
        return Link(qid, None if country else self._office_country(qid, rows))

    def _office_country(self, qid: str, rows: list[Term]) -> str | None:
        """The country of the supporting terms; of several, the one the holder served most."""
        countries = {t.country for t in rows}
        if len(countries) == 1:
            return countries.pop()
        served = Counter(t.country for t in self.holder(qid).terms)
        ranked = sorted(countries, key=lambda c: -served[c])
        return ranked[0] if served[ranked[0]] > served[ranked[1]] else None

    def link_document(
        self, officials: Iterable[Official], extraction: Extraction
    ) -> dict[int, Link]:
        """The links of the officials read in one document, by ``id()`` of the record.

        The dates are the article's publication date and those of the events the official
        took part in. A one-word mention ("Ramaphosa, le président") lends its titles,
        country and events to the one full name of the document that holds its word; it is
        not linked itself (:mod:`kg.resolve` makes it that person).
        """
        records = list({id(o): o for o in officials}.values())
        words = {id(o): {w for n in (o.name, *o.names) for w in name_words(n)} for o in records}
        full = [o for o in records if _significant(words[id(o)]) >= 2]
        lent: dict[int, list[Official]] = defaultdict(list)
        for o in records:
            if len(words[id(o)]) == 1:
                hosts = [f for f in full if words[id(o)] <= words[id(f)]]
                if len(hosts) == 1:
                    lent[id(hosts[0])].append(o)
        published = []
        if extraction.document.published:
            try:
                published.append(PartialDate.parse(extraction.document.published))
            except ValueError:
                pass
        links = {}
        for o in full:
            group = [o, *lent[id(o)]]
            countries = {r.country for r in group if r.country}
            if len(countries) > 1:
                continue
            dates = published + [
                e.start
                for e in extraction.events
                if e.start is not None and any(p is r for p in e.participants for r in group)
            ]
            found = self.link(
                [o.name, *o.names],
                [t for r in group for t in r.roles],
                countries.pop() if countries else None,
                dates,
            )
            if found is not None:
                links[id(o)] = found
        return links


# --- loading -------------------------------------------------------------------------------


def load_gazetteer(path: str | os.PathLike | None = None) -> Gazetteer:
    """The gazetteer of the table at ``path`` (default: the one shipped with the package),
    read once per process and version of the file."""
    if path is None:
        real = resource(f"data/{DEFAULT_TABLE}")
        return _load(str(real), *_stamp(real))
    real = Path(path)
    try:
        stamp = _stamp(real)
    except OSError as exc:
        raise GazetteerError(
            f"{path}: cannot read the officials table ({exc.strerror or exc})"
        ) from None
    return _load(str(path), *stamp)


def _stamp(path: Path) -> tuple[int, int]:
    st = path.stat()
    if not path.is_file():
        raise GazetteerError(f"{path}: not a file")
    return st.st_mtime_ns, st.st_size


@lru_cache(maxsize=4)
def _load(path: str, mtime: int, size: int) -> Gazetteer:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise GazetteerError(
            f"{path}: cannot read the officials table ({exc.strerror or exc})"
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise GazetteerError(f"{path}:{line}: not UTF-8 text") from None
    return parse_table(text, path)
