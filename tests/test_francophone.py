"""Rules for the wider francophone press (issue 13), each on sentences written for the test.

The outlet's country comes from the record (``country``), as a JSON input would give it.
"""

from __future__ import annotations


import pytest


from extract_support import article_reader, officials, pairs


@pytest.fixture(scope="module")
def read(nlp):
    return article_reader(nlp, country="SN", title="Audiences au palais")


# -- names ---------------------------------------------------------------------------------


def test_regnal_number_is_part_of_the_name(read):
    ex = read("Le roi Hassan IX a reçu mardi l'ambassadeur du Chili, Pablo Ruiz Tagle.", "MA")
    assert "Hassan IX" in officials(ex)


def test_upper_case_surname_is_part_of_the_name(read):
    ex = read(
        "Le ministre des Affaires étrangères, Moussa KANTÉ, a reçu l'ambassadeur de "
        "Belgique, Luc VAN-DER-BERG.",
        "ML",
    )
    assert set(officials(ex)) == {"Moussa KANTÉ", "Luc VAN-DER-BERG"}


def test_forms_of_address_are_not_names(read):
    ex = read(
        "Son Excellence Monsieur Ibrahima Fall, ministre de l'Intégration, a reçu Madame "
        "Ingrid Holm, ambassadrice de Suède.",
        "SN",
    )
    assert set(officials(ex)) == {"Ibrahima Fall", "Ingrid Holm"}


def test_particles_of_arabic_names_stay_in_the_name(read):
    ex = read(
        "Le Premier ministre, Sidi Ould Bah, a reçu l'ambassadeur d'Égypte, Karim Ben "
        "Salem El Masri.",
        "MR",
    )
    assert set(officials(ex)) == {"Sidi Ould Bah", "Karim Ben Salem El Masri"}


# -- contacts ------------------------------------------------------------------------------


def test_bare_title_names_the_official_who_holds_it(read):
    ex = read(
        "Le Président de la République, Amadou Sy, a présidé le conseil des ministres. "
        "Le Président de la République a ensuite reçu l'ambassadeur du Brésil, "
        "Carlos Pinto.",
        "SN",
    )
    assert frozenset(("Amadou Sy", "Carlos Pinto")) in pairs(ex)


def test_bare_title_held_by_two_officials_names_no_one(read):
    ex = read(
        "Le ministre de la Santé, Awa Ndiaye, et le ministre de l'Économie, Paul Sarr, "
        "ont parlé. Le ministre a ensuite reçu l'ambassadeur du Brésil, Carlos Pinto.",
        "SN",
    )
    assert not any("Carlos Pinto" in p for p in pairs(ex))


def test_guests_listed_after_il_s_agit_de_each_meet_the_host(read):
    ex = read(
        "Le roi Hassan IX a reçu jeudi plusieurs ambassadeurs étrangers. Il s'agit de "
        "MM. Pablo Ruiz Tagle, ambassadeur du Chili, et Jan Novak, ambassadeur de la "
        "République tchèque.",
        "MA",
    )
    found = pairs(ex)
    assert frozenset(("Hassan IX", "Pablo Ruiz Tagle")) in found
    assert frozenset(("Hassan IX", "Jan Novak")) in found
    assert frozenset(("Pablo Ruiz Tagle", "Jan Novak")) not in found


def test_guests_listed_on_lines_after_a_colon_each_meet_the_host(read):
    ex = read(
        "Le Président de la République, Amadou Sy, a reçu ce jour en audience :\n\n"
        "- Monsieur Carlos Pinto, ambassadeur du Brésil ;\n\n"
        "- Madame Ingrid Holm, ambassadrice de Suède.\n\n"
        "La coopération a été évoquée.",
        "SN",
    )
    found = pairs(ex)
    assert frozenset(("Amadou Sy", "Carlos Pinto")) in found
    assert frozenset(("Amadou Sy", "Ingrid Holm")) in found
    assert frozenset(("Carlos Pinto", "Ingrid Holm")) not in found


def test_one_host_several_guests_of_several_countries_gives_each_pair(read):
    ex = read(
        "Le chef de l'État, Amadou Sy, a reçu mardi l'ambassadeur du Brésil, Carlos Pinto, "
        "et l'ambassadrice de Suède, Ingrid Holm.",
        "SN",
    )
    found = pairs(ex)
    assert {
        frozenset(("Amadou Sy", "Carlos Pinto")),
        frozenset(("Amadou Sy", "Ingrid Holm")),
    } <= found
    assert frozenset(("Carlos Pinto", "Ingrid Holm")) not in found


