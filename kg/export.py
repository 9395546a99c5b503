"""Serialisations of a build: ``graph.ttl`` and ``graph.trig``, deterministic and atomic.

The writer here is our own, small and sorted, on top of rdflib terms: subjects, predicates
and objects are written in a fixed order (``rdf:type`` first), named graphs in IRI order
after the ontology, and blank nodes (only the ontology has any) get labels from rdflib's
canonical hashing. The same triples therefore give the same bytes whatever the input order,
the run or ``PYTHONHASHSEED``; rdflib's own Turtle serializer orders blank nodes by their
random ids, which is why it is not used.

Every file is written to a temporary file in the output folder and moved into place with
:func:`os.replace`: a reader never sees half a file, and a failure leaves the old file.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import TextIO

from rdflib import BNode, Dataset, Graph, IdentifiedNode, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF

from kg.files import atomic_write
from kg.nquads import RUN_LINES, SortedRuns, forget_terms, graph_nquads
from kg.graph import ArticleGraph, ArticleGraphs, named_triples
from kg.graphstore import TERM_CACHE, GraphStore
from kg.namespaces import ONTOLOGY_IRI, PREFIXES
from kg.graphio import ONTOLOGY_FILE, load_ontology
from kg.pieces import Pieces, Stores, digest, open_pieces

_TYPE = RDF.type

__all__ = [
    "write_graph_files",
    "write_article_files",
    "write_turtle",
    "atomic_write",
    "turtle_lines",
    "trig_lines",
    "ONTOLOGY_FILE",
]


Triple = tuple  # (s, p, o) of rdflib terms


# --- terms ----------------------------------------------------------------------------------

# a conservative PN_LOCAL: what every Turtle parser reads as a prefixed name
_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.\-]*[A-Za-z0-9_\-])?")
_IRI_ESCAPE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
# controls (C0, DEL, C1), the line separators and U+FFFD (raw, Jena's strict reader warns
# about it) are written as \\uXXXX: the files stay plain lines of printable text
_STRING_ESCAPE = re.compile('[\x00-\x1f"\\\\\x7f-\x9f\u2028\u2029\ufffd]')
_SHORT = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


class _Terms:
    """Turtle/TriG spelling of rdflib terms, with the project's prefixes."""

    def __init__(
        self,
        prefixes: dict[str, object],
        bnode_labels: dict[BNode, str],
        cache: dict[URIRef, str] | None = None,
    ) -> None:
        # longest namespace first, so the most specific prefix wins
        self.prefixes = sorted(
            ((p, str(ns)) for p, ns in prefixes.items()), key=lambda x: (-len(x[1]), x[0])
        )
        self.bnodes = bnode_labels
        self.cache: dict[URIRef, str] = {} if cache is None else cache

    def iri(self, term: URIRef) -> str:
        got = self.cache.get(term)
        if got is None:
            got = self._iri(str(term))
            if len(self.cache) >= TERM_CACHE:  # bounded, however many IRIs the graph has
                self.cache.clear()
            self.cache[term] = got
        return got

    def _iri(self, iri: str) -> str:
        for prefix, ns in self.prefixes:
            if iri.startswith(ns) and _LOCAL.fullmatch(iri[len(ns) :]):
                return f"{prefix}:{iri[len(ns) :]}"
        return "<" + _IRI_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04X}", iri) + ">"

    def term(self, t) -> str:
        if isinstance(t, URIRef):
            return self.iri(t)
        if isinstance(t, BNode):
            return "_:" + self.bnodes[t]
        if isinstance(t, Literal):
            text = (
                '"'
                + _STRING_ESCAPE.sub(
                    lambda m: _SHORT.get(m.group(), f"\\u{ord(m.group()):04X}"), str(t)
                )
                + '"'
            )
            if t.language:
                return f"{text}@{t.language}"
            if t.datatype is not None:
                return f"{text}^^{self.iri(t.datatype)}"
            return text
        raise TypeError(f"not an RDF term: {t!r}")


