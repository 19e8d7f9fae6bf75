"""Sentiment: sentence-averaged VADER per paragraph, and the per-target scorer."""
from __future__ import annotations

import math

import pytest

from framing.features import REGISTRY
from framing.sentiment.target import make_target_scorer, scorer_digest
from framing.sentiment.vader import label_of, lexicon_target_score, sentence_compounds, vader
from framing.sentiment.model import load_model

# Five mildly positive sentences: each sentence is moderate, but VADER on the whole
# paragraph sums the valences and its compound saturates towards 1.
MILD = " ".join(["The talks were good."] * 5)
MIXED = "The talks were good. The war was terrible."


@pytest.fixture(scope="module")
def paragraph_feature():
    return REGISTRY["sentiment"].factory(None)


@pytest.mark.parametrize("text, n_sentences", [(MILD, 5), (MIXED, 2), ("Good.", 1)])
def test_paragraph_sentiment_is_mean_of_sentences(nlp, paragraph_feature, text, n_sentences):
    doc = nlp(text)
    rows, summary = paragraph_feature(doc)
    scores = sentence_compounds(doc)
    assert rows == [] and summary["n_sentences"] == n_sentences == len(scores)
    assert summary["sentiment"] == pytest.approx(sum(scores) / len(scores))


@pytest.mark.parametrize("text", [MILD])
def test_sentence_mean_avoids_whole_paragraph_saturation(nlp, paragraph_feature, text):
    whole = vader().polarity_scores(text)["compound"]
    mean = paragraph_feature(nlp(text))[1]["sentiment"]
    assert whole > 0.9 and mean < whole - 0.3


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_paragraph_is_nan(nlp, paragraph_feature, text):
    summary = paragraph_feature(nlp(text))[1]
    assert math.isnan(summary["sentiment"]) and summary["n_sentences"] == 0


@pytest.mark.parametrize("score, label", [(0.5, "positive"), (0.05, "positive"), (0.0, "neutral"),
                                          (-0.049, "neutral"), (-0.05, "negative")])
def test_label_band(score, label):
    assert label_of(score) == label


CONTRAST = "Russia praised Kazakhstan but condemned the West."
TARGETS = [
    (CONTRAST, "West", "negative"),
    pytest.param(CONTRAST, "Kazakhstan", "positive", marks=pytest.mark.xfail(
        reason="sentence bag-of-words and 'condemned' outweigh the praise clause for the object")),
    ("Putin accused NATO of aggression.", "NATO", "negative"),
    ("Critics said Tokayev crushed the protests brutally.", "Tokayev", "negative"),
    ("The EU welcomed the brave Ukrainian soldiers.", "The EU", "positive"),
    ("Lavrov met his Chinese counterpart in Beijing.", "Beijing", "neutral"),
    ("Kazakhstan's president was praised for his wise leadership.", "Kazakhstan", "positive"),
    ("Moscow was not criticised by anyone.", "Moscow", "neutral"),
]


def _span(doc, mention):
    start = doc.text.index(mention)
    return doc.char_span(start, start + len(mention), alignment_mode="expand")


@pytest.mark.parametrize("text, mention, expected", TARGETS)
def test_target_scorer_labels(nlp, text, mention, expected):
    doc = nlp(text)
    score, label = make_target_scorer()(doc, _span(doc, mention))
    assert -1.0 <= score <= 1.0
    assert label == expected


@pytest.mark.parametrize("text, target, other", [(CONTRAST, "Kazakhstan", "West")])
def test_contrasting_targets_differ_in_score(nlp, text, target, other):
    doc = nlp(text)
    scorer = make_target_scorer()
    assert scorer(doc, _span(doc, target))[0] > scorer(doc, _span(doc, other))[0]
    assert lexicon_target_score(_span(doc, target)) > lexicon_target_score(_span(doc, other))


def test_model_ships_and_digest_is_its_hash():
    assert load_model() is not None
    digest = scorer_digest()
    assert len(digest) == 16 and digest == scorer_digest() and "fallback" not in digest