def test_virtual_summit_is_one_meeting_of_all(read):
    ex = read(
        "Le président chilien, Pablo Ruiz Tagle, a tenu un sommet virtuel avec le président "
        "brésilien, Carlos Pinto, et la Première ministre suédoise, Ingrid Holm.",
        None,
    )
    kinds = {e.kind for e in ex.events if len(e.participants) == 3}
    assert kinds == {"VideoCall"}


def test_counterpart_named_alone_met_the_actor_told_before(read):
    ex = read(
        "Le conseiller fédéral Urs Keller a effectué une visite officielle à Rome. "
        "L'entretien avec son homologue italien Marco Bellini a porté sur l'énergie.",
        "CH",
    )
    assert frozenset(("Urs Keller", "Marco Bellini")) in pairs(ex)


@pytest.mark.parametrize(
    "verb",
    ["a eu une communication téléphonique avec", "a eu un tête-à-tête avec", "a échangé avec"],
)
def test_other_ways_of_telling_a_contact(read, verb):
    ex = read(
        f"Le ministre des Affaires étrangères, Ibrahima Fall, {verb} son homologue "
        "canadien, Paul Tremblay.",
        "SN",
    )
    assert frozenset(("Ibrahima Fall", "Paul Tremblay")) in pairs(ex)


def test_titles_of_federal_states_are_titles(read):
    ex = read(
        "La conseillère fédérale Anna Keller a rencontré le ministre belge, Luc Peeters.", "CH"
    )
    assert officials(ex) == {"Anna Keller": "CH", "Luc Peeters": "BE"}


# -- who met, who did not ------------------------------------------------------------------


def test_contact_told_in_the_future_is_a_plan(read):
    ex = read(
        "La ministre indienne de la Culture, Priya Nair, rencontrera samedi le Premier "
        "ministre, Omar Diallo.",
        "SN",
    )
    assert not pairs(ex)


def test_announced_visit_is_no_contact(read):
    ex = read(
        "Le ministre italien, Marco Bellini, est attendu lundi à Dakar pour une visite de "
        "travail auprès du ministre Omar Diallo.",
        "SN",
    )
    assert not pairs(ex)


def test_reporter_of_a_future_talk_is_not_a_participant(read):
    ex = read(
        "Il s'entretiendra aussi avec les dirigeants italiens, a précisé l'ambassadeur "
        "du Sénégal en Italie, Omar Diallo.",
        "SN",
    )
    assert not pairs(ex)


def test_call_between_two_named_parties_has_only_them(read):
    ex = read(
        "Dans le sillage de l'appel téléphonique du 2 mars 2024 entre le président de la "
        "République, M. Omar Diallo, et son homologue italien, M. Marco Bellini, les "
        "ministres Awa Ndiaye et Luca Conti ont parlé du commerce.",
        "SN",
    )
    assert pairs(ex) == {frozenset(("Omar Diallo", "Marco Bellini"))}


def test_two_ministers_are_the_two_holders_of_the_post(read):
    ex = read(
        "Le président sénégalais, Omar Diallo, a appelé son homologue italien, Marco "
        "Bellini. Le ministre sénégalais des Affaires étrangères, Awa Ndiaye, et le "
        "ministre italien des Affaires étrangères, Luca Conti, étaient présents. "
        "La conversation téléphonique entre les deux ministres a duré une heure.",
        "SN",
    )
    assert frozenset(("Awa Ndiaye", "Luca Conti")) in pairs(ex)


def test_guest_received_with_no_host_named_met_the_last_host(read):
    ex = read(
        "Le président de la République, Omar Diallo, a reçu mardi les lettres de créance "
        "de l'ambassadeur du Chili, Pablo Ruiz Tagle. Ensuite, Jan Novak, ambassadeur de "
        "la République tchèque, a été reçu à son tour.",
        "SN",
    )
    assert frozenset(("Omar Diallo", "Jan Novak")) in pairs(ex)


# -- names and countries -------------------------------------------------------------------


def test_form_of_address_between_title_and_name(read):
    ex = read(
        "Le ministre de l'Intérieur, M. Omar Diallo, a reçu l'ambassadeur du Chili, "
        "Pablo Ruiz Tagle.",
        "SN",
    )
    assert officials(ex) == {"Omar Diallo": "SN", "Pablo Ruiz Tagle": "CL"}


