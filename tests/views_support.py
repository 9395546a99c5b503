"""Shared by the view tests (no tests here): a hostile graph, and what each view must show,
computed with SPARQL independently of kg.views."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, XSD

from kg.namespaces import BKG, BKGR, PREFIXES, SCHEMA, WD

# Each payload, if it ever ran, would set document.title / window.__xss or open a dialog.
PAYLOADS = {
    "img": "<img src=x onerror=\"document.title='XSS';window.__xss=1;alert(1)\">",
    "script": "</script><script>document.title='XSS';window.__xss=2;alert(2)</script>",
    "js": "javascript:alert(3)",
    "quotes": '"\'><svg onload="window.__xss=4;alert(4)">',
    "entity": "&lt;b&gt;not bold&lt;/b&gt; &amp; &#60;i&#62;",
    "template": "{{ 7*7 }} {% if true %}jinja{% endif %} ${alert(5)}",
    "comment": "<!-- --!> ]]> <![CDATA[ x ]]>",
    "lines": "ligne\u2028séparée\u2029paragraphe",
}
NAME_A = "Lê Thị " + PAYLOADS["img"]
NAME_A2 = "Le Thi " + PAYLOADS["quotes"]
NAME_B = "Abakirov " + PAYLOADS["script"]
NAME_C = "Plain Official"
COUNTRY_VN = "Viêt Nam " + PAYLOADS["img"]
COUNTRY_KG = "Kirghizistan " + PAYLOADS["script"]
COUNTRY_EVIL = "Evil " + PAYLOADS["quotes"]
ORG_UN = "Nations unies " + PAYLOADS["entity"]
ARTICLE_TITLE = "Titre " + PAYLOADS["img"] + " " + PAYLOADS["js"] + " " + PAYLOADS["comment"]

SPARQL_PREFIXES = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def hostile_graph() -> Graph:
    """A contract-shaped graph with hostile text in every literal a view may show."""
    g = Graph()
    for p, ns in PREFIXES.items():
        g.bind(p, ns)
    vn, kg_, evil = BKGR["country/VN"], BKGR["country/KG"], BKGR["country/..%2F..%2Fevil"]
    un = BKGR["organization/UN"]
    for c, name, iso, q in (
        (vn, COUNTRY_VN, "VN", "Q881"),
        (kg_, COUNTRY_KG, "KG", "Q813"),
        (evil, COUNTRY_EVIL, "../" + PAYLOADS["quotes"], "Q1"),
    ):
        g.add((c, RDF.type, BKG.Country))
        g.add((c, SCHEMA.name, Literal(name, lang="fr")))
        g.add((c, BKG.isoCode, Literal(iso)))
        g.add((c, OWL.sameAs, WD[q]))
    g.add((un, RDF.type, BKG.Organization))
    g.add((un, SCHEMA.name, Literal(ORG_UN)))
    g.add((un, BKG.code, Literal(PAYLOADS["js"])))

    art = BKGR["article/hostile"]
    g.add((art, RDF.type, BKG.Article))
    g.add((art, DCTERMS.title, Literal(ARTICLE_TITLE)))
    g.add((art, DCTERMS.identifier, Literal(PAYLOADS["quotes"])))
    g.add((art, BKG.sourceFile, Literal(PAYLOADS["comment"])))
    g.add((art, SCHEMA.url, Literal("javascript:alert(9)", datatype=XSD.anyURI)))
    g.add((art, SCHEMA.datePublished, Literal("2024-02-18", datatype=XSD.date)))

    a, b, c = BKGR["official/a"], BKGR["official/b"], BKGR["official/c"]
    for o, names, nat, roles in (
        (a, [NAME_A, NAME_A2], vn, [PAYLOADS["js"], PAYLOADS["script"]]),
        (b, [NAME_B], kg_, [PAYLOADS["template"]]),
        (c, [NAME_C], un, ["ambassadeur " + PAYLOADS["lines"]]),
    ):
        g.add((o, RDF.type, BKG.Official))
        for n in names:
            g.add((o, SCHEMA.name, Literal(n)))
        g.add((o, SCHEMA.nationality, nat))
        for r in roles:
            g.add((o, SCHEMA.jobTitle, Literal(r)))
        g.add((o, PROV.wasDerivedFrom, art))
    for x, y in ((a, b), (a, c)):
        g.add((x, BKG.met, y))
        g.add((y, BKG.met, x))

    def event(key, kind, people, places, start=None, end=None, **lits):
        e = BKGR[f"event/{key}"]
        g.add((e, RDF.type, BKG.Event))
        g.add((e, RDF.type, BKG[kind]))
        for p in people:
            g.add((e, BKG.participant, p))
        for p in places:
            g.add((e, BKG.country, p))
        if start is not None:
            g.add((e, SCHEMA.startDate, start))
        if end is not None:
            g.add((e, SCHEMA.endDate, end))
        for k, v in lits.items():
            prop = {"location": SCHEMA.location, "name": SCHEMA.name, "evidence": BKG.evidence}[k]
            for x in v if isinstance(v, list) else [v]:
                g.add((e, prop, Literal(x)))
        g.add((e, PROV.wasDerivedFrom, art))
        return e

    event(
        "talks",
        "Talks",
        [a, b],
        [vn, kg_],
        Literal("2024-02-17", datatype=XSD.date),
        location=PAYLOADS["img"],
        name=PAYLOADS["template"],
        evidence=[PAYLOADS["script"], PAYLOADS["lines"]],
    )
    event(
        "call",
        "PhoneCall",
        [a, c],
        [vn, un],
        Literal("--02-17", datatype=XSD.gMonthDay),
        evidence=[PAYLOADS["quotes"]],
    )
    event(
        "visit",
        "Visit",
        [b],
        [kg_],
        Literal("2023-05", datatype=XSD.gYearMonth),
        Literal("2023", datatype=XSD.gYear),
        evidence=[PAYLOADS["comment"]],
    )
    event(
        "odd", "OtherEvent", [c], [evil], Literal(PAYLOADS["entity"]), evidence=[PAYLOADS["entity"]]
    )

    def relation(key, kind, x, y, since=None, evidence=()):
        r = BKGR[f"relation/{key}"]
        g.add((r, RDF.type, BKG.BilateralRelation))
        g.add((r, BKG.party, x))
        g.add((r, BKG.party, y))
        g.add((r, BKG.relationKind, BKG[kind]))
        if since is not None:
            g.add((r, BKG.since, since))
        for s in evidence:
            g.add((r, BKG.evidence, Literal(s)))
        g.add((r, PROV.wasDerivedFrom, art))
        g.add((x, BKG.relatedTo, y))
        g.add((y, BKG.relatedTo, x))

    relation(
        "vn-kg",
        "StrategicPartnership",
        vn,
        kg_,
        Literal("1992", datatype=XSD.gYear),
        [PAYLOADS["img"]],
    )
    relation("vn-kg-2", "TraditionalFriendship", vn, kg_, None, [PAYLOADS["lines"]])
    relation("vn-un", "CooperationAgreement", vn, un, None, [PAYLOADS["entity"]])
    relation("vn-evil", "DiplomaticRelations", vn, evil, None, [PAYLOADS["template"]])
    return g


# ------------------------------------------------------------------------------------------
# What each view must show, from SPARQL (rdflib's engine), independently of kg.views
# ------------------------------------------------------------------------------------------


def _rows(g: Graph, query: str) -> list[tuple[str, ...]]:
    return [tuple(str(t) for t in row) for row in g.query(SPARQL_PREFIXES + query)]


def expected_network(g: Graph) -> tuple[set[str], Counter]:
    """Nodes (IRIs) and edges (Counter of (kind, frozenset{iri, iri})) of network.html."""
    nodes = {
        r[0]
        for r in _rows(
            g,
            """SELECT DISTINCT ?n WHERE {
        VALUES ?t { bkg:Country bkg:Organization bkg:Official bkg:Event } ?n a ?t }""",
        )
    }
    edges: Counter = Counter()
    for o, c in _rows(
        g,
        """SELECT DISTINCT ?o ?c WHERE { ?o a bkg:Official ;
            schema:nationality ?c . VALUES ?t { bkg:Country bkg:Organization } ?c a ?t }""",
    ):
        edges[("nationality", frozenset((o, c)))] += 1
    for e, o in _rows(
        g,
        """SELECT DISTINCT ?e ?o WHERE { ?e a bkg:Event ;
            bkg:participant ?o . ?o a bkg:Official }""",
    ):
        edges[("participant", frozenset((e, o)))] += 1
    for e, c in _rows(
        g,
        """SELECT DISTINCT ?e ?c WHERE { ?e a bkg:Event ; bkg:country ?c .
            VALUES ?t { bkg:Country bkg:Organization } ?c a ?t }""",
    ):
        edges[("country", frozenset((e, c)))] += 1
    for _r, x, y in _rows(
        g,
        """SELECT ?r (MIN(STR(?p)) AS ?x) (MAX(STR(?p)) AS ?y) WHERE {
            ?r a bkg:BilateralRelation ; bkg:party ?p .
            FILTER EXISTS { VALUES ?t { bkg:Country bkg:Organization } ?p a ?t }
        } GROUP BY ?r HAVING (COUNT(DISTINCT ?p) = 2)""",
    ):
        edges[("relation", frozenset((x, y)))] += 1
    return nodes, edges


def expected_countries(g: Graph) -> tuple[set[str], Counter]:
    """countries.html: countries and organisations; one edge per relation between two of
    them, one contact edge per pair that some event involves."""
    nodes = {
        r[0]
        for r in _rows(
            g,
            """SELECT DISTINCT ?c WHERE {
        VALUES ?t { bkg:Country bkg:Organization } ?c a ?t }""",
        )
    }
    edges: Counter = Counter()
    for _r, x, y in _rows(
        g,
        """SELECT ?r (MIN(STR(?p)) AS ?x) (MAX(STR(?p)) AS ?y) WHERE {
            ?r a bkg:BilateralRelation ; bkg:party ?p .
            FILTER EXISTS { VALUES ?t { bkg:Country bkg:Organization } ?p a ?t }
        } GROUP BY ?r HAVING (COUNT(DISTINCT ?p) = 2)""",
    ):
        edges[("relation", frozenset((x, y)))] += 1
    for x, y in _rows(
        g,
        """SELECT DISTINCT ?x ?y WHERE { ?e a bkg:Event ;
            bkg:country ?x, ?y . ?x a ?t . ?y a ?u .
            VALUES ?t { bkg:Country bkg:Organization } VALUES ?u { bkg:Country bkg:Organization }
            FILTER(STR(?x) < STR(?y)) }""",
    ):
        edges[("contact", frozenset((x, y)))] += 1
    return nodes, edges


def expected_officials(g: Graph) -> tuple[set[str], Counter]:
    nodes = {r[0] for r in _rows(g, "SELECT DISTINCT ?o WHERE { ?o a bkg:Official }")}
    edges: Counter = Counter()
    for a, b in _rows(
        g,
        """SELECT DISTINCT ?a ?b WHERE {
            { ?a bkg:met ?b } UNION { ?b bkg:met ?a }
            ?a a bkg:Official . ?b a bkg:Official . FILTER(STR(?a) < STR(?b)) }""",
    ):
        edges[("met", frozenset((a, b)))] += 1
    return nodes, edges


def _pairs(g: Graph, query: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for a, b in _rows(g, query):
        out.setdefault(a, set()).add(b)
    return out


def expected_country(g: Graph, country: str) -> tuple[set[str], Counter]:
    """country/{ISO}.html: the country; the other party of its relations; its officials and
    the officials they met; the events involving it or its officials, with their
    participants and countries; the countries of every official shown. Edges: those of
    network.html between these nodes."""
    cache = g.__dict__.setdefault("_expected_cache", {})
    if "maps" not in cache:
        places = "VALUES ?t { bkg:Country bkg:Organization } ?p a ?t"
        cache["maps"] = dict(
            partners=_pairs(
                g,
                f"""SELECT ?c ?p WHERE {{
                {{ SELECT ?r WHERE {{ ?r a bkg:BilateralRelation ; bkg:party ?p .
                    FILTER EXISTS {{ {places} }} }}
                  GROUP BY ?r HAVING (COUNT(DISTINCT ?p) = 2) }}
                ?r bkg:party ?c, ?p . {places} }}""",
            ),
            nationals=_pairs(
                g,
                f"""SELECT ?p ?o WHERE {{ ?o a bkg:Official ;
                schema:nationality ?p . {places} }}""",
            ),
            met=_pairs(
                g,
                """SELECT ?a ?b WHERE { { ?a bkg:met ?b } UNION { ?b bkg:met ?a }
                ?a a bkg:Official . ?b a bkg:Official . FILTER(?a != ?b) }""",
            ),
            events_of_place=_pairs(
                g,
                f"""SELECT ?p ?e WHERE {{ ?e a bkg:Event ;
                bkg:country ?p . {places} }}""",
            ),
            events_of_official=_pairs(
                g,
                """SELECT ?o ?e WHERE { ?e a bkg:Event ;
                bkg:participant ?o . ?o a bkg:Official }""",
            ),
            participants=_pairs(
                g,
                """SELECT ?e ?o WHERE { ?e a bkg:Event ;
                bkg:participant ?o . ?o a bkg:Official }""",
            ),
            places=_pairs(
                g,
                f"""SELECT ?e ?p WHERE {{ ?e a bkg:Event ; bkg:country ?p .
                {places} }}""",
            ),
            nationality=_pairs(
                g,
                f"""SELECT ?o ?p WHERE {{ ?o a bkg:Official ;
                schema:nationality ?p . {places} }}""",
            ),
        )
        cache["network"] = expected_network(g)
    m = cache["maps"]
    nodes = {country} | m["partners"].get(country, set())
    own = m["nationals"].get(country, set())
    officials = set(own)
    for o in own:
        officials |= m["met"].get(o, set())
    events = set(m["events_of_place"].get(country, set()))
    for o in own:
        events |= m["events_of_official"].get(o, set())
    for e in events:
        officials |= m["participants"].get(e, set())
        nodes |= m["places"].get(e, set())
    for o in officials:
        nodes |= m["nationality"].get(o, set())
    nodes |= officials | events
    _, all_edges = cache["network"]
    edges = Counter({k: n for k, n in all_edges.items() if k[1] <= nodes})
    return nodes, edges


def page_data(path: Path) -> dict:
    """The JSON a view page embeds (nodes, edges, options…)."""
    text = Path(path).read_text(encoding="utf-8")
    m = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', text, re.S)
    assert m, f"no data in {path}"
    return json.loads(m.group(1))


def page_graph(data: dict) -> tuple[set[str], Counter]:
    """(node IRIs, Counter of (kind, frozenset of IRIs)) of a page's data."""
    iri = {n["id"]: n["iri"] for n in data["nodes"]}
    edges = Counter((e["kind"], frozenset((iri[e["from"]], iri[e["to"]]))) for e in data["edges"])
    return set(iri.values()), edges


