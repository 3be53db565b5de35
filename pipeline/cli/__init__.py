"""The ``bikg`` command: thin commands over the Python API."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import click

from pipeline.cli.eval import eval_group
from pipeline.cli.push import push_command
from pipeline.cli.query import query_command
from pipeline.cli.run import run_command
from pipeline.cli.serve import serve_command
from pipeline.cli.train import train_group
from pipeline.cli.validate import validate_command
from pipeline.cli.viz import viz_command
from pipeline.errors import ConfigError

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
    try:
        ctx.default_map = config_defaults(ctx.command, config)
    except ConfigError as error:
        raise click.BadParameter(f"{path}: {error}", param_hint="--config") from error
    return path


def _option_keys(command: click.Command) -> dict[str, str]:
    """The TOML key of each option (its long name, ``zh-ner`` for ``--zh-ner``) and the parameter it sets."""
    keys = {}
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            names = [n for n in param.opts if n.startswith("--")]
            if names and param.name and names[0] not in ("--help", "--version", "--config"):
                keys[names[0][2:]] = param.name
    return keys


def config_defaults(command: click.Command, config: dict[str, Any], where: str = "") -> dict[str, Any]:
    """Click's default map from a ``bikg.toml`` table: keys are option names; an unknown one is an error.

    A group with a default subcommand (``bikg eval`` runs ``bikg eval articles``) takes that command's
    keys in its own table too: ``[eval] split = "heldout"``.
    """
    defaults: dict[str, Any] = {}
    subcommands = command.commands if isinstance(command, click.Group) else {}
    keys = _option_keys(command)
    default = getattr(command, "default", None)
    implied = _option_keys(subcommands[default]) if default in subcommands else {}
    for key, value in config.items():
        if key in subcommands and isinstance(value, dict):
            defaults.setdefault(key, {}).update(config_defaults(subcommands[key], value, f"{where}{key}."))
        elif key in keys:
            defaults[keys[key]] = value
        elif key in implied:
            defaults.setdefault(default, {})[implied[key]] = value
        else:
            table = f"[{where.rstrip('.')}]" if where else "the top level"
            known = [*sorted({*keys, *implied}), *(f"[{where}{name}]" for name in sorted(subcommands))]
            raise ConfigError(f"unknown key {key!r} in {table}; known: {', '.join(known) or 'none'}")
    return defaults


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
