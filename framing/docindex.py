"""A document index in the cache: front-matter metadata without re-parsing 30,000 YAML files.

``<cache>/documents.sqlite`` holds one row per document file: its name, the file's
identity (size, mtime_ns, ctime_ns, inode), a digest of its front-matter text, the
parsed metadata (JSON), a digest of its body text and, per paragraph-rule version, its
paragraph and body-paragraph counts. Every row carries a checksum.

- Reading a document (:meth:`DocumentIndex.document`) still reads the file for its
  text, but takes the metadata from the index only when the front-matter text has the
  digest stored with it; any other file is parsed as before (and re-indexed), so the
  index can never change what a document says, only how fast it is read.
- ``framing list`` (:meth:`DocumentIndex.summary`) needs no file contents at all for
  a file whose identity (size, mtime, ctime, inode) is unchanged.
- A row failing its checksum, or a file that is not a database, means a damaged index:
  it is emptied and rebuilt, with one warning. A busy or read-only index is simply not
  used (documents are parsed). Rows of files no longer in the corpus are deleted.
- Concurrent writers: a file's identity is taken (``fstat``) before its bytes are read,
  so a file changed while being read is stored under its old identity and re-read next
  time; corpus writes replace files atomically (new inode). Index updates are one
  SQLite transaction (WAL; other readers see the old or the new rows, never a mix).

Only metadata that JSON stores exactly (strings, numbers, booleans, lists, string-keyed
mappings) is indexed; a document with anything else is simply parsed every time.
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .atomic import remove_owned
from .cache import cache_location, check_links
from .errors import FramingWarning

INDEX_FILE = "documents.sqlite"
_DB_FILES = (INDEX_FILE, f"{INDEX_FILE}-wal", f"{INDEX_FILE}-shm", f"{INDEX_FILE}-journal")
FORMAT = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS docs (name TEXT PRIMARY KEY, ident TEXT, fmhash TEXT, id TEXT, meta TEXT,
                                 dhash TEXT, rules TEXT, n_par INTEGER, n_body INTEGER, sum TEXT);
"""
BUSY_TIMEOUT = 30.0


def digest(data: bytes | str) -> str:
    return hashlib.blake2b(data.encode("utf-8") if isinstance(data, str) else data, digest_size=12).hexdigest()


def identity(st: os.stat_result) -> str:
    """What says a file is unchanged: size, modification and change times, inode."""
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}"


def _row_sum(row: tuple) -> str:
    return digest("\x00".join("" if v is None else str(v) for v in row))


