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

# Frequent English function words: a Latin-script sentence of some length with none of
# them (French, German, transliterated Russian) is not English. Words shared with
# French or German ("a", "in", "an", "was") are left out.
_FUNCTION_WORDS = frozenset("""
the of to and or but is are were be been has have had it its this that these those which
with for from by as at not will would can could should may might we you he she they our their his
on under over after before about into than then there here who what when also only all some more
most other such no so if because while during between against said says new
""".split())
_WORD = re.compile(r"[^\W\d_]+")


def latin_share(text: str) -> float:
    """Share of letters that are Latin script (1.0 for a text without letters).

    Example:
        >>> latin_share("Kyiv"), latin_share("Київ")
        (1.0, 0.0)
    """
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 1.0
    return sum(c.isascii() or "\u00c0" <= c <= "\u024f" for c in letters) / len(letters)


def is_english(text: str, *, min_words: int = 6) -> bool:
    """True if ``text`` reads as English: mostly Latin letters, and (when it has at
    least ``min_words`` lower-case words) at least one English function word. Names are
    capitalised, so a list of names ("Sergei Lavrov, Anton Vaino, ...") stays English."""
    if latin_share(text) < 0.5:
        return False
    words = [w for w in _WORD.findall(text) if w.islower()]
    return len(words) < min_words or any(w in _FUNCTION_WORDS for w in words)


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
