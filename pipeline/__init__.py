"""bikg: bilingual (Chinese + English) knowledge-graph extraction for government and foreign-affairs news.

Python API::

    import pipeline
    result = pipeline.extract(open("article.txt").read())      # or a JSONL-style record (dict)
    result.entities, result.memberships, result.events
    result.to_rdf().serialize(format="turtle")
    result.to_networkx()
    pipeline.run(["data/"], Path("outputs"))                     # batch, writes every output file
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import networkx as nx
from rdflib import Graph

from pipeline.batch.runner import RunResult, run
from pipeline.errors import BikgError, IngestError
from pipeline.model import Extraction
from pipeline.ner.backends import DEFAULT_ZH_NER
from pipeline.vocab import DEFAULT_BASE_IRI

__all__ = ["BikgError", "ExtractionResult", "IngestError", "RunResult", "extract", "run"]
__version__ = "0.1.0"


@dataclass(slots=True)
class ExtractionResult:
    """One article's extraction with its graph views."""

    extraction: Extraction
    base_iri: str = DEFAULT_BASE_IRI

    def __getattr__(self, name: str) -> Any:
        return getattr(self.extraction, name)

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


def extract(
    text_or_record: str | dict[str, Any],
    *,
    article_id: str = "article",
    zh_ner: str = DEFAULT_ZH_NER,
    base_iri: str = DEFAULT_BASE_IRI,
) -> ExtractionResult:
    """Extract one article given as page text or as a record ``{"id", "title", "date", "source", "zh", "en"}``."""
    from pipeline.ingest.read import parse_page, parse_record
    from pipeline.stages.article import build_pipeline

    pipeline = build_pipeline(zh_ner=zh_ner)
    if isinstance(text_or_record, dict):
        article = parse_record(text_or_record, source=str(text_or_record.get("id") or article_id))
    else:
        article = parse_page(text_or_record, article_id=article_id, source=article_id, lexicon=pipeline.context.lexicon)
    return ExtractionResult(pipeline(article), base_iri)
