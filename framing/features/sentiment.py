"""Sentiment: sentence-level VADER per paragraph, and a per-target (actor) scorer.

Two measures live here:

* the ``sentiment`` paragraph feature: VADER's compound score for each sentence
  (spaCy ``doc.sents``), averaged over the paragraph. VADER is never run on a
  whole paragraph: its compound is ``x / sqrt(x**2 + 15)`` over the summed
  valences, so long texts saturate towards +-1 (Hutto & Gilbert, ICWSM 2014).
* :func:`make_target_scorer`: a target-dependent score for one mention (an actor)
  in its sentence, used by the actors feature for every mention. It applies the
  model shipped in ``framing/models/`` (trained on NewsMTSC by
  ``python -m framing.sentiment_model train``); without that file it falls back to
  dependency-scoped VADER valences (:func:`lexicon_target_score`).

On news the model alone misses how a sentence presents an actor through its role in
an act (issue 8; the news gold's ANNOTATION.md): "the war started by Russia" is negative
toward Russia whatever upbeat words stand nearby. :func:`target_cue` reads the actor's
place in a cue from the ``target_cues`` lexicon -- the agent of a harmful act, the one
blamed, accused or sanctioned (negative); the one praised, thanked or supported
(positive); a loaded label ("invaders", "regime") -- and a negative or positive cue
decides the label. Where a cue puts the actor in an unevaluated place (the victim of an
attack, the one who criticises or thanks) it says "neutral" and the model decides: a
neutral override and a neutral band for peripheral mentions were measured to help on the
news gold but to lower NewsMTSC dev, so they are not applied (see the CHANGELOG).
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
# Score given with a cue label that overrides the model's (the model's score is kept
# when it already gives the cue's label).
CUE_SCORE = {"negative": -0.5, "positive": 0.5}
# What an actor "does" syntactically in a cue (see target_cue).
_AGENT_PREPS = {"by", "from"}
_TARGET_PREPS = {"on", "against", "upon", "at"}
_RECIPIENT_PREPS = {"for", "to", "with"}
# Peripheral places of a country or nationality mention (issue 8): the object of a
# preposition of place, relation or inclusion ("talks in Ukraine", "ties with Russia",
# "including China") or a noun-compound modifier ("the Russia investigation"). There a
# polar model label needs an evaluative word of its own polarity within
# SCOPE_ARCS dependency arcs of the mention, else it is sentence tone, not a judgement
# of the actor, and the label is neutral.
_PERIPHERAL_PREPS = {"in", "within", "between", "at", "near", "across", "throughout", "from", "to",
                     "with", "of", "into", "on", "over", "inside", "include"}
_PLACE_ENTS = {"GPE", "NORP"}
SCOPE_ARCS = 3


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


def cue_table(table) -> dict[tuple[str, str], str]:
    """``(lemma, "verb"|"noun") -> cue`` from the ``target_cues`` lexicon table."""
    return {(str(l).lower(), str(p).lower()): str(c).lower()
            for l, p, c in zip(table["lemma"], table["pos"], table["cue"])}


def _cue(cues, tok, pos: str) -> str | None:
    return cues.get((tok.lemma_.lower(), pos)) or cues.get((tok.lower_, pos))


def _negated(tok) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


def _is_verb(tok) -> bool:
    return tok.pos_ in ("VERB", "AUX")


def _started_harm(verb, cues) -> bool:
    """A starting verb whose object -- or the noun it modifies ("the war started by X") -- is a
    harm, or is aimed "against" someone ("launched an operation against Y")."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj", "nsubjpass")]
    if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
        objects.append(verb.head)
    aimed = any(c.dep_ == "prep" and c.lower_ == "against" for o in (verb, *objects) for c in o.children)
    return aimed or any(_cue(cues, o, "noun") == "harm" for o in objects)


def _verb_cue(verb, cues) -> str | None:
    if any(c.dep_ == "mark" and c.lower_ in _HYPOTHETICAL for c in verb.children):
        return None  # only asked about or supposed: not presented as done
    cue = _cue(cues, verb, "verb")
    if cue == "begin":
        return "harm" if _started_harm(verb, cues) else None
    return cue


