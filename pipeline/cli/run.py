"""``bikg run``: extract articles into the contract's output files."""

from __future__ import annotations

import glob
import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from pipeline.errors import BikgError
from pipeline.runner import ArticleReport, run
from pipeline.vocab import DEFAULT_BASE_IRI


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
@click.option("--zh-ner", default="lac", show_default=True, help="Chinese NER backend.")
@click.option("--no-align", is_flag=True, help="Ablation: keep zh and en entities apart.")
@click.option("--quiet", "-q", is_flag=True, help="Print only errors.")
def run_command(inputs: tuple[str, ...], out: Path, base_iri: str, zh_ner: str, no_align: bool, quiet: bool) -> None:
    """Extract INPUTS (files, directories, globs; pages or JSONL) into graph files in --out.

    Exit status: 0 when every article succeeded, 1 when some failed (the others are still written),
    2 for usage errors.
    """
    if not base_iri.endswith(("/", "#")):
        raise click.BadParameter("must end with / or #", param_hint="--base-iri")
    for given in inputs:
        if not Path(given).exists() and not glob.glob(given, recursive=True):
            raise click.BadParameter(f"{given!r}: no such file, directory or matching glob", param_hint="INPUTS")
    console = Console(stderr=True)

    def progress(report: ArticleReport) -> None:
        if report.status != "ok":
            console.print(f"[red]error[/red] {report.source}: {report.reason}", highlight=False)

    try:
        result = run(inputs, out, base_iri=base_iri, zh_ner=zh_ner, use_alignment=not no_align, on_article=progress)
    except BikgError as error:
        raise click.ClickException(str(error)) from error
    if not quiet:
        table = Table(title=f"bikg run → {out}")
        for column in ("article", "status", "entities", "memberships", "events", "mentions", "seconds"):
            table.add_column(column)
        for r in sorted(result.reports, key=lambda r: r.source):
            table.add_row(
                r.id or r.source,
                r.status if r.status == "ok" else f"error: {r.reason}",
                *(str(r.counts.get(k, "")) for k in ("entities", "memberships", "events", "mentions")),
                f"{r.seconds:.2f}",
            )
        Console().print(table)
        Console().print(
            f"{len(result.reports) - len(result.failed)} ok, {len(result.failed)} failed, "
            f"{len(result.corpus.entities)} entities, {result.seconds:.1f} s",
            highlight=False,
        )
    sys.exit(1 if result.failed else 0)
