"""Writing the views of a graph into a folder: the index, the network, countries and officials
pages, and one page per country.
"""

from __future__ import annotations

import re
from pathlib import Path

from rdflib import Graph

from kg.views.big import (
    DRAW_LIMIT,
    drawn_note,
    not_drawn,
    pick_country_nodes,
    pick_network_nodes,
    pick_officials,
)
from kg.views.facts import Facts, iri_tail
from kg.views.graphs import countries_graph, country_graph, network_graph, officials_graph
from kg.views.layout_cache import LayoutCache
from kg.views.read import read_facts
from kg.views.render import render_index, render_view
from kg.views.titles import view_index


def country_filename(f: Facts, c: str, taken: set[str]) -> str:
    """``VN.html`` from ``bkg:isoCode``; a safe fallback for anything odd; never a clash."""
    isos = [i for i in f.texts(c, "iso") if re.fullmatch(r"[A-Z]{2,3}", i)]
    base = isos[0] if isos else re.sub(r"[^A-Za-z0-9_-]+", "-", iri_tail(c)).strip("-")[:40]
    base = base or "country"
    name, i = base, 2
    while name.lower() in taken:
        name, i = f"{base}-{i}", i + 1
    taken.add(name.lower())
    return f"{name}.html"


class _Pages:
    """The pages of ``out``: a page given is written at once (in UTF-8, ``\\n`` line ends)."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.names: set[str] = set()

    def __setitem__(self, name: str, text: str) -> None:
        path = self.out / name
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        self.names.add(name)


def write_views(
    graph: Graph, out: Path, layout_cache: Path | None = None, *, draw_limit: int = DRAW_LIMIT
) -> list[Path]:
    """Write every view of ``graph`` into ``out`` (and nowhere else); return the paths.

    A page draws at most ``draw_limit`` nodes (see :func:`pick_network_nodes`); the countries
    view always draws every country and organisation. ``layout_cache``: a file of the build
    folder's state where the pages' layouts are kept (:mod:`kg.views.layout_cache`): a page
    whose graph did not change since the last build is not laid out again."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    layouts = LayoutCache(layout_cache)
    f = read_facts(graph)
    ix = view_index(f)
    ids = {n: f"n{i}" for i, n in enumerate(sorted(f.kind))}
    pages = _Pages(out)  # each page written when made: a few pages' text held, not every page's
    views = []
    taken: set[str] = set()
    country_page = {
        c: (f"country/{country_filename(f, c, taken)}", f.name(c))
        for c in sorted(f.of_kind("country"), key=lambda c: (f.name(c).casefold(), c))
    }

    drawn = pick_network_nodes(f, draw_limit)
    whole = len(drawn) == len(f.kind)
    G = network_graph(f, None if whole else drawn)
    if not whole:
        G.graph["notes"] = [drawn_note(len(drawn), len(f.kind), "nodes")]
    pages["network.html"] = render_view(
        G,
        layouts.layout(G),
        title="Network",
        ids=ids,
        current="network.html",
        subtitle="Countries, organisations, officials and events, and how they connect.",
        more=None if whole else not_drawn(f, f.kind, drawn, country_page, ""),
    )
    views.append(
        dict(
            href="network.html",
            text="Network",
            nodes=G.number_of_nodes(),
            edges=G.number_of_edges(),
            about="countries, organisations, officials and events"
            + ("" if whole else f" — the {len(drawn):,} most connected of {len(f.kind):,} nodes"),
        )
    )

    C = countries_graph(f)
    n_rel = sum(1 for *_, d in C.edges(data=True) if d["kind"] == "relation")
    n_contact = C.number_of_edges() - n_rel
    pages["countries.html"] = render_view(
        C,
        layouts.layout(C, cell=(150.0, 60.0), gap=160.0),
        title="Countries",
        ids=ids,
        current="countries.html",
        subtitle="Countries and organisations: their bilateral relations, by kind, and their "
        "contacts (events involving both).",
    )
    unplaced = len(f.relations) - n_rel
    views.append(
        dict(
            href="countries.html",
            text="Countries",
            nodes=C.number_of_nodes(),
            edges=C.number_of_edges(),
            about=f"{len(f.of_kind('country'))} countries and "
            f"{len(f.of_kind('organization'))} organisations; {n_rel} relations"
            f" and {n_contact} contacts (pairs involved in events)"
            + (
                f"; {unplaced} relations without two known parties are not drawn"
                if unplaced
                else ""
            ),
        )
    )

    drawn_o = pick_officials(f, draw_limit)
    O = officials_graph(f, drawn_o)
    n_off = len(f.of_kind("official"))
    if drawn_o is not None:
        O.graph["notes"] = [drawn_note(len(drawn_o), n_off, "officials")]
    pages["officials.html"] = render_view(
        O,
        layouts.layout(O),
        title="Officials",
        ids=ids,
        current="officials.html",
        subtitle="Who met whom: officials coloured by country, an edge per pair that met.",
        more=None
        if drawn_o is None
        else not_drawn(f, f.of_kind("official"), drawn_o, country_page, ""),
    )
    views.append(
        dict(
            href="officials.html",
            text="Officials",
            nodes=O.number_of_nodes(),
            edges=O.number_of_edges(),
            about="who met whom"
            + (
                ""
                if drawn_o is None
                else f" — the {len(drawn_o):,} who met most of {n_off:,} officials"
            ),
        )
    )

    countries = []
    for c, (href, name) in country_page.items():
        nodes, hood = pick_country_nodes(f, c, draw_limit)
        if len(nodes) == len(hood):
            H = country_graph(f, c, network=G if whole else None)
            more = None
        else:
            H = country_graph(f, c, nodes=nodes)
            H.graph["notes"] = [drawn_note(len(nodes), len(hood), "nodes around it")]
            more = not_drawn(f, hood, nodes, country_page, "../")
        pages[href] = render_view(
            H,
            layouts.layout(H),
            title=name,
            ids=ids,
            nav_prefix="../",
            more=more,
            subtitle="Its relations, its officials and their counterparts, and its events.",
        )
        countries.append(
            dict(
                href=href,
                name=name,
                code=(f.texts(c, "iso") or [""])[0],
                officials=len(ix.officials_of_place.get(c, [])),
                events=len(ix.events_of_place.get(c, [])),
                relations=len(ix.relations_of_place.get(c, [])),
                nodes=H.number_of_nodes(),
                edges=H.number_of_edges(),
                of=len(hood),
            )
        )
    pages["index.html"] = render_index(f, views, countries)
    layouts.save()
    written = [
        out / name for name in ("index.html", "network.html", "countries.html", "officials.html")
    ]
    written += [out / name for name in sorted(pages.names) if name.startswith("country/")]
    country_dir = out / "country"
    # pages of countries no longer in the graph would be stale: remove them (ours only)
    if country_dir.is_dir():
        keep = {p.name for p in written if p.parent == country_dir}
        for old in sorted(country_dir.glob("*.html")):
            if old.name not in keep and old.is_file():
                old.unlink()
    return written
