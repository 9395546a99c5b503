"""Scoring a built graph against gold annotations (``corpus/GOLD_FORMAT.md``).

This is the project's implementation of the scoring the corpus README describes; it gives
the same figures as the reference scorer ``shared/tools/score.py`` on any graph and gold
folder (``tests/test_evaluate.py`` checks the agreement).

Everything is scored per article, then summed over the gold files:

- **officials** — official nodes derived from the article, deduplicated by name, matched one
  to one with the gold officials by name (:func:`names_match`);
- **meetings** — unordered pairs of named participants of each event derived from the
  article; a pair whose two people belong to one country by the gold (one delegation) is
  neither asked for nor held against the graph;
- **relations** — (set of party codes, kind) of each ``bkg:BilateralRelation``;
- **dates** — the set of ``schema:startDate`` lexical forms of the article's events.

Ties (which of two equivalent predictions is kept, which gold item a prediction takes) are
broken in the order the SPARQL queries return rows, i.e. the graph's parse order, and the
first match wins; this is the reference scorer's rule too, so a graph file gives the same
figures to both.

Also here: :func:`gold_to_graph`, which turns gold files into a graph in the contract's
vocabulary (a perfect "build" of the gold: scoring it against its gold gives F1 = 1.0).
"""

from __future__ import annotations

import json
import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD
from rdflib.term import Node

from kg.errors import Errors
from kg.namespaces import (
    BKG,
    BKGR,
    ONTOLOGY_IRI,
    PREFIXES,
    SCHEMA,
    article_iri,
    country_iri,
    fold,
    official_iri,
    organization_iri,
    slug,
)

__all__ = [
    "CATEGORIES",
    "Counts",
    "ArticleScore",
    "Scores",
    "GoldArticle",
    "name_tokens",
    "names_match",
    "pairs_match",
    "prf",
    "load_graph",
    "load_gold",
    "read_predictions",
    "count_duplicate_officials",
    "score_article",
    "score",
    "gold_to_graph",
]

CATEGORIES = ("officials", "meetings", "relations", "dates")
LABELS = {
    "officials": "officials",
    "meetings": "meetings",
    "relations": "relations",
    "dates": "dated events",
}


def _reserved_codes() -> frozenset[str]:
    """The two-letter codes of the organisations the gold may use instead of a country
    (``ontology/lexicon/iso_reserved.txt``; longer codes are organisations anyway)."""
    from kg.lexicon import load_lexicon

    return load_lexicon().required_words("iso_reserved")


#: ``bkg:relationKind`` local name → gold relation kind (unknown kinds count as "other").
RELATION_KINDS = {
    "ComprehensiveStrategicPartnership": "comprehensive_strategic_partnership",
    "StrategicPartnership": "strategic_partnership",
    "ComprehensivePartnership": "comprehensive_partnership",
    "SpecialRelationship": "special_relationship",
    "TraditionalFriendship": "traditional_friendship",
    "DiplomaticRelations": "diplomatic_relations",
    "FreeTradeAgreement": "free_trade_agreement",
    "CooperationAgreement": "cooperation_agreement",
    "OtherRelation": "other",
}
#: gold meeting kind → event class
MEETING_CLASSES = {
    "talks": "Talks",
    "reception": "Reception",
    "phone_call": "PhoneCall",
    "video_call": "VideoCall",
    "visit": "Visit",
    "meeting": "Meeting",
}
#: gold dated-event kind → event class
EVENT_CLASSES = {
    "visit": "Visit",
    "phone_call": "PhoneCall",
    "talks": "Talks",
    "reception": "Reception",
    "conference": "Conference",
    "signature": "Signing",
    "anniversary": "Anniversary",
    "establishment": "Establishment",
    "other": "OtherEvent",
}

Names = str | tuple[str, ...]
"""One name, or the name variants of one node (any variant may match)."""
Pair = tuple[Names, Names]
T = TypeVar("T")
U = TypeVar("U")


# ---------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------

_TOKEN = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=65536)
def name_tokens(name: str) -> frozenset[str]:
    """The diacritic-free, lower-case word set of a name.

    >>> sorted(name_tokens("Tô Lâm")), sorted(name_tokens("Đặng Minh-Khôi"))
    (['lam', 'to'], ['dang', 'khoi', 'minh'])
    """
    return frozenset(_TOKEN.findall(fold(name)))


