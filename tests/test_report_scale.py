"""Issue 9: the vectorised report helpers say exactly what the plain per-row versions say.

Each fast path (distinctive-term counts, paragraphs shared across sources, excluded
paragraphs, rate links searched in the shown documents only) is checked against a
straightforward reference written row by row, on seeded tables shaped like a recombined
corpus: many documents sharing a small pool of paragraph texts across sources.
"""
from __future__ import annotations

import random
from collections import Counter, defaultdict

import numpy as np
import pandas as pd
import pytest

from framing.compare.distinctive import _stop_words, distinctive_terms, group_counts, tokenize
from framing.furniture import _clip, cross_source_duplicates, excluded_summary, normalise

POOL = [
    "The ministry said talks on the grain corridor would resume in Istanbul next week after a pause.",
    "THE MINISTRY SAID TALKS ON THE GRAIN CORRIDOR WOULD RESUME IN ISTANBUL NEXT WEEK AFTER A PAUSE.",
    "Officials in Astana and Moscow signed a gas deal on Monday, both sides said after the meeting.",
    "Hide Caption 3 of 12",
    "Sanctions on Russian banks were widened by the European Union on Friday, its envoys confirmed.",
    "“We will not give up a single metre of our land,” the president said on Monday in Kyiv today.",
    "The collective West wants a war, a Kremlin spokesman said, while Beijing called for calm talks.",
    "Short stock phrase.",
]
KINDS = ["body", "body", "body", "heading", "caption"]
REASONS = ["", "", "repeated in 3 articles of this source", "set in corpus.yaml (paragraph_kinds)", ""]


def corpus_table(seed: int, n_docs: int, sources: list[str]) -> pd.DataFrame:
    """A paragraphs table: ``n_docs`` documents drawing paragraphs from :data:`POOL`."""
    rng = random.Random(seed)
    rows = []
    for d in range(n_docs):
        source = rng.choice(sources)
        for p in range(1, rng.randint(1, 6) + 1):
            text = rng.choice(POOL)
            rows.append({"doc_id": f"{d:04d}-doc", "source": source, "paragraph": p, "kind": rng.choice(KINDS),
                         "text": text, "n_words": len(text.split()), "kind_reason": rng.choice(REASONS)})
    return pd.DataFrame(rows)


CASES = [(0, 40, ["AP", "Reuters", "TASS"]), (1, 120, ["AP", "Reuters", "TASS", "Xinhua", "BBC", "Yahoo"]),
         (2, 7, ["AP", "AP wire"]), (3, 30, ["only"]), (4, 60, ["b", "a", "C", "a b", "(unknown)"])]


def groups_of(paragraphs: pd.DataFrame) -> pd.Series:
    first = paragraphs.drop_duplicates("doc_id").set_index("doc_id")["source"]
    return first.sort_index().rename("group")


def reference_counts(paragraphs, groups):
    stop = _stop_words()
    body = paragraphs[paragraphs["kind"] == "body"]
    counts = {g: Counter() for g in sorted(groups.unique())}
    for doc_id, text in zip(body["doc_id"], body["text"]):
        counts[groups[doc_id]].update(tokenize(text, stop))
    return counts


def reference_shared(paragraphs, min_words: int = 12):
    body = paragraphs[(paragraphs["kind"] == "body") & (paragraphs["n_words"] >= min_words)]
    where = defaultdict(lambda: defaultdict(set))
    text_of = {}
    for doc_id, source, text in zip(body["doc_id"], body["source"], body["text"]):
        n = normalise(text)
        where[n][source].add(doc_id)
        text_of.setdefault(n, text)
    found = {}
    for n, by_source in where.items():
        names = sorted(by_source)
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                row = found.setdefault((a, b), {"n": 0, "a": set(), "b": set(), "example": text_of[n]})
                row["n"] += 1
                row["a"] |= by_source[a]
                row["b"] |= by_source[b]
    rows = [[a, b, r["n"], len(r["a"]), len(r["b"]), _clip(r["example"], 160)] for (a, b), r in found.items()]
    return sorted(rows, key=lambda r: (-r[2], r[0], r[1]))


@pytest.mark.parametrize("seed, n_docs, sources", CASES)
def test_group_counts_match_counting_each_paragraph(seed, n_docs, sources):
    paragraphs = corpus_table(seed, n_docs, sources)
    groups = groups_of(paragraphs)
    assert group_counts(paragraphs, groups) == reference_counts(paragraphs, groups)


@pytest.mark.parametrize("seed, n_docs, sources", CASES)
def test_distinctive_terms_from_reference_counts(seed, n_docs, sources):
    """The table equals one built from the per-paragraph counts with the published formula."""
    from framing.compare.distinctive import _top

    paragraphs = corpus_table(seed, n_docs, sources)
    groups = groups_of(paragraphs)
    counts = reference_counts(paragraphs, groups)
    total = sum(counts.values(), Counter())
    vocab = sorted(t for t, n in total.items() if n >= 2)
    got = distinctive_terms(paragraphs, groups)
    if len(counts) < 2:
        assert got.empty
        return
    mat = np.array([[counts[g][t] for t in vocab] for g in counts], dtype=float)
    alpha = 1000.0 * mat.sum(axis=0) / mat.sum()
    want = pd.concat([_top(g, mat[i], mat.sum(axis=0) - mat[i], alpha, vocab, 20) for i, g in enumerate(counts)],
                     ignore_index=True)[got.columns]
    pd.testing.assert_frame_equal(got, want)


@pytest.mark.parametrize("seed, n_docs, sources", CASES)
def test_shared_paragraphs_match_pairwise_reference(seed, n_docs, sources):
    paragraphs = corpus_table(seed, n_docs, sources)
    got = cross_source_duplicates(paragraphs)
    assert got.values.tolist() == reference_shared(paragraphs)


@pytest.mark.parametrize("seed, n_docs, sources", CASES)
def test_excluded_summary_matches_per_group_reference(seed, n_docs, sources):
    paragraphs = corpus_table(seed, n_docs, sources)
    got = excluded_summary(paragraphs)
    want = []
    for group in sorted(paragraphs["source"].unique()):
        part = paragraphs[paragraphs["source"] == group]
        rep = part[part["kind_reason"].str.startswith("repeated in ")]
        want.append([group, len(part), *(int((part["kind"] == k).sum()) for k in got.columns[2:-3]),
                     len(rep), int((part["kind_reason"] == "set in corpus.yaml (paragraph_kinds)").sum())])
    assert got.iloc[:, :-1].values.tolist() == want
