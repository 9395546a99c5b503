"""Synthetic corpora for the build benchmark: real paragraphs recombined into new articles.

The paragraphs (story bodies) and titles come from the seed pages (``seeds/``) and the dev
corpus (``../shared/corpus/dev/articles.jsonl``, when present), read by :mod:`kg.ingest`.
Article ``n`` of a corpus is always the same (a seeded generator per article), so a corpus of
1,000 articles is the first 1,000 of the corpus of 10,000.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "corpus" / "dev" / "articles.jsonl"

__all__ = ["paragraphs", "synthetic_records", "write_corpus"]


def paragraphs(sources: list[Path] | None = None) -> tuple[list[str], list[str]]:
    """(titles, body paragraphs) of the seed pages and dev articles."""
    from kg.ingest import read_inputs

    if sources is None:
        sources = [ROOT / "seeds"] + ([DEV] if DEV.is_file() else [])
    docs = read_inputs(sources).documents
    titles = sorted({" ".join(d.title.split()) for d in docs if d.title.strip()})
    bodies = sorted(
        {
            d.text[p.start : p.end].strip()
            for d in docs
            for p in d.parts
            if p.kind == "body" and len(d.text[p.start : p.end].split()) >= 8
        }
    )
    return titles, bodies


def synthetic_records(n: int, titles: list[str], bodies: list[str], seed: int = 0):
    """``n`` JSON records: a title, 3–10 paragraphs, a publication date, an id and a URL."""
    for i in range(n):
        rnd = random.Random(f"{seed}-{i}")
        title = rnd.choice(titles)
        text = "\n\n".join([title] + rnd.sample(bodies, rnd.randint(3, min(10, len(bodies)))))
        year, month, day = rnd.randint(2015, 2025), rnd.randint(1, 12), rnd.randint(1, 28)
        yield {
            "id": f"syn-{i:06d}",
            "title": title,
            "url": f"https://example.org/syn/{i:06d}.html",
            "published": f"{year}-{month:02d}-{day:02d}",
            "text": text,
        }


def write_corpus(
    n: int, path: Path, seed: int = 0, sources: list[Path] | None = None
) -> tuple[Path, int]:
    """Write ``n`` synthetic records to the JSONL file ``path``; returns (path, words)."""
    titles, bodies = paragraphs(sources)
    words = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        for rec in synthetic_records(n, titles, bodies, seed):
            words += len(rec["text"].split())
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return path, words
