"""Contacts and dated events (kg.extract.events): who met whom, how and when, on sentences written for the tests."""

from __future__ import annotations

import pytest

from extract_support import dates, pairs


def test_phone_call_with_counterpart_has_both_participants_and_partial_date(read):
    ex = read(
        "Le vice-ministre Dao Minh Quan a eu une conversation téléphonique le 9 mars avec "
        "son homologue finlandais, Mikko Lahti."
    )
    (call,) = [e for e in ex.events if e.participants]
    assert call.kind == "PhoneCall"
    assert {o.name for o in call.participants} == {"Dao Minh Quan", "Mikko Lahti"}
    assert str(call.start) == "--03-09"


def test_publication_date_gives_the_year(read):
    ex = read(
        "Le 9 mars, le ministre Dao Minh Quan a reçu l'ambassadeur de Finlande, Mikko Lahti.",
        published="2024-03-10",
    )
    assert dates(ex) == {"2024-03-09"}


def test_backdrop_official_is_not_a_participant(read):
    ex = read(
        "Le ministre Pham Van Loc a rencontré son homologue thaïlandais Somchai Wongsa, en "
        "marge de la participation du Premier ministre Vo Van Kiet au sommet."
    )
    assert pairs(ex) == {frozenset({"Pham Van Loc", "Somchai Wongsa"})}


def test_invitation_from_hosts_of_several_countries_makes_one_visit_each(read):
    ex = read(
        "Le président de l'Assemblée nationale, Tran Van Tuan, a quitté Hanoï pour des "
        "visites officielles. Les visites sont effectuées sur invitation de la présidente "
        "du Sénat du Chili, Ana Rojas, et du président du Congrès du Pérou, Luis Quispe."
    )
    assert pairs(ex) == {
        frozenset({"Tran Van Tuan", "Ana Rojas"}),
        frozenset({"Tran Van Tuan", "Luis Quispe"}),
    }


def test_planned_visit_is_not_a_contact(read):
    ex = read(
        "Le vice-ministre Do Van Hung et l'ambassadeur du Chili, Pedro Soto, ont préparé la "
        "prochaine visite au Vietnam du président chilien Gabriel Ruiz."
    )
    assert frozenset({"Do Van Hung", "Gabriel Ruiz"}) not in pairs(ex)


def test_caption_showing_two_officials_is_a_meeting(read):
    ex = read(
        "Le ministre vietnamien de l'Industrie, Vu Hong Nam (à gauche), "
        "et le ministre indien du Commerce, Raj Kumar. Photo : VNA\n\nUn texte sans nom."
    )
    assert pairs(ex) == {frozenset({"Vu Hong Nam", "Raj Kumar"})}


def test_caption_of_a_contact_already_told_adds_no_event(read):
    ex = read(
        "Le président Vo Van Hai a reçu le 3 mai le président chilien Gabriel Ruiz.\n"
        "Le président Vo Van Hai et le président chilien Gabriel Ruiz. Photo : VNA\n"
    )
    contacts = [e for e in ex.events if e.participants]
    assert len(contacts) == 1 and str(contacts[0].start) == "--05-03"


def test_talks_after_the_welcome_ceremony_take_its_date(read):
    ex = read(
        "Le président Vo Van Hai a présidé le 3 mai la cérémonie d'accueil du président "
        "chilien Gabriel Ruiz. Après la cérémonie, les deux présidents se sont entretenus."
    )
    talks = [e for e in ex.events if e.kind == "Talks"]
    assert talks and str(talks[0].start) == "--05-03"


def test_meeting_told_as_before_does_not_take_the_date(read):
    ex = read(
        "La consultation a eu lieu le 8 juin à Oslo. Auparavant, la vice-ministre "
        "Le Thi Lan a rencontré le secrétaire d'État norvégien Per Olsen."
    )
    met = [e for e in ex.events if e.participants]
    assert met and met[0].start is None


def test_event_dated_first_and_told_with_names_later_is_one_event(read):
    ex = read(
        "Le 3e Dialogue de défense Vietnam - Inde, le 4 août à New Delhi.\n"
        "Le vice-ministre indien Raj Kumar a parlé. Le vice-ministre vietnamien de la "
        "Défense, Hoang Xuan Chien, a répondu. Les deux vice-ministres ont salué ce dialogue."
    )
    dialog = [e for e in ex.events if e.kind == "Talks"]
    assert len(dialog) == 1
    assert str(dialog[0].start) == "--08-04" and len(dialog[0].participants) == 2


