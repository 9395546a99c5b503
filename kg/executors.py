"""Where the NLP + extraction stage runs: local processes, or a Dask cluster — the same facts
either way.

:func:`kg.pipeline.build` reads the inputs, then hands the documents whose facts are not
cached to an executor, which gives back, in input order, each document's
:class:`kg.facts.Extraction` (or why it could not be read); identities, the graph and the
files are then made in the build's process from those facts, in input order, so the output
does not depend on where or in what order the documents were read.

* ``processes`` (the default, ``executor=None`` in the API): the build's own process, or
  ``--workers N`` forked processes (:func:`kg.pipeline._extract`);
* ``dask`` (:class:`DaskExecutor`): tasks of :data:`BATCH` documents on a Dask
  ``distributed`` cluster — a running scheduler (``--scheduler tcp://HOST:8786``) or a
  ``LocalCluster`` of ``--workers N`` processes started for the build. The documents travel
  with the tasks (the inputs are read by the client: the workers need no shared folder);
  each worker loads the language model once (:class:`ModelPlugin`, a worker plugin) and
  returns the facts as the cache's JSON (:func:`kg.cache.encode_extraction`), which the
  client turns back into facts around its own documents, as it does for forked workers.

Every worker must run the same extractor as the client (same bilateral-kg, model, spaCy,
lexicons: :func:`kg.cache.fingerprint`); a task on a worker that does not is refused with
an error saying so, rather than mixing facts of two extractors into one graph.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import TYPE_CHECKING, cast

from kg.facts import Document, Extraction

__all__ = ["DaskExecutor", "ModelPlugin", "ExecutorStats", "BATCH", "PLUGIN_NAME", "dask_missing"]

BATCH = 32  # documents per task (as kg.pipeline.CHUNK for forked workers)
PLUGIN_NAME = "bilateral-kg-model"
WAIT_FOR_WORKERS = 60.0  # seconds to wait for a first worker on a running scheduler


def dask_missing() -> str | None:
    """Why ``--executor dask`` cannot run here (None when it can)."""
    try:
        import distributed  # noqa: F401
    except ModuleNotFoundError:
        return (
            "--executor dask needs Dask distributed: pip install 'bilateral-kg[dask]' "
            "(or pip install 'dask[distributed]')"
        )
    return None


class ForeignWorker(RuntimeError):
    """A worker whose extractor is not the client's."""


if TYPE_CHECKING:
    from distributed import LocalCluster
    from distributed import WorkerPlugin as _PluginBase
    from spacy.language import Language
else:
    try:  # the plugin is a distributed.WorkerPlugin when Dask is installed (an optional extra)
        from distributed import WorkerPlugin as _PluginBase
    except ModuleNotFoundError:  # pragma: no cover - kg.executors is imported only for Dask
        _PluginBase = object


class ModelPlugin(_PluginBase):
    """A Dask worker plugin: loads the language model once per worker, when the worker
    starts or joins, and keeps it (with the worker's extractor fingerprint) for the tasks.

    The model is loaded in a thread, so that the worker keeps answering its scheduler.
    A worker running several threads reads one batch at a time (``lock``): spaCy pipelines
    are not made to be shared by threads, and the GIL leaves nothing to gain; start workers
    with ``--nthreads 1`` and as many worker processes as cores.
    """

    name = PLUGIN_NAME

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self.nlp: Language | None = None
        self.fingerprint: str | None = None
        self.error: str | None = None
        self.lock = threading.Lock()

    def __getstate__(self) -> dict:  # sent to the workers without model or lock
        return {}

    def __setstate__(self, state: dict) -> None:
        self._reset()

    async def setup(self, worker=None) -> None:
        import asyncio

        await asyncio.get_running_loop().run_in_executor(None, self.load)

    def load(self) -> None:
        with self.lock:
            self._load()

    def _load(self) -> None:
        if self.nlp is not None or self.error is not None:
            return
        from kg.cache import fingerprint
        from kg.nlp import load_pipeline

        try:
            self.fingerprint = fingerprint()
            self.nlp = load_pipeline()
        except Exception as exc:  # noqa: BLE001 - said by every task on this worker
            self.error = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]

    def teardown(self, worker=None) -> None:
        self.nlp = None


