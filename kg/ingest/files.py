"""Files and folders: the inputs given → the files found (each read once), each read by its
kind into an :class:`IngestResult`, one bad file never losing the others.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Iterable

from kg.facts import Document, InputProblem
from kg.ingest.decode import UndecodableError, decode_bytes
from kg.ingest.page import page_documents
from kg.ingest.records import (
    MAX_ARTICLE_CHARS,
    MAX_ID_CHARS,
    titles_cut,
    marked_default,
    record_documents,
    parse_records,
    SkippedRecord,
    too_large,
    readable_name,
)

SUFFIXES = (".txt", ".json", ".jsonl", ".html", ".htm")  # web pages: kg.ingest_html


@dataclass
class IngestResult:
    """What :func:`read_inputs` read: documents, skipped inputs (problems), and warnings."""

    documents: list[Document] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)  # skipped: the build fails
    warnings: list[InputProblem] = field(default_factory=list)  # read, but worth saying
    # where each record (a page, or a JSON record, with its teasers) starts in ``documents``
    records: list[int] = field(default_factory=list)
    # for each input file found in a folder (by display path): its path in that folder, the
    # base of its default identifiers (a file given itself has none: its stem is used)
    names: dict[str, str] = field(default_factory=dict)


def _expand_folder(given: str, result: IngestResult) -> list[tuple[str, str]]:
    """(display path, real path) of the input files under the folder ``given``."""
    found: list[tuple[str, str]] = []
    errors: list[OSError] = []
    for root, dirs, files in os.walk(given, onerror=errors.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or os.path.splitext(name)[1].lower() not in SUFFIXES:
                continue
            full = os.path.join(root, name)
            if not os.path.isfile(full):
                if os.path.islink(full) and not os.path.exists(full):
                    result.problems.append(
                        InputProblem(
                            os.path.join(given, os.path.relpath(full, given)),
                            None,
                            "no such file or directory (broken link)",
                            code="E110",
                        )
                    )
                continue
            rel = os.path.relpath(full, given)
            display = os.path.join(given, rel)
            found.append((display, full))
            # default ids: the path in the folder given, so that site1/index.txt
            # and site2/index.txt are two articles (a file at the top keeps its stem)
            result.names[display] = PurePath(rel).as_posix()
    for err in errors:
        result.problems.append(
            InputProblem(
                err.filename or given,
                None,
                f"cannot read folder ({err.strerror or err})",
                code="E110",
            )
        )
    if not found and not errors:
        result.problems.append(
            InputProblem(
                given,
                None,
                "no .txt, .json, .jsonl or .html file in this folder (nor in its "
                "sub-folders): nothing to read; check the path",
                code="E110",
            )
        )
    return found


def _expand(paths: Iterable[str | os.PathLike], result: IngestResult) -> list[tuple[str, str]]:
    """(display path, real path) of every input file, sorted by display path."""
    found: list[tuple[str, str]] = []
    for p in paths:
        given = os.fspath(p)
        if isinstance(given, bytes):
            given = os.fsdecode(given)
        if not given or not os.path.lexists(given):
            result.problems.append(
                InputProblem(given, None, "no such file or directory", code="E110")
            )
        elif os.path.isdir(given):
            found.extend(_expand_folder(given, result))
        elif not os.path.exists(given):
            result.problems.append(
                InputProblem(given, None, "no such file or directory (broken link)", code="E110")
            )
        elif os.path.isfile(given):
            ext = os.path.splitext(given)[1].lower()
            if ext in SUFFIXES:
                found.append((given, given))
            else:
                result.problems.append(
                    InputProblem(
                        given,
                        None,
                        f"unsupported file type {ext or '(no extension)'!r}: "
                        "expected .txt, .json, .jsonl, .html or .htm",
                        code="E110",
                    )
                )
        else:
            result.problems.append(
                InputProblem(given, None, "not a regular file or folder", code="E110")
            )
    found.sort(key=lambda f: (PurePath(f[0]).parts, f[0]))
    return _read_once(found, result)


def _read_once(found: list[tuple[str, str]], result: IngestResult) -> list[tuple[str, str]]:
    """``found`` without the files given twice (or twice through links), with a warning."""
    unique: list[tuple[str, str]] = []
    seen: dict[str, str] = {}
    for display, real in found:
        key = os.path.normcase(os.path.realpath(real))
        if key in seen:
            what = "given more than once" if seen[key] == display else f"same file as {seen[key]}"
            result.warnings.append(InputProblem(display, None, f"{what}: read once", code="W110"))
            continue
        seen[key] = display
        unique.append((display, real))
    return unique


def duplicate_message(document: Document, first: str) -> str:
    """Why a record whose identifier ``first`` already has is skipped, and what to do."""
    if document.default_id:
        return (
            f"duplicate default id {document.identifier!r} (made from the file name: the "
            f'record has no "id"; already read from {first}): skipped; give the records '
            'explicit "id"s, or give the folder holding both files as one argument'
        )
    return (
        f"duplicate id {document.identifier!r} (already read from {first}): skipped; "
        "identifiers must be unique across the inputs"
    )


def _add(
    docs: list[Document],
    where: str,
    display: str,
    line: int | None,
    ids: dict[str, str],
    result: IngestResult,
) -> None:
    """Keep ``docs`` (one record or page) unless one of their identifiers was already read."""
    for d in docs:
        if d.identifier in ids:
            result.problems.append(
                InputProblem(display, line, duplicate_message(d, ids[d.identifier]), code="E114")
            )
            return
    for d in docs:
        ids[d.identifier] = where
    result.records.append(len(result.documents))
    result.documents.extend(docs)


def _file_text(
    display: str, real: str, suffix: str, result: IngestResult, limit: int
) -> str | None:
    """The text of the file, or None (the problem reported in ``result``)."""
    try:
        # a page is one article: a file too big to hold one is not even read (4 bytes a
        # character at most); JSON files may hold many articles and are read
        size = os.path.getsize(real) if suffix == ".txt" else 0
        if size > 4 * limit:
            result.problems.append(InputProblem(display, None, too_large(size, limit), code="E111"))
            return None
        data = Path(real).read_bytes()
    except OSError as exc:
        result.problems.append(
            InputProblem(display, None, f"cannot read ({exc.strerror or exc})", code="E111")
        )
        return None
    if not data:
        result.problems.append(InputProblem(display, None, "empty file", code="E111"))
        return None
    try:
        text, warning = decode_bytes(data)
    except UndecodableError as exc:
        result.problems.append(InputProblem(display, None, str(exc), code="E111"))
        return None
    if not text.strip():
        result.problems.append(
            InputProblem(display, None, "empty file (only whitespace)", code="E111")
        )
        return None
    if warning is not None:
        result.warnings.append(InputProblem(display, warning.line, warning.message, code="W111"))
    return text


def _read_page_file(
    display: str,
    text: str,
    source_file: str,
    stem: str,
    ids: dict[str, str],
    result: IngestResult,
    limit: int,
) -> None:
    """Read a .txt page: one article and its teasers."""
    if len(text) > limit:
        result.problems.append(
            InputProblem(display, None, too_large(len(text), limit), code="E111")
        )
        return
    if len(stem) > MAX_ID_CHARS:
        result.problems.append(
            InputProblem(
                display,
                None,
                f"the default id (from the file name) is {len(stem):,} "
                f"characters long (limit {MAX_ID_CHARS}): skipped; rename "
                "the file or give it from a folder nearer to it",
                code="E113",
            )
        )
        return
    docs, notes = page_documents(text, source_file, stem)
    for note in notes:
        result.warnings.append(InputProblem(display, None, note, code="W111"))
    if not docs:
        result.problems.append(
            InputProblem(
                display,
                None,
                'no article text found (only a "Voir plus" line, headers, '
                "image markers or punctuation): skipped",
                code="E113",
            )
        )
        return
    docs = titles_cut(
        marked_default(docs),
        lambda m: result.warnings.append(InputProblem(display, None, m, code="W111")),
    )
    _add(docs, display, display, None, ids, result)


def _read_file(
    display: str,
    real: str,
    ids: dict[str, str],
    result: IngestResult,
    limit: int = MAX_ARTICLE_CHARS,
    name: str | None = None,
) -> None:
    suffix = os.path.splitext(real)[1].lower()
    # the default identifiers' base: the file's path in the folder given, without its suffix
    stem = readable_name(str(PurePath(name).with_suffix("")) if name else PurePath(real).stem)
    if suffix in (".html", ".htm"):  # a saved web page (kg.ingest_html)
        from kg.ingest_html import read_html_file

        docs = read_html_file(display, real, result, limit, stem=stem)
        if docs:
            _add(marked_default(docs), display, display, None, ids, result)
        return
    text = _file_text(display, real, suffix, result, limit)
    if text is None:
        return
    source_file = readable_name(os.path.basename(real))
    if source_file != os.path.basename(real):
        result.warnings.append(
            InputProblem(
                display,
                None,
                f'the file name is not valid UTF-8: read as "{source_file}"',
                code="W112",
            )
        )
    if suffix == ".txt":
        _read_page_file(display, text, source_file, stem, ids, result, limit)
        return
    problems: list[InputProblem] = []
    records, count = parse_records(text, display, suffix, problems)
    result.problems.extend(problems)
    if not records and not problems:
        result.warnings.append(InputProblem(display, None, "no records", code="W113"))
    in_list = suffix == ".json" and text.lstrip()[:1] == "["
    for number, (obj, line) in enumerate(records, 1):
        if isinstance(obj, InputProblem):  # a JSONL line that did not parse
            result.problems.append(obj)
            continue
        # a record of a .json list is also named by its place in the list
        where_in = f"record {number} of {count} in the list: " if in_list else ""
        warnings: list[InputProblem] = []
        try:
            docs = record_documents(
                obj,
                display=display,
                source_file=source_file,
                stem=stem,
                number=number,
                single=count == 1,
                line=line,
                warnings=warnings,
                limit=limit,
            )
            docs = titles_cut(
                docs, lambda m: warnings.append(InputProblem(display, line, m, code="W111"))
            )
        except SkippedRecord as exc:
            result.problems.append(InputProblem(display, line, where_in + str(exc), code="E113"))
            continue
        finally:
            result.warnings.extend(
                InputProblem(w.path, w.line, where_in + w.message, w.code or "W111")
                for w in warnings
            )
        where = f"{display}:{line}" if line is not None else display
        _add(docs, where, display, line, ids, result)


def _read_guarded(
    display: str,
    real: str,
    ids: dict[str, str],
    result: IngestResult,
    limit: int,
    name: str | None = None,
) -> None:
    try:
        _read_file(display, real, ids, result, limit, name)
    except Exception as exc:  # noqa: BLE001 - one bad input must not stop the others
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())
        result.problems.append(
            InputProblem(display, None, f"could not be read ({detail})", code="E115")
        )


def read_inputs(
    paths: Iterable[str | os.PathLike], *, max_article_chars: int = MAX_ARTICLE_CHARS
) -> IngestResult:
    """Read files and folders (recursively: ``*.txt``, ``*.json``, ``*.jsonl``) into documents.

    Files are read in order of their path; a problem with one input (missing, empty, binary,
    invalid JSON, a record without text, a duplicate id, an article longer than
    ``max_article_chars``, ...) is reported and skipped, and everything else still loads.
    Never raises on bad input.
    """
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]
    result = IngestResult()
    ids: dict[str, str] = {}
    for display, real in _expand(paths, result):
        _read_guarded(display, real, ids, result, max_article_chars, result.names.get(display))
    return result


def list_inputs(paths: Iterable[str | os.PathLike]) -> tuple[list[tuple[str, str]], IngestResult]:
    """The input files :func:`read_inputs` would read, as (display path, real path), sorted;
    the result holds the problems and warnings of the listing (missing paths, ...)."""
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]
    result = IngestResult()
    return _expand(paths, result), result


def read_file(
    display: str,
    real: str | None = None,
    *,
    max_article_chars: int = MAX_ARTICLE_CHARS,
    name: str | None = None,
) -> IngestResult:
    """One input file read on its own, as :func:`read_inputs` reads each file (duplicate ids
    are checked within the file only). ``result.records`` tells where each record starts.
    ``name``: the file's path inside the folder given (``IngestResult.names`` of
    :func:`list_inputs`), the base of its default identifiers; by default its stem."""
    result = IngestResult()
    _read_guarded(display, display if real is None else real, {}, result, max_article_chars, name)
    return result
