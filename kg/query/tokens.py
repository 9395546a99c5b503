"""A small SPARQL tokenizer: comments, strings, IRIs, variables and words, so that a query can
be read without being parsed.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
               |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<other>\s+|.)
""",
    re.VERBOSE | re.DOTALL,
)


def sparql_tokens(text: str) -> list[tuple[str, str, str]]:
    """(kind, value, raw) tokens; for "var", value is the name without ? or $."""
    out = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        assert kind is not None  # every alternative of _TOKEN is a named group
        raw = m.group()
        out.append((kind, raw[1:] if kind == "var" else raw, raw))
    return out
