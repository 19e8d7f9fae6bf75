"""Evaluate the hedge detector on speculation-cue gold data (SFU Review, BioScope).

Both XML styles are read: SFU Review (Konstantinova et al., LREC 2012) gives
tokens as ``<W>`` elements inside ``<SENTENCE>``, cues as ``<cue type=
"speculation">`` around ``<W>``s; BioScope (Vincze et al. 2008) gives running text
inside ``<sentence>`` with ``<cue type="speculation">`` around character runs. Each
sentence is rebuilt as text (SFU tokens joined by spaces), parsed with the real
pipeline and passed to exactly the registered ``hedging`` feature, the function
the reports use.

Scoring units are the gold tokens (SFU ``<W>``; whitespace tokens for BioScope): a
unit is gold when inside a speculation cue and predicted when it overlaps a cue of
category ``hedge``. Boosters and attribution are not compared: SFU's scheme has
no such categories. Note that SFU also marks "or", "if", "either", "whether" and
"can" as speculation cues, which our hedge lexicon deliberately does not list
(they are not hedges in Hyland's sense), so recall is capped well below 1.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..datasets.hedges import read_sentences, sentence_units  # noqa: F401  (re-exported)
from .metrics import prf

def evaluate_hedges(path: str | Path, *, limit: int | None = None, lexicons=None, top: int = 15) -> dict:
    """Token- and sentence-level scores of the ``hedging`` feature's hedge cues.

    Args:
        path: an XML file or a folder searched recursively for ``*.xml``.
        limit: score only the first ``limit`` sentences (files in sorted order).
        lexicons: a :class:`~framing.lexicons.LexiconSet` (user overrides); default packaged.
        top: how many most frequent false positive / negative words to list.

    Returns:
        A JSON-ready dict: ``token`` and ``sentence`` ({precision, recall, f1}),
        ``n_sentences``, ``n_gold_sentences``, ``n_gold_cue_tokens``,
        ``n_pred_cue_tokens``, ``false_positives``/``false_negatives`` ([word, n]).

    Example:
        >>> evaluate_hedges("../shared/data/hedges/sfu_review", limit=200)["token"]  # doctest: +SKIP
        {'precision': ..., 'recall': ..., 'f1': ...}
    """
    from ..features import Context, features
    from ..lexicons import LexiconSet
    from ..nlp import load_pipeline

    sentences = read_sentences(path, limit=limit)
    nlp = load_pipeline()
    (feature,) = features(("hedging",))
    detect = feature.factory(Context(nlp, lexicons or LexiconSet()))
    tok, sent = Counter(), Counter()
    fps, fns = Counter(), Counter()
    for (text, units), doc in zip(sentences, nlp.pipe((t for t, _ in sentences), batch_size=256)):
        spans = [(r["start"], r["end"]) for r in detect(doc)[0] if r["category"] == "hedge"]
        _score_units(text, units, spans, tok, fps, fns)
        gold_any, pred_any = any(g for _, _, g in units), bool(spans)
        sent[(gold_any, pred_any)] += 1
    return {
        "path": str(path), "n_sentences": len(sentences),
        "n_gold_sentences": sent[(True, True)] + sent[(True, False)],
        "n_gold_cue_tokens": tok["tp"] + tok["fn"], "n_pred_cue_tokens": tok["tp"] + tok["fp"],
        "token": prf(tok["tp"], tok["fp"], tok["fn"]),
        "sentence": prf(sent[(True, True)], sent[(False, True)], sent[(True, False)]),
        "compared": "hedge cues vs <cue type='speculation'>; boosters/attribution not in the gold scheme",
        "false_positives": [[w, n] for w, n in sorted(fps.items(), key=lambda x: (-x[1], x[0]))[:top]],
        "false_negatives": [[w, n] for w, n in sorted(fns.items(), key=lambda x: (-x[1], x[0]))[:top]],
    }


def _score_units(text, units, spans, tok: Counter, fps: Counter, fns: Counter) -> None:
    for start, end, gold in units:
        pred = any(s < end and start < e for s, e in spans)
        if gold and pred:
            tok["tp"] += 1
        elif pred:
            tok["fp"] += 1
            fps[text[start:end].lower()] += 1
        elif gold:
            tok["fn"] += 1
            fns[text[start:end].lower()] += 1
