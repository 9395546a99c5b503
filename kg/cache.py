"""What a build folder remembers between runs, and how its files are replaced safely.

A build folder ``DIR`` holds the outputs (``graph.ttl``, ``graph.trig``, the extra formats
and the HTML views) and a hidden ``DIR/.kg-cache/``::

    .kg-cache/
      state.json            the current build: its input files and the outputs it wrote
      inputs/<key>.json     one input file as read (its documents, problems and warnings),
                            keyed by a hash of its path, its bytes and the reader's version
      facts/<fp>/<key>.json what the extractor read in one document (an Extraction), keyed by
                            a hash of the document; <fp> is the extractor's fingerprint
      staging/              the next outputs while a build writes them
      commit.json           present only while outputs are being swapped in
      lock                  held (flock) by the build writing DIR

Everything is JSON (safe to read: no pickle) written to a temporary file and renamed.

*Fingerprint.* Cached facts are only reused by the same extractor: the fingerprint hashes
the package version, the extractor's source code (``kg/extract``, ``kg/nlp.py``,
``kg/facts.py``, ``kg/lexicon.py``), every lexicon file, the spaCy model's name and version
and spaCy's version. Any change files the facts under a new ``<fp>``: nothing stale is read.

*Commit.* A build writes its outputs into ``staging/``, then records the list of files in
``commit.json`` and moves each one into place with :func:`os.replace` (atomic per file),
the build state last. A build killed before that point leaves the previous outputs and
state untouched (the staging folder is cleared by the next build); one killed during the
moves (a few milliseconds) leaves every file whole, some old and some new, and the next
``kg build`` into DIR finishes the moves before doing anything else.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import hashlib
import json
import os
import shutil
import types
import typing
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, is_dataclass
from functools import cache
from pathlib import Path

from kg.facts import Document, Extraction, InputProblem, Official
from kg.files import atomic_write
from kg.resources import PACKAGE_DIR, dist_version, hash_files

if typing.TYPE_CHECKING:
    from _typeshed import DataclassInstance

__all__ = [
    "CACHE_DIR",
    "CacheError",
    "BuildLocked",
    "fingerprint",
    "reader_version",
    "document_key",
    "encode_document",
    "decode_document",
    "encode_extraction",
    "decode_extraction",
    "Source",
    "State",
    "BuildFolder",
    "checkpoint",
    "output_files",
]

CACHE_DIR = ".kg-cache"
FORMAT = 1  # of the files below; a change invalidates every cache

_EXTRACTOR_CODE = ("extract/*.py", "nlp.py", "token_match.py", "facts.py", "lexicon.py", "cache.py")
_READER_CODE = ("ingest/*.py", "ingest_html.py", "facts.py", "cache.py")


class CacheError(ValueError):
    """A cache file that cannot be used (corrupt, foreign, from another version)."""


class BuildLocked(RuntimeError):
    """Another build is writing the same folder."""


# --------------------------------------------------------------------------------------
# Fingerprints
# --------------------------------------------------------------------------------------


def _code_files(patterns: Iterable[str]) -> list[Path]:
    return sorted({p for pat in patterns for p in PACKAGE_DIR.glob(pat) if p.is_file()})


def fingerprint(model: str | None = None) -> str:
    """The extractor's identity: cached facts are reused only under the same one."""
    from kg import __version__
    from kg.lexicon import ONTOLOGY_DIR

    if model is None:
        from kg.resources import MODEL

        model = MODEL
    lexicon = ONTOLOGY_DIR / "lexicon"
    parts = {
        "format": FORMAT,
        "kg": __version__,
        "model": model,
        "model_version": dist_version(model.replace("_", "-")),
        "spacy": dist_version("spacy"),
        "code": hash_files(_code_files(_EXTRACTOR_CODE), PACKAGE_DIR),
        "lexicon": hash_files((p for p in lexicon.rglob("*") if p.is_file()), lexicon)
        if lexicon.is_dir()
        else "none",
    }
    return hashlib.sha256(_dumps(parts).encode()).hexdigest()[:16]


