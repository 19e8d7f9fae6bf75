"""This article against the sources: one focus document placed in each group's distribution.

For every measure (read through :func:`framing.findings.measure_specs`), the
focus document's value, its percentile among each group's articles (mid-rank:
share below plus half the share equal), the group's median and size, and the
focus paragraphs that drive its largest departures from the other articles.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .errors import FramingError
from .findings import fmt, measure_specs


def focus_doc_id(tables, focus: str | None = None) -> str:
    """The given doc_id (checked), else the corpus's first document."""
    ids = list(tables.documents["doc_id"])
    if not ids:
        raise FramingError("the corpus has no documents to place")
    if focus is None:
        return str(ids[0])
    if focus not in ids:
        near = ", ".join(sorted(i for i in ids if focus.lower() in str(i).lower())[:5]) or ", ".join(ids[:5])
        raise FramingError(f"no document '{focus}' in the corpus; try one of: {near}")
    return focus


def percentile(value: float, others: np.ndarray) -> float:
    """Mid-rank percentile (0–100) of ``value`` among ``others``; NaN if none.

    Example:
        >>> percentile(2.0, np.array([1.0, 2.0, 3.0]))
        50.0
    """
    others = others[np.isfinite(others)]
    if not len(others) or not np.isfinite(value):
        return float("nan")
    return float(100 * ((others < value).sum() + 0.5 * (others == value).sum()) / len(others))


def place(tables, comparison=None, *, focus: str | None = None, by: str = "source") -> dict:
    """Place the focus document among every group's articles on every measure.

    Returns:
        ``{"doc_id", "title", "group", "table": DataFrame (measure, label, value, group, n,
        median, percentile), "strips": {measure: {"value", "groups": {group: [values]}}},
        "drivers": [{measure, label, departure, anchor, text, paragraph}]}``. The focus
        document itself is left out of its own group's distribution.

    Example:
        >>> place(tables)["table"].head()  # doctest: +SKIP
    """
    from .compare import doc_sums, doc_values, group_labels

    doc = focus_doc_id(tables, focus)
    groups = group_labels(tables.documents, by)
    declared = tables.declarations()
    values = doc_values(doc_sums(tables.paragraphs, groups.index, declared), declared)
    specs = [m for m in measure_specs(declared) if m.name in values.columns]
    rows, strips, departures = [], {}, []
    for spec in specs:
        v = float(values.at[doc, spec.name])
        strips[spec.name] = {"value": v, "label": spec.label, "groups": {}}
        others_all = values[spec.name].drop(index=doc).to_numpy(dtype=float)
        for g in sorted(groups.unique()):
            ids = [i for i in groups.index[groups == g] if i != doc]
            arr = values.loc[ids, spec.name].to_numpy(dtype=float)
            arr = arr[np.isfinite(arr)]
            strips[spec.name]["groups"][g] = sorted(arr.tolist())
            rows.append({"measure": spec.name, "label": spec.label, "value": v, "group": g, "n": len(arr),
                         "median": float(np.median(arr)) if len(arr) else np.nan,
                         "percentile": percentile(v, arr)})
        pct = percentile(v, others_all)
        if np.isfinite(pct) and spec.framing:
            departures.append((abs(pct - 50), spec, pct))
    table = pd.DataFrame(rows, columns=["measure", "label", "value", "group", "n", "median", "percentile"])
    departures.sort(key=lambda t: (-t[0], t[1].name))
    drivers = []
    for _, spec, pct in departures[:3]:
        para = _driver(tables, doc, spec, high=pct >= 50)
        if para:
            drivers.append({"measure": spec.name, "label": spec.label, "percentile": pct, **para})
    row = tables.documents.set_index("doc_id").loc[doc]
    title = row.get("title") if "title" in row.index else None
    first = tables.paragraphs.loc[tables.paragraphs["doc_id"] == doc, "paragraph"]
    return {"doc_id": doc, "title": str(title) if isinstance(title, str) and title else doc,
            "anchor": f"{doc}-p{int(first.min())}" if len(first) else "",
            "group": str(groups[doc]), "table": table, "strips": strips, "drivers": drivers}


def _driver(tables, doc: str, spec, *, high: bool) -> dict | None:
    body = tables.paragraphs[(tables.paragraphs["doc_id"] == doc) & (tables.paragraphs["kind"] == "body")]
    if spec.column not in body or body.empty:
        return None
    score = body[spec.column].astype(float)
    if spec.kind == "rate":
        score = score / body["n_words"].clip(lower=20)
    score = score.dropna()
    if score.empty:
        return None
    best = body.loc[score.sort_values(ascending=not high, kind="stable").index[0]]
    return {"paragraph": int(best["paragraph"]), "anchor": f"{doc}-p{int(best['paragraph'])}",
            "text": str(best["text"])}


def wide(placed: dict) -> pd.DataFrame:
    """One row per measure: the focus value and its percentile within each group.

    A group of fewer than 3 other articles says so in its column ("… (n=1)"): a
    percentile among one or two articles only says above, level or below.
    """
    t = placed["table"]
    if t.empty:
        return pd.DataFrame(columns=["measure", "value"])
    out = t.pivot(index="measure", columns="group", values="percentile")
    sizes = t.groupby("group")["n"].max()
    out.columns = [f"percentile in {g}" + (f" (n={int(sizes[g])})" if sizes.get(g, 3) < 3 else "")
                   for g in out.columns]
    order = list(dict.fromkeys(t["measure"]))
    out = out.reindex(order).dropna(axis=1, how="all")  # a group holding only the focus article
    out.insert(0, "value", t.drop_duplicates("measure").set_index("measure")["value"].reindex(order))
    return out.reset_index()


def strip_svg(strip: dict, groups: list[str], *, width: int = 420, row_h: int = 16) -> str:
    """A small self-contained SVG: one row of dots per group, the focus article as a dark bar."""
    vals = [x for g in groups for x in strip["groups"].get(g, [])]
    v = strip["value"]
    if np.isfinite(v):
        vals.append(v)
    if not vals:
        return ""
    lo, hi = min(vals), max(vals)
    span = (hi - lo) or 1.0
    left, right = 170, width - 10
    x = lambda val: left + (val - lo) / span * (right - left)  # noqa: E731
    h = row_h * len(groups) + 8
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{h}" role="img" '
             f'aria-label="{strip["label"]}: focus article {fmt(v)}">']
    for i, g in enumerate(groups):
        y = 4 + i * row_h + row_h / 2
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="10">{_esc(g if len(g) <= 28 else g[:27] + "…")}</text>')
        parts.append(f'<line x1="{left}" x2="{right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>')
        for val in strip["groups"].get(g, []):
            parts.append(f'<circle cx="{x(val):.1f}" cy="{y:.1f}" r="3" fill="#0072B2" fill-opacity="0.45"/>')
    if np.isfinite(v):
        parts.append(f'<line x1="{x(v):.1f}" x2="{x(v):.1f}" y1="2" y2="{h - 2}" stroke="#000" stroke-width="2"/>')
    parts.append("</svg>")
    return "".join(parts)


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
