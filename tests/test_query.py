"""Named queries, parameters, the Oxigraph engine vs rdflib, and ``kg query``.

Exact rows are asserted on a small hand-made build (tests/test_query_data.py) that has every
case the queries must handle; tests/test_query_seeds.py checks the real seed build.
"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings, strategies as st

from property_support import examples
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg import cli
from kg.query import (
    bind_params,
    format_term,
    get_query,
    inline_params,
    load_rdflib,
    load_store,
    named_queries,
    parse_query,
    query_variables,
    run,
    run_named,
)
from synthetic import synthetic_graph
from test_query_data import ALL_CASES, CASES, mini_build

REQUIRED = {
    "meetings-between",
    "official",
    "relations-of",
    "partners-by-year",
    "events-in-range",
    "evidence",
    "officials-without-country",
}


@pytest.fixture(scope="module")
def mini():
    return mini_build()


@pytest.fixture(scope="module")
def store(mini):
    return load_store(mini / "graph.ttl")


def rows(result):
    return [tuple(format_term(t) for t in row) for row in result.rows]


# ---------------------------------------------------------------------------------------
# The queries themselves
# ---------------------------------------------------------------------------------------


def test_the_named_queries_are_there():
    assert REQUIRED <= set(named_queries())


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_header_declares_exactly_the_parameters_used(name):
    q = named_queries()[name]
    assert q.description and q.description[0].isupper() and q.description.endswith(".")
    assert "example: kg query" in q.header
    declared = {p.name for p in q.params}
    used = {
        m.group(1)
        for m in re.finditer(
            r"\$([A-Za-z_]\w*)",
            "\n".join(l for l in q.text.splitlines() if not l.lstrip().startswith("#")),
        )
    }
    assert used == declared, f"{name}: header declares {declared}, query uses {used}"
    for p in q.params:
        assert p.description, f"{name}: parameter {p.name} has no description"
        # engines substitute only projected variables (SEP-0007 in Oxigraph)
        assert re.search(r"SELECT[^{]*\$" + p.name + r"\b", q.text), p.name
    # the query parses in Oxigraph, in rdflib, and declares its own prefixes
    ox.Store().query(q.text, substitutions=None)
    from rdflib.plugins.sparql import prepareQuery

    prepareQuery(q.text)


def test_every_named_query_has_cases():
    assert set(CASES) == set(named_queries())


# ---------------------------------------------------------------------------------------
# Exact rows on the hand-made build
# ---------------------------------------------------------------------------------------

MB = (
    "bkgr:official/le-thi-thu-hang",
    "Le Thi Thu Hang",
    "bkgr:official/abakirov-meder",
    "Abakirov Meder",
)


def test_meetings_between(store):
    r = run_named(store, "meetings-between", {"a": "VN", "b": "KG"}, keep_params=False)
    assert r.vars == [
        "start",
        "end",
        "kind",
        "officialA",
        "nameA",
        "officialB",
        "nameB",
        "place",
        "event",
    ]
    assert rows(r) == [
        ("--02-17", "", "PhoneCall", *MB, "Hanoï", "bkgr:event/phonecall/vn-kg-0217"),
        ("2025-11", "", "Talks", *MB, "", "bkgr:event/talks/vn-kg-2025-11"),
    ]
    assert r.rows[0][0].datatype == XSD.gMonthDay and r.rows[1][0].datatype == XSD.gYearMonth
    # the sides follow the parameters
    r = run_named(store, "meetings-between", {"a": "KG", "b": "VN"}, keep_params=False)
    assert [row[3] for row in rows(r)] == ["bkgr:official/abakirov-meder"] * 2
    # an establishment and an anniversary are events, not contacts
    assert len(run_named(store, "meetings-between", {"a": "VN", "b": "EU"})) == 0
    # a code that names nothing gives nothing (not an error)
    assert len(run_named(store, "meetings-between", {"a": "VN", "b": "ZZ"})) == 0


def test_official(store):
    r = run_named(store, "official", {"official": "Tô Lâm"}, keep_params=False)
    assert r.vars == [
        "what",
        "value",
        "date",
        "kind",
        "with",
        "withName",
        "withCountry",
        "place",
        "event",
    ]
    assert rows(r) == [
        ("event", "", "2024", "VideoCall", "", "", "", "", "bkgr:event/videocall/vn-ru-2024"),
        (
            "event",
            "",
            "2026-02-05",
            "Visit",
            "bkgr:official/thongloun-sisoulith",
            "Thongloun Sisoulith",
            "LA",
            "Laos",
            "bkgr:event/visit/vn-la-2026-02-05",
        ),
        (
            "event",
            "",
            "",
            "Meeting",
            "bkgr:official/mazen-turki-el-qadi",
            "Mazen Turki El Qadi",
            "",
            "",
            "bkgr:event/meeting/to-lam-mazen",
        ),
        ("name", "To Lam", "", "", "", "", "", "", ""),
        ("name", "Tô Lâm", "", "", "", "", "", "", ""),
        ("nationality", "VN", "", "", "", "", "", "", ""),
        ("role", "secrétaire général du PCV", "", "", "", "", "", "", ""),
    ]
    # every way of naming the official gives the same rows
    for spelling in (
        "To Lam",
        "to-lam",
        "TÔ LÂM",
        "bkgr:official/to-lam",
        "<https://w3id.org/bilateral-kg/resource/official/to-lam>",
    ):
        assert rows(
            run_named(store, "official", {"official": spelling}, keep_params=False)
        ) == rows(r)
    # a nationality without a code shows its IRI
    r = run_named(store, "official", {"official": "Nguyen Mystère"}, keep_params=False)
    assert ("nationality", "https://w3id.org/bilateral-kg/resource/country/ZZ") in [
        row[:2] for row in rows(r)
    ]


def test_relations_of(store):
    r = run_named(store, "relations-of", {"country": "vn"}, keep_params=False)
    assert r.vars == ["kind", "partnerCode", "partnerName", "since", "partner", "relation"]
    assert rows(r) == [
        (
            "ComprehensiveStrategicPartnership",
            "RU",
            "Russie",
            "",
            "bkgr:country/RU",
            "bkgr:relation/RU-VN/ComprehensiveStrategicPartnership",
        ),
        (
            "DiplomaticRelations",
            "EU",
            "Union européenne",
            "1990-11-28",
            "bkgr:organization/EU",
            "bkgr:relation/EU-VN/DiplomaticRelations",
        ),
        (
            "DiplomaticRelations",
            "RU",
            "Russie",
            "",
            "bkgr:country/RU",
            "bkgr:relation/RU-VN/DiplomaticRelations",
        ),
        (
            "SpecialRelationship",
            "LA",
            "Laos",
            "1977",
            "bkgr:country/LA",
            "bkgr:relation/LA-VN/SpecialRelationship",
        ),
        (
            "TraditionalFriendship",
            "KG",
            "Kirghizistan",
            "",
            "bkgr:country/KG",
            "bkgr:relation/KG-VN/TraditionalFriendship",
        ),
    ]
    assert r.rows[1][3] == Literal("1990-11-28", datatype=XSD.date)
    # an organisation's relations, by its code
    assert rows(run_named(store, "relations-of", {"country": "EU"}, keep_params=False)) == [
        (
            "DiplomaticRelations",
            "VN",
            "Vietnam",
            "1990-11-28",
            "bkgr:country/VN",
            "bkgr:relation/EU-VN/DiplomaticRelations",
        )
    ]


def test_partners_by_year(store):
    r = run_named(store, "partners-by-year", {"country": "VN"}, keep_params=False)
    assert r.vars == ["year", "partnerCode", "partnerName", "contacts", "partner"]
    assert rows(r) == [
        ("2024", "RU", "Russie", "1", "bkgr:country/RU"),
        ("2025", "KG", "Kirghizistan", "1", "bkgr:country/KG"),
        ("2026", "LA", "Laos", "1", "bkgr:country/LA"),
        ("unknown", "JO", "Jordanie", "1", "bkgr:country/JO"),
        ("unknown", "KG", "Kirghizistan", "1", "bkgr:country/KG"),
        ("unknown", "KH", "Cambodge", "1", "bkgr:country/KH"),
        ("unknown", "PT", "Portugal", "1", "bkgr:country/PT"),
    ]
    assert r.rows[0][3] == Literal(1)  # an xsd:integer


def test_partners_by_year_ranks_by_contacts():
    g = synthetic_graph(n_officials=120, seed=3)
    store = ox.Store()
    store.load(g.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    r = run_named(store, "partners-by-year", {"country": "VN"}, keep_params=False).values()
    assert r
    for year in {row["year"] for row in r}:
        counts = [int(row["contacts"]) for row in r if row["year"] == year]
        assert counts == sorted(counts, reverse=True)
    # the counts are the contact events of VN with that partner in that year
    for row in r[:5]:
        expected = sum(
            1
            for ev in g.subjects(
                URIRef("https://w3id.org/bilateral-kg/ontology#country"), URIRef(row["partner"])
            )
            if (
                ev,
                URIRef("https://w3id.org/bilateral-kg/ontology#country"),
                URIRef("https://w3id.org/bilateral-kg/resource/country/VN"),
            )
            in g
            and str(g.value(ev, URIRef("https://schema.org/startDate")))[:4] == row["year"]
        )
        assert int(row["contacts"]) == expected


EV = {
    "reception": "bkgr:event/reception/vn-kh-0204",
    "call": "bkgr:event/phonecall/vn-kg-0217",
    "conf": "bkgr:event/conference/vn-un-2026-02-03",
    "visit": "bkgr:event/visit/vn-la-2026-02-05",
    "pt": "bkgr:event/visit/vn-pt-1122",
    "talks": "bkgr:event/talks/vn-kg-2025-11",
    "anniv": "bkgr:event/anniversary/eu-vn-2025",
    "estab": "bkgr:event/establishment/eu-vn-1990",
    "video": "bkgr:event/videocall/vn-ru-2024",
}


def test_events_in_range(store):
    r = run_named(store, "events-in-range", {"from": "2026-01", "to": "2026-02"}, keep_params=False)
    assert r.vars == ["start", "end", "precision", "kind", "country", "place", "event"]
    assert rows(r) == [
        ("--02-04", "", "day, year unknown", "Reception", "KH", "Can Tho", EV["reception"]),
        ("--02-04", "", "day, year unknown", "Reception", "VN", "Can Tho", EV["reception"]),
        ("--02-17", "", "day, year unknown", "PhoneCall", "KG", "Hanoï", EV["call"]),
        ("--02-17", "", "day, year unknown", "PhoneCall", "VN", "Hanoï", EV["call"]),
        ("2026-02-03", "", "day", "Conference", "UN", "Genève", EV["conf"]),
        ("2026-02-03", "", "day", "Conference", "VN", "Genève", EV["conf"]),
        ("2026-02-05", "", "day", "Visit", "LA", "Laos", EV["visit"]),
        ("2026-02-05", "", "day", "Visit", "VN", "Laos", EV["visit"]),
    ]


@pytest.mark.parametrize(
    "start,end,expected",
    [
        # across a new year: yearless days from 25 Nov to 15 Jan; the month 2025-11 overlaps
        ("2025-11-25", "2026-01-15", {"pt", "talks", "anniv"}),
        # two years or more: every yearless day may fall in it
        ("1990", "2024", {"reception", "call", "pt", "estab", "video"}),
        # inside one year: only the yearless days between the range's days
        ("2025-02-10", "2025-02-20", {"call"}),
        ("2025-11-27", "2025-11-27", {"pt", "talks"}),  # the last day of --11-22..--11-27
        ("2024-06", "2024-06", {"video"}),  # inside the year 2024
        ("2025-12-01", "2025-12-31", set()),
    ],
)
def test_events_in_range_partial_dates(store, start, end, expected):
    r = run_named(store, "events-in-range", {"from": start, "to": end}, keep_params=False)
    assert {format_term(row[-1]) for row in r.rows} == {EV[k] for k in expected}


def _period(lexical: str) -> tuple[str, str] | None:
    """(first day, last day) of a dated lexical form; None when the year is unknown."""
    if lexical.startswith("--"):
        return None
    if len(lexical) == 4:
        return f"{lexical}-01-01", f"{lexical}-12-31"
    if len(lexical) == 7:
        y, m = map(int, lexical.split("-"))
        last = (date(y + m // 12, m % 12 + 1, 1) - timedelta(days=1)).isoformat()
        return f"{lexical}-01", last
    return lexical, lexical


def _may_overlap(start: str, end: str | None, lo: date, hi: date) -> bool:
    """The reference semantics of events-in-range, in plain Python."""
    if start.startswith("--"):
        md_s, md_e = start[2:], (end or start)[2:]
        for year in range(lo.year, hi.year + 1):
            try:
                a, b = (
                    date(year, *map(int, md_s.split("-"))),
                    date(year, *map(int, md_e.split("-"))),
                )
            except ValueError:
                continue
            if a <= hi and b >= lo:
                return True
        return False
    first, _ = _period(start)
    _, last = _period(end or start)
    return first <= hi.isoformat() and last >= lo.isoformat()


@settings(max_examples=examples(60), deadline=None, database=None)
@given(
    st.dates(min_value=date(1989, 1, 1), max_value=date(2027, 12, 31)),
    st.integers(min_value=0, max_value=900),
)
def test_events_in_range_matches_its_definition(a, days):
    b = a + timedelta(days=days)
    store = _store_for_property()
    r = run_named(store, "events-in-range", {"from": a.isoformat(), "to": b.isoformat()})
    got = {str(row[-1]) for row in r.rows}
    want = {ev for ev, (s, e) in _EVENT_DATES.items() if _may_overlap(s, e, a, b)}
    assert got == want


_EVENT_DATES: dict[str, tuple[str, str | None]] = {}
_STORE: list = []


def _store_for_property():
    if not _STORE:
        path = mini_build() / "graph.ttl"
        store = load_store(path)
        for sol in store.query("""PREFIX schema: <https://schema.org/>
                SELECT ?e ?s ?end WHERE { ?e schema:startDate ?s OPTIONAL { ?e schema:endDate ?end } }"""):
            _EVENT_DATES[sol["e"].value] = (
                sol["s"].value,
                sol["end"].value if sol["end"] else None,
            )
        _STORE.append(store)
    return _STORE[0]


def test_evidence(store):
    r = run_named(store, "evidence", {"fact": "bkgr:event/videocall/vn-ru-2024"}, keep_params=False)
    assert r.vars == [
        "type",
        "identifier",
        "sentence",
        "startOffset",
        "endOffset",
        "title",
        "url",
        "article",
    ]
    assert rows(r) == [
        (
            "Event",
            "001_289cb39495fb1572",
            "Tô Lâm a eu un entretien en ligne avec la Russie.",
            "10",
            "58",
            "Tô Lâm au Laos",
            "<https://example.org/b>",
            "bkgr:article/001_289cb39495fb1572",
        ),
        ("Event", "", "L'entretien a eu lieu en 2024.", "", "", "", "", ""),
    ]
    # an official has sources, no sentences
    r = run_named(store, "evidence", {"fact": "bkgr:official/to-lam"}, keep_params=False)
    assert rows(r) == [
        (
            "Official",
            "001_289cb39495fb1572",
            "",
            "",
            "",
            "Tô Lâm au Laos",
            "<https://example.org/b>",
            "bkgr:article/001_289cb39495fb1572",
        )
    ]
    r = run_named(
        store, "evidence", {"fact": "bkgr:relation/EU-VN/DiplomaticRelations"}, keep_params=False
    )
    assert rows(r) == [
        (
            "BilateralRelation",
            "000_db8182452ac2254e#2",
            "",
            "",
            "",
            "Vietnam–UE : 35 ans",
            "",
            "bkgr:article/000_db8182452ac2254e/2",
        ),
        ("BilateralRelation", "", "Relation EU–VN.", "", "", "", "", ""),
    ]


def test_officials_without_country(store):
    r = run_named(store, "officials-without-country", {})
    assert r.vars == ["official", "name", "role", "nationality", "sources", "firstSource"]
    assert rows(r) == [
        (
            "bkgr:official/mazen-turki-el-qadi",
            "Mazen Turki El Qadi",
            "président de la Chambre des représentants",
            "",
            "1",
            "001_289cb39495fb1572",
        ),
        (
            "bkgr:official/nguyen-mystere",
            "Nguyen Mystère",
            "conseiller",
            "bkgr:country/ZZ",
            "2",
            "000_db8182452ac2254e",
        ),
    ]


# ---------------------------------------------------------------------------------------
# Oxigraph = rdflib, TriG = Turtle, union-default-graph stores = merged graph
# ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def engines(mini):
    return {
        "ox-ttl": load_store(mini / "graph.ttl"),
        "rdflib-ttl": load_rdflib(mini / "graph.ttl"),
        "ox-trig": load_store(mini / "graph.trig"),
        "rdflib-trig": load_rdflib(mini / "graph.trig"),
    }


@pytest.mark.parametrize("name,params", ALL_CASES)
def test_oxigraph_and_rdflib_give_identical_rows(engines, name, params):
    results = {k: run_named(t, name, params) for k, t in engines.items()}
    ref = results["rdflib-ttl"]
    for k, r in results.items():
        assert r.vars == ref.vars, k
        assert r.key() == ref.key(), f"{name} {params}: {k} differs from rdflib on graph.ttl"


@pytest.fixture(scope="module")
def synthetic():
    g = synthetic_graph(n_officials=150, seed=7)
    store = ox.Store()
    store.load(g.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    ev = sorted(
        str(s) for s in g.subjects(URIRef("https://w3id.org/bilateral-kg/ontology#evidence"), None)
    )
    return g, store, ev


def test_oxigraph_and_rdflib_agree_on_a_synthetic_graph(synthetic):
    g, store, facts = synthetic
    country = URIRef("https://w3id.org/bilateral-kg/ontology#country")
    pairs = sorted(
        {
            tuple(sorted(str(c).rsplit("/", 1)[1] for c in g.objects(ev, country)))
            for ev in g.subjects(country, None)
        }
    )
    pairs = [p for p in pairs if len(p) == 2]
    cases = [
        ("meetings-between", {"a": pairs[0][0], "b": pairs[0][1]}),
        ("meetings-between", {"a": pairs[-1][1], "b": pairs[-1][0]}),
        ("official", {"official": "official-3"}),
        ("official", {"official": "official-40"}),
        ("relations-of", {"country": "VN"}),
        ("relations-of", {"country": "TH"}),
        ("partners-by-year", {"country": "VN"}),
        ("partners-by-year", {"country": "KH"}),
        ("events-in-range", {"from": "2019-03", "to": "2019-04"}),
        ("events-in-range", {"from": "2016-12-20", "to": "2017-01-10"}),
        ("evidence", {"fact": facts[0]}),
        ("evidence", {"fact": facts[-1]}),
        ("officials-without-country", {}),
    ]
    assert {c[0] for c in cases} == set(named_queries())
    nonempty = 0
    for name, params in cases:
        a, b = run_named(store, name, params), run_named(g, name, params)
        assert a.vars == b.vars and a.key() == b.key(), (name, params)
        nonempty += bool(len(a))
    assert nonempty >= len(cases) - 1  # all but officials-without-country have rows


@pytest.mark.parametrize("name,params", ALL_CASES)
def test_stores_with_a_union_default_graph_give_the_same_rows(mini, store, name, params):
    """Fuseki/Oxigraph/GraphDB users load graph.trig and query the union of its graphs, where
    a triple read in two articles counts twice: the queries must not care."""
    quads = ox.Store()
    quads.bulk_load(path=str(mini / "graph.trig"), format=ox.RdfFormat.TRIG)
    q = get_query(name)
    bound = bind_params(q, params)
    from kg.query import from_oxigraph_term, to_oxigraph_term, Result

    res = quads.query(
        q.text,
        use_default_graph_as_union=True,
        substitutions={ox.Variable(k): to_oxigraph_term(v) for k, v in bound.items()} or None,
    )
    names = [v.value for v in res.variables]
    union = Result(names, [tuple(from_oxigraph_term(s[v]) for v in names) for s in res])
    assert union.key() == run_named(store, name, params).key()


@pytest.mark.parametrize("name,params", ALL_CASES)
def test_inlined_parameters_give_the_same_rows(store, name, params):
    """What endpoints without binding (SPARQL protocol, arq) get: same rows."""
    q = get_query(name)
    bound = bind_params(q, params)
    text = inline_params(q, bound)
    assert "$" not in "\n".join(l for l in text.splitlines() if not l.startswith("#"))
    assert run(store, text).key() == run(store, q, bound).key()


# ---------------------------------------------------------------------------------------
# Parameters
# ---------------------------------------------------------------------------------------


def test_parameter_types():
    q = parse_query(
        "# Test.\n# param: c  country  x\n# param: k  code  x\n# param: o  official  x\n"
        "# param: i  iri  x\n# param: d  date  x\n# param: f  first-day  x\n"
        "# param: l  last-day  x\n# param: n  integer  x\n# param: s  string  x\n"
        "SELECT $c $k $o $i $d $f $l $n $s WHERE {}"
    )
    b = bind_params(
        q,
        {
            "c": "vn",
            "k": "eaeu",
            "o": "Nguyên Văn Nghĩa",
            "i": "bkgr:country/VN",
            "d": "--02-17",
            "f": "2024-02",
            "l": "2024-02",
            "n": "42",
            "s": 'a "b"',
        },
    )
    R = "https://w3id.org/bilateral-kg/resource/"
    assert b["c"] == URIRef(R + "country/VN")
    assert b["k"] == Literal("EAEU")
    assert b["o"] == URIRef(R + "official/nguyen-van-nghia")
    assert b["i"] == URIRef(R + "country/VN")
    assert b["d"] == Literal("--02-17", datatype=XSD.gMonthDay)
    assert b["f"] == Literal("2024-02-01", datatype=XSD.date)
    assert b["l"] == Literal("2024-02-29", datatype=XSD.date)  # leap year
    assert b["n"] == Literal(42)
    assert b["s"] == Literal('a "b"')
    more = bind_params(
        q,
        {
            "c": "EU",
            "k": "VN",
            "o": "<https://example.org/p>",
            "i": "<urn:x:y>",
            "d": "2025",
            "f": "2025",
            "l": "2025",
            "n": "-3",
            "s": "",
        },
    )
    assert more["c"] == URIRef(R + "organization/EU")
    assert more["d"] == Literal("2025", datatype=XSD.gYear)
    assert (more["f"], more["l"]) == (
        Literal("2025-01-01", datatype=XSD.date),
        Literal("2025-12-31", datatype=XSD.date),
    )
    assert bind_params(
        q,
        {
            **{k: "1" for k in "noisl"},
            "c": "UN",
            "k": "x",
            "o": "x",
            "i": "bkg:x",
            "d": "2025-02",
            "f": "2025-02-03",
            "l": "2025-02-03",
        },
    )["c"] == URIRef(R + "organization/UN")


@pytest.mark.parametrize(
    "name,params,message",
    [
        ("meetings-between", {"a": "VN"}, r"needs --param b=CODE \(second party"),
        ("meetings-between", {"a": "VN", "b": "KG", "c": "x"}, r"no parameter 'c'.*--param a=CODE"),
        (
            "meetings-between",
            {"a": 'VN" . ?s ?p ?o', "b": "KG"},
            r"not a country or organisation code",
        ),
        ("events-in-range", {"from": "2026-02-30", "to": "2026-03"}, r"no day 30"),
        ("events-in-range", {"from": "février", "to": "2026-03"}, r"not a date"),
        ("events-in-range", {"from": "2026-03", "to": "2026-02"}, r"comes after"),
        ("evidence", {"fact": "nope"}, r"not an IRI"),
        ("evidence", {"fact": "foo:bar"}, r"not an IRI"),
        ("officials-without-country", {"x": "1"}, r"no parameter 'x'"),
    ],
)
def test_parameter_errors(name, params, message):
    with pytest.raises(ValueError, match=message):
        bind_params(get_query(name), params)


def test_unknown_query_lists_the_known_ones():
    with pytest.raises(ValueError) as e:
        get_query("meetings")
    assert "unknown query 'meetings'" in str(e.value)
    for name in REQUIRED:
        assert name in str(e.value)


def test_values_are_bound_never_pasted(store):
    """A value that would change the query if pasted into it is only ever a value."""
    evil = 'Tô Lâm" } UNION { ?o ?p ?name'
    q = parse_query("SELECT ?name ?o WHERE { ?o schema:name ?name }")
    assert len(run(load_rdflib(mini_build() / "graph.ttl"), q, bind_params(q, {"name": evil}))) == 0
    assert len(run(store, q, bind_params(q, {"name": evil}))) == 0
    assert len(run(store, q, bind_params(q, {"name": "Tô Lâm"}))) == 1
    # inlining (for endpoints) escapes it
    text = inline_params(q, bind_params(q, {"name": evil}))
    assert len(run(store, text)) == 0
    # official names become slugs, never text
    r = run_named(store, "official", {"official": "x> . ?a ?b ?c . <y"})
    assert len(r) == 0


def test_inlining_follows_substitution_in_every_clause(store):
    """Parameters in projections, expressions, subqueries and GROUP BY."""
    q = parse_query("""# Test.
