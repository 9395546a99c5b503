"""The ontology (ontology/bilateral.ttl) and the SHACL shapes (ontology/shapes.ttl).

- both files parse in rdflib and, when installed, in pyoxigraph;
- every `bkg:` term of CONTRACT.md is defined, with French and English labels and comments;
- the relation and event kinds carry the gold annotations' names as skos:notation;
- the shapes accept a small hand-written graph that follows the contract and reject graphs
  that break it (three parties, impossible dates, untyped events, one-way links…).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "bilateral.ttl"
SHAPES = ROOT / "ontology" / "shapes.ttl"
CONTRACT = ROOT.parent / "shared" / "CONTRACT.md"
ONTOLOGY_IRI = URIRef("https://w3id.org/bilateral-kg/ontology")

BKG = Namespace("https://w3id.org/bilateral-kg/ontology#")
SH = Namespace("http://www.w3.org/ns/shacl#")
CAMEO = "https://w3id.org/bilateral-kg/cameo#"
PLOVER = "https://w3id.org/bilateral-kg/plover#"

# the names the gold annotations use (shared/corpus/GOLD_FORMAT.md)
RELATION_NOTATIONS = {
    "ComprehensiveStrategicPartnership": "comprehensive_strategic_partnership",
    "StrategicPartnership": "strategic_partnership",
    "ComprehensivePartnership": "comprehensive_partnership",
    "SpecialRelationship": "special_relationship",
    "TraditionalFriendship": "traditional_friendship",
    "DiplomaticRelations": "diplomatic_relations",
    "FreeTradeAgreement": "free_trade_agreement",
    "CooperationAgreement": "cooperation_agreement",
    "OtherRelation": "other",
}
EVENT_NOTATIONS = {
    "Talks": "talks",
    "Reception": "reception",
    "PhoneCall": "phone_call",
    "VideoCall": "video_call",
    "Visit": "visit",
    "Meeting": "meeting",
    "Conference": "conference",
    "Signing": "signature",
    "Anniversary": "anniversary",
    "Establishment": "establishment",
    "OtherEvent": "other",
}
CONTACT_KINDS = {"Talks", "Reception", "PhoneCall", "VideoCall", "Visit", "Meeting"}
# CAMEO codebook labels of the codes the alignment may use
CAMEO_CODES = {
    "04": "Consult",
    "040": "Consult, not specified below",
    "041": "Discuss by telephone",
    "042": "Make a visit",
    "043": "Host a visit",
    "044": "Meet at a 'third' location",
    "045": "Mediate",
    "046": "Engage in negotiation",
    "05": "Engage in diplomatic cooperation",
    "051": "Praise or endorse",
    "054": "Grant diplomatic recognition",
    "057": "Sign formal agreement",
}
PLOVER_TYPES = {"CONSULT", "SUPPORT", "AGREE", "COOPERATE"}
PLOVER_CONSULT_MODES = {"phone", "visit", "host", "third-party", "multilateral"}


@pytest.fixture(scope="module")
def onto() -> Graph:
    g = Graph()
    g.parse(ONTOLOGY, format="turtle")
    return g


@pytest.fixture(scope="module")
def shapes() -> Graph:
    g = Graph()
    g.parse(SHAPES, format="turtle")
    return g


def langs(g: Graph, s, p) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for o in g.objects(s, p):
        if isinstance(o, Literal):
            out.setdefault(o.language or "", []).append(str(o))
    return out


def bkg_subjects(g: Graph) -> set[URIRef]:
    return {s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(str(BKG))}


# --- parsing ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [ONTOLOGY, SHAPES], ids=lambda p: p.name)
def test_parses_in_oxigraph(path):
    pyoxigraph = pytest.importorskip("pyoxigraph")
    with open(path, "rb") as f:
        fmt = getattr(pyoxigraph, "RdfFormat", None)
        quads = list(pyoxigraph.parse(f, fmt.TURTLE if fmt else "text/turtle"))
    g = Graph()
    g.parse(path, format="turtle")
    assert len(quads) == len(g) > 0


def test_ontology_header(onto):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in onto
    assert onto.value(ONTOLOGY_IRI, OWL.versionInfo) == Literal("0.1.0")
    titles = langs(onto, ONTOLOGY_IRI, DCTERMS.title)
    assert titles.get("fr") and titles.get("en")


def test_uses_the_contract_prefixes():
    text = ONTOLOGY.read_text(encoding="utf-8")
    for prefix, ns in [
        ("bkg", "https://w3id.org/bilateral-kg/ontology#"),
        ("bkgr", "https://w3id.org/bilateral-kg/resource/"),
        ("schema", "https://schema.org/"),
        ("prov", "http://www.w3.org/ns/prov#"),
        ("skos", "http://www.w3.org/2004/02/skos/core#"),
        ("dcterms", "http://purl.org/dc/terms/"),
        ("owl", "http://www.w3.org/2002/07/owl#"),
        ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ]:
        assert re.search(rf"@prefix\s+{prefix}:\s*<{re.escape(ns)}>", text), prefix


# --- the contract's terms -----------------------------------------------------------------


def contract_terms() -> set[str]:
    if not CONTRACT.exists():
        pytest.skip(f"{CONTRACT} not found")
    text = CONTRACT.read_text(encoding="utf-8")
    return set(re.findall(r"(?<![\w-])bkg:([A-Za-z][A-Za-z0-9_]*)", text))


def test_contract_names_the_expected_terms():
    terms = contract_terms()
    assert {"Official", "Event", "BilateralRelation", "met", "relatedTo", "evidence"} <= terms


def test_every_contract_term_is_defined(onto):
    missing = []
    for name in sorted(contract_terms()):
        term = BKG[name]
        kinds = set(onto.objects(term, RDF.type))
        if not kinds & {
            OWL.Class,
            OWL.ObjectProperty,
            OWL.DatatypeProperty,
            SKOS.Concept,
            SKOS.ConceptScheme,
        }:
            missing.append(f"{name}: not declared")
            continue
        labels, comments = langs(onto, term, RDFS.label), langs(onto, term, RDFS.comment)
        for lang in ("fr", "en"):
            if not labels.get(lang):
                missing.append(f"{name}: no rdfs:label@{lang}")
            if not comments.get(lang):
                missing.append(f"{name}: no rdfs:comment@{lang}")
    assert not missing, missing


def test_every_bkg_term_is_documented(onto):
    problems = []
    for term in sorted(bkg_subjects(onto)):
        labels, comments = langs(onto, term, RDFS.label), langs(onto, term, RDFS.comment)
        for lang in ("fr", "en"):
            if len(labels.get(lang, [])) != 1:
                problems.append(f"{term}: needs exactly one rdfs:label@{lang}")
            if not comments.get(lang):
                problems.append(f"{term}: no rdfs:comment@{lang}")
        if (term, RDFS.isDefinedBy, ONTOLOGY_IRI) not in onto:
            problems.append(f"{term}: no rdfs:isDefinedBy")
    assert not problems, problems


def test_properties_have_domain_and_range(onto):
    for p in set(onto.subjects(RDF.type, OWL.ObjectProperty)) | set(
        onto.subjects(RDF.type, OWL.DatatypeProperty)
    ):
        if not str(p).startswith(str(BKG)):
            continue
        assert onto.value(p, RDFS.range) is not None, f"{p} has no range"
        if p != BKG.mention:  # any fact may carry a mention
            assert onto.value(p, RDFS.domain) is not None, f"{p} has no domain"


def test_class_hierarchy(onto):
    schema = Namespace("https://schema.org/")
    prov = Namespace("http://www.w3.org/ns/prov#")
    assert (BKG.Official, RDFS.subClassOf, schema.Person) in onto
    assert (BKG.Country, RDFS.subClassOf, schema.Country) in onto
    assert (BKG.Organization, RDFS.subClassOf, schema.Organization) in onto
    assert (BKG.Event, RDFS.subClassOf, schema.Event) in onto
    assert (BKG.Article, RDFS.subClassOf, schema.NewsArticle) in onto
    assert (BKG.Article, RDFS.subClassOf, prov.Entity) in onto
    assert (BKG.Contact, RDFS.subClassOf, BKG.Event) in onto
    for name in EVENT_NOTATIONS:
        parent = BKG.Contact if name in CONTACT_KINDS else BKG.Event
        assert (BKG[name], RDFS.subClassOf, parent) in onto, name
    for p in (BKG.met, BKG.relatedTo):
        assert (p, RDF.type, OWL.SymmetricProperty) in onto
    assert onto.value(BKG.met, RDFS.domain) == BKG.Official == onto.value(BKG.met, RDFS.range)
    assert onto.value(BKG.participant, RDFS.range) == BKG.Official
    xsd_nni = URIRef("http://www.w3.org/2001/XMLSchema#nonNegativeInteger")
    for p in (BKG.startOffset, BKG.endOffset, BKG.fileOffset):
        assert onto.value(p, RDFS.range) == xsd_nni


def test_external_terms_are_not_redefined(onto):
    for s in onto.subjects():
        if isinstance(s, URIRef) and not str(s).startswith(("https://w3id.org/bilateral-kg/",)):
            preds = set(onto.predicates(s))
            assert preds <= {SKOS.scopeNote}, f"{s} is given {preds - {SKOS.scopeNote}}"


# --- SKOS schemes ---------------------------------------------------------------------------


def test_relation_kinds(onto):
    members = set(onto.subjects(SKOS.inScheme, BKG.RelationKinds))
    assert members == {BKG[n] for n in RELATION_NOTATIONS}
    assert (BKG.RelationKinds, RDF.type, SKOS.ConceptScheme) in onto
    for name, notation in RELATION_NOTATIONS.items():
        c = BKG[name]
        assert (c, RDF.type, SKOS.Concept) in onto
        assert [str(n) for n in onto.objects(c, SKOS.notation)] == [notation]
        pref = langs(onto, c, SKOS.prefLabel)
        assert len(pref.get("fr", [])) == 1 and len(pref.get("en", [])) == 1, name
    alt = {str(a) for a in onto.objects(BKG.ComprehensiveStrategicPartnership, SKOS.altLabel)}
    assert {
        "partenariat stratégique global",
        "partenariat de coopération stratégique intégral",
    } <= alt


def test_event_kinds(onto):
    members = set(onto.subjects(SKOS.inScheme, BKG.EventKinds))
    assert members == {BKG[n] for n in EVENT_NOTATIONS}
    for name, notation in EVENT_NOTATIONS.items():
        c = BKG[name]
        assert {OWL.Class, SKOS.Concept} <= set(onto.objects(c, RDF.type)), name
        assert [str(n) for n in onto.objects(c, SKOS.notation)] == [notation]


def test_skos_labels_are_consistent(onto):
    for c in set(onto.subjects(RDF.type, SKOS.Concept)) | set(
        onto.subjects(RDF.type, SKOS.ConceptScheme)
    ):
        pref = langs(onto, c, SKOS.prefLabel)
        assert all(len(v) == 1 for v in pref.values()), f"{c}: several prefLabels in one language"
        for lang, alts in langs(onto, c, SKOS.altLabel).items():
            assert not set(alts) & set(pref.get(lang, [])), f"{c}: altLabel repeats prefLabel"


def test_cameo_and_plover_alignment(onto):
    match = (SKOS.closeMatch, SKOS.broadMatch, SKOS.relatedMatch, SKOS.exactMatch)
    targets = {o for p in match for o in onto.objects(None, p)}
    for t in targets:
        t = str(t)
        assert t.startswith((CAMEO, PLOVER)), t
    for t in {str(t) for t in targets} | {str(s) for s in onto.subjects(SKOS.inScheme, None)}:
        if t.startswith(CAMEO):
            code = t[len(CAMEO) :]
            assert code in CAMEO_CODES, f"not a CAMEO code this ontology knows: {code}"
            c = URIRef(t)
            assert [str(n) for n in onto.objects(c, SKOS.notation)] == [code]
            assert (
                str(onto.value(c, SKOS.prefLabel)) if (c, SKOS.prefLabel, None) in onto else False
            )
            assert CAMEO_CODES[code] in langs(onto, c, SKOS.prefLabel).get("en", []), code
        elif t.startswith(PLOVER):
            local = t[len(PLOVER) :]
            kind, _, mode = local.partition("-")
            assert kind in PLOVER_TYPES, local
            assert not mode or (kind == "CONSULT" and mode in PLOVER_CONSULT_MODES), local
    closes = lambda k: {str(o) for o in onto.objects(BKG[k], SKOS.closeMatch)}  # noqa: E731
    assert CAMEO + "041" in closes("PhoneCall") and PLOVER + "CONSULT-phone" in closes("PhoneCall")
    assert CAMEO + "042" in closes("Visit")
    assert CAMEO + "043" in closes("Reception")
    assert CAMEO + "057" in closes("Signing")
    assert not list(onto.objects(BKG.Anniversary, SKOS.closeMatch))
    assert not list(onto.objects(BKG.OtherEvent, SKOS.closeMatch))


# --- SHACL ----------------------------------------------------------------------------------

PREFIXES = """
@prefix bkg:     <https://w3id.org/bilateral-kg/ontology#> .
@prefix bkgr:    <https://w3id.org/bilateral-kg/resource/> .
@prefix schema:  <https://schema.org/> .
@prefix prov:    <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix owl:     <http://www.w3.org/2002/07/owl#> .
@prefix xsd:     <http://www.w3.org/2001/XMLSchema#> .
@prefix wd:      <http://www.wikidata.org/entity/> .
@prefix art:     <https://w3id.org/bilateral-kg/resource/article/> .
@prefix ctry:    <https://w3id.org/bilateral-kg/resource/country/> .
@prefix org:     <https://w3id.org/bilateral-kg/resource/organization/> .
@prefix off:     <https://w3id.org/bilateral-kg/resource/official/> .
@prefix ev:      <https://w3id.org/bilateral-kg/resource/event/> .
@prefix rel:     <https://w3id.org/bilateral-kg/resource/relation/> .
@prefix men:     <https://w3id.org/bilateral-kg/resource/mention/> .
"""

CONFORMING = (
    PREFIXES
    + """
