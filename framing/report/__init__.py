"""Reports: a self-contained index.html, report.md, tables/*.csv and figures/* for a corpus.

Public API: :func:`make_report` (tables -> comparison -> folder, :mod:`framing.report.make`)
and :func:`build_report` (from a comparison, :mod:`framing.report.build`).
"""
from __future__ import annotations


def build_report(tables, comparison, **kwargs):
    """Write a report folder (see :func:`framing.report.build.build_report`)."""
    from .build import build_report as _build
    return _build(tables, comparison, **kwargs)


def make_report(tables, **kwargs):
    """Compare and write a report folder (see :func:`framing.report.make.make_report`)."""
    from .make import make_report as _make
    return _make(tables, **kwargs)


__all__ = ["build_report", "make_report"]
