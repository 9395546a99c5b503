"""The text keys every step shares (kg.text): folding and the extractor's name key."""

from __future__ import annotations

from kg.text import fold, name_key, name_words


def test_fold_drops_diacritics_and_case_including_the_vietnamese_d():
    assert fold("Đinh Thị Hảo") == "dinh thi hao"


def test_name_words_split_on_spaces_and_hyphens_and_keep_other_punctuation():
    assert name_words("Jean-Noël  BARROT") == ["jean", "noel", "barrot"]
    assert name_words("M. Ôlavi") == ["m.", "olavi"]


def test_name_key_is_the_same_for_the_words_of_a_name_in_any_order():
    assert name_key("Sall Macky") == name_key("MACKY Sall") == frozenset({"macky", "sall"})
    assert name_key("Macky Sall") != name_key("Macky Sal")
