"""Statistics across sources (or any document metadata field), for N groups.

Rates are ratios of sums within a group (e.g. all hedges / all body words), with
bootstrap 95% percentile intervals that resample whole documents, because
paragraphs of one article are not independent. Differences between groups are
permutation tests on document-level values with Holm correction per measure and
Cliff's delta beside every p-value. Distinctive words and outlet
distinguishability live in :mod:`framing.compare.distinctive` and
:mod:`framing.compare.distinguishability`; actor profiles in :mod:`framing.compare.actors`.
"""
from __future__ import annotations

import itertools
import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from . import stats
from ..errors import FramingError
from ..measures import Declared, Measure
from .actors import actor_profiles
from .distinctive import distinctive_terms
from .distinguishability import distinguishability
from .groups import ADD_SOURCES, eligible_groups, group_labels
from .influence import influence
from .rates import ratio_rows
from .within import within_view

ADD_DOCUMENTS = ("Every group has fewer than {min_docs} documents, so there are no intervals, tests or "
                 "distinguishability (articles, not paragraphs, are the unit of resampling). The values "
                 "below describe these documents only; add more articles per source to generalise: "
                 "framing add FILE --source NAME")


@dataclass
class Comparison:
    """The result of :func:`compare`: tidy DataFrames plus dicts (see README "Compare")."""

    by: str
    groups: list[str]
    overview: pd.DataFrame
    rates: pd.DataFrame
    actors: pd.DataFrame
    tests: pd.DataFrame
    omnibus: pd.DataFrame
    distinctive: pd.DataFrame
    distinguishability: dict[str, Any]
    within: dict[str, Any] | None = None
    params: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """The plain-text summary ``framing compare`` prints (rates, significant differences, …)."""
        from .summary import render_table
        return render_table(self)

    def to_json(self) -> str:
        """Every table as records plus distinguishability, params and notes, as JSON text."""
        from .summary import render_json
        return render_json(self)

    def frames(self) -> dict[str, pd.DataFrame]:
        """Every table by export name (distinguishability features included)."""
        out = {name: getattr(self, name) for name in
               ("overview", "rates", "actors", "tests", "omnibus", "distinctive")}
        feats = self.distinguishability.get("features")
        if isinstance(feats, pd.DataFrame):
            out["distinguishability_features"] = feats
        if self.within:
            out.update({f"within_{k}": v for k, v in self.within.items() if isinstance(v, pd.DataFrame)})
        return out


def compared(declared: Declared) -> list[Measure]:
    """The declared group measures: rates (ratio of sums) first, then means, each by rank."""
    return declared.of(kind="rate", use="compare") + declared.of(kind="mean", use="compare")


def doc_sums(paragraphs: pd.DataFrame, doc_ids, declared: Declared) -> pd.DataFrame:
    """Per-document numerators and denominators of every available declared measure.

    Columns ``num:<measure>``, ``den:<measure>``, ``words`` and ``body``; rows in
    ``doc_ids`` order (documents without body paragraphs get zeros).
    """
    wanted = ["doc_id", "n_words", *dict.fromkeys(m.column for m in compared(declared) if m.column in paragraphs)]
    body = paragraphs.loc[paragraphs["kind"] == "body", [c for c in dict.fromkeys(wanted)]]  # not the text column
    grouped = body.groupby("doc_id", sort=True)
    out = pd.DataFrame(index=pd.Index(doc_ids, name="doc_id"))
    out["words"] = grouped["n_words"].sum()
    out["body"] = grouped.size()
    for m in compared(declared):
        if m.column in body and m.kind == "rate":
            out[f"num:{m.name}"] = grouped[m.column].sum()
            out[f"den:{m.name}"] = out["words"]
        elif m.column in body:
            out[f"num:{m.name}"] = grouped[m.column].sum(min_count=1)
            out[f"den:{m.name}"] = grouped[m.column].count()
    return out.fillna(0.0).astype(float)


def measures_available(sums: pd.DataFrame, declared: Declared) -> list[tuple[str, str, float, str]]:
    """(measure, family, scale, unit) for each declared measure present in ``sums``."""
    spec = [(m.name, m.family, m.scale if m.kind == "rate" else 1.0, m.unit) for m in compared(declared)]
    return [row for row in spec if f"num:{row[0]}" in sums]