art:000_db8182452ac2254e a bkg:Article ;
    dcterms:identifier "000_db8182452ac2254e" ;
    dcterms:title "Le Vietnam et le Kirghizistan renforcent leur coopération" ;
    bkg:sourceFile "000_db8182452ac2254e.txt" ;
    bkg:fileOffset "0"^^xsd:nonNegativeInteger ;
    schema:url <https://example.org/article> ;
    schema:datePublished "2025-02-18"^^xsd:date .

ctry:VN a bkg:Country ; schema:name "Vietnam"@fr ; bkg:isoCode "VN" ; owl:sameAs wd:Q881 .
ctry:KG a bkg:Country ; schema:name "Kirghizistan"@fr ; bkg:isoCode "KG" ; owl:sameAs wd:Q813 .
org:EAEU a bkg:Organization ; schema:name "Union économique eurasienne"@fr ; bkg:code "EAEU" .
org:EU a bkg:Organization ; schema:name "Union européenne"@fr ; bkg:code "EU" .

off:le-thi-thu-hang a bkg:Official ;
    schema:name "Le Thi Thu Hang" ;
    schema:jobTitle "vice-ministre des Affaires étrangères"@fr ;
    schema:nationality ctry:VN ;
    prov:wasDerivedFrom art:000_db8182452ac2254e ;
    bkg:met off:abakirov-meder .
