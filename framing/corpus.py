"""Corpora: a folder of Markdown documents with YAML front matter.

A corpus folder holds ``corpus.yaml`` (name, description, optional lexicon
overrides) and one ``NNN-slug.md`` file per document. The front matter carries the
metadata; the body is the document text, one paragraph per line block. Files are
human-editable: a hand-edited file is picked up on the next run.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import os
import re
import stat
import unicodedata
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import yaml

from .atomic import remove_owned, write_text
from .checks import load_yaml
from .docindex import DocumentIndex, Entry, digest, identity, meta_json
from .errors import CorpusError, Interrupted
from .lock import file_lock

MARKER = "corpus.yaml"
CORE_FIELDS = ("id", "source", "title", "author", "date", "url", "language",
               "translated_from", "genre", "added")
_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n?", re.S)
_OPENS = re.compile(r"\A---[ \t]*\r?\n")  # a front matter starts; _FRONT says whether it closes
UNCLOSED = "front matter opened by '---' on line 1 never closes (no second '---' line); close it"
# libyaml when present: ~10x faster for corpora of thousands of files; same output.
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass
class Document:
    """One article: metadata plus text.

    Args:
        id: stable identifier, equal to the file name without ``.md``.
        text: the article text, paragraphs separated by line breaks.
        meta: every front-matter field (``source``, ``title``, ``date`` …).
    """

    id: str
    text: str
    meta: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None
    origin: str = ""  # where a draft came from ("a.txt", "x.jsonl line 3"), for messages

    @property
    def source(self) -> str:
        return str(self.meta.get("source") or "")

    @property
    def title(self) -> str:
        return str(self.meta.get("title") or "")

    def text_hash(self) -> str:
        return text_fingerprint(self.text)

    def to_markdown(self) -> str:
        """Serialise as front matter + body (key order: core fields, then extras)."""
        meta = {"id": self.id}
        for key in CORE_FIELDS[1:]:
            if self.meta.get(key) not in (None, ""):
                meta[key] = _plain(self.meta[key])
        for key in sorted(self.meta):
            if key not in meta and key not in CORE_FIELDS and self.meta[key] not in (None, ""):
                meta[key] = _plain(self.meta[key])
        head = yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
        return f"---\n{head}---\n{self.text.rstrip()}\n"


def _plain(value: Any) -> Any:
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return value


def normalise_text(text: str) -> str:
    """Casefolded, whitespace-collapsed NFKC text, used to spot duplicates."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(text.split())


def text_fingerprint(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:16]


