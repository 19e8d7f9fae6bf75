"""Figures from comparison tables: DataFrame -> matplotlib Figure, no file I/O.

One idea per figure, labelled axes, 95% intervals as error bars, groups on the
vertical axis (long names wrapped) so many outlets stay legible, and the same
colour for a group in every figure (:func:`group_palette`, colour-blind-safe).

Saving byte-identical files (the report does this)::

    fig.savefig(path, **savefig_kwargs("svg"))  # or "png"
    matplotlib.pyplot.close(fig)

``savefig_kwargs`` drops the PNG "Software" and SVG "Date" metadata; the plot
functions set ``svg.hashsalt`` so SVG element ids are stable.
"""
from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd

from .compare.influence import ONE_MARK, one_article

# Okabe & Ito (2008) colour-universal-design palette (black left out: it reads as text).
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999")
# Roles own blue and reddish purple (never red/green: readers take those as bad/good);
# term sides use the other Okabe–Ito hues, so "Western vocabulary" never looks like "agent".
ROLE_COLOURS = {"agent_share": "#0072B2", "patient_share": "#CC79A7"}  # same hues as the reading view
SIDE_COLOURS = {"russia": "#D55E00", "west": "#56B4E9", "china": "#E69F00", "neutral": "#999999"}
TOP_GROUPS = 12


def _setup():
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import seaborn as sns
    sns.set_theme(style="whitegrid", context="notebook")
    matplotlib.rcParams["svg.hashsalt"] = "framing"  # stable SVG ids
    return plt


def savefig_kwargs(fmt: str) -> dict:
    """Keyword arguments for ``Figure.savefig`` that make the file byte-identical across runs.

    Example:
        >>> savefig_kwargs("svg")["metadata"]
        {'Date': None}
    """
    if fmt == "svg":
        return {"format": "svg", "metadata": {"Date": None}, "bbox_inches": "tight"}
    return {"format": fmt, "dpi": 150, "metadata": {"Software": None}, "bbox_inches": "tight"}


def group_palette(groups) -> dict[str, str]:
    """A fixed colour per group: Okabe–Ito for up to 8, seaborn "husl" beyond.

    Colours follow the sorted group names, so every figure agrees.

    Example:
        >>> group_palette(["b", "a"])["a"]
        '#E69F00'
    """
    names = sorted({str(g) for g in groups})
    if len(names) <= len(OKABE_ITO):
        colours = list(OKABE_ITO)
    else:
        import seaborn as sns
        colours = sns.color_palette("husl", len(names)).as_hex()
    return dict(zip(names, colours))


def wrap(label: str, width: int = 22) -> str:
    """Wrap a long label onto several lines.

    Example:
        >>> wrap("a very long outlet name indeed", 10)
        'a very\\nlong\\noutlet\\nname\\nindeed'
    """
    return textwrap.fill(str(label), width) or str(label)


def top_groups(df: pd.DataFrame, top: int = TOP_GROUPS) -> list[str]:
    """The ``top`` groups with most documents (``n_docs``), ties by name, in name order."""
    if "n_docs" not in df:
        return sorted(df["group"].unique())[:top]
    size = df.groupby("group")["n_docs"].max()
    return sorted(sorted(size.index, key=lambda g: (-size[g], g))[:top])


def _errors(part: pd.DataFrame) -> np.ndarray:
    """Asymmetric error bar lengths; NaN where the interval is undefined (no bar, no cap drawn:
    a group under 3 articles has none, and a zero-length bar with caps would look certain)."""
    low = (part["value"] - part["ci_low"]).clip(lower=0)
    high = (part["ci_high"] - part["value"]).clip(lower=0)
    return np.vstack([low.to_numpy(), high.to_numpy()])


