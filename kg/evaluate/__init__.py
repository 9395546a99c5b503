"""Scoring a built graph against gold annotations (``corpus/GOLD_FORMAT.md``).

This is the project's implementation of the scoring the corpus README describes; it gives
the same figures as the reference scorer ``shared/tools/score.py`` on any graph and gold
folder (``tests/test_evaluate.py`` checks the agreement).

Everything is scored per article, then summed over the gold files:

- **officials** — official nodes derived from the article, deduplicated by name, matched one
  to one with the gold officials by name (:func:`names_match`);
- **meetings** — unordered pairs of named participants of each event derived from the
  article; a pair whose two people belong to one country by the gold (one delegation) is
  neither asked for nor held against the graph;
- **relations** — (set of party codes, kind) of each ``bkg:BilateralRelation``;
- **dates** — the set of ``schema:startDate`` lexical forms of the article's events.

Ties (which of two equivalent predictions is kept, which gold item a prediction takes) are
broken in the order the SPARQL queries return rows, i.e. the graph's parse order, and the
first match wins; this is the reference scorer's rule too, so a graph file gives the same
figures to both.

Also here: :func:`gold_to_graph`, which turns gold files into a graph in the contract's
vocabulary (a perfect "build" of the gold: scoring it against its gold gives F1 = 1.0).
"""

from kg.evaluate.vocab import (
    CATEGORIES,
    LABELS as LABELS,
    RELATION_KINDS as RELATION_KINDS,
    MEETING_CLASSES as MEETING_CLASSES,
    EVENT_CLASSES as EVENT_CLASSES,
)
from kg.evaluate.names import (
    name_tokens,
    names_match,
    pairs_match,
)
from kg.evaluate.counting import Counts, prf
from kg.evaluate.gold import GoldArticle, load_gold
from kg.evaluate.predictions import (
    read_predictions,
    count_duplicate_officials,
    article_keys as article_keys,
)
from kg.evaluate.scoring import ArticleScore, score_article
from kg.evaluate.totals import Scores, score
from kg.evaluate.load import load_graph
from kg.evaluate.gold_graph import gold_to_graph

__all__ = [
    "CATEGORIES",
    "Counts",
    "ArticleScore",
    "Scores",
    "GoldArticle",
    "name_tokens",
    "names_match",
    "pairs_match",
    "prf",
    "load_graph",
    "load_gold",
    "read_predictions",
    "count_duplicate_officials",
    "score_article",
    "score",
    "gold_to_graph",
]
