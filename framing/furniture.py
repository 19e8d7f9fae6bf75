"""Page furniture found across the corpus, the user's own paragraph kinds, and wire copy.

The per-document rules of :mod:`framing.paragraphs` see one article at a time. Some
furniture only shows when the corpus is read as a whole: a licence notice, a byline
line, a podcast speaker label or a scraped sidebar that recurs, word for word, in many
articles of one source. Counted as body, it decides a source's figures (issue 13).

* :func:`settle` — the corpus-level pass over the (document, paragraph) pairs: a body
  paragraph whose normalised text recurs in :data:`MIN_ARTICLES` or more articles of the
  same source becomes ``boilerplate`` with its reason recorded; then the user's overrides
  (``paragraph_kinds`` in corpus.yaml, ``kinds`` in a document's front matter) win.
* :func:`cross_source_duplicates` — body paragraphs shared between sources (wire copy),
  which make outlets look alike.

Why three articles. On the 3,159 AllSides articles, body paragraphs repeated in exactly
two articles of one source (293 distinct texts) are mostly real body: the same quote or
background sentence reused by a reporter. From three articles on (96 distinct texts, 471
paragraphs) they are almost all furniture: licence and newsletter notices, "The Memo is a
reported column by …", podcast speaker labels, gallery captions, sidebar excerpts of other
issues. A quote legitimately repeated twice stays body; ``paragraph_kinds.repeated_in``
changes the threshold (0 turns the rule off).

The pass is linear in the number of paragraphs (one dictionary of normalised texts),
deterministic, and depends only on the documents, so the table snapshot (keyed by every
document) stays correct when documents are added or removed.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .errors import CorpusError
from .paragraphs import KINDS, Paragraph

MIN_ARTICLES = 3          # a body paragraph in this many articles of one source is furniture
MIN_SHARED_WORDS = 12     # shorter paragraphs shared between sources are stock phrases, not wire copy
USER_CORPUS = "set in corpus.yaml (paragraph_kinds)"
USER_DOC = "set in the document's front matter (kinds)"

_NON_WORD = re.compile(r"[^\w\s]")
_DIGITS = re.compile(r"\d+")


def version() -> str:
    """Digest of this module's source: table snapshots are redone when the pass changes."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]


SHORT_LINE = 12           # words: up to here, numbers are ignored when lines are compared


def normalise(text: str) -> str:
    """The text a repetition is recognised by: case-folded, punctuation and spacing ignored;
    in a short line (up to :data:`SHORT_LINE` words) digits too, so that "Updated at 10:56
    p.m." and "Hide Caption 3 of 168" recur whatever their numbers. A longer paragraph that
    differs in a number ("52 people were killed" / "61 people …") is a different paragraph.

    Example:
        >>> normalise("— Bart  Jansen"), normalise("Updated at 10:56 p.m.") == normalise("Updated at 9:02 p.m.")
        ('bart jansen', True)
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    words = _NON_WORD.sub(" ", text).split()
    if len(words) <= SHORT_LINE:
        words = _NON_WORD.sub(" ", _DIGITS.sub("0", text)).split()
    return " ".join(words)


@dataclass(frozen=True)
class Rules:
    """The corpus's settings for this pass (``paragraph_kinds`` in corpus.yaml)."""

    repeated_in: int = MIN_ARTICLES
    body: frozenset[str] = frozenset()         # normalised texts always kept as body
    boilerplate: frozenset[str] = frozenset()  # normalised texts always furniture

    def key(self) -> str:
        """A stable text of these settings (for cache keys; frozensets print in hash order)."""
        return f"{self.repeated_in}|{sorted(self.body)}|{sorted(self.boilerplate)}"

    @classmethod
    def from_config(cls, config: dict[str, Any] | None, marker: str = "corpus.yaml") -> "Rules":
        """Read and check ``paragraph_kinds`` (one-line errors naming the key).

        Example:
            >>> Rules.from_config({"paragraph_kinds": {"repeated_in": 4, "body": ["Mm-hmm."]}}).repeated_in
            4
        """
        spec = (config or {}).get("paragraph_kinds")
        if spec is None:
            return cls()
        if not isinstance(spec, dict):
            raise CorpusError(f"{marker}: 'paragraph_kinds' must be a mapping (repeated_in, body, "
                              f"boilerplate), not {type(spec).__name__}")
        unknown = sorted(set(map(str, spec)) - {"repeated_in", "body", "boilerplate"})
        if unknown:
            raise CorpusError(f"{marker}: paragraph_kinds.{unknown[0]} is not a setting; "
                              "use repeated_in, body or boilerplate")
        n = spec.get("repeated_in", MIN_ARTICLES)
        if isinstance(n, bool) or not isinstance(n, int) or n < 0 or n == 1:
            raise CorpusError(f"{marker}: paragraph_kinds.repeated_in must be 0 (off) or a whole number "
                              f"of articles from 2, not {n!r}")
        texts = {}
        for key in ("body", "boilerplate"):
            value = spec.get(key, [])
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                raise CorpusError(f"{marker}: paragraph_kinds.{key} must be a list of paragraph texts")
            texts[key] = frozenset(normalise(v) for v in value)
        return cls(repeated_in=n, **texts)


