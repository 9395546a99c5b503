"""Loading a graph file (Turtle, TriG, N-Quads...) into an Oxigraph store or an rdflib graph,
with a clear error for a bad file. The reading itself lives in :mod:`kg.graphio`.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from kg.graphio import graph_file, read_oxigraph, read_rdflib

__all__ = ["graph_file", "load_store", "load_rdflib"]


def load_store(path: str | Path) -> ox.Store:
    """An in-memory Oxigraph store holding the graph at ``path``: see
    :func:`kg.graphio.read_oxigraph` (a dataset's default graph is the merge of its graphs)."""
    return read_oxigraph(path)


def load_rdflib(path: str | Path) -> Graph:
    """The same graph with rdflib (the reference engine the tests compare with), the
    ontology graph of a dataset kept as the store keeps it."""
    return read_rdflib(path, ontology=True, known_format=True)
