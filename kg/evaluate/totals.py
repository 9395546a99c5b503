"""Totals: per-article scores summed over the gold files (:class:`Scores`, what ``kg eval``
prints) and :func:`score`, a graph against a gold folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Graph

from kg.evaluate.counting import Counts, ratio, prf
from kg.evaluate.gold import load_gold
from kg.evaluate.predictions import ArticlePredictions, count_duplicate_officials, read_predictions
from kg.evaluate.scoring import ArticleScore, score_article
from kg.evaluate.vocab import CATEGORIES, LABELS


@dataclass
class Scores:
    """The figures of a graph against a gold folder, with the per-article details."""

    totals: dict[str, Counts]
    country_ok: int
    country_n: int
    date_ok: int
    date_n: int
    duplicate_officials: int
    articles: list[ArticleScore]

    @property
    def meeting_date_exact(self) -> float | None:
        """Share of matched meetings (with a gold date) whose date is the gold's; rounded."""
        return ratio(self.date_ok, self.date_n)

    @property
    def official_country_exact(self) -> float | None:
        """Share of matched officials (with a gold country) of the right country; rounded."""
        return ratio(self.country_ok, self.country_n)

    def f1(self, category: str) -> float:
        """The rounded F1 of a category (as printed)."""
        return round(self.totals[category].f1, 3)

    @property
    def min_f1(self) -> float:
        return min(self.f1(c) for c in CATEGORIES)

    def as_dict(self) -> dict[str, Any]:
        """The reference scorer's ``--json`` dict."""
        out: dict[str, Any] = {c: self.totals[c].figures() for c in CATEGORIES}
        out["meeting_date_exact"] = self.meeting_date_exact
        out["official_country_exact"] = self.official_country_exact
        out["duplicate_officials"] = self.duplicate_officials
        return out

    def f1_line(self) -> str:
        """The one-line summary, in the reference scorer's format."""
        return (
            f"F1 officials={self.f1('officials')} meetings={self.f1('meetings')} "
            f"relations={self.f1('relations')} dates={self.f1('dates')} "
            f"meeting-date-exact={self.meeting_date_exact} "
            f"official-country-exact={self.official_country_exact} "
            f"duplicate-officials={self.duplicate_officials} min={self.min_f1}"
        )

    def table(self) -> str:
        """A plain-text table: category, P, R, F1, tp, pred, gold; then the other figures."""
        lines = [f"{'category':<14}{'P':>7}{'R':>7}{'F1':>7}{'tp':>6}{'pred':>6}{'gold':>6}"]
        for c in CATEGORIES:
            t = self.totals[c]
            p, r, f = prf(t.tp, t.pred, t.gold)
            lines.append(
                f"{LABELS[c]:<14}{p:>7.3f}{r:>7.3f}{f:>7.3f}{t.tp:>6}{t.pred:>6}{t.gold:>6}"
            )
        lines.append("")
        lines.append(
            f"meeting date exact     {_fmt(self.meeting_date_exact)}"
            f"  ({self.date_ok}/{self.date_n} matched meetings with a gold date)"
        )
        lines.append(
            f"official country exact {_fmt(self.official_country_exact)}  "
            f"({self.country_ok}/{self.country_n} matched officials with a gold country)"
        )
        lines.append(f"duplicate officials    {self.duplicate_officials}")
        return "\n".join(lines)

    def same_country_meetings(self) -> list[str]:
        """Meetings the graph holds between two officials of one country (by the gold): the
        scorer counts them neither way, so they are listed to be checked by hand."""
        return [line for a in self.articles for line in a.same_country]

    def misses(self) -> list[str]:
        """Per article: gold items missed, predictions not in the gold, wrong dates/countries."""
        return [line for a in self.articles for line in (*a.missed, *a.spurious, *a.wrong)]


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def score(graph: Graph, gold_dir: Path | str) -> Scores:
    """Score ``graph`` against every gold file of ``gold_dir``.

    Predictions about articles without a gold file are ignored.
    """
    gold = load_gold(gold_dir)
    predictions = read_predictions(graph)
    articles = [score_article(g, predictions.get(g.id) or ArticlePredictions()) for g in gold]
    totals = {c: sum((a.counts[c] for a in articles), Counts()) for c in CATEGORIES}
    return Scores(
        totals=totals,
        country_ok=sum(a.country_ok for a in articles),
        country_n=sum(a.country_n for a in articles),
        date_ok=sum(a.date_ok for a in articles),
        date_n=sum(a.date_n for a in articles),
        duplicate_officials=count_duplicate_officials(graph),
        articles=articles,
    )
