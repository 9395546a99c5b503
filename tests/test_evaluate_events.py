"""kg eval --events: event identity scores, as the reference scorer tools/score_events.py."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import main
from kg.events_identity import merge_events
from kg.evaluate_events import score_events
from kg.graph import article_graphs, merged_graph
from kg.resolve import resolve

sys.path.insert(0, str(Path(__file__).parent))
from test_events_identity import EVENTS_DEV, _gold_extractions  # noqa: E402

SCORER = EVENTS_DEV.parents[1] / "tools" / "score_events.py"
need_shared = pytest.mark.skipif(
    not (EVENTS_DEV / "clusters.json").is_file() or not SCORER.is_file(),
    reason="no ../shared events-dev",
)


def _graph(tmp_path: Path, name: str, *, merge: bool, drop: float = 0.0, seed: int = 0) -> Path:
    """A graph made from the events-dev gold (some meetings dropped at random)."""
    exs, _ = _gold_extractions(EVENTS_DEV)
    rng = random.Random(seed)
    for ex in exs:
        ex.events = [e for e in ex.events if rng.random() >= drop]
    resolve(exs)
    if merge:
        merge_events(exs)
    path = tmp_path / f"{name}.ttl"
    merged_graph(article_graphs(exs)).serialize(path, format="turtle")
    return path


def _reference(graph: Path) -> list[str]:
    out = subprocess.run(
        [sys.executable, str(SCORER), str(graph), str(EVENTS_DEV)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return out.strip().splitlines()[-2:]


@need_shared
@pytest.mark.parametrize(
    "merge,drop,seed",
    [(False, 0.0, 0), (True, 0.0, 0), (True, 0.2, 1), (True, 0.4, 2), (False, 0.3, 3)],
)
def test_the_figures_are_those_of_the_reference_scorer(tmp_path, merge, drop, seed):
    from kg.pipeline import load_graph

    path = _graph(tmp_path, "g", merge=merge, drop=drop, seed=seed)
    ours = score_events(load_graph(path), EVENTS_DEV / "clusters.json", EVENTS_DEV / "gold")
    assert ours.lines().splitlines() == _reference(path)


@need_shared
def test_kg_eval_events_prints_the_events_line_last(tmp_path, capsys):
    path = _graph(tmp_path, "g", merge=True)
    assert (
        main(
            [
                "eval",
                str(EVENTS_DEV / "gold"),
                "--graph",
                str(path),
                "--events",
                str(EVENTS_DEV / "clusters.json"),
                "--misses",
            ]
        )
        == 0
    )
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-1].startswith("EVENTS pairwise-p=1.0 pairwise-r=0.909 pairwise-f1=0.952")
    assert any(line.startswith("split (same gold event") for line in lines)


def test_a_clusters_file_naming_a_missing_meeting_is_a_clear_error(tmp_path):
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "1.json").write_text(
        json.dumps(
            {"id": "1", "officials": [], "meetings": [], "relations": [], "dated_events": []}
        ),
        encoding="utf-8",
    )
    clusters = tmp_path / "clusters.json"
    clusters.write_text(
        json.dumps({"events": [{"id": "E1", "mentions": [{"article": "1", "meeting": 0}]}]}),
        encoding="utf-8",
    )
    from rdflib import Graph

    with pytest.raises(ValueError, match="article 1 has no meeting 0"):
        score_events(Graph(), clusters)
    clusters.write_text("[]", encoding="utf-8")
    with pytest.raises(ValueError, match="not a clusters file"):
        score_events(Graph(), clusters)
