"""Page segmentation: one text page → its documents (the main article, then the teasers after
"Voir plus"), each cut into typed parts.
"""

from __future__ import annotations

from kg.facts import Document, Part, PartKind
from kg.ingest.decode import normalise_text
from kg.ingest.lines import (
    HEADER,
    TRAILER,
    mark_noise,
    dateline_prefix,
    PageLine,
    page_lines,
    looks_like_title,
    repeat_key,
)
from kg.ingest.published import parse_published

Segment = tuple[PartKind, int, int]  # (kind, start, end) in absolute offsets


def _title_segments(ln: PageLine) -> tuple[list[Segment], str | None, list[str]]:
    """The title line: (segments, the dateline's place or None, the texts it shows)."""
    dl = dateline_prefix(ln.text)
    if not dl:
        return [("title", ln.start, ln.end)], None, [ln.text]
    return (
        [("dateline", ln.start, ln.start + dl[0]), ("title", ln.start + dl[0], ln.end)],
        dl[1] or None,
        [ln.text[dl[0] :], ln.text],
    )


def _trailer_start(text: str, start: int, end: int) -> int | None:
    """Where the agency signature closing the story starts in ``text[start:end]``, if any."""
    m = TRAILER.search(text[start:end])
    if not m:
        return None
    at = start + m.start()
    while at < end and text[at].isspace():
        at += 1
    return at


def _classify(
    text: str, lines: list[PageLine], *, title_index: int | None
) -> tuple[list[Segment], str | None]:
    """Segments (kind, start, end) in absolute offsets for the lines of one document."""
    segs: list[Segment] = []
    seen: set[str] = set()
    place: str | None = None

    def remember(*contents: str) -> None:
        seen.update(k for k in map(repeat_key, contents) if k)

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
            segs.append(("duplicate" if repeat_key(content) in seen else "caption", start, ln.end))
            remember(content)
            continue
        dl = dateline_prefix(content)
        if dl:
            segs.append(("dateline", start, start + dl[0]))
            place = place or dl[1] or None
            start += dl[0]
        trailer = _trailer_start(text, start, ln.end) if i == last_body else None
        end = ln.end if trailer is None else trailer
        core = text[start:end].strip()
        if core:
            core_start = start + (len(text[start:end]) - len(text[start:end].lstrip()))
            kind: PartKind = "duplicate" if repeat_key(core) in seen else "body"
            segs.append((kind, core_start, core_start + len(core)))
            remember(core, ln.text)
        if trailer is not None:
            segs.append(("trailer", trailer, ln.end))
    return segs, place


def _tile(segs: list[Segment], start: int, end: int) -> tuple[Part, ...]:
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
    lines: list[PageLine],
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


def _group_teasers(lines: list[PageLine]) -> list[tuple[list[PageLine], int]]:
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
        elif looks_like_title(ln.text) and (cur is None or prev == "lead"):
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
    body_lines: list[PageLine],
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
    mark_noise(text, body_lines)
    vp = next((i for i, ln in enumerate(body_lines) if ln.voir_plus), None)
    main_lines = body_lines if vp is None else body_lines[:vp]
    docs: list[Document] = []
    if main_lines:
        first = main_lines[0].text
        doc_title = title if title else first
        title_index = 0 if repeat_key(first) == repeat_key(doc_title) else None
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


def page_documents(
    text: str, source_file: str, identifier: str
) -> tuple[list[Document], list[str]]:
    text = normalise_text(text)
    lines = page_lines(text)
    notes: list[str] = []
    url = published = None
    while lines and (h := HEADER.fullmatch(lines[0].text)):
        key, value = h.group("key").lower(), h.group("value")
        if key in ("source", "url"):
            url = value
        else:
            published, note = parse_published(value)
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
    return page_documents(text, source_file, identifier)[0]


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
    text = normalise_text(text)
    lines = page_lines(text)
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
