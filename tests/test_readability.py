"""Readability: four textstat indices per paragraph, NaN (never 0.0) when too short."""
from __future__ import annotations

import math

import pytest

from framing.features import REGISTRY
from framing.features.readability import COLUMNS, readability_scores

PLAIN = "The cat sat on the mat. The dog ran to the park. The sun was warm and the day was long."
DENSE = ("Multilateral institutionalisation of intergovernmental cooperation necessitates "
         "comprehensive harmonisation of regulatory methodologies. Consequently, "
         "administrative interoperability remains fundamentally aspirational. "
         "Implementation accordingly depends on unprecedented political determination.")


@pytest.mark.parametrize("text", ["", "   ", "Hi.", "Russia and China met today."])
def test_too_short_is_nan_not_zero(text):
    assert all(math.isnan(v) for v in readability_scores(text).values())


@pytest.mark.parametrize("text, smog_nan", [
    (PLAIN, False),                                                     # 3 sentences
    ("Russia has long regarded Central Asia as its backyard, although China now builds roads.", True),
])
def test_smog_needs_three_sentences(text, smog_nan):
    scores = readability_scores(text)
    assert math.isnan(scores["smog_index"]) is smog_nan
    assert not math.isnan(scores["fk_grade"])


@pytest.mark.parametrize("easier, harder", [(PLAIN, DENSE)])
def test_indices_order_plain_before_dense(easier, harder):
    a, b = readability_scores(easier), readability_scores(harder)
    assert a["flesch_reading_ease"] > b["flesch_reading_ease"]
    for col in ("fk_grade", "gunning_fog", "smog_index"):
        assert a[col] < b[col], col


def test_registered_feature_uses_doc_text(nlp):
    feature = REGISTRY["readability"]
    assert feature.paragraph_columns == COLUMNS and not feature.needs_parse
    rows, summary = feature.factory(None)(nlp.make_doc(PLAIN))
    assert rows == [] and summary == readability_scores(PLAIN)
