"""The text keys every step shares (kg.text): folding and the one name key, and the
agreement of extraction, resolution and scoring on it."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from kg.evaluate import names_match
from kg.extract.document import Person, variant_names
from kg.extract.officials import OfficialMention
from kg.facts import Document, Evidence, Extraction, Official
from kg.resolve import resolve
from kg.text import fold, joined_words, name_key, name_words, slug, split_words

SCORER = (Path(__file__).resolve().parents[1] / ".." / "shared" / "tools" / "score.py").resolve()


def test_fold_drops_diacritics_and_case_including_the_vietnamese_d():
    assert fold("Đinh Thị Hảo") == "dinh thi hao"


def test_name_words_are_the_runs_of_letters_and_digits_of_the_folded_name():
    assert name_words("Jean-Noël  BARROT") == ("jean", "noel", "barrot")
    assert name_words("M. Ôlavi") == ("m", "olavi")
    assert (
        name_words("Mankeur N’Diaye") == name_words("Mankeur N'Diaye") == ("mankeur", "n", "diaye")
    )
    assert name_words("Đỗ Xuân Tuyên") == ("do", "xuan", "tuyen")
    assert name_words("— ·") == ()


def test_split_words_parts_words_at_any_character_outside_a_to_z_and_digits():
    assert split_words("l\u00f8kke rasmussen_2") == ["l", "kke", "rasmussen", "2"]


def test_slug_joins_the_name_words_with_hyphens():
    for name in ("Tô Lâm", "Mankeur N'Diaye", "M. Ôlavi", "Jean-Noël  BARROT"):
        assert slug(name) == "-".join(name_words(name))
    assert slug("—") == "x"


def test_name_key_is_the_same_for_the_words_of_a_name_in_any_order():
    assert name_key("Sall Macky") == name_key("MACKY Sall") == frozenset({"macky", "sall"})
    assert name_key("Macky Sall") != name_key("Macky Sal")


def test_joined_words_take_the_apostrophes_out_before_the_words():
    assert joined_words("Denis Sassou N’Guesso") == ("denis", "sassou", "nguesso")
    assert joined_words("Mankeur N'Diaye") == joined_words("Mankeur Ndiaye")
    assert name_words("Mankeur N'Diaye") != name_words("Mankeur Ndiaye")


def test_spellings_differing_only_by_an_apostrophe_are_variants_on_a_page():
    assert variant_names("Denis Sassou N’Guesso", "Denis Sassou Nguesso")
    assert not variant_names("Denis Sassou Nguesso", "Denis SASSOU Nguesso")  # one key already


def test_typo_variants_are_compared_on_the_name_words():
    assert variant_names("Mankeur N’Diaye", "Mankeur N'Diayr")
    assert not variant_names("Mankeur N'Diaye", "Mankeur N'Diaye-Sall")


# --- one key: extraction, resolution and scoring agree ----------------------------------------

SAME = [
    ("Đỗ Xuân Tuyên", "Do Xuan TUYEN"),  # diacritics, case, the Vietnamese đ
    ("Jean-Noël Barrot", "Jean Noël BARROT"),  # a hyphen
    ("Mankeur N’Diaye", "N'Diaye Mankeur"),  # apostrophes (typographic, straight), order
    ("M. Macky Sall", "Macky Sall"),  # "M." is the word m
]
APART = [("Nguyen Minh Tam", "Nguyen Minh Trieu"), ("Lâm", "Tô Lâm")]


def _extraction_same(a: str, b: str) -> bool:
    """The extractor: does a mention named ``b`` join the document's person named ``a``?"""
    mention = OfficialMention(b, 0, 1, sent=None)  # the key needs no sentence
    return Person([a]).matches(mention.key)


def _resolution_same(a: str, b: str) -> bool:
    """Resolution: are ``a`` (one article) and ``b`` (another) one person?"""
    found = []
    for ident, name in (("d1", a), ("d2", b)):
        o = Official(name=name, evidence=[Evidence(ident, name, 0, len(name))])
        doc = Document(identifier=ident, source_file=f"{ident}.txt", title="t", text="x" * 99)
        found.append((o, Extraction(document=doc, officials=[o])))
    resolve([e for _, e in found])
    return found[0][0].key == found[1][0].key


def _reference_scorer():
    if not SCORER.is_file():
        pytest.skip(f"the reference scorer is not beside the project ({SCORER})")
    spec = importlib.util.spec_from_file_location("reference_score", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("a, b", SAME)
def test_extraction_resolution_and_scoring_take_spellings_of_one_name_as_one_person(a, b):
    assert _extraction_same(a, b)
    assert _resolution_same(a, b)
    assert names_match(a, b)


@pytest.mark.parametrize("a, b", APART)
def test_extraction_resolution_and_scoring_keep_other_names_apart(a, b):
    assert not _extraction_same(a, b)
    assert not _resolution_same(a, b)
    assert not names_match(a, b)


@pytest.mark.parametrize("name", [n for pair in SAME + APART for n in pair] + ["Lars Løkke", "—"])
def test_the_name_key_is_the_reference_scorers(name):
    assert name_key(name) == _reference_scorer().norm(name)