# What each cue says about its agent and its patient.
_AS_AGENT = {"harm": "negative", "blame": "neutral", "praise": "neutral"}
_AS_PATIENT = {"harm": "neutral", "blame": "negative", "praise": "positive"}
# Clause openers under which an act is only asked about or supposed ("whether X should attack").
_HYPOTHETICAL = {"whether", "if"}


def _climb(tok):
    """From a mention's head up through conjunctions, appositions and of-genitives of
    non-cue nouns ("the position of NATO member states" -> "position")."""
    for _ in range(6):
        if tok.dep_ in ("conj", "appos") and tok.head is not tok:
            tok = tok.head
        else:
            break
    return tok


def target_cue(span, cues: dict[tuple[str, str], str]) -> str | None:
    """The label a cue word gives mention ``span``, or None when no cue applies.

    Example:
        >>> target_cue(doc[7:8], cues)   # "after the war started by Russia"  # doctest: +SKIP
        'negative'
    """
    from .agency import head_token

    if any(_cue(cues, t, "noun") == "loaded" for t in span if t.pos_ in ("NOUN", "PROPN")):
        return "negative"  # "Russian invaders", "the occupiers"
    tok = _climb(head_token(span))
    for _ in range(4):
        head, dep = tok.head, tok.dep_
        if head is tok:
            return None
        if not (dep in ("poss", "amod", "compound", "nmod") and head.pos_ in ("NOUN", "PROPN")):
            break
        cue = _cue(cues, head, "noun")
        if cue == "loaded":
            return "negative"  # "the Putin regime", "Kiev junta"
        if cue in _AS_AGENT and dep != "compound":
            return None if _negated(head) else _AS_AGENT[cue]  # "Russia's aggression", "US support"
        if cue is not None:
            return None
        tok = _climb(head)  # "NATO member states", "Russia's troops": read the whole noun phrase
    head, dep = tok.head, tok.dep_
    if dep == "nsubj" and _is_verb(head):
        if head.lemma_ == "be":
            attr = next((c for c in head.children if c.dep_ == "attr"), None)
            if attr is not None and _cue(cues, attr, "noun") == "loaded" and not _negated(head):
                return "negative"  # "X is an aggressor"
            return None
        cue = _verb_cue(head, cues)
        return None if cue is None or _negated(head) else _AS_AGENT[cue]
    if dep == "nsubjpass" and _is_verb(head):
        cue = _verb_cue(head, cues)
        return None if cue is None or _negated(head) else _AS_PATIENT[cue]
    if dep in ("dobj", "obj", "dative") and _is_verb(head):
        cue = _verb_cue(head, cues)
        return None if cue is None or _negated(head) else _AS_PATIENT[cue]
    if dep == "pobj" and head.dep_ in ("prep", "agent"):
        return _prepositional_cue(tok, head, cues)
    return None


