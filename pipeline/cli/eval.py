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
from pipeline.evaluate import SPLITS, Report, evaluate, load_gold, write_inputs
from pipeline.vocab import DEFAULT_BASE_IRI


@click.command("eval")
@click.argument("pred_dir", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--gold", "gold_dir", type=click.Path(path_type=Path), default=Path("data/gold"), show_default=True)
@click.option("--split", type=click.Choice(SPLITS), help="Only the dev or the held-out articles.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--show", type=int, default=10, show_default=True, help="Misses and false positives listed per task.")
@click.option("--no-align", is_flag=True, help="Ablation: run without zh↔en alignment.")
@click.option("--no-gazetteer", is_flag=True, help="Ablation: no gazetteer names, composed body names or sessions.")
@click.option("--lac-only", is_flag=True, help="Ablation: Chinese entities are LAC's spans, not repaired.")
@click.option("--base-iri", default=DEFAULT_BASE_IRI, show_default=True)
def eval_command(
    pred_dir: Path | None,
    gold_dir: Path,
    split: str | None,
    fmt: str,
    show: int,
    no_align: bool,
    no_gazetteer: bool,
    lac_only: bool,
    base_iri: str,
) -> None:
    """Score PRED_DIR (a `bikg run` output over the gold articles), or run the pipeline on them first."""
    try:
        gold = load_gold(gold_dir, split)
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
                    zh_repair=not lac_only,
                    base_iri=base_iri,
                )
                graph = Graph().parse(result.files["graph.ttl"])
        else:
            graph = Graph().parse(pred_dir / "graph.ttl")
        report = evaluate(gold, graph, base_iri)
    except BikgError as error:
        raise click.ClickException(str(error)) from error
    if fmt == "json":
        json.dump(
            {"articles": len(gold), "split": split or "all", **report.to_dict()},
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
    for name, score in sorted(report.scores.items()):
        if name.count("/") == 2:
            continue
        for label, items in (("missed", score.misses), ("false positive", score.false_positives)):
            for item in items[:show]:
                console.print(f"[dim]{name}[/dim] {label}: {item}", highlight=False)
