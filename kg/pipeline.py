"""The build: inputs → documents → facts → identities → RDF → files.

:func:`build` runs the steps in order (``ingest → nlp → extract → resolve → graph →
export → formats → views``) and returns a :class:`BuildReport`; :func:`load_graph` reads a
build back. The steps live in their own modules; this one chains them, and keeps the build
folder's memory (:mod:`kg.cache`) so that a build never loses work:

* every input file is read on its own and its reading is cached (by path and content);
* every document's facts are cached by a hash of the document, as soon as they are read
  (a build that is stopped resumes where it was);
* ``update=True`` starts from the folder's previous inputs instead of none, so only new or
  changed articles go through the language model; identities and the graph are always made
  again from every article, which is why an update gives the same bytes as a full build of
  the same inputs;
* the text of the files is made of pieces (an article's named graph, a subject's block),
  each kept in the folder under a digest of the triples it was written from
  (:mod:`kg.pieces`): a piece whose triples are those of the previous build is not written
  again;
* the outputs are written to a staging folder and swapped in at the end
  (:meth:`kg.cache.BuildFolder.commit`): a killed build leaves the previous ones intact.
"""

from __future__ import annotations

import contextlib
import math
import os
import sys
import time
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.cache import checkpoint
from kg.errors import one_line
from kg.extract import MAX_ARTICLE_SECONDS, read_each
from kg.facts import Document, Extraction, InputProblem

if TYPE_CHECKING:
    from kg.graphstore import GraphStore
    from kg.cache import BuildFolder, Source
    from kg.executors import DaskExecutor
    from kg.link import Gazetteer
from kg.namespaces import BKG

__all__ = ["BuildReport", "build", "load_graph", "PROGRESS_EVERY", "MAX_ARTICLE_MB"]

PROGRESS_EVERY = 50  # documents between two progress lines on stderr
MAX_ARTICLE_MB = 0.2  # default limit of one article's text, in 10^6 characters (see kg.ingest)
CHUNK = 32  # documents read at a time (by one worker process with --workers > 1)

Progress = Callable[[int, int], None]  # (documents done, documents in all)


@dataclass
class BuildReport:
    """What a build read, skipped and wrote."""

    documents: int = 0
    problems: list[InputProblem] = field(default_factory=list)  # inputs skipped
    warnings: list[InputProblem] = field(default_factory=list)  # inputs read with a remark
    officials: int = 0
    events: int = 0
    relations: int = 0
    triples: int = 0
    seconds: float = 0.0
    outputs: list[Path] = field(default_factory=list)
    extracted: int = 0  # documents that went through the language model in this run
    cached: int = 0  # documents whose facts came from the cache
    removed: int = 0  # input files dropped from the build by this run (update)
    failures: list[str] = field(default_factory=list)  # outputs that could not be written
    timings: dict[str, float] = field(default_factory=dict)  # seconds per step
    # pieces of the files reused from the previous build and made, by kind (kg.pieces)
    pieces: dict[str, tuple[int, int]] = field(default_factory=dict)
    cpu_timings: dict[str, float] = field(
        default_factory=dict
    )  # CPU seconds per step (this process)
    # why nothing was built (no input given could be read): the output folder is unchanged
    not_built: str = ""

    def summary(self) -> str:
        """One line: ``3 documents: 12 officials, 5 events, 4 relations, 1234 triples in 2.1 s``."""
        line = (
            f"{_n(self.documents, 'document')}: {_n(self.officials, 'official')}, "
            f"{_n(self.events, 'event')}, {_n(self.relations, 'relation')}, "
            f"{_n(self.triples, 'triple')} in {self.seconds:.1f} s"
        )
        notes = []
        if self.cached:
            notes.append(f"{self.cached} from the cache")
        if self.removed:
            notes.append(f"{_n(self.removed, 'input')} removed")
        if self.failures:
            notes.append(_n(len(self.failures), "output failure"))
        if self.problems:  # a problem is a file, a record or an article, each skipped
            files = len({p.path for p in self.problems})
            notes.append(
                f"{_n(len(self.problems), 'problem')} in {_n(files, 'input')}, each skipped"
            )
        if self.warnings:
            notes.append(_n(len(self.warnings), "warning"))
        return line + (f" ({', '.join(notes)})" if notes else "")


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _stderr_progress(every: int | None = None) -> Progress:
    every = every or PROGRESS_EVERY
    started = time.perf_counter()

    def report(done: int, total: int) -> None:
        if total > every and (done % every == 0 or done == total):
            took = time.perf_counter() - started
            print(
                f"kg build: {done}/{total} documents read ({took:.0f} s)",
                file=sys.stderr,
                flush=True,
            )

    return report


# --------------------------------------------------------------------------------------
# Reading the inputs
# --------------------------------------------------------------------------------------


