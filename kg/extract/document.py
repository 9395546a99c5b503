"""Read one parsed document: who is named, who met whom, when, and how two countries stand.

The reader walks the sentences once, in order, keeping what a reader of the article keeps in
mind: the officials named so far (so "le dirigeant sud-africain" or "son homologue" can be
resolved), the document's two main countries ("les deux pays"), and the last contact
("les deux ministres se sont également entretenus" continues it).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from weakref import WeakKeyDictionary

from spacy.language import Language
from spacy.lookups import Lookups
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Span

from kg.extract import events as ev
from kg.extract import relations as rel
from kg.extract.french import LIST_OPENERS, STATE_NOUNS
from kg.extract.home import home_country
from kg.extract.mentions import DocIndex, compound_countries
from kg.extract.officials import (
    OfficialMention,
    TitleChain,
    holds_title,
    sentence_officials,
    singular_title,
)
from kg.extract.neighbours import bare_titles, titles_from_neighbours
from kg.facts import Document, Event, Evidence, Extraction, Official
from kg.lexicon import Lexicon, load_lexicon
from kg.nlp import sentence_entities, set_entities
from kg.text import fold, joined_words, name_key, name_words


@dataclass(eq=False)
class Person:
    """One official of the document, gathered from all the sentences that name them."""

    names: list[str]
    roles: list[str] = field(default_factory=list)
    countries: Counter = field(default_factory=Counter)
    evidence: list[Evidence] = field(default_factory=list)
    titled: bool = False
    first_seen: int = 0
    reference_roles: bool = False
    counterpart: bool = False  # introduced as someone's counterpart ("son homologue X")

    @property
    def country(self) -> str | None:
        """The country most cues give (ties: the first code in alphabetical order)."""
        if not self.countries:
            return None
        return sorted(self.countries.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]

    @property
    def name(self) -> str:
        return max(self.names, key=lambda n: (len(n.split()), len(n), n))

    @property
    def tokens(self) -> frozenset[str]:
        out: set[str] = set()
        for n in self.names:
            out |= name_key(n)
        return frozenset(out)

    def matches(self, key: frozenset[str]) -> bool:
        for n in self.names:
            k = name_key(n)
            if k == key:
                return True
            small, big = (k, key) if len(k) <= len(key) else (key, k)
            if len(small) >= 2 and small <= big:
                return True
        return False


@dataclass
class SentenceInfo:
    sent: Span
    part: str
    start: int  # char offsets in the document text
    end: int
    text: str
    people: list[Person]
    mentions: list[OfficialMention]


# the tables of family names that mark a country's citizens (ontology/lexicon/NAME.txt)
NAME_SHAPE_TABLES = {"VN": "vietnamese_family_names"}


def _shape(name: str, shapes: dict[str, frozenset[str]]) -> str | None:
    """The country whose family names (``shapes``: country → folded names) the name's first
    word is one of ("Nguyễn Văn Hùng" → VN); None: no mark."""
    first = name_words(name)[:1]
    return next((c for c, names in shapes.items() if first and first[0] in names), None)


def _same_post(roles: list[str], others: list[str]) -> bool:
    heads = {fold(r).split()[0] for r in roles if r.split()}
    return any(fold(o).split()[0] in heads for o in others if o.split())


def _country_after(m: OfficialMention, idx: DocIndex) -> str | None:
    """ "… et Mustapha Jebari du royaume du Maroc": the country named right after a name, with
    "de"/"du", is the one its bearer serves."""
    doc = m.sent.doc
    k = m.end
    if k >= m.sent.end or doc[k].lower_ not in ("de", "du", "d'", "d’", "des"):
        return None
    for j in range(k + 1, min(m.sent.end, k + 5)):
        s = idx.span_at(j, "COUNTRY")
        if s is not None:
            return idx.place_code(s)
        if not (
            doc[j].lower_ in ("la", "le", "l'", "l’", "du", "de") or doc[j].lower_ in STATE_NOUNS
        ):
            return None
    return None


def listed_holders(sent: Span, prev: Span, idx: DocIndex, mentions: list[OfficialMention]) -> None:
    """ "Les nouveaux ambassadeurs de A, de B et de C ont présenté … . Il s'agit de M. X de A,
    Y de B et Z de C": each name listed after the opener, with its country after it, holds
    the title the sentence before gave in the plural (in the singular)."""
    low = idx.span_text(sent).lower().replace("’", "'")
    at = min((k for k in (low.find(o) for o in LIST_OPENERS) if k >= 0), default=-1)
    if at < 0:
        return
    role = _plural_title(prev, idx)
    if role is None:
        return
    start = sent.doc[sent.start].idx + at
    for m in mentions:
        if m.roles or m.reference or sent.doc[m.start].idx < start:
            continue
        code = _country_after(m, idx)
        if code is not None:
            m.roles.append(role)
            m.country = code


def _tells_contact(sent: Span, idx: DocIndex, m: OfficialMention) -> bool:
    """Is ``m`` the subject of a contact trigger of ``sent``, right before it ("X s'est
    entretenu avec …", "X a reçu …"; not "une rencontre entre A et X" still to come)?"""
    return any(
        s.ident.partition("|")[2] in ("contact", "weak", "joint")
        and 0 <= s.start - m.end <= SUBJECT_GAP
        for s in idx.in_sentence(sent, "TRIGGER")
    )


SUBJECT_GAP = 3  # "s' est", "a eu un": the words between a subject and its trigger


def title_held(chain: TitleChain, role: str, people: list[Person]) -> bool:
    """Does an official of the document hold the bare title ``chain`` ("le président
    français"): one of the title's country (any, for a title of no country) who holds the
    post ``role`` names (folded, as :func:`kg.extract.neighbours.bare_titles` gives it;
    :func:`kg.extract.officials.holds_title`)? With ``role`` "": does an official serve the
    title's country?"""
    if not role:
        return chain.country is not None and any(p.countries[chain.country] > 0 for p in people)
    return any(
        (chain.country is None or p.countries[chain.country] > 0)
        and any(holds_title(role, fold(r)) for r in p.roles)
        for p in people
    )


def _plural_title(sent: Span, idx: DocIndex) -> str | None:
    """The title a sentence gives in the plural ("les nouveaux ambassadeurs"), in the singular."""
    for s in idx.in_sentence(sent, "TITLE"):
        found = singular_title(s.text(sent.doc), idx.lex)
        if found is not None:
            return found
    return None


def _one_edit(a: str, b: str) -> bool:
    """``a`` and ``b`` differ by one letter left out, added or changed."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k in range(len(a)) if a[k] != b[k]), len(a))
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]


def variant_names(a: str, b: str) -> bool:
    """Two spellings of one name on a page: one a typo of the other ("Macky Dall" / "Macky
    Sall": same words but one, which differs by one letter and is four letters or longer), or
    the same words but for apostrophes ("Sassou N’Guesso" / "Sassou Nguesso":
    :func:`kg.text.joined_words`)."""
    ta, tb = joined_words(a), joined_words(b)
    if len(ta) != len(tb) or len(ta) < 2:
        return False
    diff = [(x, y) for x, y in zip(ta, tb) if x != y]
    if not diff:
        return name_key(a) != name_key(b)
    return len(diff) == 1 and min(len(diff[0][0]), len(diff[0][1])) >= 4 and _one_edit(*diff[0])


def merge_variants(people: list[Person]) -> list[Person]:
    """People of one document whose names are typo variants of each other are one person."""
    out: list[Person] = []
    for p in people:
        twin = next(
            (q for q in out if any(variant_names(a, b) for a in q.names for b in p.names)), None
        )
        if twin is None:
            out.append(p)
            continue
        twin.names += [n for n in p.names if n not in twin.names]
        twin.roles += [r for r in p.roles if r not in twin.roles]
        twin.countries.update(p.countries)
        twin.titled = twin.titled or p.titled
        twin.counterpart = twin.counterpart or p.counterpart
    return out


def merge_short_names(people: list[Person]) -> list[Person]:
    """A person named by one word only ("le président Poutine") is the one person of the
    document whose longer name holds that word ("Vladimir Poutine"), when the countries
    and the posts do not disagree ("le sultan Ibrahim" is not "le Premier ministre Anwar
    Ibrahim"); two such people: no one."""
    out = [p for p in people if len(p.tokens) >= 2 or not p.tokens]
    for p in people:
        if p in out:
            continue
        longer = [
            q
            for q in out
            if p.tokens < q.tokens
            and (not p.countries or not q.countries or p.country == q.country)
            and (not p.roles or not q.roles or _same_post(p.roles, q.roles))
        ]
        if len(longer) != 1:
            out.append(p)
            continue
        q = longer[0]
        q.names += [n for n in p.names if n not in q.names]
        q.roles += [r for r in p.roles if r not in q.roles]
        q.countries.update(p.countries)
        q.first_seen = min(q.first_seen, p.first_seen)
        q.counterpart = q.counterpart or p.counterpart
    return sorted(out, key=people.index)


# the common nouns of each pipeline's lemmatizer (66,000 words: a reader is made per chunk
# of articles); weak keys: a pipeline freed after the build is not kept alive here
_NOUNS: WeakKeyDictionary[Language, frozenset[str]] = WeakKeyDictionary()


def _noun_lemmas(nlp: Language) -> frozenset[str]:
    """The lemmatizer's table of common nouns (empty without one)."""
    known = _NOUNS.get(nlp)
    if known is not None:
        return known
    nouns: frozenset[str] = frozenset()
    # (the build's pipeline runs the lemmatizer through kg.nlp.TokenAttributes, with
    # the component itself disabled: its tables are the same)
    if "lemmatizer" in nlp.component_names:
        lemmatizer = nlp.get_pipe("lemmatizer")
        lookups = lemmatizer.lookups if isinstance(lemmatizer, Lemmatizer) else Lookups()
        if "lemma_index" in lookups.tables:
            table = lookups.get_table("lemma_index")
            if "noun" in table:
                nouns = frozenset(table["noun"])
    _NOUNS[nlp] = nouns
    return nouns


class DocumentReader:
    """Reads ``Extraction`` records out of parsed documents."""

    def __init__(
        self,
        lex: Lexicon,
        noun_lemmas: frozenset[str],
        entities: Callable[[Span], list[Span]] | None = None,
    ):
        self.lex = lex
        self.noun_lemmas = noun_lemmas
        self.entities = entities or set_entities

    @classmethod
    def for_pipeline(cls, nlp: Language) -> "DocumentReader":
        return cls(load_lexicon(), _noun_lemmas(nlp), sentence_entities(nlp))

    # -- documents --------------------------------------------------------------------------
    def read(self, document: Document, doc: Doc) -> Extraction:
        """The facts of one parsed document."""
        return self.read_many([(document, doc)])[0]

    def read_many(self, parsed: Iterable[tuple[Document, Doc]]) -> list[Extraction]:
        """The facts of each parsed document; the places only the entity recogniser tells
        are asked of it once for them all (:func:`kg.extract.events.settle_places`)."""
        found: list[Extraction] = []
        later: list[tuple[Event, ev.LaterPlace]] = []
        for document, doc in parsed:
            extraction, places = self._read(document, doc)
            found.append(extraction)
            later.extend(places)
        ev.settle_places(later, self.entities)
        return found

    def _read(
        self, document: Document, doc: Doc
    ) -> tuple[Extraction, list[tuple[Event, ev.LaterPlace]]]:
        """The facts of one document, with the events whose place is still to tell."""
        idx = DocIndex.build(doc, self.lex, self.noun_lemmas)
        home = home_country(document, self.lex)
        sentences = self._sentences(document, doc)
        people, per_sentence = self._people(sentences, idx)
        people = merge_short_names(merge_variants(people))
        pair = self.main_pair(idx, people, sentences, home)
        self._settle_countries(people, pair, home)
        infos: list[SentenceInfo] = []
        for (sent, part, start, end), mentions in zip(sentences, per_sentence):
            found: list[Person] = []
            kept: list[OfficialMention] = []
            for m in mentions:
                p = self._person_for(people, m)
                if p is None:
                    continue
                kept.append(m)
                if len(m.key) > len(p.tokens) == 1 and m.name not in p.names:
                    p.names.append(m.name)
                if p not in found:
                    found.append(p)
            text = document.text[start:end]
            ev_ = Evidence(document.identifier, " ".join(text.split()), start, end)
            for p in found:
                if ev_ not in p.evidence:
                    p.evidence.append(ev_)
            infos.append(SentenceInfo(sent, part, start, end, text, found, kept))
        officials = {
            id(p): Official(
                name=p.name,
                roles=list(p.roles),
                country=idx.state_of(p.country),
                names=sorted(set(p.names)),
                evidence=list(p.evidence),
            )
            for p in people
            if p.evidence
        }
        ctx = ev.Context(
            document=document,
            idx=idx,
            lex=self.lex,
            pair=pair,
            home=home,
            people=people,
            officials=officials,
            entities=self.entities,
        )
        events = ev.read_events(infos, ctx)
        relations = rel.read_relations(infos, ctx)
        extraction = Extraction(
            document=document,
            officials=sorted(officials.values(), key=lambda o: o.name),
            events=events,
            relations=relations,
        )
        return extraction, list(ctx.later.values())

    # -- helpers --------------------------------------------------------------------------
    def _people(self, sentences, idx: DocIndex) -> tuple[list[Person], list[list[OfficialMention]]]:
        """Pass 1: the officials of the document (titled mentions make people; untitled ones
        link to them later) and each sentence's mentions."""
        people: list[Person] = []
        per_sentence: list[list[OfficialMention]] = []
        from_name: list[tuple[OfficialMention, str]] = []  # "X du Maroc": a country cue
        for n, (sent, _part, _start, _end) in enumerate(sentences):
            mentions, runs = sentence_officials(sent, idx)
            mentions = self._untitled_links(sent, idx, runs, mentions)
            if n > 0:
                listed_holders(sent, sentences[n - 1][0], idx, mentions)
            per_sentence.append(mentions)
            for m in mentions:
                if m.roles or m.reference:
                    self._add_titled(people, m, n)
                elif (code := _country_after(m, idx)) is not None:
                    from_name.append((m, code))
        self._titles_from_neighbours(sentences, per_sentence, idx, people)
        self._title_country_cues(sentences, per_sentence, idx, people)
        for m, code in from_name:
            person = self._person_for(people, m)
            if person is not None:
                person.countries[code] += 1
        self._bare_title_holder(people, sentences, per_sentence, idx)
        return people, per_sentence

    def _bare_title_holder(
        self, people: list[Person], sentences, per_sentence, idx: DocIndex
    ) -> None:
        """ "Le ministre turc des Affaires étrangères félicite …" (a headline), then "Mevlut
        Cavusoglu s'est entretenu par téléphone avec X, ministre … du Niger": the one name
        that takes part in a contact with no title anywhere holds the one title the document
        gives with a country but with no name, when no titled official serves that country."""
        untitled = {
            m.key: (n, m)
            for n, ms in enumerate(per_sentence)
            for m in ms
            if not m.roles
            and not m.reference
            and len(m.key) >= 2
            and not idx.is_common_noun(idx.doc[m.start])
            and self._person_for(people, m) is None
            and _tells_contact(sentences[n][0], idx, m)
        }
        if len(untitled) != 1:
            return
        bare = {
            (chain.country, chain.role(idx.doc))
            for (sent, *_), ms in zip(sentences, per_sentence)
            for chain, role in bare_titles(sent, idx, ms)  # kg.extract.neighbours
            if chain.country is not None and not title_held(chain, role, people)
        }
        if len({code for code, _ in bare}) != 1:
            return
        ((n, m),) = untitled.values()
        m.country, role = min(bare, key=lambda cr: (len(cr[1]), cr[1]))  # shortest, then by text
        m.roles.append(role)
        self._add_titled(people, m, n)

    def _titles_from_neighbours(
        self,
        sentences,
        per_sentence: list[list[OfficialMention]],
        idx: DocIndex,
        people: list[Person],
    ) -> None:
        """Untitled names given the titles of a neighbouring contact sentence
        (:mod:`kg.extract.neighbours`) are officials too."""
        shapes = self._name_shapes()

        def held(chain: TitleChain, role: str) -> bool:
            return title_held(chain, role, people)

        def known(m: OfficialMention) -> bool:
            # an official's name; a place, body or thing the recogniser knows; the name of
            # the thing a common noun before it names ("le palais présidentiel X"); the
            # entity recogniser asked last, when nothing else tells
            prev = m.sent.doc[m.start - 1] if m.start > m.sent.start else None
            return (
                self._person_for(people, m) is not None
                or (prev is not None and prev.pos_ in ("NOUN", "ADJ") and prev.text.islower())
                or any(
                    e.start < m.end and m.start < e.end
                    for e in self.entities(m.sent)
                    if e.label_ != "PER"
                )
            )

        def shape(name: str) -> str | None:
            return _shape(name, shapes)

        found = titles_from_neighbours(
            [s[0] for s in sentences], per_sentence, idx, held, known, shape
        )
        for t in found:
            t.mention.roles.append(t.role)
            t.mention.country = t.mention.country or t.country
            self._add_titled(people, t.mention, t.sentence)

    def _title_country_cues(
        self,
        sentences,
        per_sentence: list[list[OfficialMention]],
        idx: DocIndex,
        people: list[Person],
    ) -> None:
        """ "Le président Macron …. À Hanoï, le président français a débuté …": a title written
        alone with a country ("le président français") names the one official named with
        that bare title ("le président X") whose country nothing tells yet, when no official
        of that country holds the post."""
        for (sent, _part, _start, _end), mentions in zip(sentences, per_sentence):
            for chain, role in bare_titles(sent, idx, mentions):
                if chain.country is None:
                    continue
                holders = [p for p in people if any(holds_title(role, fold(r)) for r in p.roles)]
                # "le président X": named with that very title and no more
                uncued = [p for p in holders if not p.countries and role in map(fold, p.roles)]
                if len(uncued) == 1 and not any(p.countries[chain.country] for p in holders):
                    uncued[0].countries[chain.country] += 1

    def _add_titled(self, people: list[Person], m: OfficialMention, n: int) -> None:
        """A titled mention: a new person, or more names, roles and cues for a known one."""
        person = self._person_for(people, m)
        if person is None:
            person = Person([m.name], first_seen=n)
            people.append(person)
        elif m.name not in person.names:
            person.names.append(m.name)
        person.titled = True
        person.counterpart = person.counterpart or m.reference
        for r in m.roles:
            if r not in person.roles:
                person.roles.append(r)
        if m.country:
            person.countries[m.country] += 1

    def _sentences(self, document: Document, doc: Doc) -> list[tuple[Span, str, int, int]]:
        out: list[tuple[Span, str, int, int]] = []
        for sent in doc.sents:
            first = next((t for t in sent if not t.is_space), None)
            if first is None:
                continue
            last = next(doc[k] for k in range(sent.end - 1, first.i - 1, -1) if not doc[k].is_space)
            start, end = first.idx, last.idx + len(last.text)
            part = document.part_at(start)
            kind = part.kind if part is not None else "body"
            if kind in ("noise", "duplicate", "dateline", "trailer"):
                continue
            out.append((sent, kind, start, end))
        return out

    def _person_for(self, people: list[Person], m: OfficialMention) -> Person | None:
        key = m.key
        hits = [p for p in people if p.matches(key)]
        if len(hits) == 1:
            return hits[0]
        if len(key) == 1 and not hits:
            (tok,) = tuple(key)
            single = [p for p in people if tok in p.tokens and len(p.tokens) >= 2]
            # "le Sultan Ibrahim" is not "le Premier ministre Anwar Ibrahim": a short name
            # given with a title of its own only joins a person who holds that title
            if len(single) == 1 and (
                not m.roles or not single[0].roles or _same_post(m.roles, single[0].roles)
            ):
                return single[0]
        if len(hits) > 1:
            exact = [p for p in hits if any(name_key(n) == key for n in p.names)]
            return exact[0] if len(exact) == 1 else None
        if not hits and len(key) >= 2:
            # "Emmanuel Macron" is the one official named "le président Macron" so far
            shorter = [p for p in people if len(p.tokens) == 1 and p.tokens <= key]
            if len(shorter) == 1:
                return shorter[0]
        return None

    def _untitled_links(self, sent: Span, idx: DocIndex, runs, mentions):
        """Name runs without a title in this sentence are kept too: they may name an official
        titled elsewhere in the document ("Abakirov Meder s'est engagé …")."""
        have = {m.start for m in mentions}
        out = list(mentions)
        doc = sent.doc
        for r in runs:
            if r.start in have:
                continue
            if any(m.start <= r.start < m.end for m in mentions):
                continue
            out.append(OfficialMention(doc[r.start : r.end].text, r.start, r.end, sent))
        out.sort(key=lambda m: m.start)
        return out

    def main_pair(
        self, idx: DocIndex, people: list[Person], sentences, home: str | None
    ) -> tuple[str, str] | None:
        """The two countries the document is about ("les deux pays"): the home country when
        named, and the foreign party named most (title counted twice, officials counted)."""
        counts: Counter = Counter()
        for sent, part, start, end in sentences:
            weight = 2 if part == "title" else 1
            for s in idx.in_sentence(sent, "COUNTRY", "DEMONYM", "ORG"):
                code = idx.place_code(s)
                if code and (s.label != "ORG" or code in self.lex.organizations):
                    counts[code] += weight
            for tok in idx.hyphenated(sent):
                for code in compound_countries(tok, self.lex):
                    counts[code] += weight
        for p in people:
            for c in p.countries:
                counts[c] += 1
        ranked = [c for c, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
        if home is not None and (home in counts or len(ranked) == 1):
            # the outlet's country is a party even when only its officials say so
            others = [c for c in ranked if c != home]
            return (home, others[0]) if others else None
        return (ranked[0], ranked[1]) if len(ranked) >= 2 else None

    def _settle_countries(
        self, people: list[Person], pair: tuple[str, str] | None, home: str | None
    ) -> None:
        """Officials with no country cue serve the home country (the outlet's), but where the
        home country's names have a shape of their own (a table of family names: Vietnam's),
        a name of another shape serves the document's foreign party. With no home country,
        only that shape decides; otherwise the official keeps no country (no guess)."""
        shapes = self._name_shapes()
        foreign = None
        if pair is not None and home is not None and home in pair:
            foreign = pair[1] if pair[0] == home else pair[0]
        for p in people:
            if p.countries:
                continue
            shaped = _shape(p.name, shapes)
            if shaped is not None and (shaped == home or (pair is not None and shaped in pair)):
                p.countries[shaped] += 1
            elif home is not None and home in shapes:
                p.countries[foreign or home] += 1
            elif p.counterpart and foreign:
                p.countries[foreign] += 1  # the counterpart of the home side
            elif home is not None:
                p.countries[home] += 1

    def _name_shapes(self) -> dict[str, frozenset[str]]:
        """Country → the family names that mark its citizens (lexicon ``*_family_names``)."""
        out = {}
        for code, table in NAME_SHAPE_TABLES.items():
            names = self.lex.word_list(table)
            if names:
                out[code] = names
        return out


__all__ = ["DocumentReader", "Person", "SentenceInfo"]
