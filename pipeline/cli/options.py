"""Options shared by several commands."""

from __future__ import annotations

from pathlib import Path

import click

data_option = click.option(
    "--data",
    type=click.Path(path_type=Path),
    default=Path("outputs"),
    show_default=True,
    help="A `bikg run` output directory, its store, or an RDF file.",
)
