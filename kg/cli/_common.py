"""What every command shares: messages on one printable line."""

from __future__ import annotations

import re

# control characters and line separators (a file name may hold them) as escapes
_ESCAPES = {c: f"\\x{c:02x}" for c in [*range(0x20), *range(0x7F, 0xA0)]}
_ESCAPES.update(
    {ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t", 0x2028: "\\u2028", 0x2029: "\\u2029"}
)


_SURROGATE_BYTE = re.compile("[\udc80-\udcff]")


def one_line(text: str) -> str:
    """``text`` on one printable line: control characters and line breaks escaped."""
    # the bytes of a file name that is not UTF-8 (lone surrogates U+DC80-U+DCFF) as \xNN
    text = _SURROGATE_BYTE.sub(lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}", text)
    return text.translate(_ESCAPES).encode("utf-8", "backslashreplace").decode("utf-8")
