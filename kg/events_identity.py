"""Cross-article event identity: reports of one real contact event become one event.

:mod:`kg.resolve` gives two event records the same key only when kind, date and participants
are identical, so a state visit told by three outlets ("a reçu", "s'est entretenu", "ce lundi"
with no year) is three events. :func:`merge_events` runs after :func:`kg.resolve.resolve` and
before the graph is made; it joins the records that report one event, and gives every record
of a joined event the same kind, start date and key (so :mod:`kg.graph` writes one node).

A *report* is the set of records sharing a resolve key (already one node). Two reports are of
one event when all of these hold:

* **kind family** — their kinds are of one family (``ontology/lexicon/event_identity.tsv``:
  talks, reception and meeting are one family, phone and video calls another, visits a
  third). Other kinds (conferences, signings…) are not merged here.
* **participants** — at least two participants in common, or one in common and the same set
  of (two or more) countries, or no participant on one side and the same countries; and no
  country whose participants differ on both sides (Poutine–Luong Cuong is not
  Poutine–Pham Minh Chinh). Names are compared word by word, diacritic-free: a name whose
  words are all words of the other ("Macron", "Emmanuel Macron") is the same person.
* **date** — compatible dates: each known part equal (``--05-26`` and ``2025-05-26``); a
  weekday named in the sentence ("ce mercredi") with a publication date (the record's, else
  one in the page's URL: ``/2025/09/04/``) stands for that weekday within a week of
  publication; a date's weekday must be the one named.

Reports whose dates are *specific* (a day, or a weekday placed by the publication date) are
joined first, strongest evidence first, and a report joins a group only if it is compatible
with every report already in it (a chain of near matches never joins two calls months
apart). Then a report without a specific date (undated, or only a month or a year) joins a
group when it is compatible with exactly one group; with two candidates it stays apart. An
undated report is taken to be recent: its publication date must be at most
:data:`RECENT_DAYS` after the event and :data:`EARLY_DAYS` before it.

Everything is decided from the records' content, in a fixed order (document identifier,
offset), so the result does not depend on the input order, and an update gives what a full
build gives. Each joined event carries the reasons (:class:`Merge`, ``bkg:mergedBecause`` in
the graph, ``event-merges.jsonl`` in the build folder).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

from kg.dates import exists
from kg.facts import Document, Event, Extraction, PartialDate
from kg.kinds import EVENT_KINDS
from kg.resolve import choose, key_of, merge_dates, officials_of
from kg.errors import DataTableError, Errors, at
from kg.resources import resource
from kg.text import fold, name_words

__all__ = [
    "Merge",
    "merge_events",
    "merged_kind",
    "kind_table",
    "write_merge_report",
    "merge_notes",
    "RECENT_DAYS",
    "EARLY_DAYS",
    "WEEKDAY_DAYS",
]

IDENTITY_TABLE = resource("ontology/lexicon/event_identity.tsv")
RECENT_DAYS = 45  # an undated report is published at most this long after the event
EARLY_DAYS = 7  # ... or this long before it (a page dated a few days early)
WEEKDAY_DAYS = 7  # "ce mercredi": a Wednesday within this many days of publication
TEXT_DAYS = 180  # no publication date: the event is within this of the latest dated fact


@dataclass(frozen=True)
class KindRow:
    kind: str
    family: str
    plover_type: str
    plover_mode: str


@lru_cache(maxsize=1)
def kind_table() -> dict[str, KindRow]:
    """The kind table (``ontology/lexicon/event_identity.tsv``); a missing file is an error."""
    from kg.lexicon import read_table

    rows = {}
    for r in read_table(IDENTITY_TABLE):
        if r["kind"] not in EVENT_KINDS:
            raise DataTableError(
                at(IDENTITY_TABLE, Errors.E002.format(problem=f"unknown event kind {r['kind']!r}"))
            )
        rows[r["kind"]] = KindRow(
            r["kind"], r.get("family", ""), r.get("plover_type", ""), r.get("plover_mode", "")
        )
    missing = set(EVENT_KINDS) - set(rows)
    if missing:
        raise DataTableError(
            at(
                IDENTITY_TABLE,
                Errors.E002.format(problem=f"no row for {', '.join(sorted(missing))}"),
            )
        )
    return rows


@lru_cache(maxsize=1)
def _weekdays() -> dict[str, int]:
    """The weekday words of the date lexicon (``ontology/lexicon/dates.tsv``, rows
    ``weekday  FORM  ISO-NUMBER``), read here without loading the extractor."""
    from kg.lexicon import LEXICON_DIR

    out = {}
    for line in (LEXICON_DIR / "dates.tsv").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) >= 3 and cells[0] == "weekday" and cells[2].isdigit():
            out[fold(cells[1])] = int(cells[2])
    if not out:
        raise DataTableError(
            at(LEXICON_DIR / "dates.tsv", Errors.E002.format(problem="no weekday rows"))
        )
    return out


@lru_cache(maxsize=1)
def _weekday_rx() -> re.Pattern[str]:
    forms = sorted(_weekdays(), key=lambda f: (-len(f), f))
    return re.compile(
        r"(?<!\w)(" + "|".join(re.escape(f) for f in forms) + r")(?!\w)", re.IGNORECASE
    )


_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-]([01]?\d)[/-]([0-3]?\d)(?=[/_.-]|$)")


# --------------------------------------------------------------------------------------
# What one report says
# --------------------------------------------------------------------------------------


@dataclass
class Report:
    """The records of one resolve key (one node before this step), as this step sees them."""

    key: str
    events: list[Event]
    kinds: tuple[str, ...]  # as read (before the merge sets one kind)
    documents: list[Document]
    family: str
    people: dict[str, frozenset[str]]  # participant key -> name words
    nation: dict[str, str | None]  # participant key -> nationality (corpus-wide)
    countries: frozenset[str]
    date: PartialDate | None
    weekday: int | None  # ISO weekday named with the event, if one
    anchor: tuple[dt.date, dt.date] | None  # publication (earliest, latest possible day)
    text_anchor: dt.date | None  # no publication date: latest date in the text
    order: tuple  # canonical position (documents, offsets)

    @property
    def specific(self) -> bool:
        """A day is known, or a weekday placed by the publication date."""
        if self.date is not None and self.date.day is not None:
            return True
        return self.date is None and self.weekday is not None and self.anchor is not None

    @cached_property
    def range(self) -> tuple[dt.date, dt.date] | None:
        return self.days()

    def days(self) -> tuple[dt.date, dt.date] | None:
        """The range of days the event may fall on, or None (no bound)."""
        d = self.date
        if d is not None and d.year is not None:
            lo = dt.date(d.year, d.month or 1, d.day or 1)
            if d.month is None:
                hi = dt.date(d.year, 12, 31)
            elif d.day is None:
                hi = _month_end(d.year, d.month)
            else:
                hi = lo
            return lo, hi
        if d is None and self.anchor is not None:
            lo, hi = self.anchor
            if self.weekday is not None:
                return lo - dt.timedelta(WEEKDAY_DAYS), hi + dt.timedelta(WEEKDAY_DAYS)
            return lo - dt.timedelta(RECENT_DAYS), hi + dt.timedelta(EARLY_DAYS)
        if d is None and self.text_anchor is not None:
            return (
                self.text_anchor - dt.timedelta(TEXT_DAYS),
                self.text_anchor + dt.timedelta(TEXT_DAYS),
            )
        return None


def _month_end(year: int, month: int) -> dt.date:
    nxt = dt.date(year + month // 12, month % 12 + 1, 1)
    return nxt - dt.timedelta(1)


def _anchor(doc: Document) -> tuple[dt.date, dt.date] | None:
    """The days the document may have been published on: its date, else its URL's."""
    if doc.published:
        try:
            p = PartialDate.parse(doc.published)
        except ValueError:
            p = None
        if p is not None and p.year is not None:
            try:
                lo = dt.date(p.year, p.month or 1, p.day or 1)
                hi = (
                    lo
                    if p.day
                    else (_month_end(p.year, p.month) if p.month else dt.date(p.year, 12, 31))
                )
                return lo, hi
            except ValueError:
                pass
    m = _URL_DATE.search(doc.url or "")
    if m:
        try:
            day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return day, day
        except ValueError:
            return None
    return None