def iri_of_country(g: Graph, iso: str) -> str:
    return str(next(g.subjects(BKG.isoCode, Literal(iso))))


# ------------------------------------------------------------------------------------------
# In Chromium (tests/browser.py)
# ------------------------------------------------------------------------------------------

VIEW_COUNTS = """() => [network.body.data.nodes.length, network.body.data.edges.length]"""
PAGE_GRAPH = """() => {
  const iri = {};
  nodes.get().forEach(n => { iri[n.id] = n.iri; });
  return { nodes: nodes.get().map(n => n.iri),
           edges: edges.get().map(e => [e.kind, iri[e.from], iri[e.to]]) };
}"""
VISIBLE = """() => [nodes.get({filter: n => !n.hidden}).length,
                    edges.get({filter: e => !e.hidden}).length]"""
NO_EXECUTION = """() => ({
  xss: window.__xss === undefined ? null : window.__xss,
  title: document.title,
  foreign: document.querySelectorAll('img, svg, iframe, object, embed').length })"""


def expected_for(g, out: Path, page: Path):
    name = str(page.relative_to(out))
    if name == "network.html":
        return expected_network(g)
    if name == "countries.html":
        return expected_countries(g)
    if name == "officials.html":
        return expected_officials(g)
    data = page_data(page)
    focus = next(n["iri"] for n in data["nodes"] if n["id"] == data["focus"])
    return expected_country(g, focus)


