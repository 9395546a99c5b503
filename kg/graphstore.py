"""The merged graph on disk: an SQLite file read through rdflib's Graph read methods.

A large build's merged graph does not fit in memory as an rdflib ``Graph`` (about 2.5 kB
per triple: 17 GB at 10⁵ articles). :class:`GraphStore` keeps it in an SQLite file of the
build folder's cache instead (stdlib :mod:`sqlite3`, no server): every term is written once,
as a text key (:func:`term_key`) with an integer id, and the triples as three ids, indexed
by (s, p, o), (p, o) and (o). Article graphs are loaded one at a time (:meth:`add`, one
transaction each), so memory is bounded by SQLite's page cache, not by the corpus.

The writers and the tables read it through the methods of :class:`rdflib.Graph` they use
(``triples``, ``subjects``, ``objects``, ``value``, ``in``, ``len`` …), which return rdflib
terms, so they work on either; :meth:`GraphStore.by_subject` gives the triples subject by
subject in the order of ``graph.ttl`` (an IRI's key sorts as the IRI, SQLite comparing UTF-8
bytes, which is code point order).

A build keeps its store in the build folder for the next update (``stamp`` given): the
store records each article graph it holds (:meth:`GraphStore.put`: its name, the digest of
its triples and their ids) and counts, for each triple, the article graphs that hold it, so
that an update replaces only the article graphs whose digest changed, drops those of
removed articles, and never loads the others again. A kept store is read only when it can
be trusted: written by code of the same stamp and :data:`FORMAT`, and marked clean, which
it is only between the end of a build's loading (:meth:`GraphStore.finish`) and the next
change; a build that stopped midway leaves it marked unclean, and the next build makes it
anew. SQLite's journal and syncs are off: a store cut short is never read, so nothing has to
survive a crash. Without a stamp the store is a scratch copy, deleted when closed.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from array import array
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from itertools import groupby
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import RDF

__all__ = [
    "GraphStore",
    "term_key",
    "key_term",
    "key_parts",
    "subject_digest",
    "STORE_FILE",
    "TERM_CACHE",
    "FORMAT",
]

STORE_FILE = "graph.sqlite"  # in a build folder's cache (kg.cache), kept for the next update
FORMAT = "4"  # the tables' layout: a kept store of another layout is made anew

# a key's first character says what the term is; IRIs sort before literals, as in graph.ttl
_IRI, _LITERAL = "1", "3"
_SEP = "\x00"  # between a literal's text, language and datatype: text never holds a NUL
# terms a reader or writer of a large graph keeps decoded or spelled (the vocabulary and the
# hubs stay cached; a cache full is emptied): what bounds their memory, not the corpus
TERM_CACHE = 100_000
BATCH = 500  # terms per query of a chunk's triples (SQLite allows 999 parameters or more)


def term_key(term: object) -> str:
    """The text key of an RDF term in the store.

    >>> term_key(URIRef("urn:a")), term_key(Literal("x", lang="fr"))
    ('1urn:a', '3x\\x00fr\\x00')
    """
    if isinstance(term, URIRef):
        return _IRI + str(term)
    if isinstance(term, Literal):
        dt = term.datatype
        return f"{_LITERAL}{term}{_SEP}{term.language or ''}{_SEP}{'' if dt is None else dt}"
    # the merged graph has none (every node has an IRI): a blank node here is a bug upstream
    raise ValueError(f"the graph store holds IRIs and literals only, not {term!r}")


def key_term(key: str) -> URIRef | Literal:
    """The rdflib term of a :func:`term_key`.

    >>> key_term(term_key(Literal("5", datatype=URIRef("urn:int")))).datatype
    rdflib.term.URIRef('urn:int')
    """
    if key[0] == _IRI:
        return URIRef(key[1:])
    text, lang, dt = key[1:].rsplit(_SEP, 2)
    return Literal(text, lang=lang or None, datatype=URIRef(dt) if dt else None)


def key_parts(key: str) -> tuple[str, str | None, str | None]:
    """What a :func:`term_key` spells: an IRI as ``(iri, None, None)``, a literal as its
    text, language and datatype (``''`` for none), with no rdflib term made.

    >>> key_parts(term_key(Literal("x", lang="fr"))), key_parts("1urn:a")
    (('x', 'fr', ''), ('urn:a', None, None))
    """
    if key[0] == _IRI:
        return key[1:], None, None
    text, lang, dt = key[1:].rsplit(_SEP, 2)
    return text, lang, dt


_SCHEMA = """
CREATE TABLE terms(id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE);
CREATE TABLE triples(s INTEGER NOT NULL, p INTEGER NOT NULL, o INTEGER NOT NULL,
                     n INTEGER NOT NULL DEFAULT 1, PRIMARY KEY (s, p, o)) WITHOUT ROWID;
