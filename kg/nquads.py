"""N-Quads: the graphs of graph.trig, one quad per line, lines sorted in bounded memory.

Terms are escaped by Oxigraph, a few thousand quads at a time; the lines are sorted by an
external merge sort (:class:`SortedRuns`: sorted runs spilled to temporary files, then
merged), so a large build's lines are never held at once. Blank nodes get canonical labels
(:func:`canonical`), which graph.jsonld uses too. Written by :mod:`kg.export` with graph.trig,
one article graph at a time, and by :func:`kg.formats.write_formats` from a whole dataset.
"""

from __future__ import annotations

import contextlib
import heapq
import re
import tempfile
from functools import partial
from pathlib import Path
from typing import Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.graph import ArticleGraphs, named_triples
from kg.graphstore import TERM_CACHE
from kg.namespaces import ONTOLOGY_IRI
from kg.pieces import Pieces, digest

__all__ = [
    "PLAIN",
    "has_bnode",
    "canonical",
    "graph_nquads",
    "forget_terms",
    "SortedRuns",
    "RUN_LINES",
    "nquads",
    "nquad_lines",
    "iter_nquad_lines",
]

PLAIN = (URIRef, Literal)


def has_bnode(triples: Iterable[tuple]) -> bool:
    for s, p, o in triples:
        if type(s) is URIRef and type(p) is URIRef and type(o) in PLAIN:
            continue  # the common case, told without isinstance
        if isinstance(s, BNode) or isinstance(p, BNode) or isinstance(o, BNode):
            return True
    return False


def canonical(triples: Iterable[tuple], prefix: str = "") -> Iterable[tuple]:
    """The triples; blank nodes (if any) relabelled by rdflib's canonical hashing, so their
    labels do not depend on the run."""
    if not has_bnode(triples):
        return triples
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    canon = to_canonical_graph(graph)
    return [
        tuple(BNode(prefix + str(t)) if isinstance(t, BNode) else t for t in triple)
        for triple in canon
    ]


_NAMED: dict[URIRef, ox.NamedNode] = {}


def _ox(t):
    if isinstance(t, URIRef):
        node = _NAMED.get(t)
        if node is None:
            if len(_NAMED) > TERM_CACHE:  # bounded: the vocabulary and the hubs stay cached
                _NAMED.clear()
            node = _NAMED[t] = ox.NamedNode(str(t))
        return node
    if isinstance(t, BNode):
        return ox.BlankNode(re.sub(r"[^A-Za-z0-9_]", "_", str(t)))
    if t.language:
        return ox.Literal(str(t), language=t.language)
    if t.datatype is not None:
        return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)))
    return ox.Literal(str(t))


