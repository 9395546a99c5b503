"""Time and peak memory of one article against its length, for pathological shapes.

    python benchmarks/bench_hostile.py                       # every shape, 25k to 200k chars
    python benchmarks/bench_hostile.py --shapes dates parens --sizes 50000 100000
    python benchmarks/bench_hostile.py --mb 1                # + prose at 1,000,000 characters

Each run is a fresh process doing the whole ``kg build`` of a JSON Lines file holding one
article of the given shape and length (``kg.pipeline.build``, the model loaded, the views
written), so the peak memory (``ru_maxrss`` of that process, from ``wait4``) is the build's
own. A tiny article gives the baseline (the model and the build's fixed costs). Printed for
each shape: seconds of the build, seconds in the language model and the extractor, peak
memory and its growth over the baseline, and the growth exponent of the extraction time from
one size to the next (1 = linear, 2 = quadratic). Nothing is asserted: the figures go to the
README's table ("Bad input").

The shapes are those that were quadratic before issue 12 (a sentence of thousands of dates,
long runs of punctuation without a space, nested parentheses, one "sentence" of thousands
of words), and ordinary prose for comparison.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PROSE = (
    "Le président {n} Tô Lâm a reçu le 10 mars 2025 à Hanoï le président sud-africain "
    "Cyril Ramaphosa. Les deux dirigeants ont salué le partenariat stratégique entre les "
    "deux pays et signé {n} accords de coopération.\n\n"
)


def _repeat(unit: str, n: int) -> str:
    return (unit * (n // len(unit) + 1))[:n]


def _prose(n: int) -> str:
    # every paragraph different (a repeated paragraph is read once: see kg.ingest)
    out, i, size = [], 0, 0
    while size < n:
        p = PROSE.format(n=i)
        out.append(p)
        size += len(p)
        i += 1
    return "".join(out)[:n]


SHAPES = {
    "dates": ("'le 10 mars, ' x N: one sentence of dates", lambda n: _repeat("le 10 mars, ", n)),
    "parens": ("'(a(a(a...)))': nested parentheses", lambda n: "(a" * (n // 4) + ")" * (n // 2)),
    "punct": ("'Le ((((...': one run of punctuation", lambda n: "Le " + "(" * (n - 3)),
    "apostrophes": ("'l'l'l'...': a run of elisions", lambda n: _repeat("l'", n)),
    "words": ("'mot mot mot...': one sentence, no punctuation", lambda n: _repeat("mot ", n)),
    "officials": (
        "the same meeting x N in one paragraph",
        lambda n: _repeat(
            "le président Tô Lâm a reçu le ministre français Jean Dupont à Hanoï, ", n
        ),
    ),
    "prose": ("ordinary news paragraphs, all different", _prose),
}


def run_one(shape: str, chars: int, folder: Path, mb: float) -> None:
    """In the measured process: write the article, build it, print the report as JSON."""
    from kg.pipeline import build

    text = "Titre\n\n" + SHAPES[shape][1](chars) if chars else "Titre\n\nLe président a reçu."
    src = folder / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": text}) + "\n", encoding="utf-8")
    report = build([src], folder / "out", quiet=True, max_article_mb=mb, use_cache=False)
    print(
        json.dumps(
            {
                "seconds": report.seconds,
                "timings": report.timings,
                "problems": [str(p) for p in report.problems],
                "events": report.events,
                "chars": len(text),
            }
        )
    )


def measure(shape: str, chars: int, mb: float) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="kg-bench-hostile-"))
    try:
        proc = subprocess.Popen(
            [sys.executable, __file__, "one", shape, str(chars), str(folder), str(mb)],
            stdout=subprocess.PIPE,
            cwd=ROOT,
            text=True,
        )
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            raise RuntimeError(f"{shape} {chars}: exit {proc.returncode}")
        result = json.loads(out.strip().splitlines()[-1])
        result["peak_gb"] = usage.ru_maxrss * 1024 / 1e9
        return result
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shapes", nargs="+", default=list(SHAPES), choices=list(SHAPES))
    parser.add_argument("--sizes", nargs="+", type=int, default=[25_000, 50_000, 100_000, 200_000])
    parser.add_argument(
        "--mb",
        type=float,
        default=0.0,
        help="also build prose of this many million characters (with --max-article-mb set to it)",
    )
    args = parser.parse_args()
    limit = max(args.sizes) / 1e6 + 0.001
    base = measure("prose", 0, limit)
    print(
        f"baseline (a one-sentence article): build {base['seconds']:.1f} s, peak "
        f"{base['peak_gb']:.2f} GB",
        flush=True,
    )
    print(
        "| shape | characters | build s | model + extractor s | exponent | peak GB | "
        "over baseline GB | events |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for shape in args.shapes:
        prev = None
        for chars in args.sizes:
            r = measure(shape, chars, limit)
            ext = r["timings"].get("extract", 0.0)
            exp = (
                f"{math.log(ext / prev[1]) / math.log(chars / prev[0]):.2f}"
                if prev and prev[1] > 0.05 and ext > 0
                else ""
            )
            note = f" ({'; '.join(r['problems'])})" if r["problems"] else ""
            print(
                f"| {shape} | {chars:,} | {r['seconds']:.1f} | {ext:.1f} | {exp} | "
                f"{r['peak_gb']:.2f} | {r['peak_gb'] - base['peak_gb']:.2f} | "
                f"{r['events']}{note} |",
                flush=True,
            )
            prev = (chars, ext)
    if args.mb:
        chars = int(args.mb * 1e6)
        r = measure("prose", chars, args.mb + 0.001)
        print(
            f"| prose | {chars:,} | {r['seconds']:.1f} | {r['timings'].get('extract', 0):.1f} "
            f"|  | {r['peak_gb']:.2f} | {r['peak_gb'] - base['peak_gb']:.2f} | {r['events']} |"
        )
    print("\nShapes: " + "; ".join(f"{k}: {v[0]}" for k, v in SHAPES.items() if k in args.shapes))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "one":
        sys.path.insert(0, str(ROOT))
        run_one(sys.argv[2], int(sys.argv[3]), Path(sys.argv[4]), float(sys.argv[5]))
    else:
        main()
