"""``bikg eval``: precision, recall and F1 of the pipeline against the gold articles."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import click
from rdflib import Graph
from rich.console import Console
from rich.table import Table

from pipeline.errors import BikgError
from pipeline.evaluation.gold import SPLITS, Report, evaluate, load_gold, write_inputs
from pipeline.ner.backends import DEFAULT_ZH_NER
from pipeline.vocab import DEFAULT_BASE_IRI


class DefaultGroup(click.Group):
    """A group that runs its default subcommand when none is named: ``bikg eval DIR`` = ``bikg eval articles DIR``."""

    def __init__(self, *args: object, default: str, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.default = default

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0] not in self.commands and args[0] not in ctx.help_option_names):
            args = [self.default, *args]
        return super().parse_args(ctx, args)


GOLD_DIR = Path(__file__).resolve().parents[2] / "data" / "gold"
"""The gold set lives in the source tree beside the package (an editable install, as ``make`` makes)."""


def default_gold() -> Path:
    """``data/gold`` of the source tree the package runs from, whatever the working directory."""
    if not GOLD_DIR.is_dir():
        raise click.ClickException(
            f"the gold set is not installed with the package (looked in {GOLD_DIR}): it lives in the bikg "
            "source repository's data/gold; pass --gold DIR"
        )
    return GOLD_DIR


@click.group("eval", cls=DefaultGroup, default="articles")
def eval_group() -> None:
    """Measure bikg: the pipeline on the gold articles (default), or a Chinese NER backend on a corpus."""


@eval_group.command("articles")
@click.argument("pred_dir", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--gold",
    "gold_dir",
    type=click.Path(path_type=Path),
    help="Gold directory  [default: data/gold of the bikg source tree, found from the package]",
)
@click.option("--split", type=click.Choice(SPLITS), help="Only the dev or the held-out articles.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--show", type=int, default=10, show_default=True, help="Misses and false positives listed per task.")
@click.option("--no-align", is_flag=True, help="Ablation: run without zh↔en alignment.")
@click.option("--no-gazetteer", is_flag=True, help="Ablation: no gazetteer names, composed body names or sessions.")
@click.option("--model-only", is_flag=True, help="Ablation: Chinese entities are the NER model's spans, not repaired.")
@click.option(
    "--zh-ner", default=DEFAULT_ZH_NER, show_default=True, help="Chinese NER: lac, hanlp[:DIR], ensemble[:DIR]."
)
@click.option("--base-iri", default=DEFAULT_BASE_IRI, show_default=True)
def eval_articles_command(
    pred_dir: Path | None,
    gold_dir: Path | None,
    split: str | None,
    fmt: str,
    show: int,
    no_align: bool,
    no_gazetteer: bool,
    model_only: bool,
    zh_ner: str,
    base_iri: str,
) -> None:
    """Score PRED_DIR (a `bikg run` output over the gold articles), or run the pipeline on them first.

    `bikg eval [PRED_DIR]` runs this command.
    """
    try:
        gold = load_gold(gold_dir or default_gold(), split)
        if not gold:
            raise click.ClickException(f"no gold article in split {split!r}")
        if pred_dir is None:
            import pipeline

            with tempfile.TemporaryDirectory() as work:
                inputs = write_inputs(gold, Path(work) / "in")
                result = pipeline.run(
                    inputs,
                    Path(work) / "out",
                    use_store=False,
                    workers=1,
                    use_alignment=not no_align,
                    use_gazetteer=not no_gazetteer,
                    zh_repair=not model_only,
                    zh_ner=zh_ner,
                    base_iri=base_iri,
                )
                graph = Graph().parse(result.files["graph.ttl"])
        elif not (pred_dir / "graph.ttl").is_file():
            raise click.ClickException(f"{pred_dir}: no graph.ttl here; give the output directory of a `bikg run`")
        else:
            graph = Graph().parse(pred_dir / "graph.ttl")
        report = evaluate(gold, graph, base_iri)
    except BikgError as error:
        raise click.ClickException(str(error)) from error
    if fmt == "json":
        json.dump(
            {"articles": len(gold), "split": split or "all", **report.to_dict(show)},
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        click.echo()
        return
    _table(report, len(gold), split, show)


def _table(report: Report, articles: int, split: str | None, show: int) -> None:
    console = Console()
    table = Table(title=f"bikg eval: {articles} gold articles ({split or 'all splits'})")
    for column in ("task", "precision", "recall", "F1", "tp", "fp", "fn"):
        table.add_column(column, justify="left" if column == "task" else "right")
    for name, score in sorted(report.scores.items()):
        table.add_row(
            name,
            f"{score.precision:.3f}",
            f"{score.recall:.3f}",
            f"{score.f1:.3f}",
            str(score.tp),
            str(score.fp),
            str(score.fn),
        )
    console.print(table)
    if report.phenomena:
        console.print(_phenomena_table(report))
    for name, score in sorted(report.scores.items()):
        if name.count("/") == 2:
            continue
        for label, items in (("missed", score.misses), ("false positive", score.false_positives)):
            for item in items[:show]:
                console.print(f"[dim]{name}[/dim] {label}: {item}", highlight=False)


_LAYERS = ("entities/zh", "entities/en", "memberships", "events", "alignments")


def _phenomena_table(report: Report) -> Table:
    """F1 of each layer on the articles of each phenomenon (an article may count under several)."""
    table = Table(title="F1 by phenomenon")
    for column in ("phenomenon", "articles", *_LAYERS):
        table.add_column(column, justify="left" if column == "phenomenon" else "right")
    for tag, by_tag in sorted(report.phenomena.items()):
        cells = [f"{by_tag.scores[layer].f1:.3f}" if layer in by_tag.scores else "–" for layer in _LAYERS]
        table.add_row(tag, str(by_tag.articles), *cells)
    return table


@eval_group.command("ner")
@click.option("--corpus", default="msra", show_default=True, help="msra, or a file of `char tag` lines.")
@click.option("--split", "split_name", type=click.Choice(["test", "dev", "train"]), default="test", show_default=True)
@click.option(
    "--backend",
    default=DEFAULT_ZH_NER,
    show_default=True,
    help="lac, hanlp (bikg's shipped model), hanlp:DIR (a HanLP model directory), ensemble, ensemble:DIR.",
)
@click.option("--limit", type=int, help="Only the first N sentences.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--show", type=int, default=3, show_default=True, help="Examples shown per kind of error.")
def eval_ner_command(corpus: str, split_name: str, backend: str, limit: int | None, fmt: str, show: int) -> None:
    """Entity-level precision, recall and F1 of a Chinese NER backend on a tagged corpus (exact span and overlap).

    Also prints throughput (the backend's own time, model loading excluded) and a summary of the errors:
    missed, spurious, wrong type, wrong boundary.
    """
    from pipeline.ner import evaluate_ner

    try:
        report = evaluate_ner(backend, corpus=corpus, split=split_name, limit=limit, examples=show)
    except BikgError as error:
        raise click.ClickException(str(error)) from error
    if fmt == "json":
        json.dump(report.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        click.echo()
        return
    console = Console()
    table = Table(
        title=f"bikg eval ner: {backend} on {corpus} {split_name} ({report.sentences} sentences, "
        f"{report.sentences_per_second:.0f} sentences/s, {report.characters_per_second:.0f} characters/s)"
    )
    for column in ("type", "P", "R", "F1", "overlap F1", "tp", "fp", "fn"):
        table.add_column(column, justify="left" if column == "type" else "right")
    for kind, score in report.exact.items():
        overlap = report.overlap[kind]
        table.add_row(
            kind,
            f"{score.precision:.3f}",
            f"{score.recall:.3f}",
            f"{score.f1:.3f}",
            f"{overlap.f1:.3f}",
            str(score.tp),
            str(score.fp),
            str(score.fn),
        )
    console.print(table)
    for error, count in report.confusion.most_common():
        examples = "; ".join(report.examples.get(error, [])[:show])
        console.print(f"{error}: {count}  [dim]{examples}[/dim]", highlight=False)
