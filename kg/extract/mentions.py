"""Token-level reading of one parsed document: which tokens are countries, titles, names.

The lexicon spans come from the ``bkg_lexicon`` SpanRuler (``doc.spans["bkg"]``); this module
indexes them per token and finds the capitalised runs that can be a person's name. Everything
here is about *where* things are; :mod:`kg.extract.officials` decides *who* is an official.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from spacy.attrs import LOWER, ORTH
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from kg.lexicon import Lexicon
from kg.nlp import SPAN_KEY

NAME_PARTICLES_INSIDE = {
    "da",
    "dos",
    "das",
    "del",
    "di",
    "van",
    "von",
    "bin",
    "binti",
    "ibn",
    "al",
    "el",
}
ADDRESS_POSSESSIVES = {"son", "sa", "leurs", "leur", "ses"}
SURNAME_ARTICLES = {"le", "lê", "la", "lã"}
FUNCTION_WORDS = {
    "de",
    "du",
    "des",
    "d'",
    "d’",
    "la",
    "le",
    "les",
    "l'",
    "l’",
    "au",
    "aux",
    "en",
    "à",
}
_WORDY = re.compile(r"^[^\W\d_](?:[^\W\d_]|['’\-.])*$")
# a regnal number after a name ("Mohammed VI", "Charles III"): I to XXXIX
_REGNAL = re.compile(r"^X{0,3}(?:IX|IV|V?I{0,3})$")


@dataclass
class LexSpan:
    label: str  # COUNTRY, DEMONYM, CAPITAL, ORG, TITLE, TRIGGER, RELATION
    ident: str  # ISO code, organisation code, title category, trigger kind, relation kind
    start: int  # token offsets in the doc
    end: int

    def text(self, doc: Doc) -> str:
        return doc[self.start : self.end].text


@dataclass
class DocIndex:
    """Per-token view of the lexicon spans of one doc."""

    doc: Doc
    lex: Lexicon
    spans: list[LexSpan] = field(default_factory=list)
    by_token: dict[int, list[LexSpan]] = field(default_factory=dict)
    noun_lemmas: frozenset[str] = frozenset()
    _starts: list[int] = field(default_factory=list)
    runs: dict[tuple[int, int], list[NameRun]] = field(
        default_factory=dict
    )  # name_runs, per sentence
    # title chains, per sentence (kg.extract.officials.title_chains)
    chains: dict[tuple[int, int], list[Any]] = field(default_factory=dict)
    # per word list: where its words stand in the doc (word_positions)
    _positions: dict[frozenset[str], list[int]] = field(default_factory=dict)
    _capitals: list[int] | None = None
    _text: str | None = None

    @classmethod
    def build(cls, doc: Doc, lex: Lexicon, noun_lemmas: frozenset[str]) -> "DocIndex":
        idx = cls(doc, lex, noun_lemmas=noun_lemmas)
        raw = [LexSpan(s.label_, s.id_, s.start, s.end) for s in doc.spans.get(SPAN_KEY, [])]
        # longest match wins among spans of the same label family that overlap
        raw.sort(key=lambda s: (s.start, -(s.end - s.start)))
        kept: list[LexSpan] = []
        # the spans are taken in order of start: a kept span of the label overlaps a
        # (non-empty) later one when it ends after that one's start
        reach: dict[str, int] = {}  # label → the furthest end of its kept spans
        for s in raw:
            if s.start < s.end:
                clash = reach.get(s.label, -1) > s.start
            else:
                clash = any(k.label == s.label and k.start < s.start < k.end for k in kept)
            if not clash:
                kept.append(s)
                reach[s.label] = max(reach.get(s.label, -1), s.end)
        idx.spans = kept
        idx._starts = [s.start for s in kept]
        for s in kept:
            for i in range(s.start, s.end):
                idx.by_token.setdefault(i, []).append(s)
        return idx

    def span_text(self, span: Span) -> str:
        """``span.text``, cut from the Doc's text (made once per Doc: a Span makes its text
        from every one of its tokens each time it is asked)."""
        if self._text is None:
            self._text = self.doc.text
        return self._text[span.start_char : span.end_char]

    def hyphenated(self, sent: Span) -> list[Token]:
        """Tokens of ``sent`` holding a dash ("franco-vietnamien", "Vietnam–Laos")."""
        if not hasattr(self, "_hyphenated"):
            self._hyphenated = _dashed_tokens(self.doc)
        return [t for t in self._hyphenated if sent.start <= t.i < sent.end]

    def word_positions(self, words: frozenset[str], sent: Span) -> list[int]:
        """The tokens of ``sent`` whose lower-case text is one of ``words``, in order.

        Found for the whole doc at once from its LOWER array (per word list), then cut to the
        sentence: the rules that look for a few words ("il", "respectivement", "deux") do
        not visit every token of every sentence.
        """
        found = self._positions.get(words)
        if found is None:
            lower = self.doc.to_array(LOWER)
            wanted = np.array([get_string_id(w) for w in words], dtype=lower.dtype)
            found = np.flatnonzero(np.isin(lower, wanted)).tolist()
            self._positions[words] = found
        return found[bisect_left(found, sent.start) : bisect_left(found, sent.end)]

    def capitalised_positions(self, sent: Span) -> list[int]:
        """The tokens of ``sent`` that :func:`_capitalised` accepts (the only ones that can
        start a name), in order; decided once per distinct word."""
        if self._capitals is None:
            strings = self.doc.vocab.strings
            orths = self.doc.to_array(ORTH).tolist()
            self._capitals = [i for i, o in enumerate(orths) if _capitalised_word(o, strings)]
        found = self._capitals
        return found[bisect_left(found, sent.start) : bisect_left(found, sent.end)]

    def labels_at(self, i: int) -> set[str]:
        return {s.label for s in self.by_token.get(i, ())}

    def span_at(self, i: int, *labels: str) -> LexSpan | None:
        best = None
        for s in self.by_token.get(i, ()):
            if s.label in labels and (best is None or s.end - s.start > best.end - best.start):
                best = s
        return best

    def in_sentence(self, sent: Span, *labels: str) -> list[LexSpan]:
        lo = bisect_left(self._starts, sent.start)
        hi = bisect_left(self._starts, sent.end)
        return [s for s in self.spans[lo:hi] if s.label in labels]

    def place_code(self, s: LexSpan) -> str | None:
        """The country (or intergovernmental organisation) a lexicon span points to."""
        if s.label in ("COUNTRY", "DEMONYM", "CAPITAL"):
            return s.ident
        if s.label == "ORG":
            org = self.lex.organizations.get(s.ident)
            if org is None:
                return None
            if org.kind == "intergovernmental":
                return org.code
            return org.country
        return None

    def state_of(self, code: str | None) -> str | None:
        """Where only a state can stand (a party to relations, the country an official
        serves): a dependent territory whose name a state also bears ("la Guyane" for
        Guyana, lexicon ``state_homonyms.tsv``) is that state, unless the document names
        the territory's sovereign ("la Guyane française", "France")."""
        reading = self.lex.state_homonyms.get(code or "")
        if reading is None:
            return code
        state, sovereign = reading
        named = {self.place_code(s) for s in self.spans}
        return code if sovereign in named else state

    def is_common_noun(self, tok: Token) -> bool:
        low = tok.lower_
        return (
            low in self.noun_lemmas or tok.lemma_.lower() in self.noun_lemmas and tok.pos_ == "NOUN"
        )


