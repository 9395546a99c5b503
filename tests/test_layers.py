"""The data flows one way (ingest → nlp → extract → resolve → graph → export/views): no module
imports one of a later step, at the top or inside a function."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parent.parent / "kg"

# the steps in the order the data crosses them; a module may import its own layer and those
# before it (the longest matching prefix places a module)
LAYERS: list[tuple[str, ...]] = [
    ("kg.text", "kg.dates", "kg.errors", "kg.resources", "kg.facts", "kg.files"),
    ("kg.lexicon", "kg.namespaces", "kg.graphio", "kg.kinds", "kg.scan"),
    ("kg.ingest", "kg.ingest_html"),
    ("kg.nlp", "kg.token_match"),
    ("kg.extract",),
    ("kg.link",),
    ("kg.resolve",),
    ("kg.events_identity",),
    ("kg.graph", "kg.graphstore"),
    ("kg.pieces",),
    ("kg.export", "kg.nquads"),
    ("kg.formats", "kg.plover", "kg.views"),
    ("kg.query", "kg.evaluate", "kg.evaluate_events", "kg.load", "kg.cache"),
    ("kg.executors", "kg.pipeline"),
    # commands: they run the steps (``make eval`` builds the corpora it scores)
    ("kg.cli", "kg.evaluate.report"),
]


def layer_of(module: str) -> int:
    """The layer of a module (``kg`` itself, the package's front door, is the last)."""
    if module == "kg":
        return len(LAYERS) - 1
    best: tuple[int, int] | None = None
    for i, group in enumerate(LAYERS):
        for prefix in group:
            if module == prefix or module.startswith(prefix + "."):
                if best is None or len(prefix) > best[1]:
                    best = (i, len(prefix))
    if best is None:
        raise AssertionError(f"{module} is in no layer of tests/test_layers.py: place it")
    return best[0]


def imported(path: Path) -> list[tuple[str, int]]:
    """The kg modules a file imports (``from kg import x`` is ``kg.x``), with their lines."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "kg":
                out += [(f"kg.{a.name}", node.lineno) for a in node.names if a.name[0] != "_"]
            else:
                out.append((node.module, node.lineno))
        elif isinstance(node, ast.Import):
            out += [(a.name, node.lineno) for a in node.names]
    return [(m, line) for m, line in out if m == "kg" or m.startswith("kg.")]


def modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(KG.rglob("*.py")):
        parts = path.relative_to(KG.parent).with_suffix("").parts
        name = ".".join(parts).removesuffix(".__init__")
        found.append((name, path))
    return found


@pytest.mark.parametrize("module, path", modules(), ids=lambda x: str(x))
def test_no_module_imports_a_later_step(module, path):
    if module == "kg" or module.startswith("kg.cli"):
        return  # the front door and the commands may import every step
    mine = layer_of(module)
    later = [
        f"{path.name}:{line} imports {other}"
        for other, line in imported(path)
        if other in {m for m, _ in modules()} and layer_of(other) > mine
    ]
    assert not later, later


def test_the_layer_table_knows_a_module_of_each_step():
    assert layer_of("kg.extract.events") > layer_of("kg.nlp") > layer_of("kg.ingest.page")
    assert layer_of("kg.evaluate.report") > layer_of("kg.pipeline") > layer_of("kg.evaluate")
    with pytest.raises(AssertionError, match="no layer"):
        layer_of("kg.somewhere_new")


def test_extraction_and_resolution_need_no_rdf_library():
    """Folding, dates, the extractor and identities compare text: importing them pulls in no
    rdflib (the graph step is the first that writes RDF)."""
    modules = "kg.text, kg.dates, kg.extract.document, kg.resolve"
    code = f"import sys, {modules}; print(sorted(m for m in sys.modules if 'rdflib' in m)[:3])"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]", run.stdout
