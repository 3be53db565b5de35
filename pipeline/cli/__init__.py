"""The ``bikg`` command: thin commands over the Python API."""

from __future__ import annotations

import click

from pipeline.cli.eval import eval_command
from pipeline.cli.push import push_command
from pipeline.cli.query import query_command
from pipeline.cli.run import run_command
from pipeline.cli.serve import serve_command
from pipeline.cli.validate import validate_command
from pipeline.cli.viz import viz_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="bikg")
def main() -> None:
    """bikg: bilingual (Chinese + English) knowledge graphs from government and foreign-affairs news."""


for command in (run_command, query_command, validate_command, serve_command, push_command, viz_command, eval_command):
    main.add_command(command)
