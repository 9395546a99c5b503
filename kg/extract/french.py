"""Closed-class French words the extraction rules read (as spaCy keeps ``lang/fr/``).

Open-class vocabulary (titles, triggers, title modifiers, appointment words, group nouns,
backdrop frames, agencies…) is data under ``ontology/lexicon/``; only the grammar words a
rule is written around live here.
"""

from __future__ import annotations

DETERMINERS = frozenset(
    {
        "le",
        "la",
        "les",
        "l'",
        "l’",
        "son",
        "sa",
        "ses",
        "leur",
        "leurs",
        "un",
        "une",
        "cet",
        "cette",
        "ce",
        "notre",
        "votre",
    }
)
PREPOSITIONS = frozenset(
    {
        "de",
        "du",
        "des",
        "d'",
        "d’",
        "en",
        "au",
        "aux",
        "à",
        "pour",
        "chargé",
        "chargée",
        "auprès",
        "sur",
    }
)
POSSESSIVES = frozenset({"leur", "leurs", "son", "sa", "ses", "cet", "cette", "ce", "ces"})
# "Il s'agit de MM. A, B et C": a sentence that opens so lists the people of the contact told
# just before it
LIST_OPENERS = (
    "il s'agit",
    "il s’agit",
    "ils s'agit",
    "il s'agissait",
    "il s’agissait",
    "ce sont",
    "c'est-à-dire",
    "à savoir",
)
# the list after a colon ("a reçu en audience :") ends at the first sentence naming no one
LIST_COLONS = (":",)
# words joining the members of a list of names
LIST_JOINERS = frozenset({",", "et", ";", "puis", "ainsi", "que"})
# "l'appel téléphonique entre A et B": the two parties of a contact follow it
BETWEEN = "entre"
# "les deux ministres", "les deux pays": the number of a pair
PAIR_WORDS = frozenset({"deux"})
# "du royaume du Maroc", "de la république de Corée": the words before a country's name
STATE_NOUNS = frozenset(
    {
        "royaume",
        "république",
        "principauté",
        "émirat",
        "sultanat",
        "état",
        "confédération",
        "fédération",
    }
)
# "a rencontré A, puis B": the objects of one verb met one after the other
THEN = frozenset({"puis"})
