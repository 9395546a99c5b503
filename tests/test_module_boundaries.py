"""No private helpers across modules: every module of kg/ uses the others' public names only
(a helper two modules need has one public home)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parents[1] / "kg"
CHECKED = sorted(KG.rglob("*.py"))


def private_uses(path: Path) -> list[str]:
    """The private names of other kg modules ``path`` imports ("from kg.x import _y") or
    reaches through a kg module it imported ("ev._y")."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules: set[str] = set()  # local names bound to kg modules
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("kg"):
            for alias in node.names:
                if alias.name.startswith("_") and not alias.name.startswith("__"):
                    out.append(f"from {node.module} import {alias.name}")
                elif (KG.parent / node.module.replace(".", "/") / f"{alias.name}.py").exists():
                    modules.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("kg") and alias.asname:
                    modules.add(alias.asname)
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in modules
            and node.attr.startswith("_")
            and not node.attr.startswith("__")
        ):
            out.append(f"{node.value.id}.{node.attr}")
    return out


@pytest.mark.parametrize("path", CHECKED, ids=lambda p: str(p.relative_to(KG)))
def test_no_module_uses_another_modules_private_helpers(path):
    assert private_uses(path) == []


def test_the_check_sees_both_kinds_of_use(tmp_path):
    f = tmp_path / "m.py"
    f.write_text(
        "from kg.extract import events as ev\nfrom kg.pipeline import _read_chunk\n"
        "def g(r, h):\n    return ev._holds(r, h)\n"
    )
    assert private_uses(f) == ["from kg.pipeline import _read_chunk", "ev._holds"]
