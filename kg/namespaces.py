"""The graph's namespaces (CONTRACT.md) and how resources are named.

Every IRI the builder mints comes from here, so naming is one decision in one place.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import quote

from rdflib import Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

BKG = Namespace("https://w3id.org/bilateral-kg/ontology#")
BKGR = Namespace("https://w3id.org/bilateral-kg/resource/")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")
ONTOLOGY_IRI = "https://w3id.org/bilateral-kg/ontology"

PREFIXES = {
    "bkg": BKG, "bkgr": BKGR, "schema": SCHEMA, "prov": PROV, "skos": SKOS,
    "dcterms": DCTERMS, "owl": OWL, "xsd": XSD, "rdf": RDF, "rdfs": RDFS, "wd": WD,
}

__all__ = ["BKG", "BKGR", "SCHEMA", "WD", "PREFIXES", "ONTOLOGY_IRI", "fold", "slug",
           "official_iri", "country_iri", "organization_iri", "article_iri",
           "article_path", "stable_hash", "event_iri", "relation_iri", "mention_iri"]


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case, diacritic-free form of ``text`` ("Tô Lâm" → "to lam"; "Đ" → "d").

    Remembered (the extractor folds the same names and titles again and again).

    >>> fold("Nguyên Văn Nghĩa")
    'nguyen van nghia'
    """
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def slug(text: str) -> str:
    """A readable IRI segment: diacritic-free, lower case, words joined by '-'.

    >>> slug("Tô Lâm"), slug("Abakirov  Meder")
    ('to-lam', 'abakirov-meder')
    """
    s = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return s or "x"


def official_iri(key: str):
    return BKGR[f"official/{key}"]


def country_iri(iso: str):
    return BKGR[f"country/{iso}"]


def organization_iri(code: str):
    return BKGR[f"organization/{quote(code, safe='', errors='surrogatepass')}"]


def article_iri(identifier: str):
    """``000_db81…#2`` → ``bkgr:article/000_db81…/2``.

    Every character but ``A-Z a-z 0-9 - _ . ~`` is percent-encoded (a ``/`` of the identifier
    too, and a lone surrogate as its code units), only ``#`` becomes ``/``, and a ``.`` or
    ``..`` segment is encoded: two identifiers never share an IRI, and no reader normalises
    one into another.
    """
    path = quote(identifier, safe="#-_.~", errors="surrogatepass")
    return BKGR["article/" + "/".join(_DOTS.get(seg, seg) for seg in path.split("#"))]


_DOTS = {".": "%2E", "..": "%2E%2E"}


# --- resources minted by kg.graph (events, relations, evidence mentions) -------------------

def article_path(identifier: str) -> str:
    """The IRI path segment of an article (``000_db81…#2`` → ``000_db81…/2``)."""
    return str(article_iri(identifier))[len(str(BKGR)) + len("article/"):]


def stable_hash(text: str, length: int = 12) -> str:
    """A short hash of ``text`` that is the same on every run and machine (not ``hash()``)."""
    import hashlib
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:length]


def event_iri(kind: str, start, key: str):
    """``bkgr:event/{kind lower}/{start or 'undated'}/{hash of the identity key}``."""
    when = quote(str(start), safe="-") if start is not None else "undated"
    return BKGR[f"event/{kind.lower()}/{when}/{stable_hash(key)}"]


def relation_iri(a: str, b: str, kind: str):
    """``bkgr:relation/{A}-{B}/{Kind}`` with the party codes in sorted order."""
    a, b = sorted((a, b))
    a, b, kind = (quote(x, safe="", errors="surrogatepass") for x in (a, b, kind))
    return BKGR[f"relation/{a}-{b}/{kind}"]


def mention_iri(identifier: str, start: int, end: int):
    """``bkgr:mention/{article path}/{start}-{end}``: one span of one article."""
    return BKGR[f"mention/{article_path(identifier)}/{int(start)}-{int(end)}"]