def _prepositional_cue(tok, prep, cues) -> str | None:
    """Cues reached through a preposition: by-agents, "threats from X", "aggression of X
    against Y", "sanctions on X", "support for X", "thanked ... for the position of X"."""
    word, gov = prep.lower_, prep.head
    if prep.dep_ == "agent" or (word == "by" and _is_verb(gov)):
        cue = _verb_cue(gov, cues)
        return None if cue is None or _negated(gov) else _AS_AGENT[cue]
    if word == "with" and _is_verb(gov) and _verb_cue(gov, cues) == "harm" and not _negated(gov):
        return "negative"  # "colluded with X": a partner in the act shares it
    if gov.pos_ in ("NOUN", "PROPN"):
        cue = _cue(cues, gov, "noun")
        if cue is None or cue == "loaded":
            outer = gov.head if gov.dep_ == "pobj" and gov.head.dep_ == "prep" else None
            if outer is not None and word == "of":
                return _prepositional_cue(gov, outer, cues)  # "the position of X" inside a cue
            if outer is not None and word in _TARGET_PREPS and outer.lower_ == "of" \
                    and _cue(cues, outer.head, "noun") == "harm":
                return "neutral"  # "aggression of X against Y" parsed with "against Y" under X
            return None
        if word in _AGENT_PREPS or (word == "between" and cue == "harm"):
            return _AS_AGENT.get(cue)  # "threats from X", "collusion between X and Y"
        if word == "of":
            targets = [c for t in (gov, tok) for c in t.children if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS]
            if cue == "harm" and targets:
                return "negative"  # "aggression of X against Y": X is the agent
            return _AS_PATIENT.get(cue) if cue != "harm" else "neutral"  # "the invasion of Y"
        if word in _TARGET_PREPS:
            return _AS_PATIENT.get(cue)  # "sanctions on X", "attacks on X" (neutral)
        if word in _RECIPIENT_PREPS and cue == "praise":
            return "positive"  # "support for X", "gratitude to X"
        return None
    if _is_verb(gov) and word == "for" and _cue(cues, gov, "verb") == "praise" and not _negated(gov):
        return "positive"  # "thanked X for ...": what it is thanked for is presented positively
    return None


def peripheral_place(span) -> bool:
    """True when ``span`` names a country or nationality in a peripheral place: the object of
    a preposition of place/relation/inclusion or a noun-compound modifier (see
    ``_PERIPHERAL_PREPS``), after climbing conjunctions and appositions.

    Example:
        >>> peripheral_place(doc[4:5])   # "Talks were held in Ukraine."   # doctest: +SKIP
        True
    """
    from .agency import head_token

    if span.root.ent_type_ not in _PLACE_ENTS:
        return False
    tok = _climb(head_token(span))
    if tok.dep_ == "compound":
        return True
    return tok.dep_ == "pobj" and tok.head.lemma_.lower() in _PERIPHERAL_PREPS


def linked_valence(span, sign: int, *, arcs: int = SCOPE_ARCS) -> bool:
    """True when a VADER word of polarity ``sign`` (+1/-1) outside ``span`` lies within
    ``arcs`` dependency arcs of the mention's root: an evaluation syntactically tied to it."""
    lexicon, root = vader().lexicon, span.root
    for tok in span.sent:
        valence = lexicon.get(tok.lower_)
        if valence is None or span.start <= tok.i < span.end or valence * sign <= 0:
            continue
        if tree_distance(root, tok) <= arcs:
            return True
    return False


def make_target_scorer(ctx: Context | None = None) -> Callable[[Any, Any], tuple[float, str]]:
    """A scorer ``(doc, span) -> (score in [-1, 1], label)`` for one target mention.

    The label comes from a negative or positive :func:`target_cue` when one applies,
    else from the shipped NewsMTSC model (without the model file, from
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
    from .. import sentiment_model
    from ..lexicons import load

    cues = cue_table((ctx.lexicon("target_cues") if ctx is not None else load("target_cues")).table)
    model = sentiment_model.load_model()
    vader()

    def scorer(doc, span) -> tuple[float, str]:
        if model is not None:
            score, label = model.score(doc, span)
        else:
            score = lexicon_target_score(span)
            label = label_of(score)
        cue = target_cue(span, cues)
        if cue in ("negative", "positive"):
            return (CUE_SCORE[cue], cue) if cue != label else (score, label)  # score agrees with label
        if label != "neutral" and peripheral_place(span) \
                and not linked_valence(span, 1 if label == "positive" else -1):
            return 0.0, "neutral"  # sentence tone near a place mention, not a judgement of it
        return score, label

    return scorer


# Version of the decision rules above (how cues are read): part of the digest.
RULES_VERSION = "4"


def scorer_digest() -> str:
    """Hash of what the target scorer depends on (model file, else the lexicon fallback,
    and the version of the cue rules)."""
    from .. import sentiment_model

    data = sentiment_model.model_bytes()
    base = hashlib.sha256(data).hexdigest()[:16] if data else "lexicon-fallback-1"
    return f"{base}-r{RULES_VERSION}"