def test_typo_variant_of_a_name_on_one_page_is_one_official(read):
    ex = read(
        "Le président de la République, Omar Diallo, a reçu l'ambassadeur du Chili, "
        "Pablo Ruiz Tagle. Le président Omar Diablo a salué la coopération.",
        "SN",
    )
    assert len([n for n in officials(ex) if n.startswith("Omar")]) == 1


def test_counterpart_without_country_serves_the_other_side(read):
    ex = read(
        "Le président de la République, Omar Diallo, a reçu l'ambassadeur du Chili, "
        "Pablo Ruiz Tagle, porteur d'un message de son homologue Pedro Alvarado.",
        "SN",
    )
    assert officials(ex)["Pedro Alvarado"] == "CL"


def test_state_name_adjectives_are_no_person(read):
    ex = read(
        "Le président de la République, Omar Diallo, a reçu l'ambassadeur de la "
        "République Fédérale Islamique des Comores, Said Ahmed.",
        "SN",
    )
    assert "Fédérale Islamique" not in officials(ex)


def test_form_of_address_inside_a_name_stays(read):
    ex = read(
        "Le ministre des Affaires étrangères, M. Sidi Ould Cheikh Bah, a reçu "
        "l'ambassadeur du Chili, Pablo Ruiz Tagle.",
        "MR",
    )
    assert "Sidi Ould Cheikh Bah" in officials(ex)


# -- relations and dates -------------------------------------------------------------------


def relations(ex) -> set[tuple[frozenset, str]]:
    return {(frozenset(r.parties), r.kind) for r in ex.relations}


def test_envoy_posting_country_is_no_party_of_a_relation(read):
    ex = read(
        "Pablo Ruiz Tagle, ambassadeur du Chili en Espagne, et Jan Novak, ambassadeur de "
        "la République tchèque en Espagne, ont acté l'établissement de relations "
        "diplomatiques entre leurs pays.",
        None,
    )
    assert relations(ex) == {(frozenset(("CL", "CZ")), "DiplomaticRelations")}


def test_privileged_partnership_is_a_relation(read):
    ex = read(
        "Les deux ministres ont salué le partenariat privilégié entre le Mali et le Chili.", "ML"
    )
    assert relations(ex) == {(frozenset(("ML", "CL")), "OtherRelation")}


def test_page_date_line_is_no_event(read):
    ex = read(
        "14 mars 2024\n\nLe ministre Omar Diallo a reçu le 12 mars l'ambassadeur du "
        "Chili, Pablo Ruiz Tagle.",
        "SN",
        published="2024-03-14",
    )
    assert {str(e.start) for e in ex.events if e.start} == {"2024-03-12"}


def test_respectively_gives_each_name_its_country(read):
    ex = read(
        "Le ministre, Omar Diallo, s'est entretenu mardi avec les ambassadeurs du Chili "
        "et du Pérou auprès du Sénégal, respectivement MM. Pablo Ruiz Tagle et Luis "
        "Quispe Mamani.",
        "SN",
    )
    assert officials(ex)["Pablo Ruiz Tagle"] == "CL"
    assert officials(ex)["Luis Quispe Mamani"] == "PE"
    assert frozenset(("Omar Diallo", "Luis Quispe Mamani")) in pairs(ex)


def test_demonym_of_a_portfolio_is_not_the_country_served(read):
    ex = read(
        "Le ministre, Omar Diallo, a reçu l'ambassadeur du Chili, Pablo Ruiz Tagle, en "
        "présence de la directrice des affaires américaines, Awa Ndiaye.",
        "SN",
    )
    assert officials(ex)["Awa Ndiaye"] == "SN"


def test_sender_of_greetings_is_not_a_participant(read):
    ex = read(
        "Le ministre italien, Marco Bellini, a été reçu par le président du Sénégal, Omar "
        "Diallo, et lui a transmis les salutations du président italien Paolo Greco.",
        "IT",
    )
    found = pairs(ex)
    assert frozenset(("Marco Bellini", "Omar Diallo")) in found
    assert not any("Paolo Greco" in p for p in found)


def test_host_of_an_invitation_stays_a_participant(read):
    ex = read(
        "À l'invitation du président du Sénégal, Omar Diallo, le président italien, Paolo "
        "Greco, effectue une visite d'État à Dakar.",
        "SN",
    )
    assert frozenset(("Omar Diallo", "Paolo Greco")) in pairs(ex)


