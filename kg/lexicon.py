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

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
LEXICON_DIR = ONTOLOGY_DIR / "lexicon"


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
    kind: str = "other"          # intergovernmental | party | parliament | government | other
    country: str | None = None   # the country a national organisation belongs to

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Title:
    """A title head ("vice-ministre", "ambassadrice", "général de brigade")."""

    phrase: str
    category: str                 # office | military | reference | honorific
    feminine: bool = False


@dataclass(frozen=True)
class Trigger:
    """A phrase that announces an event of some kind ("conversation téléphonique" → PhoneCall)."""

    phrase: str
    kind: str                     # an event kind class name (kg.facts.EVENT_KINDS)
    contact: bool                 # does it bring officials together?
    lemma: bool                   # match on lemmas (verbs) rather than on the words as written
    weak: bool = False            # a contact only when it names officials of two countries
    joint: bool = False           # one contact of all its participants, never split in pairs

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
    kind: str                     # a relation kind (kg.facts.RELATION_KINDS)


@dataclass
class Lexicon:
    countries: dict[str, Country] = field(default_factory=dict)
    organizations: dict[str, Organization] = field(default_factory=dict)
    titles: list[Title] = field(default_factory=list)
    triggers: list[Trigger] = field(default_factory=list)
    relations: list[RelationPhrase] = field(default_factory=list)
    words: dict[str, frozenset[str]] = field(default_factory=dict)   # named word lists
    # territory → (state of the same name, the territory's sovereign): state_homonyms.tsv
    state_homonyms: dict[str, tuple[str, str]] = field(default_factory=dict)

    def word_list(self, name: str) -> frozenset[str]:
        return self.words.get(name, frozenset())

    def required_words(self, name: str) -> frozenset[str]:
        """The word list ``name`` (``ontology/lexicon/{name}.txt``); a missing one is an error."""
        if not self.words.get(name):
            raise FileNotFoundError(f"lexicon word list missing or empty: {LEXICON_DIR / (name + '.txt')}")
        return self.words[name]


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(x.strip() for x in (cell or "").split("|") if x.strip())


def read_table(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated table with a header line; ``#`` lines are comments.

    A malformed row (wrong number of cells) raises ``ValueError`` naming the file and line.
    """
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
                raise ValueError(f"{path}:{lineno}: {len(cells)} cells, the header has {len(header)}")
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


@lru_cache(maxsize=4)
def load_lexicon(directory: Path = LEXICON_DIR) -> Lexicon:
    """Read every table under ``directory`` (cached: the lexicons are read once per process)."""
    lex = Lexicon()
    path = directory / "countries.tsv"
    if path.exists():
        for r in read_table(path):
            iso = r["iso"].upper()
            lex.countries[iso] = Country(
                iso=iso, name=r["name"], wikidata=r.get("wikidata") or None,
                aliases=_split(r.get("aliases")), demonyms=_split(r.get("demonyms")),
                combining=_split(r.get("combining")), capitals=_split(r.get("capitals")))
    path = directory / "organizations.tsv"
    if path.exists():
        for r in read_table(path):
            lex.organizations[r["code"]] = Organization(
                code=r["code"], name=r["name"], wikidata=r.get("wikidata") or None,
                aliases=_split(r.get("aliases")), kind=r.get("kind") or "other",
                country=(r.get("country") or None))
    path = directory / "titles.tsv"
    if path.exists():
        lex.titles = [Title(r["phrase"], r["category"], _truthy(r.get("feminine")))
                      for r in read_table(path)]
    path = directory / "triggers.tsv"
    if path.exists():
        lex.triggers = [Trigger(r["phrase"], r["kind"],
                                _truthy(r.get("contact")) or r.get("contact") in ("weak", "joint"),
                                _truthy(r.get("lemma")), weak=r.get("contact") == "weak",
                                joint=r.get("contact") == "joint")
                        for r in read_table(path)]
    path = directory / "relations.tsv"
    if path.exists():
        lex.relations = [RelationPhrase(r["phrase"], r["kind"]) for r in read_table(path)]
    path = directory / "state_homonyms.tsv"
    if path.exists():
        lex.state_homonyms = {r["territory"].upper(): (r["state"].upper(), r["sovereign"].upper())
                              for r in read_table(path)}
    for path in sorted(directory.glob("*.txt")):
        lex.words[path.stem] = _read_words(path)
    return lex
