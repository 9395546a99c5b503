"""Reading a large graph by predicate: one scan of ``graph.triples((None, P, None))`` per
predicate, into dicts, instead of one lookup per node.

The tables, GraphML/GEXF and PLOVER ask the merged graph for a few predicates of every
event, official and country (``g.objects(node, P)``, ``(s, RDF.type, C) in g``): at
10,000 articles that is millions of index lookups, each building a generator in rdflib.
:class:`Scan` answers the same questions from dicts filled by one pass over each predicate's
triples, the first time the predicate is asked for. It reads the graph only through
``triples((s, p, o))``, so any store with rdflib's read methods will do (an in-memory
``Graph`` or an on-disk one).

>>> from rdflib import Graph, URIRef as U
>>> g = Graph()
>>> _ = g.add((U("urn:a"), U("urn:p"), U("urn:b")))
>>> scan = Scan(g)
>>> scan.objects(U("urn:a"), U("urn:p")), scan.subjects(U("urn:p"), U("urn:b"))
([rdflib.term.URIRef('urn:b')], [rdflib.term.URIRef('urn:a')])
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any, Protocol

from rdflib import URIRef
from rdflib.namespace import RDF

__all__ = ["Scan", "Chunk", "TripleSource", "sorted_of_type", "chunks"]

_NONE: list = []  # the answer for a node without the predicate (never changed)


class TripleSource(Protocol):
    """What :class:`Scan` needs of a graph: rdflib's ``triples`` pattern."""

    def triples(self, pattern: tuple[Any, Any, Any]) -> Any: ...


class Scan:
    """The triples of a graph by predicate, each predicate read once (see the module doc).

    The answers are lists in the order the store gave the triples: callers sort where the
    order matters, as they did with rdflib's generators."""

    def __init__(self, graph: TripleSource) -> None:
        self.graph = graph
        self._forward: dict[URIRef, dict[Any, list]] = {}
        self._backward: dict[URIRef, dict[Any, list]] = {}
        self._members: dict[URIRef, frozenset] = {}

    @classmethod
    def of(cls, graph: "TripleSource | Scan") -> "Scan":
        """``graph`` read by predicate: a :class:`Scan` given is kept (its tables with it)."""
        return graph if isinstance(graph, Scan) else cls(graph)

    def by_subject(self, predicate: URIRef) -> dict[Any, list]:
        """Every subject of ``predicate`` → its objects (one scan, kept)."""
        table = self._forward.get(predicate)
        if table is None:
            table = defaultdict(list)
            for s, _p, o in self.graph.triples((None, predicate, None)):
                table[s].append(o)
            table = self._forward[predicate] = dict(table)
        return table

    def take(self, predicate: URIRef) -> dict[Any, list]:
        """:meth:`by_subject`, not kept: for a reader that reads each predicate once."""
        table = self.by_subject(predicate)
        del self._forward[predicate]
        self._backward.pop(predicate, None)
        return table

    def by_object(self, predicate: URIRef) -> dict[Any, list]:
        """Every object of ``predicate`` → its subjects (made from :meth:`by_subject`)."""
        table = self._backward.get(predicate)
        if table is None:
            table = defaultdict(list)
            for s, objects in self.by_subject(predicate).items():
                for o in objects:
                    table[o].append(s)
            table = self._backward[predicate] = dict(table)
        return table

    def objects(self, subject: Any, predicate: URIRef) -> list:
        """As ``graph.objects(subject, predicate)``."""
        return self.by_subject(predicate).get(subject, _NONE)

    def subjects(self, predicate: URIRef, obj: Any) -> list:
        """As ``graph.subjects(predicate, obj)``."""
        return self.by_object(predicate).get(obj, _NONE)

    def has(self, subject: Any, predicate: URIRef, obj: Any) -> bool:
        """As ``(subject, predicate, obj) in graph``."""
        return obj in self.objects(subject, predicate)

    def of_type(self, cls: URIRef) -> list:
        """The subjects of ``rdf:type cls``."""
        return self.subjects(RDF.type, cls)

    def is_a(self, subject: Any, cls: URIRef) -> bool:
        """As ``(subject, RDF.type, cls) in graph``, through a set of each class's members."""
        members = self._members.get(cls)
        if members is None:
            members = self._members[cls] = frozenset(self.of_type(cls))
        return subject in members


# --- a chunk of nodes at a time: memory bounded by the chunk, not the graph --------------------

