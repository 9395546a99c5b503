"""Loading a graph file (Turtle, TriG, N-Quads...) into an Oxigraph store or an rdflib graph,
with a clear error for a bad file.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.errors import Errors

_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}
_DATASET_SUFFIXES = {".trig", ".nq", ".jsonld"}
_RDFLIB_FORMATS = {
    ".ttl": "turtle",
    ".trig": "trig",
    ".nq": "nquads",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
}


def graph_file(path: str | Path) -> Path:
    """The graph file a GRAPH argument names: the file, or a build folder's graph.ttl
    (else its graph.trig)."""
    p = Path(path)
    if p.is_dir():
        for name in ("graph.ttl", "graph.trig"):
            if (p / name).is_file():
                return p / name
        raise FileNotFoundError(Errors.E208.format(problem=f"no graph.ttl or graph.trig in {p}"))
    if not p.is_file():
        raise FileNotFoundError(Errors.E209.format(problem=f"graph not found: {p}"))
    if p.suffix not in _FORMATS:
        raise ValueError(
            Errors.E210.format(
                problem=f"{p}: unknown graph format (expected one of {', '.join(_FORMATS)})"
            )
        )
    return p


def load_store(path: str | Path) -> ox.Store:
    """An in-memory Oxigraph store holding the graph at ``path``.

    Turtle/N-Triples go to the default graph. Datasets (TriG, N-Quads, JSON-LD) keep their
    named graphs for ``GRAPH`` queries, and the default graph is set to the merge of all
    their graphs (each triple once), so queries without ``GRAPH`` see the whole build.
    """
    p = graph_file(path)
    fmt = _FORMATS[p.suffix]
    store = ox.Store()
    try:
        store.bulk_load(path=str(p), format=fmt)
    except SyntaxError as exc:
        raise ValueError(Errors.E211.format(problem=f"{p}: not valid {fmt.name}: {exc}")) from None
    if p.suffix in _DATASET_SUFFIXES:
        store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    return store


def load_rdflib(path: str | Path) -> Graph:
    """The same graph with rdflib (the reference engine the tests compare with)."""
    from rdflib import Dataset

    p = graph_file(path)
    if p.suffix in _DATASET_SUFFIXES:
        ds = Dataset(default_union=True)
        ds.parse(p, format=_RDFLIB_FORMATS[p.suffix])
        return ds
    g = Graph()
    g.parse(p, format=_RDFLIB_FORMATS[p.suffix])
    return g
