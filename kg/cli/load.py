"""``kg load``: push a build into a triple store (SPARQL 1.1 Graph Store Protocol)."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

from kg.load import CHUNK, RETRIES, TIMEOUT, LoadReport, load


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Declare ``kg load`` and its options."""
    p = sub.add_parser(
        "load",
        help="push a build into a triple store (Graph Store Protocol)",
        description="Replace, in a store that speaks the SPARQL 1.1 Graph Store "
        "Protocol, the named graphs the build carries (one per "
        "article, and the ontology's), and nothing else; with --graph, "
        "put the merged graph into that one graph instead.",
    )
    p.add_argument(
        "build",
        metavar="BUILD",
        help="a build folder (its graph.nq, else graph.trig), or a .nq/.trig file",
    )
    p.add_argument(
        "--endpoint",
        required=True,
        metavar="URL",
        help="the store's Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store "
        "(Oxigraph), http://localhost:3030/ds/data (Fuseki)",
    )
    p.add_argument("--graph", metavar="IRI", help="load the merged graph into this one graph")
    p.add_argument(
        "--timeout",
        type=float,
        default=30.0,
        metavar="SECONDS",
        help="how long a request may wait for the store (default 30)",
    )
    p.add_argument(
        "--chunk",
        type=int,
        default=50_000,
        metavar="N",
        help="most triples in one request: a larger graph is sent as a PUT then "
        "POSTs (default 50000)",
    )
    p.add_argument(
        "--retries",
        type=int,
        default=4,
        metavar="N",
        help="tries again of a request that failed on a connection error, a "
        "timeout or HTTP 5xx/429, after 0.5 s, 1 s, 2 s... (default 4)",
    )
    p.add_argument("--quiet", action="store_true", help="no summary on stderr")
    p.set_defaults(func=run)


def _stderr_progress(every: int = 1000) -> Callable[[LoadReport], None]:
    started = time.perf_counter()

    def report(r: LoadReport) -> None:
        if r.graphs % every == 0:
            print(
                f"kg load: {r.graphs} graphs ({r.triples} triples) sent "
                f"({time.perf_counter() - started:.0f} s)",
                file=sys.stderr,
                flush=True,
            )

    return report


def run(args: argparse.Namespace) -> int:
    """``kg load BUILD --endpoint URL [--graph IRI] [--timeout S] [--chunk N] [--retries N]``."""
    quiet = getattr(args, "quiet", False)
    report = load(
        args.build,
        args.endpoint,
        args.graph,
        timeout=getattr(args, "timeout", TIMEOUT),
        chunk=getattr(args, "chunk", CHUNK),
        retries=getattr(args, "retries", RETRIES),
        progress=None if quiet else _stderr_progress(),
    )
    if not quiet:
        print(f"kg load: {report.summary()}", file=sys.stderr)
    return 0