def doc_values(sums: pd.DataFrame, declared: Declared) -> pd.DataFrame:
    """Document-level value of each measure (NaN where its denominator is 0)."""
    out = {}
    for measure, _, scale, _ in measures_available(sums, declared):
        den = sums[f"den:{measure}"].where(sums[f"den:{measure}"] > 0)
        out[measure] = sums[f"num:{measure}"] / den * scale
    return pd.DataFrame(out, index=sums.index)


def rates(sums: pd.DataFrame, groups: pd.Series, declared: Declared, *, n_boot: int, seed: int) -> pd.DataFrame:
    """Long table of group rates with bootstrap intervals (the declared rate and mean measures).

    ``count`` is the raw cue/term count for rates (``denominator`` = body words)
    and the number of paragraphs averaged for means (``denominator`` = body paragraphs).
    """
    avail = measures_available(sums, declared)
    means = {m.name for m in declared.of(kind="mean")}
    is_mean = np.array([m in means for m, *_ in avail])
    rows = []
    for group in sorted(groups.unique()):
        part = sums.loc[groups.index[groups == group]]
        num = part[[f"num:{m}" for m, *_ in avail]].to_numpy()
        den = part[[f"den:{m}" for m, *_ in avail]].to_numpy()
        counts = np.where(is_mean, den.sum(axis=0), num.sum(axis=0))
        denominators = np.where(is_mean, part["body"].sum(), den.sum(axis=0))
        rows += ratio_rows(group, num, den, avail, counts, denominators, n_boot=n_boot, seed=seed)
    return _typed(pd.DataFrame(rows), ("count", "denominator", "n_docs"))


def with_influence(rates_df: pd.DataFrame, paragraphs: pd.DataFrame, sums: pd.DataFrame, groups: pd.Series,
                   declared: Declared) -> pd.DataFrame:
    """The rates table with the influence columns (:mod:`framing.compare.influence`)."""
    if rates_df.empty:
        return rates_df
    means = {m.name for m in declared.of(kind="mean")}
    columns = {m.name: m.column for m in compared(declared)}
    found = influence(paragraphs, sums, groups, measures_available(sums, declared), means, columns)
    return rates_df.merge(found, on=["group", "measure"], how="left")


def overview(tables, groups: pd.Series, sums: pd.DataFrame) -> pd.DataFrame:
    """Per group: documents, body paragraphs, words, dates, languages, translated, constructed."""
    docs = tables.documents.set_index("doc_id").loc[groups.index]
    translated = docs.get("translated_from", pd.Series(None, index=docs.index))
    rows = []
    for group in sorted(groups.unique()):
        ids = groups.index[groups == group]
        d = docs.loc[ids]
        dates = sorted(str(x) for x in d.get("date", pd.Series(dtype=object)).dropna() if str(x).strip())
        langs = sorted({str(x) for x in d.get("language", pd.Series(dtype=object)).dropna() if str(x).strip()})
        n_trans = int(translated.loc[ids].map(lambda v: isinstance(v, str) and v.strip() != "").sum())
        n_con = int(d.get("constructed", pd.Series(False, index=ids)).fillna(False).astype(bool).sum())
        rows.append({"group": group, "documents": len(ids), "body_paragraphs": int(sums.loc[ids, "body"].sum()),
                     "words": int(sums.loc[ids, "words"].sum()), "date_min": dates[0] if dates else "",
                     "date_max": dates[-1] if dates else "", "languages": ", ".join(langs),
                     "translated": n_trans, "constructed_documents": n_con, "constructed": n_con > 0})
    return pd.DataFrame(rows)


def _arrays(values: pd.DataFrame, groups: pd.Series, names: list[str]) -> dict[str, np.ndarray]:
    return {g: values.loc[groups.index[groups == g]].to_numpy() for g in names}