def _order(t, bnodes: dict[BNode, str]) -> tuple:
    """A total order of terms that does not depend on the run: IRIs, blank nodes, literals."""
    if isinstance(t, URIRef):
        return (0, str(t), "", "")
    if isinstance(t, BNode):
        return (1, bnodes[t], "", "")
    return (2, str(t), str(t.datatype or ""), t.language or "")


def _canonical_bnodes(triples: list[Triple], tag: str) -> tuple[list[Triple], dict[BNode, str]]:
    """Blank nodes renamed by rdflib's canonical (content-hash) ids, labelled ``{tag}b{n}``."""
    if not any(isinstance(x, BNode) for t in triples for x in (t[0], t[2])):
        return triples, {}
    g = Graph()
    for t in triples:
        g.add(t)
    canon = list(to_canonical_graph(g))
    ids = sorted({x for t in canon for x in (t[0], t[2]) if isinstance(x, BNode)}, key=str)
    return canon, {b: f"{tag}b{i}" for i, b in enumerate(ids)}


def _blocks(
    triples: Iterable[Triple], terms: _Terms, indent: str, pieces: Pieces | None = None
) -> Iterator[str]:
    """Sorted subject blocks (``s a C ; p o1, o2 .``), one string per subject; with
    ``pieces``, a block of the same triples written by an earlier build is reused."""
    subjects: dict = defaultdict(lambda: defaultdict(set))
    for s, p, o in triples:
        subjects[s][p].add(o)
    for s in sorted(subjects, key=lambda t: _order(t, terms.bnodes)):
        yield _piece_block(s, subjects.pop(s), terms, indent, pieces)


def _piece_block(s, preds: dict, terms: _Terms, indent: str, pieces: Pieces | None) -> str:
    """:func:`_block`, or with ``pieces`` the block an earlier build wrote from the same
    triples."""
    if pieces is None:
        return _block(s, preds, terms, indent)
    key = digest((s, p, o) for p, objs in preds.items() for o in objs)
    return pieces.text(key and indent + key, partial(_block, s, preds, terms, indent))


def _store_blocks(store: GraphStore, terms: _Terms, pieces: Pieces | None) -> Iterator[str]:
    """The subject blocks of :func:`_blocks` read subject by subject from the on-disk store
    (in the same order: it holds IRIs and literals only, and gives subjects in IRI order);
    a block found in ``pieces`` under the digest of its stored keys is not made again."""
    if pieces is None:
        for s, pairs in store.by_subject():
            yield _block(s, _by_predicate(pairs), terms, "")
        return
    yield from pieces.texts(
        (key, partial(_store_block, read, terms)) for key, read in store.keyed_subjects()
    )


def _store_block(read: Callable[[], tuple], terms: _Terms) -> str:
    s, pairs = read()
    return _block(s, _by_predicate(pairs), terms, "")


def _by_predicate(pairs: list[tuple]) -> dict:
    preds: dict = defaultdict(set)
    for p, o in pairs:
        preds[p].add(o)
    return preds


def _block(s, preds: dict, terms: _Terms, indent: str) -> str:
    """One subject's block: ``preds`` holds its objects by predicate."""
    pad = indent + "    "
    parts = []
    for p in sorted(preds, key=lambda p: (p != _TYPE, str(p))):
        objs = [terms.term(o) for o in sorted(preds[p], key=lambda t: _order(t, terms.bnodes))]
        verb = "a" if p == _TYPE else terms.iri(p)
        parts.append(verb + " " + (",\n" + pad + "    ").join(objs))
    return indent + terms.term(s) + " " + (" ;\n" + pad).join(parts) + " .\n"


def _prefix_lines(prefixes: dict[str, object]) -> list[str]:
    return [f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(prefixes.items())] + ["\n"]