def test_contact_told_as_a_topic_is_no_contact_of_the_speaker(read):
    ex = read(
        "L'ambassadrice du Chili, Ana Soto, a évoqué la visite du président sénégalais "
        "Omar Diallo à Santiago en 1998.",
        "SN",
    )
    assert not pairs(ex)


def test_bare_title_with_a_demonym_names_its_holder(read):
    ex = read(
        "Le président de la République italienne, Paolo Greco, a salué le président du "
        "Sénégal, Omar Diallo. Le ministre Awa Ndiaye a parlé de l'entretien téléphonique "
        "entre le Président italien et le président du Sénégal.",
        "SN",
    )
    assert frozenset(("Paolo Greco", "Omar Diallo")) in pairs(ex)
    assert not any("Awa Ndiaye" in p for p in pairs(ex))


def test_capitalised_complement_of_a_title_is_no_name(read):
    ex = read(
        "Le président, Omar Diallo, a reçu Monsieur Luis Quispe Mamani, Ministre de "
        "l'Intégration Régionale de la République du Pérou.",
        "SN",
    )
    assert officials(ex) == {"Omar Diallo": "SN", "Luis Quispe Mamani": "PE"}


def test_organisation_in_a_minister_portfolio_is_not_the_body_served(read):
    ex = read(
        "Le ministre des Relations internationales et de la Francophonie, Luc Tremblay, "
        "a rencontré l'ambassadeur du Chili, Pablo Ruiz Tagle.",
        "CA",
    )
    assert officials(ex)["Luc Tremblay"] == "CA"


def test_country_written_after_a_name_is_a_cue(read):
    ex = read(
        "Les nouveaux ambassadeurs ont été reçus. L'ambassadeur Karim Bennani a salué "
        "l'accueil. Étaient présents Pablo Ruiz Tagle du Chili et Karim Bennani du royaume "
        "du Maroc.",
        "SN",
    )
    assert officials(ex)["Karim Bennani"] == "MA"


def test_possessive_form_of_address_is_not_a_name(read):
    ex = read(
        "Son Excellence Omar Diallo, Président de la République, a reçu Sa Majesté Hassan "
        "IX, roi du Maroc.",
        "SN",
    )
    assert set(officials(ex)) == {"Omar Diallo", "Hassan IX"}


def test_future_verb_far_before_a_contact_noun_makes_a_plan(read):
    ex = read(
        "La ministre indienne, Priya Nair, arrivera samedi. Elle rendra, dans la matinée de "
        "dimanche, une visite de courtoisie au président de la République, Omar Diallo.",
        "SN",
    )
    assert not pairs(ex)


def test_sender_of_a_message_is_not_a_participant(read):
    ex = read(
        "Le président de la République, Omar Diallo, a reçu l'ambassadeur du Chili, Pablo "
        "Ruiz Tagle, porteur du message du président Pedro Alvarado.",
        "SN",
    )
    assert pairs(ex) == {frozenset(("Omar Diallo", "Pablo Ruiz Tagle"))}


@pytest.mark.parametrize(
    "org, code", [("CEDEAO", "ECOWAS"), ("UEMOA", "WAEMU"), ("CEEAC", "ECCAS"), ("OCI", "OIC")]
)
def test_regional_organisations_are_data_with_their_codes(read, org, code):
    ex = read(
        f"Le secrétaire général de la {org}, Moussa Traoré, a rencontré le ministre "
        "belge, Luc Peeters.",
        None,
    )
    assert officials(ex)["Moussa Traoré"] == code


def test_contact_opened_by_a_demonstrative_takes_the_date_told_before_the_date_line(read):
    ex = read(
        "Le Bénin et l'Estonie ont établi des relations diplomatiques le 4 mars dernier.\n\n"
        "Publié le 20/03/2019 à 10:00\n\n"
        "Cette déclaration a été signée par Paul Houngbo, ambassadeur du Bénin en France, "
        "et par Kaja Tamm, ambassadrice d'Estonie en France.",
        None,
        published="2019-03-20",
    )
    dated = {
        frozenset(o.name for o in e.participants): str(e.start) for e in ex.events if e.participants
    }
    assert dated == {frozenset(("Paul Houngbo", "Kaja Tamm")): "2019-03-04"}


