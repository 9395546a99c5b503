"""The extra formats: each one read back (round trip or load) and byte-deterministic."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pandas as pd
import pyoxigraph as ox
import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, XSD

from kg.graphio import load_ontology
from kg.formats import (
    CONTEXT_FILE,
    FORMAT_FILES,
    jsonld_document,
    jsonld_text,
    load_context,
    network,
    write_formats,
)
from kg.namespaces import BKG, BKGR, ONTOLOGY_IRI, PREFIXES
from kg.nquads import nquad_lines, nquads
from test_query_data import AM, E_CALL, LTH, TL, TS, mini_dataset, seed_build

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def data():
    ds, merged = mini_dataset()
    onto = ds.graph(URIRef(ONTOLOGY_IRI))
    # the real ontology has blank nodes (OWL lists): so does this one
    b = BNode()
    onto.add((BKG.Contact, OWL.unionOf, b))
    onto.add((b, RDF.first, BKG.Talks))
    onto.add((b, RDF.rest, RDF.nil))
    return ds, merged


@pytest.fixture(scope="module")
def out(data, tmp_path_factory):
    ds, merged = data
    folder = tmp_path_factory.mktemp("formats") / "out"
    written = write_formats(ds, merged, folder)
    assert sorted(p.name for p in written) == sorted(FORMAT_FILES)
    return folder


def test_nquads_round_trip(data, out):
    """graph.nq holds graph.trig's graphs: the articles' and the ontology (the file's)."""
    ds, _ = data
    ontology = load_ontology()
    assert ontology is not None and any(isinstance(t, BNode) for tr in ontology for t in tr)
    expected = {g.identifier: g for g in ds.graphs() if len(g)}
    expected[URIRef(ONTOLOGY_IRI)] = ontology
    back = Dataset()
    back.parse(out / "graph.nq", format="nquads")
    assert set(expected) == {g.identifier for g in back.graphs() if len(g)}
    for name, g in expected.items():
        assert isomorphic(g, back.graph(name)), name
    lines = (out / "graph.nq").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines) and len(lines) == sum(len(g) for g in expected.values())
    # Oxigraph reads it too, with the same quads as graph.trig would give
    store = ox.Store()
    store.load(path=str(out / "graph.nq"), format=ox.RdfFormat.N_QUADS)
    assert len(store) == len(lines)


def test_nquads_are_the_same_from_a_dataset_or_plain_article_graphs(data, tmp_path):
    ds, merged = data
    plain = {g.identifier: set(g) for g in ds.graphs() if len(g)}
    assert nquads(plain, load_ontology()) == nquads(ds, load_ontology())
    write_formats(plain, merged, tmp_path)
    assert (tmp_path / "graph.nq").read_bytes() == nquads(ds, load_ontology()).encode("utf-8")


def test_nquads_lines_are_sorted_and_each_written_once_across_batches():
    # more quads than one batch handed to Oxigraph, with a triple shared by every graph
    shared = (URIRef("urn:x:vn"), RDF.type, BKG.Country)
    graphs = {
        URIRef(f"urn:g:{i:05d}"): {shared, (URIRef(f"urn:x:{i}"), RDF.type, BKG.Event)}
        for i in range(12_000)
    }
    lines = nquad_lines(graphs)
    assert len(lines) == 24_000 and lines == sorted(set(lines))
    assert all(line.endswith(" .\n") for line in lines)


