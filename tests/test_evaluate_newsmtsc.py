"""NewsMTSC evaluation: both file formats, our scorer and two baselines, on small slices."""
from __future__ import annotations

import json

import pytest

from framing.errors import FramingError
from framing.evaluate.newsmtsc import LABELS, evaluate_newsmtsc, read_newsmtsc, scores
from conftest import shared_file

SLICES = ["data/newsmtsc/hf_splits_rw/dev.jsonl", "data/newsmtsc/hf_splits_mt/dev.jsonl",
          "data/newsmtsc/train.jsonl"]


def _check_metrics(block, n):
    assert block["n"] == n
    assert 0.0 <= block["macro_f1"] <= 1.0 and 0.0 <= block["accuracy"] <= 1.0
    assert set(block["per_class"]) == set(LABELS)
    assert sum(c["support"] for c in block["per_class"].values()) == n
    for c in block["per_class"].values():
        assert all(0.0 <= c[k] <= 1.0 for k in ("precision", "recall", "f1"))


@pytest.mark.parametrize("rel", SLICES)
def test_evaluate_slice_has_all_metrics(nlp, rel):
    result = evaluate_newsmtsc(shared_file(rel), limit=40, nlp=nlp)
    assert result["n"] + result["skipped"] == 40
    _check_metrics(result, result["n"])
    for name in ("majority", "vader_sentence"):
        _check_metrics(result["baselines"][name], result["n"])
    json.dumps(result)  # JSON-ready


@pytest.mark.parametrize("line, expected", [
    ({"sentence": "Cruz won.", "mention": "Cruz", "from": 0, "to": 4, "polarity": -1}, [(0, 4, "negative")]),
    ({"sentence_normalized": "A met B.", "targets": [{"from": 0, "to": 1, "polarity": 6.0},
                                                     {"from": 6, "to": 7, "polarity": 4.0}]},
     [(0, 1, "positive"), (6, 7, "neutral")]),
])
def test_reads_both_formats(tmp_path, line, expected):
    path = tmp_path / "x.jsonl"
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    assert [(t.start, t.end, t.label) for t in read_newsmtsc(path)] == expected


def test_unknown_format_is_a_framing_error(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"text": "no targets"}\n', encoding="utf-8")
    with pytest.raises(FramingError, match="not a NewsMTSC line"):
        read_newsmtsc(path)


@pytest.mark.parametrize("gold, pred, macro_f1, accuracy", [
    (["negative", "neutral", "positive"], ["negative", "neutral", "positive"], 1.0, 1.0),
    (["negative", "negative", "positive", "neutral"], ["negative"] * 4, round((2 / 3) / 3, 4), 0.5),
])
def test_scores_table(gold, pred, macro_f1, accuracy):
    result = scores(gold, pred)
    assert (result["macro_f1"], result["accuracy"]) == (macro_f1, accuracy)


def test_non_json_line_is_named(tmp_path):
    from click.testing import CliRunner

    from framing.cli import main

    path = tmp_path / "x.jsonl"
    path.write_text('{"sentence": "a", "mention": "a", "from": 0, "to": 1, "polarity": 0}\nnot json\n')
    result = CliRunner().invoke(main, ["evaluate", "newsmtsc", str(path)])
    assert result.exit_code == 2 and "line 2: not valid JSON" in result.output
