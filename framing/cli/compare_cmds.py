"""CLI command: compare (cross-group statistics as a summary table, CSV or JSON)."""
from __future__ import annotations

from pathlib import Path

import click

from ._util import corpus_option, dictionary_option, echo, lexicon_option, main

from ..compare.summary import TABLES


@main.command()
@corpus_option
@click.option("--by", default="source", show_default=True, metavar="FIELD",
              help="Document field to group by (source, genre, bias_text, … or doc).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True)
@click.option("--table", "table_name", type=click.Choice(TABLES), default="rates", show_default=True,
              help="Which table --format csv prints.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed for resampling.")
@lexicon_option
@dictionary_option
def compare(corpus_dir: Path, by: str, fmt: str, table_name: str, seed: int,
            lexicon_specs: tuple[str, ...]) -> None:
    """Compare groups of documents: rates with intervals, tests, distinctive words.

    Example: framing compare --by source --format table
    """
    from ..compare import compare as run_compare
    from ..tables import csv_bytes
    from .analysis_cmds import open_tables

    _, tables = open_tables(corpus_dir, lexicon_specs, 1, progress=False)
    comparison = run_compare(tables, by=by, seed=seed)
    if fmt == "json":
        echo(comparison.to_json(), nl=False)
    elif fmt == "csv":
        df = getattr(comparison, table_name)
        echo(csv_bytes(df).decode("utf-8"), nl=False)
    else:
        echo(comparison.summary(), nl=False)