def front_matter_kinds(doc) -> dict[int, str]:
    """A document's own overrides: front matter ``kinds: {3: body, 7: boilerplate}``
    (paragraph numbers as ``framing show`` prints them).

    Example:
        >>> class D: id, meta = "d1", {"kinds": {"3": "body", 5: "caption"}}
        >>> front_matter_kinds(D())
        {3: 'body', 5: 'caption'}
    """
    spec = doc.meta.get("kinds")
    if spec is None:
        return {}
    if not isinstance(spec, dict):
        raise CorpusError(f"document {doc.id}: 'kinds' must map paragraph numbers to kinds "
                          f"(e.g. '3: body'), not {type(spec).__name__}")
    out = {}
    for key, kind in spec.items():
        if not str(key).strip().isdigit() or int(key) < 1:
            raise CorpusError(f"document {doc.id}: kinds: '{key}' is not a paragraph number (1, 2, …)")
        if kind not in KINDS:
            raise CorpusError(f"document {doc.id}: kinds.{key}: '{kind}' is not a kind; use one of "
                              f"{', '.join(KINDS)}")
        out[int(key)] = kind
    return out


def settle(pairs: list[tuple[Any, Paragraph]], rules: Rules | None = None
           ) -> tuple[list[tuple[Any, Paragraph]], dict[tuple[str, int], str]]:
    """The corpus-level kinds: repeated furniture, then corpus.yaml texts, then front matter.

    Args:
        pairs: (document, paragraph) in corpus order, kinds from the per-document rules.
        rules: the corpus's :class:`Rules` (defaults when None).

    Returns:
        The pairs with settled kinds, and ``{(doc_id, paragraph): reason}`` for every
        paragraph whose kind this pass changed or confirmed by a user's override.

    Example:
        >>> class D:
        ...     def __init__(self, i): self.id, self.source, self.meta = i, "Wire", {}
        >>> docs = [D(f"d{i}") for i in range(3)]
        >>> pairs = [(d, Paragraph(d.id, 1, "body", "Send tips to tips@example.org.")) for d in docs]
        >>> settled, why = settle(pairs)
        >>> settled[0][1].kind, why[("d0", 1)]
        ('boilerplate', 'repeated in 3 articles of Wire')
    """
    rules = rules or Rules()
    once: dict[str, str] = {}  # each distinct text normalised once (wire copy, recombined corpora)
    norms = [(once.get(p.text) or once.setdefault(p.text, normalise(p.text))) if p.kind == "body" else ""
             for _, p in pairs]
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    source = {}  # each document's source read once, not once per paragraph
    for doc, _ in pairs:
        if doc.id not in source:
            source[doc.id] = doc.source
    if rules.repeated_in:
        for (doc, _), n in zip(pairs, norms):
            if n:
                seen[(source[doc.id], n)].add(doc.id)
    own_kinds = {doc.id: front_matter_kinds(doc) for doc, _ in pairs if "kinds" in doc.meta}  # once per document
    out, reasons = [], {}
    for (doc, p), n in zip(pairs, norms):
        kind, why = p.kind, ""
        if n and rules.repeated_in and len(seen[(source[doc.id], n)]) >= rules.repeated_in:
            src = source[doc.id]
            kind, why = "boilerplate", f"repeated in {len(seen[(src, n)])} articles of {src or 'no source'}"
        full = (n or once.get(p.text) or once.setdefault(p.text, normalise(p.text))) \
            if rules.body or rules.boilerplate else ""
        if full and full in rules.boilerplate:
            kind, why = "boilerplate", USER_CORPUS
        elif full and full in rules.body:
            kind, why = "body", USER_CORPUS
        own = own_kinds.get(doc.id, {}).get(p.index)
        if own is not None:
            kind, why = own, USER_DOC
        if why:
            reasons[(doc.id, p.index)] = why
        out.append((doc, p if kind == p.kind else replace(p, kind=kind)))
    return out, reasons


