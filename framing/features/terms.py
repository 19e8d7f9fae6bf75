"""Contested terms: which side's vocabulary a paragraph uses for contested concepts.

The ``contested_terms`` lexicon lists, per concept, competing labels each tagged
with a side (``russia``, ``west``, ``china``, ``neutral``). Matching works on
normalised token sequences, so case, British/American spelling, plurals and
hyphenation ("full-scale" / "full scale") do not matter. Scanning is
leftmost-longest: at each token the longest label wins and matches never overlap.
A label with a ``context`` counts only when a context word occurs in the paragraph
(this is how "reunification" is told apart for Crimea and for Taiwan).

What the words do in the sentence decides, not the string alone:

* a label with a ``referent`` list counts only if its explicit referent -- the
  *of/against/on* object, possessor, compound or adjective of its head noun, or the
  object of its verb -- names one of those words, when it has one: "Russia's invasion
  of Ukraine" counts, "the invasions of Afghanistan and Iraq" and "Democratic
  People's Republic of Korea" do not;
* a label next to a word of its ``exclude`` list does not count ("sanctions regime",
  "regime change");
* a place-name spelling followed by another proper name of the same organisation,
  building or title entity is part of a name ("Kyiv Post", "Kiev Polytechnic"), not a
  spelling choice;
* "so-called" before a label distances the writer from it: "so-called DPR" is the
  other side's vocabulary (Russian- or Chinese-side label -> west; Western label ->
  russia, or china for concepts whose state label is Chinese, and for concepts both
  label when the paragraph is about China: "the so-called rules-based order").

A label both Moscow and Beijing use (lexicon ``shared`` = the other state) takes that
side in a paragraph that names the other state and not its own ("colour revolution"
about China and not Russia is Chinese-side).

Two layers are matched independently, so they may overlap: **naming** (place-name
spellings: Kyiv/Kiev, Donbas/Donbass, Kharkiv/Kharkov ...; lexicon ``kind`` = naming)
and **evaluative** vocabulary (everything else). "Kiev authorities" is one evaluative
term and one naming term.

Per paragraph: evaluative counts per side and ``term_lean = (west - (russia + china)) /
(west + russia + china)`` in [-1, 1] over evaluative terms only; +1 is all-Western
vocabulary, -1 all Russian/Chinese; NaN when the paragraph has no partisan term
(neutral labels are counted but do not enter the lean). The naming index is apart:
``naming_russia``, ``naming_west`` and ``naming_lean`` = (west - russia)/(west + russia),
so a Ukrainian release's lean is not made of its own city spellings.
"""
from __future__ import annotations

import math
from functools import lru_cache
from typing import Any, Callable

from ..docmemo import text as doc_text
from ..language import drop_other_language, other_language_spans
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


@lru_cache(maxsize=200_000)  # a paragraph repeats most of its words; memory stays bounded
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


KINDS = ("evaluative", "naming")
# Words that make a capitalised follower part of the place name, not another name ("Kyiv Oblast").
GEO_HEADS = {"oblast", "region", "province", "district", "raion", "governorate", "krai", "city", "mayor",
             "governor"}
