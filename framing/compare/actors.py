"""Actor profiles per group: who acts, who is acted upon, who is spoken of how.

For the most-mentioned actors and for every bloc (rows ``bloc:<name>``), per
group: mentions per 1,000 words, shares of mentions as agent, as patient, in
agentless passives and in nominalisations, and mean target sentiment. Each is a
ratio of sums with a bootstrap interval over documents and its raw count.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .influence import array_influence
from .rates import ratio_rows

STATS = ("mentions", "agent", "patient", "agentless_passive", "nominal", "sentiment_sum", "sentiment_n")
INFLUENCE = ["top_article", "top_article_share", "value_without_top_article"]  # issue 13
COLUMNS = ["group", "actor", "bloc", "measure", "family", "value", "ci_low", "ci_high", "count",
           "denominator", "unit", "n_docs", "note"]


def top_actor_keys(actors: pd.DataFrame, top: int) -> list[tuple[str, str]]:
    """(key, bloc): the ``top`` most-mentioned actors (ties by name), then every bloc.

    Example:
        >>> df = pd.DataFrame({"actor": ["A", "B", "B"], "bloc": ["x", "y", "y"]})
        >>> top_actor_keys(df, 1)
        [('B', 'y'), ('bloc:x', 'x'), ('bloc:y', 'y')]
    """
    counts = actors.groupby("actor").size().reset_index(name="n")
    counts = counts.sort_values(["n", "actor"], ascending=[False, True]).head(top)
    # Most frequent bloc per top actor (ties: first by name), computed for the top actors only.
    pairs = actors[actors["actor"].isin(counts["actor"])].groupby(["actor", "bloc"]).size().reset_index(name="n")
    pairs = pairs.sort_values(["actor", "n", "bloc"], ascending=[True, False, True]).drop_duplicates("actor")
    bloc_of = dict(zip(pairs["actor"], pairs["bloc"]))
    keys = [(a, str(bloc_of[a])) for a in counts["actor"]]
    return keys + [(f"bloc:{b}", str(b)) for b in sorted(actors["bloc"].dropna().astype(str).unique())]


def _doc_stats(actors: pd.DataFrame, key_col: str) -> pd.DataFrame:
    """Per (doc_id, key): the counts behind every actor measure."""
    a = actors.assign(
        mentions=1, agent=(actors["role"] == "agent").astype(int),
        patient=(actors["role"] == "patient").astype(int),
        agentless_passive=(actors["voice"] == "agentless_passive").astype(int),
        nominal=(actors["voice"] == "nominal").astype(int),
        sentiment_sum=actors["sentiment"].fillna(0.0), sentiment_n=actors["sentiment"].notna().astype(int))
    return a.groupby(["doc_id", key_col], sort=True)[list(STATS)].sum()


def doc_actor_matrix(actors: pd.DataFrame, keys: list[tuple[str, str]], doc_ids) -> pd.DataFrame:
    """Wide per-document table with columns (key, stat), zeros where absent."""
    a = actors[actors["doc_id"].isin(doc_ids)]
    # Only the chosen actors: unstacking every entity (tens of thousands at scale) is slow and unused.
    chosen = a[a["actor"].isin({k for k, _ in keys})]
    by_actor = _doc_stats(chosen.rename(columns={"actor": "key"}), "key")
    by_bloc = _doc_stats(a.assign(key="bloc:" + a["bloc"].astype(str)), "key")
    both = pd.concat([by_actor, by_bloc]).unstack("key", fill_value=0)
    both.columns = both.columns.swaplevel(0, 1)
    cols = pd.MultiIndex.from_tuples([(k, s) for k, _ in keys for s in STATS])
    return both.reindex(index=pd.Index(doc_ids), columns=cols, fill_value=0).fillna(0).astype(float)


def _group_arrays(part: pd.DataFrame, words: np.ndarray, keys, measures) -> tuple[np.ndarray, np.ndarray, list]:
    """Numerators, denominators (n_docs x keys*measures) and raw counts for one group."""
    nums, dens, counts = [], [], []
    for key, _ in keys:
        st = part[key]
        for m in measures:
            n, d = m.column, m.denominator
            nums.append(st[n].to_numpy())
            dens.append(words if d == "words" else st[d].to_numpy())
            counts.append(st["sentiment_n"].sum() if n == "sentiment_sum" else nums[-1].sum())
    return np.column_stack(nums), np.column_stack(dens), counts


def actor_profiles(actors: pd.DataFrame, groups: pd.Series, words: pd.Series, measures=None, *, top: int = 8,
                   n_boot: int = 2000, seed: int = 0) -> pd.DataFrame:
    """Long table: group x actor (top actors + every bloc) x measure, with intervals.

    Args:
        actors: the actors table (doc_id, actor, bloc, role, voice, sentiment; rows whose
            ``kind`` is not ``actor`` are left out).
        groups: group label per doc_id (index).
        words: body words per doc_id.
        measures: the declared ``share`` measures (default: the built-in actors feature's);
            numerator and denominator are statistics of :data:`STATS` (or ``words``).
        top: number of most-mentioned actors.
        n_boot, seed: bootstrap replicates and seed.

    Returns:
        DataFrame with :data:`COLUMNS`; ``count`` is the raw numerator (e.g. agent
        mentions), ``denominator`` its base (mentions or words).

    Example:
        >>> actor_profiles(tables.actors, groups, words)  # doctest: +SKIP
    """
    # Only the columns the profiles use (not mentions, verbs, labels: millions of rows at scale).
    actors = actors[[c for c in ("doc_id", "actor", "bloc", "role", "voice", "sentiment", "kind") if c in actors]]
    if "kind" in actors.columns:  # places ("in Ukraine") and origins ("Russian gas") are no actors
        actors = actors[actors["kind"] == "actor"]
    if measures is None:
        from ..features import declared
        measures = declared().of(kind="share", use="compare")
    if actors.empty or not measures:
        return pd.DataFrame(columns=[*COLUMNS, *INFLUENCE])
    keys = top_actor_keys(actors, top)
    mat = doc_actor_matrix(actors, keys, groups.index)
    spec = [(m.name, m.family, m.scale, m.unit) for _ in keys for m in measures]
    extras = [{"actor": key, "bloc": bloc} for key, bloc in keys for _ in measures]
    rows = []
    for group in sorted(groups.unique()):
        ids = groups.index[groups == group]
        num, den, counts = _group_arrays(mat.loc[ids], words.loc[ids].to_numpy(), keys, measures)
        found = ratio_rows(group, num, den, spec, counts, den.sum(axis=0), n_boot=n_boot,
                           seed=seed, extras=extras)
        by_den = [not np.isclose(c, n) for c, n in zip(counts, num.sum(axis=0))]  # means count mentions
        for row, infl in zip(found, array_influence(num, den, ids, by_den, [s[2] for s in spec])):
            row.update(infl)
        rows += found
    df = pd.DataFrame(rows, columns=[*COLUMNS, *INFLUENCE])
    for col in ("count", "denominator", "n_docs"):
        df[col] = df[col].round().astype("int64")
    return df
