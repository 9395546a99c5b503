"""``kg load`` at scale: streamed, chunked, idempotent, and trying again on failures.

- Against a real Oxigraph server (``oxigraph serve`` on 127.0.0.1, started here): a load in
  tiny chunks (a graph sent as a PUT then POSTs) and tiny buckets (the input's graphs
  grouped through temporary files) gives the store exactly the build's graphs; a second
  load changes nothing (same quad count, same content).
- Against a tiny Graph Store written here (``http.server`` on 127.0.0.1) that fails the
  first requests: the load tries again with back-off and ends with every graph whole; a
  store that always fails, one that refuses the request (4xx) and one that never answers
  (``--timeout``) give a one-line error.
"""

from __future__ import annotations

import socket
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox
import pytest

from kg.load import _graphs, _source, load
from kg.namespaces import ONTOLOGY_IRI
from test_query_data import mini_build, seed_build
from test_stores import KG, _trig_graphs, oxigraph  # noqa: F401 - the server fixture

# ---------------------------------------------------------------------------------------
# What a store holds, compared with the build
# ---------------------------------------------------------------------------------------


def _store_quads(server) -> list[str]:
    """Every quad of the store (its default graph is empty), as text, sorted."""
    assert server.graph_triples(None) == set()
    out = []
    for name in server.graphs():
        out += [f"{t} <{name}>" for t in server.graph_triples(name)]
    return sorted(out)


def _assert_holds_the_build(
    graphs_in_store: dict[str, set[str]], build_graphs: dict[str, set[str]]
) -> None:
    assert set(graphs_in_store) == set(build_graphs)
    for name, triples in build_graphs.items():
        if any("_:" in t for t in triples):  # the ontology's OWL lists: compare sizes
            assert len(graphs_in_store[name]) == len(triples), name
        else:
            assert graphs_in_store[name] == triples, name


def _server_graphs(server) -> dict[str, set[str]]:
    return {name: server.graph_triples(name) for name in server.graphs()}


