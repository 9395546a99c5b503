"""``make eval``: build the dev corpora and the seeds, score them, print Markdown tables.

usage: python -m kg.evaluate.report SHARED_DIR [--out DIR]

SHARED_DIR holds ``corpus/dev/articles.jsonl`` and ``corpus/dev2/articles.jsonl`` with their
gold (``gold/`` beside them) and the seeds' gold ``corpus/seeds-gold/``; the seeds themselves
are the project's ``seeds/`` folder. The builds go to ``DIR/dev``, ``DIR/dev2`` and
``DIR/seeds`` (default: a temporary folder, removed afterwards). One table per corpus (P, R,
F1 per category, then meeting-date-exact, official-country-exact, duplicate officials), and
for dev2 (outlets of many countries) one line of F1s per outlet country. When
``corpus/events-dev/`` is there, its articles are scored too, and its ``clusters.json`` by
:mod:`kg.evaluate_events` (cross-article event identity).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from kg.errors import Errors
from kg.evaluate import CATEGORIES, LABELS, Counts, Scores, load_graph, score

PROJECT_SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@dataclass(frozen=True)
class Corpus:
    """Inputs to build and the gold to score the build against."""

    name: str
    inputs: tuple[Path, ...]
    gold: Path


def corpora(shared: Path) -> list[Corpus]:
    """The dev corpora and the seeds, checked to exist (dev2 only when its folder is there)."""
    seeds = PROJECT_SEEDS if PROJECT_SEEDS.is_dir() else shared / "seeds"
    found = [
        Corpus(
            "dev",
            (shared / "corpus" / "dev" / "articles.jsonl",),
            shared / "corpus" / "dev" / "gold",
        ),
        Corpus(
            "dev2",
            (shared / "corpus" / "dev2" / "articles.jsonl",),
            shared / "corpus" / "dev2" / "gold",
        ),
        Corpus("seeds", (seeds,), shared / "corpus" / "seeds-gold"),
    ]
    if not (shared / "corpus" / "dev2").is_dir():  # an older shared folder: no dev2
        print(f"kg eval report: no {shared / 'corpus' / 'dev2'}: dev2 not scored", file=sys.stderr)
        found = [c for c in found if c.name != "dev2"]
    events = shared / "corpus" / "events-dev"
    if (events / "clusters.json").is_file():  # cross-article event identity (issue 15)
        found.append(Corpus("events-dev", (events / "articles.jsonl",), events / "gold"))
    for corpus in found:
        for path in (*corpus.inputs, corpus.gold):
            if not path.exists():
                raise FileNotFoundError(Errors.E409.format(problem=f"not found: {path}"))
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


EVENT_LINES: dict[str, str] = {}  # corpus name -> event identity figures (score_events)


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


def outlet_countries(corpus: Corpus) -> dict[str, str | None]:
    """Article id → the outlet country the build decides for it (kg.extract.home)."""
    from kg.extract.home import settle_homes
    from kg.ingest import read_inputs
    from kg.lexicon import load_lexicon

    documents = read_inputs([str(p) for p in corpus.inputs]).documents
    return {d.identifier: d.country for d in settle_homes(documents, load_lexicon())}


def per_country_line(scores: Scores, countries: dict[str, str | None]) -> str:
    """ "DZ (2): off 1.000 meet 0.800 rel n/a dates 1.000; MA (1): …" — F1 per category over
    the articles of each outlet country ("??": undecided)."""
    groups: dict[str, list] = {}
    for article in scores.articles:
        groups.setdefault(countries.get(article.id) or "??", []).append(article)
    short = {"officials": "off", "meetings": "meet", "relations": "rel", "dates": "dates"}
    parts = []
    for code in sorted(groups):
        arts = groups[code]
        figs = []
        for c in CATEGORIES:
            t = sum((a.counts[c] for a in arts), Counts())
            figs.append(f"{short.get(c, c)} {_num(t.f1) if t.pred or t.gold else 'n/a'}")
        parts.append(f"{code} ({len(arts)}): " + " ".join(figs))
    return "; ".join(parts)


def run(shared: Path, out: Path | None) -> int:
    todo = corpora(shared)
    with tempfile.TemporaryDirectory(prefix="kg-eval-") as tmp:
        folder = Path(out) if out is not None else Path(tmp)
        results = {c.name: build_and_score(c, folder) for c in todo}
    for corpus in todo:
        scores = results[corpus.name]
        print(f"### {corpus.name}\n")
        print(markdown_table({corpus.name: scores}))
        if corpus.name == "dev2":
            print(f"\nper outlet country: {per_country_line(scores, outlet_countries(corpus))}")
        same = scores.same_country_meetings()
        if same:
            print(f"\nsame-country meetings (not scored; check them by hand): {len(same)}")
            for line in same:
                print(f"- {line}")
        print()
    for name, lines in EVENT_LINES.items():
        print(f"\nCross-article event identity ({name}, pairwise over gold mentions):\n")
        print("\n".join(f"    {line}" for line in lines.splitlines()))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kg.evaluate.report",
        description="Build the dev corpus and the seeds, score them against their gold, "
        "print a Markdown table.",
    )
    parser.add_argument(
        "shared",
        metavar="SHARED_DIR",
        help="folder with corpus/dev/articles.jsonl, corpus/dev/gold, corpus/seeds-gold",
    )
    parser.add_argument(
        "--out", metavar="DIR", type=Path, help="where to build (default: a temporary folder)"
    )
    args = parser.parse_args(argv)
    try:
        return run(Path(args.shared), args.out)
    except (FileNotFoundError, ValueError) as exc:
        print(f"kg eval report: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
