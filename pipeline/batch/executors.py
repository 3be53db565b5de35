"""Executors for the per-article stages: in this process, in local worker processes, or on Dask.

Every executor takes a lazy stream of articles, keeps a bounded number in flight, loads the models
once per worker, and yields ``(article, Done or Failure)`` as results arrive: the extraction with its cache
entry already encoded, or why the article failed. Results are merged later by article id, so the output does
not depend on the order they arrive in.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from functools import cache

from pipeline.batch.cache import dumps
from pipeline.cores import usable_cores
from pipeline.errors import BikgError, StageError
from pipeline.model import Article, Extraction
from pipeline.ner.backends import DEFAULT_ZH_NER


@dataclass(frozen=True, slots=True)
class Failure:
    """Why one article failed; ``details`` holds the traceback when the cause is a bug, not the input."""

    reason: str
    details: str | None = None


@dataclass(frozen=True, slots=True)
class Done:
    """One article's extraction and its cache entry, encoded where the extraction was made: in a worker, the
    encoding does not take the main process's share of the cores."""

    extraction: Extraction
    entry: bytes


Outcome = tuple[Article, Done | Failure]


@dataclass(frozen=True, slots=True)
class RunConfig:
    """The options a worker needs to build its pipeline (``order``: the whole stage order)."""

    order: tuple[str, ...]
    zh_ner: str = DEFAULT_ZH_NER
    use_alignment: bool = True
    use_gazetteer: bool = True
    zh_repair: bool = True
    run_ahead: bool | None = None
    """Overlap the models of a chunk in two threads (:class:`~pipeline.stages.article.Pipeline`); None: when
    the machine has a core to spare. Workers sharing the cores set it off."""


@cache
def _pipeline(config: RunConfig):  # type: ignore[no-untyped-def]
    """The per-article pipeline, built once per process. Its models and lexicons (millions of objects)
    live as long as the process, so they are moved out of the cyclic garbage collector's reach
    (``gc.freeze``): collections during the run and at exit no longer walk them (0.75 s of a one-article
    run was that walk at exit)."""
    from pipeline.stages.article import build_pipeline

    pipeline = build_pipeline(
        order=config.order,
        zh_ner=config.zh_ner,
        use_alignment=config.use_alignment,
        use_gazetteer=config.use_gazetteer,
        zh_repair=config.zh_repair,
        run_ahead=config.run_ahead,
    )
    gc.freeze()
    return pipeline


CHUNK = 16
"""Articles a worker takes at once: their sentences go to the models in one batch."""
WORKER_CHUNK = CHUNK // 2
"""Articles per task of a worker process: large enough for batched model calls, small enough that the two
workers of a 300-article run end together (measured: 4, 8 and 16 within 0.3 s of each other, 8 best)."""


def process_article(article: Article, config: RunConfig) -> Done | Failure:
    """Run the per-article stages on one article; a failure comes back as a :class:`Failure`."""
    return process_chunk([article], config)[0]


def process_chunk(
    articles: list[Article], config: RunConfig, following: list[Article] | None = None
) -> list[Done | Failure]:
    """Run the per-article stages on a chunk (models batched across it; those of ``following``, the next
    chunk, started meanwhile); failures come back as :class:`Failure`. Tokens are dropped (not needed later)."""
    try:
        outcomes = _pipeline(config).pipe(articles, following)
    except BikgError as error:
        return [Failure(str(error)) for _ in articles]
    results: list[Done | Failure] = []
    for outcome in outcomes:
        if isinstance(outcome, StageError):
            results.append(Failure(str(outcome), outcome.details))
            continue
        for analysis in outcome.analyses.values():
            analysis.tokens = []
        results.append(Done(outcome, dumps(outcome)))
    return results


def chunks(articles: Iterable[Article], size: int = CHUNK) -> Iterator[list[Article]]:
    """Consecutive chunks of at most ``size`` articles, read lazily."""
    chunk: list[Article] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_serial(articles: Iterable[Article], config: RunConfig) -> Iterator[Outcome]:
    """The chunks in this process, each one's first model calls started while the one before is processed."""
    stream = chunks(articles)
    chunk = next(stream, None)
    while chunk is not None:
        following = next(stream, None)
        yield from zip(chunk, process_chunk(chunk, config, following), strict=True)
        chunk = following


_PR_SET_PDEATHSIG = 1