def test_jsonld_round_trip(data, out):
    _, merged = data
    doc = json.loads((out / "graph.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"] == load_context()  # the published context, inline
    back = Graph().parse(out / "graph.jsonld", format="json-ld")
    assert isomorphic(back, merged)
    store = ox.Store()  # a second, independent reader
    store.load(path=str(out / "graph.jsonld"), format=ox.RdfFormat.JSON_LD)
    assert len(store) == len(merged)
    # compact: terms of the context, not full IRIs
    call = next(n for n in doc["@graph"] if n["@id"] == "bkgr:event/phonecall/vn-kg-0217")
    assert call["@type"] == ["Event", "PhoneCall"]
    assert call["startDate"] == {"@value": "--02-17", "@type": "xsd:gMonthDay"}
    assert sorted(call["participant"]) == [
        "bkgr:official/abakirov-meder",
        "bkgr:official/le-thi-thu-hang",
    ]
    assert call["wasDerivedFrom"] == "bkgr:article/000_db8182452ac2254e"


def test_jsonld_falls_back_to_compact_iris_when_a_term_does_not_fit():
    g = Graph()
    s = BKGR["article/x"]
    g.add((s, URIRef("https://schema.org/url"), Literal("www.example.org", datatype=XSD.anyURI)))
    g.add((s, URIRef("https://schema.org/url"), URIRef("https://example.org/a")))
    g.add((s, BKG.startOffset, Literal("3", datatype=XSD.integer)))
    g.add((s, URIRef("urn:other:p"), Literal("x", lang="fr")))
    doc = jsonld_document(g)
    node = doc["@graph"][0]
    assert node["url"] == "https://example.org/a"
    assert node["schema:url"] == {"@value": "www.example.org", "@type": "xsd:anyURI"}
    assert node["bkg:startOffset"] == {"@value": "3", "@type": "xsd:integer"}
    assert node["urn:other:p"] == {"@value": "x", "@language": "fr"}
    text = json.dumps(doc)
    assert isomorphic(Graph().parse(data=text, format="json-ld"), g)


def test_published_context():
    ctx = json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]
    for prefix, ns in PREFIXES.items():
        assert ctx[prefix] == str(ns), prefix
    # every term names a term of the ontology (or of the vocabularies it reuses)
    onto = Graph().parse(HERE.parent / "ontology" / "bilateral.ttl")
    declared = set(onto.subjects())
    for term, d in ctx.items():
        iri = d if isinstance(d, str) else d["@id"]
        if iri.startswith("bkg:"):
            assert URIRef(str(BKG) + iri[4:]) in declared, term


def test_graphml_and_gexf_load(data, out):
    _, merged = data
    expected = network(merged)
    for name, read in (("graph.graphml", nx.read_graphml), ("graph.gexf", nx.read_gexf)):
        g = read(out / name)
        assert set(g.nodes) == set(expected.nodes), name
        assert {frozenset(e) for e in g.edges} == {frozenset(e) for e in expected.edges}, name
        node = g.nodes[str(LTH)]
        assert node["label"] == "Le Thi Thu Hang" and node["type"] == "Official"
        assert node["code"] == "VN"
        met = g.edges[str(LTH), str(AM)]
        assert met["kind"] == "met" and int(met["contacts"]) == 2  # the call and the talks
        assert g.edges[str(TL), str(TS)]["kind"] == "met"
        assert g.edges[str(LTH), str(BKGR["country/VN"])]["kind"] == "nationality"
        rel = g.edges[str(BKGR["country/RU"]), str(BKGR["country/VN"])]
        assert rel["relations"] == "ComprehensiveStrategicPartnership; DiplomaticRelations"
        assert int(rel["contacts"]) == 1  # the video call


def test_csv_tables_load_in_pandas(data, out):
    _, merged = data
    events = pd.read_csv(out / "events.csv", keep_default_na=False)
    assert len(events) == len(set(merged.subjects(RDF.type, BKG.Event)))
    assert list(events.columns) == [
        "event",
        "kind",
        "start",
        "end",
        "place",
        "countries",
        "participants",
        "participant_iris",
        "sources",
        "evidence",
    ]
    call = events.set_index("event").loc[str(E_CALL)]
    assert (call["kind"], call["start"], call["countries"], call["place"]) == (
        "PhoneCall",
        "--02-17",
        "KG; VN",
        "Hanoï",
    )
    assert call["participants"] == "Abakirov Meder; Le Thi Thu Hang"
    assert call["sources"] == "000_db8182452ac2254e"
    assert "17 février" in call["evidence"]
    assert (events["sources"] != "").all()

    officials = pd.read_csv(out / "officials.csv", keep_default_na=False)
    assert len(officials) == len(set(merged.subjects(RDF.type, BKG.Official)))
    to_lam = officials.set_index("official").loc[str(TL)]
    assert (to_lam["name"], to_lam["other_names"], to_lam["country"]) == ("To Lam", "Tô Lâm", "VN")
    assert int(to_lam["events"]) == 3 and int(to_lam["met"]) == 2
    assert to_lam["sources"] == "001_289cb39495fb1572"
    assert officials["events"].dtype.kind == "i"


