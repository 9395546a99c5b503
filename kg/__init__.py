"""bilateral-kg: a knowledge graph of bilateral diplomatic relations from French news.

The public API in a few names::

    from kg import build, load_graph
    report = build(["seeds"], "out")          # ingest → nlp → extract → resolve → graph → export
    g = load_graph("out/graph.ttl")           # an rdflib Graph of a build
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("bilateral-kg")
except PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0"

__all__ = ["build", "load_graph", "__version__"]


def build(paths, out, **kwargs):
    """Build the inputs at ``paths`` into the folder ``out``; see :func:`kg.pipeline.build`."""
    from kg.pipeline import build as _build

    return _build(paths, out, **kwargs)


def load_graph(path):
    """Parse a build's ``graph.ttl`` (or ``.trig``) into an rdflib graph."""
    from kg.pipeline import load_graph as _load

    return _load(path)
