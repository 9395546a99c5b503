"""The events as PLOVER event data: ``events.plover.jsonl`` in every build.

PLOVER (Political Language Ontology for Verifiable Event Records, openeventdata/PLOVER) is
the event typology of the POLECAT / ICEWS-successor community. One JSON record per event
node of the merged graph whose kind has a PLOVER type (``ontology/lexicon/event_identity.tsv``,
the same alignment as the ontology's ``skos:closeMatch`` / ``skos:broadMatch`` to ``plover:``):

============  ==========  ============
kind          event_type  mode
============  ==========  ============
Talks         CONSULT     (none)
Meeting       CONSULT     (none)
Reception     CONSULT     host
PhoneCall     CONSULT     phone
VideoCall     CONSULT     phone
Visit         CONSULT     visit
Conference    CONSULT     multilateral
Signing       SUPPORT     (none)
Establishment SUPPORT     (none)
============  ==========  ============

Anniversaries and other events have no PLOVER type and no record. The event was merged
across articles before (:mod:`kg.events_identity`): one record per real event, with every
article in ``sources``. Fields (``ontology/plover.schema.json`` is the JSON Schema):

``id``             the event's IRI (stable: the same input gives the same id);
``date``           the start date as precise as the articles give it: ``YYYY-MM-DD``,
                   ``YYYY-MM``, ``YYYY`` or ``--MM-DD`` (a day whose year no article gives:
                   never an invented year); ``null`` when undated. ``date_resolution`` says
                   which (``day``, ``month``, ``year``, ``day-of-year-unknown``); ``end_date``;
``event_type``     the PLOVER event type; ``mode`` its PLOVER mode, or ``null``;
``context``        PLOVER contexts: ``["diplomatic"]`` (every event here is one);
``source_actor``,  the two sides, each a list (a compound actor: several officials of one
``target_actor``   country are one side, not several events): ``name``, ``country``
                   (ISO 3166-1 alpha-3, as PLOVER actors), ``country_iso2``, ``role``,
                   ``iri``. The side whose country code sorts first is the source (CONSULT
                   and SUPPORT between states are symmetric here: the articles' roles of
                   host and guest are not in the graph); a country of the event that no named
                   official stands for is an actor itself (an event with no named official has
                   its countries as actors; an official's visit has the country visited);
``location``       the place named, or ``null``;
``sources``        the articles: ``id``, ``url``, ``title``, ``published``;
``text``           the evidence sentences (joined by a line break), also as ``evidence``;
``bkg_kind``       the ontology's kind class (``Talks``…), ``bkg_country``: every country.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF

from kg.dates import parse_iso
from kg.events_identity import kind_table
from kg.namespaces import BKG, SCHEMA
from kg.resources import resource
from kg.graphstore import GraphStore
from kg.scan import Chunk, chunks, sorted_of_type

__all__ = ["SCHEMA_FILE", "plover_records", "iter_plover_records", "write_plover", "load_schema"]

SCHEMA_FILE = resource("ontology/plover.schema.json")
FILE_NAME = "events.plover.jsonl"


def load_schema() -> dict:
    """The JSON Schema of one record (a missing file is an error)."""
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=512)
def _alpha3(iso2: str) -> str | None:
    import pycountry

    c = pycountry.countries.get(alpha_2=iso2) if len(iso2) == 2 else None
    return c.alpha_3 if c is not None else None


def _first(graph: Chunk, s, p) -> str | None:
    values = sorted(str(o) for o in graph.objects(s, p))
    return values[0] if values else None


def _resolution(date: str | None) -> str | None:
    if date is None:
        return None
    try:
        year, month, day = parse_iso(date)
    except ValueError:
        return None
    if year is None:
        return "day-of-year-unknown"
    return "year" if month is None else "month" if day is None else "day"


def _name(graph: Chunk, node) -> str:
    """The longest spelling (most words, then letters; ties alphabetical)."""
    names = {str(n) for n in graph.objects(node, SCHEMA.name)}
    if not names:
        return str(node).rsplit("/", 1)[-1]
    return min(names, key=lambda n: (-len(n.split()), -len(n), n))


def _country_code(graph: Chunk, party) -> str | None:
    return _first(graph, party, BKG.isoCode) or _first(graph, party, BKG.code)


def _actor(graph: Chunk, person, iso2: str | None) -> dict:
    return {
        "name": _name(graph, person),
        "country": _alpha3(iso2) if iso2 else None,
        "country_iso2": iso2,
        "role": _first(graph, person, SCHEMA.jobTitle),
        "iri": str(person),
    }


def _sides(graph: Chunk, event) -> tuple[list[dict], list[dict]]:
    people = sorted(graph.objects(event, BKG.participant), key=str)
    by_country: dict[str, list[dict]] = {}
    for p in people:
        nat = next(iter(sorted(graph.objects(p, SCHEMA.nationality), key=str)), None)
        iso2 = _country_code(graph, nat) if nat is not None else None
        by_country.setdefault(iso2 or "", []).append(_actor(graph, p, iso2))
    # the event's countries no named official stands for are actors themselves (an
    # official's visit to a country: the country is the other side)
    for c in sorted(graph.objects(event, BKG.country), key=str):
        iso2 = _country_code(graph, c)
        if (iso2 or "") not in by_country and (not people or len(by_country) < 2):
            by_country[iso2 or ""] = [
                {
                    "name": _name(graph, c),
                    "country": _alpha3(iso2) if iso2 else None,
                    "country_iso2": iso2,
                    "role": None,
                    "iri": str(c),
                }
            ]
    keys = sorted(by_country, key=lambda k: (k == "", k))
    if not keys:
        return [], []
    if len(keys) == 1:  # one country only: split its officials, if two
        only = by_country[keys[0]]
        return only[:1], only[1:]
    return by_country[keys[0]], [a for k in keys[1:] for a in by_country[k]]


def _article(graph: Chunk, art) -> dict:
    return {
        "id": _first(graph, art, DCTERMS.identifier),
        "url": _first(graph, art, SCHEMA.url),
        "title": _first(graph, art, DCTERMS.title),
        "published": _first(graph, art, SCHEMA.datePublished),
    }


# what a record reads: of its event, of the people and countries it names, of its articles
_EVENT_READ = (
    RDF.type,
    SCHEMA.startDate,
    SCHEMA.endDate,
    SCHEMA.location,
    BKG.participant,
    BKG.country,
    PROV.wasDerivedFrom,
    BKG.evidence,
)
_PERSON_READ = (SCHEMA.name, SCHEMA.nationality, SCHEMA.jobTitle)
_COUNTRY_READ = (BKG.isoCode, BKG.code, SCHEMA.name)
_ARTICLE_READ = (DCTERMS.identifier, SCHEMA.url, DCTERMS.title, SCHEMA.datePublished)


def plover_records(merged: Graph | GraphStore) -> list[dict]:
    """One PLOVER record per event of ``merged`` with a PLOVER type, sorted by id."""
    return list(iter_plover_records(merged))


def iter_plover_records(merged: Graph | GraphStore) -> Iterator[dict]:
    """The records of :func:`plover_records`, made as they are read: the events in IRI
    order, a chunk at a time (:class:`kg.scan.Chunk`), so only a chunk is held. An event
    of several kinds with a PLOVER type has the record of the first in name order."""
    kinds = [(BKG[k], k, row) for k, row in sorted(kind_table().items()) if row.plover_type]
    for events in chunks(sorted_of_type(merged, BKG.Event)):
        graph = Chunk(merged).load(events, _EVENT_READ)
        people = graph.linked(events, (BKG.participant,))
        graph.load(people, _PERSON_READ)
        places = graph.linked(events, (BKG.country,)) + graph.linked(people, (SCHEMA.nationality,))
        graph.load(places, _COUNTRY_READ)
        graph.load(graph.linked(events, (PROV.wasDerivedFrom,)), _ARTICLE_READ)
        for event in events:
            types = graph.objects(event, RDF.type)
            kind = next(((k, row) for cls, k, row in kinds if cls in types), None)
            if kind is not None and isinstance(event, URIRef):
                yield _record(graph, event, *kind)


def _record(graph: Chunk, event: URIRef, kind: str, row) -> dict:
    """The record of ``event``, of kind ``kind`` (its row of the kind table)."""
    date = _first(graph, event, SCHEMA.startDate)
    source, target = _sides(graph, event)
    evidence = sorted({str(o) for o in graph.objects(event, BKG.evidence)})
    countries = sorted(
        c for c in (_country_code(graph, x) for x in graph.objects(event, BKG.country)) if c
    )
    return {
        "id": str(event),
        "date": date,
        "date_resolution": _resolution(date),
        "end_date": _first(graph, event, SCHEMA.endDate),
        "event_type": row.plover_type,
        "mode": row.plover_mode or None,
        "context": ["diplomatic"],
        "source_actor": source,
        "target_actor": target,
        "location": _first(graph, event, SCHEMA.location),
        "sources": sorted(
            (_article(graph, a) for a in graph.objects(event, PROV.wasDerivedFrom)),
            key=lambda a: (a["id"] or "", a["url"] or ""),
        ),
        "text": "\n".join(evidence),
        "evidence": evidence,
        "bkg_kind": kind,
        "bkg_country": countries,
    }


def write_plover(graph: Graph | GraphStore, folder: Path) -> Path:
    """Write ``events.plover.jsonl`` (one record a line, keys sorted) into ``folder``."""
    path = Path(folder) / FILE_NAME
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for rec in iter_plover_records(graph):
            fh.write(json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n")
    return path