_DASHED: dict[int, bool] = {}


def _dashed_tokens(doc: Doc) -> list[Token]:
    """The tokens longer than two characters holding a dash, in order: decided once per
    distinct word (from the Doc's ORTH array; ``doc.text`` would be made from every token)."""
    strings = doc.vocab.strings
    found = []
    for i, orth in enumerate(doc.to_array(ORTH).tolist()):
        known = _DASHED.get(orth)
        if known is None:
            text = strings[orth]
            known = _DASHED[orth] = len(text) > 2 and ("-" in text or "–" in text or "—" in text)
        if known:
            found.append(i)
    return [doc[i] for i in found]


def compound_countries(tok: Token, lex: Lexicon) -> list[str]:
    """Countries named inside one hyphenated token: "franco-vietnamien", "Vietnam–Laos"."""
    text = tok.text
    if not any(h in text for h in "-–—"):
        return []
    pieces = [p for p in re.split(r"[-–—]", text) if p]
    if len(pieces) < 2:
        return []
    out: list[str] = []
    for p in pieces:
        low = p.lower()
        code = _country_word(low, lex)
        if code:
            out.append(code)
    return out if len(out) >= 2 else []


_WORD_CACHE: dict[tuple[int, str], str | None] = {}


def _country_word(low: str, lex: Lexicon) -> str | None:
    key = (id(lex), low)
    if key in _WORD_CACHE:
        return _WORD_CACHE[key]
    found = None
    for iso, c in lex.countries.items():
        if low in (n.lower() for n in c.names) or low in c.demonyms or low in c.combining:
            found = iso
            break
    if found is None:
        for code, o in lex.organizations.items():
            if o.kind == "intergovernmental" and low in (n.lower() for n in o.names):
                found = code
                break
    _WORD_CACHE[key] = found
    return found