def _file_key(real: str) -> str:
    return os.path.normcase(os.path.realpath(real))


def _sha256_file(path: str) -> str:
    import hashlib

    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _read_source(
    folder,
    display: str,
    real: str,
    reader: str,
    limit: int,
    use_cache: bool,
    name: str | None = None,
):
    """One input file as a :class:`kg.cache.Source`: from the cache when its bytes, path and
    reader are those of a cached reading, else read by :func:`kg.ingest.read_file`."""
    import hashlib

    from kg.cache import Source
    from kg.ingest import read_file

    key = _file_key(real)
    try:
        sha = _sha256_file(real)
    except OSError:
        sha = "unreadable"  # read_file says why
    # (a file name that is not UTF-8 holds lone surrogates: hashed as its bytes)
    entry = hashlib.sha256(
        f"{reader}|{key}|{display}|{real}|{sha}|{limit}|{name}".encode("utf-8", "surrogateescape")
    ).hexdigest()
    src = Source(key=key, display=display, sha256=sha, entry=entry, fresh=True, name=name or "")
    cached = folder.read_entry(entry) if use_cache and sha != "unreadable" else None
    if cached is not None:
        src.records, src.problems, src.warnings = cached
        return src
    result = read_file(display, real, max_article_chars=limit, name=name)
    bounds = [*result.records, len(result.documents)]
    src.records = [result.documents[a:b] for a, b in zip(bounds, bounds[1:])]
    src.problems, src.warnings = list(result.problems), list(result.warnings)
    if sha != "unreadable":
        folder.write_entry(src)
    return src


def _under(key: str, folder_key: str) -> bool:
    return key == folder_key or key.startswith(folder_key.rstrip(os.sep) + os.sep)


def _display_of(document: Document, sources: dict) -> str:
    for src in sources.values():
        if any(document in docs for docs in src.records):
            return src.display
    return document.source_file


def _combine(sources: dict) -> tuple[list[Document], list[InputProblem]]:
    from kg.ingest import duplicate_message

    """Every document of the build, in path order; a record whose identifier an earlier
    file already has is skipped (as :func:`kg.ingest.read_inputs` does). Returns the
    documents and the duplicate problems that involve an input read in this run."""
    documents: list[Document] = []
    problems: list[InputProblem] = []
    owner: dict[str, tuple[str, Source]] = {}  # identifier → (where, source)
    for src in sorted(sources.values(), key=lambda s: (PurePath(s.key).parts, s.key)):
        for docs in src.records:
            if not docs:
                continue
            line = docs[0].line
            clash = next((d for d in docs if d.identifier in owner), None)
            if clash is not None:
                where, first = owner[clash.identifier]
                if src.fresh or first.fresh:
                    problems.append(
                        InputProblem(src.display, line, duplicate_message(clash, where), "E114")
                    )
                continue
            where = f"{src.display}:{line}" if line is not None else src.display
            for d in docs:
                owner[d.identifier] = (where, src)
            documents.extend(docs)
    return documents, problems


# --------------------------------------------------------------------------------------
# Extraction
# --------------------------------------------------------------------------------------


def _with_homes(documents: list[Document], home: str | None) -> list[Document]:
    """Each document with its outlet country where it is decided (a teaser takes its page's;
    ``home`` goes to those that decide none): :func:`kg.extract.home.settle_homes`."""
    from kg.extract.home import settle_homes
    from kg.lexicon import load_lexicon

    return settle_homes(documents, load_lexicon(), home)


_worker_nlp = None
_worker_seconds: float | None = None


def _worker_read(documents: list[Document]) -> list[dict | str | None]:
    """In a worker process: :func:`kg.extract.read_each` with the facts as cache JSON (None: they
    cannot be held in JSON, read them in the main process)."""
    from kg.cache import CacheError, encode_extraction

    out: list[dict | str | None] = []
    for item in read_each(_worker_nlp, documents, _worker_seconds):
        if isinstance(item, str):
            out.append(item)
            continue
        try:
            out.append(encode_extraction(item))
        except CacheError:
            out.append(None)
    return out


