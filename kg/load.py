"""``kg load``: push a build into a triple store through the SPARQL 1.1 Graph Store Protocol.

Each named graph of the build (one per article, and the ontology's) is sent with an HTTP
``PUT ENDPOINT?graph=IRI``, which replaces that graph in the store and touches no other:
loading a build again changes nothing, and a build of other articles never loses what the
store holds besides. With ``graph=IRI``, the merged graph is put into that one graph instead.

At scale (10^5–10^6 articles) the load streams, in bounded memory:

* the input (``graph.nq`` of a build folder, else ``graph.trig``; or the file given) is
  parsed as a stream; when it is larger than ``bucket_bytes`` its quads are first spread,
  by a hash of their graph's name, over temporary N-Quads files of about that size, so that
  each graph is whole in one of them (the N-Quads file is sorted by line, not by graph);
  only one such file's graphs are held at a time;
* a graph of more than ``chunk`` triples is sent in pieces: a ``PUT`` of the first piece,
  then a ``POST`` (which adds) of each other one; a graph with blank nodes is sent whole
  (a blank node's label holds only within one request);
* a request that fails on a connection error, a timeout, HTTP 5xx or 429 is tried again
  after 0.5 s, 1 s, 2 s… (``retries`` times); a graph sent in pieces is sent again from its
  ``PUT``, so a retried ``POST`` can add nothing twice. Other HTTP errors stop the load.

Any store that speaks the protocol works: Oxigraph (``http://host:7878/store``), Fuseki
(``http://host:3030/DATASET/data``), GraphDB
(``http://host:7200/repositories/REPO/rdf-graphs/service``), Virtuoso, Blazegraph...
One HTTP/1.1 connection is kept open (``http.client``); credentials may be given in the URL
(``http://user:password@host/...``, sent as HTTP Basic).
"""

from __future__ import annotations

import base64
import http.client
import os
import socket
import tempfile
import time
import urllib.parse
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kg.errors import Errors
from kg.namespaces import ONTOLOGY_IRI

__all__ = ["LoadReport", "load"]

CONTENT_TYPE = "application/n-triples"
TIMEOUT = 30.0  # seconds a request may wait for the store (--timeout)
RETRIES = 4  # tries again of a request that failed for a transient reason
BACKOFF = 0.5  # seconds before the first try again, doubled at each one
CHUNK = 50_000  # most triples in one request
BUCKET_BYTES = 64 << 20  # input larger than this: graphs grouped through temporary files
RETRY_STATUS = frozenset({408, 429, 500, 502, 503, 504})


@dataclass
class LoadReport:
    endpoint: str
    graphs: int = 0  # graphs replaced
    triples: int = 0
    skipped: int = 0  # triples outside any named graph (not sent)
    requests: int = 0  # HTTP requests that succeeded
    retries: int = 0  # requests tried again

    def summary(self) -> str:
        n = self.graphs
        line = (
            f"replaced {n} graph{'s' if n != 1 else ''} ({self.triples} triples) at {self.endpoint}"
        )
        if self.retries:
            line += f" ({self.retries} request{'s' if self.retries != 1 else ''} tried again)"
        if self.skipped:
            line += f"; {self.skipped} triples outside named graphs were not sent"
        return line


def _source(build: Path, graph: str | None) -> tuple[Path, ox.RdfFormat]:
    build = Path(build)
    if build.is_dir():
        names = ["graph.ttl", "graph.nq", "graph.trig"] if graph else ["graph.nq", "graph.trig"]
        path = next((build / n for n in names if (build / n).is_file()), None)
        if path is None:
            raise FileNotFoundError(
                Errors.E301.format(
                    problem=f"no graph.trig in {build}: is it a build folder (kg build)?"
                )
            )
    elif build.is_file():
        path = build
    else:
        raise FileNotFoundError(Errors.E302.format(problem=f"build not found: {build}"))
    formats = {
        ".trig": ox.RdfFormat.TRIG,
        ".nq": ox.RdfFormat.N_QUADS,
        ".ttl": ox.RdfFormat.TURTLE,
        ".nt": ox.RdfFormat.N_TRIPLES,
    }
    if path.suffix not in formats:
        raise ValueError(
            Errors.E303.format(
                problem=f"{path}: expected a build folder, or a .trig, .nq, .ttl or .nt file"
            )
        )
    if path.suffix in (".ttl", ".nt") and not graph:
        raise ValueError(
            Errors.E304.format(
                problem=f"{path} has no named graphs: give the build folder (its graph.trig), "
                "or --graph IRI to load it into one graph"
            )
        )
    return path, formats[path.suffix]