def _capitalised(tok: Token) -> bool:
    t = tok.text
    return bool(t) and t[0].isupper() and bool(_WORDY.match(t))


_CAPITALISED: dict[int, bool] = {}


def _capitalised_word(orth: int, strings) -> bool:
    """:func:`_capitalised` of a word given by its hash (remembered per word)."""
    known = _CAPITALISED.get(orth)
    if known is None:
        t = strings[orth]
        known = _CAPITALISED[orth] = bool(t) and t[0].isupper() and bool(_WORDY.match(t))
    return known


def name_like(tok: Token, idx: DocIndex) -> bool:
    """Could this token be part of a person's name?"""
    if tok.is_space or tok.is_punct or tok.like_num:
        return False
    if not _capitalised(tok):
        return False
    text = tok.text
    if len(text) >= 2 and text.isupper() and len(text) <= 6:
        return False  # acronyms: PCV, ONU, AE
    labels = idx.labels_at(tok.i)
    if labels & {"COUNTRY", "DEMONYM", "CAPITAL", "ORG", "TITLE", "RELATION"}:
        return False
    if "TRIGGER" in labels and tok.lower_ not in ("son",):
        return False
    low = tok.lower_
    if low in SURNAME_ARTICLES:
        return True  # decided by the caller (needs a following name)
    if low in idx.lex.word_list("not_names") or low in idx.lex.word_list("honorifics"):
        return False
    if tok.text in idx.lex.word_list("honorifics"):
        return False
    return True


def _upper_surname(tok: Token, prev: Token, idx: DocIndex) -> bool:
    """A surname written in capitals after a given name ("Abdoulaye DIOP", "Emmanuel
    MBA-ALLO"): an upper-case word that no lexicon claims, right after a capitalised one."""
    text = tok.text
    if len(text) < 2 or not text.isupper() or not _WORDY.match(text) or _REGNAL.match(text):
        return False
    if idx.labels_at(tok.i) or text.lower() in idx.lex.word_list("not_names"):
        return False
    return prev.whitespace_ != "" and _capitalised(prev) and not prev.text.isupper()


def _regnal(tok: Token, prev: Token) -> bool:
    """A regnal number right after a name word ("Mohammed VI")."""
    return (
        bool(tok.text)
        and bool(_REGNAL.match(tok.text))
        and _capitalised(prev)
        and not prev.text.isupper()
        and prev.whitespace_ != ""
    )


def _run_end(i: int, sent: Span, idx: DocIndex) -> int:
    """Where a name run that starts at ``i`` ends: over name words, upper-case surnames, inner
    particles ("da", "bin"), hyphens ("Díaz-Canel"), forms of address inside a name
    ("Ould Cheikh Ahmed") and a regnal number ("Mohammed VI")."""
    doc = sent.doc
    j = i + 1
    while j < sent.end:
        t = doc[j]
        regnal = not (name_like(t, idx) or _upper_surname(t, doc[j - 1], idx)) and _regnal(
            t, doc[j - 1]
        )
        step = _run_step(j, sent, idx)
        if step is None:
            break
        j = step
        if regnal:
            break  # "Mohammed VI": the number ends the name
    return j


def _run_step(j: int, sent: Span, idx: DocIndex) -> int | None:
    """Where a name run goes on after token ``j`` (None: it ends before ``j``)."""
    doc = sent.doc
    t = doc[j]
    nxt = doc[j + 1] if j + 1 < sent.end else None
    if name_like(t, idx) or _upper_surname(t, doc[j - 1], idx):
        return j + 1
    if (
        t.text in idx.lex.word_list("honorifics")
        and nxt is not None
        and name_like(nxt, idx)
        and not nxt.text.endswith(".")
    ):
        return j + 1  # "Ismail Ould Cheikh Ahmed": a form of address inside a name
    if _regnal(t, doc[j - 1]):
        return j + 1
    if (
        t.text in ("-", "‑")
        and doc[j - 1].whitespace_ == ""
        and t.whitespace_ == ""
        and nxt is not None
        and (name_like(nxt, idx) or nxt.is_alpha)
    ):
        return j + 2  # "Díaz-Canel", "Cho Tae-yul"
    if (
        t.is_alpha
        and t.text.islower()
        and doc[j - 1].whitespace_ == ""
        and doc[j - 1].text.endswith(("-", "‑"))
        and len(doc[j - 1].text) > 1
    ):
        return j + 1  # "Tae-" "yul" split by the tokenizer
    if (
        t.lower_ in NAME_PARTICLES_INSIDE
        and t.text.islower()
        and nxt is not None
        and name_like(nxt, idx)
    ):
        return j + 2
    return None


@dataclass
class NameRun:
    start: int
    end: int

    def span(self, doc: Doc) -> Span:
        return doc[self.start : self.end]


def name_runs(sent: Span, idx: DocIndex) -> list[NameRun]:
    """Capitalised runs in ``sent`` that can be a person's name (two words or more).

    A run may hold inner particles ("Lula da Silva") and hyphens ("Díaz-Canel"); a surname
    article ("Le", "Lê") only starts a run when a name follows; honorifics are dropped; the
    first word of a run that follows a preposition and is a French common noun
    ("… et du Tourisme Nguyên Van Hùng") belongs to the phrase before, not to the name.
    """
    key = (sent.start, sent.end)
    if key not in idx.runs:
        idx.runs[key] = _name_runs(sent, idx)
    return list(idx.runs[key])


def _name_runs(sent: Span, idx: DocIndex) -> list[NameRun]:
    doc = sent.doc
    runs: list[NameRun] = []
    i = sent.start
    # only a capitalised token can start a run (name_like): the others are stepped over
    for k in idx.capitalised_positions(sent):
        if k < i:
            continue
        i = k
        tok = doc[i]
        if not name_like(tok, idx):
            continue
        j = _run_end(i, sent, idx)
        start, end = i, j
        # honorifics at the start ("Samdech Techo Hun Manet")
        while start < end and (
            doc[start].text in idx.lex.word_list("honorifics")
            or (
                doc[start].lower_ in ADDRESS_POSSESSIVES
                and start + 1 < end
                and doc[start + 1].text in idx.lex.word_list("honorifics")
            )
        ):
            start += 1  # "Son Excellence", "Sa Majesté"
        # a surname article ("Le", "Lê") needs a name after it: "Le Thi Thu Hang", not "Le Monde"
        if start < end and doc[start].lower_ in SURNAME_ARTICLES:
            if end - start < 2 or (end - start == 2 and idx.is_common_noun(doc[start + 1])):
                start = end
        # "… du Tourisme Nguyên Van Hùng": the first word belongs to the phrase before
        if end - start >= 3 and start > sent.start:
            before = doc[start - 1]
            if before.lower_ in FUNCTION_WORDS and idx.is_common_noun(doc[start]):
                start += 1
        # trailing surname articles are not names
        while end > start and doc[end - 1].lower_ in SURNAME_ARTICLES:
            end -= 1
        if end - start >= 2:
            runs.append(NameRun(start, end))
        elif end - start == 1:
            runs.append(NameRun(start, end))  # single words: kept as possible short references
        i = max(j, i + 1)
    return runs
