"""HTML network views of the graph: self-contained pages, laid out once, safe with any text.

A build calls :func:`write_views` after writing ``graph.ttl``. It writes, inside ``out`` only:

- ``network.html``   countries, officials, organisations and events;
- ``countries.html`` countries and organisations, one edge per bilateral relation (colour =
  kind, width = number of events involving both) and one dashed contact edge per pair that
  events involve;
- ``officials.html`` who met whom (``bkg:met``), officials coloured by country;
- ``country/{ISO}.html`` one country's neighbourhood;
- ``index.html``     links to every view, with counts.

How (networkx style: plain functions, one step each):

1. :func:`read_facts` reads what the views need from the RDF graph with three SPARQL queries
   (run by Oxigraph, ~15× faster than rdflib's engine, which is the fallback);
2. :func:`network_graph`, :func:`countries_graph`, :func:`officials_graph`,
   :func:`country_graph` build one ``networkx.MultiGraph`` per view (node and edge
   attributes: label, plain-text tooltip, kind, years, colour…);
3. :func:`clustered_layout` computes positions once (see its docstring for why not
   ``spring_layout``/``forceatlas2_layout`` on the whole graph);
4. :func:`render_view` fills a pyvis ``Network`` (nodes/edges/options) and renders it with
   the project's own template (``kg/templates/view.html.j2``): vis-network is inlined from
   pyvis's package, physics is off, there is no external URL, and a Content-Security-Policy
   forbids any request and any script but the page's own.

Legibility: vis-network draws shapes and edges only; the page's script (``view.js``) draws
the names, most important first, leaving out any that would overlap another or be cut by
the canvas edge, and fits the drawing with a margin. Edge details live in tooltips.

Size: a page draws at most :data:`DRAW_LIMIT` nodes (countries and organisations always,
then the most connected); the names of the others travel in the page for Find, which
points to their country's page (:func:`pick_network_nodes`, :func:`pick_country_nodes`).

Safety: no text from the graph ever reaches the page as markup. Headings, menus and the
index go through Jinja's autoescaping; node/edge data travel as JSON inside a
``<script type="application/json">`` with ``<``, ``>``, ``&``, U+2028/U+2029 escaped; the
page's script builds the legend, search list and filters with ``textContent``; tooltips are
plain strings, which vis-network 9 shows with ``innerText``.

Determinism: the same graph gives byte-identical files (everything sorted, fixed seeds,
coordinates rounded, no timestamps).
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import networkx as nx
import numpy as np
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup
from rdflib import BNode, Graph, Literal, URIRef

from kg.namespaces import BKG, PREFIXES
from kg.resources import resource

__all__ = [
    "write_views",
    "read_facts",
    "Facts",
    "network_graph",
    "countries_graph",
    "officials_graph",
    "country_graph",
    "country_neighbourhood",
    "clustered_layout",
    "render_view",
    "render_index",
    "json_for_html",
    "country_filename",
    "sparql_rows",
    "VIEW_FILES",
]

TEMPLATES = resource("templates")
VIEW_FILES = ("index.html", "network.html", "countries.html", "officials.html")

# ---------------------------------------------------------------------------------------
# Vocabulary → labels and styles
# ---------------------------------------------------------------------------------------

NODE_KINDS = ("country", "organization", "official", "event")
_KIND_OF_CLASS = {
    "Country": "country",
    "Organization": "organization",
    "Official": "official",
    "Event": "event",
}
KIND_LABEL = {
    "country": "country",
    "organization": "organisation",
    "official": "official",
    "event": "event",
}
KIND_STYLE = {  # colour, vis shape, size, label font size
    "country": ("#d1495b", "dot", 24, 20),
    "organization": ("#4f9d69", "square", 16, 16),
    "official": ("#2e86ab", "dot", 11, 14),
    "event": ("#e9a23b", "diamond", 7, 11),
}
EVENT_KINDS = (
    "Talks",
    "Reception",
    "PhoneCall",
    "VideoCall",
    "Visit",
    "Meeting",
    "Conference",
    "Signing",
    "Anniversary",
    "Establishment",
    "OtherEvent",
)
EVENT_KIND_LABEL = {
    "Talks": "talks",
    "Reception": "reception",
    "PhoneCall": "phone call",
    "VideoCall": "video call",
    "Visit": "visit",
    "Meeting": "meeting",
    "Conference": "conference",
    "Signing": "signing",
    "Anniversary": "anniversary",
    "Establishment": "establishment",
    "OtherEvent": "event",
}
RELATION_KINDS = (
    "ComprehensiveStrategicPartnership",
    "StrategicPartnership",
    "ComprehensivePartnership",
    "SpecialRelationship",
    "TraditionalFriendship",
    "DiplomaticRelations",
    "FreeTradeAgreement",
    "CooperationAgreement",
    "OtherRelation",
)
RELATION_LABEL = {
    "ComprehensiveStrategicPartnership": "comprehensive strategic partnership",
    "StrategicPartnership": "strategic partnership",
    "ComprehensivePartnership": "comprehensive partnership",
    "SpecialRelationship": "special relationship",
    "TraditionalFriendship": "traditional friendship",
    "DiplomaticRelations": "diplomatic relations",
    "FreeTradeAgreement": "free trade agreement",
    "CooperationAgreement": "cooperation agreement",
    "OtherRelation": "other relation",
}
RELATION_COLOR = {
    "ComprehensiveStrategicPartnership": "#8e0152",
    "StrategicPartnership": "#d6604d",
    "ComprehensivePartnership": "#f1a340",
    "SpecialRelationship": "#7b3294",
    "TraditionalFriendship": "#1b7837",
    "DiplomaticRelations": "#2166ac",
    "FreeTradeAgreement": "#35978f",
    "CooperationAgreement": "#80cdc1",
    "OtherRelation": "#878787",
}
LINK_STYLE = {  # network-view edges that are not relations: colour, label
    "nationality": ("#9fbfd6", "nationality"),
    "participant": ("#d9c08c", "participant"),
    "country": ("#e3a6ad", "involves"),
}
# 20 distinguishable colours for the officials view (countries by number of officials)
PALETTE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#393b79",
    "#637939",
    "#8c6d31",
    "#843c39",
    "#7b4173",
    "#3182bd",
    "#e6550d",
    "#31a354",
    "#756bb1",
    "#636363",
    "#ad494a",
)
OTHER_COLOR = "#b0b0b0"
UNKNOWN_COLOR = "#e0e0e0"

_LIMIT_LINE = 300  # characters of one tooltip line
_LIMIT_LABEL = 48  # characters of a node label drawn on the canvas
_LIMIT_LIST = 6  # items of a list in a tooltip (then "+N more")
_LIMIT_EVIDENCE = 2  # evidence sentences in a tooltip

# ---------------------------------------------------------------------------------------
# 1. Reading the graph
# ---------------------------------------------------------------------------------------

_SPARQL_PREFIXES = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(PREFIXES.items()))
Q_TYPES = (
    _SPARQL_PREFIXES
    + """
SELECT ?s ?t WHERE {
  VALUES ?t { bkg:Country bkg:Organization bkg:Official bkg:Event bkg:BilateralRelation
              bkg:Article bkg:Talks bkg:Reception bkg:PhoneCall bkg:VideoCall bkg:Visit
              bkg:Meeting bkg:Conference bkg:Signing bkg:Anniversary bkg:Establishment
              bkg:OtherEvent }
  ?s a ?t
}"""
)
Q_LITERALS = (
    _SPARQL_PREFIXES
    + """
SELECT ?s ?p ?o WHERE {
  VALUES ?p { schema:name schema:jobTitle bkg:isoCode bkg:code dcterms:title
              dcterms:identifier schema:startDate schema:endDate schema:location
              bkg:evidence bkg:since schema:datePublished }
  ?s ?p ?o
}"""
)
Q_LINKS = (
    _SPARQL_PREFIXES
    + """
SELECT ?s ?p ?o WHERE {
  VALUES ?p { schema:nationality bkg:participant bkg:country bkg:party bkg:relationKind
              prov:wasDerivedFrom bkg:met }
  ?s ?p ?o
}"""
)


def _clean(text: str) -> str:
    """Text safe to encode as UTF-8 (lone surrogates replaced), NULs dropped."""
    text = str(text).replace("\x00", "")
    return text.encode("utf-8", "replace").decode("utf-8")


def _local(iri: str, ns: str) -> str | None:
    return iri[len(ns) :] if iri.startswith(ns) else None


@dataclass
class Facts:
    """What the views know about the graph (all keys are IRIs as strings)."""

    kind: dict[str, str] = field(default_factory=dict)  # node → country|organization|…
    event_kind: dict[str, str] = field(default_factory=dict)  # event → "PhoneCall"…
    relations: list[str] = field(default_factory=list)  # bkg:BilateralRelation
    articles: list[str] = field(default_factory=list)  # bkg:Article
    lit: dict[str, dict[str, list]] = field(default_factory=dict)  # s → field → values
    link: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    index: object = field(default=None, repr=False, compare=False)  # lookups, built lazily
    memo: dict = field(default_factory=dict, repr=False, compare=False)  # names, titles…

    # -- plain accessors -------------------------------------------------------------
    def values(self, s: str, name: str) -> list:
        return self.lit.get(s, {}).get(name, [])

    def texts(self, s: str, name: str) -> list[str]:
        return sorted({v for v, _lang in self.values(s, name)})

    def links(self, s: str, name: str) -> list[str]:
        return self.link.get(s, {}).get(name, [])

    def of_kind(self, kind: str) -> list[str]:
        return sorted(k for k, v in self.kind.items() if v == kind)

    # -- derived ------------------------------------------------------------------------
    def name(self, s: str) -> str:
        """The name shown for ``s``: a French name for countries, diacritics preferred."""
        key = ("name", s)
        if key not in self.memo:
            self.memo[key] = self._name(s)
        return self.memo[key]

    def _name(self, s: str) -> str:
        names = self.values(s, "name")
        if names:

            def rank(item):
                value, lang = item
                lang_rank = 0 if lang == "fr" else 1 if not lang else 2
                accents = sum(1 for ch in value if ord(ch) > 127)
                return (lang_rank, -accents, len(value), value)

            return min(names, key=rank)[0]
        kind = self.kind.get(s)
        if kind == "event":
            date = self.date_text(s)
            return EVENT_KIND_LABEL.get(self.event_kind.get(s, ""), "event") + (
                f" {date}" if date else ""
            )
        if kind == "country" and self.texts(s, "iso"):
            return self.texts(s, "iso")[0]
        if kind == "organization" and self.texts(s, "code"):
            return self.texts(s, "code")[0]
        if s in self.lit and self.texts(s, "title"):
            return self.texts(s, "title")[0]
        return _iri_tail(s)

    def other_names(self, s: str) -> list[str]:
        main = self.name(s)
        return sorted({v for v, _ in self.values(s, "name")} - {main})

    def date_text(self, s: str) -> str:
        """The dates of ``s`` for people, in French ("25–29 sept. (année inconnue)")."""
        key = ("date", s)
        if key not in self.memo:
            self.memo[key] = self._date_text(s)
        return self.memo[key]

    def _date_text(self, s: str) -> str:
        start = self.texts(s, "start")
        end = self.texts(s, "end")
        return french_dates(start[0] if start else "", end[0] if end else "")

    def date_raw(self, s: str) -> str:
        """The xsd lexical forms of the dates of ``s`` ("--09-25 / --09-29")."""
        start = self.texts(s, "start")
        end = self.texts(s, "end")
        raw = [start[0]] if start else []
        if end and end[:1] != start[:1]:
            raw.append(end[0])
        return " / ".join(raw)

    def years(self, s: str) -> list[int]:
        """Years of an event (start..end); empty when the year is unknown (gMonthDay)."""
        key = ("years", s)
        if key not in self.memo:
            self.memo[key] = self._years(s)
        return self.memo[key]

    def _years(self, s: str) -> list[int]:
        ys = [y for y in (_year(v) for v in self.texts(s, "start")) if y is not None]
        ye = [y for y in (_year(v) for v in self.texts(s, "end")) if y is not None]
        if not ys:
            return sorted(set(ye))
        lo, hi = min(ys), max(ys + ye)
        if hi - lo > 50:  # an odd range: keep its ends only
            return sorted({lo, hi})
        return list(range(lo, hi + 1))

    def nationalities(self, s: str) -> list[str]:
        return sorted(
            c
            for c in self.links(s, "nationality")
            if self.kind.get(c) in ("country", "organization")
        )

    def sources(self, s: str) -> list[str]:
        titles = []
        for art in sorted(self.links(s, "source")):
            t = self.texts(art, "title")
            titles.append(t[0] if t else (self.texts(art, "identifier") or [_iri_tail(art)])[0])
        return sorted(set(titles))

    def relation_kind(self, r: str) -> str:
        kinds = [
            k
            for k in (_local(x, str(BKG)) for x in self.links(r, "relationKind"))
            if k in RELATION_LABEL
        ]
        return min(kinds, key=RELATION_KINDS.index) if kinds else "OtherRelation"

    def relation_parties(self, r: str, kinds=("country", "organization")) -> tuple[str, str] | None:
        parties = sorted({p for p in self.links(r, "party") if self.kind.get(p) in kinds})
        return (parties[0], parties[1]) if len(parties) == 2 else None


def _iri_tail(iri: str) -> str:
    from urllib.parse import unquote

    tail = re.split(r"[/#]", iri.rstrip("/#"))[-1] or iri
    return unquote(tail)


def _year(lexical: str) -> int | None:
    """The year of an xsd:date / gYearMonth / gYear lexical form; None for gMonthDay."""
    text = str(lexical).strip()
    if text.startswith("--"):
        return None
    m = re.match(r"^(\d{4})(?:$|[-TZ+])", text)
    return int(m.group(1)) if m else None


_MONTHS_FR = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)
_DATE_FORMS = (  # xsd:date (optional time zone), gYearMonth, gYear, gMonthDay, gMonth, gDay
    (r"(\d{4})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:\d{2})?", "ymd"),
    (r"(\d{4})-(\d{2})(?:Z|[+-]\d{2}:\d{2})?", "ym"),
    (r"(\d{4})(?:Z|[+-]\d{2}:\d{2})?", "y"),
    (r"--(\d{2})-(\d{2})(?:Z|[+-]\d{2}:\d{2})?", "md"),
    (r"--(\d{2})", "m"),
    (r"---(\d{2})", "d"),
)


def _date_parts(lexical: str) -> tuple[int | None, int | None, int | None] | None:
    """(year, month, day) of an xsd date-like lexical form, None for unknown parts; None when
    the text is not such a form."""
    text = str(lexical).strip()
    for pattern, fields in _DATE_FORMS:
        m = re.fullmatch(pattern, text)
        if m:
            got = dict(zip(fields, (int(g) for g in m.groups())))
            y, mo, d = got.get("y"), got.get("m"), got.get("d")
            if (mo is not None and not 1 <= mo <= 12) or (d is not None and not 1 <= d <= 31):
                return None
            return y, mo, d
    return None


def _day(d: int) -> str:
    return "1er" if d == 1 else str(d)


def _french_one(y, m, d, with_year: bool = True) -> str:
    parts = []
    if d is not None:
        parts.append(_day(d))
    if m is not None:
        parts.append(_MONTHS_FR[m - 1])
    if with_year and y is not None:
        parts.append(str(y))
    return " ".join(parts)


def french_dates(start: str, end: str = "") -> str:
    """A date or a span of dates as a French reader writes it; a missing year is said, never
    guessed: ``--09-25``..``--09-29`` → "25–29 sept. (année inconnue)", ``2024-09-30``..
    ``2024-10-02`` → "30 sept. – 2 oct. 2024"; text that is no xsd date comes back as is."""
    a = _date_parts(start) if start else None
    b = _date_parts(end) if end and end != start else None
    if start and a is None:
        return str(start) + (f" – {end}" if end and end != start else "")
    if a is None:
        if b is None:
            return str(end) if end else ""
        return ("jusqu’au " if b[2] is not None else "jusqu’en ") + french_dates(end)
    unknown = " (année inconnue)" if a[0] is None and (b is None or b[0] is None) else ""
    if b is None:
        text = _french_one(*a)
        return text + unknown if a[1] is not None else text
    (ya, ma, da), (yb, mb, db) = a, b
    if ya == yb and ma == mb and da is not None and db is not None:  # 25–29 sept. 2024
        text = f"{_day(da)}–{_french_one(yb, mb, db)}"
    elif ya == yb and ma is not None and mb is not None:  # 30 sept. – 2 oct.
        text = f"{_french_one(ya, ma, da, with_year=False)} – {_french_one(yb, mb, db)}"
    elif ya is not None and yb == ya and mb is None:  # mai 2023 – 2023
        text = _french_one(ya, ma, da)
    else:
        text = f"{_french_one(*a)} – {_french_one(*b)}"
    return text + unknown


def _term(t) -> tuple:
    """An RDF term from rdflib or pyoxigraph as ("I", iri) / ("B", id) / ("L", text, lang)."""
    if isinstance(t, Literal):
        return ("L", _clean(t), t.language or "")
    if isinstance(t, (URIRef, BNode)):
        return ("B", str(t)) if isinstance(t, BNode) else ("I", str(t))
    name = type(t).__name__  # pyoxigraph terms
    if name == "Literal":
        return ("L", _clean(t.value), t.language or "")
    if name == "BlankNode":
        return ("B", t.value)
    return ("I", t.value)


def sparql_rows(graph: Graph, queries: list[str]) -> list[list[tuple]]:
    """Run SELECT ``queries`` on ``graph``; rows of terms (see :func:`_term`).

    The graph is handed to Oxigraph (a declared dependency) when it can take it: its SPARQL
    is about 15× faster than rdflib's here (5,000-node graph: 0.5 s vs 7 s). rdflib's own
    engine answers otherwise (same results)."""
    store = None
    try:
        import pyoxigraph as ox

        data = graph.serialize(format="nt", encoding="utf-8")
        store = ox.Store()
        store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
    except Exception:  # an odd literal rdflib cannot write, or an old pyoxigraph: use rdflib
        store = None
    out = []
    for q in queries:
        if store is not None:
            result = store.query(q)
            names = [v.value for v in result.variables]
            out.append([tuple(_term(sol[n]) for n in names) for sol in result])
        else:
            out.append([tuple(_term(t) for t in row) for row in graph.query(q)])
    return out


def read_facts(graph: Graph) -> Facts:
    """Read nodes, literals and links from ``graph`` with three SPARQL queries."""
    f = Facts()
    bkg = str(BKG)
    types, literals, links = sparql_rows(graph, [Q_TYPES, Q_LITERALS, Q_LINKS])

    def key(term):
        return f"_:{term[1]}" if term[0] == "B" else term[1]

    classes: dict[str, set[str]] = defaultdict(set)
    for s, t in types:
        local = _local(t[1], bkg)
        if local and s[0] != "L":
            classes[key(s)].add(local)
    order = ("Country", "Organization", "Official", "Event")
    for s, cls in classes.items():
        for c in order:
            if c in cls:
                f.kind[s] = _KIND_OF_CLASS[c]
                break
        if f.kind.get(s) == "event":
            kinds = [k for k in EVENT_KINDS if k in cls]
            f.event_kind[s] = kinds[0] if kinds else "OtherEvent"
        if "BilateralRelation" in cls and s not in f.kind:
            f.relations.append(s)
        if "Article" in cls and s not in f.kind:
            f.articles.append(s)
    f.relations.sort()
    f.articles.sort()

    short = {
        "name": "name",
        "jobTitle": "jobTitle",
        "isoCode": "iso",
        "code": "code",
        "title": "title",
        "identifier": "identifier",
        "startDate": "start",
        "endDate": "end",
        "location": "location",
        "evidence": "evidence",
        "since": "since",
        "datePublished": "published",
    }
    lit: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for s, p, o in literals:
        if o[0] == "L":
            lit[key(s)][short[re.split(r"[/#]", p[1])[-1]]].add((o[1], o[2]))
    f.lit = {s: {n: sorted(v) for n, v in d.items()} for s, d in lit.items()}

    lshort = {
        "nationality": "nationality",
        "participant": "participant",
        "country": "country",
        "party": "party",
        "relationKind": "relationKind",
        "wasDerivedFrom": "source",
        "met": "met",
    }
    link: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for s, p, o in links:
        if o[0] != "L":
            link[key(s)][lshort[re.split(r"[/#]", p[1])[-1]]].add(key(o))
    f.link = {s: {n: sorted(v) for n, v in d.items()} for s, d in link.items()}
    return f


# ---------------------------------------------------------------------------------------
# 2. One networkx graph per view
# ---------------------------------------------------------------------------------------


def _cut(text: str, limit: int = _LIMIT_LINE) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _list(items: list[str], limit: int = _LIMIT_LIST, sep: str = "; ") -> str:
    items = list(items)
    shown = sep.join(items[:limit])
    return shown + (f" (+{len(items) - limit} more)" if len(items) > limit else "")


def _lines(*lines) -> str:
    return "\n".join(_cut(line) for line in lines if line)


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


def _index(f: Facts) -> _Index:
    if f.index is None:
        f.index = _build_index(f)
    return f.index


def _node_title(f: Facts, s: str) -> str:
    key = ("title", s)
    if key not in f.memo:
        f.memo[key] = _make_node_title(f, s)
    return f.memo[key]


def _make_node_title(f: Facts, s: str) -> str:
    kind = f.kind[s]
    ix = _index(f)
    name = f.name(s)
    if kind == "official":
        nats = [f.name(c) for c in f.nationalities(s)]
        counterparts = sorted(ix.met_by.get(s, []), key=lambda o: (f.name(o), o))
        return _lines(
            name,
            "official" + (f" · {', '.join(nats)}" if nats else " · country unknown"),
            "role: " + _list(f.texts(s, "jobTitle")) if f.texts(s, "jobTitle") else "",
            "also written: " + _list(f.other_names(s)) if f.other_names(s) else "",
            (f"met: {_list([f.name(o) for o in counterparts], sep=', ')}" if counterparts else ""),
            f"events: {len(ix.events_of_official.get(s, []))}",
            "source: " + _list(f.sources(s)) if f.sources(s) else "",
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
            a, b = f.relation_parties(r)
            other = b if a == s else a
            rels.append(f"{RELATION_LABEL[f.relation_kind(r)]} with {f.name(other)}")
        return _lines(
            name + (f" ({code})" if code else ""),
            KIND_LABEL[kind] + f" · {len(ix.officials_of_place.get(s, []))} officials"
            f" · {len(ix.events_of_place.get(s, []))} events",
            "also named: " + _list(f.other_names(s)) if f.other_names(s) else "",
            "relations: " + _list(sorted(rels)) if rels else "",
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
    return _lines(
        name,
        EVENT_KIND_LABEL.get(f.event_kind.get(s, ""), "event")
        + " · "
        + (date if date else "date unknown")
        + (f" [xsd: {raw}]" if raw and raw != date else ""),
        "place: " + _list(f.texts(s, "location")) if f.texts(s, "location") else "",
        "participants: " + _list(parts) if parts else "",
        "countries: " + _list(places, sep=", ") if places else "",
        *[f"evidence: “{_cut(e, 280)}”" for e in evidence[:_LIMIT_EVIDENCE]],
        f"(+{len(evidence) - _LIMIT_EVIDENCE} more sentences)"
        if len(evidence) > _LIMIT_EVIDENCE
        else "",
        "source: " + _list(f.sources(s)) if f.sources(s) else "",
    )


def _relation_title(f: Facts, r: str) -> str:
    a, b = f.relation_parties(r)
    since = f.texts(r, "since")
    evidence = f.texts(r, "evidence")
    return _lines(
        f"{f.name(a)} — {f.name(b)}",
        RELATION_LABEL[f.relation_kind(r)] + (f" · since {since[0]}" if since else ""),
        f"events involving both: {_index(f).events_between_places.get((a, b), 0)}",
        *[f"evidence: “{_cut(e, 280)}”" for e in evidence[:_LIMIT_EVIDENCE]],
        "source: " + _list(f.sources(r)) if f.sources(r) else "",
    )


def _relation_years(f: Facts, r: str) -> list[int]:
    ys = [y for y in (_year(v) for v in f.texts(r, "since")) if y is not None]
    return [min(ys)] if ys else []


def _add_node(
    G: nx.MultiGraph, f: Facts, s: str, *, group=None, anchor=False, color=None, title=None
) -> None:
    kind = f.kind[s]
    base_color, shape, size, font = KIND_STYLE[kind]
    name = f.name(s)
    attrs = dict(
        kind=kind,
        label=_cut(name, _LIMIT_LABEL),
        name=name,
        alt=f.other_names(s),
        title=title if title is not None else _node_title(f, s),
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
    edges = []
    for u, v, kind, _ in out:
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
        edges.append(
            (
                u,
                v,
                f"{kind}|{v}",
                dict(
                    kind=kind, label=label, title=_cut(title), color=color, width=1, yrs=yrs, ym=ym
                ),
            )
        )
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
                        label=RELATION_LABEL[k],
                        title=_relation_title(f, r),
                        color=RELATION_COLOR[k],
                        width=3,
                        yrs=_relation_years(f, r),
                        ym="since",
                        nth=pairs[pair],
                    ),
                )
            )
            pairs[pair] += 1  # parallel relations are drawn as curves
    return edges


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
    ix = _index(f)
    nodes = {c}
    for r in ix.relations_of_place.get(c, []):
        nodes.update(f.relation_parties(r))
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
        G.add_edges_from(
            (u, v, k, d)
            for u, v, k, d in network.edges(keys=True, data=True)
            if u in nodes and v in nodes
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
    kinds = Counter(EVENT_KIND_LABEL.get(f.event_kind.get(e, ""), "event") for e in events)
    years = sorted({y for e in events for y in f.years(e)})
    latest = sorted(events, key=lambda e: ((f.texts(e, "start")[:1] or [""])[0], e), reverse=True)[
        :_LIMIT_LIST
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
    lines += [
        f"• {EVENT_KIND_LABEL.get(f.event_kind.get(e, ''), 'event')}, "
        f"{f.date_text(e) or 'date unknown'}"
        for e in latest
    ]
    if len(events) > len(latest):
        lines.append(f"(+{len(events) - len(latest)} more)")
    return _lines(*lines)


def countries_graph(f: Facts) -> nx.MultiGraph:
    """Countries and organisations; one edge per relation between two of them (colour = kind,
    width = number of events involving both) and one dashed *contact* edge per pair that
    events involve (officials met, called, visited), its tooltip giving counts and dates."""
    ix = _index(f)
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
            label=RELATION_LABEL[k],
            rk=k,
            title=_relation_title(f, r),
            color=RELATION_COLOR[k],
            width=round(1.5 + 2.0 * math.log2(1 + n_events), 2),
            events=n_events,
            yrs=_relation_years(f, r),
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
    count = Counter()
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
    ix = _index(f)
    officials = f.of_kind("official")
    colors, legend = _country_colors(f, officials)
    G = nx.MultiGraph(view="officials", legend_countries=legend)
    for o in officials if drawn is None else sorted(drawn):
        group = _layout_group(f, o)
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
                f"• {EVENT_KIND_LABEL.get(f.event_kind.get(e, ''), 'event')}, {date}"
                + (f" — {_list(src, 2)}" if src else "")
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
            title=_lines(*lines),
            color="#8aa1b1",
            width=round(1 + math.log2(1 + len(events)), 2),
            yrs=yrs,
            ym="in",
        )
    return G


# ---------------------------------------------------------------------------------------
# 2b. Big graphs: what a page draws when the graph is too big to draw whole
# ---------------------------------------------------------------------------------------

DRAW_LIMIT = 3000  # nodes a page draws at most (first paint ~1–1.5 s here; see README)


def _degree(f: Facts, n: str) -> int:
    ix = _index(f)
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
    ix = _index(f)
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
    return set(sorted(officials, key=lambda o: (-len(_index(f).met_by.get(o, ())), o))[:limit])


def _not_drawn(
    f: Facts, candidates, drawn: set[str], pages: dict[str, tuple[str, str]], prefix: str
) -> list[list]:
    """Search rows of the countries, organisations and officials of ``candidates`` not
    drawn: [name, other names, what it is, page of its country or "", that page's name]."""
    rows = []
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


def _drawn_note(drawn: int, total: int, what: str) -> str:
    always = "" if what == "officials" else " (countries and organisations always)"
    return (
        f"This graph has {total:,} {what}: the {drawn:,} most connected are drawn "
        f"here{always}. Find looks up every name; one not drawn points to its country's "
        f"page."
    )


# ---------------------------------------------------------------------------------------
# 3. Layout
# ---------------------------------------------------------------------------------------


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


def _join_groups(nodes: list, order: dict, group: dict, neigh: dict) -> list:
    """Step 1 of :func:`clustered_layout`: a floating node whose neighbours are all of one
    group joins it (``group`` updated); returns the nodes left floating, in order."""
    floating: list = []
    for n in sorted(nodes, key=order.get):
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


def _place_floating(
    pos: dict, floating: list, neigh: dict, order: dict, float_cell: tuple[float, float]
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
        cx, cy = np.mean([pos[m] for m in key], axis=0)
        centre = (round(float(cx) / fx), round(float(cy) / fy))
        i = resume.get(centre, 0)
        for n in sorted(bundles[key], key=order.get):
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
    neigh = {n: sorted(set(G.neighbors(n)) - {n}, key=order.get) for n in nodes}

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


# ---------------------------------------------------------------------------------------
# 4. Rendering
# ---------------------------------------------------------------------------------------

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
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group(0)], text)


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
def _vis_assets() -> tuple[str, str]:
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
def _page_assets() -> tuple[str, str]:
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


