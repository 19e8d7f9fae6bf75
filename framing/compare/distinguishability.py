"""Outlet distinguishability: can paragraph framing features tell the groups apart?

A standardised, class-balanced logistic regression on per-paragraph framing
features, cross-validated with folds grouped by document (no article is both
trained and tested on), compared with a majority-class baseline under the same
folds. The p-value permutes group labels between *documents* (sklearn's
``permutation_test_score(groups=...)`` permutes within groups, which would keep
every article's label and test nothing here).
"""
from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd

from ..measures import Declared
from .stats import rng_for

TOP_FEATURES = 5
# Fit cost grows with paragraphs x classes (44k paragraphs x 28 outlets: seconds per fit), so
# large corpora are subsampled by whole documents, evenly per group, and above LARGE paragraphs
# the label-permutation p-value is skipped (with 28 groups the majority baseline says more).
MAX_PARAGRAPHS = 5000
LARGE = 2000


def paragraph_features(declared: Declared) -> list[str]:
    """Model inputs: words, per-100-word rates, then every declared measure's column by rank.

    Example:
        >>> from framing.features import declared
        >>> paragraph_features(declared())[:3]
        ['n_words', 'hedges_per_100w', 'boosters_per_100w']
    """
    model = declared.of(use="model")
    rates = [m.paragraph_rate for m in model if m.paragraph_rate]
    return list(dict.fromkeys(["n_words", *rates, *(m.column for m in model if m.kind in ("rate", "mean"))]))


def feature_matrix(paragraphs: pd.DataFrame, actors: pd.DataFrame, declared: Declared | None = None) -> pd.DataFrame:
    """Body paragraphs x framing features, NaN-free, indexed like the body paragraphs.

    ``term_lean`` is 0 where a paragraph has no terms (``has_terms`` says so);
    other gaps take the column median. Per-bloc agent and patient counts come
    from the actors table.
    """
    if declared is None:
        from ..features import declared as builtin
        declared = builtin()
    cols = [c for c in paragraph_features(declared) if c in paragraphs]
    wanted = list(dict.fromkeys(["doc_id", "paragraph", *cols]))
    body = paragraphs.loc[paragraphs["kind"] == "body", wanted].reset_index(drop=True)  # not the text column
    x = body[cols].astype(float).copy()
    if "term_lean" in x:
        x["has_terms"] = x["term_lean"].notna().astype(float)
        x["term_lean"] = x["term_lean"].fillna(0.0)
    x = x.fillna(x.median()).fillna(0.0)
    actors = actors[[c for c in ("doc_id", "paragraph", "start", "bloc", "role", "kind") if c in actors]]
    if "kind" in actors.columns:  # places and origins are no actors
        actors = actors[actors["kind"] == "actor"]
    roles = actors[actors["role"].isin(["agent", "patient"])]
    if not roles.empty:
        wide = roles.assign(f=roles["bloc"].astype(str) + "_" + roles["role"]).pivot_table(
            index=["doc_id", "paragraph"], columns="f", values="start", aggfunc="count", fill_value=0)
        keys = pd.MultiIndex.from_frame(body[["doc_id", "paragraph"]])
        x = pd.concat([x, wide.reindex(keys, fill_value=0).reset_index(drop=True).astype(float)], axis=1)
    x.index = pd.MultiIndex.from_frame(body[["doc_id", "paragraph"]])
    return x.loc[:, x.std() > 0]  # constant columns carry nothing and upset scaling


def _model(seed: int):
    from sklearn.linear_model import LogisticRegression
    # newton-cg: few, exact steps; ~2x faster than lbfgs here with many classes.
    return LogisticRegression(class_weight="balanced", solver="newton-cg", tol=1e-3, max_iter=500,
                              random_state=seed)