def _tokens_match(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    return len(small) >= 2 and small <= big


def _variants(names: Names) -> tuple[str, ...]:
    return names if isinstance(names, tuple) else (names,)


def names_match(a: Names, b: Names) -> bool:
    """Whether two names (or name-variant tuples) denote the same person.

    Equal token sets match; so does a token set inside the other when the smaller one has
    at least two tokens ("Cyril Ramaphosa" ⊂ "Matamela Cyril Ramaphosa", but not "Lâm").

    >>> names_match("Tô Lâm", "To Lam"), names_match("Lam", "To Lam")
    (True, False)
    """
    return any(
        _tokens_match(name_tokens(x), name_tokens(y)) for x in _variants(a) for y in _variants(b)
    )


def pairs_match(x: Pair, y: Pair) -> bool:
    """Whether two unordered pairs of people are the same pair."""
    return (names_match(x[0], y[0]) and names_match(x[1], y[1])) or (
        names_match(x[0], y[1]) and names_match(x[1], y[0])
    )


def _show(names: Names) -> str:
    return " / ".join(_variants(names))


# ---------------------------------------------------------------------------------------
# Counting
# ---------------------------------------------------------------------------------------


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    """Precision, recall, F1. Nothing predicted is precision 1 only when nothing was due."""
    p = tp / npred if npred else (1.0 if not ngold else 0.0)
    r = tp / ngold if ngold else (1.0 if not npred else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


@dataclass(frozen=True)
class Counts:
    """True positives, predictions and gold items of one category."""

    tp: int = 0
    pred: int = 0
    gold: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.pred + other.pred, self.gold + other.gold)

    @property
    def precision(self) -> float:
        return prf(self.tp, self.pred, self.gold)[0]

    @property
    def recall(self) -> float:
        return prf(self.tp, self.pred, self.gold)[1]

    @property
    def f1(self) -> float:
        return prf(self.tp, self.pred, self.gold)[2]

    def figures(self) -> dict[str, float | int]:
        """The reference scorer's dict: P, R, F1 rounded to 3 decimals, and the counts."""
        p, r, f = prf(self.tp, self.pred, self.gold)
        return {
            "p": round(p, 3),
            "r": round(r, 3),
            "f1": round(f, 3),
            "tp": self.tp,
            "pred": self.pred,
            "gold": self.gold,
        }


def _ratio(ok: int, n: int) -> float | None:
    return round(ok / n, 3) if n else None


def greedy_match(
    pred: Sequence[T], gold: Sequence[U], eq: Callable[[T, U], bool]
) -> list[tuple[int, int]]:
    """One-to-one matching: each prediction in turn takes the first free gold item it
    equals. Returns (prediction index, gold index) pairs."""
    used: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for i, x in enumerate(pred):
        for j, y in enumerate(gold):
            if j not in used and eq(x, y):
                used.add(j)
                pairs.append((i, j))
                break
    return pairs


def dedupe(items: Iterable[T], same: Callable[[T, T], bool]) -> list[T]:
    """Items in order, without those equal (by ``same``) to one already kept."""
    kept: list[T] = []
    for x in items:
        if not any(same(x, k) for k in kept):
            kept.append(x)
    return kept


# ---------------------------------------------------------------------------------------
# Gold
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldOfficial:
    name: str
    country: str | None


@dataclass(frozen=True)
class GoldPair:
    """Two participants of one gold meeting, in the order the gold lists them."""

    names: tuple[str, str]
    date: str | None


@dataclass(frozen=True)
class GoldArticle:
    """What one gold file asks for, in the shape the scoring needs."""

    id: str
    path: Path
    officials: tuple[GoldOfficial, ...]
    meeting_pairs: tuple[GoldPair, ...]  # every pair of every meeting, in order
    relations: frozenset[tuple[frozenset[str], str]]
    dates: frozenset[str]
    data: dict[str, Any] = field(repr=False, compare=False, default_factory=dict)

    def country_of(self, names: Names) -> str | None:
        """The gold country of the first gold official with a matching name."""
        for o in self.officials:
            if names_match(names, o.name):
                return o.country
        return None


def _fail(path: Path, what: str) -> ValueError:
    return ValueError(f"{path}: bad gold file: {what}")


def _expect(path: Path, value: Any, kind: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(value, kind):
        raise _fail(path, f"{where} is not {_kind_name(kind)}")
    return value


def _kind_name(kind: type | tuple[type, ...]) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    names = {str: "a string", list: "a list", dict: "an object", type(None): "null"}
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def _gold_article(path: Path, data: Any) -> GoldArticle:
    """Check one parsed gold file and read it; ValueError naming the file when malformed."""
    _expect(path, data, dict, "the top level")
    for key in ("id", "officials", "meetings", "relations", "dated_events"):
        if key not in data:
            raise _fail(path, f"missing key {key!r}")
    ident = _expect(path, data["id"], str, "'id'")
    officials = []
    for i, o in enumerate(_expect(path, data["officials"], list, "'officials'")):
        _expect(path, o, dict, f"officials[{i}]")
        if "name" not in o:
            raise _fail(path, f"officials[{i}] has no 'name'")
        officials.append(
            GoldOfficial(
                _expect(path, o["name"], str, f"officials[{i}].name"),
                _expect(path, o.get("country"), (str, type(None)), f"officials[{i}].country"),
            )
        )
    pairs = []
    for i, m in enumerate(_expect(path, data["meetings"], list, "'meetings'")):
        _expect(path, m, dict, f"meetings[{i}]")
        if "participants" not in m:
            raise _fail(path, f"meetings[{i}] has no 'participants'")
        names = _expect(path, m["participants"], list, f"meetings[{i}].participants")
        for n in names:
            _expect(path, n, str, f"a participant of meetings[{i}]")
        date = _expect(path, m.get("date"), (str, type(None)), f"meetings[{i}].date")
        pairs.extend(GoldPair((a, b), date) for a, b in combinations(names, 2))
    relations = set()
    for i, r in enumerate(_expect(path, data["relations"], list, "'relations'")):
        _expect(path, r, dict, f"relations[{i}]")
        for key in ("countries", "kind"):
            if key not in r:
                raise _fail(path, f"relations[{i}] has no {key!r}")
        codes = _expect(path, r["countries"], list, f"relations[{i}].countries")
        for c in codes:
            _expect(path, c, str, f"a country of relations[{i}]")
        relations.add((frozenset(codes), _expect(path, r["kind"], str, f"relations[{i}].kind")))
    dates = set()
    for i, e in enumerate(_expect(path, data["dated_events"], list, "'dated_events'")):
        _expect(path, e, dict, f"dated_events[{i}]")
        start = _expect(path, e.get("start"), (str, type(None)), f"dated_events[{i}].start")
        if start:
            dates.add(start)
    return GoldArticle(
        ident, path, tuple(officials), tuple(pairs), frozenset(relations), frozenset(dates), data
    )


def gold_files(gold_dir: Path | str) -> list[Path]:
    """The gold folder's ``*.json`` files (not hidden ones), sorted by name."""
    folder = Path(gold_dir)
    if not folder.is_dir():
        raise FileNotFoundError(Errors.E401.format(problem=f"gold folder not found: {folder}"))
    files = sorted(p for p in folder.glob("*.json") if p.is_file() and not p.name.startswith("."))
    if not files:
        raise ValueError(Errors.E401.format(problem=f"no gold *.json files in {folder}"))
    return files


def load_gold(gold_dir: Path | str) -> list[GoldArticle]:
    """Read and check every gold file of ``gold_dir``."""
    articles = []
    for path in gold_files(gold_dir):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise ValueError(Errors.E402.format(problem=f"{path}: not valid JSON: {exc}")) from None
        articles.append(_gold_article(path, data))
    return articles


# ---------------------------------------------------------------------------------------
# Predictions, read from the graph
# ---------------------------------------------------------------------------------------

_PREFIXES = """PREFIX bkg: <https://w3id.org/bilateral-kg/ontology#>
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""

Q_ARTICLES = """
SELECT ?article ?identifier ?file WHERE {
  ?article a bkg:Article .
  OPTIONAL { ?article dcterms:identifier ?identifier }
  OPTIONAL { ?article bkg:sourceFile ?file }
}"""

Q_OFFICIALS = """
SELECT DISTINCT ?person ?name ?iso ?article WHERE {
  ?person a bkg:Official ; schema:name ?name ; prov:wasDerivedFrom ?article .
  OPTIONAL { ?person schema:nationality ?country . ?country bkg:isoCode ?iso }
}"""

Q_PARTICIPANTS = """
SELECT DISTINCT ?event ?person ?name ?article WHERE {
  ?event a bkg:Event ; bkg:participant ?person ; prov:wasDerivedFrom ?article .
  ?person schema:name ?name
}"""

Q_EVENT_DATES = """
SELECT DISTINCT ?event ?date ?article ?kind WHERE {
  ?event a bkg:Event ; schema:startDate ?date ; prov:wasDerivedFrom ?article .
  OPTIONAL { ?event a ?kind FILTER(?kind != bkg:Event) }
}"""

Q_RELATIONS = """
SELECT DISTINCT ?relation ?code ?kind ?article WHERE {
  ?relation a bkg:BilateralRelation ; bkg:party ?party ; prov:wasDerivedFrom ?article .
  { ?party bkg:isoCode ?code } UNION { ?party bkg:code ?code }
  OPTIONAL { ?relation bkg:relationKind ?kind }
}"""

Q_OFFICIAL_NAMES = """
SELECT ?person ?name WHERE { ?person a bkg:Official ; schema:name ?name }"""


def _rows(graph: Graph, query: str) -> Iterable[tuple[Node | None, ...]]:
    for row in graph.query(_PREFIXES + query):
        yield tuple(row)  # type: ignore[arg-type]


@dataclass(frozen=True)
class PredOfficial:
    names: tuple[str, ...]
    country: str | None  # bkg:isoCode of the nationality (organisations have none)
    node: str


@dataclass(frozen=True)
class PredPair:
    names: tuple[tuple[str, ...], tuple[str, ...]]
    date: str | None
    event: str


@dataclass(frozen=True)
class PredRelation:
    parties: frozenset[str]
    kind: str | None


@dataclass
class ArticlePredictions:
    """What the graph says about one article (the key of its ``bkg:Article`` node)."""

    officials: list[PredOfficial] = field(default_factory=list)
    meeting_pairs: list[PredPair] = field(default_factory=list)
    relations: list[PredRelation] = field(default_factory=list)
    dates: dict[str, set[str]] = field(default_factory=dict)  # start date → event kinds


def article_keys(graph: Graph) -> dict[Node, str]:
    """Article node → key: ``dcterms:identifier`` without any "#N" teaser suffix, else the
    stem of ``bkg:sourceFile``. With several values, the last row read wins."""
    keys: dict[Node, str] = {}
    for article, identifier, source_file in _rows(graph, Q_ARTICLES):
        if identifier is not None:
            keys[article] = str(identifier).split("#", 1)[0]
        elif source_file is not None:
            keys[article] = os.path.splitext(os.path.basename(str(source_file)))[0]
    return keys


@dataclass
class _Node:
    """What the queries gathered about one official, event or relation node."""

    sources: set[str | None] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    country: str | None = None
    people: dict[Node, set[str]] = field(default_factory=dict)
    date: str | None = None
    kinds: set[str] = field(default_factory=set)
    codes: set[str] = field(default_factory=set)
    relation_kind: str | None = None


def read_predictions(graph: Graph) -> dict[str | None, ArticlePredictions]:
    """Article key → what the graph derives from it (nodes of unknown articles: key None)."""
    keys = article_keys(graph)
    per: dict[str | None, ArticlePredictions] = defaultdict(ArticlePredictions)
    _read_officials(graph, keys, per)
    _read_events(graph, keys, per)
    _read_relations(graph, keys, per)
    return per


def _read_officials(
    graph: Graph, keys: dict[Node, str], per: dict[str | None, ArticlePredictions]
) -> None:
    people: dict[Node, _Node] = defaultdict(_Node)
    for person, name, iso, article in _rows(graph, Q_OFFICIALS):
        node = people[person]
        node.names.add(str(name))
        node.sources.add(keys.get(article))  # type: ignore[arg-type]
        if iso:  # rdflib truthiness: an empty (or "0"^^xsd:integer…) code is no code
            node.country = str(iso)
    for person, node in people.items():
        official = PredOfficial(tuple(sorted(node.names)), node.country, str(person))
        for source in node.sources:
            per[source].officials.append(official)


def _read_events(
    graph: Graph, keys: dict[Node, str], per: dict[str | None, ArticlePredictions]
) -> None:
    events: dict[Node, _Node] = defaultdict(_Node)
    for event, person, name, article in _rows(graph, Q_PARTICIPANTS):
        node = events[event]
        node.people.setdefault(person, set()).add(str(name))  # type: ignore[arg-type]
        node.sources.add(keys.get(article))  # type: ignore[arg-type]
    for event, date, article, kind in _rows(graph, Q_EVENT_DATES):
        node = events[event]
        node.date = str(date)
        node.sources.add(keys.get(article))  # type: ignore[arg-type]
        if kind is not None:
            node.kinds.add(str(kind).rsplit("#", 1)[-1])
    for event, node in events.items():
        people = sorted(tuple(sorted(names)) for names in node.people.values())
        pairs = [PredPair((a, b), node.date, str(event)) for a, b in combinations(people, 2)]
        for source in node.sources:
            per[source].meeting_pairs.extend(pairs)
            if node.date:
                per[source].dates.setdefault(node.date, set()).update(node.kinds)


def _read_relations(
    graph: Graph, keys: dict[Node, str], per: dict[str | None, ArticlePredictions]
) -> None:
    relations: dict[Node, _Node] = defaultdict(_Node)
    for relation, code, kind, article in _rows(graph, Q_RELATIONS):
        node = relations[relation]
        node.codes.add(str(code))
        node.sources.add(keys.get(article))  # type: ignore[arg-type]
        if kind is not None:
            node.relation_kind = RELATION_KINDS.get(str(kind).rsplit("#", 1)[-1], "other")
    for node in relations.values():
        for source in node.sources:
            per[source].relations.append(PredRelation(frozenset(node.codes), node.relation_kind))


def count_duplicate_officials(graph: Graph) -> int:
    """How many official nodes are one too many: nodes whose names match (transitively)
    form one person; the count is nodes minus persons."""
    names: dict[Node, set[str]] = defaultdict(set)
    for person, name in _rows(graph, Q_OFFICIAL_NAMES):
        names[person].add(str(name))  # type: ignore[index]
    nodes = [tuple(sorted(v)) for v in names.values()]
    parent = list(range(len(nodes)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in combinations(range(len(nodes)), 2):
        if names_match(nodes[i], nodes[j]):
            parent[root(i)] = root(j)
    return len(nodes) - len({root(i) for i in range(len(nodes))})


# ---------------------------------------------------------------------------------------
# Per-article scoring
# ---------------------------------------------------------------------------------------


@dataclass
class ArticleScore:
    """The scoring of one gold article: counts, date/country checks, what went wrong."""

    id: str
    counts: dict[str, Counts] = field(default_factory=dict)
    country_ok: int = 0
    country_n: int = 0
    date_ok: int = 0
    date_n: int = 0
    missed: list[str] = field(default_factory=list)  # gold items the graph lacks
    spurious: list[str] = field(default_factory=list)  # predictions the gold lacks
    wrong: list[str] = field(default_factory=list)  # matched, wrong date / country
    same_country: list[str] = field(default_factory=list)  # meetings within one country


def score_article(gold: GoldArticle, pred: ArticlePredictions) -> ArticleScore:
    """Score what the graph derives from one article against that article's gold."""
    result = ArticleScore(gold.id)
    _score_officials(gold, pred, result)
    _score_meetings(gold, pred, result)
    _score_relations(gold, pred, result)
    _score_dates(gold, pred, result)
    return result


def _score_officials(gold: GoldArticle, pred: ArticlePredictions, out: ArticleScore) -> None:
    predicted = dedupe(pred.officials, lambda x, y: names_match(x.names, y.names))
    matches = greedy_match(predicted, gold.officials, lambda x, y: names_match(x.names, y.name))
    out.counts["officials"] = Counts(len(matches), len(predicted), len(gold.officials))
    for i, j in matches:
        x, y = predicted[i], gold.officials[j]
        if y.country:
            out.country_n += 1
            if x.country == y.country:
                out.country_ok += 1
            else:
                out.wrong.append(
                    f"{gold.id} official country: {y.name} is {y.country}, graph says {x.country}"
                )
    taken_pred = {i for i, _ in matches}
    taken_gold = {j for _, j in matches}
    out.missed += [
        f"{gold.id} official missed: {o.name}"
        for j, o in enumerate(gold.officials)
        if j not in taken_gold
    ]
    out.spurious += [
        f"{gold.id} official spurious: {_show(o.names)}"
        for i, o in enumerate(predicted)
        if i not in taken_pred
    ]


def _across(gold: GoldArticle, names: Pair) -> bool:
    """False for two members of one delegation (same gold country); such pairs are neutral."""
    a, b = gold.country_of(names[0]), gold.country_of(names[1])
    return a is None or b is None or a != b


def _score_meetings(gold: GoldArticle, pred: ArticlePredictions, out: ArticleScore) -> None:
    same_pair: Callable[[Any, Any], bool] = lambda x, y: pairs_match(x.names, y.names)
    wanted = dedupe((p for p in gold.meeting_pairs if _across(gold, p.names)), same_pair)
    predicted = dedupe((p for p in pred.meeting_pairs if _across(gold, p.names)), same_pair)
    out.same_country += [
        f"{gold.id} meeting within one country: ({_show(x.names[0])}, {_show(x.names[1])})"
        for x in dedupe((p for p in pred.meeting_pairs if not _across(gold, p.names)), same_pair)
    ]
    matches = greedy_match(predicted, wanted, same_pair)
    out.counts["meetings"] = Counts(len(matches), len(predicted), len(wanted))
    for i, j in matches:
        x, y = predicted[i], wanted[j]
        if y.date:
            out.date_n += 1
            if x.date == y.date:
                out.date_ok += 1
            else:
                out.wrong.append(
                    f"{gold.id} meeting date: {y.names} on {y.date}, graph says {x.date}"
                )
    # a gold pair is "missed" when no prediction at all has it (the reference's wording)
    out.missed += [
        f"{gold.id} meeting missed: {y.names}"
        for y in wanted
        if not any(same_pair(x, y) for x in predicted)
    ]
    taken = {i for i, _ in matches}
    out.spurious += [
        f"{gold.id} meeting spurious: ({_show(x.names[0])}, {_show(x.names[1])})"
        for i, x in enumerate(predicted)
        if i not in taken
    ]


def _score_relations(gold: GoldArticle, pred: ArticlePredictions, out: ArticleScore) -> None:
    predicted = {(r.parties, r.kind) for r in pred.relations}
    out.counts["relations"] = Counts(
        len(predicted & gold.relations), len(predicted), len(gold.relations)
    )
    key = lambda r: (sorted(r[0]), r[1] or "")  # noqa: E731
    out.missed += [
        f"{gold.id} relation missed: {sorted(codes)} {kind}"
        for codes, kind in sorted(gold.relations - predicted, key=key)
    ]
    out.spurious += [
        f"{gold.id} relation spurious: {sorted(codes)} {kind}"
        for codes, kind in sorted(predicted - gold.relations, key=key)
    ]


def _score_dates(gold: GoldArticle, pred: ArticlePredictions, out: ArticleScore) -> None:
    predicted = set(pred.dates)
    out.counts["dates"] = Counts(len(predicted & gold.dates), len(predicted), len(gold.dates))
    out.missed += [f"{gold.id} date missed: {d}" for d in sorted(gold.dates - predicted)]
    out.spurious += [
        f"{gold.id} date spurious: {d} ({', '.join(sorted(pred.dates[d])) or '?'})"
        for d in sorted(predicted - gold.dates)
    ]


# ---------------------------------------------------------------------------------------
# Totals
# ---------------------------------------------------------------------------------------


@dataclass
class Scores:
    """The figures of a graph against a gold folder, with the per-article details."""

    totals: dict[str, Counts]
    country_ok: int
    country_n: int
    date_ok: int
    date_n: int
    duplicate_officials: int
    articles: list[ArticleScore]

    @property
    def meeting_date_exact(self) -> float | None:
        """Share of matched meetings (with a gold date) whose date is the gold's; rounded."""
        return _ratio(self.date_ok, self.date_n)

    @property
    def official_country_exact(self) -> float | None:
        """Share of matched officials (with a gold country) of the right country; rounded."""
        return _ratio(self.country_ok, self.country_n)

    def f1(self, category: str) -> float:
        """The rounded F1 of a category (as printed)."""
        return round(self.totals[category].f1, 3)

    @property
    def min_f1(self) -> float:
        return min(self.f1(c) for c in CATEGORIES)

    def as_dict(self) -> dict[str, Any]:
        """The reference scorer's ``--json`` dict."""
        out: dict[str, Any] = {c: self.totals[c].figures() for c in CATEGORIES}
        out["meeting_date_exact"] = self.meeting_date_exact
        out["official_country_exact"] = self.official_country_exact
        out["duplicate_officials"] = self.duplicate_officials
        return out

    def f1_line(self) -> str:
        """The one-line summary, in the reference scorer's format."""
        return (
            f"F1 officials={self.f1('officials')} meetings={self.f1('meetings')} "
            f"relations={self.f1('relations')} dates={self.f1('dates')} "
            f"meeting-date-exact={self.meeting_date_exact} "
            f"official-country-exact={self.official_country_exact} "
            f"duplicate-officials={self.duplicate_officials} min={self.min_f1}"
        )

    def table(self) -> str:
        """A plain-text table: category, P, R, F1, tp, pred, gold; then the other figures."""
        lines = [f"{'category':<14}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'pred':>6}{'gold':>6}"]
        for c in CATEGORIES:
            t = self.totals[c]
            p, r, f = prf(t.tp, t.pred, t.gold)
            lines.append(
                f"{LABELS[c]:<14}{p:>7.3f}{r:>7.3f}{f:>7.3f}{t.tp:>6}{t.pred:>6}{t.gold:>6}"
            )
        lines.append("")
        lines.append(
            f"meeting date exact     {_fmt(self.meeting_date_exact)}"
            f"  ({self.date_ok}/{self.date_n} matched meetings with a gold date)"
        )
        lines.append(
            f"official country exact {_fmt(self.official_country_exact)}  "
            f"({self.country_ok}/{self.country_n} matched officials with a gold country)"
        )
        lines.append(f"duplicate officials    {self.duplicate_officials}")
        return "\n".join(lines)

    def same_country_meetings(self) -> list[str]:
        """Meetings the graph holds between two officials of one country (by the gold): the
        scorer counts them neither way, so they are listed to be checked by hand."""
        return [line for a in self.articles for line in a.same_country]

    def misses(self) -> list[str]:
        """Per article: gold items missed, predictions not in the gold, wrong dates/countries."""
        return [line for a in self.articles for line in (*a.missed, *a.spurious, *a.wrong)]


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def score(graph: Graph, gold_dir: Path | str) -> Scores:
    """Score ``graph`` against every gold file of ``gold_dir``.

    Predictions about articles without a gold file are ignored.
    """
    gold = load_gold(gold_dir)
    predictions = read_predictions(graph)
    articles = [score_article(g, predictions.get(g.id) or ArticlePredictions()) for g in gold]
    totals = {c: sum((a.counts[c] for a in articles), Counts()) for c in CATEGORIES}
    return Scores(
        totals=totals,
        country_ok=sum(a.country_ok for a in articles),
        country_n=sum(a.country_n for a in articles),
        date_ok=sum(a.date_ok for a in articles),
        date_n=sum(a.date_n for a in articles),
        duplicate_officials=count_duplicate_officials(graph),
        articles=articles,
    )


# ---------------------------------------------------------------------------------------
# Loading a graph
# ---------------------------------------------------------------------------------------


def load_graph(path: Path | str) -> Graph:
    """Parse a ``.ttl`` (or N-Triples), a ``.trig`` / ``.nq`` (the union of its graphs but
    the ontology's: the triples of graph.ttl), or a build folder's ``graph.ttl`` (else its
    ``graph.trig``). FileNotFoundError / ValueError (one line, naming the file) on failure."""
    p = Path(path)
    if p.is_dir():
        candidates = [p / "graph.ttl", p / "graph.trig"]
        found = next((c for c in candidates if c.is_file()), None)
        if found is None:
            raise FileNotFoundError(
                Errors.E403.format(problem=f"no graph.ttl or graph.trig in {p}")
            )
        p = found
    if not p.is_file():
        raise FileNotFoundError(Errors.E404.format(problem=f"graph not found: {p}"))
    quads = {".trig": "trig", ".nq": "nquads"}.get(p.suffix.lower())
    graph: Graph
    try:
        if quads:
            # The merged view, as graph.ttl: every triple of every named graph seen once
            # (default_union), the ontology's graph left out. Queries then run on the store's
            # indexes, in file order, like on a parsed graph.ttl.
            dataset = Dataset(default_union=True)
            dataset.parse(str(p), format=quads)
            dataset.remove_graph(URIRef(ONTOLOGY_IRI))
            graph = dataset
        else:
            graph = Graph()
            graph.parse(str(p), format="turtle")
    except Exception as exc:  # rdflib raises many types for bad syntax
        message = " ".join(str(exc).split())[:300]
        raise ValueError(
            Errors.E405.format(problem=f"{p}: cannot parse as {quads or 'turtle'}: {message}")
        ) from None
    return graph


# ---------------------------------------------------------------------------------------
# Gold → graph
# ---------------------------------------------------------------------------------------

_DATE_FORMS = (
    (re.compile(r"\d{4}-\d{2}-\d{2}"), XSD.date),
    (re.compile(r"\d{4}-\d{2}"), XSD.gYearMonth),
    (re.compile(r"\d{4}"), XSD.gYear),
    (re.compile(r"--\d{2}-\d{2}"), XSD.gMonthDay),
)


def date_literal(value: str) -> Literal:
    """A gold date as a typed literal: xsd:date, xsd:gYearMonth, xsd:gYear or xsd:gMonthDay.

    >>> date_literal("--02-17").datatype == XSD.gMonthDay
    True
    """
    for form, datatype in _DATE_FORMS:
        if form.fullmatch(value):
            return Literal(value, datatype=datatype)
    raise ValueError(Errors.E406.format(problem=f"not a date form the contract allows: {value!r}"))


def party_iri(graph: Graph, code: str) -> URIRef:
    """The node of a country (``bkg:isoCode``) or an organisation (``bkg:code``)."""
    if len(code) != 2 or code in _reserved_codes():
        node = organization_iri(code)
        graph.add((node, RDF.type, BKG.Organization))
        graph.add((node, BKG.code, Literal(code)))
    else:
        node = country_iri(code)
        graph.add((node, RDF.type, BKG.Country))
        graph.add((node, BKG.isoCode, Literal(code)))
    return node


@dataclass
class _GoldPerson:
    iri: URIRef
    names: list[str]
    articles: set[str]


class _GoldGraphWriter:
    """Writes gold files into one graph; a person named in several articles is one node."""

    def __init__(self) -> None:
        self.graph = Graph()
        for prefix, ns in PREFIXES.items():
            self.graph.bind(prefix, ns)
        self.people: list[_GoldPerson] = []

    def add_article(self, path: Path, data: dict[str, Any]) -> None:
        g, ident = self.graph, data["id"]
        article = article_iri(ident)
        g.add((article, RDF.type, BKG.Article))
        g.add((article, DCTERMS.identifier, Literal(ident)))
        g.add((article, DCTERMS.title, Literal(f"gold {ident}")))
        g.add((article, BKG.sourceFile, Literal(path.name)))
        if data.get("source_url"):
            g.add((article, SCHEMA.url, URIRef(data["source_url"])))
        if data.get("published"):
            g.add((article, SCHEMA.datePublished, date_literal(data["published"])))
        local: dict[str, tuple[URIRef, str | None]] = {}
        for o in data["officials"]:
            local[o["name"]] = (self._official(article, ident, o), o.get("country"))
        meetings = self._meetings(article, ident, data["meetings"], local)
        self._dated_events(article, ident, data["dated_events"], meetings)
        for r in data["relations"]:
            self._relation(article, r)

    def _official(self, article: URIRef, ident: str, o: dict[str, Any]) -> URIRef:
        g, name = self.graph, o["name"]
        person = next(
            (
                p
                for p in self.people
                if ident not in p.articles and names_match(tuple(p.names), name)
            ),
            None,
        )
        if person is None:
            iri = official_iri(slug(name))
            while any(p.iri == iri for p in self.people):
                iri = URIRef(iri + "-x")
            person = _GoldPerson(iri, [], set())
            self.people.append(person)
            g.add((iri, RDF.type, BKG.Official))
            if o.get("country"):
                g.add((iri, SCHEMA.nationality, party_iri(g, o["country"])))
        person.articles.add(ident)
        if name not in person.names:
            person.names.append(name)
        g.add((person.iri, SCHEMA.name, Literal(name)))
        if o.get("role"):
            g.add((person.iri, SCHEMA.jobTitle, Literal(o["role"], lang="fr")))
        g.add((person.iri, PROV.wasDerivedFrom, article))
        return person.iri

    def _participant(
        self, article: URIRef, name: str, local: dict[str, tuple[URIRef, str | None]]
    ) -> tuple[URIRef, str | None]:
        if name in local:
            return local[name]
        for known, value in local.items():
            if names_match(known, name):
                return value
        # a participant the gold does not list among officials: a person, not an official
        node = BKGR[f"person/{slug(name)}"]
        self.graph.add((node, RDF.type, SCHEMA.Person))
        self.graph.add((node, SCHEMA.name, Literal(name)))
        self.graph.add((node, PROV.wasDerivedFrom, article))
        return node, None

    def _event(self, article: URIRef, ident: str, label: str, cls: str) -> URIRef:
        node = BKGR[f"event/{quote(ident, safe='-_.~')}/{label}"]
        self.graph.add((node, RDF.type, BKG.Event))
        self.graph.add((node, RDF.type, BKG[cls]))
        self.graph.add((node, PROV.wasDerivedFrom, article))
        return node

    def _meetings(
        self,
        article: URIRef,
        ident: str,
        meetings: list[dict[str, Any]],
        local: dict[str, tuple[URIRef, str | None]],
    ) -> list[tuple[URIRef, str, Any]]:
        g, made = self.graph, []
        for i, m in enumerate(meetings, 1):
            cls = MEETING_CLASSES.get(m.get("kind"), "Meeting")
            event = self._event(article, ident, f"meeting-{i:02d}", cls)
            people = [self._participant(article, n, local) for n in m["participants"]]
            for node, country in people:
                g.add((event, BKG.participant, node))
                if country:
                    g.add((event, BKG.country, party_iri(g, country)))
            for (a, _), (b, _) in combinations(people, 2):
                if a != b:
                    g.add((a, BKG.met, b))
                    g.add((b, BKG.met, a))
            if m.get("date"):
                g.add((event, SCHEMA.startDate, date_literal(m["date"])))
            if m.get("place"):
                g.add((event, SCHEMA.location, Literal(m["place"])))
            made.append((event, cls, m.get("date")))
        return made

    def _dated_events(
        self,
        article: URIRef,
        ident: str,
        events: list[dict[str, Any]],
        meetings: list[tuple[URIRef, str, Any]],
    ) -> None:
        """A dated event of a meeting's kind and date is that meeting; others are new."""
        g, free = self.graph, list(meetings)
        for i, e in enumerate(events, 1):
            cls = EVENT_CLASSES.get(e.get("kind"), "OtherEvent")
            same = next(
                (
                    m
                    for m in free
                    if m[2]
                    and m[2] == e.get("start")
                    and (m[1] == cls or (m[1] == "Meeting" and cls == "OtherEvent"))
                ),
                None,
            )
            if same is not None:
                free.remove(same)
                event = same[0]
            else:
                event = self._event(article, ident, f"event-{i:02d}", cls)
                if e.get("start"):
                    g.add((event, SCHEMA.startDate, date_literal(e["start"])))
            for code in e.get("countries") or ():
                g.add((event, BKG.country, party_iri(g, code)))
            if e.get("end"):
                g.add((event, SCHEMA.endDate, date_literal(e["end"])))

    def _relation(self, article: URIRef, r: dict[str, Any]) -> None:
        g = self.graph
        codes = sorted(r["countries"])
        kind = r["kind"]
        camel = next((k for k, v in RELATION_KINDS.items() if v == kind), "OtherRelation")
        node = BKGR["relation/" + "-".join(quote(c, safe="") for c in codes) + "/" + slug(kind)]
        g.add((node, RDF.type, BKG.BilateralRelation))
        g.add((node, BKG.relationKind, BKG[camel]))
        parties = [party_iri(g, c) for c in codes]
        for p in parties:
            g.add((node, BKG.party, p))
        for a, b in combinations(parties, 2):
            g.add((a, BKG.relatedTo, b))
            g.add((b, BKG.relatedTo, a))
        if r.get("since"):
            g.add((node, BKG.since, date_literal(r["since"])))
        g.add((node, PROV.wasDerivedFrom, article))


def gold_to_graph(gold_dir: Path | str) -> Graph:
    """The gold files of ``gold_dir`` as a graph in the contract's vocabulary.

    One article node per file (``dcterms:identifier`` = gold id); one official node per
    person (people whose names match across articles are one node, with every article in
    its provenance); one ``bkg:Event`` per meeting (participants, typed start date) and per
    other dated event; one ``bkg:BilateralRelation`` per (parties, kind) with ``bkg:party``
    to country nodes (``bkg:isoCode``) or organisation nodes (``bkg:code``).
    """
    writer = _GoldGraphWriter()
    for gold in load_gold(gold_dir):
        try:
            writer.add_article(gold.path, gold.data)
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(
                Errors.E407.format(problem=f"{gold.path}: cannot turn into a graph: {exc}")
            ) from None
    return writer.graph
