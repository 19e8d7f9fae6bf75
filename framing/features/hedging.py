"""Hedging: hedges, boosters and attribution cues per paragraph (after Hyland 2005).

Cues come from the ``hedges`` lexicon. Each cue is a word or phrase matched on the
lower-cased text or the lemma of each token, then filtered by the lexicon's ``pos``
(a Penn tag such as ``MD`` or a coarse POS such as ``VERB``, on the first token)
and ``context`` rules, which are what make the detector usable on news:

* ``aux``: a modal counts only as the auxiliary of a bare infinitive ("could reach",
  "would have worked"); "In May 2024" is a month, "he'd already gone" is "had";
* ``not_negated``: "could not" / "cannot" is negated ability, not a hedge;
* ``not_reported``: "said it would open" is future-in-the-past, not a hedge;
* ``before_number``: "about", "around", "some" only as approximators ("about 40");
* ``predicative``: "it is possible that", not "the best possible";
* ``with_clause`` / ``with_object``: "appears to be", "suggests that",
  "demonstrated its resolve" — not "appeared at the summit", "protesters demonstrated";
* ``with_subject`` / ``reporting``: attribution needs a speaker ("X said"; "X noted that");
* ``not_before_of``: "in part because", not "in part of the country".

Matching is leftmost-longest without overlaps. Per paragraph the feature gives raw
counts; rates per 100 words are computed downstream from ``n_words``.
"""
from __future__ import annotations

from typing import Any, Callable

from ..measures import Measure
from . import Context, register

CATEGORIES = ("hedge", "booster", "attribution")
SUMMARY = {"hedge": "hedges", "booster": "boosters", "attribution": "attributions"}
NEGATIONS = {"not", "n't", "nt", "never"}
CURRENCY = {"$", "us$", "usd", "€", "£", "¥", "rmb", "eur"}
CLAUSE_DEPS = {"ccomp", "xcomp", "acomp", "oprd"}
SUBJECT_DEPS = {"nsubj", "nsubjpass", "csubj"}


def _has_subject(tok) -> bool:
    # A conjoined verb shares its head's subject: "he stood up and said ...".
    if any(c.dep_ in SUBJECT_DEPS for c in tok.children):
        return True
    return tok.dep_ == "conj" and any(c.dep_ in SUBJECT_DEPS for c in tok.head.children)


def _before_number(doc, end: int) -> bool:
    j = end
    while j < len(doc) and doc[j].lower_ in CURRENCY:
        j += 1
    return j < len(doc) and (doc[j].like_num or doc[j].tag_ == "CD")


def _modal_aux(tok) -> bool:
    # A modal governs a bare infinitive ("could reach", "would have worked"); this rules
    # out "May" the month and "'d" = "had" ("he'd already used it").
    head = tok.head
    if tok.dep_ not in ("aux", "auxpass") or head.i == tok.i or head.pos_ not in ("VERB", "AUX"):
        return False
    return head.tag_ == "VB" or any(c.tag_ == "VB" and c.dep_ in ("aux", "auxpass") for c in head.children)


def _negated(doc, end: int) -> bool:
    # "could not" negates; "could not only ..." does not.
    if end >= len(doc) or doc[end].lower_ not in NEGATIONS:
        return False
    return not (end + 1 < len(doc) and doc[end + 1].lower_ == "only")


def _context_rules(reporting_verbs: set[str]) -> dict[str, Callable]:
    """Rule name -> check(doc, start, end) over the matched token range."""
    def not_reported(doc, s, e):
        head = doc[s].head
        return not (head.dep_ == "ccomp" and head.head.lemma_.lower() in reporting_verbs)

    return {
        "aux": lambda doc, s, e: _modal_aux(doc[s]),
        "not_negated": lambda doc, s, e: not _negated(doc, e),
        "not_reported": not_reported,
        "before_number": lambda doc, s, e: _before_number(doc, e),
        "predicative": lambda doc, s, e: doc[s].dep_ in ("acomp", "attr", "oprd"),
        "with_clause": lambda doc, s, e: any(c.dep_ in CLAUSE_DEPS for c in doc[s].children),
        "with_object": lambda doc, s, e: any(c.dep_ in CLAUSE_DEPS | {"dobj"} for c in doc[s].children),
        "with_subject": lambda doc, s, e: _has_subject(doc[s]),
        "reporting": lambda doc, s, e: _has_subject(doc[s]) and (
            doc[s].dep_ == "parataxis" or any(c.dep_ == "ccomp" for c in doc[s].children)),
        "not_before_of": lambda doc, s, e: not (e < len(doc) and doc[e].lower_ == "of"),
    }


