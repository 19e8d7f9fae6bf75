"""Links from the report's numbers to the paragraphs behind them (issue 11 item 3).

A side-by-side rate cell links to the body paragraph of that group that shows the
measure most (the same choice as a finding's "most" link); an actor-table row links
to the reading view filtered to that group and actor; a KWIC line links to its
paragraph. The reading view's paragraphs carry ``data-measures`` (the count measures
with hits there) and ``data-actors`` (actors and ``bloc:`` names mentioned), which
the filters and ``#reading?source=…&measure=…&actor=…`` links use.
"""
from __future__ import annotations

from dataclasses import replace
from urllib.parse import quote

import pandas as pd

from ..findings import _paragraph_evidence, measure_specs

def anchor(doc_id, paragraph) -> str:
    """The reading view's id for a paragraph, e.g. ``'bbc-001-p3'``."""
    return f"{doc_id}-p{int(paragraph)}"


def filter_href(by: str, group=None, *, measure=None, actor=None) -> str:
    """A link that opens the reading view filtered, e.g. ``'#reading?source=bbc&actor=Russia'``.

    Example:
        >>> filter_href("source", "a b", actor="bloc:west")
        '#reading?source=a%20b&actor=bloc%3Awest'
    """
    parts = [(by, group), ("measure", measure), ("actor", actor)]
    return "#reading?" + "&".join(f"{k}={quote(str(v), safe='')}" for k, v in parts if v not in (None, ""))


def count_measures(tables) -> list[tuple[str, str, str]]:
    """(name, label, paragraph column) of the count measures a paragraph can have hits of."""
    cols = set(tables.paragraphs.columns)
    return [(s.name, s.label, s.column) for s in measure_specs(tables.declarations())
            if s.kind == "rate" and s.column in cols]


def rate_links(tables, comparison, *, groups: list[str], shown: list[str], by: str = "source") -> dict:
    """``{family: {(group, measure): "#anchor"}}``: each rate cell's strongest paragraph
    among the documents in the reading view (``shown``), so every link lands and
    ``--max-docs`` still bounds the page.

    Only groups shown and measures with a paragraph column get links; a group with no
    document in the reading view, or no paragraph with hits, gets none.
    """
    specs = {s.name: s for s in measure_specs(tables.declarations())}
    rates = comparison.rates
    if rates is None or rates.empty:
        return {}
    docs = tables.documents[tables.documents["doc_id"].isin(set(shown))]
    docs = docs.assign(_g=docs[by].astype(str))
    # Every link lands in a shown document: search their paragraphs only (not the whole corpus's, once per cell).
    tables = replace(tables, paragraphs=tables.paragraphs[tables.paragraphs["doc_id"].isin(set(shown))])
    by_group = {g: list(part["doc_id"]) for g, part in docs.groupby("_g", sort=True)}
    out: dict[str, dict] = {}
    for fam, part in rates.groupby("family", sort=False):
        links = out.setdefault(str(fam), {})
        for name in dict.fromkeys(part["measure"]):
            spec = specs.get(name)
            if spec is None:
                continue
            for group in groups:
                ev = _paragraph_evidence(tables, spec, by_group.get(group, []), True)
                if ev:
                    links[(group, name)] = "#" + ev["anchor"]
    return out


def actor_links(comparison, *, groups: list[str], by: str = "source") -> dict:
    """``{(group, actor): href}`` for the actor and bloc tables: the filtered reading view."""
    acts = comparison.actors
    if acts is None or acts.empty:
        return {}
    pairs = acts[acts["group"].astype(str).isin(groups)][["group", "actor"]].drop_duplicates()
    return {(str(g), str(a)): filter_href(by, g, actor=a) for g, a in pairs.itertuples(index=False)}


def shown_only(tables, shown: list[str]):
    """``tables`` whose contested terms are those in the reading view's documents (for KWIC lines
    whose links land)."""
    return replace(tables, terms=tables.terms[tables.terms["doc_id"].isin(set(shown))])


def annotate_reading(reading: list[dict], tables) -> list[dict]:
    """Add ``measures`` and ``actors`` (space-free tokens joined by ``|``) to each paragraph item."""
    measures = count_measures(tables)
    paras = tables.paragraphs.set_index(["doc_id", "paragraph"])
    acts = tables.actors
    acts = acts[acts["doc_id"].isin({doc["doc_id"] for doc in reading})]  # only the shown documents' rows
    if "kind" in acts:
        acts = acts[acts["kind"].fillna("actor") == "actor"]
    named: dict[tuple, set] = {}
    for row in acts[["doc_id", "paragraph", "actor", "bloc"]].itertuples(index=False):
        key = (row.doc_id, int(row.paragraph))
        names = named.setdefault(key, set())
        if not pd.isna(row.actor):
            names.add(str(row.actor))
        if not pd.isna(row.bloc):
            names.add(f"bloc:{row.bloc}")
    for doc in reading:
        for item in doc["paragraphs"]:
            key = (doc["doc_id"], item["index"])
            row = paras.loc[key] if key in paras.index else None
            hits = [] if row is None else [name for name, _, col in measures
                                           if not pd.isna(row[col]) and float(row[col]) > 0]
            item["measures"] = "|".join(hits)
            item["actors"] = "|".join(sorted(named.get(key, ())))
    return reading


def context(tables, comparison, *, groups: list[str], shown: list[str], by: str = "source") -> dict:
    """``{"links": {"rates": ..., "actors": ...}, "filter_measures": [(name, label)], "filter_actors": [...]}``."""
    rates = rate_links(tables, comparison, groups=groups, shown=shown, by=by)
    acts = actor_links(comparison, groups=groups, by=by)
    actor_names = sorted({a for _, a in acts}, key=lambda a: (a.startswith("bloc:"), a.lower()))
    return {"links": {"rates": rates, "actors": acts},
            "filter_measures": [(n, label) for n, label, _ in count_measures(tables)],
            "filter_actors": actor_names}
