"""CLI command: compare (cross-group statistics as a summary table, CSV or JSON)."""
from __future__ import annotations

import json
from pathlib import Path

import click
import numpy as np
import pandas as pd

from ..cli import corpus_option, lexicon_option, main

TABLES = ("rates", "tests", "actors", "omnibus", "distinctive", "overview")


def _fmt(v: float) -> str:
    return "–" if v is None or not np.isfinite(v) else f"{v:.3g}"


def rates_summary(rates: pd.DataFrame) -> pd.DataFrame:
    """Rates as 'value [low, high]' and 'count / denominator' columns for printing."""
    return pd.DataFrame({
        "group": rates["group"], "measure": rates["measure"],
        "value [95% CI]": [f"{_fmt(v)} [{_fmt(lo)}, {_fmt(hi)}]"
                           for v, lo, hi in zip(rates["value"], rates["ci_low"], rates["ci_high"])],
        "count / base": [f"{c} / {d}" for c, d in zip(rates["count"], rates["denominator"])],
        "unit": rates["unit"], "docs": rates["n_docs"]})


def differences_summary(tests: pd.DataFrame, alpha: float = 0.05) -> pd.DataFrame:
    """Pairs that differ after Holm correction, with Cliff's delta and its magnitude."""
    sig = tests[tests["p_holm"] < alpha]
    return pd.DataFrame({
        "measure": sig["measure"], "pair": sig["group_a"] + " vs " + sig["group_b"],
        "n": sig["n_a"].astype(str) + "/" + sig["n_b"].astype(str),
        "p (Holm)": sig["p_holm"].map(_fmt), "Cliff's delta": sig["cliffs_delta"].map(_fmt),
        "magnitude": sig["magnitude"]})


def render_table(comparison) -> str:
    """The plain-text summary printed by ``framing compare``."""
    out = [f"Groups by {comparison.by}: {len(comparison.groups)}", "",
           "Rates (ratio of sums; 95% bootstrap CI resampling articles):",
           rates_summary(comparison.rates).to_string(index=False), ""]
    tested = len(comparison.tests)
    sig = differences_summary(comparison.tests)
    out.append(f"Differences (permutation tests, Holm per measure): {len(sig)} of {tested} "
               "comparisons with p < 0.05")
    if len(sig):
        out.append(sig.to_string(index=False))
    d = comparison.distinguishability
    if d.get("reason"):
        out += ["", f"Distinguishability: not run ({d['reason']})"]
    else:
        out += ["", f"Distinguishability: accuracy {d['accuracy']:.2f} ± {d['accuracy_sd']:.2f} vs majority "
                    f"baseline {d['baseline_accuracy']:.2f} (p = {_fmt(d['p_value'])}, "
                    f"{d['n_splits']}-fold CV grouped by article)"]
    if comparison.within:
        w = comparison.within
        cols = [c for c in ("unit", "first_paragraph", "last_paragraph", "words", "hedges", "boosters",
                            "attributions", "term_lean", "sentiment") if c in w["units"]]
        out += ["", f"Within {w['group']} (by {w['unit']}; no intervals: one sample):",
                w["units"][cols].round(3).to_string(index=False), "",
                w["actors"].head(10).round(3).to_string(index=False)]
    return "\n".join(out + [""] + comparison.notes).rstrip() + "\n"


def render_json(comparison) -> str:
    """All tables as records, plus distinguishability, params and notes."""
    clean = lambda df: json.loads(df.to_json(orient="records", double_precision=6))  # noqa: E731
    dist = {k: (clean(v) if isinstance(v, pd.DataFrame) else v)
            for k, v in comparison.distinguishability.items()}
    payload = {"by": comparison.by, "groups": comparison.groups, "params": comparison.params,
               "notes": comparison.notes, "distinguishability": dist,
               **{name: clean(getattr(comparison, name)) for name in TABLES}}
    return json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False, default=_json_default) + "\n"


def _json_default(value):
    if isinstance(value, (np.integer, np.floating)):
        return None if isinstance(value, np.floating) and not np.isfinite(value) else value.item()
    if isinstance(value, np.bool_):
        return bool(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


@main.command()
@corpus_option
@click.option("--by", default="source", show_default=True, metavar="FIELD",
              help="Document field to group by (source, genre, bias_text, … or doc).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True)
@click.option("--table", "table_name", type=click.Choice(TABLES), default="rates", show_default=True,
              help="Which table --format csv prints.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed for resampling.")
@click.option("--focus", default=None, metavar="DOC_ID",
              help="Place this document among each group's articles (percentile per measure) instead.")
@lexicon_option
def compare(corpus_dir: Path, by: str, fmt: str, table_name: str, seed: int,
            lexicon_specs: tuple[str, ...], focus: str | None = None) -> None:
    """Compare groups of documents: rates with intervals, tests, distinctive words.

    Example: framing compare --by source --format table
    """
    if focus is not None:
        return _focus(corpus_dir, by, fmt, focus, lexicon_specs)
    from ..compare import compare as run_compare
    from .analysis_cmds import open_tables

    _, tables = open_tables(corpus_dir, lexicon_specs, 1, progress=False)
    comparison = run_compare(tables, by=by, seed=seed)
    if fmt == "json":
        click.echo(render_json(comparison), nl=False)
    elif fmt == "csv":
        df = getattr(comparison, table_name)
        click.echo(df.to_csv(index=False, lineterminator="\n", float_format="%.6g"), nl=False)
    else:
        click.echo(render_table(comparison), nl=False)


def _focus(corpus_dir: Path, by: str, fmt: str, focus: str, lexicon_specs: tuple[str, ...]) -> None:
    """``framing compare --focus DOC_ID``: the document's percentile in each group, per measure."""
    from ..focus import place, wide
    from .analysis_cmds import open_tables

    _, tables = open_tables(corpus_dir, lexicon_specs, 1, progress=False)
    placed = place(tables, focus=focus, by=by)
    if fmt == "json":
        out = {"doc_id": placed["doc_id"], "title": placed["title"], "group": placed["group"],
               "placement": json.loads(placed["table"].to_json(orient="records", double_precision=6)),
               "drivers": [{k: d[k] for k in ("measure", "percentile", "anchor", "text")} for d in placed["drivers"]]}
        click.echo(json.dumps(out, indent=2, sort_keys=True, ensure_ascii=False, default=_json_default))
    elif fmt == "csv":
        click.echo(placed["table"].to_csv(index=False, lineterminator="\n", float_format="%.6g"), nl=False)
    else:
        table = wide(placed)
        click.echo(f"{placed['title']} ({placed['group']}, {placed['doc_id']}): percentile among each group's "
                   "other articles (50 is typical)\n")
        click.echo(table.to_string(index=False, float_format=lambda v: f"{v:.3g}", na_rep="—"))
        for d in placed["drivers"]:
            click.echo(f"\nlargest departure: {d['label']} (percentile {d['percentile']:.0f} overall), "
                       f"paragraph {d['paragraph']}: {d['text'][:200]}")
