"""The digests that file the pieces of a build's files (kg.pieces): one per set of triples;
and the SQLite stores that keep the pieces between builds."""

from __future__ import annotations

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from kg.pieces import Stores, digest, open_pieces

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


def _fill(stores: Stores, texts: dict[str, str]) -> tuple[int, int]:
    """Ask the ``ttl`` store for each piece (made as ``texts`` says when not found)."""
    with open_pieces(stores, "ttl") as pieces:
        assert pieces is not None
        for key, text in texts.items():
            assert pieces.text(key, lambda: text) == text
    return stores.counts["ttl"]


def test_a_store_gives_back_the_pieces_of_the_last_build_only(tmp_path):
    first = {f"k{i}": f"bloc {i} é\n" for i in range(2500)}  # more than one batch
    assert _fill(Stores(tmp_path), first) == (0, 2500)
    second = {"k1": "bloc 1 é\n", "k9": "bloc 9 é\n", "new": "nouveau\n"}
    assert _fill(Stores(tmp_path), second) == (2, 1)
    assert _fill(Stores(tmp_path), {"k2": "bloc 2 é\n"}) == (0, 1)  # k2 was not kept
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ttl.sqlite"]


def test_a_damaged_store_or_one_of_other_code_is_ignored(tmp_path):
    texts = {"a": "A\n", "b": "B\n"}
    _fill(Stores(tmp_path), texts)
    other = Stores(tmp_path)
    other.code = "another"
    assert _fill(other, texts) == (0, 2)
    (tmp_path / "ttl.sqlite").write_bytes(b"not a database")
    assert _fill(Stores(tmp_path), texts) == (0, 2)
    assert _fill(Stores(tmp_path), texts) == (2, 0)


def test_a_file_whose_writing_fails_keeps_the_store_as_it_was(tmp_path):
    _fill(Stores(tmp_path), {"a": "A\n"})
    with pytest.raises(OSError), open_pieces(Stores(tmp_path), "ttl") as pieces:
        assert pieces is not None
        pieces.text("b", lambda: "B\n")
        raise OSError("disk full")
    assert _fill(Stores(tmp_path), {"a": "A\n", "b": "B\n"}) == (1, 1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ttl.sqlite"]  # no .new left


def test_pieces_read_a_batch_at_a_time_are_those_read_one_at_a_time(tmp_path, monkeypatch):
    """Pieces.texts reads the old texts of many keys in one query: the same texts, the
    same counts (a piece asked twice in a batch is reused twice; one not kept is made)."""
    import kg.pieces

    monkeypatch.setattr(kg.pieces, "BATCH", 7)
    old = {f"k{i}": f"bloc {i}\n" for i in range(40)}
    _fill(Stores(tmp_path), old)
    asked = [("k3", "bloc 3\n")] + [(f"k{i}", f"bloc {i}\n") for i in range(0, 40, 3)]
    asked += [("new", "nouveau\n"), (None, "sans clé\n")]
    stores = Stores(tmp_path)
    made: list[str] = []

    def maker(text: str):
        return lambda: made.append(text) or text

    with open_pieces(stores, "ttl") as pieces:
        assert pieces is not None
        got = list(pieces.texts((k, maker(t)) for k, t in asked))
    assert got == [t for _, t in asked]
    assert made == ["nouveau\n", "sans clé\n"] and stores.counts["ttl"] == (15, 2)
