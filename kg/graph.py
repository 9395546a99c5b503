"""Facts → an rdflib Dataset: one named graph per article, in the contract's vocabulary.

Each article's graph (named by :func:`kg.namespaces.article_iri`) holds the article's own
description and every fact read from it: the officials, events and relations (with
``prov:wasDerivedFrom`` the article, ``bkg:evidence`` sentences and ``bkg:mention`` spans),
``bkg:met`` between the participants of its contact events, ``bkg:relatedTo`` between the
parties of its relations, and the countries and organisations those facts use. The same
thing read in several articles is one IRI (:mod:`kg.resolve`), so the union of the graphs
(:func:`merged_graph`) merges spellings, roles, evidence and provenance. Single-valued data
(nationality, end date, place, name of an event, ``bkg:since``) is merged across the corpus
first, so the union never holds two competing values.

No blank nodes: every node has a deterministic IRI, so the same input gives the same triples.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache, partial
from itertools import combinations, groupby
from typing import NamedTuple
from urllib.parse import quote

from rdflib import Dataset, Graph, IdentifiedNode, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib import namespace as _rdfns

from kg.dates import exists, year_in_range
from kg.events_identity import Merge, merge_notes
from kg.facts import (
    Document,
    Event,
    Evidence,
    Extraction,
    Official,
    PartialDate,
    Relation,
)
from kg.kinds import CONTACT_KINDS, EVENT_KINDS, RELATION_KINDS
from kg.lexicon import Lexicon, load_lexicon
from kg import namespaces as _kgns
from kg.namespaces import (
    ONTOLOGY_IRI,
    PREFIXES,
    WD,
    article_iri,
    country_iri,
    event_iri,
    mention_iri,
    official_iri,
    organization_iri,
    relation_iri,
)
from kg.resolve import (
    choose,
    key_of,
    merge_dates,
    officials_of,
    spellings_of,
)
from kg.text import name_words


class _Cached:
    """A namespace whose terms are made once (rdflib builds a new URIRef on every access)."""

    def __init__(self, ns) -> None:
        self._ns = ns
        self._items: dict[str, URIRef] = {}

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("_"):
            raise AttributeError(name)
        term = self._ns[name]
        setattr(self, name, term)
        return term

    def __getitem__(self, name: str) -> URIRef:
        term = self._items.get(name)
        if term is None:
            term = self._items[name] = self._ns[name]
        return term


BKG, SCHEMA = _Cached(_kgns.BKG), _Cached(_kgns.SCHEMA)
PROV, DCTERMS, OWL = _Cached(_rdfns.PROV), _Cached(_rdfns.DCTERMS), _Cached(_rdfns.OWL)
RDF, XSD = _Cached(_rdfns.RDF), _Cached(_rdfns.XSD)

__all__ = [
    "ArticleGraphs",
    "add_merge_notes",
    "article_graphs",
    "iter_article_graphs",
    "ArticleGraph",
    "cited_elsewhere",
    "build_dataset",
    "named_triples",
    "merged_graph",
    "clean_text",
    "text_literal",
    "date_literal",
    "bind_prefixes",
]

# --- literals ------------------------------------------------------------------------------

# Characters no XML 1.0 / Turtle / N-Triples consumer accepts in a literal: C0 controls other
# than tab, LF and CR, and the non-characters U+FFFE and U+FFFF (surrogates are handled apart).
_CONTROLS = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f]")
_DROP = re.compile("[\x00\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """``text`` made safe for any RDF serialisation (the one sanitiser of text from inputs).

    NUL, U+FFFE and U+FFFF are dropped; other C0 controls (except tab, LF, CR) become a space;
    a well-formed surrogate pair becomes its character and a lone surrogate becomes U+FFFD.

    >>> clean_text("a\\x00b\\x0cc\\ud800d")
    'ab c\\ufffdd'
    """
    if _SURROGATE.search(text):
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return _CONTROLS.sub(" ", _DROP.sub("", text))


def text_literal(text: str, lang: str | None = None) -> Literal:
    """A plain (or language-tagged) literal of text read from the inputs, sanitised."""
    return Literal(clean_text(text), lang=lang)


def date_literal(d: PartialDate | None) -> Literal | None:
    """A partial date typed by its precision (xsd:date, gYearMonth, gYear, gMonthDay).

    An impossible date (31 February) is written at the precision that is still valid, or not
    at all.
    """
    if d is None:
        return None
    if not exists(d.year, d.month, d.day):
        year_ok = d.year is not None and year_in_range(d.year)
        if year_ok and d.month is not None and 1 <= d.month <= 12:
            d = PartialDate(d.year, d.month)
        elif year_ok:
            d = PartialDate(d.year)
        else:
            return None
    return Literal(str(d), datatype=XSD[d.xsd_type])


@lru_cache(maxsize=1 << 16)
def _count(n: int) -> Literal:
    """An ``xsd:nonNegativeInteger`` literal (an offset), made once per value: rdflib's
    Literal is slow to make, and the offsets of 10^5 mentions repeat."""
    return Literal(n, datatype=XSD.nonNegativeInteger)


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:")


def _url(url: str) -> URIRef | Literal:
    """A web URL as an IRI, characters an IRI may not hold percent-encoded (a stray ``%`` too).

    Only an ``http``/``https`` URL with a host (no user name or password, a numeric port)
    that parses as an absolute IRI becomes an IRI. A URL without a scheme, as
    "www.example.org/a" (it would be read as a relative IRI), or of another scheme (whose own
    rules strict readers check) is kept as an ``xsd:anyURI`` literal; what is no URI
    reference at all ("mailto:", ":x") as a plain string.
    """
    url = clean_text(url).strip()
    url = re.sub(r"%(?![0-9A-Fa-f]{2})", "%25", url)
    head, hash_, fragment = url.partition("#")  # one fragment: a later "#" is %23
    url = quote(head, safe=_URL_SAFE) + hash_ + quote(fragment, safe=_URL_SAFE)
    m = _AUTHORITY.match(url)
    if m:
        scheme, auth = m.group("scheme").lower(), m.group("auth")
        if auth.endswith(":"):  # "host:" is "host"
            auth = auth[:-1]
        url = f"{scheme}://{auth}{url[m.end() :]}"
        if scheme in ("http", "https") and _authority_ok(auth) and _iri_ok(url):
            return URIRef(url)
    elif _SCHEME.match(url):
        url = url[: url.index(":")].lower() + url[url.index(":") :]
        if url.split(":", 1)[1][:1] in ("", "#", "?") or not _iri_ok(url):  # "mailto:"
            return Literal(url)
    elif ":" in url.split("/", 1)[0]:  # neither a URI nor a reference
        return Literal(url)
    return Literal(url, datatype=XSD.anyURI)


_URL_SAFE = ":/?@!$&'()*+,;=%~-._"
_AUTHORITY = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.\-]*)://(?P<auth>[^/?#]*)")


def _authority_ok(auth: str) -> bool:
    """A host name (dot-separated labels, none empty or starting or ending with "-"), no
    user information, and a port made of digits when there is one."""
    if "@" in auth:
        return False
    host, colon, port = auth.rpartition(":") if ":" in auth else (auth, "", "")
    if colon and (not port.isdigit() or int(port) > 65535):
        return False
    return bool(host) and all(
        label and label[0] != "-" and label[-1] != "-" for label in host.split(".")
    )


def _iri_ok(iri: str) -> bool:
    """Whether ``iri`` is an absolute IRI by RFC 3987 (Oxigraph's strict parser)."""
    import pyoxigraph

    try:
        pyoxigraph.NamedNode(iri)
    except ValueError:
        return False
    return True


def bind_prefixes(graph: Graph) -> Graph:
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns, override=True, replace=True)
    return graph


