"""Split a document into paragraphs and tell body text from the rest.

Kinds: ``body``, ``heading``, ``caption``, ``byline``, ``boilerplate``.
Only ``body`` paragraphs go to the framing features by default; the others are
kept, exported and shown.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

KINDS = ("body", "heading", "caption", "byline", "boilerplate")

# Unicode spaces other than \n that should read as a plain space (NBSP, thin, ideographic …).
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
_LINE_BREAKS = re.compile(r"\r\n|\r|\u2028|\u2029|\x85")


@dataclass(frozen=True)
class Paragraph:
    """One non-empty block of a document.

    ``index`` is the 1-based position among the document's non-empty blocks.
    """

    doc_id: str
    index: int
    kind: str
    text: str

    @property
    def n_words(self) -> int:
        return count_words(self.text)


def count_words(text: str) -> int:
    """Whitespace-delimited tokens that contain a letter or digit."""
    return sum(1 for tok in text.split() if any(ch.isalnum() for ch in tok))


def split_blocks(text: str) -> list[str]:
    """Non-empty blocks of ``text``: one per line, whatever the line-break style.

    Works for blank-line-separated and single-newline styles alike: each
    non-empty line is a block, with spaces normalised and ends trimmed.

    Example:
        >>> split_blocks("Title\\r\\n\\r\\nFirst\\u00a0para.\\nSecond.")
        ['Title', 'First para.', 'Second.']
    """
    text = _ZERO_WIDTH.sub("", _LINE_BREAKS.sub("\n", text))
    blocks = []
    for line in text.split("\n"):
        line = _SPACES.sub(" ", line).strip()
        line = re.sub(r" {2,}", " ", line)
        if line:
            blocks.append(line)
    return blocks


def split_paragraphs(doc_id: str, text: str) -> list[Paragraph]:
    """Blocks of ``text`` as :class:`Paragraph` objects with their kinds.

    Example:
        >>> [p.kind for p in split_paragraphs("d", "Heading\\nA long body sentence that says things.")]
        ['heading', 'body']
    """
    blocks = split_blocks(text)
    kinds = classify_blocks(blocks)
    return [Paragraph(doc_id, i + 1, kind, block) for i, (block, kind) in enumerate(zip(blocks, kinds))]


def classify_blocks(blocks: list[str]) -> list[str]:
    """Kind of each block, using the block itself and its neighbours."""
    # Placeholder rules; the full classifier lives below once written.
    return ["body" if count_words(b) >= 8 and b.rstrip()[-1:] in ".!?\"'”’)" else "heading" for b in blocks]
