"""PLOVER event data (kg.plover): events.plover.jsonl, its JSON Schema, its counts in SPARQL."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from kg.facts import Document, Event, Evidence, Extraction, Official, PartialDate
from kg.graph import article_graphs, merged_graph
from kg.plover import load_schema, plover_records, write_plover
from kg.resolve import resolve

jsonschema = pytest.importorskip("jsonschema")
sys.path.insert(0, str(Path(__file__).parent))

PLOVER_KINDS = (
    "Talks",
    "Reception",
    "PhoneCall",
    "VideoCall",
    "Visit",
    "Meeting",
    "Conference",
    "Signing",
    "Establishment",
)
COUNT_QUERY = """PREFIX bkg: <https://w3id.org/bilateral-kg/ontology#>
SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {
  ?e a bkg:Event ; a ?kind .
  VALUES ?kind { %s }
}""" % " ".join(f"bkg:{k}" for k in PLOVER_KINDS)


def validator():
    schema = load_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def invalid(records: list[dict]) -> list[str]:
    v = validator()
    return [f"{r.get('id')}: {e.message}" for r in records for e in v.iter_errors(r)]


def one_article(ident: str, *events: Event, published: str | None = None) -> Extraction:
    doc = Document(
        ident,
        f"{ident}.txt",
        f"Titre {ident}",
        "texte",
        url=f"https://ex.org/{ident}",
        published=published,
    )
    ex = Extraction(doc, events=list(events))
    ex.officials = [p for e in events for p in e.participants]
    return ex


def person(name: str, country: str, ident: str, role: str = "président") -> Official:
    return Official(name, [role], country, names=[name], evidence=[Evidence(ident, "s", 0, 1)])


def event(kind: str, ident: str, people=(), countries=(), start=None, place=None) -> Event:
    return Event(
        kind,
        list(people),
        list(countries),
        start=PartialDate.parse(start) if start else None,
        place=place,
        evidence=[Evidence(ident, f"Phrase de {kind} ({ident}).", 0, 1)],
    )


def graph_of(*extractions: Extraction):
    exs = list(extractions)
    resolve(exs)
    return merged_graph(article_graphs(exs))


def test_each_kind_maps_to_its_plover_type_and_mode_and_every_record_validates():
    a = "a"
    exs = [
        one_article(
            a,
            event(
                "PhoneCall",
                a,
                [person("Tô Lâm", "VN", a), person("Vladimir Poutine", "RU", a)],
                start="2026-01-24",
            ),
            event(
                "Reception",
                a,
                [person("Tô Lâm", "VN", a), person("Li Qiang", "CN", a, "Premier ministre")],
                start="--05-26",
            ),
            event(
                "Visit",
                a,
                [person("Emmanuel Macron", "FR", a), person("Luong Cuong", "VN", a)],
                start="2025-05",
            ),
            event("Signing", a, countries=["FR", "VN"], start="2025"),
            event("Establishment", a, countries=["FR", "VN"], start="1973-04-12"),
            event("Conference", a, countries=["VN", "UN"], place="Genève"),
            event("Anniversary", a, countries=["FR", "VN"], start="2023"),
        )
    ]
    records = plover_records(graph_of(*exs))
    assert invalid(records) == []
    got = {
        (r["bkg_kind"], r["event_type"], r["mode"], r["date"], r["date_resolution"])
        for r in records
    }
    assert got == {
        ("PhoneCall", "CONSULT", "phone", "2026-01-24", "day"),
        ("Reception", "CONSULT", "host", "--05-26", "day-of-year-unknown"),
        ("Visit", "CONSULT", "visit", "2025-05", "month"),
        ("Signing", "SUPPORT", None, "2025", "year"),
        ("Establishment", "SUPPORT", None, "1973-04-12", "day"),
        ("Conference", "CONSULT", "multilateral", None, None),
    }  # no anniversary
    call = next(r for r in records if r["bkg_kind"] == "PhoneCall")
    assert [a["country"] for a in call["source_actor"]] == ["RUS"]
    assert [(a["name"], a["country"], a["role"]) for a in call["target_actor"]] == [
        ("Tô Lâm", "VNM", "président")
    ]
    assert call["sources"] == [
        {"id": "a", "url": "https://ex.org/a", "title": "Titre a", "published": None}
    ]
    assert call["text"] == "Phrase de PhoneCall (a)."
    signing = next(r for r in records if r["bkg_kind"] == "Signing")
    assert [a["country"] for a in signing["source_actor"] + signing["target_actor"]] == [
        "FRA",
        "VNM",
    ]


def test_officials_of_one_country_are_one_compound_actor_not_two_events():
    a = "a"
    ex = one_article(
        a,
        event(
            "Visit",
            a,
            [
                person("Xi Jinping", "CN", a),
                person("Tô Lâm", "VN", a),
                person("Luong Cuong", "VN", a),
            ],
            start="2025-04-14",
        ),
    )
    (rec,) = plover_records(graph_of(ex))
    assert [x["name"] for x in rec["source_actor"]] == ["Xi Jinping"]
    assert sorted(x["name"] for x in rec["target_actor"]) == ["Luong Cuong", "Tô Lâm"]


def test_an_event_read_in_two_articles_is_one_record_with_both_sources():
    from kg.events_identity import merge_events

    exs = [
        one_article(
            i,
            event(
                "Talks",
                i,
                [person("Emmanuel Macron", "FR", i), person("Luong Cuong", "VN", i)],
                start=d,
            ),
        )
        for i, d in (("a", "2025-05-26"), ("b", "--05-26"))
    ]
    resolve(exs)
    merge_events(exs)
    (rec,) = plover_records(merged_graph(article_graphs(exs)))
    assert rec["date"] == "2025-05-26"
    assert [s["id"] for s in rec["sources"]] == ["a", "b"]
    assert len(rec["evidence"]) == 2 and invalid([rec]) == []


def test_the_schema_rejects_an_invented_year_form_and_unknown_types():
    v = validator()
    a = "a"
    (rec,) = plover_records(
        graph_of(
            one_article(
                a,
                event(
                    "PhoneCall",
                    a,
                    [person("Tô Lâm", "VN", a), person("Vladimir Poutine", "RU", a)],
                    start="--01-24",
                ),
            )
        )
    )
    assert not list(v.iter_errors(rec))
    for field, value in (
        ("date", "0000-01-24"),
        ("date", "24/01"),
        ("event_type", "MEET"),
        ("mode", "dinner"),
        ("date_resolution", None),
    ):
        assert list(v.iter_errors({**rec, field: value})), (field, value)


def test_a_build_writes_records_whose_count_sparql_gives_back(tmp_path, monkeypatch, capsys):
    import fake_steps
    from kg.cli import main
    from kg.pipeline import build

    fake_steps.install(monkeypatch, outputs=False)
    src = tmp_path / "in.jsonl"
    src.write_text(
        "".join(
            json.dumps(r, ensure_ascii=False) + "\n"
            for r in [
                {"id": "1", "text": "Nguyễn Văn An a reçu Jean Dupont.", "published": "2025-05-26"},
                {"id": "2", "text": "Nguyễn Văn An a reçu Jean Dupont.", "published": "2025-05"},
                {"id": "3", "text": "Trần Thị Bình a reçu Marie Curie.", "published": "2024-01-02"},
            ]
        ),
        encoding="utf-8",
    )
    build([src], tmp_path / "out", quiet=True)
    lines = (tmp_path / "out" / "events.plover.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(x) for x in lines]
    assert len(records) == 2 and invalid(records) == []
    capsys.readouterr()
    assert main(["query", str(tmp_path / "out"), "-e", COUNT_QUERY, "--format", "csv"]) == 0
    assert capsys.readouterr().out.split()[-1] == str(len(records))
    assert (
        main(
            [
                "query",
                str(tmp_path / "out"),
                "-e",
                "PREFIX prov: <http://www.w3.org/ns/prov#> SELECT (COUNT(*) AS ?n) "
                "WHERE { ?e a <https://w3id.org/bilateral-kg/ontology#Event> ; "
                "prov:wasDerivedFrom ?a }",
                "--format",
                "csv",
            ]
        )
        == 0
    )
    assert capsys.readouterr().out.split()[-1] == str(sum(len(r["sources"]) for r in records))


def test_write_plover_writes_one_sorted_line_per_record(tmp_path):
    a = "a"
    g = graph_of(
        one_article(
            a,
            event(
                "Talks",
                a,
                [person("Tô Lâm", "VN", a), person("Li Qiang", "CN", a)],
                start="2025-01-02",
            ),
            event("PhoneCall", a, [person("Tô Lâm", "VN", a), person("Vladimir Poutine", "RU", a)]),
        )
    )
    path = write_plover(g, tmp_path)
    ids = [json.loads(x)["id"] for x in path.read_text(encoding="utf-8").splitlines()]
    assert ids == sorted(ids) and len(ids) == 2


# --- the seeds, read by the real model ---------------------------------------------------

from test_seeds_build import build as seeds_build  # noqa: E402,F401  (module-scoped fixture)


def test_the_seed_build_records_validate_and_match_sparql(seeds_build, capsys):
    from kg.cli import main

    records = [
        json.loads(x)
        for x in (seeds_build / "events.plover.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert records and invalid(records) == []
    capsys.readouterr()
    assert main(["query", str(seeds_build), "-e", COUNT_QUERY, "--format", "csv"]) == 0
    assert capsys.readouterr().out.split()[-1] == str(len(records))
    assert {r["event_type"] for r in records} <= {"CONSULT", "SUPPORT"}
    assert all(not r["date"] or r["date"][:2] != "00" for r in records)


def test_the_kind_table_agrees_with_the_ontology_alignment_to_plover():
    from rdflib import Graph
    from rdflib.namespace import SKOS

    from kg.events_identity import kind_table
    from kg.lexicon import ONTOLOGY_DIR
    from kg.namespaces import BKG

    onto = Graph().parse(ONTOLOGY_DIR / "bilateral.ttl", format="turtle")
    for kind, row in kind_table().items():
        matches = {
            str(onto.value(m, SKOS.notation))
            for p in (SKOS.closeMatch, SKOS.broadMatch)
            for m in onto.objects(BKG[kind], p)
            if "plover" in str(m)
        }
        expected = {row.plover_type + (f"/{row.plover_mode}" if row.plover_mode else "")}
        assert matches == (expected if row.plover_type else set()), kind
