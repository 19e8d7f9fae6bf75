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
    """Token counts of body paragraphs per group.

    Example:
        >>> p = pd.DataFrame({"doc_id": ["a", "b"], "kind": "body", "text": ["Gas deal", "gas"]})
        >>> group_counts(p, pd.Series({"a": "A", "b": "B"}))
        {'A': Counter({'gas': 1, 'deal': 1, 'gas deal': 1}), 'B': Counter({'gas': 1})}
    """
    names, tokens, mat = _count_matrix(paragraphs, groups)
    mat = mat.tocsr()
    counts: dict[str, Counter] = {}
    for g, name in enumerate(names):
        row = mat.getrow(g)
        counts[name] = Counter({tokens[j]: int(n) for j, n in sorted(zip(row.indices, row.data)) if n})
    return counts


def _count_matrix(paragraphs: pd.DataFrame, groups: pd.Series):
    """(sorted group names, tokens in first-seen order, sparse groups x tokens counts) of the
    body paragraphs.

    Each distinct text is tokenised once, however many paragraphs and groups share it (wire
    copy, recombined corpora); a group's counts are its texts' counts times their repeats,
    summed as one sparse product.
    """
    from scipy import sparse

    stop = _stop_words()
    names = sorted(groups.unique())
    body = paragraphs["kind"].to_numpy() == "body"
    # Codes over the whole columns, then the body rows: no copy of the text column is made.
    docs, doc_ids = pd.factorize(paragraphs["doc_id"], sort=False)
    of_doc = np.append(pd.Categorical(pd.Series(doc_ids).map(groups), categories=names).codes, -1)
    g = of_doc[docs[body]]  # a paragraph of a document with no group (code -1) counts nowhere
    t, distinct = pd.factorize(paragraphs["text"], sort=False)
    t = t[body]
    ok = (g >= 0) & (t >= 0)
    repeats = sparse.coo_matrix((np.ones(int(ok.sum()), dtype=np.int64), (g[ok], t[ok])),
                                shape=(len(names), len(distinct))).tocsr()
    used = np.flatnonzero(repeats.getnnz(axis=0))  # texts that some group has
    index: dict[str, int] = {}
    rows, cols, data = [], [], []
    for k, i in enumerate(used):
        for tok, n in Counter(tokenize(distinct[i], stop)).items():
            rows.append(k)
            cols.append(index.setdefault(tok, len(index)))
            data.append(n)
    per_text = sparse.csr_matrix((np.asarray(data, dtype=np.int64), (rows, cols)), shape=(len(used), len(index)))
    return names, list(index), (repeats[:, used] @ per_text).tocsr()


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
    names, tokens, counts = _count_matrix(paragraphs, groups)
    total = np.asarray(counts.sum(axis=0)).ravel()
    keep = np.flatnonzero((total > 0) & (total >= min_count))
    order = keep[np.argsort(np.array([tokens[j] for j in keep], dtype=object), kind="stable")] if len(keep) else keep
    vocab = [tokens[j] for j in order]
    if len(names) < 2 or not vocab:
        return pd.DataFrame(columns=COLUMNS)
    mat = counts[:, order].toarray().astype(float)
    all_counts = mat.sum(axis=0)
    alpha = alpha0 * all_counts / all_counts.sum()
    frames = [_top(group, mat[i], all_counts - mat[i], alpha, vocab, top) for i, group in enumerate(names)]
    return pd.concat(frames, ignore_index=True)[COLUMNS]


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
