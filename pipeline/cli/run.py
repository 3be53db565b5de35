"""``bikg run``: extract articles into the contract's output files, incrementally, on one or many workers."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import IO

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from pipeline.batch.runner import SMALL_INPUT, ArticleReport, RunResult, run
from pipeline.cores import usable_cores
from pipeline.errors import BikgError, IngestError
from pipeline.ingest.read import iter_input_paths
from pipeline.ner.backends import DEFAULT_ZH_NER
from pipeline.vocab import DEFAULT_BASE_IRI

_BUG_HINT = "(an unexpected failure, a bug in bikg: the traceback is in report.json; -v prints it)"


class Reporter:
    """Progress while a run goes: a live bar on a terminal, a plain line every few seconds otherwise."""

    def __init__(self, *, quiet: bool, log: IO[str] | None, verbose: bool = False, every: float = 5.0) -> None:
        self.console = Console(stderr=True, soft_wrap=True)
        self.quiet = quiet
        self.verbose = verbose
        self.log = log
        self.every = every
        self.started = time.monotonic()
        self.last_line = self.started
        self.counts = {"ok": 0, "error": 0, "unchanged": 0}
        self.progress: Progress | None = None
        if not quiet and self.console.is_terminal:
            self.progress = Progress(
                TextColumn("[bold]bikg run[/bold] {task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]} articles/s"),
                TimeElapsedColumn(),
                console=self.console,
                transient=True,
            )
            self.task = self.progress.add_task("reading articles", total=None, rate="-")
            self.progress.start()

    def status(self, message: str) -> None:
        """What the run does now: in the bar's text on a terminal, as a line otherwise."""
        if self.progress is not None:
            self.progress.update(self.task, description=message)
        elif not self.quiet:
            self.console.print(f"bikg run: {message}…", highlight=False)

    def __call__(self, report: ArticleReport) -> None:
        self.counts[report.status] += 1
        done = sum(self.counts.values())
        elapsed = max(time.monotonic() - self.started, 1e-9)
        if self.log:
            self.log.write(json.dumps({"event": "article", **report.to_dict()}, ensure_ascii=False) + "\n")
        if report.status == "error":
            self.console.print(f"[red]error[/red] {report.source}: {report.reason}", highlight=False)
            if report.details:
                hint = report.details if self.verbose else _BUG_HINT
                self.console.print(hint, highlight=False, markup=False)
        if self.progress is not None:
            self.progress.update(self.task, completed=done, rate=f"{done / elapsed:.1f}")
        elif not self.quiet and time.monotonic() - self.last_line >= self.every:
            self.last_line = time.monotonic()
            noun = "article" if done == 1 else "articles"
            self.console.print(
                f"bikg run: still going, {done} {noun} so far ({self.counts['ok']} ok, {self.counts['error']} "
                f"failed, {self.counts['unchanged']} unchanged), {done / elapsed:.1f} articles/s",
                highlight=False,
            )

    def close(self) -> None:
        if self.progress is not None:
            self.progress.stop()


