"""The seed build, end to end: the facts the foundation promises, with provenance, in a graph
that rdflib, Oxigraph and the SHACL shapes all accept, and that a second build reproduces."""

from __future__ import annotations

from pathlib import Path

import hashlib

import pytest
from rdflib import Dataset, Graph

ROOT = Path(__file__).resolve().parents[1]
# sha256 of every file of the seeds build (`make seeds-manifest` rewrites it): a change of
# the code that is not meant to change the output (a refactoring) must leave it as it is
MANIFEST = ROOT / "tests" / "data" / "seeds-build.sha256"
PFX = """PREFIX bkg: <https://w3id.org/bilateral-kg/ontology#>
PREFIX bkgr: <https://w3id.org/bilateral-kg/resource/>
PREFIX schema: <https://schema.org/>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""


@pytest.fixture(scope="module")
def build(tmp_path_factory) -> Path:
    from kg.pipeline import build as run

    out = tmp_path_factory.mktemp("seeds")
    report = run([str(ROOT / "seeds")], out, quiet=True)
    assert not report.problems
    return out


@pytest.fixture(scope="module")
def graph(build) -> Graph:
    g = Graph()
    g.parse(build / "graph.ttl", format="turtle")
    return g


def ask(g: Graph, q: str) -> bool:
    return bool(g.query(PFX + q).askAnswer)


def test_vice_minister_phone_call_with_kyrgyz_counterpart_on_a_yearless_day(graph):
    assert ask(
        graph,
        """ASK {
      ?h a bkg:Official ; schema:name "Le Thi Thu Hang" ; schema:nationality <https://w3id.org/bilateral-kg/resource/country/VN> ;
         schema:jobTitle "vice-ministre des Affaires étrangères" ; bkg:met ?m ;
         prov:wasDerivedFrom ?a .
      ?m a bkg:Official ; schema:name "Abakirov Meder" ; schema:nationality <https://w3id.org/bilateral-kg/resource/country/KG> .
      ?e a bkg:Event, bkg:PhoneCall ; bkg:participant ?h, ?m ; prov:wasDerivedFrom ?a ;
         bkg:evidence ?sentence ;
         schema:startDate "--02-17"^^<http://www.w3.org/2001/XMLSchema#gMonthDay> .
      ?a a bkg:Article ; dcterms:identifier "000_db8182452ac2254e" .
      FILTER(CONTAINS(?sentence, "conversation téléphonique"))
    }""",
    )


def test_comprehensive_strategic_partnership_with_russia(graph):
    assert ask(
        graph,
        """ASK {
      ?r a bkg:BilateralRelation ; bkg:relationKind bkg:ComprehensiveStrategicPartnership ;
         bkg:party <https://w3id.org/bilateral-kg/resource/country/VN>, <https://w3id.org/bilateral-kg/resource/country/RU> ; prov:wasDerivedFrom ?a ; bkg:evidence ?s .
      <https://w3id.org/bilateral-kg/resource/country/VN> bkg:relatedTo <https://w3id.org/bilateral-kg/resource/country/RU> . <https://w3id.org/bilateral-kg/resource/country/RU> bkg:relatedTo <https://w3id.org/bilateral-kg/resource/country/VN> .
    }""",
    )


def test_diplomatic_relations_with_the_eu_since_28_november_1990(graph):
    assert ask(
        graph,
        """ASK {
      ?r a bkg:BilateralRelation ; bkg:relationKind bkg:DiplomaticRelations ;
         bkg:party <https://w3id.org/bilateral-kg/resource/country/VN>, ?eu ; prov:wasDerivedFrom ?a ; bkg:evidence ?s ;
         bkg:since "1990-11-28"^^<http://www.w3.org/2001/XMLSchema#date> .
      ?eu a bkg:Organization ; bkg:code "EU" .
    }""",
    )


def test_state_visit_of_to_lam_to_laos_on_5_february_2026(graph):
    assert ask(
        graph,
        """ASK {
      ?e a bkg:Event, bkg:Visit ; bkg:participant ?t ; bkg:country <https://w3id.org/bilateral-kg/resource/country/LA> ;
         schema:startDate "2026-02-05"^^<http://www.w3.org/2001/XMLSchema#date> ;
         prov:wasDerivedFrom ?a ; bkg:evidence ?s .
      ?t schema:name "Tô Lâm" ; schema:nationality <https://w3id.org/bilateral-kg/resource/country/VN> .
      FILTER(CONTAINS(?s, "visite d’État"))
    }""",
    )


def test_one_official_node_for_two_spellings_across_teasers(graph):
    rows = list(graph.query(PFX + """SELECT ?p WHERE { ?p schema:name "Tô Lâm", "To Lam" }"""))
    assert len(rows) == 1


def test_turtle_and_trig_load_in_rdflib_and_oxigraph_with_equal_counts(build, graph):
    pyoxigraph = pytest.importorskip("pyoxigraph")
    store = pyoxigraph.Store()
    store.load(path=str(build / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(graph) > 500
    ds = Dataset()
    ds.parse(build / "graph.trig", format="trig")
    quads = pyoxigraph.Store()
    quads.load(path=str(build / "graph.trig"), format=pyoxigraph.RdfFormat.TRIG)
    assert len(quads) == sum(1 for _ in ds.quads((None, None, None, None)))


def test_build_conforms_to_the_shapes(graph):
    pyshacl = pytest.importorskip("pyshacl")
    shapes = Graph().parse(ROOT / "ontology" / "shapes.ttl", format="turtle")
    ontology = Graph().parse(ROOT / "ontology" / "bilateral.ttl", format="turtle")
    conforms, _, text = pyshacl.validate(
        graph, shacl_graph=shapes, ont_graph=ontology, inference="none"
    )
    assert conforms, text


def test_second_build_is_byte_identical(build, tmp_path):
    from kg.pipeline import build as run

    run([str(ROOT / "seeds")], tmp_path, quiet=True)
    for name in ("graph.ttl", "graph.trig", "network.html", "countries.html", "officials.html"):
        assert (tmp_path / name).read_bytes() == (build / name).read_bytes(), name


def test_every_output_file_matches_the_checksum_manifest(build):
    expected = {}
    for line in MANIFEST.read_text(encoding="utf-8").splitlines():
        digest, name = line.split(None, 1)
        expected[name] = digest
    found = {
        p.relative_to(build).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in build.rglob("*")
        if p.is_file() and ".kg-cache" not in p.parts
    }
    changed = sorted(n for n in expected.keys() | found.keys() if expected.get(n) != found.get(n))
    assert not changed, (
        "outputs differ from tests/data/seeds-build.sha256 (if on purpose, "
        f"run `make seeds-manifest` and say why in the commit): {changed}"
    )
