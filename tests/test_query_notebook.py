"""notebooks/explore.ipynb runs, from a clean kernel, on the seed build (so it cannot go
stale), and is committed without outputs."""

from __future__ import annotations

import nbformat
from nbclient import NotebookClient

from test_query_data import ROOT, seed_build

NOTEBOOK = ROOT / "notebooks" / "explore.ipynb"


def test_notebook_is_committed_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.source[:60]


def test_notebook_runs_on_the_seed_build(tmp_path, monkeypatch):
    build = seed_build()
    # the kernel (the venv's python3, ipykernel's own spec) inherits this environment: Jupyter,
    # IPython and matplotlib keep their files in the test's folder, not in ~
    for var, sub in [
        ("JUPYTER_RUNTIME_DIR", "runtime"),
        ("JUPYTER_DATA_DIR", "data"),
        ("JUPYTER_CONFIG_DIR", "config"),
        ("IPYTHONDIR", "ipython"),
        ("MPLCONFIGDIR", "matplotlib"),
    ]:
        monkeypatch.setenv(var, str(tmp_path / sub))
    monkeypatch.setenv("KG_BUILD", str(build))
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(
        nb,
        kernel_name="python3",
        timeout=600,
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    ).execute()

    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "\n".join(
        o.get("text", "") if o.output_type == "stream" else o.get("data", {}).get("text/plain", "")
        for o in outputs
    )
    assert f"{build}:" in text and "triples" in text  # it read the seed build
    for name in ("meetings-between", "partners-by-year", "officials-without-country"):
        assert name in text  # the named queries listed
    assert "ComprehensiveStrategicPartnership" in text  # relations-of VN, in pandas
    assert "Abakirov Meder" in text  # meetings-between VN KG
    assert "contacts" in text and "betweenness" in text  # the networkx ranking
    figures = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(figures) == 2  # timeline and bar chart
    # nothing was written next to the notebook
    assert sorted(p.name for p in NOTEBOOK.parent.iterdir() if not p.name.startswith(".")) == [
        "explore.ipynb"
    ]
