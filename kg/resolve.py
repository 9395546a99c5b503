"""Identity across documents: which mentions are the same person, event or relation.

:func:`resolve` sets ``.key`` on every :class:`~kg.facts.Official` (also those inside
events), :class:`~kg.facts.Event` and :class:`~kg.facts.Relation`: facts with the same key
are one node of the graph. The rules, in order:

People
    * names are compared diacritic-free and case-free, word by word ("Tô Lâm" = "To Lam",
      "António Costa" = "Antonio Costa"); word order does not matter;
    * a name of two words or more whose words are all words of a longer name is that person
      ("Cyril Ramaphosa" ⊂ "Matamela Cyril Ramaphosa"), unless the two are known to serve
      different countries, or the shorter name fits two different people (then it stays apart);
    * within one document, a one-word mention ("Lâm") that is a word of exactly one full name
      of that document is that person;
    * officials linked to the same Wikidata office holder (:mod:`kg.link`: name, date,
      title and country of the text against a table of holders) are one person whatever
      their spellings; two different holders are never one person, and a name that fits
      two of them stays apart from both;
    * the key is the slug of the longest spelling (ties: alphabetical); when two people
      would get the same key, a linked one's key ends with its Wikidata id ("-q…").

Events
    same kind, same start date (or both undated and read in the same document), and the same
    participants (or, with no participants, the same countries).

Relations
    the sorted pair of parties and the kind.

Keys do not depend on the order of the input. The data of same-key facts (spellings, roles,
evidence, dates) is merged when the graph is built (:mod:`kg.graph`); the helpers for that
(:func:`merge_dates`, :func:`choose`) live here so the rules stay in one place.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Iterator
from typing import TypeVar

from kg.facts import Event, Evidence, Extraction, Official, PartialDate, Relation
from kg.link import Gazetteer, load_gazetteer
from kg.text import fold, name_key, slug, stable_hash

_T = TypeVar("_T", bound=Hashable | None)

__all__ = [
    "resolve",
    "event_key",
    "relation_key",
    "merge_dates",
    "choose",
    "officials_of",
    "spellings_of",
    "lean",
    "adopt_identities",
]


def key_of(fact: Official | Event | Relation) -> str:
    """The identity key :func:`resolve` gave a fact (a fact not resolved yet is an error)."""
    if fact.key is None:
        raise ValueError(f"{type(fact).__name__} without a key: run kg.resolve.resolve() first")
    return fact.key


def officials_of(extraction: Extraction) -> Iterator[Official]:
    """Every Official record of an extraction, those listed and those inside events, once each."""
    seen: set[int] = set()
    for o in [*extraction.officials, *(p for e in extraction.events for p in e.participants)]:
        if id(o) not in seen:
            seen.add(id(o))
            yield o


def _compatible(a: set[str], b: set[str]) -> bool:
    """Two sets of known countries may be the same person's: one unknown, or they share one."""
    return not a or not b or bool(a & b)


_LINKED = "wd:"  # a node's mark of a Wikidata link (no word of a name holds a ":")


def _words(node: frozenset[str]) -> frozenset[str]:
    return frozenset(w for w in node if not w.startswith(_LINKED))


def _qids(node: frozenset[str]) -> set[str]:
    return {w for w in node if w.startswith(_LINKED)}


class _PairIndex:
    """The nodes holding all the words of a name of two words or more, found through the
    name's rarest pair of words: a word alone ("nguyen") is in a share of the corpus's
    names, a pair of words in a few, so each look-up stays small as the corpus grows."""

    def __init__(self, words: dict[frozenset[str], frozenset[str]]) -> None:
        self.words = words
        self.pairs: dict[tuple[str, str], set[frozenset[str]]] = defaultdict(set)
        for n, ws in words.items():
            for pair in _word_pairs(ws):
                self.pairs[pair].add(n)

    def holding(self, mine: frozenset[str]) -> set[frozenset[str]]:
        """The nodes whose words include all of ``mine`` (two words or more)."""
        rarest = min(_word_pairs(mine), key=lambda p: len(self.pairs.get(p, ())))
        return {n for n in self.pairs.get(rarest, ()) if mine <= self.words[n]}