# param: c  country  x
# param: d  first-day  x
SELECT $c $d (STR($d) AS ?day) ?n (COUNT(?e) AS ?events)
WHERE {
  { SELECT $c (STRLEN(STR($c)) AS ?n) WHERE { } }
  OPTIONAL { ?e bkg:country $c ; schema:startDate ?s FILTER(STR(?s) < STR($d)) }
}
GROUP BY $c $d ?n""")
    bound = bind_params(q, {"c": "VN", "d": "2026-01"})
    text = inline_params(q, bound)
    assert "$" not in text.split("SELECT", 1)[1]
    assert (
        run(store, text).key()
        == run(store, q, bound).key()
        == run(load_rdflib(mini_build() / "graph.ttl"), q, bound).key()
    )
    assert rows(run(store, q, bound)) == [
        ("bkgr:country/VN", "2026-01-01", "2026-01-01", "49", "7")
    ]


def test_query_variables_ignore_strings_iris_and_comments():
    assert query_variables('# ?no\nSELECT ?a WHERE { ?a <urn:x?y> "?z" ; <p> $b }') == {"a", "b"}


# ---------------------------------------------------------------------------------------
# kg query
# ---------------------------------------------------------------------------------------


def kg(capsys, *argv):
    code = cli.main(["query", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def test_kg_query_lists_the_named_queries(capsys, mini):
    code, out, _ = kg(capsys, mini)
    assert code == 0
    for name, q in named_queries().items():
        assert re.search(rf"^  {re.escape(name)} +{re.escape(q.description)}$", out, re.M)
    assert "--param a=CODE --param b=CODE" in out


def test_kg_query_named_query_as_table_csv_json(capsys, mini):
    code, out, _ = kg(capsys, mini, "meetings-between", "--param", "a=VN", "--param", "b=KG")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == [
        "start",
        "end",
        "kind",
        "officialA",
        "nameA",
        "officialB",
        "nameB",
        "place",
        "event",
    ]
    assert "PhoneCall" in lines[2] and "Le Thi Thu Hang" in lines[2] and lines[-1] == "(2 rows)"

    code, out, _ = kg(
        capsys,
        mini / "graph.trig",
        "meetings-between",
        "--param",
        "a=VN",
        "--param",
        "b=KG",
        "--format",
        "csv",
    )
    table = list(csv.DictReader(io.StringIO(out)))
    assert [r["kind"] for r in table] == ["PhoneCall", "Talks"]
    assert (
        table[0]["officialA"] == "https://w3id.org/bilateral-kg/resource/official/le-thi-thu-hang"
    )
    assert table[0]["start"] == "--02-17" and table[1]["place"] == ""

    code, out, _ = kg(
        capsys,
        mini / "graph.ttl",
        "meetings-between",
        "--param",
        "a=VN",
        "--param",
        "b=KG",
        "--format",
        "json",
    )
    data = json.loads(out)
    assert data["head"]["vars"][:2] == ["start", "end"]
    first = data["results"]["bindings"][0]
    assert first["start"] == {
        "type": "literal",
        "value": "--02-17",
        "datatype": "http://www.w3.org/2001/XMLSchema#gMonthDay",
    }
    assert first["event"]["type"] == "uri" and "end" not in first


def test_kg_query_adhoc_and_rq_file(capsys, mini, tmp_path):
    code, out, _ = kg(
        capsys,
        mini,
        "-e",
        "SELECT ?o ?name WHERE { ?o schema:name ?name }",
        "--param",
        "name=Tô Lâm",
        "--format",
        "csv",
    )
    assert code == 0 and out.splitlines() == [
        "o,name",
        "https://w3id.org/bilateral-kg/resource/official/to-lam,Tô Lâm",
    ]
    code, out, err = kg(
        capsys, mini, "-e", "SELECT ?o WHERE { ?o schema:name ?name }", "--param", "name=Tô Lâm"
    )
    assert code == 2 and "?name must be listed in the query's SELECT" in err
    rq = tmp_path / "mine.rq"
    rq.write_text(
        "# Countries.\nSELECT ?iso WHERE { ?c a bkg:Country ; bkg:isoCode ?iso } ORDER BY ?iso\n",
        encoding="utf-8",
    )
    code, out, _ = kg(capsys, mini, rq, "--format", "csv")
    assert out.split() == ["iso", "JO", "KG", "KH", "LA", "PT", "RU", "VN"]
    code, out, _ = kg(capsys, mini, "-e", "ASK { ?s a bkg:Official }", "--format", "csv")
    assert out.split() == ["ask", "true"]


@pytest.mark.parametrize(
    "argv,message",
    [
        (["nope"], "unknown query 'nope'; named queries: "),
        (["meetings-between", "--param", "a=VN"], "needs --param b=CODE"),
        (["meetings-between", "--param", "a=VN", "--param", "b"], "expected NAME=VALUE"),
        (["-e", "SELECT WHERE {"], "SPARQL error"),
        (["missing.rq"], "query file not found"),
    ],
)
def test_kg_query_errors_are_one_line(capsys, mini, argv, message):
    code, out, err = kg(capsys, mini, *argv)
    assert code == 2 and out == ""
    assert err.startswith("kg query: ") and message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_kg_query_missing_graph(capsys, tmp_path):
    code, _, err = kg(capsys, tmp_path, "officials-without-country")
    assert code == 2 and "no graph.ttl or graph.trig" in err


def test_kg_query_command_line(mini):
    """The installed command, as users run it."""
    exe = Path(sys.executable).with_name("kg")
    out = subprocess.run(
        [str(exe), "query", str(mini), "relations-of", "--param", "country=VN", "--format", "csv"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert out.splitlines()[0] == "kind,partnerCode,partnerName,since,partner,relation"
    assert len(out.splitlines()) == 6
