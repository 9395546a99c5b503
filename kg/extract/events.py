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

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from kg.extract.dates import find_dates
from kg.extract.mentions import DocIndex, LexSpan
from kg.facts import Document, Event, Evidence
from kg.lexicon import Lexicon
from kg.nlp import set_entities

# When several contact triggers share a sentence, the most specific names the contact.
KIND_PRIORITY = ["PhoneCall", "VideoCall", "Reception", "Visit", "Talks", "Meeting", "Signing"]
PAIR_WORDS = {"deux"}
GROUP_NOUNS = {"responsables", "dirigeants", "ministres", "vice-ministres", "présidents",
               "chefs", "parties", "délégations", "diplomates", "leaders", "homologues",
               "secrétaires", "ambassadeurs", "généraux", "premiers"}
SAME_DAY_WORDS = {"le même jour", "ce même jour", "le jour même"}
BEFORE_WORDS = {"auparavant", "précédemment", "plus tôt", "la veille"}


@dataclass
class Context:
    document: Document
    idx: DocIndex
    lex: Lexicon
    pair: tuple[str, str] | None
    people: list            # kg.extract.document.Person
    officials: dict          # id(person) -> Official
    country_of: Callable
    last_contact: list = field(default_factory=list)   # people of the last contact event
    last_visit: list = field(default_factory=list)     # visitors of the last visit
    last_actor: object = None                            # first party of the last contact
    entities: Callable = set_entities                    # a sentence's named entities
    places: dict = field(default_factory=dict)           # (sentence start, end) -> _place


def _evidence(ctx: Context, info) -> Evidence:
    return Evidence(ctx.document.identifier, " ".join(info.text.split()), info.start, info.end)


def _triggers(info, ctx: Context) -> list[LexSpan]:
    return sorted(ctx.idx.in_sentence(info.sent, "TRIGGER"), key=lambda s: s.start)


def _kind(span: LexSpan) -> tuple[str, bool]:
    kind, _, contact = span.ident.partition("|")
    return kind, contact in ("contact", "weak")


def _weak(span: LexSpan) -> bool:
    return span.ident.endswith("|weak")


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
            if low[i:i + len(words)] == words:
                start = info.sent.start + i
                end = info.sent.end
                if i <= 1:
                    end = next((info.sent.start + j for j in range(i, len(low)) if low[j] == ","), end)
                return start, end
    return None


def _demonym_people(info, ctx: Context, start: int, end: int) -> list:
    """People referred to by a demonym in tokens [start, end): "le dirigeant sud-africain",
    "la délégation cubaine" → the official of that country named in the document."""
    out = []
    for s in ctx.idx.in_sentence(info.sent, "DEMONYM"):
        if not (start <= s.start < end):
            continue
        prev = [t.lower_ for t in info.sent.doc[max(info.sent.start, s.start - 3):s.start]]
        heads = ctx.idx.in_sentence(info.sent, "TITLE")
        after_title = any(h.end <= s.start <= h.end + 1 for h in heads)
        if not after_title and not any(w in ctx.lex.word_list("references") or w.startswith("délégation")
                                       for w in prev):
            continue
        cands = [p for p in ctx.people if ctx.country_of(p) == s.ident and id(p) in ctx.officials]
        if cands:
            out.append(min(cands, key=lambda p: p.first_seen))
    return out


def _group_reference(info, ctx: Context) -> list:
    """"les deux ministres / responsables / présidents vietnamien et indonésien" → the two
    officials of the last contact, else the first official of each main country."""
    toks = [t.lower_ for t in info.sent]
    for i, w in enumerate(toks[:-1]):
        if w in PAIR_WORDS and toks[i + 1] in GROUP_NOUNS:
            if ctx.last_contact and len(ctx.last_contact) >= 2:
                return list(ctx.last_contact)
            if toks[i + 1] in ("parties", "délégations"):
                return []       # "les deux parties" may be two countries, not two people
            if ctx.pair:
                out = []
                for c in ctx.pair:
                    cands = [p for p in ctx.people if ctx.country_of(p) == c and id(p) in ctx.officials]
                    if cands:
                        out.append(min(cands, key=lambda p: p.first_seen))
                if len(out) == 2:
                    return out
    return []


def _place(info, ctx: Context) -> str | None:
    """The place of the sentence's events, looked for once per sentence (not per event:
    a sentence of N dates would cost N scans of itself)."""
    key = (info.sent.start, info.sent.end)
    if key not in ctx.places:
        ctx.places[key] = _find_place(info, ctx)
    return ctx.places[key]


