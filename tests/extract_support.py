"""What the extraction tests read off an :class:`kg.facts.Extraction`."""

from __future__ import annotations


def officials(ex) -> dict[str, str | None]:
    """Each official's name → the country it serves."""
    return {o.name: o.country for o in ex.officials}


def pairs(ex) -> set[frozenset[str]]:
    """The pairs of names that took part in the same event."""
    out: set[frozenset[str]] = set()
    for e in ex.events:
        names = [o.name for o in e.participants]
        out |= {frozenset((a, b)) for i, a in enumerate(names) for b in names[i + 1 :]}
    return out