def test_signing_ceremony_brings_its_signatories_together(read):
    ex = read(
        "Les signataires du mémorandum étaient le vice-ministre vietnamien de la Santé, "
        "Tran Van Thuan, et l'ambassadeur d'Italie au Vietnam, Marco Rossi."
    )
    assert pairs(ex) == {frozenset({"Tran Van Thuan", "Marco Rossi"})}


def test_contact_takes_the_date_nearest_its_trigger(read):
    ex = read(
        "Le Vietnam et le Chili ont publié, ce lundi 5 mai, une déclaration, à l'occasion "
        "de la visite officielle au Vietnam (3-4 mai) du président chilien, Gabriel Ruiz, "
        "effectuée à l'invitation du président Vo Van Hai."
    )
    visit = next(e for e in ex.events if e.participants)
    assert str(visit.start) == "--05-03" and str(visit.end) == "--05-04"


def test_message_between_officials_is_not_a_meeting(read):
    ex = read(
        "Le président Vo Van Hai a adressé un message de félicitations au président "
        "chilien Gabriel Ruiz."
    )
    assert pairs(ex) == set()


def test_every_calendar_date_is_an_event_and_years_alone_are_not(read):
    ex = read(
        "Les deux pays célèbrent le 30e anniversaire de leurs relations diplomatiques "
        "(12 mars 1995 – 12 mars 2025), établies en 1995."
    )
    assert dates(ex) == {"1995-03-12", "2025-03-12"}


def test_one_actor_meeting_several_countries_makes_bilateral_meetings(read):
    ex = read(
        "En marge du sommet de Jakarta, le ministre Ngo Van Tam a rencontré le 4 mai le "
        "ministre indien Raj Kumar, le ministre égyptien Sameh Adel et le ministre chilien "
        "Pedro Soto."
    )
    assert pairs(ex) == {
        frozenset({"Ngo Van Tam", "Raj Kumar"}),
        frozenset({"Ngo Van Tam", "Sameh Adel"}),
        frozenset({"Ngo Van Tam", "Pedro Soto"}),
    }


def test_backdrop_phrase_opening_the_sentence_ends_at_its_comma(read):
    ex = read(
        "En marge de la conférence, le vice-ministre Dinh Van Hai a rencontré "
        "l'ambassadeur du Chili, Pedro Soto."
    )
    assert pairs(ex) == {frozenset({"Dinh Van Hai", "Pedro Soto"})}


def test_subject_pronoun_is_the_last_contact_first_party(read):
    ex = read(
        "Le ministre Ngo Van Tam a effectué une visite au Chili du 2 au 4 mai. Il a été "
        "reçu par le président chilien Gabriel Ruiz."
    )
    assert frozenset({"Ngo Van Tam", "Gabriel Ruiz"}) in pairs(ex)


def test_subject_pronoun_after_a_reflexive_verb_is_the_last_contact_first_party(read):
    ex = read(
        "Le ministre Ngo Van Tam a reçu le 2 mai son homologue chilien Pedro Soto. Il s'est "
        "également entretenu avec le président kényan William Otieno."
    )
    assert frozenset({"Ngo Van Tam", "William Otieno"}) in pairs(ex)


@pytest.mark.parametrize("impersonal", ["Il y a eu aussi", "Il s’agit d'"])
def test_impersonal_il_does_not_bring_back_the_last_contact_first_party(read, impersonal):
    ex = read(
        "Le ministre Ngo Van Tam a reçu le 2 mai son homologue chilien Pedro Soto. "
        f"{impersonal}un entretien entre le président kényan William Otieno et "
        "l'ambassadeur du Chili, Gabriel Ruiz."
    )
    assert frozenset({"Gabriel Ruiz", "William Otieno"}) in pairs(ex)
    assert not any(
        "Ngo Van Tam" in p and len(p & {"Gabriel Ruiz", "William Otieno"}) for p in pairs(ex)
    )


@pytest.mark.parametrize(
    "sentence, subject",
    [
        ("Il a rencontré le président.", True),
        ("Elle a rencontré le président.", True),
        ("Il y a deux ans, le président est venu.", False),
        ("Il faut renforcer la coopération.", False),
        ("Il s'agit de la première visite.", False),
        ("Le président a déjeuné avec elle.", False),
    ],
)
def test_subject_pronoun_is_read_without_a_dependency_parse(nlp, sentence, subject):
    from kg.extract.events import _subject_pronoun
    from kg.lexicon import load_lexicon

    doc = nlp(sentence)
    assert "parser" not in nlp.pipe_names
    assert any(_subject_pronoun(t, load_lexicon()) for t in doc) is subject


