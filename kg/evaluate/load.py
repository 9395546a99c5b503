"""Loading the graph to score: a Turtle, TriG or N-Quads file (a dataset scored on its merged
view), with a clear error for a bad file.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from kg.errors import Errors
from kg.namespaces import (
    ONTOLOGY_IRI,
)


def load_graph(path: Path | str) -> Graph:
    """Parse a ``.ttl`` (or N-Triples), a ``.trig`` / ``.nq`` (the union of its graphs but
    the ontology's: the triples of graph.ttl), or a build folder's ``graph.ttl`` (else its
    ``graph.trig``). FileNotFoundError / ValueError (one line, naming the file) on failure."""
    p = Path(path)
    if p.is_dir():
        candidates = [p / "graph.ttl", p / "graph.trig"]
        found = next((c for c in candidates if c.is_file()), None)
        if found is None:
            raise FileNotFoundError(
                Errors.E403.format(problem=f"no graph.ttl or graph.trig in {p}")
            )
        p = found
    if not p.is_file():
        raise FileNotFoundError(Errors.E404.format(problem=f"graph not found: {p}"))
    quads = {".trig": "trig", ".nq": "nquads"}.get(p.suffix.lower())
    graph: Graph
    try:
        if quads:
            # The merged view, as graph.ttl: every triple of every named graph seen once
            # (default_union), the ontology's graph left out. Queries then run on the store's
            # indexes, in file order, like on a parsed graph.ttl.
            dataset = Dataset(default_union=True)
            dataset.parse(str(p), format=quads)
            dataset.remove_graph(URIRef(ONTOLOGY_IRI))
            graph = dataset
        else:
            graph = Graph()
            graph.parse(str(p), format="turtle")
    except Exception as exc:  # rdflib raises many types for bad syntax
        message = " ".join(str(exc).split())[:300]
        raise ValueError(
            Errors.E405.format(problem=f"{p}: cannot parse as {quads or 'turtle'}: {message}")
        ) from None
    return graph