def test_title_with_its_article_after_a_name_and_a_comma_is_that_name_s(read):
    ex = read(
        "Ana Souza, l'ambassadrice du Brésil, avec le président sénégalais lors de l'audience.",
        "SN",
    )
    assert officials(ex).get("Ana Souza") == "BR"


def test_form_of_address_with_its_possessive_stands_between_title_and_name(read):
    ex = read(
        "Le chef de la diplomatie malienne, Son Excellence Moussa Kanté, a reçu "
        "l'ambassadeur du Chili, Pablo Ruiz Tagle.",
        "ML",
    )
    assert officials(ex).get("Moussa Kanté") == "ML"
    assert frozenset(("Moussa Kanté", "Pablo Ruiz Tagle")) in pairs(ex)


def test_names_listed_after_a_plural_title_hold_it_in_their_country(read):
    ex = read(
        "Les vice-ministres du Pérou et de la Bolivie ont été reçus hier. Selon le "
        "protocole, il s'agit de M. Jorge Quispe du Pérou et Luis Mamani de la Bolivie.",
        "SN",
    )
    found = officials(ex)
    assert found.get("Jorge Quispe") == "PE" and found.get("Luis Mamani") == "BO"


def test_names_in_parentheses_after_each_country_of_a_plural_title_hold_it(read):
    ex = read(
        "En 1980, les chefs de la Barbade (Owen Arthur), du Belize (Said Musa) et de la "
        "Guyane (Bharrat Jagdeo) ont signé la déclaration commune avec Cuba.",
        "CU",
    )
    found = officials(ex)
    assert found.get("Said Musa") == "BZ"
    assert found.get("Bharrat Jagdeo") == "GY"


def test_untitled_party_of_a_contact_holds_the_title_told_without_a_name(read):
    ex = read(
        "Le chef de la diplomatie chilienne a appelé ses partenaires africains.\n\n"
        "Pablo Ruiz Tagle s'est entretenu par téléphone avec Moussa Kanté, ministre des "
        "Affaires étrangères du Mali.",
        None,
        title="Le ministre chilien appelle Bamako",
    )
    assert officials(ex).get("Pablo Ruiz Tagle") == "CL"
    assert frozenset(("Pablo Ruiz Tagle", "Moussa Kanté")) in pairs(ex)


def test_untitled_name_far_before_a_contact_holds_no_title_told_without_a_name(read):
    ex = read(
        "Depuis Tierra Amarilla, sur la côte, le chef de la diplomatie chilienne a eu hier un "
        "entretien avec Moussa Kanté, ministre des Affaires étrangères du Mali.",
        None,
        title="Le ministre chilien en visite",
    )
    assert "Tierra Amarilla" not in officials(ex)


def test_date_after_publie_le_dates_no_event(read):
    ex = read(
        "Diplomatie : le président Amadou Sy reçoit l'ambassadeur du Brésil Publié le "
        "mardi 4 mai 2021 | Le Quotidien\n\n"
        "Le président de la République, Amadou Sy, a reçu le lundi 3 mai 2021 "
        "l'ambassadeur du Brésil, Carlos Pinto.",
        "SN",
        published="2021-05-04",
    )
    assert {str(e.start) for e in ex.events if e.start} == {"2021-05-03"}


def test_date_of_a_story_told_with_the_verb_publier_is_kept(read):
    ex = read(
        "Les deux pays ont publié le 4 mars 2021 une déclaration commune sur leur partenariat.",
        "SN",
        published="2021-05-04",
    )
    assert {str(e.start) for e in ex.events if e.start} == {"2021-03-04"}


def test_demonym_later_in_an_apposition_gives_the_country_of_its_title(read):
    ex = read(
        "Le Premier ministre, Amadou Sy, a reçu M. Hans Weber, coordinateur pour le Sahel "
        "et l'Afrique de l'Ouest au ministère allemand de la Coopération.",
        "SN",
    )
    assert officials(ex).get("Hans Weber") == "DE"


def test_word_of_a_state_s_name_after_republique_is_no_person_s_name(read):
    ex = read(
        "Le président de la République, Amadou Sy, a ensuite reçu l'ambassadeur de la "
        "République Démocrati",
        "SN",
    )
    assert set(officials(ex)) == {"Amadou Sy"}


def test_surname_after_president_de_la_republique_stays_a_name(read):
    ex = read(
        "Le président de la République Tebboune a reçu l'ambassadeur du Chili, Pablo Ruiz Tagle.",
        "DZ",
    )
    assert "Tebboune" in officials(ex)
