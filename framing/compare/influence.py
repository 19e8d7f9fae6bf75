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
    wanted = ["doc_id", *(c for c in dict.fromkeys(columns.values()) if c in paragraphs and c != "doc_id")]
    body = paragraphs.loc[paragraphs["kind"] == "body", wanted]  # not the text column
    group_of = body["doc_id"].map(groups)
    names = [m for m, *_ in spec]
    rows = []
    for group in sorted(groups.unique()):
        docs = groups.index[groups == group]
        part = sums.loc[docs]
        in_group = body[group_of == group]
        num = part[[f"num:{m}" for m in names]].to_numpy()
        den = part[[f"den:{m}" for m in names]].to_numpy()
        found = array_influence(num, den, docs, [m in means for m in names], [s[2] for s in spec])
        for k, (measure, infl) in enumerate(zip(names, found)):
            total = den[:, k].sum() if measure in means else num[:, k].sum()
            share = np.nan
            if total > 0 and measure in means:
                share = 1.0 / total  # each paragraph is one of the mean's terms
            elif total > 0 and columns.get(measure) in in_group and len(in_group):
                share = float(in_group[columns[measure]].max()) / total
            rows.append({"group": group, "measure": measure, **infl, "top_paragraph_share": share})
    return pd.DataFrame(rows, columns=["group", "measure", *COLUMNS])


def array_influence(num: np.ndarray, den: np.ndarray, doc_ids, by_den, scales) -> list[dict]:
    """Influence per column of per-document ``num``/``den`` arrays: a document's weight is
    its numerator (hits, mentions), or its denominator where ``by_den`` (a mean, whose
    count is the paragraphs or mentions averaged).

    Example:
        >>> array_influence(np.array([[3.0], [1.0]]), np.array([[4.0], [4.0]]), ["a", "b"], [False], [1.0])
        [{'top_article': 'a', 'top_article_share': 0.75, 'value_without_top_article': 0.25}]
    """
    out = []
    ids = list(doc_ids)
    for k in range(num.shape[1]):
        n, d = num[:, k], den[:, k]
        weight = d if by_den[k] else n
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
