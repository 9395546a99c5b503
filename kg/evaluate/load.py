"""Loading the graph to score: a Turtle, TriG or N-Quads file (a dataset scored on its merged
view), with a clear error for a bad file. The reading itself lives in :mod:`kg.graphio`.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg.graphio import read_rdflib


def load_graph(path: Path | str) -> Graph:
    """Parse a ``.ttl`` (or N-Triples), a ``.trig`` / ``.nq`` (the union of its graphs but
    the ontology's: the triples of graph.ttl), or a build folder's ``graph.ttl`` (else its
    ``graph.trig``). FileNotFoundError / ValueError (one line, naming the file) on failure."""
    return read_rdflib(path)
