"""``bikg query``: SPARQL over a run's store or RDF files, with presets."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from pipeline.access.query import QueryResult, open_data, presets, run_preset, run_query, to_delimited, to_json
from pipeline.cli.options import data_option
from pipeline.errors import BikgError


@click.command("query")
@click.argument("query", required=False)
@click.option("--file", "query_file", type=click.File("r", encoding="utf-8"), help="Read the query from a file.")
@click.option("--preset", help="Run a preset query (see --list-presets).")
@click.option("--list-presets", is_flag=True, help="List the presets with a line about each, then exit.")
@data_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table", show_default=True)
@click.option(
    "--param",
    "params",
    type=(str, str),
    multiple=True,
    metavar="NAME VALUE",
    help='Bind ?NAME to VALUE (<iri>, "text"@lang or plain text); repeatable.',
)
def query_command(
    query: str | None,
    query_file,
    preset: str | None,
    list_presets: bool,
    data: Path,
    fmt: str,
    params: tuple[tuple[str, str], ...],
) -> None:
    """Run a SPARQL QUERY (text, `-` for stdin, --file or --preset); the contract's prefixes are predeclared."""
    if list_presets:
        for name, chosen in presets().items():
            args = " ".join(f"--param {p} {'VALUE' if d is None else f'[{d}]'}" for p, d in chosen.params.items())
            click.echo(f"{name:18} {chosen.description}" + (f"\n{'':18} {args}" if args else ""))
        return
    sources = [s for s in (query, query_file, preset) if s is not None]
    if len(sources) != 1:
        raise click.UsageError("give exactly one of QUERY, --file or --preset")
    text = sys.stdin.read() if query == "-" else query_file.read() if query_file else query
    try:
        with open_data(data) as store:
            result = run_preset(store, preset, dict(params)) if preset else run_query(store, text or "", dict(params))
    except BikgError as error:
        click.echo(f"Error: {error}", err=True)
        sys.exit(1)
    _print(result, fmt)
    for hint in result.hints:
        click.echo(f"hint: {hint}", err=True)


def _print(result: QueryResult, fmt: str) -> None:
    if result.triples is not None:
        click.echo(result.triples, nl=False)
    elif fmt == "json":
        click.echo(to_json(result), nl=False)
    elif fmt in ("csv", "tsv"):
        click.echo(to_delimited(result, "," if fmt == "csv" else "\t"), nl=False)
    elif result.boolean is not None:
        click.echo("true" if result.boolean else "false")
    else:
        table = Table(show_lines=False)
        for column in result.columns:
            table.add_column(column, overflow="fold")
        for row in result.values():
            table.add_row(*("" if v is None else v for v in row))
        console = Console(soft_wrap=False)
        console.print(table)
        console.print(f"{len(result.rows)} row(s)", highlight=False)
