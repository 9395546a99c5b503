"""Identity across documents (kg.resolve): one test per rule, named by the behaviour."""

from __future__ import annotations

import itertools
import random

from kg.facts import Document, Event, Evidence, Extraction, Official, PartialDate, Relation
from kg.resolve import adopt_identities, choose, lean, merge_dates, resolve


def doc(identifier: str) -> Document:
    return Document(
        identifier=identifier, source_file=f"{identifier}.txt", title="t", text="x" * 200
    )


def person(name: str, document: str, country: str | None = None, start: int = 0) -> Official:
    return Official(
        name=name,
        country=country,
        evidence=[Evidence(document, f"… {name} …", start, start + len(name))],
    )


def ex(identifier: str, *people: Official, events=(), relations=()) -> Extraction:
    return Extraction(
        document=doc(identifier),
        officials=list(people),
        events=list(events),
        relations=list(relations),
    )


def keys(extractions: list[Extraction]) -> dict[str, str]:
    resolve(extractions)
    return {f"{e.document.identifier}:{o.name}": o.key for e in extractions for o in e.officials}


# --- people --------------------------------------------------------------------------------


def test_names_differing_only_in_diacritics_and_case_are_one_person():
    k = keys(
        [
            ex("a", person("Tô Lâm", "a", "VN")),
            ex("b", person("TO LAM", "b")),
            ex("c", person("Nguyên Van Nghia", "c")),
            ex("d", person("Nguyen Van Nghia", "d")),
            ex("e", person("Antonio Costa", "e")),
            ex("f", person("António Costa", "f", "EU")),
        ]
    )
    assert k["a:Tô Lâm"] == k["b:TO LAM"] == "to-lam"
    assert k["c:Nguyên Van Nghia"] == k["d:Nguyen Van Nghia"] == "nguyen-van-nghia"
    assert k["e:Antonio Costa"] == k["f:António Costa"] == "antonio-costa"


def test_vietnamese_d_with_stroke_folds_to_d():
    k = keys([ex("a", person("Đỗ Hùng Việt", "a")), ex("b", person("Do Hung Viet", "b"))])
    assert k["a:Đỗ Hùng Việt"] == k["b:Do Hung Viet"] == "do-hung-viet"


def test_same_words_in_another_order_are_one_person():
    k = keys([ex("a", person("Abakirov Meder", "a", "KG")), ex("b", person("Meder Abakirov", "b"))])
    assert k["a:Abakirov Meder"] == k["b:Meder Abakirov"]


def test_two_word_name_contained_in_a_longer_name_is_that_person():
    k = keys(
        [
            ex("a", person("Cyril Ramaphosa", "a", "ZA")),
            ex("b", person("Matamela Cyril Ramaphosa", "b", "ZA")),
        ]
    )
    assert k["a:Cyril Ramaphosa"] == k["b:Matamela Cyril Ramaphosa"] == "matamela-cyril-ramaphosa"


def test_contained_name_joins_a_longer_name_whose_country_is_unknown():
    k = keys(
        [
            ex("a", person("Cyril Ramaphosa", "a", "ZA")),
            ex("b", person("Matamela Cyril Ramaphosa", "b")),
        ]
    )
    assert k["a:Cyril Ramaphosa"] == k["b:Matamela Cyril Ramaphosa"]


def test_contained_name_is_not_joined_to_a_person_of_another_known_country():
    k = keys(
        [ex("a", person("Nguyen Hung", "a", "VN")), ex("b", person("Nguyen Van Hung", "b", "US"))]
    )
    assert k["a:Nguyen Hung"] == "nguyen-hung"
    assert k["b:Nguyen Van Hung"] == "nguyen-van-hung"


def test_contained_name_fitting_two_different_longer_names_stays_apart():
    k = keys(
        [
            ex("a", person("Nguyen Van", "a")),
            ex("b", person("Nguyen Van Thanh", "b")),
            ex("c", person("Nguyen Van Nam", "c")),
        ]
    )
    assert k["a:Nguyen Van"] == "nguyen-van"
    assert len(set(k.values())) == 3


def test_contained_name_fitting_two_spellings_of_one_person_joins_it():
    # "Cyril Ramaphosa" ⊂ both, but the two longer names are themselves one person
    k = keys(
        [
            ex("a", person("Cyril Ramaphosa", "a")),
            ex("b", person("Matamela Cyril Ramaphosa", "b")),
            ex("c", person("Matamela Cyril Ramaphosa Jr", "c")),
        ]
    )
    assert len(set(k.values())) == 1
    assert set(k.values()) == {"matamela-cyril-ramaphosa-jr"}


def test_country_conflict_leaves_only_the_compatible_longer_name():
    k = keys(
        [
            ex("a", person("Nguyen Van", "a", "VN")),
            ex("b", person("Nguyen Van Thanh", "b", "VN")),
            ex("c", person("Nguyen Van Nam", "c", "US")),
        ]
    )
    assert k["a:Nguyen Van"] == k["b:Nguyen Van Thanh"] != k["c:Nguyen Van Nam"]