def _extract(
    nlp, documents: list[Document], workers: int, seconds: float | None = None
) -> Iterator[Extraction | str]:
    """The facts of ``documents`` (or, for a document that cannot be read, why), in order,
    read with the pipeline ``nlp`` by ``workers`` processes."""
    if not documents:
        return
    if hasattr(nlp, "max_length"):  # the articles are already limited (--max-article-mb)
        nlp.max_length = max(nlp.max_length, max(len(d.text) for d in documents) + 1)
    chunks = [documents[i : i + CHUNK] for i in range(0, len(documents), CHUNK)]
    workers = max(1, min(workers, len(chunks)))
    if workers == 1:
        for chunk in chunks:
            yield from read_each(nlp, chunk, seconds)
        return
    # Processes over chunks of documents (not spaCy's n_process): each worker also runs
    # the extractor on its chunk, and only small JSON comes back (spaCy's n_process sends
    # every parsed Doc back here, and the extractor then runs in this process alone).
    import multiprocessing

    from kg.cache import CacheError, decode_extraction

    global _worker_nlp, _worker_seconds
    _worker_nlp = nlp  # inherited by the forked workers: the model is loaded once
    _worker_seconds = seconds
    try:
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(workers) as pool:
            for chunk, items in zip(chunks, pool.imap(_worker_read, chunks)):
                for doc, item in zip(chunk, items):
                    if isinstance(item, str):
                        yield item
                        continue
                    try:
                        yield decode_extraction(item, doc)
                    except CacheError:  # facts that JSON cannot hold: read them here
                        yield read_each(nlp, [doc], seconds)[0]
    finally:
        _worker_nlp = None


# --------------------------------------------------------------------------------------
# The build
# --------------------------------------------------------------------------------------


def build(
    paths: Iterable[str | Path] | str | Path,
    out: str | Path,
    *,
    quiet: bool = False,
    progress: Progress | None = None,
    update: bool = False,
    remove: Iterable[str | Path] = (),
    workers: int = 1,
    max_article_mb: float = MAX_ARTICLE_MB,
    use_cache: bool = True,
    keep_model: bool = True,
    officials: str | Path | None = None,
    executor=None,
    home_country: str | None = None,
    force: bool = False,
    max_article_seconds: float = MAX_ARTICLE_SECONDS,
) -> BuildReport:
    """Build the inputs at ``paths`` into the folder ``out``.

    Writes ``graph.ttl``, ``graph.trig``, the extra formats and the HTML views. Inputs that
    cannot be read are reported in ``BuildReport.problems`` and skipped; when none can be
    read the graph files are still written (empty, valid). ``progress(done, total)`` is
    called after each document; by default (unless ``quiet``) a line goes to stderr every
    :data:`PROGRESS_EVERY` documents of a long run.

    ``update``: add ``paths`` to the build already in ``out`` instead of replacing it. A file
    given replaces what was read from it before; a folder given stands for exactly the files
    now in it (files read from it before and gone since are dropped); every other input of
    the previous build is kept as it was read (not read again). ``remove``: input files or
    folders whose articles leave the build (they need not exist any more; implies update).
    The result is the same, byte for byte, as a full build of the resulting inputs.

    ``workers``: processes reading the documents. ``max_article_mb``: longest article text
    (in millions of characters); a longer one is reported and skipped. ``use_cache=False``
    reads every document again (and refills the cache). ``keep_model=False`` frees the
    language model once the documents are read (the ``kg`` command does: about 0.3 GB less
    while the graph and the views are made; the next build in the process loads it again).

    ``officials``: the table of office holders officials are linked to (:mod:`kg.link`;
    default: the one shipped with the package). A table given is read first, so a bad one
    stops the build before any work (:class:`kg.link.GazetteerError`, a ``ValueError``). It
    is not remembered by the build folder: an update links with the table it is given, and
    gives the same output as a full build with that table (identities are always made
    again from every article's cached facts).
    ``executor``: where the documents are read instead of ``workers`` local processes, e.g.
    a :class:`kg.executors.DaskExecutor` (its ``extract(documents)`` gives the same facts).
    ``home_country``: the outlet country (ISO code) of the articles whose record, URL,
    agency credit and text decide none (:mod:`kg.extract.home`).
    Nothing is lost: when none of the inputs given can be read (a mistyped path, an empty
    folder, only unusable files), nothing in ``out`` changes and ``report.not_built`` says
    why. ``out`` must be a new or empty folder or a build folder (one holding
    ``.kg-cache/``); ``force=True`` builds into another folder too. Files the build did not
    write are never deleted. ``max_article_seconds``: an article the language model and the
    extractor take longer to read is reported and skipped.
    """
    started = time.perf_counter()
    settings = _settings(paths, remove, update, max_article_mb, max_article_seconds, officials)
    out = Path(out)
    _check_out(out, force, settings["update"])
    before = _Snapshot(out)
    if progress is None and not quiet:
        progress = _stderr_progress()
    report = BuildReport()
    try:
        _build_into(
            out,
            report,
            before,
            lap=_Laps(report.timings, report.cpu_timings),
            use_cache=use_cache,
            workers=workers,
            keep_model=keep_model,
            progress=progress,
            executor=executor,
            home_country=home_country,
            **settings,
        )
    except _NothingBuilt:
        before.restore()
        report.documents = 0
        report.not_built = (
            f"none of the inputs given could be read (each problem is listed "
            f"above): nothing was built, and {out} was left as it was; check "
            "the paths"
        )
    report.seconds = time.perf_counter() - started
    return report


