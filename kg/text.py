"""Text keys shared by every step: folding, slugs and stable hashes (no rdflib here).

Extraction, resolution, linking and scoring compare names through these functions, so they
live below every step: importing them pulls in no RDF library.

>>> fold("Nguyên Văn Nghĩa"), slug("Tô Lâm"), stable_hash("x", 8)
('nguyen van nghia', 'to-lam', '2d711642')
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "name_key", "name_words", "slug", "stable_hash"]


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


def name_words(name: str) -> list[str]:
    """The folded words of a person's name as the extractor compares them: a hyphen splits
    ("Minh-Khôi" → minh, khoi), other punctuation stays ("M." is a word).

    >>> name_words("Đặng Minh-Khôi")
    ['dang', 'minh', 'khoi']
    """
    return fold(name).replace("-", " ").split()


def name_key(name: str) -> frozenset[str]:
    """The word set of :func:`name_words`: two mentions with the same key name one person
    on a page ("Macky Sall" / "SALL Macky")."""
    return frozenset(name_words(name))


def slug(text: str) -> str:
    """A readable IRI segment: diacritic-free, lower case, words joined by '-'.

    >>> slug("Tô Lâm"), slug("Abakirov  Meder")
    ('to-lam', 'abakirov-meder')
    """
    s = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return s or "x"


def stable_hash(text: str, length: int = 12) -> str:
    """A short hash of ``text`` that is the same on every run and machine (not ``hash()``)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:length]
