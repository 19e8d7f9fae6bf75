"""Trust markers: validated figures per measure, and few-hit cells (issue 8, item 4)."""
from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from framing.errors import InputError
from framing.trust import (MEASURES, MIN_HITS, ROW_KEYS, corpus_gold_path, few_hits, mark_few,
                           shipped_validation, validation_rows, validation_table)

from conftest import shared_file


def _result(actors=None, terms=None, cues=None):
    return {"actors": actors or {}, "terms": terms or {}, "cues": cues or {}}


RESULT = {
    "n_paragraphs": 3,
    "overall": _result({"f1": 0.8, "precision": 0.9, "recall": 0.72, "n_gold": 50, "role_accuracy": 0.7,
                        "sentiment_macro_f1": 0.55},
                       {"f1": None, "precision": None, "recall": 0.0, "n_gold": 2},
                       {"hedge": {"f1": 0.6, "precision": 0.5, "recall": 0.75, "n_gold": 8}}),
    "by_outlet_group": {
        "US outlet": _result({"f1": 0.7, "role_accuracy": 0.6, "sentiment_macro_f1": 0.4}),
        "government release": _result({"f1": 0.9, "role_accuracy": 0.8, "sentiment_macro_f1": 0.7}),
    },
}


@pytest.mark.parametrize("measure, value, precision, n_gold, spread", [
    ("actor mentions", 0.8, 0.9, 50, 0.2),
    ("actor roles (agent/patient/other)", 0.7, None, None, 0.2),
    ("actor sentiment", 0.55, None, None, 0.3),
    ("contested terms (side-bearing)", None, None, 2, None),   # no system terms: F1 undefined, shown as such
    ("hedges", 0.6, 0.5, 8, None),                               # no per-group figure: no spread
    ("boosters", None, None, None, None),                        # absent from the result
])
def test_validation_rows(measure, value, precision, n_gold, spread):
    rows = {r["measure"]: r for r in validation_rows(RESULT, gold="g")}
    assert len(rows) == len(MEASURES)
    row = rows[measure]
    assert tuple(sorted(row)) == tuple(sorted(ROW_KEYS)) and row["gold"] == "g"
    assert (row["value"], row["precision"], row["n_gold"]) == (value, precision, n_gold)
    assert row["spread"] == (pytest.approx(spread) if spread is not None else None)


@pytest.mark.parametrize("n, expected", [
    (0, True), (9, True), (MIN_HITS, False), (250, False), (9.0, True), (None, True), (math.nan, True), ("x", True),
])
def test_few_hits(n, expected):
    assert few_hits(n) is expected


@pytest.mark.parametrize("counts, minimum, expected", [
    ([3, 10, 40], MIN_HITS, [True, False, False]),
    ([3, 10, 40], 20, [True, True, False]),
    ([None, 12], MIN_HITS, [True, False]),
])
def test_mark_few(counts, minimum, expected):
    df = pd.DataFrame({"lean": [0.1] * len(counts), "n_terms": counts})
    out = mark_few(df, "n_terms", minimum=minimum)
    assert out["few_hits"].tolist() == expected and "few_hits" not in df  # a copy


@pytest.mark.parametrize("config, error", [
    ({}, None), ({"gold": ""}, None), ({"gold": 3}, "must be a path"), ({"gold": "nope.jsonl"}, "not found"),
])
def test_corpus_gold_path(tmp_path, config, error):
    if error:
        with pytest.raises(InputError, match=error):
            corpus_gold_path(tmp_path, config)
    else:
        assert corpus_gold_path(tmp_path, config) is None


def test_corpus_gold_path_is_relative_to_the_corpus(tmp_path):
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / "g.jsonl").write_text("{}\n", encoding="utf-8")
    assert corpus_gold_path(tmp_path, {"gold": "gold/g.jsonl"}) == tmp_path / "gold" / "g.jsonl"


def _gold_line(pid, text, actors):
    """A news_gold record for ``text`` with actor spans found by their words (first occurrence)."""
    rows = [{"span": s, "occurrence": 1, "start": text.index(s), "end": text.index(s) + len(s), "actor": a,
             "bloc": b, "role": r, "sentiment": p, "coref": False} for s, a, b, r, p in actors]
    return json.dumps({"id": pid, "source": "Sample Wire", "outlet_type": "US outlet (center)", "text": text,
                       "actors": rows, "terms": [], "cues": []})


def test_validation_table_adds_the_corpus_gold(tmp_path):
    gold = tmp_path / "mine.jsonl"
    gold.write_text("\n".join([
        _gold_line("a", "Russia attacked the port on Monday, officials said.",
                   [("Russia", "Russia", "russia", "agent", "negative")]),
        _gold_line("b", "The minister thanked Germany for its support.",
                   [("Germany", "Germany", "west", "patient", "positive")]),
    ]) + "\n", encoding="utf-8")
    rows = validation_table(gold)
    assert rows[:len(shipped_validation())] == shipped_validation()
    mine = [r for r in rows if r["gold"].startswith("corpus gold mine.jsonl (2 paragraphs)")]
    assert [r["measure"] for r in mine] == [m[0] for m in MEASURES]
    assert mine[0]["n_gold"] == 2 and mine[0]["value"] is not None


def test_shipped_validation_is_the_current_code_on_the_news_gold():
    """validation.json holds figures measured by this code; refresh with `make validation`."""
    from framing.evaluate.gold import evaluate_gold

    path = shared_file("data/news_gold/dev.jsonl")
    shipped = shipped_validation()
    fresh = validation_rows(evaluate_gold(path), gold=shipped[0]["gold"])
    assert fresh == shipped, "framing/models/validation.json is stale: run `make validation`"


def test_methods_section_takes_the_rows_given_by_the_report_command():
    from framing.report.assemble import methods_context

    rows = validation_rows(RESULT, gold="mine")
    assert methods_context({"validation": rows})["trust"] == rows
    assert methods_context({})["trust"] == shipped_validation() != []


@pytest.mark.parametrize("gold_value, expect_rows, error", [
    (None, "shipped", None),
    ("mine.jsonl", "shipped+corpus", None),
    ("missing.jsonl", None, "gold file missing.jsonl not found"),
])
def test_report_command_reads_gold_from_corpus_yaml(tmp_path, gold_value, expect_rows, error):
    from framing.trust import corpus_validation
    from framing.corpus import Corpus

    corpus = Corpus.init(tmp_path / "c", name="c")
    (tmp_path / "c" / "mine.jsonl").write_text(_gold_line(
        "a", "Russia attacked the port on Monday.", [("Russia", "Russia", "russia", "agent", "negative")]) + "\n",
        encoding="utf-8")
    if gold_value:
        corpus.config["gold"] = gold_value
    if error:
        with pytest.raises(InputError, match=error):
            corpus_validation(corpus, ())
        return
    rows = corpus_validation(corpus, ())
    n = len(shipped_validation())
    assert rows[:n] == shipped_validation()
    assert len(rows) == (n if expect_rows == "shipped" else n + len(MEASURES))
