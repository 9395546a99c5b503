"""The home country of a document: the country of the outlet that published it.

An official named without a country cue ("le Président de la République a reçu …") serves
the country of the outlet that writes about him: Algeria's in an Algerian daily, Switzerland's
in a Swiss one. Nothing assumes a country: the home is decided from evidence, in this order,
and when nothing decides it there is none (an official without a cue then gets no country
rather than a guess):

1. the record's own ``country`` field (``Document.country``);
2. the URL's host: a table of outlets (``ontology/lexicon/outlets.tsv``; an aggregator's row
   decides nothing), else the host's country-code domain (``.dz``, ``.gov.tr``), except the
   codes sold as generic names (``generic_tlds.txt``);
3. the agency credit of a dateline or a credit line ("ALGER, 12 mars (APS) –", "/CNW/",
   "Xinhua |", "Bakou, 26 janvier, AZERTAC"): agencies are data (``agencies.tsv``); a credit
   two agencies share is decided by the dateline's place, or not at all;
4. the document's own text: a headline opening on a country ("Madagascar : …"), an outlet's
   city in parentheses on a credit line ("L'Express de Madagascar (Antananarivo)"), a
   dateline's capital ("Niamey, 14 janvier 2026 —").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from kg.facts import Document
from kg.errors import DataFileError, Errors, at
from kg.lexicon import LEXICON_DIR, Lexicon, read_table
from kg.text import fold

# how far into a document its dateline and credits are looked for (characters)
HEAD_CHARS = 600


@dataclass(frozen=True)
class HomeTables:
    """The data the home country is decided from."""

    outlets: dict[str, str | None]  # registered domain → country (None: decides nothing)
    agencies: dict[str, frozenset[str]]  # credit → the countries of the agencies using it
    generic_tlds: frozenset[str]
    cctlds: dict[str, str]  # country-code domain → ISO code
    places: dict[str, str]  # folded country name or capital → ISO code


def _required(directory: Path, name: str) -> Path:
    path = directory / name
    if not path.is_file():
        raise DataFileError(at(path, Errors.E001))
    return path


def home_tables(lex: Lexicon) -> HomeTables:
    """The outlet, agency and domain tables with ``lex``'s countries (read once per process)."""
    return _tables(
        LEXICON_DIR, tuple(sorted((iso, c.names + c.capitals) for iso, c in lex.countries.items()))
    )


@lru_cache(maxsize=4)
def _tables(directory: Path, countries: tuple[tuple[str, tuple[str, ...]], ...]) -> HomeTables:
    """Read the outlet, agency and domain tables (a missing one is an error, never empty)."""
    outlets = {
        r["domain"].lower(): (r.get("country") or "").upper() or None
        for r in read_table(_required(directory, "outlets.tsv"))
    }
    agencies: dict[str, set[str]] = {}
    for r in read_table(_required(directory, "agencies.tsv")):
        agencies.setdefault(r["credit"], set()).add(r["country"].upper())
    generic = frozenset(
        line.split("#", 1)[0].strip().lower()
        for line in _required(directory, "generic_tlds.txt")
        .read_text(encoding="utf-8")
        .splitlines()
        if line.split("#", 1)[0].strip()
    )
    cctlds = {iso.lower(): iso for iso, _ in countries}
    cctlds["uk"] = "GB"
    places: dict[str, str] = {}
    for iso, names in countries:
        for name in names:
            places.setdefault(fold(name), iso)
    return HomeTables(
        outlets, {k: frozenset(v) for k, v in agencies.items()}, generic, cctlds, places
    )


# -- rule 2: the URL's host ----------------------------------------------------------------


def host_country(url: str | None, tables: HomeTables) -> str | None:
    """The country of a URL's host: its outlet's row (an aggregator's gives none), else its
    country-code domain (not one sold as a generic name)."""
    if not url:
        return None
    try:
        host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").lower().rstrip(".")
    except ValueError:
        return None
    labels = host.split(".") if host else []
    for k in range(len(labels) - 1):
        domain = ".".join(labels[k:])
        if domain in tables.outlets:
            return tables.outlets[domain]
    tld = labels[-1] if labels else ""
    if tld in tables.generic_tlds:
        return None
    return tables.cctlds.get(tld)


# -- rule 3: agency credits ------------------------------------------------------------------

_PAREN = re.compile(r"[(/]\s*([A-Za-z][\w\-]{1,14})\s*[)/]")
_BAR = re.compile(r"(?m)^\s*([A-Za-z][\w\-]{1,14})\s*\|")
_LINE_END = re.compile(r"(?m),\s*([A-Z][\w\-]{1,14})\s*$")
_DATELINE_PLACE = re.compile(r"(?m)^\s*([A-ZÀ-Ý][\w'’\- ]{1,28}?)\s*(?:,|\(|/|\s[–—-]\s)")


