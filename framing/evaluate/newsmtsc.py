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

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..checks import load_json
from ..errors import InputError

LABELS = ("negative", "neutral", "positive")
POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive",
            -1.0: "negative", 0.0: "neutral", 1.0: "positive"}
# Majority label of NewsMTSC train.jsonl (2.0: 3,316, 4.0: 3,028, 6.0: 2,395 targets).
TRAIN_MAJORITY = "negative"


@dataclass(frozen=True)
class Target:
    """One gold target: its sentence, character offsets and label."""

    sentence: str
    start: int
    end: int
    label: str


def read_newsmtsc(path: str | Path, *, limit: int | None = None) -> list[Target]:
    """Read either NewsMTSC format into a flat list of targets (file order).

    Raises:
        InputError: naming the line, when a line is not JSON, neither format, or has a
            missing field, a bad value or an unknown polarity; or when there are no targets.

    Example:
        >>> read_newsmtsc("dev.jsonl", limit=1)[0].label      # doctest: +SKIP
        'neutral'
    """
    targets: list[Target] = []
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").split("\n")
    except UnicodeDecodeError as exc:
        line = Path(path).read_bytes()[:exc.start].count(b"\n") + 1
        raise InputError(f"{path} line {line}: not UTF-8 text ({exc.reason}); expected NewsMTSC JSONL") from exc
    for lineno, line in enumerate(lines, 1):
        if line.strip():
            try:
                record = load_json(line)
            except ValueError as exc:
                raise InputError(f"{path} line {lineno}: {exc}; expected NewsMTSC JSONL") from exc
            targets.extend(_targets_of(record, path, lineno))
        if limit is not None and len(targets) >= limit:
            return targets[:limit]
    if not targets:
        raise InputError(f"{path}: no NewsMTSC targets in the file; expected NewsMTSC JSONL")
    return targets


def _targets_of(rec: Any, path, lineno: int) -> list[Target]:
    where = f"{path} line {lineno}"
    if not isinstance(rec, dict) or not ("targets" in rec or "sentence" in rec):
        raise InputError(f"{where}: not a NewsMTSC line; expected NewsMTSC JSONL objects with "
                         "'targets' or 'sentence'/'from'/'to'/'polarity'")
    try:
        if "targets" in rec:
            sentence, items = rec["sentence_normalized"], rec["targets"]
        else:
            sentence, items = rec["sentence"], [rec]
        if not isinstance(sentence, str) or not isinstance(items, list):
            raise TypeError("the sentence must be text and 'targets' a list")
        out = []
        for t in items:
            start, end = int(t["from"]), int(t["to"])
            if not 0 <= start < end <= len(sentence):
                raise ValueError(f"offsets {start}-{end} outside the sentence")
            out.append(Target(sentence, start, end, POLARITY[float(t["polarity"])]))
        return out
    except KeyError as exc:
        problem = f"missing field {exc}" if not str(exc).replace(".", "").lstrip("-").isdigit() \
            else f"unknown polarity {exc} (expected 2/4/6 or -1/0/1)"
    except (TypeError, ValueError, AttributeError) as exc:
        problem = f"bad value ({exc})"
    raise InputError(f"{where}: {problem}; expected NewsMTSC JSONL")


def scores(gold: list[str], pred: list[str]) -> dict:
    """Accuracy, macro-F1 and per-class precision/recall/F1/support (JSON-ready)."""
    per_class = {}
    for label in LABELS:
        tp = sum(g == p == label for g, p in zip(gold, pred))
        n_pred, n_gold = pred.count(label), gold.count(label)
        prec = tp / n_pred if n_pred else 0.0
        rec = tp / n_gold if n_gold else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per_class[label] = {"precision": round(prec, 4), "recall": round(rec, 4),
                            "f1": round(f1, 4), "support": n_gold}
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
    from ..features.sentiment import label_of, make_target_scorer, scorer_digest, vader
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
