"""The ``actors`` feature: one row per actor mention with its agency and target sentiment.

Each row has a ``kind``: ``actor``, ``place`` ("in Ukraine") or ``origin`` ("Russian
gas"), see :mod:`framing.actor_usage`; the paragraph counts count actors only.
Sentences that are not English (:func:`framing.language.is_english`) give no rows.

Composes :class:`framing.actors.ActorMatcher` (registry + NER fallback),
:func:`framing.features.agency.analyse` (role, voice, governing verb), the
``agency_verbs`` lexicon (verb connotation) and the target sentiment scorer from
:mod:`framing.sentiment.target`.

Example:
    >>> fn = make_actors(Context(nlp, LexiconSet()))          # doctest: +SKIP
    >>> rows, summary = fn(nlp("Kyrgyzstan closed the U.S. base."))   # doctest: +SKIP
    >>> rows[0]["actor"], rows[0]["role"], rows[0]["verb"]    # doctest: +SKIP
    ('kyrgyzstan', 'agent', 'close')
"""
from __future__ import annotations

from typing import Any, Callable

import pandas as pd

from ..actors import ActorMatcher, Mention
from ..language import english_tokens
from ..measures import Measure
from . import Context, Result, register
from .agency import analyse

VERSION = "1.1.3"
COLUMNS = ("actor", "bloc", "kind", "mention", "start", "end", "role", "voice", "verb",
           "verb_connotation", "sentiment", "sentiment_label")
PARAGRAPH_COLUMNS = ("actor_mentions", "agent_mentions", "patient_mentions")


def _sentiment_digest() -> str:
    """The target scorer's digest, so a new sentiment model invalidates cached rows."""
    from ..sentiment.target import scorer_digest

    return scorer_digest()


def verb_tables(table: pd.DataFrame) -> tuple[dict[str, str], dict[str, str]]:
    """From the agency_verbs table: verb -> connotation, and event noun -> verb.

    Example:
        >>> t = pd.DataFrame({"lemma": ["invade"], "connotation": ["negative"], "nominals": ["invasion"]})
        >>> verb_tables(t)
        ({'invade': 'negative'}, {'invasion': 'invade'})
    """
    connotation = dict(zip(table["lemma"].str.lower(), table["connotation"]))
    nominals: dict[str, str] = {}
    for lemma, nouns in zip(table["lemma"].str.lower(), table.get("nominals", pd.Series(dtype=str))):
        for noun in str(nouns or "").lower().split():
            nominals.setdefault(noun, lemma)  # first row wins: e.g. "criticism" -> criticise
    return connotation, nominals


def mention_row(mention: Mention, connotation: dict[str, str], nominals: dict[str, str],
                score: Callable) -> dict[str, Any]:
    """One output row for ``mention`` (columns as declared in :data:`COLUMNS`)."""
    span = mention.span
    agency = analyse(span, nominals=nominals)
    sentiment, label = score(span.doc, span)
    return {"actor": mention.actor, "bloc": mention.bloc, "kind": mention.kind, "mention": span.text,
            "start": span.start_char, "end": span.end_char, "role": agency.role,
            "voice": agency.voice, "verb": agency.verb,
            "verb_connotation": connotation.get(agency.verb, ""),
            "sentiment": float(sentiment), "sentiment_label": label}


def summarise(rows: list[dict[str, Any]]) -> dict[str, int]:
    """Paragraph counts over mentions of kind ``actor`` (not places or origins): all, as agent, as patient."""
    rows = [r for r in rows if r.get("kind", "actor") == "actor"]
    return {"actor_mentions": len(rows),
            "agent_mentions": sum(r["role"] == "agent" for r in rows),
            "patient_mentions": sum(r["role"] == "patient" for r in rows)}


@register("actors", version=VERSION, table="actors", columns=COLUMNS,
          paragraph_columns=PARAGRAPH_COLUMNS, lexicons=("actors", "agency_verbs", "target_cues"),
          resources=_sentiment_digest,
          measures=(
              Measure("actor_mentions_per_1000w", "rate", "actors", "actor mentions",
                      "actor mentions per 1,000 words", column="actor_mentions", scale=1000.0, rank=90,
                      uses=("within", "model")),
              # Per actor and per bloc (compare.actors): numerator / denominator over mentions.
              Measure("mentions_per_1000w", "share", "actors", "mentions", "mentions per 1,000 words",
                      column="mentions", denominator="words", scale=1000.0, unit="per 1,000 words",
                      rank=91, uses=("compare",)),
              *(Measure(f"{stat}_share", "share", "actors", label, f"share of mentions {label}",
                        column=stat, denominator="mentions", scale=1.0, unit="share of mentions",
                        rank=92 + k, uses=("compare",))
                for k, (stat, label) in enumerate((("agent", "as agent"), ("patient", "as patient"),
                                                   ("agentless_passive", "in agentless passives"),
                                                   ("nominal", "in nominalisations")))),
              Measure("mean_sentiment", "share", "actors", "target sentiment",
                      "mean target sentiment of the mentions (-1 .. 1)", column="sentiment_sum",
                      denominator="sentiment_n", scale=1.0, unit="mean target sentiment, -1 .. 1",
                      rank=96, uses=("compare",))),
          glossary=(
              ("agent", "the actor who does something in a clause (subject of an active verb, or the by-phrase of a passive)."),
              ("patient", "the actor something is done to (object, or subject of a passive)."),
              ("agentless passive", "a passive without a by-phrase (“sanctions were imposed”): the doer disappears."),
              ("nominalisation", "an action turned into a noun (“Western attempts to hinder…”), which can hide who acts.")))
def make_actors(ctx: Context) -> Callable[[Any], Result]:
    """Factory: build the matcher, verb tables and sentiment scorer once.

    Args:
        ctx: the feature context (pipeline for the tokenizer/vocab, lexicons).

    Returns:
        ``actors(doc) -> (rows, summary)``; rows sorted by position in the paragraph.
    """
    from ..sentiment.target import make_target_scorer

    connotation, nominals = verb_tables(ctx.lexicon("agency_verbs").table)
    matcher = ActorMatcher(ctx.nlp, ctx.lexicon("actors").table, act_nouns=nominals)
    score = make_target_scorer(ctx)

    def actors(doc) -> Result:
        keep = english_tokens(doc)
        rows = [mention_row(m, connotation, nominals, score) for m in matcher(doc) if m.span.start in keep]
        return rows, summarise(rows)

    return actors
