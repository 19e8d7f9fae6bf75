"""Is a text English? A small script-and-function-word test for the English-only measures.

The lexicons, the parser and the gold are English. An untranslated sentence ("Глава
Офісу Президента ...") parsed as English yields nonsense actors ("Глава") and cues, so
the measures leave such sentences out; the paragraph itself is kept and shown.

Example:
    >>> is_english("Russia said the talks would go on."), is_english("Глава Офісу Президента України.")
    (True, False)
"""
from __future__ import annotations

import re
from functools import lru_cache

from .docmemo import text as doc_text

# Frequent function words. A Latin-script sentence is taken for another language when it
# has at least two function words of French, German, Spanish, Italian, Portuguese or Dutch
# and more of them than English ones; otherwise it is English (the corpus's language). Words
# that are also common English words ("die", "on", "son", "come", "also") are in neither list
# of foreign words. Checked on 51,141 sentences of 1,500 AllSides articles: 1 flagged, a German quote.
_FUNCTION_WORDS = frozenset("""
the of to and or but is are were be been has have had it its this that these those which a an in
with for from by as at not will would can could should may might we you he she they our their his
on under over after before about into than then there here who what when only all some more was
most other such no so if because while during between against said says new
him her them me us my your did does do how why where whom whose very just now out up
any each every both own same too again once since until through within without
""".split())
_FOREIGN_WORDS = frozenset("""
der das und nicht mit von zu den dem des ein eine einen ist sind wurde wurden auch sich auf für bei
nach aus wie oder aber noch nur über unter durch gegen wir ich
le la les et est une un dans pour que qui pas sur avec du au aux ce cette sont été ont il elle nous
vous ils mais où
el los las y es del por con una para como pero más su sus fue han ha sido
il della delle di che non gli sono è
os não uma com do da dos das em
het een en van zijn werd niet
""".split())
_WORD = re.compile(r"[^\W\d_]+")


def latin_share(text: str) -> float:
    """Share of letters that are Latin script (1.0 for a text without letters).

    Example:
        >>> latin_share("Kyiv"), latin_share("Київ")
        (1.0, 0.0)
    """
    if text.isascii():  # most sentences: every letter is Latin (or there is none)
        return 1.0
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 1.0
    return sum(c.isascii() or "\u00c0" <= c <= "\u024f" for c in letters) / len(letters)


@lru_cache(maxsize=4096)  # actors, terms and hedging ask about the same sentences
def is_english(text: str, *, min_words: int = 6) -> bool:
    """True if ``text`` reads as English: mostly Latin letters, and not (when it has at
    least ``min_words`` lower-case words) a sentence whose function words are mostly those of
    another European language. Names are capitalised, so a list of names ("Sergei Lavrov,
    Anton Vaino, ...") stays English; so does a sentence with no function word at all.

    Example:
        >>> is_english("Kagan called Trump a fascist in a recent op-ed."), is_english("Le président a dit que la guerre continue.")
        (True, False)
    """
    if latin_share(text) < 0.5:
        return False
    words = _WORD.findall(text)
    if sum(w.islower() for w in words) < min_words:
        return True
    lower = [w.lower() for w in words]
    english = sum(w in _FUNCTION_WORDS for w in lower)
    foreign = sum(w in _FOREIGN_WORDS for w in lower)
    return not (foreign >= 2 and foreign > english)


def paragraph_language(text: str) -> str:
    """A paragraph-level flag for tables and reports: ``en`` when most of its sentences
    (by characters) read as English, else ``other``. Coarse on purpose: it only tells the
    English measures which paragraphs to leave out; the paragraph is kept and shown.

    Example:
        >>> paragraph_language("Zelenskyy met Duda. Глава Офісу Президента України заявив про це.")
        'other'
    """
    parts = [p for p in re.split(r"(?<=[.!?])\s+", text.strip()) if p]
    english = sum(len(p) for p in parts if is_english(p))
    return "en" if not parts or english * 2 >= sum(len(p) for p in parts) else "other"


def _sentences(doc) -> list:
    try:
        return list(doc.sents)
    except ValueError:  # a Doc without sentence boundaries
        return [doc[:]]


def _sentence_languages(doc) -> list[tuple[int, int, int, int, bool]]:
    """``(start, end, start_char, end_char, english)`` per sentence of ``doc``, memoised on a
    Doc (actors, terms and hedging each ask; ``user_data`` is never stored in the cache)."""
    memo = getattr(doc, "user_data", None)
    found = memo.get(("framing", "sentence_languages")) if memo is not None else None
    if found is None:
        text = doc_text(doc) if memo is not None else None  # a sentence's text is its slice of the Doc's
        found = [(s.start, s.end, s.start_char, s.end_char,
                  is_english(s.text if text is None else text[s.start_char:s.end_char])) for s in _sentences(doc)]
        if memo is not None:
            memo[("framing", "sentence_languages")] = found
    return found


def english_tokens(doc) -> set[int] | range:
    """Indices of tokens in English sentences of a parsed paragraph (all of them when the
    Doc has no sentence boundaries), as a set, or a range when every sentence is English."""
    sents = _sentence_languages(doc)
    if all(s[4] for s in sents):
        return range(len(doc))
    return {i for start, end, _, _, english in sents if english for i in range(start, end)}


def other_language_spans(doc) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of ``doc`` that are not English;
    the English-only measures drop hits that start inside one.

    Example:
        >>> class S:  # a stand-in for a spaCy sentence
        ...     def __init__(self, text, start_char): self.text, self.start_char = text, start_char
        ...     end_char = property(lambda self: self.start_char + len(self.text))
        ...     start = end = 0  # token indices (unused here)
        >>> class D:
        ...     sents = [S("Kyiv is safe.", 0), S("Київ у безпеці.", 14)]
        >>> other_language_spans(D())
        [(14, 29)]
    """
    return [(start_char, end_char) for _, _, start_char, end_char, english in _sentence_languages(doc) if not english]


def drop_other_language(rows: list[dict], spans: list[tuple[int, int]]) -> list[dict]:
    """``rows`` (with character ``start``) without those starting in one of ``spans``.

    Example:
        >>> drop_other_language([{"start": 3}, {"start": 20}], [(14, 29)])
        [{'start': 3}]
    """
    if not spans:
        return rows
    return [r for r in rows if not any(a <= r["start"] < b for a, b in spans)]
