"""What the extraction tests read off an :class:`kg.facts.Extraction`."""

from __future__ import annotations

from dataclasses import replace

from kg.ingest import split_record


def read_article(nlp, text: str, country: str | None, title: str, published: str | None):
    """The extraction of one article: ``title``, a blank line, ``text``, as a record read
    from a JSON Lines file, its outlet's country set to ``country``."""
    from kg.extract import extract_all

    docs = split_record(
        f"{title}\n\n{text}",
        identifier="t",
        source_file="t.jsonl",
        title=title,
        published=published,
        line=1,
    )
    return next(iter(extract_all(nlp, [replace(docs[0], country=country)])))


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


def relations(ex) -> set[tuple[str, ...]]:
    """Each relation as (kind, party, party)."""
    return {(r.kind, *r.parties) for r in ex.relations}


def dates(ex) -> set[str]:
    """The start dates of the events, as written (ISO partial dates)."""
    return {str(e.start) for e in ex.events if e.start is not None}
