"""Rules for the wider francophone press (issue 13), each on sentences written for the test.

The outlet's country comes from the record (``country``), as a JSON input would give it.
"""
from __future__ import annotations

from dataclasses import replace

import pytest

from kg.ingest import split_record


@pytest.fixture(scope="module")
def nlp():
    from kg.nlp import load_pipeline
    return load_pipeline()


@pytest.fixture(scope="module")
def read(nlp):
    from kg.extract import extract_all

    def _read(text: str, country: str | None = "SN", title: str = "Audiences au palais",
              published: str | None = None):
        docs = split_record(f"{title}\n\n{text}", identifier="t", source_file="t.jsonl",
                            title=title, published=published, line=1)
        return next(iter(extract_all(nlp, [replace(docs[0], country=country)])))
    return _read


def officials(ex) -> dict[str, str | None]:
    return {o.name: o.country for o in ex.officials}


def pairs(ex) -> set[frozenset[str]]:
    out = set()
    for e in ex.events:
        names = [o.name for o in e.participants]
        out |= {frozenset((a, b)) for i, a in enumerate(names) for b in names[i + 1:]}
    return out


# -- names ---------------------------------------------------------------------------------

def test_regnal_number_is_part_of_the_name(read):
    ex = read("Le roi Hassan IX a reçu mardi l'ambassadeur du Chili, Pablo Ruiz Tagle.", "MA")
    assert "Hassan IX" in officials(ex)


def test_upper_case_surname_is_part_of_the_name(read):
    ex = read("Le ministre des Affaires étrangères, Moussa KANTÉ, a reçu l'ambassadeur de "
              "Belgique, Luc VAN-DER-BERG.", "ML")
    assert set(officials(ex)) == {"Moussa KANTÉ", "Luc VAN-DER-BERG"}


def test_forms_of_address_are_not_names(read):
    ex = read("Son Excellence Monsieur Ibrahima Fall, ministre de l'Intégration, a reçu Madame "
              "Ingrid Holm, ambassadrice de Suède.", "SN")
    assert set(officials(ex)) == {"Ibrahima Fall", "Ingrid Holm"}


def test_particles_of_arabic_names_stay_in_the_name(read):
    ex = read("Le Premier ministre, Sidi Ould Bah, a reçu l'ambassadeur d'Égypte, Karim Ben "
              "Salem El Masri.", "MR")
    assert set(officials(ex)) == {"Sidi Ould Bah", "Karim Ben Salem El Masri"}


# -- contacts ------------------------------------------------------------------------------

def test_bare_title_names_the_official_who_holds_it(read):
    ex = read("Le Président de la République, Amadou Sy, a présidé le conseil des ministres. "
              "Le Président de la République a ensuite reçu l'ambassadeur du Brésil, "
              "Carlos Pinto.", "SN")
    assert frozenset(("Amadou Sy", "Carlos Pinto")) in pairs(ex)


def test_bare_title_held_by_two_officials_names_no_one(read):
    ex = read("Le ministre de la Santé, Awa Ndiaye, et le ministre de l'Économie, Paul Sarr, "
              "ont parlé. Le ministre a ensuite reçu l'ambassadeur du Brésil, Carlos Pinto.", "SN")
    assert not any("Carlos Pinto" in p for p in pairs(ex))


def test_guests_listed_after_il_s_agit_de_each_meet_the_host(read):
    ex = read("Le roi Hassan IX a reçu jeudi plusieurs ambassadeurs étrangers. Il s'agit de "
              "MM. Pablo Ruiz Tagle, ambassadeur du Chili, et Jan Novak, ambassadeur de la "
              "République tchèque.", "MA")
    found = pairs(ex)
    assert frozenset(("Hassan IX", "Pablo Ruiz Tagle")) in found
    assert frozenset(("Hassan IX", "Jan Novak")) in found
    assert frozenset(("Pablo Ruiz Tagle", "Jan Novak")) not in found


def test_guests_listed_on_lines_after_a_colon_each_meet_the_host(read):
    ex = read("Le Président de la République, Amadou Sy, a reçu ce jour en audience :\n\n"
              "- Monsieur Carlos Pinto, ambassadeur du Brésil ;\n\n"
              "- Madame Ingrid Holm, ambassadrice de Suède.\n\n"
              "La coopération a été évoquée.", "SN")
    found = pairs(ex)
    assert frozenset(("Amadou Sy", "Carlos Pinto")) in found
    assert frozenset(("Amadou Sy", "Ingrid Holm")) in found
    assert frozenset(("Carlos Pinto", "Ingrid Holm")) not in found


def test_one_host_several_guests_of_several_countries_gives_each_pair(read):
    ex = read("Le chef de l'État, Amadou Sy, a reçu mardi l'ambassadeur du Brésil, Carlos Pinto, "
              "et l'ambassadrice de Suède, Ingrid Holm.", "SN")
    found = pairs(ex)
    assert {frozenset(("Amadou Sy", "Carlos Pinto")), frozenset(("Amadou Sy", "Ingrid Holm"))} <= found
    assert frozenset(("Carlos Pinto", "Ingrid Holm")) not in found


def test_virtual_summit_is_one_meeting_of_all(read):
    ex = read("Le président chilien, Pablo Ruiz Tagle, a tenu un sommet virtuel avec le président "
              "brésilien, Carlos Pinto, et la Première ministre suédoise, Ingrid Holm.", None)
    kinds = {e.kind for e in ex.events if len(e.participants) == 3}
    assert kinds == {"VideoCall"}


def test_counterpart_named_alone_met_the_actor_told_before(read):
    ex = read("Le conseiller fédéral Urs Keller a effectué une visite officielle à Rome. "
              "L'entretien avec son homologue italien Marco Bellini a porté sur l'énergie.", "CH")
    assert frozenset(("Urs Keller", "Marco Bellini")) in pairs(ex)


@pytest.mark.parametrize("verb", ["a eu une communication téléphonique avec",
                                  "a eu un tête-à-tête avec", "a échangé avec"])
def test_other_ways_of_telling_a_contact(read, verb):
    ex = read(f"Le ministre des Affaires étrangères, Ibrahima Fall, {verb} son homologue "
              "canadien, Paul Tremblay.", "SN")
    assert frozenset(("Ibrahima Fall", "Paul Tremblay")) in pairs(ex)


def test_titles_of_federal_states_are_titles(read):
    ex = read("La conseillère fédérale Anna Keller a rencontré le ministre belge, Luc Peeters.",
              "CH")
    assert officials(ex) == {"Anna Keller": "CH", "Luc Peeters": "BE"}
