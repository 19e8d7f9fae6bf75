"""A :class:`~framing.compare.Comparison` as text: the plain summary and JSON (``framing compare``).

Numbers go through :func:`framing.numbers.fmt_num` and :func:`framing.numbers.fmt_p`,
the formatter the reports use.
"""
from __future__ import annotations

import json

import numpy as np
import pandas as pd

from ..numbers import fmt_num, fmt_p

TABLES = ("rates", "tests", "actors", "omnibus", "distinctive", "overview")


def _fmt(v: float) -> str:
    return fmt_num(v)


def rates_summary(rates: pd.DataFrame) -> pd.DataFrame:
    """Rates as 'value [low, high]' and 'count / denominator' columns for printing."""
    return pd.DataFrame({
        "group": rates["group"], "measure": rates["measure"],
        "value [95% CI]": [f"{_fmt(v)} [{_fmt(lo)}, {_fmt(hi)}]"
                           for v, lo, hi in zip(rates["value"], rates["ci_low"], rates["ci_high"])],
        "count / base": [f"{c} / {d}" for c, d in zip(rates["count"], rates["denominator"])],
        "unit": rates["unit"], "docs": rates["n_docs"]})


def differences_summary(tests: pd.DataFrame, alpha: float = 0.05) -> pd.DataFrame:
    """Pairs that differ after Holm correction, with Cliff's delta and its magnitude."""
    sig = tests[tests["p_holm"] < alpha]
    return pd.DataFrame({
        "measure": sig["measure"], "pair": sig["group_a"] + " vs " + sig["group_b"],
        "n": sig["n_a"].astype(str) + "/" + sig["n_b"].astype(str),
        "p (Holm)": sig["p_holm"].map(fmt_p), "Cliff's delta": sig["cliffs_delta"].map(_fmt),
        "magnitude": sig["magnitude"]})


def render_table(comparison) -> str:
    """The plain-text summary printed by ``framing compare`` (:meth:`Comparison.summary`)."""
    out = [f"Groups by {comparison.by}: {len(comparison.groups)}", "",
           "Rates (ratio of sums; 95% bootstrap CI resampling articles):",
           rates_summary(comparison.rates).to_string(index=False), ""]
    tested = len(comparison.tests)
    sig = differences_summary(comparison.tests)
    out.append(f"Differences (permutation tests, Holm per measure): {len(sig)} of {tested} "
               "comparisons with p < 0.05")
    if len(sig):
        out.append(sig.to_string(index=False))
    d = comparison.distinguishability
    if d.get("reason"):
        out += ["", f"Distinguishability: not run ({d['reason']})"]
    else:
        out += ["", f"Distinguishability: accuracy {d['accuracy']:.2f} ± {d['accuracy_sd']:.2f} vs majority "
                    f"baseline {d['baseline_accuracy']:.2f} (p = {fmt_p(d['p_value'])}, "
                    f"{d['n_splits']}-fold CV grouped by article)"]
    if comparison.within:
        w = comparison.within
        cols = [c for c in ("unit", "first_paragraph", "last_paragraph", "words", "hedges", "boosters",
                            "attributions", "term_lean", "sentiment") if c in w["units"]]
        out += ["", f"Within {w['group']} (by {w['unit']}; no intervals: one sample):",
                w["units"][cols].round(3).to_string(index=False), "",
                w["actors"].head(10).round(3).to_string(index=False)]
    return "\n".join(out + [""] + comparison.notes).rstrip() + "\n"


def render_json(comparison) -> str:
    """All tables as records, plus distinguishability, params and notes (:meth:`Comparison.to_json`)."""
    clean = lambda df: json.loads(df.to_json(orient="records", double_precision=6))  # noqa: E731
    dist = {k: (clean(v) if isinstance(v, pd.DataFrame) else v)
            for k, v in comparison.distinguishability.items()}
    payload = {"by": comparison.by, "groups": comparison.groups, "params": comparison.params,
               "notes": comparison.notes, "distinguishability": dist,
               **{name: clean(getattr(comparison, name)) for name in TABLES}}
    return json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False, default=_json_default) + "\n"


def _json_default(value):
    if isinstance(value, (np.integer, np.floating)):
        return None if isinstance(value, np.floating) and not np.isfinite(value) else value.item()
    if isinstance(value, np.bool_):
        return bool(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")