def _latest_date(ex: Extraction) -> dt.date | None:
    """The latest date (with a year and a month) of any fact read in the document."""
    days = []
    for e in ex.events:
        d = _valid_date(e.start)
        if d is not None and d.year is not None and d.month is not None:
            days.append(dt.date(d.year, d.month, d.day or 1))
    return max(days, default=None)


def _weekday_of(event: Event) -> int | None:
    """The one weekday named in the event's sentences (none, or two different: None)."""
    rx, days = _weekday_rx(), _weekdays()
    found = {
        days.get(fold(m.group(1))) for ev in event.evidence for m in rx.finditer(ev.sentence or "")
    } - {None}
    return found.pop() if len(found) == 1 else None


def _valid_date(d: PartialDate | None) -> PartialDate | None:
    if d is None or not exists(d.year, d.month, d.day):
        return None
    return d


def _reports(extractions: list[Extraction]) -> list[Report]:
    table = kind_table()
    nations: dict[str, list[str | None]] = defaultdict(list)
    for ex in extractions:
        for o in officials_of(ex):
            nations[key_of(o)].append(o.country)
    nation = {k: choose(v) for k, v in nations.items()}
    grouped: dict[str, list[tuple[Event, Document]]] = defaultdict(list)
    for ex in extractions:
        for e in ex.events:
            row = table.get(e.kind)
            if row is not None and row.family and e.key:
                grouped[e.key].append((e, ex.document))
    latest = {ex.document.identifier: _latest_date(ex) for ex in extractions}
    out = []
    for key, pairs in grouped.items():
        events = [e for e, _ in pairs]
        docs = [d for _, d in pairs]
        people: dict[str, set[str]] = defaultdict(set)
        for e in events:
            for p in e.participants:
                for n in {p.name, *p.names}:
                    people[key_of(p)].update(name_words(n))
        # the participants' countries (corpus-wide nationality: one article's reading of a
        # person's country may be wrong); the event's own countries fill in the rest
        countries = {c for k in people if (c := nation.get(k))}
        if len(countries) < 2:
            countries |= {c for e in events for c in e.countries if c}
        weekdays = {w for e in events if (w := _weekday_of(e)) is not None}
        anchors = [a for d in docs if (a := _anchor(d)) is not None]
        order = tuple(
            sorted(
                (d.identifier, min((ev.start for ev in e.evidence), default=-1)) for e, d in pairs
            )
        )
        out.append(
            Report(
                key=key,
                events=events,
                documents=docs,
                kinds=tuple(sorted({e.kind for e in events})),
                family=table[events[0].kind].family,
                people={k: frozenset(v) for k, v in people.items()},
                nation={k: nation.get(k) for k in people},
                countries=frozenset(countries),
                date=_valid_date(events[0].start),
                weekday=weekdays.pop() if len(weekdays) == 1 else None,
                anchor=(min(a[0] for a in anchors), max(a[1] for a in anchors))
                if anchors
                else None,
                text_anchor=max((t for d in docs if (t := latest[d.identifier])), default=None),
                order=order,
            )
        )
    out.sort(key=lambda r: r.order)
    return out


