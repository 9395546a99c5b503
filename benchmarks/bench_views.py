"""Benchmark of the HTML views: page size, build time and time to first paint in Chromium.

    make bench-views                      # seeds, 100, 1,000, 5,000 nodes, 10^5 articles
    python benchmarks/bench_views.py --sizes 100 1000 --loads 5
    python benchmarks/bench_views.py --compare-layouts      # + networkx forceatlas2 (slow)
    make screenshots                      # README screenshots (seeds build) into docs/

Synthetic graphs (kg.synthetic) are sized so that network.html has about N nodes. "Build" is
kg.views.write_views on the graph (every page: network, countries, officials, one page per
country, index); "network.html" is that page alone (read + graph + layout + render).
"First paint" is measured in headless Chromium (/usr/bin/chromium) by the page itself: from
navigation start to vis-network's first ``afterDrawing`` (all nodes drawn, handlers live),
median of --loads page loads. Figures are printed; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the shared Chromium helper (tests/browser.py)

from kg import views  # noqa: E402
from synthetic import _ISO, synthetic_graph, synthetic_graph_of_articles  # noqa: E402

TARGET_SECONDS = 5.0


def officials_for(nodes: int) -> int:
    """The ``n_officials`` of kg.synthetic whose network view has at least ``nodes`` nodes
    (officials + 1.5 events per official + countries)."""
    n = 2
    while n + int(n * 1.5) + min(len(_ISO), max(2, n // 4)) < nodes:
        n += 1
    return n


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def mb(n: int) -> str:
    return f"{n / 1e6:.2f} MB"


def seeds_graph():
    """The graph of a build of seeds/ (the language model runs: ~20 s)."""
    from rdflib import Graph
    from kg.pipeline import build

    with tempfile.TemporaryDirectory() as tmp:
        build([ROOT / "seeds"], Path(tmp) / "out", quiet=True)
        g = Graph()
        g.parse(Path(tmp) / "out" / "graph.ttl")
    return g


def build_one(size, out: Path, compare_layouts: bool) -> dict:
    """``size``: nodes of network.html (int), "seeds", or "a100000" (articles)."""
    if size == "seeds":
        g = seeds_graph()
    elif str(size).startswith("a"):
        t = time.perf_counter()
        g = synthetic_graph_of_articles(int(str(size)[1:]), seed=0)
        print(
            f"graph of {size[1:]} articles: {len(g):,} triples in {time.perf_counter() - t:.0f} s",
            file=sys.stderr,
        )
    else:
        g = synthetic_graph(officials_for(size), seed=0)
    if out.exists():
        shutil.rmtree(out)
    t = time.perf_counter()
    views.write_views(g, out)
    build_all = time.perf_counter() - t

    t = time.perf_counter()
    f = views.read_facts(g)
    t_read = time.perf_counter() - t
    drawn = views.pick_network_nodes(f)
    G = views.network_graph(f, None if len(drawn) == len(f.kind) else drawn)
    t = time.perf_counter()
    pos = views.clustered_layout(G)
    t_layout = time.perf_counter() - t
    views.render_view(G, pos, title="Network")
    row = dict(
        target=size,
        nodes=G.number_of_nodes(),
        edges=G.number_of_edges(),
        graph_nodes=len(f.kind),
        triples=len(g),
        build_all_s=build_all,
        read_s=t_read,
        layout_s=t_layout,
        network_bytes=(out / "network.html").stat().st_size,
        officials_bytes=(out / "officials.html").stat().st_size,
        folder_bytes=folder_size(out),
        pages=len(list(out.rglob("*.html"))),
    )
    t = time.perf_counter()
    f = views.read_facts(g)
    drawn = views.pick_network_nodes(f)
    G = views.network_graph(f, None if len(drawn) == len(f.kind) else drawn)
    views.render_view(G, views.clustered_layout(G), title="Network")
    row["build_network_s"] = time.perf_counter() - t
    if compare_layouts:
        import networkx as nx

        t = time.perf_counter()
        nx.forceatlas2_layout(nx.Graph(G), seed=1, max_iter=100)
        row["forceatlas2_s"] = time.perf_counter() - t
    return row


def paint_times(browser, page: Path, loads: int) -> tuple[float, float, list[str]]:
    """Median first paint (ms after navigation start) and wall time to ready (s)."""
    paints, walls, problems = [], [], []
    for _ in range(loads):
        t = time.perf_counter()
        visit = browser.open(page, timeout_ms=120_000)
        walls.append(time.perf_counter() - t)
        paints.append(visit.evaluate("kgTiming.firstPaint"))
        problems += visit.problems()
        visit.close()
    return statistics.median(paints), statistics.median(walls), problems


def run(sizes: list[int], out_root: Path, loads: int, compare_layouts: bool) -> list[dict]:
    from browser import chromium, unavailable_reason

    reason = unavailable_reason()
    rows = []
    for size in sizes:
        out = out_root / f"n{size}"
        row = build_one(size, out, compare_layouts)
        print(
            f"built {size}: {row['nodes']} nodes, {row['edges']} edges in "
            f"{row['build_all_s']:.1f} s",
            file=sys.stderr,
        )
        rows.append(row)
    if reason:
        print(f"no first-paint figures: {reason}", file=sys.stderr)
        return rows
    with chromium() as browser:
        for row in rows:
            out = out_root / f"n{row['target']}"
            for page in ("network", "countries", "officials"):
                paint, wall, problems = paint_times(browser, out / f"{page}.html", loads)
                row[f"{page}_paint_ms"] = paint
                row[f"{page}_ready_wall_s"] = wall
                if problems:
                    row[f"{page}_problems"] = sorted(set(problems))
    return rows


def table(rows: list[dict]) -> str:
    head = (
        "| graph | nodes of the graph | network.html: nodes drawn (edges) | network.html | "
        "all pages (count, size) | build: all views | build: network.html | layout | "
        "first paint network / countries / officials |"
    )
    lines = [head, "|" + "---|" * 9]
    for r in rows:
        paints = " / ".join(
            f"{r[p + '_paint_ms'] / 1000:.2f} s" if p + "_paint_ms" in r else "n/a"
            for p in ("network", "countries", "officials")
        )
        what = (
            "seeds/"
            if r["target"] == "seeds"
            else f"{int(str(r['target'])[1:]):,} articles"
            if str(r["target"]).startswith("a")
            else f"~{r['target']:,} nodes"
        )
        lines.append(
            f"| {what} | {r['graph_nodes']:,} | {r['nodes']:,} ({r['edges']:,}) | "
            f"{mb(r['network_bytes'])} | "
            f"{r['pages']}, {mb(r['folder_bytes'])} | {r['build_all_s']:.1f} s | "
            f"{r['build_network_s']:.1f} s | {r['layout_s']:.2f} s | {paints} |"
        )
    return "\n".join(lines)


def screenshots(dest: Path) -> None:
    """countries.png and officials.png of the seeds build (for the README)."""
    from browser import chromium
    from kg.pipeline import build

    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        build([ROOT / "seeds"], out, quiet=True)
        with chromium(viewport={"width": 1280, "height": 760}) as browser:
            from screenshots import DRAWING, label_clashes, outside

            for name in ("countries", "officials", "network"):
                visit = browser.open(out / f"{name}.html")
                visit.page.wait_for_timeout(300)
                visit.page.screenshot(path=str(dest / f"{name}.png"))
                visit.assert_clean()
                d = visit.evaluate(DRAWING)
                visit.close()
                print(
                    f"wrote {dest / f'{name}.png'}: {d['counts'][0]} nodes, "
                    f"{len(d['labels'])} named, {len(label_clashes(d['labels']))} names "
                    f"overlapping, {len(outside(d))} things past the edge",
                    file=sys.stderr,
                )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--sizes",
        nargs="+",
        default=["seeds", "100", "1000", "5000", "a100000"],
        help="nodes of network.html, 'seeds' (a build of seeds/) or aN (a graph "
        "shaped like a build of N articles)",
    )
    ap.add_argument("--out", type=Path, default=ROOT / ".bench" / "views")
    ap.add_argument("--loads", type=int, default=3, help="page loads per figure (median)")
    ap.add_argument(
        "--compare-layouts",
        action="store_true",
        help="also time networkx's forceatlas2_layout on each network graph",
    )
    ap.add_argument(
        "--screenshots",
        type=Path,
        metavar="DIR",
        help="only write the README screenshots of the seeds build into DIR",
    )
    args = ap.parse_args(argv)
    if args.screenshots:
        screenshots(args.screenshots)
        return 0
    args.out.mkdir(parents=True, exist_ok=True)
    sizes = [int(x) if x.isdigit() else x for x in args.sizes]
    rows = run(sizes, args.out, args.loads, args.compare_layouts)
    print(table(rows))
    if any("forceatlas2_s" in r for r in rows):
        for r in rows:
            print(
                f"layout of {r['nodes']:,} nodes: clustered_layout {r['layout_s']:.2f} s, "
                f"nx.forceatlas2_layout {r['forceatlas2_s']:.1f} s"
            )
    big = [r for r in rows if r["graph_nodes"] >= 5000 and "network_paint_ms" in r]
    for r in big:
        ok = r["network_paint_ms"] / 1000 <= TARGET_SECONDS
        print(
            f"{r['graph_nodes']:,}-node graph, network.html: first paint {r['network_paint_ms'] / 1000:.2f} s "
            f"({'meets' if ok else 'MISSES'} the {TARGET_SECONDS:.0f} s target)"
        )
    for r in rows:
        for page in ("network", "officials"):
            if r.get(f"{page}_problems"):
                print(f"problems in {page}.html ({r['nodes']} nodes): {r[f'{page}_problems']}")
    (args.out / "results.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print(f"(pages and results.json in {args.out})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
