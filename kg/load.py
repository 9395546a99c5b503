"""``kg load``: push a build into a triple store through the SPARQL 1.1 Graph Store Protocol.

Each named graph of ``graph.trig`` (one per article, and the ontology's) is sent with an
HTTP ``PUT ENDPOINT?graph=IRI``, which replaces that graph in the store and touches no other:
loading a build again, or a build of other articles, never loses what the store holds
besides. With ``graph=IRI``, the merged graph (``graph.ttl``) is put into that one graph
instead.

Any store that speaks the protocol works: Oxigraph (``http://host:7878/store``), Fuseki
(``http://host:3030/DATASET/data``), GraphDB
(``http://host:7200/repositories/REPO/rdf-graphs/service``), Virtuoso, Blazegraph...
The ``urllib`` of the standard library does the HTTP; credentials may be given in the URL
(``http://user:password@host/...``, sent as HTTP Basic).
"""
from __future__ import annotations

import base64
import math
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.namespaces import ONTOLOGY_IRI

__all__ = ["LoadReport", "load", "main"]

CONTENT_TYPE = "application/n-triples"
DEFAULT_TIMEOUT = 30.0     # seconds a store may take to answer one request


@dataclass
class LoadReport:
    endpoint: str
    graphs: list[str] = field(default_factory=list)
    triples: int = 0
    skipped: int = 0          # triples outside any named graph (not sent)

    def summary(self) -> str:
        n = len(self.graphs)
        line = (f"replaced {n} graph{'s' if n != 1 else ''} ({self.triples} triples) "
                f"at {self.endpoint}")
        if self.skipped:
            line += f"; {self.skipped} triples outside named graphs were not sent"
        return line


def _source(build: Path, graph: str | None) -> tuple[Path, ox.RdfFormat]:
    build = Path(build)
    if build.is_dir():
        name = "graph.ttl" if graph and (build / "graph.ttl").is_file() else "graph.trig"
        path = build / name
        if not path.is_file():
            raise FileNotFoundError(f"no {name} in {build}: is it a build folder (kg build)?")
    elif build.is_file():
        path = build
    else:
        raise FileNotFoundError(f"build not found: {build}")
    formats = {".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS,
               ".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES}
    if path.suffix not in formats:
        raise ValueError(f"{path}: expected a build folder, or a .trig, .nq, .ttl or .nt file")
    if path.suffix in (".ttl", ".nt") and not graph:
        raise ValueError(f"{path} has no named graphs: give the build folder (its graph.trig), "
                         "or --graph IRI to load it into one graph")
    return path, formats[path.suffix]


def _check_iri(iri: str, what: str) -> str:
    parts = urllib.parse.urlsplit(iri)
    if not parts.scheme or any(c in iri for c in ' <>"{}|\\^`'):
        raise ValueError(f"{what} is not an absolute IRI: {iri!r}")
    return iri


def _endpoint(url: str) -> tuple[str, dict[str, str]]:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"--endpoint must be an http(s) URL, not {url!r}")
    headers = {}
    if parts.username is not None:
        user = urllib.parse.unquote(parts.username)
        password = urllib.parse.unquote(parts.password or "")
        token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        headers["Authorization"] = f"Basic {token}"
        netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
        url = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, ""))
    return url, headers


def _put(endpoint: str, headers: dict[str, str], graph: str, body: bytes,
         timeout: float) -> None:
    sep = "&" if urllib.parse.urlsplit(endpoint).query else "?"
    url = f"{endpoint}{sep}graph={urllib.parse.quote(graph, safe='')}"
    req = urllib.request.Request(url, data=body, method="PUT",
                                 headers={**headers, "Content-Type": CONTENT_TYPE})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            resp.read()
    except urllib.error.HTTPError as exc:
        detail = " ".join(exc.read(300).decode("utf-8", "replace").split())
        raise ValueError(f"{endpoint} answered HTTP {exc.code} {exc.reason} for graph <{graph}>"
                         + (f": {detail}" if detail else "")) from None
    except (TimeoutError, socket.timeout) as exc:
        raise ValueError(f"{endpoint} did not answer within {timeout:g} s (graph <{graph}> not "
                         "loaded; the graphs before it were): is the store running and "
                         "reachable? Give --timeout SECONDS to wait longer") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, (TimeoutError, socket.timeout)):
            raise ValueError(f"{endpoint} did not answer within {timeout:g} s (graph <{graph}> "
                             "not loaded): is the store running and reachable? Give --timeout "
                             "SECONDS to wait longer") from None
        raise ValueError(f"cannot reach {endpoint}: {reason}") from None


def load(build: str | Path, endpoint: str, graph: str | None = None, *,
         timeout: float = DEFAULT_TIMEOUT) -> LoadReport:
    """Replace, in the store at ``endpoint`` (its Graph Store Protocol URL), the named graphs
    the build carries — or, with ``graph``, that one graph by the merged graph.
    ``timeout``: seconds to wait for the store to accept a connection or to answer (each
    request); a store that does not is reported, naming the graph not loaded."""
    path, fmt = _source(Path(build), graph)
    url, headers = _endpoint(endpoint)
    if graph:
        _check_iri(graph, "--graph")
    report = LoadReport(url)
    groups: dict[str, list] = defaultdict(list)
    try:
        for quad in ox.parse(path=str(path), format=fmt):
            if graph:
                # the merged graph: the data, not the ontology (as graph.ttl)
                if not (isinstance(quad.graph_name, ox.NamedNode)
                        and quad.graph_name.value == ONTOLOGY_IRI):
                    groups[graph].append(quad.triple)
            elif isinstance(quad.graph_name, ox.NamedNode):
                groups[quad.graph_name.value].append(quad.triple)
            else:
                report.skipped += 1
    except SyntaxError as exc:
        raise ValueError(f"{path}: {exc}") from None
    if graph:
        groups[graph] = list(dict.fromkeys(groups[graph]))   # each triple once
    # the ontology last: the data first, for stores that infer from what they hold
    names = sorted(groups, key=lambda n: (n == ONTOLOGY_IRI, n))
    for name in names:
        body = ox.serialize(groups[name], format=ox.RdfFormat.N_TRIPLES)
        _put(url, headers, name, body, timeout)
        report.graphs.append(name)
        report.triples += len(groups[name])
    return report


def main(args) -> int:
    """``kg load BUILD --endpoint URL [--graph IRI] [--timeout SECONDS]``."""
    timeout = getattr(args, "timeout", DEFAULT_TIMEOUT)
    if not (math.isfinite(timeout) and timeout > 0):
        raise ValueError(f"--timeout must be a positive number of seconds, not {timeout}")
    report = load(args.build, args.endpoint, args.graph, timeout=timeout)
    if not getattr(args, "quiet", False):
        import sys
        print(f"kg load: {report.summary()}", file=sys.stderr)
    return 0