def _settings(
    paths, remove, update: bool, max_article_mb: float, max_article_seconds: float, officials
) -> dict:
    """:func:`build`'s arguments checked (a bad one raises ``ValueError`` before any work)
    and normalised: the paths as strings, the article limit in characters, the reader's
    version, the table of office holders read."""
    from kg.cache import reader_version
    from kg.link import load_gazetteer

    gazetteer = load_gazetteer(officials) if officials is not None else None
    if isinstance(paths, (str, Path)):
        paths = [paths]
    paths = [str(p) for p in paths]
    remove = [str(r) for r in remove]
    update = update or bool(remove)
    if not paths and not update:
        raise ValueError("nothing to build: give input files or folders")
    if not (
        isinstance(max_article_mb, (int, float))
        and math.isfinite(max_article_mb)
        and max_article_mb > 0
    ):
        raise ValueError(
            f"--max-article-mb must be a positive number of millions of "
            f"characters (e.g. 0.2 or 1), not {max_article_mb!r}"
        )
    if not (isinstance(max_article_seconds, (int, float)) and max_article_seconds > 0):
        raise ValueError(
            f"--max-article-seconds must be a positive number of seconds, not "
            f"{max_article_seconds!r}"
        )
    return {
        "paths": paths,
        "remove": remove,
        "update": update,
        "limit": max(1, int(max_article_mb * 1_000_000)),
        "reader": reader_version(),
        "seconds": max_article_seconds,
        "gazetteer": gazetteer,
    }


class _NothingBuilt(Exception):
    """No input given could be read: the build stops before changing its folder."""


@dataclass
class _Run:
    """One build's settings and the folder it writes: what every step of :func:`build` reads."""

    out: Path
    folder: BuildFolder
    report: BuildReport
    lap: Callable[[str], None]
    paths: list[str]
    remove: list[str]
    update: bool
    limit: int
    reader: str
    use_cache: bool
    workers: int
    keep_model: bool
    progress: Progress | None
    seconds: float
    executor: DaskExecutor | None = None
    home_country: str | None = None
    gazetteer: Gazetteer | None = None


def _build_into(out: Path, report: BuildReport, before: "_Snapshot", *, lap, **settings) -> None:
    """The steps of :func:`build` once its arguments are checked, one function each."""
    from kg.cache import BuildFolder

    with BuildFolder(out) as folder, contextlib.ExitStack() as stack:
        run = _Run(out=out, folder=folder, report=report, lap=lap, **settings)
        sources = _read_inputs(run)
        documents = _documents(run, sources)
        lap("read")
        texts = _Texts(folder.cache)
        stack.callback(texts.close)
        facts, reread, keys = _facts(run, documents, sources, texts)
        lap("extract")
        stack.enter_context(_collector_paused())
        del documents
        merged = _write_outputs(run, facts, reread, texts)
        try:
            _commit(run, sources, keys)
            _count_facts(report, merged)
        finally:
            merged.close()


# --- step 1: the inputs ----------------------------------------------------------------------


def _previous_state(run: _Run):
    """The folder's build state when updating (an empty one otherwise)."""
    from kg.cache import CacheError, State

    try:
        state = run.folder.load_state() if run.update else State()
    except CacheError as exc:
        raise ValueError(f"cannot update {run.out}: {exc}; run a full build instead") from None
    if run.update and not run.folder.has_state() and (run.out / "graph.ttl").exists():
        raise ValueError(
            f"cannot update {run.out}: it holds no build state (built by an older "
            "kg?); run a full build of all its inputs once"
        )
    if run.update and state.sources and state.reader != run.reader:
        run.report.warnings.append(
            InputProblem(
                str(run.out),
                None,
                "built by another version of the input reader: the inputs not "
                "given again keep their earlier reading (a full build reads "
                "everything again)",
            )
        )
    return state


def _drop(sources: dict, top: str) -> int:
    """Remove the sources under the path key ``top``; how many."""
    gone = [k for k in sources if _under(k, top)]
    for k in gone:
        del sources[k]
    return len(gone)


def _read_inputs(run: _Run) -> dict:
    """Every input file of the build (by key): the previous build's when updating, those
    given (read, or from the cache), minus those removed; each holding its documents."""
    from kg.ingest import list_inputs

    report = run.report
    sources = dict(_previous_state(run).sources)
    files, listing = list_inputs(run.paths)
    report.problems += _gone_hint(listing.problems, sources) if run.update else listing.problems
    report.warnings += listing.warnings
    if run.update:  # a folder given stands for exactly the files in it now
        given = {_file_key(real) for _, real in files}
        for p in run.paths:
            if os.path.isdir(p):
                top = _file_key(p)
                kept = {k: s for k, s in sources.items() if not _under(k, top) or k in given}
                report.removed += len(sources) - len(kept)
                sources = kept
    for display, real in files:
        old = sources.get(_file_key(real))
        # a file read before keeps its default ids (however it is given now)
        name = old.name if run.update and old is not None else listing.names.get(display)
        with _writing("reading the inputs (caching them)", run.out):
            src = _read_source(
                run.folder, display, real, run.reader, run.limit, run.use_cache, name
            )
        sources[src.key] = src
        report.problems += src.problems
        report.warnings += src.warnings
    for r in run.remove:
        gone = _drop(sources, _file_key(r))
        if not gone:
            report.problems.append(
                InputProblem(
                    r, None, "--remove: no input file of the build is (or was) at this path"
                )
            )
        report.removed += gone
    _load_kept(run, sources)
    return sources


