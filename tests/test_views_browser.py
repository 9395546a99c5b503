"""The views in headless Chromium: counts against SPARQL, no JS error, no request off the
machine, no script from the data (hostile graph), search, filters, tooltips.

Skips, saying why, when Chromium or the playwright package cannot be had."""

from __future__ import annotations


import pytest

from browser import chromium_or_skip
from kg import views
from synthetic import synthetic_graph
from views_support import (
    ARTICLE_TITLE,
    COUNTRY_KG,
    COUNTRY_VN,
    NAME_A,
    NAME_B,
    NO_EXECUTION,
    PAYLOADS,
    VISIBLE,
    check_views_in_browser,
    hostile_graph,
    hover_node,
    node_id,
    page_data,
)


@pytest.fixture(scope="module")
def browser():
    with chromium_or_skip() as b:
        yield b


@pytest.fixture(scope="module")
def synthetic_out(tmp_path_factory):
    g = synthetic_graph(50, seed=11)
    out = tmp_path_factory.mktemp("syn-browser") / "out"
    views.write_views(g, out)
    return g, out


@pytest.fixture(scope="module")
def hostile_out(tmp_path_factory):
    g = hostile_graph()
    out = tmp_path_factory.mktemp("hostile-browser") / "out"
    views.write_views(g, out)
    return g, out


def test_synthetic_views_in_chromium(browser, synthetic_out):
    check_views_in_browser(browser, *synthetic_out)


def test_hostile_views_in_chromium(browser, hostile_out):
    check_views_in_browser(browser, *hostile_out)


# -- the hostile graph: text shows literally, nothing runs -------------------------------------


def test_hostile_tooltips_are_text(browser, hostile_out):
    _, out = hostile_out
    visit = browser.open(out / "network.html")
    try:
        text = hover_node(visit, node_id(visit, NAME_A))
        assert text.startswith(NAME_A)
        assert PAYLOADS["js"] in text and ARTICLE_TITLE.split(" javascript")[0] in text
        text = hover_node(visit, node_id(visit, PAYLOADS["template"]))  # the talks event
        assert f"place: {PAYLOADS['img']}" in text and PAYLOADS["script"] in text
        state = visit.evaluate(NO_EXECUTION)
        assert state["xss"] is None and state["foreign"] == 0
        visit.assert_clean()
    finally:
        visit.close()


def test_hostile_headings_legend_search_and_menus_are_text(browser, hostile_out):
    _, out = hostile_out
    visit = browser.open(out / "country" / "VN.html")
    try:
        assert visit.evaluate("() => document.querySelector('h1').textContent") == COUNTRY_VN
        assert visit.evaluate("() => document.querySelector('h1').children.length") == 0
        assert visit.evaluate("() => document.title") == f"{COUNTRY_VN} · bilateral-kg"
        visit.assert_clean()
    finally:
        visit.close()

    visit = browser.open(out / "officials.html")
    try:
        legend = visit.evaluate("""() => Array.from(document.querySelectorAll('#kg-legend li'))
                                       .map(li => li.textContent)""")
        assert f"{COUNTRY_VN} (1)" in legend and f"{COUNTRY_KG} (1)" in legend
        tags = visit.evaluate("""() => Array.from(document.querySelectorAll('#kg-legend *'))
                                        .map(e => e.tagName)""")
        assert set(tags) <= {"H2", "UL", "LI", "SPAN", "P"}, tags
        search = visit.page.locator("#kg-search")
        search.click()  # fills the name list
        options = visit.evaluate("""() => Array.from(document.querySelectorAll('#kg-names option'))
                                           .map(o => o.value)""")
        assert NAME_A in options and NAME_B in options
        search.fill(NAME_B)
        search.press("Enter")
        visit.page.wait_for_function("() => network.getSelectedNodes().length === 1")
        assert visit.evaluate("() => network.getSelectedNodes()") == [node_id(visit, NAME_B)]
        status = visit.evaluate("""() => { const s = document.getElementById('kg-search-status');
                                           return [s.textContent, s.children.length]; }""")
        assert status == [f"found: {NAME_B}", 0]
        search.fill("abakirov </script")  # accent/case-insensitive substring
        search.press("Enter")
        assert visit.evaluate("() => network.getSelectedNodes()") == [node_id(visit, NAME_B)]
        state = visit.evaluate(NO_EXECUTION)
        assert state["xss"] is None and state["foreign"] == 0
        assert state["title"] == visit.title_at_load
        visit.assert_clean()
    finally:
        visit.close()

    visit = browser.open(out / "index.html", wait_ready=None)
    try:
        texts = visit.evaluate("() => Array.from(document.links).map(a => a.textContent)")
        assert COUNTRY_VN in texts and COUNTRY_KG in texts
        assert visit.evaluate("() => document.querySelectorAll('img, svg, script').length") == 0
        visit.assert_clean()
    finally:
        visit.close()


# -- filters and search ----------------------------------------------------------------------


