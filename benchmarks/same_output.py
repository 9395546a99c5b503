"""Build the seeds, the shared corpora and a synthetic corpus, and compare every output file
with a reference build (for speed work: the output must stay byte-identical).

    python benchmarks/same_output.py --save /tmp/ref          # before a change: the reference
    python benchmarks/same_output.py --against /tmp/ref       # after: build again and compare

Each input is built with ``kg build`` in a fresh process into ``OUT/NAME`` (``--out``, by
default a temporary folder); with ``--against REF`` every file under ``OUT/NAME`` must be
byte-identical to ``REF/NAME/…`` (same set of files, same bytes). Prints each difference and
exits 1 on any. The CPU seconds of each build are printed too.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import write_corpus  # noqa: E402


def inputs(synthetic: int, folder: Path) -> dict[str, Path]:
    """Name → input path: the seeds, the shared corpora present, ``synthetic`` articles."""
    out = {"seeds": ROOT / "seeds"}
    for name in ("dev", "dev2", "events-dev"):
        path = SHARED / "corpus" / name / "articles.jsonl"
        if path.is_file():
            out[name] = path
    if synthetic:
        # the corpus file of the reference build when there is one: the articles' provenance
        # names the file they come from
        path = folder / f"synthetic-{synthetic}.jsonl"
        if not path.is_file():
            write_corpus(synthetic, path)
        out[f"synthetic-{synthetic}"] = path
    return out


def build(source: Path, out: Path) -> float:
    """``kg build SOURCE --out OUT`` in a fresh process; its CPU seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "kg.cli",
            "build",
            str(source),
            "--out",
            str(out),
            "--force",
            "--quiet",
            "--no-cache",
        ],
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _fingerprints(folder: Path) -> set[str]:
    """The extractor fingerprints naming the facts cache folders (they change with the code)."""
    facts = folder / ".kg-cache" / "facts"
    return {p.name for p in facts.iterdir()} if facts.is_dir() else set()


# the output files' pieces and the merged graph's store kept for updates: stamped with the
# code's hash and stored in whatever form kg.pieces and kg.graphstore use; a change of
# either is not a change of the output
_NOT_COMPARED = (".kg-cache/pieces/", ".kg-cache/graph.sqlite")


def _files(folder: Path, fingerprints: set[str]) -> dict[str, Path]:
    out = {}
    for p in folder.rglob("*"):
        if p.is_file():
            rel = p.relative_to(folder).as_posix()
            if rel.startswith(_NOT_COMPARED):
                continue
            for fp in fingerprints:
                rel = rel.replace(fp, "FINGERPRINT")
            out[rel] = p
    return out


# the views' layouts kept for updates are keyed by a hash of the layout's code: their
# positions are compared
_LAYOUTS = ".kg-cache/views-layout.json"


def _content(path: Path, fingerprints: set[str]) -> bytes:
    data = path.read_bytes()
    if path.as_posix().endswith(_LAYOUTS):
        layouts = json.loads(data).get("layouts", {})
        return json.dumps(sorted(layouts.values())).encode()
    for fp in fingerprints:
        data = data.replace(fp.encode(), b"FINGERPRINT")
    return data


def differences(ref: Path, new: Path) -> list[str]:
    """Files missing on either side or whose bytes differ (the extractor's fingerprint, a
    hash of its code, taken out of the facts cache's paths and of the build state; the
    pieces' store, :data:`_NOT_COMPARED`, left out)."""
    fps = _fingerprints(ref) | _fingerprints(new)
    a, b = _files(ref, fps), _files(new, fps)
    out = [f"only in the reference: {p}" for p in sorted(a.keys() - b.keys())]
    out += [f"only in the new build: {p}" for p in sorted(b.keys() - a.keys())]
    out += [
        f"differs: {p}"
        for p in sorted(a.keys() & b.keys())
        if not filecmp.cmp(a[p], b[p], shallow=False) and _content(a[p], fps) != _content(b[p], fps)
    ]
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--save", type=Path, help="build into this folder (the reference)")
    g.add_argument("--against", type=Path, help="build and compare with this reference")
    p.add_argument("--out", type=Path, help="where to build with --against")
    p.add_argument(
        "--synthetic",
        type=int,
        default=300,
        help="articles of the synthetic corpus (benchmarks/corpus.py; 0: none)",
    )
    p.add_argument("--only", nargs="+", help="build only these inputs (by name)")
    args = p.parse_args(argv)
    out = args.save or args.out or Path(tempfile.mkdtemp(prefix="kg-same-"))
    out.mkdir(parents=True, exist_ok=True)
    bad = 0
    for name, source in inputs(args.synthetic, args.against or out).items():
        if args.only and name not in args.only:
            continue
        cpu = build(source, out / name)
        line = f"{name}: built in {cpu:.1f} CPU s"
        if args.against is not None:
            diff = differences(args.against / name, out / name)
            bad += len(diff)
            line += ", identical" if not diff else f", {len(diff)} difference(s)"
            line += "".join(f"\n  {d}" for d in diff)
        print(line, flush=True)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