def _word_pairs(words: frozenset[str]) -> list[tuple[str, str]]:
    ordered = sorted(words)
    return [(a, b) for k, a in enumerate(ordered) for b in ordered[k + 1 :]]


class _People:
    """Union of name nodes (a node = the set of words of a name, plus the Wikidata id of the
    office holder when linked) into people."""

    def __init__(self) -> None:
        self.countries: dict[frozenset[str], set[str]] = defaultdict(set)  # per node
        self.spellings: dict[frozenset[str], set[str]] = defaultdict(set)
        self.parent: dict[frozenset[str], frozenset[str]] = {}
        self.group: dict[frozenset[str], set[str]] = {}  # per root
        self.linked: dict[frozenset[str], set[str]] = {}  # per root

    def add(self, node: frozenset[str], name: str, country: str | None) -> None:
        if node not in self.parent:
            self.parent[node] = node
            self.group[node] = set()
            self.linked[node] = _qids(node)
        self.spellings[node].add(name)
        if country:
            self.countries[node].add(country)
            self.group[self.find(node)].add(country)

    def find(self, node: frozenset[str]) -> frozenset[str]:
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def union(self, node: frozenset[str], root: frozenset[str]) -> None:
        mine = self.find(node)
        if mine != root:
            self.parent[mine] = root
            self.group[root] |= self.group.pop(mine)
            self.linked[root] |= self.linked.pop(mine)

    def join_linked(self) -> None:
        """The nodes linked to one office holder are one person."""
        first: dict[str, frozenset[str]] = {}
        for node in sorted(self.parent, key=sorted):
            for qid in _qids(node):
                if qid in first:
                    self.union(node, self.find(first[qid]))
                else:
                    first[qid] = node

    def join_contained(self) -> None:
        """Join each name of ≥ 2 words to the one person whose longer name contains it.

        Longest names first, so a longer name already knows its person when a shorter one
        looks for it; a name that fits two people, or only people of another country or
        linked to another office holder, stays. A name not linked joins the one linked
        person of the same words (the same words were one node before linking).
        """
        words = {n: _words(n) for n in self.parent}
        index = _PairIndex(words)
        for node in sorted(self.parent, key=lambda n: (-len(words[n]), sorted(n))):
            mine = words[node]
            if len(mine) < 2:
                continue
            linked = bool(_qids(node))
            here = self.find(node)
            roots = set()
            for n in index.holding(mine):
                r = self.find(n)
                if len(self.linked[r] | self.linked[here]) > 1:
                    continue
                if len(words[n]) > len(mine):
                    if _compatible(self.countries[node], self.group[r]):
                        roots.add(r)
                elif not linked and _qids(n):  # the same name, linked: one node before linking
                    roots.add(r)
            if len(roots) == 1 and here not in roots:
                self.union(node, roots.pop())


def _key(spellings: Iterable[str]) -> str:
    """Slug of the longest spelling (most words, then most letters; ties: alphabetical)."""
    slugs = {slug(s) if slug(s) != "x" else f"x-{stable_hash(fold(s), 8)}" for s in spellings}
    return min(slugs, key=lambda s: (-len(s.split("-")), -len(s), s))


def _link(extractions: list[Extraction], gazetteer: Gazetteer) -> None:
    """Link every official to its office holder (:mod:`kg.link`): ``.wikidata``, and the
    country of the office when the text gives none."""
    for ex in extractions:
        officials = list(officials_of(ex))
        links = gazetteer.link_document(officials, ex)
        for o in officials:
            found = links.get(id(o))
            o.wikidata = found.qid if found else None
            if found and found.country and not o.country:
                o.country = found.country


