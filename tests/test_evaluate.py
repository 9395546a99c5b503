"""kg.evaluate: agreement with the reference scorer, name matching, a graph scored by hand,
gold → graph, the command line and the Markdown report."""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import types
import unicodedata
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib import namespace as rdfns
from rdflib.namespace import DCTERMS, PROV, RDF

from kg import evaluate
from kg.cli import evaluate as cli_evaluate
from kg.evaluate import (
    Counts,
    gold_to_graph,
    load_graph,
    name_tokens,
    names_match,
    pairs_match,
    prf,
    score,
)
from kg.namespaces import BKG, BKGR, ONTOLOGY_IRI, SCHEMA

HERE = Path(__file__).resolve().parent
DATA = HERE / "data" / "evaluate"
SHARED = (Path(__file__).resolve().parents[1] / ".." / "shared").resolve()
SCORER = SHARED / "tools" / "score.py"
DEV_GOLD = SHARED / "corpus" / "dev" / "gold"
SEEDS_GOLD = SHARED / "corpus" / "seeds-gold"
GOLDS = {"dev": DEV_GOLD, "seeds": SEEDS_GOLD}

needs_shared = pytest.mark.skipif(
    not (SCORER.is_file() and DEV_GOLD.is_dir() and SEEDS_GOLD.is_dir()),
    reason=f"the shared corpus and reference scorer are not beside the project ({SHARED})",
)


# ---------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------


