"""kg.views without a browser: what the pages contain, escaping, determinism, layout, and
that nothing is written outside the output folder. (Chromium tests: test_views_browser.py.)"""

from __future__ import annotations

import html

from markupsafe import escape as html_escape
import json
import os
import re
from pathlib import Path

import networkx as nx
import pytest
from rdflib import RDF, Graph

from kg import views
from kg.namespaces import SCHEMA
from synthetic import synthetic_graph
from views_support import (
    ARTICLE_TITLE,
    COUNTRY_VN,
    NAME_A,
    NAME_B,
    PAYLOADS,
    expected_countries,
    expected_country,
    expected_network,
    expected_officials,
    hostile_graph,
    iri_of_country,
    page_data,
    page_graph,
)

TOP = ["index.html", "network.html", "countries.html", "officials.html"]


def files_under(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


@pytest.fixture(scope="module")
def synthetic_out(tmp_path_factory) -> tuple[Graph, Path]:
    g = synthetic_graph(60, seed=3)
    out = tmp_path_factory.mktemp("syn") / "out"
    views.write_views(g, out)
    return g, out


@pytest.fixture(scope="module")
def hostile_out(tmp_path_factory) -> tuple[Graph, Path]:
    g = hostile_graph()
    out = tmp_path_factory.mktemp("hostile") / "out"
    views.write_views(g, out)
    return g, out


# -- what is written -----------------------------------------------------------------------


def test_writes_every_view_and_returns_the_paths(synthetic_out):
    g, out = synthetic_out
    isos = sorted(
        str(iso)
        for c in g.subjects(RDF.type, views.BKG.Country)
        for iso in g.objects(c, views.BKG.isoCode)
    )
    expected = TOP + [f"country/{iso}.html" for iso in isos]
    assert sorted(files_under(out) - {"country"}) == sorted(expected)


def test_returned_paths_are_the_files_written(tmp_path):
    paths = views.write_views(synthetic_graph(12, seed=1), tmp_path / "o")
    assert [p.name for p in paths[:4]] == TOP
    written = {str(p.relative_to(tmp_path / "o")) for p in paths}
    assert written == files_under(tmp_path / "o") - {"country"}
    assert all(p.is_file() for p in paths)


def test_nothing_is_written_outside_out(tmp_path, monkeypatch):
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)  # pyvis likes to create lib/ in the working directory
    out = tmp_path / "deep" / "out"
    views.write_views(hostile_graph(), out)
    views.write_views(synthetic_graph(20, seed=2), out)
    assert files_under(cwd) == set()
    in_out = {"out"} | {f"out/{q}" for q in files_under(out)}
    assert files_under(tmp_path) == {"cwd", "deep"} | {f"deep/{p}" for p in in_out}


def test_same_graph_gives_byte_identical_files(tmp_path):
    g = synthetic_graph(40, seed=5)
    a, b = tmp_path / "a", tmp_path / "b"
    views.write_views(g, a)
    # the same triples in another order, in a fresh Graph
    g2 = Graph()
    for t in sorted(g, key=lambda t: tuple(reversed([str(x) for x in t]))):
        g2.add(t)
    views.write_views(g2, b)
    assert files_under(a) == files_under(b)
    for name in sorted(files_under(a)):
        if (a / name).is_file():
            assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_stale_country_pages_are_removed(tmp_path):
    out = tmp_path / "o"
    views.write_views(synthetic_graph(40, seed=1), out)
    assert (out / "country" / "HU.html").exists() is False
    (out / "country" / "ZZ.html").write_text("old")
    views.write_views(synthetic_graph(8, seed=1), out)
    assert not (out / "country" / "ZZ.html").exists()


def test_empty_graph_gives_pages_without_error(tmp_path):
    paths = views.write_views(Graph(), tmp_path / "o")
    assert [p.name for p in paths] == TOP
    data = page_data(tmp_path / "o" / "network.html")
    assert data["nodes"] == [] and data["edges"] == [] and data["years"] is None


# -- counts against SPARQL -----------------------------------------------------------------


