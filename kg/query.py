"""SPARQL on a built graph: named queries, safe parameters, and the query engine.

Named queries are the ``ontology/queries/*.rq`` files. Each starts with a comment header:
its first line says what it answers, and one ``# param: NAME TYPE DESCRIPTION`` line
declares each parameter, used in the query as ``$NAME``. Values given on the command line
(``--param a=VN``) become RDF terms according to TYPE and are bound by the engine
(pyoxigraph's ``substitutions``, rdflib's ``initBindings``): query text is never pasted
together from strings. Types:

``country``    an ISO 3166-1 alpha-2 code (VN), an organisation code (EU, EAEU) or an IRI →
               ``bkgr:country/VN``, ``bkgr:organization/EU`` (EU and UN, which ISO 3166-1
               reserves and never assigns, are the organisations)
``code``       the same codes → the literal ``"VN"`` (upper case)
``official``   a name as written, a slug or an IRI → ``bkgr:official/{slug}``
``iri``        ``<IRI>``, an absolute IRI, or a prefixed name (``bkgr:country/VN``)
``date``       ``2026``, ``2026-02``, ``2026-02-05`` or ``--02-05`` → an xsd:gYear,
               xsd:gYearMonth, xsd:date or xsd:gMonthDay literal
``first-day``  ``2026``, ``2026-02`` or ``2026-02-05`` → an xsd:date, the period's first day
``last-day``   the same → an xsd:date, the period's last day
``string``     a plain literal;  ``integer``  an xsd:integer

Engines (SEP-0007 substitution in Oxigraph) need a bound variable in the projection, so a
named query's SELECT lists its parameters, and its GROUP BY too when it groups.

The engine is Oxigraph (pyoxigraph): rdflib builds the graph, Oxigraph answers the
queries, 15-2000x faster than rdflib's engine from 10^5 triples on (``make bench-query``).
:func:`run` also takes an rdflib graph, which the tests use to prove both engines give the
same rows.

>>> q = named_queries()["meetings-between"]
>>> [p.name for p in q.params], q.params[0].type
(['a', 'b'], 'country')
>>> bind_params(q, {"a": "vn", "b": "EU"})
{'a': rdflib.term.URIRef('https://w3id.org/bilateral-kg/resource/country/VN'), 'b': rdflib.term.URIRef('https://w3id.org/bilateral-kg/resource/organization/EU')}
"""

from __future__ import annotations

import calendar
import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier, Variable

from kg.errors import Errors
from kg.namespaces import PREFIXES, country_iri, official_iri, organization_iri
from kg.text import slug
from kg.resources import resource

__all__ = [
    "QUERIES_DIR",
    "Param",
    "NamedQuery",
    "Result",
    "named_queries",
    "get_query",
    "parse_query",
    "bind_params",
    "load_store",
    "load_rdflib",
    "run",
    "run_named",
    "inline_params",
    "format_term",
    "check_query",
]

QUERIES_DIR = resource("ontology/queries")

PARAM_TYPES = {
    "country": "CODE",
    "code": "CODE",
    "official": "NAME",
    "iri": "IRI",
    "date": "DATE",
    "first-day": "DATE",
    "last-day": "DATE",
    "string": "TEXT",
    "integer": "N",
}

_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
}
_DATASET_SUFFIXES = {".trig", ".nq", ".jsonld"}
_RDFLIB_FORMATS = {
    ".ttl": "turtle",
    ".trig": "trig",
    ".nq": "nquads",
    ".nt": "nt",
    ".jsonld": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
}


# ---------------------------------------------------------------------------------------
# Named queries
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    description: str = ""

    def usage(self) -> str:
        return f"--param {self.name}={PARAM_TYPES.get(self.type, 'VALUE')}"


@dataclass(frozen=True)
class NamedQuery:
    """A SPARQL query with its header: what it answers and the parameters it takes."""

    name: str
    text: str
    description: str = ""
    params: tuple[Param, ...] = ()
    path: Path | None = None
    header: str = ""

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


_PARAM_LINE = re.compile(r"^#\s*param:\s*(\S+)\s+(\S+)\s*(.*)$")


def parse_query(text: str, name: str = "query", path: Path | None = None) -> NamedQuery:
    """Read a query's comment header (description, ``# param:`` lines)."""
    header_lines = []
    for line in text.splitlines():
        if line.startswith("#"):
            header_lines.append(line)
        elif line.strip():
            break
    description = ""
    params = []
    for line in header_lines:
        m = _PARAM_LINE.match(line)
        if m:
            pname, ptype, pdesc = m.groups()
            if ptype not in PARAM_TYPES:
                raise ValueError(
                    Errors.E201.format(
                        problem=f"{path or name}: parameter {pname!r} has unknown type "
                        f"{ptype!r} (types: {', '.join(PARAM_TYPES)})"
                    )
                )
            params.append(Param(pname, ptype, pdesc.strip()))
        elif not description and line.lstrip("#").strip():
            description = line.lstrip("#").strip()
    header = "\n".join(line[1:].removeprefix(" ") for line in header_lines)
    return NamedQuery(name, text, description, tuple(params), path, header)


