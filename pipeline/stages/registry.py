"""The per-article stages and the pipeline that runs them in a fixed, checked order.

Each stage is one named function with one job, declaring what it needs and what it adds (in the
manner of spaCy's ``Language.component``). :class:`Pipeline` checks, before any text is processed,
that each stage's needs are met by an earlier one.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline.errors import PipelineConfigError, StageError
from pipeline.extractors.entities import article_places, assign_keys, build_entities
from pipeline.extractors.events import extract_events
from pipeline.extractors.roles import extract_memberships
from pipeline.lexicon.resources import Lexicon, load_lexicon
from pipeline.linking.align import merge
from pipeline.model import Article, Extraction
from pipeline.ner.backends import DEFAULT_ZH_NER, ZhNerBackend, zh_backend
from pipeline.nlp.en import analyse_en, english_nlp, pinyin_syllables
from pipeline.nlp.zh import analyse_zh


@dataclass(slots=True)
class Context:
    """What every stage may use: the lexicon and the loaded models."""

    lexicon: Lexicon
    zh_ner: ZhNerBackend | None = None
    use_alignment: bool = True
    use_gazetteer: bool = True
    zh_repair: bool = True


StageFunction = Callable[[Extraction, Context], None]


@dataclass(frozen=True, slots=True)
class Stage:
    """A named step with the fields of :class:`Extraction` it requires and provides."""

    name: str
    function: StageFunction
    requires: tuple[str, ...] = ()
    provides: tuple[str, ...] = ()


STAGES: dict[str, Stage] = {}


def stage(
    name: str, *, requires: tuple[str, ...] = (), provides: tuple[str, ...] = ()
) -> Callable[[StageFunction], StageFunction]:
    """Register a function as the stage ``name``."""

    def register(function: StageFunction) -> StageFunction:
        STAGES[name] = Stage(name, function, requires, provides)
        return function

    return register


@stage("nlp_zh", requires=("article",), provides=("analyses.zh",))
def nlp_zh(extraction: Extraction, context: Context) -> None:
    """Sentences, tokens and mentions of the Chinese version."""
    version = extraction.article.versions.get("zh")
    if version is not None:
        backend = context.zh_ner or zh_backend()
        extraction.analyses["zh"] = analyse_zh(
            version, context.lexicon, backend, gazetteer=context.use_gazetteer, repair=context.zh_repair
        )


@stage("nlp_en", requires=("article",), provides=("analyses.en",))
def nlp_en(extraction: Extraction, context: Context) -> None:
    """Sentences, tokens, parse and mentions of the English version."""
    version = extraction.article.versions.get("en")
    if version is not None:
        extraction.analyses["en"] = analyse_en(version, context.lexicon, gazetteer=context.use_gazetteer)


@stage("entities", requires=("analyses.zh", "analyses.en"), provides=("context_place", "entities.local"))
def entities(extraction: Extraction, context: Context) -> None:
    """The article's context place, then keys and entities per language."""
    analyses = [extraction.analyses[lang] for lang in sorted(extraction.analyses)]
    places = article_places(analyses, context.lexicon, extraction.article.title, extraction.article.periodical)
    extraction.places = places
    extraction.context_place = places.ranked[0] if places.ranked else None
    for analysis in analyses:
        assign_keys(analysis, places, context.lexicon)
        build_entities(analysis, context.lexicon)


@stage("relations", requires=("entities.local",), provides=("memberships.local", "events.local"))
def relations(extraction: Extraction, context: Context) -> None:
    """Memberships and events per language."""
    for lang, analysis in sorted(extraction.analyses.items()):
        version = extraction.article.versions[lang]
        extract_memberships(analysis, version, context.lexicon, extraction.places)
        extract_events(analysis, version, context.lexicon, extraction.article.date)


@stage("align", requires=("memberships.local", "events.local"), provides=("entities", "memberships", "events"))
def align(extraction: Extraction, context: Context) -> None:
    """One entity per real-world thing across both versions; facts merged."""
    if not context.use_alignment:
        _without_alignment(extraction)
        return
    merge(extraction)


def _without_alignment(extraction: Extraction) -> None:
    """Ablation: merge as if no zh↔en pair matched (each language keeps its own entities)."""
    en = extraction.analyses.pop("en", None)
    if en is not None:
        for entity in en.entities:
            entity.key = f"en:{entity.key}"
        extraction.analyses["en"] = en
    merge(extraction)


DEFAULT_ORDER: tuple[str, ...] = ("nlp_zh", "nlp_en", "entities", "relations", "align")


@dataclass(slots=True)
class Pipeline:
    """The per-article stages in order, checked once when built."""

    context: Context
    order: tuple[str, ...] = DEFAULT_ORDER
    stages: list[Stage] = field(default_factory=list)

    def __post_init__(self) -> None:
        provided = {"article"}
        for name in self.order:
            if name not in STAGES:
                raise PipelineConfigError(f"unknown stage {name!r}; known stages: {', '.join(STAGES)}")
            current = STAGES[name]
            missing = [r for r in current.requires if r not in provided]
            if missing:
                raise PipelineConfigError(
                    f"stage {name!r} needs {', '.join(missing)}, which no earlier stage provides; reorder the stages"
                )
            provided.update(current.provides)
            self.stages.append(current)

    def __call__(self, article: Article) -> Extraction:
        """Run every stage on one article."""
        extraction = Extraction(article=article)
        for current in self.stages:
            started = time.perf_counter()
            try:
                result = current.function(extraction, self.context)
            except Exception as error:
                raise StageError(f"stage {current.name!r} failed: {type(error).__name__}: {error}") from error
            if result is not None:
                raise StageError(
                    f"stage {current.name!r} returned {type(result).__name__}; stages change the extraction in place"
                )
            extraction.timings[current.name] = round(time.perf_counter() - started, 4)
        return extraction


def build_pipeline(
    *,
    zh_ner: str = DEFAULT_ZH_NER,
    use_alignment: bool = True,
    use_gazetteer: bool = True,
    zh_repair: bool = True,
    lexicon: Lexicon | None = None,
) -> Pipeline:
    """A pipeline with its models loaded (once per process); the switches are for ablations."""
    context = Context(
        lexicon=lexicon or load_lexicon(),
        zh_ner=zh_backend(zh_ner),
        use_alignment=use_alignment,
        use_gazetteer=use_gazetteer,
        zh_repair=zh_repair,
    )
    english_nlp()
    pinyin_syllables()
    return Pipeline(context)