def _find_place(info, ctx: Context) -> str | None:
    doc = info.sent.doc
    for s in ctx.idx.in_sentence(info.sent, "CAPITAL"):
        if s.start > info.sent.start and doc[s.start - 1].lower_ in ("à", "a"):
            return doc[s.start:s.end].text
    if not any(t.lower_ == "à" for t in info.sent[:-1]):
        return None         # no "à" before a word: no need to ask the entity recogniser
    for ent in ctx.entities(info.sent):
        if ent.label_ == "LOC" and ent.start > info.sent.start and doc[ent.start - 1].lower_ == "à":
            return ent.text
    return None


def _pub(ctx: Context) -> str | None:
    return ctx.document.published


def sentence_dates(text: str, published: str | None):
    """Every date of a sentence (cached: events and relations both ask)."""
    if not any(ch.isdigit() for ch in text) and "premier" not in text.lower():
        return []
    return _sentence_dates(text, published)


@lru_cache(maxsize=4096)
def _sentence_dates(text: str, published: str | None):
    return find_dates(text, published)


def _dates(info, ctx: Context):
    found = sentence_dates(info.text, _pub(ctx))
    return [d for d in found if d.precision in ("day", "month")]


def _planned(trig: LexSpan, info, ctx: Context) -> bool:
    """"la prochaine visite de X", "la visite prévue": a contact still to come names no
    meeting yet."""
    doc = info.sent.doc
    if "Inf" in doc[trig.start].morph.get("VerbForm") and doc[trig.start].pos_ == "VERB":
        return True     # "a invité son homologue à se rendre au Vietnam"
    words = {t.lower_ for t in doc[info.sent.start:min(info.sent.end, trig.end + 2)]}
    return bool(words & ctx.lex.word_list("planned"))


ANAPHORIC_FRAMES = ("lors de", "lors d", "au cours de", "au cours d", "à l'issue", "à l’issue", "après",
                    "pendant", "durant")
POSSESSIVES = {"leur", "leurs", "son", "sa", "ses", "cet", "cette", "ce", "ces"}


def _anaphoric(trig: LexSpan, info) -> bool:
    """A trigger noun under a possessive or demonstrative ("leur entretien", "cette
    visite") names a contact told before, not a new one."""
    doc = info.sent.doc
    if trig.start <= info.sent.start or doc[trig.start].pos_ != "NOUN":
        return False
    before = doc[trig.start - 1].lower_
    if before in POSSESSIVES:
        return True
    # "Lors de la rencontre, …", "À l'issue de l'entretien, …"
    frame = doc[max(info.sent.start, trig.start - 4):trig.start - 1].text.lower()
    return before in ("la", "le", "l'", "l’", "les", "des", "du") and any(f in frame for f in ANAPHORIC_FRAMES)


def _at(trig: LexSpan, info) -> int:
    return info.sent.doc[trig.start].idx - info.start


def _contact_date(dates, trig: LexSpan, triggers: list[LexSpan], info) -> int | None:
    """The date of a contact: the one nearest its trigger, among the dates no other kind of
    event stands nearer to ("a salué le partenariat, établi en décembre 2022" dates the
    establishment, not the meeting)."""
    if not dates:
        return None
    def nearest(i: int) -> LexSpan:
        return min(triggers, key=lambda t: abs(_at(t, info) - dates[i].start))
    free = [i for i in range(len(dates)) if nearest(i).ident.split("|")[0] not in CLAIMING_KINDS]
    pool = free or []
    if not pool:
        return None
    return min(pool, key=lambda i: (abs(dates[i].start - _at(trig, info)), i))


# Dates nearest to these triggers date a past milestone, not the contact told beside them.
CLAIMING_KINDS = {"Establishment", "Anniversary"}

BACKGROUND_VISIT = ("dans le cadre de", "au cours de", "lors de", "à l'occasion de",
                    "à l’occasion de", "durant", "pendant")


def _main_triggers(trigs: list[LexSpan], info) -> list[LexSpan]:
    """Contact triggers that say what happened: a visit named as the frame of another
    contact ("Dans le cadre de sa visite …, X a rencontré Y") is only its frame."""
    doc = info.sent.doc
    main = []
    for t in trigs:
        if _kind(t)[0] == "Visit":
            before = doc[max(info.sent.start, t.start - 5):t.start].text.lower()
            guest = t.start > info.sent.start and doc[t.start - 1].lower_ == "en"   # "Y, en visite"
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


