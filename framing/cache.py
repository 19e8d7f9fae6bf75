"""A SQLite cache of parses and feature results, keyed by paragraph text hash.

Parses are stored as spaCy ``DocBin`` bytes per (pipeline, paragraph hash), so
changing a lexicon recomputes the features that use it without re-parsing.
Feature results are stored per (feature, feature key, paragraph hash), where the
key changes with the feature version, its lexicons and the pipeline.

Every stored payload carries a checksum over its key and data. A payload that fails
it (an edited or damaged cache) is deleted and :class:`CacheCorrupt` is raised, so
the caller recomputes instead of trusting it; a file that is not a database at all is
replaced by an empty cache with a warning. The cache lives in ``<corpus>/.framing-cache``,
or, when the corpus is read-only, in ``$XDG_CACHE_HOME/framing/corpora/<digest>``
(in memory if that is not writable either).
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import warnings
from pathlib import Path
from typing import Any, Iterable, Iterator

from .atomic import remove_owned
from .errors import CorpusError, FramingWarning

CACHE_DIR = ".framing-cache"
FORMAT = 2  # PRAGMA user_version: 2 added the checksum column `sum`
SCHEMA = """
DROP TABLE IF EXISTS parses;
CREATE TABLE IF NOT EXISTS parse_batches (id INTEGER PRIMARY KEY AUTOINCREMENT, data BLOB, sum TEXT);
CREATE TABLE IF NOT EXISTS parse_index (pipeline TEXT, phash TEXT, batch INTEGER, pos INTEGER,
                                        PRIMARY KEY (pipeline, phash));
CREATE TABLE IF NOT EXISTS splits (version TEXT, dhash TEXT, data TEXT, sum TEXT, PRIMARY KEY (version, dhash));
CREATE TABLE IF NOT EXISTS results (feature TEXT, fkey TEXT, phash TEXT, data TEXT, sum TEXT,
                                    PRIMARY KEY (feature, fkey, phash));
