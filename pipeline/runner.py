"""Batch runs: every article through the per-article stages, then resolve, build and write once.

A broken article is recorded in the report with its source and reason; the others come out whole.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import BikgError, IngestError
from pipeline.graph import CorpusGraph, resolve, to_dataset, to_networkx
from pipeline.ingest import read_inputs
from pipeline.model import Article, Extraction
from pipeline.stages import Pipeline, build_pipeline
from pipeline.store import STORE_DIR, load_dataset
from pipeline.vocab import DEFAULT_BASE_IRI
from pipeline.write import write_outputs


@dataclass(slots=True)
class ArticleReport:
    """How one article fared."""

    source: str
    id: str | None
    status: str
    reason: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "path": self.source,
            "id": self.id,
            "status": self.status,
            "seconds": self.seconds,
        }
        if self.reason:
            data["reason"] = self.reason
        data.update(self.counts)
        return data


@dataclass(slots=True)
class RunResult:
    """The outcome of a batch run."""

    corpus: CorpusGraph
    reports: list[ArticleReport]
    files: dict[str, Path]
    seconds: float

    @property
    def failed(self) -> list[ArticleReport]:
        return [r for r in self.reports if r.status != "ok"]


def counts(extraction: Extraction) -> dict[str, int]:
    """Entity, membership, event and mention counts of one extraction."""
    return {
        "entities": len(extraction.entities),
        "memberships": len(extraction.memberships),
        "events": len(extraction.events),
        "mentions": sum(1 for m in extraction.mentions if m.entity),
    }


def extract_all(
    items: Iterable[Article | IngestError],
    pipeline: Pipeline,
    *,
    on_article: Callable[[ArticleReport], None] | None = None,
) -> tuple[list[Extraction], list[ArticleReport]]:
    """Run the per-article stages on every article; failures become reports, never exceptions."""
    extractions: list[Extraction] = []
    reports: list[ArticleReport] = []
    seen_ids: dict[str, str] = {}
    for item in items:
        started = time.perf_counter()
        if isinstance(item, IngestError):
            report = ArticleReport(item.source, None, "error", item.reason)
        elif item.id in seen_ids:
            report = ArticleReport(
                item.source, item.id, "error", f"duplicate article id (first seen in {seen_ids[item.id]})"
            )
        else:
            seen_ids[item.id] = item.source
            try:
                extraction = pipeline(item)
            except BikgError as error:
                report = ArticleReport(item.source, item.id, "error", str(error))
            else:
                extractions.append(extraction)
                report = ArticleReport(item.source, item.id, "ok", counts=counts(extraction))
        report.seconds = round(time.perf_counter() - started, 4)
        reports.append(report)
        if on_article:
            on_article(report)
    return extractions, reports


def run(
    inputs: Iterable[str],
    out: Path,
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    zh_ner: str = "lac",
    use_alignment: bool = True,
    use_store: bool = True,
    on_article: Callable[[ArticleReport], None] | None = None,
) -> RunResult:
    """Read ``inputs`` (files, directories, globs), extract, resolve and write every output file to ``out``,
    and load the graphs into the embedded Oxigraph store ``out/store`` (one named graph per article)."""
    started = time.perf_counter()
    pipeline = build_pipeline(zh_ner=zh_ner, use_alignment=use_alignment)
    extractions, reports = extract_all(read_inputs(inputs, pipeline.context.lexicon), pipeline, on_article=on_article)
    corpus = resolve(extractions, base=base_iri, lexicon=pipeline.context.lexicon)
    report = {
        "articles": [r.to_dict() for r in sorted(reports, key=lambda r: r.source)],
        "summary": {
            "ok": sum(r.status == "ok" for r in reports),
            "error": sum(r.status != "ok" for r in reports),
            "entities": len(corpus.entities),
        },
    }
    dataset = to_dataset(corpus)
    files = write_outputs(out, dataset, to_networkx(corpus), report)
    if use_store:
        load_dataset(out / STORE_DIR, dataset, prune=True)
        files["store"] = out / STORE_DIR
    return RunResult(corpus, reports, files, round(time.perf_counter() - started, 3))
