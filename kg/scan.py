"""Reading a large graph a chunk of nodes at a time: the memory of a chunk, not of the graph.

The tables, GraphML/GEXF and PLOVER ask the merged graph for a few predicates of every
event, official and country (``g.objects(node, P)``, ``(s, RDF.type, C) in g``). One lookup
per node is millions of queries at 10⁵ articles; reading each predicate whole into dicts
(what this module did before) holds every node's terms at once (the formats step peaked
at 4.8 GB at 10⁵ articles).
:class:`Chunk` answers the same questions for a chunk of nodes (:data:`CHUNK`, taken in IRI
order by :func:`sorted_of_type` and :func:`chunks`) and the nodes they link to, read in a
few queries per chunk. It reads the graph through ``triples((s, p, o))``, or, from the
on-disk store, through its ``sorted_of_type`` and ``neighbours`` (one query per few hundred
nodes), so an in-memory ``Graph`` or :class:`kg.graphstore.GraphStore` will do.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any, Protocol

from rdflib import URIRef
from rdflib.namespace import RDF

__all__ = ["Chunk", "TripleSource", "sorted_of_type", "chunks", "CHUNK"]


class TripleSource(Protocol):
    """What :class:`Chunk` needs of a graph: rdflib's ``triples`` pattern."""

    def triples(self, pattern: tuple[Any, Any, Any]) -> Any: ...


# --- a chunk of nodes at a time: memory bounded by the chunk, not the graph --------------------

CHUNK = 2000  # nodes a writer reads at a time


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
    """A graph's read questions (``objects``, ``subjects``, ``in``) for some nodes only: the
    triples of a chunk of a large graph's nodes (and of their neighbours, loaded next), by
    predicate.

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
