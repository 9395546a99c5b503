"""The kinds of event and of relation: the one Python home of their names.

The names are the local names of the ontology's classes and SKOS concepts (``bkg:Visit``,
``bkg:StrategicPartnership``): the schemes ``bkg:EventKinds`` and ``bkg:RelationKinds`` in
``ontology/bilateral.ttl`` hold the same members (a test checks it), and give the labels a
reader sees (:func:`kind_labels`). The order here is the order of the contract (CONTRACT.md),
which tables and views follow. No rdflib at import: the extractor reads these tuples.
"""

from __future__ import annotations

from functools import lru_cache

# the kinds of event that bring officials face to face (or voice to voice): they carry
# participants
CONTACT_KINDS = ("Talks", "Reception", "PhoneCall", "VideoCall", "Visit", "Meeting")

EVENT_KINDS = CONTACT_KINDS + (
    "Conference",
    "Signing",
    "Anniversary",
    "Establishment",
    "OtherEvent",
)

RELATION_KINDS = (
    "ComprehensiveStrategicPartnership",
    "StrategicPartnership",
    "ComprehensivePartnership",
    "SpecialRelationship",
    "TraditionalFriendship",
    "DiplomaticRelations",
    "FreeTradeAgreement",
    "CooperationAgreement",
    "OtherRelation",
)

SCHEMES = {"EventKinds": EVENT_KINDS, "RelationKinds": RELATION_KINDS}


def _ontology():  # -> rdflib.Graph
    from kg.graphio import load_ontology

    return load_ontology()


def scheme_members(scheme: str) -> set[str]:
    """The kinds the ontology's SKOS scheme ``bkg:<scheme>`` holds (local names)."""
    from rdflib.namespace import SKOS

    from kg.namespaces import BKG

    return {str(c).rsplit("#", 1)[-1] for c in _ontology().subjects(SKOS.inScheme, BKG[scheme])}


@lru_cache(maxsize=4)
def kind_labels(lang: str = "en") -> dict[str, str]:
    """``{kind: skos:prefLabel}`` in ``lang`` for every member of the ontology's two kind
    schemes (``bkg:EventKinds``, ``bkg:RelationKinds``), read from ``ontology/bilateral.ttl``.

    >>> kind_labels("en")["PhoneCall"], kind_labels("fr")["StrategicPartnership"]
    ('phone call', 'partenariat stratégique')
    """
    from rdflib.namespace import SKOS

    from kg.namespaces import BKG

    onto = _ontology()
    labels = {}
    for kind in EVENT_KINDS + RELATION_KINDS:
        for label in onto.objects(BKG[kind], SKOS.prefLabel):
            if getattr(label, "language", None) == lang:
                labels[kind] = str(label)
    return labels


@lru_cache(maxsize=1)
def kind_notations() -> dict[str, str]:
    """``{kind: skos:notation}``: the name each kind has in the gold annotations
    (``PhoneCall`` → ``phone_call``, ``Signing`` → ``signature``), from the ontology.

    >>> kind_notations()["PhoneCall"], kind_notations()["OtherRelation"]
    ('phone_call', 'other')
    """
    from rdflib.namespace import SKOS

    from kg.namespaces import BKG

    onto = _ontology()
    return {
        kind: str(n)
        for kind in EVENT_KINDS + RELATION_KINDS
        for n in onto.objects(BKG[kind], SKOS.notation)
    }
