"""Score the framing features against the news gold (``news_gold`` format).

The gold is hand annotation of real news paragraphs (see ``ANNOTATION.md`` of the
``news_gold`` data set): actor mentions with bloc, role and sentiment; contested terms
with side; hedge/booster/attribution cues. Each paragraph is parsed with the real
pipeline and passed to exactly the registered ``actors``, ``terms`` and ``hedging``
features -- the functions the reports use -- and scored as the data set's
``SOURCE.md`` prescribes:

* a system span matches a gold span when the two overlap; matching is one-to-one,
  gold spans in text order, each taking the unused system span with the largest
  overlap;
* actors: P/R/F1 of mentions, leaving out gold mentions marked ``coref``, mentions
  whose bloc is ``other`` on either side and system rows whose ``kind`` is not ``actor``; on matched mentions bloc accuracy, role
  accuracy and macro-F1 (agent/patient/other) and sentiment macro-F1
  (negative/neutral/positive);
* terms: side-bearing only (russia/west/china); a match needs the same side;
* cues: P/R/F1 per category (hedge, booster, attribution).

Every figure is given overall and broken down by ``outlet_type`` and ``source``.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Iterable

from ..datasets.jsonl import json_objects
from ..errors import InputError
from .metrics import prf

SIDES = ("russia", "west", "china")
ROLES = ("agent", "patient", "other")
POLARITIES = ("negative", "neutral", "positive")
CUE_CATEGORIES = ("hedge", "booster", "attribution")
REQUIRED = ("id", "text", "actors", "terms", "cues")


def read_gold(path: str | Path) -> list[dict[str, Any]]:
    """Paragraph records of a ``news_gold`` JSONL file, checked.

    Raises:
        InputError: the file is missing, a line is not JSON, lacks a field, or a span's
            offsets do not point at its words (the message names the line).
    """
    path = Path(path)
    return [_check_record(rec, path, n) for n, rec in json_objects(path, what="news_gold JSONL")]


def _check_record(rec: dict, path: Path, n: int) -> dict:
    missing = [f for f in REQUIRED if f not in rec]
    if missing:
        raise InputError(f"{path}:{n}: missing field(s) {', '.join(missing)}")
    text = rec["text"]
    for field in ("actors", "terms", "cues"):
        for ann in rec[field]:
            try:
                ok = text[ann["start"]:ann["end"]] == ann["span"]
            except (KeyError, TypeError):
                ok = False
            if not ok:
                raise InputError(f"{path}:{n}: a {field} annotation's start/end do not point at its span")
    return rec


def match(gold: list[tuple[int, int]], system: list[tuple[int, int]]) -> dict[int, int]:
    """One-to-one overlap matching: gold index -> system index.

    Gold spans are taken in text order; each takes the unused system span with the
    largest overlap (ties: the earliest system span).

    Example:
        >>> match([(0, 5), (10, 15)], [(12, 20), (3, 11)])
        {0: 1, 1: 0}
    """
    used: set[int] = set()
    out: dict[int, int] = {}
    for gi in sorted(range(len(gold)), key=lambda i: gold[i]):
        gs, ge = gold[gi]
        best, best_overlap = None, 0
        for si, (ss, se) in enumerate(system):
            overlap = min(ge, se) - max(gs, ss)
            if si not in used and overlap > best_overlap:
                best, best_overlap = si, overlap
        if best is not None:
            used.add(best)
            out[gi] = best
    return out


def macro_f1(pairs: Iterable[tuple[str, str]], labels: tuple[str, ...]) -> float | None:
    """Macro-F1 over ``labels`` of (gold, system) label pairs (labels absent from both skipped).

    Example:
        >>> macro_f1([("a", "a"), ("b", "a")], ("a", "b"))
        0.3333
    """
    pairs = list(pairs)
    if not pairs:
        return None
    scores = []
    for label in labels:
        tp = sum(g == label and s == label for g, s in pairs)
        fp = sum(g != label and s == label for g, s in pairs)
        fn = sum(g == label and s != label for g, s in pairs)
        if tp + fp + fn:
            scores.append(prf(tp, fp, fn)["f1"] or 0.0)
    return round(sum(scores) / len(scores), 4) if scores else None


def _accuracy(pairs: list[tuple[str, str]]) -> float | None:
    return round(sum(g == s for g, s in pairs) / len(pairs), 4) if pairs else None


class Tally:
    """Counts for one slice of the gold (all, one outlet type, one source)."""

    def __init__(self) -> None:
        self.paragraphs = 0
        self.counts: dict[str, Counter] = defaultdict(Counter)
        self.pairs: dict[str, list[tuple[str, str]]] = defaultdict(list)

    def result(self) -> dict[str, Any]:
        c, p = self.counts, self.pairs
        out: dict[str, Any] = {"paragraphs": self.paragraphs}
        out["actors"] = {**prf(c["actors"]["tp"], c["actors"]["fp"], c["actors"]["fn"]),
                         "n_gold": c["actors"]["tp"] + c["actors"]["fn"],
                         "n_system": c["actors"]["tp"] + c["actors"]["fp"],
                         "bloc_accuracy": _accuracy(p["bloc"]),
                         "role_accuracy": _accuracy(p["role"]), "role_macro_f1": macro_f1(p["role"], ROLES),
                         "sentiment_macro_f1": macro_f1(p["sentiment"], POLARITIES),
                         "sentiment_accuracy": _accuracy(p["sentiment"])}
        out["terms"] = {**prf(c["terms"]["tp"], c["terms"]["fp"], c["terms"]["fn"]),
                        "n_gold": c["terms"]["tp"] + c["terms"]["fn"],
                        "n_system": c["terms"]["tp"] + c["terms"]["fp"]}
        out["cues"] = {cat: {**prf(c[cat]["tp"], c[cat]["fp"], c[cat]["fn"]),
                             "n_gold": c[cat]["tp"] + c[cat]["fn"], "n_system": c[cat]["tp"] + c[cat]["fp"]}
                       for cat in CUE_CATEGORIES}
        return out


def _role(value: Any) -> str:
    return value if value in ("agent", "patient") else "other"


def score_paragraph(rec: dict, system: dict[str, list[dict]], tallies: list[Tally],
                    errors: list[dict] | None = None) -> None:
    """Add one paragraph's scores to every tally in ``tallies`` (and its errors to ``errors``)."""
    for t in tallies:
        t.paragraphs += 1
    _score_actors(rec, system["actors"], tallies, errors)
    _score_spans(rec, "terms", [g for g in rec["terms"] if g.get("side") in SIDES],
                 [s for s in system["terms"] if s.get("side") in SIDES], "terms", tallies, errors,
                 same=lambda g, s: g["side"] == s["side"])
    for cat in CUE_CATEGORIES:
        _score_spans(rec, cat, [g for g in rec["cues"] if g.get("category") == cat],
                     [s for s in system["cues"] if s.get("category") == cat], cat, tallies, errors)