def _load_kept(run: _Run, sources: dict) -> None:
    """The documents of the inputs kept from the previous build, from their cached reading
    (read again when it is lost and the file is still there)."""
    from kg.cache import CacheError

    for src in list(sources.values()):
        if src.fresh:
            continue
        try:
            run.folder.load_source(src)
        except CacheError:
            if os.path.isfile(src.key):  # the cached reading is lost: read it again
                sources[src.key] = _read_source(
                    run.folder, src.display, src.key, run.reader, run.limit, use_cache=False
                )
                sources[src.key].fresh = False
            else:
                run.report.problems.append(
                    InputProblem(
                        src.display,
                        None,
                        "its cached reading is lost and the file is gone: its articles are dropped",
                    )
                )
                src.records = []


def _documents(run: _Run, sources: dict) -> list[Document]:
    """The build's documents in path order, each with its home country; stops the build
    (:class:`_NothingBuilt`) when none of the inputs given could be read."""
    documents, duplicates = _combine(sources)
    documents = _with_homes(documents, run.home_country)
    run.report.problems += duplicates
    run.report.documents = len(documents)
    if (
        run.paths
        and not run.remove
        and not any(docs for src in sources.values() if src.fresh for docs in src.records)
    ):
        # nothing given could be read: a build of nothing must not replace a build
        raise _NothingBuilt()
    return documents


# --- step 2: the facts -----------------------------------------------------------------------


class _Texts:
    """The documents' texts, on disk in a temporary file of the build's cache from reading
    the facts to making the graph: the identities read none of them, each article's graph
    its own (a text is ~4 KB an article, the largest share of the corpus's memory)."""

    def __init__(self, folder: Path) -> None:
        import tempfile

        folder.mkdir(parents=True, exist_ok=True)
        self.file = tempfile.TemporaryFile(dir=folder)  # gone when closed, or if the build dies
        # document identifier -> its row in the two arrays: one small object per document,
        # not three (kept to the end of the build, they would hold on to the memory of
        # everything read around them)
        self.row: dict[str, int] = {}
        self.offsets, self.sizes = array("q"), array("q")

    def put(self, doc: Document) -> Document:
        """``doc`` without its text, the text on disk."""
        data = doc.text.encode("utf-8", "surrogatepass")  # JSON input may hold lone surrogates
        self.row[doc.identifier] = len(self.offsets)
        self.offsets.append(self.file.seek(0, os.SEEK_END))
        self.sizes.append(len(data))
        self.file.write(data)
        return replace(doc, text="")

    def get(self, doc: Document) -> Document:
        """``doc`` with its text back (as given when it was not put on disk)."""
        row = self.row.get(doc.identifier)
        if row is None:
            return doc
        self.file.seek(self.offsets[row])
        text = self.file.read(self.sizes[row]).decode("utf-8", "surrogatepass")
        return replace(doc, text=text)

    def close(self) -> None:
        self.file.close()


def _lean(ex: Extraction, shared: dict, texts: _Texts) -> Extraction:
    """The :func:`kg.resolve.lean` record of ``ex``, its document's text on disk."""
    from kg.resolve import lean

    record = lean(ex, shared)
    record.document = texts.put(ex.document)
    return record


