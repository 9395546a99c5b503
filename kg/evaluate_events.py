"""Score cross-article event identity: ``kg eval GOLD_DIR --graph G --events clusters.json``.

Do the mentions of one real contact event in several articles end up as ONE event node? The
rules are those of the reference scorer ``tools/score_events.py`` (and its figures agree):

1. Predicted events: resources typed ``bkg:Event``, a class ``rdfs:subClassOf*`` it, or one
   of the contract's kind classes; their articles via ``prov:wasDerivedFrom`` (keyed as
   :func:`kg.evaluate.article_keys`), their participants' ``schema:name`` variants.
2. A gold mention (article, meeting index) maps to an event node derived from that article
   whose participants match at least two of the meeting's participants of different
   countries (:func:`kg.evaluate.names_match`); ranked by matched participants, kind,
   date, fewer unmatched participants; one-to-one within an article first, then leftovers
   go to their best node even if taken (folding two events of an article is a wrong merge).
3. Pairwise precision / recall / F1 over all pairs of gold mentions (same gold event vs same
   node), and B-cubed over mentions.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from rdflib import Graph
from rdflib.term import Node
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS

from kg.errors import Errors
from kg.evaluate import article_keys, names_match, prf
from kg.kinds import CONTACT_KINDS, EVENT_KINDS, kind_notations
from kg.namespaces import BKG, SCHEMA

__all__ = ["EventScores", "score_events", "load_clusters"]

KIND_CLASSES = ("Contact", *EVENT_KINDS)


def _gold_kinds() -> dict[str, str]:
    """Gold meeting kind (the concept's skos:notation) → event class, for the contact kinds."""
    return {n: k for k, n in kind_notations().items() if k in CONTACT_KINDS}


@dataclass
class Mention:
    event: str  # gold event id
    article: str
    index: int
    meeting: dict
    countries: dict  # official name -> country (the article's gold officials)

    def label(self) -> str:
        return (
            f"{self.event}:{self.article}#{self.index}({' / '.join(self.meeting['participants'])})"
        )


@dataclass
class EventScores:
    """Pairwise and B-cubed figures, with the pairs that went wrong."""

    p: float
    r: float
    f1: float
    tp: int
    pred_pairs: int
    gold_pairs: int
    bcubed: tuple[float, float, float]
    found: int
    mentions: int
    nodes_used: int
    events_in_graph: int
    misses: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "pairwise": {
                "p": round(self.p, 3),
                "r": round(self.r, 3),
                "f1": round(self.f1, 3),
                "tp": self.tp,
                "pred_pairs": self.pred_pairs,
                "gold_pairs": self.gold_pairs,
            },
            "bcubed": {
                "p": round(self.bcubed[0], 3),
                "r": round(self.bcubed[1], 3),
                "f1": round(self.bcubed[2], 3),
            },
            "mentions_found": self.found,
            "mentions": self.mentions,
            "predicted_nodes_used": self.nodes_used,
            "events_in_graph": self.events_in_graph,
        }

    def lines(self) -> str:
        bp, br, bf = self.bcubed
        return (
            f"EVENTS-DETAIL gold-pairs={self.gold_pairs} predicted-pairs={self.pred_pairs} "
            f"true-pairs={self.tp} bcubed-p={round(bp, 3)} bcubed-r={round(br, 3)} "
            f"bcubed-f1={round(bf, 3)} nodes-used={self.nodes_used} "
            f"events-in-graph={self.events_in_graph}\n"
            f"EVENTS pairwise-p={round(self.p, 3)} pairwise-r={round(self.r, 3)} "
            f"pairwise-f1={round(self.f1, 3)} mentions-found={self.found}/{self.mentions}"
        )


def _event_classes(g: Graph) -> set:
    classes: set[Node] = {BKG.Event} | {BKG[k] for k in KIND_CLASSES}
    changed = True
    while changed:
        changed = False
        for sub, sup in g.subject_objects(RDFS.subClassOf):
            if sup in classes and sub not in classes:
                classes.add(sub)
                changed = True
    return classes


def _source_keys(g: Graph) -> dict:
    keys = dict(article_keys(g))
    for a in set(g.objects(None, PROV.wasDerivedFrom)):
        if a in keys:
            continue
        ident = next(iter(g.objects(a, DCTERMS.identifier)), None)
        sf = next(iter(g.objects(a, BKG.sourceFile)), None)
        if ident is not None:
            keys[a] = str(ident).split("#", 1)[0]
        elif sf is not None:
            keys[a] = Path(str(sf)).stem
    return keys


def load_events(g: Graph) -> dict:
    """Event node -> {"src", "people" (name-variant tuples), "kinds", "dates"}."""
    keys = _source_keys(g)
    nodes: set[Node] = set()
    for c in _event_classes(g):
        nodes.update(g.subjects(RDF.type, c))
    out = {}
    bkg = str(BKG)
    for e in nodes:
        people = []
        for p in g.objects(e, BKG.participant):
            names = tuple(sorted({str(n) for n in g.objects(p, SCHEMA.name)}))
            if names:
                people.append(names)
        out[e] = {
            "src": {keys[a] for a in g.objects(e, PROV.wasDerivedFrom) if a in keys},
            "people": people,
            "kinds": {
                str(t).rsplit("#", 1)[-1] for t in g.objects(e, RDF.type) if str(t).startswith(bkg)
            }
            - {"Event", "Contact"},
            "dates": {str(d) for d in g.objects(e, SCHEMA.startDate)},
        }
    return out