def _score_spans(rec, what, gold, system, key, tallies, errors, *, same=None) -> dict[int, int]:
    if same is None:
        pairs = match([(g["start"], g["end"]) for g in gold], [(s["start"], s["end"]) for s in system])
    else:  # a match needs the same label: match within each label
        pairs = {}
        for label in {g.get("side") for g in gold}:
            gi = [i for i, g in enumerate(gold) if g.get("side") == label]
            si = [i for i, s in enumerate(system) if s.get("side") == label]
            m = match([(gold[i]["start"], gold[i]["end"]) for i in gi],
                      [(system[i]["start"], system[i]["end"]) for i in si])
            pairs.update({gi[a]: si[b] for a, b in m.items()})
    tp = len(pairs)
    for t in tallies:
        t.counts[key]["tp"] += tp
        t.counts[key]["fn"] += len(gold) - tp
        t.counts[key]["fp"] += len(system) - tp
    if errors is not None:
        _note_errors(rec, what, gold, system, pairs, errors)
    return pairs


def _note_errors(rec, what, gold, system, pairs, errors) -> None:
    text, hit = rec["text"], set(pairs.values())
    for i, g in enumerate(gold):
        if i not in pairs:
            errors.append({"id": rec["id"], "measure": what, "error": "missed", "span": g["span"],
                           "label": g.get("side") or g.get("bloc") or g.get("category")})
    for i, s in enumerate(system):
        if i not in hit:
            errors.append({"id": rec["id"], "measure": what, "error": "spurious",
                           "span": text[s["start"]:s["end"]],
                           "label": s.get("side") or s.get("bloc") or s.get("category")})


