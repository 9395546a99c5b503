"""extract — parsed documents → officials, events and relations (``kg.facts`` records).

One module per kind of fact: :mod:`~kg.extract.officials` (names with titles),
:mod:`~kg.extract.events` (contacts and dated events), :mod:`~kg.extract.relations`
(country–country relations), :mod:`~kg.extract.dates` (French dates → partial dates);
:mod:`~kg.extract.document` reads one document with all of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language

from kg.facts import Document, Extraction

__all__ = ["extract_all", "masked_text"]

SKIPPED_PARTS = {"noise", "duplicate", "dateline", "trailer"}


def masked_text(document: Document) -> str:
    """The document's text with noise, duplicates, datelines and trailers blanked out.

    Blanking (not cutting) keeps every character offset valid in ``document.text``; line
    breaks are kept so paragraphs still end sentences.
    """
    chars = list(document.text)
    for part in document.parts:
        if part.kind in SKIPPED_PARTS:
            for i in range(part.start, min(part.end, len(chars))):
                if chars[i] != "\n":
                    chars[i] = " "
    return "".join(chars)


def extract_all(
    nlp: Language, documents: Iterable[Document], *, batch_size: int = 32, n_process: int = 1
) -> Iterator[Extraction]:
    """Parse ``documents`` with ``nlp`` (one ``nlp.pipe`` pass) and read each one's facts."""
    from kg.extract.document import DocumentReader
    from kg.nlp import parse

    reader = DocumentReader.for_pipeline(nlp)
    docs = list(documents)
    texts = (masked_text(d) for d in docs)
    parsed = (
        parse(nlp, texts, batch_size=batch_size)
        if n_process == 1  # long texts in pieces
        else nlp.pipe(texts, batch_size=batch_size, n_process=n_process)
    )
    for document, doc in zip(docs, parsed):
        yield reader.read(document, doc)
