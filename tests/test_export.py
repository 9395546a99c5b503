"""graph.ttl / graph.trig (kg.export): valid, complete, byte-identical, atomic."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic

import kg.export as export
from kg.export import atomic_write, turtle_lines, write_graph_files
from kg.graph import build_dataset, merged_graph
from kg.lexicon import load_lexicon
from kg.namespaces import ONTOLOGY_IRI, article_iri
from kg.resolve import resolve

TESTS = Path(__file__).resolve().parent
sys.path.insert(0, str(TESTS))
from test_graph import corpus, shuffled_corpus  # noqa: E402

REAL_ONTOLOGY = export.ONTOLOGY_FILE

# blank nodes of every kind the ontology may hold: lists, restrictions, nested and
# structurally identical ones (the hard case for a canonical labelling)
BNODE_ONTOLOGY = """
@prefix bkg:  <https://w3id.org/bilateral-kg/ontology#> .
@prefix owl:  <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .
<https://w3id.org/bilateral-kg/ontology> a owl:Ontology ;
    rdfs:comment "Test ontology.\\nTwo lines, \\"quotes\\" and a backslash \\\\."@en .
bkg:country rdfs:range [ a owl:Class ; owl:unionOf ( bkg:Country bkg:Organization ) ] .
bkg:party rdfs:range [ a owl:Class ; owl:unionOf ( bkg:Country bkg:Organization ) ] .
bkg:Event rdfs:subClassOf [ a owl:Restriction ; owl:onProperty bkg:participant ;
    owl:allValuesFrom bkg:Official ] ,
  [ a owl:Restriction ; owl:onProperty bkg:country ; owl:minCardinality "0"^^xsd:nonNegativeInteger ] .
bkg:X rdfs:seeAlso [ rdfs:label "same" ] , [ rdfs:label "same" ] , [ rdfs:seeAlso [ rdfs:label "deep" ] ] .
"""


@pytest.fixture()
def ontology_file(tmp_path) -> Path:
    """The bnode-heavy test ontology, followed by the project's ontology when it exists."""
    text = BNODE_ONTOLOGY
    if REAL_ONTOLOGY.exists():
        text += "\n" + REAL_ONTOLOGY.read_text(encoding="utf-8")
    path = tmp_path / "ontology.ttl"
    path.write_text(text, encoding="utf-8")
    return path


def build(exs=None):
    ds = build_dataset(resolve(exs if exs is not None else corpus()), load_lexicon())
    return ds, merged_graph(ds)


# --- content -------------------------------------------------------------------------------


def test_turtle_parses_back_to_the_merged_graph(tmp_path):
    ds, merged = build()
    ttl, _ = write_graph_files(ds, merged, tmp_path / "out", ontology=None)
    back = Graph().parse(ttl, format="turtle")
    assert len(back) == len(merged) > 0
    assert isomorphic(back, merged)
    text = ttl.read_text(encoding="utf-8")
    assert "@prefix bkg: <https://w3id.org/bilateral-kg/ontology#> ." in text
    assert "bkg:Official" in text and "schema:name" in text


def test_trig_holds_each_article_graph_and_the_ontology(tmp_path, ontology_file):
    ds, merged = build()
    _, trig = write_graph_files(ds, merged, tmp_path, ontology=ontology_file)
    back = Dataset()
    back.parse(trig, format="trig")
    graphs = {g.identifier: g for g in back.graphs() if len(g)}
    articles = {article_iri(i) for i in ("000_aaa", "001_bbb", "002_ccc#2", "rec-1")}
    assert set(graphs) == articles | {URIRef(ONTOLOGY_IRI)}
    for name in articles:
        assert isomorphic(graphs[name], ds.graph(name)), name
    onto = Graph().parse(ontology_file, format="turtle")
    assert isomorphic(graphs[URIRef(ONTOLOGY_IRI)], onto)


def test_a_missing_ontology_file_is_an_error_not_a_trig_without_it(tmp_path):
    ds, merged = build()
    with pytest.raises(FileNotFoundError, match=r"E209.*missing\.ttl"):
        write_graph_files(ds, merged, tmp_path, ontology=tmp_path / "missing.ttl")


def test_trig_without_an_ontology_has_only_the_articles(tmp_path):
    ds, merged = build()
    _, trig = write_graph_files(ds, merged, tmp_path, ontology=None)
    back = Dataset()
    back.parse(trig, format="trig")
    assert URIRef(ONTOLOGY_IRI) not in {g.identifier for g in back.graphs() if len(g)}


