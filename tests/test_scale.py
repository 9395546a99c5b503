"""Scale paths of the build (issue 16): N-Quads sorted in bounded memory, the cache's
compiled readers, the steps of the build, and the replayed corpora of bench_scale."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from kg.cache import CacheError, decode_extraction, encode_extraction
from kg.facts import Document, Event, Evidence, Extraction, Official, PartialDate, Relation
from kg.nquads import iter_nquad_lines, nquad_lines
from kg.namespaces import BKG
from kg.pieces import Pieces

ROOT = Path(__file__).resolve().parent.parent


def _graphs(n: int) -> dict:
    shared = (URIRef("urn:x:vn"), RDF.type, BKG.Country)
    return {
        URIRef(f"urn:g:{i:04d}"): {
            shared,
            (URIRef(f"urn:x:{i}"), BKG.sentence, Literal(f"phrase {i}\u2028é")),
        }
        for i in range(n)
    }


def test_nquads_sorted_in_runs_on_disk_are_the_lines_sorted_in_memory(tmp_path):
    graphs = _graphs(300)
    expected = sorted({line for line in nquad_lines(graphs)})
    got = list(iter_nquad_lines(graphs, run_lines=7, folder=tmp_path))
    assert got == expected and len(got) == 600
    assert not any(tmp_path.iterdir())  # the runs are deleted once merged
    assert all(line.count("\n") == 1 for line in got)  # U+2028 escaped, lines stay whole


def test_nquads_of_graphs_reused_as_pieces_spill_in_many_runs_and_merge_sorted(tmp_path):
    """With pieces each graph is a text of its own: many small runs, merged in order."""
    graphs = _graphs(300)
    expected = sorted({line for line in nquad_lines(graphs)})
    runs = tmp_path / "runs"
    runs.mkdir()
    pieces = Pieces(tmp_path / "nq.json", code="test")
    lines = iter_nquad_lines(graphs, run_lines=7, folder=runs, pieces=pieces)
    first = next(lines)  # every run is written before the first line is merged
    spilled = list(runs.glob("*/*.nq"))
    got = [first, *lines]
    assert got == expected
    assert len(spilled) > 10  # the runs were many (each of 7 lines or a little more)
    assert pieces.made == 300


def test_a_line_in_several_runs_is_written_once(tmp_path):
    graphs = {URIRef("urn:g:a"): {(URIRef("urn:x:s"), RDF.type, BKG.Event)}}
    runs = list(iter_nquad_lines(graphs, run_lines=1, folder=tmp_path))
    assert len(runs) == 1


def _extraction() -> Extraction:
    doc = Document("d1", "f.jsonl", "T", "Tô Lâm a reçu Emmanuel Macron le 3 mars 2025.")
    ev = Evidence("d1", doc.text, 0, len(doc.text))
    a = Official("Tô Lâm", ["Secrétaire général"], "VN", ["Tô Lâm"], [ev])
    b = Official("Emmanuel Macron", [], "FR", ["Emmanuel Macron"], [ev])
    e = Event("Reception", [a, b], ["VN", "FR"], start=PartialDate(2025, 3, 3), evidence=[ev])
    r = Relation("StrategicPartnership", ("FR", "VN"), evidence=[ev])
    return Extraction(doc, [a, b], [e], [r])


def test_cached_facts_read_back_equal_and_keep_shared_officials():
    ex = _extraction()
    back = decode_extraction(json.loads(json.dumps(encode_extraction(ex))), ex.document)
    assert back == ex
    assert back.events[0].participants[0] is back.officials[0]


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda o: o["officials_table"][0].update(name=3), "expected str"),
        (lambda o: o["events"][0].update(start=[2025]), "expected an object"),
        (lambda o: o["events"][0].update(participants=[7]), "no official #7"),
        (lambda o: o["events"][0]["start"].update(year="2025"), "expected int"),
        (lambda o: o["relations"][0].update(parties=["FR"]), "expected 2 items"),
        (lambda o: o["officials_table"][0].pop("name"), "Official.name is missing"),
    ],
)
def test_a_cached_fact_of_the_wrong_shape_is_refused(change, message):
    ex = _extraction()
    obj = json.loads(json.dumps(encode_extraction(ex)))
    change(obj)
    with pytest.raises(CacheError, match=message):
        decode_extraction(obj, ex.document)


def test_build_reads_as_its_steps():
    """Issue 14: build and its steps stay small (McCabe ≤ 15 each, build a short list)."""
    import ast
    import inspect

    from kg import pipeline

    body = ast.parse(inspect.getsource(pipeline._build_into)).body[0].body
    calls = [
        n.func.id
        for n in ast.walk(ast.Module(body=body, type_ignores=[]))
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
    ]
    for step in ("_read_inputs", "_documents", "_facts", "_write_outputs", "_commit"):
        assert step in calls
    # build itself: a few statements around the call of _build_into (its docstring and the
    # formatter's one-argument-per-line layout do not count)
    build_body = ast.parse(inspect.getsource(pipeline.build)).body[0].body
    statements = [n for n in build_body if not isinstance(n, ast.Expr)]
    assert len(statements) <= 12, len(statements)


def test_a_replayed_corpus_gives_fresh_articles_and_people(tmp_path, monkeypatch):
    """bench_scale's replay: a build folder of N articles from a smaller build's facts, with
    new identifiers and other names, that an update builds without the language model."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_scale import write_replay
    from fake_steps import install

    from kg.pipeline import build

    install(monkeypatch, outputs=False)
    src = tmp_path / "in.jsonl"
    src.write_text(
        "\n".join(
            json.dumps(
                {
                    "id": f"a{i}",
                    "title": "T",
                    "published": "2025-03-11",
                    "text": f"T\n\n{a} a reçu {b}.",
                }
            )
            for i, (a, b) in enumerate(
                [("Tô Lâm", "Cyril Ramaphosa"), ("Pham Minh Chinh", "Lula da Silva")]
            )
        )
        + "\n",
        encoding="utf-8",
    )
    base = tmp_path / "base"
    first = build([src], base, quiet=True)
    assert first.documents == 2
    out = tmp_path / "replay"
    assert write_replay(base, 5, out) == 3  # replicas of 2, 2 and 1 articles
    report = build([], out, quiet=True, update=True)
    assert report.documents == 5 and report.extracted == 0 and report.cached == 5
    text = (out / "graph.ttl").read_text(encoding="utf-8")
    assert '"a0-r0"' in text and '"a0-r2"' in text
    assert report.officials > first.officials  # replicas hold other people