def set_year(page, selector: str, value: str) -> None:
    page.fill(selector, value)
    page.dispatch_event(selector, "change")  # as when the field loses focus


def test_year_filter_follows_typing(browser, hostile_out):
    _, out = hostile_out
    visit = browser.open(out / "network.html")
    try:
        visit.page.fill("#kg-year-to", "2023")  # input events only: applied after a pause
        visit.page.wait_for_function(  # the 2024 talks go
            "(name) => nodes.get({filter: n => n.hidden}).some(n => n.name === name)",
            arg=PAYLOADS["template"],
        )
        visit.assert_clean()
    finally:
        visit.close()


def test_filters_by_type_and_year(browser, hostile_out):
    g, out = hostile_out
    data = page_data(out / "network.html")
    n_nodes, n_edges = len(data["nodes"]), len(data["edges"])
    events = {n["id"] for n in data["nodes"] if n["kind"] == "event"}
    event_edges = [e for e in data["edges"] if e["from"] in events or e["to"] in events]
    visit = browser.open(out / "network.html")
    page = visit.page
    try:
        assert visit.evaluate(VISIBLE) == [n_nodes, n_edges]
        page.uncheck("#kg-type-event")
        assert visit.evaluate(VISIBLE) == [n_nodes - len(events), n_edges - len(event_edges)]
        page.check("#kg-type-event")
        assert visit.evaluate(VISIBLE) == [n_nodes, n_edges]

        # 2024 only: the 2023 visit goes; events of unknown year (--02-17) stay while
        # "unknown year" is ticked; the relation "since 1992" stays
        set_year(page, "#kg-year-from", "2024")
        set_year(page, "#kg-year-to", "2024")
        hidden = set(visit.evaluate("() => nodes.get({filter: n => n.hidden}).map(n => n.name)"))
        assert hidden == {"visit mai 2023"}
        page.uncheck("#kg-year-unknown")
        hidden = set(visit.evaluate("() => nodes.get({filter: n => n.hidden}).map(n => n.name)"))
        assert hidden == {
            "visit mai 2023",
            "phone call 17 févr. (année inconnue)",
            f"other event {PAYLOADS['entity']}",
        }
        rel = visit.evaluate("""() => edges.get({filter: e => e.kind === 'relation' && !e.hidden})
                                   .map(e => e.title.split('\\n')[1])""")
        assert rel == ["strategic partnership · since 1992"]
        set_year(page, "#kg-year-to", "1990")  # before the relation's year: it goes
        assert (
            visit.evaluate("""() => edges.get({filter: e => e.kind === 'relation'
                                                        && !e.hidden}).length""")
            == 0
        )
        page.check("#kg-year-unknown")
        set_year(page, "#kg-year-from", "")  # cleared fields: no bound, no crash
        set_year(page, "#kg-year-to", "")
        assert visit.evaluate(VISIBLE) == [n_nodes, n_edges]
        visit.assert_clean()
    finally:
        visit.close()


def test_search_focuses_a_node_by_name(browser, synthetic_out):
    _, out = synthetic_out
    visit = browser.open(out / "network.html")
    page = visit.page
    try:
        page.fill("#kg-search", "official 7")
        page.press("#kg-search", "Enter")
        page.wait_for_function("() => network.getSelectedNodes().length === 1")
        assert visit.evaluate("() => nodes.get(network.getSelectedNodes()[0]).name") == "Official 7"
        page.fill("#kg-search", "pays vn")
        page.press("#kg-search", "Enter")
        page.wait_for_function("() => nodes.get(network.getSelectedNodes()[0]).name === 'Pays VN'")
        page.fill("#kg-search", "nobody at all")
        page.press("#kg-search", "Enter")
        status = "() => document.getElementById('kg-search-status').className"
        assert visit.evaluate(status) == "miss"
        page.uncheck("#kg-type-official")
        page.fill("#kg-search", "Official 3")
        page.press("#kg-search", "Enter")
        assert "hidden by the filters" in visit.evaluate(
            "() => document.getElementById('kg-search-status').textContent"
        )
        visit.assert_clean()
    finally:
        visit.close()


# -- the helper itself -------------------------------------------------------------------------


def test_browser_helper_reports_requests_errors_and_dialogs(browser, tmp_path):
    page = tmp_path / "bad.html"
    page.write_text(
        "<!DOCTYPE html><title>t</title><img src='http://example.invalid/x.png'>"
        "<script>alert('hi'); console.error('boom'); throw new Error('bad');</script>",
        encoding="utf-8",
    )
    visit = browser.open(page, wait_ready=None)
    try:
        visit.page.wait_for_timeout(200)
        problems = visit.problems()
        assert any("example.invalid" in p for p in problems)
        assert any(p.startswith("dialog opened: alert: hi") for p in problems)
        assert any("boom" in p for p in problems) and any("bad" in p for p in problems)
        with pytest.raises(AssertionError):
            visit.assert_clean()
    finally:
        visit.close()