def turtle_lines(
    graph: Graph | GraphStore, prefixes: dict[str, object] = PREFIXES, pieces: Pieces | None = None
) -> Iterator[str]:
    """A graph as sorted Turtle text (an iterator of chunks); ``pieces``: the subject
    blocks of an earlier build (:mod:`kg.pieces`, for the project's prefixes only)."""
    pieces = pieces if prefixes is PREFIXES else None
    if isinstance(graph, GraphStore):
        terms = _Terms(prefixes, {})
        blocks = _store_blocks(graph, terms, pieces)
    else:
        triples, labels = _canonical_bnodes(list(graph), "")
        terms = _Terms(prefixes, labels)
        blocks = _blocks(triples, terms, "", pieces)
    yield from _prefix_lines(prefixes)
    first = True
    for block in blocks:
        if not first:
            yield "\n"
        first = False
        yield block


def trig_lines(
    graphs: dict[IdentifiedNode, list[Triple]],
    default: list[Triple] | None = None,
    prefixes: dict[str, object] = PREFIXES,
    pieces: Pieces | None = None,
) -> Iterator[str]:
    """Named graphs (and default-graph triples) as sorted TriG text.

    The ontology graph comes first, then the others in IRI order. Blank node labels are
    tagged per graph, so two graphs never share a blank node by accident. ``pieces``: the
    graphs (without blank nodes) written by an earlier build (:mod:`kg.pieces`).
    """
    if prefixes is not PREFIXES:
        pieces = None
    yield from _prefix_lines(prefixes)
    onto = URIRef(ONTOLOGY_IRI)
    cache: dict[URIRef, str] = {}  # IRI spellings, shared by the graphs
    if default:
        triples, labels = _canonical_bnodes(default, "d")
        terms = _Terms(prefixes, labels, cache)
        for block in _blocks(triples, terms, ""):
            yield block + "\n"
    names = sorted(graphs, key=lambda n: (n != onto, str(n)))
    for i, name in enumerate(names):
        yield from _trig_graph(name, graphs[name], i, prefixes, cache, pieces)


def _trig_graph(
    name,
    triples: list[Triple],
    i: int,
    prefixes: dict[str, object],
    cache: dict[URIRef, str],
    pieces: Pieces | None,
    key: str | None = None,
) -> Iterator[str]:
    """The text of the ``i``-th named graph of graph.trig (its blank nodes tagged by ``i``;
    ``cache``: the IRI spellings, shared by the graphs). ``key``: the graph's
    :func:`kg.pieces.digest` when the caller has made it (a graph with a digest has no
    blank node, so it is not looked at for one)."""
    if pieces is not None and key is not None:
        terms = _Terms(prefixes, {}, cache)
        yield pieces.text(key, partial(_graph_text, name, triples, terms))
        return
    triples, labels = _canonical_bnodes(triples, f"g{i}")
    terms = _Terms(prefixes, labels, cache)
    if pieces is None or labels:
        yield from _named_graph(name, triples, terms)
        return
    yield pieces.text(digest(triples, name), partial(_graph_text, name, triples, terms))


def _graph_text(name, triples: list[Triple], terms: _Terms) -> str:
    return "".join(_named_graph(name, triples, terms))


def _named_graph(name, triples: list[Triple], terms: _Terms) -> Iterator[str]:
    yield terms.term(name) + " {\n"
    first = True
    for block in _blocks(triples, terms, "    "):
        if not first:
            yield "\n"
        first = False
        yield block
    yield "}\n\n"


# --- the files of a build -------------------------------------------------------------------


WRITE_CHUNK = 1 << 20  # characters of text gathered before a write


def _write_lines(lines: Iterable[str]) -> Callable[[TextIO], None]:
    """A writer of text chunks for :func:`atomic_write`, in writes of about 1 MB."""

    def write(fh: TextIO) -> None:
        buf: list[str] = []
        size = 0
        for chunk in lines:
            buf.append(chunk)
            size += len(chunk)
            if size > WRITE_CHUNK:
                fh.write("".join(buf))
                buf, size = [], 0
        fh.write("".join(buf))

    return write


