"""Line shapes: what one line of a page is (a title, a caption or photo credit, a dateline, an
agency trailer, a "Voir plus" marker), read line by line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
TRAILER = re.compile(
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
HEADER = re.compile(r"#\s*+(?P<key>source|url|published|date)\s*+:\s*+(?P<value>\S.*)", re.I)

_SENTENCE_END = (".", ",", ";", ":", "…")


def _words(s: str) -> int:
    return len(s.split())


def repeat_key(s: str) -> str:
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


def dateline_prefix(content: str) -> tuple[int, str | None] | None:
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


def looks_like_title(content: str) -> bool:
    """A headline: short, and not ending like a sentence or a cut-off paragraph."""
    c = content.rstrip(" |")
    return 0 < _words(c) <= 25 and len(c) <= 220 and not c.endswith(_SENTENCE_END)


@dataclass
class PageLine:
    """One non-blank line: its content span in the whole text and what it looks like."""

    start: int
    end: int
    text: str
    core: int = 0  # absolute start of the content after an image marker
    noise: bool = False  # the whole line is noise
    caption: bool = False
    credit_only: bool = False
    voir_plus: bool = False


def page_lines(text: str, start: int = 0, end: int | None = None) -> list[PageLine]:
    end = len(text) if end is None else end
    out = []
    for m in re.finditer(r"[^\n]+", text[start:end]):
        raw = m.group()
        stripped = raw.strip()
        if not stripped:
            continue
        s = start + m.start() + (len(raw) - len(raw.lstrip()))
        e = s + len(stripped)
        out.append(PageLine(s, e, stripped, core=s))
    return out


def _blank_paragraphs(text: str, lines: list[PageLine]) -> bool:
    """Whether paragraphs are mostly separated by blank lines (else one line each)."""
    blank = single = 0
    for a, b in zip(lines, lines[1:]):
        if text.count("\n", a.end, b.start) >= 2:
            blank += 1
        else:
            single += 1
    return blank >= single and blank > 0


def mark_noise(text: str, lines: list[PageLine]) -> None:
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
                and not dateline_prefix(ln.text)
            ):
                ln.caption = True
            continue
        # the caption's own text on the line just above a credit standing alone
        if (
            ln.credit_only
            and text.count("\n", prev.end, ln.start) == 1
            and (prev.text.endswith("|") or blank_style)
            and _words(prev.text) <= 60
            and not dateline_prefix(prev.text)
        ):
            prev.caption = True
