"""Report views computed straight from the tidy tables: overview, term use, KWIC, reading view.

The statistics live in :mod:`framing.compare`; this module only reshapes the
evidence (documents, paragraphs, spans) into what the templates show.
"""
from __future__ import annotations

from itertools import zip_longest

import pandas as pd

from .highlight import Span, highlight, spans_for
from .render import CONSTRUCTED_LABEL, is_missing

SIDES = ("russia", "china", "west", "neutral")


def constructed_sources(documents: pd.DataFrame, by: str = "source") -> frozenset:
    """Groups (values of ``by``) that contain constructed teaching examples."""
    if "constructed" not in documents or by not in documents:
        return frozenset()
    flagged = documents.loc[documents["constructed"].fillna(False).astype(bool), by]
    return frozenset(str(v) for v in flagged.dropna().unique())


def translated_note(row) -> str:
    """'translated from zh' for a document row with ``translated_from``, else ''."""
    src = row.get("translated_from") if hasattr(row, "get") else None
    return "" if is_missing(src) or str(src).strip() == "" else f"translated from {src}"


def with_group(df: pd.DataFrame, documents: pd.DataFrame, by: str) -> pd.DataFrame:
    """``df`` with a ``by`` column taken from the documents table when it lacks one."""
    if by in df.columns:
        return df
    return df.merge(documents[["doc_id", by]].drop_duplicates("doc_id"), on="doc_id", how="left")


def overview(tables, *, by: str = "source") -> pd.DataFrame:
    """Per group: documents, body paragraphs, words, date range, languages, translations.

    Returns:
        DataFrame sorted by group name, one row per group.
    """
    docs = tables.documents.copy()
    docs["_translated"] = docs.apply(lambda r: translated_note(r) != "", axis=1)
    docs["_date"] = docs["date"].map(lambda d: "" if is_missing(d) else str(d)[:10])
    constructed = constructed_sources(docs, by)
    rows = []
    for group, part in docs.groupby(by, sort=True, dropna=False):
        dates = sorted(d for d in part["_date"] if d)
        langs = sorted({str(x) for x in part["language"].dropna()})
        origins = sorted({str(x) for x in part.get("translated_from", pd.Series()).dropna() if str(x)})
        rows.append({by: str(group), "documents": len(part),
                     "body paragraphs": int(part.get("n_body", pd.Series([0])).fillna(0).sum()),
                     "words": int(part.get("n_words", pd.Series([0])).fillna(0).sum()),
                     "first date": dates[0] if dates else "—", "last date": dates[-1] if dates else "—",
                     "languages": ", ".join(langs) or "—",
                     "translated": (f"{int(part['_translated'].sum())} (from {', '.join(origins)})"
                                    if part["_translated"].any() else "0"),
                     "note": CONSTRUCTED_LABEL if str(group) in constructed else ""})
    return pd.DataFrame(rows)


def side_use(tables, *, by: str = "source") -> pd.DataFrame:
    """Contested-term variants per side for each group: counts and per 1,000 body words."""
    words = tables.documents.groupby(by)["n_words"].sum()
    terms = with_group(tables.terms, tables.documents, by)
    counts = terms.groupby([by, "side"]).size().unstack(fill_value=0)
    counts = counts.reindex(index=words.index, columns=[s for s in SIDES], fill_value=0)
    out = counts.copy()
    for side in SIDES:
        out[f"{side} /1k words"] = counts[side] / words.where(words > 0) * 1000
    out.insert(0, "words", words)
    return out.reset_index().rename(columns={"index": by}).sort_values(by, kind="stable")


def variant_use(tables, *, groups: list[str], by: str = "source") -> pd.DataFrame:
    """Which variant of each concept each group uses: rows concept/term/side, columns groups."""
    terms = with_group(tables.terms, tables.documents, by)
    terms = terms[terms[by].astype(str).isin(groups)]
    if terms.empty:
        return pd.DataFrame(columns=["concept", "term", "side", *groups])
    norm = terms.assign(term=terms["term"].astype(str).str.lower())
    table = norm.groupby(["concept", "term", "side", by]).size().unstack(fill_value=0)
    table = table.reindex(columns=groups, fill_value=0)
    return table.reset_index().sort_values(["concept", "side", "term"], kind="stable")


