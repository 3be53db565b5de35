"""``bikg viz``: an interactive HTML page or a static image of the graph."""

from __future__ import annotations

from pathlib import Path

import click

from pipeline.cli.options import data_option
from pipeline.errors import BikgError
from pipeline.graph.write import atomic_write_text
from pipeline.viz.render import TYPE_STYLE, build_view, filter_view, render_html, render_image


@click.command("viz")
@data_option
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("outputs/graph.html"),
    show_default=True,
    help="FILE.html (interactive), FILE.png or FILE.svg (static).",
)
@click.option("--lang", type=click.Choice(["zh", "en", "both"]), default="both", show_default=True)
@click.option("--focus", help="Draw only the neighbourhood of the entity with this name (either language).")
@click.option("--hops", type=int, default=1, show_default=True, help="Size of the --focus neighbourhood.")
@click.option("--types", help=f"Comma-separated types to keep: {','.join(TYPE_STYLE)}.")
@click.option("--min-degree", type=int, default=0, show_default=True, help="Drop entities with fewer facts.")
def viz_command(
    data: Path, out: Path, lang: str, focus: str | None, hops: int, types: str | None, min_degree: int
) -> None:
    """Draw the graph: nodes by type, labels in zh/en, facts as labelled edges, sources in tooltips."""
    suffix = out.suffix.lower()
    if suffix not in (".html", ".png", ".svg"):
        raise click.BadParameter("must end with .html, .png or .svg", param_hint="--out")
    try:
        view = filter_view(
            build_view(data),
            types=[t.strip() for t in types.split(",")] if types else None,
            min_degree=min_degree,
            focus=focus,
            hops=hops,
        )
        if suffix == ".html":
            atomic_write_text(out, render_html(view, lang=lang))
        else:
            render_image(view, out, lang=lang)
    except BikgError as error:
        raise click.ClickException(str(error)) from error
    left = view.total_nodes - len(view.nodes)
    click.echo(
        f"{out}: {len(view.nodes)} entities, {len(view.edges)} facts"
        + (f" ({left} entities left out by the filters)" if left else "")
    )
