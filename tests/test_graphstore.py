"""The merged graph on disk (kg.graphstore): the answers of an rdflib Graph, the same files
written from it, never read after a crash, and memory that does not grow with the graph."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.export import turtle_lines, write_article_files
from kg.formats import jsonld_text
from kg.graphstore import STORE_FILE, GraphStore, key_term, term_key
from kg.namespaces import BKG, SCHEMA
from kg.pipeline import build, load_graph

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "corpus" / "dev" / "articles.jsonl"


PEOPLE = ("Tô Lâm", "Lê Hoài Trung", "Yvette Cooper", "Emmanuel Macron", "Cyril Ramaphosa")


@pytest.fixture(scope="module")
def dev_graph(tmp_path_factory) -> Graph:
    """The merged graph of the dev corpus built with the stand-in extractor (no model),
    each article given two receptions among a few people (officials, events, relations,
    mentions shared across articles)."""
    if not DEV.is_file():
        pytest.skip("../shared/corpus/dev is not here")
    from fake_steps import install

    folder = tmp_path_factory.mktemp("dev")
    records = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines()]
    for i, r in enumerate(records):
        a, b, c = (PEOPLE[(i + k) % len(PEOPLE)] for k in (0, 1, 3))
        r["text"] += f"\n\n{a} a reçu {b}. {c} a reçu {a}."
    src = folder / "dev.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    mp = pytest.MonkeyPatch()
    install(mp, outputs=False)
    try:
        build([src], folder / "out", quiet=True)
    finally:
        mp.undo()
    return load_graph(folder / "out" / "graph.ttl")


@pytest.fixture()
def store(tmp_path, dev_graph) -> GraphStore:
    st = GraphStore(tmp_path / STORE_FILE)
    st.add(dev_graph)
    yield st
    st.close()


def _patterns(graph: Graph) -> list[tuple]:
    """Patterns of every shape (each of s, p, o given or not) from the graph's own terms,
    and terms it does not hold."""
    triples = sorted(graph, key=lambda t: tuple(map(str, t)))[:: max(1, len(graph) // 40)]
    absent = URIRef("urn:absent")
    out: list[tuple] = [(None, None, None), (absent, None, None), (None, None, Literal("absent"))]
    for s, p, o in triples:
        out += [(s, None, None), (None, p, None), (None, None, o), (s, p, None)]
        out += [(None, p, o), (s, None, o), (s, p, o), (s, p, absent)]
    return out


def test_terms_read_back_as_the_rdflib_terms_they_were():
    terms = [
        URIRef("https://example.org/a b"),
        Literal("Hà Nội", lang="vi"),
        Literal("2025-03", datatype=XSD.gYearMonth),
        Literal("7", datatype=XSD.nonNegativeInteger),
        Literal(""),
        Literal('a\nb\t"c"'),
    ]
    for t in terms:
        back = key_term(term_key(t))
        assert back == t and type(back) is type(t)
        assert getattr(back, "language", None) == getattr(t, "language", None)
        assert getattr(back, "datatype", None) == getattr(t, "datatype", None)


def test_a_blank_node_is_refused_with_a_clear_error(tmp_path):
    st = GraphStore(tmp_path / STORE_FILE)
    with pytest.raises(ValueError, match="IRIs and literals only"):
        st.add([(BNode(), RDF.type, BKG.Event)])
    st.close()


def test_the_store_answers_every_read_method_as_an_rdflib_graph(store, dev_graph):
    g = dev_graph
    assert len(store) == len(g) > 500
    assert sorted(store) == sorted(g)
    for pat in _patterns(g):
        s, p, o = pat
        assert sorted(store.triples(pat)) == sorted(g.triples(pat)), pat
        assert (pat in store) == (pat in g), pat
        assert sorted(store.subjects(p, o)) == sorted(g.subjects(p, o)), pat
        assert sorted(store.objects(s, p)) == sorted(g.objects(s, p)), pat
        assert sorted(store.predicates(s, o)) == sorted(g.predicates(s, o)), pat
        assert set(store.subjects(p, o, unique=True)) == set(g.subjects(p, o, unique=True))
        assert sorted(store.subject_objects(p)) == sorted(g.subject_objects(p)), pat
        assert sorted(store.predicate_objects(s)) == sorted(g.predicate_objects(s)), pat
        assert sorted(store.subject_predicates(o)) == sorted(g.subject_predicates(o)), pat
        if s is not None and p is not None:  # a single value: the same one
            values = set(g.objects(s, p))
            got = store.value(s, p, default="none")
            assert got in values if values else got == "none"


def test_key_pairs_are_the_keys_of_the_triples_of_a_predicate(store, dev_graph):
    for p in sorted(set(dev_graph.predicates())):
        want = sorted((str(s), term_key(o)) for s, _p, o in dev_graph.triples((None, p, None)))
        assert sorted(store.key_pairs(p)) == want, p
    assert list(store.key_pairs(URIRef("urn:absent"))) == []


def test_the_views_read_the_same_facts_from_the_store_as_from_the_graph(tmp_path, dev_graph):
    from kg.views import read_facts

    g = Graph()
    for t in dev_graph:
        g.add(t)
    s = URIRef("https://example.org/odd")
    g.add((s, RDF.type, BKG.Country))
    for text in ("a\x00b", "  spaced ", "é\u2028", "<b>&amp;"):
        g.add((s, SCHEMA.name, Literal(text, lang="fr")))
    g.add((s, SCHEMA.startDate, Literal("2024-02-17", datatype=XSD.date)))
    g.add((s, SCHEMA.startDate, Literal("--02-17", datatype=XSD.gMonthDay)))
    g.add((s, SCHEMA.startDate, Literal("017", datatype=XSD.integer)))  # rdflib respells it
    st = GraphStore(tmp_path / STORE_FILE)
    st.add(g)
    try:
        a, b = read_facts(g), read_facts(st)
    finally:
        st.close()
    for field in ("kind", "event_kind", "relations", "articles", "lit", "link"):
        assert getattr(a, field) == getattr(b, field), field
    assert len(a.kind) > 20 and len(a.lit[str(s)]["start"]) == 3


def test_value_with_any_false_refuses_several_values(store, dev_graph):
    event = next(dev_graph.subjects(RDF.type, BKG.Event))
    with pytest.raises(ValueError):
        store.value(event, RDF.type, any=False)  # bkg:Event and its kind
    assert store.value(event, SCHEMA.startDate, any=False) == dev_graph.value(
        event, SCHEMA.startDate
    )


def test_turtle_and_jsonld_written_from_the_store_are_those_of_the_graph(store, dev_graph):
    assert "".join(turtle_lines(store)) == "".join(turtle_lines(dev_graph))
    assert "".join(jsonld_text(store)) == "".join(jsonld_text(dev_graph))


def test_a_store_left_by_a_crashed_build_is_not_read(tmp_path):
    path = tmp_path / STORE_FILE
    crashed = GraphStore(path)
    crashed.add([(URIRef("urn:stale"), RDF.type, BKG.Event)])
    crashed.close(delete=False)  # as a build killed before it could delete it
    assert path.exists()
    st = GraphStore(path)
    assert len(st) == 0 and (URIRef("urn:stale"), None, None) not in st
    st.close()
    assert not path.exists()  # a scratch copy: deleted with the build


def test_an_update_makes_anew_a_store_it_cannot_trust_and_keeps_its_own(tmp_path, monkeypatch):
    from fake_steps import install

    install(monkeypatch, outputs=False)
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "T\\n\\nTô Lâm a reçu Cyril Ramaphosa."}\n', "utf-8")
    out = tmp_path / "out"
    build([src], out, quiet=True)
    path = out / ".kg-cache" / STORE_FILE
    stale = GraphStore(path)  # a scratch store: no stamp, never trusted
    stale.add([(URIRef("urn:stale"), RDF.type, BKG.Event)])
    stale.close(delete=False)
    report = build([], out, quiet=True, update=True)
    assert "urn:stale" not in (out / "graph.ttl").read_text(encoding="utf-8")
    assert report.pieces["graph"] == (0, 1)  # made anew
    assert path.exists()  # and kept for the next update, which trusts it
    assert build([], out, quiet=True, update=True).pieces["graph"] == (1, 0)


def _kept(path: Path, graphs: dict, stamp: str = "code", reuse: bool = True) -> GraphStore:
    """A kept store with the article graphs ``graphs`` (name → triples) put and finished."""
    from kg.pieces import digest

    st = GraphStore(path, stamp=stamp, reuse=reuse)
    for name, triples in sorted(graphs.items()):
        st.put(name, digest(triples, name), sorted(triples))
    st.finish()
    return st


def test_a_kept_store_holds_exactly_the_triples_of_the_article_graphs_put_last(tmp_path):
    """Each round puts some article graphs into the store the last round left: it holds
    what a store made anew from the same graphs holds (a triple two graphs share stays
    while one of them holds it), and loads only the graphs whose triples changed."""
    g1, g2, g3 = (URIRef(f"urn:g{i}") for i in (1, 2, 3))
    shared = (URIRef("urn:vn"), RDF.type, BKG.Country)
    a1, a2, b1 = ((URIRef(f"urn:{x}"), RDF.type, BKG.Official) for x in ("a1", "a2", "b1"))
    rounds = [
        ({g1: {shared, a1}, g2: {shared, b1}}, [0, 2]),
        ({g1: {shared, a2}, g2: {shared, b1}}, [1, 1]),  # g1 edited
        ({g1: {a2}, g2: {shared, b1}}, [1, 1]),  # shared still held by g2
        ({g1: {a2}}, [1, 0]),  # g2's article left the build: shared and b1 go
        ({g1: {a2}, g3: {(a2[0], SCHEMA.name, Literal("A"))}}, [1, 1]),  # a2 gets a name
        ({g3: {shared}}, [0, 1]),
    ]
    for i, (graphs, counts) in enumerate(rounds):
        st = _kept(tmp_path / STORE_FILE, graphs)
        fresh = _kept(tmp_path / f"fresh{i}.sqlite", graphs, reuse=False)
        assert st.kept == (i > 0) and st.graphs == counts
        assert set(st) == set(fresh) == set().union(*graphs.values()) and len(st) == len(fresh)
        # the subjects' digests kept from the last round are those of their triples now
        subjects = [(key, read()) for key, read in st.keyed_subjects()]
        assert subjects == [(key, read()) for key, read in fresh.keyed_subjects()]
        assert [key for key, _ in st.keyed_subjects()] == [key for key, _ in subjects]
        st.close()
        fresh.close()
        assert (tmp_path / STORE_FILE).exists()


def test_a_kept_store_tells_the_digest_of_a_graph_made_from_the_same_inputs_only(tmp_path):
    g = URIRef("urn:g")
    triples = [(URIRef("urn:a"), RDF.type, BKG.Official)]
    st = GraphStore(tmp_path / STORE_FILE, stamp="code")
    assert st.made_from(g, "inputs 1") is None  # nothing put yet
    st.put(g, "digest 1", triples, "inputs 1")
    st.put(URIRef("urn:h"), "digest 2", triples)  # inputs not known: never reused
    st.finish()
    st.close()
    st = GraphStore(tmp_path / STORE_FILE, stamp="code", reuse=True)
    assert st.made_from(g, "inputs 1") == "digest 1"
    assert st.made_from(g, "inputs 2") is None and st.made_from(URIRef("urn:h"), "") is None
    # other inputs that made the same triples: kept, and known by the new inputs from now on
    assert st.put(g, "digest 1", triples, "inputs 2")
    assert st.made_from(g, "inputs 2") == "digest 1" and st.made_from(g, "inputs 1") is None


def test_a_kept_store_is_read_only_when_its_stamp_matches_and_it_was_left_clean(
    tmp_path, monkeypatch
):
    import kg.graphstore

    path = tmp_path / STORE_FILE
    graphs = {URIRef("urn:g"): {(URIRef("urn:a"), RDF.type, BKG.Official)}}

    def reopened(**kw) -> GraphStore:
        _kept(path, graphs, reuse=False).close()  # a clean store of stamp "code"
        return GraphStore(path, **{"stamp": "code", "reuse": True, **kw})

    for st, trusted in [
        (reopened(), True),
        (reopened(stamp="other code"), False),
        (reopened(reuse=False), False),  # a full build, or --no-cache
        (reopened(stamp=None), False),  # a scratch store
    ]:
        assert st.kept is trusted and len(st) == (1 if trusted else 0)
        st.close(delete=False)
    _kept(path, graphs, reuse=False).close()
    monkeypatch.setattr(kg.graphstore, "FORMAT", "another layout")
    assert not GraphStore(path, stamp="code", reuse=True).kept
    monkeypatch.undo()
    # a build that stopped after a change and before finish(): its store is not read again
    st = reopened()
    st.put(URIRef("urn:g2"), None, [(URIRef("urn:b"), RDF.type, BKG.Official)])
    st.close(delete=False)  # as a killed build leaves it
    again = GraphStore(path, stamp="code", reuse=True)
    assert not again.kept and len(again) == 0
    again.close()
    assert not path.exists()  # left unclean (never finished): deleted
    path.write_bytes(b"not an SQLite file at all")
    st = GraphStore(path, stamp="code", reuse=True)
    assert not st.kept and len(st) == 0


def test_a_kept_store_remembers_the_file_written_from_its_graphs_until_it_changes(tmp_path):
    """graph.nq's lines are taken from the last one only if it is the very file written
    from the graphs the store holds: not another file at its place, not after a change."""
    import os

    path, nq = tmp_path / STORE_FILE, tmp_path / "graph.nq"
    graphs = {URIRef("urn:g"): {(URIRef("urn:a"), RDF.type, BKG.Official)}}
    st = _kept(path, graphs, reuse=False)
    nq.write_text("lines\n", encoding="utf-8")
    st.remember(nq)
    assert not st.remembers(nq)  # a store made anew: nothing to splice into
    st.close()
    st = GraphStore(path, stamp="code", reuse=True)
    assert st.remembers(nq)
    st.put(URIRef("urn:g"), "another digest", [(URIRef("urn:b"), RDF.type, BKG.Official)])
    assert not st.remembers(nq)  # changed since the file was written
    st.finish()
    st.close()
    assert not GraphStore(path, stamp="code", reuse=True).remembers(nq)  # forgotten for good
    st = _kept(path, graphs)
    st.remember(nq)
    st.close()
    other = tmp_path / "other.nq"
    other.write_text("lines\n", encoding="utf-8")  # same size, another file
    os.replace(other, nq)
    assert not GraphStore(path, stamp="code", reuse=True).remembers(nq)


def _articles(n: int):
    """``n`` synthetic article graphs, made one at a time (as the build makes them): each
    with its own people and evidence, all sharing a country."""
    vn = URIRef("https://example.org/country/VN")
    for i in range(n):
        art = URIRef(f"https://example.org/article/{i:06d}")
        triples = {(vn, RDF.type, BKG.Country), (art, RDF.type, BKG.Article)}
        for j in range(8):
            person = URIRef(f"https://example.org/official/{i}-{j}")
            triples |= {
                (person, RDF.type, BKG.Official),
                (person, SCHEMA.name, Literal(f"Personne {i} {j}")),
                (person, SCHEMA.nationality, vn),
                (person, BKG.evidence, Literal(f"Une phrase de l'article {i} sur {j}." * 3)),
            }
        yield art, triples


def _peak(write) -> int:
    tracemalloc.start()
    try:
        write()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_of_the_graph_step_does_not_grow_with_the_corpus(tmp_path, monkeypatch):
    """Writing graph.trig, graph.nq and graph.ttl through the store: the peak of Python
    memory for 4N articles is about that of N (an rdflib Graph of them grows 4 times).
    What it holds is bounded by constants, made small here so that N articles fill them:
    the terms cached, graph.nq's lines sorted in memory at a time and the text gathered
    before a write."""
    import kg.export
    import kg.graphstore
    import kg.nquads

    for module in (kg.export, kg.nquads, kg.graphstore):
        monkeypatch.setattr(module, "TERM_CACHE", 500)
    monkeypatch.setattr(kg.export, "RUN_LINES", 1000)
    monkeypatch.setattr(kg.export, "WRITE_CHUNK", 10_000)

    def through_store(n: int, folder: Path) -> None:
        st = GraphStore(folder / STORE_FILE)
        write_article_files(_articles(n), folder, st, ontology=None)
        for _ in turtle_lines(st):
            pass
        st.close()

    def in_memory(n: int) -> None:
        g = Graph()
        for _, triples in _articles(n):
            for t in triples:
                g.add(t)

    small, large = tmp_path / "small", tmp_path / "large"
    n = 100
    peak_small, peak_large = (
        _peak(lambda: through_store(n, small)),
        _peak(lambda: through_store(4 * n, large)),
    )
    assert peak_large < 1.5 * peak_small, (peak_small, peak_large)
    assert _peak(lambda: in_memory(4 * n)) > 3 * _peak(lambda: in_memory(n))
    assert (large / "graph.nq").read_text(encoding="utf-8").count("\n") == 4 * n * 34


def test_an_article_graph_is_digested_once_for_graph_trig_and_graph_nq(tmp_path, monkeypatch):
    """graph.trig's and graph.nq's pieces of an article graph are filed under one digest
    (the same triples): an update pays for it once per article, and the second build
    reuses every piece of both files."""
    import kg.export
    import kg.nquads
    from kg.pieces import Stores, digest

    calls: list[object] = []

    def counted(triples, name=None):
        calls.append(name)
        return digest(triples, name)

    monkeypatch.setattr(kg.export, "digest", counted)
    monkeypatch.setattr(kg.nquads, "digest", counted)
    stores = Stores(tmp_path / "pieces")
    write_article_files(_articles(20), tmp_path / "a", ontology=None, pieces=stores)
    assert len(calls) == 20 and len(set(calls)) == 20
    first = {n: (tmp_path / "a" / n).read_bytes() for n in ("graph.trig", "graph.nq")}
    write_article_files(_articles(20), tmp_path / "b", ontology=None, pieces=stores)
    assert stores.counts == {"trig": (20, 0), "nq": (20, 0)}
    assert {n: (tmp_path / "b" / n).read_bytes() for n in first} == first


def test_subjects_whose_text_is_kept_are_not_decoded_from_the_store(tmp_path, monkeypatch):
    """graph.ttl's blocks and graph.jsonld's nodes are filed under a digest of the store's
    keys: a second build finds every one, reads no rdflib term from the store and writes
    the same bytes."""
    from kg.export import write_turtle
    from kg.pieces import Stores, open_pieces

    def written(folder: Path) -> dict[str, bytes]:
        st = GraphStore(folder / STORE_FILE)
        write_article_files(_articles(15), folder, st, ontology=None)
        write_turtle(st, folder, stores)
        with open_pieces(stores, "jsonld") as nodes:
            (folder / "graph.jsonld").write_text("".join(jsonld_text(st, pieces=nodes)))
        st.close()
        return {n: (folder / n).read_bytes() for n in ("graph.ttl", "graph.jsonld")}

    stores = Stores(tmp_path / "pieces")
    first = written(tmp_path / "a")
    subjects = stores.counts["ttl"][1]
    assert subjects > 15 and stores.counts["jsonld"] == (0, subjects)

    def refused(self, rows):
        raise AssertionError("a subject decoded although its text was kept")

    monkeypatch.setattr(GraphStore, "_decoded", refused)
    assert written(tmp_path / "b") == first
    assert stores.counts["ttl"] == stores.counts["jsonld"] == (subjects, 0)


def test_the_digest_of_a_subject_changes_with_any_of_its_triples():
    from kg.graphstore import subject_digest

    a = [(term_key(SCHEMA.name), term_key(Literal("x", lang="fr")))]
    variants = [
        [(term_key(SCHEMA.name), term_key(Literal("x", lang="en")))],
        [(term_key(SCHEMA.name), term_key(Literal("x")))],
        [(term_key(SCHEMA.name), term_key(URIRef("x")))],
        [(term_key(SCHEMA.nationality), term_key(Literal("x", lang="fr")))],
        a + [(term_key(RDF.type), term_key(BKG.Official))],
    ]
    s = term_key(URIRef("urn:s"))
    digests = {subject_digest(s, a)} | {subject_digest(s, v) for v in variants}
    assert len(digests) == len(variants) + 1
    assert subject_digest(term_key(URIRef("urn:t")), a) not in digests
    assert subject_digest(s, [(term_key(SCHEMA.name), term_key(Literal("a\x01b")))]) is None


def test_a_term_asked_for_before_it_is_added_is_found_once_added(tmp_path):
    """The ids the store keeps for its loading are those it keeps for the lookups: a term
    looked up while absent, then added, is stored and found."""
    st = GraphStore(tmp_path / STORE_FILE)
    a, b = URIRef("urn:a"), URIRef("urn:b")
    st.add([(a, RDF.type, BKG.Official)])
    assert (b, RDF.type, BKG.Official) not in st
    st.add([(b, RDF.type, BKG.Official), (a, SCHEMA.nationality, b)])
    assert (b, RDF.type, BKG.Official) in st and (a, SCHEMA.nationality, b) in st
    assert sorted(st.subjects(RDF.type, BKG.Official)) == [a, b] and len(st) == 3
    st.close()


def test_a_chunk_of_nodes_is_read_from_the_store_as_from_the_graph(store, dev_graph, monkeypatch):
    monkeypatch.setattr("kg.graphstore.BATCH", 7)  # several queries per chunk
    g = dev_graph
    for cls in (BKG.Event, BKG.Official, BKG.Country, URIRef("urn:absent")):
        members = sorted(set(g.subjects(RDF.type, cls)), key=str)
        assert list(store.sorted_of_type(cls)) == members
    events = sorted(set(g.subjects(RDF.type, BKG.Event)), key=str)
    people = sorted(set(g.subjects(RDF.type, BKG.Official)), key=str)
    assert len(events) > 20 and people
    preds = [RDF.type, BKG.participant, SCHEMA.startDate, URIRef("urn:absent")]
    assert sorted(store.neighbours(events, preds)) == sorted(
        (s, p, o) for s in events for p in preds for o in g.objects(s, p)
    )
    assert sorted(store.neighbours(people, [BKG.participant], backward=True)) == sorted(
        (o, BKG.participant, s) for o in people for s in g.subjects(BKG.participant, o)
    )
    assert list(store.neighbours([], preds)) == [] == list(store.neighbours(events, []))


def test_tables_network_and_plover_read_a_chunk_at_a_time_are_those_of_the_graph(
    store, dev_graph, monkeypatch
):
    from kg.formats import _graphml, events_table, network, officials_table
    from kg.plover import plover_records

    monkeypatch.setattr("kg.scan.CHUNK", 3)  # many chunks: every boundary crossed
    for table in (events_table, officials_table):
        header, rows = table(store)
        expected_header, expected = table(dev_graph)
        assert header == expected_header
        assert list(rows) == list(expected)
    assert _graphml(network(store)) == _graphml(network(dev_graph))
    records = plover_records(store)
    assert records == plover_records(dev_graph)
    assert [r["id"] for r in records] == sorted(r["id"] for r in records) and records
