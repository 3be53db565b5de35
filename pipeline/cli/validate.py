"""``bikg validate``: SHACL validation of an output against the contract's shapes."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rdflib import Graph

from pipeline.access.validate import validate


@click.command("validate")
@click.argument("data", type=click.Path(exists=True, path_type=Path), default=Path("outputs"))
def validate_command(data: Path) -> None:
    """Check DATA (an output directory's graph.ttl, or an RDF file) against ontology/shapes.ttl.

    Exit status 0 when it conforms, 1 with a readable report when it does not.
    """
    source = data / "graph.ttl" if data.is_dir() else data
    if not source.is_file():
        raise click.BadParameter(f"no graph.ttl in {data}", param_hint="DATA")
    try:
        graph = Graph().parse(source)
    except Exception as error:
        raise click.ClickException(f"cannot parse {source}: {error}") from error
    conforms, _, report = validate(graph)
    if conforms:
        click.echo(f"{source}: conforms to the bikg contract ({len(graph)} triples)")
        return
    click.echo(f"{source}: does NOT conform\n{report}")
    sys.exit(1)
