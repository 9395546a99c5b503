"""Rendering: a networkx graph and its positions → one self-contained HTML page (Jinja
templates, vis-network inlined, JSON safe inside a script, a strict CSP).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import networkx as nx
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from kg.resources import resource
from kg.kinds import RELATION_KINDS, kind_labels, relation_colors
from kg.views.facts import Facts
from kg.views.graphs import CONTACT_COLOR
from kg.views.style import (
    KIND_LABEL,
    KIND_STYLE,
    LINK_STYLE,
    NODE_KINDS,
)
from kg.views.titles import view_index

TEMPLATES = resource("templates")
VIEW_FILES = ("index.html", "network.html", "countries.html", "officials.html")


_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def json_for_html(obj) -> str:
    """JSON that can sit inside a ``<script>`` element: no ``<``, ``>``, ``&``, U+2028/9."""
    text = json.dumps(
        obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False
    )
    for char, escape in _JSON_ESCAPES.items():  # a pass of str.replace each: C speed
        if char in text:
            text = text.replace(char, escape)
    return text


@lru_cache(maxsize=1)
def _env() -> Environment:
    return Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@lru_cache(maxsize=1)
def vis_assets() -> tuple[str, str]:
    """vis-network's JS and the CSS rules the pages use, read from pyvis's package."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    # only the tooltip rules: the rest is navigation/manipulation UI (200 kB of images)
    rules = [
        m.group(0)
        for m in re.finditer(r"[^{}]+\{[^{}]*\}", css)
        if "vis-tooltip" in m.group(0).split("{")[0]
    ]
    if re.search(r"</script|<!--", js, re.I) or "</style" in "".join(rules).lower():
        raise RuntimeError("vis-network assets cannot be inlined safely")
    return js, "".join(r.strip() for r in rules)


@lru_cache(maxsize=1)
def page_assets() -> tuple[str, str]:
    """The pages' own script and stylesheet (kg/templates)."""
    return (
        (TEMPLATES / "view.js").read_text(encoding="utf-8"),
        (TEMPLATES / "view.css").read_text(encoding="utf-8"),
    )


def _csp(scripts: list[str]) -> str:
    hashes = " ".join(
        "'sha256-"
        + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode("ascii")
        + "'"
        for s in scripts
    )
    return (
        "default-src 'none'; script-src " + hashes + "; style-src 'unsafe-inline'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def _nav(prefix: str, current: str) -> list[dict]:
    items = [
        ("index.html", "Index"),
        ("network.html", "Network"),
        ("countries.html", "Countries"),
        ("officials.html", "Officials"),
    ]
    return [dict(href=prefix + href, text=text, current=href == current) for href, text in items]


def _legend(G: nx.MultiGraph, edge_data: list[dict]) -> dict:
    """The page's legend; ``edge_data``: the data of every edge of ``G`` (read once)."""
    view = G.graph.get("view")
    kinds_present = sorted({d["kind"] for _, d in G.nodes(data=True)}, key=NODE_KINDS.index)
    nodes: list[dict[str, str]] = []
    edges: list[dict[str, object]] = []  # a legend line: label, colour, width, dashed
    notes: list[str] = []
    labels, colors = kind_labels("en"), relation_colors()
    if view == "officials":
        for text, color in G.graph.get("legend_countries", []):
            nodes.append(dict(label=text, color=color, shape="dot"))
        edges.append(dict(label="met (width: number of meetings)", color="#8aa1b1"))
        notes.append("Hover an edge to list the meetings.")
    else:
        for k in kinds_present:
            color, shape, _, _ = KIND_STYLE[k]
            nodes.append(dict(label=KIND_LABEL[k], color=color, shape=shape))
        present = {d.get("rk") or "" for d in edge_data}
        if view != "countries":
            link_kinds = sorted({d["kind"] for d in edge_data} - {"relation"})
            for k in link_kinds:
                edges.append(dict(label=LINK_STYLE[k][1], color=LINK_STYLE[k][0]))
            rel_colors = sorted({d["color"] for d in edge_data if d["kind"] == "relation"})
            for k in RELATION_KINDS:
                if colors[k] in rel_colors:
                    edges.append(dict(label=labels[k], color=colors[k], width=3))
        else:
            for k in RELATION_KINDS:
                if k in present:
                    edges.append(dict(label=labels[k], color=colors[k], width=3))
            if "contact" in present:
                edges.append(
                    dict(
                        label="contact: events involving both (dashed)",
                        color=CONTACT_COLOR,
                        width=2,
                        dashed=True,
                    )
                )
            notes.append(
                "Relation width: number of events involving both; contact width "
                "grows with the number of those events (hover for kinds and dates)."
            )
    notes.extend(G.graph.get("notes", []))
    notes.append(
        "Small nodes' names show as you zoom in or hover; the biggest nodes and "
        "the one found are always named. Edge details are in their tooltips."
    )
    notes.append("Positions are precomputed; drag to pan, scroll to zoom, hover for details.")
    return dict(nodes=nodes, edges=edges, notes=notes)


def _vis_options(n_nodes: int, n_edges: int) -> dict:
    big = n_nodes + n_edges > 3000
    return {
        "autoResize": True,
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False, "randomSeed": 0},
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "navigationButtons": False,
            "keyboard": False,
            "multiselect": False,
        },
        "groups": {
            k: {"color": {"background": c, "border": "#00000040"}, "shape": shape, "size": size}
            for k, (c, shape, size, _font) in KIND_STYLE.items()
        },
        # names are drawn by the page's script (view.js), which keeps them from colliding
        "nodes": {"borderWidth": 1},
        "edges": {
            "smooth": False,
            "color": {"inherit": False, "opacity": 0.8},
            "selectionWidth": 2,
            "hoverWidth": 0.5,
        },
    }


