"""Rules that let one real contact be read the same way in every outlet's report (issue 15),
each on sentences written for the test."""

from __future__ import annotations


import pytest


from extract_support import article_reader, officials, pairs


@pytest.fixture(scope="module")
def read(nlp):
    return article_reader(nlp, country=None, title="Rencontres diplomatiques")


def test_pronoun_subject_meets_each_listed_leader_apart(read):
    ex = read(
        "Le président brésilien Paulo Ramos est arrivé lundi à Lisbonne, où il s'est "
        "entretenu avec les dirigeants de la région. Au palais, il a rencontré Jorge Sampaio "
        "Costa, président du Portugal, et Ahmed Benali, président de la Tunisie."
    )
    found = pairs(ex)
    assert frozenset(("Paulo Ramos", "Jorge Sampaio Costa")) in found
    assert frozenset(("Paulo Ramos", "Ahmed Benali")) in found
    assert frozenset(("Jorge Sampaio Costa", "Ahmed Benali")) not in found


def test_interim_title_keeps_the_name_after_it(read):
    ex = read(
        "Le Premier ministre par intérim Karim Haddad a reçu mardi l'ambassadeur de Suède, "
        "Lars Berg.",
        "TN",
    )
    assert "Karim Haddad" in officials(ex)
    assert frozenset(("Karim Haddad", "Lars Berg")) in pairs(ex)


def test_titles_of_a_contact_go_to_the_names_of_the_sentence_before(read):
    ex = read(
        "Karl Lindqvist a parlé avec Jorge Almeida. Le Premier ministre de la Suède a "
        "annoncé jeudi qu'il s'est entretenu au téléphone avec le président brésilien."
    )
    found = officials(ex)
    assert found.get("Karl Lindqvist") == "SE"
    assert found.get("Jorge Almeida") == "BR"
    assert frozenset(("Karl Lindqvist", "Jorge Almeida")) in pairs(ex)


def test_titles_of_a_contact_go_to_the_names_of_the_sentence_after(read):
    ex = read(
        "Le président de la République s'est entretenu ce matin avec le Premier ministre "
        "norvégien. Lors de la conférence de presse, Marco Bellini a salué la venue de "
        "Erik Solheim Dahl.",
        "IT",
    )
    found = officials(ex)
    assert found.get("Marco Bellini") == "IT"
    assert found.get("Erik Solheim Dahl") == "NO"
    assert frozenset(("Marco Bellini", "Erik Solheim Dahl")) in pairs(ex)


def test_a_title_of_a_country_already_served_gives_no_name_a_title(read):
    ex = read(
        "Le président de Cuba, Raúl Pérez, est arrivé mardi, accompagné de Ana Soto Vera. "
        "Le chef de l'État cubain a été reçu par le président du Chili, Pablo Ruiz.",
        "CL",
    )
    assert not any("Soto" in name for name in officials(ex))


def test_a_place_named_after_a_common_noun_takes_no_title(read):
    ex = read(
        "Le chef de l'État s'est rendu au palais présidentiel Ntombi Kulani pour un "
        "entretien avec le président Ruiz.",
        "CL",
    )
    assert "Ntombi Kulani" not in officials(ex)


def test_one_word_name_is_the_official_with_the_longer_name(read):
    ex = read(
        "Le président Almeida a reçu lundi l'ambassadeur de Suède, Lars Berg. Jorge "
        "Almeida, président du Brésil, a salué l'amitié entre les deux pays.",
        "BR",
    )
    assert "Almeida" not in officials(ex)
    assert frozenset(("Jorge Almeida", "Lars Berg")) in pairs(ex)


def test_full_name_without_title_is_the_official_named_by_surname(read):
    ex = read(
        "Lundi, Jorge Almeida a salué le peuple. Le président Almeida a ensuite reçu "
        "l'ambassadeur de Suède, Lars Berg.",
        "BR",
    )
    assert set(officials(ex)) == {"Jorge Almeida", "Lars Berg"}


def test_bare_title_with_a_demonym_gives_the_country_of_the_one_so_titled(read):
    ex = read(
        "Le président Almeida est arrivé lundi à Oslo. Le président brésilien a été reçu "
        "par le Premier ministre norvégien, Erik Dahl.",
        "SN",
    )
    assert officials(ex).get("Almeida") == "BR"
    assert frozenset(("Almeida", "Erik Dahl")) in pairs(ex)


def test_objects_parted_by_puis_are_two_contacts_of_the_subject(read):
    ex = read(
        "Le président brésilien Jorge Almeida a rencontré le président du Portugal, Rui "
        "Costa, puis le Premier ministre du Portugal, Ana Lopes.",
        "BR",
    )
    found = pairs(ex)
    assert frozenset(("Jorge Almeida", "Rui Costa")) in found
    assert frozenset(("Jorge Almeida", "Ana Lopes")) in found
    assert frozenset(("Rui Costa", "Ana Lopes")) not in found


def test_a_verb_between_a_name_and_a_bare_title_parts_them(read):
    ex = read(
        "Le roi de Suède, Carl Gustaf Berg, a salué lundi les deux pays. Le Premier "
        "ministre suédois, Lars Dahl, est arrivé à Lisbonne. Le président Rui Costa reçoit "
        "le Premier ministre suédois.",
        "PT",
    )
    found = pairs(ex)
    assert frozenset(("Rui Costa", "Lars Dahl")) in found
    assert frozenset(("Rui Costa", "Carl Gustaf Berg")) not in found


def test_deputy_secretary_general_is_a_title(read):
    ex = read(
        "Le président Jorge Almeida a reçu mardi Ana Lopes, vice-secrétaire générale de l'ONU.",
        "BR",
    )
    assert officials(ex).get("Ana Lopes") == "UN"
    assert frozenset(("Jorge Almeida", "Ana Lopes")) in pairs(ex)