def _bilateral_split(info, ctx: Context, trig: LexSpan, participants: list) -> list[list] | None:
    """"A a rencontré le secrétaire d'État américain B, le ministre russe C et le ministre
    chinois D": three bilateral meetings, A's side with each other country's officials."""
    countries = {ctx.country_of(p) for p in participants}
    if len(countries) < 3:
        return None
    at = trig.start
    before = []
    for p in participants:
        ms = [m for m in info.mentions if p.matches(m.key) and m.start < at]
        if ms:
            before.append((max(m.start for m in ms), p))
    if not before:
        return None
    side = ctx.country_of(max(before, key=lambda x: x[0])[1])
    own = [p for p in participants if ctx.country_of(p) == side]
    groups = []
    for c in sorted(c for c in countries if c != side and c is not None):
        groups.append(own + [p for p in participants if ctx.country_of(p) == c])
    return groups or None


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
    # "Il a également rencontré …": the subject pronoun is the last contact's first party
    if ctx.last_actor is not None and any(_subject_pronoun(t, ctx.lex) for t in info.sent):
        if ctx.last_actor not in people:
            people.insert(0, ctx.last_actor)
    named = {ctx.country_of(p) for p in people}
    refs = [p for p in _demonym_people(info, ctx, info.sent.start, info.sent.end)
            if ctx.country_of(p) not in named]
    refs += _group_reference(info, ctx)
    return list(dict.fromkeys(people + refs))


def _subject_pronoun(tok, lex: Lexicon) -> bool:
    """Whether ``tok`` is "il"/"elle" as the personal subject of its clause.

    Read from the words around it, without a dependency parse (the build does not run the
    parser): not after a preposition ("avec elle"), not the impersonal "il" ("il y a",
    "il faut": the words that follow it are listed in ``lexicon/impersonal.txt``).
    """
    if tok.lower_ not in ("il", "elle") or tok.pos_ != "PRON":
        return False
    doc = tok.doc
    if tok.i > 0 and doc[tok.i - 1].pos_ == "ADP":
        return False
    after = " ".join(t.lower_.replace("’", "'") for t in doc[tok.i + 1:tok.i + 3])
    after = after.replace("' ", "'")          # "s’ agit" is one word of the list
    return tok.lower_ == "elle" or not any(
        after == w or after.startswith(w + " ") for w in lex.word_list("impersonal"))


def read_events(infos: list, ctx: Context) -> list[Event]:
    """Every contact and dated event of the document, in reading order.

    Story sentences are read first, captions after: a photo caption of a visit is the visit
    already told, and only adds a meeting when it shows a pair the story did not.
    """
    events: list[Event] = []
    contact_pairs: list[frozenset] = []
    last_dated: dict[int, int] = {}       # id(official) -> index of its last dated contact
    last_date_sentence = -1               # the last story sentence that gave a date
    # Sentences are read in order; a photo caption that only shows people together is read
    # last, so it adds a meeting only when the story told no contact between them.
    order = list(range(len(infos))) + [i for i, x in enumerate(infos) if x.part == "caption"]
    seen: set[int] = set()
    for n in order:
        info = infos[n]
        late = n in seen
        seen.add(n)
        triggers = _triggers(info, ctx)
        contact_trigs = [t for t in triggers if _kind(t)[1] and not _planned(t, info, ctx)]
        if events and any(e.participants for e in events):
            # "Au cours de leur entretien, …" speaks of the contact already told
            contact_trigs = [t for t in contact_trigs if not _anaphoric(t, info)]
        dates = _dates(info, ctx)
        used_dates: set[int] = set()
        participants = _participants(info, ctx)
        if len({ctx.country_of(p) for p in participants}) < 2:
            # "a présidé la séance", "a présenté le rapport": no one met anyone
            contact_trigs = [t for t in contact_trigs if not _weak(t)]
        if not contact_trigs and len({ctx.country_of(p) for p in participants}) >= 2:
            # a signing ceremony brings its signatories together
            contact_trigs = [t for t in triggers if _kind(t)[0] == "Signing"]
        made = False
        if late and not (not contact_trigs and len(participants) >= 2):
            continue
        if not late and contact_trigs and participants:
            main = _main_triggers(contact_trigs, info)
            kinds = [_kind(t)[0] for t in main]
            kind = min(kinds, key=lambda k: KIND_PRIORITY.index(k) if k in KIND_PRIORITY else 99)
            of_kind = [t for t in main if _kind(t)[0] == kind]
            verbs = [t for t in of_kind if info.sent.doc[t.start].pos_ in ("VERB", "AUX")]
            trig = (verbs or of_kind)[0]
            groups = (_invitation_split(info, ctx, contact_trigs, participants)
                      or _bilateral_split(info, ctx, trig, participants) or [participants])
            date_i = _contact_date(dates, trig, triggers, info)
            if kind == "Reception":
                groups = [_with_guest(g, ctx) for g in groups]
            for group in groups:
                officials = [ctx.officials[id(p)] for p in group if id(p) in ctx.officials]
                if not officials:
                    continue
                e = Event(kind=kind, participants=officials, evidence=[_evidence(ctx, info)],
                          place=_place(info, ctx) or ctx.document.place)
                if date_i is not None:
                    e.start, e.end = dates[date_i].first, dates[date_i].last
                    used_dates.add(date_i)
                elif any(w in info.text.lower() for w in SAME_DAY_WORDS):
                    prev = next((x for x in reversed(events) if x.start is not None and x.participants), None)
                    if prev is not None:
                        e.start = prev.start
                elif not any(w in info.text.lower() for w in BEFORE_WORDS) and \
                        not sentence_dates(info.text, _pub(ctx)):
                    prev = _recent_dated(events, e, last_dated, n, last_date_sentence)
                    if prev is not None:
                        e.start = prev.start
                e.countries = _countries(e, ctx, info)
                events.append(e)
                made = True
                contact_pairs.append(frozenset(id(o) for o in e.participants))
                if e.start is not None:
                    for o in e.participants:
                        last_dated[id(o)] = n
            if len(participants) >= 2:
                ctx.last_contact = participants
            ctx.last_actor = participants[0]
            if kind == "Visit":
                ctx.last_visit = list(participants)
        elif late:
            officials = [ctx.officials[id(p)] for p in participants if id(p) in ctx.officials]
            key = frozenset(id(o) for o in officials)
            countries = {o.country for o in officials}
            if len(countries) >= 2 and not any(key <= k for k in contact_pairs):
                e = Event(kind="Meeting", participants=officials, evidence=[_evidence(ctx, info)])
                if dates:
                    e.start, e.end = dates[0].first, dates[0].last
                    used_dates.add(0)
                e.countries = _countries(e, ctx, info)
                events.append(e)
                contact_pairs.append(key)
            continue    # the caption's dates were read with the story
        if dates:
            last_date_sentence = n
        # the other dates of the sentence
        other_trigs = [t for t in triggers if not _kind(t)[1]]
        for i, d in enumerate(dates):
            if i in used_dates:
                continue
            kind = _nearest_kind(other_trigs, d, info) or (
                _kind(contact_trigs[0])[0] if contact_trigs and not made else "OtherEvent")
            e = Event(kind=kind, start=d.first, end=d.last, evidence=[_evidence(ctx, info)],
                      place=_place(info, ctx))
            e.countries = _countries(e, ctx, info)
            events.append(e)
    return _merge_retold(_merge_told_twice(events, infos))


