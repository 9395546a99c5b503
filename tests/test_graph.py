"""The graph's shape (kg.graph), checked with SPARQL over a dataset built from hand-made facts."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from rdflib import BNode, Literal, Namespace, URIRef

from kg.facts import Document, Event, Evidence, Extraction, Official, PartialDate, Relation
from kg.graph import build_dataset, clean_text, date_literal, merged_graph, text_literal
from kg.lexicon import ONTOLOGY_DIR, load_lexicon
from kg.namespaces import PREFIXES, article_iri, mention_iri, official_iri
from kg.resolve import resolve

SENT_A = "La vice-ministre Lê Thị Thu Hằng a eu le 17 février une conversation téléphonique avec Abakirov Meder."
SENT_A2 = "Le Vietnam et le Kirghizistan sont des amis traditionnels depuis 1992."
SENT_B = "Le secrétaire général Tô Lâm a reçu le 10 mars à Hanoï le président Cyril Ramaphosa."
SENT_C = "To Lam et Matamela Cyril Ramaphosa ont salué le partenariat stratégique établi en décembre 2004."
SENT_D = "Le président du Conseil européen António Costa s'est entretenu par visioconférence avec Luong Cuong."


# an open namespace: pytest probes module attributes, which rdflib's closed XSD warns about
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")


def _ev(doc: Document, sentence: str, phrase: str) -> Evidence:
    """Evidence of ``phrase``: the sentence holding it, with the sentence's offsets."""
    assert phrase in sentence
    start = doc.text.index(sentence)
    return Evidence(doc.identifier, sentence, start, start + len(sentence))


def corpus() -> list[Extraction]:
    """Four articles (a page, a teaser of another page, two records) with shared people."""
    a = Document(
        "000_aaa",
        "000_aaa.txt",
        "Le Vietnam et le Kirghizistan",
        f"Titre\n\n{SENT_A} {SENT_A2}",
        published="2025-02-18",
        offset=0,
    )
    hang = Official(
        "Lê Thị Thu Hằng",
        ["vice-ministre des Affaires étrangères"],
        "VN",
        evidence=[_ev(a, SENT_A, "Lê Thị Thu Hằng")],
    )
    meder = Official(
        "Abakirov Meder",
        ["vice-ministre des Affaires étrangères"],
        "KG",
        evidence=[_ev(a, SENT_A, "Abakirov Meder")],
    )
    call = Event(
        "PhoneCall",
        [hang, meder],
        ["VN", "KG"],
        start=PartialDate(None, 2, 17),
        label="conversation téléphonique",
        evidence=[_ev(a, SENT_A, "conversation téléphonique")],
    )
    friends = Relation(
        "TraditionalFriendship",
        ("KG", "VN"),
        since=PartialDate(1992),
        evidence=[_ev(a, SENT_A2, "amis traditionnels")],
    )
    ex_a = Extraction(a, [hang, meder], [call], [friends])

    b = Document(
        "001_bbb",
        "001_bbb.txt",
        "Tô Lâm reçoit Cyril Ramaphosa",
        f"Titre\n{SENT_B}",
        url="https://fr.vietnamplus.vn/article-b.vnp",
        published="2025-03",
        offset=500,
    )
    lam = Official("Tô Lâm", ["secrétaire général"], "VN", evidence=[_ev(b, SENT_B, "Tô Lâm")])
    cyril = Official(
        "Cyril Ramaphosa", ["président"], "ZA", evidence=[_ev(b, SENT_B, "Cyril Ramaphosa")]
    )
    reception = Event(
        "Reception",
        [lam, cyril],
        ["VN", "ZA"],
        start=PartialDate(2025, 3, 10),
        place="Hanoï",
        evidence=[_ev(b, SENT_B, "a reçu")],
    )
    ex_b = Extraction(b, [lam, cyril], [reception], [])

    c = Document("002_ccc#2", "002_ccc.txt", "Teaser", f"{SENT_C}", published="2025", offset=1234)
    lam_c = Official("To Lam", [], None, evidence=[_ev(c, SENT_C, "To Lam")])
    cyril_c = Official(
        "Matamela Cyril Ramaphosa",
        ["président sud-africain"],
        None,
        evidence=[_ev(c, SENT_C, "Matamela Cyril Ramaphosa")],
    )
    reception_c = Event(
        "Reception",
        [lam_c, cyril_c],
        ["VN", "ZA"],
        start=PartialDate(2025, 3, 10),
        place="Hanoï",
        evidence=[_ev(c, SENT_C, "ont salué")],
    )
    partners_c = Relation(
        "StrategicPartnership",
        ("VN", "ZA"),
        since=PartialDate(2004, 12),
        evidence=[_ev(c, SENT_C, "partenariat stratégique")],
    )
    ex_c = Extraction(c, [lam_c, cyril_c], [reception_c], [partners_c])

    d = Document("rec-1", "records.jsonl", "Visioconférence", SENT_D, published="2025-05", line=3)
    costa = Official(
        "António Costa",
        ["président du Conseil européen"],
        "EU",
        evidence=[_ev(d, SENT_D, "António Costa")],
    )
    cuong = Official("Luong Cuong", [], "VN", evidence=[_ev(d, SENT_D, "Luong Cuong")])
    video = Event(
        "VideoCall",
        [costa, cuong],
        ["EU", "VN"],
        start=PartialDate(2025, 5),
        evidence=[_ev(d, SENT_D, "visioconférence")],
    )
    partners_d = Relation(
        "StrategicPartnership",
        ("VN", "ZA"),
        since=PartialDate(2004),
        evidence=[_ev(d, SENT_D, "s'est entretenu")],
    )
    eu = Relation(
        "ComprehensivePartnership", ("VN", "EU"), evidence=[_ev(d, SENT_D, "Conseil européen")]
    )
    ex_d = Extraction(d, [costa, cuong], [video], [partners_d, eu], organizations=["EU", "ASEAN"])
    return [ex_a, ex_b, ex_c, ex_d]


