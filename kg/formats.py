"""The build's other formats, for the tools users already run.

:func:`write_formats` writes, next to ``graph.ttl`` and ``graph.trig``:

``graph.nq``       N-Quads: the graphs of graph.trig (one named graph per article, plus the
                   ontology of ``ontology/bilateral.ttl``), one quad per line, lines sorted
``graph.jsonld``   JSON-LD, compact: the merged graph (as graph.ttl) under the context of
                   ``ontology/context.jsonld`` (the published ``@context``), embedded so the
                   file reads offline
``graph.graphml``  GraphML and GEXF for Gephi (networkx): officials, countries and
``graph.gexf``     organisations; edges "met" (officials who took part in the same contact,
                   weight = contacts), "nationality" and "relation" (two parties related by
                   a bilateral relation and/or their contacts, weight = both counted)
``events.csv``     one row per event, one per official, with their sources (pandas,
``officials.csv``  spreadsheets); lists inside a cell are joined by "; "; a text cell
                   starting with = + - @ (a formula to a spreadsheet) is prefixed with '
                   (OWASP's advice against CSV injection)

Every file is deterministic (the same graph gives the same bytes) and written atomically
into the output folder, and nowhere else.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections import defaultdict
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Iterator

import networkx as nx
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from kg.files import atomic_write
from kg.graphio import load_ontology
from kg.graph import ArticleGraphs
from kg.graphstore import GraphStore
from kg.kinds import CONTACT_KINDS, EVENT_KINDS
from kg.namespaces import BKG, SCHEMA
from kg.nquads import PLAIN, canonical, has_bnode, iter_nquad_lines
from kg.pieces import Pieces, Stores, digest, open_pieces
from kg.resources import resource
from kg.scan import Chunk, chunks, sorted_of_type

__all__ = [
    "write_formats",
    "write_derived",
    "CONTEXT_FILE",
    "load_context",
    "jsonld_document",
    "jsonld_text",
    "network",
    "events_table",
    "officials_table",
    "FORMAT_FILES",
]

CONTEXT_FILE = resource("ontology/context.jsonld")
FORMAT_FILES = (
    "graph.nq",
    "graph.jsonld",
    "graph.graphml",
    "graph.gexf",
    "events.csv",
    "officials.csv",
)


def write_formats(
    dataset: Dataset | ArticleGraphs, merged: Graph, out: Path, pieces: Stores | None = None
) -> list[Path]:
    """Write the six files of :data:`FORMAT_FILES` into ``out``; returns their paths.
    ``pieces``: the build folder's pieces of earlier builds (:mod:`kg.pieces`), reused
    where their triples are the same."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    # the same graphs as graph.trig, sorted in bounded memory (runs spilled next to the file)
    with open_pieces(pieces, "nq") as nq:
        written.append(
            atomic_write(
                out / "graph.nq",
                lambda fh: fh.writelines(
                    iter_nquad_lines(dataset, load_ontology(), folder=out, pieces=nq)
                ),
            )
        )
    return written + write_derived(merged, out, pieces)


