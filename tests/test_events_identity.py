"""Cross-article event identity (kg.events_identity): which reports are one event."""

from __future__ import annotations

import json
import random
import re
from itertools import combinations
from pathlib import Path

import pytest
from rdflib import URIRef

from kg.events_identity import kind_table, merge_events, merge_record, write_merge_report
from kg.facts import Document, Event, Evidence, Extraction, Official, PartialDate
from kg.graph import add_merge_notes, article_graphs
from kg.namespaces import BKG, article_iri
from kg.resolve import adopt_identities, lean, officials_of, resolve

SHARED = Path(__file__).resolve().parents[2] / "shared"
EVENTS_DEV = SHARED / "corpus" / "events-dev"

COUNTRY = {
    "Emmanuel Macron": "FR",
    "Macron": "FR",
    "Luong Cuong": "VN",
    "To Lam": "VN",
    "Tô Lâm": "VN",
    "Vladimir Poutine": "RU",
    "Pham Minh Chinh": "VN",
    "Assimi Goïta": "ML",
    "Xi Jinping": "CN",
}


def article(
    ident: str, *events: tuple, published: str | None = None, url: str | None = None
) -> Extraction:
    """events: (kind, [names], date or None, sentence)."""
    doc = Document(
        identifier=ident,
        source_file=f"{ident}.txt",
        title=ident,
        text="x",
        published=published,
        url=url,
    )
    ex = Extraction(doc)
    for n, (kind, names, date, sentence) in enumerate(events):
        ev = Evidence(ident, sentence, n * 10, n * 10 + 5)
        people = [
            Official(name, ["président"], COUNTRY.get(name), names=[name], evidence=[ev])
            for name in names
        ]
        ex.officials += people
        ex.events.append(
            Event(
                kind,
                people,
                sorted({COUNTRY[p] for p in names}),
                start=PartialDate.parse(date) if date else None,
                evidence=[ev],
            )
        )
    return ex


def merged(*extractions: Extraction) -> list[set[str]]:
    """Groups of 'article:index' that ended as one event."""
    exs = list(extractions)
    resolve(exs)
    merge_events(exs)
    by_key: dict[str, set[str]] = {}
    for ex in exs:
        for i, e in enumerate(ex.events):
            by_key.setdefault(e.key, set()).add(f"{ex.document.identifier}:{i}")
    return sorted((g for g in by_key.values()), key=sorted)


MACRON_CUONG = ["Emmanuel Macron", "Luong Cuong"]


def test_same_day_reports_of_one_family_are_one_event_with_the_most_precise_date():
    a = article("a", ("Talks", MACRON_CUONG, "2025-05-26", "Dans la matinée du 26 mai..."))
    b = article("b", ("Reception", MACRON_CUONG, "--05-26", "ce lundi 26 mai, reçu"))
    c = article("c", ("Meeting", ["Macron", "Luong Cuong"], "2025-05-26", "a rencontré"))
    assert merged(a, b, c) == [{"a:0", "b:0", "c:0"}]
    events = [a.events[0], b.events[0], c.events[0]]
    assert {str(e.start) for e in events} == {"2025-05-26"}
    assert len({e.kind for e in events}) == 1
    # "Macron" in c is the Emmanuel Macron of the joined event
    assert {p.key for p in c.events[0].participants} == {"emmanuel-macron", "luong-cuong"}


def test_two_phone_calls_months_apart_stay_apart():
    a = article("a", ("PhoneCall", ["Assimi Goïta", "Vladimir Poutine"], "2022-08-10", "appel"))
    b = article(
        "b", ("PhoneCall", ["Assimi Goïta", "Vladimir Poutine"], "--08-15", "ce mardi 15 août")
    )
    c = article(
        "c",
        ("PhoneCall", ["Assimi Goïta", "Vladimir Poutine"], None, "entretien téléphonique"),
        published="2024-03",
    )
    assert merged(a, b, c) == [{"a:0"}, {"b:0"}, {"c:0"}]


def test_a_visit_and_the_talks_held_during_it_are_two_events():
    a = article("a", ("Visit", MACRON_CUONG, "2025-05-26", "visite d'État"))
    b = article("b", ("Talks", MACRON_CUONG, "2025-05-26", "entretien"))
    assert merged(a, b) == [{"a:0"}, {"b:0"}]


