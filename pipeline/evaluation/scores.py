"""Precision, recall and F1 from counts: shared by the gold-article evaluation and the NER evaluation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar


@dataclass(slots=True)
class Counts:
    """True positives, false positives and false negatives, and the figures derived from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    empty: ClassVar[float] = 1.0
    """Precision when nothing was predicted, recall when nothing was expected."""

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else self.empty

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else self.empty

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def figures(self, digits: int) -> dict[str, float | int]:
        """Precision, recall and F1 rounded to ``digits``, then the counts."""
        return {
            "precision": round(self.precision, digits),
            "recall": round(self.recall, digits),
            "f1": round(self.f1, digits),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }
