"""Sentiment: sentence-level VADER per paragraph, and a per-target (actor) scorer.

Two measures live here:

* the ``sentiment`` paragraph feature: VADER's compound score for each sentence
  (spaCy ``doc.sents``), averaged over the paragraph. VADER is never run on a
  whole paragraph: its compound is ``x / sqrt(x**2 + 15)`` over the summed
  valences, so long texts saturate towards +-1 (Hutto & Gilbert, ICWSM 2014).
* :func:`framing.sentiment.target.make_target_scorer`: a target-dependent score for one mention (an actor)
  in its sentence, used by the actors feature for every mention. It applies the
  model shipped in ``framing/models/`` (trained on NewsMTSC by
  ``framing train-sentiment``); without that file it falls back to
  dependency-scoped VADER valences (:func:`framing.sentiment.vader.lexicon_target_score`).
"""
from __future__ import annotations

import math
from typing import Any, Callable

from ..sentiment.vader import sentence_compounds, vader
from ..measures import Measure
from . import Context, register


@register("sentiment", version="1.0", table=None, columns=(),
          paragraph_columns=("sentiment", "n_sentences"), lexicons=(), needs_parse=True,
          measures=(Measure("sentiment", "mean", "sentiment", "sentiment",
                            "mean sentence-level VADER compound of a paragraph (-1 .. 1)", column="sentiment",
                            scale=1.0, rank=40, strip="sentiment",
                            unit="mean of paragraphs (sentence VADER compound)"),))
def make_sentiment(ctx: Context) -> Callable[[Any], tuple[list, dict]]:
    """Factory of the paragraph feature: mean sentence compound and sentence count.

    Returns:
        ``fn(doc) -> ([], {"sentiment": float|NaN, "n_sentences": int})``; an empty
        paragraph gives NaN sentiment (no sentence to score), never 0.
    """
    vader()  # set up once, here, not per paragraph

    def sentiment(doc) -> tuple[list, dict]:
        scores = sentence_compounds(doc)
        mean = sum(scores) / len(scores) if scores else math.nan
        return [], {"sentiment": mean, "n_sentences": len(scores)}

    return sentiment
