"""``kg query``: SPARQL (a named query, a file or -e TEXT) on a build, rows on stdout."""

from __future__ import annotations

import argparse
import sys

from kg.errors import Errors


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Declare ``kg query`` and its options."""
    p = sub.add_parser(
        "query",
        help="run SPARQL on a built graph",
        description="Run a SPARQL query (a file, a named query, or -e TEXT) on a graph.",
    )
    p.add_argument("graph", metavar="GRAPH", help="graph.ttl / graph.trig, or a build folder")
    p.add_argument("query", nargs="?", metavar="QUERY", help="a .rq file or a named query")
    p.add_argument("-e", dest="expr", metavar="SPARQL", help="the query text itself")
    p.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="bind ?NAME to VALUE (repeatable)",
    )
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument(
        "--allow-service",
        action="store_true",
        help="run SERVICE clauses (they send requests to other machines; refused "
        "by default). kg query is read-only: SPARQL Update is refused",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """``kg query GRAPH (QUERY | -e SPARQL) [--param NAME=VALUE]... [--format ...]``."""
    from kg.query import (
        bind_params,
        check_query,
        get_query,
        list_queries,
        load_store,
        parse_param_args,
        parse_query,
    )
    from kg.query import run as run_query

    if args.query and args.expr:
        raise ValueError(Errors.E501.format(problem="give a QUERY or -e SPARQL, not both"))
    if not args.query and not args.expr:
        if args.param:
            raise ValueError(Errors.E501.format(problem="--param needs a QUERY or -e SPARQL"))
        sys.stdout.write(list_queries())
        return 0
    query = get_query(args.query) if args.query else parse_query(args.expr, "-e")
    bound = bind_params(query, parse_param_args(args.param))
    allow_service = bool(getattr(args, "allow_service", False))
    check_query(query.text, allow_service=allow_service)  # before loading the graph
    store = load_store(args.graph)
    result = run_query(store, query, bound, allow_service=allow_service)
    if query.params:  # the parameters' own columns only echo the values given
        result = result.drop(bound)
    fmt = getattr(args, "format", "table") or "table"
    sys.stdout.write(
        {"table": result.to_table, "csv": result.to_csv, "json": result.to_json}[fmt]()
    )
    return 0