def test_jsonld_written_node_by_node_is_the_whole_document_dumped():
    from rdflib import BNode, Graph
    from rdflib.namespace import XSD

    from kg.formats import jsonld_document, jsonld_text
    from kg.namespaces import SCHEMA

    g = Graph()
    e = URIRef("https://example.org/e/1")
    g.add((e, RDF.type, BKG.Event))
    g.add((e, SCHEMA.name, Literal("Visite d’État\nà Hanoï\u2028", lang="fr")))
    g.add((e, SCHEMA.startDate, Literal("2025-03-03", datatype=XSD.date)))
    g.add((e, BKG.country, URIRef("https://example.org/c/VN")))
    g.add((e, BKG.country, URIRef("https://example.org/c/FR")))
    g.add((BNode(), RDF.type, BKG.Country))
    for graph in (g, Graph()):
        whole = json.dumps(jsonld_document(graph), ensure_ascii=False, indent=1) + "\n"
        assert "".join(jsonld_text(graph)) == whole


def test_the_update_and_the_full_build_each_load_the_model_once():
    """bench_scale's update against a full build: the base build's model load is not
    spread over its articles as extraction: each build counts it once."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_scale import update_lines

    base = {"articles": 1000, "cpu": 50.0, "cpu_timings": {"model": 4.0}}
    rows = [
        {"kind": "full", "articles": 1000, "cpu": 14.0},
        {"kind": "full", "articles": 10000, "cpu": 130.0},
        {"kind": "update", "articles": 10000, "added": 100, "cpu": 40.0},
    ]
    first, line = update_lines(base, rows)
    assert "32 ms CPU per article" in first and "4.0 s" in first
    # full: 4 + 10,000 × 0.032 + 130 = 454; update: 4 + 100 × 0.032 + 40 = 47.2
    assert "CPU: 47 s" in line and "full build of 454 s" in line and line.endswith("10.4%")


def test_same_output_compares_the_kept_layouts_by_their_positions(tmp_path):
    """benchmarks/same_output.py: the views' layouts kept for updates are keyed by a hash of
    the layout's code, so a change of the code is not a change of the output; a position
    that moved is."""
    from same_output import differences

    def folder(name: str, layouts: dict) -> Path:
        f = tmp_path / name / ".kg-cache"
        f.mkdir(parents=True)
        (f / "views-layout.json").write_text(json.dumps({"format": 1, "layouts": layouts}))
        return f.parent

    ref = folder("ref", {"a" * 64: [[1.0, 2.0]], "b" * 64: [[3.0, 4.0]]})
    rekeyed = folder("new", {"c" * 64: [[3.0, 4.0]], "d" * 64: [[1.0, 2.0]]})
    moved = folder("moved", {"a" * 64: [[1.0, 2.5]], "b" * 64: [[3.0, 4.0]]})
    assert differences(ref, rekeyed) == []
    assert differences(ref, moved) == ["differs: .kg-cache/views-layout.json"]


def test_bench_build_gives_the_median_cpu_ratio_of_pairs_of_runs():
    """bench_build --repeat: each pair of raw spaCy and build runs made back to back gives
    its ratio; the median of the pairs is printed beside the first pair's."""
    from bench_build import pair_ratios, summary

    got = pair_ratios([(66.0, 44.0), (75.0, 45.0), (61.0, 51.3)])
    assert got["ratios"][0] == 1.5 and got["median"] == 1.5
    assert pair_ratios([(60.0, 40.0), (80.0, 40.0)])["median"] == 1.75
    build = dict(wall=50, cpu=45.0, timings={"extract": 30.0}, rss=8e8, pss=8e8)
    row = dict(
        size=1000,
        workers=1,
        words=300_000,
        raw=dict(seconds=70.0, pipe_cpu=66.0),
        lean=dict(seconds=30.0),
        build=build,
        update=None,
        extra=10,
        pairs=got,
    )
    line = next(x for x in summary([row]).splitlines() if x.startswith("| 1,000"))
    assert "| 1.47 | 1.50 of 3 |" in line