def _facts(
    run: _Run, documents: list[Document], sources: dict, texts: _Texts
) -> tuple[list[Extraction], list[str | None], list[str]]:
    """Every document's facts, from the cache, else read (and cached as soon as read);
    returns them, the cache key each is read again from (None: held whole) and the
    documents' cache keys.

    The facts held for every article are their :func:`kg.resolve.lean` records, what the
    identities read, with the document's text in ``texts`` (on disk; kept in the documents
    that another article's evidence cites): an article's full facts are read again from
    the cache when its graph is made (:func:`_write_outputs`). Facts that could not be
    cached are held whole. The sources' records are let go."""
    from kg.cache import document_key
    from kg.graph import cited_elsewhere

    folder, report = run.folder, run.report
    keys = [document_key(d) for d in documents]
    shared: dict = {}  # each name, code, date… of the lean records held once for the build
    extractions: list[Extraction | None] = []
    reread: list[str | None] = []
    with _collector_paused():  # the cache's records hold no cycles; its passes cost half
        for k, d in zip(keys, documents):
            known = folder.read_facts(k, d) if run.use_cache else None
            extractions.append(None if known is None else _lean(known, shared, texts))
            reread.append(k)
    todo = [i for i, ex in enumerate(extractions) if ex is None]
    report.cached = len(documents) - len(todo)
    report.extracted = len(todo)
    done = report.cached
    nlp = None
    if todo and run.executor is None:  # nothing to read here: no need for the model either
        from kg.nlp import load_pipeline

        nlp = load_pipeline()
        run.lap("model")
    read = (
        run.executor.extract
        if run.executor is not None
        else (lambda docs: _extract(nlp, docs, run.workers, run.seconds))
    )
    for i, ex in zip(todo, read([documents[i] for i in todo])):
        if isinstance(ex, str):
            d = documents[i]
            report.problems.append(
                InputProblem(
                    _display_of(d, sources),
                    d.line,
                    f"article {d.identifier!r} could not be read by the extractor ({ex}): skipped",
                )
            )
        else:
            with _writing("caching the facts read", run.out):
                cached = folder.write_facts(keys[i], ex)
            extractions[i] = _lean(ex, shared, texts) if cached else ex
            reread[i] = keys[i] if cached else None
        done += 1
        if run.progress is not None:
            run.progress(done, len(documents))
        checkpoint("extract")
    if nlp is not None and not run.keep_model:
        nlp = None
        del read
        _release_model()
    for src in sources.values():  # the records' texts are on disk now: let the documents go
        src.records = []
    held = [ex for ex in extractions if ex is not None]
    # evidence read in another article takes its sentence from that article's text
    cited = cited_elsewhere(held)
    for ex in held:
        if ex.document.identifier in cited:
            ex.document = texts.get(ex.document)
    return held, [k for k, ex in zip(reread, extractions) if ex is not None], keys


# --- step 3: identities, the graph and the files ----------------------------------------------


def _write_outputs(
    run: _Run, facts: list[Extraction], reread: list[str | None], texts: _Texts
) -> GraphStore:
    """Identities, the graph and every output file, always from every article's facts,
    into the folder's staging area; returns the merged graph (on disk, open: the caller
    closes it).

    The identities are made from the lean records of :func:`_facts`; each article's full
    facts are read again from the cache (``reread``: the key of each, None for facts held
    whole), given those identities, made into the article's graph, written to graph.trig
    and graph.nq and put into the on-disk store (:mod:`kg.graphstore`, kept from the last
    build: an update loads only the article graphs that changed) before the next article's
    are read, the facts let go as they go: nothing holds every article's full facts."""
    from kg.events_identity import merge_events
    from kg.export import write_article_files, write_turtle
    from kg.graph import iter_article_graphs
    from kg.graphstore import STORE_FILE, GraphStore
    from kg.lexicon import load_lexicon
    from kg.pieces import PIECES_DIR, Stores
    from kg.resolve import adopt_identities, resolve

    lap = run.lap
    # the text of the pieces of the files that an earlier build wrote from the same triples
    pieces = Stores(run.folder.cache / PIECES_DIR, reuse=run.use_cache)
    run.report.pieces = pieces.counts
    resolve(facts, gazetteer=run.gazetteer)
    merges = merge_events(facts)  # one event read in several articles: one node
    lap("resolve")
    # kept for the next update, which reads it only if it can be trusted (kg.graphstore)
    merged = GraphStore(
        run.folder.cache / STORE_FILE, stamp=pieces.code, reuse=run.update and run.use_cache
    )
    try:

        def full(i: int, record: Extraction) -> Extraction:
            """The facts to make article ``i``'s graph from: its full facts, read again."""
            key = reread[i]
            if key is None:
                return record
            ex = run.folder.read_facts(key, texts.get(record.document))
            if ex is None:
                raise ValueError(
                    f"the cached facts of article {record.document.identifier!r} could not "
                    f"be read again ({run.folder.facts_dir() / key}.json): build again"
                )
            return adopt_identities(ex, record)

        facts_dir = run.folder.facts_dir().name  # the extractor's fingerprint

        def source(i: int) -> str | None:
            """What identifies article ``i``'s full facts: the key they are cached under."""
            return None if reread[i] is None else f"{facts_dir}/{reread[i]}"

        graphs = iter_article_graphs(
            facts, load_lexicon(), merges, consume=True, full=full, source=source
        )
        with _writing("writing graph.trig and graph.nq", run.out):
            staging = run.folder.new_staging()
            write_article_files(
                graphs, staging, merged, pieces=pieces, previous=run.out / "graph.nq"
            )
        pieces.counts["graph"] = (merged.graphs[0], merged.graphs[1])  # kept, loaded
        facts.clear()
        del graphs
        _collect()  # the facts and documents, let go: their memory back before the files
        lap("graph")
        with _writing("writing graph.ttl", run.out):
            write_turtle(merged, staging, pieces)
        lap("export")
        _derived_outputs(run, merged, merges, staging, pieces)
    except BaseException:
        merged.close()
        raise
    return merged