def test_a_visit_and_the_return_visit_stay_apart():
    a = article("a", ("Visit", ["Xi Jinping", "To Lam"], "2025-04-14", "visite d'État au Vietnam"))
    b = article("b", ("Visit", ["Xi Jinping", "To Lam"], "2023-12-12", "visite au Vietnam"))
    assert merged(a, b) == [{"a:0"}, {"b:0"}]


def test_a_weekday_with_the_publication_date_places_an_undated_report():
    a = article("a", ("Reception", MACRON_CUONG, "2025-05-26", "reçu"))
    b = article("b", ("Reception", MACRON_CUONG, None, "a reçu ce lundi"), published="2025-05-27")
    c = article("c", ("Reception", MACRON_CUONG, None, "a reçu ce mardi"), published="2025-05-27")
    groups = merged(a, b, c)
    assert {"a:0", "b:0"} in groups and {"c:0"} in groups


def test_the_url_date_stands_for_a_missing_publication_date():
    a = article("a", ("Meeting", MACRON_CUONG, "2025-09-03", "rencontre"))
    b = article(
        "b",
        ("Meeting", MACRON_CUONG, None, "a rencontré mercredi"),
        url="https://example.org/2025/09/04/rencontre",
    )
    assert merged(a, b) == [{"a:0", "b:0"}]


def test_an_undated_report_joins_only_the_one_event_it_fits():
    a = article("a", ("PhoneCall", ["Vladimir Poutine", "To Lam"], "2026-01-24", "appel"))
    b = article("b", ("PhoneCall", ["Vladimir Poutine", "To Lam"], "2026-02-10", "appel"))
    c = article(
        "c", ("PhoneCall", ["Vladimir Poutine", "To Lam"], None, "un appel"), published="2026-02-12"
    )
    assert {"a:0"} in merged(a, b, c)  # c fits both a and b: it stays apart
    assert {"c:0"} in merged(a, b, c)
    d = article(
        "d", ("PhoneCall", ["Vladimir Poutine", "To Lam"], None, "un appel"), published="2026-01-25"
    )
    assert merged(a, d) == [{"a:0", "d:0"}]


def test_an_undated_report_adds_no_participant_to_a_dated_event():
    a = article("a", ("Meeting", MACRON_CUONG, "2025-05-26", "rencontre"))
    b = article(
        "b",
        ("Meeting", ["Emmanuel Macron", "Luong Cuong", "To Lam"], None, "a rencontré"),
        published="2025-05-26",
    )
    assert merged(a, b) == [{"a:0"}, {"b:0"}]


def test_another_official_of_the_same_country_is_another_contact():
    a = article("a", ("Meeting", ["Vladimir Poutine", "Luong Cuong"], "2025-09-03", "rencontre"))
    b = article(
        "b", ("Meeting", ["Vladimir Poutine", "Pham Minh Chinh"], "2025-09-03", "rencontre")
    )
    assert merged(a, b) == [{"a:0"}, {"b:0"}]


def test_merges_do_not_depend_on_the_input_order():
    def corpus():
        return [
            article("a", ("Talks", MACRON_CUONG, "2025-05-26", "entretien")),
            article("b", ("Reception", MACRON_CUONG, "--05-26", "reçu")),
            article(
                "c", ("Meeting", MACRON_CUONG, None, "rencontre ce lundi"), published="2025-05-26"
            ),
            article("d", ("PhoneCall", ["Vladimir Poutine", "To Lam"], "2026-01-24", "appel")),
            article(
                "e",
                ("PhoneCall", ["Vladimir Poutine", "Tô Lâm"], None, "appel"),
                published="2026-01-25",
            ),
        ]

    def keys(exs):
        resolve(exs)
        merge_events(exs)
        return {
            (ex.document.identifier, e.key, str(e.start), e.kind) for ex in exs for e in ex.events
        }

    first = keys(corpus())
    for seed in range(5):
        exs = corpus()
        random.Random(seed).shuffle(exs)
        assert keys(exs) == first