def _hbar(ax, part: pd.DataFrame, groups: list[str], palette: dict, *, offset=0.0, height=0.8,
          colour=None, label=None):
    part = part.set_index("group").reindex(groups)
    y = np.arange(len(groups)) + offset
    colours = colour or [palette[g] for g in groups]
    ax.barh(y, part["value"].fillna(0), height=height, color=colours, label=label,
            xerr=_errors(part.reset_index()), error_kw={"ecolor": "#333333", "capsize": 2, "lw": 1})
    ax.set_yticks(np.arange(len(groups)), [wrap(g, 28) for g in groups], fontsize=9)
    ax.invert_yaxis() if not ax.yaxis_inverted() else None
    if "top_article_share" in part:  # issue 13: one article gives more than half of the count
        ends = part["ci_high"].where(part["ci_high"].notna(), part["value"]).fillna(0)
        docs = part["n_docs"].fillna(2) if "n_docs" in part else pd.Series(2, index=part.index)
        for yi, share, end, n in zip(y, part["top_article_share"], ends, docs):
            if one_article(share) and n >= 2:  # a one-article group says "n=1" already
                ax.annotate(ONE_MARK, (end, yi), xytext=(3, 0), textcoords="offset points",
                            va="center", fontsize=9, color="#333333")
                ax.figure._framing_one_article = True


def _one_article_note(fig) -> None:
    """A footnote on a figure where some bar is decided by one article."""
    if getattr(fig, "_framing_one_article", False):
        fig.text(0.01, 0.005, f"{ONE_MARK} one article contributes more than half of this count",
                 fontsize=8, ha="left", va="bottom", color="#333333")


def _figure(n_panels: int, n_rows_each: int, *, ncols: int | None = None, width: float = 4.2,
            sharey: bool = True):
    plt = _setup()
    ncols = ncols or min(n_panels, 3)
    nrows = int(np.ceil(n_panels / ncols))
    height = max(2.2, 0.42 * n_rows_each + 1.2)  # room for two-line group labels
    fig, axes = plt.subplots(nrows, ncols, figsize=(width * ncols, height * nrows), squeeze=False,
                             sharey=sharey)
    for ax in axes.flat[n_panels:]:
        ax.set_visible(False)
    return fig, list(axes.flat[:n_panels])


def _empty(message: str):
    plt = _setup()
    fig, ax = plt.subplots(figsize=(6, 1.5))
    ax.axis("off")
    ax.text(0.5, 0.5, wrap(message, 70), ha="center", va="center")
    return fig


def plot_rates(rates: pd.DataFrame, *, family: str = "certainty", top: int = TOP_GROUPS):
    """Small multiples: one panel per measure of ``family``, groups as bars with 95% CIs.

    Args:
        rates: ``Comparison.rates``.
        family: "certainty", "terms", "sentiment" or "readability".
        top: most documents first; at most this many groups.

    Example:
        >>> fig = plot_rates(comparison.rates, family="certainty")  # doctest: +SKIP
    """
    part = rates[rates["family"] == family]
    if part.empty:
        return _empty(f"No {family} measures in this corpus.")
    groups, palette = top_groups(part, top), group_palette(rates["group"])
    measures = list(dict.fromkeys(part["measure"]))
    fig, axes = _figure(len(measures), len(groups))
    for ax, measure in zip(axes, measures):
        m = part[part["measure"] == measure]
        _hbar(ax, m, groups, palette)
        ax.set_title(measure.replace("_", " "), fontsize=10)
        ax.set_xlabel(m["unit"].iloc[0] if "unit" in m else "value", fontsize=8)
    axes[0].set_ylabel("group")
    fig.suptitle(f"{family.capitalize()} by group (bars: ratio of sums; lines: 95% bootstrap CI over articles)",
                 fontsize=10)
    fig.tight_layout(rect=(0, 0.03, 1, 1) if getattr(fig, "_framing_one_article", False) else None)
    _one_article_note(fig)
    return fig


