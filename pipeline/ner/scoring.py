"""Entity-level NER scores against a tagged corpus: exact and overlap F1 per type, throughput, confusions."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from pipeline.evaluation.scores import Counts
from pipeline.ner.corpus import ENTITY_TYPES, Span, TaggedSentence


@dataclass(slots=True)
class Score(Counts):
    """Counts of one type (or all types); a type never predicted (or never expected) scores 0."""

    empty = 0.0

    def to_dict(self) -> dict[str, float | int]:
        return self.figures(4)


@dataclass
class NerReport:
    """What ``bikg eval ner`` prints: scores, throughput and where the errors are."""

    backend: str
    corpus: str
    split: str
    sentences: int
    characters: int
    seconds: float
    exact: dict[str, Score] = field(default_factory=dict)
    overlap: dict[str, Score] = field(default_factory=dict)
    confusion: Counter[str] = field(default_factory=Counter)
    examples: dict[str, list[str]] = field(default_factory=dict)

    @property
    def sentences_per_second(self) -> float:
        return self.sentences / self.seconds if self.seconds else 0.0

    @property
    def characters_per_second(self) -> float:
        return self.characters / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict:
        return {
            "backend": self.backend,
            "corpus": self.corpus,
            "split": self.split,
            "sentences": self.sentences,
            "characters": self.characters,
            "seconds": round(self.seconds, 3),
            "sentences_per_second": round(self.sentences_per_second, 1),
            "characters_per_second": round(self.characters_per_second, 1),
            "exact": {name: score.to_dict() for name, score in self.exact.items()},
            "overlap": {name: score.to_dict() for name, score in self.overlap.items()},
            "confusion": dict(self.confusion.most_common()),
            "examples": self.examples,
        }


Tagger = Callable[[list[str]], list[list[Span]]]


def score_ner(
    tagger: Tagger,
    sentences: Sequence[TaggedSentence],
    *,
    backend: str,
    corpus: str,
    split: str,
    batch_size: int = 256,
    examples: int = 5,
) -> NerReport:
    """Run ``tagger`` over ``sentences`` in batches (timed) and score its spans against the gold ones."""
    texts = [s.text for s in sentences]
    predicted: list[list[Span]] = []
    started = time.perf_counter()
    for i in range(0, len(texts), batch_size):
        predicted.extend(tagger(texts[i : i + batch_size]))
    seconds = time.perf_counter() - started
    report = NerReport(backend, corpus, split, len(texts), sum(map(len, texts)), seconds)
    kinds = ("ALL", *ENTITY_TYPES)
    report.exact = {kind: Score() for kind in kinds}
    report.overlap = {kind: Score() for kind in kinds}
    for sentence, spans in zip(sentences, predicted, strict=True):
        _count(sentence, set(spans), report, examples)
    return report


def _count(sentence: TaggedSentence, predicted: set[Span], report: NerReport, keep: int) -> None:
    gold = set(sentence.spans)
    for scores, matched_gold, matched_pred in (
        (report.exact, gold & predicted, gold & predicted),
        (report.overlap, *_overlap_pairs(gold, predicted)),
    ):
        for kind in ("ALL", *ENTITY_TYPES):
            wanted = {s for s in gold if kind in ("ALL", s[2])}
            found = {s for s in predicted if kind in ("ALL", s[2])}
            scores[kind].tp += len(wanted & matched_gold)
            scores[kind].fn += len(wanted - matched_gold)
            scores[kind].fp += len(found - matched_pred)
    for start, end, label in sorted(gold - predicted):
        same_span = [p for p in predicted if p[:2] == (start, end)]
        if same_span:
            error = f"{label} tagged {same_span[0][2]}"
        elif any(_same_type_overlap((start, end, label), p) for p in predicted):
            error = f"{label} boundary"
        else:
            error = f"{label} missed"
        _note(report, error, _in_context(sentence.text, start, end), keep)
    for start, end, label in sorted(predicted - gold):
        if not any(g[0] < end and start < g[1] for g in gold):
            _note(report, f"{label} spurious", _in_context(sentence.text, start, end), keep)


def _in_context(text: str, start: int, end: int, width: int = 8) -> str:
    """The span in brackets with a few characters either side: 聆听[江]主席演讲."""
    return f"{text[max(0, start - width) : start]}[{text[start:end]}]{text[end : end + width]}"


def _note(report: NerReport, error: str, example: str, keep: int) -> None:
    report.confusion[error] += 1
    shown = report.examples.setdefault(error, [])
    if len(shown) < keep:
        shown.append(example)


def _same_type_overlap(a: Span, b: Span) -> bool:
    return a[2] == b[2] and a[0] < b[1] and b[0] < a[1]


def _overlap_pairs(gold: set[Span], predicted: set[Span]) -> tuple[set[Span], set[Span]]:
    """One-to-one matches of same-type overlapping spans (exact matches first, then left to right)."""
    matched_gold = gold & predicted
    matched_pred = set(matched_gold)
    for g in sorted(gold - matched_gold):
        for p in sorted(predicted - matched_pred):
            if _same_type_overlap(g, p):
                matched_gold.add(g)
                matched_pred.add(p)
                break
    return matched_gold, matched_pred