def check_views_in_browser(browser, g, out: Path) -> None:
    """Every page opens clean; every view shows exactly what SPARQL finds; nothing from the
    data ran (no ``window.__xss``, no title change, no foreign element)."""
    pages = sorted(p for p in out.rglob("*.html") if p.name != "index.html")
    assert pages
    for page in pages:
        visit = browser.open(page)
        try:
            visit.assert_clean()
            nodes, edges = expected_for(g, out, page)
            assert visit.evaluate(VIEW_COUNTS) == [len(nodes), sum(edges.values())], page.name
            shown = visit.evaluate(PAGE_GRAPH)
            assert set(shown["nodes"]) == nodes and len(shown["nodes"]) == len(nodes)
            assert Counter((k, frozenset((a, b))) for k, a, b in shown["edges"]) == edges
            state = visit.evaluate(NO_EXECUTION)
            assert state["xss"] is None and state["foreign"] == 0, (page.name, state)
            assert state["title"] == visit.title_at_load and state["title"] != "XSS"
            assert isinstance(visit.evaluate("kgTiming.firstPaint"), (int, float))
        finally:
            visit.close()
    index = browser.open(out / "index.html", wait_ready=None)
    try:
        index.assert_clean()
        hrefs = index.evaluate("() => Array.from(document.links).map(a => a.href)")
        assert sorted(hrefs) == sorted(p.as_uri() for p in pages)
    finally:
        index.close()


