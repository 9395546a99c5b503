"""Reading the graph: its triples → :class:`Facts`, the only place the views read RDF; and
:func:`sparql_rows`, the rows of SELECT queries on a graph (by Oxigraph, else rdflib).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterator

from pyoxigraph import QuerySolutions
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.query import ResultRow

from kg.graphstore import key_parts, key_term
from kg.namespaces import BKG
from kg.views.facts import LINK_FIELDS, LITERAL_FIELDS, TYPE_CLASSES, Facts, utf8_text
from kg.kinds import EVENT_KINDS
from kg.views.style import KIND_OF_CLASS


def _term(t) -> tuple:
    """An RDF term from rdflib or pyoxigraph as ("I", iri) / ("B", id) / ("L", text, lang)."""
    if isinstance(t, Literal):
        return ("L", utf8_text(t), t.language or "")
    if isinstance(t, (URIRef, BNode)):
        return ("B", str(t)) if isinstance(t, BNode) else ("I", str(t))
    name = type(t).__name__  # pyoxigraph terms
    if name == "Literal":
        return ("L", utf8_text(t.value), t.language or "")
    if name == "BlankNode":
        return ("B", t.value)
    return ("I", t.value)


def sparql_rows(graph: Graph, queries: list[str]) -> list[list[tuple]]:
    """Run SELECT ``queries`` on ``graph``; rows of terms (see :func:`_term`).

    The graph is handed to Oxigraph (a declared dependency) when it can take it: its SPARQL
    is about 15× faster than rdflib's here (5,000-node graph: 0.5 s vs 7 s). rdflib's own
    engine answers otherwise (same results)."""
    store = None
    try:
        from kg.graphio import oxigraph_of

        store = oxigraph_of(graph)
    except Exception:  # an odd literal rdflib cannot write, or an old pyoxigraph: use rdflib
        store = None
    out = []
    for q in queries:
        if store is not None:
            result = store.query(q)
            assert isinstance(result, QuerySolutions)  # every query here is a SELECT
            names = [v.value for v in result.variables]
            out.append([tuple(_term(sol[n]) for n in names) for sol in result])
        else:
            rows = graph.query(q)
            out.append([tuple(_term(t) for t in row) for row in rows if isinstance(row, ResultRow)])
    return out


def _key(term) -> str:
    """The key of a node in :class:`Facts`: its IRI, or ``_:id`` for a blank node; one
    string per node however often it is met (an article's IRI is the source of every node
    read in it)."""
    return sys.intern(f"_:{term}" if isinstance(term, BNode) else str(term))


def read_facts(graph: Graph) -> Facts:
    """Read nodes, literals and links from ``graph``: the triples of each predicate the views
    use, one scan per predicate, each triple filed as it is read (the scan is not held).

    No query engine: the three SELECTs this replaced cost a copy of the whole graph into
    Oxigraph (serialised as N-Triples, 10 s at 10,000 articles) and a term conversion per
    row, for a plain scan by predicate."""
    f = Facts()
    _read_kinds(f, graph)

    lit: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for p, name in LITERAL_FIELDS.items():
        for subject, node, literal in _objects(graph, p):
            if literal is not None:
                lit[subject][name].add(literal)
    f.lit = _settled(lit)
    del lit

    link: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for p, name in LINK_FIELDS.items():
        for subject, node, _literal in _objects(graph, p):
            if node is not None:
                link[subject][name].add(node)
    f.link = _settled(link)
    return f


def _objects(graph: Graph, predicate: str) -> Iterator[tuple[str, str | None, tuple | None]]:
    """Each triple of ``predicate`` as its subject's key (:func:`_key`) and its object:
    a node's key, or a literal's text (:func:`utf8_text`) and language.

    The build's on-disk store gives its keys as they are stored (``key_pairs``): no rdflib
    term is made for the tens of thousands of names and links, only for a literal with a
    datatype (a date), whose text is its term's (rdflib may spell it otherwise)."""
    pairs = getattr(graph, "key_pairs", None)
    if pairs is None:
        for subject, _p, o in graph.triples((None, URIRef(predicate), None)):
            if isinstance(o, Literal):
                yield _key(subject), None, (utf8_text(o), o.language or "")
            else:
                yield _key(subject), _key(o), None
        return
    intern = sys.intern
    dated: dict[str, str] = {}  # a typed literal's key → its term's text (dates repeat)
    for s, o in pairs(URIRef(predicate)):
        text, lang, datatype = key_parts(o)
        if lang is None:
            yield intern(s), intern(text), None
            continue
        if datatype:
            if o not in dated:
                dated[o] = str(key_term(o))
            text = dated[o]
        # text from SQLite is valid UTF-8 already (it stores no lone surrogate): only NULs
        yield intern(s), None, (utf8_text(text) if "\x00" in text else text, lang)


def _settled(table: dict[str, dict[str, set]]) -> dict[str, dict[str, list]]:
    """Each node's sets of values as sorted lists, made in place: a node's sets are let go
    as its lists are made, not once every node's lists are made (the table is the graph's
    size: it would be held twice)."""
    settled: dict = table
    for s, d in table.items():
        settled[s] = {n: sorted(v) for n, v in d.items()}
    return dict(settled)


def _read_kinds(f: Facts, graph: Graph) -> None:
    """The kind of each node, the kind of each event, the relations and the articles."""
    bkg = str(BKG)
    wanted = {bkg + c: c for c in TYPE_CLASSES}
    classes: dict[str, set[str]] = defaultdict(set)
    for subject, node, _literal in _objects(graph, str(RDF.type)):
        found = wanted.get(node) if node is not None else None
        if found is not None:
            classes[subject].add(found)
    order = ("Country", "Organization", "Official", "Event")
    for s in sorted(classes):
        cls = classes[s]
        for c in order:
            if c in cls:
                f.kind[s] = KIND_OF_CLASS[c]
                break
        if f.kind.get(s) == "event":
            kinds = [k for k in EVENT_KINDS if k in cls]
            f.event_kind[s] = kinds[0] if kinds else "OtherEvent"
        if "BilateralRelation" in cls and s not in f.kind:
            f.relations.append(s)
        if "Article" in cls and s not in f.kind:
            f.articles.append(s)
