"""The ``bikg`` command: thin commands over the Python API."""

from __future__ import annotations

import click

from pipeline.cli.run import run_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="bikg")
def main() -> None:
    """bikg: bilingual (Chinese + English) knowledge graphs from government and foreign-affairs news."""


main.add_command(run_command)
