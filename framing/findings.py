"""Findings in plain words: the differences between groups that a reader should see first.

A pairwise difference becomes a finding only when it survives Holm correction
(``p_holm < alpha``), has at least a medium Cliff's delta (|δ| >= 0.33) that stays
medium when any one article is left out (:func:`leave_one_out`), both
groups have at least ``min_docs`` articles, and the two groups together have at
least ``min_count`` raw cues or terms behind the rates. Each finding names the
groups, their values with bootstrap intervals (none for groups under 3
articles), the effect size (its size word only when both groups have at least
10 articles), links to the two paragraphs that show it best, and the confounds
that affect it (groups that also differ in length or reading grade; a measure whose
shipped news validation figure is below 0.80, :func:`validation_caveat`).

Measures are read through :func:`measure_specs` only, so the list can be pointed
at another registry of declared measures without touching the rule.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .compare import stats

ALPHA = 0.05
MIN_DELTA = 0.33          # Romano et al. (2006): |δ| >= 0.33 is "medium"
MIN_DOCS = 3              # no interval below this; no finding either
MIN_COUNT = 10            # raw cues/terms behind a rate, both groups together
WORDS_FOR_SIZE = 10       # effect-size words only when both groups have this many articles
MAX_FINDINGS = 8
PER_MEASURE = 2           # at most this many findings per measure, so one measure cannot fill the list
STYLE = ("flesch_reading_ease", "fk_grade")  # genre and register, not framing
MIN_VALIDATED = 0.80      # a measure validated below this is flagged next to its finding
# measure name (or prefix ending in "_") -> its row in framing/models/validation.json (framing.trust)
VALIDATED_AS = {"hedges_per_100w": "hedges", "boosters_per_100w": "boosters",
                "attributions_per_100w": "attributions", "terms_": "contested terms (side-bearing)",
                "term_lean": "contested terms (side-bearing)", "mentions_per_1000w": "actor mentions",
                "agent_share": "actor roles (agent/patient/other)",
                "patient_share": "actor roles (agent/patient/other)", "mean_sentiment": "actor sentiment"}


@dataclass(frozen=True)
class MeasureSpec:
    """What a finding needs to know about one measure."""

    name: str
    label: str            # words used in a sentence: "hedges per 100 words"
    column: str           # paragraph-table column behind it
    kind: str             # "rate" (ratio of sums over words) or "mean" (mean over paragraphs)
    framing: bool = True  # False for style measures (length, reading grade)


def measure_specs(declared=None) -> list[MeasureSpec]:
    """The measures findings are drawn from: the declared rate and mean measures used in
    comparisons (the one place that reads the measure list).

    Args:
        declared: a :class:`~framing.measures.Declared` (``tables.declarations()``);
            default: every registered feature's declarations.

    Example:
        >>> [m.name for m in measure_specs()][:2]
        ['hedges_per_100w', 'boosters_per_100w']
    """
    if declared is None:
        from .features import declared as registered
        declared = registered()
    labels = {"terms_russia_per_1000w": "Russia-side contested terms per 1,000 words",
              "terms_west_per_1000w": "Western-side contested terms per 1,000 words",
              "terms_china_per_1000w": "China-side contested terms per 1,000 words",
              "terms_neutral_per_1000w": "neutral contested terms per 1,000 words",
              "term_lean": "term lean (−1 Russia/China … +1 West)",
              "sentiment": "paragraph sentiment (VADER compound)",
              "flesch_reading_ease": "Flesch reading ease", "fk_grade": "reading grade (Flesch–Kincaid)"}
    out = [MeasureSpec(m.name, labels.get(m.name, f"{m.label} {m.unit}"), m.column, "rate")
           for m in declared.of(kind="rate", use="compare")]
    out += [MeasureSpec(m.name, labels.get(m.name, m.label), m.column, "mean", framing=m.name not in STYLE)
            for m in declared.of(kind="mean", use="compare")]
    return out


@dataclass
class Finding:
    """One difference between two groups, in words and with its evidence."""

    measure: str
    high: str
    low: str
    sentence: str
    cliffs_delta: float
    p_holm: float
    evidence: list[dict] = field(default_factory=list)   # {doc_id, paragraph, group, anchor, text}
    confounds: list[str] = field(default_factory=list)
    framing: bool = True
    robust_delta: float = float("nan")   # |δ| after leaving out the most influential article
    influential: str = ""                # that article's doc_id


def fmt(x: float) -> str:
    """Three significant digits, a real minus sign ('—' for NaN)."""
    if x is None or not np.isfinite(x):
        return "—"
    return f"{x:.3g}".replace("-", "−")


def value_text(row) -> str:
    """'0.67 [0.41, 0.9] (n=12)' or '0.67 (n=1, no interval)' from a rates row."""
    n = int(row["n_docs"])
    if n < MIN_DOCS or not np.isfinite(row["ci_low"]):
        return f"{fmt(row['value'])} (n={n}, no interval)"
    return f"{fmt(row['value'])} [{fmt(row['ci_low'])}, {fmt(row['ci_high'])}] (n={n})"


def effect_text(delta: float, n_a: int, n_b: int) -> str:
    """Cliff's δ with its size word only when both groups are large enough to name it."""
    if min(n_a, n_b) >= WORDS_FOR_SIZE:
        return f"Cliff's δ {fmt(delta)}, {stats.cliff_magnitude(delta)}"
    return f"Cliff's δ {fmt(delta)} (under {WORDS_FOR_SIZE} articles a group: size not named)"


