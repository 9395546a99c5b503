"""One networkx graph per view: the network of everything, the countries and their relations,
the officials who met, the neighbourhood of one country.
"""

from __future__ import annotations

import math
from collections import Counter

import networkx as nx

from kg.kinds import kind_labels, relation_colors
from kg.views.facts import Facts
from kg.views.style import (
    LIMIT_LABEL,
    LIMIT_LIST,
    KIND_STYLE,
    LINK_STYLE,
    OTHER_COLOR,
    PALETTE,
    UNKNOWN_COLOR,
)
from kg.views.titles import (
    cut_text,
    view_index,
    tooltip_lines,
    short_list,
    node_title,
    relation_title,
    relation_years,
)


def _add_node(
    G: nx.MultiGraph, f: Facts, s: str, *, group=None, anchor=False, color=None, title=None
) -> None:
    kind = f.kind[s]
    base_color, shape, size, font = KIND_STYLE[kind]
    name = f.name(s)
    attrs = dict(
        kind=kind,
        label=cut_text(name, LIMIT_LABEL),
        name=name,
        alt=f.other_names(s),
        title=title if title is not None else node_title(f, s),
        color=color or base_color,
        shape=shape,
        size=size,
        font=font,
        group=group,
        anchor=anchor,
        iri=s,
        yrs=[],
        ym="",
    )
    if kind == "event":
        attrs["yrs"] = f.years(s)
        attrs["ym"] = "in"
    G.add_node(s, **attrs)


def _layout_group(f: Facts, s: str) -> str | None:
    kind = f.kind[s]
    if kind in ("country", "organization"):
        return s
    if kind == "official":
        nats = f.nationalities(s)
        return nats[0] if nats else "?"
    return None  # events float between what they connect


def _network_edges(f: Facts, nodes: set[str]):
    """(u, v, key, attrs) of the network view among ``nodes``."""
    out = []
    for o in sorted(n for n in nodes if f.kind[n] == "official"):
        for c in f.nationalities(o):
            if c in nodes:
                out.append((o, c, "nationality", c))
    for e in sorted(n for n in nodes if f.kind[n] == "event"):
        for o in sorted(set(f.links(e, "participant"))):
            if o in nodes and f.kind.get(o) == "official":
                out.append((e, o, "participant", o))
        for c in sorted(set(f.links(e, "country"))):
            if c in nodes and f.kind.get(c) in ("country", "organization"):
                out.append((e, c, "country", c))
    edges = [(u, v, f"{kind}|{v}", _link_attrs(f, u, v, kind)) for u, v, kind, _ in out]
    pairs: Counter = Counter()
    for r in f.relations:
        pair = f.relation_parties(r)
        if pair and pair[0] in nodes and pair[1] in nodes:
            k = f.relation_kind(r)
            edges.append(
                (
                    pair[0],
                    pair[1],
                    f"relation|{r}",
                    dict(
                        kind="relation",
                        label=kind_labels("en")[k],
                        title=relation_title(f, r),
                        color=relation_colors()[k],
                        width=3,
                        yrs=relation_years(f, r),
                        ym="since",
                        nth=pairs[pair],
                    ),
                )
            )
            pairs[pair] += 1  # parallel relations are drawn as curves
    return edges


def _link_attrs(f: Facts, u: str, v: str, kind: str) -> dict:
    """The attributes of a nationality, participant or country edge (a copy of those made
    for the first page that drew it: an edge shows on the network and country pages)."""
    return dict(f.memoised(("link", u, v, kind), lambda: _make_link_attrs(f, u, v, kind)))


def _make_link_attrs(f: Facts, u: str, v: str, kind: str) -> dict:
    color, label = LINK_STYLE[kind]
    if kind == "nationality":
        title = f"{f.name(u)} — nationality: {f.name(v)}"
        yrs, ym = [], ""
    elif kind == "participant":
        title = f"{f.name(v)} took part in: {f.name(u)}"
        yrs, ym = f.years(u), "in"
    else:
        title = f"{f.name(u)} involves {f.name(v)}"
        yrs, ym = f.years(u), "in"
    return dict(kind=kind, label=label, title=cut_text(title), color=color, width=1, yrs=yrs, ym=ym)