CREATE TABLE graphs(name TEXT PRIMARY KEY, digest TEXT, ids BLOB NOT NULL, inputs TEXT)
    WITHOUT ROWID;
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE subjects(s INTEGER PRIMARY KEY, digest TEXT NOT NULL);
"""
_FILE = "file:"  # meta: the file a build wrote from the store's graphs (GraphStore.remember)
# n: how many article graphs put into the store hold the triple (1 for one added)
_PUT_TRIPLE = (
    "INSERT INTO triples(s, p, o) VALUES (?, ?, ?) ON CONFLICT(s, p, o) DO UPDATE SET n = n + 1"
)
_INDEXES = """
CREATE INDEX IF NOT EXISTS triples_po ON triples(p, o);
CREATE INDEX IF NOT EXISTS triples_o ON triples(o);
"""


def _pattern_sql(free: tuple[int, ...]) -> str:
    """The query of a triple pattern whose columns ``free`` (0 s, 1 p, 2 o) are not given:
    their ids and keys, the others' ids as parameters in s, p, o order."""
    cols = "spo"
    select = ", ".join(f"t.{cols[i]}, k{i}.key" for i in free) or "1"
    joins = "".join(f" JOIN terms k{i} ON k{i}.id = t.{cols[i]}" for i in free)
    given = [f"t.{c} = ?" for i, c in enumerate(cols) if i not in free]
    where = " WHERE " + " AND ".join(given) if given else ""
    return f"SELECT {select} FROM triples t{joins}{where}"