def slugify(text: str, *, max_len: int = 40) -> str:
    """ASCII slug of a title, for file names."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:max_len].rstrip("-") or "doc"


def front_matter_split(raw: str) -> tuple[Any, str]:
    """``(metadata, body)`` of a Markdown text; ``({}, raw)`` without front matter.

    Raises ``yaml.YAMLError`` for broken YAML, oversized YAML (alias bombs) or a
    front matter that never closes (callers name the file).

    Example:
        >>> front_matter_split("---\\ntitle: A\\n---\\nBody")
        ({'title': 'A'}, 'Body')
    """
    match = _FRONT.match(raw)
    if not match:
        if _OPENS.match(raw):
            raise yaml.YAMLError(UNCLOSED)
        return {}, raw
    meta = load_yaml(match.group(1))
    meta = {str(k): _plain(v) for k, v in meta.items()} if isinstance(meta, dict) else meta
    return ({} if meta is None else meta), raw[match.end():].strip("\n")


def parse_document_file(path: Path) -> Document:
    """Read one ``.md`` document; raise :class:`CorpusError` naming the file if broken."""
    return _parse_raw(path, _decode(path, read_regular_file(path)))


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")  # a BOM (Windows editors) is not part of the text
    except UnicodeDecodeError as exc:
        raise CorpusError(f"{path}: not UTF-8 text ({exc.reason}); re-save it as UTF-8") from exc


def _parse_raw(path: Path, raw: str) -> Document:
    match = _FRONT.match(raw)
    if not match:
        if _OPENS.match(raw):
            raise CorpusError(f"{path}: {UNCLOSED}")
        raise CorpusError(f"{path}: no YAML front matter (the file must start with a '---' block)")
    try:
        meta = load_yaml(match.group(1)) or {}
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        where = f" (front matter line {line + 1})" if line is not None else ""
        why = "" if where else f" ({exc})"
        raise CorpusError(f"{path}: broken YAML front matter{where}{why}; fix or remove the file") from exc
    if not isinstance(meta, dict):
        raise CorpusError(f"{path}: front matter must be key: value pairs")
    meta = {str(k): _plain(v) for k, v in meta.items()}
    doc_id = str(meta.get("id") or path.stem)
    check_id(doc_id, where=f"{path}: front-matter id")
    meta["id"] = doc_id
    return Document(id=doc_id, text=raw[match.end():].strip("\n"), meta=meta, path=path)


def indexed_document(path: Path, index: DocumentIndex) -> Document:
    """:func:`parse_document_file`, taking the metadata from ``index`` when the front matter is unchanged.

    The file is always read (for its text); only a front matter whose text has the
    digest stored in the index skips the YAML parser, so the result is the same.
    """
    data, st = read_regular_file(path, with_stat=True)
    raw = _decode(path, data)
    match = _FRONT.match(raw)
    fmhash = digest(match.group(1)) if match else ""
    entry = index.lookup(path.name, fmhash=fmhash) if match else None
    if entry is not None:
        return Document(id=entry.id, text=raw[match.end():].strip("\n"), meta=index.meta(entry), path=path)
    doc = _parse_raw(path, raw)
    if (meta := meta_json(doc.meta)) is not None:
        index.store(path.name, Entry(identity(st), fmhash, doc.id, meta))
    return doc


def index_counts(path: Path, index: DocumentIndex) -> tuple[str, list] | None:
    """Index the file at ``path`` as ``framing list`` would after reading it: its metadata and,
    for the current paragraph rules, its paragraph and body-paragraph counts. The file is read
    back (its status taken first), so the entry says what reading it says. Nothing is stored
    for metadata that JSON does not give back exactly (such a file is parsed every time).

    Returns the text's split as the cache stores it, ``(text digest, [(kind, text), ...])``,
    so that the first ``analyze`` need not split it again (None when nothing was indexed).
    """
    from .cache import paragraph_hash
    from .paragraphs import rules_version, split_paragraphs

    data, st = read_regular_file(path, with_stat=True)
    raw = _decode(path, data)
    doc = _parse_raw(path, raw)
    meta = meta_json(doc.meta)
    if meta is None:
        return None
    paras = split_paragraphs(doc.id, doc.text)
    dhash = paragraph_hash(doc.text)
    index.store(path.name, Entry(identity(st), digest(_FRONT.match(raw).group(1)), doc.id, meta,
                                 dhash, rules_version(), len(paras), sum(p.kind == "body" for p in paras)))
    return dhash, [(p.kind, p.text) for p in paras]


def _cache_splits(root: Path, splits: list[tuple[str, list]]) -> None:
    """Store the splits of written documents in the corpus cache (only a speed-up: a busy or
    read-only cache is left as it is)."""
    import sqlite3

    from .cache import Cache
    from .paragraphs import rules_version

    if not splits:
        return
    try:
        cache = Cache(root)
    except sqlite3.Error:
        return
    try:
        cache.put_splits(rules_version(), splits)
        cache.commit()
    except sqlite3.Error:
        pass
    finally:
        cache.close()


# ---- containment: ids, files, lock (kept apart from parsing) ----------------------
MAX_ID_BYTES = 200  # the file name adds ".md"; most file systems allow 255 bytes
LOCK_FILE = ".framing-lock"
SPLITS_CHUNK = 1000  # documents whose splits an import stores in the cache at a time
_ORPHAN = re.compile(r"^\..+\.(md|yaml)\.[A-Za-z0-9_]{6,}\.tmp$")  # atomic_path's temporary names
_KINDS = ((stat.S_ISLNK, "a symbolic link"), (stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
          (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


def check_id(doc_id: str, *, where: str = "id") -> str:
    """Return ``doc_id`` if it is one safe file-name component, else raise :class:`CorpusError`.

    Safe: 1 to 200 UTF-8 bytes, no ``/`` or ``\\``, no control characters, not
    starting with ``.`` (so never ``.`` or ``..``), no surrounding spaces.

    Example:
        >>> check_id("003-china-state-aligned")
        '003-china-state-aligned'
    """
    problem = None
    if not doc_id or not doc_id.strip():
        problem = "is empty"
    elif any(c in doc_id for c in "/\\") or any(unicodedata.category(c) == "Cc" for c in doc_id):
        problem = "contains a path separator or control character"
    elif doc_id.startswith(".") or doc_id != doc_id.strip():
        problem = "starts with '.' or has surrounding spaces"
    elif len(doc_id.encode("utf-8")) > MAX_ID_BYTES:
        problem = f"is longer than {MAX_ID_BYTES} bytes"
    if problem:
        shown = doc_id if len(doc_id) <= 60 else doc_id[:57] + "..."
        raise CorpusError(f"{where} {shown!r} {problem}; an id must be one plain file name "
                          "(letters, digits, '-'), as in 003-china-state-aligned")
    return doc_id


def file_kind_problem(path: Path) -> str | None:
    """What makes ``path`` unreadable as a document (a link, folder, FIFO, device…), or None."""
    mode = os.lstat(path).st_mode
    for test, kind in _KINDS:
        if test(mode):
            return kind
    return None if stat.S_ISREG(mode) else "not a regular file"


def read_regular_file(path: Path, *, with_stat: bool = False) -> Any:
    """Bytes of ``path``, refusing links and special files (no hang on a FIFO, no /dev/zero).

    With ``with_stat``, ``(bytes, os.stat_result)``: the file's status taken before reading.
    """
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        kind = file_kind_problem(path) if os.path.lexists(path) else "missing"
        raise CorpusError(f"{path}: cannot read ({kind or exc.strerror}); a document must be a regular file") from None
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise CorpusError(f"{path}: is not a regular file; a document must be a regular file")
        return (fh.read(), st) if with_stat else fh.read()


def clean_orphans(root: Path) -> list[str]:
    """Delete temporary files left by a killed write (``.NAME.md.XXXX.tmp``); return their names.

    Call only while holding the corpus lock, when no other write can be in flight.
    """
    removed = []
    for path in sorted(root.iterdir()):
        if _ORPHAN.match(path.name) and file_kind_problem(path) is None:
            remove_owned(path, owner=root)
            removed.append(path.name)
    return removed


class Corpus:
    """A corpus folder.

    Example:
        >>> corpus = Corpus.open("corpora/central-asia")   # doctest: +SKIP
        >>> [d.id for d in corpus.documents()]             # doctest: +SKIP
    """

    def __init__(self, root: Path, config: dict[str, Any]):
        self.root = Path(root)
        self.config = config

    # ---- opening and creating -------------------------------------------------
    @classmethod
    def open(cls, root: str | Path) -> "Corpus":
        root = Path(root)
        if not root.is_dir():
            raise CorpusError(f"{root}: no such corpus folder; create one with 'framing init {root}'")
        marker = root / MARKER
        if not marker.is_file():
            raise CorpusError(f"{root}: not a corpus (no {MARKER}); create one with 'framing init {root}'")
        try:
            config = load_yaml(marker.read_text(encoding="utf-8-sig")) or {}
        except yaml.YAMLError as exc:
            raise CorpusError(f"{marker}: broken YAML ({str(exc).splitlines()[0]}); fix it") from exc
        except UnicodeDecodeError as exc:
            raise CorpusError(f"{marker}: not UTF-8 text ({exc.reason}); re-save it as UTF-8") from exc
        if not isinstance(config, dict):
            raise CorpusError(f"{marker}: must be key: value pairs")
        check_config(config, marker)
        return cls(root, config)

    @classmethod
    def init(cls, root: str | Path, *, name: str | None = None, description: str = "") -> "Corpus":
        """Create an empty corpus folder (or return the existing one)."""
        root = Path(root)
        if (root / MARKER).is_file():
            return cls.open(root)
        if root.exists() and not root.is_dir():
            raise CorpusError(f"{root}: exists and is not a folder")
        if root.is_dir() and any(p.suffix == ".md" for p in root.iterdir()):
            raise CorpusError(f"{root}: folder has .md files but no {MARKER}; not creating a corpus over it")
        root.mkdir(parents=True, exist_ok=True)
        config = {"name": name or root.resolve().name, "description": description}
        write_text(root / MARKER, yaml.safe_dump(config, allow_unicode=True, sort_keys=False))
        return cls(root, config)

    @property
    def name(self) -> str:
        return str(self.config.get("name") or self.root.resolve().name)

    # ---- reading ---------------------------------------------------------------
    def document_paths(self) -> list[Path]:
        """Document files in id order: numeric prefix first (so 999 < 1000), then name.

        Raises :class:`CorpusError` for a ``.md`` entry that is not a regular file
        (a symbolic link, dangling or not, a folder, a FIFO, a device).
        """
        paths = sorted((p for p in self.root.glob("*.md") if not p.name.startswith(".")), key=_path_order)
        for path in paths:
            if kind := file_kind_problem(path):
                raise CorpusError(f"{path}: is {kind}, not a document file; framing reads only regular "
                                  "files in a corpus; move it out of the corpus folder")
        return paths

    def documents(self) -> Iterator[Document]:
        """Documents in file-name order (stable ids, stable output); ids must be unique."""
        seen: dict[str, Path] = {}
        with DocumentIndex(self.root, create=False) as index:
            for path in self.document_paths():
                doc = indexed_document(path, index)
                check_unique(seen, doc.id, path)
                yield doc
            index.save(complete=True)

    def get(self, doc_id: str) -> Document:
        """The document named by ``doc_id``: its exact id, else its number, else a unique id prefix.

        A number (``7``, ``007``) matches only the document numbered 7, never ``70-…``
        or ``700-…``. Only documents in the corpus are considered.
        """
        doc_id = doc_id.strip()
        if not doc_id:
            raise CorpusError("no document id given; 'framing list' shows the ids")
        docs = list(self.documents())
        matches = [d for d in docs if d.id == doc_id] or [d for d in docs if d.path and d.path.stem == doc_id]
        if not matches and doc_id.isdigit():
            matches = [d for d in docs if d.path and _path_order(d.path)[0] == int(doc_id)]
        elif not matches:
            matches = [d for d in docs if d.id.startswith(doc_id)]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise CorpusError(f"no document '{doc_id}' in {self.root}; 'framing list' shows the ids")
        raise CorpusError(f"'{doc_id}' matches {len(matches)} documents; give more of the id")

    def fingerprints(self) -> dict[str, str]:
        """Normalised-text fingerprint -> document id, for duplicate checks."""
        return {doc.text_hash(): doc.id for doc in self.documents()}

    # ---- writing ---------------------------------------------------------------
    def next_number(self) -> int:
        numbers = [int(m.group(1)) for p in self.document_paths()
                   if (m := re.match(r"(\d+)", p.stem))]
        return max(numbers, default=-1) + 1

    def new_id(self, title: str, number: int | None = None, *, width: int = 3) -> str:
        """``NNN-slug`` id for a new document (``width`` digits, at least)."""
        number = self.next_number() if number is None else number
        return f"{number:0{width}d}-{slugify(title)}"

    def write(self, doc: Document) -> Path:
        """Write (or overwrite) one document file atomically."""
        path = self.root / f"{check_id(doc.id)}.md"
        doc.meta.setdefault("added", _dt.date.today().isoformat())
        write_text(path, doc.to_markdown())
        doc.path = path
        return path

    def add_documents(self, drafts: Iterable[Document] | Callable[[], Iterable[Document]], *,
                      progress: Callable[[Iterable], Iterable] | None = None) -> list["Added"]:
        """Give drafts ids and write them; skip any whose text is already in the corpus.

        Ids continue the corpus numbering in the drafts' order; when the batch reaches
        1000 documents or more, all its ids get 4+ digits. Each file is written
        atomically, so an interrupted batch leaves only complete documents.

        The drafts are read twice (first their fingerprints, to number the new ones, then to
        write them) and never held together when ``drafts`` is a function that yields them
        anew on each call (:meth:`framing.ingest.records.RecordBatch.drafts`): an import's
        memory then does not grow with the number of records.

        Args:
            drafts: documents with empty ``id`` (from :mod:`framing.ingest`), or a function
                returning them (the same documents, in the same order, on every call).
            progress: optional wrapper for the write loop (e.g. ``tqdm``).

        Returns:
            One :class:`Added` per draft, in order (``duplicate_of`` set when skipped).

        Example:
            >>> corpus.add_documents([Document("", "Some text.", {"source": "AP"})])  # doctest: +SKIP
            [Added(doc_id='000-some-text', origin='', duplicate_of=None)]
        """
        if not callable(drafts):
            held = list(drafts)
            drafts = lambda: held  # noqa: E731
        with self.writing():
            return self._add_locked(drafts, progress)

    def _add_locked(self, drafts: Callable[[], Iterable[Document]], progress) -> list["Added"]:
        # First pass: which drafts are new (None), copies of a document already here (its id)
        # or of an earlier draft (that draft's position); only fingerprints are kept.
        existing: dict[str, str] = dict(self.fingerprints())
        first: dict[str, int] = {}
        plan: list[str | int | None] = []
        fingerprints: list[str] = []
        for i, draft in enumerate(drafts()):
            fingerprint = draft.text_hash()
            fingerprints.append(fingerprint)
            if fingerprint in existing:
                plan.append(existing[fingerprint])
            elif fingerprint in first:
                plan.append(first[fingerprint])
            else:
                first[fingerprint] = i
                plan.append(None)
        del existing, first
        fresh = sum(dup is None for dup in plan)
        start = self.next_number()
        width = max(3, len(str(start + fresh - 1)))
        results: list[Added] = []
        written: list[str] = []
        # The written files are indexed as they are written (one transaction at the end), so the
        # first `framing list` after a large import reads none of them.
        index = DocumentIndex(self.root)
        try:
            self._write_plan(drafts, plan, fingerprints, (start, width, fresh), progress, index, results, written)
            index.save()
        finally:
            index.close()
        return results

    def _write_plan(self, drafts, plan, fingerprints, numbering, progress, index: DocumentIndex,
                    results: list["Added"], written: list[str]) -> None:
        current: Document | None = None  # the draft being written
        number, width, fresh = numbering
        splits: list[tuple[str, list]] = []  # stored in the cache in chunks, not held to the end
        ids: dict[int, str] = {}  # position -> id, for drafts that later drafts copy
        try:
            for i, (dup, draft) in enumerate(zip((progress or iter)(plan), drafts())):
                if draft.text_hash() != fingerprints[i]:  # a drafts() that does not repeat itself
                    raise CorpusError(f"the documents to add changed while they were written ({len(written)} "
                                      "written, each complete); run the command again to add the rest")
                if dup is None:
                    current = draft
                    draft.id = draft.meta["id"] = self.new_id(_slug_text(draft), number, width=width)
                    number += 1
                    path = self.write(draft)
                    if index.usable and (split := index_counts(path, index)) is not None:
                        splits.append(split)
                        if len(splits) >= SPLITS_CHUNK:
                            _cache_splits(self.root, splits)
                            splits.clear()
                    written.append(draft.id)
                    ids[i] = draft.id
                    results.append(Added(draft.id, draft.origin))
                else:
                    dup_id = ids[dup] if isinstance(dup, int) else dup
                    results.append(Added(dup_id, draft.origin, dup_id))
        except KeyboardInterrupt:
            # Ctrl-C can land after a file's atomic rename but before it was counted: count what exists.
            if current is not None and current.id not in written and (self.root / f"{current.id}.md").is_file():
                written.append(current.id)
            index.save()  # the entries of the files written (each names its file's identity)
            raise Interrupted(_interrupted_message(self.root, written, fresh)) from None
        finally:
            _cache_splits(self.root, splits)

    def remove(self, doc_id: str) -> Document:
        """Delete one document's file (resolved as :meth:`get` does; never outside the corpus)."""
        with self.writing():
            doc = self.get(doc_id)
            assert doc.path is not None
            remove_owned(doc.path, owner=self.root)
        return doc

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the corpus lock (other writers wait) and clean temp files of killed writes."""
        with file_lock(self.root / LOCK_FILE, what=f"corpus {self.root}"):
            clean_orphans(self.root)
            yield


def check_unique(seen: dict[str, Path], doc_id: str, path: Path) -> None:
    """Record ``doc_id`` as read from ``path``; refuse a second file with the same id."""
    if doc_id in seen:
        raise CorpusError(f"{seen[doc_id]} and {path} have the same id '{doc_id}'; "
                          "ids must be unique: change or remove the id line of one of them")
    seen[doc_id] = path


def check_config(config: dict[str, Any], marker: Path) -> None:
    """Refuse ``corpus.yaml`` values of the wrong type, naming the key and what is expected."""
    for key in ("name", "description"):
        value = config.get(key)
        if value is not None and not isinstance(value, (str, int, float)):
            raise CorpusError(f"{marker}: '{key}' must be a single line of text, not {_kind(value)}")
    lexicons = config.get("lexicons")
    if lexicons is not None and not isinstance(lexicons, dict):
        raise CorpusError(f"{marker}: 'lexicons' must map lexicon names to files (e.g. "
                          f"'actors: my_actors.csv'), not {_kind(lexicons)}")
    for name, spec in (lexicons or {}).items():
        path = spec.get("path") if isinstance(spec, dict) else spec
        if not isinstance(path, str) or not path.strip():
            raise CorpusError(f"{marker}: lexicons.{name} must be a file path or {{path: FILE, "
                              f"mode: replace|extend}}, not {_kind(spec)}")
    from .furniture import Rules

    Rules.from_config(config, str(marker))


def _kind(value: Any) -> str:
    return {dict: "a mapping", list: "a list"}.get(type(value), type(value).__name__)


@dataclass(frozen=True)
class Added:
    """Outcome of adding one draft: its id, or the id of the document it duplicates."""

    doc_id: str
    origin: str
    duplicate_of: str | None = None


def _interrupted_message(root: Path, written: list[str], total: int) -> str:
    if not written:
        return f"interrupted: no documents were written to {root}"
    ids = written[0] if len(written) == 1 else f"{written[0]} … {written[-1]}"
    return (f"interrupted: {len(written)} of {total} new documents were written to {root} ({ids}), each "
            "complete; run the same command again to add the rest (documents already there are skipped)")


def _path_order(path: Path) -> tuple[float, str]:
    match = re.match(r"(\d+)", path.stem)
    return (int(match.group(1)) if match else float("inf"), path.name)


def _slug_text(doc: Document) -> str:
    """Title, else the first words of the text: what the file name is made from."""
    return doc.title or " ".join(doc.text.split()[:6])

