"""kg.kinds: the one home of the kinds agrees with the ontology's SKOS schemes."""

import re

import pytest
from kg import kinds
from kg.errors import DataTableError, code_of
from kg.kinds import CONTACT_KINDS, EVENT_KINDS, RELATION_KINDS, SCHEMES, kind_labels
from kg.graphio import load_ontology
from kg.kinds import relation_colors, scheme_members
from kg.namespaces import BKG


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
def test_the_python_kinds_are_the_members_of_the_skos_scheme(scheme):
    assert scheme_members(scheme) == set(SCHEMES[scheme])


def test_contact_kinds_are_event_kinds_and_kinds_are_unique():
    assert set(CONTACT_KINDS) <= set(EVENT_KINDS)
    assert len(set(EVENT_KINDS + RELATION_KINDS)) == len(EVENT_KINDS + RELATION_KINDS)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_kind_has_a_label_in_english_and_french(lang):
    labels = kind_labels(lang)
    assert set(labels) == set(EVENT_KINDS + RELATION_KINDS) and all(labels.values())
    assert kind_labels("en")["OtherRelation"] == "other relation"


def test_every_relation_kind_has_one_display_colour():
    colors = relation_colors()
    assert list(colors) == list(RELATION_KINDS)
    assert all(re.fullmatch(r"#[0-9a-f]{6}", c) for c in colors.values())
    assert len(set(colors.values())) == len(colors)  # a legend tells every kind apart


def test_a_relation_kind_without_a_colour_is_a_coded_error(monkeypatch):
    onto = load_ontology()
    assert onto is not None
    onto.remove((BKG.TraditionalFriendship, BKG.displayColor, None))
    monkeypatch.setattr(kinds, "_ontology", lambda: onto)
    relation_colors.cache_clear()
    try:
        with pytest.raises(DataTableError) as err:
            relation_colors()
    finally:
        relation_colors.cache_clear()
    assert code_of(err.value) == "E004" and "bkg:TraditionalFriendship" in str(err.value)
