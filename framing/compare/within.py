"""The view inside one document (or one group): its sections and its actors.

With a single document, sections are the paragraph ranges between headings;
with several documents in a single group, each document is a unit. There are
no intervals here: one article is one sample, and resampling its paragraphs
would pretend otherwise. Counts are shown beside every rate.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..measures import Declared
from .groups import ADD_SOURCES



def sections(paragraphs: pd.DataFrame) -> pd.Series:
    """Section label per paragraph of ONE document: the latest heading text before it.

    Example:
        >>> p = pd.DataFrame({"kind": ["heading", "body", "heading", "body"],
        ...                   "text": ["Title", "a", "Background", "b"]})
        >>> sections(p).tolist()
        ['1. Title', '1. Title', '2. Background', '2. Background']
    """
    is_head = (paragraphs["kind"] == "heading").to_numpy()
    number = np.cumsum(is_head)
    titles = ["(opening)"] + [str(t) for t in paragraphs["text"][is_head]]
    return pd.Series([f"{n}. {titles[n]}" if n else titles[0] for n in number], index=paragraphs.index)


def unit_table(body: pd.DataFrame, unit: str, declared: Declared) -> pd.DataFrame:
    """Per unit: paragraph range, words, raw counts, rates per 100 / 1,000 words, means (declared measures)."""
    g = body.groupby(unit, sort=False)
    out = pd.DataFrame({"first_paragraph": g["paragraph"].min(), "last_paragraph": g["paragraph"].max(),
                        "paragraphs": g.size(), "words": g["n_words"].sum()})
    for m in declared.of(kind="rate", use="within"):
        if m.column in body:
            out[m.column] = g[m.column].sum().astype("int64")
            out[f"{m.column}_per_{m.scale:.0f}w"] = out[m.column] / out["words"].where(out["words"] > 0) * m.scale
    for m in declared.of(kind="mean", use="within"):
        if m.column in body:
            out[m.column] = g[m.column].mean()
    return out.reset_index().rename(columns={unit: "unit"})


def actor_table(actors: pd.DataFrame) -> pd.DataFrame:
    """Per actor: mentions, agent/patient/agentless-passive counts and shares, mean sentiment."""
    if actors.empty:
        return pd.DataFrame(columns=["actor", "bloc", "mentions"])
    a = actors.assign(agent=actors["role"] == "agent", patient=actors["role"] == "patient",
                      agentless_passive=actors["voice"] == "agentless_passive")
    g = a.groupby(["actor", "bloc"], sort=True)
    out = pd.DataFrame({"mentions": g.size()})
    for col in ("agent", "patient", "agentless_passive"):
        out[col] = g[col].sum().astype("int64")
        out[f"{col}_share"] = out[col] / out["mentions"]
    out["mean_sentiment"] = g["sentiment"].mean()
    out = out.reset_index()
    return out.sort_values(["mentions", "actor"], ascending=[False, True]).reset_index(drop=True)


def within_view(tables, groups: pd.Series, *, group: str | None = None) -> dict[str, Any]:
    """Sections (one document) or documents (one group) and actors, within one group.

    Args:
        tables: Tables.
        groups: group label per doc_id (index).
        group: which group; default the one with most documents (ties by name).

    Returns:
        {"group", "unit" ("section" | "document"), "units" (DataFrame),
        "actors" (DataFrame), "message" (how to add sources)}.

    Example:
        >>> within_view(tables, groups)["unit"]  # doctest: +SKIP
        'section'
    """
    if group is None:
        sizes = groups.value_counts()
        group = sorted(sizes.index[sizes == sizes.max()])[0]
    ids = sorted(groups.index[groups == group])
    paras = tables.paragraphs[tables.paragraphs["doc_id"].isin(ids)].sort_values(["doc_id", "paragraph"])
    if len(ids) == 1:
        unit, paras = "section", paras.assign(section=sections(paras))
        label = "section"
    else:
        unit, label = "document", "doc_id"
    body = paras[paras["kind"] == "body"]
    actors = tables.actors[tables.actors["doc_id"].isin(ids)]
    if "kind" in actors.columns:  # places and origins are no actors
        actors = actors[actors["kind"] == "actor"]
    return {"group": group, "unit": unit, "units": unit_table(body, label, tables.declarations()),
            "actors": actor_table(actors),
            "message": ADD_SOURCES}
