"""The source and per-article stages, and the pipeline that runs the per-article ones on one article.

Each stage changes the :class:`~pipeline.model.Extraction` in place. The order is not written here:
it is :data:`pipeline.stages.DEFAULT_ORDER` (or a user's order), checked by
:func:`~pipeline.stages.registry.check_order`.
"""

from __future__ import annotations

import contextlib
import time
import traceback
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from pipeline.cores import usable_cores
from pipeline.errors import BikgError, StageError
from pipeline.extractors.entities import (
    article_places,
    assign_keys,
    build_entities,
    original_names,
    settle_homonyms,
    short_names_in_brackets,
)
from pipeline.extractors.events import extract_events
from pipeline.extractors.modifiers import drop_title_places
from pipeline.extractors.roles import extract_memberships
from pipeline.ingest.normalise import analysis_text
from pipeline.ingest.read import Item, read_inputs
from pipeline.lexicon.match import en_patterns, zh_patterns
from pipeline.lexicon.resources import Lexicon, load_lexicon
from pipeline.linking.align import load_assignment_solver, merge, without_alignment
from pipeline.model import Article, Extraction
from pipeline.ner.backends import DEFAULT_ZH_NER, ZhNerBackend, zh_backend
from pipeline.nlp.en import analyse_en, english_nlp, parse_versions, pinyin_syllables
from pipeline.nlp.zh import analyse_zh, tag_versions
from pipeline.stages.registry import Stage, check_order, stage


@dataclass(slots=True)
class Context:
    """What every per-article stage may use: the lexicon, the loaded models and the ablation switches."""

    lexicon: Lexicon
    zh_ner: ZhNerBackend | None = None
    use_alignment: bool = True
    use_gazetteer: bool = True
    zh_repair: bool = True
    prepared: dict[int, Any] = field(default_factory=dict)
    """Model outputs computed for a chunk of articles by a stage's ``prepare``, keyed by ``id(version)``."""


@stage("ingest", scope="source", provides=("article",))
def ingest(inputs: Iterable[str], lexicon: Lexicon) -> Iterator[Item]:
    """Articles (or ingest errors) of the inputs: files, directories, globs, ``-`` for JSONL on stdin."""
    return read_inputs(inputs, lexicon)


@stage("normalise", requires=("article",), provides=("analysis_text",))
def normalise(extraction: Extraction, context: Context) -> None:
    """The analysis text of each version: simplified script, same length as the stored text."""
    for version in extraction.article.versions.values():
        version.analysis = analysis_text(version)


def _tag_chunk(extractions: list[Extraction], context: Context) -> None:
    """The Chinese model over the sentences of every article of a chunk at once (one batched call)."""
    versions = [e.article.versions["zh"] for e in extractions if "zh" in e.article.versions]
    tagged = tag_versions(versions, context.zh_ner or zh_backend())
    context.prepared.update({id(v): words for v, words in zip(versions, tagged, strict=True)})


def _parse_chunk(extractions: list[Extraction], context: Context) -> None:
    """spaCy over the paragraphs of every article of a chunk at once (``nlp.pipe`` batches them)."""
    versions = [e.article.versions["en"] for e in extractions if "en" in e.article.versions]
    context.prepared.update({id(v): docs for v, docs in zip(versions, parse_versions(versions), strict=True)})


@stage("nlp_zh", requires=("analysis_text",), provides=("analyses.zh",), prepare=_tag_chunk)
def nlp_zh(extraction: Extraction, context: Context) -> None:
    """Sentences, tokens and mentions of the Chinese version."""
    version = extraction.article.versions.get("zh")
    if version is not None:
        backend = context.zh_ner or zh_backend()
        extraction.analyses["zh"] = analyse_zh(
            version,
            context.lexicon,
            backend,
            gazetteer=context.use_gazetteer,
            repair=context.zh_repair,
            tagged=context.prepared.pop(id(version), None),
        )


@stage("nlp_en", requires=("article",), provides=("analyses.en",), prepare=_parse_chunk)
def nlp_en(extraction: Extraction, context: Context) -> None:
    """Sentences, tokens, parse and mentions of the English version."""
    version = extraction.article.versions.get("en")
    if version is not None:
        docs = context.prepared.pop(id(version), None)
        extraction.analyses["en"] = analyse_en(version, context.lexicon, gazetteer=context.use_gazetteer, docs=docs)


