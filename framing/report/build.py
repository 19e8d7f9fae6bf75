"""Build a report folder: index.html, report.md, tables/*.csv, figures/*.svg|png.

Everything is built in a temporary folder beside the target and swapped in at
the end, so a failed build leaves the previous report as it was.
"""
from __future__ import annotations

import glob
import os
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path


from .. import furniture
from .._version import __version__
from ..atomic import current_umask, remove_owned, write_bytes, write_text
from ..outputs import MARKER_TEXT, REPORT_MARKER, check_report_target
from ..tables import export
from . import evidence_links, findings_section, sections, text
from .assemble import MARK_LEGEND, comparison_tables, figures_for, methods_context
from .render import render



def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    return True


def clean_stale_stages(target: Path) -> list[Path]:
    """Remove ``.NAME.build-PID-*`` / ``.NAME.old-PID-*`` folders left beside ``target`` by a
    report run that was killed (kill -9, power loss); return what was removed.

    A folder is removed only when the process named in it is gone and it holds a
    report (the marker, or an emptied ``old`` folder) — a concurrent run's stage and
    anything a user made are left alone.
    """
    removed = []
    if not target.parent.is_dir():
        return removed
    for kind in ("build", "old"):
        for path in sorted(target.parent.glob(f".{glob.escape(target.name)}.{kind}-*-*")):
            pid = path.name[len(f".{target.name}.{kind}-"):].split("-", 1)[0]
            if not pid.isdigit() or _alive(int(pid)) or path.is_symlink() or not path.is_dir():
                continue
            held = {p.name for p in path.iterdir()}
            ours = (REPORT_MARKER in held) if kind == "build" else (
                held <= {"report"} and (not held or (path / "report" / REPORT_MARKER).is_file()))
            if ours:
                remove_owned(path, owner=target.parent)
                removed.append(path)
    return removed


@contextmanager
def staged_dir(target: Path):
    """Yield an empty folder beside ``target``; on success it replaces ``target``.

    The stage gets the report marker. The old folder is renamed aside first and
    removed only after the new one is in place; on any error the staging folder is
    removed and ``target`` is kept. Each run has its own stage (two reports at once
    never share one). Deletes go through :func:`~framing.atomic.remove_owned`.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    clean_stale_stages(target)
    stage = Path(tempfile.mkdtemp(prefix=f".{target.name}.build-{os.getpid()}-", dir=target.parent))
    stage.chmod(0o777 & ~current_umask())  # mkdtemp makes 0700; the report folder is meant to be shared
    try:
        write_text(stage / REPORT_MARKER, MARKER_TEXT)
        yield stage
        old = None
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.old-{os.getpid()}-", dir=target.parent))
            os.replace(target, old / "report")
        os.replace(stage, target)
        if old is not None:
            remove_owned(old, owner=target.parent)
    finally:
        remove_owned(stage, owner=target.parent)


def choose_groups(tables, by: str = "source", sources=None, top: int | None = None) -> list[str]:
    """Groups to show in figures and the reading view (:func:`framing.compare.choose_groups`)."""
    from ..compare import choose_groups as choose, group_labels

    return choose(group_labels(tables.documents, by).rename(by), sources, top)


def build_context(tables, comparison, *, corpus_name: str, by: str = "source", timestamp=None,
                  max_docs: int = 60, sources=None, focus: str | None = None,
                  show_other: bool = False) -> dict:
    """Everything the templates need, computed once (HTML and Markdown share it)."""
    tables = labelled(tables, by)
    constructed = sections.constructed_sources(tables.documents, by)
    groups = choose_groups(tables, by, sources)
    doc_ids = sections.select_documents(tables, max_docs=max_docs, groups=groups, by=by)
    declared = tables.declarations()
    # issue 11 hook: findings + focus article; their evidence paragraphs must be in the reading view
    stand_out = findings_section.context(tables, comparison, by=by, groups=groups, focus=focus)
    doc_ids = findings_section.with_evidence(doc_ids, stand_out["evidence_docs"])
    # issue 11 item 3: rate cells and KWIC lines link to paragraphs in the reading view's documents
    linked = evidence_links.context(tables, comparison, groups=groups, shown=doc_ids, by=by)
    linked["kwic_linked"] = sections.kwic(evidence_links.shown_only(tables, doc_ids), by=by)
    return {
        "corpus_name": corpus_name, "version": __version__, "timestamp": timestamp, "by": by,
        "constructed": constructed, "n_docs": len(tables.documents), "n_groups": int(tables.documents[by].nunique()),
        "groups": groups, "overview": sections.overview(tables, by=by),
        "excluded": sections.excluded(tables, by=by), "repeated_in": tables.meta.get("repeated_in", furniture.MIN_ARTICLES), "shared": furniture.cross_source_duplicates(tables.paragraphs),
        "translated_docs": tables.documents[tables.documents.apply(lambda r: sections.translated_note(r) != "", axis=1)],
        "cmp": comparison_tables(comparison, groups=groups), "text": text, "mark_legend": MARK_LEGEND,
        "side_use": sections.side_use(tables, by=by),
        "variant_use": sections.variant_use(tables, groups=groups, by=by),
        "kwic": sections.kwic(tables, by=by),
        "reading": evidence_links.annotate_reading(sections.reading_view(tables, doc_ids, by=by), tables),
        "reading_total": len(tables.documents), "max_docs": max_docs,
        "methods": methods_context(tables.meta),
        "frames": comparison.frames(),
        "figures": figures_for(comparison, groups=groups, constructed=constructed, by=by, declared=declared,
                               show_other=show_other),
        "sections": list(declared.sections), "toc_sections": [(s.id, s.title) for s in declared.sections],
        "glossary": [*declared.glossary, *text.GLOSSARY],
        **stand_out, **linked,
    }


def labelled(tables, by: str):
    """``tables`` whose documents carry a ``by`` column with the comparison's group labels."""
    from dataclasses import replace

    from ..compare import group_labels

    labels = group_labels(tables.documents, by)
    docs = tables.documents.copy()
    docs[by] = docs["doc_id"].map(labels)
    return replace(tables, documents=docs)