def reader_version() -> str:
    """The input reader's identity: an input file read by another reader is read again."""
    from kg import __version__

    code = hash_files(_code_files(_READER_CODE), PACKAGE_DIR)
    return hashlib.sha256(f"{FORMAT}|{__version__}|{code}".encode()).hexdigest()[:16]


def _dumps(obj: object) -> str:
    # ASCII: a lone surrogate (which JSON input may hold) survives the round trip
    return json.dumps(obj, ensure_ascii=True, sort_keys=True, separators=(",", ":"))


# --------------------------------------------------------------------------------------
# Records ⇄ JSON
# --------------------------------------------------------------------------------------


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    """A record class's field names, in order (looked up once per class)."""
    return tuple(f.name for f in fields(cls))


@cache
def _field_set(cls: type) -> frozenset[str]:
    return frozenset(_field_names(cls))


def _check_attributes(obj: DataclassInstance) -> None:
    """A record carrying data outside its declared fields cannot be cached faithfully."""
    attributes = getattr(obj, "__dict__", {})
    declared = _field_set(type(obj))
    if not attributes.keys() <= declared:
        extra = attributes.keys() - declared
        raise CacheError(f"{type(obj).__name__} has undeclared attributes {sorted(extra)}")


def _encode(value: object, officials: dict[int, int] | None = None) -> object:
    """Plain JSON of a record (dataclasses as objects); Officials as table indexes."""
    if value is None or type(value) is str or type(value) is int:  # the most frequent
        return value
    if isinstance(value, Official):
        if officials is None or id(value) not in officials:
            raise CacheError("an Official outside the extraction's officials")
        return officials[id(value)]
    if is_dataclass(value) and not isinstance(value, type):
        _check_attributes(value)
        return {n: _encode(getattr(value, n), officials) for n in _field_names(type(value))}
    if isinstance(value, (list, tuple)):
        return [_encode(v, officials) for v in value]
    if value is None or isinstance(value, (str, int, float)):  # bool is an int
        return value
    raise CacheError(f"cannot cache a {type(value).__name__}")


_HINTS: dict[type, dict[str, object]] = {}


def _hints(cls: type) -> dict[str, object]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _decode(tp: object, value: object, officials: list[Official] | None = None) -> object:
    """The record of type ``tp`` from its JSON (strict: a mismatch raises CacheError)."""
    return _decoder(tp)(value, officials)


_Decoder = typing.Callable[[object, "list[Official] | None"], object]
_DECODERS: dict[object, _Decoder] = {}


def _decoder(tp: object) -> _Decoder:
    """The reader of JSON into ``tp``, made once per type: the type hints are looked at
    when the reader is made, not for every value (reading 10,000 articles' facts went from
    2.6 million type inspections to none)."""
    got = _DECODERS.get(tp)
    if got is None:
        got = _DECODERS[tp] = _make_decoder(tp)
    return got


def _make_decoder(tp: object) -> _Decoder:
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        return _union_decoder(tp, args)
    if origin is typing.Literal:

        def literal(value, officials):
            if value not in args:
                raise CacheError(f"{value!r} is not one of {args}")
            return value

        return literal
    if origin is list or origin is tuple:
        return _sequence_decoder(origin, args)
    if tp is Official:
        return _official_decoder()
    if isinstance(tp, type) and is_dataclass(tp):
        return _record_decoder(tp)
    return _scalar_decoder(tp)


def _union_decoder(tp: object, args: tuple) -> _Decoder:
    options = [a for a in args if a is not type(None)]
    optional = type(None) in args
    if len(options) == 1:
        inner = _decoder(options[0])

        def one(value, officials):
            return None if value is None and optional else inner(value, officials)

        return one

    def several(value, officials):
        if value is None and optional:
            return None
        for a in options:  # int | str and the like: the value's own type
            if isinstance(a, type) and type(value) is a:
                return value
        raise CacheError(f"{value!r} is none of {tp}")

    return several