def named_queries(folder: Path | None = None) -> dict[str, NamedQuery]:
    """The named queries of ``ontology/queries`` (name = file stem), sorted by name."""
    folder = folder or QUERIES_DIR
    return {
        p.stem: parse_query(p.read_text(encoding="utf-8"), p.stem, p)
        for p in sorted(folder.glob("*.rq"))
    }


def get_query(name_or_path: str) -> NamedQuery:
    """A named query by name, or a ``.rq`` file by path."""
    path = Path(name_or_path)
    if path.suffix == ".rq" or path.is_file():
        if not path.is_file():
            raise FileNotFoundError(Errors.E202.format(problem=f"query file not found: {path}"))
        return parse_query(path.read_text(encoding="utf-8"), path.stem, path)
    queries = named_queries()
    if name_or_path not in queries:
        raise ValueError(
            Errors.E203.format(
                problem=f"unknown query {name_or_path!r}; named queries: "
                f"{', '.join(queries)} (or give a .rq file, or -e SPARQL)"
            )
        )
    return queries[name_or_path]


# ---------------------------------------------------------------------------------------
# Parameters: text → typed RDF term
# ---------------------------------------------------------------------------------------


def _reserved_iso() -> frozenset[str]:
    """ISO 3166-1 codes reserved for organisations (``ontology/lexicon/iso_reserved.txt``)."""
    from kg.lexicon import load_lexicon

    return load_lexicon().required_words("iso_reserved")


_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,19}$")
_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_MONTH_DAY = re.compile(r"^--(\d{2})-(\d{2})$")
_IRI_CHARS = re.compile(r'^[^\s<>"{}|^`\\]+$')


def _expand_iri(value: str) -> URIRef | None:
    v = value.strip()
    if v.startswith("<") and v.endswith(">"):
        v = v[1:-1]
    elif ":" in v and not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", v):
        prefix, _, local = v.partition(":")
        if prefix in PREFIXES:
            v = str(PREFIXES[prefix]) + local
        else:
            return None
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", v) and _IRI_CHARS.match(v):
        return URIRef(v)
    return None


def _bad(name: str, value: str, problem: str) -> ValueError:
    """The coded error (E204) of a ``--param NAME=VALUE`` that cannot be used."""
    return ValueError(Errors.E204.format(name=name, value=value, problem=problem))


