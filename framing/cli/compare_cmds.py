"""CLI command: compare (cross-group statistics as a summary table, CSV or JSON)."""
from __future__ import annotations

import json
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
@click.option("--focus", default=None, metavar="DOC_ID",
              help="Place this document among each group's articles (percentile per measure) instead.")
@lexicon_option
@dictionary_option
def compare(corpus_dir: Path, by: str, fmt: str, table_name: str, seed: int,
            lexicon_specs: tuple[str, ...], focus: str | None = None) -> None:
    """Compare groups of documents: rates with intervals, tests, distinctive words.

    Example: framing compare --by source --format table
    """
    if focus is not None:
        return _focus(corpus_dir, by, fmt, focus, lexicon_specs)
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


def _focus(corpus_dir: Path, by: str, fmt: str, focus: str, lexicon_specs: tuple[str, ...]) -> None:
    """``framing compare --focus DOC_ID``: the document's percentile in each group, per measure."""
    from ..compare.summary import _json_default
    from ..focus import place, wide
    from ..tables import csv_bytes
    from .analysis_cmds import open_tables

    _, tables = open_tables(corpus_dir, lexicon_specs, 1, progress=False)
    placed = place(tables, focus=focus, by=by)
    if fmt == "json":
        out = {"doc_id": placed["doc_id"], "title": placed["title"], "group": placed["group"],
               "placement": json.loads(placed["table"].to_json(orient="records", double_precision=6)),
               "drivers": [{k: d[k] for k in ("measure", "percentile", "anchor", "text")} for d in placed["drivers"]]}
        echo(json.dumps(out, indent=2, sort_keys=True, ensure_ascii=False, default=_json_default))
    elif fmt == "csv":
        echo(csv_bytes(placed["table"]).decode("utf-8"), nl=False)
    else:
        table = wide(placed)
        echo(f"{placed['title']} ({placed['group']}, {placed['doc_id']}): percentile among each group's "
             "other articles (50 is typical)\n")
        echo(table.to_string(index=False, float_format=lambda v: f"{v:.3g}", na_rep="—"))
        for d in placed["drivers"]:
            echo(f"\nlargest departure: {d['label']} (percentile {d['percentile']:.0f} overall), "
                 f"paragraph {d['paragraph']}: {d['text'][:200]}")