def load_clusters(clusters: Path, gold_dir: Path | None = None) -> list[Mention]:
    """The gold mentions of ``clusters.json``; the articles' gold is read from ``gold_dir``
    (default: the ``gold`` folder beside the clusters file)."""
    clusters = Path(clusters)
    gold_dir = Path(gold_dir) if gold_dir is not None else clusters.parent / "gold"
    try:
        data = json.loads(clusters.read_text(encoding="utf-8"))
        events = data["events"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(
            Errors.E408.format(problem=f"{clusters}: not a clusters file ({exc})")
        ) from None
    gold: dict[str, dict] = {}
    mentions = []
    for ev in events:
        for m in ev["mentions"]:
            a, i = str(m["article"]), int(m["meeting"])
            if a not in gold:
                path = gold_dir / f"{a}.json"
                if not path.is_file():
                    raise ValueError(
                        Errors.E408.format(problem=f"{clusters}: article {a}: no gold file {path}")
                    )
                gold[a] = json.loads(path.read_text(encoding="utf-8"))
            g = gold[a]
            if not 0 <= i < len(g.get("meetings", [])):
                raise ValueError(
                    Errors.E408.format(problem=f"{clusters}: article {a} has no meeting {i}")
                )
            countries = {o["name"]: o.get("country") for o in g.get("officials", [])}
            mentions.append(Mention(str(ev["id"]), a, i, g["meetings"][i], countries))
    return mentions


def _candidate(m: Mention, ev: dict) -> tuple | None:
    meeting, countries = m.meeting, m.countries
    matched = [n for n in meeting["participants"] if any(names_match(n, p) for p in ev["people"])]
    if len(matched) < 2:
        return None
    cs = {countries.get(n) for n in matched}
    known = {c for c in cs if c}
    all_known = {countries.get(n) for n in meeting["participants"]} - {None}
    if len(all_known) >= 2 and len(known) < 2 and None not in cs:
        return None
    unmatched = sum(
        1 for p in ev["people"] if not any(names_match(n, p) for n in meeting["participants"])
    )
    kind_ok = _gold_kinds().get(meeting.get("kind") or "") in ev["kinds"]
    date_ok = bool(meeting.get("date")) and meeting["date"] in ev["dates"]
    return (len(matched), int(kind_ok), int(date_ok), -unmatched)


def map_mentions(mentions: list[Mention], events: dict) -> dict[int, object]:
    by_article: dict[str, list[int]] = defaultdict(list)
    for idx, m in enumerate(mentions):
        by_article[m.article].append(idx)
    by_src = defaultdict(list)
    for node, ev in events.items():
        for s in ev["src"]:
            by_src[s].append(node)
    mapping, best_of = {}, {}
    for a, idxs in by_article.items():
        triples = []
        for idx in idxs:
            best = []
            for node in by_src.get(a, []):
                sc = _candidate(mentions[idx], events[node])
                if sc is not None:
                    triples.append((sc, idx, str(node), node))
                    best.append((sc, str(node), node))
            if best:
                best_of[idx] = max(best)[2]
        used = set()
        for sc, idx, _, node in sorted(triples, key=lambda t: (t[0], -t[1], t[2]), reverse=True):
            if idx in mapping or node in used:
                continue
            mapping[idx] = node
            used.add(node)
        for idx in idxs:
            if idx not in mapping and idx in best_of:
                mapping[idx] = best_of[idx]
    return mapping


def score_events(
    graph: Graph, clusters: Path | str, gold_dir: Path | str | None = None
) -> EventScores:
    """Pairwise (and B-cubed) scores of event identity of ``graph`` against ``clusters``."""
    events = load_events(graph)
    mentions = load_clusters(Path(clusters), Path(gold_dir) if gold_dir else None)
    mapping = map_mentions(mentions, events)
    n = len(mentions)
    gold_of = [m.event for m in mentions]
    tp = npred = ngold = 0
    misses = [f"not found: {mentions[i].label()}" for i in range(n) if i not in mapping]
    for i, j in combinations(range(n), 2):
        g_same = gold_of[i] == gold_of[j]
        p_same = i in mapping and j in mapping and mapping[i] == mapping[j]
        ngold += g_same
        npred += p_same
        tp += g_same and p_same
        if g_same and not p_same:
            misses.append(
                "split (same gold event, different nodes or unmapped): "
                f"{mentions[i].label()} | {mentions[j].label()}"
            )
        if p_same and not g_same:
            misses.append(
                "merged (different gold events, one node): "
                f"{mentions[i].label()} | {mentions[j].label()} -> {mapping[i]}"
            )
    p, r, f = prf(tp, npred, ngold)
    bp = br = 0.0
    for i in range(n):
        gset = {j for j in range(n) if gold_of[j] == gold_of[i]}
        pset = {
            j for j in range(n) if i in mapping and j in mapping and mapping[j] == mapping[i]
        } or {i}
        inter = len(gset & pset)
        bp += inter / len(pset)
        br += inter / len(gset)
    bp, br = (bp / n, br / n) if n else (1.0, 1.0)
    bf = 2 * bp * br / (bp + br) if bp + br else 0.0
    return EventScores(
        p,
        r,
        f,
        tp,
        npred,
        ngold,
        (bp, br, bf),
        len(mapping),
        n,
        len(set(mapping.values())),
        len(events),
        misses,
    )
