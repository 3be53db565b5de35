"""Batch runs: every article through the per-article stages, then resolve, build and write once.

A broken article is recorded in the report with its source and reason; the others come out whole.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pipeline.access.store import STORE_DIR, load_trig
from pipeline.batch.executors import RunConfig, run_dask, run_local, run_serial
from pipeline.batch.manifest import Manifest, article_hash, fingerprint
from pipeline.errors import IngestError, PipelineConfigError
from pipeline.graph.nx import to_networkx
from pipeline.graph.rdf import to_quads
from pipeline.graph.write import OUTPUT_FILES, write_outputs, write_trig
from pipeline.ingest.read import read_inputs
from pipeline.lexicon.resources import load_lexicon
from pipeline.linking.resolve import merges, resolve
from pipeline.model import Article, Extraction
from pipeline.ner.backends import DEFAULT_ZH_NER, backend_files
from pipeline.vocab import DEFAULT_BASE_IRI

MANIFEST_SAVE_SECONDS = 2.0  # a killed run loses at most this much finished work


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
    """The outcome of a batch run; ``up_to_date`` when nothing changed and no file was rewritten."""

    reports: list[ArticleReport]
    files: dict[str, Path]
    seconds: float
    up_to_date: bool = False
    entities: int = 0
    pruned: list[str] = field(default_factory=list)

    @property
    def failed(self) -> list[ArticleReport]:
        return [r for r in self.reports if r.status == "error"]


def counts(extraction: Extraction) -> dict[str, int]:
    """Entity, membership, event and mention counts of one extraction."""
    return {
        "entities": len(extraction.entities),
        "memberships": len(extraction.memberships),
        "events": len(extraction.events),
        "mentions": sum(1 for m in extraction.mentions if m.entity),
    }


def _executor(config: RunConfig, *, workers: int, executor: str, scheduler: str | None):  # type: ignore[no-untyped-def]
    if executor == "dask":
        return lambda articles: run_dask(articles, config, scheduler=scheduler, workers=workers)
    if executor != "local":
        raise PipelineConfigError(f"unknown executor {executor!r}; choose local or dask")
    if workers <= 1:
        return lambda articles: run_serial(articles, config)
    return lambda articles: run_local(articles, config, workers)


def run(
    inputs: Iterable[str],
    out: Path,
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    zh_ner: str = DEFAULT_ZH_NER,
    use_alignment: bool = True,
    use_store: bool = True,
    workers: int = 1,
    executor: str = "local",
    scheduler: str | None = None,
    prune: bool = False,
    use_gazetteer: bool = True,
    zh_repair: bool = True,
    on_article: Callable[[ArticleReport], None] | None = None,
) -> RunResult:
    """Extract ``inputs`` (files, directories, globs, ``-``) into the output directory ``out``.

    Incremental: an article whose content is unchanged since the last run into ``out`` (same
    configuration) is not processed again; ``prune`` drops articles of earlier runs that are not in
    ``inputs``. When nothing changed, the output files are left as they are. Every contract file is
    written, and the graphs loaded into the embedded Oxigraph store ``out/store``.
    """
    started = time.perf_counter()
    config = RunConfig(zh_ner=zh_ner, use_alignment=use_alignment, use_gazetteer=use_gazetteer, zh_repair=zh_repair)
    options = {"base_iri": base_iri, **asdict(config), "store": use_store}
    manifest = Manifest.load(out, fingerprint(options, backend_files(zh_ner)))
    lexicon = load_lexicon()
    reports: list[ArticleReport] = []
    seen: dict[str, str] = {}
    hashes: dict[str, str] = {}
    clock: dict[str, float] = {}

    def report(entry: ArticleReport) -> None:
        reports.append(entry)
        if on_article:
            on_article(entry)

    def to_process() -> Iterator[Article]:
        for item in read_inputs(inputs, lexicon):
            if isinstance(item, IngestError):
                report(ArticleReport(item.source, None, "error", item.reason))
            elif item.id in seen:
                report(
                    ArticleReport(
                        item.source, item.id, "error", f"duplicate article id (first seen in {seen[item.id]})"
                    )
                )
            else:
                seen[item.id] = item.source
                hashes[item.id] = article_hash(item)
                if manifest.is_current(item, hashes[item.id]):
                    report(ArticleReport(item.source, item.id, "skipped"))
                else:
                    clock[item.id] = time.perf_counter()
                    yield item

    processed = 0
    saved = time.monotonic()
    for article, outcome in _executor(config, workers=workers, executor=executor, scheduler=scheduler)(to_process()):
        seconds = round(time.perf_counter() - clock.pop(article.id, time.perf_counter()), 4)
        if isinstance(outcome, str):
            report(ArticleReport(article.source, article.id, "error", outcome, seconds=seconds))
            continue
        manifest.put(outcome, hashes[article.id])
        processed += 1
        if time.monotonic() - saved > MANIFEST_SAVE_SECONDS:
            manifest.save(complete=False)
            saved = time.monotonic()
        report(ArticleReport(article.source, article.id, "ok", counts=counts(outcome), seconds=seconds))
    pruned = [a for a in list(manifest.entries) if a not in seen] if prune else []
    for article_id in pruned:
        manifest.drop(article_id)
    files = {name: out / name for name in OUTPUT_FILES}
    up_to_date = not processed and not pruned and manifest.complete and all(f.exists() for f in files.values())
    entities = 0
    if not up_to_date:
        manifest.save(complete=False)
        article_ids = sorted(manifest.entries)
        corpus = resolve(map(manifest.get, article_ids), base=base_iri, lexicon=lexicon)
        entities = len(corpus.entities)
        summary = {
            "ok": sum(r.status == "ok" for r in reports),
            "error": sum(r.status == "error" for r in reports),
            "skipped": sum(r.status == "skipped" for r in reports),
            "pruned": len(pruned),
            "articles": len(manifest.entries),
            "entities": entities,
        }
        trig = write_trig(out, to_quads(corpus, map(manifest.get, article_ids)), base=base_iri)
        with ThreadPoolExecutor(max_workers=1) as loader:
            loading = loader.submit(load_trig, out / STORE_DIR, trig) if use_store else None
            run_report = {
                "articles": [r.to_dict() for r in sorted(reports, key=lambda r: r.source)],
                "summary": summary,
                "merges": merges(corpus),
            }
            write_outputs(out, to_networkx(corpus), run_report, base=base_iri)
            if loading:
                loading.result()
        manifest.save(complete=True)
    if use_store:
        files["store"] = out / STORE_DIR
    return RunResult(reports, files, round(time.perf_counter() - started, 3), up_to_date, entities, pruned)
