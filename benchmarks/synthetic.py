"""Synthetic graphs in the contract's vocabulary, for benchmarks of views and queries.

They have the shape of a real build (countries, officials, contact events, relations,
articles, evidence) at any size, generated deterministically from a seed.

>>> g = synthetic_graph(n_officials=50, seed=1)
>>> len(g) > 500
True
"""

from __future__ import annotations

import random

from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, XSD

from kg.kinds import CONTACT_KINDS, RELATION_KINDS
from kg.namespaces import BKG, BKGR, PREFIXES, SCHEMA, WD, article_iri, country_iri, official_iri

_ISO = [
    "VN",
    "LA",
    "KH",
    "TH",
    "CN",
    "RU",
    "US",
    "FR",
    "DE",
    "JP",
    "KR",
    "IN",
    "ID",
    "SG",
    "MY",
    "PH",
    "GB",
    "IT",
    "ES",
    "BR",
    "AR",
    "CU",
    "ZA",
    "EG",
    "AU",
    "CA",
    "MX",
    "KG",
    "KZ",
    "HU",
]
# the named kinds of kg.kinds.RELATION_KINDS, in the order the draws were first made with (a
# new order would change every synthetic graph)
_REL_KINDS = [
    "ComprehensiveStrategicPartnership",
    "StrategicPartnership",
    "ComprehensivePartnership",
    "TraditionalFriendship",
    "DiplomaticRelations",
    "FreeTradeAgreement",
    "CooperationAgreement",
    "SpecialRelationship",
]
if sorted(_REL_KINDS) != sorted(k for k in RELATION_KINDS if k != "OtherRelation"):
    raise RuntimeError("benchmarks/synthetic.py: _REL_KINDS must name kg.kinds.RELATION_KINDS")
_ROLES = [
    "ministre des Affaires étrangères",
    "vice-ministre",
    "ambassadeur",
    "président",
    "Premier ministre",
    "secrétaire général",
]


_FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Phan",
    "Vũ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Müller",
    "Sánchez",
    "Gómez",
    "Léger",
    "Hervé",
    "Çelik",
    "Öztürk",
    "Šimić",
    "Dvořák",
    "Søren",
    "Ibáñez",
]
_MIDDLE = ["Văn", "Thị", "Minh", "Đức", "Quốc", "Hữu", "Ngọc", "Thành", "Xuân", "Hải"]
_GIVEN = [
    "Hùng",
    "Dũng",
    "Phúc",
    "Trọng",
    "Lâm",
    "Sơn",
    "Hằng",
    "Khôi",
    "Tuyên",
    "Élise",
    "Zoë",
    "José",
    "Jürgen",
    "François",
    "Anaïs",
    "Thắng",
    "Quỳnh",
    "Hương",
    "Chính",
    "Đạt",
]


def accented_name(i: int) -> str:
    """The ``i``-th of 250,000 distinct names written with diacritics ("Nguyễn Văn Hùng
    Élise"), so that search without accents is exercised at any size."""
    parts = []
    for table in (_FAMILY, _MIDDLE, _GIVEN, _GIVEN):
        i, r = divmod(i, len(table))
        parts.append(table[r])
    if i:
        raise ValueError("accented_name: index too large")
    return " ".join(parts)


