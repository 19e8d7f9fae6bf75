"""Readability per paragraph: four textstat indices, NaN where a formula means nothing.

Indices (textstat 0.7.8, pinned in requirements.lock; syllables come from its
bundled pyphen dictionaries, so nothing is fetched at run time):

* ``flesch_reading_ease`` (Flesch 1948; higher = easier, ~0-100),
* ``fk_grade`` (Flesch-Kincaid grade level; Kincaid et al. 1975),
* ``gunning_fog`` (Gunning 1952; words of 3+ syllables, a news-writing classic),
* ``smog_index`` (McLaughlin 1969; polysyllables per 30 sentences).

Fog and SMOG complement the two Flesch formulas: both count *polysyllabic*
words rather than average syllables, which separates jargon-heavy diplomatic
prose ("multilateralism", "denuclearisation") from long but plain sentences.

Degradation (DESIGN rule 6): textstat returns 0.0 for empty text and wild
extrapolations for a few words ("Hi." has Flesch 121, grade -3.4), so every
index is NaN below ``MIN_WORDS`` words. SMOG is defined on a 30-sentence sample;
textstat scales any count up to 30, so a one-sentence paragraph is multiplied
by 30. We report it from ``MIN_SMOG_SENTENCES`` sentences up (the threshold
textstat itself used before 0.7) and NaN below: read paragraph SMOG as an
extrapolation and prefer it aggregated per article or source.
"""
from __future__ import annotations

import math
from typing import Any, Callable

from ..measures import Measure
from . import Context, register

COLUMNS = ("flesch_reading_ease", "fk_grade", "gunning_fog", "smog_index")
MIN_WORDS = 10  # below this, the formulas' per-word/per-sentence ratios are noise
MIN_SMOG_SENTENCES = 3


def readability_scores(text: str) -> dict[str, float]:
    """The four indices for ``text`` (NaN when too short to mean anything).

    Args:
        text: plain paragraph text.

    Returns:
        ``{column: float}`` for :data:`COLUMNS`.

    Example:
        >>> readability_scores("")["fk_grade"]
        nan
    """
    import textstat

    nan = dict.fromkeys(COLUMNS, math.nan)
    if textstat.lexicon_count(text) < MIN_WORDS:
        return nan
    scores = {
        "flesch_reading_ease": textstat.flesch_reading_ease(text),
        "fk_grade": textstat.flesch_kincaid_grade(text),
        "gunning_fog": textstat.gunning_fog(text),
        "smog_index": textstat.smog_index(text),
    }
    if textstat.sentence_count(text) < MIN_SMOG_SENTENCES:
        scores["smog_index"] = math.nan
    return {k: float(v) for k, v in scores.items()}


@register("readability", version="1.0", table=None, columns=(),
          paragraph_columns=COLUMNS, lexicons=(), needs_parse=False,
          measures=(Measure("flesch_reading_ease", "mean", "readability", "FRE",
                            "Flesch reading ease of a paragraph (higher is easier)", column="flesch_reading_ease",
                            scale=1.0, rank=50, strip="FRE"),
                    Measure("fk_grade", "mean", "readability", "FK grade",
                            "Flesch-Kincaid grade level of a paragraph", column="fk_grade", scale=1.0, rank=51)))
def make_readability(ctx: Context) -> Callable[[Any], tuple[list, dict]]:
    """Factory of the readability feature: ``fn(doc) -> ([], {index: value})``.

    The registry passes a spaCy Doc; only ``doc.text`` is used (no parse needed).
    """
    import textstat  # noqa: F401  (import once here, not per paragraph)

    def readability(doc) -> tuple[list, dict]:
        return [], readability_scores(doc.text)

    return readability