def test_bytes_are_deterministic_and_stay_in_out(tmp_path):
    """Two runs with different hash seeds give the same bytes; nothing is written elsewhere."""
    script = (
        "import sys; sys.path.insert(0, sys.argv[2]);"
        "from pathlib import Path;"
        "from rdflib import BNode; from rdflib.namespace import OWL, RDF;"
        "from kg.namespaces import BKG;"
        "from test_query_data import mini_dataset;"
        "from kg.formats import write_formats;"
        "ds, merged = mini_dataset();"
        "onto = [g for g in ds.graphs() if str(g.identifier).endswith('/ontology')][0];"
        "b = BNode(); onto.add((BKG.Contact, OWL.unionOf, b)); onto.add((b, RDF.first, BKG.Talks));"
        "onto.add((b, RDF.rest, RDF.nil));"
        "write_formats(ds, merged, Path(sys.argv[1]))"
    )
    runs = []
    for seed in ("1", "2"):
        work = tmp_path / f"run{seed}"
        work.mkdir()
        subprocess.run(
            [sys.executable, "-c", script, str(work / "out"), str(HERE)],
            check=True,
            cwd=work,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert sorted(p.name for p in work.iterdir()) == ["out"]
        assert sorted(p.name for p in (work / "out").iterdir()) == sorted(FORMAT_FILES)
        runs.append({n: (work / "out" / n).read_bytes() for n in FORMAT_FILES})
    for name in FORMAT_FILES:
        assert runs[0][name] == runs[1][name], name


def test_the_build_writes_the_formats():
    """``kg build`` calls write_formats: the seed build has every file, and they agree with
    its graph.ttl / graph.trig."""
    build = seed_build()
    for name in FORMAT_FILES:
        assert (build / name).is_file(), name
    ttl = Graph().parse(build / "graph.ttl")
    assert isomorphic(Graph().parse(build / "graph.jsonld", format="json-ld"), ttl)
    trig, nq = ox.Store(), ox.Store()
    trig.load(path=str(build / "graph.trig"), format=ox.RdfFormat.TRIG)
    nq.load(path=str(build / "graph.nq"), format=ox.RdfFormat.N_QUADS)
    assert len(trig) == len(nq)
    assert {
        str(q)
        for q in trig
        if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)
    } == {
        str(q)
        for q in nq
        if not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)
    }
    events = pd.read_csv(build / "events.csv", keep_default_na=False)
    assert len(events) == len(set(ttl.subjects(RDF.type, BKG.Event)))


def test_jsonld_of_a_graph_with_blank_nodes_does_not_depend_on_their_labels():
    """A blank node met in the one pass over the graph sends the grouping through the
    canonical labels: two runs (other labels) give the same text."""

    def graph(label: str) -> Graph:
        g = Graph()
        b = BNode(label)
        g.add((URIRef(BKGR + "event/x"), BKG.evidence, Literal("a")))
        g.add((URIRef(BKGR + "event/x"), BKG.mention, b))
        g.add((b, BKG.sentence, Literal("s")))
        return g

    first, second = graph("run1"), graph("other-run")
    assert "".join(jsonld_text(first)) == "".join(jsonld_text(second))
    assert "run1" not in "".join(jsonld_text(first))