def write_derived(
    merged: Graph | GraphStore, out: Path, pieces: Stores | None = None
) -> list[Path]:
    """Write the files of :data:`FORMAT_FILES` made from the merged graph alone (all but
    graph.nq, which :func:`kg.export.write_article_files` writes with graph.trig when the
    article graphs are made one at a time); ``merged`` may be the on-disk store."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    written = []

    def text(name: str, content: str) -> None:
        written.append(atomic_write(out / name, lambda fh: fh.write(content)))

    with open_pieces(pieces, "jsonld") as nodes:
        written.append(
            atomic_write(
                out / "graph.jsonld", lambda fh: fh.writelines(jsonld_text(merged, pieces=nodes))
            )
        )
    g = network(merged)  # the tables and the network read the graph a chunk at a time
    text("graph.graphml", _graphml(g))
    text("graph.gexf", _gexf(g))
    del g
    header, rows = events_table(merged)
    written.append(atomic_write(out / "events.csv", partial(_write_csv, header, rows)))
    header, rows = officials_table(merged)
    written.append(atomic_write(out / "officials.csv", partial(_write_csv, header, rows)))
    return written


# ---------------------------------------------------------------------------------------
# RDF: N-Quads and JSON-LD
# ---------------------------------------------------------------------------------------


def load_context() -> dict:
    """The published JSON-LD context (the object under ``@context``)."""
    return json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]


class _Compactor:
    """Compacts IRIs and picks terms the way JSON-LD compaction does, for our context."""

    def __init__(self, context: dict):
        self.prefixes = sorted(
            ((v, k) for k, v in context.items() if isinstance(v, str) and v.endswith(("#", "/"))),
            key=lambda x: -len(x[0]),
        )
        self.terms: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
        self.vocab: dict[str, str] = {}
        for term, d in context.items():
            if isinstance(d, str):
                if d.endswith(("#", "/")):
                    continue
                self.terms[self.expand(d)].append((term, None))
                self.vocab[self.expand(d)] = term
            else:
                coerce = d.get("@type")
                self.terms[self.expand(d["@id"])].append(
                    (term, coerce if coerce in (None, "@id") else self.expand(coerce))
                )

    def expand(self, value: str) -> str:
        prefix, sep, local = value.partition(":")
        for iri, name in self.prefixes:
            if sep and name == prefix and not local.startswith("//"):
                return iri + local
        return value

    def iri(self, value: str) -> str:
        for ns, name in self.prefixes:
            if value.startswith(ns) and len(value) > len(ns):
                local = value[len(ns) :]
                if not local.startswith("//"):
                    return f"{name}:{local}"
        return value

    def type_name(self, value: str) -> str:
        return self.vocab.get(value) or self.iri(value)

    def key_and_value(self, predicate: str, obj) -> tuple[str, object]:
        for term, coerce in self.terms.get(predicate, ()):
            if coerce == "@id" and isinstance(obj, (URIRef, BNode)):
                return term, self._ref(obj)
            if (
                coerce not in (None, "@id")
                and isinstance(obj, Literal)
                and not obj.language
                and str(obj.datatype or XSD.string) == coerce
            ):
                return term, str(obj)
            if coerce is None:
                return term, self.value(obj)
        return self.iri(predicate), self.value(obj)

    def _ref(self, node) -> str:
        return f"_:{node}" if isinstance(node, BNode) else self.iri(str(node))

    def value(self, obj):
        if isinstance(obj, (URIRef, BNode)):
            return {"@id": self._ref(obj)}
        if obj.language:
            return {"@value": str(obj), "@language": obj.language}
        if obj.datatype is not None and obj.datatype != XSD.string:
            return {"@value": str(obj), "@type": self.iri(str(obj.datatype))}
        return str(obj)


def _sort_key(v) -> str:
    return json.dumps(v, ensure_ascii=False, sort_keys=True)


def jsonld_document(graph: Graph, context: dict | None = None) -> dict:
    """The graph as a compact JSON-LD document (a ``@graph`` of node objects sorted by
    ``@id``, keys and values sorted) with ``context`` (default: the published one) inline."""
    context = context if context is not None else load_context()
    return {"@context": context, "@graph": list(_jsonld_nodes(graph, context))}


def jsonld_text(
    graph: Graph | GraphStore, context: dict | None = None, pieces: Pieces | None = None
) -> Iterator[str]:
    """``json.dumps(jsonld_document(graph), ensure_ascii=False, indent=1)`` and a line
    break, written node by node: the whole document is never held (graph.jsonld).
    ``pieces``: the nodes (without blank nodes) written by an earlier build."""
    context = context if context is not None else load_context()
    head = json.dumps({"@context": context}, ensure_ascii=False, indent=1)
    yield head[:-2] + ',\n "@graph": ['  # the head without its closing "\n}"
    first = True
    for text in _jsonld_texts(graph, context, pieces):
        yield ("\n  " if first else ",\n  ") + text
        first = False
    yield ("]" if first else "\n ]") + "\n}\n"


def _node_text(node: dict) -> str:
    # a node of the @graph list sits two levels deep: two more spaces on each line
    # (JSON strings hold no raw line break: json.dumps escapes it)
    return json.dumps(node, ensure_ascii=False, indent=1).replace("\n", "\n  ")


def _jsonld_texts(graph: Graph | GraphStore, context: dict, pieces: Pieces | None) -> Iterator[str]:
    """The text of each node of the @graph list, in order; a node's triples (and the
    context) unchanged since an earlier build give its text back from ``pieces``."""
    if pieces is None:
        yield from map(_node_text, _jsonld_nodes(graph, context))
        return
    c = _Compactor(context)
    scope = hashlib.sha256(json.dumps(context, sort_keys=True).encode()).hexdigest()[:16]
    if isinstance(graph, GraphStore):  # a node found is never decoded from the store
        yield from pieces.texts(
            (key and scope + key, partial(_stored_node_text, c, read))
            for key, read in graph.keyed_subjects()
        )
        return
    for s, pairs in _by_subject(graph):
        key = digest((s, p, o) for p, o in pairs)
        yield pieces.text(key and scope + key, partial(_jsonld_node_text, c, s, pairs))


def _jsonld_node_text(c: _Compactor, s, pairs: list) -> str:
    return _node_text(_jsonld_node(c, s, pairs))


def _stored_node_text(c: _Compactor, read: Callable[[], tuple]) -> str:
    return _node_text(_jsonld_node(c, *read()))


def _by_subject(graph: Graph | GraphStore) -> Iterator[tuple]:
    """Each subject and its (predicate, object) pairs, in the order of the @graph list;
    from the on-disk store one subject at a time (it holds no blank nodes)."""
    if isinstance(graph, GraphStore):
        yield from graph.by_subject()
        return
    by_subject = _grouped(graph)
    for s in sorted(by_subject, key=lambda n: (isinstance(n, BNode), str(n))):
        yield s, by_subject.pop(s)


def _grouped(graph: Graph) -> dict:
    """Each subject's (predicate, object) pairs, in one pass over the graph; a graph with
    blank nodes is grouped again from its canonical triples (:func:`kg.nquads.canonical`)."""
    by_subject: dict = defaultdict(list)
    for s, p, o in graph:
        if type(s) is not URIRef or type(p) is not URIRef or type(o) not in PLAIN:
            if has_bnode([(s, p, o)]):
                by_subject.clear()
                for cs, cp, co in canonical(graph, prefix="b"):
                    by_subject[cs].append((cp, co))
                return by_subject
        by_subject[s].append((p, o))
    return by_subject


def _jsonld_nodes(graph: Graph | GraphStore, context: dict) -> Iterator[dict]:
    c = _Compactor(context)
    for s, pairs in _by_subject(graph):
        yield _jsonld_node(c, s, pairs)


def _jsonld_node(c: _Compactor, s, pairs: list) -> dict:
    """The node object of subject ``s`` from its (predicate, object) pairs."""
    node: dict = {"@id": c._ref(s)}
    props: dict = defaultdict(list)
    types = []
    for p, o in pairs:
        if p == RDF.type and isinstance(o, URIRef):
            types.append(c.type_name(str(o)))
            continue
        key, value = c.key_and_value(str(p), o)
        props[key].append(value)
    if types:
        types.sort()
        node["@type"] = types[0] if len(types) == 1 else types
    for key in sorted(props):
        vals = props[key] if len(props[key]) == 1 else sorted(props[key], key=_sort_key)
        node[key] = vals[0] if len(vals) == 1 else vals
    return node


# ---------------------------------------------------------------------------------------
# Tables and networks, read from the merged graph
# ---------------------------------------------------------------------------------------


def _first(values) -> str:
    vals = sorted(str(v) for v in values)
    return vals[0] if vals else ""


def _code(g: Chunk, node) -> str:
    if node is None:
        return ""
    return _first(g.objects(node, BKG.isoCode)) or _first(g.objects(node, BKG.code))


_EVENT_CLASSES = {BKG[k]: k for k in EVENT_KINDS}


def _kind(g: Chunk, event) -> str:
    kinds = sorted(_EVENT_CLASSES[t] for t in g.objects(event, RDF.type) if t in _EVENT_CLASSES)
    return kinds[0] if kinds else ""


def _sources(g: Chunk, node) -> list[str]:
    return sorted(
        _first(g.objects(a, DCTERMS.identifier)) or str(a)
        for a in g.objects(node, PROV.wasDerivedFrom)
    )


# what a row reads of its node, and of the nodes it links to (a name, a code, an identifier)
_EVENT_READ = (
    RDF.type,
    SCHEMA.startDate,
    SCHEMA.endDate,
    SCHEMA.location,
    BKG.country,
    BKG.participant,
    PROV.wasDerivedFrom,
    BKG.evidence,
)
_OFFICIAL_READ = (SCHEMA.name, SCHEMA.nationality, SCHEMA.jobTitle, BKG.met, PROV.wasDerivedFrom)
_LABELS = (SCHEMA.name, BKG.isoCode, BKG.code, DCTERMS.identifier)
# what a node of the network reads (its kind, label, code; an official's roles and articles)
_NODE_READ = (
    RDF.type,
    BKG.isoCode,
    BKG.code,
    SCHEMA.name,
    SCHEMA.nationality,
    SCHEMA.jobTitle,
    PROV.wasDerivedFrom,
)


def _chunks_of(graph: Graph | GraphStore, cls, read: tuple, links: tuple, backward=()):
    """The nodes of class ``cls`` in IRI order, a chunk at a time, each chunk with its
    ``read`` (and ``backward``) predicates and the labels of the nodes its ``links`` reach."""
    for nodes in chunks(sorted_of_type(graph, cls)):
        g = Chunk(graph).load(nodes, read, backward)
        yield g.load(g.linked(nodes, links), _LABELS), nodes


def events_table(graph: Graph | GraphStore) -> tuple[list[str], Iterator[list]]:
    """One row per event: kind, dates, place, countries, participants, sources, evidence;
    the rows made as they are read, a chunk of events at a time."""
    header = [
        "event",
        "kind",
        "start",
        "end",
        "place",
        "countries",
        "participants",
        "participant_iris",
        "sources",
        "evidence",
    ]
    return header, _event_rows(graph)


def _event_rows(graph: Graph | GraphStore) -> Iterator[list]:
    links = (BKG.participant, BKG.country, PROV.wasDerivedFrom)
    for g, events in _chunks_of(graph, BKG.Event, _EVENT_READ, links):
        for ev in events:
            people = sorted(g.objects(ev, BKG.participant), key=str)
            yield [
                str(ev),
                _kind(g, ev),
                _first(g.objects(ev, SCHEMA.startDate)),
                _first(g.objects(ev, SCHEMA.endDate)),
                _first(g.objects(ev, SCHEMA.location)),
                "; ".join(sorted(_code(g, c) or str(c) for c in g.objects(ev, BKG.country))),
                "; ".join(_first(g.objects(p, SCHEMA.name)) or str(p) for p in people),
                "; ".join(str(p) for p in people),
                "; ".join(_sources(g, ev)),
                " | ".join(sorted(str(e) for e in g.objects(ev, BKG.evidence))),
            ]


def officials_table(graph: Graph | GraphStore) -> tuple[list[str], Iterator[list]]:
    """One row per official: names, country, roles, how many events and people, sources;
    the rows made as they are read, a chunk of officials at a time."""
    header = ["official", "name", "other_names", "country", "roles", "events", "met", "sources"]
    return header, _official_rows(graph)


def _official_rows(graph: Graph | GraphStore) -> Iterator[list]:
    links = (SCHEMA.nationality, PROV.wasDerivedFrom)
    read = _chunks_of(graph, BKG.Official, _OFFICIAL_READ, links, (BKG.participant,))
    for g, officials in read:
        for o in officials:
            names = sorted(str(n) for n in g.objects(o, SCHEMA.name))
            nationality = sorted(g.objects(o, SCHEMA.nationality), key=str)
            yield [
                str(o),
                names[0] if names else "",
                "; ".join(names[1:]),
                "; ".join(_code(g, n) or str(n) for n in nationality),
                "; ".join(sorted(str(r) for r in g.objects(o, SCHEMA.jobTitle))),
                len(set(g.subjects(BKG.participant, o))),
                len(set(g.objects(o, BKG.met))),
                "; ".join(_sources(g, o)),
            ]


# A cell a spreadsheet would read as a formula (OWASP, "CSV Injection"): one starting with
# = + - @, a tab or a carriage return, or their full-width forms (which some spreadsheets
# fold to ASCII)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


# the columns the builder writes itself, never from the articles' text: XSD dates, where
# "--02-17" (a day without its year) is a date, not a formula
_GENERATED_COLUMNS = frozenset({"start", "end"})


def neutralise_cell(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula, prefixed with a single quote
    (as OWASP recommends), so it is shown as text; other values as they are. A carriage
    return becomes a line break (Python's csv module writes it unquoted, which cuts the row
    in two for every reader)."""
    if not isinstance(value, str):
        return value
    if value.startswith(_FORMULA_START):
        value = "'" + value
    return value.replace("\r\n", "\n").replace("\r", "\n") if "\r" in value else value


