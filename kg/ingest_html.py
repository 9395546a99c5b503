"""Web pages as input: an ``.html`` / ``.htm`` file, or a JSON record with ``html``.

The main text, title, publication date, site name and URL of a saved news page are read by
trafilatura (main-text extraction; its date comes from htmldate), not by hand. Menus,
related-article lists, share bars, comments and footers are boilerplate that trafilatura
leaves out, so they never become sentences. The page then becomes the same kind of record
as a JSON input (``text``, ``title``, ``url``, ``published``) and is split as one
(:func:`kg.ingest.split_record`): a page and its text give the same document.

Bytes are decoded before trafilatura sees them, because pages often declare the wrong
charset: bytes that are valid UTF-8 are UTF-8 whatever the page says; otherwise the charset
the page declares (HTTP-equiv or ``<meta charset>``) when it decodes them, else the
project's decoder (:func:`kg.ingest.decode_bytes`: Windows-1252 for stray bytes).

Errors are :class:`HtmlError` with a message that says what is wrong with the page (no main
text, too large, not text); :mod:`kg.ingest` reports it against the file or record.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

__all__ = ["HtmlError", "HtmlPage", "decode_html", "read_html", "HTML_SUFFIXES", "HTML_FACTOR"]

HTML_SUFFIXES = (".html", ".htm")
# A page's markup is many times its text: a page is read when it is at most this many times
# the article text limit (200,000 characters → 4 MB of HTML by default).
HTML_FACTOR = 20
# Fewer words than this is no article (a menu or a cookie banner trafilatura fell back on).
MIN_WORDS = 12

_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)


class HtmlError(ValueError):
    """A page that cannot be read as an article (the message says why)."""


@dataclass(frozen=True)
class HtmlPage:
    """What was read from one page."""

    text: str  # title line, blank line, main text (paragraphs on lines)
    title: str | None
    url: str | None
    published: str | None  # ISO 8601 date, as htmldate found it
    site: str | None
    charset_note: str | None  # a note when the declared charset was wrong


def decode_html(data: bytes) -> tuple[str, str | None]:
    """(text, note): the page decoded as described in the module docstring."""
    from kg.ingest import UndecodableError, decode_bytes

    m = _META_CHARSET.search(data[:4096])
    declared = None
    if m:
        try:
            declared = codecs.lookup(m.group(1).decode("ascii")).name
        except (LookupError, UnicodeDecodeError):
            declared = None
    try:
        text = data.decode("utf-8-sig")
        if m and declared and declared not in ("utf-8", "utf-8-sig") and not data.isascii():
            return (
                text,
                f"the page declares {m.group(1).decode('ascii', 'replace')!r} but is UTF-8: read as UTF-8",
            )
        return text, None
    except UnicodeDecodeError:
        pass
    if declared and declared not in ("utf-8", "utf-8-sig", "utf-16", "utf-32"):
        try:
            return data.decode(declared), None
        except UnicodeDecodeError:
            pass
    try:
        text, problem = decode_bytes(data)
    except UndecodableError as exc:
        raise HtmlError(str(exc)) from None
    return text, (problem.message if problem is not None else None)


def read_html(
    html: str | bytes, *, url: str | None = None, max_chars: int | None = None
) -> HtmlPage:
    """The article of a page: main text, title, date, site and URL (trafilatura)."""
    import trafilatura

    note = None
    if isinstance(html, bytes):
        html, note = decode_html(html)
    if max_chars is not None and len(html) > max_chars * HTML_FACTOR:
        raise HtmlError(
            f"page too large ({len(html) / 1e6:.1f} MB of HTML > "
            f"{max_chars * HTML_FACTOR / 1e6:g} MB limit): skipped"
        )
    if not re.search(r"<\s*[a-zA-Z!]", html):
        raise HtmlError("not an HTML page (no markup)")
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_formatting=False,
            deduplicate=False,
            date_extraction_params={
                "extensive_search": False,
                "original_date": True,
                "outputformat": "%Y-%m-%d",
            },
        )
    except (ValueError, TypeError, RecursionError) as exc:
        raise HtmlError(f"cannot parse the HTML ({type(exc).__name__}: {exc})") from None
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if len(body.split()) < MIN_WORDS:
        raise HtmlError("no article text found in the page (only markup or boilerplate)")
    title = _clean(getattr(doc, "title", None))
    # one paragraph a line in trafilatura's text; a blank line between paragraphs, as in
    # the .txt pages, and the title first (once)
    paragraphs = [" ".join(line.split()) for line in body.splitlines() if line.strip()]
    if title and paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    text = "\n\n".join(([title] if title else []) + paragraphs)
    if max_chars is not None and len(text) > max_chars:
        raise HtmlError(
            f"article text too large ({len(text) / 1e6:.1f} MB > "
            f"{max_chars / 1e6:g} MB limit): skipped"
        )
    return HtmlPage(
        text=text,
        title=title,
        url=_clean(getattr(doc, "url", None)) or url,
        published=_clean(getattr(doc, "date", None)),
        site=_clean(getattr(doc, "sitename", None)),
        charset_note=note,
    )


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def record_from_html(obj: dict, *, max_chars: int | None = None) -> tuple[dict, list[str]]:
    """A JSON record with ``html`` (and no ``text``) as a record with ``text``: the record's
    own ``title``, ``url`` and ``published`` win over the page's. Returns (record, notes)."""
    html = obj.get("html")
    if not isinstance(html, str):
        raise HtmlError(f'"html" must be a string, got {type(html).__name__}')
    if not html.strip():
        raise HtmlError('"html" is empty')
    url = obj.get("url") if isinstance(obj.get("url"), str) else None
    page = read_html(html, url=url, max_chars=max_chars)
    out = {k: v for k, v in obj.items() if k != "html"}
    out["text"] = page.text
    for key, value in (("title", page.title), ("url", page.url), ("published", page.published)):
        if out.get(key) in (None, "") and value:
            out[key] = value
    if page.site and not out.get("site"):
        out["site"] = page.site
    return out, [page.charset_note] if page.charset_note else []


