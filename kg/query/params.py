"""Query parameters: text given on the command line → a typed RDF term (country, date, IRI...),
never pasted into the query.
"""

from __future__ import annotations

import re
from typing import Iterable, Mapping

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Identifier

from kg.dates import days_in, exists, parse_iso
from kg.errors import Errors
from kg.namespaces import PREFIXES, country_iri, official_iri, organization_iri
from kg.query.named import NamedQuery, Param
from kg.query.tokens import sparql_tokens
from kg.text import slug


def _reserved_iso() -> frozenset[str]:
    """ISO 3166-1 codes reserved for organisations (``ontology/lexicon/iso_reserved.txt``)."""
    from kg.lexicon import load_lexicon

    return load_lexicon().required_words("iso_reserved")


_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9-]{0,19}$")
IRI_CHARS = re.compile(r'^[^\s<>"{}|^`\\]+$')


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
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", v) and IRI_CHARS.match(v):
        return URIRef(v)
    return None


def _bad(name: str, value: str, problem: str) -> ValueError:
    """The coded error (E204) of a ``--param NAME=VALUE`` that cannot be used."""
    return ValueError(Errors.E204.format(name=name, value=value, problem=problem))


def _date_parts(name: str, value: str) -> tuple[int, int | None, int | None]:
    """(year, month, day) of a date parameter read by :func:`kg.dates.parse_iso`; a month-day
    (``--MM-DD``) is no date here."""
    try:
        year, month, day = parse_iso(value)
    except ValueError:
        year = None
    if year is None:
        raise _bad(name, value, "not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    if month is not None and not 1 <= month <= 12:
        raise _bad(name, value, f"no month {month}")
    if day is not None and not 1 <= day <= days_in(month or 1, year):
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
    if v.startswith("--"):
        try:
            year, month, day = parse_iso(v)
        except ValueError:
            year, month, day = None, None, None
        if month is not None and year is None:
            if not exists(None, month, day):
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
    day = day or days_in(month, year)
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
    return {tok[1] for tok in sparql_tokens(text) if tok[0] == "var"}


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
