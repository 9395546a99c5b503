"""The README is executable documentation: its code blocks run on a build of the seeds, and
what they show is what they print (issue 14).

- a block whose first line starts with ``$ `` is a console session: the command runs (in a
  shell, ``kg`` on the PATH as after ``source .venv/bin/activate``) and its output must be
  the lines shown under it, exactly;
- a ```` ```sh ```` block runs as a shell script (``set -e``: every command must succeed);
- a ```` ```python ```` block runs as a script and must print something;
- a block tagged ```` ```sh notest (why) ```` is not run: it needs what a test cannot have
  (your own files, a remote server, hours); the tag says why.

Each runs in a folder holding ``seeds/``, ``ontology/``, ``tests/`` (links to the checkout's)
and ``out/``, a fresh build of the seeds (``make run``'s).
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
FENCE = re.compile(r"^```([^\n]*)\n(.*?)^```$", re.S | re.M)

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Block:
    line: int  # of the opening fence
    info: str  # the words after the fence
    body: str

    @property
    def lang(self) -> str:
        return self.info.split(" ", 1)[0]

    @property
    def runs(self) -> bool:
        return "notest" not in self.info.split()[1:2] and (
            self.lang in ("sh", "python") or self.body.startswith("$ ")
        )

    def __str__(self) -> str:
        return f"README.md:{self.line}"


def readme_blocks() -> list[Block]:
    text = README.read_text(encoding="utf-8")
    return [
        Block(text.count("\n", 0, m.start()) + 1, m.group(1).strip(), m.group(2))
        for m in FENCE.finditer(text)
    ]


def console_sessions(body: str) -> list[tuple[str, list[str]]]:
    """(command, output lines) of each ``$ `` command of a console block; a command goes on
    over the next lines while its quotes are open."""
    sessions: list[tuple[str, list[str]]] = []
    lines = body.splitlines()
    i = 0
    while i < len(lines):
        assert lines[i].startswith("$ "), lines[i]
        command = lines[i][2:]
        i += 1
        while not _complete(command):
            command += "\n" + lines[i]
            i += 1
        output = []
        while i < len(lines) and not lines[i].startswith("$ "):
            output.append(lines[i])
            i += 1
        sessions.append((command, output))
    return sessions


def _complete(command: str) -> bool:
    try:
        shlex.split(command)
    except ValueError:
        return False
    return True


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory) -> Path:
    """A folder like a fresh checkout after ``make run``: seeds, ontology, tests and out/."""
    here = tmp_path_factory.mktemp("readme")
    for name in ("seeds", "ontology", "tests"):
        (here / name).symlink_to(ROOT / name)
    done = subprocess.run(
        [sys.executable, "-m", "kg.cli", "build", "seeds", "--out", "out", "--quiet"],
        cwd=here,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert done.returncode == 0, done.stderr
    return here


def _env() -> dict[str, str]:
    venv_bin = str(Path(sys.executable).parent)
    return {
        **os.environ,
        "PATH": venv_bin + os.pathsep + os.environ.get("PATH", ""),
        "COLUMNS": "200",
    }


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=_env(), timeout=600)


BLOCKS = [b for b in readme_blocks() if b.runs]


def test_the_readme_has_runnable_blocks_of_each_kind():
    kinds = {("console" if b.body.startswith("$ ") else b.lang) for b in BLOCKS}
    assert kinds == {"console", "sh", "python"}
    skipped = [b for b in readme_blocks() if "notest" in b.info]
    assert all(re.search(r"notest \(.+\)", b.info) for b in skipped), [
        str(b) for b in skipped if not re.search(r"notest \(.+\)", b.info)
    ]


@pytest.mark.parametrize("block", BLOCKS, ids=str)
def test_readme_block_runs_and_prints_what_it_shows(block, sandbox):
    if block.body.startswith("$ "):
        for command, shown in console_sessions(block.body):
            done = _run(["bash", "-c", command], sandbox)
            assert done.returncode == 0, f"{block}: {command}\n{done.stderr}"
            assert done.stdout.rstrip("\n").splitlines() == shown, f"{block}: {command}"
    elif block.lang == "sh":
        done = _run(["bash", "-e", "-c", block.body], sandbox)
        assert done.returncode == 0, f"{block}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    else:
        done = _run([sys.executable, "-c", block.body], sandbox)
        assert done.returncode == 0, f"{block}\n{done.stderr[-2000:]}"
        assert done.stdout.strip(), f"{block} prints nothing"
