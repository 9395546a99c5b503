"""The records the pipeline steps hand each other.

Plain dataclasses, no RDF: ``ingest`` makes :class:`Document`, ``extract`` makes
:class:`Official`, :class:`Event` and :class:`Relation` (each with its :class:`Evidence`),
``resolve`` gives them identities, and only ``graph`` turns them into triples.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from kg.dates import parse_iso

PartKind = Literal["title", "body", "caption", "dateline", "trailer", "noise", "duplicate"]


@dataclass(frozen=True)
class Part:
    """A stretch of a document's text and what it is (story body, photo caption, ...)."""

    kind: PartKind
    start: int
    end: int


@dataclass(frozen=True)
class Document:
    """One article: a JSON record, a ``.txt`` page's main story, or one teaser of a page.

    ``text`` is the document's own text; ``parts`` tile it. ``offset`` is where ``text``
    starts in the source file's decoded text (0 for records), so evidence offsets can be
    given both in the article and in the file.
    """

    identifier: str  # dcterms:identifier ("000_db81…", "000_db81…#2", record id)
    source_file: str  # base name of the input file
    title: str
    text: str
    parts: tuple[Part, ...] = ()
    url: str | None = None
    published: str | None = None  # ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD
    place: str | None = None  # from a dateline ("Hanoï (VNA) –")
    offset: int = 0
    line: int | None = None  # line of the record in a .jsonl file
    country: str | None = None  # ISO code of the outlet's country, when the input states it
    default_id: bool = False  # the identifier was made from the file's name (no "id")
    site: str | None = None  # the site's name (schema:publisher): a web page's, or "site"

    def part_at(self, char: int) -> Part | None:
        for p in self.parts:
            if p.start <= char < p.end:
                return p
        return None


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date as precise as the text makes it: year, month and day may be unknown.

    ``str()`` gives the lexical form of the matching XSD type: ``2025-02-17`` (xsd:date),
    ``2025-02`` (xsd:gYearMonth), ``2025`` (xsd:gYear), ``--02-17`` (xsd:gMonthDay).
    """

    year: int | None = None
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.year is None and self.month is None:
            raise ValueError("a date needs at least a year or a month")
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.year is None and self.day is None:
            raise ValueError("a month alone is not a date")

    @property
    def xsd_type(self) -> str:
        if self.year is None:
            return "gMonthDay"
        if self.month is None:
            return "gYear"
        if self.day is None:
            return "gYearMonth"
        return "date"

    def __str__(self) -> str:
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}"
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @classmethod
    def parse(cls, value: str) -> "PartialDate":
        """Read an ISO/XSD lexical form back (``2025``, ``2025-02``, ``2025-02-17``, ``--02-17``)."""
        return cls(*parse_iso(value))


@dataclass(frozen=True)
class Evidence:
    """Where a fact was read: the article, the sentence, and its character offsets in the article."""

    document: str  # Document.identifier
    sentence: str
    start: int  # offsets into Document.text
    end: int


@dataclass
class Official:
    """A named person with a public role, as read in one document (before resolution)."""

    name: str
    roles: list[str] = field(default_factory=list)
    country: str | None = None  # ISO code or organisation code ("UN", "EU")
    names: list[str] = field(default_factory=list)  # every spelling as written (incl. name)
    evidence: list[Evidence] = field(default_factory=list)
    key: str | None = None  # set by resolve: the identity slug
    wikidata: str | None = None  # set by resolve: the office holder's QID (kg.link)

    @property
    def document(self) -> str:
        return self.evidence[0].document


@dataclass
class Event:
    """A dated or undated happening; contact kinds carry participants."""

    kind: str  # one of kg.kinds.EVENT_KINDS
    participants: list[Official] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)  # ISO / organisation codes
    start: PartialDate | None = None
    end: PartialDate | None = None
    place: str | None = None
    label: str | None = None  # short French description ("visite d'État")
    evidence: list[Evidence] = field(default_factory=list)
    key: str | None = None


@dataclass
class Relation:
    """A relation of one kind between two parties (countries or organisations)."""

    kind: str  # one of kg.kinds.RELATION_KINDS
    parties: tuple[str, str] = ("", "")  # codes, sorted
    since: PartialDate | None = None
    label: str | None = None  # the phrase as written
    evidence: list[Evidence] = field(default_factory=list)
    key: str | None = None


@dataclass
class Extraction:
    """Everything read from one document."""

    document: Document
    officials: list[Official] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)  # organisation codes named


@dataclass(frozen=True)
class InputProblem:
    """An input that could not be used, reported as ``file:line: [code] message``
    (the codes: :mod:`kg.errors`).

    >>> str(InputProblem("a.jsonl", 3, 'record has no "text"', "E113"))
    'a.jsonl:3: [E113] record has no "text"'
    """

    path: str
    line: int | None
    message: str
    code: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: [{self.code}] {self.message}" if self.code else f"{where}: {self.message}"
