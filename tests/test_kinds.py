"""kg.kinds: the one home of the kinds agrees with the ontology's SKOS schemes."""

import pytest

from kg.kinds import CONTACT_KINDS, EVENT_KINDS, RELATION_KINDS, SCHEMES, kind_labels
from kg.kinds import scheme_members


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
