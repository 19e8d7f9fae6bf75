"""Contested terms: which side's vocabulary a paragraph uses for contested concepts.

The ``contested_terms`` lexicon lists, per concept, competing labels each tagged
with a side (``russia``, ``west``, ``china``, ``neutral``). Matching works on
normalised token sequences, so case, British/American spelling, plurals and
hyphenation ("full-scale" / "full scale") do not matter. Scanning is
leftmost-longest: at each token the longest label wins and matches never overlap.
A label with a ``context`` counts only when a context word occurs in the paragraph
(this is how "reunification" is told apart for Crimea and for Taiwan).

Per paragraph: counts per side and ``term_lean = (west - (russia + china)) /
(west + russia + china)`` in [-1, 1]; +1 is all-Western vocabulary, -1 all
Russian/Chinese; NaN when the paragraph has no partisan term (neutral labels are
counted but do not enter the lean).
"""
from __future__ import annotations

import math
from typing import Any, Callable

from ..measures import Measure
from . import Context, register

SIDES = ("russia", "west", "china", "neutral")
# Tokens dropped before matching so that "full-scale" (3 spaCy tokens) equals "full scale".
JOINERS = {"-", "–", "‐"}
# British -> American spellings, applied inside words (order matters: longest first).
SPELLINGS = (("isation", "ization"), ("ising", "izing"), ("ised", "ized"), ("colour", "color"),
             ("centre", "center"), ("defence", "defense"), ("labour", "labor"), ("’", "'"))
# Word endings never stripped as plurals (Donbass, crisis, Aegis, campus...).
KEEP_S = ("ss", "is", "us", "'s")


def norm(word: str) -> str:
    """Normal form of one token: lower case, American spelling, singular.

    Example:
        >>> norm("Colours"), norm("territories"), norm("Donbass")
        ('color', 'territory', 'donbass')
    """
    w = word.lower()
    for british, american in SPELLINGS:
        w = w.replace(british, american)
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith(KEEP_S):
        return w[:-1]
    return w


def norms(tokens) -> tuple[list[str], list[Any]]:
    """Normal forms of ``tokens`` (hyphens dropped) and the tokens they come from."""
    kept = [t for t in tokens if t.text not in JOINERS]
    return [norm(t.text) for t in kept], kept


def _split(cell: str) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


def build_index(table, tokenizer) -> tuple[dict[tuple[str, ...], list[dict]], int]:
    """Pattern index: normalised token tuple -> candidate rows (in lexicon order).

    Args:
        table: the lexicon DataFrame (concept, term, side, variants, context).
        tokenizer: callable str -> Doc (``nlp.make_doc``), so patterns split like text.

    Returns:
        ``(index, longest pattern length)``.
    """
    index: dict[tuple[str, ...], list[dict]] = {}
    for row in table.to_dict("records"):
        if row["side"] not in SIDES:
            continue  # a user row with an unknown side is ignored rather than miscounted
        entry = {"concept": row["concept"], "term": row["term"], "side": row["side"],
                 "context": {norm(w) for c in _split(row.get("context", "")) for w in c.split()}}
        for form in [row["term"], *_split(row.get("variants", ""))]:
            key = tuple(norms(tokenizer(form))[0])
            if key and entry not in index.setdefault(key, []):
                index[key].append(entry)
    return index, max((len(k) for k in index), default=0)


def find_terms(doc, index, longest: int) -> list[dict]:
    """Leftmost-longest, non-overlapping label matches in ``doc`` (a spaCy Doc/Span)."""
    words, tokens = norms(doc)
    present = set(words)
    base = doc[0].idx if len(doc) else 0
    rows, i = [], 0
    while i < len(words):
        hit = _match_at(words, i, index, longest, present)
        if hit is None:
            i += 1
            continue
        entry, size = hit
        first, last = tokens[i], tokens[i + size - 1]
        start, end = first.idx - base, last.idx + len(last.text) - base
        # ``term`` is the lexicon label (for counting variants together); ``match`` the words as written.
        rows.append({"concept": entry["concept"], "term": entry["term"], "side": entry["side"],
                     "match": first.doc.text[first.idx:last.idx + len(last.text)], "start": start, "end": end})
        i += size
    return rows


def _match_at(words, i, index, longest, present):
    for size in range(min(longest, len(words) - i), 0, -1):
        for entry in index.get(tuple(words[i:i + size]), ()):
            if not entry["context"] or entry["context"] & present:
                return entry, size
    return None


def lean(counts: dict[str, int]) -> float:
    """``(west - (russia + china)) / (west + russia + china)``; NaN without partisan terms.

    Example:
        >>> lean({"west": 3, "russia": 1, "china": 0})
        0.5
    """
    partisan = counts["west"] + counts["russia"] + counts["china"]
    if partisan == 0:
        return math.nan
    return (counts["west"] - counts["russia"] - counts["china"]) / partisan


@register("terms", version="1.1", table="terms",
          columns=("concept", "term", "side", "match", "start", "end"),
          paragraph_columns=("terms_russia", "terms_west", "terms_china", "terms_neutral", "term_lean"),
          lexicons=("contested_terms",),
          measures=(
              *(Measure(f"terms_{side}_per_1000w", "rate", "terms", f"{side} terms",
                        f"{label}-side contested-term variants per 1,000 words", column=f"terms_{side}",
                        scale=1000.0, rank=20 + k)
                for k, (side, label) in enumerate((("russia", "Russia"), ("west", "Western"),
                                                   ("china", "China"), ("neutral", "neutral")))),
              Measure("term_lean", "mean", "terms", "term lean",
                      "-1 (only Russia/China-side variants) .. +1 (only Western variants), per paragraph",
                      column="term_lean", scale=1.0, rank=30, strip="term lean",
                      unit="mean of paragraphs with terms (-1 Russia/China .. +1 West)")),
          glossary=(("contested term", "one of several competing names for the same thing, each typical of one side."),))
def make_terms(ctx: Context) -> Callable[[Any], tuple[list, dict]]:
    """Factory of the contested-terms feature.

    Returns:
        ``fn(doc) -> (rows, summary)``: one row per label found (concept, term,
        side, start, end: character offsets in the paragraph), and the counts per
        side with ``term_lean``.

    Example:
        >>> fn = make_terms(Context(nlp, LexiconSet()))          # doctest: +SKIP
        >>> fn(nlp("Shelling hit Kyiv and Kharkiv."))[1]["term_lean"]  # doctest: +SKIP
        1.0
    """
    index, longest = build_index(ctx.lexicon("contested_terms").table, ctx.nlp.make_doc)

    def terms(doc) -> tuple[list, dict]:
        rows = find_terms(doc, index, longest)
        counts = {side: sum(r["side"] == side for r in rows) for side in SIDES}
        summary = {f"terms_{side}": counts[side] for side in SIDES}
        summary["term_lean"] = lean(counts)
        return rows, summary

    return terms
