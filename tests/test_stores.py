"""The build in real triple stores and tools: Apache Jena and an Oxigraph server.

- Jena (Debian's libapache-jena-java, driven by tests/jena.py): strict ``riot --validate``
  of every serialisation; ``arq`` runs every named query on graph.ttl, and TDB2 (Fuseki's
  store, union default graph) on graph.trig, with the same rows as ``kg query``.
- An Oxigraph server started here on 127.0.0.1 (stopped by its PID): the build posted
  through the SPARQL 1.1 Graph Store Protocol, every named query over the SPARQL 1.1
  Protocol, same rows; and ``kg load`` against it.

Jena and the server have no way to bind parameters, so they get the query with its values
written in by :func:`kg.query.inline_params` (escaped terms, SEP-0007 rules).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from jena import find_jena, parse_json_results
from kg.query import Result, bind_params, get_query, inline_params, load_store, run_named
from test_query_data import CASES, mini_build, seed_build, seed_cases

BIN = Path(sys.executable).parent
OXIGRAPH = BIN / "oxigraph"
KG = BIN / "kg"

# the mini build's cases Jena runs: all the date-range ones, and one of each other query
MINI_CASES = [(n, p) for n, ps in CASES.items() for p in (ps if n == "events-in-range" else ps[:1])]


def builds():
    return {"seeds": seed_build(), "mini": mini_build()}


def cases(build_name: str, store) -> list[tuple[str, dict]]:
    return seed_cases(store) if build_name == "seeds" else MINI_CASES


def expected(store, name, params) -> Result:
    return run_named(store, name, params)


# ---------------------------------------------------------------------------------------
# Apache Jena
# ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def jena(tmp_path_factory):
    found, why = find_jena(tmp_path_factory.mktemp("jena"))
    if found is None:
        pytest.skip(f"Apache Jena unavailable: {why}")
    return found


@pytest.mark.parametrize("build_name", ["seeds", "mini"])
def test_riot_validates_every_serialisation_strictly(jena, build_name):
    build = builds()[build_name]
    files = ["graph.ttl", "graph.trig"] + (["graph.nq"] if (build / "graph.nq").exists() else [])
    with ThreadPoolExecutor(3) as pool:
        results = list(pool.map(lambda f: (f, jena.validate(build / f)), files))
    for f, p in results:
        assert p.returncode == 0 and not p.stderr.strip(), f"riot --validate {f}:\n{p.stderr}"


def test_riot_reads_the_jsonld_as_graph_ttl(jena):
    build = seed_build()
    p = jena.run(
        "riotcmd.riot", "--syntax=JSONLD10", "--validate", "--strict", str(build / "graph.jsonld")
    )
    assert p.returncode == 0 and not p.stderr.strip(), p.stderr
    p = jena.run("riotcmd.riot", "--syntax=JSONLD10", "--output=nt", str(build / "graph.jsonld"))
    assert p.returncode == 0, p.stderr
    assert isomorphic(Graph().parse(data=p.stdout, format="nt"), Graph().parse(build / "graph.ttl"))


def _write_queries(folder: Path, cases_: list) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, (name, params) in enumerate(cases_):
        q = get_query(name)
        path = folder / f"{i:02d}-{name}.rq"
        path.write_text(inline_params(q, bind_params(q, params)), encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.parametrize("build_name", ["seeds", "mini"])
def test_arq_runs_every_named_query_like_kg_query(jena, build_name, tmp_path):
    build = builds()[build_name]
    store = load_store(build / "graph.ttl")
    todo = cases(build_name, store)
    assert {n for n, _ in todo} == set(CASES)
    paths = _write_queries(tmp_path, todo)
    with ThreadPoolExecutor(3) as pool:
        got = list(pool.map(lambda q: jena.arq(build / "graph.ttl", q), paths))
    for (name, params), (names, rows) in zip(todo, got):
        want = expected(store, name, params)
        assert names == want.vars, (name, params)
        assert Result(names, rows).key() == want.key(), f"arq: {name} {params}"


def test_tdb2_union_default_graph_runs_every_named_query_on_graph_trig(jena, tmp_path):
    build = seed_build()
    store = load_store(build / "graph.trig")
    todo = seed_cases(store)
    db = tmp_path / "tdb2-0"
    jena.tdb2_load(db, build / "graph.trig")
    # a TDB2 database is locked by the process using it: one copy per worker
    workers = 3
    dbs = [db] + [Path(shutil.copytree(db, tmp_path / f"tdb2-{i}")) for i in range(1, workers)]
    for copy in dbs:
        (copy / "tdb.lock").unlink(missing_ok=True)
    paths = _write_queries(tmp_path / "queries", todo)
    with ThreadPoolExecutor(workers) as pool:
        got = list(
            pool.map(lambda iq: jena.tdb2_query(dbs[iq[0] % workers], iq[1]), enumerate(paths))
        )
    for (name, params), (names, rows) in zip(todo, got):
        want = expected(store, name, params)
        assert (names, Result(names, rows).key()) == (want.vars, want.key()), (
            f"TDB2: {name} {params}"
        )


# ---------------------------------------------------------------------------------------
# An Oxigraph server
# ---------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OxigraphServer:
    """``oxigraph serve`` on 127.0.0.1 and a free port; :meth:`stop` ends it by its PID."""

    def __init__(self, location: Path, union: bool = False):
        assert OXIGRAPH.is_file(), f"{OXIGRAPH} missing: pip install oxigraph (the test extras)"
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        args = [
            str(OXIGRAPH),
            "serve",
            "--location",
            str(location),
            "--bind",
            f"127.0.0.1:{self.port}",
        ]
        if union:
            args.append("--union-default-graph")
        self.log = open(location.parent / f"oxigraph-{self.port}.log", "wb")
        self.proc = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT)
        self.pid = self.proc.pid
        deadline = time.monotonic() + 30
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError(f"oxigraph serve exited with {self.proc.returncode}")
            try:
                with urllib.request.urlopen(self.url + "/", timeout=2):
                    break
            except (urllib.error.URLError, OSError):
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError("oxigraph serve did not answer within 30 s")
                time.sleep(0.1)

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.kill(self.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.kill(self.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        self.log.close()

    # --- the protocols ----------------------------------------------------------------

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        content_type: str | None = None,
        accept: str | None = None,
    ) -> bytes:
        headers = {}
        if content_type:
            headers["Content-Type"] = content_type
        if accept:
            headers["Accept"] = accept
        req = urllib.request.Request(self.url + path, data=body, method=method, headers=headers)
        with urllib.request.urlopen(req, timeout=60) as resp:  # HTTPError on 4xx/5xx
            return resp.read()

    def post_file(self, path: Path, graph: str | None = None) -> None:
        """Graph Store Protocol: POST a file into the default graph (Turtle) or the store."""
        if path.suffix == ".trig":
            self.request("POST", "/store", path.read_bytes(), "application/trig")
        else:
            target = "?default" if graph is None else "?graph=" + urllib.parse.quote(graph, safe="")
            self.request("POST", "/store" + target, path.read_bytes(), "text/turtle")

    def select(self, query: str) -> tuple[list[str], list[tuple]]:
        """SPARQL 1.1 Protocol: POST the query, read JSON results."""
        data = self.request(
            "POST",
            "/query",
            query.encode("utf-8"),
            "application/sparql-query",
            "application/sparql-results+json",
        )
        return parse_json_results(data.decode("utf-8"))

    def update(self, text: str) -> None:
        self.request("POST", "/update", text.encode("utf-8"), "application/sparql-update")

    def graph_triples(self, graph: str | None) -> set[str]:
        target = "?default" if graph is None else "?graph=" + urllib.parse.quote(graph, safe="")
        data = self.request("GET", "/store" + target, accept="application/n-triples")
        return {str(t) for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)}

    def graphs(self) -> dict[str, int]:
        _, rows = self.select(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        )
        return {str(g): int(n) for g, n in rows}


@pytest.fixture
def oxigraph(tmp_path):
    servers = []

    def start(union: bool = False) -> OxigraphServer:
        folder = tmp_path / f"store{len(servers)}"
        folder.mkdir()
        server = OxigraphServer(folder / "db", union=union)
        servers.append(server)
        return server

    try:
        yield start
    finally:
        for server in servers:
            server.stop()
        for server in servers:
            assert server.proc.poll() is not None


@pytest.mark.parametrize("build_name", ["seeds", "mini"])
@pytest.mark.parametrize("file", ["graph.ttl", "graph.trig"])
def test_oxigraph_server_answers_every_named_query_like_kg_query(oxigraph, build_name, file):
    build = builds()[build_name]
    # graph.trig: its article graphs, queried through the union default graph
    server = oxigraph(union=file == "graph.trig")
    server.post_file(build / file)
    store = load_store(build / file)
    todo = (
        cases(build_name, store)
        if build_name == "seeds"
        else [(n, p) for n, ps in CASES.items() for p in ps]
    )
    for name, params in todo:
        q = get_query(name)
        names, rows = server.select(inline_params(q, bind_params(q, params)))
        want = expected(store, name, params)
        assert (names, Result(names, rows).key()) == (want.vars, want.key()), (
            f"server: {name} {params} on {file}"
        )


def _trig_graphs(path: Path) -> dict[str, set[str]]:
    """The named graphs of a TriG file, as an Oxigraph store holds them (it normalises some
    literals: xsd:nonNegativeInteger "7" is read back as xsd:integer "7")."""
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TRIG)
    graphs: dict[str, set[str]] = {}
    for quad in store:
        graphs.setdefault(quad.graph_name.value, set()).add(str(quad.triple))
    return graphs


def _kg_load(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(KG), "load", *args], capture_output=True, text=True, timeout=300)


def test_kg_load_replaces_the_build_graphs_and_nothing_else(oxigraph):
    build = seed_build()
    server = oxigraph()
    article_graphs = _trig_graphs(build / "graph.trig")
    some_article = sorted(g for g in article_graphs if "/article/" in g)[0]
    # what the store holds before: another dataset, a default graph, a stale article graph
    server.update(f"""INSERT DATA {{
        <urn:x:s> <urn:x:p> "in the default graph" .
        GRAPH <http://example.org/other> {{ <urn:x:s> <urn:x:p> "another dataset" }}
        GRAPH <{some_article}> {{ <urn:x:s> <urn:x:p> "stale: from an older build" }}
    }}""")
    before_default = server.graph_triples(None)
    before_other = server.graph_triples("http://example.org/other")

    p = _kg_load(str(build), "--endpoint", server.url + "/store")
    assert p.returncode == 0, p.stderr
    assert p.stderr.startswith(f"kg load: replaced {len(article_graphs)} graphs")

    for name, triples in article_graphs.items():
        if any("_:" in t for t in triples):  # the ontology's OWL lists: compare sizes
            assert len(server.graph_triples(name)) == len(triples), name
        else:
            assert server.graph_triples(name) == triples, name
    assert server.graph_triples(None) == before_default
    assert server.graph_triples("http://example.org/other") == before_other
    assert set(server.graphs()) == set(article_graphs) | {"http://example.org/other"}

    # loading again changes nothing
    state = server.graphs()
    assert _kg_load(str(build), "--endpoint", server.url + "/store", "--quiet").returncode == 0
    assert server.graphs() == state

    # and the store answers the named queries like kg query on graph.trig
    store = load_store(build / "graph.trig")
    q = get_query("meetings-between")
    query = inline_params(q, bind_params(q, {"a": "VN", "b": "KG"}))
    union = oxigraph(union=True)
    assert _kg_load(str(build), "--endpoint", union.url + "/store", "--quiet").returncode == 0
    names, rows = union.select(query)
    want = run_named(store, "meetings-between", {"a": "VN", "b": "KG"})
    assert Result(names, rows).key() == want.key()


def test_kg_load_into_one_graph(oxigraph):
    build = seed_build()
    server = oxigraph()
    server.update('INSERT DATA { GRAPH <http://example.org/other> { <urn:x:s> <urn:x:p> "kept" } }')
    p = _kg_load(
        str(build), "--endpoint", server.url + "/store", "--graph", "http://example.org/bilateral"
    )
    assert p.returncode == 0, p.stderr
    local = ox.Store()
    local.load(path=str(build / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    ttl = {str(q.triple) for q in local}
    assert server.graph_triples("http://example.org/bilateral") == ttl
    assert server.graphs() == {
        "http://example.org/bilateral": len(ttl),
        "http://example.org/other": 1,
    }


def test_kg_load_api_and_errors(oxigraph, tmp_path):
    from kg.load import load

    build = mini_build()
    server = oxigraph()
    report = load(build, server.url + "/store")
    assert report.graphs == len(_trig_graphs(build / "graph.trig")) and report.triples > 0
    # one graph from graph.trig: its data merged, without the ontology, as graph.ttl
    report = load(build / "graph.trig", server.url + "/store", graph="urn:x:merged")
    ttl = ox.Store()
    ttl.load(path=str(build / "graph.ttl"), format=ox.RdfFormat.TURTLE)
    assert report.graphs == 1 and report.triples == len(ttl)
    assert server.graph_triples("urn:x:merged") == {str(q.triple) for q in ttl}
    for argv, message in [
        ([str(build), "--endpoint", server.url + "/nope"], "answered HTTP 404"),
        ([str(build), "--endpoint", f"http://127.0.0.1:{_free_port()}/store"], "cannot reach"),
        ([str(build), "--endpoint", "ftp://example.org/store"], "must be an http(s) URL"),
        ([str(build / "graph.ttl"), "--endpoint", server.url + "/store"], "has no named graphs"),
        ([str(tmp_path), "--endpoint", server.url + "/store"], "no graph.trig"),
        (
            [str(build), "--endpoint", server.url + "/store", "--graph", "not an iri"],
            "not an absolute IRI",
        ),
    ]:
        p = _kg_load(*argv)
        assert p.returncode == 2, (argv, p.stderr)
        assert p.stderr.startswith("kg load: ") and message in p.stderr, p.stderr
        assert len(p.stderr.strip().splitlines()) == 1
