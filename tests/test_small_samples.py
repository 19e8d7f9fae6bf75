"""Issue 11 items 4 and 5: honest small samples, separate bloc/actor figures, validation caveats."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from framing.findings import validation_caveat
from framing.report.assemble import (actor_rows, cell, nothing_computable, side_by_side, top_tests,
                                     without_small_intervals)


@pytest.mark.parametrize("args, expected", [
    ((1.234, 1.01, 1.45, 57), "1.23 [1.01, 1.45] (57)"),
    ((1.234, 1.01, 1.45, 57, 3), "1.23 [1.01, 1.45] (57)"),
    ((0.667, 0.667, 0.667, 2, 1), "0.667 (2), n=1"),
    ((0.5, 0.2, 0.8, 4, 2), "0.500 (4), n=2"),
    ((0.5, np.nan, np.nan, np.nan, 1), "0.500, n=1"),
    ((np.nan, 0.1, 0.2, 3, 1), "—"),
    ((0.5, 0.2, 0.8, 4, np.nan), "0.500 [0.200, 0.800] (4)"),
])
def test_cell_has_no_interval_under_three_articles(args, expected):
    assert cell(*args) == expected


def _rates(n_docs):
    return pd.DataFrame({"group": [f"g{i}" for i in range(len(n_docs))], "measure": "hedges",
                         "value": 0.5, "ci_low": 0.4, "ci_high": 0.6, "count": 7, "n_docs": n_docs})


@pytest.mark.parametrize("n_docs, has_interval", [
    ([1, 2, 3, 30], [False, False, True, True]),
    ([5], [True]),
])
def test_small_groups_lose_their_interval_in_tables_and_figures(n_docs, has_interval):
    wide = side_by_side(_rates(n_docs), index=["group"], groups=[f"g{i}" for i in range(len(n_docs))])
    assert ["[" in c for c in wide["hedges"]] == has_interval
    assert [("n=" in c) for c in wide["hedges"]] == [not h for h in has_interval]
    cut = without_small_intervals(_rates(n_docs))
    assert list(cut["ci_low"].notna()) == has_interval
    assert list(cut["value"]) == [0.5] * len(n_docs)  # the value stays


@pytest.mark.parametrize("n_a, n_b, word", [
    (10, 10, "large"), (10, 9, "—"), (3, 30, "—"), (1, 1, "—"), (40, 12, "large"),
])
def test_effect_size_word_needs_ten_articles_in_both_groups(n_a, n_b, word):
    tests = pd.DataFrame([{"measure": "m", "group_a": "a", "group_b": "b", "n_a": n_a, "n_b": n_b,
                           "p_holm": 0.01, "cliffs_delta": 0.8, "magnitude": "large"}])
    shown = top_tests(tests, ["a", "b"])
    assert shown["magnitude"].tolist() == [word]
    assert shown["cliffs_delta"].tolist() == [0.8]  # the number is always shown


def _comparison(sizes: dict, tests_rows: int, h):
    tests = pd.DataFrame([{"measure": "m", "group_a": "a", "group_b": "b"}] * tests_rows,
                         columns=["measure", "group_a", "group_b"])
    omnibus = pd.DataFrame({"measure": ["m"], "H": [h]})
    overview = pd.DataFrame({"group": list(sizes), "documents": list(sizes.values())})
    return SimpleNamespace(tests=tests, omnibus=omnibus, overview=overview, params={"min_docs": 3})


@pytest.mark.parametrize("sizes, tests_rows, h, empty_tests, empty_omnibus", [
    ({"a": 1, "b": 1}, 0, np.nan, True, True),             # one document per group
    ({"a": 5, "b": 5, "c": 5}, 3, 4.2, False, False),
    ({"a": 5, "b": 5}, 1, np.nan, False, True),            # two groups: no Kruskal–Wallis
])
def test_sections_with_nothing_computable_say_why(sizes, tests_rows, h, empty_tests, empty_omnibus):
    why = nothing_computable(_comparison(sizes, tests_rows, h), list(sizes))
    assert bool(why["tests"]) == empty_tests
    assert bool(why["omnibus"]) == empty_omnibus
    for sentence in filter(None, why.values()):
        assert "at least 3 articles" in sentence  # says what would be needed
        assert f"of {len(sizes)} shown groups" in sentence


ACTORS = pd.DataFrame({"actor": ["china", "bloc:china", "other", "bloc:other", "bloc:west", "us"]})


@pytest.mark.parametrize("kind, show_other, expected", [
    ("single", False, ["china", "us"]),
    ("bloc", False, ["bloc:china", "bloc:west"]),
    ("single", True, ["china", "other", "us"]),
    ("bloc", True, ["bloc:china", "bloc:other", "bloc:west"]),
])
def test_blocs_and_actors_are_never_in_one_figure(kind, show_other, expected):
    assert list(actor_rows(ACTORS, kind, show_other=show_other)["actor"]) == expected


ROWS = [{"measure": "actor sentiment", "metric": "macro-F1", "value": 0.5497},
        {"measure": "hedges", "metric": "F1", "value": 0.9714},
        {"measure": "contested terms (side-bearing)", "metric": "F1", "value": 0.79}]


@pytest.mark.parametrize("measure, expected", [
    ("mean_sentiment", "actor sentiment: validated macro-F1 0.55 on news — read with care"),
    ("hedges_per_100w", ""),                        # validated well: nothing to say
    ("terms_west_per_1000w", "contested terms (side-bearing): validated F1 0.79 on news — read with care"),
    ("term_lean", "contested terms (side-bearing): validated F1 0.79 on news — read with care"),
    ("flesch_reading_ease", ""),                    # not validated against gold: no claim either way
    ("boosters_per_100w", ""),                      # no row for it in this table
])
def test_low_validated_measures_carry_a_caveat(measure, expected):
    assert validation_caveat(measure, ROWS) == expected


def test_shipped_actor_sentiment_figure_is_flagged():
    from framing.trust import shipped_validation

    row = next((r for r in shipped_validation() if r["measure"] == "actor sentiment"), None)
    if row is None:
        pytest.skip("no shipped validation.json")
    assert bool(validation_caveat("mean_sentiment")) == (row["value"] < 0.80)


@pytest.mark.parametrize("n, header", [
    (1, "percentile in g (n=1)"), (2, "percentile in g (n=2)"), (3, "percentile in g"), (20, "percentile in g"),
])
def test_focus_percentile_columns_name_small_groups(n, header):
    from framing.focus import wide

    table = pd.DataFrame([{"measure": "m", "label": "m", "value": 1.0, "group": "g", "n": n,
                           "median": 1.0, "percentile": 50.0}])
    assert list(wide({"table": table}).columns) == ["measure", "value", header]