def reference(graph_file: Path, gold_dir: Path) -> dict:
    """The reference scorer's --json figures (its stdout is the JSON, then the F1 line)."""
    run = subprocess.run(
        [sys.executable, str(SCORER), str(graph_file), str(gold_dir), "--json"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    body, _, last = run.stdout.rstrip("\n").rpartition("\n")
    assert last.startswith("F1 officials="), run.stdout
    return json.loads(body)


def ours(graph_file: Path, gold_dir: Path) -> dict:
    return score(load_graph(graph_file), gold_dir).as_dict()


def write(graph: Graph, path: Path) -> Path:
    graph.serialize(str(path), format="turtle")
    return path


def copy(graph: Graph) -> Graph:
    out = Graph()
    for prefix, ns in graph.namespaces():
        out.bind(prefix, ns)
    for t in graph:
        out.add(t)
    return out


def officials(g: Graph) -> list[URIRef]:
    return sorted(g.subjects(RDF.type, BKG.Official))  # type: ignore[arg-type]


def events(g: Graph) -> list[URIRef]:
    return sorted(g.subjects(RDF.type, BKG.Event))  # type: ignore[arg-type]


def relations(g: Graph) -> list[URIRef]:
    return sorted(g.subjects(RDF.type, BKG.BilateralRelation))  # type: ignore[arg-type]


def articles_of(g: Graph, node: URIRef) -> list[URIRef]:
    return sorted(g.objects(node, PROV.wasDerivedFrom))  # type: ignore[arg-type]


def remove_node(g: Graph, node: URIRef) -> None:
    g.remove((node, None, None))
    g.remove((None, None, node))


def strip_accents(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c))


def set_names(g: Graph, node: URIRef, names: list[str]) -> None:
    g.remove((node, SCHEMA.name, None))
    for n in names:
        g.add((node, SCHEMA.name, Literal(n)))


def names_of(g: Graph, node: URIRef) -> list[str]:
    return sorted(str(n) for n in g.objects(node, SCHEMA.name))


# ---------------------------------------------------------------------------------------
# perturbations of a gold graph (each returns a new graph)
# ---------------------------------------------------------------------------------------


def drop_officials(g: Graph, rnd: random.Random | None = None) -> Graph:
    g = copy(g)
    for i, node in enumerate(officials(g)):
        if (rnd.random() < 0.25) if rnd else i % 3 == 0:
            remove_node(g, node)
    return g


def rename(g: Graph, rnd: random.Random | None = None) -> Graph:
    """Diacritics dropped, first token dropped (3 tokens → still a match, 2 → one token, no
    match), a token added (superset: match), or a different person."""
    g = copy(g)
    for i, node in enumerate(officials(g)):
        choice = rnd.randrange(5) if rnd else i % 5
        names = names_of(g, node)
        if choice == 0:
            set_names(g, node, [strip_accents(n) for n in names])
        elif choice == 1:
            set_names(g, node, [" ".join(n.split()[1:]) or n for n in names])
        elif choice == 2:
            set_names(g, node, [n + " Junior" for n in names])
        elif choice == 3 and i % 2:
            set_names(g, node, [f"Somebody Else {i}"])
    return g


def change_dates(g: Graph, rnd: random.Random | None = None) -> Graph:
    """Year dropped, day changed, date removed, or a second start date added."""
    g = copy(g)
    for i, node in enumerate(events(g)):
        dates = list(g.objects(node, SCHEMA.startDate))
        if not dates:
            continue
        d = str(dates[0])
        choice = rnd.randrange(5) if rnd else i % 5
        if choice == 0 and re.fullmatch(r"\d{4}-\d\d-\d\d", d):
            g.set((node, SCHEMA.startDate, Literal("--" + d[5:], datatype=rdfns.XSD.gMonthDay)))
        elif choice == 1:
            new = d[:-2] + ("28" if d[-2:] != "28" else "27")
            g.set((node, SCHEMA.startDate, Literal(new, datatype=dates[0].datatype)))
        elif choice == 2:
            g.remove((node, SCHEMA.startDate, None))
        elif choice == 3:
            g.add((node, SCHEMA.startDate, Literal("1999-01-01", datatype=rdfns.XSD.date)))
    return g


def _new_event(
    g: Graph, name: str, article: URIRef, people: list[URIRef], date: str | None = None
) -> URIRef:
    event = BKGR[f"event/zz-{name}"]
    g.add((event, RDF.type, BKG.Event))
    g.add((event, RDF.type, BKG.Meeting))
    g.add((event, PROV.wasDerivedFrom, article))
    for p in people:
        g.add((event, BKG.participant, p))
    if date:
        g.add((event, SCHEMA.startDate, Literal(date, datatype=rdfns.XSD.date)))
    return event


def spurious_meetings(g: Graph, rnd: random.Random | None = None) -> Graph:
    """Per article: a pair across countries, a same-delegation pair (neutral), a pair with an
    unknown person, a four-person event, and an event of two articles."""
    g = copy(g)
    by_article: dict[URIRef, list[URIRef]] = {}
    for node in officials(g):
        for a in articles_of(g, node):
            by_article.setdefault(a, []).append(node)
    stranger = BKGR["person/un-inconnu"]
    g.add((stranger, SCHEMA.name, Literal("Un Inconnu")))
    arts = sorted(by_article)
    for k, (article, people) in enumerate(sorted(by_article.items())):
        if rnd and rnd.random() < 0.5:
            continue
        nat = {p: g.value(p, SCHEMA.nationality) for p in people}
        across = [(a, b) for a in people for b in people if a < b and nat[a] != nat[b]]
        same = [(a, b) for a in people for b in people if a < b and nat[a] == nat[b]]
        tag = f"{k}"
        if across:
            a, b = across[-1]
            _new_event(g, f"across-{tag}", article, [a, b], "2020-02-02")
        if same:
            _new_event(g, f"same-{tag}", article, list(same[0]))
        _new_event(g, f"stranger-{tag}", article, [people[0], stranger])
        if len(people) >= 4:
            _new_event(g, f"four-{tag}", article, people[:4], "2021-03-03")
        if k + 1 < len(arts):
            other = by_article[arts[k + 1]][0]
            e = _new_event(g, f"two-articles-{tag}", article, [people[0], other])
            g.add((e, PROV.wasDerivedFrom, arts[k + 1]))
    return g


def swap_countries(g: Graph, rnd: random.Random | None = None) -> Graph:
    """Wrong nationalities, relation parties changed, kinds changed, removed or unknown,
    an organisation party, three parties."""
    g = copy(g)
    la, un = BKGR["country/LA"], BKGR["organization/UN"]
    g.add((la, RDF.type, BKG.Country))
    g.add((la, BKG.isoCode, Literal("LA")))
    g.add((un, RDF.type, BKG.Organization))
    g.add((un, BKG.code, Literal("UN")))
    for i, node in enumerate(officials(g)):
        if (rnd.random() < 0.2) if rnd else i % 4 == 0:
            g.set((node, SCHEMA.nationality, la))
        elif (rnd.random() < 0.1) if rnd else i % 4 == 1:
            g.add((node, SCHEMA.nationality, un))  # a second nationality, without isoCode
    for i, node in enumerate(relations(g)):
        choice = rnd.randrange(7) if rnd else i % 7
        parties = sorted(g.objects(node, BKG.party))
        if choice == 0:
            g.remove((node, BKG.party, parties[-1]))
            g.add((node, BKG.party, la))
        elif choice == 1:
            g.set((node, BKG.relationKind, BKG.StrategicPartnership))
        elif choice == 2:
            g.remove((node, BKG.relationKind, None))
        elif choice == 3:
            g.set((node, BKG.relationKind, URIRef("http://example.org/kinds#Alliance")))
        elif choice == 4:
            g.add((node, BKG.party, un))
        elif choice == 5:
            g.remove((node, BKG.party, parties[0]))
        elif choice == 6:
            g.add((node, BKG.relationKind, BKG.FreeTradeAgreement))  # two kinds
    return g


def duplicate_officials(g: Graph, rnd: random.Random | None = None) -> Graph:
    """Second nodes for some people: same article with another country (read before or
    after the first node), another article, a diacritic-free variant."""
    g = copy(g)
    la = BKGR["country/LA"]
    g.add((la, RDF.type, BKG.Country))
    g.add((la, BKG.isoCode, Literal("LA")))
    nodes = officials(g)
    for i, node in enumerate(nodes):
        if (rnd.random() > 0.3) if rnd else i % 3:
            continue
        prefix = "0" if i % 2 else "zz"  # sorts before / after the original node
        dup = URIRef(f"{BKGR}official/{prefix}-dup-{i}")
        g.add((dup, RDF.type, BKG.Official))
        for n in names_of(g, node):
            g.add((dup, SCHEMA.name, Literal(strip_accents(n) if i % 4 == 0 else n)))
        g.add((dup, SCHEMA.nationality, la))
        for a in articles_of(g, node):
            g.add((dup, PROV.wasDerivedFrom, a))
        if i % 5 == 0:
            g.add((dup, PROV.wasDerivedFrom, articles_of(g, nodes[(i + 7) % len(nodes)])[0]))
    return g


def merge_variants(g: Graph, rnd: random.Random | None = None) -> Graph:
    """Diacritic-free variants added as second names; some pairs of nodes merged into one."""
    g = copy(g)
    nodes = officials(g)
    for i, node in enumerate(nodes):
        if (rnd.random() < 0.5) if rnd else i % 2 == 0:
            for n in names_of(g, node):
                g.add((node, SCHEMA.name, Literal(strip_accents(n))))
    for i in range(0, len(nodes) - 1, 6):
        a, b = nodes[i], nodes[i + 1]
        for p, o in list(g.predicate_objects(b)):
            g.add((a, p, o))
        for s, p in list(g.subject_predicates(b)):
            g.add((s, p, a))
        remove_node(g, b)
    return g


def shuffle_articles(g: Graph, rnd: random.Random | None = None) -> Graph:
    """Teaser identifiers ("#2"), an article known by its file only, one without any key,
    one not typed bkg:Article, some with two identifiers (of one article, or of two)."""
    g = copy(g)
    arts = sorted(g.subjects(RDF.type, BKG.Article))
    for i, a in enumerate(arts):
        ident = str(g.value(a, DCTERMS.identifier))
        choice = i % 6
        if choice == 0:
            g.set((a, DCTERMS.identifier, Literal(ident + "#2")))
        elif choice == 1:
            g.remove((a, DCTERMS.identifier, None))
            g.set((a, BKG.sourceFile, Literal(f"corpus/{ident}.txt")))
        elif choice == 2 and i > 6:
            g.remove((a, DCTERMS.identifier, None))
            g.remove((a, BKG.sourceFile, None))
        elif choice == 3 and i > 6:
            g.remove((a, RDF.type, BKG.Article))
        elif choice == 4:
            g.add((a, DCTERMS.identifier, Literal(ident + "#1")))
        elif choice == 5:
            other = g.value(arts[i - 1], DCTERMS.identifier)
            g.add((a, DCTERMS.identifier, Literal(str(other or ident).split("#")[0])))
    return g


def everything(g: Graph, rnd: random.Random | None = None) -> Graph:
    for step in (
        drop_officials,
        rename,
        change_dates,
        spurious_meetings,
        swap_countries,
        duplicate_officials,
        merge_variants,
    ):
        g = step(g, rnd)
    return g


PERTURBATIONS = {
    f.__name__: f
    for f in (
        drop_officials,
        rename,
        change_dates,
        spurious_meetings,
        swap_countries,
        duplicate_officials,
        merge_variants,
        shuffle_articles,
        everything,
    )
}


@pytest.fixture(scope="module")
def gold_graphs() -> dict[str, Graph]:
    if not (DEV_GOLD.is_dir() and SEEDS_GOLD.is_dir()):
        pytest.skip(f"the shared corpus is not beside the project ({SHARED})")
    return {name: gold_to_graph(d) for name, d in GOLDS.items()}


# ---------------------------------------------------------------------------------------
# agreement with the reference scorer
# ---------------------------------------------------------------------------------------


@needs_shared
@pytest.mark.parametrize("corpus", sorted(GOLDS))
def test_gold_graph_agrees_and_scores_perfectly(corpus, gold_graphs, tmp_path):
    path = write(gold_graphs[corpus], tmp_path / "gold.ttl")
    mine, ref = ours(path, GOLDS[corpus]), reference(path, GOLDS[corpus])
    assert mine == ref
    for category in evaluate.CATEGORIES:
        assert mine[category]["f1"] == 1.0, category
        assert mine[category]["tp"] == mine[category]["gold"] > 0
    assert mine["meeting_date_exact"] == 1.0
    assert mine["duplicate_officials"] == 0


@needs_shared
@pytest.mark.parametrize("perturbation", sorted(PERTURBATIONS))
@pytest.mark.parametrize("corpus", sorted(GOLDS))
def test_perturbed_graph_agrees(corpus, perturbation, gold_graphs, tmp_path):
    graph = PERTURBATIONS[perturbation](gold_graphs[corpus])
    path = write(graph, tmp_path / f"{perturbation}.ttl")
    mine, ref = ours(path, GOLDS[corpus]), reference(path, GOLDS[corpus])
    assert mine == ref
    if perturbation != "shuffle_articles":  # the perturbation did change something
        assert mine != ours(write(gold_graphs[corpus], tmp_path / "gold.ttl"), GOLDS[corpus])


@needs_shared
@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("corpus", sorted(GOLDS))
def test_randomly_perturbed_graph_agrees(corpus, seed, gold_graphs, tmp_path):
    rnd = random.Random(seed)
    graph = everything(gold_graphs[corpus], rnd)
    if seed % 2:
        graph = shuffle_articles(graph, rnd)
    path = write(graph, tmp_path / "random.ttl")
    assert ours(path, GOLDS[corpus]) == reference(path, GOLDS[corpus])


@pytest.fixture(scope="module")
def real_build(tmp_path_factory) -> Path:
    """One build of the dev corpus and the seeds by the pipeline (a broken build fails)."""
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("build")
    build(
        [str(SHARED / "corpus" / "dev" / "articles.jsonl"), str(HERE.parent / "seeds")],
        out,
        quiet=True,
    )
    return out


@needs_shared
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.parametrize("corpus", sorted(GOLDS))
def test_real_build_agrees(corpus, real_build):
    """The pipeline's build is scored alike by both scorers, from graph.ttl, from
    graph.trig (named graphs + ontology) and from the build folder."""
    expected = reference(real_build / "graph.ttl", GOLDS[corpus])
    assert ours(real_build / "graph.ttl", GOLDS[corpus]) == expected
    assert ours(real_build / "graph.trig", GOLDS[corpus]) == expected
    assert ours(real_build, GOLDS[corpus]) == expected


@needs_shared
def test_tiny_graph_agrees_with_reference():
    assert ours(DATA / "tiny.ttl", DATA / "gold") == reference(DATA / "tiny.ttl", DATA / "gold")


@needs_shared
def test_json_and_summary_line_are_the_reference_output(tmp_path, capsys):
    graph = write(everything(gold_to_graph(DEV_GOLD), random.Random(7)), tmp_path / "g.ttl")
    run = subprocess.run(
        [sys.executable, str(SCORER), str(graph), str(DEV_GOLD), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert (
        cli_evaluate.run(
            argparse.Namespace(gold=str(DEV_GOLD), graph=str(graph), json=True, misses=False)
        )
        == 0
    )
    assert capsys.readouterr().out == run.stdout
    run = subprocess.run(
        [sys.executable, str(SCORER), str(graph), str(DEV_GOLD), "--misses"],
        capture_output=True,
        text=True,
        check=True,
    )
    reference_lines = run.stdout.splitlines()
    cli_evaluate.run(
        argparse.Namespace(gold=str(DEV_GOLD), graph=str(graph), json=False, misses=True)
    )
    mine = capsys.readouterr().out.splitlines()
    assert mine[-1] == reference_lines[-1]
    # every miss the reference lists is listed (relations: its order is a set's, ours sorted)
    assert set(reference_lines[:-1]) - {""} <= set(mine)


@needs_shared
@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_trig_is_scored_on_the_merged_view(gold_graphs, tmp_path):
    """graph.trig (one named graph per article, shared nodes repeated in several, plus the
    ontology's graph, left out) scores as graph.ttl; so does a build folder."""
    graph = spurious_meetings(rename(drop_officials(gold_graphs["dev"])))
    ttl = write(graph, tmp_path / "graph.ttl")
    ds = Dataset()
    for s, p, o in graph:
        arts = [a for a in graph.objects(s, PROV.wasDerivedFrom)] or [BKGR["shared"]]
        for a in arts:
            ds.graph(URIRef(str(a) + "#graph")).add((s, p, o))
    onto = ds.graph(URIRef(ONTOLOGY_IRI))
    intruder = BKGR["official/not-in-the-merged-view"]  # would be a spurious official
    onto.add((intruder, RDF.type, BKG.Official))
    onto.add((intruder, SCHEMA.name, Literal("Onto Logy")))
    onto.add((intruder, PROV.wasDerivedFrom, BKGR["article/001"]))
    onto.add((BKG.Official, RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")))
    ds.serialize(str(tmp_path / "graph.trig"), format="trig")
    expected = reference(ttl, DEV_GOLD)
    assert ours(tmp_path / "graph.trig", DEV_GOLD) == expected
    assert ours(tmp_path, DEV_GOLD) == expected  # a build folder: its graph.ttl
    (tmp_path / "graph.ttl").unlink()
    assert ours(tmp_path, DEV_GOLD) == expected  # …or its graph.trig


# ---------------------------------------------------------------------------------------
# names
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "a, b",
    [
        ("Tô Lâm", "To Lam"),
        ("Cyril Ramaphosa", "Matamela Cyril Ramaphosa"),
        ("Matamela Cyril Ramaphosa", "Cyril Ramaphosa"),
        ("Đặng Hoàng Giang", "Dang Hoang Giang"),
        ("Miguel Díaz-Canel Bermúdez", "Díaz-Canel"),
        ("NGUYỄN PHÚ TRỌNG", "Nguyen Phu Trong"),
        ("Lâm Tô", "To Lam"),  # token sets: order does not matter
        (("Xi", "Tô Lâm"), "To Lam"),  # any variant of a node may match
    ],
)
def test_names_that_match(a, b):
    assert names_match(a, b) and names_match(b, a)


@pytest.mark.parametrize(
    "a, b",
    [
        ("Lâm", "Tô Lâm"),  # a one-token subset does not match
        ("Ramaphosa", "Matamela Cyril Ramaphosa"),
        ("Nguyen Minh Tam", "Nguyen Minh Trieu"),
        ("", ""),
        ("—", "—"),  # no tokens at all
        (("Xi", "Wang Yi"), ("Yi", "Li Qiang")),
    ],
)
def test_names_that_do_not_match(a, b):
    assert not names_match(a, b) and not names_match(b, a)


def test_name_tokens():
    assert name_tokens("Đỗ Xuân Tuyên") == {"do", "xuan", "tuyen"}
    assert name_tokens("Díaz-Canel") == {"diaz", "canel"}


def test_pairs_are_unordered():
    assert pairs_match(("Tô Lâm", "Xi Jinping"), ("Xi Jinping", "To Lam"))
    assert not pairs_match(("Tô Lâm", "Xi Jinping"), ("Tô Lâm", "Luong Cuong"))


def test_prf_edge_cases():
    assert prf(0, 0, 0) == (1.0, 1.0, 1.0)  # nothing due, nothing said
    assert prf(0, 0, 3) == (0.0, 0.0, 0.0)  # nothing said, something due
    assert prf(0, 2, 0) == (0.0, 0.0, 0.0)  # something said, nothing due
    assert prf(1, 2, 4) == pytest.approx((0.5, 0.25, 1 / 3))
    assert Counts(1, 2, 4) + Counts(1, 1, 0) == Counts(2, 3, 4)


# ---------------------------------------------------------------------------------------
# a hand-made graph with known figures (tests/data/evaluate)
# ---------------------------------------------------------------------------------------


def test_tiny_graph_figures_by_hand():
    """tiny.ttl against gold/a1.json, gold/a2.json.

    officials  a1: To Lam, Xi Jinping, Lương Cường right; Wang Yi (from the "#1" teaser)
               and "Lâm" (one token) spurious → 3/5.  a2 (keyed by its sourceFile):
               Lương Cường, Cyril Ramaphosa (⊂ Matamela Cyril Ramaphosa, wrong country);
               the duplicate "Luong Cuong" node is deduplicated → 2/2.  tp 5 pred 7 gold 5.
    meetings   a1: e1's three people give To–Xi and Xi–Cuong (To–Cuong: one delegation,
               neutral); e2's Xi–Wang spurious.  a2: Cuong–Ramaphosa.  tp 3 pred 4 gold 3;
               dates: e1 right twice, e3 "--10-23" ≠ 2025-10-23 → 2/3.
    relations  a1: VN–CN CSP right, strategic partnership spurious, friendship missed;
               a2: diplomatic relations spurious, friendship missed.  tp 1 pred 3 gold 3.
    dates      a1: 2025-04-14 (e1), 2008-05 (e4, teaser) right; a2: --10-23 wrong.
               tp 2 pred 3 gold 3.
    countries  4/5 (Ramaphosa).  duplicates: luong-cuong-2 → 1.
    """
    s = score(load_graph(DATA / "tiny.ttl"), DATA / "gold")
    assert s.totals == {
        "officials": Counts(5, 7, 5),
        "meetings": Counts(3, 4, 3),
        "relations": Counts(1, 3, 3),
        "dates": Counts(2, 3, 3),
    }
    assert s.totals["officials"].precision == pytest.approx(5 / 7)
    assert s.totals["officials"].recall == 1.0
    assert s.totals["officials"].f1 == pytest.approx(2 * (5 / 7) / (5 / 7 + 1))
    assert s.totals["meetings"].f1 == pytest.approx(2 * 0.75 / 1.75)
    assert s.totals["relations"].f1 == pytest.approx(1 / 3)
    assert s.totals["dates"].f1 == pytest.approx(2 / 3)
    assert (s.date_ok, s.date_n, s.country_ok, s.country_n) == (2, 3, 4, 5)
    assert s.duplicate_officials == 1
    assert s.as_dict() == {
        "officials": {"p": 0.714, "r": 1.0, "f1": 0.833, "tp": 5, "pred": 7, "gold": 5},
        "meetings": {"p": 0.75, "r": 1.0, "f1": 0.857, "tp": 3, "pred": 4, "gold": 3},
        "relations": {"p": 0.333, "r": 0.333, "f1": 0.333, "tp": 1, "pred": 3, "gold": 3},
        "dates": {"p": 0.667, "r": 0.667, "f1": 0.667, "tp": 2, "pred": 3, "gold": 3},
        "meeting_date_exact": 0.667,
        "official_country_exact": 0.8,
        "duplicate_officials": 1,
    }
    assert s.f1_line() == (
        "F1 officials=0.833 meetings=0.857 relations=0.333 dates=0.667 "
        "meeting-date-exact=0.667 official-country-exact=0.8 "
        "duplicate-officials=1 min=0.333"
    )
    by_id = {a.id: a for a in s.articles}
    assert by_id["a1"].counts["officials"] == Counts(3, 5, 3)
    assert by_id["a2"].counts["meetings"] == Counts(1, 1, 1)
    misses = s.misses()
    assert "a1 relation missed: ['CN', 'VN'] traditional_friendship" in misses
    assert "a2 date missed: 2025-10-23" in misses
    assert "a1 official spurious: Lâm" in misses
    assert "a1 meeting spurious: (Wang Yi, Xi Jinping)" in misses
    assert "a2 date spurious: --10-23 (Talks)" in misses
    assert not any("Nobody" in m for m in misses)  # a3 has no gold: ignored


def test_tiny_gold_scores_perfectly_against_itself(tmp_path):
    graph = gold_to_graph(DATA / "gold")
    s = score(load_graph(write(graph, tmp_path / "g.ttl")), DATA / "gold")
    assert all(s.f1(c) == 1.0 for c in evaluate.CATEGORIES)
    assert (s.meeting_date_exact, s.official_country_exact, s.duplicate_officials) == (1.0, 1.0, 0)
    assert s.misses() == []


# ---------------------------------------------------------------------------------------
# gold → graph
# ---------------------------------------------------------------------------------------


def test_gold_graph_shape():
    g = gold_to_graph(DATA / "gold")
    # one node for "Lương Cường" (a1) and "Luong Cuong" (a2), derived from both
    cuong = BKGR["official/luong-cuong"]
    assert set(names_of(g, cuong)) == {"Lương Cường", "Luong Cuong"}
    assert len(articles_of(g, cuong)) == 2
    assert len(officials(g)) == 4
    kinds = {str(o) for o in g.objects(None, SCHEMA.startDate)}
    assert kinds == {"2025-04-14", "2008-05", "2025-10-23"}
    datatypes = {o.datatype for o in g.objects(None, SCHEMA.startDate)}
    assert datatypes == {rdfns.XSD.date, rdfns.XSD.gYearMonth}
    assert list(g.objects(None, BKG.since)) == [Literal("2008", datatype=rdfns.XSD.gYear)]
    # the visit meeting and the dated visit are one event, with the end date
    visits = list(g.subjects(RDF.type, BKG.Visit))
    assert len(visits) == 1 and str(g.value(visits[0], SCHEMA.endDate)) == "2025-04-15"
    assert len(list(g.objects(visits[0], BKG.participant))) == 3
    rel = [r for r in relations(g) if (r, BKG.relationKind, BKG.TraditionalFriendship) in g]
    assert len(rel) == 2
    assert (BKGR["country/VN"], BKG.isoCode, Literal("VN")) in g
    assert (BKGR["official/to-lam"], BKG.met, BKGR["official/xi-jinping"]) in g


@needs_shared
def test_gold_graph_organisations_and_their_officials():
    """Organisation codes become bkg:Organization nodes with bkg:code, never bkg:isoCode.
    The reference scorer reads an official's country through bkg:isoCode only, so gold
    officials serving an organisation (UN, EU) never count as the right country."""
    g = gold_to_graph(SEEDS_GOLD)
    un = BKGR["organization/UN"]
    assert (un, RDF.type, BKG.Organization) in g and (un, BKG.code, Literal("UN")) in g
    assert g.value(un, BKG.isoCode) is None
    s = score(g, SEEDS_GOLD)
    assert (s.country_ok, s.country_n) == (26, 29)  # Guterres, Baerbock, Seck: UN


# ---------------------------------------------------------------------------------------
# command line and errors
# ---------------------------------------------------------------------------------------


def run_cli(argv: list[str]) -> int:
    from kg.cli import main

    return main(argv)


def test_cli_table_and_summary_line(capsys):
    assert run_cli(["eval", str(DATA / "gold"), "--graph", str(DATA / "tiny.ttl")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["category", "P", "R", "F1", "tp", "pred", "gold"]
    assert out[1].split() == ["officials", "0.714", "1.000", "0.833", "5", "7", "5"]
    assert out[4].split() == ["dated", "events", "0.667", "0.667", "0.667", "2", "3", "3"]
    assert re.fullmatch(
        r"F1 officials=\S+ meetings=\S+ relations=\S+ dates=\S+ "
        r"meeting-date-exact=\S+ official-country-exact=\S+ "
        r"duplicate-officials=\d+ min=\S+",
        out[-1],
    )


def test_cli_misses(capsys):
    assert run_cli(["eval", str(DATA / "gold"), "--graph", str(DATA / "tiny.ttl"), "--misses"]) == 0
    out = capsys.readouterr().out
    assert "a2 relation spurious: ['VN', 'ZA'] diplomatic_relations" in out
    assert "a2 official country: Matamela Cyril Ramaphosa is ZA, graph says VN" in out


def test_missing_graph(tmp_path, capsys):
    with pytest.raises(FileNotFoundError, match="nope.ttl"):
        load_graph(tmp_path / "nope.ttl")
    with pytest.raises(FileNotFoundError, match="graph.ttl"):
        load_graph(tmp_path)
    assert run_cli(["eval", str(DATA / "gold"), "--graph", str(tmp_path / "nope.ttl")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nope.ttl" in err


def test_bad_graph_syntax(tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(ValueError, match="bad.ttl"):
        load_graph(bad)


@pytest.mark.parametrize(
    "content, problem",
    [
        ("{not json", "not valid JSON"),
        ('{"id": "x"}', "missing key 'officials'"),
        ("[]", "top level"),
        (
            '{"id": "x", "officials": [{"country": "VN"}], "meetings": [], "relations": [],'
            ' "dated_events": []}',
            "no 'name'",
        ),
        ('{"id": 3, "officials": [], "meetings": [], "relations": [], "dated_events": []}', "'id'"),
    ],
)
def test_bad_gold(tmp_path, capsys, content, problem):
    (tmp_path / "x.json").write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(problem)) as info:
        score(Graph(), tmp_path)
    assert "x.json" in str(info.value) and "\n" not in str(info.value)
    assert run_cli(["eval", str(tmp_path), "--graph", str(DATA / "tiny.ttl")]) == 2
    assert "x.json" in capsys.readouterr().err


def test_missing_or_empty_gold_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match="nothere"):
        score(Graph(), tmp_path / "nothere")
    with pytest.raises(ValueError, match="no gold"):
        score(Graph(), tmp_path)


# ---------------------------------------------------------------------------------------
# the Markdown report of `make eval`
# ---------------------------------------------------------------------------------------


def test_report_table_with_a_stand_in_pipeline(tmp_path, monkeypatch, capsys):
    """`python -m kg.evaluate.report SHARED`: builds dev and seeds (here a stand-in build
    that writes the gold graph), scores both, prints one Markdown table."""
    from kg.evaluate import report as evaluate_report

    shared = tmp_path / "shared"
    (shared / "corpus" / "dev").mkdir(parents=True)
    (shared / "corpus" / "dev" / "articles.jsonl").write_text("{}\n", encoding="utf-8")
    import shutil

    shutil.copytree(DATA / "gold", shared / "corpus" / "dev" / "gold")
    shutil.copytree(DATA / "gold", shared / "corpus" / "seeds-gold")
    calls = []

    def build(paths, out, quiet=False):
        calls.append((list(paths), Path(out), quiet))
        Path(out).mkdir(parents=True, exist_ok=True)
        graph = gold_to_graph(DATA / "gold")
        if "seeds" in str(out):
            graph = drop_officials(graph)
        graph.serialize(str(Path(out) / "graph.ttl"), format="turtle")
        return types.SimpleNamespace(problems=[])

    monkeypatch.setitem(sys.modules, "kg.pipeline", types.SimpleNamespace(build=build))
    assert evaluate_report.main([str(shared), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert calls[0][0] == [str(shared / "corpus" / "dev" / "articles.jsonl")]
    assert calls[0][1:] == (tmp_path / "out" / "dev", True)
    assert calls[1][1] == tmp_path / "out" / "seeds"
    tables = _tables(out)
    assert list(tables) == ["dev", "seeds"]
    dev, seeds = tables["dev"], tables["seeds"]
    assert dev["category"] == ["dev P", "dev R", "dev F1"]
    assert seeds["category"] == ["seeds P", "seeds R", "seeds F1"]
    assert dev["officials"] == ["1.000", "1.000", "1.000"]
    assert seeds["officials"][0] == "1.000" and seeds["officials"][1] != "1.000"
    assert set(dev) - {"category", "---"} == {
        "officials",
        "meetings",
        "relations",
        "dated events",
        "meeting-date-exact",
        "official-country-exact",
        "duplicate officials",
    }
    assert dev["duplicate officials"][2] == "0"


def _tables(out: str) -> dict[str, dict[str, list[str]]]:
    """The report's Markdown tables, by corpus ("### dev" headings): label → cells."""
    tables: dict[str, dict[str, list[str]]] = {}
    current = None
    for line in out.splitlines():
        if line.startswith("### "):
            current = tables.setdefault(line[4:].strip(), {})
        elif line.startswith("|") and current is not None:
            cells = [c.strip() for c in line.strip("|").split("|")]
            current[cells[0]] = cells[1:]
    return tables


def test_report_scores_dev2_with_a_line_per_outlet_country(tmp_path, monkeypatch, capsys):
    """With a dev2 folder, its table comes between dev and seeds, with F1s per outlet
    country (decided from each record's URL)."""
    from kg.evaluate import report as evaluate_report
    import json
    import shutil

    shared = tmp_path / "shared"
    for name in ("dev", "dev2"):
        (shared / "corpus" / name).mkdir(parents=True)
        shutil.copytree(DATA / "gold", shared / "corpus" / name / "gold")
    (shared / "corpus" / "dev" / "articles.jsonl").write_text("{}\n", encoding="utf-8")
    ids = sorted(p.stem for p in (DATA / "gold").glob("*.json"))
    (shared / "corpus" / "dev2" / "articles.jsonl").write_text(
        "\n".join(
            json.dumps(
                {"id": i, "url": f"https://journal.example.dz/{i}", "text": "Titre\n\nTexte."}
            )
            for i in ids
        )
        + "\n",
        encoding="utf-8",
    )
    shutil.copytree(DATA / "gold", shared / "corpus" / "seeds-gold")

    def build(paths, out, quiet=False):
        Path(out).mkdir(parents=True, exist_ok=True)
        gold_to_graph(DATA / "gold").serialize(str(Path(out) / "graph.ttl"), format="turtle")
        return types.SimpleNamespace(problems=[])

    monkeypatch.setitem(sys.modules, "kg.pipeline", types.SimpleNamespace(build=build))
    assert evaluate_report.main([str(shared), "--out", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert list(_tables(out)) == ["dev", "dev2", "seeds"]
    line = next(x for x in out.splitlines() if x.startswith("per outlet country:"))
    assert line.startswith(f"per outlet country: DZ ({len(ids)}): off 1.000")


def test_report_default_out_is_temporary(tmp_path, monkeypatch, capsys):
    from kg.evaluate import report as evaluate_report

    seen = []

    def build(paths, out, quiet=False):
        seen.append(Path(out))
        Path(out).mkdir(parents=True, exist_ok=True)
        gold_to_graph(DATA / "gold").serialize(str(Path(out) / "graph.ttl"), format="turtle")
        return types.SimpleNamespace(problems=["one input skipped"])

    shared = tmp_path / "shared"
    (shared / "corpus" / "dev").mkdir(parents=True)
    (shared / "corpus" / "dev" / "articles.jsonl").write_text("{}\n", encoding="utf-8")
    import shutil

    shutil.copytree(DATA / "gold", shared / "corpus" / "dev" / "gold")
    shutil.copytree(DATA / "gold", shared / "corpus" / "seeds-gold")
    monkeypatch.setitem(sys.modules, "kg.pipeline", types.SimpleNamespace(build=build))
    assert evaluate_report.main([str(shared)]) == 0
    captured = capsys.readouterr()
    assert "one input skipped" in captured.err
    assert seen and not seen[0].exists()  # the temporary folder is gone


def test_report_without_shared(tmp_path, capsys):
    from kg.evaluate import report as evaluate_report

    assert evaluate_report.main([str(tmp_path / "missing")]) == 2
    assert "missing" in capsys.readouterr().err


def test_eval_lists_same_country_meetings_beside_its_figures(tmp_path, capsys):
    """The scorer counts no pair of one country; `kg eval` lists them to be checked by hand."""
    import argparse
    import json

    from kg.cli.evaluate import run as eval_main

    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "900.json").write_text(
        json.dumps(
            {
                "id": "900",
                "source_url": "https://example.org/900",
                "published": "2024-05-02",
                "officials": [
                    {"name": "Anna Keller", "country": "CH", "role": "ministre"},
                    {"name": "Urs Brunner", "country": "CH", "role": "porte-parole"},
                    {"name": "Luc Peeters", "country": "BE", "role": "ministre"},
                ],
                "meetings": [
                    {
                        "participants": ["Anna Keller", "Urs Brunner"],
                        "kind": "talks",
                        "date": None,
                        "place": None,
                    },
                    {
                        "participants": ["Anna Keller", "Luc Peeters"],
                        "kind": "talks",
                        "date": None,
                        "place": None,
                    },
                ],
                "relations": [],
                "dated_events": [],
            }
        ),
        encoding="utf-8",
    )
    graph = tmp_path / "graph.ttl"
    gold_to_graph(gold).serialize(str(graph), format="turtle")
    scores = score(load_graph(str(graph)), gold)
    assert scores.same_country_meetings() == [
        "900 meeting within one country: (Anna Keller, Urs Brunner)"
    ]
    eval_main(argparse.Namespace(gold=str(gold), graph=str(graph), json=False, misses=False))
    out = capsys.readouterr().out
    assert "same-country meetings (not scored; check them by hand): 1" in out
    assert "(Anna Keller, Urs Brunner)" in out
