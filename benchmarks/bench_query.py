"""Named queries on synthetic graphs: rdflib vs Oxigraph (``make bench-query``).

For each size (default 10^4, 10^5, 10^6 triples) a synthetic graph in the contract's shape
(kg.synthetic) is made once and cached under ``.bench/``; both engines load it, and each
named query runs with the same parameters on both: Oxigraph ``--repeat`` times after a warm-up,
rdflib ``--rdflib-repeat`` times (once at 10^6), each rdflib run cut at ``--rdflib-timeout``
seconds. Reported: the median CPU time of a run (query + reading all rows into Python) in
this process -- both engines evaluate in the calling thread, so on an idle machine it is the
wall-clock time, and on a shared one it does not count the neighbours' load; the wall-clock
medians are in the JSON too. The two engines' rows are checked to be identical.

Writes ``.bench/bench-query.md`` (the table) and ``.bench/bench-query.json``.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import signal
import statistics
import sys
import time
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.query import named_queries, run_named  # noqa: E402
from synthetic import synthetic_graph_of_size  # noqa: E402

BENCH = ROOT / ".bench"


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout()


def synthetic_file(n: int) -> Path:
    path = BENCH / f"synthetic-{n}.nt"
    if not path.is_file():
        t = time.perf_counter()
        g = synthetic_graph_of_size(n, seed=0)
        tmp = path.with_suffix(".tmp")
        g.serialize(tmp, format="nt", encoding="utf-8")
        tmp.replace(path)
        print(
            f"  generated {len(g)} triples in {time.perf_counter() - t:.0f} s -> {path}",
            file=sys.stderr,
        )
    return path


def parameters(store: ox.Store) -> dict[str, dict[str, str]]:
    """Parameters that give rows on this graph: VN and its busiest partner, the busiest
    official, a month, a fact with evidence."""

    def one(q):
        return next(iter(store.query(q)))

    P = "PREFIX bkg: <https://w3id.org/bilateral-kg/ontology#> "
    vn = "<https://w3id.org/bilateral-kg/resource/country/VN>"
    partner = one(
        P + f"SELECT ?code (COUNT(*) AS ?n) WHERE {{ ?e bkg:country {vn}, ?c . "
        f"FILTER(?c != {vn}) ?c bkg:isoCode ?code }} GROUP BY ?code "
        "ORDER BY DESC(?n) ?code LIMIT 1"
    )["code"].value
    official = one(
        P + "SELECT ?o (COUNT(*) AS ?n) WHERE { ?e bkg:participant ?o } GROUP BY ?o "
        "ORDER BY DESC(?n) ?o LIMIT 1"
    )["o"].value
    fact = one(P + "SELECT ?e WHERE { ?e bkg:evidence ?s } ORDER BY ?e LIMIT 1")["e"].value
    return {
        "meetings-between": {"a": "VN", "b": partner},
        "official": {"official": official},
        "relations-of": {"country": "VN"},
        "partners-by-year": {"country": "VN"},
        "events-in-range": {"from": "2019-03", "to": "2019-03"},
        "evidence": {"fact": fact},
        "officials-without-country": {},
    }


def timed(fn, repeat: int, timeout: float | None = None) -> tuple[list[float], list[float], object]:
    """(CPU times, wall-clock times, last result); an interrupted run counts as infinite."""
    cpu, wall, result = [], [], None
    for _ in range(repeat):
        gc.collect()
        if timeout:
            signal.setitimer(signal.ITIMER_REAL, timeout)
        t, c = time.perf_counter(), time.process_time()
        try:
            result = fn()
        except Timeout:
            return cpu + [float("inf")], wall + [float("inf")], None
        finally:
            if timeout:
                signal.setitimer(signal.ITIMER_REAL, 0)
        cpu.append(time.process_time() - c)
        wall.append(time.perf_counter() - t)
    return cpu, wall, result


def bench_size(n: int, args) -> dict:
    path = synthetic_file(n)
    t = time.process_time()
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
    ox_load = time.process_time() - t
    triples = len(store)
    params = parameters(store)
    rdflib_repeat = 1 if triples > 500_000 else args.rdflib_repeat
    graph = None
    rdflib_load = None
    if not args.oxigraph_only:
        t = time.process_time()
        graph = Graph()
        graph.parse(path, format="nt")
        rdflib_load = time.process_time() - t
    print(
        f"{n}: {triples} triples; load {ox_load:.1f} s (Oxigraph), "
        + (f"{rdflib_load:.1f} s (rdflib)" if rdflib_load else "rdflib skipped"),
        file=sys.stderr,
        flush=True,
    )
    out = {
        "triples": triples,
        "load_oxigraph_s": ox_load,
        "load_rdflib_s": rdflib_load,
        "queries": {},
    }
    for name in named_queries():
        p = params[name]
        run_named(store, name, p)  # warm-up
        ox_cpu, ox_wall, ox_result = timed(lambda: run_named(store, name, p), args.repeat)
        entry = {
            "params": p,
            "rows": len(ox_result),
            "oxigraph_ms": statistics.median(ox_cpu) * 1000,
            "oxigraph_wall_ms": statistics.median(ox_wall) * 1000,
        }
        if graph is not None:
            rd_cpu, rd_wall, rd_result = timed(
                lambda: run_named(graph, name, p), rdflib_repeat, args.rdflib_timeout
            )
            med, med_wall = statistics.median(rd_cpu), statistics.median(rd_wall)
            entry["rdflib_ms"] = None if med == float("inf") else med * 1000
            entry["rdflib_wall_ms"] = None if med_wall == float("inf") else med_wall * 1000
            entry["rdflib_runs"] = len(rd_cpu)
            entry["same_rows"] = None if rd_result is None else rd_result.key() == ox_result.key()
        out["queries"][name] = entry
        print(
            f"  {name:27s} oxigraph {entry['oxigraph_ms']:9.1f} ms"
            + (
                f"   rdflib {_fmt(entry.get('rdflib_ms'), args.rdflib_timeout):>10s}"
                f"   same rows: {entry.get('same_rows')}"
                if graph is not None
                else ""
            )
            + f"   ({entry['rows']} rows)",
            file=sys.stderr,
            flush=True,
        )
    graph = store = None  # free them before the next size
    gc.collect()
    return out


def _fmt(ms, timeout) -> str:
    if ms is None:
        return f"> {timeout:.0f} s"
    if ms >= 10_000:
        return f"{ms / 1000:.0f} s"
    if ms >= 1000:
        return f"{ms / 1000:.1f} s"
    return f"{ms:.1f} ms" if ms < 100 else f"{ms:.0f} ms"


def table(results: dict, args) -> str:
    sizes = sorted(results, key=int)
    exp = {s: f"10^{len(str(int(s))) - 1}" for s in sizes}
    head = (
        "| named query | "
        + " | ".join(f"rdflib {exp[s]} | Oxigraph {exp[s]}" for s in sizes)
        + " |"
    )
    sep = "|---|" + "---:|---:|" * len(sizes)
    lines = [head, sep]
    for name in named_queries():
        cells = []
        for s in sizes:
            e = results[s]["queries"][name]
            cells.append(_fmt(e.get("rdflib_ms"), args.rdflib_timeout) if "rdflib_ms" in e else "–")
            cells.append(_fmt(e["oxigraph_ms"], args.rdflib_timeout))
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    loads = []
    for s in sizes:
        r = results[s]
        loads += [
            _fmt(r["load_rdflib_s"] * 1000, 0) if r["load_rdflib_s"] else "–",
            _fmt(r["load_oxigraph_s"] * 1000, 0),
        ]
    lines.append("| *(loading the N-Triples)* | " + " | ".join(loads) + " |")
    triples = ", ".join(f"10^{len(str(int(s))) - 1} = {results[s]['triples']:,}" for s in sizes)
    lines += [
        "",
        f"Synthetic graphs ({triples} triples); median CPU time per run, "
        f"query and rows read into Python; Oxigraph: {args.repeat} runs after a warm-up, "
        f"rdflib: {args.rdflib_repeat} runs (1 at 10^6), cut at {args.rdflib_timeout:.0f} s. "
        f"pyoxigraph {ox.__version__ if hasattr(ox, '__version__') else ''}, "
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs.",
    ]
    mismatched = [
        f"{n} at {s}"
        for s in sizes
        for n, e in results[s]["queries"].items()
        if e.get("same_rows") is False
    ]
    lines.append(
        "Rows identical in both engines wherever rdflib finished."
        if not mismatched
        else f"ROWS DIFFER: {', '.join(mismatched)}"
    )
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    ap.add_argument("--repeat", type=int, default=7, help="Oxigraph runs per query (median)")
    ap.add_argument("--rdflib-repeat", type=int, default=3, help="rdflib runs per query below 10^6")
    ap.add_argument("--rdflib-timeout", type=float, default=180.0, help="seconds, per rdflib run")
    ap.add_argument("--oxigraph-only", action="store_true", help="skip rdflib")
    args = ap.parse_args(argv)
    BENCH.mkdir(exist_ok=True)
    signal.signal(signal.SIGALRM, _alarm)
    results = {str(n): bench_size(n, args) for n in args.sizes}
    md = table(results, args)
    (BENCH / "bench-query.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    (BENCH / "bench-query.md").write_text(md, encoding="utf-8")
    print(md)
    return 0


if __name__ == "__main__":
    sys.exit(main())