off:abakirov-meder a bkg:Official ;
    schema:name "Abakirov Meder" ;
    schema:nationality ctry:KG ;
    prov:wasDerivedFrom art:000_db8182452ac2254e ;
    bkg:met off:le-thi-thu-hang .

ev:call-1 a bkg:Event , bkg:PhoneCall ;
    bkg:participant off:le-thi-thu-hang , off:abakirov-meder ;
    bkg:country ctry:VN , ctry:KG ;
    schema:startDate "--02-17"^^xsd:gMonthDay ;
    schema:location "Hanoï" ;
    prov:wasDerivedFrom art:000_db8182452ac2254e ;
    bkg:evidence "Le 17 février, la vice-ministre Le Thi Thu Hang a eu un entretien téléphonique avec Abakirov Meder." ;
    bkg:mention men:1 .
ev:visit-1 a bkg:Event , bkg:Visit ;
    bkg:country ctry:VN ;
    schema:startDate "2021-09-25"^^xsd:date ; schema:endDate "2021-09-29"^^xsd:date ;
    prov:wasDerivedFrom art:000_db8182452ac2254e ;
    bkg:evidence "Visite du 25 au 29 septembre 2021." .

men:1 a bkg:Mention ;
    bkg:article art:000_db8182452ac2254e ;
    bkg:sentence "Le 17 février" ;
    bkg:startOffset "10"^^xsd:nonNegativeInteger ; bkg:endOffset "23"^^xsd:nonNegativeInteger .