def _write_tables(stage: Path, tables, ctx: dict) -> dict[str, Path]:
    written = {}
    frames = {name: tables.get(name) for name in tables.names()}
    frames.update({f"compare_{k}": v for k, v in ctx["frames"].items()})
    frames.update({"overview": ctx["overview"], "term_sides": ctx["side_use"], "focus": ctx["focus"]["table"],
                   "excluded": ctx["excluded"], "shared_across_sources": ctx["shared"]})
    for name, df in sorted(frames.items()):
        path = stage / "tables" / f"{name}.csv"
        write_bytes(path, export(df, "csv"))
        written[f"tables/{name}.csv"] = path
    return written


def _write_figures(stage: Path, ctx: dict) -> dict[str, Path]:
    written = {}
    for figs in ctx["figures"].values():
        for fig in figs:
            for ext in ("svg", "png"):
                path = stage / "figures" / f"{fig.name}.{ext}"
                write_bytes(path, getattr(fig, ext))
                written[f"figures/{fig.name}.{ext}"] = path
    return written


def build_report(tables, comparison, *, out_dir, corpus_name: str, by: str = "source",
                 timestamp: str | None = None, max_docs: int = 60, sources=None,
                 corpus_root=None, focus: str | None = None, show_other: bool = False) -> dict[str, Path]:
    """Write the report folder for analysed ``tables`` and their ``comparison``.

    Args:
        tables: framing.tables.Tables.
        comparison: framing.compare.Comparison (DataFrames: overview, rates, actors, tests, …).
        out_dir: target folder (replaced as a whole, atomically); refused unless it is
            new, empty or a framing report (see :func:`~framing.outputs.check_report_target`).
        corpus_name: shown in the header.
        by: the grouping field (``source`` by default).
        timestamp: generation date to show; None writes none (byte-identical rebuilds).
        max_docs: documents in the reading view (round-robin across groups).
        sources: groups to show in figures and the reading view (default: all).
        corpus_root: the corpus folder, which ``out_dir`` may not be nor hold.
        focus: doc_id placed against the sources (default: the corpus's first document).
        show_other: draw the catch-all actor ``other`` and bloc ``other`` in the figures.

    Returns:
        {relative name: final path} for every file written, sorted by name.

    Example:
        >>> build_report(tables, compare(tables), out_dir="reports/x", corpus_name="x")  # doctest: +SKIP
        {'figures/rates.png': ..., 'index.html': ..., 'report.md': ..., ...}
    """
    out_dir = check_report_target(out_dir, corpus_root=corpus_root)
    started = time.perf_counter()
    ctx = build_context(tables, comparison, corpus_name=corpus_name, by=by, timestamp=timestamp,
                        max_docs=max_docs, sources=sources, focus=focus, show_other=show_other)
    with staged_dir(out_dir) as stage:
        written = _write_tables(stage, tables, ctx)
        written.update(_write_figures(stage, ctx))
        ctx["files"] = sorted(written)
        write_text(stage / "index.html", render("index.html", **ctx))
        write_text(stage / "report.md", render("report.md", **ctx))
        written.update({"index.html": stage / "index.html", "report.md": stage / "report.md"})
    ctx["elapsed"] = time.perf_counter() - started
    return {name: out_dir / Path(path).relative_to(stage) for name, path in sorted(written.items())}


def restrict(tables, *, groups: list[str], by: str = "source"):
    """A copy of ``tables`` keeping only documents whose ``by`` value is in ``groups``.

    Example:
        >>> restrict(tables, groups=["bbc", "rt"])  # doctest: +SKIP
    """
    from dataclasses import replace

    from ..compare import group_labels

    labels = group_labels(tables.documents, by)
    keep = set(labels.index[labels.isin(groups)])
    cut = {name: df[df["doc_id"].isin(keep)].reset_index(drop=True)
           for name, df in ((n, tables.get(n)) for n in tables.names())}
    built_in = {name: cut.pop(name) for name in tables.BUILT_IN}
    return replace(tables, **built_in, extra=cut)
