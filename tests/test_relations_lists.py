"""Relation rules of issue 13 (second round), each on sentences written for the test:
several states on one side of a relation, relations told only as "établi des relations avec",
agreements told only as signed."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kg.ingest import split_record


@pytest.fixture(scope="module")
def read(nlp):
    from kg.extract import extract_all

    def _read(text: str, country: str | None = "SN", published: str | None = "2021-05-02"):
        docs = split_record(
            f"Dépêche\n\n{text}",
            identifier="t",
            source_file="t.jsonl",
            title="Dépêche",
            published=published,
            line=1,
        )
        return next(iter(extract_all(nlp, [replace(docs[0], country=country)])))

    return _read


def relations(ex) -> dict[tuple[frozenset, str], str | None]:
    return {
        (frozenset(r.parties), r.kind): (str(r.since) if r.since else None) for r in ex.relations
    }


def test_each_listed_state_gets_the_relation_with_the_other_side(read):
    ex = read(
        "Le 3 mars 1975, les gouvernements du Ghana, du Togo, du Bénin et du Niger ont "
        "établi des relations diplomatiques avec la Chine.",
        "SN",
    )
    assert relations(ex) == {
        (frozenset((c, "CN")), "DiplomaticRelations"): "1975-03-03"
        for c in ("GH", "TG", "BJ", "NE")
    }


def test_listed_states_with_asides_and_a_capital_for_the_other_side(read):
    ex = read(
        "Le 3 mars 1975, les dirigeants du Ghana (Kofi Mensah), du Togo (Paul Agbo) et "
        "du Bénin (Jean Houngbo) ont établi des relations avec Ottawa, mettant fin à "
        "son isolement.",
        "CA",
    )
    assert relations(ex) == {
        (frozenset((c, "CA")), "DiplomaticRelations"): "1975-03-03" for c in ("GH", "TG", "BJ")
    }


def test_countries_not_in_one_list_are_not_enumerated(read):
    ex = read(
        "Lors de sa visite au Ghana, le président du Togo a établi des relations "
        "diplomatiques avec la Chine.",
        "SN",
    )
    assert (frozenset(("GH", "CN")), "DiplomaticRelations") not in relations(ex)


def test_relations_established_with_a_state_are_diplomatic_relations(read):
    ex = read("En 1964, le Sénégal a établi des relations avec le Japon.", "SN")
    assert set(relations(ex)) == {(frozenset(("SN", "JP")), "DiplomaticRelations")}


def test_established_trade_relations_are_not_diplomatic_relations(read):
    ex = read("En 1964, le Sénégal a établi des relations commerciales avec le Japon.", "SN")
    assert relations(ex) == {}


def test_agreements_told_only_as_signed_are_cooperation_agreements(read):
    ex = read(
        "Le ministre Ibrahima Fall a déclaré que les accords signés ce jour avec le Mali "
        "renforceraient la sécurité.",
        "SN",
    )
    assert set(relations(ex)) == {(frozenset(("SN", "ML")), "CooperationAgreement")}


def test_agreements_to_be_signed_are_no_cooperation_agreement(read):
    ex = read(
        "Les deux ministres souhaitent que des accords signés avec le Mali voient le jour.", "SN"
    )
    assert relations(ex) == {}


# -- a dateless contact dated by the sentence just before --------------------------------------


def contact_dates(ex) -> dict[frozenset, str | None]:
    return {
        frozenset(o.name for o in e.participants): (str(e.start) if e.start else None)
        for e in ex.events
        if len(e.participants) >= 2
    }


def test_reception_after_a_dated_arrival_of_its_guest_takes_that_date(read):
    ex = read(
        "Le président du Mali, Oumar Traoré, est arrivé le 14 février à Dakar pour "
        "assister au forum régional.\nÀ l'aéroport, le président a été accueilli par le "
        "ministre des Affaires étrangères, Ibrahima Fall.",
        "SN",
        published=None,
    )
    assert contact_dates(ex) == {frozenset(("Oumar Traoré", "Ibrahima Fall")): "--02-14"}


def test_signing_pointed_back_to_takes_the_date_told_just_before(read):
    ex = read(
        "Le Sénégal et le Chili ont établi des relations diplomatiques le 9 avril "
        "dernier.\nCe protocole a été signé par Ibrahima Fall, ambassadeur du Sénégal en "
        "Espagne, et par Pablo Ruiz Tagle, ambassadeur du Chili en Espagne.",
        "SN",
        published="2021-05-02",
    )
    assert contact_dates(ex) == {frozenset(("Ibrahima Fall", "Pablo Ruiz Tagle")): "2021-04-09"}


def test_contact_of_people_not_in_the_dated_sentence_before_stays_undated(read):
    ex = read(
        "Le Sénégal et le Chili ont établi des relations diplomatiques le 9 avril "
        "dernier.\nLe ministre Ibrahima Fall a reçu l'ambassadeur du Chili, Pablo Ruiz "
        "Tagle.",
        "SN",
        published="2021-05-02",
    )
    assert contact_dates(ex) == {frozenset(("Ibrahima Fall", "Pablo Ruiz Tagle")): None}


def test_guyane_among_states_is_the_state_of_guyana(read):
    ex = read(
        "Le 2 mai 1980, les dirigeants de la Barbade et de la Guyane ont établi des "
        "relations diplomatiques avec Cuba.",
        "CU",
    )
    assert set(relations(ex)) == {
        (frozenset(("BB", "CU")), "DiplomaticRelations"),
        (frozenset(("GY", "CU")), "DiplomaticRelations"),
    }


def test_guyane_beside_france_stays_the_french_territory(read):
    ex = read(
        "Le 2 mai 1980, la Guyane et le Suriname ont signé à Paris un accord de coopération.", "SR"
    )
    assert set(relations(ex)) == {(frozenset(("GF", "SR")), "CooperationAgreement")}