def _derived_outputs(run: _Run, merged: GraphStore, merges: list, staging: Path, pieces) -> None:
    """The other formats and the views, derived from the graph: one that fails is
    reported (exit code 1) and the graph is still delivered."""
    import kg.events_identity
    import kg.formats
    import kg.plover
    import kg.views

    # each step looked up when it runs (a test may stand in for one)
    # (step name, what it writes, the function, its arguments)
    steps: list[tuple[str, str, Callable, list]] = [
        ("formats", "the other formats", kg.formats.write_derived, [merged, staging, pieces]),
        (
            "merge_report",
            "the event merge report",
            kg.events_identity.write_merge_report,
            [merges, staging],
        ),
        ("plover", "the PLOVER events", kg.plover.write_plover, [merged, staging]),
        # the views keep their layouts in the folder's state: unchanged pages are not laid out again
        (
            "views",
            "the HTML views",
            kg.views.write_views,
            [merged, staging, run.folder.cache / "views-layout.json"],
        ),
    ]
    with _frozen():
        while steps:
            name, what, step, args = steps.pop(0)
            _derived(run.report, what, step, args)
            run.lap(name)


@contextlib.contextmanager
def _frozen() -> Iterator[None]:
    """Move every object alive now (the merges, the lexicon and gazetteer tables, the
    model's leftovers) out of the cyclic collector's sight while the derived steps run,
    and let the collector run again (it is paused for the graph step,
    :func:`_collector_paused`): its passes walk only what the steps make, and the
    reference cycles they make by the million are freed as they are made, not held to the
    step's end (``json.dumps`` with an indent makes a few per call: graph.jsonld's nodes
    left 0.3 GB of them per 10,000 articles, 1.9 GB at 10⁵). Objects a caller froze stay
    frozen: when there are any, nothing is frozen or unfrozen here."""
    import gc

    mine = not gc.get_freeze_count()
    if mine:
        gc.collect()  # what is garbage now is not kept alive by the freeze
        gc.freeze()
    was_enabled = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        if not was_enabled:
            gc.disable()
        if mine:
            gc.unfreeze()


def _derived(report: BuildReport, what: str, step, args: list) -> None:
    """Write one output derived from the graph; a failure is reported, not raised."""
    try:
        step(*args)
    except Exception as exc:  # noqa: BLE001 - the graph files are still good
        report.failures.append(f"could not write {what} ({one_line(exc)})")
    args.clear()
    _collect()


def _collect() -> None:
    """Free a step's reference cycles now (the collector is paused) and give the memory
    back to the system."""
    import gc

    gc.collect()
    _trim()


def _trim() -> None:
    """Give the memory freed by a step back to the system, so that the next step starts
    from what is still held (glibc keeps freed memory unless asked: the N-Quads and JSON-LD
    writers' short-lived strings left 0.14 GB more resident before the views at 10,000
    articles)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


# --- step 4: the swap ------------------------------------------------------------------------


def _commit(run: _Run, sources: dict, keys: list[str]) -> None:
    """Move the staged outputs and the new state into place."""
    from kg.cache import State

    checkpoint("staged")
    state = State(sources=sources, reader=run.reader)
    with _writing("moving the new outputs into place", run.out):
        run.report.outputs = run.folder.commit(state, keep_facts=set(keys))
    run.lap("commit")


def _count_facts(report: BuildReport, merged: Graph | GraphStore) -> None:
    report.officials = _count(merged, BKG.Official)
    report.events = _count(merged, BKG.Event)
    report.relations = _count(merged, BKG.BilateralRelation)
    report.triples = len(merged)


class BuildWriteError(OSError):
    """A file of the build could not be written: which step, which file, what to do."""

    def __str__(self) -> str:
        return self.args[1] if len(self.args) > 1 else super().__str__()


@contextlib.contextmanager
def _writing(step: str, out: Path) -> Iterator[None]:
    """Say which step and which file an error of the file system (a full disk, a folder
    without write permission) came from, and what to do."""
    try:
        yield
    except BuildWriteError:
        raise
    except OSError as exc:
        import errno as _errno

        where = exc.filename or out
        if exc.errno in (_errno.ENOSPC, _errno.EDQUOT):
            hint = "the disk is full: free some space and build again"
        elif exc.errno in (_errno.EACCES, _errno.EPERM, _errno.EROFS):
            hint = "the folder cannot be written: check its permissions"
        else:
            hint = "check the output folder, then build again"
        raise BuildWriteError(
            exc.errno,
            f"{step}: cannot write {where} "
            f"({exc.strerror or exc}); {hint} (the previous "
            f"outputs in {out} are unchanged)",
        ) from None


def _check_out(out: Path, force: bool, update: bool = False) -> None:
    """Refuse an output folder that holds files but no build (unless ``force``): the build
    would mix its files with the user's."""
    from kg.cache import CACHE_DIR

    if not out.exists():
        return
    if not out.is_dir():
        raise ValueError(f"--out {out} exists and is not a folder: give a folder")
    if force or (out / CACHE_DIR).is_dir():
        return
    entries = sorted(p.name for p in out.iterdir())
    if entries and update:
        raise ValueError(
            f"cannot update {out}: it holds no build state (not a kg build "
            "folder, or built by an older kg?); run a full build of all its inputs "
            "once (with --force if the folder also holds files of yours)"
        )
    if entries:
        shown = ", ".join(entries[:3]) + (", ..." if len(entries) > 3 else "")
        raise ValueError(
            f"--out {out} is not a kg build folder and is not empty (it holds "
            f"{shown}): give a new or empty folder, or --force to write the "
            "build into it (files the build does not write are never deleted)"
        )


