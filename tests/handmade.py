"""Hand-built analyses for rule tests: Chinese text already cut into tagged words, so no model is loaded.

``zh_extraction("6月12日/t ,/w 王雯/PER 会见/v 了/u 小林健一/PER 。/w")`` runs the real per-article
stages (lexicon repair, entities, roles, events, alignment) over a Chinese-only article whose words
and tags are the ones written: the NER model is replaced by the words given, nothing else is.
"""

from __future__ import annotations

import datetime as dt

from pipeline.ingest.normalise import build_version, to_simplified
from pipeline.lexicon.resources import load_lexicon
from pipeline.model import Article, Extraction, NewsItem
from pipeline.nlp.zh import LATIN_GLOSS
from pipeline.stages import DEFAULT_ORDER
from pipeline.stages.article import Context, Pipeline
from pipeline.stages.registry import check_order


class TaggedBackend:
    """A Chinese NER backend that returns the words and tags written in the test."""

    name = "tagged"

    def __init__(self, sentences: dict[str, list[tuple[str, str]]]) -> None:
        self.sentences = sentences

    def tag(self, sentences: list[str]) -> list[list[tuple[str, str]]]:
        return [self.sentences.get(s) or [(c, "n") for c in s] for s in sentences]

    def entities(self, sentences: list[str]) -> list[list[tuple[int, int, str]]]:
        return [[] for _ in sentences]


def _words(markup: str) -> list[tuple[str, str]]:
    """``word/TAG`` pairs separated by spaces; ␣ in a word stands for a space of the text (Paulo/PER ␣/w Rangel/PER)."""
    pairs = []
    for chunk in markup.split():
        word, _, tag = chunk.rpartition("/")
        pairs.append((word.replace("␣", " "), tag))
    return pairs


def _as_the_model_sees_it(words: list[tuple[str, str]]) -> dict[str, list[tuple[str, str]]]:
    """The sentence of ``words`` (simplified) and its words, as the model is given them: without the bracketed
    Latin originals of names (:func:`pipeline.nlp.zh.tag_sentences` keeps those from it)."""
    text = to_simplified("".join(w for w, _ in words))
    glosses = [m.span() for m in LATIN_GLOSS.finditer(text)]
    kept: list[tuple[str, str]] = []
    at = 0
    for word, tag in words:
        chars = "".join(c for i, c in enumerate(word, at) if not any(s <= i < e for s, e in glosses))
        at += len(word)
        if chars:
            kept.append((chars, tag))
    return {to_simplified("".join(w for w, _ in kept)): kept}


def zh_extraction(
    *paragraphs: str, date: dt.date = dt.date(2023, 7, 20), items: list[NewsItem] | None = None
) -> Extraction:
    """The extraction of a Chinese-only article whose paragraphs are given as ``word/TAG`` markup (traditional
    script too: the model is given the simplified sentences, as the real one is)."""
    words = [_words(p) for p in paragraphs]
    texts = ["".join(w for w, _ in p) for p in words]
    sentences: dict[str, list[tuple[str, str]]] = {}
    for paragraph in words:
        pieces: list[list[tuple[str, str]]] = [[]]
        for word, tag in paragraph:
            pieces[-1].append((word, tag))
            if word in "。！？；;!?":
                pieces.append([])
        for piece in (p for p in pieces if p):
            sentences.update(_as_the_model_sees_it(piece))
        for start in range(len(pieces)):  # pieces a semicolon joins into one sentence (gram:zh-list-over-semicolon)
            joined = list(pieces[start])
            for piece in pieces[start + 1 :]:
                if not joined or joined[-1][0] not in "；;":
                    break
                joined += piece
                sentences.update(_as_the_model_sees_it(joined))
    article = Article(id="handmade", source="handmade", date=date, versions={"zh": build_version("zh", texts)})
    article.items = items or []
    plan = check_order(DEFAULT_ORDER)
    stages = [s for s in plan.article if s.name != "nlp_en"]
    pipeline = Pipeline(Context(lexicon=load_lexicon(), zh_ner=TaggedBackend(sentences)), stages)
    return pipeline(article)


def roles_of(extraction: Extraction) -> set[tuple[str, str, str]]:
    """Every (date, property short name, zh label) of the extraction's events."""
    labels = {e.id: e.labels.get("zh") or e.labels.get("en", "") for e in extraction.entities}
    return {
        (event.date.isoformat() if event.date else "", p.prop.split(":")[1], labels[p.entity])
        for event in extraction.events
        for p in event.participants
    }