def write_turtle(merged: Graph | GraphStore, out: Path, pieces: Stores | None = None) -> Path:
    """Write ``graph.ttl``, the merged graph (an rdflib Graph or the on-disk store)."""
    with open_pieces(pieces, "ttl") as ttl_pieces:
        return atomic_write(
            Path(out) / "graph.ttl", _write_lines(turtle_lines(merged, pieces=ttl_pieces))
        )


def write_graph_files(
    dataset: Dataset | ArticleGraphs,
    merged: Graph,
    out: Path,
    ontology: Path | None = ONTOLOGY_FILE,
    pieces: Stores | None = None,
) -> list[Path]:
    """Write ``graph.ttl`` (the merged graph) and ``graph.trig`` (named graphs + ontology).

    ``dataset``: the article graphs, an rdflib Dataset or :data:`kg.graph.ArticleGraphs`.
    ``out`` is created when missing; nothing is written outside it. ``pieces``: the build
    folder's pieces of earlier builds, reused where their triples are the same.
    """
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    onto_name = URIRef(ONTOLOGY_IRI)

    graphs = named_triples(dataset)
    default: list[Triple] = graphs.pop(DATASET_DEFAULT_GRAPH_ID, [])
    onto = load_ontology(ontology) if ontology is not None else None
    if onto is not None:
        graphs[onto_name] = list(onto)

    ttl = write_turtle(merged, out, pieces)
    with open_pieces(pieces, "trig") as trig_pieces:
        trig = atomic_write(
            out / "graph.trig",
            _write_lines(trig_lines(dict(graphs), default, pieces=trig_pieces)),
        )
    return [ttl, trig]


