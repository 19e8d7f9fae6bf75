"""Influence diagnostics: how much of a group's figure one article or one paragraph decides.

Statisticians check influential observations as a matter of course; a comparison of
outlets must not be decided by one scraped gallery or one long transcript (issue 13).
For every group × measure this gives the share of the group's count contributed by its
most influential article and paragraph, and the group's value with that article left
out. A cell where one article contributes more than :data:`ONE_ARTICLE` of the count is
marked in the report's tables and figures.

The count is the one each rate cell shows: cues or terms for a rate (per 100 or 1,000
words), paragraphs averaged for a mean (sentiment, term lean).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

ONE_ARTICLE = 0.5   # one article contributing more than this share of a group's count is marked
ONE_MARK = "◆"      # how tables and figures mark such a cell
COLUMNS = ("top_article", "top_article_share", "value_without_top_article", "top_paragraph_share")


def influence(paragraphs: pd.DataFrame, sums: pd.DataFrame, groups: pd.Series, spec,
              means: set[str], columns: dict[str, str]) -> pd.DataFrame:
    """One row per group × measure with :data:`COLUMNS`.

    Args:
        paragraphs: the paragraphs table (body rows are used).
        sums: per-document ``num:<measure>``/``den:<measure>`` (:func:`framing.compare.core.doc_sums`).
        groups: group label per document (index: doc_id).
        spec: (measure, family, scale, unit) per measure, as the rates table has them.
        means: names of the mean measures (their count is paragraphs, not hits).
        columns: measure -> paragraph column (for the top paragraph's share of a rate).

    Example:
        >>> sums = pd.DataFrame({"num:x": [9.0, 1.0, 0.0], "den:x": [100.0, 100.0, 100.0]},
        ...                     index=pd.Index(["a", "b", "c"], name="doc_id"))
        >>> g = pd.Series("G", index=sums.index)
        >>> paras = pd.DataFrame({"doc_id": ["a", "a", "b"], "kind": "body", "x": [8, 1, 1]})
        >>> influence(paras, sums, g, [("x", "f", 100.0, "u")], set(), {"x": "x"}).iloc[0].to_dict()
        {'group': 'G', 'measure': 'x', 'top_article': 'a', 'top_article_share': 0.9, 'value_without_top_article': 0.5, 'top_paragraph_share': 0.8}
    """
    body = paragraphs[paragraphs["kind"] == "body"]
    group_of = body["doc_id"].map(groups)
    rows = []
    for group in sorted(groups.unique()):
        docs = groups.index[groups == group]
        part = sums.loc[docs]
        in_group = body[group_of == group]
        for measure, _, scale, _ in spec:
            num, den = part[f"num:{measure}"], part[f"den:{measure}"]
            weight = den if measure in means else num
            total = float(weight.sum())
            row = {"group": group, "measure": measure, "top_article": "", "top_article_share": np.nan,
                   "value_without_top_article": np.nan, "top_paragraph_share": np.nan}
            if total > 0:
                top = str(weight.idxmax())  # first of equal maxima, in document order
                row["top_article"], row["top_article_share"] = top, float(weight[top]) / total
                rest = float(den.sum() - den[top])
                if rest > 0:
                    row["value_without_top_article"] = float(num.sum() - num[top]) / rest * scale
                column = columns.get(measure)
                if measure not in means and column in in_group and len(in_group):
                    row["top_paragraph_share"] = float(in_group[column].max()) / total
                elif measure in means:
                    row["top_paragraph_share"] = 1.0 / total
            rows.append(row)
    return pd.DataFrame(rows, columns=["group", "measure", *COLUMNS])


def array_influence(num: np.ndarray, den: np.ndarray, doc_ids, counts, scales) -> list[dict]:
    """Influence per column of per-document ``num``/``den`` arrays (actor profiles): the
    weight of a document is its numerator when the column's count is the numerator sum
    (mentions, agent mentions), else its denominator (a mean over mentions).

    Example:
        >>> array_influence(np.array([[3.0], [1.0]]), np.array([[4.0], [4.0]]), ["a", "b"], [4], [1.0])
        [{'top_article': 'a', 'top_article_share': 0.75, 'value_without_top_article': 0.25}]
    """
    out = []
    ids = list(doc_ids)
    for k in range(num.shape[1]):
        n, d = num[:, k], den[:, k]
        weight = n if np.isclose(counts[k], n.sum()) else d
        total = float(weight.sum())
        row = {"top_article": "", "top_article_share": np.nan, "value_without_top_article": np.nan}
        if total > 0 and len(ids):
            top = int(np.argmax(weight))
            row["top_article"], row["top_article_share"] = str(ids[top]), float(weight[top]) / total
            rest = float(d.sum() - d[top])
            if rest > 0:
                row["value_without_top_article"] = float(n.sum() - n[top]) / rest * scales[k]
        out.append(row)
    return out


def one_article(share) -> bool:
    """True when one article contributes more than half of the count.

    Example:
        >>> one_article(0.51), one_article(0.5), one_article(float("nan"))
        (True, False, False)
    """
    try:
        return bool(float(share) > ONE_ARTICLE)
    except (TypeError, ValueError):
        return False
