"""CLI commands: evaluate newsmtsc, evaluate hedges, train-sentiment (JSON on stdout)."""
from __future__ import annotations

import json
from pathlib import Path

import click

from ._util import main


def _print(result: dict) -> None:
    click.echo(json.dumps(result, indent=2, sort_keys=True, ensure_ascii=False))


@main.group()
def evaluate() -> None:
    """Validate features against gold data; prints JSON."""


@evaluate.command("newsmtsc")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--limit", type=click.IntRange(1), help="Only the first N targets.")
def evaluate_newsmtsc_cmd(path: Path, limit: int | None) -> None:
    """Per-actor sentiment vs NewsMTSC gold (macro-F1, accuracy, baselines).

    Example: framing evaluate newsmtsc ../shared/data/newsmtsc/hf_splits_rw/dev.jsonl
    """
    from ..evaluate.newsmtsc import evaluate_newsmtsc
    _print(evaluate_newsmtsc(path, limit=limit))


@evaluate.command("hedges")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--limit", type=click.IntRange(1), help="Only the first N sentences.")
def evaluate_hedges_cmd(path: Path, limit: int | None) -> None:
    """Hedge cues vs SFU Review / BioScope speculation cues (token and sentence P/R/F1).

    Example: framing evaluate hedges ../shared/data/hedges/sfu_review
    """
    from ..evaluate.hedges import evaluate_hedges
    _print(evaluate_hedges(path, limit=limit))


@main.command("train-sentiment")
@click.option("--data", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="NewsMTSC train.jsonl [default: $FRAMING_SHARED/data/newsmtsc/train.jsonl].")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Model JSON to write [default: the packaged framing/models/actor_sentiment.json].")
@click.option("--cache", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="spaCy DocBin file to reuse parses between runs (development).")
def train_sentiment_cmd(data: Path | None, out: Path | None, cache: Path | None) -> None:
    """Re-train the shipped actor-sentiment model on NewsMTSC (make model); prints its metadata.

    Example: framing train-sentiment --data ../shared/data/newsmtsc/train.jsonl
    """
    from ..sentiment.train import DEFAULT_TRAIN, train
    _print(train(str(data or DEFAULT_TRAIN), out=str(out) if out else None,
                 cache=str(cache) if cache else None))