def test_a_joined_event_is_one_node_with_every_article_and_the_reasons(tmp_path):
    a = article("a", ("Talks", MACRON_CUONG, "2025-05-26", "Dans la matinée du 26 mai, entretien."))
    b = article(
        "b",
        ("Reception", MACRON_CUONG, None, "Macron a été reçu ce lundi."),
        published="2025-05-26",
    )
    exs = [a, b]
    resolve(exs)
    merges = merge_events(exs)
    graphs = article_graphs(exs)
    add_merge_notes(graphs, merges)
    triples = set().union(*graphs.values())
    events = {s for s, p, o in triples if p == BKG.participant}
    assert len(events) == 1
    node = events.pop()
    sources = {o for s, p, o in triples if s == node and str(p).endswith("wasDerivedFrom")}
    assert sources == {article_iri("a"), article_iri("b")}
    evidence = {str(o) for s, p, o in triples if s == node and p == BKG.evidence}
    assert evidence == {"Dans la matinée du 26 mai, entretien.", "Macron a été reçu ce lundi."}
    notes = [str(o) for s, p, o in graphs[article_iri("b")] if p == BKG.mergedBecause]
    assert notes and "lundi" in notes[0] and "2025-05-26" in notes[0]
    path = write_merge_report(merges, tmp_path)
    rec = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    assert rec["articles"] == ["a", "b"] and rec["event"] == str(node)
    assert [r["kinds"] for r in rec["reports"]] == [["Talks"], ["Reception"]]


def test_every_event_kind_has_a_row_in_the_identity_table():
    table = kind_table()
    assert table["Talks"].family == table["Reception"].family == table["Meeting"].family
    assert table["PhoneCall"].family != table["Talks"].family != table["Visit"].family
    assert table["Anniversary"].family == ""


# --- the merge rules on the gold of events-dev (perfect extraction as input) ------------

KIND = {
    "talks": "Talks",
    "reception": "Reception",
    "phone_call": "PhoneCall",
    "video_call": "VideoCall",
    "visit": "Visit",
    "meeting": "Meeting",
}