@stage("entities", requires=("analyses.zh", "analyses.en"), provides=("context_place", "entities.local"))
def entities(extraction: Extraction, context: Context) -> None:
    """The article's context place, then keys and entities per language (a Chinese name's Latin original in
    brackets an English name of its person)."""
    analyses = [extraction.analyses[lang] for lang in sorted(extraction.analyses)]
    settle_homonyms(analyses, context.lexicon)
    places = article_places(analyses, context.lexicon, extraction.article.title, extraction.article.periodical)
    extraction.places = places
    extraction.context_place = places.ranked[0] if places.ranked else None
    for analysis in analyses:
        assign_keys(analysis, places, context.lexicon)
        short_names_in_brackets(analysis, extraction.article.versions[analysis.lang].analysis)
        build_entities(analysis, context.lexicon)
    if "zh" in extraction.analyses:
        original_names(extraction.analyses["zh"], extraction.article.versions["zh"].analysis)


@stage("roles", requires=("entities.local",), provides=("memberships.local",))
def roles(extraction: Extraction, context: Context) -> None:
    """Memberships (person, body, role) stated in each language."""
    for lang, analysis in sorted(extraction.analyses.items()):
        version = extraction.article.versions[lang]
        extract_memberships(analysis, version, context.lexicon, extraction.places, extraction.article.date)


@stage("title_places", requires=("memberships.local",), provides=("places.checked",))
def title_places(extraction: Extraction, context: Context) -> None:
    """Places that only modify a title (英国驻重庆总领事) are not places the article is about."""
    for lang, analysis in sorted(extraction.analyses.items()):
        drop_title_places(analysis, extraction.article.versions[lang], context.lexicon)


@stage("events", requires=("entities.local",), provides=("events.local",))
def events(extraction: Extraction, context: Context) -> None:
    """Events with their dates and participants in each language."""
    for lang, analysis in sorted(extraction.analyses.items()):
        extract_events(analysis, extraction.article.versions[lang], context.lexicon, extraction.article)


@stage("align", requires=("memberships.local", "events.local"), provides=("entities", "memberships", "events"))
def align(extraction: Extraction, context: Context) -> None:
    """One entity per real-world thing across both versions; facts merged."""
    if context.use_alignment:
        merge(extraction, context.lexicon)
    else:
        without_alignment(extraction, context.lexicon)


@dataclass(slots=True)
class _Chunk:
    """A chunk's articles, their extractions and the model calls started for them in the second thread."""

    articles: Sequence[Article]
    extractions: list[Extraction | StageError]
    started: dict[str, Future[None]] = field(default_factory=dict)
    """By stage name."""

    @classmethod
    def of(cls, articles: Sequence[Article]) -> _Chunk:
        return cls(articles, [Extraction(article=a) for a in articles])


