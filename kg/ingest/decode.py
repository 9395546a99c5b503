"""Decoding: the bytes of a file → text (UTF-8, UTF-16, cp1252 where UTF-8 fails), or a clear
error for a binary or broken file.
"""

from __future__ import annotations

import codecs
import re
import threading
import unicodedata

from kg.facts import InputProblem


class UndecodableError(ValueError):
    """The bytes of a file are not text we can read (binary, broken UTF-16)."""


_fallback = threading.local()


def _cp1252_fallback(err: UnicodeError) -> tuple[str, int]:
    """Codec error handler: decode the bytes that are not UTF-8 as cp1252 (Latin-1 if undefined)."""
    assert isinstance(err, UnicodeDecodeError)  # registered for decoding only
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


LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def normalise_text(text: str) -> str:
    """Newlines to ``\\n``, text to NFC, lone surrogates (which JSON escapes can make, and
    nothing downstream can encode) to U+FFFD (idempotent)."""
    if LONE_SURROGATE.search(text):
        text = LONE_SURROGATE.sub("\ufffd", text)
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
        guessed = _utf16_without_bom(data)
        if guessed is None:
            raise UndecodableError(
                "binary data, not text (NUL bytes, and not UTF-16): give a UTF-8 text file"
            )
        text = guessed
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
    return normalise_text(text), warning


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