def _gold_extractions(folder: Path):
    """The events-dev gold as extractions: each gold meeting an event, its evidence the
    first sentence naming two of its participants (for weekdays); dated events as such."""
    from kg.namespaces import fold

    where, exs = {}, []
    for line in (folder / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        gold = json.loads((folder / "gold" / f"{rec['id']}.json").read_text(encoding="utf-8"))
        doc = Document(
            rec["id"],
            "articles.jsonl",
            rec.get("title") or "",
            rec["text"],
            url=rec.get("url"),
            published=rec.get("published"),
        )
        country = {o["name"]: o.get("country") for o in gold["officials"]}
        sentences = re.split(r"(?<=[.!?»])\s+", rec["text"])
        ex = Extraction(doc)
        for i, m in enumerate(gold["meetings"]):
            last = [fold(n.split()[-1]) for n in m["participants"]]
            sentence = next((s for s in sentences if sum(w in fold(s) for w in last) >= 2), "")
            ev = Evidence(rec["id"], sentence, i, i + 1)
            people = [
                Official(n, [], country.get(n), names=[n], evidence=[ev]) for n in m["participants"]
            ]
            start = PartialDate.parse(m["date"]) if m.get("date") else None
            ex.events.append(Event(KIND[m["kind"]], people, start=start, evidence=[ev]))
            ex.officials += people
            where[(rec["id"], i)] = ex.events[-1]
        for d in gold.get("dated_events", []):
            if d.get("start") and not d["start"].startswith("--"):
                ex.events.append(Event("OtherEvent", start=PartialDate.parse(d["start"])))
        exs.append(ex)
    return exs, where


@pytest.mark.skipif(not (EVENTS_DEV / "clusters.json").is_file(), reason="no ../shared events-dev")
def test_on_the_events_dev_gold_the_merge_rules_reach_f1_09_and_keep_near_misses_apart():
    exs, where = _gold_extractions(EVENTS_DEV)
    resolve(exs)
    merge_events(exs)
    clusters = json.loads((EVENTS_DEV / "clusters.json").read_text(encoding="utf-8"))
    mentions = [
        (ev["id"], str(m["article"]), m["meeting"])
        for ev in clusters["events"]
        for m in ev["mentions"]
    ]
    tp = npred = ngold = 0
    wrong = []
    for (g1, a1, i1), (g2, a2, i2) in combinations(mentions, 2):
        same_gold, same_pred = g1 == g2, where[(a1, i1)].key == where[(a2, i2)].key
        tp += same_gold and same_pred
        npred += same_pred
        ngold += same_gold
        if same_pred and not same_gold:
            wrong.append((g1, g2))
    p, r = tp / npred, tp / ngold
    assert wrong == []  # the near-miss pairs (E14-E23) stay apart
    assert 2 * p * r / (p + r) >= 0.9


# --- in a build: one node, reasons on file, update == full build ------------------------


def _jsonl(path: Path, *records: dict) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


def test_an_update_joins_events_as_a_full_build_does(tmp_path, monkeypatch):
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    import fake_steps
    from kg.pipeline import build, load_graph
    from test_incremental import assert_same_outputs

    fake_steps.install(monkeypatch, outputs=False)
    text = "Nguyễn Văn An a reçu Jean Dupont."
    a = _jsonl(tmp_path / "in" / "a.jsonl", {"id": "a", "text": text, "published": "2025-05-26"})
    b = _jsonl(tmp_path / "in" / "b.jsonl", {"id": "b", "text": text, "published": "2025-05"})
    build([a], tmp_path / "x", quiet=True)
    build([b], tmp_path / "x", quiet=True, update=True)
    build([b, a], tmp_path / "y", quiet=True)
    assert_same_outputs(tmp_path / "x", tmp_path / "y")
    g = load_graph(tmp_path / "y")
    events = set(g.subjects(BKG.participant, None))
    assert len(events) == 1  # "2025-05" joined the 26 May reception
    assert str(g.value(events.pop(), URIRef("https://schema.org/startDate"))) == "2025-05-26"
    assert len(list(g.objects(None, BKG.mergedBecause))) == 1
    lines = (tmp_path / "y" / "event-merges.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(x)["articles"] for x in lines] == [["a", "b"]]


def test_a_tie_between_kinds_goes_to_the_kind_listed_first_not_the_longest_word():
    a = article("a", ("Meeting", MACRON_CUONG, "2025-05-26", "se sont rencontrés le 26 mai"))
    b = article("b", ("Talks", MACRON_CUONG, "2025-05-26", "se sont entretenus le 26 mai"))
    exs = [a, b]
    resolve(exs)
    (m,) = merge_events(exs)
    assert m.kind == "Talks"
    assert {e.kind for ex in exs for e in ex.events} == {"Talks"}


def test_a_busy_day_compares_only_reports_that_may_be_one_event(monkeypatch):
    """Step 1 looks, among the reports of one day, only at those naming someone in common
    (or the same countries when one names no one): 300 talks between different people on
    one day are not compared pair by pair (work grows with the corpus, not its square),
    and the two reports of one talk that day still join."""
    import kg.events_identity as ei

    looked = []
    real = ei._may_share
    monkeypatch.setattr(ei, "_may_share", lambda a, b: looked.append(1) or real(a, b))
    exs = []
    for n in range(300):
        doc = Document(identifier=f"d{n:03d}", source_file="x.txt", title="t", text="x")
        ev = Evidence(doc.identifier, "des entretiens", 0, 5)
        people = [
            Official(f"Alpha{n} Beta{n}", ["ministre"], "FR", names=[], evidence=[ev]),
            Official(f"Gamma{n} Delta{n}", ["ministre"], "VN", names=[], evidence=[ev]),
        ]
        ex = Extraction(doc)
        ex.officials += people
        ex.events.append(
            Event("Talks", people, ["FR", "VN"], start=PartialDate(2025, 5, 26), evidence=[ev])
        )
        exs.append(ex)
    a = article("a", ("Talks", MACRON_CUONG, "2025-05-26", "des entretiens le 26 mai"))
    b = article("b", ("Meeting", MACRON_CUONG, "2025-05-26", "a rencontré le 26 mai"))
    groups = merged(*exs, a, b)
    assert {"a:0", "b:0"} in groups
    assert len(looked) <= 2


def _identities(ex: Extraction) -> list:
    """What resolve and merge_events set on one article's facts."""
    return [
        [(o.key, o.wikidata, o.country) for o in officials_of(ex)],
        [(e.kind, e.start, e.key) for e in ex.events],
        [r.key for r in ex.relations],
    ]


@pytest.mark.skipif(not (EVENTS_DEV / "articles.jsonl").is_file(), reason="no ../shared events-dev")
def test_identities_made_from_lean_records_are_those_made_from_the_full_facts():
    whole, _ = _gold_extractions(EVENTS_DEV)
    resolve(whole)
    expected = merge_events(whole)
    full, _ = _gold_extractions(EVENTS_DEV)
    strings: dict[str, str] = {}
    records = [lean(ex, strings) for ex in full]
    resolve(records)
    merges = merge_events(records)
    for ex, record in zip(full, records):
        adopt_identities(ex, record)
    assert len(merges) >= 8  # the corpus joins events: the merges are compared, not just keys
    assert [_identities(ex) for ex in full] == [_identities(ex) for ex in whole]
    assert [merge_record(m, m.key) for m in merges] == [merge_record(m, m.key) for m in expected]
