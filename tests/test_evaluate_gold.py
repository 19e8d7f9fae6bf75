"""News-gold evaluation: span matching, scoring rules, reading, and the dev split."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from framing.cli import main
from framing.errors import InputError
from framing.evaluate.gold import Tally, macro_f1, match, read_gold, score_paragraph
from framing.evaluate.kinds import evaluate_kinds, predict_kinds, read_kinds

from conftest import shared_file


@pytest.mark.parametrize("gold, system, expected", [
    ([(0, 5)], [(0, 5)], {0: 0}),
    ([(0, 5)], [(5, 9)], {}),                               # touching is not overlapping
    ([(0, 5), (10, 15)], [(12, 20), (3, 11)], {0: 1, 1: 0}),
    ([(0, 10), (2, 4)], [(1, 3)], {0: 0}),                  # one-to-one: first gold in text order wins
    ([(0, 10)], [(0, 2), (3, 9)], {0: 1}),                  # largest overlap
    ([], [(0, 1)], {}),
])
def test_match(gold, system, expected):
    assert match(gold, system) == expected


def _rec(text, actors=(), terms=(), cues=()):
    def spans(items):
        out = []
        for word, extra in items:
            start = text.index(word)
            out.append({"span": word, "occurrence": 1, "start": start, "end": start + len(word), **extra})
        return out
    return {"id": "t", "text": text, "outlet_type": "US outlet (left)", "source": "S",
            "actors": spans(actors), "terms": spans(terms), "cues": spans(cues)}


def _sys(text, word, **extra):
    start = text.index(word)
    return {"start": start, "end": start + len(word), **extra}


TEXT = "Russia invaded Ukraine, Lavrov said, and he may be right about the special military operation."


@pytest.mark.parametrize("system, figure, expected", [
    # a perfect system
    ({"actors": [_sys(TEXT, "Russia", bloc="russia", role="agent", sentiment_label="negative"),
                 _sys(TEXT, "Ukraine", bloc="ukraine", role="patient", sentiment_label="neutral")],
      "terms": [_sys(TEXT, "special military operation", side="russia")],
      "cues": [_sys(TEXT, "said", category="attribution"), _sys(TEXT, "may", category="hedge")]},
     lambda r: (r["actors"]["f1"], r["actors"]["role_accuracy"], r["terms"]["f1"], r["cues"]["hedge"]["f1"]),
     (1.0, 1.0, 1.0, 1.0)),
    # a term with the wrong side is a miss and a spurious hit; a bloc-other system mention is left out
    ({"actors": [_sys(TEXT, "Russia", bloc="russia", role="patient", sentiment_label="neutral"),
                 _sys(TEXT, "Lavrov", bloc="other", role="agent", sentiment_label="neutral")],
      "terms": [_sys(TEXT, "special military operation", side="west")], "cues": []},
     lambda r: (r["actors"]["precision"], r["actors"]["recall"], r["actors"]["role_accuracy"],
                r["terms"]["f1"], r["cues"]["attribution"]["recall"]),
     (1.0, 0.5, 0.0, 0.0, 0.0)),
])
def test_score_paragraph(system, figure, expected):
    rec = _rec(TEXT, actors=[("Russia", {"actor": "Russia", "bloc": "russia", "role": "agent",
                                          "sentiment": "negative", "coref": False}),
                             ("Ukraine", {"actor": "Ukraine", "bloc": "ukraine", "role": "patient",
                                          "sentiment": "neutral", "coref": False}),
                             ("he", {"actor": "Russia", "bloc": "russia", "role": "agent",
                                     "sentiment": "neutral", "coref": True})],
               terms=[("special military operation", {"concept": "war_name", "side": "russia"})],
               cues=[("said", {"category": "attribution"}), ("may", {"category": "hedge"})])
    tally = Tally()
    score_paragraph(rec, system, [tally])
    assert figure(tally.result()) == expected


def test_macro_f1_skips_labels_absent_from_both():
    assert macro_f1([("neutral", "neutral")], ("negative", "neutral", "positive")) == 1.0


@pytest.mark.parametrize("line, message", [
    ("not json", "not valid JSON"),
    ('{"id": "x", "text": "t"}', "missing field"),
    ('{"id": "x", "text": "abc", "actors": [{"span": "b", "start": 0, "end": 1}], "terms": [], "cues": []}',
     "do not point at its span"),
])
def test_read_gold_errors(tmp_path, line, message):
    path = tmp_path / "g.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_gold(path)


def test_cli_gold_bad_file_is_one_line_exit_2(tmp_path):
    path = tmp_path / "g.jsonl"
    path.write_text("{}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", "gold", str(path)])
    assert result.exit_code == 2 and "missing field" in result.output
    assert len(result.output.strip().splitlines()) == 1


@pytest.mark.parametrize("lines, expected", [
    (["By Jane Doe", "A long body sentence that says what happened in the capital on Monday."],
     ["byline", "body"]),
])
def test_predict_kinds(lines, expected):
    assert predict_kinds(lines) == expected


def test_read_kinds_rejects_unknown_kind(tmp_path):
    path = tmp_path / "k.jsonl"
    path.write_text(json.dumps({"lines": ["a"], "kinds": ["footer"]}) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown kind"):
        read_kinds(path)


def test_gold_dev_split_runs_the_report_code():
    """The dev split scores through the CLI; figures are sane and broken down by genre."""
    path = shared_file("data/news_gold/dev.jsonl")
    result = CliRunner().invoke(main, ["evaluate", "gold", str(path)])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["n_paragraphs"] == 79
    assert set(out["by_outlet_group"]) == {"US outlet", "government release"}
    for key in ("f1", "role_accuracy", "sentiment_macro_f1"):
        assert 0.0 < out["overall"]["actors"][key] <= 1.0
    assert out["overall"]["actors"]["n_gold"] > 300


def test_kinds_dev_split():
    out = evaluate_kinds(shared_file("data/news_gold/kinds_dev.jsonl"))
    assert out["overall"]["lines"] == 223 and 0.9 < out["overall"]["accuracy"] <= 1.0