def synthetic_graph(
    n_officials: int = 100,
    seed: int = 0,
    events_per_official: float = 1.5,
    n_articles: int | None = None,
    accented: bool = False,
) -> Graph:
    """A graph with ``n_officials`` officials and about ``events_per_official`` contacts each
    (named "Official 7", or with diacritics when ``accented``).

    The node count of the full network view is about ``n_officials * 2.6`` (officials, events,
    countries); triples grow about 25 per official.
    """
    rnd = random.Random(seed)
    g = Graph()
    for p, ns in PREFIXES.items():
        g.bind(p, ns)
    n_articles = n_articles or max(1, n_officials // 3)
    n_countries = min(len(_ISO), max(2, n_officials // 4))
    countries = _ISO[:n_countries]
    for i, iso in enumerate(countries):
        c = country_iri(iso)
        g.add((c, RDF.type, BKG.Country))
        g.add((c, SCHEMA.name, Literal(f"Pays {iso}", lang="fr")))
        g.add((c, BKG.isoCode, Literal(iso)))
        g.add((c, OWL.sameAs, WD[f"Q{1000 + i}"]))
    articles = []
    for a in range(n_articles):
        art = article_iri(f"syn{a:06d}")
        articles.append(art)
        g.add((art, RDF.type, BKG.Article))
        g.add((art, DCTERMS.title, Literal(f"Article synthétique {a}")))
        g.add((art, DCTERMS.identifier, Literal(f"syn{a:06d}")))
        g.add((art, BKG.sourceFile, Literal("synthetic.jsonl")))
        g.add(
            (
                art,
                SCHEMA.datePublished,
                Literal(f"{2015 + a % 10}-{1 + a % 12:02d}-{1 + a % 28:02d}", datatype=XSD.date),
            )
        )
    officials = []
    for i in range(n_officials):
        o = official_iri(f"official-{i}")
        iso = countries[i % n_countries]
        officials.append((o, iso))
        g.add((o, RDF.type, BKG.Official))
        g.add((o, SCHEMA.name, Literal(accented_name(i) if accented else f"Official {i}")))
        g.add((o, SCHEMA.nationality, country_iri(iso)))
        g.add((o, SCHEMA.jobTitle, Literal(rnd.choice(_ROLES))))
        g.add((o, PROV.wasDerivedFrom, articles[i % n_articles]))
    n_events = int(n_officials * events_per_official)
    for e in range(n_events):
        (a, ca), (b, cb) = rnd.sample(officials, 2)
        kind = rnd.choice(CONTACT_KINDS)
        ev = BKGR[f"event/{kind.lower()}/syn-{e}"]
        art = articles[e % n_articles]
        year = 2015 + e % 10
        g.add((ev, RDF.type, BKG.Event))
        g.add((ev, RDF.type, BKG[kind]))
        for p in (a, b):
            g.add((ev, BKG.participant, p))
        for c in {ca, cb}:
            g.add((ev, BKG.country, country_iri(c)))
        g.add(
            (
                ev,
                SCHEMA.startDate,
                Literal(f"{year}-{1 + e % 12:02d}-{1 + e % 28:02d}", datatype=XSD.date),
            )
        )
        g.add((ev, PROV.wasDerivedFrom, art))
        g.add(
            (ev, BKG.evidence, Literal(f"Official {e} a rencontré son homologue le {1 + e % 28}."))
        )
        g.add((a, BKG.met, b))
        g.add((b, BKG.met, a))
    for r in range(max(1, n_countries * 2)):
        x, y = sorted(rnd.sample(countries, 2))
        kind = rnd.choice(_REL_KINDS)
        rel = BKGR[f"relation/{x}-{y}/{kind}"]
        g.add((rel, RDF.type, BKG.BilateralRelation))
        g.add((rel, BKG.party, country_iri(x)))
        g.add((rel, BKG.party, country_iri(y)))
        g.add((rel, BKG.relationKind, BKG[kind]))
        g.add((rel, PROV.wasDerivedFrom, articles[r % n_articles]))
        g.add((rel, BKG.evidence, Literal(f"Relation {x}–{y}.")))
        g.add((country_iri(x), BKG.relatedTo, country_iri(y)))
        g.add((country_iri(y), BKG.relatedTo, country_iri(x)))
    return g


def synthetic_graph_of_articles(n_articles: int, seed: int = 0) -> Graph:
    """A graph shaped like a build of ``n_articles`` articles: one official per 4 articles
    (names repeat across articles), 0.85 contact events per article, accented names. A
    10,000-article build of real news gave 12,647 nodes in network.html; this gives 11,530."""
    n_officials = max(2, n_articles // 4)
    return synthetic_graph(
        n_officials,
        seed,
        events_per_official=0.85 * n_articles / n_officials,
        n_articles=n_articles,
        accented=True,
    )


def synthetic_graph_of_size(n_triples: int, seed: int = 0) -> Graph:
    """A synthetic graph of roughly ``n_triples`` triples (within a few percent)."""
    n = max(4, n_triples // 25)
    g = synthetic_graph(n, seed)
    # one correction pass: the ratio depends a little on size
    if len(g):
        n = max(4, int(n * n_triples / len(g)))
        g = synthetic_graph(n, seed)
    return g