def _legend(G: nx.MultiGraph) -> dict:
    view = G.graph.get("view")
    kinds_present = sorted({d["kind"] for _, d in G.nodes(data=True)}, key=NODE_KINDS.index)
    nodes, edges, notes = [], [], []
    if view == "officials":
        for text, color in G.graph.get("legend_countries", []):
            nodes.append(dict(label=text, color=color, shape="dot"))
        edges.append(dict(label="met (width: number of meetings)", color="#8aa1b1"))
        notes.append("Hover an edge to list the meetings.")
    else:
        for k in kinds_present:
            color, shape, _, _ = KIND_STYLE[k]
            nodes.append(dict(label=KIND_LABEL[k], color=color, shape=shape))
        present = {d.get("rk") or "" for *_, d in G.edges(data=True)}
        if view != "countries":
            link_kinds = sorted({d["kind"] for *_, d in G.edges(data=True)} - {"relation"})
            for k in link_kinds:
                edges.append(dict(label=LINK_STYLE[k][1], color=LINK_STYLE[k][0]))
            rel_colors = sorted(
                {d["color"] for *_, d in G.edges(data=True) if d["kind"] == "relation"}
            )
            for k in RELATION_KINDS:
                if RELATION_COLOR[k] in rel_colors:
                    edges.append(dict(label=RELATION_LABEL[k], color=RELATION_COLOR[k], width=3))
        else:
            for k in RELATION_KINDS:
                if k in present:
                    edges.append(dict(label=RELATION_LABEL[k], color=RELATION_COLOR[k], width=3))
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


