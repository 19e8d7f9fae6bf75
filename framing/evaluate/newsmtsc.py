"""Evaluate the per-actor (target-dependent) sentiment scorer on NewsMTSC.

NewsMTSC (Hamborg & Donnay, EACL 2021; MIT licence) comes in two line formats,
both accepted here:

* train style: ``{"sentence_normalized": ..., "targets": [{"from", "to",
  "mention", "polarity": 2.0|4.0|6.0}, ...]}`` (2 negative, 4 neutral, 6 positive);
* dev/test style (the Hugging Face splits): one target per line,
  ``{"sentence", "mention", "from", "to", "polarity": -1|0|1}``.

Each sentence is parsed with the real pipeline, the mention is found by its
character offsets and scored by exactly :func:`make_target_scorer`, the function
the actors table uses. Two baselines are computed in the same run: the majority
class *of the NewsMTSC training labels* (``negative``: 3,316 of 8,739 targets;
taken from train, not from the evaluated file, so it does not peek at the gold
labels) and sentence-level VADER compound with VADER's own +-0.05 neutral band.
"""
from __future__ import annotations

from pathlib import Path

from ..datasets.newsmtsc import POLARITY, Target, read_newsmtsc  # noqa: F401  (re-exported)
from .metrics import prf

LABELS = ("negative", "neutral", "positive")
# Majority label of NewsMTSC train.jsonl (2.0: 3,316, 4.0: 3,028, 6.0: 2,395 targets).
TRAIN_MAJORITY = "negative"


def scores(gold: list[str], pred: list[str]) -> dict:
    """Accuracy, macro-F1 and per-class precision/recall/F1/support (JSON-ready)."""
    per_class = {}
    for label in LABELS:
        tp = sum(g == p == label for g, p in zip(gold, pred))
        n_pred, n_gold = pred.count(label), gold.count(label)
        per_class[label] = {**prf(tp, n_pred - tp, n_gold - tp, undefined=0.0), "support": n_gold}
    n = len(gold)
    return {"n": n,
            "macro_f1": round(sum(c["f1"] for c in per_class.values()) / len(LABELS), 4),
            "accuracy": round(sum(g == p for g, p in zip(gold, pred)) / n, 4) if n else None,
            "per_class": per_class}


def evaluate_newsmtsc(path: str | Path, *, limit: int | None = None, nlp=None) -> dict:
    """Score the shipped target scorer and two baselines on a NewsMTSC file.

    Args:
        path: a NewsMTSC ``.jsonl`` file (either format).
        limit: evaluate only the first ``limit`` targets.
        nlp: a loaded pipeline (default :func:`framing.nlp.load_pipeline`).

    Returns:
        ``{"n", "macro_f1", "accuracy", "per_class", "file", "skipped", "scorer",
        "baselines": {"majority": {...}, "vader_sentence": {...}}}``; the top-level
        metrics are ours. ``skipped`` counts targets whose offsets fit no tokens.

    Example:
        >>> evaluate_newsmtsc("hf_splits_rw/dev.jsonl", limit=40)["n"]   # doctest: +SKIP
        40
    """
    from ..sentiment.target import make_target_scorer, scorer_digest
    from ..sentiment.vader import label_of, vader
    from ..nlp import load_pipeline

    targets = read_newsmtsc(path, limit=limit)  # a bad file fails before the pipeline loads
    nlp = nlp or load_pipeline()
    scorer, analyser = make_target_scorer(), vader()
    gold, ours, base_vader, skipped = [], [], [], 0
    docs = nlp.pipe(t.sentence for t in targets)
    for target, doc in zip(targets, docs):
        span = doc.char_span(target.start, target.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            skipped += 1
            continue
        gold.append(target.label)
        ours.append(scorer(doc, span)[1])
        base_vader.append(label_of(analyser.polarity_scores(target.sentence)["compound"]))
    result = scores(gold, ours)
    result.update(file=str(path), skipped=skipped, scorer=scorer_digest(), baselines={
        "majority": {"label": TRAIN_MAJORITY, "of": "NewsMTSC train.jsonl",
                     **scores(gold, [TRAIN_MAJORITY] * len(gold))},
        "vader_sentence": {"neutral_band": 0.05, **scores(gold, base_vader)}})
    return result
