"""VADER helpers: the analyser, memoised sentence scores, labels, and a dependency-scoped target score."""
from __future__ import annotations

import math
from functools import lru_cache

from ..docmemo import heads, text

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
    if key not in memo:  # the Doc's own characters: the same string as sent.text, without a walk of its tokens
        memo[key] = vader().polarity_scores(text(sent.doc)[sent.start_char:sent.end_char])
    return memo[key]


def sentence_compounds(doc) -> list[float]:
    """VADER compound for every non-blank sentence of ``doc``.

    Example:
        >>> sentence_compounds(nlp("Good. Bad."))     # doctest: +SKIP
        [0.4404, -0.5423]
    """
    return [sentence_polarity(s)["compound"] for s in doc.sents if s.text.strip()]


def label_of(score: float, *, band: float = NEUTRAL_BAND) -> str:
    """Map a score in [-1, 1] to negative|neutral|positive with a neutral band."""
    if score >= band:
        return "positive"
    if score <= -band:
        return "negative"
    return "neutral"


def tree_distance(a, b) -> int:
    """Number of dependency arcs between tokens ``a`` and ``b`` of one sentence."""
    return index_distance(heads(a.doc), a.i, b.i)


def index_distance(head: list[int], a: int, b: int) -> int:
    """:func:`tree_distance` between the tokens at ``a`` and ``b``, given :func:`heads`."""
    depth, n, t = {a: 0}, 0, a
    while head[t] != t:
        t, n = head[t], n + 1
        depth[t] = n
    steps, t = 0, b
    while t not in depth:
        if head[t] == t:  # different sentence roots: no path
            return 99
        t, steps = head[t], steps + 1
    return steps + depth[t]


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
