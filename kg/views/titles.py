"""Tooltips: the text shown on hovering a node or an edge (who, what, when, which articles),
cut to size; plain text, never markup.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from kg.kinds import kind_labels
from kg.views.dates import year_of
from kg.views.facts import Facts
from kg.views.style import (
    LIMIT_EVIDENCE,
    LIMIT_LINE,
    LIMIT_LIST,
    KIND_LABEL,
)


def cut_text(text: str, limit: int = LIMIT_LINE) -> str:
    """``text`` on one line, cut to ``limit`` characters (an ellipsis shows the cut)."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def short_list(items: list[str], limit: int = LIMIT_LIST, sep: str = "; ") -> str:
    """The first ``limit`` items joined, then how many more there are."""
    items = list(items)
    shown = sep.join(items[:limit])
    return shown + (f" (+{len(items) - limit} more)" if len(items) > limit else "")


def tooltip_lines(*lines) -> str:
    """A tooltip: the non-empty lines, each cut to size."""
    return "\n".join(cut_text(line) for line in lines if line)


@dataclass
class _Index:
    """Per-event and per-pair lookups shared by the views."""

    events_of_official: dict[str, list[str]]
    events_of_place: dict[str, list[str]]
    events_between_places: Counter
    events_of_pair: dict[tuple[str, str], list[str]]
    events_between_officials: dict[tuple[str, str], list[str]]
    officials_of_place: dict[str, list[str]]
    relations_of_place: dict[str, list[str]]
    met: set[tuple[str, str]]
    met_by: dict[str, list[str]]


def _build_index(f: Facts) -> _Index:
    eo, ep = defaultdict(list), defaultdict(list)
    bp: Counter = Counter()
    pe: dict[tuple[str, str], list[str]] = defaultdict(list)
    bo: dict[tuple[str, str], list[str]] = defaultdict(list)
    for e in f.of_kind("event"):
        offs = sorted({o for o in f.links(e, "participant") if f.kind.get(o) == "official"})
        places = sorted(
            {c for c in f.links(e, "country") if f.kind.get(c) in ("country", "organization")}
        )
        for o in offs:
            eo[o].append(e)
        for c in places:
            ep[c].append(e)
        for i, a in enumerate(places):
            for b in places[i + 1 :]:
                bp[(a, b)] += 1
                pe[(a, b)].append(e)
        for i, a in enumerate(offs):
            for b in offs[i + 1 :]:
                bo[(a, b)].append(e)
    op, rp, met, met_by = _people_index(f)
    return _Index(dict(eo), dict(ep), bp, dict(pe), dict(bo), op, rp, met, met_by)


def _people_index(
    f: Facts,
) -> tuple[dict[str, list[str]], dict[str, list[str]], set[tuple[str, str]], dict[str, list[str]]]:
    """(officials of each country, relations of each party, pairs of officials who met,
    whom each met) — the part of the index that does not come from the events."""
    op = defaultdict(list)
    for o in f.of_kind("official"):
        for c in f.nationalities(o):
            op[c].append(o)
    rp = defaultdict(list)
    for r in f.relations:
        pair = f.relation_parties(r)
        if pair:
            rp[pair[0]].append(r)
            rp[pair[1]].append(r)
    met = set()
    for a in f.of_kind("official"):
        for b in f.links(a, "met"):
            if b != a and f.kind.get(b) == "official":
                met.add((min(a, b), max(a, b)))
    met_by = defaultdict(list)
    for a, b in sorted(met):
        met_by[a].append(b)
        met_by[b].append(a)
    return dict(op), dict(rp), met, dict(met_by)


def _parties(f: Facts, r: str) -> tuple[str, str]:
    """The two parties of a relation the index lists (so it has them)."""
    parties = f.relation_parties(r)
    assert parties is not None
    return parties


def view_index(f: Facts) -> _Index:
    """The lookups of ``f`` (built once, kept on ``f``)."""
    if f.index is None:
        f.index = _build_index(f)
    assert isinstance(f.index, _Index)  # Facts.index holds only this
    return f.index


def node_title(f: Facts, s: str) -> str:
    """The tooltip of node ``s`` (memoised: a node shows on several pages)."""
    return f.memoised(("title", s), lambda: _make_node_title(f, s))


