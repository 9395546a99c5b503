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


def article_reader(nlp, country: str | None, title: str):
    """``read(text, country=…, title=…, published=None)``: :func:`read_article` with this
    module's defaults (the outlet's country and a headline the tests' sentences fit)."""

    def read(
        text: str, country: str | None = country, title: str = title, published: str | None = None
    ):
        return read_article(nlp, text, country, title, published)

    return read


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


def rules_pipeline():
    """A pipeline with no statistical model: spaCy's blank French tokenizer, the project's
    sentence and lexicon components, and words tagged by hand (lemma = lower case; a
    capitalised word is a proper noun, a number a number, punctuation punctuation, the rest
    nouns). Enough for the rules that read the lexicon's spans and capitalised names; it
    loads in a second where the model takes ten."""
    import spacy
    from spacy.language import Language

    import kg.nlp  # noqa: F401 - registers the project's components
    from kg.nlp import CappedTokenizer

    if "bkg_hand_tags" not in Language.factories:

        @Language.component("bkg_hand_tags")
        def hand_tags(doc):
            for t in doc:
                t.lemma_ = t.lower_
                t.pos_ = (
                    "PROPN"
                    if t.is_title or t.is_upper and len(t) > 1
                    else "NUM"
                    if t.like_num
                    else "PUNCT"
                    if t.is_punct
                    else "NOUN"
                )
            return doc

    nlp = spacy.blank("fr")
    nlp.tokenizer = CappedTokenizer(nlp.tokenizer)
    nlp.add_pipe("bkg_paragraphs", first=True)
    nlp.add_pipe("bkg_hand_tags")
    nlp.add_pipe("bkg_lexicon", last=True)
    return nlp
