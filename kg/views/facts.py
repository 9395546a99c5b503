"""The facts a view draws: :class:`Facts` (the types, texts and links of every node, and what
follows from them) and the classes and predicates they are read from.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from kg.namespaces import BKG, PREFIXES
from kg.views.dates import year_of, french_dates
from kg.kinds import RELATION_KINDS, kind_labels
from kg.views.style import KIND_LABEL

T = TypeVar("T")


def _iri(curie: str) -> str:
    prefix, local = curie.split(":")
    return str(PREFIXES[prefix]) + local


# what the views read from the graph: the classes of the nodes (bkg's local names) and, per
# predicate, the short name a literal or a link is filed under in :class:`Facts`
TYPE_CLASSES = (
    "Country Organization Official Event BilateralRelation Article Talks Reception PhoneCall "
    "VideoCall Visit Meeting Conference Signing Anniversary Establishment OtherEvent"
).split()
LITERAL_FIELDS = {
    _iri(curie): short
    for curie, short in [
        ("schema:name", "name"),
        ("schema:jobTitle", "jobTitle"),
        ("bkg:isoCode", "iso"),
        ("bkg:code", "code"),
        ("dcterms:title", "title"),
        ("dcterms:identifier", "identifier"),
        ("schema:startDate", "start"),
        ("schema:endDate", "end"),
        ("schema:location", "location"),
        ("bkg:evidence", "evidence"),
        ("bkg:since", "since"),
        ("schema:datePublished", "published"),
    ]
}
LINK_FIELDS = {
    _iri(curie): short
    for curie, short in [
        ("schema:nationality", "nationality"),
        ("bkg:participant", "participant"),
        ("bkg:country", "country"),
        ("bkg:party", "party"),
        ("bkg:relationKind", "relationKind"),
        ("prov:wasDerivedFrom", "source"),
        ("bkg:met", "met"),
    ]
}


def utf8_text(text: str) -> str:
    """Text safe to encode as UTF-8 (lone surrogates replaced), NULs dropped."""
    text = str(text).replace("\x00", "")
    return text.encode("utf-8", "replace").decode("utf-8")


def local_name(iri: str, ns: str) -> str | None:
    """The name of ``iri`` in the namespace ``ns``; None when it is not in it."""
    return iri[len(ns) :] if iri.startswith(ns) else None


@dataclass
class Facts:
    """What the views know about the graph (all keys are IRIs as strings)."""

    kind: dict[str, str] = field(default_factory=dict)  # node → country|organization|…
    event_kind: dict[str, str] = field(default_factory=dict)  # event → "PhoneCall"…
    relations: list[str] = field(default_factory=list)  # bkg:BilateralRelation
    articles: list[str] = field(default_factory=list)  # bkg:Article
    lit: dict[str, dict[str, list]] = field(default_factory=dict)  # s → field → values
    link: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    index: object = field(default=None, repr=False, compare=False)  # lookups, built lazily
    memo: dict = field(default_factory=dict, repr=False, compare=False)  # names, titles…

    # -- plain accessors -------------------------------------------------------------
    def values(self, s: str, name: str) -> list:
        return self.lit.get(s, {}).get(name, [])

    def texts(self, s: str, name: str) -> list[str]:
        return sorted({v for v, _lang in self.values(s, name)})

    def links(self, s: str, name: str) -> list[str]:
        return self.link.get(s, {}).get(name, [])

    def of_kind(self, kind: str) -> list[str]:
        return sorted(k for k, v in self.kind.items() if v == kind)

    # -- derived ------------------------------------------------------------------------
    def memoised(self, key: tuple, make: Callable[[], T]) -> T:
        """``make()``, made once for these facts under ``key`` (a node's name, tooltip,
        sources…: a node shows on several pages)."""
        if key not in self.memo:
            self.memo[key] = make()
        return self.memo[key]

    def name(self, s: str) -> str:
        """The name shown for ``s``: a French name for countries, diacritics preferred."""
        return self.memoised(("name", s), lambda: self._name(s))

    def _name(self, s: str) -> str:
        names = self.values(s, "name")
        if names:

            def rank(item):
                value, lang = item
                lang_rank = 0 if lang == "fr" else 1 if not lang else 2
                accents = sum(1 for ch in value if ord(ch) > 127)
                return (lang_rank, -accents, len(value), value)

            return min(names, key=rank)[0]
        kind = self.kind.get(s)
        if kind == "event":
            date = self.date_text(s)
            return self.event_label(s) + (f" {date}" if date else "")
        if kind == "country" and self.texts(s, "iso"):
            return self.texts(s, "iso")[0]
        if kind == "organization" and self.texts(s, "code"):
            return self.texts(s, "code")[0]
        if s in self.lit and self.texts(s, "title"):
            return self.texts(s, "title")[0]
        return iri_tail(s)

    def event_label(self, e: str) -> str:
        """The kind of event ``e`` as a reader sees it: the ontology's English label."""
        return kind_labels("en").get(self.event_kind.get(e, ""), KIND_LABEL["event"])

    def other_names(self, s: str) -> list[str]:
        main = self.name(s)
        return sorted({v for v, _ in self.values(s, "name")} - {main})

    def date_text(self, s: str) -> str:
        """The dates of ``s`` for people, in French ("25–29 sept. (année inconnue)")."""
        return self.memoised(("date", s), lambda: self._date_text(s))

    def _date_text(self, s: str) -> str:
        start = self.texts(s, "start")
        end = self.texts(s, "end")
        return french_dates(start[0] if start else "", end[0] if end else "")

    def date_raw(self, s: str) -> str:
        """The xsd lexical forms of the dates of ``s`` ("--09-25 / --09-29")."""
        start = self.texts(s, "start")
        end = self.texts(s, "end")
        raw = [start[0]] if start else []
        if end and end[:1] != start[:1]:
            raw.append(end[0])
        return " / ".join(raw)

    def years(self, s: str) -> list[int]:
        """Years of an event (start..end); empty when the year is unknown (gMonthDay)."""
        return self.memoised(("years", s), lambda: self._years(s))

    def _years(self, s: str) -> list[int]:
        ys = [y for y in (year_of(v) for v in self.texts(s, "start")) if y is not None]
        ye = [y for y in (year_of(v) for v in self.texts(s, "end")) if y is not None]
        if not ys:
            return sorted(set(ye))
        lo, hi = min(ys), max(ys + ye)
        if hi - lo > 50:  # an odd range: keep its ends only
            return sorted({lo, hi})
        return list(range(lo, hi + 1))

    def nationalities(self, s: str) -> list[str]:
        return sorted(
            c
            for c in self.links(s, "nationality")
            if self.kind.get(c) in ("country", "organization")
        )

    def sources(self, s: str) -> list[str]:
        """The titles of the articles ``s`` is read from (memoised: a country's or a
        partnership's are thousands, asked for on several pages)."""
        return self.memoised(("sources", s), lambda: self._sources(s))

    def _sources(self, s: str) -> list[str]:
        titles = []
        for art in sorted(self.links(s, "source")):
            t = self.texts(art, "title")
            titles.append(t[0] if t else (self.texts(art, "identifier") or [iri_tail(art)])[0])
        return sorted(set(titles))

    def relation_kind(self, r: str) -> str:
        kinds = [
            k
            for k in (local_name(x, str(BKG)) for x in self.links(r, "relationKind"))
            if k in RELATION_KINDS
        ]
        return min(kinds, key=RELATION_KINDS.index) if kinds else "OtherRelation"

    def relation_parties(self, r: str, kinds=("country", "organization")) -> tuple[str, str] | None:
        parties = sorted({p for p in self.links(r, "party") if self.kind.get(p) in kinds})
        return (parties[0], parties[1]) if len(parties) == 2 else None


def iri_tail(iri: str) -> str:
    """The last segment of an IRI, unquoted: a name of last resort."""
    from urllib.parse import unquote

    tail = re.split(r"[/#]", iri.rstrip("/#"))[-1] or iri
    return unquote(tail)