def network_graph(f: Facts, nodes: set[str] | None = None) -> nx.MultiGraph:
    """Everything (or ``nodes`` only): countries, organisations, officials and events; edges
    are nationality, participant, event → country, and one edge per bilateral relation."""
    G = nx.MultiGraph(view="network")
    for s in sorted(f.kind if nodes is None else nodes):
        _add_node(
            G, f, s, group=_layout_group(f, s), anchor=f.kind[s] in ("country", "organization")
        )
    for u, v, key, attrs in _network_edges(f, set(G.nodes)):
        G.add_edge(u, v, key=key, **attrs)
    return G


def country_neighbourhood(f: Facts, c: str) -> set[str]:
    """The nodes of ``c``'s page: ``c``; the other party of its relations; its officials and
    the officials they met; the events involving ``c`` or its officials, with their
    participants and countries; and the countries of every official shown."""
    ix = view_index(f)
    nodes = {c}
    for r in ix.relations_of_place.get(c, []):
        parties = f.relation_parties(r)
        assert parties is not None  # the index lists relations with their parties
        nodes.update(parties)
    own = set(ix.officials_of_place.get(c, []))
    officials = set(own)
    for a in own:
        officials.update(ix.met_by.get(a, []))
    events = set(ix.events_of_place.get(c, []))
    for o in own:
        events.update(ix.events_of_official.get(o, []))
    for e in events:
        officials.update(o for o in f.links(e, "participant") if f.kind.get(o) == "official")
        nodes.update(
            p for p in f.links(e, "country") if f.kind.get(p) in ("country", "organization")
        )
    for o in officials:
        nodes.update(f.nationalities(o))
    return nodes | officials | events


def country_graph(
    f: Facts, c: str, network: nx.MultiGraph | None = None, nodes: set[str] | None = None
) -> nx.MultiGraph:
    """``c``'s neighbourhood (or ``nodes``): the network view's subgraph induced by
    :func:`country_neighbourhood`."""
    nodes = country_neighbourhood(f, c) if nodes is None else nodes
    if network is not None:
        G = nx.MultiGraph()
        G.add_nodes_from((n, network.nodes[n]) for n in sorted(nodes))
        # the edges at ``nodes`` (their adjacency, each edge once), kept when both ends are
        # in: not every edge of the network once per country page
        G.add_edges_from(
            (u, v, k, d)
            for u, v, k, d in network.edges(sorted(nodes), keys=True, data=True)
            if v in nodes
        )
    else:
        G = nx.MultiGraph()
        for s in sorted(nodes):
            _add_node(
                G, f, s, group=_layout_group(f, s), anchor=f.kind[s] in ("country", "organization")
            )
        for u, v, key, attrs in _network_edges(f, nodes):
            G.add_edge(u, v, key=key, **attrs)
    G.graph["view"] = "country"
    G.graph["focus"] = c
    return G


CONTACT_COLOR = "#8f8f8f"  # grey, under the relations (drawn first), dashed


def _contact_title(f: Facts, a: str, b: str, events: list[str]) -> str:
    """Tooltip of a contact edge: how many events, of which kinds, when, the latest ones."""
    kinds = Counter(f.event_label(e) for e in events)
    years = sorted({y for e in events for y in f.years(e)})
    latest = sorted(events, key=lambda e: ((f.texts(e, "start")[:1] or [""])[0], e), reverse=True)[
        :LIMIT_LIST
    ]
    lines = [
        f"{f.name(a)} — {f.name(b)}",
        f"contacts: {len(events)} event{'s' if len(events) != 1 else ''} involving both ("
        + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])))
        + ")",
        (f"years: {years[0]}–{years[-1]}" if len(years) > 1 else f"year: {years[0]}")
        if years
        else "years unknown",
    ]
    lines += [f"• {f.event_label(e)}, {f.date_text(e) or 'date unknown'}" for e in latest]
    if len(events) > len(latest):
        lines.append(f"(+{len(events) - len(latest)} more)")
    return tooltip_lines(*lines)


