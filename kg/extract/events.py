"""Events: contacts between officials (who met whom, how, when, where) and other dated events.

A contact is read from a sentence holding a contact trigger ("s'est entretenu avec", "a reçu",
"conversation téléphonique", "visite d'État … à l'invitation de", "en marge de") and the
officials it names or refers to ("son homologue", "les deux ministres", "la délégation
cubaine"). A photo caption showing two officials of different countries is a meeting too,
unless the story already tells a contact between them. Every other calendar date of a
sentence is an event of the kind its nearest trigger says (conference, signing,
anniversary, establishment…), or ``OtherEvent``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import TYPE_CHECKING, Protocol

from spacy.tokens import Span

from kg.extract.dates import find_dates, weekday_names
from kg.extract.french import BETWEEN, LIST_COLONS, LIST_OPENERS, PAIR_WORDS, POSSESSIVES, THEN
from kg.extract.mentions import DocIndex, LexSpan
from kg.extract.neighbours import beside
from kg.extract.officials import holds_title, title_chains
from kg.facts import Document, Event, Evidence, Official, PartialDate
from kg.lexicon import Lexicon, load_lexicon
from kg.text import fold
from kg.nlp import SentenceEntities, set_entities

if TYPE_CHECKING:
    from kg.extract.document import Person, SentenceInfo

# When several contact triggers share a sentence, the most specific names the contact.
_LEX = load_lexicon()
GROUP_NOUNS = _LEX.required_words("group_nouns")
SAME_DAY_WORDS = _LEX.required_words("same_day")
BEFORE_WORDS = _LEX.required_words("before_words")
ANAPHORIC_FRAMES = _LEX.required_words("anaphoric_frames")
DEMONSTRATIVES = {"ce", "cet", "cette"}  # "Ce document a été signé par …" points back
POINTED_BACK = 2  # how many sentences telling something a demonstrative points past
BACKGROUND_VISIT = _LEX.required_words("background_visit")
KIND_PRIORITY = ["PhoneCall", "VideoCall", "Reception", "Visit", "Talks", "Meeting", "Signing"]


def _publication_pattern(words: frozenset[str]) -> re.Pattern[str]:
    """The end of a page's date line: "Publié le (samedi)", or the word in lower case after
    a separator ("…, mis à jour le"); not the verb of a story ("ont publié le 26 juillet")."""

    def alt(forms) -> str:
        return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(forms))

    lead = alt(w[:1].upper() + w[1:] for w in words)
    return re.compile(
        r"(?:(?:^|\s)(?:%s)|(?:^|[|,;:\u2013\u2014-])\s*(?:%s))(?i:\s+le)?(?i:\s+(?:%s))?\s*:?\s*$"
        % (lead, alt(words), "|".join(weekday_names()))
    )


PUBLICATION = _publication_pattern(_LEX.required_words("publication_words"))


class EntityFinder(Protocol):
    """A sentence's named entities (``kg.nlp.set_entities`` or the recogniser's)."""

    def __call__(self, sent: Span, /) -> list[Span]: ...


@dataclass
class Context:
    """What the event and relation rules know of the document being read."""

    document: Document
    idx: DocIndex
    lex: Lexicon
    pair: tuple[str, str] | None
    home: str | None  # the outlet's country (kg.extract.home), None when undecided
    people: list[Person]
    officials: dict[int, Official]  # id(person) → its Official
    last_contact: list[Person] = field(default_factory=list)  # people of the last contact
    last_visit: list[Person] = field(default_factory=list)  # visitors of the last visit
    last_actor: Person | None = None  # first party of the last contact
    entities: EntityFinder = set_entities  # a sentence's named entities
    told: Told | None = None  # the last contact told, for lists
    titled: dict[tuple[int, int], list[tuple[Person, int]]] = field(default_factory=dict)
    places: dict[tuple[int, int], Place] = field(default_factory=dict)  # _place, per sentence
    # the events whose place the entity recogniser is still to tell: id(event) → (event, place)
    later: dict[int, tuple[Event, LaterPlace]] = field(default_factory=dict)

    def country_of(self, p: Person) -> str | None:
        return p.country


@dataclass
class Told:
    """The last contact told: a list that follows it ("Il s'agit de MM. A, B", bullet lines
    after "a reçu en audience :") names more of its guests."""

    kind: str
    hosts: list[Person]
    start: PartialDate | None = None
    end: PartialDate | None = None
    # where it took place, looked for only when a guest's event needs it (finding it may
    # run the entity recogniser over the sentence)
    place: Callable[[], Place] = lambda: None
    open_list: bool = False  # the sentence ended on a colon: the lines after it list guests


def sentence_evidence(ctx: Context, info) -> Evidence:
    """The evidence of a fact read in one sentence (``info``: a
    :class:`~kg.extract.document.SentenceInfo`): the document, the sentence's text on one
    line, its character offsets."""
    return Evidence(ctx.document.identifier, " ".join(info.text.split()), info.start, info.end)


def _triggers(info, ctx: Context) -> list[TriggerSpan]:
    return sorted(
        (TriggerSpan.of(s) for s in ctx.idx.in_sentence(info.sent, "TRIGGER")),
        key=lambda s: s.start,
    )


@dataclass(frozen=True)
class TriggerSpan:
    """A phrase announcing an event, in a sentence: the event's kind and the trigger's mode
    (``kg.lexicon.TRIGGER_MODES``: contact, weak, joint or event)."""

    kind: str
    mode: str
    start: int  # token offsets in the doc
    end: int

    @property
    def contact(self) -> bool:
        """Does it bring officials together (weak: only when two countries are named)?"""
        return self.mode in ("contact", "weak", "joint")

    @classmethod
    def of(cls, span: LexSpan) -> "TriggerSpan":
        kind, _, mode = span.ident.partition("|")
        return cls(kind, mode or "event", span.start, span.end)


def _backdrop(info, ctx: Context) -> tuple[int, int] | None:
    """Tokens of a backdrop phrase ("en marge de la participation de X au sommet"), if any.

    Opening the sentence, the phrase ends at its first comma ("En marge du sommet, A a
    rencontré B"); later on, it runs to the end of the sentence."""
    text = info.text.lower()
    phrases = [p for p in ctx.lex.word_list("backdrop") if p in text]
    if not phrases:
        return None
    low = [t.lower_ for t in info.sent]
    for phrase in sorted(phrases, key=len, reverse=True):
        words = phrase.split()
        for i in range(len(low) - len(words) + 1):
            if low[i : i + len(words)] == words:
                start = info.sent.start + i
                end = info.sent.end
                if i <= 1:
                    end = next(
                        (info.sent.start + j for j in range(i, len(low)) if low[j] == ","), end
                    )
                return start, end
    return None


def _demonym_people(info, ctx: Context, start: int, end: int) -> list:
    """People referred to by a demonym in tokens [start, end): "le dirigeant sud-africain",
    "la délégation cubaine" → the official of that country named in the document."""
    out = []
    for s in ctx.idx.in_sentence(info.sent, "DEMONYM"):
        if not (start <= s.start < end):
            continue
        prev = [t.lower_ for t in info.sent.doc[max(info.sent.start, s.start - 3) : s.start]]
        heads = ctx.idx.in_sentence(info.sent, "TITLE")
        after_title = any(h.end <= s.start <= h.end + 1 for h in heads)
        if not after_title and not any(
            w in ctx.lex.word_list("references") or w.startswith("délégation") for w in prev
        ):
            continue
        cands = [p for p in ctx.people if ctx.country_of(p) == s.ident and id(p) in ctx.officials]
        if cands:
            out.append(min(cands, key=lambda p: p.first_seen))
    return out


def _group_reference(info, ctx: Context) -> list:
    """ "les deux ministres / responsables / présidents vietnamien et indonésien" → the two
    officials of the last contact, else the first official of each main country."""
    doc = info.sent.doc
    for i in ctx.idx.word_positions(PAIR_WORDS, info.sent):
        noun = doc[i + 1].lower_ if i + 1 < info.sent.end else ""
        if noun in GROUP_NOUNS:
            holders = _holders_of(noun, ctx)
            if holders:
                return holders
            if ctx.last_contact and len(ctx.last_contact) >= 2:
                return list(ctx.last_contact)
            if noun in ("parties", "délégations"):
                return []  # "les deux parties" may be two countries, not two people
            if ctx.pair:
                out = []
                for c in ctx.pair:
                    cands = [
                        p for p in ctx.people if ctx.country_of(p) == c and id(p) in ctx.officials
                    ]
                    if cands:
                        out.append(min(cands, key=lambda p: p.first_seen))
                if len(out) == 2:
                    return out
    return []


def _holders_of(noun: str, ctx: Context) -> list:
    """ "les deux ministres" after a call between two presidents: the two of the last
    contact who hold that post, else the first one of each main country who holds it.
    Nobody when the noun is no post ("responsables", "parties")."""
    post = fold(noun[:-1] if noun.endswith("s") else noun)
    if not any(fold(t.phrase) == post for t in ctx.lex.titles):
        return []

    def holds(p) -> bool:
        return any(fold(r).split()[:1] == [post] for r in p.roles)

    pool = [p for p in ctx.last_contact if holds(p)]
    if len(pool) == 2 and len({ctx.country_of(p) for p in pool}) == 2:
        return pool
    if not ctx.pair:
        return []
    out = []
    for c in ctx.pair:
        cands = [
            p for p in ctx.people if ctx.country_of(p) == c and id(p) in ctx.officials and holds(p)
        ]
        if cands:
            out.append(min(cands, key=lambda p: p.first_seen))
    return out if len(out) == 2 else []


def _place(info, ctx: Context) -> Place:
    """The place of the sentence's events, looked for once per sentence (not per event:
    a sentence of N dates would cost N scans of itself)."""
    key = (info.sent.start, info.sent.end)
    if key not in ctx.places:
        ctx.places[key] = _find_place(info, ctx)
    return ctx.places[key]


AT = frozenset({"à"})  # the word before a place ("à Genève")


def _find_place(info, ctx: Context) -> Place:
    doc = info.sent.doc
    for s in ctx.idx.in_sentence(info.sent, "CAPITAL"):
        if s.start > info.sent.start and doc[s.start - 1].lower_ in ("à", "a"):
            return doc[s.start : s.end].text
    if not any(k < info.sent.end - 1 for k in ctx.idx.word_positions(AT, info.sent)):
        return None  # no "à" before a word: no need to ask the entity recogniser
    return LaterPlace((info.sent,))  # the recogniser's place after "à", asked later


def entity_place(sent: Span, entities: EntityFinder) -> str | None:
    """The first place (LOC) the entity recogniser finds right after "à" in ``sent``."""
    doc = sent.doc
    for ent in entities(sent):
        if ent.label_ == "LOC" and ent.start > sent.start and doc[ent.start - 1].lower_ == "à":
            return ent.text
    return None


@dataclass(frozen=True)
class LaterPlace:
    """``a or b or …`` over places, some of which (the sentences, :class:`Span`) the entity
    recogniser is still to tell (:func:`entity_place`).

    The events of every document read at once are given their places together
    (:func:`settle_places`), so the recogniser reads all the sentences asked in one pass.
    """

    options: tuple[str | None | Span, ...]

    def value(self, entities: EntityFinder) -> str | None:
        """What ``a or b or …`` is once the recogniser has told its places."""
        found: str | None = None
        for o in self.options:
            found = entity_place(o, entities) if isinstance(o, Span) else o
            if found:
                break
        return found

    def sentences(self) -> list[Span]:
        return [o for o in self.options if isinstance(o, Span)]


Place = str | None | LaterPlace


def either(*places: Place) -> Place:
    """``places[0] or places[1] or …``, with places the recogniser is still to tell.

    >>> either(None, "Hanoï", "Paris"), either("", None)
    ('Hanoï', None)
    """
    options: list[str | None | Span] = []
    for p in places:
        options.extend(p.options if isinstance(p, LaterPlace) else (p,))
        if isinstance(options[-1], str) and options[-1]:
            break  # a place known for sure: what follows is never read
    known = [o for o in options if not isinstance(o, Span)]
    if len(known) < len(options):
        return LaterPlace(tuple(options))
    return next((o for o in known if o), known[-1])


def _set_place(e: Event, place: Place, ctx: Context) -> None:
    """Give ``e`` its place, or note that the recogniser is to tell it."""
    if isinstance(place, LaterPlace):
        ctx.later[id(e)] = (e, place)  # the event held here: its id names no other
        e.place = None
    else:
        ctx.later.pop(id(e), None)
        e.place = place


def _place_of(e: Event, ctx: Context) -> Place:
    held = ctx.later.get(id(e))
    return held[1] if held else e.place


def settle_places(events: list[tuple[Event, LaterPlace]], entities: EntityFinder) -> None:
    """Give the events their places the recogniser tells, reading every sentence asked in
    one pass of it (when it can: :class:`kg.nlp.SentenceEntities`)."""
    if isinstance(entities, SentenceEntities):
        entities.ask(s for _, later in events for s in later.sentences())
    for e, later in events:
        e.place = later.value(entities)


def _date_line(v: SentenceView, ctx: Context) -> bool:
    """A sentence that only gives the page's date ("Publié le 08/02/2017 à 05:06, mis à
    jour le …"): a line of the page, not of the story."""
    return not v.triggers and all(_page_date(d, ctx) for d in v.dates)


def _page_date(d, ctx: Context) -> bool:
    """Is ``d`` the day the page was published (its date line tells no event)?"""
    return (
        ctx.document.published is not None
        and str(d.first) == ctx.document.published
        and d.last in (None, d.first)
    )


def _pub(ctx: Context) -> str | None:
    return ctx.document.published


def sentence_dates(text: str, published: str | None):
    """Every date of a sentence (cached: events and relations both ask)."""
    if not any(map(str.isdigit, text)) and "premier" not in text.lower():
        return []
    return _sentence_dates(text, published)


@lru_cache(maxsize=4096)
def _sentence_dates(text: str, published: str | None):
    return find_dates(text, published)


def _dates(info, ctx: Context):
    found = sentence_dates(info.text, _pub(ctx))
    return [
        d
        for d in found
        if d.precision in ("day", "month") and not _publication_date(info.text, d.start)
    ]


def _publication_date(text: str, start: int) -> bool:
    """Does the date at ``start`` follow "Publié le", "mis à jour le" (lexicon
    ``publication_words``; a weekday may stand between): the page's date, no event's."""
    return PUBLICATION.search(text[max(0, start - 50) : start].replace("’", "'")) is not None


def _planned(trig: TriggerSpan, info, ctx: Context) -> bool:
    """ "la prochaine visite de X", "la visite prévue": a contact still to come names no
    meeting yet."""
    doc = info.sent.doc
    if "Inf" in doc[trig.start].morph.get("VerbForm") and doc[trig.start].pos_ == "VERB":
        return True  # "a invité son homologue à se rendre au Vietnam"
    if _future(trig, info):
        return True  # "X sera reçu par …", "X rencontrera …": the programme, not the fact
    words = {t.lower_ for t in doc[info.sent.start : min(info.sent.end, trig.end + 3)]}
    return bool(words & ctx.lex.word_list("planned"))


def _topic(trig: TriggerSpan, info, ctx: Context) -> bool:
    """A contact noun that a verb tells of as a topic ("a évoqué la visite du président X en
    1993"): no contact of the speaker."""
    doc = info.sent.doc
    if doc[trig.start].pos_ != "NOUN":
        return False
    before = doc[max(info.sent.start, trig.start - 3) : trig.start]
    verbs = ctx.lex.word_list("reporting")
    return any(t.pos_ == "VERB" and t.lemma_.lower() in verbs for t in before)


def _future(trig: TriggerSpan, info) -> bool:
    """A trigger verb in the future tense, or after a verb in it ("sera accueillie",
    "rendra visite")."""
    doc = info.sent.doc
    tok = doc[trig.start]
    if tok.pos_ in ("VERB", "AUX") and "Fut" in tok.morph.get("Tense"):
        return True
    # "sera accueillie", "rendra dimanche une visite", "sera suivie d'un tête-à-tête": the
    # nearest finite verb before the trigger (participles are passed over)
    for k in range(trig.start - 1, max(info.sent.start, trig.start - 9) - 1, -1):
        t = doc[k]
        if t.pos_ in ("VERB", "AUX") and "Part" not in t.morph.get("VerbForm"):
            return "Fut" in t.morph.get("Tense")
    return False


def _anaphoric(trig: TriggerSpan, info) -> bool:
    """A trigger noun under a possessive or demonstrative ("leur entretien", "cette
    visite") names a contact told before, not a new one."""
    doc = info.sent.doc
    if trig.start <= info.sent.start or doc[trig.start].pos_ != "NOUN":
        return False
    before = doc[trig.start - 1].lower_
    if before in POSSESSIVES:
        return True
    # "Lors de la rencontre, …", "À l'issue de l'entretien, …"
    frame = doc[max(info.sent.start, trig.start - 4) : trig.start - 1].text.lower()
    return before in ("la", "le", "l'", "l’", "les", "des", "du") and any(
        f in frame for f in ANAPHORIC_FRAMES
    )


def _at(trig: TriggerSpan, info) -> int:
    return info.sent.doc[trig.start].idx - info.start


def _contact_date(dates, trig: TriggerSpan, triggers: list[TriggerSpan], info) -> int | None:
    """The date of a contact: the one nearest its trigger, among the dates no other kind of
    event stands nearer to ("a salué le partenariat, établi en décembre 2022" dates the
    establishment, not the meeting)."""
    if not dates:
        return None

    def nearest(i: int) -> TriggerSpan:
        return min(triggers, key=lambda t: abs(_at(t, info) - dates[i].start))

    free = [i for i in range(len(dates)) if nearest(i).kind not in CLAIMING_KINDS]
    pool = free or []
    if not pool:
        return None
    return min(pool, key=lambda i: (abs(dates[i].start - _at(trig, info)), i))


# Dates nearest to these triggers date a past milestone, not the contact told beside them.
CLAIMING_KINDS = {"Establishment", "Anniversary"}


def _main_triggers(trigs: list[TriggerSpan], info) -> list[TriggerSpan]:
    """Contact triggers that say what happened: a visit named as the frame of another
    contact ("Dans le cadre de sa visite …, X a rencontré Y") is only its frame."""
    doc = info.sent.doc
    main = []
    for t in trigs:
        if t.kind == "Visit":
            before = doc[max(info.sent.start, t.start - 5) : t.start].text.lower()
            guest = t.start > info.sent.start and doc[t.start - 1].lower_ == "en"  # "Y, en visite"
            if guest or any(b in before for b in BACKGROUND_VISIT):
                continue
        main.append(t)
    return main or trigs


def _with_guest(group: list, ctx: Context) -> list:
    """A welcome told with its hosts only ("Le chef de l'État X a présidé la cérémonie
    d'accueil officielle") welcomes the visitor of the visit being told."""
    countries = {ctx.country_of(p) for p in group}
    if len(countries) != 1:
        return group
    guests = [p for p in ctx.last_visit if ctx.country_of(p) not in countries]
    return group + guests


def _covered(participants: list, ctx: Context, contact_pairs: list[frozenset]) -> bool:
    key = frozenset(id(ctx.officials[id(p)]) for p in participants if id(p) in ctx.officials)
    return bool(key) and any(key <= k for k in contact_pairs)


def _bilateral_split(
    info, ctx: Context, trig: TriggerSpan, participants: list
) -> list[list] | None:
    """ "A a rencontré le secrétaire d'État américain B, le ministre russe C et le ministre
    chinois D": three bilateral meetings, A's side with each other country's officials."""
    countries = {ctx.country_of(p) for p in participants}
    if len(countries) < 3:
        return None
    at = trig.start
    before = [(k, p) for p, k in _titled_references(info, ctx) if k < at and p in participants]
    for p in participants:
        ms = [m for m in info.mentions if _names(p, m) and m.start < at]
        if ms:
            before.append((max(m.start for m in ms), p))
    before += _pronoun_actor_before(info, ctx, at, participants)
    if not before:
        return None
    side = ctx.country_of(max(before, key=lambda x: x[0])[1])
    own = [p for p in participants if ctx.country_of(p) == side]
    groups = []
    for c in sorted(c for c in countries if c != side and c is not None):
        groups.append(own + [p for p in participants if ctx.country_of(p) == c])
    return groups or None


def _pronoun_actor_before(
    info, ctx: Context, at: int, participants: list
) -> list[tuple[int, Person]]:
    """ "Il a rencontré A, président de X, et B, président de Y": the subject pronoun before
    the trigger stands for the last contact's first party (see :func:`_participants`), who
    met each of the others, as a name would."""
    actor = ctx.last_actor
    if actor is None or actor not in participants:
        return []
    doc = info.sent.doc
    return [(k, actor) for k in range(info.sent.start, at) if _subject_pronoun(doc[k], ctx.lex)][
        -1:
    ]


def _groups(
    info, ctx: Context, trigs: list[TriggerSpan], trig: TriggerSpan, participants: list
) -> list[list]:
    """The contacts one trigger tells: a joint one ("un sommet virtuel avec A et B") is one
    meeting of all; visits on several invitations and one party meeting officials of several
    countries are one contact per other country."""
    if trig.mode == "joint":
        return [participants]
    between = _between(info, ctx, trig, participants)
    if between:
        return [between]
    return (
        _invitation_split(info, ctx, trigs, participants)
        or _sequence_split(info, ctx, trig, participants)
        or _bilateral_split(info, ctx, trig, participants)
        or [participants]
    )


def _sequence_split(info, ctx: Context, trig: TriggerSpan, participants: list) -> list[list] | None:
    """ "Il a rencontré son homologue A, puis le secrétaire général B": one after the other,
    two contacts of the subject, with A, then with B (``THEN`` words part the objects)."""
    doc = info.sent.doc
    cuts = [k for k in range(trig.end, info.sent.end) if doc[k].lower_ in THEN]
    if not cuts:
        return None
    named = [(m.start, p) for p in participants for m in info.mentions if _names(p, m)]
    named += [(k, p) for p, k in _titled_references(info, ctx) if p in participants]
    named += _pronoun_actor_before(info, ctx, trig.start, participants)
    side = {p for k, p in named if k < trig.start}
    parts: dict[int, list] = {}
    for k, p in sorted(named, key=lambda x: x[0]):
        if k > trig.end and p not in side:
            part = parts.setdefault(sum(c < k for c in cuts), [])
            if p not in part:
                part.append(p)
    if not side or len(parts) < 2:
        return None
    own = [p for p in participants if p in side]
    return [own + part for _, part in sorted(parts.items())]


def _names(p, m) -> bool:
    """Does mention ``m`` name person ``p`` (a one-word mention: a word of the name)?"""
    return p.matches(m.key) or (len(m.key) == 1 and m.key <= p.tokens)


def _between(info, ctx: Context, trig: TriggerSpan, participants: list) -> list | None:
    """ "l'appel téléphonique du 31 mars entre le président A et son homologue B": the two
    named after "entre" are the parties, whoever else the sentence names."""
    doc = info.sent.doc
    at = next(
        (k for k in range(trig.end, min(info.sent.end, trig.end + 8)) if doc[k].lower_ == BETWEEN),
        None,
    )
    if at is None:
        return None
    named = [(m.start, p) for p in participants for m in info.mentions if _names(p, m)]
    named += [(k, p) for p, k in _titled_references(info, ctx) if p in participants]
    after: list = []
    for _, p in sorted((k, p) for k, p in named if k > at and k - at <= 40):
        if p not in after:
            after.append(p)
    if len(after) < 2:
        return None
    gap = doc[at : info.sent.end].text.lower()
    return after[:2] if " et " in gap else None


def _participants(info, ctx: Context) -> list:
    backdrop = _backdrop(info, ctx)
    people = list(info.people)
    # the backdrop people (named in "en marge de …") did not take part
    if backdrop is not None:
        keep = []
        for p in people:
            ms = [m for m in info.mentions if p.matches(m.key)]
            if ms and all(backdrop[0] <= m.start < backdrop[1] for m in ms):
                continue
            keep.append(p)
        people = keep
    people = [p for p in people if not _only_sender(p, info, ctx)]
    # "Il a également rencontré …": the subject pronoun is the last contact's first party
    doc = info.sent.doc
    if ctx.last_actor is not None and any(
        _subject_pronoun(doc[i], ctx.lex)
        for i in ctx.idx.word_positions(SUBJECT_PRONOUNS, info.sent)
    ):
        if ctx.last_actor not in people:
            people.insert(0, ctx.last_actor)
    titled = [p for p, _ in _titled_references(info, ctx) if p not in people]
    people = titled + people
    _counterpart_of_actor(info, ctx, people)
    named = {ctx.country_of(p) for p in people}
    refs = [
        p
        for p in _demonym_people(info, ctx, info.sent.start, info.sent.end)
        if ctx.country_of(p) not in named
    ]
    refs += _group_reference(info, ctx)
    return list(dict.fromkeys(people + refs))


def _host_of_passive(info, ctx: Context, trigs: list[TriggerSpan], people: list) -> None:
    """ "Ensuite, X, ambassadeur de …, a été accueilli": a guest received with no host named
    ("… par Y") was received by the hosts of the contact told before."""
    told = ctx.told
    if told is None or not told.hosts or not people or any(h in people for h in told.hosts):
        return
    doc = info.sent.doc
    for t in trigs:
        passive = t.start > info.sent.start and doc[t.start - 1].lower_ == "été"
        agent = any(w.lower_ == "par" for w in doc[t.end : min(info.sent.end, t.end + 3)])
        if passive and not agent and t.kind == told.kind:
            hosts = {ctx.country_of(h) for h in told.hosts}
            if all(ctx.country_of(p) not in hosts for p in people):
                people[:0] = told.hosts
            return


MESSAGE_GAP_POS = {"DET", "ADJ", "NOUN", "ADP", "CCONJ", "PROPN", "PUNCT"}


def _only_sender(p, info, ctx: Context) -> bool:
    """Is ``p`` named in the sentence only as the sender of a message ("a transmis les
    salutations du président X", "porteuse de l'invitation envoyée par son homologue X")?"""
    doc = info.sent.doc
    words = ctx.lex.word_list("message_words")
    ms = [m for m in info.mentions if _names(p, m)]
    if not ms:
        return False
    for m in ms:
        sent_by = False
        for k in range(m.start - 1, max(info.sent.start, m.start - 10) - 1, -1):
            t = doc[k]
            if t.lower_ in words:
                # "à l'invitation de X" names the host of a visit, not a sender
                sent_by = not any(
                    x.label == "TRIGGER" and TriggerSpan.of(x).kind == "Visit"
                    for x in ctx.idx.by_token.get(k, ())
                )
                break
            if t.text in (",", ";", ":") or not (
                t.pos_ in MESSAGE_GAP_POS or "Part" in t.morph.get("VerbForm")
            ):
                break
        if not sent_by:
            return False
    return True


def _titled_references(info: SentenceInfo, ctx: Context) -> list[tuple[Person, int]]:
    """ "Le Président de la République a ensuite reçu …", "S.M. le Roi a reçu …": a title
    written without a name names the one official of the document who holds it (with the
    token where the title starts). Two holders, or none: nobody."""
    sent = info.sent
    doc = sent.doc
    if not ctx.idx.in_sentence(sent, "TITLE") or not ctx.people:
        return []
    key = (sent.start, sent.end)
    if key in ctx.titled:
        return ctx.titled[key]
    chains = title_chains(sent, ctx.idx)
    spans = [(m.start, m.end) for m in info.mentions]
    out = []
    for chain in chains:
        if chain.reference or not chain.determiner:
            continue
        if any(beside(doc, chain, s, e) for s, e in spans):
            continue  # the title of a name written beside it
        # "le Président français": the head names the post, the demonym the country
        role = fold(
            doc[chain.head.start : chain.head.end].text if chain.country else chain.role(doc)
        )
        if not role:
            continue
        holders = [
            p
            for p in ctx.people
            if id(p) in ctx.officials
            and (chain.country is None or ctx.country_of(p) == chain.country)
            and any(holds_title(role, fold(r)) for r in p.roles)
        ]
        if len(holders) == 1:
            out.append((holders[0], chain.start))
    ctx.titled[key] = out
    return out


def _counterpart_of_actor(info, ctx: Context, people: list) -> None:
    """ "L'entretien avec son homologue français X …": a counterpart named alone met the one
    whose counterpart he is, the first party of the contact told before."""
    actor = ctx.last_actor
    if actor is None or actor in people or not any(m.reference for m in info.mentions):
        return
    countries = {ctx.country_of(p) for p in people}
    if len(countries) == 1 and ctx.country_of(actor) not in countries:
        people.insert(0, actor)


SUBJECT_PRONOUNS = frozenset({"il", "elle"})


def _subject_pronoun(tok, lex: Lexicon) -> bool:
    """Whether ``tok`` is "il"/"elle" as the personal subject of its clause.

    Read from the words around it, without a dependency parse (the build does not run the
    parser): not after a preposition ("avec elle"), not the impersonal "il" ("il y a",
    "il faut": the words that follow it are listed in ``lexicon/impersonal.txt``).
    """
    if tok.lower_ not in SUBJECT_PRONOUNS or tok.pos_ != "PRON":
        return False
    doc = tok.doc
    if tok.i > 0 and doc[tok.i - 1].pos_ == "ADP":
        return False
    after = " ".join(t.lower_.replace("’", "'") for t in doc[tok.i + 1 : tok.i + 3])
    after = after.replace("' ", "'")  # "s’ agit" is one word of the list
    return tok.lower_ == "elle" or not any(
        after == w or after.startswith(w + " ") for w in lex.word_list("impersonal")
    )


@dataclass
class SentenceView:
    """What the event rules read of one sentence: its triggers, dates and participants."""

    n: int  # the sentence's index in the document
    info: SentenceInfo
    triggers: list[TriggerSpan]
    contact_trigs: list[TriggerSpan]  # the triggers that tell a contact that took place
    dates: list  # kg.extract.dates.DateMention (day or month)
    participants: list  # kg.extract.document.Person
    used_dates: set[int] = field(default_factory=set)


@dataclass
class EventReader:
    """Reads a document's events sentence by sentence, remembering what was told."""

    ctx: Context
    events: list[Event] = field(default_factory=list)
    contact_pairs: list[frozenset] = field(default_factory=list)
    last_dated: dict[int, int] = field(default_factory=dict)  # id(official) → sentence
    last_date_sentence: int = -1  # the last story sentence that gave a date
    previous: tuple[int, list, set] = (-1, [], set())  # last story sentence: n, dates, official ids
    # the dates of the last sentence that dated something (not the page's date line), and how
    # many sentences telling something (a trigger, an official) were read since
    told_dates: tuple[int, list] = (0, [])

    def view(self, n: int, info) -> SentenceView:
        """The triggers, dates and participants of sentence ``n``, with the rules that drop
        triggers: plans, topics, contacts told again, weak triggers with one country."""
        ctx = self.ctx
        triggers = _triggers(info, ctx)
        contact = [
            t
            for t in triggers
            if t.contact and not _planned(t, info, ctx) and not _topic(t, info, ctx)
        ]
        if any(e.participants for e in self.events):
            # "Au cours de leur entretien, …" speaks of the contact already told
            contact = [t for t in contact if not _anaphoric(t, info)]
        participants = _participants(info, ctx)
        _host_of_passive(info, ctx, contact, participants)
        countries = {ctx.country_of(p) for p in participants}
        if len(countries) < 2:
            # "a présidé la séance", "a présenté le rapport": no one met anyone
            contact = [t for t in contact if t.mode != "weak"]
        if not contact and len(countries) >= 2:
            # a signing ceremony brings its signatories together
            contact = [t for t in triggers if t.kind == "Signing"]
        return SentenceView(n, info, triggers, contact, _dates(info, ctx), participants)

    def add(self, e: Event) -> None:
        self.events.append(e)
        if e.participants:
            self.contact_pairs.append(frozenset(id(o) for o in e.participants))

    # -- the rules, in the order a sentence is read ------------------------------------------
    def story(self, v: SentenceView) -> None:
        """A story sentence: its listed guests, or its contact, then its other dates."""
        made = False
        if not v.contact_trigs:
            listed = _listed_contacts(v.info, self.ctx, v.participants)
            for e in listed:
                self.add(e)
            if listed:
                return
        elif v.participants:
            made = self.contact(v)
        if v.dates:
            self.last_date_sentence = v.n
        self.count_told(v)
        self.other_dates(v, made)
        named = {
            id(self.ctx.officials[id(p)]) for p in v.participants if id(p) in self.ctx.officials
        }
        self.previous = (v.n, v.dates, named)

    def contact(self, v: SentenceView) -> bool:
        """The contact a sentence tells: one event per group of participants who met."""
        ctx, info = self.ctx, v.info
        main = _main_triggers(v.contact_trigs, info)
        kind = min(
            (t.kind for t in main),
            key=lambda k: KIND_PRIORITY.index(k) if k in KIND_PRIORITY else 99,
        )
        of_kind = [t for t in main if t.kind == kind]
        verbs = [t for t in of_kind if info.sent.doc[t.start].pos_ in ("VERB", "AUX")]
        trig = (verbs or of_kind)[0]
        groups = _groups(info, ctx, v.contact_trigs, trig, v.participants)
        date_i = _contact_date(v.dates, trig, v.triggers, info)
        if kind == "Reception":
            groups = [_with_guest(g, ctx) for g in groups]
        made = False
        for group in groups:
            officials = [ctx.officials[id(p)] for p in group if id(p) in ctx.officials]
            if not officials:
                continue
            e = Event(
                kind=kind,
                participants=officials,
                evidence=[sentence_evidence(ctx, info)],
            )
            _set_place(e, either(_place(info, ctx), ctx.document.place), ctx)
            self.date(e, v, date_i)
            e.countries = _countries(e, ctx, info)
            self.add(e)
            made = True
            if e.start is not None:
                for o in e.participants:
                    self.last_dated[id(o)] = v.n
        last = self.events[-1] if made else None
        ctx.told = Told(
            kind,
            list(v.participants),
            last.start if last else None,
            last.end if last else None,
            partial(_place, info, ctx),
            open_list=info.text.rstrip().endswith(LIST_COLONS),
        )
        if len(v.participants) >= 2:
            ctx.last_contact = v.participants
        ctx.last_actor = v.participants[0]
        if kind == "Visit":
            ctx.last_visit = list(v.participants)
        return made

    def date(self, e: Event, v: SentenceView, date_i: int | None) -> None:
        """A contact's date: its own, the one told "le même jour", or that of the last dated
        contact of one of its participants (when the sentence gives no date)."""
        text = v.info.text.lower()
        if date_i is not None:
            e.start, e.end = v.dates[date_i].first, v.dates[date_i].last
            v.used_dates.add(date_i)
        elif any(w in text for w in SAME_DAY_WORDS):
            prev = next(
                (x for x in reversed(self.events) if x.start is not None and x.participants), None
            )
            if prev is not None:
                e.start = prev.start
        elif not any(w in text for w in BEFORE_WORDS) and not sentence_dates(
            v.info.text, _pub(self.ctx)
        ):
            prev = _recent_dated(self.events, e, self.last_dated, v.n, self.last_date_sentence)
            if prev is not None:
                e.start = prev.start
            else:
                self.date_pointed_back(e, v)
                if e.start is None:
                    self.date_from_previous(e, v)

    def date_from_previous(self, e: Event, v: SentenceView) -> None:
        """A dateless contact right after a dated sentence that names one of its participants
        ("X est arrivé le 22 janvier à … . À l'aéroport, le président a été reçu par Y") or
        that it points back to ("… ont établi des relations le 13 janvier. Ce document a été
        signé par …") happened on that sentence's (first) date."""
        n, dates, named = self.previous
        if n != v.n - 1 or not dates:
            return
        first = v.info.sent[0].lower_ if len(v.info.sent) else ""
        if first in DEMONSTRATIVES or any(id(o) in named for o in e.participants):
            e.start, e.end = dates[0].first, dates[0].last

    def date_pointed_back(self, e: Event, v: SentenceView) -> None:
        """A dateless contact opened by a demonstrative ("Ce document a été signé par …")
        points back to what was told last: it took place on the last date the story gave,
        past the page's date line ("Publié le …"), a photo credit and at most
        :data:`POINTED_BACK` sentences that tell something, none giving another date."""
        since, dates = self.told_dates
        first = v.info.sent[0].lower_ if len(v.info.sent) else ""
        if dates and first in DEMONSTRATIVES and since <= POINTED_BACK:
            e.start, e.end = dates[0].first, dates[0].last

    def count_told(self, v: SentenceView) -> None:
        """Keep the last dates told, and count the sentences that tell something since (a
        photo credit "(DR)" or the page's date line tells nothing)."""
        if v.dates and not _date_line(v, self.ctx):
            self.told_dates = (0, v.dates)
        elif v.triggers or v.participants:
            self.told_dates = (self.told_dates[0] + 1, self.told_dates[1])

    def caption(self, v: SentenceView) -> None:
        """A photo caption showing officials of two countries whose contact the story did
        not tell: a meeting (its dates were read with the story)."""
        ctx = self.ctx
        officials = [ctx.officials[id(p)] for p in v.participants if id(p) in ctx.officials]
        key = frozenset(id(o) for o in officials)
        if len({o.country for o in officials}) < 2 or any(key <= k for k in self.contact_pairs):
            return
        e = Event(kind="Meeting", participants=officials, evidence=[sentence_evidence(ctx, v.info)])
        if v.dates:
            e.start, e.end = v.dates[0].first, v.dates[0].last
        e.countries = _countries(e, ctx, v.info)
        self.add(e)

    def other_dates(self, v: SentenceView, made: bool) -> None:
        """The dates no contact took: events of the nearest other trigger's kind."""
        other = [t for t in v.triggers if not t.contact]
        for i, d in enumerate(v.dates):
            if i in v.used_dates:
                continue
            kind = _nearest_kind(other, d, v.info) or (
                v.contact_trigs[0].kind if v.contact_trigs and not made else "OtherEvent"
            )
            if kind == "OtherEvent" and not v.triggers and _page_date(d, self.ctx):
                continue  # "21 janvier 2026", "Publié le …": the page's date line
            e = Event(
                kind=kind,
                start=d.first,
                end=d.last,
                evidence=[sentence_evidence(self.ctx, v.info)],
            )
            _set_place(e, _place(v.info, self.ctx), self.ctx)
            e.countries = _countries(e, self.ctx, v.info)
            self.events.append(e)


def read_events(infos: list, ctx: Context) -> list[Event]:
    """Every contact and dated event of the document, in reading order.

    Story sentences are read first, captions after: a photo caption of a visit is the visit
    already told, and only adds a meeting when it shows a pair the story did not.
    """
    reader = EventReader(ctx)
    for n, info in enumerate(infos):
        reader.story(reader.view(n, info))
    for n, info in enumerate(infos):
        if info.part != "caption":
            continue
        v = reader.view(n, info)
        if not v.contact_trigs and len(v.participants) >= 2:
            reader.caption(v)
    events = _merge_retold(_merge_told_twice(reader.events, infos, ctx), ctx)
    # the places still to tell: those of the events kept (a merged event's is not asked)
    ctx.later = {id(e): ctx.later[id(e)] for e in events if id(e) in ctx.later}
    return events


def _listed_contacts(info, ctx: Context, participants: list) -> list[Event]:
    """The guests of the contact told just before, listed in a sentence of their own ("Il
    s'agit de MM. A, ambassadeur de …, et B, …"; the lines after "a reçu en audience :"):
    one contact of the hosts with the guests of each country."""
    told = ctx.told
    if told is None or not told.hosts:
        return []
    opener = " ".join(info.text.lower().split()).startswith(LIST_OPENERS)
    if not (opener or told.open_list):
        return []
    guests = [p for p in participants if p not in told.hosts]
    if not guests:
        told.open_list = False  # the list ends at the first sentence naming no one
        return []
    out = []
    for group in _host_groups(told.hosts, guests, ctx):
        officials = [ctx.officials[id(p)] for p in group if id(p) in ctx.officials]
        if len(officials) < 2:
            continue
        e = Event(
            kind=told.kind,
            participants=officials,
            evidence=[sentence_evidence(ctx, info)],
        )
        _set_place(e, either(told.place(), ctx.document.place), ctx)
        e.start, e.end = told.start, told.end
        e.countries = _countries(e, ctx, info)
        out.append(e)
    return out


def _host_groups(hosts: list, guests: list, ctx: Context) -> list[list]:
    """One host receiving guests of several countries: the hosts with each country's guests
    (guests are never paired with each other); a guest of no known country comes alone."""
    own = {ctx.country_of(h) for h in hosts}
    groups: dict[str | int, list[Person]] = {}
    for g in guests:
        c = ctx.country_of(g)
        key = c if c is not None and c not in own else id(g)
        groups.setdefault(key, []).append(g)
    return [hosts + gs for gs in groups.values()]


def _merge_retold(events: list[Event], ctx: Context) -> list[Event]:
    """The same contact told twice — in the title or a caption, then in the story — is one
    event: a contact of the same kind, participants and date (or no date) as an earlier
    one folds into it."""
    out: list[Event] = []
    for e in events:
        key = {id(o) for o in e.participants}
        twin = None
        if e.participants:
            # same kind, same people (or some of them: "X lors de la conversation", a caption)
            twin = next(
                (
                    d
                    for d in out
                    if d.kind == e.kind
                    and key <= {id(o) for o in d.participants}
                    and (len(key) < len(d.participants) or len(key) >= 2)
                    and (e.start is None or d.start is None or d.start == e.start)
                ),
                None,
            )
        if twin is None:
            out.append(e)
            continue
        if twin.start is None and e.start is not None:
            twin.start, twin.end = e.start, e.end
        twin.evidence += [x for x in e.evidence if x not in twin.evidence]
        _set_place(twin, either(_place_of(twin, ctx), _place_of(e, ctx)), ctx)
    return out


def _merge_told_twice(events: list[Event], infos: list, ctx: Context) -> list[Event]:
    """A document that dates an event without naming who took part ("Le 6e Dialogue …, le
    4 juillet à Tokyo") and later names them without the date ("les deux vice-ministres …
    le dialogue") tells one event: the only dated event of that kind takes the participants."""
    out = list(events)
    for e in events:
        if e.start is not None or not e.participants:
            continue
        if any(w in e.evidence[0].sentence.lower() for w in BEFORE_WORDS):
            continue
        dated = [d for d in out if d.kind == e.kind and d.start is not None]
        if len(dated) != 1 or dated[0].participants:
            continue
        d = dated[0]
        d.participants = list(e.participants)
        d.countries = sorted(set(d.countries) | set(e.countries))
        d.evidence += [x for x in e.evidence if x not in d.evidence]
        _set_place(d, either(_place_of(d, ctx), _place_of(e, ctx)), ctx)
        out.remove(e)
    return out


def _recent_dated(
    events: list[Event], e: Event, last_dated: dict[int, int], n: int, last_date_sentence: int
) -> Event | None:
    """The last dated contact of one of ``e``'s participants, told at most three sentences
    earlier or with no other date told since: "Après la cérémonie d'accueil, les deux
    présidents se sont entretenus", "la délégation a été accueillie à l'aéroport par …"
    happen the same day."""
    best = None
    for o in e.participants:
        k = last_dated.get(id(o))
        if k is not None and (n - k <= 3 or k >= last_date_sentence):
            for prev in reversed(events):
                if prev.start is not None and any(p is o for p in prev.participants):
                    if best is None or events.index(prev) > events.index(best):
                        best = prev
                    break
    return best


def _person_of(ctx: Context, m):
    for p in ctx.people:
        if p.matches(m.key):
            return p
    return None


def _invitation_split(
    info, ctx: Context, trigs: list[TriggerSpan], participants: list
) -> list[list] | None:
    """ "visites … sur invitation de A (Cuba), de B (Argentine) et de C (Uruguay)": one visit
    per host country, each with the visitors (named here, or those of the last visit)."""
    doc = info.sent.doc
    inv = next((t for t in trigs if "invitation" in doc[t.start : t.end].text.lower()), None)
    if inv is None:
        return None
    hosts, visitors = [], []
    for p in participants:
        ms = [m for m in info.mentions if p.matches(m.key)]
        if ms and min(m.start for m in ms) > inv.start:
            hosts.append(p)
        else:
            visitors.append(p)
    # hosts named right after "à l'invitation de", before the main clause, come first in the
    # sentence; the visitor is then the subject named after them
    if not visitors:
        visitors = [p for p in ctx.last_visit if p not in hosts]
    host_countries = sorted({c for h in hosts if (c := ctx.country_of(h))})
    if len(host_countries) < 2 or not visitors:
        if visitors and hosts and not [p for p in participants if p in visitors]:
            return [visitors + hosts]
        return None
    groups = []
    for c in host_countries:
        groups.append(visitors + [h for h in hosts if ctx.country_of(h) == c])
    return groups


def _nearest_kind(trigs: list[TriggerSpan], d, info) -> str | None:
    if not trigs:
        return None
    doc = info.sent.doc
    base = info.start

    def dist(t: TriggerSpan) -> int:
        tstart = doc[t.start].idx - base
        return abs(tstart - d.start)

    best = min(trigs, key=dist)
    return best.kind


def _countries(e: Event, ctx: Context, info) -> list[str]:
    out: list[str] = []
    for o in e.participants:
        if o.country and o.country not in out:
            out.append(o.country)
    if not out:
        for s in ctx.idx.in_sentence(info.sent, "COUNTRY", "DEMONYM", "ORG"):
            code = ctx.idx.place_code(s)
            if code and code not in out:
                out.append(code)
    if len(out) < 2 and ctx.pair:
        if not out or out[0] in ctx.pair:
            for c in ctx.pair:
                if c not in out:
                    out.append(c)
    return sorted(out)