# --- the corpus-wide merge of single-valued data --------------------------------------------


class _Merged:
    """Single-valued data of same-key facts merged over the whole corpus."""

    def __init__(self, extractions: list[Extraction]) -> None:
        nationalities: dict[str, list[str | None]] = defaultdict(list)
        full_name: dict[str, bool] = defaultdict(bool)
        self.wikidata: dict[str, str] = {}  # official key → the office holder's QID
        ends: dict[str, list[PartialDate | None]] = defaultdict(list)
        places: dict[str, list[str | None]] = defaultdict(list)
        labels: dict[str, list[str | None]] = defaultdict(list)
        since: dict[str, list[PartialDate | None]] = defaultdict(list)
        for ex in extractions:
            for o in officials_of(ex):
                key = key_of(o)
                nationalities[key].append(o.country)
                if o.wikidata:
                    self.wikidata[key] = o.wikidata
                full_name[key] |= any(len(name_words(n)) >= 2 for n in spellings_of(o))
            for e in ex.events:
                ends[key_of(e)].append(e.end)
                places[key_of(e)].append(_strip(e.place))
                labels[key_of(e)].append(_strip(e.label))
            for r in ex.relations:
                since[key_of(r)].append(r.since)
        self.nationality = {k: choose(v) for k, v in nationalities.items()}
        self.has_full_name = dict(full_name)
        self.end = {k: merge_dates(v) for k, v in ends.items()}
        self.place = {k: choose(v) for k, v in places.items()}
        self.label = {k: choose(v) for k, v in labels.items()}
        self.since = {k: merge_dates(v) for k, v in since.items()}