def _merge_retold(events: list[Event]) -> list[Event]:
    """The same contact told twice — in the title or a caption, then in the story — is one
    event: a contact of the same kind, participants and date (or no date) as an earlier
    one folds into it."""
    out: list[Event] = []
    for e in events:
        key = {id(o) for o in e.participants}
        twin = None
        if e.participants:
            # same kind, same people (or some of them: "X lors de la conversation", a caption)
            twin = next((d for d in out if d.kind == e.kind and key <= {id(o) for o in d.participants}
                         and (len(key) < len(d.participants) or len(key) >= 2)
                         and (e.start is None or d.start is None or d.start == e.start)), None)
        if twin is None:
            out.append(e)
            continue
        if twin.start is None and e.start is not None:
            twin.start, twin.end = e.start, e.end
        twin.evidence += [x for x in e.evidence if x not in twin.evidence]
        twin.place = twin.place or e.place
    return out


def _merge_told_twice(events: list[Event], infos: list) -> list[Event]:
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
        d.place = d.place or e.place
        out.remove(e)
    return out


def _recent_dated(events: list[Event], e: Event, last_dated: dict[int, int], n: int,
                  last_date_sentence: int) -> Event | None:
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


def _invitation_split(info, ctx: Context, trigs: list[LexSpan], participants: list) -> list[list] | None:
    """"visites … sur invitation de A (Cuba), de B (Argentine) et de C (Uruguay)": one visit
    per host country, each with the visitors (named here, or those of the last visit)."""
    doc = info.sent.doc
    inv = next((t for t in trigs if "invitation" in doc[t.start:t.end].text.lower()), None)
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
    host_countries = sorted({ctx.country_of(h) for h in hosts if ctx.country_of(h)})
    if len(host_countries) < 2 or not visitors:
        if visitors and hosts and not [p for p in participants if p in visitors]:
            return [visitors + hosts]
        return None
    groups = []
    for c in host_countries:
        groups.append(visitors + [h for h in hosts if ctx.country_of(h) == c])
    return groups


def _nearest_kind(trigs: list[LexSpan], d, info) -> str | None:
    if not trigs:
        return None
    doc = info.sent.doc
    base = info.start
    def dist(t: LexSpan) -> int:
        tstart = doc[t.start].idx - base
        return abs(tstart - d.start)
    best = min(trigs, key=dist)
    return _kind(best)[0]


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
