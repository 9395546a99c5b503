"""kg.scan: a graph read by predicate answers as the graph does, reading each predicate once."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.scan import Chunk, Scan, chunks, sorted_of_type

A, B, C = (URIRef(f"urn:x:{n}") for n in "abc")
KNOWS, NAME = URIRef("urn:p:knows"), URIRef("urn:p:name")
PERSON, PLACE = URIRef("urn:c:Person"), URIRef("urn:c:Place")


def _graph() -> Graph:
    g = Graph()
    for t in [
        (A, KNOWS, B),
        (A, KNOWS, C),
        (B, KNOWS, C),
        (A, NAME, Literal("Ana", lang="fr")),
        (A, NAME, Literal("Anna")),
        (A, RDF.type, PERSON),
        (B, RDF.type, PERSON),
        (C, RDF.type, PLACE),
    ]:
        g.add(t)
    return g


class _Counting:
    """A graph that counts the patterns it is asked for."""

    def __init__(self, graph: Graph) -> None:
        self.graph, self.asked = graph, []

    def triples(self, pattern):
        self.asked.append(pattern)
        return self.graph.triples(pattern)


def test_scan_answers_as_the_graph_does():
    g = _graph()
    scan = Scan(g)
    for node in (A, B, C, URIRef("urn:x:none")):
        for p in (KNOWS, NAME, RDF.type):
            assert sorted(scan.objects(node, p)) == sorted(g.objects(node, p))
            assert sorted(scan.subjects(p, node)) == sorted(g.subjects(p, node))
            for o in (A, B, C, PERSON, PLACE, Literal("Anna")):
                assert scan.has(node, p, o) == ((node, p, o) in g)
        for cls in (PERSON, PLACE):
            assert scan.is_a(node, cls) == ((node, RDF.type, cls) in g)
    assert sorted(scan.of_type(PERSON)) == [A, B]
    assert sorted(scan.subjects(NAME, Literal("Anna"))) == [A]


def test_each_predicate_is_read_from_the_graph_once():
    g = _Counting(_graph())
    scan = Scan(g)
    for node in (A, B, C):
        scan.objects(node, KNOWS)
        scan.subjects(KNOWS, node)
        scan.is_a(node, PERSON)
        scan.is_a(node, PLACE)
    assert g.asked == [(None, KNOWS, None), (None, RDF.type, None)]


def test_a_node_without_the_predicate_has_no_values():
    scan = Scan(_graph())
    assert scan.objects(C, NAME) == []
    assert scan.subjects(KNOWS, A) == []
    assert not scan.is_a(A, PLACE)


def test_a_predicate_taken_is_not_kept():
    """take() gives the same table as by_subject() and lets it go: asked again, the
    predicate is read from the graph again."""
    g = _Counting(_graph())
    scan = Scan(g)
    first = scan.take(KNOWS)
    assert {s: sorted(o) for s, o in first.items()} == {A: [B, C], B: [C]}
    assert scan.by_subject(KNOWS) == first
    assert g.asked == [(None, KNOWS, None)] * 2


def test_a_chunk_answers_as_the_graph_does_for_the_nodes_it_loaded():
    g = _graph()
    chunk = Chunk(g).load([A, B], [KNOWS, NAME, RDF.type], backward=[KNOWS])
    chunk.load(chunk.linked([A, B], [KNOWS]), [RDF.type], backward=[KNOWS])
    for node in (A, B):
        for p in (KNOWS, NAME, RDF.type):
            assert sorted(chunk.objects(node, p)) == sorted(g.objects(node, p))
        assert sorted(chunk.subjects(KNOWS, node)) == sorted(g.subjects(KNOWS, node))
        assert chunk.is_a(node, PERSON) == ((node, RDF.type, PERSON) in g)
    assert chunk.linked([A, B], [KNOWS]) == [B, C]
    assert sorted(chunk.subjects(KNOWS, C)) == [A, B]
    assert chunk.is_a(C, PLACE) and chunk.has(A, KNOWS, C)


def test_a_chunk_refuses_a_question_about_a_node_it_did_not_load():
    chunk = Chunk(_graph()).load([A], [KNOWS])
    with pytest.raises(KeyError):
        chunk.objects(B, KNOWS)
    with pytest.raises(KeyError):
        chunk.objects(A, NAME)


def test_sorted_of_type_and_chunks_give_the_class_members_in_iri_order():
    g = _graph()
    g.add((URIRef("urn:x:0"), RDF.type, PERSON))
    assert list(sorted_of_type(g, PERSON)) == [URIRef("urn:x:0"), A, B]
    assert list(chunks(sorted_of_type(g, PERSON), 2)) == [[URIRef("urn:x:0"), A], [B]]
    assert list(chunks([], 2)) == []
