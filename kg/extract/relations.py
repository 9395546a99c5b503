"""Country–country relations: a relation phrase of the lexicon and the two parties it binds.

The parties come, in this order, from: "entre le Vietnam et la Hongrie"; a hyphenated pair
("Vietnam-Russie", "Vietnam – Royaume-Uni", "franco-vietnamien"); "les deux pays" (the
document's two main countries); the countries the sentence names; the document's pair. A
cooperation agreement counts only when the sentence tells a signing that happened, not one
to be negotiated. ``since`` is the first date of a sentence that tells the establishment.
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.extract.events import Context, sentence_dates, sentence_evidence
from kg.extract.mentions import LexSpan, compound_countries
from kg.facts import Relation
from kg.lexicon import load_lexicon

PAIR_NOUNS = load_lexicon().required_words("pair_nouns")
SEPARATORS = {"-", "–", "—", "‑"}
POSTED_IN = {"en", "au", "aux"}
ENVOYS = ("ambassad", "consul", "chargé", "chargée")


def _codes_in(info, ctx: Context) -> list[tuple[int, str]]:
    """(token, code) of every country or intergovernmental organisation named in a sentence."""
    out: list[tuple[int, str]] = []
    for s in ctx.idx.in_sentence(info.sent, "COUNTRY", "ORG", "DEMONYM"):
        code = ctx.idx.place_code(s)
        if not code:
            continue
        if s.label == "ORG":
            org = ctx.lex.organizations.get(s.ident)
            if org is None or org.kind != "intergovernmental":
                continue
        if _posting(info, ctx, s):
            continue
        out.append((s.start, code))
    for tok in ctx.idx.hyphenated(info.sent):
        for code in compound_countries(tok, ctx.lex):
            out.append((tok.i, code))
    return sorted(out)


def _posting(info, ctx: Context, s: LexSpan) -> bool:
    """ "ambassadeur de Monaco en France": the country an envoy is posted in is no party of
    what the envoy's country does."""
    doc = info.sent.doc
    if s.start - 1 <= info.sent.start or doc[s.start - 1].lower_ not in POSTED_IN:
        return False
    titles = [
        t
        for t in ctx.idx.in_sentence(info.sent, "TITLE")
        if t.end <= s.start and s.start - t.end <= 6
    ]
    return any(doc[t.start].lower_.startswith(ENVOYS) for t in titles)


def _between(info, ctx: Context, near: int) -> tuple[str, str] | None:
    """ "entre (le|la|l') X et (le|la|l') Y" nearest to token ``near``."""
    doc = info.sent.doc
    best = None
    for tok in info.sent:
        if tok.lower_ != "entre":
            continue
        first = second = None
        for j in range(tok.i + 1, min(info.sent.end, tok.i + 14)):
            s = ctx.idx.span_at(j, "COUNTRY", "ORG", "DEMONYM")
            code = ctx.idx.place_code(s) if s else None
            if code is None:
                if doc[j].lower_ in ("et",) and first is not None:
                    continue
                continue
            if first is None:
                first = code
            elif code != first:
                second = code
                break
        if first and second:
            dist = abs(tok.i - near)
            if best is None or dist < best[0]:
                best = (dist, (first, second))
    return best[1] if best else None


def _hyphen_pair(info, ctx: Context, near: int) -> tuple[str, str] | None:
    doc = info.sent.doc
    cands = []
    spans = sorted(ctx.idx.in_sentence(info.sent, "COUNTRY", "ORG"), key=lambda s: s.start)
    for a, b in zip(spans, spans[1:]):
        between = doc[a.end : b.start]
        if 1 <= len(between) <= 1 and between.text in SEPARATORS:
            ca, cb = ctx.idx.place_code(a), ctx.idx.place_code(b)
            if ca and cb and ca != cb:
                cands.append((abs(a.start - near), (ca, cb)))
    for tok in ctx.idx.hyphenated(info.sent):
        codes = compound_countries(tok, ctx.lex)
        if len(set(codes)) >= 2:
            cands.append((abs(tok.i - near), (codes[0], codes[1])))
    return min(cands)[1] if cands else None


def _pair_noun(info) -> bool:
    toks = [t.lower_ for t in info.sent]
    return any(w == "deux" and toks[i + 1] in PAIR_NOUNS for i, w in enumerate(toks[:-1])) or any(
        w.startswith("bilatéra") for w in toks
    )


LIST_GLUE = {",", "et", "de", "du", "des", "d'", "d’", "la", "le", "l'", "l’", "les"}


def _skip_aside(doc, j: int, stop: int) -> int:
    """The token after a parenthesised aside opening at ``j`` ("la Jamaïque (Michael
    Manley)"), or ``j`` itself when none opens there."""
    if doc[j].text != "(":
        return j
    for k in range(j + 1, min(stop, j + 12)):
        if doc[k].text == ")":
            return k + 1
    return j


def enumerated_parties(info, ctx: Context, start: int, end: int) -> list[tuple[str, str]]:
    """ "A, B, C et D ont établi des relations diplomatiques avec X": one pair per listed
    state with X. The list is two or more countries joined only by commas, "et",
    articles and parenthesised asides, ending a few tokens before the phrase; X is the
    country right after "avec" following the phrase."""
    doc = info.sent.doc
    avec = next((t.i for t in doc[start : min(info.sent.end, end + 4)] if t.lower_ == "avec"), None)
    if avec is None:
        return []
    other = _counterpart(ctx, avec)
    if other is None:
        return []
    listed: list[str] = []
    gap_end = None
    for i, code in _codes_in(info, ctx):
        if i >= start:
            break
        span = ctx.idx.span_at(i, "COUNTRY", "ORG", "DEMONYM")
        after = span.end if span else i + 1
        if gap_end is not None and not _glued(doc, gap_end, i):
            listed = []
        listed.append(code)
        gap_end = _skip_aside(doc, after, info.sent.end)
    if gap_end is None or start - gap_end > 4 or len(set(listed)) < 2:
        return []
    return [(c, other) for c in dict.fromkeys(listed) if c != other]


