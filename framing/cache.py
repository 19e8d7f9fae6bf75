"""A SQLite cache of parses and feature results, keyed by paragraph text hash.

Parses are stored as spaCy ``DocBin`` bytes per (pipeline, paragraph hash), so
changing a lexicon recomputes the features that use it without re-parsing.
Feature results are stored per (feature, feature key, paragraph hash), where the
key changes with the feature version, its lexicons and the pipeline.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path
from typing import Any, Iterable, Iterator

CACHE_DIR = ".framing-cache"
SCHEMA = """
DROP TABLE IF EXISTS parses;
CREATE TABLE IF NOT EXISTS parse_batches (id INTEGER PRIMARY KEY AUTOINCREMENT, data BLOB);
CREATE TABLE IF NOT EXISTS parse_index (pipeline TEXT, phash TEXT, batch INTEGER, pos INTEGER,
                                        PRIMARY KEY (pipeline, phash));
CREATE TABLE IF NOT EXISTS splits (version TEXT, dhash TEXT, data TEXT, PRIMARY KEY (version, dhash));
CREATE TABLE IF NOT EXISTS results (feature TEXT, fkey TEXT, phash TEXT, data TEXT,
                                    PRIMARY KEY (feature, fkey, phash));
"""


def paragraph_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def _chunks(items: list, size: int = 900) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


class Cache:
    """Parse and result store in ``<corpus>/.framing-cache/cache.sqlite``."""

    def __init__(self, root: str | Path):
        path = Path(root) / CACHE_DIR
        path.mkdir(parents=True, exist_ok=True)
        self.path = path / "cache.sqlite"
        self.db = sqlite3.connect(self.path)
        self.db.executescript("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;" + SCHEMA)

    def close(self) -> None:
        self.db.close()

    # ---- results ----------------------------------------------------------------
    def have_results(self, feature: str, fkey: str, hashes: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(sorted(set(hashes))):
            q = f"SELECT phash FROM results WHERE feature=? AND fkey=? AND phash IN ({','.join('?' * len(chunk))})"
            found.update(r[0] for r in self.db.execute(q, (feature, fkey, *chunk)))
        return found

    def get_results(self, feature: str, fkey: str, hashes: Iterable[str]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for chunk in _chunks(sorted(set(hashes))):
            q = (f"SELECT phash, data FROM results WHERE feature=? AND fkey=? "
                 f"AND phash IN ({','.join('?' * len(chunk))})")
            out.update((h, json.loads(d)) for h, d in self.db.execute(q, (feature, fkey, *chunk)))
        return out

    def put_results(self, feature: str, fkey: str, items: Iterable[tuple[str, Any]]) -> None:
        rows = [(feature, fkey, h, json.dumps(v, separators=(",", ":"))) for h, v in items]
        self.db.executemany("INSERT OR REPLACE INTO results VALUES (?,?,?,?)", rows)

    # ---- paragraph splits (kinds are rule-based but not free at 3,000 documents) -----
    def get_splits(self, version: str, hashes: Iterable[str]) -> dict[str, list]:
        out: dict[str, list] = {}
        for chunk in _chunks(sorted(set(hashes))):
            q = f"SELECT dhash, data FROM splits WHERE version=? AND dhash IN ({','.join('?' * len(chunk))})"
            out.update((h, json.loads(d)) for h, d in self.db.execute(q, (version, *chunk)))
        return out

    def put_splits(self, version: str, items: Iterable[tuple[str, list]]) -> None:
        rows = [(version, h, json.dumps(v, ensure_ascii=False, separators=(",", ":"))) for h, v in items]
        self.db.executemany("INSERT OR REPLACE INTO splits VALUES (?,?,?)", rows)

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
        from spacy.tokens import DocBin

        places: dict[int, list[tuple[int, str]]] = {}
        for chunk in _chunks(sorted(set(hashes))):
            q = (f"SELECT phash, batch, pos FROM parse_index WHERE pipeline=? "
                 f"AND phash IN ({','.join('?' * len(chunk))})")
            for h, batch, pos in self.db.execute(q, (pipeline, *chunk)):
                places.setdefault(batch, []).append((pos, h))
        out = {}
        for batch, wanted in sorted(places.items()):
            (data,) = self.db.execute("SELECT data FROM parse_batches WHERE id=?", (batch,)).fetchone()
            docs = list(DocBin().from_bytes(data).get_docs(vocab))
            out.update((h, docs[pos]) for pos, h in wanted)
        return out

    def put_parses(self, pipeline: str, items: Iterable[tuple[str, Any]]) -> None:
        from spacy.tokens import DocBin

        items = list(items)
        if not items:
            return
        bin_ = DocBin(store_user_data=False)
        for _, doc in items:
            bin_.add(doc)
        batch = self.db.execute("INSERT INTO parse_batches (data) VALUES (?)", (bin_.to_bytes(),)).lastrowid
        self.db.executemany("INSERT OR REPLACE INTO parse_index VALUES (?,?,?,?)",
                            [(pipeline, h, batch, pos) for pos, (h, _) in enumerate(items)])

    def commit(self) -> None:
        self.db.commit()
