"""The French lexicons under ``ontology/lexicon/`` read into plain Python tables.

Domain knowledge is data: countries (names, demonyms, capitals), organisations, titles,
event triggers and relation phrases are small tab-separated tables a linguist can edit. This
module only reads them; ``kg.nlp`` turns them into spaCy patterns.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.errors import DataFileError, DataTableError, Errors, at
from kg.resources import resource

ONTOLOGY_DIR = resource("ontology")
LEXICON_DIR = resource("ontology/lexicon")


@dataclass(frozen=True)
class Country:
    iso: str
    name: str
    wikidata: str | None
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    combining: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Organization:
    code: str
    name: str
    wikidata: str | None
    aliases: tuple[str, ...] = ()
    kind: str = "other"  # intergovernmental | party | parliament | government | other
    country: str | None = None  # the country a national organisation belongs to

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Title:
    """A title head ("vice-ministre", "ambassadrice", "général de brigade")."""

    phrase: str
    category: str  # office | military | reference | honorific
    feminine: bool = False


@dataclass(frozen=True)
class Trigger:
    """A phrase that announces an event of some kind ("conversation téléphonique" → PhoneCall)."""

    phrase: str
    kind: str  # an event kind class name (kg.kinds.EVENT_KINDS)
    contact: bool  # does it bring officials together?
    lemma: bool  # match on lemmas (verbs) rather than on the words as written
    weak: bool = False  # a contact only when it names officials of two countries
    joint: bool = False  # one contact of all its participants, never split in pairs

    @property
    def mode(self) -> str:
        """One of TRIGGER_MODES: how the phrase brings officials together."""
        if self.joint:
            return "joint"
        if self.weak:
            return "weak"
        return "contact" if self.contact else "event"


# contact: the named officials met; weak: only when officials of two countries are named
# ("présider"); joint: all met at once (a three-way summit is one meeting); event: no contact
TRIGGER_MODES = ("contact", "weak", "joint", "event")


@dataclass(frozen=True)
class RelationPhrase:
    phrase: str
    kind: str  # a relation kind (kg.kinds.RELATION_KINDS)


@dataclass
class Lexicon:
    countries: dict[str, Country] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)
    titles: list[Title] = field(default_factory=list)
    triggers: list[Trigger] = field(default_factory=list)
    relations: list[RelationPhrase] = field(default_factory=list)
    words: dict[str, frozenset[str]] = field(default_factory=dict)  # named word lists
    # territory → (state of the same name, the territory's sovereign): state_homonyms.tsv
    state_homonyms: dict[str, tuple[str, str]] = field(default_factory=dict)

    def word_list(self, name: str) -> frozenset[str]:
        return self.words.get(name, frozenset())

    def required_words(self, name: str) -> frozenset[str]:
        """The word list ``name`` (``ontology/lexicon/{name}.txt``); a missing one is an error."""
        if not self.words.get(name):
            raise DataFileError(
                at(
                    LEXICON_DIR / f"{name}.txt",
                    Errors.E004.format(problem="word list missing or empty"),
                )
            )
        return self.words[name]


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(x.strip() for x in (cell or "").split("|") if x.strip())


def read_table(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated table with a header line; ``#`` lines are comments.

    A malformed row (wrong number of cells) raises :class:`kg.errors.DataTableError`
    (E002, a ``ValueError``) naming the file and line; a missing file, ``DataFileError`` (E001).
    """
    if not path.is_file():
        raise DataFileError(at(path, Errors.E001))
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    with path.open(encoding="utf-8", newline="") as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
            if header is None:
                header = [c.strip() for c in cells]
                continue
            if len(cells) > len(header):
                raise DataTableError(
                    at(
                        f"{path}:{lineno}",
                        Errors.E002.format(
                            problem=f"{len(cells)} cells, the header has {len(header)}"
                        ),
                    )
                )
            cells += [""] * (len(header) - len(cells))
            rows.append(dict(zip(header, (c.strip() for c in cells))))
    return rows


def _read_words(path: Path) -> frozenset[str]:
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.add(line)
    return frozenset(out)


def _truthy(cell: str | None) -> bool:
    return (cell or "").strip().lower() in {"1", "yes", "true", "oui", "y"}


# the tables every lexicon has: a missing one is an error (E001), never an empty table
TABLES = (
    "countries.tsv",
    "organizations.tsv",
    "titles.tsv",
    "triggers.tsv",
    "relations.tsv",
    "state_homonyms.tsv",
)


def _required_columns(path: Path, rows: list[dict[str, str]], *columns: str) -> None:
    """Every row of the table at ``path`` has ``columns`` filled (else E002)."""
    for number, row in enumerate(rows, 1):
        for column in columns:
            if not row.get(column):
                raise DataTableError(
                    at(path, Errors.E002.format(problem=f"row {number} has no {column!r} cell"))
                )


def _trigger(r: dict[str, str]) -> Trigger:
    contact = r.get("contact")
    return Trigger(
        r["phrase"],
        r["kind"],
        _truthy(contact) or contact in ("weak", "joint"),
        _truthy(r.get("lemma")),
        weak=contact == "weak",
        joint=contact == "joint",
    )


@lru_cache(maxsize=4)
def load_lexicon(directory: Path = LEXICON_DIR) -> Lexicon:
    """Read every table under ``directory`` (cached: the lexicons are read once per process).

    A missing table is :class:`kg.errors.DataFileError` (E001); a malformed one,
    :class:`kg.errors.DataTableError` (E002).
    """
    lex = Lexicon()
    tables = {}
    for name in TABLES:
        tables[name] = read_table(directory / name)
    for name, columns in (
        ("countries.tsv", ("iso", "name")),
        ("organizations.tsv", ("code", "name")),
        ("titles.tsv", ("phrase", "category")),
        ("triggers.tsv", ("phrase", "kind")),
        ("relations.tsv", ("phrase", "kind")),
        ("state_homonyms.tsv", ("territory", "state", "sovereign")),
    ):
        _required_columns(directory / name, tables[name], *columns)
    for r in tables["countries.tsv"]:
        iso = r["iso"].upper()
        lex.countries[iso] = Country(
            iso=iso,
            name=r["name"],
            wikidata=r.get("wikidata") or None,
            aliases=_split(r.get("aliases")),
            demonyms=_split(r.get("demonyms")),
            combining=_split(r.get("combining")),
            capitals=_split(r.get("capitals")),
        )
    for r in tables["organizations.tsv"]:
        lex.organizations[r["code"]] = Organization(
            code=r["code"],
            name=r["name"],
            wikidata=r.get("wikidata") or None,
            aliases=_split(r.get("aliases")),
            kind=r.get("kind") or "other",
            country=(r.get("country") or None),
        )
    lex.titles = [
        Title(r["phrase"], r["category"], _truthy(r.get("feminine"))) for r in tables["titles.tsv"]
    ]
    lex.triggers = [_trigger(r) for r in tables["triggers.tsv"]]
    lex.relations = [RelationPhrase(r["phrase"], r["kind"]) for r in tables["relations.tsv"]]
    lex.state_homonyms = {
        r["territory"].upper(): (r["state"].upper(), r["sovereign"].upper())
        for r in tables["state_homonyms.tsv"]
    }
    for path in sorted(directory.glob("*.txt")):
        lex.words[path.stem] = _read_words(path)
    return lex