def read_html_file(display: str, real: str, result, limit: int, stem: str | None = None) -> list:
    """The documents of one ``.html`` file (``stem``, by default the file's stem, is the
    identifier), problems and
    warnings into ``result`` (:class:`kg.ingest.IngestResult`); [] when it cannot be read."""
    import os
    from pathlib import PurePath

    from kg.facts import InputProblem
    from kg.ingest import parse_published, split_record

    def problem(message: str) -> list:
        result.problems.append(InputProblem(display, None, message, code="E103"))
        return []

    try:
        size = os.path.getsize(real)
        if size > 4 * limit * HTML_FACTOR:
            return problem(
                f"page too large ({size / 1e6:.1f} MB > "
                f"{4 * limit * HTML_FACTOR / 1e6:g} MB limit): skipped"
            )
        with open(real, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        return problem(f"cannot read ({exc.strerror or exc})")
    if not data.strip():
        return problem("empty file")
    try:
        page = read_html(data, max_chars=limit)
    except HtmlError as exc:
        return problem(str(exc))
    if page.charset_note:
        result.warnings.append(InputProblem(display, None, page.charset_note, code="W111"))
    published, note = parse_published(page.published)
    if note:
        result.warnings.append(InputProblem(display, None, f"page date: {note}", code="W114"))
    docs = split_record(
        page.text,
        identifier=stem or PurePath(real).stem,
        source_file=os.path.basename(real),
        title=page.title,
        url=page.url,
        published=published,
    )
    if not docs:
        return problem("no article text found in the page")
    if page.site:
        from dataclasses import replace

        docs = [replace(d, site=page.site) for d in docs]
    return docs