def test_event_place_is_a_capital_or_a_location_named_after_a(read):
    ex = read("Le ministre Ngo Van Tam a reçu le 2 mai son homologue chilien Pedro Soto à Genève.")
    (e,) = [e for e in ex.events if e.participants]
    assert e.place == "Genève"
    ex = read("À Genève, le ministre Ngo Van Tam a reçu le 2 mai son homologue chilien Pedro Soto.")
    (e,) = [e for e in ex.events if e.participants]
    assert e.place == "Genève"
    ex = read("Le ministre Ngo Van Tam a reçu le 2 mai son homologue chilien Pedro Soto à Hanoï.")
    (e,) = [e for e in ex.events if e.participants]
    assert e.place == "Hanoï"


def test_places_of_documents_read_together_are_asked_of_the_recogniser_in_one_pass(nlp):
    from dataclasses import replace

    from kg.extract import extract_all
    from kg.ingest import split_record
    from kg.nlp import SentenceEntities

    texts = [
        "Le ministre Ngo Van Tam a reçu le 2 mai son homologue chilien Pedro Soto à Valparaiso.",
        "Le ministre Le Van Hung a rencontré le 3 juin son homologue péruvien Jorge Diaz à Cusco.",
        "Le ministre Tran Van Ba a reçu le 4 juillet son homologue chilien Luis Rojas.",
    ]
    docs = [
        replace(
            split_record(f"Un titre de dépêche\n\n{t}", identifier=f"t{i}", source_file="t.jsonl")[
                0
            ],
            country="VN",
        )
        for i, t in enumerate(texts)
    ]
    alone = [next(iter(extract_all(nlp, [d]))) for d in docs]
    ner = nlp.get_pipe("ner")
    passes: list[int] = []

    class Counted:
        def pipe(self, docs, batch_size):
            docs = list(docs)
            passes.append(len(docs))
            return ner.pipe(docs, batch_size=batch_size)

    entities = SentenceEntities(Counted())
    from kg.extract.document import DocumentReader

    reader = DocumentReader.for_pipeline(nlp)
    reader.entities = entities
    together = reader.read_many(zip(docs, nlp.pipe(d.text for d in docs)))
    places = [[e.place for e in ex.events if e.participants] for ex in together]
    assert places == [["Valparaiso"], ["Cusco"], [None]]
    assert places == [[e.place for e in ex.events if e.participants] for ex in alone]
    assert passes == [2]  # the two sentences with "à" read in one pass; none with no "à"


def test_sentences_copied_from_one_array_per_doc_are_those_as_doc_makes(nlp):
    from kg.nlp import _sentence_copier

    doc = nlp(
        "Le président est arrivé à Genève le 3 mai.\nIl a visité Lyon et Marseille.\n"
        "« Nous avons signé », a-t-il dit à l’AFP."
    )
    copy = _sentence_copier()
    for _ in range(2):  # the array is made once, and given to each sentence as a copy
        assert [copy(s).to_bytes() for s in doc.sents] == [s.as_doc().to_bytes() for s in doc.sents]


def test_a_place_still_to_ask_keeps_the_order_of_or(nlp):
    from kg.extract.events import LaterPlace, either

    doc = nlp("Il est arrivé à Lyon.\nIl est parti.")
    first, second = doc.sents
    asked: list[str] = []

    def entities(sent):
        asked.append(sent.text)
        return (
            [doc.char_span(doc.text.index("Lyon"), doc.text.index("Lyon") + 4, label="LOC")]
            if sent == first
            else []
        )

    assert either("Paris", LaterPlace((first,))) == "Paris"  # never asked
    assert either(None, "") == ""
    later = either(LaterPlace((second,)), None, LaterPlace((first,)), "Paris")
    assert isinstance(later, LaterPlace) and later.value(entities) == "Lyon"
    assert asked == [second.text, first.text]
    assert either(LaterPlace((second,)), None).value(entities) is None
    assert either(LaterPlace((second,)), "Paris").value(entities) == "Paris"