def shuffled_corpus(seed: int) -> list[Extraction]:
    exs = corpus()
    rnd = random.Random(seed)
    rnd.shuffle(exs)
    for e in exs:
        rnd.shuffle(e.officials)
        rnd.shuffle(e.events)
        rnd.shuffle(e.relations)
    return exs


@pytest.fixture(scope="module")
def dataset():
    return build_dataset(resolve(corpus()), load_lexicon())


@pytest.fixture(scope="module")
def merged(dataset):
    return merged_graph(dataset)


def ask(graph, query: str) -> bool:
    return bool(graph.query(query, initNs=PREFIXES).askAnswer)


def rows(graph, query: str) -> set[tuple]:
    return {tuple(r) for r in graph.query(query, initNs=PREFIXES)}


R = "https://w3id.org/bilateral-kg/resource/"


# --- articles ------------------------------------------------------------------------------


def test_one_named_graph_per_article(dataset):
    names = {g.identifier for g in dataset.graphs() if len(g)}
    assert names == {article_iri(i) for i in ("000_aaa", "001_bbb", "002_ccc#2", "rec-1")}


def test_article_description_with_typed_publication_dates(merged):
    got = rows(
        merged,
        """SELECT ?id ?file ?date WHERE {
        ?a a bkg:Article ; dcterms:identifier ?id ; bkg:sourceFile ?file ; dcterms:title ?t ;
           schema:datePublished ?date }""",
    )
    assert (
        Literal("000_aaa"),
        Literal("000_aaa.txt"),
        Literal("2025-02-18", datatype=XSD.date),
    ) in got
    assert (
        Literal("001_bbb"),
        Literal("001_bbb.txt"),
        Literal("2025-03", datatype=XSD.gYearMonth),
    ) in got
    assert (
        Literal("002_ccc#2"),
        Literal("002_ccc.txt"),
        Literal("2025", datatype=XSD.gYear),
    ) in got
    assert ask(
        merged,
        f"""ASK {{ <{R}article/001_bbb> schema:url <https://fr.vietnamplus.vn/article-b.vnp> }}""",
    )
    assert article_iri("002_ccc#2") == URIRef(f"{R}article/002_ccc/2")


