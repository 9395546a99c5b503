"""``kg eval``: score a graph against gold annotations, figures on stdout."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from kg.evaluate import load_graph, score


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Declare ``kg eval`` and its options."""
    p = sub.add_parser(
        "eval",
        help="score a graph against gold annotations",
        description="Precision/recall/F1 of officials, meetings, relations and "
        "dated events against gold JSON files (corpus/GOLD_FORMAT.md).",
    )
    p.add_argument("gold", metavar="GOLD_DIR")
    p.add_argument("--graph", required=True, metavar="GRAPH")
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument("--misses", action="store_true", help="list what was missed")
    p.add_argument(
        "--events",
        metavar="CLUSTERS_JSON",
        help="also score cross-article event identity against this clusters.json "
        "(pairwise P/R/F1; mentions' gold read from GOLD_DIR)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """``kg eval GOLD_DIR --graph GRAPH [--json] [--misses] [--events CLUSTERS]``.

    Prints the table (or, with ``--json``, the reference scorer's JSON dict), the misses
    when asked, and last the one-line summary ``F1 officials=… min=…``.
    """
    graph = load_graph(args.graph)
    scores = score(graph, Path(args.gold))
    if getattr(args, "json", False):
        print(json.dumps(scores.as_dict(), indent=1))
    else:
        print(scores.table())
        print()
        same = scores.same_country_meetings()
        print(f"same-country meetings (not scored; check them by hand): {len(same)}")
        for line in same:
            print(f"  {line}")
        print()
    if getattr(args, "misses", False):
        lines = scores.misses()
        print("\n".join(lines) if lines else "(nothing missed, nothing spurious)")
    print(scores.f1_line())
    if getattr(args, "events", None):
        _print_events(args, graph)
    return 0


def _print_events(args: argparse.Namespace, graph) -> None:
    from kg.evaluate_events import score_events

    events = score_events(graph, Path(args.events), Path(args.gold))
    if getattr(args, "json", False):
        print(json.dumps(events.as_dict(), indent=1))
    if getattr(args, "misses", False):
        print("\n".join(events.misses) if events.misses else "(every event joined as gold)")
    print(events.lines())
