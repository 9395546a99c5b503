"""Running a query: the checks (read-only, no SERVICE), the two engines (Oxigraph, rdflib) and
the :class:`Result` they give.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from typing import Iterable, Mapping

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier, Variable

from kg.errors import Errors
from kg.namespaces import PREFIXES
from kg.query.named import NamedQuery, get_query
from kg.query.params import bind_params
from kg.query.tokens import sparql_tokens


@dataclass
class Result:
    """A SELECT result: variable names and rows of rdflib terms (None when unbound).
    ASK gives one row with a boolean literal; CONSTRUCT/DESCRIBE give s, p, o rows."""

    vars: list[str]
    rows: list[tuple[Identifier | None, ...]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)

    def dicts(self) -> list[dict[str, Identifier | None]]:
        return [dict(zip(self.vars, row)) for row in self.rows]

    def values(self) -> list[dict[str, str | None]]:
        """Rows as dicts of plain strings (lexical forms, full IRIs)."""
        return [
            {v: (None if t is None else str(t)) for v, t in zip(self.vars, row)}
            for row in self.rows
        ]

    def drop(self, names: Iterable[str]) -> "Result":
        keep = [i for i, v in enumerate(self.vars) if v not in set(names)]
        return Result(
            [self.vars[i] for i in keep], [tuple(row[i] for i in keep) for row in self.rows]
        )

    def key(self) -> list[tuple]:
        """An engine-independent form of the rows (for comparing engines)."""
        return [tuple(term_key(t) for t in row) for row in self.rows]

    def to_csv(self) -> str:
        """SPARQL 1.1 CSV results: IRIs in full, literals as their lexical form."""
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(self.vars)
        for row in self.rows:
            w.writerow(
                ["" if t is None else f"_:{t}" if isinstance(t, BNode) else str(t) for t in row]
            )
        return buf.getvalue()

    def to_json(self) -> str:
        """SPARQL 1.1 Query Results JSON."""
        bindings = []
        for row in self.rows:
            b = {}
            for var, t in zip(self.vars, row):
                if t is None:
                    continue
                if isinstance(t, URIRef):
                    b[var] = {"type": "uri", "value": str(t)}
                elif isinstance(t, BNode):
                    b[var] = {"type": "bnode", "value": str(t)}
                else:
                    assert isinstance(t, Literal)  # the three kinds of RDF term
                    b[var] = {"type": "literal", "value": str(t)}
                    if t.language:
                        b[var]["xml:lang"] = t.language
                    elif t.datatype and t.datatype != XSD.string:
                        b[var]["datatype"] = str(t.datatype)
            bindings.append(b)
        return (
            json.dumps(
                {"head": {"vars": self.vars}, "results": {"bindings": bindings}},
                ensure_ascii=False,
                indent=1,
            )
            + "\n"
        )

    def to_table(self, width: int = 70) -> str:
        """Aligned text columns; IRIs as prefixed names; long values cut at ``width``."""
        cut = False
        cells = []
        for row in self.rows:
            line = []
            for t in row:
                s = format_term(t).replace("\n", " ")
                if len(s) > width:
                    s, cut = s[: width - 1] + "…", True
                line.append(s)
            cells.append(line)
        widths = [max([len(v)] + [len(r[i]) for r in cells]) for i, v in enumerate(self.vars)]
        out = [
            "  ".join(v.ljust(w) for v, w in zip(self.vars, widths)).rstrip(),
            "  ".join("-" * w for w in widths),
        ]
        out += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
        n = len(self.rows)
        out.append(
            f"({n} row{'s' if n != 1 else ''}"
            + ("; long values cut, --format csv or json gives them whole)" if cut else ")")
        )
        return "\n".join(out) + "\n"

    def to_dataframe(self):
        """A pandas DataFrame: integers as int, other values as their plain text, None
        when unbound (pandas is imported on demand)."""
        import pandas as pd

        def plain(t):
            if t is None:
                return None
            if isinstance(t, Literal) and t.datatype == XSD.integer:
                return int(t)
            return str(t)

        return pd.DataFrame([[plain(t) for t in row] for row in self.rows], columns=self.vars)


def term_key(t: Identifier | None) -> tuple:
    if t is None:
        return ("unbound",)
    if isinstance(t, URIRef):
        return ("iri", str(t))
    if isinstance(t, BNode):
        return ("bnode",)  # blank node labels are engine-local
    assert isinstance(t, Literal)  # the three kinds of RDF term
    lang = t.language or ""
    dtype = "" if lang else str(t.datatype or XSD.string)
    return ("literal", str(t), dtype, lang.lower())


_COMPACT = sorted(((str(ns), p) for p, ns in PREFIXES.items()), key=lambda x: -len(x[0]))


def format_term(t: Identifier | None) -> str:
    """A short human form: ``bkgr:country/VN``, ``Russie``, ``2026-02-05``, ``""`` when unbound."""
    if t is None:
        return ""
    if isinstance(t, URIRef):
        s = str(t)
        for ns, p in _COMPACT:
            if s.startswith(ns) and len(s) > len(ns):
                return f"{p}:{s[len(ns) :]}"
        return f"<{s}>"
    if isinstance(t, BNode):
        return f"_:{t}"
    return str(t)


def from_oxigraph_term(t) -> Identifier | None:
    if t is None:
        return None
    if isinstance(t, ox.NamedNode):
        return URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return BNode(t.value)
    if isinstance(t, ox.Literal):
        if t.language:
            return Literal(t.value, lang=t.language)
        dt = t.datatype.value
        if dt == str(XSD.string):
            return Literal(t.value)
        return Literal(t.value, datatype=URIRef(dt), normalize=False)
    raise ValueError(f"unsupported term in result: {t!r}")


def to_oxigraph_term(t: Identifier):
    if isinstance(t, URIRef):
        return ox.NamedNode(str(t))
    if isinstance(t, BNode):
        return ox.BlankNode(str(t))
    if isinstance(t, Literal):
        if t.language:
            return ox.Literal(str(t), language=t.language)
        if t.datatype:
            return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype)))
        return ox.Literal(str(t))
    raise TypeError(f"cannot bind {t!r}")


def _ox_error(exc: Exception) -> ValueError:
    msg = " ".join(str(exc).split())
    return ValueError(f"SPARQL error: {msg}")


_UPDATE_WORDS = {
    "INSERT",
    "DELETE",
    "LOAD",
    "CLEAR",
    "DROP",
    "CREATE",
    "ADD",
    "MOVE",
    "COPY",
    "WITH",
}


def _keywords(text: str) -> list[str]:
    """The SPARQL keywords of a query text, upper case, in order: words outside strings,
    IRIs and comments that are not part of a prefixed name (``ex:service``)."""
    toks = [t for t in sparql_tokens(text) if not (t[0] == "other" and t[2].isspace())]
    out = []
    for i, (kind, value, _raw) in enumerate(toks):
        if kind != "word":
            continue
        if (i and toks[i - 1][2] == ":") or (i + 1 < len(toks) and toks[i + 1][2] == ":"):
            continue
        out.append(value.upper())
    return out


def check_query(text: str, *, allow_service: bool = False) -> None:
    """Refuse what ``kg query`` does not do: SPARQL Update (it only reads a build), and
    ``SERVICE`` clauses unless ``allow_service`` (each one sends a request to another
    machine: a query file from elsewhere must not do that unasked)."""
    words = _keywords(text)
    first = next((w for w in words if w not in ("PREFIX", "BASE")), "")
    if first in _UPDATE_WORDS:
        raise ValueError(
            Errors.E212.format(
                problem=f"kg query is read-only: this is a SPARQL Update ({first} ...), which it "
                "does not run; to change data, load the build into a triple store "
                "(kg load) and update it there"
            )
        )
    if "SERVICE" in words and not allow_service:
        raise ValueError(
            Errors.E212.format(
                problem="the query has a SERVICE clause, which would send requests to another "
                "machine: refused; give --allow-service to run it anyway"
            )
        )


def run(
    target,
    query: NamedQuery | str,
    bindings: Mapping[str, Identifier] | None = None,
    *,
    allow_service: bool = False,
) -> Result:
    """Run ``query`` on ``target`` — a pyoxigraph Store (the engine ``kg query`` uses) or an
    rdflib Graph/Dataset (the reference) — with ``bindings`` bound by the engine.
    SPARQL Update and (unless ``allow_service``) SERVICE clauses are refused
    (:func:`check_query`)."""
    text = query.text if isinstance(query, NamedQuery) else query
    check_query(text, allow_service=allow_service)
    bindings = dict(bindings or {})
    prefixes = {p: str(ns) for p, ns in PREFIXES.items()}
    if isinstance(target, ox.Store):
        subs = {ox.Variable(k): to_oxigraph_term(v) for k, v in bindings.items()}
        try:
            res = target.query(text, prefixes=prefixes, substitutions=subs or None)
        except RuntimeError as exc:
            m = re.search(r"variable \?(\w+) in its SELECT projection", str(exc))
            if m:
                raise ValueError(
                    Errors.E205.format(
                        problem=f"--param {m.group(1)}: ?{m.group(1)} must be listed in the "
                        "query's SELECT (the engine binds only projected variables; "
                        "SELECT * will do)"
                    )
                ) from None
            raise _ox_error(exc) from None
        except (SyntaxError, OSError) as exc:
            raise _ox_error(exc) from None
        if isinstance(res, ox.QueryBoolean):
            return Result(["ask"], [(Literal(bool(res)),)])
        if isinstance(res, ox.QuerySolutions):
            names = [v.value for v in res.variables]
            try:
                rows = [tuple(from_oxigraph_term(sol[i]) for i in range(len(names))) for sol in res]
            except (RuntimeError, OSError) as exc:
                raise _ox_error(exc) from None
            return Result(names, rows)
        return Result(
            ["subject", "predicate", "object"],
            [
                (
                    from_oxigraph_term(t.subject),
                    from_oxigraph_term(t.predicate),
                    from_oxigraph_term(t.object),
                )
                for t in res
            ],
        )
    if isinstance(target, Graph):
        from pyparsing import ParseException

        try:
            answer = target.query(
                text, initNs=prefixes, initBindings={Variable(k): v for k, v in bindings.items()}
            )
        except ParseException as exc:
            raise ValueError(Errors.E213.format(problem=f"SPARQL error: {exc}")) from None
        if answer.type == "ASK":
            return Result(["ask"], [(Literal(bool(answer.askAnswer)),)])
        if answer.type == "SELECT":
            assert answer.vars is not None  # a SELECT names its columns
            names = [str(v) for v in answer.vars]
            return Result(names, _rdflib_rows(answer))
        return Result(["subject", "predicate", "object"], _rdflib_rows(answer))
    raise TypeError(f"cannot query a {type(target).__name__}")


def _rdflib_rows(answer: Iterable[object]) -> list[tuple[Identifier | None, ...]]:
    """The rows of an rdflib SELECT (None for an unbound cell) or the triples of a CONSTRUCT."""
    rows = []
    for row in answer:
        assert isinstance(row, tuple)  # ResultRow is a tuple; ASK was answered before
        assert all(t is None or isinstance(t, Identifier) for t in row)
        rows.append(tuple(row))
    return rows


def run_named(
    target,
    name: str | NamedQuery,
    params: Mapping[str, str] | None = None,
    keep_params: bool = True,
) -> Result:
    """Run a named query (by name, .rq path or NamedQuery) with text parameter values.

    >>> store = ox.Store()
    >>> len(run_named(store, "meetings-between", {"a": "VN", "b": "KG"}))
    0
    """
    query = get_query(name) if isinstance(name, str) else name
    bound = bind_params(query, params or {})
    result = run(target, query, bound)
    return result if keep_params else result.drop(bound)