def importance(G: nx.MultiGraph) -> tuple[dict, int]:
    """Rank of every node for naming on the canvas (0 = named first) and how many of the
    first are always named: the page's country, then countries and organisations, then
    officials by degree, then events by degree; on the officials view, the most connected official of each country first (one
    name per cluster), then the next of each… Always named: the places (or one official per
    cluster) and 12 more."""
    focus = G.graph.get("focus")
    deg = dict(G.degree())
    nth: dict = {}
    if G.graph.get("view") == "officials":
        by_group = defaultdict(list)
        for n in G.nodes:
            by_group[G.nodes[n].get("group")].append(n)
        for members in by_group.values():
            members.sort(key=lambda n: (-deg.get(n, 0), G.nodes[n]["label"], str(n)))
            nth.update({n: i for i, n in enumerate(members)})
    ranked = sorted(
        G.nodes,
        key=lambda n: (
            n != focus,
            not G.nodes[n].get("anchor", False),
            nth.get(n, 0),
            G.nodes[n].get("kind") == "event",
            -deg.get(n, 0),
            G.nodes[n]["label"],
            str(n),
        ),
    )
    anchors = sum(1 for n in G.nodes if G.nodes[n].get("anchor", False))
    always = (sum(1 for v in nth.values() if v == 0) if nth else anchors) + 12
    return {n: i for i, n in enumerate(ranked)}, always


