"""Beyond one machine: the steps after the extraction at 10^3…10^6 articles, and the
extraction stage on a Dask cluster against the local build.

    python benchmarks/bench_scale.py --replay                  # 10^3, 10^4, 10^5; update +1% at 10^4
    python benchmarks/bench_scale.py --replay 1000 10000 30000 --update-at 10000
    python benchmarks/bench_scale.py --dask                    # 1,000 articles, 1 and 2 workers
    python benchmarks/bench_scale.py --dask --articles 200 --workers 1 2

``--replay``: a full build of ``--articles`` (1,000) real-text articles, then for each size
N a build folder of N replayed articles (:func:`write_replay`: its documents and cached
facts copied with fresh identifiers and shuffled names, nothing parsed) and, in a fresh
process, ``build([], folder, update=True)``: every step after the extraction. Printed per
size: wall and CPU seconds, growth exponents, peak RSS (sampled tree and ``ru_maxrss``, and the
peak of each step, sampled in the process),
seconds per step; and the update adding 1% at ``--update-at``, against a full build, in CPU
time (the extraction's CPU per article from the base build).

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
import shutil
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_build import finish, gb, machine  # noqa: E402
from bench_build import measure as _measure  # noqa: E402
from corpus import DEV, write_corpus  # noqa: E402

# --- the measured programs (run as: bench_scale.py local|dask OUT N CORPUS) -------------------


def run_local(corpus: Path, out: Path, workers: int) -> dict:
    from kg.pipeline import build

    report = build([str(corpus)], out, quiet=True, workers=workers, keep_model=False)
    t = report.timings
    return {
        "documents": report.documents,
        "triples": report.triples,
        "problems": len(report.problems),
        "timings": t,
        "cpu_timings": report.cpu_timings,
        "stage": t.get("extract", 0.0),
        "start": t.get("model", 0.0),
    }


def run_dask(corpus: Path, out: Path, workers: int) -> dict:
    from kg.executors import DaskExecutor
    from kg.pipeline import build

    with DaskExecutor(workers=workers) as executor:
        t = time.perf_counter()
        executor.start()
        start = time.perf_counter() - t
        report = build([str(corpus)], out, quiet=True, executor=executor, keep_model=False)
        s = executor.stats
    return {
        "documents": report.documents,
        "triples": report.triples,
        "problems": len(report.problems),
        "timings": report.timings,
        "stage": report.timings.get("extract", 0.0),
        "start": start,
        "tasks": s.tasks,
        "busy": s.busy,
        "task_cpu": s.cpu,
        "wall_stage": s.wall,
        "task_median": sorted(s.task_seconds)[len(s.task_seconds) // 2] if s.tasks else 0,
    }


def measure(args: list[str]) -> dict:
    """Run ``bench_scale.py ARGS`` in a fresh process (:func:`bench_build.measure`)."""
    return _measure(args, __file__)


def same_files(a: Path, b: Path) -> bool:
    """Whether two build folders hold the same output files, byte for byte."""
    from kg.cache import output_files

    return output_files(a) == output_files(b)


# --- replay: the steps after the extraction at 10^3 … 10^6 articles ----------------------------

REPLICA = "-r"  # a replayed article's identifier: the base's, then "-r<replica>"


def _base_articles(base: Path) -> tuple[list, dict[str, dict]]:
    """The documents of the build in ``base`` (in build order) and their cached facts (JSON,
    by document identifier)."""
    from kg.cache import BuildFolder, _read_json, document_key
    from kg.pipeline import _with_homes

    with BuildFolder(base) as folder:
        state = folder.load_state()
        docs = []
        for src in sorted(state.sources.values(), key=lambda s: s.key):
            folder.load_source(src)
            docs += [d for rec in src.records for d in rec]
        facts = {}
        for d in _with_homes(docs, None):  # the facts are filed under the settled document
            path = folder.facts_dir() / f"{document_key(d)}.json"
            if path.is_file():
                facts[d.identifier] = _read_json(path)["extraction"]
    return [d for d in docs if d.identifier in facts], facts


def _name_tokens(facts: dict[str, dict]) -> list[str]:
    return sorted(
        {
            t
            for ex in facts.values()
            for o in ex["officials_table"]
            for n in [o["name"], *o["names"]]
            for t in n.split()
        }
    )


def _renamer(tokens: list[str], replica: int):
    """Replica 0 keeps the names; replica r maps every name token to another one of the
    corpus (a permutation seeded by r), so a person keeps one name within the replica and
    replicas hold mostly other people."""
    import random

    if replica == 0:
        return lambda name: name
    shuffled = tokens[:]
    random.Random(replica).shuffle(shuffled)
    table = dict(zip(tokens, shuffled))
    return lambda name: " ".join(table.get(t, t) for t in name.split())


def _replayed(obj, old: str, new: str, rename):
    """The cached facts ``obj`` with the document ``old`` as ``new`` and names renamed."""
    if isinstance(obj, list):
        return [_replayed(v, old, new, rename) for v in obj]
    if not isinstance(obj, dict):
        return obj
    out = {k: _replayed(v, old, new, rename) for k, v in obj.items()}
    if out.get("document") == old:
        out["document"] = new
    if "names" in out and "name" in out and "roles" in out:  # an official
        out["name"] = rename(out["name"])
        out["names"] = [rename(n) for n in out["names"]]
    return out


def write_replay(base: Path, articles: int, out: Path, first_replica: int = 0) -> int:
    """Make (or extend) ``out`` into a build folder of ``articles`` replayed articles: the
    documents and cached facts of the build in ``base`` copied with fresh identifiers and
    shuffled names, as if every article had been read already (nothing is parsed). Replicas
    are numbered from ``first_replica``. Returns the number of replicas written."""
    import dataclasses
    import hashlib

    from kg.cache import BuildFolder, Source, _dumps, document_key, reader_version
    from kg.pipeline import _with_homes

    docs, facts = _base_articles(base)
    if not docs:  # the base's facts are filed under another extractor's fingerprint
        raise SystemExit(f"{base}: no cached facts for this code: build the base again")
    tokens = _name_tokens(facts)
    out.mkdir(parents=True, exist_ok=True)
    with BuildFolder(out) as folder:
        state = folder.load_state()
        state.reader = reader_version()
        fdir = folder.facts_dir()
        fdir.mkdir(parents=True, exist_ok=True)
        replica, left = first_replica, articles
        while left > 0:
            rename = _renamer(tokens, replica)
            name = f"replay-{replica:05d}.jsonl"
            key = f"/replay/{name}"
            src = Source(
                key=key,
                display=name,
                sha256="replay",
                fresh=False,
                entry=hashlib.sha256(f"replay|{key}".encode()).hexdigest(),
            )
            for d in docs[:left]:
                new = f"{d.identifier}{REPLICA}{replica}"
                doc = dataclasses.replace(
                    d,
                    identifier=new,
                    source_file=name,
                    url=f"https://example.org/replay/{new}.html",
                )
                src.records.append([doc])
                k = document_key(_with_homes([doc], None)[0])
                ex = _replayed(facts[d.identifier], d.identifier, new, rename)
                (fdir / f"{k}.json").write_text(
                    _dumps({"key": k, "extraction": ex}), encoding="ascii"
                )
            folder.write_entry(src)
            state.sources[key] = src
            left -= len(src.records)
            replica += 1
        from kg.cache import _write_json

        _write_json(folder.state_file, folder.state_json(state))
    return replica - first_replica


class _RssSampler:
    """This process's resident memory sampled every 0.2 s in a thread, to tell which step
    of a build holds the most (the peak of each step's window, from the build's laps)."""

    def __init__(self, every: float = 0.2) -> None:
        self.every, self.samples = every, []  # (perf_counter, RSS bytes)
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _rss(self) -> int:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        return 0

    def _run(self) -> None:
        while not self._done.is_set():
            self.samples.append((time.perf_counter(), self._rss()))
            self._done.wait(self.every)

    def __enter__(self) -> "_RssSampler":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._done.set()
        self._thread.join()
        self.samples.append((time.perf_counter(), self._rss()))

    def per_step(self, start: float, timings: dict[str, float]) -> dict[str, int]:
        """The peak RSS in each step's window: the steps' wall seconds laid end to end from
        ``start`` (the laps are consecutive), the last window open to the end."""
        peaks: dict[str, int] = {}
        bounds, t = [], start
        for step, seconds in timings.items():
            bounds.append((step, t, t + seconds))
            t += seconds
        for when, rss in self.samples:
            step = next((s for s, a, b in bounds if a <= when < b), bounds[-1][0] if bounds else "")
            peaks[step] = max(peaks.get(step, 0), rss)
        return peaks


def run_replay(out: Path) -> dict:
    """The steps after the extraction of the build in ``out`` (every article's facts cached):
    an update that gives no input, so everything is made again from the cache."""
    import resource

    from kg.pipeline import build

    t = time.process_time()
    with _RssSampler() as rss:
        start = time.perf_counter()
        report = build([], out, quiet=True, update=True, keep_model=False)
    return {
        "step_rss": rss.per_step(start, report.timings),
        "documents": report.documents,
        "triples": report.triples,
        "extracted": report.extracted,
        "problems": len(report.problems),
        "timings": report.timings,
        "cpu_timings": report.cpu_timings,
        "pieces": report.pieces,
        "self_cpu": time.process_time() - t,
        "maxrss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "maxrss_children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024,
    }


# --- the benchmark ------------------------------------------------------------------------------


def bench_dask(
    articles: int, workers: list[int], folder: Path, sources: list[Path] | None
) -> list[dict]:
    folder.mkdir(parents=True, exist_ok=True)
    corpus, words = write_corpus(articles, folder / f"corpus-{articles}.jsonl", sources=sources)
    runs = (
        [("local", 1)] + [("local", n) for n in workers if n != 1] + [("dask", n) for n in workers]
    )
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
    lines = [
        "| run | workers | build s | extraction s | extraction art/s | speed-up "
        "(extraction) | speed-up (build) | start-up s | CPU s (all processes) | tasks | "
        "worker busy s (CPU s) | overhead per task | peak RSS (PSS) | files identical |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        dask = r["kind"] == "dask"
        n = r["workers"]
        cells = [
            r["kind"],
            str(n),
            f"{r['wall']:.1f}",
            f"{r['stage']:.1f}",
            f"{r['articles'] / r['stage']:.1f}",
            f"{base['stage'] / r['stage']:.2f}",
            f"{base['wall'] / r['wall']:.2f}",
        ]
        cells += [f"{r['start']:.1f}", f"{r['cpu']:.0f}"]
        if dask and r["tasks"]:
            overhead = (r["wall_stage"] * n - r["busy"]) / r["tasks"]
            cells += [
                str(r["tasks"]),
                f"{r['busy']:.1f} ({r['task_cpu']:.1f})",
                f"{overhead * 1000:.0f} ms",
            ]
        else:
            cells += ["–"] * 3
        cells += [f"{gb(r['rss'])} ({gb(r['pss'])})", "yes" if r["identical"] else "NO"]
        lines.append("| " + " | ".join(cells) + " |")
    dask_rows = [r for r in rows if r["kind"] == "dask" and r["tasks"]]
    if dask_rows:
        lines.append("")
        for r in dask_rows:
            lines.append(
                f"dask {r['workers']}: median task {r['task_median']:.2f} s for "
                f"{r['articles'] / r['tasks']:.0f} articles; extraction in the "
                f"workers {r['busy'] / r['articles'] * 1000:.0f} ms/article vs "
                f"{base['stage'] / base['articles'] * 1000:.0f} ms/article for the "
                "local 1 stage"
            )
    return "\n".join(lines)


def bench_replay(
    sizes: list[int],
    folder: Path,
    base_articles: int,
    update_at: int | None,
    sources: list[Path] | None,
    keep: bool = False,
    reuse_base: bool = False,
) -> tuple[dict, list[dict]]:
    """Build ``base_articles`` real-text articles once (the extraction measured; with
    ``reuse_base``, the base of an earlier run when there is one), then for each size a build
    folder of replayed facts and the steps after the extraction on it."""
    import math

    folder.mkdir(parents=True, exist_ok=True)
    base = folder / f"base-{base_articles}"
    figures = folder / f"base-{base_articles}.json"
    if reuse_base and figures.is_file() and base.is_dir():
        b = json.loads(figures.read_text(encoding="utf-8"))
    else:
        corpus, words = write_corpus(
            base_articles, folder / f"corpus-{base_articles}.jsonl", sources=sources
        )
        print(f"  base: a full build of {base_articles} articles…", flush=True)
        shutil.rmtree(base, ignore_errors=True)
        b = measure(["local", str(base), "1", str(corpus)])
        b.update(articles=base_articles, words=words)
        figures.write_text(json.dumps(b), encoding="utf-8")
    rows = []
    for n in sizes:
        out = folder / f"replay-{n}"
        shutil.rmtree(out, ignore_errors=True)
        t = time.perf_counter()
        replicas = write_replay(base, n, out)
        prepared = time.perf_counter() - t
        print(f"  replay {n} ({replicas} replicas, written in {prepared:.0f} s)…", flush=True)
        r = measure(["replay", str(out)])
        r.update(kind="full", articles=n, prepared=prepared)
        rows.append(r)
        if n == update_at:
            write_replay(base, max(1, n // 100), out, first_replica=replicas)
            print(f"  update +1% of {n}…", flush=True)
            u = measure(["replay", str(out)])
            u.update(kind="update", articles=n, added=max(1, n // 100))
            rows.append(u)
        if not keep:
            shutil.rmtree(out, ignore_errors=True)
    fulls = [r for r in rows if r["kind"] == "full"]
    for a, z in zip(fulls, fulls[1:]):
        k = math.log(z["articles"] / a["articles"])
        z["exponent_wall"] = math.log(z["wall"] / a["wall"]) / k
        z["exponent_cpu"] = math.log(z["cpu"] / a["cpu"]) / k
    return b, rows


_STEPS = (
    "read",
    "extract",
    "resolve",
    "graph",
    "export",
    "formats",
    "merge_report",
    "plover",
    "views",
    "commit",
)


def _per_step_table(rows: list[dict], field: str, title: str, cell) -> list[str]:
    """The lines of a table of ``field`` (a dict by step) for each row; none when no row
    has it. ``cell`` spells a step's value (None when the row has none for the step)."""
    if not any(field in r for r in rows):
        return []
    lines = ["", title, "", "| articles | run | " + " | ".join(_STEPS) + " |"]
    lines.append("|---:|---|" + "---:|" * len(_STEPS))
    for r in rows:
        run = "after extraction" if r["kind"] == "full" else f"update +{r['added']}"
        values = r.get(field, {})
        cells = [f"{r['articles']:,}", run] + [cell(values.get(s)) for s in _STEPS]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def replay_table(base: dict, rows: list[dict]) -> str:
    per_article = base["stage"] / base["articles"]
    lines = [
        f"base: {base['articles']} articles built in {base['wall']:.0f} s, extraction "
        f"{base['stage']:.1f} s ({per_article * 1000:.0f} ms/article, CPU "
        f"{base['cpu']:.0f} s for the whole build)",
        "",
        "| articles | run | wall s | CPU s | exponent (wall, CPU) | peak RSS (tree) | "
        "ru_maxrss | triples | " + " | ".join(_STEPS) + " |",
        "|---:|---|---:|---:|---|---:|---:|---:|" + "---:|" * len(_STEPS),
    ]
    for r in rows:
        exp = f"{r['exponent_wall']:.2f}, {r['exponent_cpu']:.2f}" if "exponent_wall" in r else "–"
        run = "after extraction" if r["kind"] == "full" else f"update +{r['added']}"
        cells = [
            f"{r['articles']:,}",
            run,
            f"{r['wall']:.1f}",
            f"{r['cpu']:.1f}",
            exp,
            gb(r["rss"]),
            gb(max(r["maxrss"], r["maxrss_children"])),
            f"{r['triples']:,}",
        ]
        cells += [f"{r['timings'].get(s, 0.0):.1f}" for s in _STEPS]
        lines.append("| " + " | ".join(cells) + " |")
    lines += _per_step_table(
        rows,
        "step_rss",
        "Peak RSS of the process in each step (sampled every 0.2 s):",
        lambda v: "–" if v is None else gb(v),
    )
    lines += _per_step_table(
        rows, "cpu_timings", "CPU seconds per step:", lambda v: f"{v or 0.0:.1f}"
    )
    lines += update_lines(base, rows)
    return "\n".join(lines)


def update_lines(base: dict, rows: list[dict]) -> list[str]:
    """The update against a full build, in CPU seconds: each is the steps after the
    extraction (measured on the replayed folders), the extraction of its articles (the base
    build's CPU per article, less its steps after the extraction and its model load) and
    one load of the model (both builds read articles, each loads the model once)."""
    first = next(
        (r for r in rows if r["kind"] == "full" and r["articles"] == base["articles"]), None
    )
    if first is None:
        return []
    # a base measured before its CPU per step was kept: its model load in wall seconds
    load = base.get("cpu_timings", {}).get("model", base.get("start", 0.0))
    ex_cpu = (base["cpu"] - first["cpu"] - load) / base["articles"]
    lines = [
        f'\n("extract" here is reading the cached facts.) Extraction: '
        f"{ex_cpu * 1000:.0f} ms CPU per article (the base build's CPU less its steps after "
        f"the extraction and its model load, {load:.1f} s, counted once per build)"
    ]
    by = {(r["kind"], r["articles"]): r for r in rows}
    for (kind, n), u in by.items():
        if kind != "update" or ("full", n) not in by:
            continue
        f = by[("full", n)]
        full = load + n * ex_cpu + f["cpu"]
        upd = load + u["added"] * ex_cpu + u["cpu"]
        lines.append(
            f"update +{u['added']} at {n:,}, CPU: {upd:.0f} s (model {load:.0f} s + extraction "
            f"of the new articles {u['added'] * ex_cpu:.0f} s + {u['cpu']:.0f} s) against a "
            f"full build of {full:.0f} s (model {load:.0f} s + extraction {n * ex_cpu:.0f} s "
            f"+ {f['cpu']:.0f} s): {upd / full:.1%}"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "replay":  # a measured child process
        print(json.dumps(run_replay(Path(argv[1]))))
        return 0
    if argv and argv[0] in ("local", "dask"):  # a measured child process
        kind, out, n, corpus = argv[0], Path(argv[1]), int(argv[2]), Path(argv[3])
        result = (run_local if kind == "local" else run_dask)(corpus, out, n)
        print(json.dumps(result))
        return 0
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument(
        "--dask",
        action="store_true",
        help="the Dask executor (LocalCluster of N workers) against the local build",
    )
    p.add_argument(
        "--replay",
        type=int,
        nargs="*",
        metavar="N",
        help="the steps after the extraction on N replayed articles (default 1000 10000 100000)",
    )
    p.add_argument(
        "--update-at",
        type=int,
        default=10000,
        help="with --replay: also an update adding 1%% at this size",
    )
    p.add_argument("--keep", action="store_true", help="keep the replayed build folders")
    p.add_argument(
        "--reuse-base",
        action="store_true",
        help="with --replay: reuse the base build of an earlier run (same code)",
    )
    p.add_argument("--articles", type=int, default=1000)
    p.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    p.add_argument("--out", type=Path, default=ROOT / ".bench" / "scale")
    p.add_argument("--json", type=Path, help="also write the figures to this file")
    p.add_argument(
        "--dev",
        type=Path,
        default=DEV,
        help="the dev articles whose paragraphs are recombined (with seeds/)",
    )
    args = p.parse_args(argv)
    if not args.dask and args.replay is None:
        p.error("choose what to measure: --dask, --replay")
    sources = [ROOT / "seeds"] + ([args.dev] if args.dev.is_file() else [])
    if args.replay is not None:
        sizes = args.replay or [1000, 10000, 100000]
        print(
            f"kg bench_scale --replay: {machine()}; the facts of {args.articles} articles "
            f"replayed to {', '.join(f'{n:,}' for n in sizes)}"
        )
        base, rows = bench_replay(
            sizes,
            args.out / "replay",
            args.articles,
            args.update_at,
            sources,
            args.keep,
            args.reuse_base,
        )
        finish(replay_table(base, rows), {"base": base, "rows": rows}, args.json)
        if not args.dask:
            return 0
    print(
        f"kg bench_scale --dask: {machine()}; "
        f"{args.articles} articles from the paragraphs of {', '.join(map(str, sources))}"
    )
    rows = bench_dask(args.articles, args.workers, args.out / "dask", sources)
    finish(table(rows), rows, args.json, " (other work on the machine slows every run)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
