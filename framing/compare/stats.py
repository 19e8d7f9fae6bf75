"""Generic resampling statistics: bootstrap ratios, permutation tests, effect sizes.

Everything here works on plain numpy arrays of per-document values, so the
comparison module can resample articles (not paragraphs, which are not
independent) with one matrix product per group.
"""
from __future__ import annotations

import zlib

import numpy as np

# Romano et al. (2006), "Appropriate statistics for ordinal level data", thresholds for |delta|.
CLIFF_THRESHOLDS = ((0.147, "negligible"), (0.33, "small"), (0.474, "medium"))


def rng_for(seed: int, key: str) -> np.random.Generator:
    """A generator seeded by ``seed`` and a stable hash of ``key``.

    Adding or removing another group does not change this group's draws.

    Example:
        >>> float(rng_for(0, "a").random()) == float(rng_for(0, "a").random())
        True
    """
    return np.random.default_rng([seed, zlib.crc32(key.encode("utf-8"))])


def bootstrap_ratios(num: np.ndarray, den: np.ndarray, *, n_boot: int, rng: np.random.Generator,
                     level: float = 0.95) -> tuple[np.ndarray, np.ndarray]:
    """Percentile intervals for ratio-of-sums ``sum(num) / sum(den)``, resampling rows.

    Args:
        num, den: arrays (n_docs, n_measures) of per-document sums.
        n_boot: bootstrap replicates.
        rng: numpy generator.
        level: interval coverage.

    Returns:
        (low, high), each of length n_measures; NaN where fewer than two rows or
        where the denominator is zero in every replicate.

    Example:
        >>> lo, hi = bootstrap_ratios(np.array([[1.], [3.]]), np.array([[2.], [2.]]),
        ...                           n_boot=200, rng=np.random.default_rng(0))
        >>> bool(0.5 <= lo[0] <= hi[0] <= 1.5)
        True
    """
    n, m = num.shape
    nan = np.full(m, np.nan)
    if n < 2:
        return nan, nan.copy()
    # Counts of each row in each replicate == resampling documents with replacement;
    # then one matrix product gives every replicate's sums for all measures at once.
    draws = rng.integers(0, n, size=(n_boot, n))
    flat = (np.arange(n_boot)[:, None] * n + draws).ravel()
    weights = np.bincount(flat, minlength=n_boot * n).reshape(n_boot, n).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        ratios = (weights @ num) / (weights @ den)
    tail = (1.0 - level) / 2.0 * 100.0
    low = np.full(m, np.nan)
    high = np.full(m, np.nan)
    finite = np.isfinite(ratios)
    full = finite.all(axis=0)  # np.percentile is ~100x faster than nanpercentile
    if full.any():
        low[full], high[full] = np.percentile(ratios[:, full], [tail, 100.0 - tail], axis=0)
    for k in np.flatnonzero(~full & finite.any(axis=0)):  # replicates with a zero denominator
        low[k], high[k] = np.percentile(ratios[finite[:, k], k], [tail, 100.0 - tail])
    return low, high


def cliffs_delta(x, y) -> float:
    """Cliff's delta, P(X > Y) - P(X < Y), ignoring NaN; NaN when a sample is empty.

    Example:
        >>> cliffs_delta([3, 4], [1, 2])
        1.0
    """
    x = np.asarray(x, dtype=float)
    y = np.sort(np.asarray(y, dtype=float)[~np.isnan(y)])
    x = x[~np.isnan(x)]
    if len(x) == 0 or len(y) == 0:
        return float("nan")
    below = np.searchsorted(y, x, side="left")  # y < x
    above = len(y) - np.searchsorted(y, x, side="right")  # y > x
    return float((below.sum() - above.sum()) / (len(x) * len(y)))


def cliff_magnitude(delta: float) -> str:
    """Romano et al. (2006) label for |delta|: negligible, small, medium, large ('' for NaN)."""
    if not np.isfinite(delta):
        return ""
    for bound, label in CLIFF_THRESHOLDS:
        if abs(delta) < bound:
            return label
    return "large"