def group_tests(values: pd.DataFrame, groups: pd.Series, *, n_perm: int, seed: int,
                min_docs: int, top_groups: int | None = 10) -> pd.DataFrame:
    """Pairwise permutation tests per measure, Holm-adjusted within each measure.

    Args:
        values: document-level values (rows doc_id, columns measures).
        groups: group label per doc_id.
        n_perm: permutations per pair.
        seed: seed (each pair has its own stream).
        min_docs: smallest group tested.
        top_groups: test pairs among the largest groups only (None: all). With
            G groups there are G(G-1)/2 pairs, and the smallest Holm-adjusted
            p-value is about pairs / (n_perm + 1): 45 pairs x 2,000 permutations
            can still reach 0.02; 378 pairs (28 outlets) could not reach 0.05.

    Returns:
        One row per (measure, pair): n, document-level means, difference,
        p_value, p_holm, cliffs_delta, magnitude.
    """
    names = eligible_groups(groups, min_docs, top_groups)
    arrays = _arrays(values, groups, names)
    rows = []
    for a, b in itertools.combinations(names, 2):
        va, vb = arrays[a], arrays[b]
        in_a = np.r_[np.ones(len(va), bool), np.zeros(len(vb), bool)]
        diff, p = stats.permutation_test(np.vstack([va, vb]), in_a, n_perm=n_perm,
                                         rng=stats.rng_for(seed, f"{a}\x00{b}"))
        for k, measure in enumerate(values.columns):
            x, y = va[:, k][~np.isnan(va[:, k])], vb[:, k][~np.isnan(vb[:, k])]
            delta = stats.cliffs_delta(x, y)
            rows.append({"measure": measure, "group_a": a, "group_b": b, "n_a": len(x), "n_b": len(y),
                         "mean_a": x.mean() if len(x) else np.nan, "mean_b": y.mean() if len(y) else np.nan,
                         "diff": diff[k], "p_value": p[k], "cliffs_delta": delta,
                         "magnitude": stats.cliff_magnitude(delta)})
    cols = ["measure", "group_a", "group_b", "n_a", "n_b", "mean_a", "mean_b", "diff", "p_value",
            "p_holm", "cliffs_delta", "magnitude"]
    df = pd.DataFrame(rows, columns=[c for c in cols if c != "p_holm"])
    df["p_holm"] = df.groupby("measure")["p_value"].transform(lambda s: stats.holm(s.to_numpy()))
    order = {m: i for i, m in enumerate(values.columns)}
    df = df.assign(_o=df["measure"].map(order)).sort_values(["_o", "group_a", "group_b"])
    return _typed(df[cols].reset_index(drop=True), ("n_a", "n_b"))


def omnibus(values: pd.DataFrame, groups: pd.Series, *, min_docs: int) -> pd.DataFrame:
    """Kruskal–Wallis per measure across all eligible groups, epsilon^2 = H / (n - 1).

    Holm-adjusted across measures. Only run with three or more groups (with two,
    the pairwise test says it all).
    """
    from scipy.stats import kruskal
    arrays = _arrays(values, groups, eligible_groups(groups, min_docs))
    rows = []
    for k, measure in enumerate(values.columns):
        samples = [v[:, k][~np.isnan(v[:, k])] for v in arrays.values()]
        samples = [x for x in samples if len(x)]
        n = sum(map(len, samples))
        h = p = np.nan
        if len(samples) >= 3:
            try:
                h, p = kruskal(*samples)
            except ValueError:  # all values identical
                pass
        rows.append({"measure": measure, "k": len(samples), "n": n, "H": h, "p_value": p,
                     "epsilon_squared": h / (n - 1) if n > 1 else np.nan})
    df = pd.DataFrame(rows, columns=["measure", "k", "n", "H", "p_value", "epsilon_squared"])
    df.insert(5, "p_holm", stats.holm(df["p_value"].to_numpy()))
    return df


def _typed(df: pd.DataFrame, int_cols) -> pd.DataFrame:
    for col in int_cols:
        if col in df:
            df[col] = df[col].round().astype("int64")
    return df


def round_frame(df: pd.DataFrame, digits: int = 6) -> pd.DataFrame:
    """Float columns rounded to ``digits`` significant digits (byte-stable exports).

    Example:
        >>> round_frame(pd.DataFrame({"x": [1/3]}))["x"].tolist()
        [0.333333]
    """
    out = df.copy()
    for col in out.columns:
        if pd.api.types.is_float_dtype(out[col]):
            out[col] = [float(f"{v:.{digits}g}") if np.isfinite(v) else v for v in out[col]]
    return out


