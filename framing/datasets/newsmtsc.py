"""Read NewsMTSC (Hamborg & Donnay, EACL 2021; MIT licence) in either line format.

* train style: ``{"sentence_normalized": ..., "targets": [{"from", "to",
  "mention", "polarity": 2.0|4.0|6.0}, ...]}`` (2 negative, 4 neutral, 6 positive);
* dev/test style (the Hugging Face splits): one target per line,
  ``{"sentence", "mention", "from", "to", "polarity": -1|0|1}``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ..errors import FramingError, InputError

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
        FramingError: when a line is neither format.

    Example:
        >>> read_newsmtsc("dev.jsonl", limit=1)[0].label      # doctest: +SKIP
        'neutral'
    """
    targets: list[Target] = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if line.strip():
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path} line {lineno}: not JSON ({exc.msg}); expected NewsMTSC JSONL") from exc
                targets.extend(_targets_of(record, path, lineno))
            if limit is not None and len(targets) >= limit:
                return targets[:limit]
    return targets


def _targets_of(rec: dict, path, lineno: int) -> Iterator[Target]:
    if "targets" in rec:
        sentence, items = rec["sentence_normalized"], rec["targets"]
    elif "sentence" in rec:
        sentence, items = rec["sentence"], [rec]
    else:
        raise FramingError(f"{path}:{lineno}: not a NewsMTSC line (needs 'targets' or "
                           f"'sentence'/'from'/'to'/'polarity')")
    for t in items:
        yield Target(sentence, int(t["from"]), int(t["to"]), POLARITY[float(t["polarity"])])
