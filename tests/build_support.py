"""What the build tests compare: two build folders' outputs, byte for byte."""

from __future__ import annotations

from pathlib import Path

from kg.cache import output_files


def assert_same_outputs(a: Path, b: Path, must_have: tuple[str, ...] = ("graph.ttl", "graph.trig")):
    """The two folders hold the same output files (the cache aside) with the same bytes."""
    fa, fb = output_files(a), output_files(b)
    assert sorted(fa) == sorted(fb)
    assert set(must_have) <= set(fa)
    different = [name for name in fa if fa[name] != fb[name]]
    assert different == [], f"files that differ: {different}"