# --------------------------------------------------------------------------------------
# When two reports are one event
# --------------------------------------------------------------------------------------


def _same_person(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a) and bool(b) and (a <= b or b <= a)


def _shared(a: Report, b: Report) -> list[tuple[str, str]]:
    """Pairs of participants that are the same person (one-to-one, in key order)."""
    pairs, used, keys_b = [], set(), sorted(b.people)
    for ka in sorted(a.people):
        for kb in keys_b:
            if kb not in used and (ka == kb or _same_person(a.people[ka], b.people[kb])):
                pairs.append((ka, kb))
                used.add(kb)
                break
    return pairs


def people_reason(a: Report, b: Report) -> str | None:
    """Why the participants fit (a phrase), or None when they do not."""
    shared = _shared(a, b)
    matched_a = {x for x, _ in shared}
    matched_b = {y for _, y in shared}
    # a country whose participants differ on both sides: different contacts
    for c in {n for n in a.nation.values() if n} & {n for n in b.nation.values() if n}:
        side_a = {k for k, n in a.nation.items() if n == c}
        side_b = {k for k, n in b.nation.items() if n == c}
        if not (side_a & matched_a) and not (side_b & matched_b):
            return None
    names = ", ".join(sorted({x for x, _ in shared}))
    same_countries = a.countries == b.countries and len(a.countries) >= 2
    if len(shared) >= 2:
        return f"participants in common: {names}"
    if len(shared) == 1 and same_countries:
        return f"participant in common ({names}) and the same countries ({', '.join(sorted(a.countries))})"
    if not shared and (not a.people or not b.people) and same_countries:
        return f"the same countries ({', '.join(sorted(a.countries))}), no participant named on one side"
    return None


