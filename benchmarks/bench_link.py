"""Officials linked to Wikidata: what the gazetteer costs and how many officials it links.

    python benchmarks/bench_link.py [--corpus ARTICLES.jsonl GOLD_DIR]... [--synthetic N]
                                    [--runs N]

Prints
* the gazetteer's load time (the shipped table read and indexed, in a fresh process: what
  one build pays once) and one name lookup's time;
* for each corpus: the build time with and without linking (every article read again by
  the language model, then again from the cache: the steps after the model), and the share
  of officials linked: of the graph's official nodes, and of the gold's officials (those the
  build found, matched by name in their article as the scorer does).
No network; the builds go to a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from rdflib import Graph  # noqa: E402
from rdflib.namespace import DCTERMS, OWL, PROV, RDF  # noqa: E402

import kg.link  # noqa: E402
import kg.resolve  # noqa: E402
from kg.namespaces import BKG, SCHEMA  # noqa: E402
from kg.pipeline import build  # noqa: E402
from kg.text import name_key  # noqa: E402

COLD = (
    "import time; from kg.link import load_gazetteer; t = time.perf_counter(); "
    "c = time.process_time(); g = load_gazetteer(); "
    "print(time.perf_counter() - t, time.process_time() - c, len(g))"
)


def load_times(runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of reading the table in a fresh process (imports aside)."""
    wall, cpu = [], []
    for _ in range(runs):
        done = subprocess.run(
            [sys.executable, "-c", COLD], capture_output=True, text=True, check=True, cwd=ROOT
        )
        w, c, _ = done.stdout.split()
        wall.append(float(w))
        cpu.append(float(c))
    return wall, cpu


def lookup_time() -> float:
    from kg.link import load_gazetteer

    g = load_gazetteer()
    names = [
        "Sergueï Lavrov",
        "Badr Ben Hamad Al-Busaidi",
        "Jean Dupont",
        "Nguyen Van An",
        "Mohamed Ould Ahmed",
        "Monsieur Igor GROMYKO",
    ] * 200
    t = time.perf_counter()
    for n in names:
        g._seen.clear()  # a name not seen before (a build remembers names)
        g.link([n], ["ministre des Affaires étrangères"])
    return (time.perf_counter() - t) / len(names)


def _same(a: str, b: str) -> bool:
    x, y = name_key(a), name_key(b)
    small, big = sorted((x, y), key=len)
    return bool(small) and (x == y or (len(small) >= 2 and small <= big))


def shares(graph: Path, gold: Path) -> tuple[int, int, int, int]:
    """(official nodes, linked nodes, gold officials found, found ones linked)."""
    g = Graph().parse(graph)
    nodes = set(g.subjects(RDF.type, BKG.Official))
    linked = {s for s in nodes if g.value(s, OWL.sameAs) is not None}
    by_article: dict[str, list] = {}
    for s in nodes:
        for art in g.objects(s, PROV.wasDerivedFrom):
            ident = str(g.value(art, DCTERMS.identifier)).split("#")[0]
            by_article.setdefault(ident, []).append(s)
    found = found_linked = 0
    for path in sorted(gold.glob("*.json")):
        for official in json.loads(path.read_text(encoding="utf-8"))["officials"]:
            hits = [
                s
                for s in by_article.get(path.stem, [])
                if any(_same(str(n), official["name"]) for n in g.objects(s, SCHEMA.name))
            ]
            if hits:
                found += 1
                found_linked += any(s in linked for s in hits)
    return len(nodes), len(linked), found, found_linked


def timed_build(corpus: Path, out: Path, link: bool, use_cache: bool) -> tuple[float, float, float]:
    """Wall and CPU seconds of a build, and the wall seconds of its resolve step."""
    real = kg.resolve.resolve
    kg.link._load.cache_clear()  # every build reads the table, as one kg command does
    if not link:
        kg.resolve.resolve = partial(real, link=False)
    try:
        t, c = time.perf_counter(), time.process_time()
        report = build([corpus], out, quiet=True, use_cache=use_cache)
        return (
            time.perf_counter() - t,
            time.process_time() - c,
            report.timings.get("resolve", 0.0),
        )
    finally:
        kg.resolve.resolve = real


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--corpus", nargs=2, action="append", default=[], metavar=("ARTICLES", "GOLD")
    )
    parser.add_argument("--synthetic", type=int, default=0, metavar="N")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    wall, cpu = load_times(args.runs)
    print(
        f"gazetteer load (fresh process, {args.runs} runs): median {statistics.median(wall):.2f} s "
        f"wall, {statistics.median(cpu):.2f} s CPU (min {min(wall):.2f} s / {min(cpu):.2f} s)"
    )
    print(f"one lookup: {lookup_time() * 1e6:.0f} µs")
    corpora = [(Path(a), Path(g)) for a, g in args.corpus]
    if args.synthetic:
        from corpus import write_corpus

        where = Path(tempfile.mkdtemp()) / f"synthetic-{args.synthetic}.jsonl"
        corpora.append((write_corpus(args.synthetic, where)[0], None))
    for corpus, gold in corpora:
        with tempfile.TemporaryDirectory() as tmp:
            timed_build(corpus, Path(tmp) / "warm-up", False, use_cache=False)  # the model
            rows = []
            for link in (False, True):
                out = Path(tmp) / ("with" if link else "without")
                full = timed_build(corpus, out, link, use_cache=False)
                cached = [timed_build(corpus, out, link, use_cache=True) for _ in range(args.runs)]
                rows.append(
                    (link, full, [statistics.median(c[i] for c in cached) for i in range(3)])
                )
            figures = shares(Path(tmp) / "with" / "graph.ttl", gold) if gold else None
        print(f"\n{corpus}")
        for link, full, cached in rows:
            print(
                f"  {'with' if link else 'without'} linking: full build {full[0]:.1f} s "
                f"({full[1]:.1f} s CPU), from the cache {cached[0]:.2f} s ({cached[1]:.2f} s "
                f"CPU; resolve step, table read included, {cached[2]:.2f} s)"
            )
        if figures:
            nodes, linked, found, found_linked = figures
            print(
                f"  official nodes linked: {linked}/{nodes} ({linked / max(nodes, 1):.0%}); "
                f"gold officials found and linked: {found_linked}/{found} "
                f"({found_linked / max(found, 1):.0%})"
            )


if __name__ == "__main__":
    main()