class GraphStore:
    """A merged graph in an SQLite file, read like an rdflib ``Graph`` (read methods only).

    Without ``stamp``, opening it deletes what ``path`` held and closing it deletes the
    file (a scratch copy). With ``stamp`` (the code's, :func:`kg.pieces.code_version`) the
    store is kept for the next build, and ``reuse`` opens the one the last build left when
    it can be trusted (see the module doc); otherwise it is made anew."""

    def __init__(
        self, path: Path, cache_mb: int = 64, stamp: str | None = None, reuse: bool = False
    ) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.stamp = None if stamp is None else f"{FORMAT}|{stamp}"
        db = self._trusted(cache_mb) if reuse and self.stamp is not None else None
        self.kept = db is not None  # the last build's store, opened as it was left
        self.db = db if db is not None else self._made(cache_mb)
        self._indexed = self.kept
        self._clean = self.kept
        self._digests = self.kept  # whether subjects' digests may be kept (keyed_subjects)
        # the article graphs put since opening, in a table (a set of their names, made one
        # at a time while the graph step reads and lets go of everything else, held on to
        # its memory)
        self.db.execute("CREATE TEMP TABLE IF NOT EXISTS seen(name TEXT PRIMARY KEY)")
        self.graphs = [0, 0]  # article graphs kept as they were, loaded
        self._len: int | None = None
        self._terms: dict[int, URIRef | Literal] = {}
        self._ids: dict[str, int] = {}
        self._absent: set[str] = set()  # keys looked up that the store does not hold
        self._sql: dict[tuple[int, ...], str] = {}

    def _made(self, cache_mb: int) -> sqlite3.Connection:
        for stale in (self.path, Path(f"{self.path}-journal")):
            stale.unlink(missing_ok=True)
        db = self._connect(cache_mb)
        db.executescript(_SCHEMA)
        if self.stamp is not None:
            db.executemany(
                "INSERT INTO meta VALUES (?, ?)", [("stamp", self.stamp), ("clean", "0")]
            )
        return db

    def _trusted(self, cache_mb: int) -> sqlite3.Connection | None:
        """The store the last build left, if it is of this stamp and was left clean."""
        if not self.path.is_file():
            return None
        db = sqlite3.connect(self.path, isolation_level=None)
        try:
            meta = dict(db.execute("SELECT key, value FROM meta"))
        except sqlite3.Error:  # another layout, or no SQLite file at all
            meta = {}
        if meta.get("stamp") != self.stamp or meta.get("clean") != "1":
            db.close()
            return None
        db.close()
        return self._connect(cache_mb)

    def _connect(self, cache_mb: int) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, isolation_level=None)
        for pragma in ("journal_mode=OFF", "synchronous=OFF", f"cache_size=-{cache_mb * 1024}"):
            db.execute(f"PRAGMA {pragma}")
        return db

    # --- loading ---------------------------------------------------------------------------

    def add(self, triples: Iterable[tuple]) -> None:
        """Add triples in one transaction; repeats are ignored. Not for a kept store, whose
        triples come in article graphs (:meth:`put`)."""
        self.db.execute("BEGIN")
        rows = self._id_rows(triples)
        self.db.executemany("INSERT OR IGNORE INTO triples(s, p, o) VALUES (?, ?, ?)", rows)
        self._forget_subjects(rows)
        self.db.execute("COMMIT")
        self._len = None

    def _id_rows(self, triples: Iterable[tuple]) -> list[tuple[int, int, int]]:
        """The triples as term ids, the new terms inserted (inside the caller's
        transaction). The ids of the terms met are kept (up to :data:`TERM_CACHE`): the
        vocabulary, the countries and the shared officials are looked up once, not at every
        triple."""
        rows = [(term_key(s), term_key(p), term_key(o)) for s, p, o in triples]
        ids = self._ids
        if len(ids) >= TERM_CACHE:
            ids.clear()
        new = sorted({k for row in rows for k in row if k not in ids})
        if new:
            self._absent.difference_update(new)
            self.db.executemany("INSERT OR IGNORE INTO terms(key) VALUES (?)", ((k,) for k in new))
            for i in range(0, len(new), 500):
                part = new[i : i + 500]
                marks = ",".join("?" * len(part))
                ids.update(
                    self.db.execute(f"SELECT key, id FROM terms WHERE key IN ({marks})", part)
                )
        return [(ids[s], ids[p], ids[o]) for s, p, o in rows]

    def put(
        self, name: object, key: str | None, triples: list[tuple], inputs: str | None = None
    ) -> bool:
        """Make the article graph ``name`` hold ``triples``, whose digest is ``key``
        (:func:`kg.pieces.digest`; None: none could be made), made from ``inputs`` (the
        digest of what it was made from, :class:`kg.graph.ArticleGraph`; None: not known): a
        graph stored under the same digest is kept as it is, without reading its triples
        (returns True); another one is replaced."""
        graph = str(name)
        self._unclean()
        self.db.execute("INSERT OR IGNORE INTO temp.seen VALUES (?)", (graph,))
        row = self.db.execute(
            "SELECT digest, inputs FROM graphs WHERE name = ?", (graph,)
        ).fetchone()
        if key is not None and row is not None and row[0] == key:
            if row[1] != inputs:
                self.db.execute("UPDATE graphs SET inputs = ? WHERE name = ?", (inputs, graph))
            self.graphs[0] += 1
            return True
        self.db.execute("BEGIN")
        if row is not None:
            self._release(graph)
        rows = list(dict.fromkeys(self._id_rows(triples)))
        self.db.executemany(_PUT_TRIPLE, rows)
        self._forget_subjects(rows)
        ids = array("q", [i for r in rows for i in r])
        self.db.execute(
            "INSERT OR REPLACE INTO graphs VALUES (?, ?, ?, ?)",
            (graph, key, ids.tobytes(), inputs),
        )
        self.db.execute("COMMIT")
        self.graphs[1] += 1
        self._len = None
        return False

    def made_from(self, name: object, inputs: str) -> str | None:
        """The digest of the article graph ``name`` the store holds, if it was made from
        ``inputs`` (:meth:`put`): the graph those inputs make, which need not be made
        again."""
        row = self.db.execute(
            "SELECT digest FROM graphs WHERE name = ? AND inputs = ?", (str(name), inputs)
        ).fetchone()
        return None if row is None else row[0]

    def _release(self, graph: str) -> None:
        """Take the triples of the article graph stored as ``graph`` (their ids, as
        :meth:`put` stored them) out of the count of the graphs holding them; those no graph
        holds any more are deleted."""
        (blob,) = self.db.execute("SELECT ids FROM graphs WHERE name = ?", (graph,)).fetchone()
        ids = array("q")
        ids.frombytes(blob)
        rows = list(zip(ids[0::3], ids[1::3], ids[2::3]))
        where = " WHERE s = ? AND p = ? AND o = ?"
        self.db.executemany("UPDATE triples SET n = n - 1" + where, rows)
        self.db.executemany("DELETE FROM triples" + where + " AND n <= 0", rows)
        self._forget_subjects(rows)

    def finish(self) -> list[str]:
        """The loading is done: the article graphs not put since the store was opened (their
        articles left the build) are dropped (their names returned), and a kept store is
        marked clean (trusted by the next build)."""
        gone = [
            g
            for (g,) in self.db.execute(
                "SELECT name FROM graphs WHERE name NOT IN (SELECT name FROM temp.seen)"
            )
        ]
        for graph in gone:
            self.db.execute("BEGIN")
            self._release(graph)
            self.db.execute("DELETE FROM graphs WHERE name = ?", (graph,))
            self.db.execute("COMMIT")
        self._len = None
        self._ready()
        if self.stamp is not None:
            self.db.execute("UPDATE meta SET value = '1' WHERE key = 'clean'")
            self._clean = True
        return gone

    def remember(self, path: Path) -> None:
        """Note that the file ``path`` was written from exactly the article graphs the store
        holds now (by its inode, size and time: a file moved into place keeps them)."""
        if self._clean:
            self.db.execute(
                "INSERT OR REPLACE INTO meta VALUES (?, ?)", (_FILE + path.name, _token(path))
            )

    def remembers(self, path: Path) -> bool:
        """Whether ``path`` is the file :meth:`remember` noted, the store unchanged since: a
        kept store, before anything is put into it."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (_FILE + path.name,))
        noted = row.fetchone()
        token = _token(path)
        return self.kept and self._clean and token != "" and noted is not None and noted[0] == token

    def _unclean(self) -> None:
        """Mark a kept store unclean before its first change: a build that stops before
        :meth:`finish` leaves a store the next build will not read."""
        if self._clean:
            self.db.execute("UPDATE meta SET value = '0' WHERE key = 'clean'")
            self.db.execute("DELETE FROM meta WHERE key LIKE ?", (_FILE + "%",))
            self._clean = False

    def close(self, delete: bool | None = None) -> None:
        """Close the file; delete it if ``delete`` (by default: a scratch store, or a kept
        one left unclean, which is never read again)."""
        self.db.close()
        self._terms.clear()
        if delete is None:
            delete = self.stamp is None or not self._clean
        if delete:
            self.path.unlink(missing_ok=True)

    # --- terms -----------------------------------------------------------------------------

    def _term(self, tid: int, key: str) -> URIRef | Literal:
        term = self._terms.get(tid)
        if term is None:
            if len(self._terms) >= TERM_CACHE:
                self._terms.clear()
            term = self._terms[tid] = key_term(key)
        return term

    def _id(self, term) -> int | None:
        """The id of a term, None when the store does not hold it (or it is no term)."""
        try:
            key = term_key(term)
        except ValueError:
            return None
        if key in self._ids:
            return self._ids[key]
        if key in self._absent:
            return None
        row = self.db.execute("SELECT id FROM terms WHERE key = ?", (key,)).fetchone()
        if len(self._ids) + len(self._absent) >= TERM_CACHE:
            self._ids.clear()
            self._absent.clear()
        if row is None:
            self._absent.add(key)
            return None
        self._ids[key] = row[0]
        return row[0]

    def _ready(self) -> None:
        """The secondary indexes, made once the loading is done (faster than kept up)."""
        if not self._indexed:
            self.db.executescript(_INDEXES)
            self._indexed = True

    # --- rdflib's Graph read methods -----------------------------------------------------

    def triples(self, pattern: tuple) -> Iterator[tuple]:
        """The triples matching ``(s, p, o)``, None a wildcard (as ``Graph.triples``); only
        the terms not given are read from the store."""
        self._ready()
        ids = []
        for term in pattern:
            tid = None if term is None else self._id(term)
            if term is not None and tid is None:
                return  # a term the store does not hold: no triple
            ids.append(tid)
        free = tuple(i for i in range(3) if pattern[i] is None)
        sql = self._sql.get(free)
        if sql is None:
            sql = self._sql[free] = _pattern_sql(free)
        out = list(pattern)
        decode = self._term
        for row in self.db.execute(sql, [tid for tid in ids if tid is not None]):
            for k, i in enumerate(free):
                out[i] = decode(row[2 * k], row[2 * k + 1])
            yield tuple(out)

    def __iter__(self) -> Iterator[tuple]:
        return self.triples((None, None, None))

    def __contains__(self, triple: tuple) -> bool:
        return next(self.triples(triple), None) is not None

    def __len__(self) -> int:
        if self._len is None:
            self._len = self.db.execute("SELECT count(*) FROM triples").fetchone()[0]
        return self._len

    def _column(self, pattern: tuple, i: int, unique: bool) -> Iterator:
        seen: set = set()
        for t in self.triples(pattern):
            if unique:
                if t[i] in seen:
                    continue
                seen.add(t[i])
            yield t[i]

    def subjects(self, predicate=None, object=None, unique: bool = False) -> Iterator:  # noqa: A002
        return self._column((None, predicate, object), 0, unique)

    def predicates(self, subject=None, object=None, unique: bool = False) -> Iterator:  # noqa: A002
        return self._column((subject, None, object), 1, unique)

    def objects(self, subject=None, predicate=None, unique: bool = False) -> Iterator:
        return self._column((subject, predicate, None), 2, unique)

    def subject_objects(self, predicate=None, unique: bool = False) -> Iterator[tuple]:
        for s, _, o in self.triples((None, predicate, None)):
            yield s, o

    def subject_predicates(self, object=None, unique: bool = False) -> Iterator[tuple]:  # noqa: A002
        for s, p, _ in self.triples((None, None, object)):
            yield s, p

    def predicate_objects(self, subject=None, unique: bool = False) -> Iterator[tuple]:
        for _, p, o in self.triples((subject, None, None)):
            yield p, o

    def value(self, subject=None, predicate=RDF.value, object=None, default=None, any=True):  # noqa: A002
        """One term of the triple whose other two are given (as ``Graph.value``; with
        ``any`` false, more than one is an error)."""
        i = 0 if subject is None else 2 if object is None else 1
        pattern = (subject, None if i == 1 else predicate, object)
        found = list(self._column(pattern, i, unique=True))
        if not found:
            return default
        if len(found) > 1 and not any:
            raise ValueError(f"more than one value for {pattern}")
        return found[0]

    def key_pairs(self, predicate: object) -> Iterator[tuple[str, str]]:
        """The subject's IRI and the object's key (:func:`term_key`, see :func:`key_parts`)
        of each triple of ``predicate``: no rdflib term is made (the views read the names
        and links of every node as text). Every subject in the store is an IRI."""
        self._ready()
        pid = self._id(predicate)
        if pid is None:
            return
        yield from self.db.execute(
            "SELECT substr(ks.key, 2), ko.key FROM triples t JOIN terms ks ON ks.id = t.s"
            " JOIN terms ko ON ko.id = t.o WHERE t.p = ?",
            (pid,),
        )

    # --- what the writers read --------------------------------------------------------------

    def by_subject(self) -> Iterator[tuple[URIRef | Literal, list[tuple]]]:
        """Each subject with its (predicate, object) pairs, subjects in IRI order (as
        graph.ttl and graph.jsonld write them); one subject's pairs held at a time."""
        for _, rows in self._subject_rows():
            yield self._decoded(rows)

    def _subject_rows(self) -> Iterator[tuple[str, list[tuple]]]:
        """Each subject's key and its triples' rows (ids and keys), in key order."""
        self._ready()
        rows = self.db.execute(
            # CROSS JOIN: the terms read in key order by their index, no sort of the triples
            "SELECT t.s, ks.key, t.p, kp.key, t.o, ko.key FROM terms ks"
            " CROSS JOIN triples t ON t.s = ks.id JOIN terms kp ON kp.id = t.p"
            " JOIN terms ko ON ko.id = t.o ORDER BY ks.key"
        )
        for (_, ks), group in groupby(rows, key=lambda r: (r[0], r[1])):
            yield ks, list(group)

    def keyed_subjects(self) -> Iterator[tuple[str | None, Callable[[], tuple]]]:
        """The subjects of :meth:`by_subject`, each as a digest of its triples made from
        the stored keys (:func:`subject_digest`) and a function giving its rdflib terms:
        a writer that finds the subject's text under the digest (:mod:`kg.pieces`) never
        makes its terms (an update reuses almost every subject's text). The digests are
        kept in the store: a subject none of whose triples was added or deleted since is
        not read at all (an update's ttl and jsonld read only the subjects it touched)."""
        self._digests = True
        if self.db.execute("SELECT 1 FROM subjects LIMIT 1").fetchone() is None:
            yield from self._keyed_all()
            return
        made: list[tuple[int, str]] = []
        rows = self.db.execute(
            "SELECT ks.id, ks.key, d.digest FROM terms ks LEFT JOIN subjects d ON d.s = ks.id"
            " WHERE EXISTS (SELECT 1 FROM triples t WHERE t.s = ks.id) ORDER BY ks.key"
        )
        for sid, ks, key in rows:
            if key is not None:
                yield key, partial(self._read_subject, sid)
                continue
            got = self._rows_of(sid)
            key = subject_digest(ks, [(r[3], r[5]) for r in got])
            if key is not None:
                made.append((sid, key))
            yield key, partial(self._decoded, got)
        self.db.executemany("INSERT OR REPLACE INTO subjects VALUES (?, ?)", made)

    def _keyed_all(self) -> Iterator[tuple[str | None, Callable[[], tuple]]]:
        """:meth:`keyed_subjects` with no digest kept (a store made anew): every triple read
        in one scan, the digests kept as they are made."""
        made: list[tuple[int, str]] = []
        for ks, got in self._subject_rows():
            key = subject_digest(ks, [(r[3], r[5]) for r in got])
            if key is not None:
                made.append((got[0][0], key))
                if len(made) >= 10_000:
                    self.db.executemany("INSERT OR REPLACE INTO subjects VALUES (?, ?)", made)
                    made = []
            yield key, partial(self._decoded, got)
        self.db.executemany("INSERT OR REPLACE INTO subjects VALUES (?, ?)", made)

    def _rows_of(self, sid: int) -> list[tuple]:
        return self.db.execute(
            "SELECT t.s, ks.key, t.p, kp.key, t.o, ko.key FROM triples t"
            " JOIN terms ks ON ks.id = t.s JOIN terms kp ON kp.id = t.p"
            " JOIN terms ko ON ko.id = t.o WHERE t.s = ?",
            (sid,),
        ).fetchall()

    def _read_subject(self, sid: int) -> tuple[URIRef | Literal, list[tuple]]:
        return self._decoded(self._rows_of(sid))

    def _forget_subjects(self, rows: Iterable[tuple[int, int, int]]) -> None:
        """The kept digests of the subjects of ``rows``, whose triples change (none to
        forget while a store made anew is loaded)."""
        if not self._digests:
            return
        self.db.executemany(
            "DELETE FROM subjects WHERE s = ?", [(s,) for s in {r[0] for r in rows}]
        )

    def _decoded(self, rows: list[tuple]) -> tuple[URIRef | Literal, list[tuple]]:
        term = self._term
        return term(rows[0][0], rows[0][1]), [
            (term(p, kp), term(o, ko)) for _, _, p, kp, o, ko in rows
        ]

    # --- what the tables, the network and PLOVER read: a chunk of nodes at a time ---------

    def sorted_of_type(self, cls: object) -> Iterator[URIRef | Literal]:
        """The subjects of ``rdf:type cls`` in IRI order (their keys' order), streamed:
        SQLite sorts them on disk, none is held here (:class:`kg.scan.Chunk`)."""
        self._ready()
        p, o = self._id(RDF.type), self._id(cls)
        if p is None or o is None:
            return
        rows = self.db.execute(
            "SELECT t.s, ks.key FROM triples t JOIN terms ks ON ks.id = t.s"
            " WHERE t.p = ? AND t.o = ? ORDER BY ks.key",
            (p, o),
        )
        for tid, key in rows:
            yield self._term(tid, key)

    def neighbours(self, nodes: list, predicates: list, backward: bool = False) -> Iterator[tuple]:
        """``(node, predicate, other)`` for each triple ``(node, predicate, other)`` of
        ``nodes`` (``backward``: of each ``(other, predicate, node)``): a chunk's triples
        in one query per :data:`BATCH` nodes, not one per node (:class:`kg.scan.Chunk`).
        Only ``other`` is decoded: the node and predicate are those given."""
        self._ready()
        given = {i: p for i, p in ((self._id(p), p) for p in predicates) if i is not None}
        by_key = {term_key(n): n for n in nodes if isinstance(n, (URIRef, Literal))}
        if not given or not by_key:
            return
        node, other = ("o", "s") if backward else ("s", "o")
        where = f"t.p IN ({','.join('?' * len(given))})"
        keys, decode = list(by_key), self._term
        for i in range(0, len(keys), BATCH):
            part = keys[i : i + BATCH]
            rows = self.db.execute(
                f"SELECT kn.key, t.p, t.{other}, ko.key FROM terms kn"
                f" CROSS JOIN triples t ON t.{node} = kn.id JOIN terms ko ON ko.id = t.{other}"
                f" WHERE kn.key IN ({','.join('?' * len(part))}) AND {where}",
                [*part, *given],
            )
            for kn, p, o, ko in rows:
                yield by_key[kn], given[p], decode(o, ko)


def _token(path: Path) -> str:
    """What tells a file from another one at the same path: its inode, size and time."""
    try:
        st = os.stat(path)
    except OSError:
        return ""
    return f"{st.st_ino}:{st.st_size}:{st.st_mtime_ns}"


def subject_digest(subject_key: str, pairs: list[tuple[str, str]]) -> str | None:
    """A digest of one subject's triples from the store's keys (:func:`term_key`): equal
    triples give equal digests; None when a key holds a character that delimits them
    (never in a build's terms: text is cleaned of U+0000 to U+0003). Not
    :func:`kg.pieces.digest`, which needs the rdflib terms; a piece filed under either
    is the text of exactly its triples.

    >>> a, b = ("1urn:p", "1urn:o"), ("1urn:p", "3x\\x00fr\\x00")
    >>> subject_digest("1urn:s", [a, b]) == subject_digest("1urn:s", [b, a])
    True
    """
    text = subject_key + "\x02" + "".join(sorted(f"{p}\x01{o}\x02" for p, o in pairs))
    if text.count("\x01") != len(pairs) or text.count("\x02") != len(pairs) + 1:
        return None
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