rel:KG-VN-traditional-friendship a bkg:BilateralRelation ;
    bkg:party ctry:VN , ctry:KG ;
    bkg:relationKind bkg:TraditionalFriendship ;
    bkg:since "1992"^^xsd:gYear ;
    prov:wasDerivedFrom art:000_db8182452ac2254e ;
    bkg:evidence "Les deux pays entretiennent une amitié traditionnelle." .
rel:EAEU-VN-free-trade-agreement a bkg:BilateralRelation ;
    bkg:party ctry:VN , org:EAEU ;
    bkg:relationKind bkg:FreeTradeAgreement ;
    prov:wasDerivedFrom art:000_db8182452ac2254e ;
    bkg:evidence "L'accord de libre-échange entre le Vietnam et l'UEE." .
ctry:VN bkg:relatedTo ctry:KG , org:EAEU .
ctry:KG bkg:relatedTo ctry:VN .
org:EAEU bkg:relatedTo ctry:VN .
"""
)

# each broken fact, and the (focus node, path or None) the report must name
BROKEN = (
    PREFIXES
    + """
art:a a bkg:Article ; dcterms:identifier "a" ; dcterms:title "A" ; bkg:sourceFile "a.txt" .
ctry:VN a bkg:Country ; schema:name "Vietnam"@fr ; bkg:isoCode "VN" ; owl:sameAs wd:Q881 .
ctry:KG a bkg:Country ; schema:name "Kirghizistan"@fr ; bkg:isoCode "KG" ; owl:sameAs wd:Q813 .
ctry:LA a bkg:Country ; schema:name "Laos"@fr ; bkg:isoCode "LA" ; owl:sameAs wd:Q819 .
ctry:US a bkg:Country ; schema:name "États-Unis"@fr ; bkg:isoCode "us" ; owl:sameAs wd:Q30 .
ctry:FR a bkg:Country ; schema:name "France"@fr ; bkg:isoCode "FR" ; owl:sameAs <https://example.org/France> .
org:AU a bkg:Organization ; schema:name "Union africaine"@fr ; bkg:code "AU" .

