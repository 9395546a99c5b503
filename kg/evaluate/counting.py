"""Counting: true positives, predictions and gold items → precision, recall and F1; one-to-one
greedy matching and deduplication in row order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")
U = TypeVar("U")


def prf(tp: int, npred: int, ngold: int) -> tuple[float, float, float]:
    """Precision, recall, F1. Nothing predicted is precision 1 only when nothing was due."""
    p = tp / npred if npred else (1.0 if not ngold else 0.0)
    r = tp / ngold if ngold else (1.0 if not npred else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


@dataclass(frozen=True)
class Counts:
    """True positives, predictions and gold items of one category."""

    tp: int = 0
    pred: int = 0
    gold: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.pred + other.pred, self.gold + other.gold)

    @property
    def precision(self) -> float:
        return prf(self.tp, self.pred, self.gold)[0]

    @property
    def recall(self) -> float:
        return prf(self.tp, self.pred, self.gold)[1]

    @property
    def f1(self) -> float:
        return prf(self.tp, self.pred, self.gold)[2]

    def figures(self) -> dict[str, float | int]:
        """The reference scorer's dict: P, R, F1 rounded to 3 decimals, and the counts."""
        p, r, f = prf(self.tp, self.pred, self.gold)
        return {
            "p": round(p, 3),
            "r": round(r, 3),
            "f1": round(f, 3),
            "tp": self.tp,
            "pred": self.pred,
            "gold": self.gold,
        }


def ratio(ok: int, n: int) -> float | None:
    """``ok / n`` to 3 places, None when nothing was counted (a score, not a zero)."""
    return round(ok / n, 3) if n else None


def greedy_match(
    pred: Sequence[T], gold: Sequence[U], eq: Callable[[T, U], bool]
) -> list[tuple[int, int]]:
    """One-to-one matching: each prediction in turn takes the first free gold item it
    equals. Returns (prediction index, gold index) pairs."""
    used: set[int] = set()
    pairs: list[tuple[int, int]] = []
    for i, x in enumerate(pred):
        for j, y in enumerate(gold):
            if j not in used and eq(x, y):
                used.add(j)
                pairs.append((i, j))
                break
    return pairs


def dedupe(items: Iterable[T], same: Callable[[T, T], bool]) -> list[T]:
    """Items in order, without those equal (by ``same``) to one already kept."""
    kept: list[T] = []
    for x in items:
        if not any(same(x, k) for k in kept):
            kept.append(x)
    return kept
