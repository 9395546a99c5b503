"""Titles and names told in neighbouring sentences: "Assimi Goïta a parlé avec Vladimir
Poutine. Le président de la Transition du Mali a annoncé qu'il s'est entretenu au téléphone
avec le président russe."

Pass 1 of :class:`kg.extract.document.DocumentReader` makes officials of names written with
a title. A contact sentence may instead give only titles ("Le président de la République
s'est entretenu avec le secrétaire général du Parti") while the sentence itself, the one
before or the one after names the people without titles. When the titles of a contact
sentence that no official of the document holds are as many as the untitled names of the
nearest such sentence, the i-th title is the i-th name's (reading order: subject first).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from spacy.tokens import Span

from kg.extract.french import DETERMINERS
from kg.extract.mentions import DocIndex
from kg.extract.officials import OfficialMention, TitleChain, title_chains
from kg.text import fold

CONTACT_MODES = frozenset({"contact", "weak", "joint"})


@dataclass(frozen=True)
class TitledName:
    """An untitled name given a title of a neighbouring contact sentence."""

    mention: OfficialMention
    role: str
    country: str | None
    sentence: int  # the sentence of the name


def _contact(sent: Span, idx: DocIndex) -> bool:
    return any(s.ident.partition("|")[2] in CONTACT_MODES for s in idx.in_sentence(sent, "TRIGGER"))


def beside(doc, chain: TitleChain, start: int, end: int) -> bool:
    """Is the name at tokens [start, end) the title's own ("X, le ministre", "le ministre,
    X"): at most two tokens away, with only punctuation or determiners between (a verb
    between them, as in "X reçoit le ministre", parts them)."""
    if chain.start - 2 <= end <= chain.start:
        gap = doc[end : chain.start]
    elif chain.end <= start <= chain.end + 2:
        gap = doc[chain.end : start]
    else:
        return False
    return all(t.is_punct or t.pos_ == "DET" or t.lower_ in DETERMINERS for t in gap)


def bare_titles(
    sent: Span, idx: DocIndex, mentions: list[OfficialMention]
) -> list[tuple[TitleChain, str]]:
    """The titles of ``sent`` written alone ("le président russe", no name beside it), each
    with the post it names (folded; the head only when a country is given)."""
    doc = sent.doc
    spans = [(m.start, m.end) for m in mentions]
    out = []
    for chain in title_chains(sent, idx):
        if chain.reference or not chain.determiner:
            continue
        if any(beside(doc, chain, s, e) for s, e in spans):
            continue
        role = fold(
            doc[chain.head.start : chain.head.end].text if chain.country else chain.role(doc)
        )
        if role:
            out.append((chain, role))
    return out


def _free_titles(
    sent: Span,
    idx: DocIndex,
    mentions: list[OfficialMention],
    held: Callable[[TitleChain, str], bool],
) -> list[TitleChain]:
    """The bare titles of ``sent`` that no official of the document holds, of a country none
    of them serves (``held(chain, "")``: an official of the title's country)."""
    # "le dirigeant cubain" with a Cuban official named: most likely that official
    return [
        chain
        for chain, role in bare_titles(sent, idx, mentions)
        if not held(chain, role) and not held(chain, "")
    ]


def _free_names(
    mentions: list[OfficialMention], known: Callable[[OfficialMention], bool]
) -> list[OfficialMention]:
    """Untitled names of two words or more that name no official of the document (nor a
    place, a body or a thing: ``known`` says so too)."""
    out: list[OfficialMention] = []
    for m in mentions:
        if m.roles or m.reference or len(m.key) < 2 or known(m):
            continue
        if all(o.key != m.key for o in out):
            out.append(m)
    return out


def titles_from_neighbours(
    sentences: Sequence[Span],
    per_sentence: list[list[OfficialMention]],
    idx: DocIndex,
    held: Callable[[TitleChain, str], bool],
    known: Callable[[OfficialMention], bool],
    shape: Callable[[str], str | None],
) -> list[TitledName]:
    """The untitled names that take the free titles of a contact sentence (module docstring).

    ``held(chain, role)``: an official of the document holds that title; ``known(m)``: the
    name is an official's; ``shape(name)``: the country its form marks (None: no mark)."""
    out: list[TitledName] = []
    taken: set[frozenset[str]] = set()
    for n, sent in enumerate(sentences):
        if not _contact(sent, idx):
            continue
        titles = _free_titles(sent, idx, per_sentence[n], held)
        if not titles:
            continue
        for k in (n, n - 1, n + 1):
            if not 0 <= k < len(sentences):
                continue
            names = [m for m in _free_names(per_sentence[k], known) if m.key not in taken]
            pairs = list(zip(titles, names))
            if len(names) == len(titles) and all(_fits(c, shape(m.name)) for c, m in pairs):
                for c, m in pairs:
                    out.append(TitledName(m, c.role(sent.doc), c.country, k))
                    taken.add(m.key)
                break
    return out


def _fits(chain: TitleChain, marked: str | None) -> bool:
    """A name whose form marks a country takes only a title of that country (or of none)."""
    return marked is None or chain.country in (None, marked)


__all__ = ["TitledName", "bare_titles", "beside", "titles_from_neighbours"]