def test_outputs_load_in_oxigraph(tmp_path, ontology_file):
    pyoxigraph = pytest.importorskip("pyoxigraph")
    ds, merged = build()
    ttl, trig = write_graph_files(ds, merged, tmp_path, ontology=ontology_file)
    store = pyoxigraph.Store()
    store.load(path=str(ttl), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(merged)
    store = pyoxigraph.Store()
    store.load(path=str(trig), format=pyoxigraph.RdfFormat.TRIG)
    onto = Graph().parse(ontology_file, format="turtle")
    assert len(store) == sum(len(g) for g in ds.graphs()) + len(onto)


def test_literals_and_iris_that_need_escaping_round_trip(tmp_path):
    g = Graph()
    s = URIRef("https://w3id.org/bilateral-kg/resource/official/x")
    p = URIRef("https://schema.org/name")
    values = [
        Literal('say "hi"\\ back\\slash'),
        Literal("line\nbreak\r\ttab"),
        Literal(""),
        Literal("Tô Lâm — «ok» 😀"),
        Literal("fr", lang="fr"),
        Literal("x", lang="en-GB"),
        Literal("3", datatype=URIRef("http://www.w3.org/2001/XMLSchema#integer")),
        Literal("odd", datatype=URIRef("urn:x-type:odd")),
        Literal("'''\"\"\""),
    ]
    for v in values:
        g.add((s, p, v))
    for o in (
        "https://schema.org/",
        "https://schema.org/a.b.",
        "https://w3id.org/bilateral-kg/ontology#1st",
        "http://www.wikidata.org/entity/Q881",
        "urn:isbn:123",
        "https://ex.org/a%20b?q=1&r=%5B2%5D",
    ):
        g.add((s, URIRef("https://schema.org/sameAs"), URIRef(o)))
    path = tmp_path / "x.ttl"
    atomic_write(path, lambda fh: fh.writelines(turtle_lines(g)))
    back = Graph().parse(path, format="turtle")
    assert isomorphic(back, g)
    pyoxigraph = pytest.importorskip("pyoxigraph")
    store = pyoxigraph.Store()
    store.load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(g)


def test_no_blank_nodes_in_the_data_graphs(tmp_path):
    ds, merged = build()
    ttl, _ = write_graph_files(ds, merged, tmp_path, ontology=None)
    assert "_:" not in ttl.read_text(encoding="utf-8")
    assert not any(isinstance(t, BNode) for q in ds.quads((None, None, None, None)) for t in q[:3])


# --- determinism ---------------------------------------------------------------------------

SCRIPT = """
import hashlib, json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from test_graph import shuffled_corpus
from kg.export import write_graph_files
from kg.graph import build_dataset, merged_graph
from kg.resolve import resolve
seed, out, onto = int(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])
ds = build_dataset(resolve(shuffled_corpus(seed)))
paths = write_graph_files(ds, merged_graph(ds), out, ontology=onto)
print(json.dumps({p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}))
"""


def test_byte_identical_across_runs_hash_seeds_and_input_order(tmp_path, ontology_file):
    digests = []
    for run, hash_seed in enumerate(("0", "1", "4242")):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        out = tmp_path / f"run{run}"
        done = subprocess.run(
            [sys.executable, "-c", SCRIPT, str(TESTS), str(run), str(out), str(ontology_file)],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        digests.append(json.loads(done.stdout.strip().splitlines()[-1]))
    assert digests[0] == digests[1] == digests[2]
    assert set(digests[0]) == {"graph.ttl", "graph.trig"}
    assert (tmp_path / "run0" / "graph.trig").read_bytes() == (
        tmp_path / "run2" / "graph.trig"
    ).read_bytes()


def test_same_bytes_in_one_process_whatever_the_input_order(tmp_path):
    outs = []
    for seed in range(3):
        ds, merged = build(shuffled_corpus(seed))
        paths = write_graph_files(ds, merged, tmp_path / str(seed), ontology=None)
        outs.append([hashlib.sha256(p.read_bytes()).hexdigest() for p in paths])
    assert outs[0] == outs[1] == outs[2]


# --- files ---------------------------------------------------------------------------------


def test_out_is_created_and_nothing_is_written_outside_it(tmp_path):
    ds, merged = build()
    before = set(tmp_path.iterdir())
    out = tmp_path / "deep" / "out"
    paths = write_graph_files(ds, merged, out, ontology=None)
    assert set(tmp_path.iterdir()) - before == {tmp_path / "deep"}
    assert sorted(p.name for p in out.iterdir()) == ["graph.trig", "graph.ttl"]
    assert paths == [out / "graph.ttl", out / "graph.trig"]


def test_atomic_write_failure_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "graph.ttl"
    target.write_text("old content\n", encoding="utf-8")

    def half(fh):
        fh.write("new content, half of it")
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError, match="disk on fire"):
        atomic_write(target, half)
    assert target.read_text(encoding="utf-8") == "old content\n"
    assert list(tmp_path.iterdir()) == [target]


def test_graph_files_survive_a_failure_mid_write(tmp_path, monkeypatch):
    ds, merged = build()
    write_graph_files(ds, merged, tmp_path, ontology=None)
    old = {p.name: p.read_bytes() for p in tmp_path.iterdir()}

    def broken(graph, *args, **kwargs):
        yield "@prefix x: <urn:x#> .\n"
        raise OSError("no space left on device")

    monkeypatch.setattr(export, "turtle_lines", broken)
    ds2, merged2 = build(corpus()[:1])
    with pytest.raises(OSError):
        write_graph_files(ds2, merged2, tmp_path, ontology=None)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == old


def test_atomic_write_gives_ordinary_permissions(tmp_path):
    path = atomic_write(tmp_path / "f.txt", lambda fh: fh.write("x"))
    mask = os.umask(0)
    os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~mask