def _resolve_people(extractions: list[Extraction]) -> None:
    people = _People()
    mentions: list[tuple[Official, str, frozenset[str]]] = []  # (official, document, node)
    for ex in extractions:
        for o in officials_of(ex):
            best = max(spellings_of(o), key=lambda n: (len(_node(n)), len(n), n))
            mentions.append((o, ex.document.identifier, _node(best, o)))
    # full names (≥ 2 words) define the people; the spellings the extractor saw for one
    # record ("Cyril Ramaphosa", "Matamela Cyril Ramaphosa") are one person from the start
    for o, _, node in sorted((m for m in mentions if len(_words(m[2])) >= 2), key=_mention_order):
        full = [n for n in spellings_of(o) if len(_node(n)) >= 2]
        for other in full:
            people.add(_node(other, o), other, o.country)
        for other in full:
            people.union(_node(other, o), people.find(node))
    people.join_linked()
    people.join_contained()

    # a one-word mention is the one person of its document whose full name has that word
    full_in_doc: dict[str, set[frozenset[str]]] = defaultdict(set)
    for _, doc, node in mentions:
        if len(_words(node)) >= 2:
            full_in_doc[doc].add(node)
    home: dict[int, frozenset[str]] = {}
    for o, doc, node in mentions:
        if len(_words(node)) != 1:
            continue
        (word,) = _words(node)
        mine = {o.country} if o.country else set()
        roots = {people.find(n) for n in full_in_doc[doc] if word in n}
        roots = {r for r in roots if _compatible(mine, people.group[r])}
        if len(roots) == 1:
            home[id(o)] = roots.pop()
        else:  # on its own: the same word elsewhere on its own is the same person
            for spelling in spellings_of(o):
                people.add(node, spelling, o.country)

    spellings: dict[frozenset[str], set[str]] = defaultdict(set)
    for n in people.parent:
        spellings[people.find(n)] |= people.spellings[n]
    keys = _keys(spellings, people.linked)
    for o, _, node in mentions:
        o.key = keys[people.find(home.get(id(o), node))]


def _keys(
    spellings: dict[frozenset[str], set[str]], linked: dict[frozenset[str], set[str]]
) -> dict[frozenset[str], str]:
    """Each person's key; people linked to different office holders never share one."""
    keys = {root: _key(names) for root, names in spellings.items()}
    holders: dict[str, set[str]] = defaultdict(set)
    for root, key in keys.items():
        holders[key] |= linked[root] or {""}
    for root, key in keys.items():
        if len(holders[key]) > 1 and linked[root]:
            (qid,) = linked[root]
            keys[root] = f"{key}-{qid[len(_LINKED) :].lower()}"
    return keys


def _node(name: str, official: Official | None = None) -> frozenset[str]:
    """The words of a name (and the official's Wikidata link, if any)."""
    node = name_key(name) or frozenset({name.strip().lower()})
    if official is not None and official.wikidata and len(node) >= 2:
        return node | {_LINKED + official.wikidata}
    return node


def spellings_of(official: Official) -> list[str]:
    """Every spelling of one record: its name and the other spellings the extractor saw."""
    return sorted({official.name, *(n for n in official.names if n and n.strip())})


def _mention_order(m: tuple[Official, str, frozenset[str]]):
    o, doc, _ = m
    return (o.name, o.country or "", doc)


def event_key(event: Event, document: str) -> str:
    """The identity of an event (participants' keys must be set)."""
    when = str(event.start) if event.start is not None else f"undated@{document}"
    if event.participants:
        who = "p:" + ",".join(sorted({p.key or slug(p.name) for p in event.participants}))
    elif event.countries:
        who = "c:" + ",".join(sorted(set(event.countries)))
    else:  # nothing says who: only the same document can tell it is the same event
        who = f"d:{document}"
    return f"{event.kind}|{when}|{who}"


def relation_key(relation: Relation) -> str:
    a, b = sorted(relation.parties)
    return f"{a}-{b}/{relation.kind}"


def resolve(
    extractions: list[Extraction], *, link: bool = True, gazetteer: Gazetteer | None = None
) -> list[Extraction]:
    """Set ``.key`` on every official, event and relation; returns the same list.

    ``link``: link officials to office holders first (``.wikidata``, and ``.country`` from the
    office when the text gives none), with ``gazetteer`` (default: the table shipped with
    the package, read on first use).
    """
    if link and any(True for ex in extractions for _ in officials_of(ex)):
        _link(extractions, gazetteer if gazetteer is not None else load_gazetteer())
    _resolve_people(extractions)
    for ex in extractions:
        for e in ex.events:
            e.key = event_key(e, ex.document.identifier)
        for r in ex.relations:
            r.key = relation_key(r)
    return extractions


