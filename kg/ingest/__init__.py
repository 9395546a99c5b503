"""Input files → :class:`~kg.facts.Document` records.

``read_inputs(paths)`` takes files and folders (folders are searched recursively for
``*.txt``, ``*.json`` and ``*.jsonl``) and gives every document it could read, plus the
problems (inputs or records skipped) and warnings (read, but something to say). It never
raises on bad input: each problem is collected and the other inputs still load.

Two kinds of input:

* a ``.txt`` page (like ``seeds/``): the title is the first non-empty line and the
  identifier the file's path in the folder given, without its suffix (``site1/index``;
  the stem for a file at the top of the folder, or given itself). After a line "Voir plus"
  the page lists teasers of other articles (an optional photo caption, a title line, a
  lead); each teaser becomes its own document ``{page id}#N``.
* ``.json`` / ``.jsonl`` records with ``text`` (required), ``title``, ``url``,
  ``published``, ``id``. A record's text is split the same way when it holds "Voir plus".
  A record without ``id`` gets a default one made the same way (``{path}`` for a file of
  one record, ``{path}-{N}`` for the N-th record of a file).

Every document's ``text`` is a slice of the decoded input, and its ``parts`` tile it:
``title``, ``body``, ``caption`` (photo captions), ``dateline`` ("Hanoï (VNA) –"),
``trailer`` ("– VNA", "VNA/CVN"), ``noise`` ("… ảnh 1" image markers) and ``duplicate``
(a paragraph or caption repeated verbatim; the first copy keeps its kind).

The splitting rules are heuristics on the *shape* of the text (credits, agency names,
line length and final punctuation), not on particular pages.
"""

from kg.ingest.decode import decode_bytes, UndecodableError, normalise_text as normalise_text
from kg.ingest.page import read_text_page, split_record
from kg.ingest.published import parse_published as parse_published
from kg.ingest.records import (
    MAX_ARTICLE_CHARS,
    MAX_ID_CHARS,
    MAX_TITLE_CHARS,
    MAX_URL_CHARS,
    readable_name,
)
from kg.ingest.files import (
    IngestResult,
    read_inputs,
    SUFFIXES,
    list_inputs,
    read_file,
    duplicate_message as duplicate_message,
)

__all__ = [
    "IngestResult",
    "read_inputs",
    "read_text_page",
    "split_record",
    "decode_bytes",
    "UndecodableError",
    "SUFFIXES",
    "MAX_ARTICLE_CHARS",
    "list_inputs",
    "read_file",
    "MAX_ID_CHARS",
    "MAX_TITLE_CHARS",
    "MAX_URL_CHARS",
    "readable_name",
]