def countries_graph(f: Facts) -> nx.MultiGraph:
    """Countries and organisations; one edge per relation between two of them (colour = kind,
    width = number of events involving both) and one dashed *contact* edge per pair that
    events involve (officials met, called, visited), its tooltip giving counts and dates."""
    ix = view_index(f)
    G = nx.MultiGraph(view="countries")
    for c in f.of_kind("country") + f.of_kind("organization"):
        _add_node(G, f, c, group=c, anchor=True)
    pairs: Counter = Counter()
    for r in f.relations:
        pair = f.relation_parties(r)
        if not pair:
            continue
        k = f.relation_kind(r)
        n_events = ix.events_between_places.get(pair, 0)
        G.add_edge(
            pair[0],
            pair[1],
            key=f"relation|{r}",
            kind="relation",
            label=kind_labels("en")[k],
            rk=k,
            title=relation_title(f, r),
            color=relation_colors()[k],
            width=round(1.5 + 2.0 * math.log2(1 + n_events), 2),
            events=n_events,
            yrs=relation_years(f, r),
            ym="since",
            nth=pairs[pair],
        )
        pairs[pair] += 1
    for (a, b), events in sorted(ix.events_of_pair.items()):
        yrs = sorted({y for e in events for y in f.years(e)})
        G.add_edge(
            a,
            b,
            key=f"contact|{a}|{b}",
            kind="contact",
            label="",
            rk="contact",
            title=_contact_title(f, a, b, events),
            color=CONTACT_COLOR,
            width=round(min(4.0, 1.5 + 0.6 * math.log2(len(events))), 2),
            events=len(events),
            yrs=yrs,
            ym="in",
            dashes=True,
            nth=pairs[(a, b)],
        )
        pairs[(a, b)] += 1
    return G


def _country_colors(f: Facts, officials: list[str]) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Colour per country (the 20 with most officials), and the legend entries."""
    count: Counter[str] = Counter()
    for o in officials:
        nats = f.nationalities(o)
        count[nats[0] if nats else "?"] += 1
    ranked = sorted((c for c in count if c != "?"), key=lambda c: (-count[c], f.name(c), c))
    colors = {c: PALETTE[i] for i, c in enumerate(ranked[: len(PALETTE)])}
    legend = [(f"{f.name(c)} ({count[c]})", colors[c]) for c in ranked[: len(PALETTE)]]
    rest = ranked[len(PALETTE) :]
    for c in rest:
        colors[c] = OTHER_COLOR
    if rest:
        legend.append((f"{len(rest)} other countries ({sum(count[c] for c in rest)})", OTHER_COLOR))
    if count.get("?"):
        colors["?"] = UNKNOWN_COLOR
        legend.append((f"country unknown ({count['?']})", UNKNOWN_COLOR))
    return colors, legend


def officials_graph(f: Facts, drawn: set[str] | None = None) -> nx.MultiGraph:
    """Who met whom: officials (or those of ``drawn``) coloured by country; one edge per pair
    linked by ``bkg:met``, its tooltip listing their meetings (kind, date, sources)."""
    ix = view_index(f)
    officials = f.of_kind("official")
    colors, legend = _country_colors(f, officials)
    G = nx.MultiGraph(view="officials", legend_countries=legend)
    for o in officials if drawn is None else sorted(drawn):
        group = _layout_group(f, o)
        assert group is not None  # an official's group is its country, or "?"
        _add_node(G, f, o, group=group, color=colors[group])
    for a, b in sorted(ix.met):
        if drawn is not None and (a not in drawn or b not in drawn):
            continue
        events = sorted(
            ix.events_between_officials.get((a, b), []), key=lambda e: (f.texts(e, "start")[:1], e)
        )
        lines = [
            f"{f.name(a)} — {f.name(b)}",
            f"{len(events)} meeting{'s' if len(events) != 1 else ''} recorded"
            if events
            else "met (no event recorded)",
        ]
        for e in events[:8]:
            date = f.date_text(e) or "date unknown"
            src = f.sources(e)
            lines.append(
                f"• {f.event_label(e)}, {date}" + (f" — {short_list(src, 2)}" if src else "")
            )
        if len(events) > 8:
            lines.append(f"(+{len(events) - 8} more)")
        yrs = sorted({y for e in events for y in f.years(e)})
        G.add_edge(
            a,
            b,
            key=f"met|{a}|{b}",
            kind="met",
            label="",
            title=tooltip_lines(*lines),
            color="#8aa1b1",
            width=round(1 + math.log2(1 + len(events)), 2),
            yrs=yrs,
            ym="in",
        )
    return G
