"""Worker processes that stop with their parent: Ctrl-C and ``kill -9`` leave no orphans.

``nlp.pipe(n_process=N)`` forks N workers. Two guards, used only around that call:
every forked child asks the kernel for SIGTERM when its parent dies
(``prctl(PR_SET_PDEATHSIG)``, Linux), and while the workers run, Ctrl-C in the
parent terminates them before ``KeyboardInterrupt`` unwinds (spaCy's own clean-up
would otherwise wait for workers that never got the signal).
"""
from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from contextlib import contextmanager
from typing import Iterator

_PR_SET_PDEATHSIG = 1
_registered = False


def _die_with_parent(parent: int) -> None:
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: the Ctrl-C guard still applies
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def watch_parent() -> None:
    """Make every child forked from now on exit when this process dies (once per process)."""
    global _registered
    if _registered or not sys.platform.startswith("linux"):
        return
    parent = os.getpid()
    os.register_at_fork(after_in_child=lambda: _die_with_parent(parent))
    _registered = True


@contextmanager
def children_stop_on_interrupt() -> Iterator[None]:
    """While inside, SIGINT terminates this process's children, then raises KeyboardInterrupt."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):
        for child in multiprocessing.active_children():
            child.terminate()
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