def node_id(visit, name: str) -> str:
    return visit.evaluate("(name) => nodes.get({filter: n => n.name === name})[0].id", name)


def hover_node(visit, nid: str) -> str:
    """Move the mouse onto node ``nid`` and return the tooltip's text (it must be plain)."""
    x, y = visit.evaluate(
        """(id) => {
        const p = network.getPositions([id])[id];
        network.moveTo({position: p, scale: 1.5, animation: false});
        const d = network.canvasToDOM(p);
        const r = document.getElementById('mynetwork').getBoundingClientRect();
        return [r.left + d.x, r.top + d.y]; }""",
        nid,
    )
    page = visit.page
    page.mouse.move(x - 30, y - 30)
    page.mouse.move(x, y, steps=4)
    page.wait_for_function(
        """(id) => { const t = document.querySelector('div.vis-tooltip');
        return t && getComputedStyle(t).visibility === 'visible'
               && t.innerText.split('\\n')[0] === nodes.get(id).title.split('\\n')[0]; }""",
        arg=nid,
        timeout=10_000,
    )
    tip = visit.evaluate("""() => { const t = document.querySelector('div.vis-tooltip');
        return { text: t.innerText,
                 tags: Array.from(t.querySelectorAll('*')).map(e => e.tagName) }; }""")
    # plain text: vis-network sets innerText, whose only elements are the <br>s of newlines
    assert set(tip["tags"]) <= {"BR"}, tip["tags"]
    return tip["text"]


__all__ = [
    "PAYLOADS",
    "hostile_graph",
    "expected_network",
    "expected_countries",
    "expected_officials",
    "expected_country",
    "page_data",
    "page_graph",
    "check_views_in_browser",
    "hover_node",
    "node_id",
    "VISIBLE",
    "NO_EXECUTION",
]
