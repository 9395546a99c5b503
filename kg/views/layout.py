"""Layout: node positions computed once, in Python (groups in cells, then members around them,
overlaps pushed apart), deterministic and O(n) but for one small step.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from typing import Any

import networkx as nx
import numpy as np


def _cells(n: int, dx: float, dy: float, clearance: float = 0.0) -> np.ndarray:
    """``n`` cells of a ``dx`` × ``dy`` grid (wide cells: room for a label), the nearest to the
    origin first, leaving a disc of radius ``clearance`` free; odd rows shifted half a cell."""
    if n <= 0:
        return np.zeros((0, 2))
    if n == 1 and clearance <= 0:
        return np.zeros((1, 2))
    R = math.sqrt(n * dx * dy * 1.3 / math.pi + clearance**2) + max(dx, dy)
    while True:
        rows = np.arange(-math.ceil(R / dy), math.ceil(R / dy) + 1)
        cols = np.arange(-math.ceil(R / dx) - 1, math.ceil(R / dx) + 1)
        yy, xx = np.meshgrid(rows, cols, indexing="ij")
        pts = np.column_stack([((xx + 0.5 * (yy % 2)) * dx).ravel(), (yy * dy).ravel()])
        d = np.hypot(pts[:, 0], pts[:, 1])
        keep = d >= clearance
        if keep.sum() >= n:
            break
        R *= 1.5
    pts, d = pts[keep], d[keep]
    ang = np.arctan2(pts[:, 1], pts[:, 0])
    order = np.lexsort((np.round(ang, 6), np.round(d, 3)))
    return pts[order[:n]]


class _Spiral:
    """The offsets (in cells) of a ``fx`` × ``fy`` grid, nearest to the origin first (ties by
    angle), as a sequence that grows as far as it is read."""

    def __init__(self, fx: float, fy: float) -> None:
        self.fx, self.fy = fx, fy
        self.offsets: list[tuple[int, int]] = []
        self.reach = 0  # cells within this distance (in x cells) are listed

    def __getitem__(self, i: int) -> tuple[int, int]:
        while i >= len(self.offsets):
            self._grow()
        return self.offsets[i]

    def _grow(self) -> None:
        old = self.reach
        self.reach = max(8, old * 2)
        r = self.reach * self.fx  # list every cell within distance r
        ny = math.ceil(r / self.fy)
        yy, xx = np.meshgrid(
            np.arange(-ny, ny + 1), np.arange(-self.reach, self.reach + 1), indexing="ij"
        )
        px, py = xx.ravel() * self.fx, yy.ravel() * self.fy
        d = np.hypot(px, py)
        low = old * self.fx
        keep = (d <= r) & ((d > low) if old else True)
        ang = np.arctan2(py[keep], px[keep])
        order = np.lexsort((np.round(ang, 6), np.round(d[keep], 3)))
        cells = np.column_stack([xx.ravel()[keep], yy.ravel()[keep]])[order]
        self.offsets += [(int(a), int(b)) for a, b in cells.tolist()]


def _separate(pos: np.ndarray, radius: np.ndarray, gap: float, rounds: int = 400) -> np.ndarray:
    """Push discs apart until none overlaps (or ``rounds`` passes), keeping the picture."""
    pos = pos.copy()
    n = len(pos)
    if n < 2:
        return pos
    need = radius[:, None] + radius[None, :] + gap
    np.fill_diagonal(need, 0)
    idx = np.arange(n)
    for _ in range(rounds):
        d = pos[:, None, :] - pos[None, :, :]
        dist = np.hypot(d[..., 0], d[..., 1])
        overlap = need - dist
        np.fill_diagonal(overlap, -1)
        if overlap.max() <= 1e-6:
            break
        # coincident centres: a deterministic direction per pair
        zero = dist < 1e-9
        if zero.any():
            ang = (idx[:, None] * 7 + idx[None, :] * 13) * 0.1
            d[..., 0] = np.where(zero, np.cos(ang), d[..., 0])
            d[..., 1] = np.where(zero, np.sin(ang), d[..., 1])
            dist = np.where(zero, 1.0, dist)
        push = np.clip(overlap, 0, None) / dist * 0.5
        pos += (d * push[..., None]).sum(axis=1) * 0.6
    return pos


def _join_groups(nodes: list, order: dict[Any, int], group: dict, neigh: dict) -> list:
    """Step 1 of :func:`clustered_layout`: a floating node whose neighbours are all of one
    group joins it (``group`` updated); returns the nodes left floating, in order."""
    floating: list = []
    for n in sorted(nodes, key=order.__getitem__):
        if group[n] is None:
            gs = {group[m] for m in neigh[n] if group[m] is not None}
            if len(gs) == 1:
                group[n] = ("joined", next(iter(gs)))
            elif not gs:
                group[n] = ("orphans",)
            else:
                floating.append(n)
    return floating


def _coarse_layout(
    G: nx.Graph, size: int, node_group: dict, floating: list, neigh: dict, seed: int
) -> np.ndarray:
    """Step 2 of :func:`clustered_layout`: the groups' positions, from a spring layout of
    the graph of groups (``node_group``: a grouped node → its group's number)."""
    C = nx.Graph()
    C.add_nodes_from(range(size))
    weight: Counter = Counter()
    for u, v in G.edges():
        if u not in node_group or v not in node_group:
            continue
        a, b = node_group[u], node_group[v]
        if a != b:
            weight[(min(a, b), max(a, b))] += 1
    for n in floating:
        gs = sorted({node_group[m] for m in neigh[n] if m in node_group})
        for i, a in enumerate(gs):
            for b in gs[i + 1 :]:
                weight[(a, b)] += 1
    for (a, b), w in sorted(weight.items()):
        C.add_edge(a, b, weight=1.0 + math.log(w))
    if size == 1:
        return np.zeros((1, 2))
    if size < 500:
        p = nx.spring_layout(C, weight="weight", seed=seed, iterations=150)
    else:  # spring_layout needs SciPy from 500 nodes on
        p = nx.circular_layout(C)
    return np.array([p[i] for i in range(size)], dtype=float)


def _member_cells(G: nx.Graph, ms: list, cell: tuple[float, float]) -> np.ndarray:
    """Step 3 of :func:`clustered_layout`: the cells of a group's members (sorted, the
    anchor first), relative to the group's centre."""
    anchored = bool(ms) and G.nodes[ms[0]].get("anchor", False)
    rest = ms[1:] if anchored else ms
    clearance = (float(G.nodes[ms[0]].get("size", 10)) + cell[1] * 1.2) if anchored else 0.0
    pts = _cells(len(rest), cell[0], cell[1], clearance)
    if anchored:
        pts = np.vstack([np.zeros((1, 2)), pts])
    return pts


def _mean(points: list[tuple]) -> tuple:
    """``np.mean(points, axis=0)`` of a few points, without making an array: the sums run
    in the same order (row after row), so the result is the same to the last bit (checked
    on random points in ``tests/test_views.py``), and the many small bundles of a large
    page cost a tenth.

    >>> _mean([(1.0, 2.0), (2.0, 4.0), (4.5, 0.0)])
    (2.5, 2.0)
    """
    sx, sy = points[0]
    for x, y in points[1:]:
        sx += x
        sy += y
    return sx / len(points), sy / len(points)


def _place_floating(
    pos: dict, floating: list, neigh: dict, order: dict[Any, int], float_cell: tuple[float, float]
) -> None:
    """Step 5 of :func:`clustered_layout`: floating nodes at their neighbours' barycentre,
    each on a free cell of a grid: the cells around a centre are visited nearest first, and
    where a search from a centre cell stopped is remembered (cells are only ever taken), so
    that the many events of a busy pair of countries do not each walk again over the cells
    their predecessors filled."""
    floating_set = set(floating)
    fx, fy = float_cell
    taken = {(round(x / fx), round(y / fy)) for x, y in pos.values()}
    bundles: dict = defaultdict(list)
    for n in floating:
        bundles[tuple(m for m in neigh[n] if m not in floating_set)].append(n)
    spiral = _Spiral(fx, fy)
    resume: dict[tuple[int, int], int] = {}
    for key in sorted(bundles, key=lambda k: [order[m] for m in k]):
        cx, cy = _mean([pos[m] for m in key])
        centre = (round(float(cx) / fx), round(float(cy) / fy))
        i = resume.get(centre, 0)
        for n in sorted(bundles[key], key=order.__getitem__):
            while True:
                dx, dy = spiral[i]
                i += 1
                cell_key = (centre[0] + dx, centre[1] + dy)
                if cell_key not in taken:
                    break
            taken.add(cell_key)
            pos[n] = (cell_key[0] * fx, cell_key[1] * fy)
        resume[centre] = i


def clustered_layout(
    G: nx.Graph,
    seed: int = 7,
    cell: tuple[float, float] = (150.0, 48.0),
    gap: float = 90.0,
    float_cell: tuple[float, float] = (110.0, 26.0),
    aspect: float = 1.5,
) -> dict:
    """Positions for every node of ``G``, computed once; O(n) but for the coarse step.

    Nodes carry a ``group`` attribute (a country for its officials, each country its own
    group) or ``None`` (events, which float between what they connect). The layout:

    1. a floating node whose neighbours all sit in one group joins that group;
    2. the *coarse graph* (one node per group, edge weights = links between groups, an event
       linking groups A and B counting once for each pair) is laid out with networkx's
       ``spring_layout`` (seeded; a few hundred nodes at most, so fast);
    3. each group becomes a disc of radius ∝ √members; discs are pushed apart until none
       overlaps;
    4. members are placed on a grid of ``cell``-sized slots (wide enough for a label) nearest
       to the centre first: the group's own node (``anchor``) at the centre, then by degree,
       so hubs sit in the middle;
    5. remaining floating nodes go to the barycentre of their neighbours, those sharing the
       same neighbours on a small grid there.

    Why not a force layout on the whole graph: on this machine ``nx.forceatlas2_layout``
    takes 5.6 s at 1,000 nodes and 131 s at 5,000; ``nx.spring_layout`` needs SciPy above
    500 nodes (not a dependency) and took 44 s at 5,000 with it. This one takes 0.4–1 s at
    5,000 nodes (see ``make bench-views``).
    """
    nodes = list(G.nodes)
    if not nodes:
        return {}
    order = {n: i for i, n in enumerate(sorted(nodes, key=str))}
    group = {n: G.nodes[n].get("group") for n in nodes}
    label = {n: str(G.nodes[n].get("label", "")) for n in nodes}
    neigh = {n: sorted(set(G.neighbors(n)) - {n}, key=order.__getitem__) for n in nodes}

    # 1. floating nodes with one neighbouring group join it
    floating = _join_groups(nodes, order, group, neigh)
    floating_set = set(floating)

    def gkey(g):
        return g[1] if isinstance(g, tuple) and g[0] == "joined" else g

    members: dict = defaultdict(list)
    for n in nodes:
        if n not in floating_set:
            members[gkey(group[n])].append(n)
    groups = sorted(members, key=str)
    gi = {g: i for i, g in enumerate(groups)}

    # 2. coarse graph
    node_group = {n: gi[gkey(group[n])] for n in nodes if n not in floating_set}
    coarse = _coarse_layout(G, len(groups), node_group, floating, neigh, seed)

    # 3. members on a grid of label-wide cells around their group's anchor
    local: dict = {}
    radius = np.zeros(len(groups))
    degree = {n: G.degree(n) for n in nodes}
    for g in groups:
        ms = sorted(
            members[g],
            key=lambda n: (
                not G.nodes[n].get("anchor", False),
                isinstance(group[n], tuple),
                -degree[n],
                label[n],
                order[n],
            ),
        )
        local[g] = (ms, _member_cells(G, ms, cell))
        pts = local[g][1]
        radius[gi[g]] = (float(np.hypot(pts[:, 0], pts[:, 1]).max()) if len(pts) else 0.0) + cell[1]

    # 4. groups pushed apart until no two overlap
    scale = 0.7 * math.sqrt(float(((radius + gap / 2) ** 2).sum()))
    coarse = coarse * scale * np.array([aspect, 1.0])  # screens are wider than tall
    coarse = _separate(coarse, radius, gap)
    pos: dict = {}
    for g in groups:
        ms, pts = local[g]
        for n, (x, y) in zip(ms, pts + coarse[gi[g]]):
            pos[n] = (x, y)

    # 5. floating nodes at their neighbours' barycentre
    _place_floating(pos, floating, neigh, order, float_cell)
    return {n: (round(float(x), 1), round(float(y), 1)) for n, (x, y) in pos.items()}
