"""CLI command: report (tables -> comparison -> report folder)."""
from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path

import click

from ._util import corpus_option, dictionary_option, echo, lexicon_option, main
from .analysis_cmds import jobs_option
from ..errors import FramingError


def report_date(no_timestamp: bool, date: str | None) -> str | None:
    """The date to print in the report: none, the given one, $SOURCE_DATE_EPOCH, or today.

    Example:
        >>> report_date(False, "2025-03-01"), report_date(True, None)
        ('2025-03-01', None)
    """
    if no_timestamp:
        return None
    if date:
        try:
            return dt.date.fromisoformat(date).isoformat()
        except ValueError:
            raise FramingError(f"--date '{date}' is not a date; use YYYY-MM-DD") from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")  # reproducible-builds convention
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date().isoformat()
    return dt.date.today().isoformat()


@main.command()
@corpus_option
@click.option("--out", "out_dir", type=click.Path(path_type=Path),
              help="Report folder: new, empty or an earlier report [default: reports/<corpus-name>].")
@click.option("--by", default="source", show_default=True, help="Group by this document field (or 'doc').")
@click.option("--sources", default=None, metavar="A,B", help="Only these groups (comma-separated).")
@click.option("--top-sources", type=click.IntRange(1), default=12, show_default=True,
              help="Figures and reading view show the largest N groups; tables keep all.")
@click.option("--max-docs", type=click.IntRange(0), default=60, show_default=True, help="Documents in the reading view.")
@click.option("--no-timestamp", is_flag=True, help="Print no generation date (byte-identical rebuilds).")
@click.option("--date", default=None, metavar="YYYY-MM-DD", help="Print this generation date instead of today.")
@lexicon_option
@dictionary_option
@jobs_option
@click.option("--focus", default=None, metavar="DOC_ID",
              help="Document placed against the sources [default: the corpus's first document].")
@click.option("--show-other", is_flag=True,
              help="Draw the catch-all actor and bloc 'other' in the figures (hidden by default).")
def report(corpus_dir: Path, out_dir: Path | None, by: str, sources: str | None, top_sources: int,
           max_docs: int, no_timestamp: bool, date: str | None, lexicon_specs: tuple[str, ...], jobs: int,
           focus: str | None = None, show_other: bool = False) -> None:
    """Write index.html, report.md, tables/*.csv and figures/* comparing the corpus's sources.

    Example: framing report --corpus corpora/central-asia --no-timestamp
    """
    from ..lexicons import parse_cli_overrides
    from ..report.make import make_report
    from ..trust import corpus_validation
    from .analysis_cmds import open_tables

    from ..corpus import Corpus
    from ..outputs import check_report_target, default_report_dir

    stamp = report_date(no_timestamp, date)
    started = time.perf_counter()
    # Checked before the (possibly long) analysis, and again just before writing.
    if out_dir is None:
        out_dir = default_report_dir(corpus_dir, Corpus.open(corpus_dir).name)
    check_report_target(out_dir, corpus_root=corpus_dir)
    corpus, tables = open_tables(corpus_dir, lexicon_specs, jobs)
    wanted = [s.strip() for s in sources.split(",") if s.strip()] if sources else None
    tables.meta["validation"] = corpus_validation(corpus, parse_cli_overrides(lexicon_specs))
    if focus is not None:
        from ..focus import focus_doc_id
        focus_doc_id(tables, focus)  # fail before the slow part
    paths = make_report(tables, out_dir=out_dir, corpus_name=corpus.name, by=by, sources=wanted,
                        top_sources=top_sources, max_docs=max_docs, timestamp=stamp, corpus_root=corpus.root,
                        focus=focus, show_other=show_other)
    for name in ("index.html", "report.md"):
        echo(paths[name])
    echo(f"{sum(n.startswith('tables/') for n in paths)} tables, "
               f"{sum(n.startswith('figures/') for n in paths)} figure files in {paths['index.html'].parent} "
               f"({time.perf_counter() - started:.1f}s)")