def _days_meet(a: Report, b: Report) -> bool:
    """The days ``a`` and ``b`` may fall on meet (or one is unbounded): :func:`date_reason`
    needs it."""
    ra, rb = a.range, b.range
    return ra is None or rb is None or max(ra[0], rb[0]) <= min(ra[1], rb[1])


def _weekday_fits(r: Report, day: dt.date) -> bool:
    return r.weekday is None or day.isoweekday() == r.weekday


def date_reason(a: Report, b: Report) -> str | None:
    """Why the dates fit (a phrase), or None when they cannot be one day."""
    da, db = a.date, b.date
    if da is not None and db is not None:
        for x, y in ((da.year, db.year), (da.month, db.month), (da.day, db.day)):
            if x is not None and y is not None and x != y:
                return None
    ra, rb = a.range, b.range
    if ra is not None and rb is not None:
        lo, hi = max(ra[0], rb[0]), min(ra[1], rb[1])
        if lo > hi:
            return None
        if lo == hi or not (
            a.weekday or b.weekday or (da and da.year is None) or (db and db.year is None)
        ):
            days = [lo]
        else:
            days = [lo + dt.timedelta(i) for i in range(min((hi - lo).days + 1, 400))]
        fits = [
            d
            for d in days
            if _weekday_fits(a, d)
            and _weekday_fits(b, d)
            and (da is None or da.year is not None or (d.month, d.day) == (da.month, da.day))
            and (db is None or db.year is not None or (d.month, d.day) == (db.month, db.day))
        ]
        if not fits:
            return None
    elif a.weekday and b.weekday and a.weekday != b.weekday:
        return None
    elif not _yearless_fits(a, rb) or not _yearless_fits(b, ra):
        return None
    else:  # a yearless day against a weekday: check the day's weekday where a year is known
        for one, other in ((a, b), (b, a)):
            d = one.date
            if d is not None and d.year is not None and d.month is not None and d.day is not None:
                if other.weekday and dt.date(d.year, d.month, d.day).isoweekday() != other.weekday:
                    return None
    return f"dates {_when(a)} and {_when(b)} agree"


def _yearless_fits(r: Report, days: tuple[dt.date, dt.date] | None) -> bool:
    """A day without a year ("ce mardi 15 août") can fall in ``days`` in some year."""
    d = r.date
    if d is None or d.year is not None or days is None or (days[1] - days[0]).days > 366:
        return True
    for i in range((days[1] - days[0]).days + 1):
        day = days[0] + dt.timedelta(i)
        if (day.month, day.day) == (d.month, d.day) and _weekday_fits(r, day):
            return True
    return False


def _when(r: Report) -> str:
    if r.date is not None:
        return str(r.date)
    if r.weekday is not None and r.anchor is not None:
        names = {v: k for k, v in sorted(_weekdays().items(), reverse=True)}
        return f"'{names[r.weekday]}' (published {r.anchor[0].isoformat()})"
    if r.anchor is not None:
        return f"undated (published {r.anchor[0].isoformat()})"
    return "undated"


def compatible(a: Report, b: Report) -> str | None:
    """Why ``a`` and ``b`` are one event ("; "-joined reasons), or None."""
    if a.family != b.family:
        return None
    when = date_reason(a, b)
    if when is None:
        return None
    who = people_reason(a, b)
    if who is None:
        return None
    return f"same kind family ({a.family}); {who}; {when}"


# --------------------------------------------------------------------------------------
# Grouping
# --------------------------------------------------------------------------------------


@dataclass
class Merge:
    """One event read in several reports: what it became and why."""

    kind: str
    start: PartialDate | None
    key: str
    reports: list[Report]
    links: list[tuple[int, int, str, str]] = field(default_factory=list)  # (i, j, rule, why)

    def documents(self) -> list[str]:
        return sorted({d.identifier for r in self.reports for d in r.documents})


def _strength(a: Report, b: Report) -> tuple:
    shared = len(_shared(a, b))
    exact = int(a.date is not None and a.date == b.date)
    return (-shared, -exact)


