"""Read speculation-cue gold data: SFU Review (Konstantinova et al., LREC 2012) and BioScope XML.

SFU Review gives tokens as ``<W>`` elements inside ``<SENTENCE>``, cues as
``<cue type="speculation">`` around ``<W>``s; BioScope gives running text inside
``<sentence>`` with ``<cue type="speculation">`` around character runs.
"""
from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Iterator

from ..errors import InputError

SPECULATION = "speculation"


def _pieces(el, in_cue: bool = False) -> Iterator[tuple[str, str, bool]]:
    """(kind, text, inside a speculation cue) in document order; kind W = SFU token."""
    cue = in_cue or (el.tag.lower() == "cue" and el.get("type") == SPECULATION)
    if el.tag == "W":
        yield "W", el.text or "", cue
        return
    if el.text:
        yield "T", el.text, cue
    for child in el:
        yield from _pieces(child, cue)
        if child.tail:
            yield "T", child.tail, cue


def sentence_units(el) -> tuple[str, list[tuple[int, int, bool]]]:
    """Sentence text and its scoring units ``(start, end, gold)``.

    Example:
        >>> el = ET.fromstring('<SENTENCE><W>It</W><cue type="speculation"><W>may</W></cue>'
        ...                    '<W>rain</W></SENTENCE>')
        >>> sentence_units(el)
        ('It may rain', [(0, 2, False), (3, 6, True), (7, 11, False)])
    """
    pieces = list(_pieces(el))
    words = [(text, cue) for kind, text, cue in pieces if kind == "W"]
    if words:
        units, pos = [], 0
        for text, cue in words:
            units.append((pos, pos + len(text), cue))
            pos += len(text) + 1
        return " ".join(t for t, _ in words), units
    text, mask = "", []
    for _, piece, cue in pieces:
        text += piece
        mask += [cue] * len(piece)
    return text, [(m.start(), m.end(), any(mask[m.start():m.end()])) for m in re.finditer(r"\S+", text)]


def read_sentences(path: str | Path, *, limit: int | None = None) -> list[tuple[str, list]]:
    """Sentences of every ``*.xml`` under ``path`` (sorted), at most ``limit`` of them."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file or folder of speculation-annotated XML")
    files = _xml_files(path) if path.is_dir() else [path]
    out: list[tuple[str, list]] = []
    for file in files:
        try:
            root = ET.parse(file).getroot()
        except ET.ParseError as exc:
            raise InputError(f"{file}: not well-formed XML ({exc})") from exc
        for el in root.iter():
            if el.tag.lower() == "sentence":
                out.append(sentence_units(el))
                if limit is not None and len(out) >= limit:
                    return out
    if not out:
        raise InputError(f"{path}: no <SENTENCE>/<sentence> elements found in {len(files)} XML file(s)")
    return out


def _xml_files(folder: Path) -> list[Path]:
    # os.walk rather than Path.rglob: follows symlinked sub-folders (e.g. a split made of links).
    return sorted(Path(d) / f for d, _, names in os.walk(folder, followlinks=True)
                  for f in names if f.endswith(".xml"))
