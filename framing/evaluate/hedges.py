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

import os
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Iterator

from ..errors import InputError

SPECULATION = "speculation"


def _pieces(el, in_cue: bool = False) -> Iterator[tuple[str, str, bool]]:
    """(kind, text, inside a speculation cue) in document order; kind W = SFU token."""
    cue = in_cue or (el.tag.lower() == "cue" and el.get("type") == SPECULATION)
    if el.tag == "W":
        yield "W", el.text or "", cue
        return
    if el.text:
        yield "T", el.text, cue
    for child in el:
        yield from _pieces(child, cue)
        if child.tail:
            yield "T", child.tail, cue


def sentence_units(el) -> tuple[str, list[tuple[int, int, bool]]]:
    """Sentence text and its scoring units ``(start, end, gold)``.

    Example:
        >>> el = ET.fromstring('<SENTENCE><W>It</W><cue type="speculation"><W>may</W></cue>'
        ...                    '<W>rain</W></SENTENCE>')
        >>> sentence_units(el)
        ('It may rain', [(0, 2, False), (3, 6, True), (7, 11, False)])
    """
    pieces = list(_pieces(el))
    words = [(text, cue) for kind, text, cue in pieces if kind == "W"]
    if words:
        units, pos = [], 0
        for text, cue in words:
            units.append((pos, pos + len(text), cue))
            pos += len(text) + 1
        return " ".join(t for t, _ in words), units
    text, mask = "", []
    for _, piece, cue in pieces:
        text += piece
        mask += [cue] * len(piece)
    return text, [(m.start(), m.end(), any(mask[m.start():m.end()])) for m in re.finditer(r"\S+", text)]


def read_sentences(path: str | Path, *, limit: int | None = None) -> list[tuple[str, list]]:
    """Sentences of every ``*.xml`` under ``path`` (sorted), at most ``limit`` of them."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file or folder of speculation-annotated XML")
    files = _xml_files(path) if path.is_dir() else [path]
    out: list[tuple[str, list]] = []
    for file in files:
        try:
            root = ET.parse(file).getroot()
        except ET.ParseError as exc:
            raise InputError(f"{file}: not well-formed XML ({exc})") from exc
        for el in root.iter():
            if el.tag.lower() == "sentence":
                out.append(sentence_units(el))
                if limit is not None and len(out) >= limit:
                    return out
    if not out:
        raise InputError(f"{path}: no <SENTENCE>/<sentence> elements found in {len(files)} XML file(s)")
    return out


def _xml_files(folder: Path) -> list[Path]:
    # os.walk rather than Path.rglob: follows symlinked sub-folders (e.g. a split made of links).
    return sorted(Path(d) / f for d, _, names in os.walk(folder, followlinks=True)
                  for f in names if f.endswith(".xml"))


def prf(tp: int, fp: int, fn: int) -> dict[str, float | None]:
    """Precision, recall, F1 (None when undefined).

    Example:
        >>> prf(3, 1, 2)
        {'precision': 0.75, 'recall': 0.6, 'f1': 0.6667}
    """
    p = tp / (tp + fp) if tp + fp else None
    r = tp / (tp + fn) if tp + fn else None
    f = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
    return {"precision": _r(p), "recall": _r(r), "f1": _r(f)}


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


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
