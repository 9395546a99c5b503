"""Predictions, read from the graph with SPARQL: per article, its officials, the pairs who met,
its relations and its events' dates.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

from rdflib import Graph
from rdflib.term import Node

from kg.evaluate.names import names_match
from kg.evaluate.vocab import RELATION_KINDS

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
        assert isinstance(row, tuple)  # a SELECT row (ResultRow is a tuple)
        yield tuple(row)


def _bound(term: Node | None) -> Node:
    """A column the query binds in every row (not under OPTIONAL)."""
    assert term is not None
    return term


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
            keys[_bound(article)] = str(identifier).split("#", 1)[0]
        elif source_file is not None:
            keys[_bound(article)] = os.path.splitext(os.path.basename(str(source_file)))[0]
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
        node = people[_bound(person)]
        node.names.add(str(name))
        node.sources.add(keys.get(_bound(article)))
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
        node = events[_bound(event)]
        node.people.setdefault(_bound(person), set()).add(str(name))
        node.sources.add(keys.get(_bound(article)))
    for event, date, article, kind in _rows(graph, Q_EVENT_DATES):
        node = events[_bound(event)]
        node.date = str(date)
        node.sources.add(keys.get(_bound(article)))
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
        node = relations[_bound(relation)]
        node.codes.add(str(code))
        node.sources.add(keys.get(_bound(article)))
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
        names[_bound(person)].add(str(name))
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