def _worker_plugin() -> ModelPlugin:
    from distributed import get_worker

    worker = get_worker()
    plugin = worker.plugins.get(PLUGIN_NAME)
    if plugin is None:  # a worker that joined before the plugin reached it
        plugin = worker.plugins.setdefault(PLUGIN_NAME, ModelPlugin())
    return cast(ModelPlugin, plugin)  # the plugin registered under PLUGIN_NAME is this one


def extract_batch(documents: list[Document], fingerprint: str) -> tuple[float, float, list]:
    """A Dask task: the facts of ``documents`` read by this worker's model, each as the
    cache's JSON (a :class:`kg.facts.Extraction` itself when JSON cannot hold it), or the
    reason it could not be read (a string). Returns (seconds spent reading, CPU seconds of
    this thread doing so, the items)."""
    from kg.cache import CacheError, encode_extraction
    from kg.extract import read_each

    plugin = _worker_plugin()
    plugin.load()  # done once, by the plugin's setup; here if it has not run
    if plugin.error is not None:
        raise ForeignWorker(f"this worker cannot load the extractor: {plugin.error}")
    if plugin.fingerprint != fingerprint:
        raise ForeignWorker(
            f"this worker runs another extractor (fingerprint {plugin.fingerprint}, the client "
            f"{fingerprint}): install the same bilateral-kg version and language model on "
            "every worker as on the client"
        )
    started, cpu = time.perf_counter(), time.thread_time()
    out: list[dict | str | Extraction] = []
    with plugin.lock:
        nlp = plugin.nlp
        if documents and nlp is not None:  # already limited by the client
            nlp.max_length = max(nlp.max_length, max(len(d.text) for d in documents) + 1)
        for item in read_each(nlp, documents):
            sent: dict | str | Extraction = item
            if isinstance(item, Extraction):
                try:
                    sent = encode_extraction(item)
                except CacheError:
                    pass  # sent as it is (pickled)
            out.append(sent)
    return time.perf_counter() - started, time.thread_time() - cpu, out


@dataclass
class ExecutorStats:
    """What the cluster did for one build: tasks, and the seconds the workers spent reading
    (the rest of the stage's wall time × workers is the executor's overhead)."""

    tasks: int = 0
    documents: int = 0
    busy: float = 0.0  # sum over tasks of the seconds spent in the extractor
    cpu: float = 0.0  # the CPU seconds of those (the task's thread)
    wall: float = 0.0  # seconds from the first task sent to the last result
    task_seconds: list[float] = field(default_factory=list)


