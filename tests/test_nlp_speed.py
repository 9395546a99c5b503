"""The build's faster reading gives the same tokens, tags and facts as the model's own path.

The speed-ups of ``kg.nlp`` (numpy/OpenBLAS products, the attribute ruler and lemmatizer
remembered per word, the lexicon patterns read by the tokenizer alone) and of the extractor
(looked-for words and name starts found from the doc's arrays) must change nothing: each
test compares the fast path with the slow one on sentences written for these tests.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st
from spacy.tokens import Doc

from property_support import examples

from kg.extract import extract_all
from kg.extract.document import DocumentReader
from kg.facts import Document, Part

TEXTS = [
    "Le ministre des Affaires étrangères, Jean-Marc Dufour, s'est entretenu le 3 mars à "
    "Lausanne avec son homologue malien, Ousmane Traoré.\n\nIl a ensuite reçu l'ambassadrice "
    "du Chili, Carmen Rojas.",
    "Les deux ministres ont signé un accord de coopération. La délégation sénégalaise "
    "conduite par le Premier ministre Amadou Ba a été accueillie à Dakar.\n  \nLe Thi Mai "
    "Lan, vice-présidente de l'Assemblée, et le président du Sénat, Paul-Henri Leclerc, "
    "étaient présents.",
    "Les ambassadeurs du Brésil et du Japon, respectivement MM. Rui Costa et Kenji Sato, "
    "rendront visite au président franco-ivoirien le 12 avril.",
]


def _document(text: str, ident: str) -> Document:
    return Document(
        identifier=ident,
        source_file="speed.jsonl",
        title="",
        text=text,
        parts=(Part("body", 0, len(text)),),
        published="2024-05-02",
        country="FR",
    )


def _attributes(doc: Doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.is_sent_start) for t in doc]


def _spans(doc: Doc) -> list[tuple]:
    return [(s.start, s.end, s.label_, s.id_) for s in doc.spans["bkg"]]


@pytest.fixture()
def slow_path(nlp):
    """The pipeline with the model's attribute ruler and lemmatizer run as they are."""
    with nlp.select_pipes(disable=["bkg_token_attributes"]):
        nlp.enable_pipe("attribute_ruler")
        nlp.enable_pipe("lemmatizer")
        try:
            yield nlp
        finally:
            nlp.disable_pipe("attribute_ruler")
            nlp.disable_pipe("lemmatizer")


def test_remembered_attributes_equal_the_model_components(nlp, slow_path):
    slow = [(_attributes(d), _spans(d)) for d in slow_path.pipe(TEXTS)]
    assert "bkg_token_attributes" not in slow_path.pipe_names
    fast = [(_attributes(d), _spans(d)) for d in nlp.pipe(TEXTS)]
    assert fast == slow
    # read twice: the second time every token comes from the memory
    again = [(_attributes(d), _spans(d)) for d in nlp.pipe(TEXTS)]
    assert again == slow


def test_remembered_attributes_give_the_same_facts(nlp, slow_path):
    docs = [_document(t, f"t{i}") for i, t in enumerate(TEXTS)]
    slow = [repr(ex) for ex in extract_all(slow_path, docs)]
    fast = [repr(ex) for ex in extract_all(nlp, docs)]
    assert fast == slow
    assert any("Traoré" in s for s in fast)  # the texts do give facts


def test_whitespace_and_unknown_words_get_the_ruler_values(nlp, slow_path):
    text = "Zxqwv   Blorptown\n\n\t«Kwazulu-Natalien»  ₂₀₂₄ …"
    slow = _attributes(slow_path(text))
    assert _attributes(nlp(text)) == slow
    assert any(pos == "SPACE" for _, _, pos, *_ in slow)


def test_lemmas_are_read_from_the_lemmatizer_tables_when_it_runs_inside_the_build(nlp):
    """The lemmatizer is disabled (its work is done by ``bkg_token_attributes``): the
    reader still finds its table of common nouns."""
    assert "lemmatizer" not in nlp.pipe_names
    reader = DocumentReader.for_pipeline(nlp)
    assert "ministère" in reader.noun_lemmas


def test_numpy_products_give_the_model_s_tags_and_entities(nlp):
    """The build's model (numpy/OpenBLAS products when OpenBLAS can be held to one thread)
    tags and recognises entities as the model loaded with thinc's defaults."""
    import spacy

    from kg.nlp import EXCLUDED, MODEL, blas_single_thread

    if not blas_single_thread():
        pytest.skip("OpenBLAS cannot be held to one thread here: the build keeps BLIS")
    plain = spacy.load(MODEL, exclude=list(EXCLUDED))
    ner = nlp.get_pipe("ner")
    for text in TEXTS:
        want = plain(text)
        got = ner(nlp(text))
        assert [(t.pos_, str(t.morph)) for t in got] == [(t.pos_, str(t.morph)) for t in want]
        assert [(e.start, e.end, e.label_) for e in got.ents] == [
            (e.start, e.end, e.label_) for e in want.ents
        ]


