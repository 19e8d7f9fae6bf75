"""What ``framing list`` shows: every document's metadata and paragraph counts, from the index.

See :mod:`framing.docindex`: a file unchanged since it was indexed is not read at all.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .analysis import document_paragraphs
from .cache import Cache, paragraph_hash
from .corpus import check_unique, indexed_document
from .docindex import DocumentIndex, Entry, identity
from .paragraphs import rules_version


@dataclass(frozen=True)
class Summary:
    """What ``framing list`` shows of one document."""

    id: str
    meta: dict[str, Any]
    n_paragraphs: int
    n_body: int


def document_summaries(corpus) -> list[Summary]:
    """Every document's id, metadata and paragraph counts, in document order.

    Files unchanged since they were indexed (same size, mtime, ctime, inode) are not
    read; the others are read, split (splits are cached by text) and re-indexed. Raises
    :class:`~framing.errors.CorpusError` as :meth:`Corpus.documents` does.
    """
    version = rules_version()
    out: list[Summary | None] = []
    stale: list[tuple[int, Any, os.stat_result]] = []
    seen: dict[str, Path] = {}
    with DocumentIndex(corpus.root) as index:
        for path in corpus.document_paths():
            st = os.lstat(path)
            entry = index.lookup(path.name, ident=identity(st))
            if entry is not None and entry.rules == version and entry.n_par is not None:
                check_unique(seen, entry.id, path)
                out.append(Summary(entry.id, index.meta(entry), entry.n_par, entry.n_body or 0))
            else:
                doc = indexed_document(path, index)
                check_unique(seen, doc.id, path)
                stale.append((len(out), doc, st))
                out.append(None)
        if stale:
            cache = Cache(corpus.root)
            try:
                pairs = document_paragraphs([doc for _, doc, _ in stale], cache)
            finally:
                cache.close()
            counts: dict[str, list[int]] = {}
            for doc, p in pairs:
                c = counts.setdefault(doc.id, [0, 0])
                c[0], c[1] = c[0] + 1, c[1] + (p.kind == "body")
            for i, doc, st in stale:
                n_par, n_body = counts.get(doc.id, [0, 0])
                out[i] = Summary(doc.id, doc.meta, n_par, n_body)
                entry = index.lookup(doc.path.name)
                if entry is not None and entry.ident == identity(st):
                    index.store(doc.path.name, Entry(entry.ident, entry.fmhash, entry.id, entry.meta,
                                                     paragraph_hash(doc.text), version, n_par, n_body))
        index.save(complete=True)
    return [s for s in out if s is not None]