def _folds(x: np.ndarray, y: np.ndarray, docs: np.ndarray, n_splits: int) -> list[tuple[np.ndarray, ...]]:
    """(train X, test X, train idx, test idx) per fold, standardised on the training part.

    Folds depend only on documents and scaling only on X, so a permutation of
    labels reuses them and refits just the classifier. When a plain grouped split
    leaves some training part without a class (2 vs 2 articles can put both of one
    source in the same test fold), the class-stratified grouped split is used instead.
    """
    from sklearn.model_selection import GroupKFold, StratifiedGroupKFold
    from sklearn.preprocessing import StandardScaler
    classes = np.unique(y)
    splits = list(GroupKFold(n_splits=n_splits).split(x, groups=docs))
    if any(len(np.unique(y[train])) < len(classes) for train, _ in splits):
        splits = list(StratifiedGroupKFold(n_splits=n_splits).split(x, y, groups=docs))
    out = []
    for train, test in splits:
        scaler = StandardScaler().fit(x[train])
        out.append((scaler.transform(x[train]), scaler.transform(x[test]), train, test))
    return out


def _cv(folds, y: np.ndarray, seed: int, *, full: bool = True) -> dict[str, np.ndarray]:
    """Per-fold accuracy (and macro-F1, majority-of-train baseline when ``full``)."""
    from sklearn.metrics import f1_score
    acc, f1, base = [], [], []
    for x_tr, x_te, train, test in folds:
        pred = _predict(x_tr, y[train], x_te, seed)
        acc.append(np.mean(pred == y[test]))
        if full:
            f1.append(f1_score(y[test], pred, average="macro", labels=np.unique(y)))
            values, counts = np.unique(y[train], return_counts=True)
            base.append(np.mean(y[test] == values[np.argmax(counts)]))
    return {"accuracy": np.array(acc), "f1_macro": np.array(f1), "baseline": np.array(base)}


def _predict(x_tr: np.ndarray, y_tr: np.ndarray, x_te: np.ndarray, seed: int) -> np.ndarray:
    """Fitted model's predictions; a training part with a single class (possible in a
    label permutation of a tiny corpus) predicts that class, as any classifier would."""
    seen = np.unique(y_tr)
    if len(seen) < 2:
        return np.full(len(x_te), seen[0], dtype=y_tr.dtype)
    return _model(seed).fit(x_tr, y_tr).predict(x_te)


def _top_features(x: pd.DataFrame, y: np.ndarray, classes: list[str], seed: int) -> pd.DataFrame:
    """Largest positive coefficients (standardised features) per class, fit on all data."""
    from sklearn.preprocessing import StandardScaler
    model = _model(seed).fit(StandardScaler().fit_transform(x.to_numpy()), y)
    coef = model.coef_
    if len(classes) == 2:  # sklearn fits one row for the second class
        coef = np.vstack([-coef[0], coef[0]])
    rows = []
    for i, cls in enumerate(model.classes_):
        order = sorted(range(x.shape[1]), key=lambda j: (-coef[i, j], x.columns[j]))[:TOP_FEATURES]
        rows += [{"group": cls, "rank": r + 1, "feature": x.columns[j], "coefficient": coef[i, j]}
                 for r, j in enumerate(order)]
    return pd.DataFrame(rows)


def sample_documents(docs: np.ndarray, groups: pd.Series, *, max_paragraphs: int, min_docs: int,
                     seed: int) -> np.ndarray:
    """Boolean mask over paragraphs keeping whole documents, the same share from each group.

    Example:
        >>> d = np.array(["a1", "a1", "a2", "b1", "b2"])
        >>> int(sample_documents(d, pd.Series({"a1": "A", "a2": "A", "b1": "B", "b2": "B"}),
        ...                      max_paragraphs=10, min_docs=1, seed=0).sum())
        5
    """
    if len(docs) <= max_paragraphs:
        return np.ones(len(docs), bool)
    unique = np.unique(docs)
    share = max_paragraphs / len(docs)
    rng = rng_for(seed, "sample")
    keep = []
    for group in sorted(groups.loc[unique].unique()):
        members = np.sort(unique[groups.loc[unique].to_numpy() == group])
        take = min(len(members), max(min_docs, int(np.ceil(share * len(members)))))
        keep += list(rng.choice(members, take, replace=False))
    return np.isin(docs, keep)


