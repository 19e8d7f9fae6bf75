"""Target-dependent sentiment: features of a mention in its sentence, and a linear model.

The model is a multinomial logistic regression over sparse features of one target
mention (see :func:`featurize`), trained on NewsMTSC ``train.jsonl`` (Hamborg &
Donnay, EACL 2021; MIT licence) by ``python -m framing.sentiment.model train``
(``make model``). It ships as plain JSON (feature names, coefficients,
intercepts) in ``framing/models/actor_sentiment.json`` and is applied here with
a few dictionary look-ups, so neither scikit-learn nor a pickle is needed at run
time. Training (bottom of this module) imports scikit-learn only when called.
"""
from __future__ import annotations

import json
import math
import os
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

MODEL_FILE = "actor_sentiment.json"
CLASSES = ("negative", "neutral", "positive")
# Heads that open a clause of their own: valence under them is scoped apart.
CLAUSE_POS = {"VERB", "AUX"}
# Context window (tokens each side) for positional n-gram features.
WINDOW = 4
NEGATION_SCALAR = -0.74  # vaderSentiment.N_SCALAR


def model_bytes() -> bytes | None:
    """Raw bytes of the shipped model file, or None when it is absent."""
    path = resources.files("framing") / "models" / MODEL_FILE
    return path.read_bytes() if path.is_file() else None


@lru_cache(maxsize=1)
def load_model() -> "TargetModel | None":
    """The shipped model, or None (the scorer then falls back to the lexicon)."""
    data = model_bytes()
    return TargetModel.from_json(json.loads(data)) if data else None


@dataclass
class TargetModel:
    """A linear model: ``weights[feature] -> per-class coefficients``."""

    weights: dict[str, tuple[float, ...]]
    intercept: tuple[float, ...]
    classes: tuple[str, ...] = CLASSES

    @classmethod
    def from_json(cls, obj: dict) -> "TargetModel":
        names, coef = obj["features"], obj["coef"]
        weights = {n: tuple(row[j] for row in coef) for j, n in enumerate(names)}
        return cls(weights, tuple(obj["intercept"]), tuple(obj["classes"]))

    def proba(self, feats: dict[str, float]) -> list[float]:
        """Class probabilities (softmax of the linear scores)."""
        z = list(self.intercept)
        for name, value in feats.items():
            w = self.weights.get(name)
            if w is not None:
                z = [zi + wi * value for zi, wi in zip(z, w)]
        top = max(z)
        e = [math.exp(v - top) for v in z]
        return [v / sum(e) for v in e]

    def score(self, doc, span) -> tuple[float, str]:
        """``(P(positive) - P(negative), most probable label)`` for a mention."""
        p = self.proba(featurize(span))
        label = self.classes[max(range(len(p)), key=p.__getitem__)]
        return round(p[self.classes.index("positive")] - p[self.classes.index("negative")], 4), label


def clause_head(tok):
    """Nearest verb/aux at or above ``tok`` (its clause), else the sentence root."""
    t = tok
    while t.pos_ not in CLAUSE_POS and t.head.i != t.i:
        t = t.head
    return t


def valence(tok, lexicon) -> float:
    """VADER valence of a token (form, then lemma), flipped/scaled when negated."""
    v = lexicon.get(tok.lower_, lexicon.get(tok.lemma_.lower(), 0.0))
    if v and any(c.dep_ == "neg" for c in (*tok.children, *tok.head.children)):
        v *= NEGATION_SCALAR
    return v