class _Grouper:
    """Groups of reports (indices), joined by the three rules of the module docstring."""

    def __init__(self, reports: list[Report]) -> None:
        self.reports = reports
        self.group_of = {i: i for i in range(len(reports))}
        self.members = {i: [i] for i in range(len(reports))}
        self.why: dict[frozenset, tuple[str, str]] = {}
        self._fits: dict[tuple[int, int], str | None] = {}

    def fits(self, i: int, j: int) -> str | None:
        k = (min(i, j), max(i, j))
        if k not in self._fits:
            self._fits[k] = compatible(self.reports[k[0]], self.reports[k[1]])
        return self._fits[k]

    def join(self, i: int, j: int, rule: str, reason: str) -> None:
        gi, gj = self.group_of[i], self.group_of[j]
        keep, gone = min(gi, gj), max(gi, gj)
        for m in self.members.pop(gone):
            self.group_of[m] = keep
            self.members[keep].append(m)
        self.why[frozenset((i, j))] = (rule, reason)

    def specific_dates(self) -> None:
        """1. Reports with a day: strongest pairs first, a group only if every pair fits."""
        rs = self.reports
        days = {i: _days_of(r) for i, r in enumerate(rs) if r.specific}
        same_day = _SameDay(rs, days)
        pairs = []
        for i, ds in days.items():
            r = rs[i]
            pairs += [
                (_strength(r, rs[j]), i, j, reason)
                for j in sorted(same_day.candidates(i, ds))
                if j > i and _may_share(r, rs[j]) and (reason := self.fits(i, j)) is not None
            ]
        for _, i, j, reason in sorted(pairs):
            gi, gj = self.group_of[i], self.group_of[j]
            if gi != gj and all(
                self.fits(p, q) is not None for p in self.members[gi] for q in self.members[gj]
            ):
                self.join(i, j, "specific dates", reason)

    def only_candidate(self) -> None:
        """2. The others join the one group of step 1 they fit (decided together)."""
        rs = self.reports
        groups = {g: list(m) for g, m in self.members.items() if any(rs[x].specific for x in m)}
        step1 = dict(self.group_of)
        # the reports worth a look (not all n² of a corpus): the specific ones, all in groups
        specific = _Near(rs, (i for i, r in enumerate(rs) if r.specific))
        for i, r in enumerate(rs):
            if r.specific:
                continue
            # a group fits only if every report in it does: one whose days miss r's rules it out
            near = {step1[j] for j in specific[i] if _days_meet(r, rs[j])}
            fitting = [
                g
                for g, m in sorted((g, groups[g]) for g in near)
                if all(self.fits(i, x) is not None for x in m) and _covered(r, [rs[x] for x in m])
            ]
            if len(fitting) == 1:
                partner = min(groups[fitting[0]], key=lambda x: (_strength(r, rs[x]), x))
                self.join(
                    i, partner, "only candidate", f"{self.fits(i, partner)}; no other event fits"
                )

    def published_together(self) -> None:
        """3. Undated reports left alone, published within days of each other with the very
        same participants (two or more), are one event when they form one clique."""
        rs = self.reports
        alone = [
            i
            for i, r in enumerate(rs)
            if len(self.members.get(self.group_of[i], ())) == 1
            and not r.specific
            and _dated_anchor(r)
        ]
        alone = [i for i in alone if len(rs[i].people) >= 2]  # the very same people: two or more
        near = _Near(rs, alone)
        strict = {
            (i, j): reason
            for i in alone
            for j in sorted(near[i])
            if j > i
            and len(rs[i].people) == len(rs[j].people)
            and _close(rs[i], rs[j])
            and _same_people(rs[i], rs[j])
            and (reason := self.fits(i, j)) is not None
        }
        for comp in _components(strict):
            if all((p, q) in strict for n, p in enumerate(comp) for q in comp[n + 1 :]):
                for q in comp[1:]:
                    self.join(
                        comp[0],
                        q,
                        "same participants, published together",
                        f"{strict[(comp[0], q)]}; published within {WEEKDAY_DAYS} days "
                        "with the same participants",
                    )


