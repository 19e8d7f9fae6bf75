"""How far to trust each measure: validated figures from a gold run, and few-hit markers.

Two things the report's methods section and comparison cells need (issue 8, item 4):

* :func:`validation_rows` -- per measure, the precision/recall/F1 (or accuracy, or
  macro-F1) that :func:`framing.evaluate.gold.evaluate_gold` measured, with the number
  of gold items behind it and how far the figure differs between outlet groups. The
  figures on the project's news gold ship in ``framing/models/validation.json``
  (:func:`shipped_validation`; rebuilt by ``python -m framing.trust refresh GOLD`` /
  ``make validation``, checked against a fresh run by the tests); a corpus's own gold,
  named in ``corpus.yaml`` as ``gold: path.jsonl``, is scored when the report is built
  (:func:`validation_table`).
* :func:`few_hits` / :func:`mark_few` -- whether a comparison cell rests on too few hits
  to be read as a firm number: a term lean from fewer than :data:`MIN_HITS` side-bearing
  terms, a share from fewer than :data:`MIN_HITS` mentions.

The library returns data; the report decides how to show it.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .errors import InputError

# A cell built on fewer hits than this is marked (a term lean from < 10 side-bearing
# terms, a share from < 10 mentions): with 9 hits one hit moves a share by > 0.1.
MIN_HITS = 10
SHIPPED = Path(__file__).parent / "models" / "validation.json"
# (label, where in an evaluate_gold result, metric, fields for P/R, count field)
MEASURES: tuple[tuple[str, tuple[str, ...], str, str, str], ...] = (
    ("actor mentions", ("actors",), "f1", "F1", "n_gold"),
    ("actor roles (agent/patient/other)", ("actors",), "role_accuracy", "accuracy", ""),
    ("actor sentiment", ("actors",), "sentiment_macro_f1", "macro-F1", ""),
    ("contested terms (side-bearing)", ("terms",), "f1", "F1", "n_gold"),
    ("hedges", ("cues", "hedge"), "f1", "F1", "n_gold"),
    ("boosters", ("cues", "booster"), "f1", "F1", "n_gold"),
    ("attributions", ("cues", "attribution"), "f1", "F1", "n_gold"),
)
ROW_KEYS = ("gold", "measure", "metric", "value", "precision", "recall", "n_gold", "by_group", "spread")


def _at(block: dict, path: tuple[str, ...]) -> dict:
    for key in path:
        block = (block or {}).get(key) or {}
    return block


def validation_rows(result: dict[str, Any], *, gold: str) -> list[dict[str, Any]]:
    """Per measure, the validated figure of one gold run, as rows for a table.

    Args:
        result: what :func:`framing.evaluate.gold.evaluate_gold` returned.
        gold: a short name of the gold shown in the table ("news gold dev (79 paragraphs)").

    Returns:
        One dict per measure with :data:`ROW_KEYS`: ``value`` is the measure's figure
        (``metric`` says which), ``precision``/``recall`` for span measures (None for
        label measures), ``n_gold`` the gold items behind it (None when not counted),
        ``by_group`` the figure per outlet group and ``spread`` max - min over groups
        (None with fewer than two groups): a large spread means the errors follow genre.

    Example:
        >>> r = {"overall": {"actors": {"f1": 0.9, "precision": 0.9, "recall": 0.9, "n_gold": 10,
        ...      "role_accuracy": 0.8, "sentiment_macro_f1": 0.6}}, "by_outlet_group": {}}
        >>> validation_rows(r, gold="g")[0]["value"]
        0.9
    """
    overall = result.get("overall") or {}
    groups = result.get("by_outlet_group") or {}
    rows = []
    for label, path, field, metric, count in MEASURES:
        block = _at(overall, path)
        by_group = {g: _at(v, path).get(field) for g, v in sorted(groups.items())}
        present = [v for v in by_group.values() if v is not None]
        span = metric == "F1"
        rows.append({
            "gold": gold, "measure": label, "metric": metric, "value": block.get(field),
            "precision": block.get("precision") if span else None,
            "recall": block.get("recall") if span else None,
            "n_gold": block.get(count) if count else None, "by_group": by_group,
            "spread": round(max(present) - min(present), 4) if len(present) >= 2 else None})
    return rows


def shipped_validation() -> list[dict[str, Any]]:
    """The rows measured on the project's news gold (``framing/models/validation.json``);
    empty when the file is absent."""
    if not SHIPPED.is_file():
        return []
    return json.loads(SHIPPED.read_text(encoding="utf-8"))["rows"]


def corpus_gold_path(root: str | Path, config: dict[str, Any]) -> Path | None:
    """The gold file a corpus names in ``corpus.yaml`` (``gold: path.jsonl``, relative to the
    corpus folder), or None.

    Raises:
        InputError: ``gold`` is not a string, or names a file that does not exist.
    """
    value = config.get("gold")
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise InputError(f"{Path(root) / 'corpus.yaml'}: 'gold' must be a path to a news_gold .jsonl file")
    path = Path(value) if Path(value).is_absolute() else Path(root) / value
    if not path.is_file():
        raise InputError(f"{Path(root) / 'corpus.yaml'}: gold file {value} not found")
    return path


def validation_table(corpus_gold: str | Path | None = None, *, lexicons=None) -> list[dict[str, Any]]:
    """The methods section's validation table: the shipped news-gold rows, then the
    corpus's own gold scored now with the report's code (when one is named).

    Args:
        corpus_gold: a ``news_gold`` JSONL file of the corpus (see :func:`corpus_gold_path`).
        lexicons: the lexicon set the corpus's tables were built with.
    """
    rows = shipped_validation()
    if corpus_gold:
        from .evaluate.gold import evaluate_gold

        result = evaluate_gold(corpus_gold, lexicons=lexicons)
        name = f"corpus gold {Path(corpus_gold).name} ({result['n_paragraphs']} paragraphs)"
        rows = rows + validation_rows(result, gold=name)
    return rows


def few_hits(n: Any, *, minimum: int = MIN_HITS) -> bool:
    """True when a cell rests on fewer than ``minimum`` hits (missing counts are few).

    Example:
        >>> few_hits(9), few_hits(10), few_hits(None)
        (True, False, True)
    """
    try:
        return not n >= minimum  # NaN and None compare False: few
    except TypeError:
        return True


def mark_few(df, count: str, *, minimum: int = MIN_HITS, column: str = "few_hits"):
    """A copy of DataFrame ``df`` with a boolean ``column``: its ``count`` column < ``minimum``.

    Example:
        >>> import pandas as pd
        >>> mark_few(pd.DataFrame({"lean": [0.4, 0.1], "n_terms": [3, 40]}), "n_terms")["few_hits"].tolist()
        [True, False]
    """
    out = df.copy()
    out[column] = [few_hits(n, minimum=minimum) for n in out[count]]
    return out


def refresh(gold: str | Path, *, out: str | Path = SHIPPED, name: str | None = None) -> dict[str, Any]:
    """Score ``gold`` with the current code and write the shipped rows (figures only)."""
    from .atomic import write_text
    from .evaluate.gold import evaluate_gold

    result = evaluate_gold(gold)
    name = name or f"news gold {Path(gold).stem} ({result['n_paragraphs']} paragraphs)"
    doc = {"gold_file": Path(gold).name, "rows": validation_rows(result, gold=name)}
    write_text(Path(out), json.dumps(doc, indent=1, sort_keys=True) + "\n")
    return doc


def main(argv: list[str] | None = None) -> None:
    """``python -m framing.trust refresh GOLD``: re-measure the shipped validation rows."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m framing.trust")
    parser.add_argument("command", choices=["refresh"])
    parser.add_argument("gold", help="news_gold JSONL file (e.g. ../shared/data/news_gold/dev.jsonl)")
    args = parser.parse_args(argv)
    doc = refresh(args.gold)
    print(json.dumps(doc, indent=1, sort_keys=True))


if __name__ == "__main__":
    main()


def corpus_validation(corpus, overrides=None) -> list[dict]:
    """The methods section's validation rows: the shipped news-gold figures, plus the corpus's
    own gold (``gold:`` in corpus.yaml) scored with the lexicons the tables were built with.

    Args:
        corpus: an opened :class:`~framing.corpus.Corpus`.
        overrides: per-command lexicon overrides (as :func:`framing.lexicons.parse_cli_overrides` gives).
    """
    from .analysis import lexicon_set

    gold = corpus_gold_path(corpus.root, corpus.config)
    lexicons = lexicon_set(corpus, overrides) if gold else None
    return validation_table(gold, lexicons=lexicons)
