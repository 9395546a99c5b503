"""Per-article scoring: one article's predictions against its gold, category by category, with
the misses and the wrong predictions kept for ``--misses``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kg.evaluate.counting import Counts, dedupe, greedy_match
from kg.evaluate.gold import GoldArticle
from kg.evaluate.names import Pair, show_names, names_match, pairs_match
from kg.evaluate.predictions import ArticlePredictions


@dataclass
class ArticleScore:
    """The scoring of one gold article: counts, date/country checks, what went wrong."""

    id: str
    counts: dict[str, Counts] = field(default_factory=dict)
    country_ok: int = 0
    country_n: int = 0
    date_ok: int = 0
    date_n: int = 0
    missed: list[str] = field(default_factory=list)  # gold items the graph lacks
    spurious: list[str] = field(default_factory=list)  # predictions the gold lacks
    wrong: list[str] = field(default_factory=list)  # matched, wrong date / country
    same_country: list[str] = field(default_factory=list)  # meetings within one country


def score_article(gold: GoldArticle, pred: ArticlePredictions) -> ArticleScore:
    """Score what the graph derives from one article against that article's gold."""
    result = ArticleScore(gold.id)
    _score_officials(gold, pred, result)
    _score_meetings(gold, pred, result)
    _score_relations(gold, pred, result)
    _score_dates(gold, pred, result)
    return result


def _score_officials(gold: GoldArticle, pred: ArticlePredictions, out: ArticleScore) -> None:
    predicted = dedupe(pred.officials, lambda x, y: names_match(x.names, y.names))
    matches = greedy_match(predicted, gold.officials, lambda x, y: names_match(x.names, y.name))
    out.counts["officials"] = Counts(len(matches), len(predicted), len(gold.officials))
    for i, j in matches:
        x, y = predicted[i], gold.officials[j]
        if y.country:
            out.country_n += 1
            if x.country == y.country:
                out.country_ok += 1
            else:
                out.wrong.append(
                    f"{gold.id} official country: {y.name} is {y.country}, graph says {x.country}"
                )
    taken_pred = {i for i, _ in matches}
    taken_gold = {j for _, j in matches}
    out.missed += [
        f"{gold.id} official missed: {o.name}"
        for j, o in enumerate(gold.officials)
        if j not in taken_gold
    ]
    out.spurious += [
        f"{gold.id} official spurious: {show_names(o.names)}"
        for i, o in enumerate(predicted)
        if i not in taken_pred
    ]


def _across(gold: GoldArticle, names: Pair) -> bool:
    """False for two members of one delegation (same gold country); such pairs are neutral."""
    a, b = gold.country_of(names[0]), gold.country_of(names[1])
    return a is None or b is None or a != b


def _score_meetings(gold: GoldArticle, pred: ArticlePredictions, out: ArticleScore) -> None:
    same_pair: Callable[[Any, Any], bool] = lambda x, y: pairs_match(x.names, y.names)
    wanted = dedupe((p for p in gold.meeting_pairs if _across(gold, p.names)), same_pair)
    predicted = dedupe((p for p in pred.meeting_pairs if _across(gold, p.names)), same_pair)
    out.same_country += [
        f"{gold.id} meeting within one country: ({show_names(x.names[0])}, {show_names(x.names[1])})"
        for x in dedupe((p for p in pred.meeting_pairs if not _across(gold, p.names)), same_pair)
    ]
    matches = greedy_match(predicted, wanted, same_pair)
    out.counts["meetings"] = Counts(len(matches), len(predicted), len(wanted))
    for i, j in matches:
        x, y = predicted[i], wanted[j]
        if y.date:
            out.date_n += 1
            if x.date == y.date:
                out.date_ok += 1
            else:
                out.wrong.append(
                    f"{gold.id} meeting date: {y.names} on {y.date}, graph says {x.date}"
                )
    # a gold pair is "missed" when no prediction at all has it (the reference's wording)
    out.missed += [
        f"{gold.id} meeting missed: {y.names}"
        for y in wanted
        if not any(same_pair(x, y) for x in predicted)
    ]
    taken = {i for i, _ in matches}
    out.spurious += [
        f"{gold.id} meeting spurious: ({show_names(x.names[0])}, {show_names(x.names[1])})"
        for i, x in enumerate(predicted)
        if i not in taken
    ]


def _score_relations(gold: GoldArticle, pred: ArticlePredictions, out: ArticleScore) -> None:
    predicted = {(r.parties, r.kind) for r in pred.relations}
    out.counts["relations"] = Counts(
        len(predicted & gold.relations), len(predicted), len(gold.relations)
    )
    key = lambda r: (sorted(r[0]), r[1] or "")  # noqa: E731
    out.missed += [
        f"{gold.id} relation missed: {sorted(codes)} {kind}"
        for codes, kind in sorted(gold.relations - predicted, key=key)
    ]
    out.spurious += [
        f"{gold.id} relation spurious: {sorted(codes)} {kind}"
        for codes, kind in sorted(predicted - gold.relations, key=key)
    ]


def _score_dates(gold: GoldArticle, pred: ArticlePredictions, out: ArticleScore) -> None:
    predicted = set(pred.dates)
    out.counts["dates"] = Counts(len(predicted & gold.dates), len(predicted), len(gold.dates))
    out.missed += [f"{gold.id} date missed: {d}" for d in sorted(gold.dates - predicted)]
    out.spurious += [
        f"{gold.id} date spurious: {d} ({', '.join(sorted(pred.dates[d])) or '?'})"
        for d in sorted(predicted - gold.dates)
    ]