class _Day:
    """The specific reports of one day of one family, indexed by what :func:`people_reason`
    needs in common: a word of a participant's name, or (a report naming no one) the same
    countries."""

    def __init__(self) -> None:
        self.everyone: set[int] = set()
        self.by_word: dict[str, set[int]] = defaultdict(set)
        self.by_countries: dict[frozenset[str], set[int]] = defaultdict(set)
        self.bare: dict[frozenset[str], set[int]] = defaultdict(set)  # naming no one
        self.wordless: set[int] = set()  # a participant whose name has no word

    def add(self, i: int, r: Report) -> None:
        self.everyone.add(i)
        self.by_countries[r.countries].add(i)
        if not r.people:
            self.bare[r.countries].add(i)
        for words in r.people.values():
            if not words:
                self.wordless.add(i)
            for w in words:
                self.by_word[w].add(i)

    def candidates(self, r: Report) -> set[int]:
        """The reports of the day that may fit ``r``: every one that passes
        :func:`_may_share` and :func:`people_reason` with it (and a few more)."""
        if not r.people:  # only the same countries can make it one event
            return self.by_countries.get(r.countries, set()) if len(r.countries) >= 2 else set()
        if any(not words for words in r.people.values()):
            return self.everyone
        out = set(self.wordless)
        for words in r.people.values():
            for w in words:
                out |= self.by_word.get(w, set())
        if len(r.countries) >= 2:
            out |= self.bare.get(r.countries, set())
        return out


class _SameDay:
    """The specific reports that may be one event with a given specific report: those of a
    day it may fall on (a date; a day without a year matches that day in any year) that
    name someone it names, or the same countries when one side names no one. Looking only
    there, rather than at every report of the day, keeps step 1 linear in a corpus where
    many reports share a day."""

    def __init__(self, reports: list[Report], days: dict[int, set]) -> None:
        self.reports = reports
        self.days: dict[tuple, _Day] = defaultdict(_Day)
        for i, ds in days.items():
            family = reports[i].family
            for d in ds:
                if isinstance(d, dt.date):
                    self.days[("date", family, d)].add(i, reports[i])
                    self.days[("month-day", family, d.month, d.day)].add(i, reports[i])
                else:
                    self.days[("yearless", family, *d)].add(i, reports[i])

    def candidates(self, i: int, ds: set) -> set[int]:
        r, out = self.reports[i], set()
        for d in ds:
            if isinstance(d, dt.date):  # the same day, or that day without a year
                keys = [("date", r.family, d), ("yearless", r.family, d.month, d.day)]
            else:  # a day without a year: that day in any year
                keys = [("month-day", r.family, *d), ("yearless", r.family, *d)]
            for k in keys:
                day = self.days.get(k)
                if day is not None:
                    out |= day.candidates(r)
        return out


class _Near:
    """``near[i]``: the reports of report i's family that may be the same event: those naming
    the same person (a name whose words hold, or are held by, one of its names), and, for a
    report without participants, those of the same countries. Exact for
    :func:`people_reason`, without comparing every pair of a large corpus (computed when
    asked, not kept). With ``among``, only those reports are looked at (and found)."""

    def __init__(self, reports: list[Report], among: Iterable[int] | None = None) -> None:
        self.reports = reports
        self.by_name: dict[tuple[str, frozenset[str]], set[int]] = defaultdict(set)
        self.by_word: dict[tuple[str, str], set[frozenset[str]]] = defaultdict(set)
        self.by_countries: dict[tuple[str, frozenset[str]], set[int]] = defaultdict(set)
        self.bare: dict[tuple[str, frozenset[str]], set[int]] = defaultdict(set)
        for i in range(len(reports)) if among is None else among:
            r = reports[i]
            for words in r.people.values():
                self.by_name[(r.family, words)].add(i)
                for w in words:
                    self.by_word[(r.family, w)].add(words)
            if len(r.countries) >= 2:
                self.by_countries[(r.family, r.countries)].add(i)
                if not r.people:
                    self.bare[(r.family, r.countries)].add(i)

    def __getitem__(self, i: int) -> set[int]:
        r, out = self.reports[i], set()
        for words in r.people.values():
            rarest = min(words, key=lambda w: (len(self.by_word.get((r.family, w), ())), w))
            for other in self.by_word.get((r.family, rarest), ()):
                if words <= other:  # a longer name of the person
                    out |= self.by_name[(r.family, other)]
            for sub in _subsets(words):  # a shorter name of the person
                out |= self.by_name.get((r.family, sub), set())
        key = (r.family, r.countries)
        out |= self.bare.get(key, set()) if r.people else self.by_countries.get(key, set())
        out.discard(i)
        return out


def _may_share(a: Report, b: Report) -> bool:
    """A quick look before :func:`people_reason`: a person in common, or no one named on
    one side (then the countries decide)."""
    if not a.people or not b.people:
        return True
    return any(x <= y or y <= x for x in a.people.values() for y in b.people.values())