NAME_ENTS = {"ORG", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"}
REFERENT_DEPS = {"poss", "compound", "amod", "nmod", "dobj"}
REFERENT_PREPS = {"of", "against", "on", "into", "in"}
SO_CALLED = ("so", "called")
CHINA_WORDS = {"china", "chinese", "beijing"}
SIDE_WORDS = {"china": CHINA_WORDS, "russia": {"russia", "russian", "moscow", "kremlin", "putin"}}


def _words(cell: str) -> set[str]:
    return {norm(w) for c in _split(cell) for w in c.split()}


def build_index(table, tokenizer) -> dict[str, tuple[dict[tuple[str, ...], list[dict]], int]]:
    """Pattern indexes, one per layer: kind -> (normalised token tuple -> rows, longest).

    Args:
        table: the lexicon DataFrame (concept, term, side, variants, context, kind,
            referent, exclude).
        tokenizer: callable str -> Doc (``nlp.make_doc``), so patterns split like text.

    Returns:
        ``{"evaluative": (index, longest), "naming": (index, longest)}``.
    """
    rows = [r for r in table.to_dict("records") if r["side"] in SIDES]  # unknown side: ignored
    # "so-called" flips a Western label to the side of the concept's other state vocabulary.
    state_sides: dict[str, set[str]] = {}
    for r in rows:
        state_sides.setdefault(r["concept"], set()).add(r["side"])
    out = {}
    for kind in KINDS:
        index: dict[tuple[str, ...], list[dict]] = {}
        for row in rows:
            if (row.get("kind") or "evaluative").strip() != kind:
                continue
            sides = state_sides[row["concept"]]
            entry = {"concept": row["concept"], "term": row["term"], "side": row["side"], "kind": kind,
                     "context": _words(row.get("context", "")), "referent": _words(row.get("referent", "")),
                     "exclude": _words(row.get("exclude", "")),
                     "shared": (row.get("shared") or "").strip(),
                     "distanced": {"russia": "west", "china": "west", "neutral": "neutral",
                                   "west": ("china" if "russia" not in sides else
                                            "china?" if "china" in sides else "russia")}[row["side"]]}
            for form in [row["term"], *_split(row.get("variants", ""))]:
                key = tuple(norms(tokenizer(form))[0])
                if key and entry not in index.setdefault(key, []):
                    index[key].append(entry)
        out[kind] = (index, max((len(k) for k in index), default=0))
    return out


def find_terms(doc, indexes) -> list[dict]:
    """Leftmost-longest, non-overlapping label matches per layer in ``doc`` (a spaCy Doc/Span).

    ``indexes`` is :func:`build_index`'s result. Rows of both layers, in text order;
    the layers may overlap each other.
    """
    words, tokens = norms(doc)
    present = set(words)
    base = doc[0].idx if len(doc) else 0
    # The parent Doc's text once: ``Doc.text`` re-joins every token on each access, so
    # reading it per match made a long paragraph quadratic (950 KB: minutes, gigabytes).
    full = doc_text(tokens[0].doc) if tokens else ""
    rows = []
    for kind, (index, size_max) in indexes.items():
        i = 0
        while i < len(words):
            hit = _match_at(words, tokens, i, index, size_max, present)
            if hit is None:
                i += 1
                continue
            entry, size = hit
            first, last = tokens[i], tokens[i + size - 1]
            side = entry["side"]
            if i >= 2 and tuple(words[i - 2:i]) == SO_CALLED and kind == "evaluative":
                first, side = tokens[i - 2], entry["distanced"]
                if side == "china?":  # a concept both Moscow and Beijing label: whose text is it?
                    side = "china" if present & CHINA_WORDS else "russia"
            if entry["shared"] in SIDE_WORDS and side == entry["side"] and present & SIDE_WORDS[entry["shared"]] \
                    and not present & SIDE_WORDS[side]:
                side = entry["shared"]  # both states' vocabulary: "colour revolution" in a paragraph on China
            start, end = first.idx - base, last.idx + len(last.text) - base
            # ``term`` is the lexicon label (variants counted together); ``match`` the words as written.
            rows.append({"concept": entry["concept"], "term": entry["term"], "side": side, "kind": kind,
                         "match": full[first.idx:last.idx + len(last.text)],
                         "start": start, "end": end})
            i += size
    rows.sort(key=lambda r: (r["start"], r["end"]))
    return rows


def _match_at(words, tokens, i, index, longest, present):
    for size in range(min(longest, len(words) - i), 0, -1):
        for entry in index.get(tuple(words[i:i + size]), ()):
            if entry["context"] and not entry["context"] & present:
                continue
            if _fits(words, tokens, i, size, entry):
                return entry, size
    return None


def _fits(words, tokens, i, size, entry) -> bool:
    """Referent, exclusion and proper-name checks of one candidate match."""
    span = tokens[i:i + size]
    if entry["exclude"] and ({words[i - 1] if i else "", words[i + size] if i + size < len(words) else ""}
                             & entry["exclude"]):
        return False
    if entry["kind"] == "naming" and i + size < len(tokens):
        nxt = tokens[i + size]
        if (nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and norm(nxt.text) not in GEO_HEADS
                and nxt.ent_iob_ == "I" and nxt.ent_type_ in NAME_ENTS):
            return False  # "Kyiv Post", "Kiev Polytechnic": part of an organisation's name
    if entry["referent"]:
        named = _referents(span)
        if named and not any(entry["referent"] & words_ for words_ in named):
            return False
    return True


def _referents(span) -> list[set[str]]:
    """Named referents of the span's head: capitalised words of its modifiers/objects."""
    inside = {t.i for t in span}
    heads = [t for t in span if t.head.i not in inside or t.head.i == t.i]
    found = []
    for head in heads:
        for child in head.children:
            if child.i in inside:
                continue
            targets = []
            if child.dep_ in REFERENT_DEPS:
                targets = [child]
            elif child.dep_ == "prep" and child.lower_ in REFERENT_PREPS:
                targets = [c for c in child.children if c.dep_ == "pobj"]
                targets += [c for t in targets for c in t.conjuncts]
            for t in targets:
                phrase = {norm(w.text) for w in t.subtree if w.i <= t.i and w.text[:1].isupper()}
                if phrase:
                    found.append(phrase)
    return found


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


@register("terms", version="2.1", table="terms",
          columns=("concept", "term", "side", "kind", "match", "start", "end"),
          paragraph_columns=("terms_russia", "terms_west", "terms_china", "terms_neutral", "term_lean",
                             "naming_russia", "naming_west", "naming_lean"),
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
          glossary=(("contested term", "one of several competing names for the same thing, each typical of one side."),
                    ("naming lean", "the same as term lean, for place-name spellings only (Kyiv/Kiev, Donbas/Donbass): kept apart because a text spelling its own country's places is not choosing evaluative words."),))
def make_terms(ctx: Context) -> Callable[[Any], tuple[list, dict]]:
    """Factory of the contested-terms feature.

    Returns:
        ``fn(doc) -> (rows, summary)``: one row per label found (concept, term,
        side, kind: ``evaluative`` or ``naming``, match, start, end: character
        offsets in the paragraph); the evaluative counts per side with ``term_lean``
        and the naming index ``naming_russia``, ``naming_west``, ``naming_lean``.

    Example:
        >>> fn = make_terms(Context(nlp, LexiconSet()))          # doctest: +SKIP
        >>> fn(nlp("Shelling hit Kyiv and Kharkiv."))[1]["naming_lean"]  # doctest: +SKIP
        1.0
    """
    indexes = build_index(ctx.lexicon("contested_terms").table, ctx.nlp.make_doc)

    def terms(doc) -> tuple[list, dict]:
        rows = drop_other_language(find_terms(doc, indexes), other_language_spans(doc))
        counts = {side: sum(r["side"] == side and r["kind"] == "evaluative" for r in rows) for side in SIDES}
        summary = {f"terms_{side}": counts[side] for side in SIDES}
        summary["term_lean"] = lean(counts)
        naming = {side: sum(r["side"] == side and r["kind"] == "naming" for r in rows) for side in SIDES}
        summary["naming_russia"], summary["naming_west"] = naming["russia"], naming["west"]
        summary["naming_lean"] = lean({"west": naming["west"], "russia": naming["russia"], "china": 0})
        return rows, summary

    return terms