def compare(tables, *, by: str = "source", n_boot: int = 2000, n_perm: int = 2000, seed: int = 0,
            top_actors: int = 8, min_docs: int = 2, top_terms: int = 20, alpha0: float = 1000.0,
            cv_permutations: int = 99, top_groups: int | None = 10) -> "Comparison":
    """Compare groups of documents (by source, or any document field) on every measure.

    Args:
        tables: a :class:`framing.tables.Tables`.
        by: document field to group by (``"doc"``: each document its own group).
        n_boot: bootstrap replicates (documents resampled within each group).
        n_perm: permutations per pairwise test.
        seed: seed for every random draw (results are deterministic given it).
        top_actors: most-mentioned actors shown (all blocs are always shown).
        min_docs: documents a group needs for tests and distinguishability.
        top_terms: distinctive terms kept per group.
        alpha0: total pseudo-count of the log-odds Dirichlet prior.
        cv_permutations: label permutations for the distinguishability p-value.
        top_groups: pairwise tests among this many largest groups (None: all);
            the omnibus test always covers every group.

    Returns:
        A :class:`Comparison`; floats rounded to 6 significant digits.

    Example:
        >>> c = compare(tables, n_boot=200, n_perm=200)  # doctest: +SKIP
        >>> c.rates.query("measure == 'hedges_per_100w'")[["group", "value", "ci_low", "ci_high"]]  # doctest: +SKIP
    """
    if tables.documents.empty:
        raise FramingError("the corpus has no documents to compare; add some with 'framing add FILE --source NAME'")
    groups = group_labels(tables.documents, by)
    declared = tables.declarations()
    sums = doc_sums(tables.paragraphs, groups.index, declared)
    values = doc_values(sums, declared)
    names = sorted(groups.unique())
    notes = []
    from threadpoolctl import threadpool_limits
    # One BLAS thread: these are many small products, which threads oversubscribe (3-10x slower).
    with warnings.catch_warnings(), threadpool_limits(limits=1):
        warnings.simplefilter("ignore", RuntimeWarning)
        result = Comparison(
            by=by, groups=names, overview=overview(tables, groups, sums),
            rates=with_influence(rates(sums, groups, declared, n_boot=n_boot, seed=seed),
                                 tables.paragraphs, sums, groups, declared),
            actors=actor_profiles(tables.actors, groups, sums["words"], declared.of(kind="share", use="compare"),
                                  top=top_actors, n_boot=n_boot, seed=seed),
            tests=group_tests(values, groups, n_perm=n_perm, seed=seed, min_docs=min_docs,
                              top_groups=top_groups),
            omnibus=omnibus(values, groups, min_docs=min_docs),
            distinctive=distinctive_terms(tables.paragraphs, groups, top=top_terms, alpha0=alpha0),
            distinguishability=distinguishability(tables, groups, min_docs=min_docs, seed=seed,
                                                  max_groups=top_groups,
                                                  n_permutations=cv_permutations),
            params={"n_boot": n_boot, "n_perm": n_perm, "seed": seed, "top_actors": top_actors,
                    "min_docs": min_docs, "top_terms": top_terms, "alpha0": alpha0,
                    "cv_permutations": cv_permutations, "top_groups": top_groups})
    if len(names) < 2 or all((groups == g).sum() < min_docs for g in names):
        result.within = within_view(tables, groups)
        notes.append(ADD_SOURCES if len(names) < 2 else ADD_DOCUMENTS.format(min_docs=min_docs))
    tested = eligible_groups(groups, min_docs, top_groups)
    if len(tested) < len(eligible_groups(groups, min_docs)):
        notes.append(f"Pairwise tests cover the {len(tested)} largest groups ({', '.join(tested)}); "
                     "the omnibus test covers all.")
    result.notes = notes
    for name in ("overview", "rates", "actors", "tests", "omnibus", "distinctive"):
        setattr(result, name, round_frame(getattr(result, name)))
    return result