def _importance(G: nx.MultiGraph) -> tuple[dict, int]:
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


def _vis_data(G: nx.MultiGraph, pos: dict, ids: dict[str, str]):
    nodes = []
    focus = G.graph.get("focus")
    rank, G.graph["always"] = _importance(G)
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
    raw = []
    for u, v, key, d in G.edges(keys=True, data=True):
        a, b = sorted((ids[u], ids[v]), key=_id_order)
        raw.append((d["kind"], _id_order(a), _id_order(b), key, a, b, d))
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
    vis_nodes, vis_edges = _vis_data(G, pos, ids)
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
        "legend": _legend(G),
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
    vis_js, vis_css = _vis_assets()
    page_js, page_css = _page_assets()
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


def country_filename(f: Facts, c: str, taken: set[str]) -> str:
    """``VN.html`` from ``bkg:isoCode``; a safe fallback for anything odd; never a clash."""
    isos = [i for i in f.texts(c, "iso") if re.fullmatch(r"[A-Z]{2,3}", i)]
    base = isos[0] if isos else re.sub(r"[^A-Za-z0-9_-]+", "-", _iri_tail(c)).strip("-")[:40]
    base = base or "country"
    name, i = base, 2
    while name.lower() in taken:
        name, i = f"{base}-{i}", i + 1
    taken.add(name.lower())
    return f"{name}.html"


