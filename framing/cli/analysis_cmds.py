"""CLI commands: analyze, export."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from ._util import (corpus_option, dictionaries, dictionary_option, echo, keep_parses, keep_parses_option,
                    lexicon_option, main, scheduler, scheduler_option)
from ..errors import FramingError


def open_tables(corpus_dir: Path, lexicon_specs: tuple[str, ...], jobs: int, *, progress: bool = True):
    """Open the corpus and return its (cached or fresh) tables."""
    from ..analysis import load_or_analyze, too_long
    from ..checks import MAX_PARAGRAPH_CHARS
    from ..corpus import Corpus
    from ..lexicons import parse_cli_overrides

    corpus = Corpus.open(corpus_dir)
    tables = load_or_analyze(corpus, lexicons=parse_cli_overrides(lexicon_specs), jobs=jobs, progress=progress,
                             dictionaries=dictionaries(), scheduler=scheduler(), keep_parses=keep_parses())
    skipped = too_long(tables)
    if len(skipped):
        where = ", ".join(f"{d} paragraph {p}" for d, p in skipped.head(3).itertuples(index=False))
        echo(f"warning: {len(skipped)} paragraph(s) over {MAX_PARAGRAPH_CHARS:,} characters not "
                   f"analysed ({where}{', …' if len(skipped) > 3 else ''}); break them into paragraphs",
                   err=True)
    return corpus, tables


def jobs_option(func):
    """--jobs N (worker processes on this machine), --scheduler ADDRESS (a Dask cluster) and
    --keep-parses/--no-keep-parses."""
    func = keep_parses_option(scheduler_option(func))
    return click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True,
                        help="Worker processes that parse and measure (above 1: a local Dask cluster).")(func)


@main.command()
@corpus_option
@lexicon_option
@dictionary_option
@jobs_option
def analyze(corpus_dir: Path, lexicon_specs: tuple[str, ...], jobs: int) -> None:
    """Parse body paragraphs and compute every feature (cached; only what changed is redone).

    Example: framing analyze --corpus corpora/central-asia --jobs 2
    """
    _, tables = open_tables(corpus_dir, lexicon_specs, jobs)
    run = tables.run
    echo(f"{run['analysed']} body paragraphs of {len(tables.documents)} documents: "
               f"parsed {run['parsed']}, reused {run['analysed'] - run['parsed']} "
               f"({run['computed']} feature results computed) in {run['seconds']:.1f}s")
    for name, df in tables.long_tables().items():
        echo(f"  {name}: {len(df)} rows")


@main.command()
@click.argument("table", metavar="TABLE")
@corpus_option
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet"]), default="csv", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write here (and FILE.meta.json) instead of stdout.")
@lexicon_option
@dictionary_option
@jobs_option
def export(table: str, corpus_dir: Path, fmt: str, output: Path | None,
           lexicon_specs: tuple[str, ...], jobs: int) -> None:
    """Export one tidy table: paragraphs, documents, actors, terms, cues, or a dictionary's table.

    Runs the analysis first if results are missing or stale.

    Example: framing export paragraphs --format csv -o paragraphs.csv
    """
    from ..outputs import check_file_target
    from ..tables import export as export_table

    if fmt == "parquet" and output is None:
        raise FramingError("parquet is binary: give -o FILE.parquet")
    if output is not None:
        check_file_target(output)
    _, tables = open_tables(corpus_dir, lexicon_specs, jobs, progress=output is not None)
    data = export_table(tables.get(table), fmt, path=output, meta=tables.meta)
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        echo(f"wrote {output} ({len(tables.get(table))} rows) and {output}.meta.json")
