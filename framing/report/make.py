"""One call from analysed tables to a report folder: choose groups, compare, build."""
from __future__ import annotations

from pathlib import Path

from ..compare import compare
from .build import build_report, choose_groups, restrict


def make_report(tables, *, out_dir: str | Path, corpus_name: str, by: str = "source", sources=None,
                top_sources: int | None = 12, max_docs: int = 60, timestamp: str | None = None,
                corpus_root=None, focus: str | None = None, show_other: bool = False,
                **compare_options) -> dict[str, Path]:
    """Compare the groups of ``tables`` and write the report folder; returns the written paths.

    Args:
        tables: analysed :class:`~framing.tables.Tables` (e.g. from :func:`framing.analyze`).
        out_dir: the report folder (replaced as a whole, atomically).
        corpus_name: shown in the header.
        by: document field to group by (``"doc"``: each document its own group).
        sources: only these groups (an unknown one is an error naming the known ones).
        top_sources: figures and reading view show the largest N groups; tables keep all.
        max_docs: documents in the reading view.
        timestamp: generation date to print; None prints none (byte-identical rebuilds).
        corpus_root: the corpus folder, which ``out_dir`` may not be nor hold.
        focus: the document placed against the sources (default: the corpus's first).
        show_other: draw the catch-all actor and bloc ``other`` in the figures (hidden by default).
        compare_options: passed to :func:`framing.compare.compare` (n_boot, seed, …).

    Example:
        >>> make_report(framing.analyze(corpus), out_dir="reports/x", corpus_name="x")  # doctest: +SKIP
    """
    wanted = list(sources) if sources else None
    if wanted:
        choose_groups(tables, by, wanted)  # unknown groups are an error naming the known ones
        tables = restrict(tables, groups=wanted, by=by)
    comparison = compare(tables, by=by, **compare_options)
    shown = choose_groups(tables, by, wanted, top=top_sources)
    return build_report(tables, comparison, out_dir=Path(out_dir), corpus_name=corpus_name, by=by,
                        timestamp=timestamp, max_docs=max_docs, sources=shown, corpus_root=corpus_root,
                        focus=focus, show_other=show_other)