class DaskExecutor:
    """The NLP + extraction stage as Dask tasks. Use as a context manager (or call
    :meth:`close` when done): the cluster is reached (or started) by the first
    :meth:`extract` that has documents to read, so a build whose facts are all cached needs
    none. ``scheduler=None`` starts a ``LocalCluster`` of
    ``workers`` processes on 127.0.0.1 (one thread each, no dashboard) for the build.

    ``client``: an existing ``distributed.Client`` to use instead (not closed here).
    ``batch``: documents per task. ``window``: tasks in flight at once (default: 2 per
    worker thread, at least 4), which bounds what the scheduler and workers hold.
    """

    name = "dask"

    def __init__(
        self,
        scheduler: str | None = None,
        workers: int = 1,
        *,
        client=None,
        batch: int = BATCH,
        window: int | None = None,
        wait_for_workers: float = WAIT_FOR_WORKERS,
    ) -> None:
        if workers < 1:
            raise ValueError("a Dask LocalCluster needs at least 1 worker")
        if batch < 1:
            raise ValueError("a task needs at least 1 document")
        self.scheduler, self.workers, self.batch, self.window = scheduler, workers, batch, window
        self.wait = wait_for_workers
        self.client, self._own_client = client, client is None
        self.cluster: LocalCluster | None = None
        self.stats = ExecutorStats()
        self._fingerprint: str | None = None
        self._started = False

    # -- the cluster ----------------------------------------------------------------------
    def __enter__(self) -> "DaskExecutor":
        return self  # the cluster is reached when there is something to read

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self) -> None:
        why = dask_missing()
        if why:
            raise RuntimeError(why)
        from distributed import Client, LocalCluster

        if self.client is None:
            if self.scheduler:
                try:
                    self.client = Client(self.scheduler, timeout=f"{self.wait}s")
                except (OSError, TimeoutError) as exc:
                    raise RuntimeError(
                        f"cannot reach the Dask scheduler at {self.scheduler}: "
                        f"{' '.join(str(exc).split())[:200]}"
                    ) from None
            else:
                self.cluster = LocalCluster(
                    n_workers=self.workers,
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                    silence_logs=40,
                    # no dashboard, and its HTTP server (health checks) on a free port
                    # rather than 8787, which another program may hold
                    scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"},
                )
                self.client = Client(self.cluster)
        try:
            self.client.wait_for_workers(1, timeout=self.wait)
        except TimeoutError:
            where = self.scheduler or "the local cluster"
            self.close()
            raise RuntimeError(
                f"no Dask worker joined {where} within {self.wait:.0f} s: start "
                f"some with `dask worker {where} --nthreads 1`"
            ) from None
        # each worker (and any that joins later) loads the model once
        self.client.register_plugin(ModelPlugin(), name=PLUGIN_NAME)
        self._started = True

    def close(self) -> None:
        if self.client is not None and self._own_client:
            self.client.close()
            self.client = None
        self._started = False
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None

    def _threads(self) -> int:
        info = self.client.scheduler_info()
        return max(1, sum(w.get("nthreads", 1) for w in info.get("workers", {}).values()))

    # -- the stage --------------------------------------------------------------------------
    def extract(self, documents: Iterable[Document]) -> Iterator[Extraction | str]:
        """The facts of ``documents`` (or why one could not be read), in their order.

        ``documents`` is read as it goes (a batch per task sent), so it may be a stream:
        no more than ``window`` batches are held here at a time."""
        todo = iter(documents)
        first: list[Document] | None = list(islice(todo, self.batch))
        if not first:
            return
        if not self._started:
            self.start()
        from kg.cache import CacheError, decode_extraction, fingerprint

        if self._fingerprint is None:
            self._fingerprint = fingerprint()
        window = self.window or max(4, 2 * self._threads())
        pending: deque = deque()
        started = time.perf_counter()

        def send() -> None:
            nonlocal first
            chunk, first = (first or list(islice(todo, self.batch))), None
            if chunk:
                pending.append(
                    (self.client.submit(extract_batch, chunk, self._fingerprint, pure=False), chunk)
                )

        try:
            for _ in range(window):
                send()
            while pending:
                future, chunk = pending.popleft()
                seconds, cpu, items = self._result(future)
                send()
                self.stats.tasks += 1
                self.stats.documents += len(chunk)
                self.stats.busy += seconds
                self.stats.cpu += cpu
                self.stats.task_seconds.append(seconds)
                for doc, item in zip(chunk, items, strict=True):
                    if isinstance(item, dict):
                        try:
                            yield decode_extraction(item, doc)
                            continue
                        except CacheError as exc:
                            item = f"the worker's facts could not be read back ({exc})"
                    elif isinstance(item, Extraction):
                        item = replace(item, document=doc)
                    yield item
        finally:
            if pending:
                self.client.cancel([f for f, _ in pending])
            self.stats.wall += time.perf_counter() - started

    def _result(self, future) -> tuple[float, float, list]:
        try:
            return future.result()
        except ForeignWorker as exc:
            raise RuntimeError(f"Dask worker: {exc}") from None
        except (ModuleNotFoundError, ImportError) as exc:
            raise RuntimeError(
                f"a Dask worker cannot import the extractor ({exc}): install "
                "bilateral-kg and its language model on every worker"
            ) from None
        except Exception as exc:  # noqa: BLE001 - lost scheduler, killed tasks, …
            why = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
            raise RuntimeError(
                f"the Dask cluster could not read a batch of articles ({why}); "
                "the articles read so far are cached: run the build again "
                "to go on"
            ) from None
