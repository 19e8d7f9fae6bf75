"""Score paragraph kinds against whole articles labelled line by line (``kinds`` gold).

Each record gives an article's ``lines`` and their gold ``kinds`` (body, heading,
caption, byline, boilerplate). The lines are classified together, as one document,
by exactly the classifier the corpus uses (:func:`framing.paragraphs.classify_blocks`),
and scored as line accuracy plus precision/recall/F1 of "not body": a caption counted
as body pollutes every measure; a body line counted as furniture drops evidence.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from ..datasets.jsonl import json_objects
from ..errors import InputError
from ..paragraphs import split_paragraphs
from .metrics import prf

KINDS = ("body", "heading", "caption", "byline", "boilerplate")


def read_kinds(path: str | Path) -> list[dict[str, Any]]:
    """Records of a kinds gold JSONL file (``lines`` and ``kinds`` of equal length), checked."""
    out = []
    for n, rec in json_objects(path, what="kinds JSONL (lines and kinds lists)"):
        if not isinstance(rec.get("lines"), list) or not isinstance(rec.get("kinds"), list) \
                or len(rec["lines"]) != len(rec["kinds"]):
            raise InputError(f"{path}:{n}: needs 'lines' and 'kinds' lists of equal length")
        bad = sorted({str(k) for k in rec["kinds"] if k not in KINDS})
        if bad:
            raise InputError(f"{path}:{n}: unknown kind(s) {', '.join(bad)}; allowed: {', '.join(KINDS)}")
        out.append(rec)
    return out


def predict_kinds(lines: list[str]) -> list[str]:
    """Kinds the corpus would give these lines, read as one document (one line a paragraph)."""
    paras = split_paragraphs("gold", "\n".join(lines))
    if len(paras) != len(lines):  # blank or whitespace-only gold lines: align on text
        by_text = iter(paras)
        return [next(by_text).kind if line.strip() else "boilerplate" for line in lines]
    return [p.kind for p in paras]


def evaluate_kinds(path: str | Path, *, errors: bool = False) -> dict[str, Any]:
    """Line accuracy and not-body P/R/F1, overall and by ``source``; a confusion table.

    Example:
        >>> evaluate_kinds("../shared/data/news_gold/kinds_dev.jsonl")["overall"]["accuracy"]  # doctest: +SKIP
        0.98
    """
    overall, by_source = Counter(), defaultdict(Counter)
    confusion: Counter = Counter()
    found = []
    for rec in read_kinds(path):
        for line, gold, pred in zip(rec["lines"], rec["kinds"], predict_kinds(rec["lines"])):
            for c in (overall, by_source[rec.get("source") or "(unknown)"]):
                _count(c, gold, pred)
            confusion[(gold, pred)] += 1
            if gold != pred and errors:
                found.append({"doc": rec.get("doc"), "gold": gold, "system": pred, "line": line[:160]})
    out = {"path": str(path), "overall": _result(overall),
           "by_source": {k: _result(v) for k, v in sorted(by_source.items())},
           "confusion": [[g, p, n] for (g, p), n in sorted(confusion.items())]}
    if errors:
        out["errors"] = found
    return out


def _count(c: Counter, gold: str, pred: str) -> None:
    c["lines"] += 1
    c["correct"] += gold == pred
    g, p = gold != "body", pred != "body"
    c["tp"] += g and p
    c["fp"] += p and not g
    c["fn"] += g and not p


def _result(c: Counter) -> dict[str, Any]:
    return {"lines": c["lines"], "accuracy": round(c["correct"] / c["lines"], 4) if c["lines"] else None,
            "not_body": prf(c["tp"], c["fp"], c["fn"])}