def articles_needed(delta: float, n_tests: int, alpha: float = ALPHA, power: float = 0.8) -> int:
    """Articles per group for a rank test to detect ``delta`` after Holm over ``n_tests`` tests.

    Noether's (1987) sample size for the Mann–Whitney test with equal groups:
    N = (z_{α/2m} + z_β)² / (3 (p − ½)²) in total, p = P(X > Y) = (δ + 1) / 2.

    Example:
        >>> articles_needed(0.5, 1)
        21
    """
    from scipy.stats import norm

    p = (abs(delta) + 1) / 2
    if p <= 0.5:
        return 0
    z = norm.ppf(1 - alpha / (2 * max(n_tests, 1))) + norm.ppf(power)
    return int(math.ceil(z * z / (3 * (p - 0.5) ** 2) / 2))


def _paragraph_evidence(tables, spec: MeasureSpec, group_docs: list[str], highest: bool) -> dict | None:
    """The body paragraph of these documents that shows the measure most (or least) strongly."""
    paras = tables.paragraphs
    if spec.column not in paras:
        return None
    mask = (paras["kind"] == "body") & paras["doc_id"].isin(group_docs)
    wanted = [c for c in dict.fromkeys(["doc_id", "paragraph", "n_words", spec.column]) if c in paras]
    body = paras.loc[mask, wanted]  # not the text column: only the chosen row's text is read
    if body.empty:
        return None
    score = body[spec.column].astype(float)
    if spec.kind == "rate":
        score = score / body["n_words"].clip(lower=20)   # a 5-word paragraph with one hedge is no showcase
    score = score.dropna()
    if score.empty:
        return None
    if highest and spec.kind == "rate" and not (score > 0).any():
        return None
    order = body.loc[score.index].assign(_s=score * (-1 if highest else 1))
    row = order.sort_values(["_s", "doc_id", "paragraph"], kind="stable").iloc[0]
    return {"doc_id": str(row["doc_id"]), "paragraph": int(row["paragraph"]),
            "anchor": f"{row['doc_id']}-p{int(row['paragraph'])}",
            "text": str(paras.at[row.name, "text"]) if "text" in paras else ""}


def leave_one_out(x: pd.Series, y: pd.Series) -> tuple[float, str]:
    """Weakest effect left after dropping any one article, and the article whose loss weakens it most.

    ``x`` and ``y`` are document-level values indexed by doc_id. The effect is Cliff's δ
    signed in the direction of the full-sample δ (positive: same direction; it can go
    to 0 or below when the difference rests on one article; issue 13, influence).

    Example:
        >>> leave_one_out(pd.Series([5., 1., 1.], index=list("abc")), pd.Series([2., 2.], index=list("de")))
        (0.0, 'b')
    """
    x, y = x.dropna(), y.dropna()
    full = stats.cliffs_delta(x.to_numpy(), y.to_numpy())
    sign = 1.0 if full >= 0 else -1.0
    best, who = abs(full), ""
    for doc in list(x.index) if len(x) > 1 else []:
        d = sign * stats.cliffs_delta(x.drop(index=doc).to_numpy(), y.to_numpy())
        if d < best:
            best, who = d, str(doc)
    for doc in list(y.index) if len(y) > 1 else []:
        d = sign * stats.cliffs_delta(x.to_numpy(), y.drop(index=doc).to_numpy())
        if d < best:
            best, who = d, str(doc)
    return float(best) + 0.0, who  # + 0.0: no "-0.0"


def _doc_lengths(tables, groups: pd.Series) -> dict[str, np.ndarray]:
    words = tables.documents.set_index("doc_id")["n_words"].astype(float)
    return {g: words.reindex(groups.index[groups == g]).dropna().to_numpy() for g in groups.unique()}


