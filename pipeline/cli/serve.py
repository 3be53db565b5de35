"""``bikg serve``: the read-only SPARQL endpoint and query page."""

from __future__ import annotations

from pathlib import Path

import click

from pipeline.access.serve import Endpoint, serve_until_signalled, store_of
from pipeline.cli.options import data_option
from pipeline.errors import BikgError


@click.command("serve")
@data_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True, help="0 picks a free port.")
@click.option(
    "--timeout",
    "timeout_s",
    type=click.FloatRange(min=0.1),
    default=10.0,
    show_default=True,
    help="Query time limit, seconds; a query past it gets 503 and is stopped.",
)
@click.option(
    "--max-bytes", type=click.IntRange(min=1), default=10 * 2**20, show_default=True, help="Largest result sent."
)
@click.option(
    "--allow-service",
    "allow_service",
    multiple=True,
    metavar="HOST",
    help="Let SPARQL SERVICE reach HOST (repeatable, or comma-separated); SERVICE is refused otherwise.",
)
@click.option("--cors", multiple=True, metavar="ORIGIN", help="Let pages from ORIGIN (or *) read results; repeatable.")
def serve_command(
    data: Path,
    host: str,
    port: int,
    timeout_s: float,
    max_bytes: int,
    allow_service: tuple[str, ...],
    cors: tuple[str, ...],
) -> None:
    """Serve the store read-only over the SPARQL 1.1 Protocol (/sparql) with a query page (/).

    Each query is checked before it runs (size, nesting, no update, LOAD, SERVICE or file access)
    and stopped at the time limit. SIGTERM or Ctrl-C stops the server and its Oxigraph child."""
    hosts = tuple(h.strip() for item in allow_service for h in item.split(",") if h.strip())
    try:
        endpoint = Endpoint(
            store_of(data),
            host=host,
            port=port,
            timeout_s=timeout_s,
            max_bytes=max_bytes,
            allow_service=hosts,
            cors=cors,
        )
        endpoint.start()
    except (BikgError, OSError) as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"bikg serve: {endpoint.url}/ (page), {endpoint.url}/sparql (SPARQL endpoint); Ctrl-C stops", err=True)
    serve_until_signalled(endpoint)
