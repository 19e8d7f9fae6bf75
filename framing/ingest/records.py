"""Records from tables: .jsonl (one JSON object per line) and .csv, with field mapping.

Mapped fields become the core metadata (text, source, title, date, url, author);
every other non-empty field is kept as extra metadata (``bias_text``, ``topic`` …).
A bad record becomes a :class:`Problem` naming its line, so the caller can refuse
the whole file (the default) or skip the bad records.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from ..checks import check_draft, load_json
from ..corpus import Document
from ..errors import InputError
from .decode import check_path, check_size, read_lines
from .reflow import AUTO_REFLOW_WORDS

RECORD_SUFFIXES = (".jsonl", ".csv")

# Field names tried in order when the user maps none (covers AllSides and the
# Kremlin/Zelenskyy CSVs: content_original, body, headline, link, authors).
DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content_original", "content"),
    "source": ("source", "outlet"),
    "title": ("title", "headline"),
    "date": ("date", "published", "published_at"),
    "url": ("url", "link"),
    "author": ("author", "authors", "byline"),
}


@dataclass
class FieldMap:
    """Which record field holds each core field; ``None`` means try the defaults.

    Example:
        >>> FieldMap(text="content_original").candidates("text")
        ('content_original',)
    """

    text: str | None = None
    source: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    author: str | None = None

    def candidates(self, key: str) -> tuple[str, ...]:
        chosen = getattr(self, key)
        return (chosen,) if chosen else DEFAULT_FIELDS[key]


@dataclass
class Problem:
    """A record that cannot be imported."""

    line: int
    reason: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.reason}"


@dataclass
class RecordBatch:
    """A table file read and checked: its problems, and its documents read again on demand.

    The documents are not held: :meth:`drafts` parses them again from the file's text each
    time it is called, so importing a million records keeps one record in memory at a time
    (plus the file's text), not every draft.
    """

    path: Path
    problems: list[Problem] = field(default_factory=list)
    reflowed: int = 0  # documents re-paragraphed because they had no line breaks
    n_documents: int = 0  # records that make a document
    _lines: Callable[[], Iterator[str]] = field(default=lambda: iter(()), repr=False)
    _options: dict = field(default_factory=dict, repr=False)

    def drafts(self) -> Iterator[Document]:
        """The file's good records as draft documents, in file order (read anew each call)."""
        for _line, doc, _ in _documents(self.path, self._lines(), **self._options):
            if isinstance(doc, Document):
                yield doc

    @property
    def documents(self) -> list[Document]:
        """Every draft as a list (for small files and tests; imports use :meth:`drafts`)."""
        return list(self.drafts())


def read_records(path: str | Path, *, fields: FieldMap | None = None,
                 source: str | None = None, limit: int | None = None,
                 reflow: bool | None = False) -> RecordBatch:
    """Read and check every record of a ``.jsonl``/``.csv`` file.

    Args:
        path: the table file.
        fields: field mapping; defaults try common names (see ``DEFAULT_FIELDS``).
        source: one source name for all records (overrides any source field).
        limit: read only the first ``limit`` records.
        reflow: re-paragraph long one-line texts (:func:`~framing.ingest.reflow.reflow`)
            before the paragraph-length check, marking them ``reflowed: true``: True from
            120 words, None (automatic, the import default) from
            :data:`~framing.ingest.reflow.AUTO_REFLOW_WORDS` words, False never.

    Returns:
        A :class:`RecordBatch`: ``problems`` lists bad records by line, ``n_documents``
        counts the good ones, :meth:`RecordBatch.drafts` yields them.

    Example:
        >>> batch = read_records("articles.jsonl", source="Reuters")     # doctest: +SKIP
        >>> batch.n_documents, [str(p) for p in batch.problems]          # doctest: +SKIP
    """
    path = Path(path)
    check_path(path, RECORD_SUFFIXES, kind="table", hint="single documents: 'framing add'")
    lines = read_lines(path)  # a plain UTF-8 file is read from disk a line at a time, never whole
    options = {"fields": fields or FieldMap(), "source": source, "limit": limit, "reflow": reflow}
    batch = RecordBatch(path, _lines=lines, _options=options)
    for _line, doc, reflowed in _documents(path, lines(), **options):
        batch.reflowed += reflowed
        if isinstance(doc, Problem):
            batch.problems.append(doc)
        else:
            batch.n_documents += 1
    return batch


def _documents(path: Path, lines: Iterator[str], *, fields: FieldMap, source: str | None, limit: int | None,
               reflow: bool | None) -> Iterator[tuple[int, Document | Problem, bool]]:
    """(line, draft document or the problem that refuses it, whether it was reflowed) for each
    record, in file order."""
    rows = _jsonl_rows(lines) if path.suffix.lower() == ".jsonl" else _csv_rows(lines, path.stat().st_size)
    for n, (line, row) in enumerate(rows):
        if limit is not None and n >= limit:
            break
        reflowed = False
        try:
            doc = record_document(row, fields=fields, source=source)
            if reflow is not False:
                reflowed = _reflow(doc, min_words=120 if reflow else AUTO_REFLOW_WORDS)
            check_draft(doc, "")
        except InputError as exc:
            yield line, Problem(line, str(exc)), reflowed
            continue
        doc.origin = f"{path} line {line}"
        yield line, doc, reflowed


def record_document(row: Any, *, fields: FieldMap, source: str | None = None) -> Document:
    """One record (a dict) as a draft document; :class:`InputError` says what is missing.

    Example:
        >>> record_document({"body": "Text.", "outlet": "AP", "topic": "x"},
        ...                 fields=FieldMap()).meta
        {'source': 'AP', 'topic': 'x'}
    """
    if isinstance(row, Exception):
        raise InputError(str(row))
    if not isinstance(row, dict):
        raise InputError(f"expected a JSON object, got {type(row).__name__}")
    meta: dict[str, Any] = {}
    used: set[str] = set()
    for key in DEFAULT_FIELDS:
        name = next((c for c in fields.candidates(key) if _present(row.get(c))), None)
        if name is not None:
            meta[key] = row[name]
            used.add(name)
    if source:
        meta["source"] = source
    text = meta.pop("text", None)
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"no text (looked for field {' / '.join(fields.candidates('text'))}; "
                         "map it with --text-field)")
    check_size(len(text.encode("utf-8")), "record text")
    if not str(meta.get("source") or "").strip():
        raise InputError(f"no source (looked for field {' / '.join(fields.candidates('source'))}; "
                         "map it with --source-field or give --source NAME)")
    meta = {k: _scalar(v) for k, v in meta.items()}
    extras = {_extra_name(k): v for k, v in row.items()
              if k not in used and k is not None and k != "added" and _present(v)}
    body = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    return Document(id="", text=body, meta={**meta, **{k: v for k, v in extras.items() if k not in meta}})