class _Snapshot:
    """What a build may add to its folder before it knows it has anything to build: the
    folder itself, its cache and its cached input readings; :meth:`restore` takes them away."""

    def __init__(self, out: Path) -> None:
        from kg.cache import CACHE_DIR

        self.out, self.cache = out, out / CACHE_DIR
        self.out_existed, self.cache_existed = out.exists(), self.cache.exists()
        inputs = self.cache / "inputs"
        self.entries = set(inputs.iterdir()) if inputs.is_dir() else set()

    def restore(self) -> None:
        import shutil

        if not self.cache_existed:
            shutil.rmtree(self.cache, ignore_errors=True)
            if not self.out_existed:
                with contextlib.suppress(OSError):
                    self.out.rmdir()
            return
        inputs = self.cache / "inputs"
        if inputs.is_dir():
            for p in set(inputs.iterdir()) - self.entries:
                with contextlib.suppress(OSError):
                    p.unlink()


def _gone_hint(problems: list[InputProblem], sources: dict) -> list[InputProblem]:
    """In an update, a path given that no longer exists but was read before: its articles
    stay in the build, and the message says how to drop them."""
    out = []
    for p in problems:
        if p.message.startswith("no such file or directory") and p.path:
            top = _file_key(p.path)
            if any(_under(k, top) for k in sources):
                p = InputProblem(
                    p.path,
                    p.line,
                    "no such file or directory: its articles from "
                    "the previous build are kept as they were read; to drop "
                    f"them, use --remove {p.path}",
                )
        out.append(p)
    return out


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector (reference counting still frees memory).

    Making the graph and the files creates millions of objects and few reference cycles;
    the collector's passes over them took 13% of those steps at 10,000 articles, with the
    same peak memory without them; reading the cached facts, half the time. It is never
    paused while the language model makes Docs.
    """
    import gc

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _release_model() -> None:
    """Drop the cached language model and give its memory back to the system."""
    import gc

    from kg.nlp import load_pipeline

    cache_clear = getattr(load_pipeline, "cache_clear", None)
    if cache_clear is not None:
        cache_clear()
    gc.collect()
    _trim()


class _Laps:
    """Seconds spent in each step, into ``timings`` (and CPU seconds, into ``cpu``)."""

    def __init__(self, timings: dict[str, float], cpu: dict[str, float] | None = None) -> None:
        self.timings, self.last = timings, time.perf_counter()
        self.cpu, self.last_cpu = cpu if cpu is not None else {}, time.process_time()

    def __call__(self, step: str) -> None:
        now, now_cpu = time.perf_counter(), time.process_time()
        self.timings[step] = self.timings.get(step, 0.0) + now - self.last
        self.cpu[step] = self.cpu.get(step, 0.0) + now_cpu - self.last_cpu
        self.last, self.last_cpu = now, now_cpu


def _count(graph: Graph | GraphStore, cls: URIRef) -> int:
    return len(set(graph.subjects(RDF.type, cls)))


def load_graph(path: str | Path) -> Graph:
    """A build's graph: a ``.ttl`` file, a ``.trig`` file (the union of its named graphs,
    the ontology graph left out), or a build folder (its ``graph.ttl``, else ``graph.trig``),
    read by :func:`kg.graphio.read_rdflib` into a plain graph with the build's prefixes.

    Raises ``FileNotFoundError`` when there is no graph, ``ValueError`` when it cannot be parsed.
    """
    from kg.graph import bind_prefixes
    from kg.graphio import read_rdflib

    graph = bind_prefixes(Graph())
    graph += read_rdflib(path).triples((None, None, None))
    return graph
