"""Chinese NER models: corpora, offline HanLP training and entity-level evaluation of any backend."""

from __future__ import annotations

import logging
from pathlib import Path

from pipeline.ner.backends import DEFAULT_ZH_NER
from pipeline.ner.corpus import CorpusError, TaggedSentence, load_corpus, split_dev
from pipeline.ner.scoring import NerReport, score_ner

FEATURES = ("lac", "lexicon", "bigram")
"""What can be stacked under the characters; none of them is ``chars``."""
DEFAULT_FEATURES = "lac,lexicon,bigram"
DEFAULT_LEARNING_RATE = 0.001
"""Adam's learning rate when training starts from random weights."""


def train_zh_ner(
    out: Path,
    *,
    corpus: str = "msra",
    epochs: int = 10,
    features: str = DEFAULT_FEATURES,
    limit: int | None = None,
    seed: int = 13,
    start_from: Path | None = None,
    lr: float = DEFAULT_LEARNING_RATE,
    logger: logging.Logger | None = None,
) -> Path:
    """Train a HanLP BiLSTM-CRF on ``corpus`` train (best epoch on dev kept) into ``out``, which ``hanlp.load`` opens.

    ``features`` (comma-separated) are stacked under the characters: ``lac`` (LAC's segmentation and tags),
    ``lexicon`` (SoftLexicon features from jieba's dictionary and bikg's place names), ``bigram`` (character
    bigrams); ``chars``: characters only.
    ``limit`` keeps the first N training sentences and N/5 (at least 50) dev sentences, for quick models.
    ``start_from``: a model trained with the same features, whose weights training goes on from (with a lower
    ``lr``, Adam's learning rate, this anneals a model that stopped improving).
    """
    from pipeline.ner import hanlp_ner

    chosen = parse_features(features)
    if epochs < 1:
        raise ValueError("epochs must be at least 1")
    if lr <= 0:
        raise ValueError("the learning rate must be positive")
    _check_limit(limit)
    if corpus == "msra":
        train_set, dev_set = load_corpus(corpus, "train"), load_corpus(corpus, "dev")
    else:
        train_set, dev_set = _carve(load_corpus(corpus, "train"))
    if limit:
        train_set, dev_set = train_set[:limit], dev_set[: max(50, limit // 5)]
    return hanlp_ner.train(
        train_set, dev_set, out, epochs=epochs, features=chosen, seed=seed, start_from=start_from, lr=lr, logger=logger
    )


def parse_features(spec: str) -> tuple[str, ...]:
    """The features ``lac,lexicon,bigram`` names (``chars``: none); unknown names are refused."""
    chosen = tuple(f for f in spec.split(",") if f and f != "chars")
    if set(chosen) - set(FEATURES):
        raise ValueError(f"features must be among {', '.join(FEATURES)} or chars (got {spec!r})")
    return chosen


def evaluate_ner(
    backend: str = DEFAULT_ZH_NER,
    *,
    corpus: str = "msra",
    split: str = "test",
    limit: int | None = None,
    examples: int = 5,
) -> NerReport:
    """Exact and overlap entity F1 of a Chinese NER backend (``lac``, ``hanlp[:DIR]``, ``ensemble[:DIR]``), with
    up to ``examples`` examples of each kind of error."""
    from pipeline.ner.backends import zh_backend

    _check_limit(limit)
    sentences = load_corpus(corpus, split)[:limit]
    tagger = zh_backend(backend)
    tagger.entities([sentences[0].text])
    return score_ner(tagger.entities, sentences, backend=backend, corpus=corpus, split=split, examples=examples)


def _check_limit(limit: int | None) -> None:
    if limit is not None and limit < 1:
        raise CorpusError(f"--limit must be at least 1 (got {limit})")


def _carve(sentences: list[TaggedSentence]) -> tuple[list[TaggedSentence], list[TaggedSentence]]:
    if len(sentences) < 2:
        raise CorpusError("a training corpus needs at least 2 sentences (one is kept apart as dev)")
    return split_dev(sentences)


__all__ = ["CorpusError", "NerReport", "TaggedSentence", "evaluate_ner", "load_corpus", "train_zh_ner"]