def test_word_positions_are_the_tokens_with_those_words(nlp):
    from kg.extract.mentions import DocIndex
    from kg.lexicon import load_lexicon

    doc = nlp(TEXTS[0] + " " + TEXTS[2])
    idx = DocIndex.build(doc, load_lexicon(), frozenset())
    words = frozenset({"il", "respectivement", "du"})
    for sent in doc.sents:
        assert idx.word_positions(words, sent) == [t.i for t in sent if t.lower_ in words]


def test_capitalised_positions_are_the_capitalised_tokens(nlp):
    from kg.extract.mentions import DocIndex, _capitalised
    from kg.lexicon import load_lexicon

    doc = nlp(" ".join(TEXTS))
    idx = DocIndex.build(doc, load_lexicon(), frozenset())
    for sent in doc.sents:
        assert idx.capitalised_positions(sent) == [t.i for t in sent if _capitalised(t)]


def test_dashed_tokens_are_the_tokens_holding_a_dash(nlp):
    from kg.extract.mentions import _dashed_tokens

    doc = nlp("Le sommet franco-ivoirien – ou Côte d'Ivoire—France – a eu lieu à Aix-en-Provence.")
    want = [t.i for t in doc if len(t.text) > 2 and any(d in t.text for d in "-–—")]
    assert [t.i for t in _dashed_tokens(doc)] == want
    assert want
    assert _dashed_tokens(nlp("Aucun tiret ici.")) == []


def test_lexicon_spans_are_the_span_ruler_s(nlp):
    """The lexicon's spans (phrases on lower-cased words, trigger verbs on lemmas, by
    ``PhraseMatcher``) are the ones spaCy's ``SpanRuler`` gives for the same patterns."""
    from spacy.pipeline.span_ruler import SpanRuler

    from kg.lexicon import load_lexicon
    from kg.nlp import ruler_patterns

    ruler = SpanRuler(
        nlp, "reference", spans_key="reference", phrase_matcher_attr="LOWER", validate=False
    )
    with nlp.select_pipes(disable=nlp.pipe_names):
        ruler.add_patterns(ruler_patterns(load_lexicon()))
    texts = [*TEXTS, "Elle s'entretiendra avec lui ; ils se sont téléphoné puis ont échangé."]
    lemma_spans = 0
    for doc in nlp.pipe(texts):
        want = [(s.start, s.end, s.label_, s.id_) for s in ruler(doc).spans["reference"]]
        assert _spans(doc) == want
        lemma_spans += sum(1 for s in doc.spans["bkg"] if s.text.lower() != s.lemma_.lower())
    assert lemma_spans  # some spans were found by their lemma alone


def test_span_text_is_the_span_s_own_text(nlp):
    from kg.extract.mentions import DocIndex
    from kg.lexicon import load_lexicon

    doc = nlp(" ".join(TEXTS))
    idx = DocIndex.build(doc, load_lexicon(), frozenset())
    spans = [*doc.sents, doc[2:7], doc[len(doc) - 1 :], doc[0:1]]
    assert [idx.span_text(s) for s in spans] == [s.text for s in spans]


def test_readers_of_one_pipeline_share_its_noun_table_without_keeping_it_alive():
    """A reader is made per chunk of articles: the lemmatizer's 66,000 nouns are read once
    per pipeline, and a pipeline the build frees is freed."""
    import gc
    import weakref

    import spacy
    from spacy.lookups import Lookups

    nlp = spacy.blank("xx")
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "rule"})
    lemmatizer.lookups = Lookups()
    lemmatizer.lookups.add_table("lemma_index", {"noun": ["ministère", "palais"]})
    first = DocumentReader.for_pipeline(nlp).noun_lemmas
    assert first == {"ministère", "palais"}
    assert DocumentReader.for_pipeline(nlp).noun_lemmas is first
    alive = weakref.ref(nlp)
    del nlp, lemmatizer
    gc.collect()
    assert alive() is None


@settings(max_examples=examples(200), deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 12), st.integers(0, 4), st.sampled_from(["TITLE", "COUNTRY"])),
        max_size=14,
    )
)
def test_doc_index_keeps_the_longest_of_overlapping_spans_of_a_label(found):
    """Of the lexicon spans of one label that overlap, the longest (then the first) is
    kept: the index's one pass keeps the spans the pairwise rule keeps."""
    from spacy.tokens import Span
    from spacy.vocab import Vocab

    from kg.extract.mentions import DocIndex
    from kg.lexicon import load_lexicon

    doc = Doc(Vocab(), words=[f"w{i}" for i in range(16)])
    doc.spans["bkg"] = [Span(doc, a, a + n, label=label) for a, n, label in found]
    ordered = sorted(
        ((s.label_, s.start, s.end) for s in doc.spans["bkg"]), key=lambda s: (s[1], s[1] - s[2])
    )
    want: list[tuple[str, int, int]] = []
    for label, a, b in ordered:
        if not any(k[0] == label and k[1] < b and a < k[2] for k in want):
            want.append((label, a, b))
    idx = DocIndex.build(doc, load_lexicon(), frozenset())
    assert [(s.label, s.start, s.end) for s in idx.spans] == want