def _sequence_decoder(origin: object, args: tuple) -> _Decoder:
    if origin is list or (len(args) == 2 and args[1] is Ellipsis):
        item = _decoder(args[0])
        make = list if origin is list else tuple

        def items(value, officials):
            if not isinstance(value, list):
                raise CacheError(f"expected a list, got {type(value).__name__}")
            return make([item(v, officials) for v in value])

        return items
    each = [_decoder(a) for a in args]

    def fixed(value, officials):
        if not isinstance(value, list):
            raise CacheError(f"expected a list, got {type(value).__name__}")
        if len(each) != len(value):
            raise CacheError(f"expected {len(each)} items, got {len(value)}")
        return tuple(d(v, officials) for d, v in zip(each, value))

    return fixed


def _official_decoder() -> _Decoder:
    record = _record_decoder(Official)

    def official(value, officials):
        if officials is None:
            return record(value, officials)
        if type(value) is not int or not 0 <= value < len(officials):
            raise CacheError(f"no official #{value!r}")
        return officials[value]

    return official


def _record_decoder(tp: type) -> _Decoder:
    hints = _hints(tp)
    plan: list[tuple[str, object, bool]] = [
        (
            f.name,
            hints[f.name],
            f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING,
        )
        for f in fields(tp)
    ]
    readers: dict[str, _Decoder] = {}

    def record(value, officials):
        if not isinstance(value, dict):
            raise CacheError(f"expected an object for {tp.__name__}")
        kwargs = {}
        for name, hint, required in plan:
            if name in value:
                read = readers.get(name)
                if read is None:  # made on first use: a record may hold its own type
                    read = readers[name] = _decoder(hint)
                kwargs[name] = read(value[name], officials)
            elif required:
                raise CacheError(f"{tp.__name__}.{name} is missing")
        try:
            return tp(**kwargs)
        except (TypeError, ValueError) as exc:
            raise CacheError(f"bad {tp.__name__}: {exc}") from None

    return record


def _scalar_decoder(tp: object) -> _Decoder:
    if tp in (str, int, float):

        def scalar(value, officials):
            if type(value) is not tp and not (tp is float and type(value) is int):
                raise CacheError(f"expected {tp.__name__}, got {type(value).__name__}")
            return value

        return scalar
    if tp is bool:

        def boolean(value, officials):
            if type(value) is not bool:
                raise CacheError(f"expected bool, got {type(value).__name__}")
            return value

        return boolean
    if tp is object or tp is typing.Any:
        return lambda value, officials: value
    raise CacheError(f"cannot read a {tp}")


def encode_document(document: Document) -> dict:
    return _encode(document)  # type: ignore[return-value]


def decode_document(obj: object) -> Document:
    return _decode(Document, obj)  # type: ignore[return-value]


def document_key(document: Document | dict) -> str:
    """A hash of everything a document holds: same key, same document."""
    obj = document if isinstance(document, dict) else encode_document(document)
    return hashlib.sha256(_dumps(obj).encode()).hexdigest()


def _officials_of(ex: Extraction) -> list[Official]:
    seen: dict[int, Official] = {}
    for o in [*ex.officials, *(p for e in ex.events for p in e.participants)]:
        seen.setdefault(id(o), o)
    return list(seen.values())


def encode_extraction(ex: Extraction) -> dict:
    """An Extraction as JSON, without its document (stored apart).

    An official named in the officials and as an event's participant is one object, and
    the resolver counts objects: officials are written once, in a table, and referred to by
    their index, so the copy read back has the same sharing.
    """
    _check_attributes(ex)
    table = _officials_of(ex)
    index = {id(o): i for i, o in enumerate(table)}
    out: dict[str, object] = {
        "officials_table": [{f.name: _encode(getattr(o, f.name)) for f in fields(o)} for o in table]
    }
    for o in table:
        _check_attributes(o)
    for f in fields(ex):
        if f.name != "document":
            out[f.name] = _encode(getattr(ex, f.name), index)
    return out