# --- the identities of a corpus too large to hold every article's facts ---------------------


def lean(extraction: Extraction, shared: dict) -> Extraction:
    """An article's facts as the identities read them (:func:`resolve`,
    :func:`kg.events_identity.merge_events`, the graph's corpus-wide merge), small enough to
    hold for every article of a large corpus: the officials' and relations' evidence is one
    record per document, without its sentence or offsets (only the documents are read), and
    each string, date and such evidence record is held once per build (``shared``). The
    events' evidence is kept whole (its sentences name weekdays and go to the merge report).
    The article's graph is made from its full facts, given the lean record's identities by
    :func:`adopt_identities`."""

    def one(value: _T) -> _T:
        return value if value is None else shared.setdefault(value, value)

    def documents(evidence: list[Evidence]) -> list[Evidence]:
        return [
            one(Evidence(one(d), "", 0, 0)) for d in dict.fromkeys(ev.document for ev in evidence)
        ]

    officials: dict[int, Official] = {
        id(o): Official(
            name=one(o.name),
            roles=[one(r) for r in o.roles],
            country=one(o.country),
            names=[one(n) for n in o.names],
            evidence=documents(o.evidence),
            key=o.key,
            wikidata=o.wikidata,
        )
        for o in officials_of(extraction)
    }
    return Extraction(
        document=extraction.document,
        officials=[officials[id(o)] for o in extraction.officials],
        events=[
            Event(
                kind=one(e.kind),
                participants=[officials[id(p)] for p in e.participants],
                countries=[one(c) for c in e.countries],
                start=one(e.start),
                end=one(e.end),
                place=one(e.place),
                label=one(e.label),
                evidence=[
                    Evidence(one(ev.document), one(ev.sentence), ev.start, ev.end)
                    for ev in e.evidence
                ],
                key=e.key,
            )
            for e in extraction.events
        ],
        relations=[
            Relation(
                kind=one(r.kind),
                parties=(one(r.parties[0]), one(r.parties[1])),
                since=one(r.since),
                label=one(r.label),
                evidence=documents(r.evidence),
                key=r.key,
            )
            for r in extraction.relations
        ],
        organizations=[one(c) for c in extraction.organizations],
    )


def adopt_identities(full: Extraction, record: Extraction) -> Extraction:
    """Give an article's full facts what :func:`resolve` and
    :func:`kg.events_identity.merge_events` set on its :func:`lean` record (keys, office
    holders and countries, merged events' kinds and dates); returns ``full``."""
    for o, lo in zip(officials_of(full), officials_of(record), strict=True):
        o.key, o.wikidata, o.country = lo.key, lo.wikidata, lo.country
    for e, le in zip(full.events, record.events, strict=True):
        e.kind, e.start, e.key = le.kind, le.start, le.key
    for r, lr in zip(full.relations, record.relations, strict=True):
        r.key = lr.key
    return full


# --- merging the data of same-key facts --------------------------------------------------


def _precision(d: PartialDate) -> int:
    return (d.year is not None) + (d.month is not None) + (d.day is not None)


def _agree(a: PartialDate, b: PartialDate) -> bool:
    return all(
        x is None or y is None or x == y
        for x, y in ((a.year, b.year), (a.month, b.month), (a.day, b.day))
    )


def merge_dates(dates: Iterable[PartialDate | None]) -> PartialDate | None:
    """One date for several readings: the most precise; the earliest when they conflict.

    >>> str(merge_dates([PartialDate(2009), PartialDate(2009, 6, 10), PartialDate(2010)]))
    '2009-06-10'
    """
    ds = sorted(
        {d for d in dates if d is not None},
        key=lambda d: (d.year is None, d.year or 0, d.month or 0, d.day or 0, -_precision(d)),
    )
    if not ds:
        return None
    best = ds[0]
    for d in ds[1:]:
        if _agree(best, d) and _precision(d) > _precision(best):
            best = d
    return best


def choose(values: Iterable[str | None]) -> str | None:
    """The value read most often; ties: the longest, then alphabetical (order-independent)."""
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], -len(v), v))