# --- officials -----------------------------------------------------------------------------


def test_official_triples(merged):
    hang = official_iri("le-thi-thu-hang")
    assert ask(
        merged,
        f"""ASK {{ <{hang}> a bkg:Official ;
        schema:name "Lê Thị Thu Hằng" ;
        schema:nationality <{R}country/VN> ;
        schema:jobTitle "vice-ministre des Affaires étrangères" ;
        prov:wasDerivedFrom <{R}article/000_aaa> ;
        bkg:mention ?m . ?m bkg:article <{R}article/000_aaa> }}""",
    )


def test_one_official_across_articles_merges_spellings_roles_and_sources(merged):
    cyril = official_iri("matamela-cyril-ramaphosa")
    names = {str(o) for o in merged.objects(cyril, URIRef("https://schema.org/name"))}
    assert names == {"Cyril Ramaphosa", "Matamela Cyril Ramaphosa"}
    roles = {str(o) for o in merged.objects(cyril, URIRef("https://schema.org/jobTitle"))}
    assert roles == {"président", "président sud-africain"}
    sources = rows(merged, f"SELECT ?a WHERE {{ <{cyril}> prov:wasDerivedFrom ?a }}")
    assert sources == {(article_iri("001_bbb"),), (article_iri("002_ccc#2"),)}
    assert rows(merged, f"SELECT ?c WHERE {{ <{cyril}> schema:nationality ?c }}") == {
        (URIRef(f"{R}country/ZA"),)
    }
    lam = rows(merged, "SELECT ?o WHERE { ?o schema:name ?n FILTER(?n IN ('Tô Lâm', 'To Lam')) }")
    assert lam == {(official_iri("to-lam"),)}


def test_official_of_an_organisation_has_the_organisation_as_nationality(merged):
    assert ask(
        merged, f"ASK {{ <{R}official/antonio-costa> schema:nationality <{R}organization/EU> }}"
    )


# --- met -----------------------------------------------------------------------------------


def test_met_links_the_participants_of_a_contact_event_both_ways(merged):
    hang, meder = official_iri("le-thi-thu-hang"), official_iri("abakirov-meder")
    assert ask(merged, f"ASK {{ <{hang}> bkg:met <{meder}> . <{meder}> bkg:met <{hang}> }}")
    assert ask(
        merged, f"ASK {{ <{R}official/to-lam> bkg:met <{R}official/matamela-cyril-ramaphosa> }}"
    )


def test_met_is_symmetric_and_never_reflexive(merged):
    assert not ask(merged, "ASK { ?a bkg:met ?b FILTER NOT EXISTS { ?b bkg:met ?a } }")
    assert not ask(merged, "ASK { ?a bkg:met ?a }")
    assert len(rows(merged, "SELECT ?a ?b WHERE { ?a bkg:met ?b }")) == 6


def test_met_is_written_in_the_article_graph_of_the_event(dataset):
    g = dataset.graph(article_iri("000_aaa"))
    assert (
        official_iri("le-thi-thu-hang"),
        URIRef(PREFIXES["bkg"] + "met"),
        official_iri("abakirov-meder"),
    ) in g


# --- events --------------------------------------------------------------------------------


def test_event_triples_and_yearless_date_as_gmonthday(merged):
    got = rows(
        merged,
        """SELECT ?e ?start WHERE {
        ?e a bkg:Event, bkg:PhoneCall ; schema:startDate ?start ;
           bkg:participant <https://w3id.org/bilateral-kg/resource/official/le-thi-thu-hang>,
                           <https://w3id.org/bilateral-kg/resource/official/abakirov-meder> ;
           bkg:country <https://w3id.org/bilateral-kg/resource/country/VN>,
                       <https://w3id.org/bilateral-kg/resource/country/KG> ;
           schema:name "conversation téléphonique" ;
           prov:wasDerivedFrom <https://w3id.org/bilateral-kg/resource/article/000_aaa> ;
           bkg:evidence ?s }""",
    )
    assert len(got) == 1
    ((event, start),) = got
    assert start == Literal("--02-17", datatype=XSD.gMonthDay)
    assert str(event).startswith(f"{R}event/phonecall/--02-17/")