def _strip(text: str | None) -> str | None:
    return clean_text(text).strip() or None if text else None


# --- one article's graph --------------------------------------------------------------------


class _ArticleWriter:
    """The triples of one article's graph (collected in a set: rdflib stores add slowly)."""

    def __init__(
        self,
        doc: Document,
        lexicon: Lexicon,
        merged: _Merged,
        documents: dict[str, Document],
        parties: dict[str, tuple[URIRef, tuple[tuple, ...]]] | None = None,
    ) -> None:
        self.doc, self.lex, self.m, self.docs = doc, lexicon, merged, documents
        self.art = article_iri(doc.identifier)
        self.triples: set[tuple] = set()
        # code → its node and description (:func:`_party`), shared by the build's writers
        self.parties = parties if parties is not None else {}
        self.sentences: dict[str, Literal] = {}  # an article's sentences back its facts often

    def sentence(self, text: str) -> Literal:
        """The literal of a sentence of the article, made once per article."""
        lit = self.sentences.get(text)
        if lit is None:
            lit = self.sentences[text] = text_literal(text)
        return lit

    def add(self, s, p, o) -> None:
        if o is not None:
            self.triples.add((s, p, o))

    # the article itself
    def article(self) -> None:
        d, a = self.doc, self.art
        self.add(a, RDF.type, BKG.Article)
        self.add(a, DCTERMS.title, text_literal(d.title.strip()))
        self.add(a, DCTERMS.identifier, text_literal(d.identifier))
        self.add(a, BKG.sourceFile, text_literal(d.source_file))
        # where the article's text starts in its file's text: added to a mention's offsets,
        # it places the sentence in the file (the ontology puts bkg:fileOffset on articles)
        self.add(a, BKG.fileOffset, _count(max(d.offset, 0)))
        if d.url and d.url.strip():
            self.add(a, SCHEMA.url, _url(d.url))
        if d.published:
            try:
                self.add(a, SCHEMA.datePublished, date_literal(PartialDate.parse(d.published)))
            except ValueError:
                pass
        if d.site:
            self.add(a, SCHEMA.publisher, text_literal(d.site))  # the site's name

    # countries and organisations
    def party(self, code: str) -> URIRef:
        """The node of a country or organisation code, described in this graph (the
        description made once per code and build: every article names a few parties)."""
        known = self.parties.get(code)
        if known is None:
            known = self.parties[code] = _party(code, self.lex)
        node, triples = known
        self.triples.update(triples)
        return node

    def provenance(self, node: URIRef, evidence: Iterable[Evidence], sentences: bool) -> None:
        self.add(node, PROV.wasDerivedFrom, self.art)
        for ev in evidence:
            if sentences and ev.sentence and ev.sentence.strip():
                self.add(node, BKG.evidence, self.sentence(ev.sentence))
            self.add(node, BKG.mention, self.mention(ev))

    def mention(self, ev: Evidence) -> URIRef | None:
        """The evidence record of a sentence (none for an empty or reversed span)."""
        doc = self.docs.get(ev.document, self.doc)
        sentence = ev.sentence or doc.text[ev.start : ev.end]
        if ev.start < 0 or ev.end <= ev.start or not sentence:
            return None
        node = mention_iri(doc.identifier, ev.start, ev.end)
        add = self.add
        add(node, RDF.type, BKG.Mention)
        add(node, BKG.article, self.art if doc is self.doc else article_iri(doc.identifier))
        add(node, BKG.sentence, self.sentence(sentence))
        add(node, BKG.startOffset, _count(ev.start))
        add(node, BKG.endOffset, _count(ev.end))
        return node

    # facts
    def official(self, key: str, mentions: list[Official]) -> URIRef:
        node = official_iri(key)
        self.add(node, RDF.type, BKG.Official)
        for o in mentions:
            for spelling in spellings_of(o):
                name = _strip(spelling)
                # a one-word short form ("Lâm") is not a name of someone whose full name is known
                if name and (len(name_words(name)) >= 2 or not self.m.has_full_name.get(key)):
                    self.add(node, SCHEMA.name, Literal(name))
            for role in o.roles:
                self.add(node, SCHEMA.jobTitle, Literal(_strip(role)) if _strip(role) else None)
            self.provenance(node, o.evidence, sentences=False)
        nationality = self.m.nationality.get(key)
        if any(o.country for o in mentions) and nationality:
            self.add(node, SCHEMA.nationality, self.party(nationality))
        if key in self.m.wikidata:  # the office holder (kg.link), in every article's graph
            self.add(node, OWL.sameAs, _wikidata(self.m.wikidata[key]))
        return node

    def event(self, e: Event) -> None:
        kind = e.kind if e.kind in EVENT_KINDS else "OtherEvent"
        event_key = key_of(e)
        node = event_iri(kind, e.start, event_key)
        add = self.add
        add(node, RDF.type, BKG.Event)
        add(node, RDF.type, BKG[kind])
        keys = sorted({key_of(p) for p in e.participants})
        for k in keys:
            add(node, BKG.participant, official_iri(k))
        countries = set(e.countries) | {self.m.nationality.get(k) for k in keys}
        for code in sorted(c for c in countries if c):
            add(node, BKG.country, self.party(code))
        add(node, SCHEMA.startDate, date_literal(e.start))
        if e.end is not None:
            add(node, SCHEMA.endDate, _end_date(e.start, self.m.end.get(event_key) or e.end))
        if _strip(e.place):
            add(node, SCHEMA.location, Literal(self.m.place.get(event_key) or _strip(e.place)))
        if _strip(e.label):
            add(node, SCHEMA.name, Literal(self.m.label.get(event_key) or _strip(e.label)))
        self.provenance(node, e.evidence, sentences=True)
        if kind in CONTACT_KINDS:
            for a, b in combinations(keys, 2):
                add(official_iri(a), BKG.met, official_iri(b))
                add(official_iri(b), BKG.met, official_iri(a))

    def relation(self, r) -> None:
        a, b = sorted(r.parties)
        if not a or not b or a == b:
            return
        kind = r.kind if r.kind in RELATION_KINDS else "OtherRelation"
        node = relation_iri(a, b, kind)
        pa, pb = self.party(a), self.party(b)
        add = self.add
        add(node, RDF.type, BKG.BilateralRelation)
        add(node, BKG.party, pa)
        add(node, BKG.party, pb)
        add(node, BKG.relationKind, BKG[kind])
        if r.since is not None:
            add(node, BKG.since, date_literal(self.m.since.get(r.key) or r.since))
        self.provenance(node, r.evidence, sentences=True)
        add(pa, BKG.relatedTo, pb)
        add(pb, BKG.relatedTo, pa)

    def write(self, ex: Extraction) -> None:
        self.article()
        by_key: dict[str, list[Official]] = defaultdict(list)
        for o in officials_of(ex):
            by_key[key_of(o)].append(o)
        for key in sorted(by_key):
            self.official(key, by_key[key])
        for e in ex.events:
            self.event(e)
        for r in ex.relations:
            self.relation(r)
        for code in sorted(set(ex.organizations)):
            self.party(code)


