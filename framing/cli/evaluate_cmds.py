"""CLI commands: evaluate newsmtsc, hedges, gold, kinds; train-sentiment (JSON on stdout)."""
from __future__ import annotations

import json
from pathlib import Path

import click

from ._util import echo, main


def _print(result: dict) -> None:
    echo(json.dumps(result, indent=2, sort_keys=True, ensure_ascii=False))


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


@evaluate.command("gold")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--errors", is_flag=True, help="Also list every missed/spurious span and wrong label.")
def evaluate_gold_cmd(path: Path, errors: bool) -> None:
    """Actors, roles, sentiment, terms and cues vs news-gold paragraphs (news_gold format).

    Example: framing evaluate gold ../shared/data/news_gold/dev.jsonl
    """
    from ..evaluate.gold import evaluate_gold
    _print(evaluate_gold(path, errors=errors))


@evaluate.command("kinds")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--errors", is_flag=True, help="Also list every misclassified line.")
def evaluate_kinds_cmd(path: Path, errors: bool) -> None:
    """Paragraph kinds vs whole articles labelled line by line (accuracy, not-body P/R/F1).

    Example: framing evaluate kinds ../shared/data/news_gold/kinds_dev.jsonl
    """
    from ..evaluate.kinds import evaluate_kinds
    _print(evaluate_kinds(path, errors=errors))


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