def _csv(header: list[str], rows: Iterable[list]) -> str:
    return "".join(_csv_lines(header, rows))


def _write_csv(header: list[str], rows: Iterable[list], fh) -> None:
    fh.writelines(_csv_lines(header, rows))


def _csv_lines(header: list[str], rows: Iterable[list]) -> Iterator[str]:
    """The CSV text of a table, a few rows at a time (the rows are read as they are made)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    keep = [h in _GENERATED_COLUMNS for h in header]
    for row in rows:
        w.writerow(
            [v if k and "\r" not in str(v) else neutralise_cell(v) for v, k in zip(row, keep)]
        )
        if buf.tell() >= 1 << 16:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def network(graph: Graph | GraphStore) -> nx.Graph:
    """Officials, countries and organisations, and who is linked to whom (see module doc):
    the graph read a chunk of nodes at a time, only the network held."""
    G = nx.Graph(name="bilateral-kg")
    parties = set(sorted_of_type(graph, BKG.Country)) | set(sorted_of_type(graph, BKG.Organization))
    officials = set(sorted_of_type(graph, BKG.Official))
    nationality = []
    for nodes in chunks(sorted(parties | officials, key=str)):
        g = Chunk(graph).load(nodes, _NODE_READ)
        g.load(g.linked(nodes, (SCHEMA.nationality,)), (BKG.isoCode, BKG.code))
        for node in nodes:
            G.add_node(str(node), **_node_attrs(g, node, officials))
            if node in officials:
                for n in sorted(g.objects(node, SCHEMA.nationality), key=str):
                    if n in parties:
                        nationality.append(
                            (str(node), str(n), {"kind": "nationality", "weight": 1})
                        )
    met, country_contacts = _contact_counts(graph, officials, parties)
    relations = _relation_pairs(graph, parties)
    edges = []
    for (a, b), n in met.items():
        edges.append((a, b, {"kind": "met", "contacts": n, "weight": max(n, 1)}))
    edges += nationality
    for pair in sorted(set(relations) | set(country_contacts)):
        kinds = sorted(relations.get(pair, ()))
        n = country_contacts.get(pair, 0)
        attrs = {"kind": "relation", "relations": "; ".join(kinds), "contacts": n}
        edges.append((*pair, {**attrs, "weight": n + len(kinds)}))
    for a, b, attrs in sorted(edges, key=lambda e: (e[0], e[1])):
        G.add_edge(a, b, **attrs)
    return G


def _node_attrs(g: Chunk, node, officials: set) -> dict[str, str | int]:
    """A node's attributes: label, type, code (an official's: its country's), and an
    official's roles and number of articles."""
    if node in officials:
        kind = "Official"
    elif g.is_a(node, BKG.Country):
        kind = "Country"
    else:
        kind = "Organization"
    attrs: dict[str, str | int] = {
        "label": _first(g.objects(node, SCHEMA.name)) or str(node),
        "type": kind,
        "code": _code(g, node),
    }
    if kind == "Official":
        nat = sorted(g.objects(node, SCHEMA.nationality), key=str)
        attrs["code"] = _code(g, nat[0]) if nat else ""
        attrs["roles"] = "; ".join(sorted(str(r) for r in g.objects(node, SCHEMA.jobTitle)))
        attrs["articles"] = len(set(g.objects(node, PROV.wasDerivedFrom)))
    return attrs


