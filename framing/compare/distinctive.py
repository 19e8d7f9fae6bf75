"""Distinctive words per group: log-odds with an informative Dirichlet prior.

Each group is compared with the rest of the corpus (Monroe, Colaresi & Quinn 2008,
"Fightin' Words", eq. 22), so it works for N groups, not two. The prior is the
whole corpus's word distribution scaled to ``alpha0`` pseudo-tokens (default
1,000): enough to damp words seen a handful of times in a small corpus,
negligible next to large groups. Tokens: lowercase letter runs (apostrophes and
hyphens inside words kept), scikit-learn's English stop words dropped;
unigrams plus bigrams of adjacent non-stop words.
"""
from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pandas as pd

from .stats import log_odds_dirichlet

TOKEN = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
COLUMNS = ["group", "rank", "term", "z", "log_odds", "count_group", "count_rest", "tokens_group"]


def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS
    return frozenset(ENGLISH_STOP_WORDS)


def tokenize(text: str, stop: frozenset[str] | None = None) -> list[str]:
    """Unigrams and adjacent-pair bigrams of non-stop lowercase word tokens.

    A bigram is only formed from words that were adjacent in the text, so
    removing a stop word never glues its neighbours together.

    Example:
        >>> tokenize("The collective West sanctions", frozenset({"the"}))
        ['collective', 'west', 'sanctions', 'collective west', 'west sanctions']
    """
    stop = _stop_words() if stop is None else stop
    words = [w.replace("’", "'") for w in TOKEN.findall(text.lower())]
    keep = [w not in stop and len(w) > 1 for w in words]
    unigrams = [w for w, k in zip(words, keep) if k]
    bigrams = [f"{a} {b}" for (a, ka), (b, kb) in zip(zip(words, keep), zip(words[1:], keep[1:])) if ka and kb]
    return unigrams + bigrams


def group_counts(paragraphs: pd.DataFrame, groups: pd.Series) -> dict[str, Counter]:
    """Token counts of body paragraphs per group."""
    stop = _stop_words()
    body = paragraphs[paragraphs["kind"] == "body"]
    label = body["doc_id"].map(groups)
    counts: dict[str, Counter] = {g: Counter() for g in sorted(groups.unique())}
    # Each distinct (group, text) is tokenised once, in first-seen order (so every Counter's
    # key order is as if each paragraph were counted in turn), its counts times its repeats.
    repeats = Counter((g, t) for g, t in zip(label, body["text"]) if isinstance(g, str) and isinstance(t, str))
    for (group, text), times in repeats.items():
        tokens = Counter(tokenize(text, stop))
        counts[group].update({tok: n * times for tok, n in tokens.items()} if times > 1 else tokens)
    return counts


def distinctive_terms(paragraphs: pd.DataFrame, groups: pd.Series, *, top: int = 20,
                      alpha0: float = 1000.0, min_count: int = 2) -> pd.DataFrame:
    """Top ``top`` over-represented terms per group (z > 0), each group vs the rest.

    Args:
        paragraphs: the paragraphs table (body paragraphs are used).
        groups: group label per doc_id (index).
        top: terms kept per group.
        alpha0: total prior pseudo-count, spread by corpus frequency.
        min_count: terms seen fewer times in the whole corpus are dropped.

    Returns:
        DataFrame with :data:`COLUMNS`, sorted by group then rank; empty with
        fewer than two groups (there is no "rest").

    Example:
        >>> distinctive_terms(tables.paragraphs, groups).head(3)  # doctest: +SKIP
    """
    counts = group_counts(paragraphs, groups)
    total = Counter()
    for c in counts.values():
        total.update(c)
    vocab = sorted(t for t, n in total.items() if n >= min_count)
    if len(counts) < 2 or not vocab:
        return pd.DataFrame(columns=COLUMNS)
    mat = _matrix(counts, vocab)
    all_counts = mat.sum(axis=0)
    alpha = alpha0 * all_counts / all_counts.sum()
    frames = [_top(group, mat[i], all_counts - mat[i], alpha, vocab, top) for i, group in enumerate(counts)]
    return pd.concat(frames, ignore_index=True)[COLUMNS]


def _matrix(counts: dict[str, Counter], vocab: list[str]) -> np.ndarray:
    """Groups x vocabulary count matrix."""
    index = {t: i for i, t in enumerate(vocab)}
    mat = np.zeros((len(counts), len(vocab)))
    for g, c in enumerate(counts.values()):
        pairs = [(index[t], n) for t, n in c.items() if t in index]
        if pairs:
            cols, ns = zip(*pairs)
            mat[g, list(cols)] = ns
    return mat


def _top(group: str, y_i: np.ndarray, y_j: np.ndarray, alpha: np.ndarray, vocab: list[str],
         top: int) -> pd.DataFrame:
    delta, z = log_odds_dirichlet(y_i, y_j, alpha)
    idx = np.flatnonzero((z > 0) & (y_i > 0))
    # Highest z first; ties by term, which is vocabulary order (vocab is sorted). Select before
    # building a frame: the vocabulary runs to hundreds of thousands of terms at scale.
    idx = idx[np.lexsort((idx, -z[idx]))][:top]
    return pd.DataFrame({"term": [vocab[i] for i in idx], "z": z[idx], "log_odds": delta[idx],
                         "count_group": y_i[idx].astype("int64"), "count_rest": y_j[idx].astype("int64"),
                         "group": group, "rank": np.arange(1, len(idx) + 1), "tokens_group": int(y_i.sum())})