def _score_actors(rec, system_rows, tallies, errors) -> None:
    gold = [g for g in rec["actors"] if not g.get("coref") and g.get("bloc") != "other"]
    # Rows of kind place/origin ("in Ukraine", "Russian gas") are, by the feature's own
    # account, not actor mentions: the gold does not mark them either.
    system = [s for s in system_rows if s.get("bloc") != "other" and s.get("kind", "actor") == "actor"]
    pairs = _score_spans(rec, "actors", gold, system, "actors", tallies, errors)
    for gi, si in pairs.items():
        g, s = gold[gi], system[si]
        for t in tallies:
            t.pairs["bloc"].append((g["bloc"], s["bloc"]))
            t.pairs["role"].append((_role(g["role"]), _role(s["role"])))
            t.pairs["sentiment"].append((g["sentiment"], s.get("sentiment_label") or "neutral"))
        if errors is not None:
            for field, gv, sv in (("role", _role(g["role"]), _role(s["role"])),
                                  ("sentiment", g["sentiment"], s.get("sentiment_label") or "neutral"),
                                  ("bloc", g["bloc"], s["bloc"])):
                if gv != sv:
                    errors.append({"id": rec["id"], "measure": f"actor_{field}", "error": f"{sv} (gold {gv})",
                                   "span": g["span"], "label": g["actor"]})


def outlet_group(outlet_type: str) -> str:
    """The genre an outlet type belongs to: its words before a parenthesis.

    Example:
        >>> outlet_group("US outlet (left)"), outlet_group("government release")
        ('US outlet', 'government release')
    """
    return outlet_type.split("(")[0].strip() or outlet_type


def system_annotations(texts: list[str], *, lexicons=None, nlp=None) -> list[dict[str, list[dict]]]:
    """Rows of the registered ``actors``, ``terms`` and ``hedging`` features for each text."""
    from ..features import Context, features
    from ..lexicons import LexiconSet
    from ..nlp import load_pipeline

    nlp = nlp or load_pipeline()
    ctx = Context(nlp, lexicons or LexiconSet())
    fns = {f.table: f.factory(ctx) for f in features(("actors", "terms", "hedging"))}
    return [{table: fn(doc)[0] for table, fn in fns.items()} for doc in nlp.pipe(texts, batch_size=64)]


def evaluate_gold(path: str | Path, *, lexicons=None, errors: bool = False) -> dict[str, Any]:
    """Every news-gold figure, overall and by ``outlet_type`` and ``source``.

    Args:
        path: a JSONL file in the ``news_gold`` format.
        lexicons: a :class:`~framing.lexicons.LexiconSet` (user overrides); default packaged.
        errors: also list every error (missed/spurious spans, wrong labels), for development.

    Returns:
        A JSON-ready dict: ``overall``, ``by_outlet_group`` (genre: "US outlet",
        "government release"), ``by_outlet_type``, ``by_source`` (each with
        ``actors``, ``terms``, ``cues``), ``n_paragraphs``, ``path``, and ``errors`` if asked.

    Example:
        >>> evaluate_gold("../shared/data/news_gold/dev.jsonl")["overall"]["actors"]["f1"]  # doctest: +SKIP
        0.9
    """
    records = read_gold(path)
    annotations = system_annotations([r["text"] for r in records], lexicons=lexicons)
    overall, by_group, by_type, by_source = Tally(), defaultdict(Tally), defaultdict(Tally), defaultdict(Tally)
    found: list[dict] | None = [] if errors else None
    for rec, system in zip(records, annotations):
        kind = rec.get("outlet_type") or "(unknown)"
        tallies = [overall, by_group[outlet_group(kind)], by_type[kind], by_source[rec.get("source") or "(unknown)"]]
        score_paragraph(rec, system, tallies, found)
    out = {"path": str(path), "n_paragraphs": len(records), "overall": overall.result(),
           "by_outlet_group": {k: v.result() for k, v in sorted(by_group.items())},
           "by_outlet_type": {k: v.result() for k, v in sorted(by_type.items())},
           "by_source": {k: v.result() for k, v in sorted(by_source.items())}}
    if found is not None:
        out["errors"] = found
    return out