def validation_caveat(measure: str, rows: list[dict] | None = None, *,
                      minimum: float = MIN_VALIDATED) -> str:
    """'actor sentiment: validated macro-F1 0.55 on news — read with care' when the
    measure's shipped validation figure is below ``minimum``; '' otherwise (or unvalidated).

    Args:
        measure: a measure name (``hedges_per_100w``, ``mean_sentiment`` …).
        rows: validation rows (default :func:`framing.trust.shipped_validation`).
        minimum: the figure below which the caveat is said.

    Example:
        >>> validation_caveat("mean_sentiment", [{"measure": "actor sentiment", "metric": "macro-F1",
        ...                                        "value": 0.5497}])
        'actor sentiment: validated macro-F1 0.55 on news — read with care'
    """
    if rows is None:
        from .trust import shipped_validation
        rows = shipped_validation()
    name = next((v for k, v in VALIDATED_AS.items()
                 if measure == k or (k.endswith("_") and measure.startswith(k))), None)
    row = next((r for r in rows if r.get("measure") == name), None)
    value = None if row is None else row.get("value")
    if value is None or not np.isfinite(float(value)) or float(value) >= minimum:
        return ""
    return f"{name}: validated {row.get('metric', 'score')} {float(value):.2f} on news — read with care"


def _confounds(tests: pd.DataFrame, lengths: dict, a: str, b: str, spec: MeasureSpec,
               validation: list[dict] | None = None) -> list[str]:
    out = []
    caveat = validation_caveat(spec.name, validation)
    if caveat:
        out.append(caveat)
    la, lb = lengths.get(a, np.array([])), lengths.get(b, np.array([]))
    if len(la) and len(lb):
        d = stats.cliffs_delta(la, lb)
        if np.isfinite(d) and abs(d) >= MIN_DELTA:
            longer, shorter = (a, b) if d > 0 else (b, a)
            out.append(f"{longer}'s articles are longer than {shorter}'s (median "
                       f"{int(np.median(la if d > 0 else lb)):,} vs {int(np.median(lb if d > 0 else la)):,} "
                       f"words; δ {fmt(d)}): part of the difference may be genre, not framing")
    if spec.framing:
        pair = tests[(tests["measure"].isin(STYLE)) & (((tests["group_a"] == a) & (tests["group_b"] == b))
                                                       | ((tests["group_a"] == b) & (tests["group_b"] == a)))]
        hit = pair[(pair["p_holm"] < ALPHA) & (pair["cliffs_delta"].abs() >= MIN_DELTA)]
        if not hit.empty:
            out.append(f"the two groups also differ in reading level ({', '.join(sorted(hit['measure']))}), "
                       "a sign of different genres or audiences")
    else:
        out.append("a style measure: it tells genre and audience apart, not framing")
    return out


def findings(tables, comparison, *, by: str = "source", max_findings: int = MAX_FINDINGS,
             alpha: float = ALPHA) -> dict:
    """The findings of a comparison, strongest first, and what to say when there are none.

    Args:
        tables: the analysed :class:`framing.tables.Tables`.
        comparison: its :class:`framing.compare.Comparison` (``tests`` and ``rates`` are read).
        by: the grouping field used by the comparison.
        max_findings: how many findings to keep.
        alpha: family-wise error rate for the Holm-adjusted p-values.

    Returns:
        ``{"findings": [Finding, ...], "considered": int, "none_reason": str}``;
        ``none_reason`` is '' when there is at least one finding.

    Example:
        >>> out = findings(tables, compare(tables))  # doctest: +SKIP
        >>> out["findings"][0].sentence  # doctest: +SKIP
        'ukraine uses Western-side contested terms ... more than kremlin ...'
    """
    from .compare import doc_sums, doc_values, group_labels

    declared = tables.declarations()
    specs = {m.name: m for m in measure_specs(declared)}
    tests = comparison.tests
    rates = comparison.rates.set_index(["group", "measure"]) if not comparison.rates.empty else None
    if tests.empty or rates is None:
        reason = ("No two groups could be tested: each needs at least "
                  f"{comparison.params.get('min_docs', 2)} articles. Add articles per source "
                  "(framing add FILE --source NAME); about 20 per source is a useful start.")
        return {"findings": [], "considered": 0, "none_reason": reason}
    groups = group_labels(tables.documents, by)
    lengths = _doc_lengths(tables, groups)
    values = doc_values(doc_sums(tables.paragraphs, groups.index, declared), declared)
    tested = tests[tests["measure"].isin(specs)].dropna(subset=["p_holm", "cliffs_delta"])
    candidates = []
    for row in tested.itertuples(index=False):
        if not (row.p_holm < alpha and abs(row.cliffs_delta) >= MIN_DELTA
                and min(row.n_a, row.n_b) >= MIN_DOCS):
            continue
        spec = specs[row.measure]
        if spec.kind == "rate":
            counts = rates.loc[(row.group_a, row.measure), "count"] + rates.loc[(row.group_b, row.measure), "count"]
            if counts < MIN_COUNT:
                continue
        robust, who = leave_one_out(values.loc[groups.index[groups == row.group_a], row.measure],
                                    values.loc[groups.index[groups == row.group_b], row.measure])
        if robust < MIN_DELTA:   # rests on one article: not a finding (issue 13)
            continue
        candidates.append((row, robust, who))
    candidates.sort(key=lambda c: (not specs[c[0].measure].framing, -abs(c[0].cliffs_delta), c[0].p_holm,
                                   c[0].measure, c[0].group_a, c[0].group_b))
    chosen, per = [], {}
    for row, robust, who in candidates:
        if per.get(row.measure, 0) >= PER_MEASURE:
            continue
        per[row.measure] = per.get(row.measure, 0) + 1
        found = _finding(row, specs[row.measure], rates, tables, groups, tests, lengths)
        found.robust_delta, found.influential = robust, who
        found.sentence += (f" Without its most influential article ({who}) δ is still {fmt(robust)}."
                           if who else "")
        chosen.append(found)
        if len(chosen) >= max_findings:
            break
    reason = "" if chosen else _none_reason(tested, alpha)
    return {"findings": chosen, "considered": int(len(tested)), "none_reason": reason}