def holm(pvalues) -> np.ndarray:
    """Holm (1979) step-down adjusted p-values; NaN entries stay NaN and do not count.

    Example:
        >>> holm([0.01, 0.04, 0.03]).round(2).tolist()
        [0.03, 0.06, 0.06]
    """
    p = np.asarray(pvalues, dtype=float)
    out = np.full_like(p, np.nan)
    idx = np.flatnonzero(~np.isnan(p))
    order = idx[np.argsort(p[idx], kind="stable")]
    m = len(order)
    adjusted = np.maximum.accumulate((m - np.arange(m)) * p[order])
    out[order] = np.minimum(adjusted, 1.0)
    return out


def permutation_test(values: np.ndarray, in_a: np.ndarray, *, n_perm: int,
                     rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Two-sided permutation test of mean(a) - mean(b), per column, NaN-aware.

    Group labels of the rows (documents) are shuffled; each column keeps only its
    non-NaN rows. p = (1 + #{|perm| >= |obs|}) / (1 + n_perm).

    Args:
        values: (n_docs, n_measures) per-document values, NaN where undefined.
        in_a: boolean (n_docs,), True for group a.
        n_perm: permutations.
        rng: numpy generator.

    Returns:
        (observed difference, p-value), arrays of length n_measures.

    Example:
        >>> v = np.array([[0.], [0.], [0.], [1.], [1.], [1.]])
        >>> d, p = permutation_test(v, np.array([1, 1, 1, 0, 0, 0], bool), n_perm=500,
        ...                         rng=np.random.default_rng(0))
        >>> float(d[0]), bool(p[0] < 0.2)
        (-1.0, True)
    """
    have = ~np.isnan(values)
    vals = np.where(have, values, 0.0)
    n = len(in_a)
    labels = np.vstack([in_a, rng.permuted(np.tile(in_a, (n_perm, 1)), axis=1)]).astype(float)
    sum_a, cnt_a = labels @ vals, labels @ have
    tot, cnt = vals.sum(axis=0), have.sum(axis=0)
    with np.errstate(invalid="ignore", divide="ignore"):
        diff = sum_a / cnt_a - (tot - sum_a) / (cnt - cnt_a)
    obs, perm = diff[0], diff[1:]
    extreme = (np.abs(perm) >= np.abs(obs) - 1e-12) | ~np.isfinite(perm)
    p = (1.0 + extreme.sum(axis=0)) / (1.0 + n_perm)
    p[~np.isfinite(obs) | (n < 2)] = np.nan
    return obs, p


def log_odds_dirichlet(y_i: np.ndarray, y_j: np.ndarray, alpha: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Log-odds ratio with informative Dirichlet prior, group i vs j (Monroe et al. 2008, eq. 16-22).

    delta_w = log((y_iw + a_w) / (n_i + a_0 - y_iw - a_w))
              - log((y_jw + a_w) / (n_j + a_0 - y_jw - a_w)),
    var(delta_w) ~= 1/(y_iw + a_w) + 1/(y_jw + a_w), z = delta / sqrt(var).

    Args:
        y_i, y_j: word counts in the group and in the rest.
        alpha: prior pseudo-counts per word (a_0 = alpha.sum()).

    Returns:
        (delta, z), arrays over the vocabulary.

    Example:
        >>> d, z = log_odds_dirichlet(np.array([9., 1.]), np.array([1., 9.]), np.array([1., 1.]))
        >>> bool(z[0] > 0 > z[1])
        True
    """
    a0, n_i, n_j = alpha.sum(), y_i.sum(), y_j.sum()
    delta = (np.log(y_i + alpha) - np.log(n_i + a0 - y_i - alpha)
             - np.log(y_j + alpha) + np.log(n_j + a0 - y_j - alpha))
    z = delta / np.sqrt(1.0 / (y_i + alpha) + 1.0 / (y_j + alpha))
    return delta, z