def _party(code: str, lex: Lexicon) -> tuple[URIRef, tuple[tuple, ...]]:
    """The node of a country or organisation code and the triples that describe it."""
    out: list[tuple] = []

    def add(s, p, o) -> None:
        out.append((s, p, o))

    if code in lex.countries:
        c = lex.countries[code]
        node = country_iri(code)
        add(node, RDF.type, BKG.Country)
        add(node, SCHEMA.name, text_literal(c.name, lang="fr"))
        add(node, BKG.isoCode, Literal(code))
        if c.wikidata:
            add(node, OWL.sameAs, _wikidata(c.wikidata))
    elif code in lex.organizations or not _looks_iso(code):
        org = lex.organizations.get(code)
        node = organization_iri(code)
        add(node, RDF.type, BKG.Organization)
        add(node, SCHEMA.name, text_literal(org.name, lang="fr") if org else text_literal(code))
        if org and org.kind == "intergovernmental" and code not in lex.countries:
            add(node, BKG.code, Literal(code))
        if code in lex.word_list("iso_reserved"):
            add(node, BKG.isoCode, Literal(code))
        if org and org.wikidata:
            add(node, OWL.sameAs, _wikidata(org.wikidata))
    else:  # an ISO-looking code the lexicon does not know
        node = country_iri(code)
        add(node, RDF.type, BKG.Country)
        add(node, SCHEMA.name, text_literal(code, lang="fr"))
        add(node, BKG.isoCode, Literal(code))
    return node, tuple(out)