def _days_of(r: Report) -> set:
    """The days the event of a specific report may fall on: dates, or (month, day) for a
    day without a year. Two specific reports of one event share one."""
    d = r.date
    if d is not None:
        if d.year is None:
            return {(d.month, d.day)}
        assert d.month is not None and d.day is not None  # a specific report's date is a day
        return {dt.date(d.year, d.month, d.day)}
    span = r.range
    assert span is not None  # a specific report without a date has its publication's days
    lo, hi = span
    return {
        d
        for d in (lo + dt.timedelta(k) for k in range((hi - lo).days + 1))
        if d.isoweekday() == r.weekday
    }


def _subsets(words: frozenset[str]) -> list[frozenset[str]]:
    """The non-empty proper subsets of a name's words (names have a few words; a name of
    more than 8 words is only looked up whole)."""
    items = sorted(words)
    if len(items) > 8:
        return []
    return [
        frozenset(w for k, w in enumerate(items) if mask >> k & 1)
        for mask in range(1, (1 << len(items)) - 1)
    ]


def _components(pairs: Iterable[tuple[int, int]]) -> list[list[int]]:
    """Connected components of the graph of ``pairs``, each sorted, in order."""
    linked: dict[int, set[int]] = defaultdict(set)
    for i, j in pairs:
        linked[i].add(j)
        linked[j].add(i)
    seen: set[int] = set()
    out = []
    for i in sorted(linked):
        if i in seen:
            continue
        comp, todo = set(), [i]
        while todo:
            x = todo.pop()
            if x not in comp:
                comp.add(x)
                todo.extend(linked[x])
        seen |= comp
        out.append(sorted(comp))
    return out


def _groups(reports: list[Report]) -> tuple[list[list[int]], dict[frozenset, tuple[str, str]]]:
    """Indices of ``reports`` grouped into events, and the reason of each link."""
    grouper = _Grouper(reports)
    grouper.specific_dates()
    grouper.only_candidate()
    grouper.published_together()
    return [sorted(m) for m in grouper.members.values()], grouper.why


def _covered(r: Report, group: list[Report]) -> bool:
    """Every participant of ``r`` is one of the group's: a report without a date adds
    no one to a dated event (its extra participant is more likely another contact)."""
    return all(
        any(k in g.people or _same_person(words, w) for g in group for w in g.people.values())
        for k, words in r.people.items()
    )


def _dated_anchor(r: Report) -> bool:
    return r.anchor is not None and r.anchor[0] == r.anchor[1] and r.date is None


def _same_people(a: Report, b: Report) -> bool:
    shared = _shared(a, b)
    return len(shared) >= 2 and len(shared) == len(a.people) == len(b.people)


def _close(a: Report, b: Report) -> bool:
    assert a.anchor is not None and b.anchor is not None  # called on anchored reports only
    return abs((a.anchor[0] - b.anchor[0]).days) <= WEEKDAY_DAYS


def _one_key_per_person(m: Merge) -> None:
    """Within one joined event, a participant whose name is part of another participant's
    name ("Macron", "Emmanuel Macron") is that person: give the records the longer key."""
    words: dict[str, frozenset[str]] = {}
    for r in m.reports:
        words.update(r.people)
    rename = {}
    for k, w in words.items():
        longer = {k2 for k2, w2 in words.items() if k2 != k and w < w2}
        if len(longer) == 1:
            rename[k] = longer.pop()
    if not rename:
        return
    for r in m.reports:
        for e in r.events:
            for p in e.participants:
                while p.key in rename:
                    p.key = rename[p.key]
    m.key = _merged_key(m.reports[0].family, m.start, m.reports, rename)


def _merged_key(
    family: str,
    start: PartialDate | None,
    reports: list[Report],
    rename: dict[str, str] | None = None,
) -> str:
    rename = rename or {}
    people = sorted({rename.get(k, k) for r in reports for k in r.people})
    when = (
        str(start)
        if start is not None
        else "undated@" + ",".join(sorted({d.identifier for r in reports for d in r.documents}))
    )
    who = (
        ",".join(people) if people else ",".join(sorted({c for r in reports for c in r.countries}))
    )
    return f"merged|{family}|{when}|{who}"


