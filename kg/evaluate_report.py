"""``make eval``: build the dev corpus and the seeds, score both, print one Markdown table.

usage: python -m kg.evaluate_report SHARED_DIR [--out DIR]

SHARED_DIR holds ``corpus/dev/articles.jsonl`` with its gold ``corpus/dev/gold/`` and the
seeds' gold ``corpus/seeds-gold/`` (and, when present, ``corpus/events-dev/``: its articles
are scored too, and its ``clusters.json`` by :mod:`kg.evaluate_events`); the seeds themselves are the project's ``seeds/``
folder. The builds go to ``DIR/dev`` and ``DIR/seeds`` (default: a temporary folder,
removed afterwards).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kg.evaluate import CATEGORIES, LABELS, Scores, load_graph, score

PROJECT_SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@dataclass(frozen=True)
class Corpus:
    """Inputs to build and the gold to score the build against."""

    name: str
    inputs: tuple[Path, ...]
    gold: Path


def corpora(shared: Path) -> list[Corpus]:
    """The dev corpus and the seeds, checked to exist."""
    seeds = PROJECT_SEEDS if PROJECT_SEEDS.is_dir() else shared / "seeds"
    found = [
        Corpus("dev", (shared / "corpus" / "dev" / "articles.jsonl",),
               shared / "corpus" / "dev" / "gold"),
        Corpus("seeds", (seeds,), shared / "corpus" / "seeds-gold"),
    ]
    events = shared / "corpus" / "events-dev"
    if (events / "clusters.json").is_file():    # cross-article event identity (issue 15)
        found.append(Corpus("events-dev", (events / "articles.jsonl",), events / "gold"))
    for corpus in found:
        for path in (*corpus.inputs, corpus.gold):
            if not path.exists():
                raise FileNotFoundError(f"not found: {path}")
    return found


def build_and_score(corpus: Corpus, out: Path) -> Scores:
    """Build ``corpus`` into ``out/<name>`` with the pipeline, then score the graph."""
    from kg.pipeline import build

    target = out / corpus.name
    report = build([str(p) for p in corpus.inputs], target, quiet=True)
    for problem in getattr(report, "problems", None) or ():
        print(f"kg build ({corpus.name}): {problem}", file=sys.stderr)
    graph = load_graph(target)
    clusters = corpus.gold.parent / "clusters.json"
    if clusters.is_file():
        from kg.evaluate_events import score_events
        EVENT_LINES[corpus.name] = score_events(graph, clusters, corpus.gold).lines()
    return score(graph, corpus.gold)


EVENT_LINES: dict[str, str] = {}   # corpus name -> event identity figures (score_events)


def _num(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def markdown_table(results: dict[str, Scores]) -> str:
    """Rows: the four categories (P, R, F1 per corpus), then meeting-date-exact,
    official-country-exact and duplicate officials (in the F1 columns)."""
    names = list(results)
    header = ["category"] + [f"{n} {m}" for n in names for m in ("P", "R", "F1")]
    rows = [header, ["---"] + ["---:"] * (len(header) - 1)]
    for c in CATEGORIES:
        row = [LABELS[c]]
        for n in names:
            t = results[n].totals[c]
            row += [_num(t.precision), _num(t.recall), _num(t.f1)]
        rows.append(row)
    extras = {
        "meeting-date-exact": lambda s: _num(s.meeting_date_exact),
        "official-country-exact": lambda s: _num(s.official_country_exact),
        "duplicate officials": lambda s: str(s.duplicate_officials),
    }
    for label, figure in extras.items():
        row = [label]
        for n in names:
            row += ["", "", figure(results[n])]
        rows.append(row)
    return "\n".join("| " + " | ".join(r) + " |" for r in rows)


def run(shared: Path, out: Path | None) -> int:
    todo = corpora(shared)
    with tempfile.TemporaryDirectory(prefix="kg-eval-") as tmp:
        folder = Path(out) if out is not None else Path(tmp)
        results = {c.name: build_and_score(c, folder) for c in todo}
    print(markdown_table(results))
    for name, lines in EVENT_LINES.items():
        print(f"\nCross-article event identity ({name}, pairwise over gold mentions):\n")
        print("\n".join(f"    {line}" for line in lines.splitlines()))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kg.evaluate_report",
        description="Build the dev corpus and the seeds, score them against their gold, "
                    "print a Markdown table.")
    parser.add_argument("shared", metavar="SHARED_DIR",
                        help="folder with corpus/dev/articles.jsonl, corpus/dev/gold, "
                             "corpus/seeds-gold")
    parser.add_argument("--out", metavar="DIR", type=Path,
                        help="where to build (default: a temporary folder)")
    args = parser.parse_args(argv)
    try:
        return run(Path(args.shared), args.out)
    except (FileNotFoundError, ValueError) as exc:
        print(f"kg eval report: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
