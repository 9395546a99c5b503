"""extract — parsed documents → officials, events and relations (``kg.facts`` records).

One module per kind of fact: :mod:`~kg.extract.officials` (names with titles),
:mod:`~kg.extract.events` (contacts and dated events), :mod:`~kg.extract.relations`
(country–country relations), :mod:`~kg.extract.dates` (French dates → partial dates);
:mod:`~kg.extract.document` reads one document with all of them.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING

from kg.errors import one_line
from kg.facts import Document, Extraction

if TYPE_CHECKING:  # spaCy is loaded when documents are read, not when the build starts
    from spacy.language import Language

__all__ = ["extract_all", "masked_text", "read_each", "ArticleTimeout", "MAX_ARTICLE_SECONDS"]

# Longest time one article may take in the language model and the extractor (seconds): an
# article that takes longer is skipped with a message instead of stalling the build. Every
# article under the size limit is read in far less (benchmarks/bench_hostile.py: 200,000
# characters of the worst shapes measured in under a minute).
MAX_ARTICLE_SECONDS = 180.0

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
    pairs = zip(docs, parsed)
    # read ``batch_size`` documents at once: their places the entity recogniser tells are
    # asked of it in one pass
    while group := list(islice(pairs, batch_size)):
        yield from reader.read_many(group)


class ArticleTimeout(Exception):
    """An article (or a chunk of articles) took longer than its time limit."""


@contextlib.contextmanager
def _time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`ArticleTimeout` in the block once ``seconds`` have passed (a real-time
    alarm; only in the main thread of a process, where signals are delivered)."""
    import signal
    import threading

    if (
        not seconds
        or not math.isfinite(seconds)
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        yield
        return

    def expired(signum, frame):
        raise ArticleTimeout()

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def read_each(
    nlp, documents: list[Document], seconds: float | None = None
) -> list[Extraction | str]:
    """The facts of each document, or why the extractor could not read it: a document that
    makes the language model or the extractor fail, or takes more than ``seconds``, is read
    alone, so it stops no other (a chunk taking more than ``seconds`` is read again one
    document at a time, each with that limit)."""
    if seconds is None:
        seconds = MAX_ARTICLE_SECONDS
    try:
        with _time_limit(seconds):
            found: list[Extraction | str] = list(extract_all(nlp, documents))
        if len(found) == len(documents):
            return found
    except Exception:  # noqa: BLE001 - find the document at fault below
        pass
    out: list[Extraction | str] = []
    for doc in documents:
        try:
            with _time_limit(seconds):
                got = list(extract_all(nlp, [doc]))
            out.append(got[0] if len(got) == 1 else "the extractor gave no single result")
        except ArticleTimeout:
            out.append(
                f"it took more than {seconds:g} s (the per-article time limit, "
                "--max-article-seconds); its text may be no article (a dump, a list "
                "of thousands of items)"
            )
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the build
            out.append(one_line(exc))
    return out
