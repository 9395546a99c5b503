"""Every error and warning message of bilateral-kg, each with a stable code (spaCy's way).

A message is reached as ``Errors.E001`` (or ``Warnings.W001``): the attribute is the text
prefixed with its code in brackets, ready for ``.format(...)``. Input problems keep the
``file:line: message`` form: the location comes first, then the code and the message::

    seeds/a.jsonl:3: [E113] record has no "text"

Tests assert the codes (:func:`code_of`), the README lists them, and a code never changes
meaning: a message that goes away leaves its code unused.

>>> at("t.tsv:3", Errors.E002.format(problem="4 cells, the header has 3"))
't.tsv:3: [E002] malformed table: 4 cells, the header has 3'
>>> code_of(ValueError(at("t.tsv:3", Errors.E002.format(problem="4 cells"))))
'E002'
"""

from __future__ import annotations

import re
from typing import Any

__all__ = [
    "Errors",
    "Warnings",
    "DataFileError",
    "DataTableError",
    "at",
    "code_of",
    "all_codes",
    "one_line",
]


class _WithCodes(type):
    """Class attributes named like a code read as ``[CODE] message``."""

    def __getattribute__(cls, name: str) -> Any:
        value = super().__getattribute__(name)
        if _CODE.fullmatch(name):
            return f"[{name}] {value}"
        return value


_CODE = re.compile(r"[EW]\d{3}")
_IN_TEXT = re.compile(r"\[([EW]\d{3})\]")


class Errors(metaclass=_WithCodes):
    """Errors: the message of an exception (or of a problem a build reports and goes on)."""

    # --- the data shipped with the package (kg.resources)
    E001 = (
        "a data file shipped with bilateral-kg is missing (a broken install: reinstall "
        "the package; in a checkout, `pip install -e .`)"
    )
    E002 = "malformed table: {problem}"
    E003 = (
        "the package data are not files on disk (a zipped install?): install "
        "bilateral-kg as a wheel or from a checkout"
    )
    E004 = "unusable data file: {problem}"
    E005 = "{problem}"  # an officials table (--officials, or the shipped one) that cannot be used
    # --- reading inputs (kg.ingest): the code of an input problem (kg.facts.InputProblem)
    E103 = "{problem}"  # a web page (.html, or a record's "html") with no article in it
    E110 = "{problem}"  # a path that cannot be read: missing, a broken link, no input in it
    E111 = "{problem}"  # a file that cannot be read: too large, empty, binary, unreadable
    E112 = "{problem}"  # JSON that does not parse, or is not a record or a list of records
    E113 = "{problem}"  # a record (or page) skipped: no "text", a bad "id", no article
    E114 = "{problem}"  # an identifier already read from another input: skipped
    E115 = "{problem}"  # an input that broke the reader (a bug: please report it)
    # --- named queries and SPARQL (kg.query)
    E201 = "{problem}"  # a named query's header declares a parameter of an unknown type
    E202 = "{problem}"  # a .rq file given is not there
    E203 = "{problem}"  # no named query of that name
    E204 = "--param {name}={value}: {problem}"
    E205 = "{problem}"  # the parameters given do not fit the query's
    E206 = "{problem}"  # a --param that is not NAME=VALUE
    E207 = "{problem}"  # a --param given twice
    # (E208-E211: reading a graph file, kg.graphio: kg query, kg eval, kg.load_graph)
    E208 = "{problem}"  # a folder with no graph.ttl or graph.trig
    E209 = "{problem}"  # no graph at the path given
    E210 = "{problem}"  # a graph file of an unknown format
    E211 = "{problem}"  # a graph file that does not parse
    E212 = "{problem}"  # a query refused (an update, a SERVICE clause)
    E213 = "{problem}"  # the SPARQL engine's error
    # --- loading into a triple store (kg.load)
    E301 = "{problem}"  # a folder that is not a build
    E302 = "{problem}"  # no build at the path given
    E303 = "{problem}"  # a file of a format kg load does not read
    E304 = "{problem}"  # triples without named graphs and no --graph
    E305 = "{problem}"  # an IRI that is not absolute
    E306 = "{problem}"  # an --endpoint that is not an http(s) URL
    E307 = "{problem}"  # the store refused a request (after the tries again)
    E308 = "{problem}"  # the input does not parse
    E309 = "{problem}"  # a --chunk, --timeout or --retries out of range
    # --- scoring against gold (kg.evaluate, kg.evaluate_events)
    E401 = "{problem}"  # no gold folder, or no gold file in it
    E402 = "{problem}"  # a gold file that is not JSON
    # E403-E405 retired: a graph to score is read by kg.graphio (E208-E211)
    E406 = "{problem}"  # a gold date the contract does not allow
    E407 = "{problem}"  # a gold file that cannot be turned into a graph
    E408 = "{problem}"  # a clusters file (events gold) that cannot be used
    E409 = "{problem}"  # a corpus of `make eval` that is not there
    # --- the command line (kg.cli)
    E501 = "{problem}"  # arguments that do not go together


class Warnings(metaclass=_WithCodes):
    """Warnings: problems a build reports and goes on (the input is read anyway)."""

    W110 = "{problem}"  # an input given twice (or twice through links): read once
    W111 = "{problem}"  # an input read with a remark: another encoding, a field ignored
    W112 = "{problem}"  # a file name that is not valid UTF-8
    W113 = "{problem}"  # a JSON file holding no record
    W114 = "{problem}"  # a web page's date that cannot be used


class DataFileError(FileNotFoundError):
    """A data file of the package (lexicon, ontology, table) is missing: a broken install."""


class DataTableError(ValueError):
    """A data table of the package (or one given in its place) cannot be read."""


def at(where: object, message: str) -> str:
    """``message`` (a coded one) located: ``file:line: [CODE] message``."""
    return f"{where}: {message}"


def one_line(exc: BaseException) -> str:
    """An exception as one short line for a report ("ValueError: bad value"; 300 characters
    at most): a document that cannot be read, a file that cannot be written.

    >>> one_line(ValueError("two\\nlines"))
    'ValueError: two lines'
    """
    return " ".join(f"{type(exc).__name__}: {exc}".split())[:300]


def code_of(error: BaseException | str) -> str | None:
    """The code (``E001``…) in an exception's message, or None when it has none."""
    m = _IN_TEXT.search(str(error))
    return m.group(1) if m else None


def all_codes() -> dict[str, str]:
    """Every code with its message template, errors then warnings (the README's list)."""
    out: dict[str, str] = {}
    for cls in (Errors, Warnings):
        for name in vars(cls):
            if _CODE.fullmatch(name):
                out[name] = type.__getattribute__(cls, name)
    return out