CHUNK = 2000  # nodes a writer reads at a time (a few MB of terms)


def sorted_of_type(graph: TripleSource, cls: URIRef) -> Iterator:
    """The subjects of ``rdf:type cls`` sorted as ``sorted(set(...), key=str)``; streamed
    from a store that sorts them itself (:meth:`kg.graphstore.GraphStore.sorted_of_type`)."""
    sort = getattr(graph, "sorted_of_type", None)
    if sort is not None:
        return sort(cls)
    return iter(sorted({s for s, _p, _o in graph.triples((None, RDF.type, cls))}, key=str))


def chunks(items: Iterable, size: int | None = None) -> Iterator[list]:
    """``items`` in lists of ``size`` (default :data:`CHUNK`)."""
    it = iter(items)
    while chunk := list(islice(it, size or CHUNK)):
        yield chunk


class Chunk:
    """:class:`Scan`'s questions for some nodes only: the triples of a chunk of a large
    graph's nodes (and of their neighbours, loaded next), by predicate.

    A writer that reads every event or official of a large graph reads them a chunk at a
    time (:func:`chunks` of :func:`sorted_of_type`), so it holds one chunk's triples, not
    a whole predicate's. A question about a node or predicate not loaded is an error (a
    ``KeyError``), never a silent "none": a reader that forgot a load is caught by its tests.

    >>> from rdflib import Graph, URIRef as U
    >>> g = Graph()
    >>> _ = g.add((U("urn:a"), U("urn:p"), U("urn:b")))
    >>> c = Chunk(g).load([U("urn:a")], [U("urn:p")]).load([U("urn:b")], [], [U("urn:p")])
    >>> c.objects(U("urn:a"), U("urn:p")), c.subjects(U("urn:p"), U("urn:b"))
    ([rdflib.term.URIRef('urn:b')], [rdflib.term.URIRef('urn:a')])
    """

    def __init__(self, graph: TripleSource) -> None:
        self.graph = graph
        self._forward: dict[URIRef, dict[Any, list]] = defaultdict(dict)
        self._backward: dict[URIRef, dict[Any, list]] = defaultdict(dict)

    def load(
        self, nodes: Iterable, predicates: Iterable[URIRef], backward: Iterable[URIRef] = ()
    ) -> "Chunk":
        """Read the objects of ``predicates`` of ``nodes`` and the subjects of ``backward``
        (predicates) pointing at them; returns the chunk."""
        nodes = list(dict.fromkeys(nodes))
        for predicates_, tables, back in (
            (list(predicates), self._forward, False),
            (list(backward), self._backward, True),
        ):
            if not predicates_:
                continue
            for p in predicates_:
                table = tables[p]
                for n in nodes:
                    table[n] = []
            for n, p, other in self._read(nodes, predicates_, back):
                tables[p][n].append(other)
        return self

    def _read(self, nodes: list, predicates: list, backward: bool) -> Iterator[tuple]:
        read = getattr(self.graph, "neighbours", None)
        if read is not None:  # a store: a few queries for the whole chunk
            yield from read(nodes, predicates, backward)
            return
        for n in nodes:
            for p in predicates:
                if backward:
                    yield from ((n, p, s) for s, _p, _o in self.graph.triples((None, p, n)))
                else:
                    yield from ((n, p, o) for _s, _p, o in self.graph.triples((n, p, None)))

    def objects(self, subject: Any, predicate: URIRef) -> list:
        """As ``graph.objects(subject, predicate)``, for a node loaded."""
        return self._forward[predicate][subject]

    def subjects(self, predicate: URIRef, obj: Any) -> list:
        """As ``graph.subjects(predicate, obj)``, for a node loaded with ``backward``."""
        return self._backward[predicate][obj]

    def has(self, subject: Any, predicate: URIRef, obj: Any) -> bool:
        """As ``(subject, predicate, obj) in graph``."""
        return obj in self.objects(subject, predicate)

    def is_a(self, subject: Any, cls: URIRef) -> bool:
        """As ``(subject, RDF.type, cls) in graph`` (``rdf:type`` loaded)."""
        return cls in self.objects(subject, RDF.type)

    def linked(self, nodes: Iterable, predicates: Iterable[URIRef]) -> list:
        """The objects of ``predicates`` of ``nodes`` (loaded), each once: what to load next."""
        predicates = list(predicates)
        return list(dict.fromkeys(o for n in nodes for p in predicates for o in self.objects(n, p)))
