"""Atomic writes and owned deletes: the only places framing replaces or removes files.

Writes go to a temporary file in the same folder, are fsynced, then renamed over the
target. Deletes go through :func:`remove_owned`, which refuses symbolic links and any
path outside the folder that the caller owns (a report folder, the cache, a corpus).
"""
from __future__ import annotations

import os
import shutil
import stat
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .errors import FramingError


@contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; rename it over ``path`` on success.

    On any exception the temporary file is removed and ``path`` is left as it was.

    Example:
        >>> with atomic_path("out.csv") as tmp:   # doctest: +SKIP
        ...     df.to_csv(tmp)
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    os.chmod(tmp, 0o666 & ~current_umask())  # mkstemp makes 0600; a written file should look like any other
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        with open(tmp_path, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp_path, path)
    finally:
        if os.path.lexists(tmp_path):
            remove_owned(tmp_path, owner=path.parent)


def current_umask() -> int:
    """The process umask (read by setting and restoring it)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text(path: str | os.PathLike, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


def inside(path: str | os.PathLike, owner: str | os.PathLike) -> bool:
    """True when ``path`` lies strictly inside ``owner`` with no symbolic link on the way.

    Both are resolved, so a link on the way that leads out of ``owner`` (say
    ``<cache>/tables -> /home/me``) makes the answer False; ``path`` itself must not be
    a link.
    """
    path, owner = Path(path), Path(owner)
    try:
        real_owner = owner.resolve(strict=True)
        real_parent = path.parent.resolve(strict=True)
    except OSError:
        return False
    if path.name in ("", ".", "..") or os.path.islink(path):
        return False
    return real_parent == real_owner or real_owner in real_parent.parents


def remove_owned(path: str | os.PathLike, *, owner: str | os.PathLike) -> None:
    """Delete the file or folder ``path``, which must lie inside ``owner``.

    Every delete and replace in framing goes through here. Refuses (with
    :class:`FramingError`) a ``path`` that is a symbolic link or not strictly inside
    ``owner``; a folder is removed without following any link inside it (links are
    unlinked, their targets untouched). A path that does not exist is fine.

    Example:
        >>> remove_owned("reports/x/.old-1", owner="reports/x")   # doctest: +SKIP
    """
    path = Path(path)
    if not os.path.lexists(path):
        return
    if not inside(path, owner):
        raise FramingError(f"{path}: refusing to delete (a symbolic link or outside {owner}); "
                           "framing deletes only inside folders it made")
    mode = os.lstat(path).st_mode
    if stat.S_ISDIR(mode):
        shutil.rmtree(path)  # rmtree never follows links found inside (they are unlinked)
    else:
        os.unlink(path)