def render_index(f: Facts, views: list[dict], countries: list[dict]) -> str:
    ix = _index(f)
    totals = [
        ("countries", len(f.of_kind("country"))),
        ("organisations", len(f.of_kind("organization"))),
        ("officials", len(f.of_kind("official"))),
        ("events", len(f.of_kind("event"))),
        ("bilateral relations", len(f.relations)),
        ("pairs of officials who met", len(ix.met)),
        ("articles", len(f.articles)),
    ]
    _page_js, page_css = _page_assets()
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


def write_views(graph: Graph, out: Path, draw_limit: int = DRAW_LIMIT) -> list[Path]:
    """Write every view of ``graph`` into ``out`` (and nowhere else); return the paths.

    A page draws at most ``draw_limit`` nodes (see :func:`pick_network_nodes`); the countries
    view always draws every country and organisation."""
    out = Path(out)
    f = read_facts(graph)
    ix = _index(f)
    ids = {n: f"n{i}" for i, n in enumerate(sorted(f.kind))}
    pages: dict[str, str] = {}
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
        G.graph["notes"] = [_drawn_note(len(drawn), len(f.kind), "nodes")]
    pages["network.html"] = render_view(
        G,
        clustered_layout(G),
        title="Network",
        ids=ids,
        current="network.html",
        subtitle="Countries, organisations, officials and events, and how they connect.",
        more=None if whole else _not_drawn(f, f.kind, drawn, country_page, ""),
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
        clustered_layout(C, cell=(150.0, 60.0), gap=160.0),
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
        O.graph["notes"] = [_drawn_note(len(drawn_o), n_off, "officials")]
    pages["officials.html"] = render_view(
        O,
        clustered_layout(O),
        title="Officials",
        ids=ids,
        current="officials.html",
        subtitle="Who met whom: officials coloured by country, an edge per pair that met.",
        more=None
        if drawn_o is None
        else _not_drawn(f, f.of_kind("official"), drawn_o, country_page, ""),
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
            H.graph["notes"] = [_drawn_note(len(nodes), len(hood), "nodes around it")]
            more = _not_drawn(f, hood, nodes, country_page, "../")
        pages[href] = render_view(
            H,
            clustered_layout(H),
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

    out.mkdir(parents=True, exist_ok=True)
    written = []
    country_dir = out / "country"
    if countries:
        country_dir.mkdir(exist_ok=True)
    for name in ["index.html", "network.html", "countries.html", "officials.html"] + sorted(
        k for k in pages if k.startswith("country/")
    ):
        path = out / name
        path.write_text(pages[name], encoding="utf-8", newline="\n")
        written.append(path)
    # pages of countries no longer in the graph would be stale: remove them (ours only)
    if country_dir.is_dir():
        keep = {p.name for p in written if p.parent == country_dir}
        for old in sorted(country_dir.glob("*.html")):
            if old.name not in keep and old.is_file():
                old.unlink()
    return written
