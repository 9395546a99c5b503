"""Big graphs: which nodes a page draws when the graph is too big to draw whole (the most
connected first), and the list of the rest.
"""

from __future__ import annotations

from typing import Any

from kg.views.facts import Facts
from kg.views.graphs import country_neighbourhood
from kg.views.style import KIND_LABEL
from kg.views.titles import view_index

DRAW_LIMIT = 3000  # nodes a page draws at most (first paint ~1–1.5 s here; see README)


def _degree(f: Facts, n: str) -> int:
    ix = view_index(f)
    kind = f.kind.get(n)
    if kind == "official":
        return len(ix.events_of_official.get(n, ())) + len(ix.met_by.get(n, ()))
    if kind == "event":
        return len(f.links(n, "participant")) + len(f.links(n, "country"))
    return len(ix.officials_of_place.get(n, ())) + len(ix.events_of_place.get(n, ()))


def _most_connected(f: Facts, nodes, k: int) -> list[str]:
    return sorted(nodes, key=lambda n: (-_degree(f, n), n))[: max(k, 0)]


def _fill_with_events(f: Facts, chosen: list[str], events, limit: int) -> list[str]:
    """``chosen`` + the events with most participants among ``chosen``, up to ``limit``."""
    inside = set(chosen)
    ranked = sorted(
        events,
        key=lambda e: (-sum(o in inside for o in f.links(e, "participant")), -_degree(f, e), e),
    )
    return chosen + ranked[: max(limit - len(chosen), 0)]


def pick_network_nodes(f: Facts, limit: int = DRAW_LIMIT) -> set[str]:
    """Every node when they fit; else every country and organisation, the most connected
    officials (up to 45 % of ``limit``) and the events among them that involve most of
    those officials."""
    if len(f.kind) <= limit:
        return set(f.kind)
    places = f.of_kind("country") + f.of_kind("organization")
    chosen = places + _most_connected(
        f, f.of_kind("official"), int(limit * 0.45) - len(places) // 2
    )
    return set(_fill_with_events(f, chosen, f.of_kind("event"), limit))


def pick_country_nodes(f: Facts, c: str, limit: int = DRAW_LIMIT) -> tuple[set[str], set[str]]:
    """(nodes drawn, whole neighbourhood) of ``c``'s page: the whole neighbourhood when it
    fits; else its countries and organisations, ``c``'s most connected officials (up to
    45 % of ``limit``), then events involving most of them, then counterparts."""
    nodes = country_neighbourhood(f, c)
    if len(nodes) <= limit:
        return nodes, nodes
    ix = view_index(f)
    places = sorted(n for n in nodes if f.kind[n] in ("country", "organization"))
    own = set(ix.officials_of_place.get(c, []))
    chosen = places + _most_connected(f, own, int(limit * 0.45))
    events = [n for n in nodes if f.kind[n] == "event"]
    chosen = _fill_with_events(f, chosen, events, int(limit * 0.85))
    inside = set(chosen)
    others = {
        o
        for e in chosen
        if f.kind[e] == "event"
        for o in f.links(e, "participant")
        if o in nodes and o not in inside
    }
    chosen += _most_connected(f, others, limit - len(chosen))
    return set(chosen), nodes


def pick_officials(f: Facts, limit: int = DRAW_LIMIT) -> set[str] | None:
    """None (all) when they fit; else the ``limit`` officials who met most."""
    officials = f.of_kind("official")
    if len(officials) <= limit:
        return None
    return set(sorted(officials, key=lambda o: (-len(view_index(f).met_by.get(o, ())), o))[:limit])


def not_drawn(
    f: Facts, candidates, drawn: set[str], pages: dict[str, tuple[str, str]], prefix: str
) -> list[list]:
    """Search rows of the countries, organisations and officials of ``candidates`` not
    drawn: [name, other names, what it is, page of its country or "", that page's name]."""
    rows: list[list[Any]] = []  # name, other names (a list), what, page, page name
    for n in sorted(candidates):
        kind = f.kind.get(n)
        if n in drawn or kind not in ("country", "organization", "official"):
            continue
        if kind == "official":
            nats = f.nationalities(n)
            what = "official · " + (", ".join(f.name(c) for c in nats) or "country unknown")
            page = pages.get(nats[0]) if nats else None
        else:
            what, page = KIND_LABEL[kind], pages.get(n)
        rows.append(
            [
                f.name(n),
                f.other_names(n),
                what,
                prefix + page[0] if page else "",
                page[1] if page else "",
            ]
        )
    rows.sort(key=lambda r: (r[0].casefold(), r[2]))
    return rows


def drawn_note(drawn: int, total: int, what: str) -> str:
    """The note saying how much of a big graph a page draws."""
    always = "" if what == "officials" else " (countries and organisations always)"
    return (
        f"This graph has {total:,} {what}: the {drawn:,} most connected are drawn "
        f"here{always}. Find looks up every name; one not drawn points to its country's "
        f"page."
    )
