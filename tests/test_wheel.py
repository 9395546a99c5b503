"""The wheel works outside the checkout: built, installed in a fresh virtualenv, run from
another folder, it writes the same graph.ttl as the checkout's build (issue 14).

The fresh virtualenv gets the wheel only; the dependencies (spaCy, its model, rdflib…) are
reached through a ``.pth`` line naming this venv's site-packages, so the test installs no
package from the network. The editable install of the checkout is *not* visible there (its
finder is a ``.pth`` file of this venv, and ``.pth`` files of a directory named in a
``.pth`` line are not read), so ``kg`` can only come from the wheel.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def _run(
    *args: str | os.PathLike, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, env=env, timeout=1800
    )
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def wheel_venv(tmp_path_factory) -> Path:
    """A fresh virtualenv, outside the checkout, holding the wheel of the checkout."""
    base = tmp_path_factory.mktemp("wheel")
    dist = base / "dist"
    _run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--quiet",
        "--no-deps",
        "--no-cache-dir",
        "-w",
        dist,
        ROOT,
        cwd=base,
    )
    (wheel,) = dist.glob("bilateral_kg-*.whl")
    env_dir = base / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    site = Path(
        _run(
            python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=base
        ).stdout.strip()
    )
    (site / "deps-of-the-test.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    _run(python, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", wheel, cwd=base)
    return env_dir


def _clean_env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}


def test_the_wheel_carries_the_ontology_and_every_lexicon(wheel_venv, tmp_path):
    python = wheel_venv / "bin" / "python"
    code = (
        "import kg, kg.ontology; from kg.resources import resource; "
        "from kg.lexicon import load_lexicon; lex = load_lexicon(); "
        "print(kg.__file__); print(len(lex.countries), len(lex.triggers)); "
        "print(sorted(p.name for p in resource('ontology/lexicon').iterdir()))"
    )
    out = _run(python, "-c", code, cwd=tmp_path, env=_clean_env()).stdout.splitlines()
    assert Path(out[0]).is_relative_to(wheel_venv), out[0]
    checkout = __import__("kg.lexicon", fromlist=["load_lexicon"]).load_lexicon()
    assert out[1] == f"{len(checkout.countries)} {len(checkout.triggers)}"
    shipped = sorted(p.name for p in (ROOT / "ontology" / "lexicon").iterdir() if p.is_file())
    assert out[2] == repr(shipped)


def test_kg_build_from_the_wheel_writes_the_checkouts_graph_byte_for_byte(wheel_venv, tmp_path):
    here = tmp_path / "checkout-build"
    _run(
        sys.executable,
        "-m",
        "kg.cli",
        "build",
        "seeds",
        "--out",
        here,
        "--quiet",
        "--no-cache",
        cwd=ROOT,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    _run(
        wheel_venv / "bin" / "kg",
        "build",
        ROOT / "seeds",
        "--out",
        "out",
        "--quiet",
        "--no-cache",
        cwd=elsewhere,
        env=_clean_env(),
    )
    built = (elsewhere / "out" / "graph.ttl").read_bytes()
    assert built and built == (here / "graph.ttl").read_bytes()
