"""kg.scan: a chunk of a graph's nodes answers as the graph does, for the nodes it loaded."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.scan import Chunk, chunks, sorted_of_type

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
