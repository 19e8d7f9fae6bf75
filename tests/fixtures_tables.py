"""A synthetic, deterministic Tables object with planted differences between sources.

Used by the comparison, plot and report tests so they need neither spaCy nor a
corpus. Every annotation row (cue, term, actor) points at real words in the
paragraph text through ``start``/``end``, and the paragraph counts are derived
from those rows, so the tables agree with each other as the real ones do.

Planted differences (source index ``s`` = 0, 1, 2; they repeat with period 3, so
sources 0 and 3 differ only by chance — a "no difference" control — apart from
their signature words):
  - hedges per paragraph rise with ``s`` (mean 0.5 + 1.5 s); boosters fall (2 - 0.8 s);
  - source 0 uses Russian-side contested terms, source 1 Western ones, source 2
    Chinese ones (then repeating); so ``term_lean`` differs by source;
  - source 0 casts Russia as agent and the West as patient, source 1 the reverse;
  - sentence sentiment has mean ``0.3 - 0.3 s`` (0.3, 0.0, -0.3); readability
    grades rise with ``s`` and reading ease falls;
  - each source has its own signature words (e.g. ``pipeline energy`` for 0),
    which distinctive-term statistics should find.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from framing.tables import Tables, add_rates, documents_table

SOURCES = ("alpha-news", "beta-wire", "gamma-daily", "delta-post", "epsilon-times", "zeta-herald")
FILLER = ("the", "ministers", "met", "on", "tuesday", "talks", "region", "officials", "said",
          "trade", "border", "visit", "agreement", "summit", "week", "plans")
SIGNATURE = (("pipeline", "energy"), ("sanctions", "democracy"), ("harmony", "cooperation"),
             ("harvest", "grain"), ("satellite", "orbit"), ("festival", "music"))
HEDGES = ("may", "might", "reportedly", "possibly")
BOOSTERS = ("clearly", "indeed", "undoubtedly")
ATTRIBUTIONS = ("according to officials", "a spokesman said")
TERMS = {"russia": ("ukraine_war", "special military operation"),
         "west": ("ukraine_war", "invasion"),
         "china": ("ukraine_war", "crisis"),
         "neutral": ("ukraine_war", "conflict")}
ACTORS = (("Russia", "russia"), ("NATO", "west"), ("United States", "west"),
          ("China", "china"), ("Kazakhstan", "central_asia"), ("Ukraine", "ukraine"))
SIDE_OF = ("russia", "west", "china")


def _segments(s: int, rng: np.random.Generator) -> list[tuple[str, dict | None]]:
    """Phrases of one body paragraph of source ``s``: (text, annotation or None)."""
    segs: list[tuple[str, dict | None]] = [(w, None) for w in rng.choice(FILLER, 14)]
    segs += [(w, None) for w in SIGNATURE[s % len(SIGNATURE)]]
    for _ in range(rng.poisson(0.5 + 1.5 * (s % 3))):
        segs.append((str(rng.choice(HEDGES)), {"table": "cues", "category": "hedge"}))
    for _ in range(rng.poisson(2.0 - 0.8 * (s % 3))):
        segs.append((str(rng.choice(BOOSTERS)), {"table": "cues", "category": "booster"}))
    for _ in range(rng.poisson(1.0)):
        segs.append((str(rng.choice(ATTRIBUTIONS)), {"table": "cues", "category": "attribution"}))
    for _ in range(rng.poisson(1.0)):
        side = SIDE_OF[s % 3] if rng.random() < 0.8 else "neutral"
        segs.append((TERMS[side][1], {"table": "terms", "side": side, "concept": TERMS[side][0]}))
    for _ in range(1 + rng.poisson(1.5)):
        name, bloc = ACTORS[rng.integers(len(ACTORS))]
        segs.append((name, {"table": "actors", "actor": name, "bloc": bloc}))
    order = rng.permutation(len(segs))
    return [segs[i] for i in order]


def _role(s: int, bloc: str, rng: np.random.Generator) -> tuple[str, str]:
    """(role, voice): source 0 makes Russia act on the West, source 1 the reverse."""
    p_agent = {0: {"russia": 0.8, "west": 0.2}, 1: {"russia": 0.2, "west": 0.8}}
    p = p_agent.get(s % 3, {}).get(bloc, 0.5)
    if rng.random() < p:
        return "agent", "active"
    voice = ("agentless_passive", "passive", "nominal")[rng.integers(3)]
    return "patient", voice


def _annotate(key: dict, s: int, segs, rng) -> tuple[str, dict[str, list[dict]]]:
    """Join segments into text and emit cue/term/actor rows with offsets."""
    rows: dict[str, list[dict]] = {"cues": [], "terms": [], "actors": []}
    parts, pos = [], 0
    for text, ann in segs:
        start, end = pos, pos + len(text)
        parts.append(text)
        pos = end + 1
        if ann is None:
            continue
        base = {**key, "start": start, "end": end}
        if ann["table"] == "cues":
            rows["cues"].append({**base, "cue": text, "category": ann["category"]})
        elif ann["table"] == "terms":
            rows["terms"].append({**base, "concept": ann["concept"], "term": text, "side": ann["side"]})
        else:
            role, voice = _role(s, ann["bloc"], rng)
            senti = float(np.clip(rng.normal(0.4 - 0.4 * (s % 3), 0.3), -1, 1))
            label = "positive" if senti > 0.05 else "negative" if senti < -0.05 else "neutral"
            rows["actors"].append({**base, "actor": ann["actor"], "bloc": ann["bloc"], "mention": text,
                                   "role": role, "voice": voice, "verb": "meet",
                                   "verb_connotation": "neutral", "sentiment": senti,
                                   "sentiment_label": label})
    return " ".join(parts) + ".", rows


def _paragraph_row(key: dict, text: str, rows: dict[str, list[dict]], s: int, rng) -> dict:
    cats = pd.Series([r["category"] for r in rows["cues"]], dtype="object")
    sides = pd.Series([r["side"] for r in rows["terms"]], dtype="object")
    side_n = {side: int((sides == side).sum()) for side in TERMS}
    total = sum(side_n.values())
    lean = (side_n["west"] - side_n["russia"] - side_n["china"]) / total if total else np.nan
    n_words = len(text.split())
    return {**key, "kind": "body", "text": text, "n_words": n_words, "n_sentences": 2,
            "hedges": int((cats == "hedge").sum()), "boosters": int((cats == "booster").sum()),
            "attributions": int((cats == "attribution").sum()),
            **{f"terms_{side}": n for side, n in side_n.items()}, "term_lean": lean,
            "sentiment": float(np.clip(rng.normal(0.3 - 0.3 * (s % 3), 0.2), -1, 1)),
            "flesch_reading_ease": float(rng.normal(60 - 5 * (s % 3), 8)),
            "fk_grade": float(rng.normal(9 + s % 3, 1.5)), "gunning_fog": float(rng.normal(11 + s % 3, 2)),
            "smog_index": float(rng.normal(10 + s % 3, 1.5)), "actor_mentions": len(rows["actors"])}


def _heading(key: dict, title: str) -> dict:
    return {**key, "kind": "heading", "text": title, "n_words": len(title.split()), "n_sentences": 1}


def _document(s: int, d: int, n_body: int, rng) -> tuple[dict, list[dict], dict[str, list[dict]]]:
    source = SOURCES[s % len(SOURCES)] + ("" if s < len(SOURCES) else f"-{s}")
    doc_id = f"{source}-{d:03d}"
    title = f"Summit report {d} from {source}"
    paras, rows = [_heading({"doc_id": doc_id, "source": source, "paragraph": 1}, title)], \
        {"cues": [], "terms": [], "actors": []}
    for p in range(2, n_body + 2):
        if p == n_body // 2 + 2:  # a mid-document section heading, for the within-document view
            paras.append(_heading({"doc_id": doc_id, "source": source, "paragraph": p}, "Background"))
            continue
        key = {"doc_id": doc_id, "source": source, "paragraph": p}
        text, prow = _annotate(key, s, _segments(s, rng), rng)
        paras.append(_paragraph_row(key, text, prow, s, rng))
        for name in rows:
            rows[name] += prow[name]
    body = [p for p in paras if p["kind"] == "body"]
    meta = {"doc_id": doc_id, "source": source, "title": title, "author": None,
            "date": f"2024-0{1 + d % 9}-1{s % 10}", "url": f"https://example.org/{doc_id}",
            "language": "en", "translated_from": "ru" if (s == 2 and d == 0) else None,
            "genre": ("news", "opinion")[d % 2], "constructed": True,
            "bias_text": ("left", "center", "right")[s % 3], "n_paragraphs": len(paras),
            "n_body": len(body), "n_words": int(sum(p["n_words"] for p in body))}
    return meta, paras, rows


def make_tables(n_sources: int = 3, docs_per_source: int = 4, seed: int = 0, *,
                paragraphs_per_doc: int = 6) -> Tables:
    """A synthetic :class:`framing.tables.Tables` with all contract columns.

    Args:
        n_sources: number of sources (planted differences cycle with period 3).
        docs_per_source: documents per source.
        seed: random seed; the same arguments give identical tables.
        paragraphs_per_doc: body paragraphs per document (plus a title heading and
            one mid-document "Background" heading).

    Returns:
        A Tables with documents, paragraphs, actors, terms, cues and meta.

    Example:
        >>> t = make_tables(2, 2)
        >>> sorted(t.documents["source"].unique())
        ['alpha-news', 'beta-wire']
    """
    rng = np.random.default_rng(seed)
    metas, paras, rows = [], [], {"cues": [], "terms": [], "actors": []}
    for s in range(n_sources):
        for d in range(docs_per_source):
            meta, p, r = _document(s, d, paragraphs_per_doc, rng)
            metas.append(meta)
            paras += p
            for name in rows:
                rows[name] += r[name]
    paragraphs = add_rates(pd.DataFrame(paras).sort_values(["doc_id", "paragraph"]).reset_index(drop=True))
    tables = {name: _long(rows[name]) for name in rows}
    meta = {"framing_version": "test", "pipeline": "synthetic", "features": {}, "lexicons": []}
    return Tables(documents=documents_table(metas), paragraphs=paragraphs, meta=meta, **tables)


def _long(rows: list[dict]) -> pd.DataFrame:
    df = pd.DataFrame(rows)
    return df.sort_values(["doc_id", "paragraph", "start"], kind="stable").reset_index(drop=True)