def featurize(span) -> dict[str, float]:
    """Sparse features of one target mention in its sentence.

    Lexical features mask the mention itself (a name carries no opinion).
    Groups: sentence VADER; valence in the target's clause vs the rest, and
    weighted by dependency distance; the target's syntactic role and governing
    verb (with its valence); lemmas on the path to the root; positional
    window words left/right; whole-sentence bag of lemmas.

    Example:
        >>> sorted(featurize(doc[2:3]))[:2]      # doctest: +SKIP
        ['anc=praise', 'bias']
    """
    from ..features.sentiment import sentence_polarity, tree_distance, vader

    analyser = vader()
    sent, root = span.sent, span.root
    f: dict[str, float] = defaultdict(float)
    comp = sentence_polarity(sent)
    f["s_compound"], f["s_pos"], f["s_neg"] = comp["compound"], comp["pos"], comp["neg"]
    head = clause_head(root.head if root.head.i != root.i else root)
    for i, v, clause_i, lemma in _sentence_tokens(sent, analyser.lexicon):
        if span.start <= i < span.end:
            continue
        if v:
            sign = "pos" if v > 0 else "neg"
            scope = "in" if clause_i == head.i else "out"
            f[f"val_{scope}_{sign}"] += abs(v) / 4
            f[f"val_dist_{sign}"] += abs(v) / 4 / (1 + tree_distance(root, sent.doc[i]))
        if lemma:
            f[f"w={lemma}"] = 1.0
            if clause_i == head.i:
                f[f"cw={lemma}"] = 1.0
    for key in ("val_in_pos", "val_in_neg", "val_dist_pos", "val_dist_neg"):
        if key in f:
            f[f"{key}|{root.dep_}"] = f[key]
    _role_features(f, root, head, analyser.lexicon)
    _window_features(f, span)
    return dict(f)


def _sentence_tokens(sent, lexicon) -> list[tuple]:
    """Per token of ``sent``: (index, valence, clause head index, content lemma or None).

    Memoised on the Doc (indices, not Tokens, so no reference cycle): a sentence
    with several mentions is walked once.
    """
    memo = sent.doc.user_data.setdefault(("framing", "sentence_tokens"), {})
    key = (sent.start, sent.end)
    if key not in memo:
        memo[key] = [(tok.i, valence(tok, lexicon), clause_head(tok).i,
                      tok.lemma_.lower() if tok.is_alpha and not tok.is_stop else None) for tok in sent]
    return memo[key]


def _role_features(f, root, head, lexicon) -> None:
    gv = valence(head, lexicon)
    sign = "pos" if gv > 0 else "neg" if gv < 0 else "0"
    f[f"role={root.dep_}"] = 1.0
    f[f"role={root.dep_}|gov={sign}"] = 1.0
    f[f"gov={head.lemma_.lower()}"] = 1.0
    f[f"gov={head.lemma_.lower()}|{root.dep_}"] = 1.0
    f[f"mention_pos={root.pos_}"] = 1.0
    for anc in list(root.ancestors)[:4]:
        f[f"anc={anc.lemma_.lower()}"] = 1.0
    for child in root.children:
        if child.dep_ in ("amod", "appos", "relcl", "acl", "compound"):
            f[f"mod={child.lemma_.lower()}"] = 1.0


def _window_features(f, span) -> None:
    sent = span.sent
    left = [t for t in sent if span.start - WINDOW <= t.i < span.start]
    right = [t for t in sent if span.end <= t.i < span.end + WINDOW]
    for side, toks in (("L", left), ("R", right)):
        lemmas = [t.lemma_.lower() for t in toks if not t.is_punct]
        for a in lemmas:
            f[f"{side}:{a}"] = 1.0
        for a, b in zip(lemmas, lemmas[1:]):
            f[f"{side}:{a}_{b}"] = 1.0


# --- training (``make model``); scikit-learn is imported only here ------------

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

    from ..evaluate.newsmtsc import read_newsmtsc
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


def main(argv: list[str] | None = None) -> None:
    """``python -m framing.sentiment.model train [--data PATH] [--out PATH] [--cache DOCBIN]``."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m framing.sentiment.model")
    parser.add_argument("command", choices=["train"])
    parser.add_argument("--data", default=DEFAULT_TRAIN, help="NewsMTSC train.jsonl")
    parser.add_argument("--out", default=None, help="model JSON (default: the packaged file)")
    parser.add_argument("--cache", default=None, help="spaCy DocBin to reuse parses (development)")
    args = parser.parse_args(argv)
    print(json.dumps(train(args.data, out=args.out, cache=args.cache), indent=2))


if __name__ == "__main__":
    main()