def cross_source_duplicates(paragraphs, *, min_words: int = MIN_SHARED_WORDS):
    """Body paragraphs shared word for word between sources (wire copy republished by
    several outlets): one row per pair of sources.

    Args:
        paragraphs: the paragraphs table (``doc_id``, ``source``, ``kind``, ``text``, ``n_words``).
        min_words: shorter paragraphs are left out: stock phrases ("declined to comment")
            are shared by chance, not copied.

    Returns:
        A DataFrame ``source_a, source_b, shared_paragraphs, articles_a, articles_b,
        example`` (articles: how many of each source's articles carry a shared paragraph),
        most shared first.

    Example:
        >>> import pandas as pd
        >>> text = "The ministry said talks would resume in Geneva next week after a long pause."
        >>> p = pd.DataFrame({"doc_id": ["a", "b"], "source": ["AP", "Yahoo"], "kind": "body",
        ...                   "text": [text, text], "n_words": 14})
        >>> cross_source_duplicates(p)[["source_a", "source_b", "shared_paragraphs"]].values.tolist()
        [['AP', 'Yahoo', 1]]
    """
    import numpy as np
    import pandas as pd

    cols = ["source_a", "source_b", "shared_paragraphs", "articles_a", "articles_b", "example"]
    keep = ((paragraphs["kind"] == "body") & (paragraphs["n_words"] >= min_words)).to_numpy()
    # Each distinct text is normalised once; texts, sources and documents become codes, in the
    # order rows first show them (the example of a pair is the first such text in row order).
    codes, distinct = pd.factorize(paragraphs["text"], sort=False)
    codes = codes[keep]
    used = np.unique(codes)
    norm_of = dict(zip(used.tolist(), (normalise(str(distinct[c]) if c >= 0 else str(np.nan)) for c in used)))
    norms, norm_names = pd.factorize(pd.Series([norm_of[c] for c in codes.tolist()], dtype=object), sort=False)
    example = {}
    for n, c in zip(norms.tolist(), codes.tolist()):
        example.setdefault(n, str(distinct[c]) if c >= 0 else str(np.nan))
    sources = paragraphs["source"][keep].fillna("").astype(str).to_numpy(dtype=object)
    src, src_names = pd.factorize(pd.Series(sources, dtype=object), sort=False)
    docs, _ = pd.factorize(paragraphs["doc_id"][keep].astype(str), sort=False)
    incidence = np.zeros((len(norm_names), len(src_names)), dtype=bool)  # text x source
    incidence[norms, src] = True
    multi = incidence.sum(axis=1) >= 2
    order = sorted(range(len(src_names)), key=lambda i: src_names[i])
    rows_of = {i: (norms[src == i], docs[src == i]) for i in order}
    rows = []
    for x, a in enumerate(order):
        for b in order[x + 1:]:
            both = incidence[:, a] & incidence[:, b] & multi
            if not both.any():
                continue
            found = [len(np.unique(d[both[n]])) for n, d in (rows_of[a], rows_of[b])]
            rows.append({"source_a": src_names[a], "source_b": src_names[b], "shared_paragraphs": int(both.sum()),
                         "articles_a": found[0], "articles_b": found[1],
                         "example": _clip(example[int(np.argmax(both))], 160)})
    df = pd.DataFrame(rows, columns=cols)
    return df.sort_values(["shared_paragraphs", "source_a", "source_b"], ascending=[False, True, True],
                          kind="stable").reset_index(drop=True)


def excluded_summary(paragraphs, reasons_col: str = "kind_reason", *, by: str = "source", top: int = 3):
    """Per group: what the measures left out and why — paragraphs per kind, those found
    repeated across articles, those set by the user, and the most repeated lines.

    Args:
        paragraphs: the paragraphs table (``kind``, ``kind_reason``, ``text`` and ``by``).

    Returns:
        A DataFrame with one row per group: ``group, paragraphs, body, heading, caption,
        byline, boilerplate, repeated, user_set, repeated_lines`` (the ``top`` repeated
        lines with their article counts, "text (n articles)", joined by " · ").
    """
    import numpy as np
    import pandas as pd

    rows = []
    if paragraphs is None or paragraphs.empty:
        return pd.DataFrame(columns=["group", "paragraphs", *KINDS, "repeated", "user_set", "repeated_lines"])
    reason = paragraphs[reasons_col].fillna("") if reasons_col in paragraphs else pd.Series("", index=paragraphs.index)
    # Counted without the text column (no copy of it per group); the repeated rows' lines are
    # taken once, each distinct (group, count, text) once, each distinct text normalised once.
    rep_mask = reason.str.startswith("repeated in ").to_numpy(dtype=bool)
    small = pd.DataFrame({"_g": paragraphs[by], "kind": paragraphs["kind"], "why": reason, "rep": rep_mask},
                         index=paragraphs.index)
    pos = np.flatnonzero(rep_mask)
    lines_all = pd.DataFrame({"_g": paragraphs[by].iloc[pos].to_numpy(),
                              "n": reason.iloc[pos].str.extract(r"repeated in (\d+)")[0].astype(int).to_numpy(),
                              "text": paragraphs["text"].iloc[pos].to_numpy()}).drop_duplicates()
    norm = {t: normalise(t) for t in pd.unique(lines_all["text"])}
    lines_all["_norm"] = lines_all["text"].map(norm)
    for group, part in small.groupby("_g", sort=True):
        why = part["why"]
        lines = (lines_all[lines_all["_g"] == group].sort_values(["n", "text"], ascending=[False, True])
                 .drop_duplicates("_norm").head(top))
        rows.append({"group": group, "paragraphs": len(part),
                     **{k: int((part["kind"] == k).sum()) for k in KINDS},
                     "repeated": int(part["rep"].sum()), "user_set": int(why.isin([USER_CORPUS, USER_DOC]).sum()),
                     "repeated_lines": " · ".join(f"{_clip(t)} ({n} articles)" for t, n in zip(lines["text"], lines["n"]))})
    return pd.DataFrame(rows)


def _clip(text: str, width: int = 80) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[:width - 1].rstrip() + "…"