def dateline_place(head: str, tables: HomeTables) -> str | None:
    """The country of the place opening a paragraph of ``head`` ("ALGER, 12 mars …")."""
    for m in _DATELINE_PLACE.finditer(head):
        code = tables.places.get(fold(m.group(1)).strip())
        if code:
            return code
    return None


def agency_country(head: str, tables: HomeTables) -> str | None:
    """The country of an agency credit in ``head``; a shared credit needs the dateline."""
    found: list[frozenset[str]] = []
    for pattern in (_PAREN, _BAR, _LINE_END):
        for m in pattern.finditer(head):
            countries = tables.agencies.get(m.group(1))
            if countries:
                found.append(countries)
    for countries in found:
        if len(countries) == 1:
            return next(iter(countries))
    place = dateline_place(head, tables)
    for countries in found:
        if place in countries:
            return place
    return None


# -- rule 4: the text ------------------------------------------------------------------------

_HEADLINE_COUNTRY = re.compile(r"^\s*([^\W\d_][\w'’\- ]{1,40}?)\s*:")
_CREDIT_CITY = re.compile(r"(?m)^[^\n()]{2,60}\(([^\W\d_][\w'’\- ]{1,30})\)\s*$")


# "ambassadeur … près la République gabonaise", "accrédité auprès du Niger"
_ACCREDITED = re.compile(
    r"\b(?:près|auprès)\s+(?:de\s+la|de\s+l['’]|du|des|de|la|le|l['’])\s*"
    r"([^\W\d_][\w'’\-]*(?:\s+[^\W\d_][\w'’\-]*){0,5})"
)


def accredited_country(text: str, tables: HomeTables) -> str | None:
    """The one country the text's ambassadors are accredited to ("près la République
    gabonaise"): the country they are received in. None when two countries are named so."""
    found = set()
    if "près" not in text:  # in both words the pattern opens on: most texts have neither
        return None
    for m in _ACCREDITED.finditer(text):
        words = m.group(1).split()
        for k in range(len(words), 0, -1):
            code = tables.places.get(fold(" ".join(words[:k])))
            if code:
                found.add(code)
                break
    return found.pop() if len(found) == 1 else None


def text_country(document: Document, tables: HomeTables) -> str | None:
    """A headline opening on a country name, an outlet's city on a credit line, a dateline,
    the country ambassadors are accredited to."""
    m = _HEADLINE_COUNTRY.match(document.title or "")
    if m:
        code = tables.places.get(fold(m.group(1)).strip())
        if code:
            return code
    head = document.text[:HEAD_CHARS]
    for m in _CREDIT_CITY.finditer(head):
        code = tables.places.get(fold(m.group(1)).strip())
        if code:
            return code
    return dateline_place(head, tables) or accredited_country(document.text, tables)


def home_country(document: Document, lex: Lexicon, default: str | None = None) -> str | None:
    """The home country of ``document`` by the rules of this module; ``default`` when none
    decides (``kg build --home-country``), else None."""
    return decided_home(document, lex) or default


def decided_home(document: Document, lex: Lexicon) -> str | None:
    """The home country the document's own evidence decides, or None."""
    return _decided_home(document, home_tables(lex))


def _decided_home(document: Document, tables: HomeTables) -> str | None:
    if document.country:
        return document.country
    head = document.text[:HEAD_CHARS]
    return (
        host_country(document.url, tables)
        or agency_country(head, tables)
        or text_country(document, tables)
    )


def settle_homes(
    documents: list[Document], lex: Lexicon, default: str | None = None
) -> list[Document]:
    """``documents`` with ``country`` set where their evidence decides it: their own, else the
    page's (a teaser "{id}#N" after "Voir plus" is published by the outlet of the page's main
    article ``{id}``), else ``default``. A document whose home stays undecided is unchanged."""
    tables = home_tables(lex)  # its cache key is every country's names: made once, not per document
    own = {d.identifier: _decided_home(d, tables) for d in documents}
    out = []
    for d in documents:
        home = own[d.identifier]
        if home is None and "#" in d.identifier:
            home = own.get(d.identifier.rsplit("#", 1)[0])
        home = home or default
        out.append(replace(d, country=home) if home and home != d.country else d)
    return out


__all__ = [
    "settle_homes",
    "HomeTables",
    "agency_country",
    "dateline_place",
    "decided_home",
    "home_country",
    "home_tables",
    "host_country",
    "text_country",
]