def _check_iri(iri: str, what: str) -> str:
    parts = urllib.parse.urlsplit(iri)
    if not parts.scheme or any(c in iri for c in ' <>"{}|\\^`'):
        raise ValueError(Errors.E305.format(problem=f"{what} is not an absolute IRI: {iri!r}"))
    return iri


# --------------------------------------------------------------------------------------
# HTTP: one kept-open connection, tries again on transient failures
# --------------------------------------------------------------------------------------


class _Transient(Exception):
    """A failure worth trying again (connection, timeout, 5xx, 429)."""


class _Store:
    """The Graph Store at ``url``: ``send(method, graph, body)`` over one HTTP/1.1
    connection, opened again after a failure."""

    def __init__(self, url: str, timeout: float) -> None:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(
                Errors.E306.format(problem=f"--endpoint must be an http(s) URL, not {url!r}")
            )
        self.headers = {"Content-Type": CONTENT_TYPE}
        if parts.username is not None:
            user = urllib.parse.unquote(parts.username)
            password = urllib.parse.unquote(parts.password or "")
            token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
            self.headers["Authorization"] = f"Basic {token}"
        host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
        netloc = host + (f":{parts.port}" if parts.port else "")
        self.url = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
        self.scheme, self.host, self.port = parts.scheme, parts.hostname, parts.port
        self.target = (parts.path or "/") + (f"?{parts.query}&" if parts.query else "?")
        self.timeout = timeout
        self.conn: http.client.HTTPConnection | None = None

    def _connection(self) -> http.client.HTTPConnection:
        if self.conn is None:
            cls = (
                http.client.HTTPSConnection
                if self.scheme == "https"
                else http.client.HTTPConnection
            )
            self.conn = cls(self.host, self.port, timeout=self.timeout)
        return self.conn

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def send(self, method: str, graph: str, body: bytes) -> None:
        """One request; raises :class:`_Transient` or ``ValueError`` (not worth trying again)."""
        path = f"{self.target}graph={urllib.parse.quote(graph, safe='')}"
        try:
            conn = self._connection()
            conn.request(method, path, body=body, headers=self.headers)
            resp = conn.getresponse()
            detail = resp.read()
        except (OSError, http.client.HTTPException) as exc:  # refused, reset, timed out…
            self.close()
            if isinstance(exc, (socket.timeout, TimeoutError)):
                raise _Transient(
                    f"{self.url} did not answer within {self.timeout:g} s (a slow "
                    "store: give it longer with --timeout)"
                ) from None
            reason = " ".join(str(exc).split()) or type(exc).__name__
            raise _Transient(f"cannot reach {self.url}: {reason}") from None
        if resp.will_close:
            self.close()
        if resp.status < 300:
            return
        text = " ".join(detail[:300].decode("utf-8", "replace").split())
        message = f"{self.url} answered HTTP {resp.status} {resp.reason} for graph <{graph}>" + (
            f": {text}" if text else ""
        )
        if resp.status in RETRY_STATUS:
            raise _Transient(message)
        raise ValueError(Errors.E307.format(problem=message))


# --------------------------------------------------------------------------------------
# Reading: the graphs of the input, each whole, in bounded memory
# --------------------------------------------------------------------------------------


def _quads(path: Path, fmt: ox.RdfFormat) -> Iterator[ox.Quad]:
    try:
        yield from ox.parse(path=str(path), format=fmt)
    except SyntaxError as exc:
        raise ValueError(Errors.E308.format(problem=f"{path}: {exc}")) from None


def _grouped(quads, report: LoadReport) -> Iterator[tuple[str, list]]:
    """The named graphs of ``quads`` (held in memory), sorted by name."""
    groups: dict[str, list] = {}
    for quad in quads:
        if isinstance(quad.graph_name, ox.NamedNode):
            groups.setdefault(quad.graph_name.value, []).append(quad.triple)
        else:
            report.skipped += 1
    for name in sorted(groups):
        yield name, groups.pop(name)


