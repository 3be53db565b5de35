"""``bikg push``: upload graphs to an external triple store (SPARQL 1.1 Graph Store Protocol)."""

from __future__ import annotations

from pathlib import Path

import click

from pipeline.access.push import push, redact
from pipeline.cli.options import data_option
from pipeline.errors import BikgError


@click.command("push")
@click.option(
    "--endpoint",
    required=True,
    help="Graph Store Protocol URL, e.g. http://host:7878/store "
    "(Oxigraph), http://host:3030/ds/data (Fuseki), http://host:7200/repositories/R/rdf-graphs/service.",
)
@data_option
@click.option("--graph", help="Put every triple into this one graph instead of one graph per article.")
@click.option("--auth", help="USER:PASSWORD (HTTP Basic) or 'Bearer TOKEN'.")
@click.option(
    "--retries", type=click.IntRange(min=0), default=4, show_default=True, help="Retries of a transient failure."
)
def push_command(endpoint: str, data: Path, graph: str | None, auth: str | None, retries: int) -> None:
    """Upload the graphs of DATA to ENDPOINT, each replacing the graph of the same name."""
    try:
        pushed = push(data, endpoint, graph=graph, auth=auth, retries=retries)
    except BikgError as error:
        raise click.ClickException(str(error)) from error
    for item in pushed:
        click.echo(f"{item.status} {item.graph} ({item.triples} triples, {item.attempts} attempt(s))")
    click.echo(f"{len(pushed)} graph(s), {sum(p.triples for p in pushed)} triples pushed to {redact(endpoint)}")
