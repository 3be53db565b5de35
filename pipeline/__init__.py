"""bikg: bilingual (Chinese + English) knowledge-graph extraction for government and foreign-affairs news.

Python API::

    import pipeline
    extractor = pipeline.load()                                  # loads the models once (about 10 s)
    result = extractor.extract(open("article.txt").read())       # or a JSONL-style record (dict)
    result.memberships[0].person.labels["zh"]                    # facts refer to entity objects
    for result in extractor.extract_many(records): ...           # a stream, in input order
    result.to_rdf().serialize(format="turtle")
    result.to_networkx()
    pipeline.run(["data/"], Path("outputs"))                     # batch, writes every output file
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

import networkx as nx
from rdflib import Graph

from pipeline.batch.runner import RunResult, run
from pipeline.errors import BikgError, IngestError, StageError
from pipeline.model import Article, Entity, Event, Extraction, Membership
from pipeline.ner.backends import DEFAULT_ZH_NER
from pipeline.vocab import DEFAULT_BASE_IRI

__all__ = [
    "BikgError",
    "EventView",
    "ExtractionResult",
    "Extractor",
    "IngestError",
    "MembershipView",
    "Participant",
    "RunResult",
    "extract",
    "load",
    "run",
]
__version__ = "0.1.0"


@dataclass(frozen=True, slots=True)
class MembershipView:
    """A membership whose person and organisation are :class:`~pipeline.model.Entity` objects; the other
    attributes (``role``, ``confidence``, ``evidence``, ``start``, ``end``) are the membership's."""

    membership: Membership
    person: Entity
    organization: Entity
    role_labels: dict[str, str]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.membership, name)


@dataclass(frozen=True, slots=True)
class Participant:
    """An entity taking part in an event, and how (``prop``: ``schema:attendee``, ``bikg:chair``…)."""

    entity: Entity
    prop: str
    confidence: float


@dataclass(frozen=True, slots=True)
class EventView:
    """An event whose participants are entity objects; the other attributes are the event's."""

    event: Event
    participants: list[Participant]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.event, name)


@dataclass(slots=True)
class ExtractionResult:
    """One article's extraction with its graph views; ``memberships`` and ``events`` refer to entities."""

    extraction: Extraction
    base_iri: str = DEFAULT_BASE_IRI
    role_names: dict[str, dict[str, str]] | None = None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.extraction, name)

    @property
    def memberships(self) -> list[MembershipView]:
        entity = self.extraction.entity
        return [
            MembershipView(m, entity(m.person), entity(m.organization), (self.role_names or {}).get(m.role, {}))
            for m in self.extraction.memberships
        ]

    @property
    def events(self) -> list[EventView]:
        entity = self.extraction.entity
        return [
            EventView(e, [Participant(entity(p.entity), p.prop, p.confidence) for p in e.participants])
            for e in self.extraction.events
        ]

    def _corpus(self):  # type: ignore[no-untyped-def]
        from pipeline.linking.resolve import resolve

        return resolve([self.extraction], base=self.base_iri)

    def to_rdf(self) -> Graph:
        """The article's triples in one graph (the contract's ``graph.ttl`` for this article)."""
        from pipeline.graph.rdf import to_dataset, to_graph

        return to_graph(to_dataset(self._corpus(), [self.extraction]))

    def to_networkx(self) -> nx.MultiDiGraph:
        """The article's entities and facts as a NetworkX multigraph."""
        from pipeline.graph.nx import to_networkx

        return to_networkx(self._corpus())


class Extractor:
    """The per-article pipeline with its models loaded, reusable for any number of articles."""

    def __init__(self, *, zh_ner: str = DEFAULT_ZH_NER, base_iri: str = DEFAULT_BASE_IRI) -> None:
        from pipeline.stages.article import build_pipeline

        self.zh_ner = zh_ner
        self.base_iri = base_iri
        self.pipeline = build_pipeline(zh_ner=zh_ner)
        roles = self.pipeline.context.lexicon.roles
        self.role_names = {key: {"zh": entry.zh, "en": entry.en} for key, entry in roles.items()}

    def article(self, text_or_record: str | dict[str, Any], *, article_id: str = "article") -> Article:
        """The article of page text or of a record ``{"id", "title", "date", "source", "zh", "en"}``."""
        from pipeline.ingest.read import parse_page, parse_record

        lexicon = self.pipeline.context.lexicon
        if isinstance(text_or_record, dict):
            return parse_record(text_or_record, source=str(text_or_record.get("id") or article_id), lexicon=lexicon)
        return parse_page(text_or_record, article_id=article_id, source=article_id, lexicon=lexicon)

    def extract(self, text_or_record: str | dict[str, Any], *, article_id: str = "article") -> ExtractionResult:
        """Extract one article; a failing stage raises :class:`~pipeline.errors.StageError`."""
        extraction = self.pipeline(self.article(text_or_record, article_id=article_id))
        return ExtractionResult(extraction, self.base_iri, self.role_names)

    def extract_many(self, records: Iterable[str | dict[str, Any]], *, workers: int = 1) -> Iterator[ExtractionResult]:
        """Extract a stream of texts or records lazily, yielding results in input order (like spaCy's
        ``nlp.pipe``). ``workers`` > 1 spreads them over worker processes, each loading the models once,
        with a bounded number in flight; the first failing article raises."""
        articles = (self.article(r, article_id=f"article-{i}") for i, r in enumerate(records))
        if workers <= 1:
            for article in articles:
                yield ExtractionResult(self.pipeline(article), self.base_iri, self.role_names)
            return
        yield from self._in_workers(articles, workers)

    def _in_workers(self, articles: Iterator[Article], workers: int) -> Iterator[ExtractionResult]:
        from pipeline.batch.executors import Failure, RunConfig, run_local
        from pipeline.stages import DEFAULT_ORDER

        position: dict[int, int] = {}

        def numbered() -> Iterator[Article]:
            for index, article in enumerate(articles):
                position[id(article)] = index
                yield article

        waiting: dict[int, ExtractionResult] = {}
        following = 0
        for article, outcome in run_local(numbered(), RunConfig(tuple(DEFAULT_ORDER), self.zh_ner), workers):
            if isinstance(outcome, Failure):
                raise StageError(f"{article.source}: {outcome.reason}", details=outcome.details)
            waiting[position.pop(id(article))] = ExtractionResult(outcome.extraction, self.base_iri, self.role_names)
            while following in waiting:
                yield waiting.pop(following)
                following += 1


@cache
def load(*, zh_ner: str = DEFAULT_ZH_NER, base_iri: str = DEFAULT_BASE_IRI) -> Extractor:
    """The extractor for these options, its models loaded once per process (later calls return it)."""
    return Extractor(zh_ner=zh_ner, base_iri=base_iri)


def extract(
    text_or_record: str | dict[str, Any],
    *,
    article_id: str = "article",
    zh_ner: str = DEFAULT_ZH_NER,
    base_iri: str = DEFAULT_BASE_IRI,
) -> ExtractionResult:
    """Extract one article given as page text or as a record: ``load(...).extract(...)``."""
    return load(zh_ner=zh_ner, base_iri=base_iri).extract(text_or_record, article_id=article_id)
