"""What is scored: the four categories and their labels, and the contract's relation kinds and
event classes the gold's words stand for.
"""

from __future__ import annotations

CATEGORIES = ("officials", "meetings", "relations", "dates")
LABELS = {
    "officials": "officials",
    "meetings": "meetings",
    "relations": "relations",
    "dates": "dated events",
}


def reserved_codes() -> frozenset[str]:
    """The two-letter codes of the organisations the gold may use instead of a country
    (``ontology/lexicon/iso_reserved.txt``; longer codes are organisations anyway)."""
    from kg.lexicon import load_lexicon

    return load_lexicon().required_words("iso_reserved")


#: ``bkg:relationKind`` local name → gold relation kind (unknown kinds count as "other").
RELATION_KINDS = {
    "ComprehensiveStrategicPartnership": "comprehensive_strategic_partnership",
    "StrategicPartnership": "strategic_partnership",
    "ComprehensivePartnership": "comprehensive_partnership",
    "SpecialRelationship": "special_relationship",
    "TraditionalFriendship": "traditional_friendship",
    "DiplomaticRelations": "diplomatic_relations",
    "FreeTradeAgreement": "free_trade_agreement",
    "CooperationAgreement": "cooperation_agreement",
    "OtherRelation": "other",
}
#: gold meeting kind → event class
MEETING_CLASSES = {
    "talks": "Talks",
    "reception": "Reception",
    "phone_call": "PhoneCall",
    "video_call": "VideoCall",
    "visit": "Visit",
    "meeting": "Meeting",
}
#: gold dated-event kind → event class
EVENT_CLASSES = {
    "visit": "Visit",
    "phone_call": "PhoneCall",
    "talks": "Talks",
    "reception": "Reception",
    "conference": "Conference",
    "signature": "Signing",
    "anniversary": "Anniversary",
    "establishment": "Establishment",
    "other": "OtherEvent",
}
