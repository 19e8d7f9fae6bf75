"""Report context for "What stands out" and "This article against the sources".

Hooked into :func:`framing.report.build.build_context` with one call; the
statistics live in :mod:`framing.findings` and :mod:`framing.focus`.
"""
from __future__ import annotations

from ..findings import evidence_doc_ids, findings
from ..focus import place, strip_svg, wide


def context(tables, comparison, *, by: str = "source", groups: list[str], focus: str | None = None) -> dict:
    """``{"findings": {...}, "focus": {...}, "evidence_docs": [doc_id, ...]}`` for the templates."""
    found = findings(tables, comparison, by=by)
    placed = place(tables, comparison, focus=focus, by=by)
    shown = [g for g in groups if any(placed["strips"][m]["groups"].get(g) for m in placed["strips"])]
    placed["svgs"] = {m: strip_svg(s, shown) for m, s in placed["strips"].items()}
    placed["wide"] = wide(placed)
    placed["shown_groups"] = shown
    docs = evidence_doc_ids(found)
    docs += [placed["doc_id"]] if placed["doc_id"] not in docs else []
    return {"findings": found, "focus": placed, "evidence_docs": docs}


def with_evidence(doc_ids: list[str], evidence: list[str]) -> list[str]:
    """The reading view's documents plus any the findings link to (so every link lands)."""
    return list(doc_ids) + [d for d in evidence if d not in doc_ids]