def _graphs(
    path: Path, fmt: ox.RdfFormat, bucket_bytes: int, report: LoadReport
) -> Iterator[tuple[str, list]]:
    """Each named graph of the input with its triples, the ontology's last (for stores
    that infer from what they hold); no more than about ``bucket_bytes`` of the input's
    graphs are held at a time."""
    size = path.stat().st_size
    if size <= bucket_bytes:
        graphs = list(_grouped(_quads(path, fmt), report))
        yield from sorted(graphs, key=lambda g: g[0] == ONTOLOGY_IRI)
        return
    buckets = -(-size // bucket_bytes)
    with tempfile.TemporaryDirectory(prefix="kg-load-") as tmp:
        files = [
            open(os.path.join(tmp, f"{i}.nq"), "w", encoding="utf-8") for i in range(buckets + 1)
        ]  # the last: the ontology's
        try:
            for quad in _quads(path, fmt):
                g = quad.graph_name
                if not isinstance(g, ox.NamedNode):
                    report.skipped += 1
                    continue
                i = (
                    buckets
                    if g.value == ONTOLOGY_IRI
                    else zlib.crc32(g.value.encode("utf-8")) % buckets
                )
                files[i].write(f"{quad} .\n")
        finally:
            for fh in files:
                fh.close()
        for i in range(buckets + 1):
            bucket = Path(tmp) / f"{i}.nq"
            yield from _grouped(_quads(bucket, ox.RdfFormat.N_QUADS), report)
            bucket.unlink()


def _merged(path: Path, fmt: ox.RdfFormat, chunk: int) -> Iterator[list]:
    """The data triples of the input (the ontology left out, as graph.ttl), in pieces of
    ``chunk`` distinct triples."""
    piece: dict = {}
    first = True
    for quad in _quads(path, fmt):
        if isinstance(quad.graph_name, ox.NamedNode) and quad.graph_name.value == ONTOLOGY_IRI:
            continue
        piece[quad.triple] = None
        if len(piece) >= chunk:
            yield list(piece)
            piece, first = {}, False
    if piece or first:
        yield list(piece)  # an empty graph is still put (emptied) once


# --------------------------------------------------------------------------------------
# The load
# --------------------------------------------------------------------------------------


def _pieces(triples: list, chunk: int) -> list[list]:
    if len(triples) <= chunk or any(
        isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples
    ):
        return [triples]
    return [triples[i : i + chunk] for i in range(0, len(triples), chunk)]


class _Sender:
    """Sends a graph (its pieces: ``PUT`` then ``POST``s), from its ``PUT`` again after a
    transient failure, with exponential back-off."""

    def __init__(
        self,
        store: _Store,
        report: LoadReport,
        retries: int,
        backoff: float,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.store, self.report, self.retries, self.backoff = store, report, retries, backoff
        self.sleep = sleep

    def __call__(self, graph: str, pieces: Callable[[], Iterator[list]]) -> int:
        """Send the graph whose pieces ``pieces()`` gives (again, from the first, after a
        failure); returns how many triples were sent."""
        attempt = 0
        while True:
            sent = 0
            try:
                for i, piece in enumerate(pieces()):
                    body = ox.serialize(piece, format=ox.RdfFormat.N_TRIPLES) or b""
                    self.store.send("PUT" if i == 0 else "POST", graph, body)
                    self.report.requests += 1
                    sent += len(piece)
                return sent
            except _Transient as exc:
                if attempt >= self.retries:
                    tries = f" (tried {attempt + 1} times)" if attempt else ""
                    raise ValueError(Errors.E307.format(problem=f"{exc}{tries}")) from None
                self.sleep(self.backoff * 2**attempt)
                attempt += 1
                self.report.retries += 1


def load(
    build: str | Path,
    endpoint: str,
    graph: str | None = None,
    *,
    timeout: float = TIMEOUT,
    chunk: int = CHUNK,
    retries: int = RETRIES,
    backoff: float = BACKOFF,
    bucket_bytes: int = BUCKET_BYTES,
    progress: Callable[[LoadReport], None] | None = None,
) -> LoadReport:
    """Replace, in the store at ``endpoint`` (its Graph Store Protocol URL), the named graphs
    the build carries — or, with ``graph``, that one graph by the merged graph.

    ``timeout``: seconds a request may wait; ``chunk``: most triples per request;
    ``retries`` / ``backoff``: tries again of a failed request, after ``backoff`` seconds
    doubled each time; ``bucket_bytes``: how much of the input is grouped in memory at once.
    ``progress(report)`` is called after each graph sent.
    """
    if chunk < 1:
        raise ValueError(Errors.E309.format(problem="the chunk size must be at least 1 triple"))
    if not timeout > 0:
        raise ValueError(Errors.E309.format(problem="--timeout must be more than 0 seconds"))
    if retries < 0:
        raise ValueError(Errors.E309.format(problem="--retries must be 0 or more"))
    path, fmt = _source(Path(build), graph)
    store = _Store(endpoint, timeout)
    if graph:
        _check_iri(graph, "--graph")
    report = LoadReport(store.url)
    send = _Sender(store, report, retries, backoff)
    try:
        if graph:
            # the merged graph, read again from the start if it has to be sent again
            report.triples = send(graph, lambda: _merged(path, fmt, chunk))
            report.graphs = 1
        else:
            for name, triples in _graphs(path, fmt, bucket_bytes, report):
                send(name, lambda: iter(_pieces(triples, chunk)))
                report.graphs += 1
                report.triples += len(triples)
                if progress is not None:
                    progress(report)
    finally:
        store.close()
    return report