def test_event_read_in_two_articles_is_one_node_with_both_sources(merged):
    got = rows(
        merged,
        """SELECT ?e ?a ?place WHERE { ?e a bkg:Reception ; prov:wasDerivedFrom ?a ;
        schema:location ?place ; schema:startDate "2025-03-10"^^xsd:date }""",
    )
    assert {e for e, _, _ in got} == {next(iter(got))[0]}
    assert {a for _, a, _ in got} == {article_iri("001_bbb"), article_iri("002_ccc#2")}
    assert {p for _, _, p in got} == {Literal("Hanoï")}
    event = next(iter(got))[0]
    assert len(set(merged.objects(event, URIRef(PREFIXES["bkg"] + "evidence")))) == 2
    assert str(event).startswith(f"{R}event/reception/2025-03-10/")


def test_event_dates_typed_by_precision(merged):
    assert ask(
        merged,
        'ASK { ?e a bkg:VideoCall ; schema:startDate "2025-05"^^xsd:gYearMonth ; '
        "bkg:country <https://w3id.org/bilateral-kg/resource/organization/EU> }",
    )


def test_mentions_carry_article_sentence_and_offsets(merged):
    got = rows(
        merged,
        f"""SELECT ?m ?s ?start ?end WHERE {{
        <{R}official/matamela-cyril-ramaphosa> bkg:mention ?m .
        ?m a bkg:Mention ; bkg:article <{R}article/002_ccc/2> ; bkg:sentence ?s ;
           bkg:startOffset ?start ; bkg:endOffset ?end }}""",
    )
    assert len(got) == 1
    ((m, s, start, end),) = got
    assert str(s) == SENT_C
    n = len(SENT_C)
    assert (start.toPython(), end.toPython()) == (0, n)
    assert start.datatype == end.datatype == XSD.nonNegativeInteger
    assert m == mention_iri("002_ccc#2", 0, n)
    assert str(m) == f"{R}mention/002_ccc/2/0-{n}"


def test_file_offset_of_a_mention_is_its_article_offset_plus_its_start(merged):
    # bkg:fileOffset is on the article (ontology: domain bkg:Article); a mention's place in
    # the source file is that plus its bkg:startOffset
    got = rows(
        merged,
        f"""SELECT ?start ?file WHERE {{
        <{R}official/to-lam> bkg:mention ?m . ?m bkg:article ?a ; bkg:startOffset ?start .
        ?a bkg:fileOffset ?file ; dcterms:identifier "001_bbb" }}""",
    )
    assert {(a.toPython(), b.toPython()) for a, b in got} == {(6, 500)}
    assert ask(
        merged, f'ASK {{ <{R}article/002_ccc/2> bkg:fileOffset "1234"^^xsd:nonNegativeInteger }}'
    )
    assert not ask(merged, "ASK { ?m a bkg:Mention ; bkg:fileOffset ?x }")


def test_urls_become_valid_iris():
    from kg.graph import _url

    assert _url("https://ex.org/a b[1]?q=100%") == URIRef("https://ex.org/a%20b%5B1%5D?q=100%25")
    assert _url("https://fr.vietnamplus.vn/x-y.vnp?a=%C3%A9") == URIRef(
        "https://fr.vietnamplus.vn/x-y.vnp?a=%C3%A9"
    )
    assert _url("https://vi.wiki/Tô_Lâm") == URIRef("https://vi.wiki/T%C3%B4_L%C3%A2m")
    assert _url("www.example.org/a") == Literal("www.example.org/a", datatype=XSD.anyURI)


