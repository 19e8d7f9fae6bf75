"""Ingest: turn files, web pages and table records into draft documents.

Readers return :class:`~framing.corpus.Document` drafts (empty ``id``);
:meth:`framing.corpus.Corpus.add_documents` gives them ids and writes them.

Example::

    from framing.corpus import Corpus
    from framing.ingest import read_document, read_records
    corpus = Corpus.open("corpora/central-asia")
    draft = read_document("article.html")
    draft.meta["source"] = "Reuters"
    corpus.add_documents([draft])
    batch = read_records("articles.jsonl")       # batch.documents, batch.problems
"""
from __future__ import annotations

from .decode import check_size, decode_bytes  # size limit: decode.MAX_DOCUMENT_BYTES
from .files import (SUPPORTED_SUFFIXES, html_document, is_url, markdown_document,
                    read_document, read_file, read_url)
from .records import (DEFAULT_FIELDS, RECORD_SUFFIXES, FieldMap, Problem, RecordBatch,
                      read_records, record_document)

__all__ = [
    "SUPPORTED_SUFFIXES", "RECORD_SUFFIXES", "DEFAULT_FIELDS",
    "FieldMap", "Problem", "RecordBatch",
    "check_size", "decode_bytes", "html_document", "is_url", "markdown_document",
    "read_document", "read_file", "read_records", "read_url", "record_document",
]
