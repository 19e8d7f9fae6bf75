"""Hedge evaluation: XML reading (SFU and BioScope styles), scoring, and a slice of SFU."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from framing.errors import InputError
from framing.evaluate.hedges import evaluate_hedges, prf, sentence_units

from conftest import shared_file

SFU = """<?xml version="1.0" encoding="UTF-8"?>
<DOCUMENT><P>
<SENTENCE><W>The</W><W>plot</W><cue ID="1" type="speculation"><W>may</W></cue><W>confuse</W><W>you</W><W>.</W></SENTENCE>
<SENTENCE><W>It</W><W>was</W><cue ID="2" type="negation"><W>not</W></cue><W>good</W><W>.</W></SENTENCE>
<SENTENCE><W>I</W><cue ID="3" type="speculation"><W>think</W></cue><W>it</W><W>is</W><W>dull</W><W>.</W></SENTENCE>
<SENTENCE><W>It</W><W>costs</W><W>about</W><W>40</W><W>dollars</W><W>.</W></SENTENCE>
</P></DOCUMENT>"""

BIOSCOPE = """<Annotation><DocumentSet><Document><DocumentPart>
<sentence id="S1">These results <cue type="speculation" ref="X1">suggest</cue> that the gene is active.</sentence>
<sentence id="S2">The gene is active.</sentence>
</DocumentPart></Document></DocumentSet></Annotation>"""


@pytest.mark.parametrize("xml, expected", [
    ('<SENTENCE><W>It</W><cue type="speculation"><W>may</W></cue><W>rain</W></SENTENCE>',
     ("It may rain", [(0, 2, False), (3, 6, True), (7, 11, False)])),
    ('<SENTENCE><cue type="negation"><W>No</W></cue><W>rain</W></SENTENCE>',
     ("No rain", [(0, 2, False), (3, 7, False)])),
    ('<sentence>It <cue type="speculation">might</cue> rain.</sentence>',
     ("It might rain.", [(0, 2, False), (3, 8, True), (9, 14, False)])),
])
def test_sentence_units(xml, expected):
    assert sentence_units(ET.fromstring(xml)) == expected


@pytest.mark.parametrize("tp, fp, fn, expected", [
    (3, 1, 2, {"precision": 0.75, "recall": 0.6, "f1": 0.6667}),
    (0, 0, 0, {"precision": None, "recall": None, "f1": None}),
    (0, 2, 2, {"precision": 0.0, "recall": 0.0, "f1": 0.0}),
])
def test_prf(tp, fp, fn, expected):
    assert prf(tp, fp, fn) == expected


@pytest.mark.parametrize("text, gold_sentences, token", [
    # 'may' and 'think' found; 'about 40' is our approximator but not SFU speculation (1 FP)
    (SFU, 2, {"precision": 0.6667, "recall": 1.0, "f1": 0.8}),
    (BIOSCOPE, 1, {"precision": 1.0, "recall": 1.0, "f1": 1.0}),
])
def test_synthetic_files(tmp_path, text, gold_sentences, token):
    path = tmp_path / "doc.xml"
    path.write_text(text, encoding="utf-8")
    result = evaluate_hedges(path)
    assert result["n_gold_sentences"] == gold_sentences
    assert result["token"] == token


def test_folder_without_sentences_is_an_input_error(tmp_path):
    (tmp_path / "empty.xml").write_text("<DOCUMENT/>", encoding="utf-8")
    with pytest.raises(InputError, match="no <SENTENCE>"):
        evaluate_hedges(tmp_path)


def test_missing_path_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        evaluate_hedges(tmp_path / "nope")


def test_sfu_slice():
    result = evaluate_hedges(shared_file("data/hedges/sfu_review"), limit=300)
    assert result["n_sentences"] == 300
    assert result["n_gold_cue_tokens"] > 0
    for level in ("token", "sentence"):
        assert set(result[level]) == {"precision", "recall", "f1"}
        assert all(0.0 <= v <= 1.0 for v in result[level].values())
    # a lexicon of Hyland hedges should find real speculation cues, not noise
    assert result["token"]["precision"] > 0.5 and result["sentence"]["recall"] > 0.3
