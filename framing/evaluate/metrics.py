"""The one precision/recall/F1 function every evaluation uses."""
from __future__ import annotations


def prf(tp: int, fp: int, fn: int, *, undefined: float | None = None) -> dict[str, float | None]:
    """Precision, recall and F1 from counts, rounded to 4 places; ``undefined`` where a ratio has a zero base.

    Example:
        >>> prf(3, 1, 2)
        {'precision': 0.75, 'recall': 0.6, 'f1': 0.6667}
        >>> prf(0, 0, 2), prf(0, 0, 2, undefined=0.0)
        ({'precision': None, 'recall': 0.0, 'f1': None}, {'precision': 0.0, 'recall': 0.0, 'f1': 0.0})
    """
    p = tp / (tp + fp) if tp + fp else undefined
    r = tp / (tp + fn) if tp + fn else undefined
    f = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
    return {"precision": _r(p), "recall": _r(r), "f1": _r(f)}


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 4)
