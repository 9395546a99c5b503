"""Country–country relations (kg.extract.relations), on sentences written for the tests."""

from __future__ import annotations

from extract_support import relations


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