def write_article_files(
    graphs: Iterable[ArticleGraph | tuple[URIRef, set]],
    out: Path,
    store: GraphStore | None = None,
    ontology: Path | None = ONTOLOGY_FILE,
    pieces: Stores | None = None,
    previous: Path | None = None,
) -> list[Path]:
    """Write ``graph.trig`` and ``graph.nq`` from the article graphs given one at a time
    in IRI order (:func:`kg.graph.iter_article_graphs`), each put into ``store`` (the
    merged graph on disk, :mod:`kg.graphstore`: a kept store loads only the graphs that
    changed, and drops those not given) and let go once written: the bytes of
    :func:`write_graph_files` and :func:`kg.formats.write_formats` in memory bounded by one
    article's graph (graph.nq's lines are sorted in runs spilled next to it).

    ``previous``: the last build's graph.nq. When the kept store remembers it as written
    from the graphs it holds, the lines of the graphs it keeps are taken from it, and only
    the other graphs' lines are made and sorted (an update's new and changed articles).

    A graph given as an :class:`kg.graph.ArticleGraph` is made only when the kept store
    does not hold it made from the same inputs (:meth:`GraphStore.made_from`) with its
    pieces of graph.trig (and of graph.nq, unless spliced) at hand: an update's unchanged
    articles are neither read again nor made."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    onto_name = URIRef(ONTOLOGY_IRI)
    onto = list(load_ontology(ontology)) if ontology is not None else None
    splice = store is not None and previous is not None and store.remembers(previous)
    dropped = {ONTOLOGY_IRI}  # the graphs whose lines in ``previous`` are not kept
    with (
        open_pieces(pieces, "trig") as trig_pieces,
        open_pieces(pieces, "nq") as nq_pieces,
        SortedRuns(RUN_LINES, out) as runs,
    ):

        def trig_chunks() -> Iterator[str]:
            cache: dict[URIRef, str] = {}
            yield from _prefix_lines(PREFIXES)
            if onto is not None:
                yield from _trig_graph(onto_name, onto, 0, PREFIXES, cache, None)
            before = 0  # the article graphs whose names sort before the ontology's
            for i, item in enumerate(graphs, 1 if onto is not None else 0):
                name, inputs, make = _as_article_graph(item)
                before += str(name) < ONTOLOGY_IRI
                # its place among all the names, the ontology's included (graph.nq's order)
                place = i - (onto is not None) + (onto is not None and ONTOLOGY_IRI < str(name))
                known = _unchanged(store, name, inputs, trig_pieces, nq_pieces, splice)
                if known is not None:  # its texts are the pieces filed under its digest
                    assert store is not None and trig_pieces is not None
                    yield trig_pieces.text(known, _not_made)
                    store.put(name, known, [], inputs)
                    if not splice:
                        dropped.add(str(name))
                        runs.add_text(graph_nquads(name, [], place, nq_pieces, known))
                    continue
                listed = list(make())
                # one digest files the graph's piece in both stores and in the graph store
                key = digest(listed, name) if pieces is not None or store is not None else None
                filed = key if pieces is not None else None
                yield from _trig_graph(name, listed, i, PREFIXES, cache, trig_pieces, filed)
                kept = store.put(name, key, listed, inputs) if store is not None else False
                if splice and kept:
                    continue  # its lines are those graph.nq holds
                dropped.add(str(name))
                runs.add_text(graph_nquads(name, listed, place, nq_pieces, filed))
            if onto is not None:
                runs.add_text(graph_nquads(onto_name, onto, before))

        try:
            trig = atomic_write(out / "graph.trig", _write_lines(trig_chunks()))
        finally:
            forget_terms()
        if store is not None:
            dropped.update(store.finish())  # the graphs of articles no longer built
        lines = runs.merged()
        if splice:
            assert previous is not None
            lines = _spliced(previous, dropped, lines)
        nq = atomic_write(out / "graph.nq", _write_lines(lines))
        if store is not None:
            store.remember(nq)
    return [trig, nq]


def _as_article_graph(item: ArticleGraph | tuple[URIRef, set]) -> ArticleGraph:
    if isinstance(item, ArticleGraph):
        return item
    name, triples = item
    return ArticleGraph(name, None, lambda: triples)


def _unchanged(
    store: GraphStore | None,
    name: URIRef,
    inputs: str | None,
    trig: Pieces | None,
    nq: Pieces | None,
    splice: bool,
) -> str | None:
    """The digest of the graph ``name`` when the kept store holds it made from ``inputs``
    and the texts it needs are filed (graph.trig's piece; graph.nq's, unless its lines are
    spliced from the last graph.nq): it need not be made again."""
    if store is None or inputs is None or trig is None or (nq is None and not splice):
        return None
    known = store.made_from(name, inputs)
    if known is None or not trig.has(known) or not (splice or (nq is not None and nq.has(known))):
        return None
    return known


def _not_made() -> str:
    raise AssertionError("an unchanged graph's piece is filed: it is never made")


def _spliced(previous: Path, dropped: set[str], new: Iterator[str]) -> Iterator[str]:
    """The sorted lines of graph.nq ``previous`` whose graph is not in ``dropped``, merged
    with the sorted lines ``new`` (of the dropped graphs made again, and the new ones). A
    line ends with its graph's IRI (``<g> .``), which holds no ``<``."""
    nxt = next(new, None)
    with open(previous, encoding="utf-8", newline="\n") as fh:
        for line in fh:
            end = len(line) - 4  # the ">" of "<g> .\n"
            if line[line.rfind("<", 0, end) + 1 : end] in dropped:
                continue
            while nxt is not None and nxt < line:
                yield nxt
                nxt = next(new, None)
            if nxt == line:  # never: a graph's lines are kept or made again, not both
                nxt = next(new, None)
            yield line
    if nxt is not None:
        yield nxt
        yield from new
