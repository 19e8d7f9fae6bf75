"""Ratio-of-sums rows with bootstrap intervals over documents (shared by rates and actor profiles)."""
from __future__ import annotations

import numpy as np

from . import stats

ONE_DOC = "one document: no interval (add documents to get one)"


def ratio_rows(group: str, num: np.ndarray, den: np.ndarray, spec, counts, denominators, *,
               n_boot: int, seed: int, extras: list[dict] | None = None) -> list[dict]:
    """One row per measure: ratio of sums, bootstrap CI over documents, raw counts.

    Args:
        group: group label (also keys the random stream).
        num, den: (n_docs, n_measures) per-document numerators and denominators.
        spec: (measure, family, scale, unit) per measure.
        counts, denominators: the raw count and denominator shown beside each value.
        n_boot, seed: bootstrap replicates and seed.
        extras: per measure, columns to add after ``group`` (e.g. actor, bloc).

    Returns:
        A list of row dicts.
    """
    low, high = stats.bootstrap_ratios(num, den, n_boot=n_boot, rng=stats.rng_for(seed, group))
    tot_num, tot_den = num.sum(axis=0), den.sum(axis=0)
    rows = []
    for k, (measure, family, scale, unit) in enumerate(spec):
        value = tot_num[k] / tot_den[k] * scale if tot_den[k] > 0 else np.nan
        note = ONE_DOC if len(num) < 2 else ("" if tot_den[k] > 0 else "no data in this group")
        rows.append({"group": group, **(extras[k] if extras else {}), "measure": measure, "family": family,
                     "value": value, "ci_low": low[k] * scale, "ci_high": high[k] * scale,
                     "count": counts[k], "denominator": denominators[k],
                     "unit": unit, "n_docs": len(num), "note": note})
    return rows