def end_with_parent(parent: int) -> None:
    """Make this process end when ``parent`` does, however it ends (SIGKILL included): the kernel's
    parent-death signal on Linux, else a watchdog thread polling the parent id."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0:
            if os.getppid() != parent:  # the parent died before the signal was armed
                os._exit(1)
            return

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="bikg-parent-watchdog", daemon=True).start()


def _init_worker(config: RunConfig, parent: int) -> None:
    end_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; workers end with it
    _pipeline(config)


ONE_THREAD = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
"""Thread pools a worker's libraries size from the environment when first imported (before any initializer
runs): one thread each, as bikg runs one worker per core and threads would only contend."""


BROKEN_POOL_HINT = (
    " (if no worker started: a script that runs bikg with workers must do so under"
    ' `if __name__ == "__main__":`, as workers are spawned and import the script again)'
)
"""Added to a worker's failure when the pool broke: the usual cause on first use is a script without that guard."""


def _sharing_cores(config: RunConfig, workers: int) -> RunConfig:
    """The config of workers that share the machine's cores: a second model thread each only when there are
    cores enough for it."""
    return replace(config, run_ahead=usable_cores() >= 2 * workers)


def run_local(articles: Iterable[Article], config: RunConfig, workers: int) -> Iterator[Outcome]:
    """Local worker processes (spawned, each loading the models once, each ending with this process)."""
    window = workers * 4
    context = multiprocessing.get_context("spawn")
    for variable in ONE_THREAD:
        os.environ.setdefault(variable, "1")  # inherited by the workers, which are started below
    config = _sharing_cores(config, workers)
    initargs = (config, os.getpid())
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=initargs)
    finished = False
    try:
        pending: dict[Future[list[Done | Failure]], list[Article]] = {}
        for chunk in chunks(articles, WORKER_CHUNK):
            pending[pool.submit(process_chunk, chunk, config)] = chunk
            if len(pending) >= window:
                yield from _drain(pending, wait(pending, return_when=FIRST_COMPLETED).done)
        while pending:
            yield from _drain(pending, wait(pending, return_when=FIRST_COMPLETED).done)
        finished = True
    finally:
        # Done: the workers end on their own while the corpus stages run; interrupted: queued articles are
        # dropped and the workers waited for.
        pool.shutdown(wait=not finished, cancel_futures=not finished)


def _drain(pending: dict, done: set) -> Iterator[Outcome]:  # type: ignore[type-arg]
    for future in sorted(done, key=lambda f: pending[f][0].id):
        chunk = pending.pop(future)
        try:
            results = future.result()
        except Exception as error:  # a worker that died takes its chunk down, not the batch
            hint = BROKEN_POOL_HINT if isinstance(error, BrokenProcessPool) else ""
            results = [Failure(f"worker failed: {type(error).__name__}: {error}{hint}")] * len(chunk)
        yield from zip(chunk, results, strict=True)


def _load_models_plugin(config: RunConfig):  # type: ignore[no-untyped-def]
    """A Dask worker plugin that loads the models once when a worker starts."""
    from distributed import WorkerPlugin

    class LoadModels(WorkerPlugin):
        name = "bikg-load-models"

        def setup(self, worker: object) -> None:
            _pipeline(config)

    return LoadModels()


def run_dask(
    articles: Iterable[Article], config: RunConfig, *, scheduler: str | None, workers: int
) -> Iterator[Outcome]:
    """The per-article stages on a Dask cluster: ``scheduler`` (tcp://HOST:PORT) or a local one."""
    from distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(scheduler or cluster)
    config = replace(config, run_ahead=False)  # Dask places its workers on the cores itself
    try:
        client.register_plugin(_load_models_plugin(config))
        window = max(2, len(client.scheduler_info()["workers"])) * 4
        queue = as_completed()
        in_flight: dict[str, Article] = {}
        for article in articles:
            future = client.submit(process_article, article, config, pure=False)
            in_flight[future.key] = article
            queue.add(future)
            if queue.count() >= window:
                future = next(queue)
                yield in_flight.pop(future.key), _result(future)
        for future in queue:
            yield in_flight.pop(future.key), _result(future)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _result(future: object) -> Done | Failure:
    try:
        return future.result()  # type: ignore[attr-defined]
    except Exception as error:
        return Failure(f"worker failed: {type(error).__name__}: {error}")
