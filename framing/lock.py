"""Advisory file locks (``fcntl.flock``): one writer at a time per corpus or cache.

A lock is a small file (``<corpus>/.framing-lock``, ``<cache>/tables.lock``) that is
never deleted; the kernel drops the lock when its process ends, even after
``kill -9``, so there are no stale locks to clean up.
"""
from __future__ import annotations

import fcntl
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .errors import FramingError

DEFAULT_TIMEOUT = 600.0  # seconds; FRAMING_LOCK_TIMEOUT overrides


def lock_timeout() -> float:
    """Seconds to wait for a lock: ``$FRAMING_LOCK_TIMEOUT`` or 600."""
    raw = os.environ.get("FRAMING_LOCK_TIMEOUT", "")
    try:
        return max(0.0, float(raw)) if raw else DEFAULT_TIMEOUT
    except ValueError:
        raise FramingError(f"FRAMING_LOCK_TIMEOUT={raw!r} is not a number of seconds") from None


@contextmanager
def file_lock(path: str | os.PathLike, *, what: str, timeout: float | None = None,
              shared: bool = False) -> Iterator[None]:
    """Hold an exclusive (or ``shared``) lock on ``path`` (created if missing), waiting up to ``timeout`` s.

    Raises :class:`FramingError` naming ``what`` when another process keeps it longer.

    Example:
        >>> with file_lock("corpora/x/.framing-lock", what="corpus corpora/x"):  # doctest: +SKIP
        ...     write_documents()
    """
    path = Path(path)
    timeout = lock_timeout() if timeout is None else timeout
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags, 0o666)
    except OSError as exc:
        raise FramingError(f"{path}: cannot open the lock file ({exc.strerror}); "
                           f"is {what} writable and not a symbolic link?") from None
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise FramingError(f"another framing command is still writing to {what} "
                                       f"(waited {timeout:g}s for {path}); try again when it has finished") from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # closing releases the lock
