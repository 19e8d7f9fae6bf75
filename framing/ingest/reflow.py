"""Re-paragraph text that lost its line breaks (scraped releases stored as one line).

Some collections keep each article as a single line (the Kremlin and Ukrainian
presidency releases in ../shared have no line breaks at all). Paragraph-level
statistics then see one "paragraph" per article. :func:`reflow` restores a
paragraph structure: it splits on explicit section separators ("* * *") and groups
sentences into paragraphs of at least ``min_words`` words. Documents so treated
are marked ``reflowed: true`` in their metadata so reports can say so.
"""
from __future__ import annotations

import re

_SEPARATOR = re.compile(r"\s*(?:\*\s*){3,}\s*")
# A sentence ends at . ! ? (optionally closed by a quote/bracket) before a capital or quote.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)\]]?\s+(?=[\"“‘(\[]?[A-Z0-9])")


# Import reflows a one-line text of this many words without being asked (issue 11): a
# 900-word "paragraph" per article is never what a user wants, and 150 words is longer
# than any heading, caption or single-paragraph brief we have seen.
AUTO_REFLOW_WORDS = 150


def needs_reflow(text: str, *, min_words: int = 120) -> bool:
    """True for a long text with no line breaks."""
    return "\n" not in text.strip() and len(text.split()) >= min_words


def reflow(text: str, *, min_words: int = 60) -> str:
    """Paragraphs of whole sentences, each at least ``min_words`` long (the last may be shorter).

    Example:
        >>> reflow("One two. Three four. * * * Five six.", min_words=3)
        'One two. Three four.\\n\\nFive six.'
    """
    paragraphs: list[str] = []
    for section in _SEPARATOR.split(text.strip()):
        current: list[str] = []
        for sentence in _split_sentences(section):
            current.append(sentence)
            if sum(len(s.split()) for s in current) >= min_words:
                paragraphs.append(" ".join(current))
                current = []
        if current:
            paragraphs.append(" ".join(current))
    return "\n\n".join(p for p in paragraphs if p.strip())


_ABBREVIATION = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Prof|Jr|Sr|No|Art|vs|etc|Jan|Feb|Aug|Sept?|Oct|Nov|Dec)"
                           r"|\b[A-Z](?:\.[A-Z])*)\.$")


_ABBREVIATION_WINDOW = 64


def _split_sentences(text: str) -> list[str]:
    parts, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        # Only the last few characters can hold an abbreviation: looking at them alone keeps
        # this linear in the text (a slice from ``start`` made "A. A. A. ..." quadratic).
        if _ABBREVIATION.search(text, max(start, match.start() - _ABBREVIATION_WINDOW), match.start()):
            continue  # "St. Louis", "U.S. forces": not a sentence end
        parts.append(text[start:match.start()] + match.group(0).strip())
        start = match.end()
    parts.append(text[start:])
    return [p.strip() for p in parts if p.strip()]