def _vis_data(G: nx.MultiGraph, pos: dict, ids: dict[str, str], edge_rows: list[tuple]):
    """The nodes and edges of the page's data; ``edge_rows``: ``G.edges(keys=True,
    data=True)``, read once for the page."""
    nodes = []
    focus = G.graph.get("focus")
    rank, G.graph["always"] = importance(G)
    for n in sorted(G.nodes, key=lambda n: ids[n]):
        d = G.nodes[n]
        x, y = pos[n]
        _, _, size, font = KIND_STYLE[d["kind"]]
        item = {
            "id": ids[n],
            "text": d["label"],
            "title": d["title"],
            "kind": d["kind"],
            "group": d["kind"],
            "x": x,
            "y": y,
            "iri": d["iri"],
            "name": d["name"],
            "r": rank[n],
            "fs": font,
            "sz": size,
        }
        if d["color"] != KIND_STYLE[d["kind"]][0]:
            item["color"] = d["color"]
        if n == focus:  # the country a country page is about
            item.update(size=round(size * 1.4), borderWidth=3, fs=font + 6, sz=round(size * 1.4))
        if d.get("alt"):
            item["alt"] = d["alt"]
        if d.get("ym"):
            item["ym"], item["yrs"] = d["ym"], d["yrs"]
        nodes.append(item)
    order = {n: (_id_order(ids[n]), ids[n]) for n in G}
    raw = []
    for u, v, key, d in edge_rows:
        (oa, a), (ob, b) = sorted((order[u], order[v]), key=lambda t: t[0])
        raw.append((d["kind"], oa, ob, key, a, b, d))
    raw.sort(key=lambda t: t[:4])
    edges = []
    for i, (_, _, _, _, a, b, d) in enumerate(raw):
        item = {
            "id": f"e{i}",
            "from": a,
            "to": b,
            "title": d["title"],
            "kind": d["kind"],
            "color": d["color"],
            "width": d["width"],
        }
        if d.get("dashes"):
            item["dashes"] = True
        if d.get("ym"):
            item["ym"], item["yrs"] = d["ym"], d["yrs"]
        if d.get("nth"):  # parallel edges between the same two nodes
            k = d["nth"]
            item["smooth"] = {
                "enabled": True,
                "type": "curvedCW" if k % 2 else "curvedCCW",
                "roundness": round(0.2 * ((k + 1) // 2), 2),
            }
        edges.append(item)
    return nodes, edges


def _id_order(node_id: str):
    return int(node_id[1:]) if node_id[1:].isdigit() else node_id


def render_view(
    G: nx.MultiGraph,
    pos: dict,
    *,
    title: str,
    subtitle: str = "",
    ids: dict[str, str] | None = None,
    nav_prefix: str = "",
    current: str = "",
    more: list[list] | None = None,
) -> str:
    """The HTML page of one view (a string)."""
    from pyvis.network import Network

    if ids is None:
        ids = {n: f"n{i}" for i, n in enumerate(sorted(G.nodes, key=str))}
    edge_rows = list(G.edges(keys=True, data=True))
    vis_nodes, vis_edges = _vis_data(G, pos, ids, edge_rows)
    net = Network(height="100%", width="100%", directed=False, cdn_resources="in_line", heading="")
    # filled directly: Network.add_edge scans every edge per call (TOOLS-NOTES)
    net.nodes, net.edges = vis_nodes, vis_edges
    net.node_ids = [n["id"] for n in vis_nodes]
    net.options = _vis_options(len(vis_nodes), len(vis_edges))
    nodes, edges, _heading, _h, _w, _options = net.get_network_data()
    years = sorted({y for item in nodes + edges for y in item.get("yrs", [])})
    data = {
        "nodes": nodes,
        "edges": edges,
        "options": net.options,
        "legend": _legend(G, [d for *_, d in edge_rows]),
        "kinds": [
            dict(kind=k, label=KIND_LABEL[k], color=KIND_STYLE[k][0], shape=KIND_STYLE[k][1])
            for k in NODE_KINDS
            if any(n["kind"] == k for n in nodes)
        ],
        "years": [years[0], years[-1]] if years else None,
        "undated": any(item.get("ym") and not item.get("yrs") for item in nodes + edges),
        "view": G.graph.get("view", ""),
        "always": G.graph.get("always", 0),
        "focus": ids.get(G.graph.get("focus")) if G.graph.get("focus") else None,
    }
    if more:
        data["more"] = more
    vis_js, vis_css = vis_assets()
    page_js, page_css = page_assets()
    return (
        _env()
        .get_template("view.html.j2")
        .render(
            title=title,
            subtitle=subtitle,
            nav=_nav(nav_prefix, current),
            csp=_csp([vis_js, page_js]),
            vis_js=Markup(vis_js),
            vis_css=Markup(vis_css),
            page_js=Markup(page_js),
            page_css=Markup(page_css),
            data_json=Markup(json_for_html(data)),
            n_nodes=len(nodes),
            n_edges=len(edges),
        )
    )


def render_index(f: Facts, views: list[dict], countries: list[dict]) -> str:
    ix = view_index(f)
    totals = [
        ("countries", len(f.of_kind("country"))),
        ("organisations", len(f.of_kind("organization"))),
        ("officials", len(f.of_kind("official"))),
        ("events", len(f.of_kind("event"))),
        ("bilateral relations", len(f.relations)),
        ("pairs of officials who met", len(ix.met)),
        ("articles", len(f.articles)),
    ]
    _page_js, page_css = page_assets()
    return (
        _env()
        .get_template("index.html.j2")
        .render(
            title="Bilateral relations — network views",
            totals=totals,
            views=views,
            countries=countries,
            page_css=Markup(page_css),
            csp="default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
        )
    )
