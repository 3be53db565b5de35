"""The ``bikg`` command: thin commands over the Python API."""

from __future__ import annotations

import tomllib
from pathlib import Path

import click

from pipeline.cli.eval import eval_group
from pipeline.cli.push import push_command
from pipeline.cli.query import query_command
from pipeline.cli.run import run_command
from pipeline.cli.serve import serve_command
from pipeline.cli.train import train_group
from pipeline.cli.validate import validate_command
from pipeline.cli.viz import viz_command

CONFIG_FILE = "bikg.toml"


def _load_config(ctx: click.Context, _: click.Parameter, value: Path | None) -> Path | None:
    """Option defaults from a TOML file: a table per command (``[run]``, ``[eval.ner]``), keys as the options."""
    path = value or (Path(CONFIG_FILE) if Path(CONFIG_FILE).is_file() else None)
    if path is None:
        return None
    try:
        config = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise click.BadParameter(f"{path}: {error}", param_hint="--config") from error
    ctx.default_map = _option_names(config)
    return path


def _option_names(table: dict) -> dict:
    return {key.replace("-", "_"): _option_names(v) if isinstance(v, dict) else v for key, v in table.items()}


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="bikg")
@click.option(
    "--config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    envvar="BIKG_CONFIG",
    callback=_load_config,
    is_eager=True,
    expose_value=False,
    help=f'Option defaults per command (TOML, e.g. [run] zh-ner = "hanlp"); default: ./{CONFIG_FILE} if present.',
)
def main() -> None:
    """bikg: bilingual (Chinese + English) knowledge graphs from government and foreign-affairs news."""


for command in (
    run_command,
    query_command,
    validate_command,
    serve_command,
    push_command,
    viz_command,
    eval_group,
    train_group,
):
    main.add_command(command)
