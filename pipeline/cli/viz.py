"""``bikg viz``: an interactive HTML page or a static image of the graph."""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

import click

from pipeline.cli.options import data_option
from pipeline.errors import BikgError
from pipeline.graph.write import atomic_write_text
from pipeline.viz.image import FONT_HINT, render_image
from pipeline.viz.render import TYPE_STYLE, build_view, filter_view, render_html
from pipeline.viz.timeline import build_timeline, render_timeline


def default_out(data: Path) -> Path:
    """``graph.html`` next to the data: in the run's directory (also when given its store or a file)."""
    if data.is_dir() and data.name == "store" and (data.parent / "manifest.json").exists():
        return data.parent / "graph.html"
    return (data if data.is_dir() else data.parent) / "graph.html"


@click.command("viz")
@data_option
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    help="FILE.html (interactive), FILE.png or FILE.svg (static)  [default: graph.html next to --data]",
)
@click.option("--lang", type=click.Choice(["zh", "en", "both"]), default="both", show_default=True)
@click.option("--focus", help="Draw only the neighbourhood of the entity with this name (either language).")
@click.option("--hops", type=int, default=1, show_default=True, help="Size of the --focus neighbourhood.")
@click.option("--types", help=f"Comma-separated types to keep: {','.join(TYPE_STYLE)}.")
@click.option("--min-degree", type=int, default=0, show_default=True, help="Drop entities with fewer facts.")
@click.option(
    "--timeline",
    is_flag=True,
    help="Draw posts over time (bars) and the events in them (points) instead of the graph; HTML only.",
)
@click.option(
    "--font",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Font file for images (default: a CJK font found on the system).",
)
def viz_command(
    data: Path,
    out: Path | None,
    lang: str,
    focus: str | None,
    hops: int,
    types: str | None,
    min_degree: int,
    timeline: bool,
    font: Path | None,
) -> None:
    """Draw the graph: nodes by type, labels in zh/en, facts as labelled edges, sources in tooltips.

    Exit 1 when an image had no font with Chinese glyphs (the image is written, Chinese as boxes)."""
    if timeline:
        _timeline(data, out, lang=lang, focus=focus)
        return
    out = out or default_out(data)
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
        drawing = None
        if suffix == ".html":
            atomic_write_text(out, render_html(view, lang=lang))
        else:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # the font warning is said below, once, in plain words
                drawing = render_image(view, out, lang=lang, font=font)
    except BikgError as error:
        raise click.ClickException(str(error)) from error
    left = view.total_nodes - len(view.nodes)
    click.echo(
        f"{out}: {len(view.nodes)} entities, {len(view.edges)} facts"
        + (f" ({left} entities left out by the filters)" if left else "")
    )
    if drawing is not None and not drawing.cjk:
        used = f"{drawing.font} has no Chinese glyphs" if drawing.font else "no font with Chinese glyphs was found"
        click.echo(f"warning: {used}; Chinese labels in {out} are boxes. To fix: {FONT_HINT}", err=True)
        sys.exit(1)


def _timeline(data: Path, out: Path | None, *, lang: str, focus: str | None) -> None:
    """``bikg viz --timeline``: the offline timeline page of posts and events."""
    out = out or default_out(data).with_name("timeline.html")
    if out.suffix.lower() != ".html":
        raise click.BadParameter("a timeline is an HTML page: end --out with .html", param_hint="--out")
    try:
        rows = build_timeline(data, focus=focus)
        atomic_write_text(out, render_timeline(rows, lang=lang))
    except BikgError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"{out}: {len(rows)} people, {sum(len(r.posts) for r in rows)} posts")