def _date_parts(name: str, value: str) -> tuple[int, int | None, int | None]:
    m = _ISO_DATE.match(value.strip())
    if not m:
        raise _bad(name, value, "not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    year, month, day = (int(g) if g else None for g in m.groups())
    assert year is not None
    if month is not None and not 1 <= month <= 12:
        raise _bad(name, value, f"no month {month}")
    if day is not None and not 1 <= day <= calendar.monthrange(year, month or 1)[1]:
        raise _bad(name, value, f"no day {day} in {year}-{month:02d}")
    return year, month, day


_NOT_A_CODE = "not a country or organisation code (VN, EU, EAEU...)"


def _country_value(name: str, value: str, v: str) -> Identifier:
    if v.startswith("<") or ":" in v:
        iri = _expand_iri(v)
        if iri is None:
            raise _bad(name, value, "not a code or an IRI")
        return iri
    if not _CODE.match(v):
        raise _bad(name, value, _NOT_A_CODE)
    code = v.upper()
    if re.fullmatch(r"[A-Z]{2}", code) and code not in _reserved_iso():
        return country_iri(code)
    return organization_iri(code)


def _code_value(name: str, value: str, v: str) -> Identifier:
    if not _CODE.match(v):
        raise _bad(name, value, _NOT_A_CODE)
    return Literal(v.upper())


def _official_value(name: str, value: str, v: str) -> Identifier:
    iri = _expand_iri(v) if (v.startswith("<") or "://" in v or ":" in v) else None
    if iri is not None:
        return iri
    if not v:
        raise ValueError(Errors.E204.format(name=name, value="", problem="empty name"))
    return official_iri(slug(v))


def _iri_value(name: str, value: str, v: str) -> Identifier:
    iri = _expand_iri(v)
    if iri is None:
        raise _bad(
            name,
            value,
            "not an IRI (<https://...>, or a prefixed name with one of the "
            f"prefixes {', '.join(PREFIXES)})",
        )
    return iri


def _date_value(name: str, value: str, v: str) -> Identifier:
    m = _MONTH_DAY.match(v)
    if m:
        month, day = int(m.group(1)), int(m.group(2))
        if not (1 <= month <= 12 and 1 <= day <= calendar.monthrange(2000, month)[1]):
            raise _bad(name, value, "no such day")
        return Literal(v, datatype=XSD.gMonthDay)
    _, month, day = _date_parts(name, v)
    dtype = XSD.gYear if month is None else XSD.gYearMonth if day is None else XSD.date
    return Literal(v, datatype=dtype)


def _first_day_value(name: str, value: str, v: str) -> Identifier:
    year, month, day = _date_parts(name, v)
    return Literal(f"{year:04d}-{month or 1:02d}-{day or 1:02d}", datatype=XSD.date)


def _last_day_value(name: str, value: str, v: str) -> Identifier:
    year, month, day = _date_parts(name, v)
    month = month or 12
    day = day or calendar.monthrange(year, month)[1]
    return Literal(f"{year:04d}-{month:02d}-{day:02d}", datatype=XSD.date)


def _integer_value(name: str, value: str, v: str) -> Identifier:
    if not re.match(r"^[+-]?\d+$", v):
        raise _bad(name, value, "not an integer")
    return Literal(str(int(v)), datatype=XSD.integer)


# parameter type → (name, value as given, value stripped) → the RDF term
_PARSERS = {
    "country": _country_value,
    "code": _code_value,
    "official": _official_value,
    "iri": _iri_value,
    "date": _date_value,
    "first-day": _first_day_value,
    "last-day": _last_day_value,
    "integer": _integer_value,
}


def parse_value(param: Param, value: str) -> Identifier:
    """The RDF term a command-line value stands for, by the parameter's type."""
    parser = _PARSERS.get(param.type)
    if parser is None:
        return Literal(value)  # string
    return parser(param.name, value, value.strip())


def _free_value(name: str, value: str) -> Identifier:
    """A value for a parameter no header declares (ad-hoc queries): an IRI when written as
    one (<...>, or a known prefix), else a plain literal."""
    v = value.strip()
    if v.startswith("<") or re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", v):
        iri = _expand_iri(v)
        if iri is None:
            raise _bad(name, value, "not an IRI")
        return iri
    prefix = v.partition(":")[0]
    if ":" in v and prefix in PREFIXES:
        iri = _expand_iri(v)
        if iri is not None:
            return iri
    return Literal(value)


def query_variables(text: str) -> set[str]:
    """The variable names used in a SPARQL text (strings, IRIs and comments skipped)."""
    return {tok[1] for tok in _tokens(text) if tok[0] == "var"}


def bind_params(query: NamedQuery, values: Mapping[str, str]) -> dict[str, Identifier]:
    """Turn ``{"a": "VN"}`` into ``{"a": Literal("VN")}`` by the query's header, checking
    that every declared parameter is given and no unknown one is."""
    bound: dict[str, Identifier] = {}
    if query.params:
        for name in values:
            if query.param(name) is None:
                raise ValueError(
                    Errors.E205.format(
                        problem=f"query {query.name} has no parameter {name!r}; it takes "
                        f"{' '.join(p.usage() for p in query.params)}"
                    )
                )
        missing = [p for p in query.params if p.name not in values]
        if missing:
            raise ValueError(
                Errors.E205.format(
                    problem=f"query {query.name} needs "
                    + ", ".join(
                        f"{p.usage()} ({p.description})" if p.description else p.usage()
                        for p in missing
                    )
                )
            )
        for p in query.params:
            bound[p.name] = parse_value(p, values[p.name])
        firsts = [p for p in query.params if p.type == "first-day"]
        lasts = [p for p in query.params if p.type == "last-day"]
        if len(firsts) == 1 and len(lasts) == 1:
            f, l = firsts[0].name, lasts[0].name
            if str(bound[f]) > str(bound[l]):
                raise ValueError(
                    Errors.E205.format(
                        problem=f"--param {f}={values[f]} comes after --param {l}={values[l]}"
                    )
                )
    else:
        used = query_variables(query.text)
        for name, value in values.items():
            if name not in used:
                raise ValueError(
                    Errors.E205.format(
                        problem=f"query {query.name} has no parameter {name!r}"
                        + (f"; its variables: {', '.join(sorted(used))}" if used else "")
                    )
                )
            bound[name] = _free_value(name, value)
    return bound


def parse_param_args(items: Iterable[str]) -> dict[str, str]:
    """``["a=VN", "b=KG"]`` → ``{"a": "VN", "b": "KG"}``."""
    out: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", name):
            raise ValueError(Errors.E206.format(problem=f"--param {item!r}: expected NAME=VALUE"))
        if name in out:
            raise ValueError(Errors.E207.format(problem=f"--param {name} given twice"))
        out[name] = value
    return out


# ---------------------------------------------------------------------------------------
# Loading a graph
# ---------------------------------------------------------------------------------------


def graph_file(path: str | Path) -> Path:
    """The graph file a GRAPH argument names: the file, or a build folder's graph.ttl
    (else its graph.trig)."""
    p = Path(path)
    if p.is_dir():
        for name in ("graph.ttl", "graph.trig"):
            if (p / name).is_file():
                return p / name
        raise FileNotFoundError(Errors.E208.format(problem=f"no graph.ttl or graph.trig in {p}"))
    if not p.is_file():
        raise FileNotFoundError(Errors.E209.format(problem=f"graph not found: {p}"))
    if p.suffix not in _FORMATS:
        raise ValueError(
            Errors.E210.format(
                problem=f"{p}: unknown graph format (expected one of {', '.join(_FORMATS)})"
            )
        )
    return p


def load_store(path: str | Path) -> ox.Store:
    """An in-memory Oxigraph store holding the graph at ``path``.

    Turtle/N-Triples go to the default graph. Datasets (TriG, N-Quads, JSON-LD) keep their
    named graphs for ``GRAPH`` queries, and the default graph is set to the merge of all
    their graphs (each triple once), so queries without ``GRAPH`` see the whole build.
    """
    p = graph_file(path)
    fmt = _FORMATS[p.suffix]
    store = ox.Store()
    try:
        store.bulk_load(path=str(p), format=fmt)
    except SyntaxError as exc:
        raise ValueError(Errors.E211.format(problem=f"{p}: not valid {fmt.name}: {exc}")) from None
    if p.suffix in _DATASET_SUFFIXES:
        store.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
    return store


def load_rdflib(path: str | Path) -> Graph:
    """The same graph with rdflib (the reference engine the tests compare with)."""
    from rdflib import Dataset

    p = graph_file(path)
    if p.suffix in _DATASET_SUFFIXES:
        ds = Dataset(default_union=True)
        ds.parse(p, format=_RDFLIB_FORMATS[p.suffix])
        return ds
    g = Graph()
    g.parse(p, format=_RDFLIB_FORMATS[p.suffix])
    return g


# ---------------------------------------------------------------------------------------
# Running
# ---------------------------------------------------------------------------------------


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


def _from_ox(t) -> Identifier | None:
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


def _to_ox(t: Identifier):
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
    toks = [t for t in _tokens(text) if not (t[0] == "other" and t[2].isspace())]
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
        subs = {ox.Variable(k): _to_ox(v) for k, v in bindings.items()}
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
                rows = [tuple(_from_ox(sol[i]) for i in range(len(names))) for sol in res]
            except (RuntimeError, OSError) as exc:
                raise _ox_error(exc) from None
            return Result(names, rows)
        return Result(
            ["subject", "predicate", "object"],
            [(_from_ox(t.subject), _from_ox(t.predicate), _from_ox(t.object)) for t in res],
        )
    if isinstance(target, Graph):
        from pyparsing import ParseException

        try:
            res = target.query(
                text, initNs=prefixes, initBindings={Variable(k): v for k, v in bindings.items()}
            )
        except ParseException as exc:
            raise ValueError(Errors.E213.format(problem=f"SPARQL error: {exc}")) from None
        if res.type == "ASK":
            return Result(["ask"], [(Literal(bool(res.askAnswer)),)])
        if res.type == "SELECT":
            names = [str(v) for v in res.vars]
            return Result(names, [tuple(row) for row in res])
        return Result(["subject", "predicate", "object"], [tuple(t) for t in res])
    raise TypeError(f"cannot query a {type(target).__name__}")


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


# ---------------------------------------------------------------------------------------
# Parameters written into the text, for endpoints that cannot bind (SPARQL protocol, arq)
# ---------------------------------------------------------------------------------------

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


def _tokens(text: str) -> list[tuple[str, str, str]]:
    """(kind, value, raw) tokens; for "var", value is the name without ? or $."""
    out = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        raw = m.group()
        out.append((kind, raw[1:] if kind == "var" else raw, raw))
    return out


def _nt(t: Identifier) -> str:
    """An RDF term in N-Triples syntax (escaped by rdflib: safe to write into a query)."""
    if isinstance(t, URIRef):
        if not _IRI_CHARS.match(str(t)):
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
    for kind, value, raw in _tokens(text):
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


# ---------------------------------------------------------------------------------------
# The command
# ---------------------------------------------------------------------------------------


def list_queries() -> str:
    lines = [
        "Named queries (ontology/queries/*.rq). Run one with:",
        "  kg query GRAPH NAME [--param NAME=VALUE]... [--format table|csv|json]",
        "",
    ]
    queries = named_queries()
    width = max(len(n) for n in queries) if queries else 0
    for name, q in queries.items():
        lines.append(f"  {name.ljust(width)}  {q.description}")
        if q.params:
            lines.append(f"  {' ' * width}  " + " ".join(p.usage() for p in q.params))
    return "\n".join(lines) + "\n"
