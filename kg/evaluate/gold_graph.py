"""Gold → graph: gold files written as a graph in the contract's vocabulary (a perfect build of
the gold, which scores F1 = 1.0 against it).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from kg.dates import parse_iso
from kg.errors import Errors
from kg.evaluate.gold import load_gold
from kg.evaluate.names import names_match
from kg.evaluate.vocab import EVENT_CLASSES, MEETING_CLASSES, RELATION_KINDS, reserved_codes
from kg.namespaces import (
    BKG,
    BKGR,
    PREFIXES,
    SCHEMA,
    article_iri,
    country_iri,
    official_iri,
    organization_iri,
    slug,
)


def date_literal(value: str) -> Literal:
    """A gold date as a typed literal: xsd:date, xsd:gYearMonth, xsd:gYear or xsd:gMonthDay.

    >>> date_literal("--02-17").datatype == XSD.gMonthDay
    True
    """
    try:
        year, month, day = parse_iso(value)
    except ValueError:
        year = month = None
    if value == value.strip() and (year, month) != (None, None):
        if year is None:
            datatype = XSD.gMonthDay
        else:
            datatype = XSD.gYear if month is None else XSD.gYearMonth if day is None else XSD.date
        return Literal(value, datatype=datatype)
    raise ValueError(Errors.E406.format(problem=f"not a date form the contract allows: {value!r}"))


def party_iri(graph: Graph, code: str) -> URIRef:
    """The node of a country (``bkg:isoCode``) or an organisation (``bkg:code``)."""
    if len(code) != 2 or code in reserved_codes():
        node = organization_iri(code)
        graph.add((node, RDF.type, BKG.Organization))
        graph.add((node, BKG.code, Literal(code)))
    else:
        node = country_iri(code)
        graph.add((node, RDF.type, BKG.Country))
        graph.add((node, BKG.isoCode, Literal(code)))
    return node


@dataclass
class _GoldPerson:
    iri: URIRef
    names: list[str]
    articles: set[str]


class _GoldGraphWriter:
    """Writes gold files into one graph; a person named in several articles is one node."""

    def __init__(self) -> None:
        self.graph = Graph()
        for prefix, ns in PREFIXES.items():
            self.graph.bind(prefix, ns)
        self.people: list[_GoldPerson] = []

    def add_article(self, path: Path, data: dict[str, Any]) -> None:
        g, ident = self.graph, data["id"]
        article = article_iri(ident)
        g.add((article, RDF.type, BKG.Article))
        g.add((article, DCTERMS.identifier, Literal(ident)))
        g.add((article, DCTERMS.title, Literal(f"gold {ident}")))
        g.add((article, BKG.sourceFile, Literal(path.name)))
        if data.get("source_url"):
            g.add((article, SCHEMA.url, URIRef(data["source_url"])))
        if data.get("published"):
            g.add((article, SCHEMA.datePublished, date_literal(data["published"])))
        local: dict[str, tuple[URIRef, str | None]] = {}
        for o in data["officials"]:
            local[o["name"]] = (self._official(article, ident, o), o.get("country"))
        meetings = self._meetings(article, ident, data["meetings"], local)
        self._dated_events(article, ident, data["dated_events"], meetings)
        for r in data["relations"]:
            self._relation(article, r)

    def _official(self, article: URIRef, ident: str, o: dict[str, Any]) -> URIRef:
        g, name = self.graph, o["name"]
        person = next(
            (
                p
                for p in self.people
                if ident not in p.articles and names_match(tuple(p.names), name)
            ),
            None,
        )
        if person is None:
            iri = official_iri(slug(name))
            while any(p.iri == iri for p in self.people):
                iri = URIRef(iri + "-x")
            person = _GoldPerson(iri, [], set())
            self.people.append(person)
            g.add((iri, RDF.type, BKG.Official))
            if o.get("country"):
                g.add((iri, SCHEMA.nationality, party_iri(g, o["country"])))
        person.articles.add(ident)
        if name not in person.names:
            person.names.append(name)
        g.add((person.iri, SCHEMA.name, Literal(name)))
        if o.get("role"):
            g.add((person.iri, SCHEMA.jobTitle, Literal(o["role"], lang="fr")))
        g.add((person.iri, PROV.wasDerivedFrom, article))
        return person.iri

    def _participant(
        self, article: URIRef, name: str, local: dict[str, tuple[URIRef, str | None]]
    ) -> tuple[URIRef, str | None]:
        if name in local:
            return local[name]
        for known, value in local.items():
            if names_match(known, name):
                return value
        # a participant the gold does not list among officials: a person, not an official
        node = BKGR[f"person/{slug(name)}"]
        self.graph.add((node, RDF.type, SCHEMA.Person))
        self.graph.add((node, SCHEMA.name, Literal(name)))
        self.graph.add((node, PROV.wasDerivedFrom, article))
        return node, None

    def _event(self, article: URIRef, ident: str, label: str, cls: str) -> URIRef:
        node = BKGR[f"event/{quote(ident, safe='-_.~')}/{label}"]
        self.graph.add((node, RDF.type, BKG.Event))
        self.graph.add((node, RDF.type, BKG[cls]))
        self.graph.add((node, PROV.wasDerivedFrom, article))
        return node

    def _meetings(
        self,
        article: URIRef,
        ident: str,
        meetings: list[dict[str, Any]],
        local: dict[str, tuple[URIRef, str | None]],
    ) -> list[tuple[URIRef, str, Any]]:
        g, made = self.graph, []
        for i, m in enumerate(meetings, 1):
            cls = MEETING_CLASSES.get(m.get("kind") or "", "Meeting")
            event = self._event(article, ident, f"meeting-{i:02d}", cls)
            people = [self._participant(article, n, local) for n in m["participants"]]
            for node, country in people:
                g.add((event, BKG.participant, node))
                if country:
                    g.add((event, BKG.country, party_iri(g, country)))
            for (a, _), (b, _) in combinations(people, 2):
                if a != b:
                    g.add((a, BKG.met, b))
                    g.add((b, BKG.met, a))
            if m.get("date"):
                g.add((event, SCHEMA.startDate, date_literal(m["date"])))
            if m.get("place"):
                g.add((event, SCHEMA.location, Literal(m["place"])))
            made.append((event, cls, m.get("date")))
        return made

    def _dated_events(
        self,
        article: URIRef,
        ident: str,
        events: list[dict[str, Any]],
        meetings: list[tuple[URIRef, str, Any]],
    ) -> None:
        """A dated event of a meeting's kind and date is that meeting; others are new."""
        g, free = self.graph, list(meetings)
        for i, e in enumerate(events, 1):
            cls = EVENT_CLASSES.get(e.get("kind") or "", "OtherEvent")
            same = next(
                (
                    m
                    for m in free
                    if m[2]
                    and m[2] == e.get("start")
                    and (m[1] == cls or (m[1] == "Meeting" and cls == "OtherEvent"))
                ),
                None,
            )
            if same is not None:
                free.remove(same)
                event = same[0]
            else:
                event = self._event(article, ident, f"event-{i:02d}", cls)
                if e.get("start"):
                    g.add((event, SCHEMA.startDate, date_literal(e["start"])))
            for code in e.get("countries") or ():
                g.add((event, BKG.country, party_iri(g, code)))
            if e.get("end"):
                g.add((event, SCHEMA.endDate, date_literal(e["end"])))

    def _relation(self, article: URIRef, r: dict[str, Any]) -> None:
        g = self.graph
        codes = sorted(r["countries"])
        kind = r["kind"]
        camel = next((k for k, v in RELATION_KINDS.items() if v == kind), "OtherRelation")
        node = BKGR["relation/" + "-".join(quote(c, safe="") for c in codes) + "/" + slug(kind)]
        g.add((node, RDF.type, BKG.BilateralRelation))
        g.add((node, BKG.relationKind, BKG[camel]))
        parties = [party_iri(g, c) for c in codes]
        for p in parties:
            g.add((node, BKG.party, p))
        for a, b in combinations(parties, 2):
            g.add((a, BKG.relatedTo, b))
            g.add((b, BKG.relatedTo, a))
        if r.get("since"):
            g.add((node, BKG.since, date_literal(r["since"])))
        g.add((node, PROV.wasDerivedFrom, article))


def gold_to_graph(gold_dir: Path | str) -> Graph:
    """The gold files of ``gold_dir`` as a graph in the contract's vocabulary.

    One article node per file (``dcterms:identifier`` = gold id); one official node per
    person (people whose names match across articles are one node, with every article in
    its provenance); one ``bkg:Event`` per meeting (participants, typed start date) and per
    other dated event; one ``bkg:BilateralRelation`` per (parties, kind) with ``bkg:party``
    to country nodes (``bkg:isoCode``) or organisation nodes (``bkg:code``).
    """
    writer = _GoldGraphWriter()
    for gold in load_gold(gold_dir):
        try:
            writer.add_article(gold.path, gold.data)
        except (KeyError, TypeError, ValueError) as exc:
            raise ValueError(
                Errors.E407.format(problem=f"{gold.path}: cannot turn into a graph: {exc}")
            ) from None
    return writer.graph
