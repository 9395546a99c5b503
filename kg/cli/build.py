"""``kg build``: read articles, write the graph, its formats and views."""

from __future__ import annotations

import argparse
import math
import sys

from kg.cli._common import one_line
from kg.errors import Errors


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Declare ``kg build`` and its options."""
    p = sub.add_parser(
        "build",
        help="build articles into a graph and views",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Read .txt pages, .html/.htm web pages and .json/.jsonl records (files or "
        "folders, searched recursively) and write graph.ttl, graph.trig, "
        "events.plover.jsonl and the HTML views into --out.",
        epilog="""\
Updating a build (DIR/.kg-cache/ remembers its inputs and what was read in each article):
  kg build new.jsonl --out DIR --update    add new.jsonl (or read it again if it changed)
  kg build corpus/ --out DIR --update      corpus/ as it is now: new and changed files are
                                           read, files deleted from corpus/ leave the build
  kg build --out DIR --remove old.jsonl    drop the articles of an input file (or folder);
                                           the file may already be deleted
To remove one article of a file holding several, delete it from the file, then give the
file again with --update. Inputs not given are kept as read before, without reading them
again; only new or changed articles go through the language model. An update gives the same
files, byte for byte, as a full build of the same inputs. A full build (no --update) keeps
only the inputs given, and still reuses the facts cached for unchanged articles.

Outputs are swapped in only once complete: a build that is stopped leaves the previous ones
intact (the next build finishes or clears its work).

DIR must be new, empty or a build folder (it holds .kg-cache/); --force writes into any
folder. When none of the inputs given can be read, nothing in DIR changes.

Exit code: 0; 1 when an input or article was skipped (each one on a line "file:line:
message" on stderr); 2 on a usage error or when the build cannot be done (nothing in DIR
changed).""",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="input files or folders")
    p.add_argument("--out", required=True, metavar="DIR", help="output folder")
    p.add_argument(
        "--update",
        action="store_true",
        help="add PATHs to the build in DIR instead of replacing it (see below)",
    )
    p.add_argument(
        "--remove",
        action="append",
        default=[],
        metavar="PATH",
        help="drop the articles read from this input file or folder (repeatable; implies --update)",
    )
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help="processes reading the articles (default 1; each needs about 0.6 GB)",
    )
    p.add_argument(
        "--executor",
        choices=("processes", "dask"),
        default=None,
        help="where the articles are read: 'processes' (default: this process, or "
        "--workers N forked ones) or 'dask' (a Dask cluster: --scheduler, else "
        "a local cluster of --workers N processes); the same files either way",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="the Dask scheduler to send the articles to, e.g. tcp://HOST:8786 "
        "(implies --executor dask; its workers are the cluster's own)",
    )
    p.add_argument(
        "--max-article-mb",
        type=float,
        default=0.2,
        metavar="MB",
        help="skip (and report) an article whose text is longer than MB million "
        "characters (default 0.2: 200,000 characters, about 30,000 words, "
        "ten times a long article)",
    )
    p.add_argument(
        "--max-article-seconds",
        type=float,
        default=180,
        metavar="S",
        help="skip (and report) an article the language model and the extractor "
        "take more than S seconds to read (default 180; articles under the "
        "size limit take seconds)",
    )
    p.add_argument(
        "--officials",
        metavar="FILE",
        help="link officials to the office holders of this table (tab-separated, "
        "the columns of the table shipped with kg: qid name label_fr aliases "
        "country position position_label start end) instead of the shipped "
        "one; give it again with --update",
    )
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="read every article again instead of reusing cached facts",
    )
    p.add_argument(
        "--home-country",
        metavar="XX",
        help='the outlet country (ISO code) of articles whose record ("country"), '
        "URL, agency credit and text give none; without it an official named "
        "with no country cue in such an article gets no country",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="build into DIR even if it holds files but no build (the build's own "
        "files are written over; no other file is ever deleted)",
    )
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    p.set_defaults(func=lambda args, parser=p: run(args, parser))


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Build the inputs, print the problems and the summary; the exit code."""
    from kg.pipeline import build

    if not args.paths and not (args.update or args.remove):
        parser.error(
            Errors.E501.format(problem="give input files or folders (or --update / --remove)")
        )
    if args.workers < 1:
        parser.error(Errors.E501.format(problem="--workers must be at least 1"))
    if args.executor is None:
        args.executor = "dask" if args.scheduler else "processes"
    if not args.max_article_seconds > 0:
        parser.error(
            Errors.E501.format(
                problem=f"--max-article-seconds must be a positive number of seconds, not "
                f"{args.max_article_seconds}"
            )
        )
    if not (math.isfinite(args.max_article_mb) and args.max_article_mb > 0):
        parser.error(
            Errors.E501.format(
                problem=f"--max-article-mb must be a positive number of millions of characters "
                f"(e.g. 0.2 or 1), not {args.max_article_mb}"
            )
        )
    home = (args.home_country or "").strip().upper() or None
    if home is not None:
        from kg.lexicon import load_lexicon

        if home not in load_lexicon().countries:
            parser.error(
                Errors.E501.format(
                    problem=f"--home-country: {args.home_country!r} is not an ISO 3166-1 alpha-2 "
                    "country code (like DZ, FR, VN)"
                )
            )
    with _executor(args, parser) as executor:
        report = build(
            args.paths,
            args.out,
            quiet=args.quiet,
            update=args.update,
            remove=args.remove,
            workers=args.workers,
            max_article_mb=args.max_article_mb,
            use_cache=not args.no_cache,
            keep_model=False,
            executor=executor,
            home_country=home,
            officials=args.officials,
            force=args.force,
            max_article_seconds=args.max_article_seconds,
        )
    for warning in report.warnings:
        print(f"kg build: warning: {one_line(str(warning))}", file=sys.stderr)
    for problem in report.problems:
        print(f"kg build: {one_line(str(problem))}", file=sys.stderr)
    for failure in report.failures:
        print(f"kg build: error: {one_line(failure)}", file=sys.stderr)
    if report.not_built:
        print(f"kg build: error: {one_line(report.not_built)}", file=sys.stderr)
        return 2
    if not args.quiet:
        print(report.summary(), file=sys.stderr)
    return 1 if report.problems or report.failures else 0


def _executor(args: argparse.Namespace, parser: argparse.ArgumentParser):
    """The executor of ``--executor`` (None: the build's own processes), as a context."""
    import contextlib

    if args.scheduler and args.executor == "processes":
        parser.error(Errors.E501.format(problem="--scheduler needs --executor dask"))
    if args.executor != "dask":
        return contextlib.nullcontext(None)
    from kg.executors import DaskExecutor, dask_missing

    why = dask_missing()
    if why:
        raise RuntimeError(Errors.E501.format(problem=why))
    return DaskExecutor(args.scheduler, workers=args.workers)
