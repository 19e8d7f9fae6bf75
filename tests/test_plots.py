"""Figures: every plot builds from a comparison, labels its axes, and saves byte-identically."""
from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from fixtures_tables import make_tables
from framing import plots
from framing.compare import compare

FAST = {"n_boot": 100, "n_perm": 100, "cv_permutations": 5}


@pytest.fixture(scope="module")
def comp():
    return compare(make_tables(3, 4, seed=3), **FAST)


def _close(fig):
    import matplotlib.pyplot as plt
    plt.close(fig)


BUILDERS = [
    ("rates-certainty", lambda c: plots.plot_rates(c.rates, family="certainty")),
    ("rates-readability", lambda c: plots.plot_rates(c.rates, family="readability")),
    ("term-sides", lambda c: plots.plot_term_sides(c.rates)),
    ("term-lean", lambda c: plots.plot_term_lean(c.rates)),
    ("actor-roles", lambda c: plots.plot_actor_roles(c.actors)),
    ("actor-sentiment", lambda c: plots.plot_actor_sentiment(c.actors)),
    ("distinctive", lambda c: plots.plot_distinctive(c.distinctive)),
    ("distinguishability", lambda c: plots.plot_distinguishability(c.distinguishability)),
]


@pytest.mark.parametrize("name, build", BUILDERS, ids=[b[0] for b in BUILDERS])
def test_figure_has_labelled_axes(comp, name, build):
    fig = build(comp)
    visible = [ax for ax in fig.axes if ax.get_visible()]
    assert visible, name
    assert all(ax.get_xlabel() for ax in visible)
    assert any(ax.get_title() for ax in visible) or fig._suptitle is not None
    _close(fig)


@pytest.mark.parametrize("fmt", ["svg", "png"])
def test_saved_bytes_are_identical(comp, fmt):
    out = []
    for _ in range(2):
        fig = plots.plot_rates(comp.rates, family="terms")
        buf = io.BytesIO()
        fig.savefig(buf, **plots.savefig_kwargs(fmt))
        _close(fig)
        out.append(buf.getvalue())
    assert out[0] == out[1] and len(out[0]) > 1000


@pytest.mark.parametrize("groups", [["b", "a", "c"], ["c", "a", "b", "a"]])
def test_palette_is_stable_and_distinct(groups):
    pal = plots.group_palette(groups)
    assert pal == plots.group_palette(sorted(set(groups)))
    assert len(set(pal.values())) == len(pal) == 3


def test_palette_many_groups_stays_distinct():
    pal = plots.group_palette([f"outlet {i}" for i in range(28)])
    assert len(set(pal.values())) == 28


def test_many_groups_are_limited_to_top():
    c = compare(make_tables(15, 2, seed=4), **FAST)
    fig = plots.plot_rates(c.rates, family="certainty", top=10)
    assert len(fig.axes[0].get_yticklabels()) == 10
    _close(fig)


@pytest.mark.parametrize("build", [
    lambda: plots.plot_rates(pd.DataFrame(columns=["group", "measure", "family"]), family="terms"),
    lambda: plots.plot_actor_roles(pd.DataFrame()),
    lambda: plots.plot_distinctive(pd.DataFrame()),
    lambda: plots.plot_distinguishability({"reason": "one group"}),
])
def test_empty_inputs_give_a_message_figure(build):
    fig = build()
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert texts and texts[0]
    _close(fig)


@pytest.mark.parametrize("label, width, lines", [("short", 22, 1), ("a much longer outlet name here", 10, 4)])
def test_wrap(label, width, lines):
    assert len(plots.wrap(label, width).splitlines()) == lines


def test_distinctive_panels_show_their_own_words():
    table = pd.DataFrame({"group": ["a", "a", "b", "b"], "rank": [1, 2, 1, 2],
                          "term": ["alpha", "beta", "gamma", "delta"], "z": [3.0, 2.0, 4.0, 1.0]})
    fig = plots.plot_distinctive(table, k=2)
    labels = [[t.get_text() for t in ax.get_yticklabels()] for ax in fig.axes if ax.get_visible()]
    _close(fig)
    assert labels == [["alpha", "beta"], ["gamma", "delta"]]


@pytest.mark.parametrize("side", ["russia", "west", "china", "neutral"])
def test_term_sides_never_share_a_colour_with_actor_roles(side):
    from framing.plots import OKABE_ITO, ROLE_COLOURS, SIDE_COLOURS

    assert SIDE_COLOURS[side] not in ROLE_COLOURS.values()
    assert SIDE_COLOURS[side] in OKABE_ITO  # colour-blind-safe set


@pytest.mark.parametrize("low, high, drawn", [(np.nan, np.nan, False), (0.3, 0.5, True), (0.5, 0.5, True)])
def test_no_error_bar_where_there_is_no_interval(low, high, drawn):
    from framing.plots import _errors

    err = _errors(pd.DataFrame({"value": [0.5], "ci_low": [low], "ci_high": [high]}))
    assert bool(np.isfinite(err).all()) == drawn
