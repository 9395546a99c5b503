"""The digests that file the pieces of a build's files (kg.pieces): one per set of triples."""

from __future__ import annotations

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from kg.pieces import digest

S, P, G = URIRef("urn:s"), URIRef("urn:p"), URIRef("urn:g")


def test_the_digest_of_a_set_does_not_depend_on_its_order_or_repeats():
    a, b = (S, P, Literal("a")), (S, P, Literal("b"))
    assert digest([a, b], G) == digest([b, a, a], G)


def test_every_part_of_every_term_and_the_graph_name_change_the_digest():
    variants = [
        [(S, P, Literal("1"))],
        [(S, P, Literal("1", datatype=XSD.integer))],
        [(S, P, Literal("1", lang="fr"))],
        [(S, P, Literal("1", lang="en"))],
        [(S, P, URIRef("1"))],
        [(S, URIRef("urn:q"), Literal("1"))],
        [(URIRef("urn:t"), P, Literal("1"))],
        [(S, P, Literal("1")), (S, P, Literal("2"))],
    ]
    digests = {digest(v, G) for v in variants} | {digest(variants[0], URIRef("urn:h"))}
    assert len(digests) == len(variants) + 1


def test_triples_with_a_blank_node_have_no_digest():
    assert digest([(BNode(), P, Literal("x"))]) is None
    assert digest([(S, P, Literal("x"))], BNode()) is None


def test_terms_holding_the_marks_that_delimit_terms_have_no_digest():
    """U+0000 to U+0003 delimit the terms in the digested text: a term holding one could
    make two different sets spell the same text, so it is never filed."""
    assert digest([(S, P, Literal("a\x00b"))]) is None
    assert digest([(URIRef("urn:s\x02"), P, Literal("a"))]) is None
    assert digest([(S, P, Literal("a"))], URIRef("urn:g\x01")) is None
