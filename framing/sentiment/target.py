"""The per-target (actor mention) sentiment scorer: the shipped model, else dependency-scoped VADER."""
from __future__ import annotations

import hashlib
from typing import Any, Callable

from .vader import label_of, lexicon_target_score, vader


def make_target_scorer(ctx=None) -> Callable[[Any, Any], tuple[float, str]]:
    """A scorer ``(doc, span) -> (score in [-1, 1], label)`` for one target mention.

    Uses the shipped NewsMTSC model when present, else :func:`lexicon_target_score`.

    Args:
        ctx: the feature context (unused today; kept so scorers can take lexicons).

    Returns:
        ``scorer(doc, span)``; ``span`` is the mention (a spaCy Span of ``doc``).

    Example:
        >>> score = make_target_scorer()                      # doctest: +SKIP
        >>> score(doc, doc[2:3])                              # doctest: +SKIP
        (0.41, 'positive')
    """
    from ..sentiment import model as sentiment_model

    model = sentiment_model.load_model()
    if model is not None:
        return model.score
    vader()

    def scorer(doc, span) -> tuple[float, str]:
        score = lexicon_target_score(span)
        return score, label_of(score)

    return scorer


def scorer_digest() -> str:
    """Hash of what the target scorer depends on (model file, else the lexicon fallback)."""
    from ..sentiment import model as sentiment_model

    data = sentiment_model.model_bytes()
    return hashlib.sha256(data).hexdigest()[:16] if data else "lexicon-fallback-1"