rel:three a bkg:BilateralRelation ;
    bkg:party ctry:VN , ctry:KG , ctry:LA ;
    bkg:relationKind bkg:SpecialRelationship ;
    prov:wasDerivedFrom art:a ; bkg:evidence "…" .
rel:kind a bkg:BilateralRelation ;
    bkg:party ctry:VN , ctry:LA ;
    bkg:relationKind bkg:Talks ;
    prov:wasDerivedFrom art:a ; bkg:evidence "…" .
ctry:VN bkg:relatedTo ctry:KG , ctry:LA .
ctry:KG bkg:relatedTo ctry:VN , ctry:LA .
ctry:LA bkg:relatedTo ctry:VN , ctry:KG .

ev:bad-date a bkg:Event , bkg:Visit ;
    schema:startDate "2025-13-45"^^xsd:date ;
    prov:wasDerivedFrom art:a ; bkg:evidence "…" .
ev:string-date a bkg:Event , bkg:Talks ;
    schema:startDate "2025-02-17"^^xsd:string ;
    prov:wasDerivedFrom art:a ; bkg:evidence "…" .
ev:untyped a bkg:Event ;
    prov:wasDerivedFrom art:a ; bkg:evidence "…" .
ev:not-materialised a bkg:Reception ;
    prov:wasDerivedFrom art:a ; bkg:evidence "…" .