def _finding(row, spec: MeasureSpec, rates, tables, groups: pd.Series, tests, lengths) -> Finding:
    high, low = (row.group_a, row.group_b) if row.cliffs_delta > 0 else (row.group_b, row.group_a)
    n_high, n_low = (row.n_a, row.n_b) if high == row.group_a else (row.n_b, row.n_a)
    vh, vl = rates.loc[(high, spec.name)], rates.loc[(low, spec.name)]
    ratio = ""
    if spec.kind == "rate" and vl["value"] > 0 and vh["value"] / vl["value"] >= 1.5:
        ratio = f" ({vh['value'] / vl['value']:.1f} times as much)"
    verb = "scores higher on" if spec.kind == "mean" else "uses more"
    sentence = (f"{high} {verb} {spec.label} than {low}{ratio}: {value_text(vh)} vs {value_text(vl)}; "
                f"{effect_text(abs(row.cliffs_delta), n_high, n_low)}; Holm-adjusted p = {fmt(row.p_holm)}.")
    evidence = []
    for group, highest in ((high, True), (low, False)):
        ev = _paragraph_evidence(tables, spec, list(groups.index[groups == group]), highest)
        if ev:
            evidence.append({**ev, "group": group, "role": "most" if highest else "least"})
    return Finding(measure=spec.name, high=high, low=low, sentence=sentence,
                   cliffs_delta=abs(float(row.cliffs_delta)), p_holm=float(row.p_holm), evidence=evidence,
                   confounds=_confounds(tests, lengths, high, low, spec), framing=spec.framing)


def _none_reason(tested: pd.DataFrame, alpha: float) -> str:
    if tested.empty:
        return "No measure could be tested between groups."
    best = tested.reindex(tested["cliffs_delta"].abs().sort_values(ascending=False, kind="stable").index).iloc[0]
    n_tests = int((tested["measure"] == best["measure"]).sum())
    need = articles_needed(float(best["cliffs_delta"]), n_tests, alpha)
    return (f"No difference passes the bar (Holm-adjusted p < {alpha}, |Cliff's δ| ≥ {MIN_DELTA} also "
            "without any one article, "
            f"≥ {MIN_DOCS} articles and ≥ {MIN_COUNT} raw counts per pair). The largest difference seen, "
            f"{best['measure']} between {best['group_a']} (n={int(best['n_a'])}) and {best['group_b']} "
            f"(n={int(best['n_b'])}), has δ {fmt(float(best['cliffs_delta']))}, p_holm {fmt(float(best['p_holm']))}; "
            f"if it is real, about {need} articles per group would show it (80% power).")


def evidence_doc_ids(result: dict) -> list[str]:
    """doc_ids the findings link to, in order, so the reading view can include them."""
    seen: dict[str, None] = {}
    for f in result["findings"]:
        for ev in f.evidence:
            seen.setdefault(ev["doc_id"], None)
    return list(seen)