_LINE_BREAKS = re.compile("[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


RUN_LINES = 100_000  # N-Quads lines sorted in memory at a time (about 40 MB)
SPILL_LINES = 5_000  # lines of a sorted run written at a time


def nquad_lines(dataset: Dataset | ArticleGraphs, ontology: Graph | None = None) -> list[str]:
    """The lines of :func:`nquads`, sorted, each once, each ending in a line break."""
    return list(iter_nquad_lines(dataset, ontology))


def iter_nquad_lines(
    dataset: Dataset | ArticleGraphs,
    ontology: Graph | None = None,
    run_lines: int = RUN_LINES,
    folder: Path | None = None,
    pieces: Pieces | None = None,
) -> Iterator[str]:
    """The lines of :func:`nquad_lines`, one at a time, in memory bounded by ``run_lines``:
    an external merge sort (sorted runs of ``run_lines`` lines in temporary files in
    ``folder``, then merged), so graph.nq is written without holding its lines.

    Oxigraph escapes the terms, a few thousand quads at a time: handing it every quad of a
    large build at once costs several times the size of the file in memory.
    """
    with SortedRuns(run_lines, folder) as runs:
        try:
            for data in _escaped_chunks(dataset, ontology, pieces):
                runs.add_text(data)
        finally:
            _NAMED.clear()  # the terms of this build: not kept past it
        yield from runs.merged()


def _escaped_chunks(
    dataset: Dataset | ArticleGraphs, ontology: Graph | None, pieces: Pieces | None = None
) -> Iterator[str]:
    """The quads of the graphs as N-Quads text, escaped by Oxigraph, 20,000 quads a chunk;
    with ``pieces``, a named graph without blank nodes is one chunk, reused when an earlier
    build wrote the same graph."""
    onto = URIRef(ONTOLOGY_IRI)
    named = named_triples(dataset)
    if ontology is not None:
        named[onto] = list(ontology)
    batch: list = []
    for i, name in enumerate(sorted(named, key=str)):
        g = named.pop(name)
        gname: ox.DefaultGraph | ox.BlankNode | ox.NamedNode
        if name == DATASET_DEFAULT_GRAPH_ID:
            gname = ox.DefaultGraph()
        elif isinstance(name, BNode):
            gname = ox.BlankNode(f"g{i}")
        else:
            gname = ox.NamedNode(str(name))
            key = digest(g, name) if pieces is not None else None
            if key is not None:
                assert pieces is not None
                yield pieces.text(key, partial(_escaped_graph, g, gname))
                continue
        for s, p, o in canonical(g, prefix=f"g{i}"):
            batch.append(ox.Quad(_ox(s), _ox(p), _ox(o), gname))
        if len(batch) >= 20_000:
            yield _escaped(batch)
            batch.clear()
    if batch:
        yield _escaped(batch)


def graph_nquads(
    name: URIRef, triples: Iterable[tuple], index: int, pieces=None, key: str | None = None
) -> str:
    """The N-Quads text of one named graph (lines unsorted, as :func:`iter_nquad_lines`
    makes them: ``index``, the graph's place among the names, labels its blank nodes);
    with ``pieces``, reused when an earlier build wrote the same graph. ``key``: the
    graph's :func:`kg.pieces.digest` when the caller has made it already (graph.trig's
    piece of the same graph has the same one)."""
    gname = ox.NamedNode(str(name))
    if key is None and pieces is not None:
        key = digest(triples, name)
    if key is not None:
        return pieces.text(key, partial(_escaped_graph, triples, gname))
    return _escaped(
        [ox.Quad(_ox(s), _ox(p), _ox(o), gname) for s, p, o in canonical(triples, f"g{index}")]
    )


def forget_terms() -> None:
    """Let go of the Oxigraph terms cached while N-Quads were written (a build's own)."""
    _NAMED.clear()


def _escaped_graph(triples: Iterable[tuple], gname) -> str:
    """The N-Quads text of one graph's triples (no blank nodes), as :func:`_escaped`."""
    return _escaped([ox.Quad(_ox(s), _ox(p), _ox(o), gname) for s, p, o in triples])


def _escaped(batch: list) -> str:
    raw = ox.serialize(batch, format=ox.RdfFormat.N_QUADS)
    assert raw is not None  # with no output given, the bytes are returned
    data = raw.decode("utf-8")
    # Oxigraph leaves U+2028, U+2029, U+0085, U+000B, U+000C and U+001C-U+001E raw inside
    # literals: str.splitlines() (and line readers such as rdflib's) split on them and cut
    # a quad in two. They are written as \uXXXX escapes (valid in N-Quads literals and
    # IRIs), and lines are split on "\n" only
    if _LINE_BREAKS.search(data):
        data = _LINE_BREAKS.sub(lambda m: f"\\u{ord(m.group()):04X}", data)
    return data


class SortedRuns:
    """Distinct lines, sorted: kept in memory up to ``limit`` lines (and one text more),
    then written out as a sorted run to a temporary file; :meth:`merged` merges the runs
    (lines split on "\n" only, so a line holding another line break character stays one
    line). The lines are kept without their line break: no N-Quads line is the start of
    another (each ends with " ."), so they sort as they do with it."""

    def __init__(self, limit: int, folder: Path | None = None) -> None:
        self.limit, self.folder = max(1, limit), folder
        self.lines: set[str] = set()
        self.files: list[Path] = []
        self.tmp: tempfile.TemporaryDirectory | None = None

    def __enter__(self) -> "SortedRuns":
        return self

    def __exit__(self, *exc) -> None:
        if self.tmp is not None:
            self.tmp.cleanup()

    def add_text(self, text: str) -> None:
        """The lines of ``text`` (split on "\n" only), in one update of the set."""
        self.lines.update(text.split("\n"))
        self.lines.discard("")
        if len(self.lines) >= self.limit:
            self._spill()

    def _spill(self) -> None:
        """Write the lines held as a sorted run, :data:`SPILL_LINES` at a time: the run
        joined and encoded whole held it three times over (0.3 GB more at the peak of a
        100,000-article build)."""
        if self.tmp is None:
            self.tmp = tempfile.TemporaryDirectory(prefix=".kg-sort-", dir=self.folder)
        path = Path(self.tmp.name) / f"run{len(self.files)}.nq"
        ordered = sorted(self.lines)
        self.lines = set()
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            for i in range(0, len(ordered), SPILL_LINES):
                fh.write("\n".join(ordered[i : i + SPILL_LINES]) + "\n")
        self.files.append(path)

    def merged(self) -> Iterator[str]:
        if not self.files:
            for line in sorted(self.lines):
                yield line + "\n"
            return
        if self.lines:
            self._spill()
        with contextlib.ExitStack() as stack:
            runs = [
                stack.enter_context(open(p, encoding="utf-8", newline="\n")) for p in self.files
            ]
            last = None
            for line in heapq.merge(*runs):
                if line != last:
                    yield line
                    last = line


def nquads(dataset: Dataset | ArticleGraphs, ontology: Graph | None = None) -> str:
    """The article graphs (a Dataset or :data:`kg.graph.ArticleGraphs`) as N-Quads (escaped
    by Oxigraph), lines sorted; default-graph triples, if any, are written as triples.
    ``ontology`` (as graph.trig has it) replaces the dataset's ontology graph."""
    return "".join(nquad_lines(dataset, ontology))
