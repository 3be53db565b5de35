"""Batch runs in three steps: plan (check the stage order, open the manifest), execute (the source and
per-article stages on every new or changed article), finalise (the corpus stages, once).

A broken article is recorded in the report with its source and reason; the others come out whole.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from itertools import chain, islice
from pathlib import Path
from typing import Any

from pipeline.access.store import STORE_DIR, store_is_intact
from pipeline.batch.executors import Failure, RunConfig, run_dask, run_local, run_serial
from pipeline.batch.manifest import (
    LOCK_WAIT_SECONDS,
    Manifest,
    article_hash,
    fingerprint,
    lock_directory,
    remove_stale,
)
from pipeline.cores import usable_cores
from pipeline.errors import IngestError, PipelineConfigError
from pipeline.graph.write import OUTPUT_FILES
from pipeline.lexicon.resources import Lexicon, load_lexicon
from pipeline.model import Article, Extraction
from pipeline.ner.backends import DEFAULT_ZH_NER, backend_files
from pipeline.stages import DEFAULT_ORDER, Plan, check_order
from pipeline.stages.corpus import CorpusRun
from pipeline.vocab import DEFAULT_BASE_IRI

_log = logging.getLogger("bikg")
MANIFEST_SAVE_SECONDS = 2.0  # a killed run loses at most this much finished work
SMALL_INPUT = 120
"""Up to this many articles to process, ``workers=None`` runs in this process: spawning workers, each
loading the models, costs more than it saves (``benchmarks/floor.py 60 300`` on two cores: one worker 5.3 s + 33 ms
an article, two 6.3 s + 23.5 ms an article, even at about 105 articles)."""


@dataclass(slots=True)
class ArticleReport:
    """How one article fared (``details``: the traceback of an unexpected failure)."""

    source: str
    id: str | None
    status: str
    reason: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    details: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"path": self.source, "id": self.id, "status": self.status, "seconds": self.seconds}
        if self.reason:
            data["reason"] = self.reason
        if self.details:
            data["traceback"] = self.details
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


@dataclass(slots=True)
class RunPlan:
    """A checked run: its stages, configuration, manifest, and what the execution step records."""

    out: Path
    base: str
    stages: Plan
    config: RunConfig
    manifest: Manifest
    lexicon: Lexicon
    use_store: bool
    on_article: Callable[[ArticleReport], None] | None
    on_status: Callable[[str], None] | None = None
    reports: list[ArticleReport] = field(default_factory=list)
    seen: dict[str, str] = field(default_factory=dict)
    hashes: dict[str, str] = field(default_factory=dict)
    processed: int = 0
    pruned: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)
    lock: int | None = None

    def release(self) -> None:
        """Let go of the output directory's lock (idempotent)."""
        if self.lock is not None:
            os.close(self.lock)
            self.lock = None

    def report(self, entry: ArticleReport) -> None:
        self.reports.append(entry)
        if self.on_article:
            self.on_article(entry)

    def status(self, message: str) -> None:
        """Say what the run is doing between articles (loading models, writing files)."""
        if self.on_status:
            self.on_status(message)


def plan(
    out: Path,
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    zh_ner: str = DEFAULT_ZH_NER,
    use_alignment: bool = True,
    use_store: bool = True,
    use_gazetteer: bool = True,
    zh_repair: bool = True,
    stages: Sequence[str] | None = None,
    fresh: bool = False,
    on_article: Callable[[ArticleReport], None] | None = None,
    on_status: Callable[[str], None] | None = None,
    lock_wait: float = LOCK_WAIT_SECONDS,
) -> RunPlan:
    """Check the stage order, lock the output directory (waiting up to ``lock_wait`` seconds for another
    run), remove what a killed run left, and open its manifest (empty with ``fresh``)."""
    order = tuple(stages or DEFAULT_ORDER)
    checked = check_order(order)
    config = RunConfig(order, zh_ner, use_alignment, use_gazetteer, zh_repair)
    options = {"base_iri": base_iri, **asdict(config), "store": use_store}
    current = fingerprint(options, backend_files(zh_ner))
    lock = lock_directory(out, wait=lock_wait, on_wait=on_status)
    try:
        remove_stale(out)
        manifest = Manifest(out, current) if fresh else Manifest.load(out, current)
        lexicon = load_lexicon()
    except BaseException:
        os.close(lock)
        raise
    return RunPlan(out, base_iri, checked, config, manifest, lexicon, use_store, on_article, on_status, lock=lock)


def _to_process(run: RunPlan, inputs: Iterable[str]) -> Iterator[Article]:
    """The source stage's articles that need the per-article stages; the others are reported here."""
    for item in run.stages.source.function(inputs, run.lexicon):
        if isinstance(item, IngestError):
            run.report(ArticleReport(item.source, None, "error", item.reason))
        elif item.id in run.seen:
            reason = f"duplicate article id (first seen in {run.seen[item.id]})"
            run.report(ArticleReport(item.source, item.id, "error", reason))
        else:
            run.seen[item.id] = item.source
            run.hashes[item.id] = article_hash(item)
            if run.manifest.is_current(item, run.hashes[item.id]):
                run.report(ArticleReport(item.source, item.id, "unchanged"))
            else:
                yield item


def choose_workers(articles: Iterator[Article], workers: int | None) -> tuple[int, Iterator[Article]]:
    """``workers``, or when None: 1 while at most :data:`SMALL_INPUT` articles are to be processed, else
    the number of cores (the stream is read that far ahead, then handed on whole)."""
    if workers is not None:
        return workers, articles
    head = list(islice(articles, SMALL_INPUT + 1))
    chosen = 1 if len(head) <= SMALL_INPUT else usable_cores()
    return chosen, chain(head, articles)