def test_entity_recogniser_runs_only_on_the_sentences_asked(nlp):
    from kg.nlp import sentence_entities

    assert "ner" not in nlp.pipe_names and "ner" in nlp.component_names
    doc = nlp("Le président est arrivé à Genève.\nIl a visité Lyon et Marseille.")
    assert doc.ents == ()
    first, second = doc.sents
    entities = sentence_entities(nlp)
    assert [(e.text, e.label_) for e in entities(second)] == [("Lyon", "LOC"), ("Marseille", "LOC")]
    assert all(e.doc is doc for e in entities(second))
    assert list(doc.user_data["bkg_ents"]) == [(second.start, second.end)]
    kept = doc.user_data["bkg_ents"][(second.start, second.end)]
    assert (
        entities(second) == entities(second)
        and doc.user_data["bkg_ents"][(second.start, second.end)] is kept
    )  # read once, then kept


def test_contact_the_same_day_takes_the_last_date(read):
    ex = read(
        "Le ministre Ngo Van Tam a reçu le 4 mai son homologue chilien Pedro Soto. Le même "
        "jour, le vice-ministre Dinh Van Hai s'est entretenu avec l'ambassadeur du Kenya, "
        "Amina Wanjiru."
    )
    call = next(e for e in ex.events if any(o.name == "Amina Wanjiru" for o in e.participants))
    assert str(call.start) == "--05-04"


def test_invitation_to_come_is_not_a_contact(read):
    ex = read(
        "Le vice-ministre Dinh Van Hai a invité son homologue chilien Pedro Soto à se rendre "
        "au Vietnam pour des consultations politiques."
    )
    assert pairs(ex) == set()


def test_possessive_trigger_speaks_of_the_contact_already_told(read):
    ex = read(
        "Le ministre Ngo Van Tam a eu le 4 mai un entretien téléphonique avec son homologue "
        "chilien Pedro Soto. Au cours de leur entretien, le ministre chilien a salué les "
        "progrès."
    )
    contacts = [e for e in ex.events if e.participants]
    assert len(contacts) == 1 and contacts[0].kind == "PhoneCall"


def test_title_and_story_telling_one_contact_make_one_event(read):
    ex = read(
        "Le 4 mai, le ministre Ngo Van Tam a eu un entretien téléphonique avec le ministre "
        "chilien Pedro Soto.",
        title="Entretien téléphonique entre Ngo Van Tam et le ministre chilien Pedro Soto",
    )
    contacts = [e for e in ex.events if e.participants]
    assert len(contacts) == 1 and str(contacts[0].start) == "--05-04"


def test_guest_in_visit_does_not_make_a_talk_a_visit(read):
    ex = read(
        "Le Premier ministre Ngo Van Tam a eu le 4 mai des entretiens avec son homologue "
        "chilien Pedro Soto, en visite officielle au Vietnam."
    )
    (e,) = [e for e in ex.events if e.participants]
    assert e.kind == "Talks"


def test_welcome_ceremony_told_with_its_host_only_welcomes_the_visitor(read):
    ex = read(
        "Le président chilien Gabriel Ruiz est arrivé le 3 mai à Hanoï pour une visite "
        "d'État. Le président Vo Van Hai a présidé le 4 mai la cérémonie d'accueil officielle."
    )
    reception = next(e for e in ex.events if e.kind == "Reception")
    assert {o.name for o in reception.participants} == {"Vo Van Hai", "Gabriel Ruiz"}


def test_meeting_named_again_with_a_frame_is_the_same_meeting(read):
    ex = read(
        "Le ministre Ngo Van Tam a reçu le 4 mai son homologue chilien Pedro Soto. Lors de "
        "la rencontre, les deux ministres ont salué les progrès."
    )
    assert len([e for e in ex.events if e.participants]) == 1


def test_chairing_a_domestic_session_is_not_a_meeting(read):
    ex = read(
        "Le président de l'Assemblée nationale Tran Van Man a présidé le 4 mars la séance "
        "d'ouverture. Le vice-président Nguyen Duc Hai a présenté le rapport."
    )
    assert [e for e in ex.events if e.participants] == []
    assert dates(ex) == {"--03-04"}


def test_signing_at_the_end_of_talks_is_not_new_talks(read):
    ex = read(
        "Le ministre Ngo Van Tam a rencontré le 4 mai son homologue chilien Pedro Soto. À "
        "l'issue des entretiens, les deux ministres ont signé un mémorandum d'entente."
    )
    kinds = sorted(e.kind for e in ex.events if e.participants)
    assert kinds == ["Meeting", "Signing"]