def test_mention_of_an_empty_span_is_left_out():
    d = Document("x", "x.txt", "t", "Tô Lâm est là.")
    o = Official("Tô Lâm", country="VN", evidence=[Evidence("x", "", 3, 3)])
    g = merged_graph(build_dataset(resolve([Extraction(d, [o])]), load_lexicon()))
    assert not ask(g, "ASK { ?m a bkg:Mention }")
    assert ask(g, "ASK { ?o a bkg:Official ; prov:wasDerivedFrom ?a }")


def test_events_and_relations_have_mentions(merged):
    assert not ask(
        merged,
        "ASK { ?x a ?c FILTER(?c IN (bkg:Event, bkg:BilateralRelation)) "
        "FILTER NOT EXISTS { ?x bkg:mention/a bkg:Mention } }",
    )


# --- relations -----------------------------------------------------------------------------


def test_relation_triples_and_related_to_both_ways(merged):
    rel = URIRef(f"{R}relation/KG-VN/TraditionalFriendship")
    assert ask(
        merged,
        f"""ASK {{ <{rel}> a bkg:BilateralRelation ;
        bkg:party <{R}country/KG>, <{R}country/VN> ; bkg:relationKind bkg:TraditionalFriendship ;
        bkg:since "1992"^^xsd:gYear ; prov:wasDerivedFrom <{R}article/000_aaa> ;
        bkg:evidence "{SENT_A2}" ; bkg:mention ?m }}""",
    )
    assert ask(
        merged,
        f"ASK {{ <{R}country/KG> bkg:relatedTo <{R}country/VN> . "
        f"<{R}country/VN> bkg:relatedTo <{R}country/KG> }}",
    )
    assert not ask(merged, "ASK { ?a bkg:relatedTo ?b FILTER NOT EXISTS { ?b bkg:relatedTo ?a } }")


def test_relation_read_twice_keeps_the_most_precise_since_and_both_sources(merged):
    rel = URIRef(f"{R}relation/VN-ZA/StrategicPartnership")
    assert rows(merged, f"SELECT ?d WHERE {{ <{rel}> bkg:since ?d }}") == {
        (Literal("2004-12", datatype=XSD.gYearMonth),)
    }
    assert len(rows(merged, f"SELECT ?a WHERE {{ <{rel}> prov:wasDerivedFrom ?a }}")) == 2
    assert len(rows(merged, f"SELECT ?p WHERE {{ <{rel}> bkg:party ?p }}")) == 2


def test_relation_with_an_organisation(merged):
    assert ask(
        merged,
        f"""ASK {{ <{R}relation/EU-VN/ComprehensivePartnership> bkg:party <{R}organization/EU> ;
        bkg:party <{R}country/VN> . <{R}organization/EU> bkg:relatedTo <{R}country/VN> }}""",
    )


# --- countries and organisations -----------------------------------------------------------


def test_country_nodes(merged):
    assert ask(
        merged,
        f"""ASK {{ <{R}country/VN> a bkg:Country ; schema:name "Vietnam"@fr ;
        bkg:isoCode "VN" ; owl:sameAs <http://www.wikidata.org/entity/Q881> }}""",
    )
    assert not ask(merged, "ASK { ?c a bkg:Country ; bkg:code ?x }")


def test_country_written_in_each_article_graph_that_uses_it(dataset):
    for ident in ("000_aaa", "001_bbb", "rec-1"):
        g = dataset.graph(article_iri(ident))
        assert ask(g, f'ASK {{ <{R}country/VN> a bkg:Country ; bkg:isoCode "VN" }}'), ident


def test_organisation_nodes_with_code_for_intergovernmental_ones(merged):
    assert ask(
        merged,
        f"""ASK {{ <{R}organization/EU> a bkg:Organization ; schema:name ?n ;
        bkg:code "EU" . <{R}organization/ASEAN> bkg:code "ASEAN" }}""",
    )
    codes = {str(c) for (c,) in rows(merged, "SELECT ?c WHERE { ?o bkg:code ?c }")}
    assert not codes & set(load_lexicon().countries)


# --- hygiene -------------------------------------------------------------------------------


def test_no_blank_nodes(merged):
    assert not any(isinstance(t, BNode) for triple in merged for t in triple)


