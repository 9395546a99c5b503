"""The extraction rules on words tagged by hand, with no language model: what the rules
read from the lexicon and from capitalised names alone (fast: no model to load).

The same behaviours are tested with the model in ``test_extract_*.py``; here they must hold
whatever the tagger says, on a pipeline that only tokenises, splits sentences and finds the
lexicon's words (:func:`extract_support.rules_pipeline`).
"""

from __future__ import annotations

import pytest

from extract_support import officials, pairs, read_article, relations, rules_pipeline


@pytest.fixture(scope="module")
def nlp_without_model():
    return rules_pipeline()


@pytest.fixture(scope="module")
def read(nlp_without_model):
    def _read(text: str, country: str | None = "VN", published: str | None = None):
        return read_article(nlp_without_model, text, country, "Un titre de dépêche", published)

    return _read


def test_the_pipeline_has_no_statistical_component(nlp_without_model):
    nlp = nlp_without_model
    assert nlp.pipe_names == ["bkg_paragraphs", "bkg_hand_tags", "bkg_lexicon"]
    assert not any(hasattr(pipe, "model") for _, pipe in nlp.pipeline)


def test_a_title_and_a_name_in_apposition_make_an_official_of_the_title_s_country(read):
    ex = read("L'ambassadeur du Japon, Ito Naoki, est arrivé à Hanoï.")
    assert officials(ex) == {"Ito Naoki": "JP"}
    assert ex.officials[0].roles == ["ambassadeur du Japon"]


def test_a_demonym_in_the_title_gives_the_country(read):
    ex = read("Le Premier ministre vietnamien Pham Minh Chinh est arrivé à Tokyo.")
    assert officials(ex) == {"Pham Minh Chinh": "VN"}


def test_a_name_without_a_title_is_no_official(read):
    assert officials(read("Pham Minh Chinh est arrivé à Tokyo.")) == {}


def test_a_reception_on_a_day_without_a_year_is_dated_month_and_day_only(read):
    ex = read(
        "Le Premier ministre vietnamien Pham Minh Chinh a reçu le 17 février l'ambassadeur "
        "du Japon, Ito Naoki."
    )
    (event,) = [e for e in ex.events if e.participants]
    assert event.kind == "Reception"
    assert str(event.start) == "--02-17"
    assert pairs(ex) == {frozenset({"Pham Minh Chinh", "Ito Naoki"})}


def test_a_phone_call_with_a_counterpart_gives_the_counterpart_the_demonym_s_country(read):
    ex = read(
        "Le président Tô Lâm a eu un entretien téléphonique avec son homologue chinois Xi Jinping."
    )
    assert officials(ex) == {"Tô Lâm": "VN", "Xi Jinping": "CN"}
    assert [e.kind for e in ex.events if e.participants] == ["PhoneCall"]


def test_a_relation_phrase_binds_the_two_countries_named(read):
    ex = read("Le Vietnam et le Japon ont établi un partenariat stratégique intégral.")
    assert relations(ex) == {("ComprehensiveStrategicPartnership", "JP", "VN")}
