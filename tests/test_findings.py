"""Findings ("What stands out") and the focus article: the rule, its words, its evidence."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from fixtures_tables import make_tables
from framing.compare import compare
from framing.errors import FramingError
from framing.findings import (MIN_DELTA, articles_needed, effect_text, evidence_doc_ids, findings,
                              measure_specs, value_text)
from framing.focus import focus_doc_id, percentile, place, wide

FAST = {"n_boot": 100, "n_perm": 200, "cv_permutations": 0}


@pytest.fixture(scope="module")
def six():
    tables = make_tables(3, 6, paragraphs_per_doc=4)
    return tables, compare(tables, **FAST)


@pytest.fixture(scope="module")
def three():
    tables = make_tables(3, 3, paragraphs_per_doc=4)
    return tables, compare(tables, **FAST)


def test_every_finding_passes_the_bar(six):
    tables, cmp = six
    out = findings(tables, cmp)
    assert out["findings"] and out["none_reason"] == ""
    tests = cmp.tests.set_index(["measure", "group_a", "group_b"])
    for f in out["findings"]:
        row = tests.loc[(f.measure, *sorted([f.high, f.low]))]
        assert row["p_holm"] < 0.05 and abs(row["cliffs_delta"]) >= MIN_DELTA
        assert f.high in f.sentence and f.low in f.sentence and "[" in f.sentence  # intervals shown
    assert len(out["findings"]) <= 8
    assert max(pd.Series([f.measure for f in out["findings"]]).value_counts()) <= 2


def test_evidence_points_at_real_paragraphs_of_the_named_groups(six):
    tables, cmp = six
    paras = set(zip(tables.paragraphs["doc_id"], tables.paragraphs["paragraph"]))
    source = tables.documents.set_index("doc_id")["source"]
    for f in findings(tables, cmp)["findings"]:
        assert [ev["group"] for ev in f.evidence] == [f.high, f.low]
        for ev in f.evidence:
            assert (ev["doc_id"], ev["paragraph"]) in paras
            assert source[ev["doc_id"]] == ev["group"]
            assert ev["anchor"] == f"{ev['doc_id']}-p{ev['paragraph']}"


def test_nothing_qualifies_says_what_is_needed(three):
    out = findings(*three)
    assert out["findings"] == []
    assert "No difference passes the bar" in out["none_reason"] and "articles per group" in out["none_reason"]


@pytest.mark.parametrize("row, expected", [
    ({"value": 0.667, "ci_low": 0.667, "ci_high": 0.667, "n_docs": 1}, "0.667 (n=1, no interval)"),
    ({"value": 0.5, "ci_low": 0.2, "ci_high": 0.8, "n_docs": 2}, "0.5 (n=2, no interval)"),
    ({"value": 0.5, "ci_low": 0.2, "ci_high": 0.8, "n_docs": 3}, "0.5 [0.2, 0.8] (n=3)"),
    ({"value": -1.25, "ci_low": -2.0, "ci_high": -0.5, "n_docs": 12}, "−1.25 [−2, −0.5] (n=12)"),
])
def test_value_text_has_no_interval_below_three_articles(row, expected):
    assert value_text(row) == expected


@pytest.mark.parametrize("delta, n_a, n_b, word", [
    (0.8, 5, 5, None), (0.8, 10, 9, None), (0.8, 10, 10, "large"), (0.4, 30, 12, "medium"),
])
def test_effect_words_only_with_ten_articles_each(delta, n_a, n_b, word):
    text = effect_text(delta, n_a, n_b)
    if word is None:
        assert not any(w in text for w in ("large", "medium", "small")) and "size not named" in text
    else:
        assert text.endswith(word)


@pytest.mark.parametrize("delta, tests, lower, upper", [
    (0.5, 1, 15, 30), (0.2, 1, 100, 300), (0.5, 10, 25, 60), (-0.5, 1, 15, 30),
])
def test_articles_needed_grows_as_effects_shrink_and_tests_multiply(delta, tests, lower, upper):
    assert lower <= articles_needed(delta, tests) <= upper


def test_measure_specs_match_the_comparison(six):
    names = [m.name for m in measure_specs()]
    assert set(six[1].tests["measure"]) <= set(names)
    assert [m.name for m in measure_specs() if not m.framing] == ["flesch_reading_ease", "fk_grade"]


@pytest.mark.parametrize("value, others, expected", [
    (2.0, [1.0, 2.0, 3.0], 50.0), (5.0, [1.0, 2.0], 100.0), (0.0, [1.0, 2.0], 0.0),
    (1.0, [np.nan, 1.0], 50.0), (1.0, [], np.nan),
])
def test_percentile_is_mid_rank(value, others, expected):
    got = percentile(value, np.array(others, dtype=float))
    assert (np.isnan(got) and np.isnan(expected)) or got == expected


def test_focus_defaults_to_first_document_and_excludes_itself(three):
    tables, cmp = three
    placed = place(tables, cmp)
    first = str(tables.documents["doc_id"].iloc[0])
    assert placed["doc_id"] == first
    own = placed["table"].query("group == @placed['group']")
    assert (own["n"] == 2).all()  # 3 articles in its source, minus itself
    assert list(wide(placed)["measure"]) == list(dict.fromkeys(placed["table"]["measure"]))
    assert evidence_doc_ids({"findings": []}) == []


@pytest.mark.parametrize("focus, ok", [("beta-wire-001", True), ("nope", False)])
def test_focus_doc_id_checks_the_corpus(three, focus, ok):
    if ok:
        assert focus_doc_id(three[0], focus) == focus
    else:
        with pytest.raises(FramingError, match="no document 'nope'"):
            focus_doc_id(three[0], focus)


@pytest.mark.parametrize("args, code, needle", [
    (["--focus", "beta-wire-001"], 0, "percentile in alpha-news"),
    (["--focus", "beta-wire-001", "--format", "csv"], 0, "measure,label,value,group,n,median,percentile"),
    (["--focus", "beta-wire-001", "--format", "json"], 0, '"doc_id": "beta-wire-001"'),
    (["--focus", "nope"], 2, "error: no document 'nope'"),
])
def test_compare_focus_command(monkeypatch, three, args, code, needle):
    from click.testing import CliRunner

    from framing.cli import main
    from framing.cli import analysis_cmds

    monkeypatch.setattr(analysis_cmds, "open_tables", lambda *a, **k: (None, three[0]))
    result = CliRunner().invoke(main, ["compare", *args])
    assert result.exit_code == code, result.output
    assert needle in result.output


@pytest.mark.parametrize("x, y, robust, who", [
    ([5.0, 1.0, 1.0], [2.0, 2.0], 0.0, "b"),                 # the difference rests on one article
    ([3.0, 4.0, 5.0, 6.0], [0.0, 1.0, 2.0], 1.0, ""),        # complete separation survives any drop
    ([9.0, 1.0, 1.0, 1.0], [0.0, 0.0, 0.0], 1.0, ""),        # direction kept, δ unchanged
    ([0.0, 0.0, 9.0], [1.0, 1.0, 1.0], 0.0, "a"),            # δ −1/3 vanishes without one of the zeros
])
def test_leave_one_out(x, y, robust, who):
    from framing.findings import leave_one_out
    got, doc = leave_one_out(pd.Series(x, index=list("abcd")[:len(x)]), pd.Series(y, index=list("uvw")[:len(y)]))
    assert (round(got, 6), doc) == (robust, who)
