"""The French tokenizer's ``token_match`` compiled in a factored form (same strings matched).

spaCy's French ``TOKEN_MATCH`` (the words the tokenizer keeps whole: "arc-en-ciel",
"entr'abat", "porte-avions"…) is one regular expression of 1.45 MB: 266 alternatives
``(?:^arcs?[-–…][a-zà…][-a-zà…'’]*$)``, each with its own copy of the large letter classes.
Python's ``re`` spends about 3 CPU seconds per process compiling it (folding the case of
~800 copies of those classes), at the import of ``spacy.lang.fr`` and again when the model's
tokenizer is read. The alternatives share a few tails: written ``^(?:arcs?[-–…]|archi[-–…]|…)
[a-zà…][-a-zà…'’]*$``, one alternative per distinct tail, the pattern matches exactly the same
strings and compiles in a hundredth of the time.

:func:`factored_compiles` makes ``re.compile`` compile such patterns in that form while the
model loads. A pattern without the expected shape (another spaCy version) is compiled as it
is. The tokenizer only asks whether ``token_match(string)`` matches, which the two forms
answer alike for every string (``tests/test_token_match.py`` checks it on the tokenizer's
exceptions, the dev corpora's words and hostile strings, and that the tokens are the same).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

__all__ = ["atoms", "factor_alternatives", "factored_compiles", "BIG_ATOM", "MIN_FACTORED"]

# An atom at least this long is what costs: the letter classes (1,100-3,000 characters).
BIG_ATOM = 64
# Only patterns at least this long are factored while the model loads (spaCy's prefix,
# suffix and infix patterns are a few kB and are left as they are).
MIN_FACTORED = 100_000

_FLAGS = re.compile(r"\(\?[aiLmsu]+\)")  # leading global flags (not x: spaces would matter)
_QUANTIFIER = re.compile(r"(?:[?*+]|\{\d+(?:,\d*)?\}|\{,\d+\})[?+]?")
# a character class: "]" first is a literal, a backslash escapes the next character
_CLASS = re.compile(r"\[\^?\]?[^\\\]]*(?:\\.[^\\\]]*)*\]", re.S)
_ESCAPE_LENGTH = {"x": 4, "u": 6, "U": 10}
_GROUP_OPENERS = ("(?:", "(?=", "(?!", "(?<=", "(?<!")


def atoms(body: str) -> list[str] | None:
    """``body`` cut into its regular-expression atoms, each with its quantifier ("a", "s?",
    "[-–]", "(?:l['’])?", "|" for a top-level bar), or None when it holds something this
    cutting does not know (a capturing group, a back-reference, a stray brace or
    parenthesis): such a pattern is not factored."""
    out: list[str] = []
    i, n = 0, len(body)
    while i < n:
        end = _atom_end(body, i)
        if end is None:
            return None
        quantifier = _QUANTIFIER.match(body, end)
        if quantifier and body[i] != "|":
            end = quantifier.end()
        out.append(body[i:end])
        i = end
    return out


def _atom_end(body: str, i: int) -> int | None:
    """Where the atom starting at ``body[i]`` ends (its quantifier not included)."""
    c = body[i]
    if c == "\\":
        return _escape_end(body, i)
    if c == "[":
        return _class_end(body, i)
    if c == "(":
        return _group_end(body, i)
    if c in "?*+{})]":
        return None  # a quantifier with nothing to repeat, or an unbalanced bracket
    return i + 1


def _escape_end(body: str, i: int) -> int | None:
    if i + 1 >= len(body) or body[i + 1].isdigit():
        return None  # a back-reference or an octal escape
    kind = body[i + 1]
    if kind == "N":
        close = body.find("}", i)
        return None if close < 0 else close + 1
    end = i + _ESCAPE_LENGTH.get(kind, 2)
    return end if end <= len(body) else None


def _class_end(body: str, i: int) -> int | None:
    found = _CLASS.match(body, i)
    return found.end() if found else None


def _group_end(body: str, i: int) -> int | None:
    opener = next((o for o in _GROUP_OPENERS if body.startswith(o, i)), None)
    if opener is None:
        return None  # a capturing group, inline flags, a conditional…
    j = i + len(opener)
    while j < len(body) and body[j] != ")":
        end = _atom_end(body, j) if body[j] != "|" else j + 1
        if end is None:
            return None
        quantifier = _QUANTIFIER.match(body, end)
        j = quantifier.end() if quantifier and body[j] != "|" else end
    return j + 1 if j < len(body) else None


def _alternatives(pattern: str) -> tuple[str, list[list[str]]] | None:
    """The leading flags and the atoms of each alternative of a pattern written
    ``FLAGS(?:A1)|(?:A2)|…``, or None for a pattern of another shape."""
    flags = _FLAGS.match(pattern)
    head = flags.group() if flags else ""
    top = atoms(pattern[len(head) :])
    if not top or len(top) % 2 == 0:
        return None
    groups, bars = top[0::2], top[1::2]
    if any(b != "|" for b in bars) or any(
        not (g.startswith("(?:") and g[-1] == ")") for g in groups
    ):
        return None
    out = []
    for g in groups:
        inner = atoms(g[3:-1])
        if inner is None or "|" in inner:
            return None  # an alternative that is itself an alternation
        out.append(inner)
    return head, out


@lru_cache(maxsize=4)  # the model's load factors the same pattern twice (import, tokenizer)
def factor_alternatives(pattern: str) -> str | None:
    """``pattern`` with its alternatives grouped by the sequence of large atoms they hold,
    each group written once as its common leading atoms, an alternation of what differs, and
    its common trailing atoms; None when the pattern does not have the shape (then it is to
    be compiled as it is).

    ``(?:^ab[L]*$)|(?:^cd[L]*$)`` becomes ``(?:^(?:ab|cd)[L]*$)``: a regular expression that
    matches the same strings (the alternation backtracks into every branch), with one copy
    of ``[L]``. The result is not compiled here (see :func:`factored_compiles`).
    """
    parsed = _alternatives(pattern)
    if parsed is None:
        return None
    flags, alternatives = parsed
    groups: dict[tuple[str, ...], list[list[str]]] = {}
    for alt in alternatives:
        groups.setdefault(tuple(a for a in alt if len(a) >= BIG_ATOM), []).append(alt)
    return flags + "|".join(f"(?:{_factor_group(group)})" for group in groups.values())


def _factor_group(group: list[list[str]]) -> str:
    """One alternative matching what any of ``group`` (lists of atoms) matches."""
    if len(group) == 1:
        return "".join(group[0])
    shortest = min(len(g) for g in group)
    lead = 0
    while lead < shortest and all(g[lead] == group[0][lead] for g in group):
        lead += 1
    trail = 0
    while trail < shortest - lead and all(g[-1 - trail] == group[0][-1 - trail] for g in group):
        trail += 1
    middles = dict.fromkeys("".join(g[lead : len(g) - trail]) for g in group)
    prefix, suffix = "".join(group[0][:lead]), "".join(group[0][len(group[0]) - trail :])
    return f"{prefix}(?:{'|'.join(middles)}){suffix}"


_PATCH = threading.RLock()


@contextmanager
def factored_compiles(min_size: int = MIN_FACTORED) -> Iterator[None]:
    """Within the block, ``re.compile`` compiles a pattern of at least ``min_size``
    characters and of the shape :func:`factor_alternatives` knows in its factored form (the
    same strings matched; the Pattern's ``.pattern`` is the factored text). Every other
    pattern is compiled as it is. Held by one thread at a time (another waits)."""
    with _PATCH:
        original = re.compile

        def compile_factored(pattern, flags=0):
            if isinstance(pattern, str) and len(pattern) >= min_size:
                factored = factor_alternatives(pattern)
                if factored is not None:
                    try:
                        return original(factored, flags)
                    except re.error:
                        pass  # compiled as it is
            return original(pattern, flags)

        re.compile = compile_factored
        try:
            yield
        finally:
            re.compile = original
