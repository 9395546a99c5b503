"""Layouts kept between builds: the positions :func:`clustered_layout` gave a view's graph, in
the build folder's state, keyed by what the layout reads.

The layout of a graph is a deterministic function of its nodes' ids, ``group``, ``anchor``,
``label`` and ``size``, of its edges (their ends and number, which make the degrees and the
neighbours), of the layout's parameters and of the layout's code. :func:`layout_key` hashes
exactly that, with the source of :mod:`kg.views.layout` and the versions of networkx and
NumPy (whose spring layout and arithmetic it uses); an update that adds a few articles
changes the graphs of the pages they touch, and only those are laid out again. A changed
graph has another key: a stale entry is never read. A file that cannot be read, or that
holds anything unexpected, is ignored and written again whole.

The file (``.kg-cache/views-layout.json``, plain ASCII JSON like the rest of the state)
holds ``{"format": …, "layouts": {key: [[x, y], …]}}``: the positions in the order of the
nodes sorted by ``str``. Each build writes only the entries it used, so the file follows the
current pages and does not grow with the history of the folder.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

import networkx as nx
import numpy as np

from kg.views import layout as _layout_module
from kg.views.layout import clustered_layout

FORMAT = 1


@lru_cache(maxsize=1)
def _code_hash() -> str:
    """The layout's code and the libraries it computes with."""
    h = hashlib.sha256(Path(_layout_module.__file__).read_bytes())
    h.update(f"|networkx {nx.__version__}|numpy {np.__version__}|{FORMAT}".encode())
    return h.hexdigest()


def _sorted_nodes(G: nx.Graph) -> list:
    return sorted(G.nodes, key=str)


def layout_key(G: nx.Graph, nodes: list, params: dict) -> str:
    """A hash of everything :func:`clustered_layout` reads from ``G`` (``nodes``: its nodes
    sorted by ``str``) and of ``params``, the layout's code and its libraries."""
    index = {n: i for i, n in enumerate(nodes)}
    node_rows = [
        [
            str(n),
            repr(d.get("group")),
            bool(d.get("anchor", False)),
            str(d.get("label", "")),
            repr(d.get("size", 10)),
        ]
        for n, d in ((n, G.nodes[n]) for n in nodes)
    ]
    edge_rows = sorted(sorted((index[u], index[v])) for u, v in G.edges())
    text = json.dumps(
        [_code_hash(), sorted(params.items()), node_rows, edge_rows],
        ensure_ascii=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(text.encode("ascii")).hexdigest()


class LayoutCache:
    """Positions by :func:`layout_key`, read from ``path`` (when given) and written back by
    :meth:`save` with the entries this build used. ``hits``/``misses`` count the layouts
    read from the cache and those computed."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self.old: dict[str, list] = self._read() if self.path is not None else {}
        self.used: dict[str, list] = {}
        self.hits = 0
        self.misses = 0

    def _read(self) -> dict[str, list]:
        assert self.path is not None
        try:
            obj = json.loads(self.path.read_text(encoding="ascii"))
        except (OSError, ValueError):  # missing, unreadable or not JSON: start afresh
            return {}
        if not isinstance(obj, dict) or obj.get("format") != FORMAT:
            return {}
        layouts = obj.get("layouts")
        return layouts if isinstance(layouts, dict) else {}

    def layout(self, G: nx.Graph, **params) -> dict:
        """:func:`clustered_layout` of ``G`` with ``params``, from the cache when it holds
        the positions of this very graph."""
        nodes = _sorted_nodes(G)
        key = layout_key(G, nodes, params)
        pos = _positions(nodes, self.used.get(key, self.old.get(key)))
        if pos is None:
            self.misses += 1
            pos = clustered_layout(G, **params)
        else:
            self.hits += 1
        self.used[key] = [list(pos[n]) for n in nodes]
        return pos

    def save(self) -> None:
        """Write the entries used by this build (nothing without a path)."""
        if self.path is None:
            return
        from kg.files import atomic_write

        state = json.dumps(
            {"format": FORMAT, "layouts": self.used}, sort_keys=True, separators=(",", ":")
        )
        atomic_write(self.path, lambda fh: fh.write(state))


def _positions(nodes: list, cached) -> dict | None:
    """``{node: (x, y)}`` from a cached entry, or None when it does not fit ``nodes``."""
    if not isinstance(cached, list) or len(cached) != len(nodes):
        return None
    pos = {}
    for n, xy in zip(nodes, cached):
        if not (
            isinstance(xy, list)
            and len(xy) == 2
            and all(isinstance(v, float) and not isinstance(v, bool) for v in xy)
        ):
            return None
        pos[n] = (xy[0], xy[1])
    return pos
