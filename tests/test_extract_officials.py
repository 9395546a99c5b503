"""Officials (kg.extract.officials): names in apposition with titles, on sentences written for the tests."""

from __future__ import annotations

from extract_support import officials, pairs


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


def test_korean_hyphenated_given_name_is_whole(read):
    ex = read(
        "Le ministre sud-coréen des Affaires étrangères, Park Jin-woo, a été reçu par le "
        "Premier ministre Ngo Van Tam."
    )
    assert "Park Jin-woo" in officials(ex)


def test_short_name_with_another_title_is_another_person(read):
    ex = read(
        "Le Premier ministre malaisien Anwar Ibrahim a reçu le ministre Ngo Van Tam. Le roi "
        "de Malaisie, le sultan Ibrahim, a aussi reçu le ministre Ngo Van Tam."
    )
    assert "Ibrahim" in officials(ex) and "Anwar Ibrahim" in officials(ex)


def test_title_then_rank_then_name_keeps_both_titles(read):
    ex = read(
        "Le ministre chilien de la Défense, le général Pedro Soto Ruiz, a reçu le 2 mai "
        "l'ambassadeur du Vietnam au Chili, Doan Van Kiet."
    )
    soto = next(o for o in ex.officials if o.name == "Pedro Soto Ruiz")
    assert soto.country == "CL" and len(soto.roles) == 2
