"""``bikg serve``: the read-only SPARQL endpoint and query page."""

from __future__ import annotations

import contextlib
from pathlib import Path

import click

from pipeline.access.serve import Endpoint, store_of
from pipeline.cli.options import data_option
from pipeline.errors import BikgError


@click.command("serve")
@data_option
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=7878, show_default=True, help="0 picks a free port.")
@click.option("--timeout", "timeout_s", type=float, default=10.0, show_default=True, help="Query time limit, seconds.")
@click.option("--max-bytes", type=int, default=10 * 2**20, show_default=True, help="Largest result sent.")
def serve_command(data: Path, host: str, port: int, timeout_s: float, max_bytes: int) -> None:
    """Serve the store read-only over the SPARQL 1.1 Protocol (/sparql) with a query page (/)."""
    try:
        endpoint = Endpoint(store_of(data), host=host, port=port, timeout_s=timeout_s, max_bytes=max_bytes)
        endpoint.start()
    except (BikgError, OSError) as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"bikg serve: {endpoint.url}/ (page), {endpoint.url}/sparql (SPARQL endpoint); Ctrl-C stops", err=True)
    with contextlib.suppress(KeyboardInterrupt):
        endpoint.serve_forever()