def build_cues(table) -> tuple[dict[str, list[dict]], dict[str, Callable]]:
    """Index cues by first word (longest cue first) and build the context rules.

    Args:
        table: the ``hedges`` lexicon DataFrame (cue, category, pos, context).

    Returns:
        ``(index, rules)``; an unknown context name raises ``ValueError`` at set-up.
    """
    rows = [r for r in table.to_dict("records") if r["category"] in CATEGORIES]
    reporting = {r["cue"].lower() for r in rows if r["category"] == "attribution" and " " not in r["cue"]}
    rules = _context_rules(reporting)
    index: dict[str, list[dict]] = {}
    for order, row in enumerate(rows):
        words = tuple(row["cue"].lower().split())
        context = tuple(c.strip() for c in (row.get("context") or "").split(";") if c.strip())
        unknown = [c for c in context if c not in rules]
        if unknown:
            raise ValueError(f"hedges lexicon: cue '{row['cue']}' has unknown context {unknown}; "
                             f"known: {sorted(rules)}")
        pos = {p.strip() for p in (row.get("pos") or "").split("|") if p.strip()}
        index.setdefault(words[0], []).append({"cue": row["cue"].lower(), "category": row["category"],
                                               "words": words, "pos": pos, "context": context,
                                               "order": order})
    for entries in index.values():
        entries.sort(key=lambda x: (-len(x["words"]), x["order"]))
    return index, rules


def _same(tok, word: str) -> bool:
    return tok.lower_ == word or tok.lemma_.lower() == word


def _accepts(doc, i: int, entry: dict, rules) -> bool:
    end = i + len(entry["words"])
    if end > len(doc) or not all(_same(doc[i + k], w) for k, w in enumerate(entry["words"])):
        return False
    if entry["pos"] and not (doc[i].tag_ in entry["pos"] or doc[i].pos_ in entry["pos"]):
        return False
    return all(rules[name](doc, i, end) for name in entry["context"])


def find_cues(doc, index, rules) -> list[dict]:
    """Leftmost-longest cue matches in ``doc``: dicts with cue, category, start, end."""
    base = doc[0].idx if len(doc) else 0
    rows, i = [], 0
    while i < len(doc):
        tok = doc[i]
        candidates = index.get(tok.lower_, []) + index.get(tok.lemma_.lower(), [])
        candidates.sort(key=lambda x: (-len(x["words"]), x["order"]))
        hit = next((e for e in candidates if _accepts(doc, i, e, rules)), None)
        if hit is None:
            i += 1
            continue
        last = doc[i + len(hit["words"]) - 1]
        rows.append({"cue": hit["cue"], "category": hit["category"],
                     "start": tok.idx - base, "end": last.idx + len(last.text) - base})
        i += len(hit["words"])
    return rows


@register("hedging", version="1.0", table="cues",
          columns=("cue", "category", "start", "end"),
          paragraph_columns=("hedges", "boosters", "attributions"),
          lexicons=("hedges",),
          measures=(
              Measure("hedges_per_100w", "rate", "certainty", "hedges", "hedges per 100 words",
                      column="hedges", rank=10, strip="hedges"),
              Measure("boosters_per_100w", "rate", "certainty", "boosters", "boosters per 100 words",
                      column="boosters", rank=11, strip="boosters"),
              Measure("attributions_per_100w", "rate", "certainty", "attributions",
                      "attribution markers per 100 words", column="attributions", rank=12, strip="attrib.")),
          glossary=(
              ("hedge", "a word that weakens commitment to a claim (may, reportedly, about)."),
              ("booster", "a word that strengthens commitment (clearly, in fact, undoubtedly)."),
              ("attribution", "a marker that a claim comes from someone else (according to, said).")))
def make_hedging(ctx: Context) -> Callable[[Any], tuple[list, dict]]:
    """Factory of the hedging feature.

    Returns:
        ``fn(doc) -> (rows, summary)``: one row per cue (cue as in the lexicon,
        category, start, end: character offsets in the paragraph) and the counts
        ``hedges``, ``boosters``, ``attributions``.

    Example:
        >>> fn = make_hedging(Context(nlp, LexiconSet()))           # doctest: +SKIP
        >>> fn(nlp("Supply could reach 4 bcm, officials said."))[1]  # doctest: +SKIP
        {'hedges': 1, 'boosters': 0, 'attributions': 1}
    """
    index, rules = build_cues(ctx.lexicon("hedges").table)

    def hedging(doc) -> tuple[list, dict]:
        rows = find_cues(doc, index, rules)
        summary = {SUMMARY[c]: sum(r["category"] == c for r in rows) for c in CATEGORIES}
        return rows, summary

    return hedging
