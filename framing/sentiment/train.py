"""Train the target-sentiment model on NewsMTSC (``framing train-sentiment``, ``make model``).

scikit-learn is imported only inside these functions.
"""
from __future__ import annotations

import json
import os

from .model import CLASSES, MODEL_FILE, featurize

# ../shared (or $FRAMING_SHARED) is the development data folder; see README.
DEFAULT_TRAIN = os.path.join(os.environ.get("FRAMING_SHARED", "../shared"), "data/newsmtsc/train.jsonl")
# Inverse L2 strength, chosen by 5-fold grouped CV on train (balanced class weights
# measured no better in development, so they are not searched).
GRID_C = (0.03, 0.1, 0.3)
MIN_COUNT = 2  # drop features seen in fewer training targets (noise, model size)
SEED = 0


def training_examples(path, *, nlp=None, cache: str | None = None):
    """Featurize every target of a NewsMTSC file: ``(features, labels, sentence ids)``.

    ``cache`` names a spaCy DocBin file reused across runs (development only).
    """
    from spacy.tokens import DocBin

    from ..datasets.newsmtsc import read_newsmtsc
    from ..nlp import load_pipeline

    nlp = nlp or load_pipeline()
    targets = read_newsmtsc(path)
    sentences = list(dict.fromkeys(t.sentence for t in targets))
    if cache and os.path.exists(cache):
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    else:
        docs = list(nlp.pipe(sentences, batch_size=128))
        if cache:
            DocBin(docs=docs).to_disk(cache)
    by_text = {d.text: d for d in docs}
    sentence_id = {s: i for i, s in enumerate(sentences)}
    feats, labels, groups = [], [], []
    for t in targets:
        doc = by_text[t.sentence]
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is not None and len(span):
            feats.append(featurize(span))
            labels.append(t.label)
            groups.append(sentence_id[t.sentence])
    return feats, labels, groups


def _vectorize(feats: list[dict], labels: list[str]):
    from collections import Counter

    from sklearn.feature_extraction import DictVectorizer

    counts = Counter(k for d in feats for k in d)
    kept = [{k: v for k, v in d.items() if counts[k] >= MIN_COUNT} for d in feats]
    vec = DictVectorizer(sort=True)
    return vec, vec.fit_transform(kept)


def choose_c(X, labels, groups) -> tuple[float, dict[float, float]]:
    """Pick C by macro-F1 of 5-fold CV grouped by sentence (targets share sentences)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.model_selection import GroupKFold, cross_val_predict

    cv = {}
    for c in GRID_C:
        clf = LogisticRegression(C=c, max_iter=3000, random_state=SEED)
        pred = cross_val_predict(clf, X, labels, groups=groups, cv=GroupKFold(5))
        cv[c] = round(float(f1_score(labels, pred, average="macro")), 4)
    return max(cv, key=lambda c: (cv[c], -c)), cv


def train(path: str = DEFAULT_TRAIN, *, out: str | None = None, cache: str | None = None) -> dict:
    """Train on NewsMTSC ``path`` and write the JSON model; returns its metadata.

    Example:
        >>> train("../shared/data/newsmtsc/train.jsonl")["cv_macro_f1"]   # doctest: +SKIP
        {0.03: 0.666, 0.1: 0.670, 0.3: 0.668}
    """
    import time
    from pathlib import Path

    from sklearn.linear_model import LogisticRegression

    from ..atomic import write_text

    t0 = time.perf_counter()
    feats, labels, groups = training_examples(path, cache=cache)
    vec, X = _vectorize(feats, labels)
    best, cv = choose_c(X, labels, groups)
    clf = LogisticRegression(C=best, max_iter=3000, random_state=SEED).fit(X, labels)
    assert tuple(clf.classes_) == CLASSES
    coef = [[round(float(w), 5) for w in row] for row in clf.coef_]
    keep = [j for j in range(len(vec.feature_names_)) if any(row[j] for row in coef)]
    meta = {"trained_on": "NewsMTSC train.jsonl (Hamborg & Donnay, EACL 2021; MIT)",
            "n_targets": len(labels), "C": best, "cv_macro_f1": cv, "min_count": MIN_COUNT}
    model = {"classes": list(CLASSES), "intercept": [round(float(b), 5) for b in clf.intercept_],
             "features": [vec.feature_names_[j] for j in keep],
             "coef": [[row[j] for j in keep] for row in coef], "meta": meta}
    target = Path(out) if out else Path(__file__).parent.parent / "models" / MODEL_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    write_text(target, json.dumps(model, separators=(",", ":"), sort_keys=True) + "\n")
    # Timing stays out of the file so that re-training gives byte-identical output.
    return {**meta, "seconds": round(time.perf_counter() - t0, 1), "path": str(target)}
