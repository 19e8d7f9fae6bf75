"""The per-target (actor mention) sentiment scorer: the shipped model, else dependency-scoped VADER."""
from __future__ import annotations

import hashlib
from typing import Any, Callable

from ..features.agency import opposed_prefix
from .cues import (cue_detail, cue_table, direct_victim, in_link_strip, linked_valence, peripheral_place,
                   situation_place, speech_content, valence_outside)
from .vader import label_of, lexicon_target_score, vader

# Score given with a cue label that overrides the model's (the model's score is kept
# when it already gives the cue's label).
CUE_SCORE = {"negative": -0.5, "positive": 0.5}
# Version of the cue decision rules (framing.sentiment.cues): part of the digest.
RULES_VERSION = "8"


def make_target_scorer(ctx=None) -> Callable[[Any, Any], tuple[float, str]]:
    """A scorer ``(doc, span) -> (score in [-1, 1], label)`` for one target mention.

    A mention inside a link strip (:func:`~framing.sentiment.cues.link_strips`) is neutral.
    Otherwise the label comes from a negative or positive :func:`~framing.sentiment.cues.target_cue`
    when one applies, else from the shipped NewsMTSC model (without the model file, from
    :func:`lexicon_target_score`).

    Args:
        ctx: the feature context; its ``target_cues`` lexicon (user overrides apply).
            Without a context the packaged lexicon is used.

    Returns:
        ``scorer(doc, span)``; ``span`` is the mention (a spaCy Span of ``doc``).

    Example:
        >>> score = make_target_scorer()                      # doctest: +SKIP
        >>> score(doc, doc[2:3])                              # doctest: +SKIP
        (0.41, 'positive')
    """
    from ..lexicons import load
    from ..sentiment import model as sentiment_model

    cues = cue_table((ctx.lexicon("target_cues") if ctx is not None else load("target_cues")).table)
    model = sentiment_model.load_model()
    vader()

    def scorer(doc, span) -> tuple[float, str]:
        if in_link_strip(span):
            return 0.0, "neutral"  # a hover card of related headlines, not the article's text
        if opposed_prefix(span):
            return 0.0, "neutral"  # "anti-Russian sanctions": what is against X is no judgement of X
        if model is not None:
            score, label = model.score(doc, span)
        else:
            score = lexicon_target_score(span)
            label = label_of(score)
        cue = cue_detail(span, cues)
        if cue in ("negative", "positive"):
            return (CUE_SCORE[cue], cue) if cue != label else (score, label)  # score agrees with label
        if label == "neutral":
            return score, label
        sign = 1 if label == "positive" else -1
        if situation_place(span) or (peripheral_place(span) and not linked_valence(span, sign)):
            return 0.0, "neutral"  # sentence tone near a place mention, not a judgement of it
        if cue == "victim" and direct_victim(span):
            return 0.0, "neutral"  # being attacked is not by itself negative toward the victim
        content = speech_content(span)
        if content is not None and not valence_outside(span, sign, content):
            return 0.0, "neutral"  # the polarity is in what the speaker says, not about the speaker
        return score, label

    return scorer


def scorer_digest() -> str:
    """Hash of what the target scorer depends on (model file, else the lexicon fallback,
    and the version of the cue rules)."""
    from ..sentiment import model as sentiment_model

    data = sentiment_model.model_bytes()
    base = hashlib.sha256(data).hexdigest()[:16] if data else "lexicon-fallback-1"
    return f"{base}-r{RULES_VERSION}"