def test_same_graph_whatever_the_input_order():
    reference = merged_graph(build_dataset(resolve(corpus()), load_lexicon()))
    for seed in range(3):
        other = merged_graph(build_dataset(resolve(shuffled_corpus(seed)), load_lexicon()))
        assert set(other) == set(reference)


def test_unresolved_extractions_are_an_error_the_graph_step_does_not_resolve():
    with pytest.raises(ValueError, match="identity keys.*resolve"):
        build_dataset(corpus(), load_lexicon())
    g = merged_graph(build_dataset(resolve(corpus()), load_lexicon()))
    assert (official_iri("to-lam"), None, None) in g


def test_text_from_inputs_is_sanitised_in_literals():
    d = Document("x", "x.txt", "Ti\x00tre\x07", "Le Thi\x0c Hang\ud800 a vu Tô Lâm.")
    o = Official(
        "Le Thi\x0c Hang\ud800", ["ministre\x01"], "VN", evidence=[Evidence("x", d.text, 0, 10)]
    )
    g = merged_graph(build_dataset(resolve([Extraction(d, [o])]), load_lexicon()))
    text = "".join(str(t) for triple in g for t in triple if isinstance(t, Literal))
    assert not any(c in text for c in "\x00\x01\x07\x0c\ud800")
    g.serialize(format="xml")  # would raise on an illegal XML character


def test_clean_text():
    assert clean_text("a\x00b") == "ab"
    assert clean_text("a\x01b\x1fc") == "a b c"
    assert clean_text("tab\tnl\ncr\r") == "tab\tnl\ncr\r"
    assert clean_text("x\ufffey\uffff") == "xy"
    assert clean_text("lone \ud800 high, lone \udc00 low") == "lone \ufffd high, lone \ufffd low"
    assert clean_text("pair \ud83d\ude00") == "pair \U0001f600"
    assert clean_text("Tô Lâm — «ok» \u0085 \U0001f600") == "Tô Lâm — «ok» \u0085 \U0001f600"
    assert text_literal("a\x00", lang="fr") == Literal("a", lang="fr")


def test_date_literal_types_and_impossible_dates():
    assert date_literal(PartialDate(None, 2, 17)) == Literal("--02-17", datatype=XSD.gMonthDay)
    assert date_literal(PartialDate(2025)) == Literal("2025", datatype=XSD.gYear)
    assert date_literal(PartialDate(2025, 2, 30)) == Literal("2025-02", datatype=XSD.gYearMonth)
    assert date_literal(PartialDate(None, 2, 29)) == Literal("--02-29", datatype=XSD.gMonthDay)
    assert date_literal(PartialDate(None, 2, 30)) is None
    assert date_literal(None) is None


# --- SHACL ---------------------------------------------------------------------------------

SHAPES = ONTOLOGY_DIR / "shapes.ttl"
ONTOLOGY = ONTOLOGY_DIR / "bilateral.ttl"


def test_built_graph_conforms_to_the_shapes(merged):
    pyshacl = pytest.importorskip("pyshacl")
    from rdflib import Graph

    shapes = Graph().parse(SHAPES, format="turtle")
    onto = Graph().parse(ONTOLOGY, format="turtle") if ONTOLOGY.exists() else None
    conforms, _, text = pyshacl.validate(
        merged, shacl_graph=shapes, ont_graph=onto, inference="none", allow_warnings=True
    )
    assert conforms, text


def test_corpus_helper_is_importable_from_a_subprocess():
    # test_export runs corpus() in subprocesses through this file's path
    assert Path(__file__).name == "test_graph.py"


def test_mention_without_a_sentence_takes_it_from_the_article_text():
    d = Document("x", "x.txt", "t", "Titre. Tô Lâm est là.")
    o = Official("Tô Lâm", country="VN", evidence=[Evidence("x", "", 7, 21)])
    g = merged_graph(build_dataset(resolve([Extraction(d, [o])]), load_lexicon()))
    assert ask(g, 'ASK { ?m a bkg:Mention ; bkg:sentence "Tô Lâm est là." }')
