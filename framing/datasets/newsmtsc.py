"""Read NewsMTSC (Hamborg & Donnay, EACL 2021; MIT licence) in either line format.

* train style: ``{"sentence_normalized": ..., "targets": [{"from", "to",
  "mention", "polarity": 2.0|4.0|6.0}, ...]}`` (2 negative, 4 neutral, 6 positive);
* dev/test style (the Hugging Face splits): one target per line,
  ``{"sentence", "mention", "from", "to", "polarity": -1|0|1}``.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..checks import load_json
from ..errors import InputError

POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive",
            -1.0: "negative", 0.0: "neutral", 1.0: "positive"}


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
