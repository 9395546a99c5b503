"""The graph's namespaces (CONTRACT.md) and how resources are named.

Every IRI the builder mints comes from here, so naming is one decision in one place.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace
from rdflib.namespace import DefinedNamespaceMeta

from kg.resources import resource
from kg.text import fold, slug, stable_hash

BKG_IRI = "https://w3id.org/bilateral-kg/ontology#"


def _ontology_terms() -> dict[str, type]:
    """Every ``bkg:`` term the ontology (``ontology/bilateral.ttl``) declares or uses."""
    text = resource("ontology/bilateral.ttl").read_text(encoding="utf-8")
    return {t: URIRef for t in sorted(set(re.findall(r"\bbkg:([A-Za-z_][A-Za-z0-9_]*)", text)))}


# The project's vocabulary: exactly the terms of the ontology. A term it does not have
# (``BKG.Offical``, ``BKG["Vist"]``) raises AttributeError instead of minting a wrong IRI;
# adding a term is an edit of ontology/bilateral.ttl.
BKG = DefinedNamespaceMeta(
    "BKG",
    (DefinedNamespace,),
    {
        "__module__": __name__,
        "__annotations__": _ontology_terms(),
        "_NS": Namespace(BKG_IRI),
        "_fail": True,
        "_warn": False,
    },
)


class SCHEMA(DefinedNamespace):
    """The schema.org terms the graph uses (CONTRACT.md); another one raises."""

    _NS = Namespace("https://schema.org/")
    _fail = True
    _warn = False

    Country: URIRef
    Event: URIRef
    NewsArticle: URIRef
    Organization: URIRef
    Person: URIRef
    attendee: URIRef
    datePublished: URIRef
    endDate: URIRef
    jobTitle: URIRef
    location: URIRef
    name: URIRef
    nationality: URIRef
    publisher: URIRef  # an article's site name (an extension of CONTRACT.md)
    startDate: URIRef
    url: URIRef


BKGR = Namespace("https://w3id.org/bilateral-kg/resource/")
WD = Namespace("http://www.wikidata.org/entity/")
ONTOLOGY_IRI = "https://w3id.org/bilateral-kg/ontology"

PREFIXES = {
    "bkg": Namespace(BKG_IRI),
    "bkgr": BKGR,
    "schema": Namespace("https://schema.org/"),
    "prov": PROV,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "owl": OWL,
    "xsd": XSD,
    "rdf": RDF,
    "rdfs": RDFS,
    "wd": WD,
}

__all__ = [
    "BKG",
    "BKGR",
    "SCHEMA",
    "WD",
    "PREFIXES",
    "ONTOLOGY_IRI",
    "fold",
    "slug",
    "official_iri",
    "country_iri",
    "organization_iri",
    "article_iri",
    "article_path",
    "stable_hash",
    "event_iri",
    "relation_iri",
    "mention_iri",
]


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
    return str(article_iri(identifier))[len(str(BKGR)) + len("article/") :]


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
