"""Target-dependent sentiment: features of a mention in its sentence, and a linear model.

The model is a multinomial logistic regression over sparse features of one target
mention (see :func:`featurize`), trained on NewsMTSC ``train.jsonl`` (Hamborg &
Donnay, EACL 2021; MIT licence) by ``framing train-sentiment``
(``make model``; :mod:`framing.sentiment.train`). It ships as plain JSON (feature names, coefficients,
intercepts) in ``framing/models/actor_sentiment.json`` and is applied here with
a few dictionary look-ups, so neither scikit-learn nor a pickle is needed at run
time. Training imports scikit-learn only when called.
"""
from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..docmemo import heads as head_indices, pos_in
from .vader import index_distance, sentence_polarity, vader

MODEL_FILE = "actor_sentiment.json"
CLASSES = ("negative", "neutral", "positive")
# Heads that open a clause of their own: valence under them is scoped apart.
CLAUSE_POS = frozenset({"VERB", "AUX"})
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
        weights, n = self.weights, len(z)
        if n == 3:  # the shipped model: the same sums in the same order as the loop below, unrolled
            z0, z1, z2 = z
            for name, value in feats.items():
                w = weights.get(name)
                if w is not None:
                    z0 += w[0] * value
                    z1 += w[1] * value
                    z2 += w[2] * value
            z = [z0, z1, z2]
        else:
            for name, value in feats.items():
                w = weights.get(name)
                if w is not None:
                    for k in range(n):  # in place: the same sums in the same order as before
                        z[k] += w[k] * value
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
    doc = tok.doc
    return doc[_clause_head_at(tok.i, head_indices(doc), pos_in(doc, CLAUSE_POS), {})]


def valence(tok, lexicon) -> float:
    """VADER valence of a token (form, then lemma), flipped/scaled when negated."""
    v = lexicon.get(tok.lower_)
    if v is None:
        v = lexicon.get(tok.lemma_.lower(), 0.0)
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
    analyser = vader()
    sent, root = span.sent, span.root
    f: dict[str, float] = defaultdict(float)
    comp = sentence_polarity(sent)
    f["s_compound"], f["s_pos"], f["s_neg"] = comp["compound"], comp["pos"], comp["neg"]
    head = clause_head(root.head if root.head.i != root.i else root)
    head_i, root_i, tree = head.i, root.i, head_indices(sent.doc)
    for i, v, clause_i, word, clause_word in _sentence_tokens(sent, analyser.lexicon):
        if span.start <= i < span.end:
            continue
        if v:
            sign = "pos" if v > 0 else "neg"
            scope = "in" if clause_i == head_i else "out"
            f[f"val_{scope}_{sign}"] += abs(v) / 4
            f[f"val_dist_{sign}"] += abs(v) / 4 / (1 + index_distance(tree, root_i, i))
        if word:
            f[word] = 1.0
            if clause_i == head_i:
                f[clause_word] = 1.0
    for key in ("val_in_pos", "val_in_neg", "val_dist_pos", "val_dist_neg"):
        if key in f:
            f[f"{key}|{root.dep_}"] = f[key]
    _role_features(f, root, head, analyser.lexicon)
    _window_features(f, span)
    return dict(f)


def _sentence_tokens(sent, lexicon) -> list[tuple]:
    """Per token of ``sent``: (index, valence, clause head index, and for a content word its
    feature names ``w=lemma`` and ``cw=lemma``, else None twice).

    Memoised on the Doc (indices, not Tokens, so no reference cycle): a sentence
    with several mentions is walked once.
    """
    doc = sent.doc
    memo = doc.user_data.setdefault(("framing", "sentence_tokens"), {})
    key = (sent.start, sent.end)
    if key not in memo:
        rows = []
        tree, opens = head_indices(doc), pos_in(doc, CLAUSE_POS)
        heads: dict[int, int] = {}  # clause head of each token walked so far (as clause_head finds it)
        for tok in sent:
            lemma = tok.lemma_.lower() if tok.is_alpha and not tok.is_stop else None
            rows.append((tok.i, valence(tok, lexicon), _clause_head_at(tok.i, tree, opens, heads),
                         f"w={lemma}" if lemma else None, f"cw={lemma}" if lemma else None))
        memo[key] = rows
    return memo[key]


def _clause_head_at(i: int, tree: list[int], opens: list[bool], heads: dict[int, int]) -> int:
    """Index of ``clause_head(doc[i])``, given the Doc's head indices and clause-opening
    flags, reusing the answers in ``heads`` for the tokens on the way up."""
    path = []
    t = i
    while True:
        known = heads.get(t)
        if known is not None:
            break
        if opens[t] or tree[t] == t:
            known = t
            break
        path.append(t)
        t = tree[t]
    heads[t] = known
    for j in path:
        heads[j] = known
    return known


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
    sent, doc = span.sent, span.doc
    left = doc[max(sent.start, span.start - WINDOW):max(sent.start, span.start)]  # slices, not a walk of the sentence
    right = doc[min(sent.end, span.end):min(sent.end, span.end + WINDOW)]
    for side, toks in (("L", left), ("R", right)):
        lemmas = [t.lemma_.lower() for t in toks if not t.is_punct]
        for a in lemmas:
            f[f"{side}:{a}"] = 1.0
        for a, b in zip(lemmas, lemmas[1:]):
            f[f"{side}:{a}_{b}"] = 1.0
