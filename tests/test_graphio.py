"""Reading a build's graph back (kg.graphio): which file, which format, which coded error."""

from __future__ import annotations

import pytest
from rdflib import URIRef

from kg.errors import code_of
from kg.graphio import graph_file, oxigraph_of, read_oxigraph, read_rdflib
from kg.namespaces import ONTOLOGY_IRI

A, B = "<http://example.org/a>", "<http://example.org/b>"
ONTO = f"<{ONTOLOGY_IRI}>"
TRIG = (
    f"<http://example.org/g1> {{ {A} {B} {A} . }}\n"
    f"<http://example.org/g2> {{ {A} {B} {A} . {B} {B} {B} . }}\n"
    f"{ONTO} {{ {ONTO} {B} {A} . }}\n"
)


def test_a_build_folder_names_its_ttl_before_its_trig(tmp_path):
    (tmp_path / "graph.trig").write_text(TRIG, encoding="utf-8")
    assert graph_file(tmp_path) == tmp_path / "graph.trig"
    (tmp_path / "graph.ttl").write_text(f"{A} {B} {A} .\n", encoding="utf-8")
    assert graph_file(tmp_path) == tmp_path / "graph.ttl"


def test_missing_graphs_are_e208_for_a_folder_and_e209_for_a_file(tmp_path):
    with pytest.raises(FileNotFoundError) as folder:
        graph_file(tmp_path)
    with pytest.raises(FileNotFoundError) as file:
        read_rdflib(tmp_path / "nope.ttl")
    assert code_of(folder.value) == "E208" and "no graph.ttl or graph.trig" in str(folder.value)
    assert code_of(file.value) == "E209"


def test_an_unknown_suffix_is_e210_only_where_a_format_is_required(tmp_path):
    path = tmp_path / "graph.txt"
    path.write_text(f"{A} {B} {A} .\n", encoding="utf-8")
    assert len(read_rdflib(path)) == 1  # read as Turtle
    with pytest.raises(ValueError) as err:
        read_oxigraph(path)
    assert code_of(err.value) == "E210"


def test_a_graph_that_does_not_parse_is_e211_naming_the_file(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    for read in (read_rdflib, read_oxigraph):
        with pytest.raises(ValueError, match="bad.ttl") as err:
            read(bad)
        assert code_of(err.value) == "E211"


def test_a_dataset_is_read_as_the_union_of_its_graphs_without_the_ontology(tmp_path):
    path = tmp_path / "g.trig"
    path.write_text(TRIG, encoding="utf-8")
    merged = read_rdflib(path)
    assert len(merged) == 2 and (URIRef(ONTOLOGY_IRI), None, None) not in merged
    assert len(read_rdflib(path, ontology=True)) == 3
    store = read_oxigraph(path)
    assert len(list(store.query("SELECT * WHERE { ?s ?p ?o }"))) == 3


def test_a_graph_in_memory_goes_to_oxigraph_triple_for_triple(tmp_path):
    path = tmp_path / "g.trig"
    path.write_text(TRIG, encoding="utf-8")
    store = oxigraph_of(read_rdflib(path))
    assert len(store) == 2


def test_the_ontology_is_read_from_the_package_and_a_bad_one_is_a_coded_error(tmp_path):
    from rdflib.namespace import OWL, RDF

    from kg.graphio import load_ontology

    assert (None, RDF.type, OWL.Ontology) in load_ontology()
    bad = tmp_path / "bilateral.ttl"
    bad.write_text("@prefix : <http://x/> .\n:a :b ", encoding="utf-8")
    with pytest.raises(ValueError, match=r"E211.*bilateral\.ttl"):
        load_ontology(bad)
    with pytest.raises(FileNotFoundError, match="E209"):
        load_ontology(tmp_path / "gone.ttl")
