"""A snapshot of assembled :class:`~framing.tables.Tables`, for fast repeated reads.

``export``, ``compare`` and ``report`` all start from the full tables. Re-assembling
them from per-paragraph cache entries costs seconds at 3,000 articles (hundreds of
thousands of JSON payloads), so the last assembled tables are kept as Parquet under
``.framing-cache/tables/<key>/``. The key covers every document (id, metadata, text),
every feature key (versions, lexicon hashes, pipeline) and the paragraph rules, so any
change makes a new snapshot; only the newest is kept. A ``manifest.json`` holds each
file's SHA-256: a damaged or edited snapshot is detected, deleted and rebuilt.
"""
from __future__ import annotations

import hashlib
import json
import tempfile
import warnings
from pathlib import Path

import pandas as pd

from .atomic import remove_owned
from .errors import FramingWarning
from .lock import file_lock
from .measures import Declared
from .tables import Tables



def snapshot_key(docs, feature_keys: dict[str, str], kinds: tuple[str, ...], rules: str) -> str:
    """Digest of everything the tables depend on."""
    h = hashlib.sha256(json.dumps([sorted(feature_keys.items()), list(kinds), rules]).encode())
    for doc in docs:
        h.update(json.dumps([doc.id, doc.meta, doc.text], sort_keys=True, default=str).encode())
    return h.hexdigest()[:20]


def _folder(cache_dir: Path) -> Path:
    return cache_dir / "tables"


def exists(cache_dir: Path | None) -> bool:
    """True if a snapshot (any key) is stored in ``cache_dir``."""
    if cache_dir is None or not _folder(cache_dir).is_dir():
        return False
    return any((p / "manifest.json").is_file() for p in _folder(cache_dir).iterdir())


def _lock(cache_dir: Path, *, shared: bool):
    return file_lock(cache_dir / "tables.lock", what=f"the tables snapshot in {cache_dir}", shared=shared)


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def load(cache_dir: Path | None, key: str) -> Tables | None:
    """The snapshot for ``key``, or None (also when it is damaged: it is then deleted, with a warning).

    Each file is checked against the SHA-256 digests in ``manifest.json`` before it is read.
    """
    if cache_dir is None:
        return None
    path = _folder(cache_dir) / key
    if not (path / "manifest.json").is_file():
        return None
    with _lock(cache_dir, shared=True):
        try:
            manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
            if not isinstance(manifest, dict) or not manifest:
                raise ValueError("manifest.json is not a mapping of files to checksums")
            for name, digest in manifest.items():
                if Path(name).name != name or digest != _digest(path / name):
                    raise ValueError(f"{name} does not match its checksum")
            decl = json.loads((path / "declared.json").read_text(encoding="utf-8"))
            names = decl["tables"]
            missing = [f for f in (*(f"{n}.parquet" for n in names), "meta.json", "declared.json") if f not in manifest]
            if missing:
                raise ValueError(f"{missing[0]} is not in the manifest")
            frames = {name: pd.read_parquet(path / f"{name}.parquet") for name in names}
            meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
            built_in = {name: frames.pop(name) for name in Tables.BUILT_IN}
            declared = Declared.from_json(decl["declared"])
        except Exception as exc:  # noqa: BLE001 - any unreadable snapshot is rebuilt, never trusted
            reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
            warnings.warn(f"tables snapshot {path} is damaged ({reason}); rebuilt from the cache",
                          FramingWarning, stacklevel=2)
            remove_owned(path, owner=_folder(cache_dir))
            return None
    return Tables(**built_in, meta=meta, extra=frames, declared=declared)


def save(cache_dir: Path | None, key: str, tables: Tables) -> None:
    """Write the snapshot (atomically: a temp folder renamed into place) and drop older ones.

    Saves are serialised by a lock; each uses its own temporary folder.
    """
    if cache_dir is None:
        return
    root = _folder(cache_dir)
    root.mkdir(parents=True, exist_ok=True)
    with _lock(cache_dir, shared=False):
        tmp = Path(tempfile.mkdtemp(prefix=f".{key}.", suffix=".tmp", dir=root))
        try:
            manifest = {}
            for name in tables.names():
                tables.get(name).to_parquet(tmp / f"{name}.parquet", index=False)
            (tmp / "declared.json").write_text(json.dumps({"tables": tables.names(),
                                                           "declared": tables.declarations().to_json()}),
                                               encoding="utf-8")
            (tmp / "meta.json").write_text(json.dumps(tables.meta, sort_keys=True), encoding="utf-8")
            manifest = {p.name: _digest(p) for p in sorted(tmp.iterdir())}
            (tmp / "manifest.json").write_text(json.dumps(manifest, sort_keys=True), encoding="utf-8")
        except (ValueError, TypeError, ImportError) as exc:  # e.g. a metadata column of mixed types
            remove_owned(tmp, owner=root)
            warnings.warn(f"tables snapshot not saved ({exc}); results stay cached per paragraph",
                          FramingWarning, stacklevel=2)
            return
        for old in sorted(root.iterdir()):  # under the lock, only orphans of killed runs and old snapshots
            if old != tmp:
                remove_owned(old, owner=root)
        tmp.rename(root / key)