def merged_kind(kinds: list[str]) -> str:
    """The kind of a joined event: the one its records give most often; ties go to the kind
    listed first in the kind table (talks before a reception before a bare meeting: what
    was done rather than how it was framed), not to the longest word.

    >>> merged_kind(["Meeting", "Talks", "Meeting", "Talks", "Reception"])
    'Talks'
    """
    order = {k: n for n, k in enumerate(kind_table())}
    counts = {k: kinds.count(k) for k in set(kinds)}
    return min(counts, key=lambda k: (-counts[k], order.get(k, len(order)), k))


def merge_events(extractions: list[Extraction]) -> list[Merge]:
    """Join the event records of ``extractions`` that report one real event (see the module
    docstring); every record of a joined event gets its kind, start date and key. Returns
    the joined events (those of two reports or more), in a fixed order."""
    reports = _reports(extractions)
    groups, why = _groups(reports)
    group_of = {i: n for n, g in enumerate(groups) for i in g}
    links: dict[int, list[tuple[int, int, str, str]]] = defaultdict(list)  # by group
    for (i, j), (rule, reason) in sorted((tuple(sorted(p)), r) for p, r in why.items()):
        if group_of[i] == group_of[j]:
            links[group_of[i]].append((i, j, rule, reason))
    merges = []
    for n, g in enumerate(groups):
        if len(g) < 2:
            continue
        rs = [reports[i] for i in g]
        kind = merged_kind([e.kind for r in rs for e in r.events])
        start = merge_dates(r.date for r in rs)
        m = Merge(kind=kind, start=start, key=_merged_key(rs[0].family, start, rs), reports=rs)
        pos = {idx: k for k, idx in enumerate(g)}
        m.links = [(pos[i], pos[j], rule, reason) for i, j, rule, reason in links[n]]
        _one_key_per_person(m)
        merges.append(m)
    # two groups that could not join may still have the same key: tell them apart
    seen: dict[str, int] = defaultdict(int)
    for m in sorted(merges, key=lambda m: m.reports[0].order):
        seen[m.key] += 1
        if seen[m.key] > 1:
            m.key += f"#{seen[m.key]}"
    for m in merges:
        for r in m.reports:
            for e in r.events:
                e.kind, e.start, e.key = m.kind, m.start, m.key
    return sorted(merges, key=lambda m: m.reports[0].order)


# --------------------------------------------------------------------------------------
# Telling why
# --------------------------------------------------------------------------------------


def _report_label(r: Report) -> str:
    docs = ", ".join(sorted({d.identifier for d in r.documents}))
    kinds = "/".join(r.kinds)
    return f"{kinds} in {docs} ({_when(r)})"


def merge_notes(merges: Iterable[Merge]) -> list[tuple[str, str, str, PartialDate | None, str]]:
    """(document identifier, kind, key, start, note) for each link of each merge: the note
    goes to the graph of the article of the link's second report."""
    out = []
    for m in merges:
        for i, j, rule, reason in m.links:
            a, b = m.reports[i], m.reports[j]
            note = f"{_report_label(a)} = {_report_label(b)}: {rule}; {reason}"
            for doc in sorted({d.identifier for d in b.documents}):
                out.append((doc, m.kind, m.key, m.start, note))
    return out


def merge_record(m: Merge, iri: str) -> dict:
    """One line of ``event-merges.jsonl``."""
    return {
        "event": iri,
        "kind": m.kind,
        "date": str(m.start) if m.start else None,
        "articles": m.documents(),
        "reports": [
            {
                "articles": sorted({d.identifier for d in r.documents}),
                "kinds": list(r.kinds),
                "date": str(r.date) if r.date else None,
                "weekday": r.weekday,
                "participants": sorted(r.people),
                "sentences": sorted(
                    {ev.sentence for e in r.events for ev in e.evidence if ev.sentence}
                ),
            }
            for r in m.reports
        ],
        "links": [
            {"from": i, "to": j, "rule": rule, "because": reason} for i, j, rule, reason in m.links
        ],
    }


def write_merge_report(merges: list[Merge], folder: Path) -> Path:
    """``event-merges.jsonl``: one JSON line per joined event, with its reports and reasons."""
    from kg.namespaces import event_iri

    path = Path(folder) / "event-merges.jsonl"
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for m in merges:
            kind = m.kind if m.kind in EVENT_KINDS else "OtherEvent"
            rec = merge_record(m, str(event_iri(kind, m.start, m.key)))
            fh.write(json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n")
    return path