def _reflow(doc: Document, *, min_words: int) -> bool:
    from .reflow import needs_reflow, reflow

    if not needs_reflow(doc.text, min_words=min_words):
        return False
    doc.text = reflow(doc.text)
    doc.meta["reflowed"] = True
    return True


def _extra_name(key: Any) -> str:
    # A record's own "id" must not replace the corpus id.
    return "record_id" if key == "id" else str(key)


def _present(value: Any) -> bool:
    return value is not None and value != "" and value != []


def _scalar(value: Any) -> Any:
    """Lists (e.g. several authors) become one comma-separated string."""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value).strip() if not isinstance(value, (int, float, bool)) else value


def _jsonl_rows(lines: Iterator[str]) -> Iterator[tuple[int, Any]]:
    for line_no, line in enumerate(lines, start=1):
        line = line.removesuffix("\n")
        if not line.strip():
            continue
        try:
            yield line_no, load_json(line)
        except ValueError as exc:
            yield line_no, InputError(str(exc))


def _csv_rows(lines: Iterator[str], n_bytes: int) -> Iterator[tuple[int, Any]]:
    # Article bodies exceed csv's default 128 kB field limit; documents are capped
    # separately by check_size, so allow anything up to the whole file here.
    old_limit = csv.field_size_limit(max(csv.field_size_limit(), n_bytes + 1))
    try:
        yield from _csv_cells(csv.reader(lines, strict=True))
    finally:
        csv.field_size_limit(old_limit)


def _csv_cells(reader) -> Iterator[tuple[int, Any]]:
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        yield 1, InputError("no CSV header row")
        return
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield start, InputError(f"malformed CSV ({exc})")
            continue
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            yield start, InputError(f"{len(cells)} fields, but the header has {len(header)}")
            continue
        yield start, dict(zip(header, cells))