def kwic(tables, *, by: str = "source", per_group: int = 3, width: int = 60) -> list[dict]:
    """Keyword-in-context examples of contested terms: a few per (group, concept).

    Returns:
        Dicts with group, concept, side, doc_id, paragraph, left, match, right
        (plain strings; templates escape them) in a stable order.
    """
    paras = tables.paragraphs.set_index(["doc_id", "paragraph"])["text"]
    terms = with_group(tables.terms, tables.documents, by)
    terms = terms.sort_values([by, "concept", "doc_id", "paragraph", "start"], kind="stable")
    out = []
    for (group, concept), part in terms.groupby([by, "concept"], sort=True):
        for row in part.head(per_group).itertuples(index=False):
            text = paras.get((row.doc_id, row.paragraph), "")
            left = text[max(0, row.start - width):row.start]
            out.append({"group": str(group), "concept": concept, "side": row.side,
                        "doc_id": row.doc_id, "paragraph": int(row.paragraph),
                        "left": ("…" if row.start > width else "") + left,
                        "match": text[row.start:row.end],
                        "right": text[row.end:row.end + width] + ("…" if row.end + width < len(text) else "")})
    return out


def select_documents(tables, *, max_docs: int, groups: list[str] | None = None,
                     by: str = "source") -> list[str]:
    """Up to ``max_docs`` doc_ids, taken round-robin across groups so each is seen.

    Example:
        Sources A (3 docs) and B (1 doc), max_docs=3 -> A1, B1, A2.
    """
    docs = tables.documents.sort_values(["doc_id"], kind="stable")
    if groups is not None:
        docs = docs[docs[by].astype(str).isin(groups)]
    per_group = [list(part["doc_id"]) for _, part in docs.groupby(by, sort=True)]
    order = [d for tier in zip_longest(*per_group) for d in tier if d is not None]
    return order[:max_docs]


def _rows_by_paragraph(df: pd.DataFrame, doc_ids: set) -> dict:
    out: dict = {}
    for row in df[df["doc_id"].isin(doc_ids)].to_dict("records"):  # one conversion, not one per group
        out.setdefault((row["doc_id"], row["paragraph"]), []).append(row)
    return out


def reading_view(tables, doc_ids: list[str], *, by: str = "source") -> list[dict]:
    """Each chosen document with highlighted paragraphs and a strip of measures.

    Returns:
        Dicts: doc (metadata dict), constructed, translated, paragraphs (list of
        dicts: index, kind, html (Markup), strip [(label, value)], counts).
    """
    wanted = set(doc_ids)
    actors, terms, cues = (_rows_by_paragraph(t, wanted) for t in (tables.actors, tables.terms, tables.cues))
    declared = tables.declarations()
    strip = [(m.column, m.strip) for m in declared.of() if m.strip]
    extra = [(name, col, _rows_by_paragraph(tables.get(name), wanted))
             for name, col in declared.spans.items() if name in tables.names()]
    meta = tables.documents.set_index("doc_id")
    paras = tables.paragraphs[tables.paragraphs["doc_id"].isin(wanted)]
    by_doc = {d: p.sort_values("paragraph") for d, p in paras.groupby("doc_id", sort=False)}
    out = []
    for doc_id in doc_ids:
        row = {k: (None if is_missing(v) else v) for k, v in meta.loc[doc_id].to_dict().items()}  # NaN is truthy
        items = []
        for p in by_doc.get(doc_id, paras.iloc[0:0]).to_dict("records"):
            key = (doc_id, p["paragraph"])
            spans: list[Span] = spans_for(p["text"], actors.get(key, ()), terms.get(key, ()), cues.get(key, ()),
                                          [(t, c, rows.get(key, ())) for t, c, rows in extra])
            items.append({"index": int(p["paragraph"]), "kind": p.get("kind", "body"),
                          "html": highlight(p["text"], spans), "n_spans": len(spans),
                          "strip": [(label, p.get(col)) for col, label in strip if col in p]})
        out.append({"doc_id": doc_id, "group": str(row.get(by, "")), "meta": row,
                    "constructed": bool(row.get("constructed")) if not is_missing(row.get("constructed")) else False,
                    "translated": translated_note(row), "paragraphs": items})
    return out


def excluded(tables, *, by: str = "source"):
    """Per group: paragraphs left out of the measures, by kind and reason, with the lines
    found repeated across the group's articles (:func:`framing.furniture.excluded_summary`)."""
    from ..furniture import excluded_summary

    paras = tables.paragraphs
    group_of = tables.documents.set_index("doc_id")[by] if by in tables.documents else paras["source"]
    return excluded_summary(paras.assign(_group=paras["doc_id"].map(group_of)), by="_group")
