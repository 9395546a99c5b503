"""The ``kg`` command: one module per sub-command (``kg.cli.build``, ``query``, ``load``,
``eval``), each declaring its options and turning them into a call of the library, whose
modules neither parse arguments nor print."""

from __future__ import annotations

import argparse
import sys

from kg import __version__
from kg.cli import build, evaluate, load, query
from kg.cli._common import one_line

__all__ = ["main", "make_parser", "one_line"]


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg", description="Knowledge graph of bilateral diplomatic relations from French news."
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in (build, query, load, evaluate):
        command.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130
    except (OSError, ValueError, RuntimeError) as exc:  # one line, no traceback
        print(f"kg {args.command}: {one_line(str(exc))}", file=sys.stderr)
        return 2