@pytest.mark.parametrize("fixture", ["synthetic_out", "hostile_out"])
def test_views_show_what_sparql_finds(fixture, request):
    g, out = request.getfixturevalue(fixture)
    assert page_graph(page_data(out / "network.html")) == expected_network(g)
    assert page_graph(page_data(out / "countries.html")) == expected_countries(g)
    assert page_graph(page_data(out / "officials.html")) == expected_officials(g)
    for page in sorted((out / "country").glob("*.html")):
        data = page_data(page)
        iri = next(n["iri"] for n in data["nodes"] if n["id"] == data["focus"])
        assert page_graph(data) == expected_country(g, iri), page.name


def test_index_gives_counts_and_links_every_view(synthetic_out):
    g, out = synthetic_out
    text = (out / "index.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'href="([^"]+)"', text)
    assert set(hrefs) == {p for p in files_under(out) if p.endswith(".html") and p != "index.html"}
    nodes, edges = expected_network(g)
    assert f"<td>{len(nodes)}</td><td>{sum(edges.values())}</td>" in text
    n_officials = len(set(g.subjects(RDF.type, views.BKG.Official)))
    assert f"<strong>{n_officials}</strong> officials" in text


# -- safety --------------------------------------------------------------------------------


def test_json_for_html_cannot_close_a_script_or_break_js():
    text = views.json_for_html({"a": "</script><script>x</script>", "b": "\u2028\u2029&<>"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == {"a": "</script><script>x</script>", "b": "\u2028\u2029&<>"}


DATA_BLOCK = re.compile(r'<script id="kg-data" type="application/json">(.*?)</script>', re.S)


def test_no_payload_reaches_any_page_as_markup(hostile_out):
    _, out = hostile_out
    vis_js, _ = views.vis_assets()
    page_js, _ = views.page_assets()
    raw = [p for p in PAYLOADS.values() if re.search(r"[<>&\"']", p)]
    for path in sorted(out.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        # 1. the data block cannot close its script: no < > & at all
        for block in DATA_BLOCK.findall(text):
            assert not re.search(r"[<>&\u2028\u2029]", block), path.name
        # 2. every other script is one of our static assets, byte for byte
        rest = DATA_BLOCK.sub("", text)
        for script in re.findall(r"<script>(.*?)</script>", rest, re.S):
            assert script in (vis_js, page_js), path.name
        # 3. the markup outside scripts and styles holds data only as escaped text
        markup = re.sub(r"<(script|style)\b.*?</\1>", "", rest, flags=re.S)
        for payload in raw:
            assert payload not in markup, (path.name, payload)
        assert not re.search(r"<(img|svg|iframe|object|embed)\b", markup, re.I), path.name
        for tag in re.findall(r"<[^>]*>", markup):
            assert not re.search(r"\son\w+\s*=|javascript:", tag, re.I), (path.name, tag)


def test_text_shows_literally_in_headings_menus_and_index(hostile_out):
    g, out = hostile_out
    index = (out / "index.html").read_text(encoding="utf-8")
    assert str(html_escape(COUNTRY_VN)) in index
    page = next(
        p
        for p in (out / "country").glob("*.html")
        if page_data(p)["focus"]
        and iri_of_country(g, "VN")
        in {n["iri"] for n in page_data(p)["nodes"] if n["id"] == page_data(p)["focus"]}
    )
    text = page.read_text(encoding="utf-8")
    assert f"<h1>{html_escape(COUNTRY_VN)}</h1>" in text
    assert f"<title>{html_escape(COUNTRY_VN)} · bilateral-kg</title>" in text


def test_tooltips_are_plain_text_with_what_the_graph_knows(hostile_out):
    _, out = hostile_out
    data = page_data(out / "network.html")
    by_name = {n["name"]: n for n in data["nodes"]}
    a = by_name[NAME_A]
    assert a["title"].startswith(NAME_A)
    assert PAYLOADS["js"] in a["title"] and ARTICLE_TITLE[:40] in a["title"]  # role, source
    assert "also written: Le Thi" in a["title"]
    talks = by_name[PAYLOADS["template"]]
    assert "talks · 17 févr. 2024 [xsd: 2024-02-17]" in talks["title"]
    assert f"place: {PAYLOADS['img']}" in talks["title"]
    assert "evidence: “" + PAYLOADS["script"] in talks["title"]
    rel = [e for e in data["edges"] if e["kind"] == "relation" and "since 1992" in e["title"]]
    assert len(rel) == 1 and "strategic partnership" in rel[0]["title"]
    assert PAYLOADS["img"] in rel[0]["title"]
    officials = page_data(out / "officials.html")
    met = [e for e in officials["edges"] if NAME_B in e["title"]]
    assert len(met) == 1 and "• talks, 17 févr. 2024 — Titre" in met[0]["title"]


def test_country_file_names_are_safe(hostile_out):
    _, out = hostile_out
    names = sorted(p.name for p in (out / "country").iterdir())
    assert names == ["KG.html", "VN.html", "evil.html"]


def test_pages_reference_nothing_external(synthetic_out, hostile_out):
    for _, out in (synthetic_out, hostile_out):
        for path in sorted(out.rglob("*.html")):
            text = path.read_text(encoding="utf-8")
            outside = re.sub(
                r'<script id="kg-data" type="application/json">.*?</script>', "", text, flags=re.S
            )
            assert not re.search(
                r'(?:src|href|action)\s*=\s*["\']?\s*(?:https?:)?//', outside, re.I
            )
            assert not re.search(r"@import|url\(\s*['\"]?(?:https?:)?//", outside, re.I)
            assert "bootstrap" not in outside.lower()
            assert (
                'http-equiv="Content-Security-Policy" content="default-src \'none\';'
                in html.unescape(text)
            )


# -- years and dates ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "lexical, year",
    [
        ("2024-02-17", 2024),
        ("2024-02", 2024),
        ("2024", 2024),
        ("--02-17", None),
        ("2024-02-17Z", 2024),
        ("<b>", None),
        ("", None),
    ],
)
def test_year_of_each_date_form(lexical, year):
    assert views.year_of(lexical) == year


@pytest.mark.parametrize(
    "start, end, text",
    [
        ("--09-25", "--09-29", "25–29 sept. (année inconnue)"),
        ("--02-17", "", "17 févr. (année inconnue)"),
        ("2024-09-25", "2024-09-29", "25–29 sept. 2024"),
        ("2024-09-30", "2024-10-02", "30 sept. – 2 oct. 2024"),
        ("2023-12-30", "2024-01-02", "30 déc. 2023 – 2 janv. 2024"),
        ("2024-02-01", "", "1er févr. 2024"),
        ("2024-08", "", "août 2024"),
        ("2024", "", "2024"),
        ("2023-05", "2023", "mai 2023"),
        ("2024-09-25Z", "", "25 sept. 2024"),
        ("", "2024-05", "jusqu’en mai 2024"),
        ("", "", ""),
        ("<b>", "", "<b>"),
        ("--13-40", "", "--13-40"),
    ],
)
def test_dates_are_written_in_french_and_never_invent_a_year(start, end, text):
    assert views.french_dates(start, end) == text


def test_year_data_of_events(hostile_out):
    _, out = hostile_out
    data = page_data(out / "network.html")
    years = {n["name"]: n.get("yrs") for n in data["nodes"] if n["kind"] == "event"}
    assert years[PAYLOADS["template"]] == [2024]
    assert years["phone call 17 févr. (année inconnue)"] == []  # gMonthDay: unknown year
    assert years["visit mai 2023"] == [2023]
    call = next(n for n in data["nodes"] if n["name"].startswith("phone call"))
    assert "phone call · 17 févr. (année inconnue) [xsd: --02-17]" in call["title"]
    assert data["undated"] is True and data["years"] == [1992, 2024]


# -- reading and layout --------------------------------------------------------------------


def test_oxigraph_and_rdflib_read_the_same_facts(monkeypatch):
    g = hostile_graph()
    for t in synthetic_graph(10, seed=4):
        g.add(t)
    fast = views.read_facts(g)
    import builtins

    real_import = builtins.__import__

    def no_oxigraph(name, *args, **kwargs):
        if name == "pyoxigraph":
            raise ImportError("hidden for the test")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_oxigraph)
    slow = views.read_facts(g)
    for field in ("kind", "event_kind", "relations", "articles", "lit", "link"):
        assert getattr(fast, field) == getattr(slow, field), field


def test_layout_places_every_node_deterministically():
    g = synthetic_graph(300, seed=9)
    f = views.read_facts(g)
    G = views.network_graph(f)
    p1 = views.clustered_layout(G)
    p2 = views.clustered_layout(views.network_graph(views.read_facts(g)))
    assert p1 == p2
    assert set(p1) == set(G.nodes)
    assert all(isinstance(x, float) and isinstance(y, float) for x, y in p1.values())
    assert len(set(p1.values())) == len(p1)  # no two nodes on the same spot


def test_the_layouts_mean_is_numpys_to_the_last_bit():
    import random

    import numpy as np

    from kg.views.layout import _mean

    rnd = random.Random(5)
    for _ in range(5000):
        pts = [
            (np.float64(rnd.uniform(-5e3, 5e3)), np.float64(rnd.uniform(-3e3, 3e3)))
            for _ in range(rnd.randint(1, 40))
        ]
        want = np.mean(pts, axis=0)
        got = _mean(pts)
        assert (float(got[0]), float(got[1])) == (float(want[0]), float(want[1]))


def test_layout_keeps_groups_apart():
    G = nx.MultiGraph()
    for g in range(5):
        G.add_node(f"c{g}", group=f"c{g}", anchor=True, size=20, label=f"c{g}")
        for i in range(30):
            G.add_node(f"o{g}-{i}", group=f"c{g}", size=10, label=f"o{g}-{i}")
            G.add_edge(f"o{g}-{i}", f"c{g}")
    pos = views.clustered_layout(G)
    import math

    for a in range(5):
        for b in range(a + 1, 5):
            d = math.dist(pos[f"c{a}"], pos[f"c{b}"])
            assert d > 200


def test_layout_puts_the_many_events_of_busy_pairs_on_free_cells_near_them():
    # two countries of 20 officials each and 4,000 events between pairs of them: events
    # float between the groups, each on a cell of its own
    G = nx.MultiGraph()
    for g in ("a", "b"):
        G.add_node(g, group=g, anchor=True, size=20, label=g)
        for i in range(20):
            G.add_node(f"{g}{i}", group=g, size=10, label=f"{g}{i}")
            G.add_edge(f"{g}{i}", g)
    for k in range(4000):
        G.add_node(f"e{k}", group=None, label="")
        G.add_edge(f"e{k}", f"a{k % 20}")
        G.add_edge(f"e{k}", f"b{(k * 7) % 20}")
    pos = views.clustered_layout(G)
    assert set(pos) == set(G.nodes)
    assert len(set(pos.values())) == len(pos)
    assert pos == views.clustered_layout(G)
    import math

    span = math.dist(pos["a"], pos["b"])
    # the events of one pair sit around the middle of that pair, not far away
    for k in (0, 1, 3999):
        mid = [(pos[f"a{k % 20}"][i] + pos[f"b{(k * 7) % 20}"][i]) / 2 for i in (0, 1)]
        assert math.dist(pos[f"e{k}"], mid) < 2 * span


def test_layout_handles_empty_and_single_graphs():
    assert views.clustered_layout(nx.MultiGraph()) == {}
    G = nx.MultiGraph()
    G.add_node("x", group=None, label="x")
    assert views.clustered_layout(G) == {"x": (0.0, 0.0)}


def test_no_pyvis_lib_folder_and_no_cdn_in_pyvis_usage(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    views.write_views(synthetic_graph(5, seed=1), tmp_path / "o")
    assert not (tmp_path / "lib").exists()
    assert os.listdir(tmp_path) == ["o"]


# -- big graphs: what a page draws, what Find can still reach ---------------------------------


def test_a_big_graph_draws_its_most_connected_nodes_and_lists_the_rest(tmp_path):
    g = synthetic_graph(120, seed=5)
    out = tmp_path / "o"
    views.write_views(g, out, draw_limit=100)
    data = page_data(out / "network.html")
    nodes, _ = expected_network(g)
    countries = {str(c) for c in g.subjects(RDF.type, views.BKG.Country)}
    drawn = {n["iri"] for n in data["nodes"]}
    assert len(drawn) == 100 < len(nodes) and countries <= drawn
    officials = {str(o) for o in g.subjects(RDF.type, views.BKG.Official)}
    listed = {r[0] for r in data["more"]}
    names = {
        str(o): str(next(g.objects(o, SCHEMA.name)))
        for o in g.subjects(RDF.type, views.BKG.Official)
    }
    assert listed == {names[o] for o in officials - drawn}  # every official not drawn
    assert all(r[3].startswith("country/") and (out / r[3]).is_file() for r in data["more"])
    assert any("most connected are drawn" in note for note in data["legend"]["notes"])
    index = (out / "index.html").read_text(encoding="utf-8")
    assert f"the 100 most connected of {len(nodes):,} nodes" in index
    # the countries view stays whole
    assert page_graph(page_data(out / "countries.html")) == expected_countries(g)
    for page in sorted((out / "country").glob("*.html")):
        assert len(page_data(page)["nodes"]) <= 100 + 30, page.name


def test_names_are_ranked_for_drawing_hubs_and_one_per_cluster_first():
    G = views.nx.MultiGraph(view="officials")
    for g, n in (("A", 4), ("B", 3)):
        for i in range(n):
            G.add_node(f"{g}{i}", group=g, label=f"{g}{i}", kind="official")
    G.add_edges_from([("A0", "A1"), ("A0", "A2"), ("A0", "A3"), ("B2", "A1")])
    rank, always = views.importance(G)
    assert always == 2 + 12 and {n for n, r in rank.items() if r < 2} == {"A0", "B2"}


# -- kinds: labels and colours are the ontology's ----------------------------------------------


@pytest.fixture
def restyled_ontology(monkeypatch):
    """The ontology with other English labels and colours for two kinds (caches emptied)."""
    from rdflib import Literal
    from rdflib.namespace import SKOS

    from kg import kinds
    from kg.graphio import load_ontology

    onto = load_ontology()
    assert onto is not None
    onto.set((views.BKG.PhoneCall, SKOS.prefLabel, Literal("ring", lang="en")))
    onto.remove((views.BKG.PhoneCall, SKOS.prefLabel, Literal("phone call", lang="en")))
    kind = views.BKG.TraditionalFriendship
    onto.remove((kind, SKOS.prefLabel, Literal("traditional friendship", lang="en")))
    onto.add((kind, SKOS.prefLabel, Literal("old pals", lang="en")))
    onto.set((kind, views.BKG.displayColor, Literal("#0a0b0c")))
    monkeypatch.setattr(kinds, "_ontology", lambda: onto)
    for cached in (kinds.kind_labels, kinds.relation_colors):
        cached.cache_clear()
    yield
    for cached in (kinds.kind_labels, kinds.relation_colors):
        cached.cache_clear()


def test_kind_labels_and_colours_come_from_the_ontology(tmp_path, restyled_ontology):
    g = hostile_graph()
    kinds_in_g = {str(k).rsplit("#", 1)[-1] for k in g.objects(None, views.BKG.relationKind)}
    assert "TraditionalFriendship" in kinds_in_g and (None, RDF.type, views.BKG.PhoneCall) in g
    views.write_views(g, tmp_path / "o")
    countries = page_data(tmp_path / "o" / "countries.html")
    relations = [e for e in countries["edges"] if e["kind"] == "relation"]
    friendship = [e for e in relations if e["title"].splitlines()[1].startswith("old pals")]
    assert friendship and all(e["color"] == "#0a0b0c" for e in friendship)
    assert {"label": "old pals", "color": "#0a0b0c", "width": 3} in countries["legend"]["edges"]
    network = page_data(tmp_path / "o" / "network.html")
    assert any(n["title"].splitlines()[1].startswith("ring · ") for n in network["nodes"])
    assert not any("phone call" in n["title"] for n in network["nodes"])
    assert not any("traditional friendship" in e["title"] for e in network["edges"])


# -- layouts kept in the build folder's state -----------------------------------------------


def html_files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*.html"))}


def _count_layouts(monkeypatch) -> list[str]:
    """Patch the layout the cache calls so that it records the view of every graph laid out."""
    import kg.views.layout_cache as lc

    calls: list[str] = []
    real = lc.clustered_layout

    def counting(G, **params):
        calls.append(G.graph.get("focus") or G.graph.get("view"))
        return real(G, **params)

    monkeypatch.setattr(lc, "clustered_layout", counting)
    return calls


def _with_new_meeting(g: Graph) -> Graph:
    """``g`` plus two new officials of one country and an event where they met."""
    from rdflib import Literal
    from kg.namespaces import BKG, BKGR, country_iri, official_iri

    g2 = Graph()
    for t in g:
        g2.add(t)
    iso = sorted(str(o) for o in g.objects(None, BKG.isoCode))[0]
    ev = BKGR["event/meeting/syn-new"]
    g2.add((ev, RDF.type, BKG.Event))
    g2.add((ev, RDF.type, BKG.Meeting))
    g2.add((ev, BKG.country, country_iri(iso)))
    for key in ("new-a", "new-b"):
        o = official_iri(key)
        g2.add((o, RDF.type, BKG.Official))
        g2.add((o, SCHEMA.name, Literal(f"Nouveau {key}")))
        g2.add((o, SCHEMA.nationality, country_iri(iso)))
        g2.add((ev, BKG.participant, o))
    return g2


def test_an_update_lays_out_only_the_changed_pages_and_gives_the_bytes_of_a_fresh_build(
    tmp_path, monkeypatch
):
    g = synthetic_graph(60, seed=3)
    cache = tmp_path / "state" / "views-layout.json"
    views.write_views(g, tmp_path / "first", cache)
    assert json.loads(cache.read_text(encoding="ascii"))["layouts"]
    g2 = _with_new_meeting(g)
    calls = _count_layouts(monkeypatch)
    views.write_views(g2, tmp_path / "update", cache)
    pages = len(html_files(tmp_path / "update")) - 1  # the index has no layout
    # the network, the officials and the page of the country of the new officials changed;
    # the other pages' graphs did not (the countries view: tooltips only, not in the layout)
    assert sorted(str(c) for c in calls) == sorted(
        ["network", "officials", str(next(iter(set(calls) - {"network", "officials"})))]
    )
    assert pages > 10
    monkeypatch.undo()
    views.write_views(g2, tmp_path / "fresh")
    assert html_files(tmp_path / "update") == html_files(tmp_path / "fresh")


def test_a_cached_layout_is_used_for_the_same_graph_only(tmp_path):
    g = synthetic_graph(30, seed=4)
    cache = tmp_path / "views-layout.json"
    views.write_views(g, tmp_path / "a", cache)
    saved = json.loads(cache.read_text(encoding="ascii"))
    # every cached position moved: a page built from the cache shows it
    for key, xy in saved["layouts"].items():
        saved["layouts"][key] = [[x + 1000.0, y] for x, y in xy]
    cache.write_text(json.dumps(saved), encoding="ascii")
    views.write_views(g, tmp_path / "b", cache)
    assert html_files(tmp_path / "b")["network.html"] != html_files(tmp_path / "a")["network.html"]
    # changed content (one official renamed: a label the layout sorts by): not reused
    cache.write_text(json.dumps(saved), encoding="ascii")
    o = sorted(g.subjects(RDF.type, views.BKG.Official))[0]
    g.set((o, SCHEMA.name, next(iter(g.objects(o, SCHEMA.name))) + " bis"))
    views.write_views(g, tmp_path / "c", cache)
    views.write_views(g, tmp_path / "d")
    c, d = html_files(tmp_path / "c"), html_files(tmp_path / "d")
    for page in ("network.html", "officials.html"):  # the official is drawn there
        assert c[page] == d[page]
    assert c["countries.html"] != d["countries.html"]  # unchanged graph: still the cache's


def test_an_unreadable_layout_cache_is_laid_out_again_and_rewritten(tmp_path):
    g = synthetic_graph(12, seed=1)
    cache = tmp_path / "views-layout.json"
    for junk in ("{not json", '{"format": 1, "layouts": {"k": [[1, "x"]]}}', "[]", "\xff"):
        cache.write_bytes(junk.encode("latin-1"))
        views.write_views(g, tmp_path / "o", cache)
        assert json.loads(cache.read_text(encoding="ascii"))["format"] == 1
    views.write_views(g, tmp_path / "fresh")
    assert html_files(tmp_path / "o") == html_files(tmp_path / "fresh")
