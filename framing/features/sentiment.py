"""Sentiment: sentence-level VADER per paragraph, and a per-target (actor) scorer.

Two measures live here:

* the ``sentiment`` paragraph feature: VADER's compound score for each sentence
  (spaCy ``doc.sents``), averaged over the paragraph. VADER is never run on a
  whole paragraph: its compound is ``x / sqrt(x**2 + 15)`` over the summed
  valences, so long texts saturate towards +-1 (Hutto & Gilbert, ICWSM 2014).
* :func:`make_target_scorer`: a target-dependent score for one mention (an actor)
  in its sentence, used by the actors feature for every mention. It applies the
  model shipped in ``framing/models/`` (trained on NewsMTSC by
  ``python -m framing.sentiment.model train``); without that file it falls back to
  dependency-scoped VADER valences (:func:`lexicon_target_score`).
"""
from __future__ import annotations

import hashlib
import math
from functools import lru_cache
from typing import Any, Callable

from . import Context, register

# VADER's own neutral band for compound scores (vaderSentiment README).
NEUTRAL_BAND = 0.05
# VADER's negation scalar (vaderSentiment.N_SCALAR): negated valence is multiplied by it.
NEGATION_SCALAR = -0.74


@lru_cache(maxsize=1)
def vader():
    """The VADER analyser (its lexicon load takes ~50 ms: do it once per process)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


def sentence_polarity(sent) -> dict[str, float]:
    """VADER scores of a sentence, memoised on its Doc: every mention in it and the
    paragraph feature share one call (``user_data`` is never serialised to the cache)."""
    memo = sent.doc.user_data.setdefault(("framing", "vader"), {})
    key = (sent.start, sent.end)
    if key not in memo:
        memo[key] = vader().polarity_scores(sent.text)
    return memo[key]


def sentence_compounds(doc) -> list[float]:
    """VADER compound for every non-blank sentence of ``doc``.

    Example:
        >>> sentence_compounds(nlp("Good. Bad."))     # doctest: +SKIP
        [0.4404, -0.5423]
    """
    return [sentence_polarity(s)["compound"] for s in doc.sents if s.text.strip()]


@register("sentiment", version="1.0", table=None, columns=(),
          paragraph_columns=("sentiment", "n_sentences"), lexicons=(), needs_parse=True)
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


def label_of(score: float, *, band: float = NEUTRAL_BAND) -> str:
    """Map a score in [-1, 1] to negative|neutral|positive with a neutral band."""
    if score >= band:
        return "positive"
    if score <= -band:
        return "negative"
    return "neutral"


def tree_distance(a, b) -> int:
    """Number of dependency arcs between tokens ``a`` and ``b`` of one sentence."""
    depth = {a.i: 0}
    for n, anc in enumerate(a.ancestors, 1):
        depth[anc.i] = n
    steps, tok = 0, b
    while tok.i not in depth:
        if tok.head.i == tok.i:  # different sentence roots: no path
            return 99
        tok, steps = tok.head, steps + 1
    return steps + depth[tok.i]


def is_negated(tok) -> bool:
    """True when ``tok`` or its head carries a ``neg`` dependent ("did not praise")."""
    return any(c.dep_ == "neg" for c in tok.children) or any(c.dep_ == "neg" for c in tok.head.children)


def lexicon_target_score(span) -> float:
    """Dependency-scoped VADER: valences weighted by 1/(1+d) tree distance to the target.

    Words inside the mention are ignored (a name is not an opinion); negated words
    are scaled by VADER's negation scalar; the sum is squashed like VADER's compound.

    Example:
        >>> doc = nlp("Russia praised Kazakhstan but condemned the West.")  # doctest: +SKIP
        >>> lexicon_target_score(doc[2:3]) > 0                                # doctest: +SKIP
        True
    """
    lexicon, root = vader().lexicon, span.root
    total = 0.0
    for tok in span.sent:
        valence = lexicon.get(tok.lower_)
        if valence is None or span.start <= tok.i < span.end:
            continue
        if is_negated(tok):
            valence *= NEGATION_SCALAR
        total += valence / (1 + tree_distance(root, tok))
    return total / math.sqrt(total * total + 15)  # VADER's normalisation (alpha = 15)


def make_target_scorer(ctx: Context | None = None) -> Callable[[Any, Any], tuple[float, str]]:
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