ev:no-evidence a bkg:Event , bkg:Meeting ;
    prov:wasDerivedFrom art:a .

off:one-way a bkg:Official ;
    schema:name "One Way" ; prov:wasDerivedFrom art:a ;
    bkg:met off:other .
off:other a bkg:Official ;
    schema:name "Other" ; prov:wasDerivedFrom art:a .
"""
)

EXPECTED_VIOLATIONS = {
    ("relation/three", "party"),
    ("relation/kind", "relationKind"),
    ("country/US", "isoCode"),
    ("country/FR", "sameAs"),
    ("organization/AU", "code"),
    ("event/bad-date", "startDate"),
    ("event/string-date", "startDate"),
    ("event/untyped", None),
    ("event/not-materialised", "type"),
    ("event/no-evidence", "evidence"),
    ("official/one-way", None),
}


def validate(data: str, shapes: Graph, onto: Graph, **kw):
    pyshacl = pytest.importorskip("pyshacl")
    g = Graph()
    g.parse(data=data, format="turtle")
    conforms, report, text = pyshacl.validate(
        g, shacl_graph=shapes, ont_graph=onto, inference="none", advanced=True, **kw
    )
    results = set()
    for r in report.subjects(RDF.type, SH.ValidationResult):
        focus = str(report.value(r, SH.focusNode)).replace(
            "https://w3id.org/bilateral-kg/resource/", ""
        )
        path = report.value(r, SH.resultPath)
        local = re.split(r"[#/]", str(path))[-1] if path is not None else None
        results.add((focus, local, str(report.value(r, SH.resultSeverity)).split("#")[-1]))
    return conforms, results, text


def test_shapes_graph_is_valid_shacl(shapes, onto):
    conforms, results, text = validate(CONFORMING, shapes, onto, meta_shacl=True)
    assert conforms, text


def test_conforming_graph_passes(shapes, onto):
    conforms, results, text = validate(CONFORMING, shapes, onto)
    assert conforms and not results, text


def test_conforming_graph_passes_with_the_ontology_in_the_data(shapes, onto):
    # graph.trig carries the ontology next to the facts
    conforms, results, text = validate(
        CONFORMING + ONTOLOGY.read_text(encoding="utf-8"), shapes, onto
    )
    assert conforms and not results, text


def test_broken_graph_fails_where_expected(shapes, onto):
    conforms, results, text = validate(BROKEN, shapes, onto)
    assert not conforms
    violations = {(focus, path) for focus, path, severity in results if severity == "Violation"}
    for focus, path in EXPECTED_VIOLATIONS:
        if path is None:
            assert any(f == focus for f, _ in violations), f"no violation on {focus}\n{text}"
        else:
            assert (focus, path) in violations, f"no violation on {focus} {path}\n{text}"
    flagged = {f for f, _ in violations}
    assert "relation/three" in flagged and "event/bad-date" in flagged
    assert "official/other" in flagged or "official/one-way" in flagged
    # nothing that follows the contract is flagged
    assert not flagged & {"country/VN", "country/KG", "country/LA", "article/a"}, text


@pytest.mark.parametrize(
    "snippet, focus, path",
    [
        (
            "rel:r a bkg:BilateralRelation ; bkg:party ctry:VN ; "
            'bkg:relationKind bkg:OtherRelation ; prov:wasDerivedFrom art:a ; bkg:evidence "x" .',
            "relation/r",
            "party",
        ),
        (
            'ev:e a bkg:Event , bkg:Visit ; schema:startDate "2025-02-10"^^xsd:date , "2025-02-11"^^xsd:date ; '
            'prov:wasDerivedFrom art:a ; bkg:evidence "x" .',
            "event/e",
            "startDate",
        ),
        (
            'ev:e a bkg:Event , bkg:Visit ; schema:startDate "2025-02-10"^^xsd:date ; '
            'schema:endDate "2025-02-01"^^xsd:date ; prov:wasDerivedFrom art:a ; bkg:evidence "x" .',
            "event/e",
            None,
        ),
        (
            'ev:e a bkg:Event , bkg:Visit ; prov:wasDerivedFrom art:a ; bkg:evidence "x"@fr .',
            "event/e",
            "evidence",
        ),
        (
            "rel:r a bkg:BilateralRelation ; bkg:party ctry:VN , ctry:LA ; "
            'bkg:relationKind bkg:DiplomaticRelations ; bkg:since "1962-09-05"^^xsd:dateTime ; '
            'prov:wasDerivedFrom art:a ; bkg:evidence "x" . '
            "ctry:VN bkg:relatedTo ctry:LA . ctry:LA bkg:relatedTo ctry:VN .",
            "relation/r",
            "since",
        ),
        (
            'art:b a bkg:Article ; dcterms:identifier "b" , "c" ; dcterms:title "B" ; bkg:sourceFile "b.txt" .',
            "article/b",
            "identifier",
        ),
        (
            'ctry:XX a bkg:Country ; schema:name "Vietnam"@fr ; bkg:isoCode "VN" ; owl:sameAs wd:Q881 .',
            "country/XX",
            None,
        ),
        (
            'men:m a bkg:Mention ; bkg:article art:a ; bkg:sentence "x" ; '
            'bkg:startOffset "5"^^xsd:nonNegativeInteger ; bkg:endOffset "5"^^xsd:nonNegativeInteger .',
            "mention/m",
            None,
        ),
        # offsets are typed xsd:nonNegativeInteger, as the ontology's ranges say (a bare 5 is xsd:integer)
        (
            'men:m a bkg:Mention ; bkg:article art:a ; bkg:sentence "xxxxx" ; bkg:startOffset 0 ; '
            'bkg:endOffset "5"^^xsd:nonNegativeInteger .',
            "mention/m",
            "startOffset",
        ),
        (
            'off:Bad_Slug a bkg:Official ; schema:name "Bad" ; prov:wasDerivedFrom art:a .',
            "official/Bad_Slug",
            None,
        ),
        (
            'off:x a bkg:Official ; schema:name "X" ; prov:wasDerivedFrom ctry:VN .',
            "official/x",
            "wasDerivedFrom",
        ),
    ],
)
def test_single_breaches(shapes, onto, snippet, focus, path):
    base = (
        PREFIXES
        + """
art:a a bkg:Article ; dcterms:identifier "a" ; dcterms:title "A" ; bkg:sourceFile "a.txt" .
ctry:VN a bkg:Country ; schema:name "Vietnam"@fr ; bkg:isoCode "VN" ; owl:sameAs wd:Q881 .
ctry:LA a bkg:Country ; schema:name "Laos"@fr ; bkg:isoCode "LA" ; owl:sameAs wd:Q819 .
"""
    )
    conforms, results, text = validate(base + snippet, shapes, onto)
    assert not conforms, text
    hits = {(f, p) for f, p, s in results if s == "Violation"}
    assert (focus, path) in hits if path else any(f == focus for f, _ in hits), text