def test_one_word_mention_is_the_one_full_name_of_its_document_with_that_word():
    k = keys(
        [
            ex(
                "a",
                person("Tô Lâm", "a", "VN"),
                person("Lâm", "a", start=50),
                person("Luong Cuong", "a", "VN", start=80),
            )
        ]
    )
    assert k["a:Lâm"] == k["a:Tô Lâm"] == "to-lam"


def test_one_word_mention_matching_two_full_names_of_its_document_stays_apart():
    k = keys(
        [
            ex(
                "a",
                person("Le Thi Thu Hang", "a"),
                person("Le Hoai Trung", "a", start=40),
                person("Le", "a", start=90),
            )
        ]
    )
    assert k["a:Le"] == "le"


def test_one_word_mention_is_not_joined_to_a_full_name_of_another_document():
    k = keys([ex("a", person("Tô Lâm", "a")), ex("b", person("Lâm", "b"))])
    assert k["a:Tô Lâm"] == "to-lam"
    assert k["b:Lâm"] == "lam"


def test_one_word_mention_of_another_country_is_not_joined():
    k = keys([ex("a", person("Tô Lâm", "a", "VN"), person("Lâm", "a", "CN", start=40))])
    assert k["a:Lâm"] == "lam"


def test_key_is_the_slug_of_the_longest_spelling_ties_alphabetical():
    k = keys([ex("a", person("Meder Abakirov", "a")), ex("b", person("Abakirov Meder", "b"))])
    assert set(k.values()) == {"abakirov-meder"}


def test_officials_inside_events_get_keys_too():
    a = person("Tô Lâm", "a", "VN")
    copy = person("To Lam", "a", "VN")  # a separate record inside the event
    e = Event("Visit", participants=[copy], countries=["VN"], start=PartialDate(2025, 3, 1))
    exs = [ex("a", a, events=[e])]
    resolve(exs)
    assert a.key == copy.key == "to-lam"
    assert e.key is not None


# --- events --------------------------------------------------------------------------------


def _event(kind, start, *names, countries=(), doc_id="a"):
    return Event(
        kind,
        participants=[person(n, doc_id) for n in names],
        countries=list(countries),
        start=start,
    )


def test_same_kind_date_and_participants_is_one_event_across_documents():
    e1 = _event("Reception", PartialDate(2025, 3, 10), "Tô Lâm", "Cyril Ramaphosa", doc_id="a")
    e2 = _event(
        "Reception", PartialDate(2025, 3, 10), "To Lam", "Matamela Cyril Ramaphosa", doc_id="b"
    )
    resolve([ex("a", events=[e1]), ex("b", events=[e2])])
    assert e1.key == e2.key


def test_another_kind_date_or_participant_is_another_event():
    base = _event("Talks", PartialDate(2025, 3, 10), "Tô Lâm", "Cyril Ramaphosa")
    other_kind = _event("Reception", PartialDate(2025, 3, 10), "Tô Lâm", "Cyril Ramaphosa")
    other_day = _event("Talks", PartialDate(2025, 3, 11), "Tô Lâm", "Cyril Ramaphosa")
    other_people = _event("Talks", PartialDate(2025, 3, 10), "Tô Lâm", "Luong Cuong")
    resolve([ex("a", events=[base, other_kind, other_day, other_people])])
    assert len({base.key, other_kind.key, other_day.key, other_people.key}) == 4


def test_undated_events_are_one_only_within_a_document():
    a1 = _event("PhoneCall", None, "Tô Lâm", "Cyril Ramaphosa", doc_id="a")
    a2 = _event("PhoneCall", None, "To Lam", "Cyril Ramaphosa", doc_id="a")
    b1 = _event("PhoneCall", None, "Tô Lâm", "Cyril Ramaphosa", doc_id="b")
    resolve([ex("a", events=[a1, a2]), ex("b", events=[b1])])
    assert a1.key == a2.key != b1.key


def test_events_without_participants_are_compared_by_countries():
    c1 = _event("Conference", PartialDate(2025, 5), countries=["VN", "LA"], doc_id="a")
    c2 = _event("Conference", PartialDate(2025, 5), countries=["LA", "VN"], doc_id="b")
    c3 = _event("Conference", PartialDate(2025, 5), countries=["VN", "KH"], doc_id="b")
    resolve([ex("a", events=[c1]), ex("b", events=[c2, c3])])
    assert c1.key == c2.key != c3.key


# --- relations -----------------------------------------------------------------------------


def test_relation_key_is_the_sorted_pair_and_the_kind():
    r1 = Relation("StrategicPartnership", ("ZA", "VN"))
    r2 = Relation("StrategicPartnership", ("VN", "ZA"), since=PartialDate(2004))
    r3 = Relation("DiplomaticRelations", ("VN", "ZA"))
    resolve([ex("a", relations=[r1, r3]), ex("b", relations=[r2])])
    assert r1.key == r2.key == "VN-ZA/StrategicPartnership"
    assert r3.key == "VN-ZA/DiplomaticRelations"


