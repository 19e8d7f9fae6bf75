"""Reports: a self-contained index.html, report.md, tables/*.csv and figures/* for a corpus.

Public API: :func:`build_report` (see :mod:`framing.report.build`).
"""
from __future__ import annotations


def build_report(tables, comparison, **kwargs):
    """Write a report folder (see :func:`framing.report.build.build_report`)."""
    from .build import build_report as _build
    return _build(tables, comparison, **kwargs)


__all__ = ["build_report"]
