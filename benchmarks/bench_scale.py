"""Beyond one machine: the build's extraction stage on a Dask cluster against the local build.

    python benchmarks/bench_scale.py --dask                    # 1,000 articles, 1 and 2 workers
    python benchmarks/bench_scale.py --dask --articles 200 --workers 1 2

``--dask``: on a corpus of real-text articles (benchmarks/corpus.py: the seed and dev
paragraphs recombined into new articles with fresh ids), each run in a fresh process into an
empty build folder (nothing cached):

local N      ``kg.pipeline.build(corpus, out, workers=N)``: this process (N=1) or N forked
             processes read the articles (the default executor);
dask N       the same build with ``executor=kg.executors.DaskExecutor(workers=N)``: a
             ``distributed.LocalCluster`` of N worker processes (one thread each, 127.0.0.1,
             no dashboard) started first; its start-up (with the model loaded on each worker
             by the worker plugin) is timed apart.

Printed per run: wall seconds (whole build), the extraction stage's seconds and articles/s,
the start-up (the model's load in the build's process for local runs; the cluster's start,
with the model loaded on every worker, for Dask), the speed-up of the stage and of the
whole build over ``local 1``, peak memory of the process
tree (the cluster's workers included), the CPU seconds of all its processes (steadier than
wall time on a shared machine), and for Dask: tasks, the seconds (and CPU seconds) the
workers spent in the extractor, and the overhead per task = (stage wall × workers − worker busy seconds) /
tasks — scheduling, sending the documents, sending the facts back and reading them into
the build. Every Dask build's files are compared byte for byte with ``local 1``'s.
Nothing is asserted: a machine shared with other work makes every figure noisy.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_build import gb  # noqa: E402
from bench_build import measure as _measure  # noqa: E402
from corpus import DEV, write_corpus  # noqa: E402


# --- the measured programs (run as: bench_scale.py local|dask OUT N CORPUS) -------------------

def run_local(corpus: Path, out: Path, workers: int) -> dict:
    from kg.pipeline import build

    report = build([str(corpus)], out, quiet=True, workers=workers, keep_model=False)
    t = report.timings
    return {"documents": report.documents, "triples": report.triples,
            "problems": len(report.problems), "timings": t,
            "stage": t.get("extract", 0.0), "start": t.get("model", 0.0)}


def run_dask(corpus: Path, out: Path, workers: int) -> dict:
    from kg.executors import DaskExecutor
    from kg.pipeline import build

    with DaskExecutor(workers=workers) as executor:
        t = time.perf_counter()
        executor.start()
        start = time.perf_counter() - t
        report = build([str(corpus)], out, quiet=True, executor=executor, keep_model=False)
        s = executor.stats
    return {"documents": report.documents, "triples": report.triples,
            "problems": len(report.problems), "timings": report.timings,
            "stage": report.timings.get("extract", 0.0), "start": start,
            "tasks": s.tasks, "busy": s.busy, "task_cpu": s.cpu, "wall_stage": s.wall,
            "task_median": sorted(s.task_seconds)[len(s.task_seconds) // 2] if s.tasks else 0}


def measure(args: list[str]) -> dict:
    """Run ``bench_scale.py ARGS`` in a fresh process (:func:`bench_build.measure`)."""
    return _measure(args, __file__)


def same_files(a: Path, b: Path) -> bool:
    def files(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
                if p.is_file() and ".kg-cache" not in p.relative_to(root).parts}
    return files(a) == files(b)


# --- the benchmark ------------------------------------------------------------------------------

def bench_dask(articles: int, workers: list[int], folder: Path,
               sources: list[Path] | None) -> list[dict]:
    folder.mkdir(parents=True, exist_ok=True)
    corpus, words = write_corpus(articles, folder / f"corpus-{articles}.jsonl", sources=sources)
    runs = [("local", 1)] + [("local", n) for n in workers if n != 1] + \
        [("dask", n) for n in workers]
    rows = []
    for kind, n in runs:
        out = folder / f"out-{kind}-{n}"
        shutil.rmtree(out, ignore_errors=True)
        print(f"  {kind} {n}…", flush=True)
        r = measure([kind, str(out), str(n), str(corpus)])
        r.update(kind=kind, workers=n, out=str(out), articles=articles, words=words)
        rows.append(r)
    base = rows[0]
    for r in rows:
        r["identical"] = same_files(Path(base["out"]), Path(r["out"]))
    return rows


def table(rows: list[dict]) -> str:
    base = rows[0]
    lines = ["| run | workers | build s | extraction s | extraction art/s | speed-up "
             "(extraction) | speed-up (build) | start-up s | CPU s (all processes) | tasks | "
             "worker busy s (CPU s) | overhead per task | peak RSS (PSS) | files identical |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        dask = r["kind"] == "dask"
        n = r["workers"]
        cells = [r["kind"], str(n), f"{r['wall']:.1f}", f"{r['stage']:.1f}",
                 f"{r['articles'] / r['stage']:.1f}", f"{base['stage'] / r['stage']:.2f}",
                 f"{base['wall'] / r['wall']:.2f}"]
        cells += [f"{r['start']:.1f}", f"{r['cpu']:.0f}"]
        if dask and r["tasks"]:
            overhead = (r["wall_stage"] * n - r["busy"]) / r["tasks"]
            cells += [str(r["tasks"]), f"{r['busy']:.1f} ({r['task_cpu']:.1f})",
                      f"{overhead * 1000:.0f} ms"]
        else:
            cells += ["–"] * 3
        cells += [f"{gb(r['rss'])} ({gb(r['pss'])})", "yes" if r["identical"] else "NO"]
        lines.append("| " + " | ".join(cells) + " |")
    dask_rows = [r for r in rows if r["kind"] == "dask" and r["tasks"]]
    if dask_rows:
        lines.append("")
        for r in dask_rows:
            lines.append(f"dask {r['workers']}: median task {r['task_median']:.2f} s for "
                         f"{r['articles'] / r['tasks']:.0f} articles; extraction in the "
                         f"workers {r['busy'] / r['articles'] * 1000:.0f} ms/article vs "
                         f"{base['stage'] / base['articles'] * 1000:.0f} ms/article for the "
                         "local 1 stage")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in ("local", "dask"):           # a measured child process
        kind, out, n, corpus = argv[0], Path(argv[1]), int(argv[2]), Path(argv[3])
        result = (run_local if kind == "local" else run_dask)(corpus, out, n)
        print(json.dumps(result))
        return 0
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--dask", action="store_true",
                   help="the Dask executor (LocalCluster of N workers) against the local build")
    p.add_argument("--articles", type=int, default=1000)
    p.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    p.add_argument("--out", type=Path, default=ROOT / ".bench" / "scale")
    p.add_argument("--json", type=Path, help="also write the figures to this file")
    p.add_argument("--dev", type=Path, default=DEV,
                   help="the dev articles whose paragraphs are recombined (with seeds/)")
    args = p.parse_args(argv)
    if not args.dask:
        p.error("choose what to measure: --dask")
    sources = [ROOT / "seeds"] + ([args.dev] if args.dev.is_file() else [])
    load = os.getloadavg()
    print(f"kg bench_scale --dask: {platform.processor() or platform.machine()}, "
          f"{os.cpu_count()} cores, load average {load[0]:.1f} at start; "
          f"{args.articles} articles from the paragraphs of {', '.join(map(str, sources))}")
    rows = bench_dask(args.articles, args.workers, args.out / "dask", sources)
    print(table(rows))
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end (other work on the machine "
          "slows every run)")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
