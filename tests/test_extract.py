"""Extraction rules, one behaviour a test, on sentences written for the tests (not the corpus)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kg.ingest import split_record

from extract_support import officials, pairs


@pytest.fixture(scope="module")
def read(nlp):
    from kg.extract import extract_all

    def _read(
        text: str,
        published: str | None = None,
        title: str = "Un titre de dépêche",
        country: str | None = "VN",
    ):
        # the sentences of these tests are told the way a Vietnamese outlet tells them
        docs = split_record(
            f"{title}\n\n{text}",
            identifier="t",
            source_file="t.jsonl",
            title=title,
            url=None,
            published=published,
            line=1,
        )
        docs = [replace(d, country=country) for d in docs[:1]]
        return next(iter(extract_all(nlp, docs)))

    return _read


def relations(ex) -> set[tuple[str, str, str]]:
    return {(r.kind, *r.parties) for r in ex.relations}


def dates(ex) -> set[str]:
    return {str(e.start) for e in ex.events if e.start is not None}


# -- officials ---------------------------------------------------------------------------------


def test_title_then_comma_then_name_makes_an_official_with_role(read):
    ex = read("Hier, la ministre des Affaires étrangères, Tran Thi Mai, a pris la parole.")
    (o,) = ex.officials
    assert o.name == "Tran Thi Mai"
    assert o.roles == ["ministre des Affaires étrangères"]
    assert o.country == "VN"  # a Vietnamese family name with no other cue


def test_title_directly_before_name_without_comma(read):
    ex = read("Le vice-ministre de la Défense Hoang Van Binh a ouvert la séance.")
    assert "Hoang Van Binh" in officials(ex)


def test_demonym_in_the_title_gives_the_country(read):
    ex = read(
        "Le ministre tchèque de l'Industrie Karel Novak a reçu le vice-ministre "
        "Pham Quoc Tuan à Prague."
    )
    assert officials(ex) == {"Karel Novak": "CZ", "Pham Quoc Tuan": "VN"}


def test_first_country_of_an_ambassador_title_is_the_country_served(read):
    ex = read("L'ambassadeur du Chili au Vietnam, Pedro Morales Soto, a rencontré la presse.")
    assert officials(ex) == {"Pedro Morales Soto": "CL"}


def test_counterpart_word_names_an_official_with_the_demonym_country(read):
    ex = read(
        "Le ministre Ngo Duc Manh s'est entretenu avec son homologue norvégien, Lars Eriksen."
    )
    assert officials(ex)["Lars Eriksen"] == "NO"


def test_name_then_stacked_titles(read):
    ex = read(
        "Ta Quang Vinh, membre du Bureau politique, secrétaire du Comité central, "
        "chef de la Commission centrale de la propagande, a pris la parole."
    )
    (o,) = ex.officials
    assert o.name == "Ta Quang Vinh"
    assert len(o.roles) == 3


def test_list_of_names_and_titles_gives_each_its_own(read):
    ex = read(
        "Ils ont été accueillis par Vo Minh Chau, vice-président du Bureau présidentiel, "
        "Dinh Van Loc, membre du Comité central, et le vice-ministre de la Santé, "
        "Lam Thi Hoa, l'ambassadeur du Vietnam au Chili, Doan Van Kiet."
    )
    assert set(officials(ex)) == {"Vo Minh Chau", "Dinh Van Loc", "Lam Thi Hoa", "Doan Van Kiet"}
    roles = {o.name: o.roles for o in ex.officials}
    assert roles["Doan Van Kiet"] == ["ambassadeur du Vietnam au Chili"]
    assert roles["Lam Thi Hoa"] == ["vice-ministre de la Santé"]


def test_honorific_is_not_part_of_the_name(read):
    ex = read("Le Premier ministre cambodgien Samdech Hun Sokha a reçu l'ambassadeur Le Van Hieu.")
    assert "Hun Sokha" in officials(ex)


def test_military_rank_with_hyphenated_post_stays_in_one_sentence(read):
    ex = read(
        "Sur l'invitation du général de brigade Tan Wei Ming, chef d'état-major de l'Armée de "
        "l'air de Singapour, le colonel Bui Van Son, chef d'état-major adjoint, a participé "
        "à la réunion tenue du 3 au 5 mai à Singapour."
    )
    assert officials(ex) == {"Tan Wei Ming": "SG", "Bui Van Son": "VN"}
    assert frozenset({"Tan Wei Ming", "Bui Van Son"}) in pairs(ex)


def test_delegation_gives_its_leader_country(read):
    ex = read(
        "Le général Nguyen Van Tam a reçu le 2 mars une délégation du ministère laotien "
        "de la Défense, conduite par son directeur, le colonel Khamla Vongsa."
    )
    assert officials(ex)["Khamla Vongsa"] == "LA"


def test_uncued_foreign_name_serves_the_document_foreign_country(read):
    ex = read(
        "Le Vietnam et la Pologne renforcent leurs liens. La vice-ministre Le Thi Lan a "
        "rencontré le secrétaire d'État Jan Kowalski."
    )
    assert officials(ex) == {"Le Thi Lan": "VN", "Jan Kowalski": "PL"}


def test_name_inside_an_institution_name_is_not_a_person(read):
    ex = read(
        "Il a été reçu par Pham Van Duc, président de l'Institut national de recherche "
        "Ton Duc Thang, Le Van Nam, vice-président du Bureau central."
    )
    assert "Ton Duc Thang" not in officials(ex)
    assert {"Pham Van Duc", "Le Van Nam"} <= set(officials(ex))


def test_common_noun_before_a_name_belongs_to_the_title(read):
    ex = read(
        "La délégation comprend le ministre de l'Agriculture et de l'Environnement "
        "Do Duc Duy, le ministre des Finances et du Commerce Ho Duc Phoc."
    )
    assert set(officials(ex)) == {"Do Duc Duy", "Ho Duc Phoc"}


def test_elected_to_a_post_makes_an_official(read):
    ex = read("Marie Dupont a été élue secrétaire nationale du Parti socialiste français.")
    assert officials(ex) == {"Marie Dupont": "FR"}


def test_name_without_any_title_is_not_an_official(read):
    ex = read(
        "Le président Tran Van Hai, accompagné de son épouse Nguyen Thi Kim, "
        "a visité le musée Nguyen Trai."
    )
    assert set(officials(ex)) == {"Tran Van Hai"}


def test_one_person_two_spellings_is_one_official(read):
    ex = read("Le président Tô Văn Lâm a parlé. Plus tard, le président To Van Lam a répondu.")
    assert len(ex.officials) == 1


# -- contacts ----------------------------------------------------------------------------------


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


# -- relations ---------------------------------------------------------------------------------


def test_relation_between_two_named_countries(read):
    ex = read("Le partenariat stratégique intégral entre le Vietnam et le Chili progresse.")
    assert relations(ex) == {("ComprehensiveStrategicPartnership", "CL", "VN")}


def test_hyphenated_pair_gives_the_parties(read):
    ex = read("Le Chili salue le partenariat global Vietnam-Pérou.")
    assert relations(ex) == {("ComprehensivePartnership", "PE", "VN")}


def test_the_two_countries_are_the_document_pair(read):
    ex = read(
        "Le Vietnam et le Chili renforcent leurs liens. Les deux pays ont célébré leurs "
        "relations diplomatiques."
    )
    assert ("DiplomaticRelations", "CL", "VN") in relations(ex)


def test_cooperation_agreement_to_be_negotiated_is_not_an_agreement(read):
    ex = read("Le Vietnam et le Chili souhaitent négocier et signer des accords de coopération.")
    assert relations(ex) == set()


def test_signed_memorandum_is_a_cooperation_agreement(read):
    ex = read(
        "Les ministères de la Santé du Vietnam et du Chili ont signé un mémorandum d'entente."
    )
    assert relations(ex) == {("CooperationAgreement", "CL", "VN")}


def test_establishment_sentence_dates_the_relation(read):
    ex = read("Le Vietnam et le Chili ont établi leur partenariat stratégique en mars 2019.")
    (r,) = ex.relations
    assert r.kind == "StrategicPartnership" and str(r.since) == "2019-03"


def test_relation_with_an_organisation(read):
    ex = read("L'accord de libre-échange entre le Vietnam et l'Union européenne est en vigueur.")
    assert relations(ex) == {("FreeTradeAgreement", "EU", "VN")}


def test_traditional_solidarity_is_not_traditional_friendship(read):
    ex = read("La solidarité traditionnelle entre le Vietnam et le Chili est un modèle.")
    assert relations(ex) == set()


# -- rules added after reading more diplomatic prose --------------------------------------------


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


def test_coordinated_titles_with_their_own_countries(read):
    ex = read(
        "Le président Vo Van Hai a reçu le 5 mai les lettres de créance des ambassadeurs "
        "du Chili, Pedro Soto Ruiz, et du Kenya, Amina Wanjiru."
    )
    assert officials(ex) == {"Vo Van Hai": "VN", "Pedro Soto Ruiz": "CL", "Amina Wanjiru": "KE"}
    assert pairs(ex) == {
        frozenset({"Vo Van Hai", "Pedro Soto Ruiz"}),
        frozenset({"Vo Van Hai", "Amina Wanjiru"}),
    }


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


def test_korean_hyphenated_given_name_is_whole(read):
    ex = read(
        "Le ministre sud-coréen des Affaires étrangères, Park Jin-woo, a été reçu par le "
        "Premier ministre Ngo Van Tam."
    )
    assert "Park Jin-woo" in officials(ex)


def test_since_is_the_establishment_date_not_the_anniversary(read):
    ex = read(
        "Le Vietnam et le Chili célèbrent le 30e anniversaire de l'établissement de leurs relations "
        "diplomatiques (12 mars 1995 – 12 mars 2025)."
    )
    (r,) = ex.relations
    assert r.kind == "DiplomaticRelations" and str(r.since) == "1995-03-12"


def test_celebration_date_is_not_the_relation_start(read):
    ex = read(
        "Du 3 au 5 mai, dans le cadre des activités célébrant le 40e anniversaire de "
        "l'établissement des relations diplomatiques entre le Vietnam et le Chili, une "
        "délégation a effectué une visite au Chili."
    )
    (r,) = ex.relations
    assert r.since is None


def test_since_goes_to_the_relation_established_not_its_neighbour(read):
    ex = read(
        "Le Vietnam attache de l'importance à l'amitié traditionnelle avec le Chili, avec "
        "lequel il a établi, dès 2007, un partenariat global."
    )
    since = {r.kind: r.since for r in ex.relations}
    assert str(since["ComprehensivePartnership"]) == "2007"
    assert since["TraditionalFriendship"] is None


def test_welcome_ceremony_told_with_its_host_only_welcomes_the_visitor(read):
    ex = read(
        "Le président chilien Gabriel Ruiz est arrivé le 3 mai à Hanoï pour une visite "
        "d'État. Le président Vo Van Hai a présidé le 4 mai la cérémonie d'accueil officielle."
    )
    reception = next(e for e in ex.events if e.kind == "Reception")
    assert {o.name for o in reception.participants} == {"Vo Van Hai", "Gabriel Ruiz"}


def test_short_name_with_another_title_is_another_person(read):
    ex = read(
        "Le Premier ministre malaisien Anwar Ibrahim a reçu le ministre Ngo Van Tam. Le roi "
        "de Malaisie, le sultan Ibrahim, a aussi reçu le ministre Ngo Van Tam."
    )
    assert "Ibrahim" in officials(ex) and "Anwar Ibrahim" in officials(ex)


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


def test_title_then_rank_then_name_keeps_both_titles(read):
    ex = read(
        "Le ministre chilien de la Défense, le général Pedro Soto Ruiz, a reçu le 2 mai "
        "l'ambassadeur du Vietnam au Chili, Doan Van Kiet."
    )
    soto = next(o for o in ex.officials if o.name == "Pedro Soto Ruiz")
    assert soto.country == "CL" and len(soto.roles) == 2


def test_signing_at_the_end_of_talks_is_not_new_talks(read):
    ex = read(
        "Le ministre Ngo Van Tam a rencontré le 4 mai son homologue chilien Pedro Soto. À "
        "l'issue des entretiens, les deux ministres ont signé un mémorandum d'entente."
    )
    kinds = sorted(e.kind for e in ex.events if e.participants)
    assert kinds == ["Meeting", "Signing"]