def _announce(run: RunPlan, articles: Iterator[Article], workers: int) -> Iterator[Article]:
    """The articles, saying "loading models" when the first one goes to the executor (which loads them then)."""
    for index, article in enumerate(articles):
        if index == 0:
            where = "in this process" if workers == 1 else f"in {workers} worker processes"
            run.status(f"loading models {where}")
        yield article


def _executor(config: RunConfig, *, workers: int, executor: str, scheduler: str | None):  # type: ignore[no-untyped-def]
    if executor == "dask":
        return lambda articles: run_dask(articles, config, scheduler=scheduler, workers=workers)
    if executor != "local":
        raise PipelineConfigError(f"unknown executor {executor!r}; choose local or dask")
    if workers <= 1:
        return lambda articles: run_serial(articles, config)
    return lambda articles: run_local(articles, config, workers)


def execute(
    run: RunPlan,
    inputs: Iterable[str],
    *,
    workers: int | None = 1,
    executor: str = "local",
    scheduler: str | None = None,
) -> None:
    """Every new or changed article through the per-article stages, each result cached as it arrives.

    ``workers=None`` chooses by the input's size (:func:`choose_workers`). An article's ``seconds`` is
    the time its stages took, not the time it waited in a queue or for models to load.
    """
    saved = time.monotonic()
    count, articles = choose_workers(_to_process(run, inputs), workers)
    execute_on = _executor(run.config, workers=count, executor=executor, scheduler=scheduler)
    for index, (article, outcome) in enumerate(execute_on(_announce(run, articles, count))):
        if index == 0:
            run.status("extracting")
        if isinstance(outcome, Failure):
            run.report(ArticleReport(article.source, article.id, "error", outcome.reason, {}, 0.0, outcome.details))
            continue
        extraction = outcome.extraction
        seconds = round(sum(extraction.timings.values()), 4)
        run.manifest.put(extraction, run.hashes[article.id], outcome.entry)
        run.processed += 1
        if time.monotonic() - saved > MANIFEST_SAVE_SECONDS:
            run.manifest.save(complete=False)
            saved = time.monotonic()
        run.report(ArticleReport(article.source, article.id, "ok", counts=counts(extraction), seconds=seconds))


def finalise(run: RunPlan, *, prune: bool = False) -> RunResult:
    """Prune, drop damaged cache entries, then run the corpus stages over every cached article unless
    nothing changed (a missing or damaged store counts as a change); the lock is released at the end."""
    run.pruned = [a for a in list(run.manifest.entries) if a not in run.seen] if prune else []
    for article_id in run.pruned:
        run.manifest.drop(article_id)
    run.manifest.repair()
    files = {name: run.out / name for name in OUTPUT_FILES}
    manifest = run.manifest
    up_to_date = not run.processed and not run.pruned and manifest.complete and _outputs_intact(run, files)
    entities = 0
    if not up_to_date:
        run.status("writing the graph files" + (" and the store" if run.use_store else ""))
        manifest.save(complete=False)
        corpus_run = CorpusRun(run.out, run.base, run.lexicon, manifest, _run_report(run), run.use_store)
        try:
            for index, current in enumerate(run.stages.corpus):
                current.function(corpus_run)
                corpus_run.release({need for later in run.stages.corpus[index + 1 :] for need in later.requires})
        finally:
            corpus_run.wait()
        entities = corpus_run.report["summary"].get("entities", 0)
        manifest.save(complete=True)
    if run.use_store:
        files["store"] = run.out / STORE_DIR
    run.release()
    seconds = round(time.perf_counter() - run.started, 3)
    return RunResult(run.reports, files, seconds, up_to_date, entities, run.pruned)


def _outputs_intact(run: RunPlan, files: dict[str, Path]) -> bool:
    """Whether every output file is there and the store intact; a warning says what is not."""
    missing = [name for name, path in files.items() if not path.is_file()]
    if missing:
        _log.warning("%s missing from %s; the output files are written again", ", ".join(missing), run.out)
        return False
    if run.use_store and not store_is_intact(run.out / STORE_DIR):
        _log.warning("the store %s is missing or damaged; it is rebuilt", run.out / STORE_DIR)
        return False
    return True


def _run_report(run: RunPlan) -> dict[str, Any]:
    statuses = [r.status for r in run.reports]
    return {
        "articles": [r.to_dict() for r in sorted(run.reports, key=lambda r: r.source)],
        "summary": {
            "ok": statuses.count("ok"),
            "error": statuses.count("error"),
            "unchanged": statuses.count("unchanged"),
            "pruned": len(run.pruned),
            "articles": len(run.manifest.entries),
        },
    }


def run(
    inputs: Iterable[str] | str | Path,
    out: Path | str,
    *,
    workers: int | None = 1,
    executor: str = "local",
    scheduler: str | None = None,
    prune: bool = False,
    **options: Any,
) -> RunResult:
    """Extract ``inputs`` (files, directories, globs, ``-``) into the output directory ``out``.

    Incremental: an article whose content is unchanged since the last run into ``out`` (same code and
    configuration) is not processed again (``fresh=True`` ignores the cache); ``prune`` drops articles of
    earlier runs that are not in ``inputs``. When nothing changed, the output files are left as they
    are. ``workers=None`` picks the count by the input's size. ``options`` are those of :func:`plan`
    (``base_iri``, ``zh_ner``, ``stages``, ``use_store``, ``on_article``, ``on_status``…).
    """
    if isinstance(inputs, str | Path):
        inputs = [str(inputs)]
    checked = plan(Path(out), **options)
    try:
        execute(checked, inputs, workers=workers, executor=executor, scheduler=scheduler)
        return finalise(checked, prune=prune)
    finally:
        checked.release()