def _end_date(start: PartialDate | None, end: PartialDate) -> Literal | None:
    """The end date, unless it is a full date before a full start date."""
    lit = date_literal(end)
    if lit is not None and start is not None:
        first = date_literal(start)
        if (
            first is not None
            and first.datatype == lit.datatype == XSD.date
            and str(lit) < str(first)
        ):
            return None
    return lit


def _looks_iso(code: str) -> bool:
    return len(code) == 2 and code.isascii() and code.isalpha() and code.isupper()


def _wikidata(qid: str) -> URIRef:
    qid = qid.strip()
    return URIRef(qid) if qid.startswith("http") else WD[qid]


# --- the public API -------------------------------------------------------------------------

ArticleGraphs = dict[URIRef, set]
"""The article graphs as plain sets of triples, by graph name: what :func:`article_graphs`
gives and what the writers read. rdflib's memory store looks up every graph a triple is in
each time it lists a graph's triples, which grows with the square of the number of articles
sharing a triple (every article names Vietnam); plain sets do not."""


def _unresolved(ex: Extraction) -> bool:
    """Whether a fact of the extraction has no identity key yet."""
    return (
        any(o.key is None for o in officials_of(ex))
        or any(e.key is None for e in ex.events)
        or any(r.key is None for r in ex.relations)
    )


def article_graphs(extractions: list[Extraction], lexicon: Lexicon | None = None) -> ArticleGraphs:
    """The triples of each article's graph, by graph name, names sorted.

    The facts must carry their identity keys (:func:`kg.resolve.resolve`, the step before):
    a fact without one is an error, not a reason to resolve here.

    >>> article_graphs([])
    {}
    """
    return {g.name: g.make() for g in iter_article_graphs(extractions, lexicon)}


class ArticleGraph(NamedTuple):
    """An article graph of :func:`iter_article_graphs`, made only when asked: its name, the
    digest of everything its triples are made from (None when not known), and the function
    that makes them. A graph stored with the same ``inputs`` need not be made again (an
    update's unchanged articles: :func:`kg.export.write_article_files`)."""

    name: URIRef
    inputs: str | None
    make: Callable[[], set[tuple]]


