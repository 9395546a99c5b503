"""Test data for the query, store and format tests (no tests in here).

- :func:`mini_build` — a small hand-made build (graph.ttl + graph.trig) in the contract's
  shape, modelled on the seeds' gold, with every case the named queries must handle
  (yearless and partial dates, date ranges, organisations, an official without country,
  mentions and bare evidence). The query tests assert its exact rows.
- :func:`seed_build` — the real build of ``seeds/`` (``kg build``), made once per test run.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.namespaces import (
    BKG,
    BKGR,
    ONTOLOGY_IRI,
    PREFIXES,
    SCHEMA,
    WD,
    article_iri,
    country_iri,
    official_iri,
    organization_iri,
)

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT.parent / "shared" / "corpus" / "seeds-gold"

A = article_iri("000_db8182452ac2254e")
A2 = article_iri("000_db8182452ac2254e#2")
B = article_iri("001_289cb39495fb1572")

LTH, AM = official_iri("le-thi-thu-hang"), official_iri("abakirov-meder")
TL, TS = official_iri("to-lam"), official_iri("thongloun-sisoulith")
MT, CS = official_iri("mazen-turki-el-qadi"), official_iri("coly-seck")
NM = official_iri("nguyen-mystere")

E_CALL = BKGR["event/phonecall/vn-kg-0217"]
E_VISIT = BKGR["event/visit/vn-la-2026-02-05"]
E_MEET = BKGR["event/meeting/to-lam-mazen"]
E_RECEPTION = BKGR["event/reception/vn-kh-0204"]
E_CONF = BKGR["event/conference/vn-un-2026-02-03"]
E_ESTAB = BKGR["event/establishment/eu-vn-1990"]
E_ANNIV = BKGR["event/anniversary/eu-vn-2025"]
E_PT = BKGR["event/visit/vn-pt-1122"]
E_TALKS = BKGR["event/talks/vn-kg-2025-11"]
E_VIDEO = BKGR["event/videocall/vn-ru-2024"]
E_VIDEO_MENTION = BKGR["mention/videocall-1"]

R_CSP = BKGR["relation/RU-VN/ComprehensiveStrategicPartnership"]
R_DIP_EU = BKGR["relation/EU-VN/DiplomaticRelations"]
R_FRIEND = BKGR["relation/KG-VN/TraditionalFriendship"]
R_SPECIAL = BKGR["relation/LA-VN/SpecialRelationship"]
R_DIP_RU = BKGR["relation/RU-VN/DiplomaticRelations"]

CALL_SENTENCE = (
    "Le 17 février, la vice-ministre des Affaires étrangères Le Thi Thu Hang s'est "
    "entretenue au téléphone avec son homologue kirghiz Abakirov Meder."
)


# Parameters the engine-agreement tests run every named query with (on the mini build).
CASES = {
    "meetings-between": [
        {"a": "VN", "b": "KG"},
        {"a": "KG", "b": "VN"},
        {"a": "VN", "b": "EU"},
        {"a": "VN", "b": "LA"},
    ],
    "official": [
        {"official": "Tô Lâm"},
        {"official": "Le Thi Thu Hang"},
        {"official": "bkgr:official/mazen-turki-el-qadi"},
        {"official": "nobody"},
    ],
    "relations-of": [{"country": "vn"}, {"country": "EU"}, {"country": "RU"}],
    "partners-by-year": [{"country": "VN"}, {"country": "KG"}],
    "events-in-range": [
        {"from": "2026-01", "to": "2026-02"},
        {"from": "2025-11-25", "to": "2026-01-15"},
        {"from": "1990", "to": "2024"},
        {"from": "2025-02-10", "to": "2025-02-20"},
    ],
    "evidence": [
        {"fact": "bkgr:event/videocall/vn-ru-2024"},
        {"fact": "bkgr:event/phonecall/vn-kg-0217"},
        {"fact": "bkgr:official/to-lam"},
        {"fact": "bkgr:relation/EU-VN/DiplomaticRelations"},
    ],
    "officials-without-country": [{}],
}
ALL_CASES = [(name, p) for name, ps in CASES.items() for p in ps]


def d(value: str, kind: str = "date") -> Literal:
    return Literal(value, datatype=XSD[kind])


def _merged() -> Graph:
    g = Graph()
    for p, ns in PREFIXES.items():
        g.bind(p, ns)
    add = g.add
    for iri, ident, title, url in [
        (A, "000_db8182452ac2254e", "Le Vietnam et le Kirghizistan", None),
        (A2, "000_db8182452ac2254e#2", "Vietnam–UE : 35 ans", None),
        (B, "001_289cb39495fb1572", "Tô Lâm au Laos", "https://example.org/b"),
    ]:
        add((iri, RDF.type, BKG.Article))
        add((iri, DCTERMS.identifier, Literal(ident)))
        add((iri, DCTERMS.title, Literal(title)))
        add((iri, BKG.sourceFile, Literal(ident.split("#")[0] + ".txt")))
        if url:
            add((iri, SCHEMA.url, URIRef(url)))
    for iso, name, q in [
        ("VN", "Vietnam", 881),
        ("KG", "Kirghizistan", 813),
        ("LA", "Laos", 819),
        ("RU", "Russie", 159),
        ("KH", "Cambodge", 424),
        ("PT", "Portugal", 45),
        ("JO", "Jordanie", 810),
    ]:
        c = country_iri(iso)
        add((c, RDF.type, BKG.Country))
        add((c, SCHEMA.name, Literal(name, lang="fr")))
        add((c, BKG.isoCode, Literal(iso)))
        add((c, OWL.sameAs, WD[f"Q{q}"]))
    for code, name in [("EU", "Union européenne"), ("UN", "Organisation des Nations unies")]:
        o = organization_iri(code)
        add((o, RDF.type, BKG.Organization))
        add((o, SCHEMA.name, Literal(name, lang="fr")))
        add((o, BKG.code, Literal(code)))
    for o, names, nat, roles, src in [
        (
            LTH,
            ["Le Thi Thu Hang"],
            country_iri("VN"),
            ["vice-ministre des Affaires étrangères"],
            [A, A2],
        ),
        (
            AM,
            ["Abakirov Meder"],
            country_iri("KG"),
            ["vice-ministre des Affaires étrangères"],
            [A, A2],
        ),
        (TL, ["Tô Lâm", "To Lam"], country_iri("VN"), ["secrétaire général du PCV"], [B]),
        (
            TS,
            ["Thongloun Sisoulith"],
            country_iri("LA"),
            ["secrétaire général du Comité central du PPRL et président"],
            [B],
        ),
        (MT, ["Mazen Turki El Qadi"], None, ["président de la Chambre des représentants"], [B]),
        (CS, ["Coly Seck"], organization_iri("UN"), [], [A]),
        (NM, ["Nguyen Mystère"], BKGR["country/ZZ"], ["conseiller"], [A, B]),
    ]:
        add((o, RDF.type, BKG.Official))
        for n in names:
            add((o, SCHEMA.name, Literal(n)))
        if nat is not None:
            add((o, SCHEMA.nationality, nat))
        for r in roles:
            add((o, SCHEMA.jobTitle, Literal(r)))
        for s in src:
            add((o, PROV.wasDerivedFrom, s))
    events = [
        (
            E_CALL,
            "PhoneCall",
            [LTH, AM],
            ["VN", "KG"],
            d("--02-17", "gMonthDay"),
            None,
            "Hanoï",
            [A],
        ),
        (E_VISIT, "Visit", [TL, TS], ["VN", "LA"], d("2026-02-05"), None, "Laos", [B]),
        (E_MEET, "Meeting", [TL, MT], ["VN", "JO"], None, None, None, [B]),
        (
            E_RECEPTION,
            "Reception",
            [],
            ["VN", "KH"],
            d("--02-04", "gMonthDay"),
            None,
            "Can Tho",
            [B],
        ),
        (E_CONF, "Conference", [], ["VN", "UN"], d("2026-02-03"), None, "Genève", [B]),
        (E_ESTAB, "Establishment", [], ["VN", "EU"], d("1990-11-28"), None, None, [A2]),
        (E_ANNIV, "Anniversary", [], ["VN", "EU"], d("2025-11-28"), None, None, [A2]),
        (
            E_PT,
            "Visit",
            [],
            ["VN", "PT"],
            d("--11-22", "gMonthDay"),
            d("--11-27", "gMonthDay"),
            "Portugal",
            [A],
        ),
        (E_TALKS, "Talks", [LTH, AM], ["VN", "KG"], d("2025-11", "gYearMonth"), None, None, [A2]),
        (E_VIDEO, "VideoCall", [TL], ["VN", "RU"], d("2024", "gYear"), None, None, [B]),
    ]
    for ev, kind, people, codes, start, end, place, src in events:
        add((ev, RDF.type, BKG.Event))
        add((ev, RDF.type, BKG[kind]))
        for p in people:
            add((ev, BKG.participant, p))
        for c in codes:
            add((ev, BKG.country, organization_iri(c) if c in ("EU", "UN") else country_iri(c)))
        if start is not None:
            add((ev, SCHEMA.startDate, start))
        if end is not None:
            add((ev, SCHEMA.endDate, end))
        if place:
            add((ev, SCHEMA.location, Literal(place)))
        for s in src:
            add((ev, PROV.wasDerivedFrom, s))
    for a, b in [(LTH, AM), (TL, TS), (TL, MT)]:
        add((a, BKG.met, b))
        add((b, BKG.met, a))
    # evidence: the call has a mention (sentence + offsets) and its sentence as evidence;
    # the video call has a mention of another sentence and one more bare evidence sentence
    add((E_CALL, BKG.evidence, Literal(CALL_SENTENCE)))
    m = BKGR["mention/phonecall-1"]
    add((E_CALL, BKG.mention, m))
    add((m, RDF.type, BKG.Mention))
    add((m, BKG.article, A))
    add((m, BKG.sentence, Literal(CALL_SENTENCE)))
    add((m, BKG.startOffset, Literal(120, datatype=XSD.nonNegativeInteger)))
    add((m, BKG.endOffset, Literal(120 + len(CALL_SENTENCE), datatype=XSD.nonNegativeInteger)))
    add((E_VIDEO, BKG.evidence, Literal("Tô Lâm a eu un entretien en ligne avec la Russie.")))
    add((E_VIDEO, BKG.evidence, Literal("L'entretien a eu lieu en 2024.")))
    add((E_VIDEO, BKG.mention, E_VIDEO_MENTION))
    add((E_VIDEO_MENTION, RDF.type, BKG.Mention))
    add((E_VIDEO_MENTION, BKG.article, B))
    add(
        (
            E_VIDEO_MENTION,
            BKG.sentence,
            Literal("Tô Lâm a eu un entretien en ligne avec la Russie."),
        )
    )
    add((E_VIDEO_MENTION, BKG.startOffset, Literal(10, datatype=XSD.nonNegativeInteger)))
    add((E_VIDEO_MENTION, BKG.endOffset, Literal(58, datatype=XSD.nonNegativeInteger)))
    add((E_VISIT, BKG.evidence, Literal("Le 5 février 2026, Tô Lâm est arrivé à Vientiane.")))
    relations = [
        (R_CSP, "ComprehensiveStrategicPartnership", ("RU", "VN"), None, [B]),
        (R_DIP_EU, "DiplomaticRelations", ("EU", "VN"), d("1990-11-28"), [A2]),
        (R_FRIEND, "TraditionalFriendship", ("KG", "VN"), None, [A]),
        (R_SPECIAL, "SpecialRelationship", ("LA", "VN"), d("1977", "gYear"), [B]),
        (R_DIP_RU, "DiplomaticRelations", ("RU", "VN"), None, [B]),
    ]
    for rel, kind, (x, y), since, src in relations:
        px = organization_iri(x) if x in ("EU", "UN") else country_iri(x)
        py = country_iri(y)
        add((rel, RDF.type, BKG.BilateralRelation))
        add((rel, BKG.party, px))
        add((rel, BKG.party, py))
        add((rel, BKG.relationKind, BKG[kind]))
        if since is not None:
            add((rel, BKG.since, since))
        for s in src:
            add((rel, PROV.wasDerivedFrom, s))
        add((rel, BKG.evidence, Literal(f"Relation {x}–{y}.")))
        add((px, BKG.relatedTo, py))
        add((py, BKG.relatedTo, px))
    return g


def _ontology() -> Graph:
    g = Graph()
    g.add((BKG.Official, RDF.type, OWL.Class))
    g.add((BKG.Official, RDFS.label, Literal("official", lang="en")))
    g.add((BKG.ComprehensiveStrategicPartnership, RDF.type, SKOS.Concept))
    g.add(
        (
            BKG.ComprehensiveStrategicPartnership,
            SKOS.prefLabel,
            Literal("partenariat stratégique intégral", lang="fr"),
        )
    )
    return g


def mini_dataset() -> tuple[Dataset, Graph]:
    """(dataset, merged): one named graph per article holding its facts, plus the ontology."""
    merged = _merged()
    ds = Dataset()
    for p, ns in PREFIXES.items():
        ds.bind(p, ns)
    articles = sorted(merged.subjects(RDF.type, BKG.Article))
    for art in articles:
        g = ds.graph(art)
        subjects = {art} | set(merged.subjects(PROV.wasDerivedFrom, art))
        subjects |= {m for s in list(subjects) for m in merged.objects(s, BKG.mention)}
        for s in subjects:
            for _, p, o in merged.triples((s, None, None)):
                if p == BKG.met:
                    continue
                g.add((s, p, o))
                if p in (BKG.country, BKG.party, SCHEMA.nationality, BKG.participant):
                    for t in merged.triples((o, None, None)):
                        if t[1] not in (
                            BKG.met,
                            BKG.relatedTo,
                            PROV.wasDerivedFrom,
                            SCHEMA.jobTitle,
                        ):
                            g.add(t)
        for a, _, b in merged.triples((None, BKG.met, None)):
            if (a, PROV.wasDerivedFrom, art) in merged and (b, PROV.wasDerivedFrom, art) in merged:
                g.add((a, BKG.met, b))
        for x, _, y in merged.triples((None, BKG.relatedTo, None)):
            if any(
                (r, PROV.wasDerivedFrom, art) in merged
                for r in merged.subjects(BKG.party, x)
                if (r, BKG.party, y) in merged
            ):
                g.add((x, BKG.relatedTo, y))
    onto = ds.graph(URIRef(ONTOLOGY_IRI))
    for t in _ontology():
        onto.add(t)
    return ds, merged


def write_mini_build(folder: Path) -> Path:
    """graph.ttl (the merge) and graph.trig (per article + ontology) into ``folder``."""
    ds, merged = mini_dataset()
    folder.mkdir(parents=True, exist_ok=True)
    merged.serialize(folder / "graph.ttl", format="turtle")
    ds.serialize(folder / "graph.trig", format="trig")
    return folder


@lru_cache(maxsize=None)
def mini_build() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="kg-mini-"))
    atexit.register(shutil.rmtree, folder, True)
    return write_mini_build(folder)


@lru_cache(maxsize=None)
def seed_build() -> Path:
    """``kg build seeds --out TMP``, once per test run; the folder is removed at exit."""
    from kg.pipeline import build

    folder = Path(tempfile.mkdtemp(prefix="kg-seeds-"))
    atexit.register(shutil.rmtree, folder, True)
    build([str(SEEDS)], str(folder), quiet=True)
    for name in ("graph.ttl", "graph.trig"):
        assert (folder / name).is_file(), f"kg build seeds wrote no {name}"
    return folder


def seed_cases(store) -> list[tuple[str, dict]]:
    """Parameters to run every named query with on the seed build (``store`` holds it)."""
    from kg.query import run_named

    meetings = run_named(store, "meetings-between", {"a": "VN", "b": "KG"}).values()
    call = next(r["event"] for r in meetings if r["kind"] == "PhoneCall")
    relation = run_named(store, "relations-of", {"country": "VN"}).values()[0]["relation"]
    return [
        ("meetings-between", {"a": "VN", "b": "KG"}),
        ("meetings-between", {"a": "LA", "b": "VN"}),
        ("official", {"official": "Tô Lâm"}),
        ("official", {"official": "Le Thi Thu Hang"}),
        ("relations-of", {"country": "VN"}),
        ("relations-of", {"country": "EU"}),
        ("partners-by-year", {"country": "VN"}),
        ("events-in-range", {"from": "2026-02", "to": "2026-02"}),
        ("events-in-range", {"from": "1990", "to": "2030"}),
        ("evidence", {"fact": call}),
        ("evidence", {"fact": relation}),
        ("evidence", {"fact": "bkgr:official/to-lam"}),
        ("officials-without-country", {}),
    ]