@dataclass(slots=True)
class Pipeline:
    """The per-article stages of an order, checked once when built.

    With ``run_ahead``, a stage's model calls start in a second thread as soon as what they read is there:
    spaCy parses the English of a chunk while the Chinese model tags it and the rules run, and the English of
    the next chunk (:meth:`pipe` ``following``) while the rules of this one run. Both models release the GIL,
    so two cores are busy; each model is still used by one thread at a time, so the output does not change."""

    context: Context
    stages: Sequence[Stage] = field(default_factory=tuple)
    run_ahead: bool = False
    _ahead: ThreadPoolExecutor | None = None
    _waiting: tuple[Sequence[Article], _Chunk] | None = None

    def __call__(self, article: Article) -> Extraction:
        """Run every stage on one article; a failing stage raises :class:`StageError` (traceback kept)."""
        outcome = self.pipe([article])[0]
        if isinstance(outcome, StageError):
            raise outcome
        return outcome

    def pipe(
        self, articles: Sequence[Article], following: Sequence[Article] | None = None
    ) -> list[Extraction | StageError]:
        """Every stage on a chunk of articles, stage by stage, so models see all their texts in one batch;
        ``following``, the chunk the next call will get, has its first model calls started meanwhile.

        An article that fails a stage comes back as its :class:`StageError`; the others go on."""
        chunk = self._chunk(articles)
        if self.run_ahead:
            self._start(chunk, set(), 0)
            if following:
                self._waiting = (following, _Chunk.of(following))
                self._start(self._waiting[1], set(), 0)
        extractions = chunk.extractions
        provided: set[str] = set()
        for position, current in enumerate(self.stages):
            live = [e for e in extractions if isinstance(e, Extraction)]
            if self.run_ahead:
                self._start(chunk, provided, position + 1)
            if current.name in chunk.started:
                chunk.started.pop(current.name).result()
            elif current.prepare is not None and live:
                self._prepare(current, live)
            provided.update(current.provides)
            for index, extraction in enumerate(extractions):
                if isinstance(extraction, Extraction):
                    try:
                        self._run(current, extraction)
                    except StageError as error:
                        extractions[index] = error
        self._forget(chunk)
        return extractions

    def _chunk(self, articles: Sequence[Article]) -> _Chunk:
        """The chunk started ahead for these articles, else a new one (a chunk started ahead and not asked
        for is waited for and forgotten)."""
        waiting, self._waiting = self._waiting, None
        if waiting is not None and waiting[0] is articles:
            return waiting[1]
        if waiting is not None:
            self._forget(waiting[1])
        return _Chunk.of(articles)

    def _start(self, chunk: _Chunk, provided: set[str], first: int) -> None:
        """Start in the second thread the model calls of the stages from ``first`` on whose inputs are there."""
        made_here = {need for s in self.stages for need in s.provides}
        live = [e for e in chunk.extractions if isinstance(e, Extraction)]
        for later in self.stages[first:]:
            ready = set(later.requires) & made_here <= provided
            if later.prepare is not None and live and ready and later.name not in chunk.started:
                chunk.started[later.name] = self._pool().submit(self._prepare, later, live)

    def _forget(self, chunk: _Chunk) -> None:
        """Wait for the chunk's model calls still running and drop what they computed and nobody took."""
        for future in chunk.started.values():
            future.result()
        for article in chunk.articles:
            for version in article.versions.values():
                self.context.prepared.pop(id(version), None)

    def _prepare(self, current: Stage, live: list[Extraction]) -> None:
        """Batch the stage's model calls; if that fails, each article computes its own (and reports its error)."""
        with contextlib.suppress(Exception):
            current.prepare(live, self.context)  # type: ignore[misc]

    def _pool(self) -> ThreadPoolExecutor:
        if self._ahead is None:
            self._ahead = ThreadPoolExecutor(1, thread_name_prefix="bikg-ahead")
        return self._ahead

    def _run(self, current: Stage, extraction: Extraction) -> None:
        started = time.perf_counter()
        try:
            result = current.function(extraction, self.context)
        except BikgError as error:
            raise StageError(f"stage {current.name!r} failed: {error}") from error
        except Exception as error:
            raise StageError(
                f"stage {current.name!r} failed: {type(error).__name__}: {error}",
                details=traceback.format_exc(),
            ) from error
        if result is not None:
            raise StageError(
                f"stage {current.name!r} returned {type(result).__name__}; stages change the extraction in place"
            )
        extraction.timings[current.name] = round(time.perf_counter() - started, 4)


def build_pipeline(
    *,
    order: Sequence[str] | None = None,
    zh_ner: str = DEFAULT_ZH_NER,
    use_alignment: bool = True,
    use_gazetteer: bool = True,
    zh_repair: bool = True,
    lexicon: Lexicon | None = None,
    run_ahead: bool | None = None,
) -> Pipeline:
    """The per-article pipeline of ``order`` with its models loaded (once per process); ``run_ahead`` (by default:
    when the machine has a second core) lets a stage's model calls overlap an earlier stage (:class:`Pipeline`)."""
    from pipeline.stages import DEFAULT_ORDER

    plan = check_order(order or DEFAULT_ORDER)
    context = Context(
        lexicon=lexicon or load_lexicon(),
        zh_ner=zh_backend(zh_ner),
        use_alignment=use_alignment,
        use_gazetteer=use_gazetteer,
        zh_repair=zh_repair,
    )
    english_nlp()
    pinyin_syllables()
    zh_patterns(context.lexicon)  # the lexicon's name patterns are compiled while loading, not in the first article
    en_patterns(context.lexicon)
    if any(s.name == "align" for s in plan.article):
        load_assignment_solver()
    ahead = usable_cores() > 1 if run_ahead is None else run_ahead
    return Pipeline(context, plan.article, run_ahead=ahead)