def iter_article_graphs(
    extractions: list,
    lexicon: Lexicon | None = None,
    merges: list[Merge] | None = None,
    consume: bool = False,
    full: Callable[[int, Extraction], Extraction] | None = None,
    source: Callable[[int], str | None] | None = None,
) -> Iterator[ArticleGraph]:
    """The graphs of :func:`article_graphs`, one at a time in name order, with the
    ``bkg:mergedBecause`` notes of ``merges`` (:func:`add_merge_notes`): a large build
    writes and lets go of each before making the next. ``extractions``: a list of
    :class:`Extraction` (None for one let go). ``consume``: each extraction's
    place in the list is emptied once its graph is made or passed over (the facts are let
    go as they go). ``full``: the facts an article's graph is made from, given its place in
    the list and its record there (a large build holds :func:`kg.resolve.lean` records and
    reads each article's full facts again); by default the record itself. ``source``: what
    identifies those facts (the key they are read again under, None: nothing does), given
    the article's place; with it, each graph's :attr:`ArticleGraph.inputs` is the digest of
    that, of the identities the records were given, of the corpus-wide data their keys
    take (:class:`_Merged`), of the documents their evidence cites and of the merge notes."""
    lexicon = lexicon if lexicon is not None else load_lexicon()
    unresolved = next((ex for ex in extractions if ex is not None and _unresolved(ex)), None)
    if unresolved is not None:
        raise ValueError(
            f"{unresolved.document.identifier}: facts without identity keys: "
            "run kg.resolve.resolve() on the extractions first"
        )
    present = [ex for ex in extractions if ex is not None]
    merged = _Merged(present)
    documents = cited_elsewhere(present)
    del present
    notes = _notes_by_article(merges or [])
    parties: dict[str, tuple[URIRef, tuple[tuple, ...]]] = {}  # descriptions made once a build
    order = sorted(
        (str(article_iri(ex.document.identifier)), i)
        for i, ex in enumerate(extractions)
        if ex is not None
    )

    def make(art: URIRef, places: list[int]) -> set[tuple]:
        triples: set[tuple] = set()
        for i in places:
            ex = extractions[i]
            assert ex is not None, "an article graph is made once"
            if full is not None:
                ex = full(i, ex)
            writer = _ArticleWriter(ex.document, lexicon, merged, documents, parties)
            writer.write(ex)
            triples |= writer.triples
            if consume:
                extractions[i] = None
        triples.update(notes.get(art, ()))
        return triples

    cited: dict[str, str] = {}  # a cited document's digest, made once
    for name, group in groupby(order, key=lambda x: x[0]):
        art, places = URIRef(name), [i for _, i in group]
        inputs = None
        if source is not None:
            inputs = _inputs_digest(
                [(source(i), extractions[i]) for i in places],
                merged,
                documents,
                cited,
                notes.get(art, ()),
            )
        yield ArticleGraph(art, inputs, partial(make, art, places))
        notes.pop(art, None)
        if consume:
            for i in places:
                extractions[i] = None


def _inputs_digest(
    records: list[tuple[str | None, Extraction | None]],
    merged: _Merged,
    documents: dict[str, Document],
    cited: dict[str, str],
    notes: Iterable[tuple],
) -> str | None:
    """The digest of what :class:`_ArticleWriter` reads to make one article's graph, from
    its records (each with what identifies its full facts): None when a record's facts are
    not identified. What the writer reads besides the full facts: the identities set on
    the record (keys, office holders, countries, merged events' kinds and dates), the
    :class:`_Merged` data of every key the record holds, the documents its evidence cites
    in other articles, and the merge notes; the lexicon and the writer's code are the
    graph store's stamp."""
    parts: list[object] = []
    for source, ex in records:
        if source is None or ex is None:
            return None
        own = ex.document.identifier
        parts.append(source)
        for o in officials_of(ex):
            k = key_of(o)
            parts.append((k, o.wikidata, o.country, merged.nationality.get(k)))
            parts.append((merged.has_full_name.get(k), merged.wikidata.get(k)))
        for e in ex.events:
            k = key_of(e)
            parts.append((k, e.kind, e.start, merged.end.get(k)))
            parts.append((merged.place.get(k), merged.label.get(k)))
        for r in ex.relations:
            parts.append((key_of(r), merged.since.get(key_of(r))))
        facts: list[Official | Event | Relation] = [*officials_of(ex), *ex.events, *ex.relations]
        for f in facts:
            for ev in f.evidence:
                if ev.document != own and ev.document in documents:
                    parts.append(_document_digest(documents[ev.document], cited))
    parts.extend(notes)
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _document_digest(doc: Document, known: dict[str, str]) -> str:
    got = known.get(doc.identifier)
    if got is None:
        got = known[doc.identifier] = hashlib.sha256(
            repr(doc).encode("utf-8", "surrogatepass")
        ).hexdigest()
    return got