def test_input_grouped_through_buckets_gives_each_graph_whole_once():
    build = seed_build()
    path, fmt = _source(build, None)
    assert path.name == "graph.nq"
    from kg.load import LoadReport

    whole = {n: {str(t) for t in ts} for n, ts in _graphs(path, fmt, 1 << 30, LoadReport(""))}
    names = []
    bucketed = {}
    for n, ts in _graphs(path, fmt, path.stat().st_size // 7, LoadReport("")):
        names.append(n)
        bucketed[n] = {str(t) for t in ts}
    assert len(names) == len(set(names)) == len(whole)  # each graph whole, once
    assert names[-1] == ONTOLOGY_IRI  # the ontology last
    for n, ts in whole.items():
        if n != ONTOLOGY_IRI:
            assert bucketed[n] == ts, n
    assert len(bucketed[ONTOLOGY_IRI]) == len(whole[ONTOLOGY_IRI])


def test_chunked_load_into_oxigraph_is_the_build_and_a_second_load_changes_nothing(oxigraph):
    build = seed_build()
    server = oxigraph()
    expected = _trig_graphs(build / "graph.trig")
    size = (build / "graph.nq").stat().st_size
    report = load(build, server.url + "/store", chunk=7, bucket_bytes=size // 5)
    assert report.graphs == len(expected)
    big = sum(1 for ts in expected.values() if len(ts) > 7 and not any("_:" in t for t in ts))
    assert big > 0 and report.requests > report.graphs  # graphs sent in several pieces
    _assert_holds_the_build(_server_graphs(server), expected)
    before = _store_quads(server)
    counts = server.graphs()

    again = load(build, server.url + "/store", chunk=7, bucket_bytes=size // 5)
    assert (again.graphs, again.triples) == (report.graphs, report.triples)
    assert server.graphs() == counts
    after = _store_quads(server)
    assert len(after) == len(before)
    assert [q for q in after if "_:" not in q] == [q for q in before if "_:" not in q]


def test_cli_load_of_graph_trig_in_chunks(oxigraph):
    build = mini_build()
    server = oxigraph()
    p = subprocess.run(
        [
            str(KG),
            "load",
            str(build / "graph.trig"),
            "--endpoint",
            server.url + "/store",
            "--chunk",
            "3",
            "--timeout",
            "10",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert p.returncode == 0, p.stderr
    expected = _trig_graphs(build / "graph.trig")
    assert p.stderr.startswith(f"kg load: replaced {len(expected)} graphs")
    _assert_holds_the_build(_server_graphs(server), expected)


# ---------------------------------------------------------------------------------------
# A tiny Graph Store that fails on purpose
# ---------------------------------------------------------------------------------------


class FlakyStore:
    """A Graph Store on 127.0.0.1 holding graphs in memory; the first ``fail`` requests get
    ``status`` (or, with status 0, a connection closed without an answer)."""

    def __init__(self, fail: int = 0, status: int = 503) -> None:
        self.graphs: dict[str, set[str]] = {}
        self.fail, self.status = fail, status
        self.requests: list[tuple[str, str, int]] = []  # (method, graph, triples)
        self.lock = threading.Lock()
        store = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def _handle(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                graph = parse_qs(urlsplit(self.path).query)["graph"][0]
                with store.lock:
                    if store.fail > 0:
                        store.fail -= 1
                        if store.status == 0:
                            self.close_connection = True
                            self.connection.shutdown(socket.SHUT_RDWR)
                            return
                        self.send_response(store.status)
                        self.send_header("Content-Length", "4")
                        self.end_headers()
                        self.wfile.write(b"busy")
                        return
                    triples = {str(t) for t in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)}
                    store.requests.append((self.command, graph, len(triples)))
                    if self.command == "PUT":
                        store.graphs[graph] = triples
                    else:
                        store.graphs.setdefault(graph, set()).update(triples)
                self.send_response(204)
                self.send_header("Content-Length", "0")
                self.end_headers()

            do_PUT = do_POST = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/store"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def flaky():
    stores = []

    def start(fail: int = 0, status: int = 503) -> FlakyStore:
        stores.append(FlakyStore(fail, status))
        return stores[-1]

    yield start
    for s in stores:
        s.close()


def _whole(graphs: dict[str, set[str]]) -> dict[str, set[str]]:
    """Blank node labels differ per request: compare them as one label."""
    import re

    return {g: {re.sub(r"_:\S+", "_:b", t) for t in ts} for g, ts in graphs.items()}


def _build_graphs(build: Path) -> dict[str, set[str]]:
    """The named graphs of the file ``kg load`` reads in a build folder."""
    path, fmt = _source(build, None)
    out: dict[str, set[str]] = {}
    for q in ox.parse(path=str(path), format=fmt):
        out.setdefault(q.graph_name.value, set()).add(str(q.triple))
    return out


@pytest.mark.parametrize("status", [503, 500, 429, 0])
def test_failed_requests_are_tried_again_with_back_off(flaky, monkeypatch, status):
    from kg.load import _Sender

    build = mini_build()
    store = flaky(fail=3, status=status)
    waits: list[float] = []
    original = _Sender.__init__

    def recording(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self.sleep = waits.append  # the waits, without waiting

    monkeypatch.setattr(_Sender, "__init__", recording)
    report = load(build, store.url, chunk=4, backoff=0.5)
    assert report.retries == 3
    assert waits == [0.5, 1.0, 2.0]  # the first graph, three times
    assert _whole(store.graphs) == _whole(_build_graphs(build))
    assert all(n <= 4 for method, g, n in store.requests if g != ONTOLOGY_IRI)
    assert all(method == "PUT" for method, g, n in store.requests if g == ONTOLOGY_IRI)


def test_a_graph_whose_post_failed_is_sent_again_from_its_put(flaky):
    build = mini_build()
    store = flaky()
    expected = _build_graphs(build)
    name = max((g for g in expected if g != ONTOLOGY_IRI), key=lambda g: len(expected[g]))
    from kg.load import LoadReport, _Sender, _Store

    sender = _Sender(
        _Store(store.url, 5), LoadReport(store.url), retries=2, backoff=0, sleep=lambda s: None
    )
    path, fmt = _source(build, None)
    triples = [q.triple for q in ox.parse(path=str(path), format=fmt) if q.graph_name.value == name]
    pieces = [triples[i : i + 3] for i in range(0, len(triples), 3)]
    assert len(pieces) >= 3
    calls = []

    def sequence():
        calls.append(1)
        for i, piece in enumerate(pieces):
            if len(calls) == 1 and i == 2:
                store.fail = 1  # the third request (a POST) fails once
            yield piece

    assert sender(name, sequence) == len(triples)
    methods = [m for m, g, n in store.requests]
    assert methods == ["PUT", "POST", "PUT"] + ["POST"] * (len(pieces) - 1)
    assert store.graphs[name] == {str(t) for t in triples}


def test_a_store_that_keeps_failing_is_a_one_line_error(flaky):
    store = flaky(fail=100, status=503)
    p = subprocess.run(
        [str(KG), "load", str(mini_build()), "--endpoint", store.url, "--retries", "2"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert p.returncode == 2
    assert p.stderr.startswith("kg load: ") and len(p.stderr.strip().splitlines()) == 1
    assert "answered HTTP 503" in p.stderr and "(tried 3 times)" in p.stderr


def test_a_refusal_is_not_tried_again(flaky):
    store = flaky(fail=1, status=400)
    with pytest.raises(ValueError, match="answered HTTP 400"):
        load(mini_build(), store.url, backoff=0)
    assert store.fail == 0 and store.requests == []


def test_a_store_that_never_answers_times_out():
    with socket.socket() as listener:  # accepts connections, never answers
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/store"
        started = time.monotonic()
        p = subprocess.run(
            [
                str(KG),
                "load",
                str(mini_build()),
                "--endpoint",
                url,
                "--timeout",
                "1",
                "--retries",
                "1",
            ],
            capture_output=True,
            text=True,
            timeout=120,
        )
        took = time.monotonic() - started
    assert (
        p.returncode == 2 and "did not answer within" in p.stderr and "(tried 2 times)" in p.stderr
    ), p.stderr
    assert took < 30


def test_bad_load_options_are_errors():
    for args, message in [
        (["--chunk", "0"], "chunk size must be at least 1"),
        (["--timeout", "0"], "--timeout must be more than 0"),
        (["--retries", "-1"], "--retries must be 0 or more"),
    ]:
        p = subprocess.run(
            [str(KG), "load", str(mini_build()), "--endpoint", "http://127.0.0.1:1/store", *args],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert p.returncode == 2 and message in p.stderr, p.stderr
