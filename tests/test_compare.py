"""Cross-source statistics: known answers on hand-made inputs, planted differences on fixtures."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from fixtures_tables import make_tables
from framing.compare import stats
from framing.compare import compare, group_labels, round_frame
from framing.compare.distinctive import distinctive_terms, tokenize
from framing.errors import FramingError

FAST = {"n_boot": 200, "n_perm": 200, "cv_permutations": 9}


@pytest.fixture(scope="module")
def three():
    return make_tables(3, 6, seed=1)


@pytest.fixture(scope="module")
def comp(three):
    return compare(three, **FAST)


@pytest.mark.parametrize("x, y, expected", [
    ([3, 4], [1, 2], 1.0),
    ([1, 2], [3, 4], -1.0),
    ([1, 2, 3], [1, 2, 3], 0.0),
    ([1, 2, 3, 4], [2], 0.25),
    ([1, np.nan, 2], [1], 0.5),
    ([], [1], math.nan),
])
def test_cliffs_delta(x, y, expected):
    got = stats.cliffs_delta(x, y)
    assert (math.isnan(got) and math.isnan(expected)) or got == pytest.approx(expected)


@pytest.mark.parametrize("delta, label", [
    (0.1, "negligible"), (-0.146, "negligible"), (0.147, "small"), (-0.3, "small"),
    (0.33, "medium"), (0.474, "large"), (-1.0, "large"), (math.nan, ""),
])
def test_cliff_magnitude(delta, label):
    assert stats.cliff_magnitude(delta) == label


@pytest.mark.parametrize("p, expected", [
    ([0.01, 0.04, 0.03], [0.03, 0.06, 0.06]),
    ([0.3, 0.9], [0.6, 0.9]),
    ([0.4, 0.5], [0.8, 0.8]),
    ([0.01, math.nan, 0.02], [0.02, math.nan, 0.02]),
    ([0.5], [0.5]),
])
def test_holm(p, expected):
    np.testing.assert_allclose(stats.holm(p), expected, equal_nan=True)


@pytest.mark.parametrize("a, b, small", [
    ([0.0, 0.1, 0.2, 0.1, 0.0, 0.2, 0.1, 0.0], [1.0, 1.1, 0.9, 1.2, 1.0, 0.9, 1.1, 1.0], True),
    ([1.0, 2.0, 3.0, 4.0, 5.0], [5.0, 4.0, 3.0, 2.0, 1.0], False),
])
def test_permutation_test_planted_and_null(a, b, small):
    values = np.array(a + b)[:, None]
    in_a = np.array([True] * len(a) + [False] * len(b))
    diff, p = stats.permutation_test(values, in_a, n_perm=500, rng=np.random.default_rng(0))
    assert diff[0] == pytest.approx(np.mean(a) - np.mean(b))
    assert (p[0] < 0.01) if small else (p[0] > 0.5)


def test_permutation_test_skips_nan_rows():
    values = np.array([[0.0], [np.nan], [0.0], [1.0], [1.0], [np.nan]])
    in_a = np.array([True, True, True, False, False, False])
    diff, _ = stats.permutation_test(values, in_a, n_perm=50, rng=np.random.default_rng(0))
    assert diff[0] == pytest.approx(-1.0)


@pytest.mark.parametrize("y_i, y_j, up, down", [
    ([10, 1, 5], [1, 10, 5], 0, 1),
    ([50, 50, 1], [50, 50, 30], 0, 2),
])
def test_log_odds_sign(y_i, y_j, up, down):
    _, z = stats.log_odds_dirichlet(np.array(y_i, float), np.array(y_j, float), np.ones(3))
    assert z[up] > 0 > z[down]


def test_distinctive_terms_ranks_planted_words():
    paragraphs = pd.DataFrame({
        "doc_id": ["a1", "a2", "b1", "b2"], "kind": ["body"] * 4,
        "text": ["apple apple market", "apple market pear", "steel market steel", "steel pear market"]})
    groups = pd.Series({"a1": "A", "a2": "A", "b1": "B", "b2": "B"})
    df = distinctive_terms(paragraphs, groups, alpha0=10.0, min_count=1)
    top = df.groupby("group")["term"].first().to_dict()
    assert top == {"A": "apple", "B": "steel"}
    assert "market" not in set(df["term"])  # equally common: z = 0, not distinctive
    row = df[(df["group"] == "A") & (df["term"] == "apple")].iloc[0]
    assert (row["count_group"], row["count_rest"]) == (3, 0)


@pytest.mark.parametrize("text, expected", [
    ("The Kremlin said", ["kremlin", "said"]),  # "the" is a stop word; "kremlin said" -> bigram
    ("Kyiv, not Kiev", ["kyiv", "kiev"]),  # "not" removed and no "kyiv kiev" bigram across it
    ("NATO’s 2024 summit", ["nato's", "summit"]),
])
def test_tokenize(text, expected):
    got = tokenize(text)
    assert [t for t in got if " " not in t] == expected


def test_tokenize_bigrams_only_from_adjacent_words():
    assert tokenize("Kyiv, not Kiev") == ["kyiv", "kiev"]
    assert "kremlin said" in tokenize("The Kremlin said")


@pytest.mark.parametrize("by, n_groups", [("source", 3), ("genre", 2), ("bias_text", 3), ("doc", 18)])
def test_group_labels(three, by, n_groups):
    assert group_labels(three.documents, by).nunique() == n_groups


def test_group_labels_unknown_field(three):
    with pytest.raises(FramingError, match="choose one of"):
        group_labels(three.documents, "colour")


def test_rates_ci_contains_estimate_and_counts(comp):
    r = comp.rates
    assert set(r["group"]) == {"alpha-news", "beta-wire", "gamma-daily"}
    finite = r.dropna(subset=["ci_low"])
    assert len(finite) == len(r)
    assert ((finite["ci_low"] <= finite["value"] + 1e-9) & (finite["value"] <= finite["ci_high"] + 1e-9)).all()
    hedges = r[r["measure"] == "hedges_per_100w"].set_index("group")
    assert (hedges["value"] == (hedges["count"] / hedges["denominator"] * 100).map(lambda v: float(f"{v:.6g}"))).all()


def test_one_document_interval_is_nan_and_says_so():
    c = compare(make_tables(2, 1), **FAST)
    assert c.rates["ci_low"].isna().all() and c.rates["ci_high"].isna().all()
    assert c.rates["note"].str.contains("one document").all()
    assert c.tests.empty
    assert c.distinguishability["reason"]
    assert c.within is not None and "framing add" in c.within["message"]


def test_single_document_within_view_has_sections():
    c = compare(make_tables(1, 1), **FAST)
    units = c.within["units"]
    assert c.within["unit"] == "section"
    assert list(units["unit"]) == ["1. Summit report 0 from alpha-news", "2. Background"]
    assert units["hedges"].sum() == c.rates.set_index("measure").loc["hedges_per_100w", "count"]


@pytest.mark.parametrize("measure, a, b", [
    ("hedges_per_100w", "alpha-news", "gamma-daily"),
    ("term_lean", "alpha-news", "beta-wire"),
    ("sentiment", "alpha-news", "gamma-daily"),
])
def test_planted_differences_are_found(comp, measure, a, b):
    row = comp.tests.query("measure == @measure and group_a == @a and group_b == @b").iloc[0]
    assert row["p_holm"] < 0.05
    assert row["magnitude"] == "large"
    assert row["p_holm"] >= row["p_value"]


def test_no_planted_difference_is_not_significant():
    t = make_tables(4, 6, seed=2)  # alpha-news and delta-post share every planted rate
    tests = compare(t, **FAST).tests
    same = tests.query("group_a == 'alpha-news' and group_b == 'delta-post'")
    assert (same["p_holm"] > 0.05).mean() >= 0.8


def test_tests_cover_all_pairs_per_measure(comp):
    per_measure = comp.tests.groupby("measure").size()
    assert (per_measure == 3).all()
    assert set(comp.omnibus["measure"]) == set(comp.tests["measure"])


def test_actor_profiles_planted_roles(comp):
    a = comp.actors
    share = a.query("actor == 'bloc:russia' and measure == 'agent_share'").set_index("group")["value"]
    assert share["alpha-news"] > share["beta-wire"]
    counted = a[a["measure"] != "mean_sentiment"]
    assert (counted["count"] <= counted["denominator"]).all()
    shares = a[a["measure"].str.endswith("_share")]
    assert shares["value"].dropna().between(0, 1).all()
    assert {"bloc:russia", "bloc:west", "bloc:china"} <= set(a["actor"])


def test_distinguishability_beats_baseline(comp):
    d = comp.distinguishability
    assert d["reason"] is None
    assert d["accuracy"] > d["baseline_accuracy"]
    assert set(d["features"]["group"]) == set(d["classes"])


def test_overview(comp):
    o = comp.overview.set_index("group")
    assert o.loc["gamma-daily", "translated"] == 1 and o["documents"].eq(6).all()
    assert o["constructed"].all()


def test_deterministic(three, comp):
    again = compare(three, **FAST)
    for name, df in comp.frames().items():
        pd.testing.assert_frame_equal(df, again.frames()[name], check_exact=True)
    other = compare(three, **{**FAST, "seed": 7})
    assert not other.rates["ci_low"].equals(comp.rates["ci_low"])


def test_round_frame_six_significant_digits():
    df = round_frame(pd.DataFrame({"x": [1 / 3, 123456.789, np.nan], "s": ["a", "b", "c"]}))
    assert df["x"].tolist()[:2] == [0.333333, 123457.0] and math.isnan(df["x"].iloc[2])


@pytest.mark.parametrize("fmt, needle", [("table", "p (Holm)"), ("json", '"distinguishability"'),
                                         ("csv", "ci_low")])
def test_compare_command_formats(monkeypatch, three, fmt, needle):
    from click.testing import CliRunner

    from framing.cli import analysis_cmds, compare_cmds

    monkeypatch.setattr(analysis_cmds, "open_tables", lambda *a, **k: (None, three))
    import framing.compare as module
    monkeypatch.setattr(module, "compare", lambda t, **k: compare(t, **{**k, **FAST}))
    result = CliRunner().invoke(compare_cmds.compare, ["--format", fmt])
    assert result.exit_code == 0, result.output
    assert needle in result.output


def test_compare_command_single_document_says_how_to_add(monkeypatch):
    from click.testing import CliRunner

    from framing.cli import analysis_cmds, compare_cmds

    monkeypatch.setattr(analysis_cmds, "open_tables", lambda *a, **k: (None, make_tables(1, 1)))
    result = CliRunner().invoke(compare_cmds.compare, [])
    assert result.exit_code == 0, result.output
    assert "Within alpha-news (by section" in result.output and "framing add FILE --source NAME" in result.output


def test_empty_corpus_is_a_clear_error(tmp_path):
    from click.testing import CliRunner

    from framing.cli import main
    from framing.corpus import Corpus

    Corpus.init(tmp_path / "empty")
    for args in (["report", "--out", str(tmp_path / "r")], ["compare"]):
        result = CliRunner().invoke(main, [*args, "--corpus", str(tmp_path / "empty")])
        assert result.exit_code == 2 and "no documents" in result.output, result.output


@pytest.mark.parametrize("kind, counted", [("actor", True), ("place", False), ("origin", False)])
def test_actor_profiles_count_actors_only(kind, counted):
    """Places ("in Ukraine") and origins ("Russian gas") stay in the actors table but are
    no actor mentions: they must not enter shares or mention rates."""
    from framing.compare.actors import actor_profiles

    rows = [{"doc_id": "d1", "actor": "ukraine", "bloc": "ukraine", "kind": "actor", "role": "agent",
             "voice": "active", "sentiment": 0.0},
            {"doc_id": "d1", "actor": "ukraine", "bloc": "ukraine", "kind": kind, "role": "other",
             "voice": "none", "sentiment": -0.5}]
    groups = pd.Series({"d1": "g"})
    prof = actor_profiles(pd.DataFrame(rows), groups, pd.Series({"d1": 100}), n_boot=10)
    share = prof.query("actor == 'ukraine' and measure == 'agent_share'").iloc[0]
    assert (share["count"], share["denominator"]) == ((1, 2) if counted else (1, 1))
