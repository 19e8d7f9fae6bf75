"""Shape a :class:`framing.compare.Comparison` for reading: side-by-side tables, figures, methods.

The Comparison holds long tidy tables (exported as CSV unchanged); readers get
one row per group with "value [low–high] (count)" cells, and the strongest tests
first. Figures come from :mod:`framing.plots`.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..compare.influence import ONE_MARK, one_article
from ..trust import few_hits
from .figures import safe_figure
from .render import fmt_num, is_missing

MODEL_CARD = Path(__file__).resolve().parents[1] / "models" / "MODEL_CARD.md"


MIN_DOCS_INTERVAL = 3    # fewer articles: the value and "n=1", never a collapsed interval
MIN_DOCS_SIZE_WORD = 10  # fewer articles in either group: Cliff's delta without "small/medium/large"


FEW_MARK = "‡"   # the cell rests on fewer than trust.MIN_HITS hits (not zero: "0 (0)" says itself)
NOT_HITS = frozenset({"readability", "sentiment"})  # paragraph means, not counts of hits
MARK_LEGEND = (f"{FEW_MARK} fewer than 10 hits behind the cell: indicative, not a firm number. "
               f"{ONE_MARK} one article contributes more than half of the count "
               "(tables/compare_rates.csv: top_article, top_article_share, value_without_top_article).")


def cell(value, low, high, count, n_docs=None, *, few: bool = False, one: bool = False) -> str:
    """'1.23 [1.01, 1.45] (57)': value, bootstrap interval, raw count.

    A group of fewer than 3 articles gets no interval (one article's interval
    collapses to a point and looks certain): its value, count and "n=1" instead.
    ``few`` adds ‡ (fewer than 10 hits), ``one`` adds ◆ (one article decides the count).

    Example:
        >>> cell(1.234, 1.01, 1.45, 57)
        '1.23 [1.01, 1.45] (57)'
        >>> cell(0.667, 0.667, 0.667, 2, n_docs=1)
        '0.667 (2), n=1'
        >>> cell(0.5, 0.1, 0.9, 4, n_docs=5, few=True, one=True)
        '0.500 [0.100, 0.900] (4) ‡ ◆'
    """
    if is_missing(value):
        return "—"
    n = "" if is_missing(count) else f" ({fmt_num(count)})"
    marks = "".join(f" {m}" for m, on in ((FEW_MARK, few), (ONE_MARK, one)) if on)
    if not is_missing(n_docs) and int(n_docs) < MIN_DOCS_INTERVAL:
        return f"{fmt_num(value)}{n}, n={int(n_docs)}{marks}"
    ci = "" if is_missing(low) or is_missing(high) else f" [{fmt_num(low)}, {fmt_num(high)}]"
    return f"{fmt_num(value)}{ci}{n}{marks}"


def without_small_intervals(df: pd.DataFrame, minimum: int = MIN_DOCS_INTERVAL) -> pd.DataFrame:
    """Rates/actors rows with ``ci_low``/``ci_high`` blanked for groups under ``minimum`` articles
    (figures then draw the value without an error bar)."""
    if df is None or df.empty or "n_docs" not in df or "ci_low" not in df:
        return df
    small = df["n_docs"].fillna(0).astype(int) < minimum
    return df.assign(ci_low=df["ci_low"].mask(small), ci_high=df["ci_high"].mask(small))


def side_by_side(long: pd.DataFrame, *, index: list[str], groups: list[str], measures=None) -> pd.DataFrame:
    """Long rate rows -> one row per ``index`` key, one formatted column per measure."""
    if long is None or long.empty:
        return pd.DataFrame()
    part = long[long["group"].astype(str).isin(groups)]
    if measures is not None:
        part = part[part["measure"].isin(measures)]
    docs = part["n_docs"] if "n_docs" in part else pd.Series([None] * len(part), index=part.index)
    families = part["family"] if "family" in part else pd.Series("", index=part.index)
    # a share rests on its mentions (the denominator), a rate or mean on its hits (the count)
    basis = [d if str(m).endswith("_share") else c for m, c, d in
             zip(part["measure"], part["count"], part.get("denominator", part["count"]))]
    few = [few_hits(n) and not is_missing(v) and not is_missing(n) and n > 0 and fam not in NOT_HITS
           for v, n, fam in zip(part["value"], basis, families)]
    share = part["top_article_share"] if "top_article_share" in part else pd.Series(np.nan, index=part.index)
    # "n=1" already says one article decides everything; ◆ is for groups of several articles
    part = part.assign(cell=[cell(v, lo, hi, n, d, few=f,
                                  one=one_article(sh) and not is_missing(v) and (is_missing(d) or int(d) >= 2))
                             for (v, lo, hi, n), d, f, sh in
                             zip(part[["value", "ci_low", "ci_high", "count"]].itertuples(index=False), docs, few, share)])
    order = list(dict.fromkeys(part["measure"]))
    wide = part.pivot_table(index=index, columns="measure", values="cell", aggfunc="first", sort=True)
    return wide.reindex(columns=order).reset_index().rename_axis(columns=None).fillna("—")


def top_tests(tests: pd.DataFrame, groups: list[str], *, limit: int = 40) -> pd.DataFrame:
    """Pairwise tests among shown groups, strongest first (Holm p, then |Cliff's delta|).

    The size word (``magnitude``) is kept only when both groups have at least 10
    articles; below that Cliff's delta is shown as a number and the word is "—".
    """
    if tests is None or tests.empty:
        return pd.DataFrame()
    part = tests[tests["group_a"].isin(groups) & tests["group_b"].isin(groups)]
    if "magnitude" in part and {"n_a", "n_b"} <= set(part.columns):
        few = part[["n_a", "n_b"]].min(axis=1) < MIN_DOCS_SIZE_WORD
        part = part.assign(magnitude=part["magnitude"].where(~few, "—"))
    part = part.assign(_abs=part["cliffs_delta"].abs())
    part = part.sort_values(["p_holm", "_abs", "measure", "group_a", "group_b"],
                            ascending=[True, False, True, True, True], kind="stable")
    return part.drop(columns="_abs").head(limit).reset_index(drop=True)


def nothing_computable(comparison, groups: list[str], *, min_docs: int = MIN_DOCS_INTERVAL) -> dict:
    """{section: sentence} for report sections with nothing computable, saying why and
    what would be needed; '' for a section that has something to show.

    Sections: ``tests`` (pairwise tests), ``omnibus`` (Kruskal–Wallis across groups).

    Example:
        One article per source -> {"tests": "No pairwise tests: ... at least 3 articles ...", ...}
    """
    sizes = {}
    over = comparison.overview if isinstance(getattr(comparison, "overview", None), pd.DataFrame) else None
    if over is not None and not over.empty and {"group", "documents"} <= set(over.columns):
        sizes = {str(g): int(n) for g, n in zip(over["group"], over["documents"])}
    min_docs = int((getattr(comparison, "params", {}) or {}).get("min_docs", min_docs))
    eligible = sorted(g for g in groups if sizes.get(g, 0) >= min_docs)
    short = (f"{len(eligible)} of {len(groups)} shown groups have at least {min_docs} articles"
             if sizes else "the group sizes are unknown")
    out = {"tests": "", "omnibus": ""}
    tests = comparison.tests
    if tests is None or tests.empty or not (tests["group_a"].isin(groups) & tests["group_b"].isin(groups)).any():
        out["tests"] = (f"No pairwise tests: a test needs two groups with at least {min_docs} articles each, "
                        f"and {short}. Add articles until two groups reach {min_docs} "
                        f"(10 each for effect-size words).")
    omni = comparison.omnibus
    if omni is None or omni.empty or omni["H"].isna().all():
        out["omnibus"] = (f"No test across all groups (Kruskal–Wallis): it needs at least three groups with "
                          f"at least {min_docs} articles each, and {short}.")
    return out


def distinctive_summary(distinctive: pd.DataFrame, groups: list[str], *, per_group: int = 10) -> pd.DataFrame:
    """One row per group: its most distinctive words with z-scores and raw counts."""
    if distinctive is None or distinctive.empty:
        return pd.DataFrame()
    rows = []
    for group, part in distinctive[distinctive["group"].isin(groups)].groupby("group", sort=True):
        top = part.sort_values("rank").head(per_group)
        rows.append({"group": group, "distinctive words (z; count here / elsewhere)": ", ".join(
            f"{t} ({fmt_num(z)}; {c}/{r})" for t, z, c, r in
            top[["term", "z", "count_group", "count_rest"]].itertuples(index=False))})
    return pd.DataFrame(rows)


def comparison_tables(comparison, *, groups: list[str]) -> dict:
    """Reader-facing tables from the Comparison (only the shown groups)."""
    rates = comparison.rates
    families = list(dict.fromkeys(rates["family"])) if not rates.empty else []  # declared order
    out = {"rates": {fam: side_by_side(rates[rates["family"] == fam], index=["group"], groups=groups)
                     for fam in families},
           "tests": top_tests(comparison.tests, groups), "n_tests": len(comparison.tests),
           "omnibus": comparison.omnibus, "distinctive": distinctive_summary(comparison.distinctive, groups),
           "dist": comparison.distinguishability or {}, "notes": list(comparison.notes),
           "why_empty": nothing_computable(comparison, groups),
           "params": dict(comparison.params)}
    acts = comparison.actors
    is_bloc = acts["actor"].astype(str).str.startswith("bloc:") if not acts.empty else pd.Series(dtype=bool)
    out["actors"] = side_by_side(acts[~is_bloc], index=["group", "actor"], groups=groups)
    out["blocs"] = side_by_side(acts[is_bloc], index=["group", "actor"], groups=groups)
    feats = out["dist"].get("features")
    out["dist_features"] = feats.head(30) if isinstance(feats, pd.DataFrame) else pd.DataFrame()
    return out


# Built-in sections' figures: (section, plots function, comparison attribute, file stem, caption, kwargs).
# Sections a feature declares (e.g. user dictionaries) get one plot_rates figure per family.
FIGURES = (
    ("certainty", "plot_rates", "rates", "certainty", "Hedges, boosters and attributions per 100 words", {"family": "certainty"}),
    ("terms", "plot_term_sides", "rates", "terms", "Contested-term variants per 1,000 words, by side", {}),
    ("terms", "plot_term_lean", "rates", "term_lean", "Term lean (−1 Russia/China vocabulary … +1 Western)", {}),
    ("sentiment", "plot_rates", "rates", "sentiment", "Sentence sentiment (mean VADER compound)", {"family": "sentiment"}),
    ("actors", "plot_actor_roles", "actors:single", "actor_roles", "Actors as agent vs patient", {}),
    ("actors", "plot_actor_sentiment", "actors:single", "actor_sentiment", "Mean target sentiment per actor", {}),
    ("actors", "plot_actor_roles", "actors:bloc", "bloc_roles", "Blocs as agent vs patient", {}),
    ("actors", "plot_actor_sentiment", "actors:bloc", "bloc_sentiment", "Mean target sentiment per bloc", {}),
    ("distinctive", "plot_distinctive", "distinctive", "distinctive", "Most distinctive words per group (z-score)", {}),
)


def actor_rows(actors: pd.DataFrame, kind: str, *, show_other: bool = False) -> pd.DataFrame:
    """The actors table cut for one figure: ``kind`` "single" (named actors) or "bloc"
    ("bloc:…" rows), so blocs and single actors never share a panel set. ``other`` and
    ``bloc:other`` (the catch-all, mostly noise) are left out unless ``show_other``.

    Example:
        >>> df = pd.DataFrame({"actor": ["china", "bloc:china", "other", "bloc:other"]})
        >>> list(actor_rows(df, "bloc")["actor"])
        ['bloc:china']
    """
    if actors is None or actors.empty:
        return actors
    name = actors["actor"].astype(str)
    is_bloc = name.str.startswith("bloc:")
    keep = is_bloc if kind == "bloc" else ~is_bloc
    if not show_other:
        keep &= ~name.isin(["other", "bloc:other"])
    return actors[keep]


def declared_figures(declared) -> tuple:
    """FIGURES for the sections features declare: one small-multiples figure per family."""
    if declared is None:
        return ()
    return tuple((s.id, "plot_rates", "rates", f"{s.id}_{fam}".replace(":", "_").replace(" ", "_"),
                  f"{fam} by group (per 100 words)", {"family": fam})
                 for s in declared.sections for fam in s.families)


def figures_for(comparison, *, groups: list[str], constructed: frozenset, by: str = "source",
                declared=None, show_other: bool = False) -> dict:
    """{section: [RenderedFigure]} drawn with :mod:`framing.plots`, shown groups only.

    Group names of constructed examples get a "†" in the figure, explained in its note.
    Groups of fewer than 3 articles are drawn without an interval (the note says so).
    Single actors and blocs get separate figures; ``other`` is left out unless ``show_other``.
    Missing plot functions or failed figures are skipped with a warning.
    """
    try:
        from .. import plots
    except ImportError:
        return {}
    out: dict[str, list] = {}
    for section, func, attr, name, title, kwargs in FIGURES + declared_figures(declared):
        make = getattr(plots, func, None)
        attr, _, cut = attr.partition(":")
        df = getattr(comparison, attr, None)
        if cut and isinstance(df, pd.DataFrame) and not df.empty:
            df = actor_rows(df, cut, show_other=show_other)
        if make is None or not isinstance(df, pd.DataFrame) or df.empty:
            continue
        df = without_small_intervals(df[df["group"].astype(str).isin(groups)].copy())
        # a short dagger keeps axis labels on one line; the note under the figure explains it
        df["group"] = df["group"].map(lambda g: f"{g} †" if str(g) in constructed else str(g))
        note = "" if len(groups) == len(comparison.groups) else \
            f"Showing {len(groups)} of {len(comparison.groups)} groups (the largest); all are in the tables. "
        if constructed & set(groups):
            note += "† constructed teaching example, not a real outlet. "
        if "n_docs" in df and (df["n_docs"].fillna(0) < MIN_DOCS_INTERVAL).any():
            note += (f"Groups with fewer than {MIN_DOCS_INTERVAL} articles are drawn without an interval "
                     "(see n= in the tables). ")
        if cut and not show_other:
            note += "The catch-all “other” is left out (report --show-other draws it). "
        note = note.strip()
        if func != "plot_distinctive":  # one panel per group there: it keeps its own layout cap
            kwargs = {**kwargs, "top": len(groups)}  # the groups chosen by --top-sources, not a fixed 12
        fig = safe_figure(make, df, name=name, title=title, note=note, **kwargs)
        if fig is not None:
            out.setdefault(section, []).append(fig)
    dist = comparison.distinguishability or {}
    if getattr(plots, "plot_distinguishability", None) and not dist.get("reason") and "accuracy" in dist:
        fig = safe_figure(plots.plot_distinguishability, dist, name="distinguishability",
                          title="Cross-validated accuracy against the majority baseline, and telling features")
        if fig is not None:
            out["distinguishability"] = [fig]
    return out


def model_validation() -> str:
    """The actor-sentiment validation line from the model card, if there is one."""
    if MODEL_CARD.exists():
        for line in MODEL_CARD.read_text(encoding="utf-8").splitlines():
            if line.startswith("Summary:"):  # the card's one-line validation summary
                return line.removeprefix("Summary:").strip().rstrip(".")
    return "see README Validation"


def validation_table() -> list[dict]:
    """Validated figures per measure (:mod:`framing.trust`), for the methods section."""
    from ..trust import validation_table as table

    return table()


def methods_context(meta: dict) -> dict:
    """Pipeline, features and lexicons (name, version, hash) for the methods appendix."""
    lexicons = sorted(meta.get("lexicons", []) or [], key=lambda d: str(d.get("name")))
    return {"framing_version": meta.get("framing_version", "?"), "pipeline": meta.get("pipeline", "?"),
            "features": sorted((meta.get("features") or {}).items()), "lexicons": lexicons,
            "dictionaries": list(meta.get("dictionaries") or []),
            "validation": model_validation(),
            "trust": meta["validation"] if "validation" in meta else validation_table()}