def _exact(a: Any, b: Any) -> bool:
    """True if ``b`` equals ``a`` with the same types throughout (what JSON round-trips exactly)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_exact(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(_exact(x, y) for x, y in zip(a, b))
    return a == b


def meta_json(meta: dict[str, Any]) -> str | None:
    """``meta`` as JSON if JSON gives it back exactly, else None (not indexed)."""
    try:
        text = json.dumps(meta, ensure_ascii=False, sort_keys=True, allow_nan=False)
    except (TypeError, ValueError):
        return None
    return text if _exact(meta, json.loads(text)) else None


@dataclass
class Entry:
    ident: str
    fmhash: str
    id: str
    meta: str
    dhash: str | None = None
    rules: str | None = None
    n_par: int | None = None
    n_body: int | None = None


class DocumentIndex:
    """The index of one corpus; a null index (nothing stored) when the cache is in memory or busy.

    Use as a context manager: changes are written in one transaction on exit. Unless
    ``create``, the index is used only where a cache already exists (a corpus that was
    listed or analysed), so that reading a corpus never adds files to a fresh one.
    """

    def __init__(self, root: str | Path, *, create: bool = True):
        self.entries: dict[str, Entry] = {}
        self.changed: dict[str, Entry] = {}
        self.seen: set[str] = set()
        self.db: sqlite3.Connection | None = None
        self.path: Path | None = None
        self.usable = False  # False: a null index (nothing stored)
        folder = cache_location(root)
        if folder is None or not create and not any((folder / n).is_file() for n in (INDEX_FILE, "cache.sqlite")):
            return
        self.folder, self.path, self.usable = folder, folder / INDEX_FILE, True
        if folder.is_dir():
            check_links(folder, _DB_FILES)
        if self.path.is_file():  # else created when there is something to save (a failing read adds no file)
            self._open()

    def _open(self) -> None:
        assert self.path is not None
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            check_links(self.folder, _DB_FILES)
            self._load()
        except (sqlite3.OperationalError, OSError):  # busy, read-only, disk full: do without the index
            self._close()
            self.usable = False
        except (sqlite3.DatabaseError, _Damaged) as exc:
            warnings.warn(f"document index {self.path} is damaged ({exc}); rebuilding it", FramingWarning,
                          stacklevel=4)
            self._close()
            self.entries = {}
            for name in _DB_FILES:
                remove_owned(self.folder / name, owner=self.folder)
            try:
                self._connect()
            except sqlite3.DatabaseError:
                self._close()
                self.usable = False

    def _connect(self) -> None:
        self.db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT)
        self.db.executescript("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
        if self.db.execute("PRAGMA user_version").fetchone()[0] != FORMAT:
            self.db.executescript(f"DROP TABLE IF EXISTS docs; {SCHEMA} PRAGMA user_version={FORMAT};")

    def _load(self) -> None:
        self._connect()
        assert self.db is not None
        for row in self.db.execute("SELECT name, ident, fmhash, id, meta, dhash, rules, n_par, n_body, sum FROM docs"):
            if _row_sum(row[:-1]) != row[-1]:
                raise _Damaged(f"entry for {row[0]!r} fails its checksum")
            self.entries[row[0]] = Entry(*row[1:-1])

    def _close(self) -> None:
        if self.db is not None:
            self.db.close()
        self.db = None

    def close(self) -> None:
        """Close the database without saving (:meth:`save` first to keep the changes)."""
        self._close()

    def __enter__(self) -> "DocumentIndex":
        return self

    def __exit__(self, exc_type, *_) -> None:
        try:
            if exc_type is None:
                self.save()
        finally:
            self._close()

    # ---- lookups ------------------------------------------------------------------
    def lookup(self, name: str, ident: str | None = None, fmhash: str | None = None) -> Entry | None:
        """The entry for file ``name`` if it matches ``ident`` (file unchanged) or ``fmhash``."""
        self.seen.add(name)
        entry = self.changed.get(name) or self.entries.get(name)
        if entry is None or (ident is not None and entry.ident != ident) \
                or (fmhash is not None and entry.fmhash != fmhash):
            return None
        return entry

    def meta(self, entry: Entry) -> dict[str, Any]:
        return json.loads(entry.meta)

    def store(self, name: str, entry: Entry) -> None:
        if self.usable:
            self.changed[name] = entry

    def save(self, *, complete: bool = False) -> None:
        """Write changed entries; with ``complete``, also drop entries of files not seen (removed)."""
        gone = sorted(set(self.entries) - self.seen) if complete else []
        if not self.usable or not self.changed and not gone:
            return
        if self.db is None:
            self._open()
            if self.db is None:
                return
        rows = []
        for name, e in sorted(self.changed.items()):
            row = (name, e.ident, e.fmhash, e.id, e.meta, e.dhash, e.rules, e.n_par, e.n_body)
            rows.append((*row, _row_sum(row)))
        try:
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO docs VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
                self.db.executemany("DELETE FROM docs WHERE name=?", [(n,) for n in gone])
        except sqlite3.OperationalError:  # busy or read-only: the index is only a speed-up
            return
        self.entries.update(self.changed)
        for name in gone:
            self.entries.pop(name, None)
        self.changed = {}


class _Damaged(Exception):
    pass