@click.command("run")
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Output directory (created if missing).",
)
@click.option("--base-iri", default=DEFAULT_BASE_IRI, show_default=True, help="Base of the minted IRIs.")
@click.option(
    "--zh-ner", default=DEFAULT_ZH_NER, show_default=True, help="Chinese NER: lac, hanlp[:DIR], ensemble[:DIR]."
)
@click.option("--no-align", is_flag=True, help="Ablation: keep zh and en entities apart.")
@click.option(
    "--workers",
    type=int,
    help=f"Worker processes (each loads the models once); 1 runs in this process. Default: 1 for up to "
    f"{SMALL_INPUT} articles to process, else the number of cores ({usable_cores()}).",
)
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True)
@click.option("--scheduler", help="Dask scheduler address tcp://HOST:PORT (default: start a local cluster).")
@click.option("--prune", is_flag=True, help="Drop articles of earlier runs that are not among INPUTS.")
@click.option("--no-store", is_flag=True, help="Do not load the embedded Oxigraph store.")
@click.option("--fresh", is_flag=True, help="Ignore the cache of earlier runs: process every article again.")
@click.option(
    "--stages",
    callback=lambda _c, _p, v: _stage_list(v),
    help='The stage order, comma-separated (default: the whole pipeline, see README "Architecture").',
)
@click.option("--log-json", type=click.File("w", encoding="utf-8"), help="Write one JSON line per article here.")
@click.option("--verbose", "-v", is_flag=True, help="Print the traceback of an unexpected failure.")
@click.option("--quiet", "-q", is_flag=True, help="Print only errors.")
def run_command(
    inputs: tuple[str, ...],
    out: Path,
    base_iri: str,
    zh_ner: str,
    no_align: bool,
    workers: int | None,
    executor: str,
    scheduler: str | None,
    prune: bool,
    no_store: bool,
    fresh: bool,
    stages: tuple[str, ...] | None,
    log_json: IO[str] | None,
    verbose: bool,
    quiet: bool,
) -> None:
    """Extract INPUTS (files, directories, globs, - for JSONL on stdin; pages or JSONL) into graph files in --out.

    Reruns are incremental: unchanged articles are not processed again. Exit status: 0 when every
    article succeeded, 1 when some failed (the others are still written), 2 for usage errors.
    """
    if not base_iri.endswith(("/", "#")):
        raise click.BadParameter("must end with / or #", param_hint="--base-iri")
    if workers is not None and workers < 1:
        raise click.BadParameter("must be at least 1", param_hint="--workers")
    if scheduler and executor != "dask":
        raise click.BadParameter("goes with --executor dask", param_hint="--scheduler")
    for given in inputs:
        if given != "-" and not Path(given).exists() and not _matches(given):
            raise click.BadParameter(f"{given!r}: no such file, directory or matching glob", param_hint="INPUTS")
    reporter = Reporter(quiet=quiet, log=log_json, verbose=verbose)
    try:
        result = run(
            inputs,
            out,
            base_iri=base_iri,
            zh_ner=zh_ner,
            use_alignment=not no_align,
            use_store=not no_store,
            workers=workers,
            executor=executor,
            scheduler=scheduler,
            prune=prune,
            fresh=fresh,
            stages=stages,
            on_article=reporter,
            on_status=reporter.status,
        )
    except BikgError as error:
        raise click.ClickException(str(error)) from error
    finally:
        reporter.close()
    if log_json:
        log_json.write(json.dumps({"event": "summary", **_summary(result)}, ensure_ascii=False) + "\n")
    if not quiet:
        _print_summary(result, out)
    sys.exit(1 if result.failed else 0)


def _stage_list(value: str | list[str] | None) -> tuple[str, ...] | None:
    """``--stages a,b,c`` or ``stages = ["a", "b"]`` in bikg.toml."""
    if value is None:
        return None
    names = value if isinstance(value, list) else value.split(",")
    return tuple(n.strip() for n in names if n.strip())


def _summary(result: RunResult) -> dict[str, object]:
    statuses = [r.status for r in result.reports]
    return {
        "ok": statuses.count("ok"),
        "failed": statuses.count("error"),
        "unchanged": statuses.count("unchanged"),
        "pruned": len(result.pruned),
        "entities": result.entities,
        "up_to_date": result.up_to_date,
        "memberships": sum(r.counts.get("memberships", 0) for r in result.reports),
        "events": sum(r.counts.get("events", 0) for r in result.reports),
        "seconds": result.seconds,
    }


_COLUMNS = ("article", "status", "entities", "memberships", "events", "mentions", "seconds")


def _rows(result: RunResult) -> list[tuple[str, ...]]:
    """One row per article: full id, status (ok, unchanged, failed: reason), counts, seconds in its stages."""
    rows = []
    for r in sorted(result.reports, key=lambda r: r.source):
        status = f"failed: {r.reason}" if r.status == "error" else r.status
        seconds = f"{r.seconds:.2f}" if r.status == "ok" else ""
        cells = (str(r.counts.get(k, "")) for k in ("entities", "memberships", "events", "mentions"))
        rows.append((r.id or r.source, status, *cells, seconds))
    return rows


def _print_table(console: Console, rows: list[tuple[str, ...]], out: Path) -> None:
    if console.is_terminal:
        table = Table(title=f"bikg run → {out}")
        for column in _COLUMNS:
            wide = column == "article"
            table.add_column(column, overflow="fold", min_width=max(len(r[0]) for r in rows) if wide else None)
        for row in rows:
            table.add_row(*row)
        console.print(table)
        return
    widths = [max(len(row[i]) for row in [_COLUMNS, *rows]) for i in range(len(_COLUMNS))]
    for row in [_COLUMNS, *rows]:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())


def _print_summary(result: RunResult, out: Path) -> None:
    """The table (articles up to 50) and a summary line: rich on a terminal, plain text when piped."""
    console = Console()
    if 0 < len(result.reports) <= 50:
        _print_table(console, _rows(result), out)
    summary = _summary(result)
    state = "nothing changed, output up to date" if result.up_to_date else f"{summary['entities']} entities"
    click.echo(
        f"{summary['ok']} ok, {summary['failed']} failed, {summary['unchanged']} unchanged, "
        f"{summary['pruned']} pruned; {summary['memberships']} memberships, {summary['events']} events; "
        f"{state}; {result.seconds:.1f} s"
    )


def _matches(given: str) -> bool:
    """Whether a glob names anything (walking each directory once, so symbolic-link loops end)."""
    try:
        return next(iter_input_paths([given]), None) is not None
    except IngestError:
        return False