def _make_node_title(f: Facts, s: str) -> str:
    kind = f.kind[s]
    ix = view_index(f)
    name = f.name(s)
    if kind == "official":
        nats = [f.name(c) for c in f.nationalities(s)]
        counterparts = sorted(ix.met_by.get(s, []), key=lambda o: (f.name(o), o))
        return tooltip_lines(
            name,
            "official" + (f" · {', '.join(nats)}" if nats else " · country unknown"),
            "role: " + short_list(f.texts(s, "jobTitle")) if f.texts(s, "jobTitle") else "",
            "also written: " + short_list(f.other_names(s)) if f.other_names(s) else "",
            (
                f"met: {short_list([f.name(o) for o in counterparts], sep=', ')}"
                if counterparts
                else ""
            ),
            f"events: {len(ix.events_of_official.get(s, []))}",
            "source: " + short_list(sources) if (sources := f.sources(s)) else "",
        )
    if kind in ("country", "organization"):
        codes = (
            (f.texts(s, "iso") or f.texts(s, "code"))
            if kind == "country"
            else (f.texts(s, "code") or f.texts(s, "iso"))
        )
        code = codes[0] if codes else ""
        rels = []
        for r in ix.relations_of_place.get(s, []):
            a, b = _parties(f, r)
            other = b if a == s else a
            rels.append(f"{kind_labels('en')[f.relation_kind(r)]} with {f.name(other)}")
        return tooltip_lines(
            name + (f" ({code})" if code else ""),
            KIND_LABEL[kind] + f" · {len(ix.officials_of_place.get(s, []))} officials"
            f" · {len(ix.events_of_place.get(s, []))} events",
            "also named: " + short_list(f.other_names(s)) if f.other_names(s) else "",
            "relations: " + short_list(sorted(rels)) if rels else "",
        )
    # event
    parts = []
    for o in sorted(
        {o for o in f.links(s, "participant") if f.kind.get(o) == "official"},
        key=lambda o: (f.name(o), o),
    ):
        nats = [f.name(c) for c in f.nationalities(o)]
        parts.append(f.name(o) + (f" ({', '.join(nats)})" if nats else ""))
    places = sorted(
        f.name(c) for c in f.links(s, "country") if f.kind.get(c) in ("country", "organization")
    )
    evidence = f.texts(s, "evidence")
    date = f.date_text(s)
    raw = f.date_raw(s)
    return tooltip_lines(
        name,
        f.event_label(s)
        + " · "
        + (date if date else "date unknown")
        + (f" [xsd: {raw}]" if raw and raw != date else ""),
        "place: " + short_list(f.texts(s, "location")) if f.texts(s, "location") else "",
        "participants: " + short_list(parts) if parts else "",
        "countries: " + short_list(places, sep=", ") if places else "",
        *[f"evidence: “{cut_text(e, 280)}”" for e in evidence[:LIMIT_EVIDENCE]],
        f"(+{len(evidence) - LIMIT_EVIDENCE} more sentences)"
        if len(evidence) > LIMIT_EVIDENCE
        else "",
        "source: " + short_list(sources) if (sources := f.sources(s)) else "",
    )


def relation_title(f: Facts, r: str) -> str:
    """The tooltip of the edge of relation ``r`` (memoised: a relation shows on the pages
    of both its countries and on the network's, and a partnership may cite thousands of
    articles)."""
    return f.memoised(("relation title", r), lambda: _make_relation_title(f, r))


def _make_relation_title(f: Facts, r: str) -> str:
    a, b = _parties(f, r)
    since = f.texts(r, "since")
    evidence = f.texts(r, "evidence")
    return tooltip_lines(
        f"{f.name(a)} — {f.name(b)}",
        kind_labels("en")[f.relation_kind(r)] + (f" · since {since[0]}" if since else ""),
        f"events involving both: {view_index(f).events_between_places.get((a, b), 0)}",
        *[f"evidence: “{cut_text(e, 280)}”" for e in evidence[:LIMIT_EVIDENCE]],
        "source: " + short_list(sources) if (sources := f.sources(r)) else "",
    )


def relation_years(f: Facts, r: str) -> list[int]:
    """The year a relation dates from (a list for the pages' year filter)."""
    ys = [y for y in (year_of(v) for v in f.texts(r, "since")) if y is not None]
    return [min(ys)] if ys else []