def decode_extraction(obj: object, document: Document) -> Extraction:
    if not isinstance(obj, dict) or not isinstance(obj.get("officials_table"), list):
        raise CacheError("not an extraction")
    table = [typing.cast(Official, _decode(Official, o)) for o in obj["officials_table"]]
    hints = _hints(Extraction)
    kwargs: dict[str, object] = {"document": document}
    for f in fields(Extraction):
        if f.name != "document" and f.name in obj:
            kwargs[f.name] = _decode(hints[f.name], obj[f.name], table)
    return Extraction(**kwargs)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------------------


def _write_json(path: Path, obj: object) -> None:
    """Write ``obj`` as JSON to ``path`` through a temporary file and a rename (the folder is
    synced by the caller where it matters)."""
    atomic_write(path, lambda fh: fh.write(_dumps(obj)), durable=False)


def _read_json(path: Path) -> typing.Any:  # JSON: its callers check its shape
    try:
        with open(path, encoding="ascii") as fh:
            return json.load(fh)
    except FileNotFoundError:
        raise
    except (OSError, ValueError) as exc:
        raise CacheError(f"{path}: {exc}") from None


def _fsync_file(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


# --------------------------------------------------------------------------------------
# The state of a build
# --------------------------------------------------------------------------------------


@dataclass
class Source:
    """One input file of a build, as read: its documents grouped by record."""

    key: str  # normalised real path: the file's identity
    display: str  # the path as the user gave it (in messages)
    sha256: str  # of the file's bytes
    entry: str  # name of its inputs/<entry>.json
    records: list[list[Document]] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    warnings: list[InputProblem] = field(default_factory=list)
    fresh: bool = False  # read (or given) in this run
    name: str = ""  # its path in the folder given (base of default ids), or ""


@dataclass
class State:
    """The build in a folder: its input files (in no particular order) and its outputs."""

    sources: dict[str, Source] = field(default_factory=dict)
    outputs: list[str] = field(default_factory=list)  # paths relative to the folder
    reader: str = ""


def _problem_json(p: InputProblem) -> list:
    return [p.path, p.line, p.message, p.code]


def _problem(obj: object) -> InputProblem:
    if (
        not isinstance(obj, list)
        or len(obj) not in (3, 4)
        or not isinstance(obj[0], str)
        or not (obj[1] is None or type(obj[1]) is int)
        or not all(isinstance(x, str) for x in obj[2:])
    ):
        raise CacheError("bad problem record")
    return InputProblem(*obj)


class BuildFolder:
    """A build's output folder: its lock, cache, state, staging area and commit."""

    def __init__(self, out: str | os.PathLike) -> None:
        self.out = Path(out)
        self.cache = self.out / CACHE_DIR
        self.staging = self.cache / "staging"
        self._lock_fd: int | None = None
        self._fingerprint: str | None = None

    # -- lock and recovery ----------------------------------------------------------------
    def __enter__(self) -> "BuildFolder":
        self.lock()
        return self

    def __exit__(self, *exc) -> None:
        self.unlock()

    def lock(self) -> None:
        """Take the folder (one build at a time), then finish or clear a killed build's work."""
        import fcntl

        if self.out.exists() and not self.out.is_dir():
            raise FileExistsError(f"{self.out} exists and is not a folder")
        self.cache.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.cache / "lock", os.O_RDWR | os.O_CREAT, 0o666)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise BuildLocked(f"another kg build is writing {self.out}") from None
            raise
        self._lock_fd = fd
        self.recover()

    def unlock(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    def recover(self) -> bool:
        """Finish the commit of a build killed while swapping files in; clear staging.

        Returns whether a commit was finished.
        """
        journal = self.cache / "commit.json"
        finished = False
        if journal.is_file():
            try:
                plan = _read_json(journal)
                files, stale = plan["files"], plan["stale"]
                if not (isinstance(files, list) and isinstance(stale, list)):
                    raise CacheError("bad commit journal")
            except (CacheError, KeyError, TypeError):
                plan = None
            if plan is not None:
                self._move_in(files, stale)
                finished = True
            journal.unlink()
        if self.staging.exists():
            shutil.rmtree(self.staging, ignore_errors=True)
        return finished

    # -- state ------------------------------------------------------------------------------
    @property
    def state_file(self) -> Path:
        return self.cache / "state.json"

    def has_state(self) -> bool:
        return self.state_file.is_file()

    def load_state(self) -> State:
        """The folder's build state (empty when there is none); raises CacheError if unreadable."""
        if not self.state_file.is_file():
            return State()
        obj = _read_json(self.state_file)
        try:
            if obj["format"] != FORMAT:
                raise CacheError("state written by another version of kg")
            state = State(outputs=[str(p) for p in obj["outputs"]], reader=str(obj["reader"]))
            for s in obj["sources"]:
                src = Source(
                    key=str(s["key"]),
                    display=str(s["display"]),
                    sha256=str(s["sha256"]),
                    entry=str(s["entry"]),
                    name=str(s.get("name", "")),
                )
                state.sources[src.key] = src
        except (KeyError, TypeError) as exc:
            raise CacheError(f"{self.state_file}: not a build state ({exc})") from None
        return state

    def load_source(self, src: Source) -> Source:
        """Fill ``src`` with the documents, problems and warnings of its inputs entry."""
        obj = self.read_entry(src.entry)
        if obj is None:
            raise CacheError(f"the cached reading of {src.display} is missing")
        src.records, src.problems, src.warnings = obj
        return src

    def read_entry(
        self, entry: str
    ) -> tuple[list[list[Document]], list[InputProblem], list[InputProblem]] | None:
        path = self.cache / "inputs" / f"{entry}.json"
        try:
            obj = _read_json(path)
        except FileNotFoundError:
            return None
        except CacheError:
            return None
        try:
            if obj["entry"] != entry:
                return None
            records = [[decode_document(d) for d in rec] for rec in obj["records"]]
            return (
                records,
                [_problem(p) for p in obj["problems"]],
                [_problem(p) for p in obj["warnings"]],
            )
        except (KeyError, TypeError, CacheError):
            return None

    def write_entry(self, src: Source) -> None:
        _write_json(
            self.cache / "inputs" / f"{src.entry}.json",
            {
                "entry": src.entry,
                "display": src.display,
                "records": [[encode_document(d) for d in rec] for rec in src.records],
                "problems": [_problem_json(p) for p in src.problems],
                "warnings": [_problem_json(p) for p in src.warnings],
            },
        )

    def state_json(self, state: State) -> dict:
        return {
            "format": FORMAT,
            "reader": state.reader,
            "outputs": sorted(state.outputs),
            "sources": [
                {
                    "key": s.key,
                    "display": s.display,
                    "sha256": s.sha256,
                    "entry": s.entry,
                    **({"name": s.name} if s.name else {}),
                }
                for s in sorted(state.sources.values(), key=lambda s: s.key)
            ],
        }

    # -- facts ------------------------------------------------------------------------------
    def facts_dir(self) -> Path:
        if self._fingerprint is None:
            self._fingerprint = fingerprint()
        return self.cache / "facts" / self._fingerprint

    def read_facts(self, key: str, document: Document) -> Extraction | None:
        try:
            obj = _read_json(self.facts_dir() / f"{key}.json")
        except (FileNotFoundError, CacheError):
            return None
        try:
            if obj["key"] != key:
                return None
            return decode_extraction(obj["extraction"], document)
        except (KeyError, TypeError, CacheError):
            return None

    def write_facts(self, key: str, extraction: Extraction) -> bool:
        """Cache one document's facts; False when they cannot be cached (never raises on that)."""
        try:
            obj = {"key": key, "extraction": encode_extraction(extraction)}
        except CacheError:
            return False
        _write_json(self.facts_dir() / f"{key}.json", obj)
        return True

    # -- staging and commit -----------------------------------------------------------------
    def new_staging(self) -> Path:
        if self.staging.exists():
            shutil.rmtree(self.staging)
        self.staging.mkdir(parents=True)
        return self.staging

    def commit(self, state: State, keep_facts: set[str]) -> list[Path]:
        """Move the staged outputs and the new state into place; drop what is no longer used.

        Returns the outputs' final paths.
        """
        files = sorted(
            p.relative_to(self.staging).as_posix()
            for p in self.staging.rglob("*")
            if p.is_file() and not p.name.endswith(".tmp")
        )
        state.outputs = files
        stale = sorted(set(self._previous_outputs(files)) - set(files))
        _write_json(self.staging / CACHE_DIR / "state.json", self.state_json(state))
        moves = files + [f"{CACHE_DIR}/state.json"]
        for rel in moves:  # on disk before the journal says they are complete
            _fsync_file(self.staging / rel)
        _write_json(self.cache / "commit.json", {"files": moves, "stale": stale})
        _fsync_dir(self.cache)
        checkpoint("commit")  # a build killed mid-commit
        self._move_in(moves, stale)
        (self.cache / "commit.json").unlink()
        shutil.rmtree(self.staging, ignore_errors=True)
        self._collect_garbage(state, keep_facts)
        return [self.out / f for f in files]

    def _previous_outputs(self, files: list[str]) -> list[str]:
        """The files the previous build wrote, from its state: only those may be removed.
        Without a state (a first build, or one written into a folder with --force) there
        are none: a file the build did not write is never deleted, whatever its name."""
        try:
            if self.has_state():
                return self.load_state().outputs
        except CacheError:
            pass
        return []

    def _move_in(self, files: list[str], stale: list[str]) -> None:
        for rel in files:
            src, dst = self.staging / rel, self.out / rel
            if not _inside(dst, self.out):
                continue
            if src.is_file():
                dst.parent.mkdir(parents=True, exist_ok=True)
                os.replace(src, dst)
                checkpoint("move")  # a build killed between two moves
        for rel in stale:
            dst = self.out / rel
            if _inside(dst, self.out) and not rel.startswith(CACHE_DIR):
                with contextlib.suppress(FileNotFoundError, IsADirectoryError):
                    dst.unlink()
                with contextlib.suppress(OSError):  # a folder of ours left empty
                    if dst.parent != self.out:
                        dst.parent.rmdir()
        _fsync_dir(self.out)

    def _collect_garbage(self, state: State, keep_facts: set[str]) -> None:
        """Remove cache files the new state does not use (other fingerprints, old entries)."""
        entries = {s.entry for s in state.sources.values()}
        for p in (self.cache / "inputs").glob("*"):
            if p.suffix != ".json" or p.stem not in entries:  # unused, or a killed write
                with contextlib.suppress(OSError):
                    p.unlink()
        facts = self.cache / "facts"
        current = self.facts_dir()
        if facts.is_dir():
            for d in facts.iterdir():
                if d != current:
                    shutil.rmtree(d, ignore_errors=True)
        if current.is_dir():
            for p in current.iterdir():
                if p.suffix == ".json" and p.stem not in keep_facts or p.name.endswith(".tmp"):
                    with contextlib.suppress(OSError):
                        p.unlink()


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def output_files(out: Path) -> dict[str, bytes]:
    """Every file a build wrote into ``out`` (its cache folder left out) → its bytes, by
    relative POSIX path, sorted: what "the same build" compares (two executors, an update
    and a full build, two runs)."""
    out = Path(out)
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and CACHE_DIR not in p.relative_to(out).parts
    }


def checkpoint(name: str) -> None:
    """A crash point: with ``KG_TEST_PAUSE=name`` in the environment, write this process's
    pid to ``KG_TEST_PAUSE_FILE`` and wait (``KG_TEST_PAUSE_SECONDS``, 60) to be killed.
    The tests kill a build there to check that a crash at any step loses nothing; without
    the variable it does nothing."""
    if os.environ.get("KG_TEST_PAUSE") != name:
        return
    import time

    marker = os.environ.get("KG_TEST_PAUSE_FILE")
    if marker:
        Path(marker).write_text(str(os.getpid()), encoding="utf-8")
    time.sleep(float(os.environ.get("KG_TEST_PAUSE_SECONDS", "60")))