def distinguishability(tables, groups: pd.Series, *, min_docs: int = 2, seed: int = 0,
                       n_permutations: int = 99, max_paragraphs: int = MAX_PARAGRAPHS,
                       max_groups: int | None = 10) -> dict[str, Any]:
    """Cross-validated accuracy of telling groups apart from paragraph framing features.

    Args:
        tables: Tables (paragraphs and actors are used).
        groups: group label per doc_id (index).
        min_docs: groups with fewer documents (with body paragraphs) are left out.
        max_groups: only the largest groups (by documents; ties by name) are classified: with
            dozens of outlets, many with a handful of articles, folds would be tiny and the
            accuracy meaningless.
        seed: seed for the model and the label permutations.
        n_permutations: document-label permutations for the p-value (skipped,
            p NaN, above :data:`LARGE` paragraphs, to keep time bounded).
        max_paragraphs: above this, whole documents are sampled evenly per group.

    Returns:
        A dict: accuracy, accuracy_sd, f1_macro, baseline_accuracy, p_value,
        n_permutations, n_splits, n_paragraphs, n_documents, sampled, classes, excluded,
        features (DataFrame: group, rank, feature, coefficient) — or
        ``{"reason": ...}`` when it cannot be run.

    Example:
        >>> distinguishability(tables, groups)["accuracy"]  # doctest: +SKIP
    """
    x = feature_matrix(tables.paragraphs, tables.actors, tables.declarations())
    docs = x.index.get_level_values("doc_id").to_numpy()
    per_group = groups.loc[np.unique(docs)].value_counts()
    eligible = per_group[per_group >= min_docs]
    eligible = eligible.sort_index().sort_values(ascending=False, kind="stable")
    keep = sorted(eligible.index[:max_groups] if max_groups else eligible.index)
    excluded = sorted(set(groups.unique()) - set(keep))
    if len(keep) < 2 or x.shape[1] == 0:
        return {"reason": f"needs at least two groups with {min_docs}+ documents that have body text "
                          f"(have {len(keep)}: {', '.join(keep) or 'none'})", "excluded": excluded}
    mask = np.isin(groups.loc[docs].to_numpy(), keep)
    x, docs = x[mask], docs[mask]
    sample = sample_documents(docs, groups, max_paragraphs=max_paragraphs, min_docs=min_docs, seed=seed)
    x, docs, sampled = x[sample], docs[sample], not sample.all()
    y = groups.loc[docs].to_numpy()
    n_splits = max(2, min(5, int(per_group[keep].min())))
    from threadpoolctl import threadpool_limits
    # One BLAS thread: small fits are many times slower when threads oversubscribe the cores.
    with warnings.catch_warnings(), threadpool_limits(limits=1):
        warnings.simplefilter("ignore")  # convergence chatter on tiny folds
        folds = _folds(x.to_numpy(), y, docs, n_splits)
        cv = _cv(folds, y, seed)
        n_perm = n_permutations if len(x) <= LARGE else 0
        null = _null(folds, docs, groups, seed, n_perm)
        features = _top_features(x, y, keep, seed)
    acc = cv["accuracy"]
    return {"reason": None, "accuracy": float(acc.mean()), "accuracy_sd": float(acc.std(ddof=1)),
            "f1_macro": float(cv["f1_macro"].mean()), "baseline_accuracy": float(cv["baseline"].mean()),
            "p_value": float((1 + np.sum(null >= acc.mean() - 1e-12)) / (1 + n_perm)) if n_perm else np.nan,
            "n_permutations": n_perm, "n_splits": n_splits, "n_paragraphs": int(len(x)),
            "n_documents": int(len(np.unique(docs))), "sampled": sampled, "classes": keep, "excluded": excluded,
            "features": features}


def _null(folds, docs: np.ndarray, groups: pd.Series, seed: int, n_perm: int) -> np.ndarray:
    """Mean CV accuracy with group labels shuffled between documents."""
    rng = rng_for(seed, "distinguishability")
    unique = np.unique(docs)
    labels = groups.loc[unique].to_numpy()
    scores = []
    for _ in range(n_perm):
        mapping = dict(zip(unique, rng.permutation(labels)))
        y = np.array([mapping[d] for d in docs])
        scores.append(_cv(folds, y, seed, full=False)["accuracy"].mean())
    return np.array(scores)