# --- order independence and merge helpers --------------------------------------------------


def _corpus() -> list[Extraction]:
    return [
        ex(
            "a",
            person("Tô Lâm", "a", "VN"),
            person("Lâm", "a", start=30),
            person("Cyril Ramaphosa", "a", "ZA", start=60),
        ),
        ex("b", person("Matamela Cyril Ramaphosa", "b"), person("To Lam", "b", start=40)),
        ex(
            "c",
            person("Nguyen Van", "c"),
            person("Nguyen Van Thanh", "c", start=20),
            person("Nguyen Van Nam", "c", start=50),
        ),
        ex(
            "d",
            person("Meder Abakirov", "d", "KG"),
            person("Abakirov Meder", "d", start=30),
            person("Abakirov", "d", start=60),
        ),
    ]


def test_resolution_does_not_depend_on_input_order():
    expected = keys(_corpus())
    rnd = random.Random(7)
    for perm in itertools.islice(itertools.permutations(range(4)), 24):
        exs = [_corpus()[i] for i in perm]
        for e in exs:
            rnd.shuffle(e.officials)
        assert keys(exs) == expected


def test_dates_merge_to_the_most_precise_and_the_earliest_on_conflict():
    assert merge_dates([PartialDate(2009), PartialDate(2009, 6, 10)]) == PartialDate(2009, 6, 10)
    assert merge_dates([PartialDate(2010), PartialDate(2009, 6)]) == PartialDate(2009, 6)
    assert merge_dates(
        [PartialDate(2009, 7), PartialDate(2009), PartialDate(2009, 6, 10)]
    ) == PartialDate(2009, 6, 10)
    assert merge_dates([None, None]) is None


def test_choose_takes_the_most_frequent_then_longest_then_alphabetical():
    assert choose(["Hanoi", "Hanoï", "Hanoi"]) == "Hanoi"
    assert choose(["Hanoi", "Ha Noi"]) == "Ha Noi"
    assert choose(["VN", "LA"]) == "LA"
    assert choose([None]) is None


def test_spellings_of_one_record_are_one_person_and_the_longest_gives_the_key():
    o = person("Cyril Ramaphosa", "a", "ZA")
    o.names = ["Cyril Ramaphosa", "Matamela Cyril Ramaphosa", "Ramaphosa"]
    other = person("Matamela Ramaphosa", "b")
    k = keys([ex("a", o), ex("b", other)])
    assert k["a:Cyril Ramaphosa"] == k["b:Matamela Ramaphosa"] == "matamela-cyril-ramaphosa"


def test_one_word_name_with_a_full_spelling_is_that_full_name():
    o = person("Lâm", "a", "VN")
    o.names = ["Lâm", "Tô Lâm"]
    assert keys([ex("a", o), ex("b", person("To Lam", "b"))]) == {
        "a:Lâm": "to-lam",
        "b:To Lam": "to-lam",
    }


# --- lean records ----------------------------------------------------------------------------


def test_a_lean_record_keeps_one_evidence_per_document_without_its_sentence_but_events_whole():
    a = person("Tô Lâm", "a", "VN")
    a.evidence += [Evidence("a", "Tô Lâm parle.", 50, 56), Evidence("b", "Lâm, cité.", 3, 6)]
    e = Event("Visit", participants=[a], start=PartialDate(2025, 3, 1), evidence=list(a.evidence))
    r = Relation("StrategicPartnership", ("VN", "ZA"), evidence=[Evidence("a", "VN-ZA", 0, 5)])
    record = lean(ex("a", a, events=[e], relations=[r]), {})
    (o,) = record.officials
    assert [(ev.document, ev.sentence) for ev in o.evidence] == [("a", ""), ("b", "")]
    assert record.events[0].participants == [o]  # one record, as in the full facts
    assert record.events[0].evidence == e.evidence
    assert [ev.sentence for ev in record.relations[0].evidence] == [""]


def test_a_lean_record_holds_each_string_date_and_document_evidence_once_per_build():
    shared: dict = {}
    e1 = Event("Visit", start=PartialDate(2025, 3, 1))
    e2 = Event("Visit", start=PartialDate(2025, 3, 1))
    one = lean(ex("a", person("Tô Lâm", "a", "VN"), events=[e1]), shared)
    two = lean(
        ex("b", person("".join(["Tô ", "Lâm"]), "a", "".join(["V", "N"])), events=[e2]), shared
    )
    assert one.officials[0].name is two.officials[0].name
    assert one.officials[0].country is two.officials[0].country
    assert one.officials[0].evidence[0] is two.officials[0].evidence[0]
    assert one.events[0].start is two.events[0].start


def test_identities_given_to_full_facts_are_those_resolved_on_their_lean_records():
    full = _corpus()
    records = [lean(e, {}) for e in full]
    resolve(records)
    for e, record in zip(full, records):
        adopt_identities(e, record)
    assert {f"{e.document.identifier}:{o.name}": o.key for e in full for o in e.officials} == keys(
        _corpus()
    )