def _counterpart(ctx: Context, avec: int) -> str | None:
    """The state named right after "avec": a country, or its capital standing for it
    ("avec La Havane")."""
    for j in range(avec + 1, avec + 4):
        s = ctx.idx.span_at(j, "COUNTRY", "CAPITAL", "ORG")
        code = ctx.idx.place_code(s) if s else None
        if code:
            return code
    return None


def _glued(doc, a: int, b: int) -> bool:
    """Only list glue (commas, "et", articles, asides) between tokens ``a`` and ``b``."""
    j = a
    while j < b:
        k = _skip_aside(doc, j, b + 1)
        if k != j:
            j = k
            continue
        if doc[j].lower_ not in LIST_GLUE:
            return False
        j += 1
    return True


def parties(info, ctx: Context, near: int) -> tuple[str, str] | None:
    """The two parties of a relation phrase at token ``near`` of the sentence."""
    for finder in (_between, _hyphen_pair):
        found = finder(info, ctx, near)
        if found:
            return found
    if _pair_noun(info) and ctx.pair:
        return ctx.pair
    codes: list[str] = []
    for _, c in sorted(_codes_in(info, ctx), key=lambda tc: abs(tc[0] - near)):
        if c not in codes:
            codes.append(c)
    home = ctx.home
    if len(codes) >= 2:
        if home in codes[:2] or home not in codes:
            return codes[0], codes[1]
        return home, codes[0]
    if len(codes) == 1:
        if home is not None and codes[0] != home:
            return home, codes[0]
        return ctx.pair
    return ctx.pair


def states_of(pair: tuple[str, str], ctx: Context) -> tuple[str, str]:
    """A relation binds states: a party read as a territory whose name a state also bears
    is that state (:meth:`~kg.extract.mentions.DocIndex.state_of`)."""
    return ctx.idx.state_of(pair[0]) or pair[0], ctx.idx.state_of(pair[1]) or pair[1]


def _since(info, ctx: Context, triggers: list[LexSpan], phrases: list[LexSpan]):
    """The date a relation began: in a sentence telling an establishment, the date that
    stands nearest the establishment or the relation phrase rather than any other event
    ("célébrant le 50e anniversaire de l'établissement …" dates the celebration; "(28 novembre
    1990 – 28 novembre 2025)" after "l'établissement de leurs relations" dates it 1990)."""
    dates = sentence_dates(info.text, ctx.document.published)
    if not dates:
        return None
    doc = info.sent.doc
    marks = [(doc[t.start].idx - info.start, t.ident.split("|")[0]) for t in triggers]
    marks += [(doc[p.start].idx - info.start, "Relation") for p in phrases]
    est = [at for at, kind in marks if kind == "Establishment"]
    best = None
    for d in dates:
        at, kind = min(marks, key=lambda m: (abs(m[0] - d.start), m[1]))
        if kind not in ("Establishment", "Relation"):
            continue
        dist = min(abs(e - d.start) for e in est)
        if best is None or dist < best[0]:
            best = (dist, d.first)
    return best[1] if best else None


def _relation(out: dict, kind: str, pair: tuple[str, str], label: str) -> Relation:
    a, b = sorted(pair)
    r = out.get((a, b, kind))
    if r is None:
        r = out[(a, b, kind)] = Relation(kind=kind, parties=(a, b), label=label)
    return r


def read_relations(infos: list, ctx: Context) -> list[Relation]:
    out: dict[tuple, Relation] = {}
    intent = ctx.lex.word_list("intent")
    for info in infos:
        spans = sorted(
            ctx.idx.in_sentence(info.sent, "RELATION"), key=lambda s: (s.start, -(s.end - s.start))
        )
        # longest phrase wins where two overlap ("partenariat stratégique intégral" ⊃ "partenariat stratégique")
        chosen: list[LexSpan] = []
        for s in spans:
            if any(c.start <= s.start < c.end or s.start <= c.start < s.end for c in chosen):
                continue
            chosen.append(s)
        if not chosen:
            continue
        triggers = ctx.idx.in_sentence(info.sent, "TRIGGER")
        kinds = {t.ident.split("|")[0] for t in triggers}
        words = {t.lower_ for t in info.sent}
        since = _since(info, ctx, triggers, chosen) if "Establishment" in kinds else None
        # the date goes to the relation the establishment is told of: the phrase nearest it
        est = [t.start for t in triggers if t.ident.startswith("Establishment|")]
        dated = min(chosen, key=lambda c: min(abs(c.start - e) for e in est)) if est else None
        for s in chosen:
            kind = s.ident
            if kind == "CooperationAgreement":
                if "Signing" not in kinds or words & intent:
                    continue
            pairs: Sequence[tuple[str, str] | None] = enumerated_parties(
                info, ctx, s.start, s.end
            ) or [parties(info, ctx, s.start)]
            for pair in pairs:
                if not pair or pair[0] == pair[1]:
                    continue
                pair = states_of(pair, ctx)
                r = _relation(out, kind, pair, info.sent.doc[s.start : s.end].text)
                ev = sentence_evidence(ctx, info)
                if ev not in r.evidence:
                    r.evidence.append(ev)
                if since is not None and s is dated and r.since is None:
                    r.since = since
    return list(out.values())
