"""Names: when a predicted name and a gold name are the same person (any variant, token by
token), and when two pairs of names are the same meeting.

A name's tokens are :func:`kg.text.name_key`, the key extraction and resolution compare too,
and exactly the reference scorer's ``norm`` (``shared/tools/score.py``; a test checks it).
"""

from __future__ import annotations

from kg.text import name_key

Names = str | tuple[str, ...]
"""One name, or the name variants of one node (any variant may match)."""
Pair = tuple[Names, Names]

name_tokens = name_key
"""The scorer's tokens of a name: :func:`kg.text.name_key` (kept under this name, part of
:mod:`kg.evaluate`'s API)."""


def _tokens_match(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    return len(small) >= 2 and small <= big


def _variants(names: Names) -> tuple[str, ...]:
    return names if isinstance(names, tuple) else (names,)


def names_match(a: Names, b: Names) -> bool:
    """Whether two names (or name-variant tuples) denote the same person.

    Equal token sets match; so does a token set inside the other when the smaller one has
    at least two tokens ("Cyril Ramaphosa" ⊂ "Matamela Cyril Ramaphosa", but not "Lâm").

    >>> names_match("Tô Lâm", "To Lam"), names_match("Lam", "To Lam")
    (True, False)
    """
    return any(_tokens_match(name_key(x), name_key(y)) for x in _variants(a) for y in _variants(b))


def pairs_match(x: Pair, y: Pair) -> bool:
    """Whether two unordered pairs of people are the same pair."""
    return (names_match(x[0], y[0]) and names_match(x[1], y[1])) or (
        names_match(x[0], y[1]) and names_match(x[1], y[0])
    )


def show_names(names: Names) -> str:
    """The variants of a name, for a reader of the scorer's messages."""
    return " / ".join(_variants(names))