def plot_term_sides(rates: pd.DataFrame, *, top: int = TOP_GROUPS):
    """Contested-term use per 1,000 words by side (dodged bars per group, 95% CIs)."""
    part = rates[rates["measure"].str.match(r"terms_\w+_per_1000w")]
    if part.empty:
        return _empty("No contested terms measured.")
    groups = top_groups(part, top)
    sides = [s for s in SIDE_COLOURS if f"terms_{s}_per_1000w" in set(part["measure"])]
    fig, (ax,) = _figure(1, len(groups) * max(1, len(sides)) // 3, width=7.5)
    h = 0.8 / len(sides)
    for i, side in enumerate(sides):
        m = part[part["measure"] == f"terms_{side}_per_1000w"]
        _hbar(ax, m, groups, {}, offset=(i - (len(sides) - 1) / 2) * h, height=h,
              colour=SIDE_COLOURS[side], label=side)
    ax.set_xlabel("contested terms per 1,000 words (95% CI over articles)")
    ax.set_ylabel("group")
    ax.legend(title="vocabulary of", loc="upper left", bbox_to_anchor=(1.01, 1), fontsize=8)
    ax.set_title("Whose vocabulary each group uses for contested concepts", fontsize=10)
    fig.tight_layout(rect=(0, 0.05, 1, 1) if getattr(fig, "_framing_one_article", False) else None)
    _one_article_note(fig)
    return fig


def plot_term_lean(rates: pd.DataFrame, *, top: int = TOP_GROUPS):
    """Dot plot of mean term lean per group with 95% CI; -1 Russian/Chinese, +1 Western labels."""
    part = rates[rates["measure"] == "term_lean"]
    if part.empty or part["value"].isna().all():
        return _empty("No contested terms found, so no term lean.")
    groups, palette = top_groups(part, top), group_palette(rates["group"])
    fig, (ax,) = _figure(1, len(groups), width=6)
    m = part.set_index("group").reindex(groups).reset_index()
    y = np.arange(len(groups))
    for i, g in enumerate(groups):
        ax.errorbar(m["value"].iloc[i], y[i], xerr=_errors(m.iloc[[i]]), fmt="o", color=palette[g],
                    ecolor="#333333", capsize=3)
    ax.axvline(0, color="#666666", lw=1, ls="--")
    ax.set_xlim(-1.05, 1.05)
    ax.set_yticks(y, [wrap(g) for g in groups])
    ax.invert_yaxis()
    ax.set_xlabel("term lean (-1: Russian/Chinese-side labels, +1: Western-side labels)")
    ax.set_ylabel("group")
    ax.set_title("Lean of contested-term choices (mean over paragraphs with terms, 95% CI)", fontsize=10)
    fig.tight_layout()
    return fig


def actor_title(key: str) -> str:
    """A panel title for an actor key: blocs read as words, not as the internal ``bloc:`` key.

    Example:
        >>> actor_title("bloc:russia"), actor_title("bloc:central_asia"), actor_title("Putin")
        ('Russia (bloc)', 'Central Asia (bloc)', 'Putin')
    """
    key = str(key)
    if key.startswith("bloc:"):
        return f"{key[5:].replace('_', ' ').title()} (bloc)"
    return key


def _actor_keys(actors: pd.DataFrame, keys, limit: int) -> list[str]:
    if keys:
        return list(keys)
    mentions = actors[actors["measure"] == "agent_share"].groupby("actor")["denominator"].sum()
    return sorted(mentions.index, key=lambda k: (-mentions[k], k))[:limit]


def plot_actor_roles(actors: pd.DataFrame, *, keys=None, limit: int = 6, top: int = TOP_GROUPS):
    """Per actor, per group: share of mentions as agent vs as patient, with 95% CIs."""
    if actors.empty:
        return _empty("No actors found.")
    keys, groups = _actor_keys(actors, keys, limit), top_groups(actors, top)
    fig, axes = _figure(len(keys), 1.3 * len(groups))
    for ax, key in zip(axes, keys):
        for i, measure in enumerate(("agent_share", "patient_share")):
            m = actors[(actors["actor"] == key) & (actors["measure"] == measure)]
            _hbar(ax, m, groups, {}, offset=(i - 0.5) * 0.4, height=0.4, colour=ROLE_COLOURS[measure],
                  label=measure.split("_")[0])
        ax.set_xlim(0, 1)
        ax.set_title(wrap(actor_title(key), 30), fontsize=10)
        ax.set_xlabel("share of mentions", fontsize=8)
    axes[0].legend(loc="lower left", bbox_to_anchor=(0, 1.12), ncols=2, fontsize=8, frameon=False)
    fig.suptitle("Who acts and who is acted upon (role shares, 95% CI over articles)", fontsize=10)
    fig.tight_layout()
    return fig


def plot_actor_sentiment(actors: pd.DataFrame, *, keys=None, limit: int = 6, top: int = TOP_GROUPS):
    """Per actor: mean target sentiment per group (bars with 95% CIs)."""
    part = actors[actors["measure"] == "mean_sentiment"] if not actors.empty else actors
    if part.empty:
        return _empty("No actor sentiment measured.")
    keys, groups = _actor_keys(actors, keys, limit), top_groups(part, top)
    palette = group_palette(actors["group"])
    fig, axes = _figure(len(keys), len(groups))
    for ax, key in zip(axes, keys):
        _hbar(ax, part[part["actor"] == key], groups, palette)
        ax.axvline(0, color="#666666", lw=1)
        ax.set_xlim(-1, 1)
        ax.set_title(wrap(actor_title(key), 30), fontsize=10)
        ax.set_xlabel("mean sentiment towards actor", fontsize=8)
    fig.suptitle("How each actor is spoken of (target sentiment, 95% CI over articles)", fontsize=10)
    fig.tight_layout()
    return fig


def plot_distinctive(distinctive: pd.DataFrame, *, k: int = 10, top: int = 9):
    """Per group: its ``k`` most distinctive terms by log-odds z-score (vs the rest)."""
    if distinctive.empty:
        return _empty("Distinctive terms need at least two groups.")
    groups = sorted(distinctive["group"].unique())[:top]
    palette = group_palette(distinctive["group"])
    # Each panel has its own words: a shared y axis would relabel every panel with the last one's.
    fig, axes = _figure(len(groups), k, width=4.0, sharey=False)
    for ax, g in zip(axes, groups):
        m = distinctive[(distinctive["group"] == g) & (distinctive["rank"] <= k)]
        ax.barh(np.arange(len(m)), m["z"], color=palette[g])
        ax.set_yticks(np.arange(len(m)), [wrap(t, 24) for t in m["term"]], fontsize=8)
        ax.set_ylim(k - 0.5, -0.5)  # rank 1 on top, same row height in every panel
        ax.set_title(wrap(g, 30), fontsize=10)
        ax.set_xlabel("z (log-odds, informative prior)", fontsize=8)
    fig.suptitle("Distinctive words: each group against all the others", fontsize=10)
    fig.tight_layout()
    return fig


def plot_distinguishability(result: dict, *, top: int = 8):
    """Accuracy (mean ± sd over folds) vs majority baseline; top features per group."""
    if not result or result.get("reason"):
        return _empty(f"Distinguishability not run: {result.get('reason', 'no result')}")
    plt = _setup()
    feats = result["features"]
    groups = sorted(feats["group"].unique())[:top]
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, max(3, 0.3 * len(groups) * 3 + 1)),
                                   gridspec_kw={"width_ratios": [1, 2]})
    ax1.bar([0, 1], [result["accuracy"], result["baseline_accuracy"]], color=["#0072B2", "#999999"],
            yerr=[result["accuracy_sd"], 0], capsize=4)
    ax1.set_xticks([0, 1], ["model", "majority\nbaseline"])
    ax1.set_ylim(0, 1)
    ax1.set_xlabel(f"{result['n_paragraphs']} paragraphs, {result['n_documents']} articles"
                   + (" (sampled)" if result.get("sampled") else ""), fontsize=8)
    ax1.set_ylabel(f"accuracy ({result['n_splits']}-fold CV grouped by article)")
    ax1.set_title(f"p = {result['p_value']:.3g} ({result['n_permutations']} label permutations)"
                  if result.get("n_permutations") else "no permutation test (large corpus)", fontsize=9)
    m = feats[feats["group"].isin(groups) & (feats["rank"] <= 3)]
    labels = [f"{wrap(g, 18)}: {f}" for g, f in zip(m["group"], m["feature"])]
    palette = group_palette(feats["group"])
    ax2.barh(np.arange(len(m)), m["coefficient"], color=[palette[g] for g in m["group"]])
    ax2.set_yticks(np.arange(len(m)), labels, fontsize=8)
    ax2.invert_yaxis()
    ax2.set_xlabel("coefficient on standardised feature (fit on all paragraphs)")
    ax2.set_title("Features that most point to each group", fontsize=10)
    fig.tight_layout()
    return fig
