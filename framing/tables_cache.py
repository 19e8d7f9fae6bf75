"""A snapshot of assembled :class:`~framing.tables.Tables`, for fast repeated reads.

``export``, ``compare`` and ``report`` all start from the full tables. Re-assembling
them from per-paragraph cache entries costs seconds at 3,000 articles (hundreds of
thousands of JSON payloads), so the last assembled tables are kept as Parquet under
``.framing-cache/tables/<key>/``. The key covers every document (id, metadata, text),
every feature key (versions, lexicon hashes, pipeline) and the paragraph rules, so any
change makes a new snapshot; only the newest is kept.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import warnings
from pathlib import Path

import pandas as pd

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


def load(cache_dir: Path, key: str) -> Tables | None:
    """The snapshot for ``key``, or None."""
    path = _folder(cache_dir) / key
    if not (path / "meta.json").is_file() or not (path / "declared.json").is_file():
        return None
    meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    decl = json.loads((path / "declared.json").read_text(encoding="utf-8"))
    frames = {name: pd.read_parquet(path / f"{name}.parquet") for name in decl["tables"]}
    built_in = {name: frames.pop(name) for name in Tables.BUILT_IN}
    return Tables(**built_in, meta=meta, extra=frames, declared=Declared.from_json(decl["declared"]))


def save(cache_dir: Path, key: str, tables: Tables) -> None:
    """Write the snapshot (atomically: a temp folder renamed into place) and drop older ones."""
    root = _folder(cache_dir)
    tmp = root / f".{key}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        for name in tables.names():
            tables.get(name).to_parquet(tmp / f"{name}.parquet", index=False)
        (tmp / "declared.json").write_text(json.dumps({"tables": tables.names(),
                                                       "declared": tables.declarations().to_json()}),
                                           encoding="utf-8")
        (tmp / "meta.json").write_text(json.dumps(tables.meta, sort_keys=True), encoding="utf-8")
    except (ValueError, TypeError, ImportError) as exc:  # e.g. a metadata column of mixed types
        shutil.rmtree(tmp, ignore_errors=True)
        warnings.warn(f"tables snapshot not saved ({exc}); results stay cached per paragraph", stacklevel=2)
        return
    for old in root.iterdir():
        if old != tmp:
            shutil.rmtree(old, ignore_errors=True)
    tmp.rename(root / key)
