"""Text keys shared by every step: folding, name words, slugs and stable hashes (no rdflib).

Extraction, resolution, linking and scoring compare names through these functions, so they
live below every step: importing them pulls in no RDF library. A name's words are one thing
everywhere: the runs of a–z and 0–9 in its folded form (:func:`name_words`), the words
:func:`slug` joins and the reference scorer (``shared/tools/score.py``, ``norm``) compares.

>>> fold("Nguyên Văn Nghĩa"), slug("Tô Lâm"), stable_hash("x", 8)
('nguyen van nghia', 'to-lam', '2d711642')
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

__all__ = [
    "APOSTROPHES",
    "fold",
    "joined_words",
    "name_key",
    "name_words",
    "slug",
    "split_words",
    "stable_hash",
]

_WORD = re.compile(r"[a-z0-9]+")
APOSTROPHES = re.compile(r"['’ʼ`´‘]")
"""The apostrophes of names as outlets type them ("N’Guesso", "N'Guesso", "N`Guesso")."""


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case, diacritic-free form of ``text`` ("Tô Lâm" → "to lam"; "Đ" → "d").

    Remembered (the extractor folds the same names and titles again and again).

    >>> fold("Nguyên Văn Nghĩa")
    'nguyen van nghia'
    """
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def split_words(folded: str) -> list[str]:
    """The words of text already folded (:func:`fold`): its runs of a–z and 0–9. Anything else
    parts words: spaces, hyphens, apostrophes, full stops, and letters folding leaves
    outside a–z ("ø", "ł", Cyrillic).

    >>> split_words("m. n'diaye minh-khoi l\\u00f8kke")
    ['m', 'n', 'diaye', 'minh', 'khoi', 'l', 'kke']
    """
    return _WORD.findall(folded)


@lru_cache(maxsize=65536)
def name_words(name: str) -> tuple[str, ...]:
    """The words of a name, in order, as extraction, resolution and scoring compare them:
    :func:`split_words` of :func:`fold` ("Đặng Minh-Khôi" → dang, minh, khoi; "M. N'Diaye"
    → m, n, diaye). Remembered (the same names are compared again and again).

    >>> name_words("Đặng Minh-Khôi"), name_words("M. N'Diaye")
    (('dang', 'minh', 'khoi'), ('m', 'n', 'diaye'))
    """
    return tuple(split_words(fold(name)))


def joined_words(name: str) -> tuple[str, ...]:
    """:func:`name_words` of the name with its apostrophes taken out: the words of a name
    whichever way an outlet writes a particle ("Sassou N’Guesso" / "Sassou Nguesso" → sassou,
    nguesso). The extractor's test of two spellings of one name on a page
    (:func:`kg.extract.document.variant_names`); the name key itself keeps the apostrophe a
    break, as the reference scorer does.

    >>> joined_words("Denis Sassou N’Guesso") == joined_words("Denis Sassou Nguesso")
    True
    """
    return name_words(APOSTROPHES.sub("", name))


@lru_cache(maxsize=65536)
def name_key(name: str) -> frozenset[str]:
    """The word set of :func:`name_words`: two names with the same key are the same words in
    any order ("Macky Sall" / "SALL Macky"); the reference scorer's ``norm``.

    >>> sorted(name_key("SALL Macky")) == sorted(name_key("Macky Sall")) == ['macky', 'sall']
    True
    """
    return frozenset(name_words(name))


def slug(text: str) -> str:
    """A readable IRI segment: the :func:`split_words` of the folded text joined by '-' ("x" when
    there are none).

    >>> slug("Tô Lâm"), slug("Abakirov  Meder"), slug("—")
    ('to-lam', 'abakirov-meder', 'x')
    """
    return "-".join(split_words(fold(text))) or "x"


def stable_hash(text: str, length: int = 12) -> str:
    """A short hash of ``text`` that is the same on every run and machine (not ``hash()``)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:length]
