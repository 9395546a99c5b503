"""Reading a build's graph back: the one home of "which file, which format, which error".

A GRAPH argument is a graph file or a build folder (its ``graph.ttl``, else its ``graph.trig``).
Two engines read it: rdflib (:func:`read_rdflib`, for scoring, the Python API and the tests)
and Oxigraph (:func:`read_oxigraph`, for SPARQL). A dataset (TriG, N-Quads, JSON-LD) is seen
as the merge of its graphs, like ``graph.ttl``. Errors are coded (``E208``–``E211``).
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef

from kg.errors import Errors
from kg.namespaces import ONTOLOGY_IRI
from kg.resources import resource

__all__ = [
    "GRAPH_FILES",
    "ONTOLOGY_FILE",
    "load_ontology",
    "RDFLIB_FORMATS",
    "graph_file",
    "oxigraph_of",
    "read_oxigraph",
    "read_rdflib",
]

GRAPH_FILES = ("graph.ttl", "graph.trig")
"""The graph files of a build folder, in the order they are looked for."""

RDFLIB_FORMATS = {
    ".ttl": "turtle",
    ".trig": "trig",
    ".nq": "nquads",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
}
"""rdflib's format name for each graph file suffix."""

OXIGRAPH_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}
DATASET_SUFFIXES = frozenset({".trig", ".nq", ".jsonld"})

ONTOLOGY_FILE = resource("ontology/bilateral.ttl")
"""The project's ontology (OWL classes and properties, SKOS schemes), shipped in the package."""


def graph_file(path: str | Path, *, known_format: bool = True) -> Path:
    """The graph file ``path`` names: the file itself, or a build folder's ``graph.ttl``
    (else its ``graph.trig``). With ``known_format``, a suffix no engine reads is an error."""
    p = Path(path)
    if p.is_dir():
        found = next((p / name for name in GRAPH_FILES if (p / name).is_file()), None)
        if found is None:
            raise FileNotFoundError(
                Errors.E208.format(problem=f"no graph.ttl or graph.trig in {p}")
            )
        p = found
    if not p.is_file():
        raise FileNotFoundError(Errors.E209.format(problem=f"graph not found: {p}"))
    if known_format and p.suffix.lower() not in RDFLIB_FORMATS:
        raise ValueError(
            Errors.E210.format(
                problem=f"{p}: unknown graph format (expected one of {', '.join(RDFLIB_FORMATS)})"
            )
        )
    return p


def read_rdflib(path: str | Path, *, ontology: bool = False, known_format: bool = False) -> Graph:
    """An rdflib graph of ``path`` (see :func:`graph_file`). A dataset is read as the union of
    its graphs (each triple once), its ontology graph left out unless ``ontology``: the
    triples of ``graph.ttl``. Any other suffix than a dataset's is read as its format, or as
    Turtle when unknown (unless ``known_format``)."""
    p = graph_file(path, known_format=known_format)
    fmt = RDFLIB_FORMATS.get(p.suffix.lower(), "turtle")
    graph: Graph
    try:
        if p.suffix.lower() in DATASET_SUFFIXES:
            # default_union: queries run on the store's indexes, in file order, like on a
            # parsed graph.ttl.
            dataset = Dataset(default_union=True)
            dataset.parse(str(p), format=fmt)
            if not ontology:
                dataset.remove_graph(URIRef(ONTOLOGY_IRI))
            graph = dataset
        else:
            graph = Graph()
            graph.parse(str(p), format=fmt)
    except Exception as exc:  # rdflib raises many types for bad syntax
        message = " ".join(str(exc).split())[:300]
        raise ValueError(
            Errors.E211.format(problem=f"{p}: cannot parse as {fmt}: {message}")
        ) from None
    return graph


def read_oxigraph(path: str | Path) -> ox.Store:
    """An in-memory Oxigraph store holding the graph at ``path`` (see :func:`graph_file`).

    Turtle/N-Triples go to the default graph. Datasets (TriG, N-Quads, JSON-LD) keep their
    named graphs for ``GRAPH`` queries, and the default graph is set to the merge of all
    their graphs (each triple once), so queries without ``GRAPH`` see the whole build.
    """
    p = graph_file(path)
    fmt = OXIGRAPH_FORMATS[p.suffix.lower()]
    store = ox.Store()
    try:
        store.bulk_load(path=str(p), format=fmt)
    except SyntaxError as exc:
        raise ValueError(Errors.E211.format(problem=f"{p}: not valid {fmt.name}: {exc}")) from None
    if p.suffix.lower() in DATASET_SUFFIXES:
        store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    return store


def oxigraph_of(graph: Graph) -> ox.Store:
    """An in-memory Oxigraph store of an rdflib ``graph`` already in memory (its triples in
    the default graph): Oxigraph's SPARQL is far faster than rdflib's. Raises what rdflib or
    Oxigraph raise on a term they cannot write or read."""
    data = graph.serialize(format="nt", encoding="utf-8")
    store = ox.Store()
    store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
    return store


def load_ontology(path: str | Path = ONTOLOGY_FILE) -> Graph:
    """The ontology at ``path`` (by default the project's, :data:`ONTOLOGY_FILE`) as an rdflib
    graph: written into ``graph.trig`` and ``graph.nq``, and read for the kinds' labels.
    A missing file is E209, bad Turtle E211 — never an empty graph."""
    return read_rdflib(path, known_format=True)