def _pairs(items: list[str]):
    """Every pair (a, b) of a sorted list, a before b."""
    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            yield a, b


_CONTACT_CLASSES = frozenset(BKG[k] for k in CONTACT_KINDS)


def _contact_counts(graph: Graph | GraphStore, officials: set, parties: set) -> tuple[dict, dict]:
    """Contacts per pair of officials (pairs linked by ``bkg:met`` alone count 0) and per
    pair of countries or organisations."""
    met: dict = defaultdict(int)
    country_contacts: dict = defaultdict(int)
    for events in chunks(sorted_of_type(graph, BKG.Event)):
        g = Chunk(graph).load(events, (RDF.type, BKG.participant, BKG.country))
        for ev in events:
            if _CONTACT_CLASSES.isdisjoint(g.objects(ev, RDF.type)):
                continue
            people = sorted(str(p) for p in g.objects(ev, BKG.participant) if p in officials)
            for pair in _pairs(people):
                met[pair] += 1
            cs = sorted(str(c) for c in g.objects(ev, BKG.country) if c in parties)
            for pair in _pairs(cs):
                country_contacts[pair] += 1
    for nodes in chunks(sorted(officials, key=str)):  # the pairs of bkg:met, in IRI order
        g = Chunk(graph).load(nodes, (BKG.met,))
        for x in nodes:
            for y in sorted(g.objects(x, BKG.met), key=str):
                if y in officials and str(x) < str(y):
                    met.setdefault((str(x), str(y)), 0)
    return met, country_contacts


def _relation_pairs(graph: Graph | GraphStore, parties: set) -> dict:
    """The relation kinds between each pair of parties."""
    relations: dict = defaultdict(set)
    for rels in chunks(sorted_of_type(graph, BKG.BilateralRelation)):
        g = Chunk(graph).load(rels, (BKG.party, BKG.relationKind))
        for rel in rels:
            ps = sorted(str(p) for p in g.objects(rel, BKG.party) if p in parties)
            kind = _first(str(k).rsplit("#", 1)[-1] for k in g.objects(rel, BKG.relationKind))
            if len(ps) == 2:
                relations[tuple(ps)].add(kind)
    return relations


def _graphml(G: nx.Graph) -> str:
    buf = io.BytesIO()
    nx.write_graphml(G, buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue().decode("utf-8")


def _gexf(G: nx.Graph) -> str:
    text = "\n".join(nx.generate_gexf(G)) + "\n"
    # networkx stamps today's date and its version: the bytes would change every day
    text = re.sub(r'<meta lastmodifieddate="[^"]*">', "<meta>", text, count=1)
    text = re.sub(r"<creator>[^<]*</creator>", "<creator>bilateral-kg</creator>", text, count=1)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + text
