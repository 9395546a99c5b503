"""The kinds of event and of relation: the one Python home of their names.

The names are the local names of the ontology's classes and SKOS concepts (``bkg:Visit``,
``bkg:StrategicPartnership``): the schemes ``bkg:EventKinds`` and ``bkg:RelationKinds`` in
``ontology/bilateral.ttl`` hold the same members (a test checks it), and give the labels a
reader sees (:func:`kind_labels`) and the colour the views draw a relation kind in
(:func:`relation_colors`). The order here is the order of the contract (CONTRACT.md),
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


@lru_cache(maxsize=1)
def relation_colors() -> dict[str, str]:
    """``{relation kind: bkg:displayColor}``: the colour the HTML views draw each kind of
    bilateral relation in (edges, legends), from the ontology. A kind without exactly one
    ``#rrggbb`` colour is a broken data file (E004), never a silent default.

    >>> relation_colors()["StrategicPartnership"]
    '#d6604d'
    """
    import re

    from kg.errors import DataTableError, Errors, at
    from kg.graphio import ONTOLOGY_FILE
    from kg.namespaces import BKG

    onto = _ontology()
    colors = {}
    for kind in RELATION_KINDS:
        found = sorted(str(c) for c in onto.objects(BKG[kind], BKG.displayColor))
        if len(found) != 1 or not re.fullmatch(r"#[0-9a-f]{6}", found[0]):
            problem = f"bkg:{kind} needs one bkg:displayColor '#rrggbb', it has {found or 'none'}"
            raise DataTableError(at(ONTOLOGY_FILE, Errors.E004.format(problem=problem)))
        colors[kind] = found[0]
    return colors
