"""What a person sees on a view page, measured in headless Chromium (shared by the screenshot
tests and ``benchmarks/bench_views.py --screenshots``): the names drawn and their boxes, the
drawing's extent against the canvas, the counts the page states, and a screenshot's pixels.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

# Everything measured in CSS pixels of the canvas (its top-left corner is 0, 0).
DRAWING = """() => {
  const c = document.getElementById('mynetwork');
  const W = c.clientWidth, H = c.clientHeight;
  const shown = nodes.get({filter: n => !n.hidden});
  const boxes = shown.map(n => {
    const b = network.getBoundingBox(n.id);
    const tl = network.canvasToDOM({x: b.left, y: b.top});
    const br = network.canvasToDOM({x: b.right, y: b.bottom});
    return [n.id, tl.x, tl.y, br.x, br.y];
  });
  const header = document.querySelector('.counts').textContent;
  return { W, H, boxes, labels: window.kgLabels, header,
           counts: [network.body.data.nodes.length, network.body.data.edges.length],
           kinds: shown.reduce((a, n) => { a[n.kind] = (a[n.kind] || 0) + 1; return a; }, {}),
           named: window.kgLabels.map(l => nodes.get(l.id).kind) };
}"""


def overlap_ratio(a: dict, b: dict) -> float:
    """Area of the intersection of two label boxes over the smaller box's area."""
    w = min(a["x"] + a["w"], b["x"] + b["w"]) - max(a["x"], b["x"])
    h = min(a["y"] + a["h"], b["y"] + b["h"]) - max(a["y"], b["y"])
    if w <= 0 or h <= 0:
        return 0.0
    return (w * h) / max(min(a["w"] * a["h"], b["w"] * b["h"]), 1e-9)


def label_clashes(labels: list[dict], tolerance: float = 0.05) -> list[tuple[str, str, float]]:
    """Pairs of drawn names whose boxes intersect by more than ``tolerance`` of the
    smaller one (sweep over x: fine for thousands of boxes)."""
    out = []
    items = sorted(labels, key=lambda b: b["x"])
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            if b["x"] >= a["x"] + a["w"]:
                break
            r = overlap_ratio(a, b)
            if r > tolerance:
                out.append((a["id"], b["id"], round(r, 3)))
    return out


def outside(drawing: dict) -> list[str]:
    """Nodes and names that reach past the canvas edge (1 px of rounding allowed)."""
    W, H = drawing["W"], drawing["H"]
    bad = [
        f"node {i}: {x0:.0f},{y0:.0f}–{x1:.0f},{y1:.0f}"
        for i, x0, y0, x1, y1 in drawing["boxes"]
        if x0 < -1 or y0 < -1 or x1 > W + 1 or y1 > H + 1
    ]
    bad += [
        f"name of {b['id']}"
        for b in drawing["labels"]
        if b["x"] < -1 or b["y"] < -1 or b["x"] + b["w"] > W + 1 or b["y"] + b["h"] > H + 1
    ]
    return bad


def stated_counts(drawing: dict) -> tuple[int, int]:
    """The "N nodes, M edges." the page's header states."""
    m = re.search(r"([\d,]+) nodes, ([\d,]+) edges", drawing["header"])
    assert m, drawing["header"]
    return int(m.group(1).replace(",", "")), int(m.group(2).replace(",", ""))


def canvas_pixels(visit, path: Path) -> dict:
    """Screenshot of the page into ``path``; then, within the canvas: the share of pixels
    that are not background, and how many non-background pixels touch its 3-px border."""
    from PIL import Image

    visit.page.screenshot(path=str(path))
    rect = visit.evaluate("""() => { const r = document.getElementById('mynetwork')
                                        .getBoundingClientRect();
                                     return [r.left, r.top, r.right, r.bottom]; }""")
    img = Image.open(io.BytesIO(path.read_bytes())).convert("RGB")
    x0, y0, x1, y1 = (round(v) for v in rect)
    crop = img.crop((x0, y0, x1, y1))
    w, h = crop.size
    px = crop.load()

    def ink(x, y):
        r, g, b = px[x, y]
        return r < 235 or g < 235 or b < 235

    step = 2
    total = sum(ink(x, y) for x in range(0, w, step) for y in range(0, h, step))
    border = [(x, y) for x in range(w) for y in (0, 1, 2, h - 3, h - 2, h - 1)]
    border += [(x, y) for y in range(h) for x in (0, 1, 2, w - 3, w - 2, w - 1)]
    return dict(
        ink=total / max(1, len(range(0, w, step)) * len(range(0, h, step))),
        border_ink=sum(ink(x, y) for x, y in border),
        size=(w, h),
    )