"""
_SUMMED = {"parse_batches": ("id",), "splits": ("version", "dhash"), "results": ("feature", "fkey", "phash")}
BUSY_TIMEOUT = 120.0  # seconds to wait for another process's write (two reports at once)
_DB_FILES = ("cache.sqlite", "cache.sqlite-wal", "cache.sqlite-shm", "cache.sqlite-journal")


class CacheCorrupt(Exception):
    """Cached payloads failed their checksum (they have been deleted; recompute)."""


def is_damage(exc: BaseException) -> bool:
    """True for errors that mean a damaged cache (not a busy or read-only one)."""
    return isinstance(exc, CacheCorrupt) or (isinstance(exc, sqlite3.DatabaseError)
                                             and not isinstance(exc, sqlite3.OperationalError))


def paragraph_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def result_rows(feature: str, fkey: str, items: Iterable[tuple[str, Any]]) -> list[tuple[str, str, str, str, str]]:
    """Cache rows ``(feature, key, paragraph hash, JSON, checksum)`` for feature results.

    Example:
        >>> result_rows("f", "k", [("h", [[], {"n": 1}])])[0][:4]
        ('f', 'k', 'h', '[[],{"n":1}]')
    """
    rows = []
    for h, v in items:
        d = json.dumps(v, separators=(",", ":"))
        rows.append((feature, fkey, h, d, checksum(feature, fkey, h, d)))
    return rows


def checksum(*parts: Any) -> str:
    """Digest of a payload and its key: what makes an edited cache entry detectable."""
    h = hashlib.blake2b(digest_size=10)
    for part in parts:
        h.update(part if isinstance(part, bytes) else str(part).encode("utf-8"))
        h.update(b"\x00")
    return h.hexdigest()


def _chunks(items: list, size: int = 900) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def cache_location(root: str | Path) -> Path | None:
    """The cache folder for corpus ``root``: its own, else a per-user one, else None (memory).

    Refuses (:class:`CorpusError`) symbolic links where the cache would write.
    """
    own = Path(root) / CACHE_DIR
    if os.path.islink(own):
        raise CorpusError(f"{own}: is a symbolic link; framing writes its cache only to a real folder; "
                          "remove the link (the cache is rebuilt)")
    if own.is_dir() and os.access(own, os.W_OK | os.X_OK) or not own.exists() and os.access(root, os.W_OK | os.X_OK):
        return own
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "framing" / "corpora"
    digest = hashlib.sha256(str(Path(root).resolve()).encode("utf-8")).hexdigest()[:16]
    try:
        (base / digest).mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return base / digest if os.access(base / digest, os.W_OK | os.X_OK) else None


def check_links(folder: Path, names: Iterable[str]) -> None:
    """Refuse symbolic links at the cache paths framing writes to."""
    for name in names:
        if os.path.islink(folder / name):
            raise CorpusError(f"{folder / name}: is a symbolic link; framing will not write through links "
                              f"in its cache; delete {folder} (it is rebuilt)")


class Cache:
    """Parse and result store in ``<corpus>/.framing-cache/cache.sqlite``.

    ``dir`` is the cache folder (None when the cache is kept in memory).
    """

    def __init__(self, root: str | Path):
        self.dir = cache_location(root)
        self.path: Path | None = None
        if self.dir is not None:
            self.dir.mkdir(parents=True, exist_ok=True)
            check_links(self.dir, (*_DB_FILES, "tables", "tables.lock"))
            self.path = self.dir / "cache.sqlite"
        try:
            self.db = self._connect()
        except sqlite3.OperationalError:  # locked, read-only, disk full: not damage; never discard
            raise
        except sqlite3.DatabaseError as exc:
            warnings.warn(f"cache {self.path} is damaged ({exc}); starting an empty one", FramingWarning, stacklevel=2)
            self.discard()
            self.db = self._connect()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(":memory:" if self.path is None else self.path, timeout=BUSY_TIMEOUT)
        try:
            db.executescript("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;")
            version = db.execute("PRAGMA user_version").fetchone()[0]
            db.executescript(SCHEMA)
            if version < FORMAT:
                _add_checksums(db)
            db.execute("SELECT count(*) FROM parse_index").fetchone()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def discard(self) -> None:
        """Delete the database files (used when they are damaged); the folder stays."""
        if getattr(self, "db", None) is not None:
            self.db.close()
        if self.dir is not None:
            for name in _DB_FILES:
                remove_owned(self.dir / name, owner=self.dir)

    def close(self) -> None:
        self.db.close()

    def _drop_bad(self, table: str, keys: list[tuple]) -> None:
        cols = _SUMMED[table]
        where = " AND ".join(f"{c}=?" for c in cols)
        self.db.executemany(f"DELETE FROM {table} WHERE {where}", keys)
        if table == "parse_batches":
            self.db.executemany("DELETE FROM parse_index WHERE batch=?", keys)
        self.db.commit()

    # ---- results ----------------------------------------------------------------
    def have_results(self, feature: str, fkey: str, hashes: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(sorted(set(hashes))):
            q = f"SELECT phash FROM results WHERE feature=? AND fkey=? AND phash IN ({','.join('?' * len(chunk))})"
            found.update(r[0] for r in self.db.execute(q, (feature, fkey, *chunk)))
        return found

    def get_results(self, feature: str, fkey: str, hashes: Iterable[str]) -> dict[str, Any]:
        """Results by paragraph hash; raises :class:`CacheCorrupt` after deleting any that fail their checksum."""
        out: dict[str, Any] = {}
        bad: list[tuple] = []
        for chunk in _chunks(sorted(set(hashes))):
            q = (f"SELECT phash, data, sum FROM results WHERE feature=? AND fkey=? "
                 f"AND phash IN ({','.join('?' * len(chunk))})")
            for h, d, s in self.db.execute(q, (feature, fkey, *chunk)):
                if s != checksum(feature, fkey, h, d):
                    bad.append((feature, fkey, h))
                    continue
                out[h] = json.loads(d)
        if bad:
            self._drop_bad("results", bad)
            raise CacheCorrupt(f"{len(bad)} cached {feature} results failed their checksum")
        return out

    def put_results(self, feature: str, fkey: str, items: Iterable[tuple[str, Any]]) -> None:
        self.put_result_rows(result_rows(feature, fkey, items))

    def put_result_rows(self, rows: list[tuple[str, str, str, str, str]]) -> None:
        """Store rows made by :func:`result_rows` (a cluster worker makes them: the command
        only inserts, so that it keeps up with many workers)."""
        self.db.executemany("INSERT OR REPLACE INTO results VALUES (?,?,?,?,?)", rows)

    # ---- paragraph splits (kinds are rule-based but not free at 3,000 documents) -----
    def get_splits(self, version: str, hashes: Iterable[str]) -> dict[str, list]:
        """Cached splits; entries failing their checksum are deleted and left out (recomputed)."""
        out: dict[str, list] = {}
        bad: list[tuple] = []
        for chunk in _chunks(sorted(set(hashes))):
            q = f"SELECT dhash, data, sum FROM splits WHERE version=? AND dhash IN ({','.join('?' * len(chunk))})"
            for h, d, s in self.db.execute(q, (version, *chunk)):
                if s != checksum(version, h, d):
                    bad.append((version, h))
                    continue
                out[h] = json.loads(d)
        if bad:
            self._drop_bad("splits", bad)
        return out

    def put_splits(self, version: str, items: Iterable[tuple[str, list]]) -> None:
        rows = []
        for h, v in items:
            d = json.dumps(v, ensure_ascii=False, separators=(",", ":"))
            rows.append((version, h, d, checksum(version, h, d)))
        self.db.executemany("INSERT OR REPLACE INTO splits VALUES (?,?,?,?)", rows)

    # ---- parses -------------------------------------------------------------------
    # Parses are stored as one DocBin per flush batch (a third of the time and half the
    # size of one DocBin per paragraph), with an index from paragraph hash to its place.
    def have_parses(self, pipeline: str, hashes: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(sorted(set(hashes))):
            q = f"SELECT phash FROM parse_index WHERE pipeline=? AND phash IN ({','.join('?' * len(chunk))})"
            found.update(r[0] for r in self.db.execute(q, (pipeline, *chunk)))
        return found

    def get_parses(self, pipeline: str, hashes: list[str], vocab) -> dict[str, Any]:
        """Parses by hash; raises :class:`CacheCorrupt` after deleting a batch that fails its checksum."""
        from spacy.tokens import DocBin

        places: dict[int, list[tuple[int, str]]] = {}
        for chunk in _chunks(sorted(set(hashes))):
            q = (f"SELECT phash, batch, pos FROM parse_index WHERE pipeline=? "
                 f"AND phash IN ({','.join('?' * len(chunk))})")
            for h, batch, pos in self.db.execute(q, (pipeline, *chunk)):
                places.setdefault(batch, []).append((pos, h))
        out, bad = {}, []
        for batch, wanted in sorted(places.items()):
            row = self.db.execute("SELECT data, sum FROM parse_batches WHERE id=?", (batch,)).fetchone()
            try:
                if row is None or row[1] != checksum(batch, row[0]):
                    raise ValueError("checksum")
                docs = list(DocBin().from_bytes(row[0]).get_docs(vocab))
                out.update((h, docs[pos]) for pos, h in wanted)
            except Exception as exc:  # noqa: BLE001 - any failure to decode is damage
                bad.append((batch, type(exc).__name__))
        if bad:  # every damaged batch goes at once, so one retry repairs the cache
            self._drop_bad("parse_batches", [(b,) for b, _ in bad])
            raise CacheCorrupt(f"{len(bad)} cached parse batch(es) are damaged ({bad[0][1]})")
        return out

    def drop_damaged_parses(self) -> int:
        """Delete every parse batch that fails its checksum (before a retry); returns how many."""
        bad = [(batch,) for batch, data, total in self.db.execute("SELECT id, data, sum FROM parse_batches")
               if total != checksum(batch, data)]
        if bad:
            self._drop_bad("parse_batches", bad)
        return len(bad)

    def put_parses(self, pipeline: str, items: Iterable[tuple[str, Any]]) -> None:
        items = list(items)
        if not items:
            return
        self.put_parse_blob(pipeline, [h for h, _ in items], pack_docs([doc for _, doc in items]))

    def put_parse_blob(self, pipeline: str, hashes: list[str], data: bytes) -> None:
        """Store one serialised DocBin whose i-th Doc is the parse of ``hashes[i]`` (as a
        cluster worker returns it), with its checksum."""
        batch = self.db.execute("INSERT INTO parse_batches (data) VALUES (?)", (data,)).lastrowid
        self.db.execute("UPDATE parse_batches SET sum=? WHERE id=?", (checksum(batch, data), batch))
        self.db.executemany("INSERT OR REPLACE INTO parse_index VALUES (?,?,?,?)",
                            [(pipeline, h, batch, pos) for pos, h in enumerate(hashes)])

    def commit(self) -> None:
        self.db.commit()


# Attributes whose strings DocBin.add collects token by token (text, tag_, lemma_, norm_,
# str(morph), dep_, ent_type_, ent_kb_id_, ent_id_).
_STRING_ATTRS = ("ORTH", "TAG", "LEMMA", "NORM", "DEP", "ENT_TYPE", "ENT_KB_ID", "ENT_ID")  # and MORPH


def pack_docs(docs: list) -> bytes:
    """``DocBin(store_user_data=False)`` bytes of ``docs``, the same bytes as ``DocBin.add``
    for each Doc then ``to_bytes``, in 60% of the CPU: the strings are looked up once per
    distinct attribute hash of the batch instead of nine string properties per token
    (0.3 s per 4,000 paragraphs, more than the compression).

    Example:
        >>> import spacy
        >>> nlp = spacy.blank("en")
        >>> from spacy.tokens import DocBin
        >>> docs = [nlp("Kyiv is safe."), nlp("")]
        >>> slow = DocBin(store_user_data=False)
        >>> for d in docs: slow.add(d)
        >>> pack_docs(docs) == slow.to_bytes()
        True
    """
    import numpy
    from spacy.attrs import IDS, SPACY
    from spacy.tokens import DocBin

    bin_ = DocBin(store_user_data=False)
    cols = [bin_.attrs.index(IDS[name]) for name in _STRING_ATTRS]
    morph = bin_.attrs.index(IDS["MORPH"])
    for doc in docs:
        array = doc.to_array(bin_.attrs)
        if len(array.shape) == 1:
            array = array.reshape((array.shape[0], 1))
        bin_.tokens.append(array)
        spaces = doc.to_array(SPACY)
        bin_.spaces.append(numpy.asarray(spaces.reshape((spaces.shape[0], 1)), dtype=bool))
        bin_.flags.append({"has_unknown_spaces": doc.has_unknown_spaces})
        bin_.cats.append(doc.cats)
        bin_.span_groups.append(doc.spans.to_bytes())
        for group in doc.spans.values():
            for span in group:
                bin_.strings.add(span.label_)
                if span.kb_id in span.doc.vocab.strings:
                    bin_.strings.add(span.kb_id_)
                if span.id in span.doc.vocab.strings:
                    bin_.strings.add(span.id_)
    if bin_.tokens:  # the strings of all the Docs' tokens, each distinct hash looked up once
        table = numpy.vstack(bin_.tokens)
        strings, empty = docs[0].vocab.strings, docs[0].vocab.morphology.EMPTY_MORPH
        bin_.strings.update(strings[int(k)] for k in numpy.unique(table[:, cols]))
        # str(token.morph) is "" for the empty analysis, whose stored string is "_"
        bin_.strings.update("" if m == empty else m for m in (strings[int(k)] for k in numpy.unique(table[:, morph])))
    return bin_.to_bytes()


def _add_checksums(db: sqlite3.Connection) -> None:
    """Upgrade a format-1 cache in place: add the ``sum`` column and fill it (keeps every parse)."""
    for table, keys in _SUMMED.items():
        cols = {r[1] for r in db.execute(f"PRAGMA table_info({table})")}
        if "sum" not in cols:
            db.execute(f"ALTER TABLE {table} ADD COLUMN sum TEXT")
        rows = db.execute(f"SELECT {', '.join(keys)}, data FROM {table} WHERE sum IS NULL").fetchall()
        where = " AND ".join(f"{c}=?" for c in keys)
        db.executemany(f"UPDATE {table} SET sum=? WHERE {where}", [(checksum(*r), *r[:-1]) for r in rows])
    db.execute(f"PRAGMA user_version={FORMAT}")
    db.commit()
