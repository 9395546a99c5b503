"""Parameters written into the query text (read with :mod:`kg.query.tokens`), for endpoints
that cannot bind (SPARQL protocol, arq).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from kg.query.named import NamedQuery
from kg.query.params import IRI_CHARS
from kg.query.tokens import sparql_tokens


def _nt(t: Identifier) -> str:
    """An RDF term in N-Triples syntax (escaped by rdflib: safe to write into a query)."""
    if isinstance(t, URIRef):
        if not IRI_CHARS.match(str(t)):
            raise ValueError(f"not an IRI: {t!r}")
        return f"<{t}>"
    if isinstance(t, Literal):
        return t.n3()
    raise TypeError(f"cannot write {t!r} into a query")


@dataclass
class _Clauses:
    """Where a token of a query stands: in a SELECT or GROUP BY clause, at which depth."""

    clause: str | None = None  # "select" / "group" while inside those clauses
    select_depth: int = 0  # brace depth of the SELECT being read (0: the query's own)
    depth: int = 0
    parens: int = 0
    prev_word: str = ""

    def see(self, kind: str, value: str, raw: str) -> None:
        """Move past one token."""
        if kind == "word":
            self._word(value.upper())
        elif raw == "{":
            if self.clause == "select":
                self.clause = None
            self.depth += 1
        elif raw == "}":
            if self.clause == "group":
                self.clause = None
            self.depth -= 1
        elif raw in ("(", ")"):
            self.parens += 1 if raw == "(" else -1

    def _word(self, word: str) -> None:
        if word == "SELECT":
            self.clause, self.select_depth, self.parens = "select", self.depth, 0
        elif word == "WHERE" and self.clause == "select":
            self.clause = None
        elif word == "BY" and self.prev_word == "GROUP":
            self.clause, self.parens = "group", 0
        elif word in ("HAVING", "ORDER", "LIMIT", "OFFSET", "VALUES") and self.clause == "group":
            self.clause = None
        self.prev_word = word


def inline_params(query: NamedQuery | str, bindings: Mapping[str, Identifier]) -> str:
    """The query text with its parameters (``$NAME``, or ``?NAME``: one variable) replaced by
    their values, for SPARQL endpoints and tools that have no way to bind variables (the
    SPARQL 1.1 Protocol, Jena's ``arq``). It follows SEP-0007, as Oxigraph's own substitution does: in the query's
    SELECT clause ``$a`` becomes ``("VN" AS ?a)``; in a subquery's SELECT and in GROUP BY it
    is dropped (a constant); elsewhere it becomes the term in N-Triples syntax (escaped by
    rdflib). ``kg query`` never uses this: it binds."""
    text = query.text if isinstance(query, NamedQuery) else query
    terms = {k: _nt(v) for k, v in bindings.items()}
    out = []
    state = _Clauses()
    for kind, value, raw in sparql_tokens(text):
        state.see(kind, value, raw)
        clause, select_depth, parens = state.clause, state.select_depth, state.parens
        if kind == "var" and value in terms:
            if clause == "select" and parens == 0:
                # the query's own projection keeps the column; a subquery's must not
                # project it, or the outer (term AS ?name) would rebind it
                out.append(f"({terms[value]} AS ?{value})" if select_depth == 0 else "")
            elif clause == "group" and parens == 0:
                out.append("")
            else:
                out.append(terms[value])
            continue
        out.append(raw)
    return "".join(out)