def cited_elsewhere(extractions: list[Extraction]) -> dict[str, Document]:
    """The documents that evidence read in another article points to (a mention's text is
    taken from its own document): the others are let go with their facts."""
    by_id = {ex.document.identifier: ex.document for ex in extractions}
    cited: set[str] = set()
    for ex in extractions:
        facts: list[Official | Event | Relation] = [*officials_of(ex), *ex.events, *ex.relations]
        own = ex.document.identifier
        cited.update(ev.document for f in facts for ev in f.evidence if ev.document != own)
    return {d: by_id[d] for d in sorted(cited) if d in by_id}


def _notes_by_article(merges: list[Merge]) -> dict[URIRef, list[tuple]]:
    """The ``bkg:mergedBecause`` triples of ``merges``, by the article graph they go to."""
    out: dict[URIRef, list[tuple]] = defaultdict(list)
    for doc, kind, key, start, note in merge_notes(merges):
        kind = kind if kind in EVENT_KINDS else "OtherEvent"
        out[article_iri(doc)].append(
            (event_iri(kind, start, key), BKG.mergedBecause, Literal(clean_text(note)))
        )
    return out


def build_dataset(extractions: list[Extraction], lexicon: Lexicon | None = None) -> Dataset:
    """One named graph per article with everything read from it (see the module docstring),
    as an rdflib Dataset (:func:`article_graphs` gives the same triples as plain sets)."""
    ds = Dataset()
    bind_prefixes(ds)
    for name, triples in article_graphs(extractions, lexicon).items():
        g = ds.graph(name)
        g.addN((s, p, o, g) for s, p, o in triples)
    return ds


def named_triples(graphs: Dataset | ArticleGraphs) -> dict[IdentifiedNode, list]:
    """The triples of each named graph of ``graphs`` (a Dataset or :data:`ArticleGraphs`);
    a Dataset's default-graph triples under ``DATASET_DEFAULT_GRAPH_ID``.

    >>> g = URIRef("urn:g")
    >>> named_triples({g: {(URIRef("urn:s"), RDF.type, URIRef("urn:C"))}})[g][0][2]
    rdflib.term.URIRef('urn:C')
    """
    out: dict[IdentifiedNode, list] = defaultdict(list)
    if isinstance(graphs, Dataset):
        # one pass over the quads: iterating graph by graph is quadratic in rdflib's memory store
        for s, p, o, c in graphs.quads((None, None, None, None)):
            name = c.identifier if isinstance(c, Graph) else c
            out[DATASET_DEFAULT_GRAPH_ID if name is None else name].append((s, p, o))
    else:
        for name, triples in graphs.items():
            out[name].extend(triples)
    return dict(out)


def merged_graph(graphs: Dataset | ArticleGraphs) -> Graph:
    """The union of the graphs (the ontology graph, if any, left out)."""
    onto = URIRef(ONTOLOGY_IRI)
    triples = set()
    for name, some in named_triples(graphs).items():
        if name != onto:
            triples.update(some)
    out = bind_prefixes(Graph())
    out.addN((s, p, o, out) for s, p, o in triples)
    return out


def add_merge_notes(graphs: ArticleGraphs | Dataset, merges: list[Merge]) -> None:
    """Add ``bkg:mergedBecause`` notes to the article graphs: each link of an event joined
    across articles (:func:`kg.events_identity.merge_events`) goes to the graph of the
    article that joined, saying why."""
    for name, notes in _notes_by_article(merges).items():
        if name in graphs:
            graphs[name].update(notes)
