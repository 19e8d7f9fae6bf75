"""Where framing may write its outputs: report folders it made, and safe folder names.

A report folder carries a marker file (:data:`REPORT_MARKER`). ``framing report``
replaces a folder only when it carries the marker (or is empty, or is a 0.1.0 report:
exactly ``index.html``, ``report.md``, ``tables/``, ``figures/`` with our generator
tag); it never writes onto a file, the corpus, a folder holding the corpus, ``/``, the
home folder or the current folder.
"""
from __future__ import annotations

import json
import os
import re
import unicodedata
from pathlib import Path

from .errors import FramingError

REPORT_MARKER = ".framing-report"
MARKER_TEXT = ("This folder is a framing report. 'framing report --out' replaces the whole folder;\n"
               "do not keep other files here.\n")
_LEGACY = {"index.html", "report.md", "tables", "figures"}
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")


def safe_component(name: str, *, fallback: str = "corpus", max_len: int = 100) -> str:
    """``name`` as one safe folder name: no separators, no leading dot, not empty.

    Path separators and control characters become ``-``, and ``.``/``..`` parts are
    dropped, so ``../victim`` gives ``victim``, ``/abs/path`` gives ``abs-path`` and
    ``.`` gives ``fallback``.

    Example:
        >>> safe_component("../victim"), safe_component("."), safe_component("a/b")
        ('victim', 'corpus', 'a-b')
    """
    name = unicodedata.normalize("NFC", str(name))
    parts = [p for p in re.split(r"[/\\]+", name) if p.strip() not in ("", ".", "..")]
    cleaned = _UNSAFE.sub("-", "-".join(parts)).strip().lstrip(".-").strip()
    cleaned = cleaned.encode("utf-8")[:max_len].decode("utf-8", "ignore").rstrip(" .-")
    return cleaned or fallback


def default_report_dir(corpus_root: str | os.PathLike, name: str) -> Path:
    """``reports/<name>`` for a corpus: ``name`` (from corpus.yaml, which may come from anyone)
    made one safe folder name, falling back to the corpus folder's own name.

    Example:
        >>> default_report_dir("corpora/central-asia", "../victim").as_posix()
        'reports/victim'
    """
    folder = safe_component(Path(corpus_root).resolve().name)
    return Path("reports") / safe_component(name, fallback=folder)


def is_report_folder(path: Path) -> bool:
    """True for a folder framing made: it has the marker, or is a 0.1.0 report."""
    if (path / REPORT_MARKER).is_file() and not (path / REPORT_MARKER).is_symlink():
        return True
    names = {p.name for p in path.iterdir()}
    if not names or not names <= _LEGACY or not {"index.html", "report.md"} <= names:
        return False
    head = (path / "index.html").read_bytes()[:2000] if (path / "index.html").is_file() else b""
    return b'<meta name="generator" content="framing ' in head


def check_report_target(out: str | os.PathLike, *, corpus_root: str | os.PathLike | None = None) -> Path:
    """Refuse (with :class:`FramingError`) an ``--out`` folder framing must not replace.

    Returns ``out`` as a Path. Checked before anything is written.

    Example:
        >>> check_report_target("/")
        Traceback (most recent call last):
        ...
        framing.errors.FramingError: --out /: is the file-system root; choose a new folder such as reports/NAME
    """
    out = Path(out)
    real = out.resolve()
    special = {Path("/").resolve(): "the file-system root", Path.home().resolve(): "your home folder",
               Path.cwd().resolve(): "the current folder"}
    hint = "choose a new folder such as reports/NAME"
    if real in special:
        raise FramingError(f"--out {out}: is {special[real]}; {hint}")
    if corpus_root is not None:
        corpus = Path(corpus_root).resolve()
        if real == corpus or real in corpus.parents:
            raise FramingError(f"--out {out}: {'is' if real == corpus else 'holds'} the corpus {corpus_root}; {hint}")
    if real in Path.cwd().resolve().parents:
        raise FramingError(f"--out {out}: holds the current folder; {hint}")
    if out.is_symlink():
        raise FramingError(f"--out {out}: is a symbolic link; framing replaces only real folders it made; {hint}")
    if out.exists() and not out.is_dir():
        raise FramingError(f"--out {out}: is a file, not a report folder; {hint}")
    if out.is_dir() and any(out.iterdir()) and not is_report_folder(out):
        raise FramingError(f"--out {out}: folder exists and is not a framing report (no {REPORT_MARKER}); "
                           f"framing would replace everything in it; {hint}")
    return out


def is_framing_export(path: Path) -> bool:
    """True when ``path`` is a table framing exported: a regular file whose
    ``PATH.meta.json`` sidecar is framing's (it records ``framing_version``)."""
    sidecar = Path(f"{path}.meta.json")
    if path.is_symlink() or not path.is_file() or sidecar.is_symlink() or not sidecar.is_file():
        return False
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(meta, dict) and "framing_version" in meta


def check_file_target(path: str | os.PathLike, *, option: str = "-o") -> Path:
    """Refuse an output file path that is an existing folder, or an existing file (or
    ``PATH.meta.json``) that is not an earlier framing export — overwriting a user's
    file by a typo would lose it. A previous export is replaced (atomically)."""
    path = Path(path)
    if path.is_dir():
        raise FramingError(f"{option} {path}: is a folder; give a file name such as {path / 'table.csv'}")
    if str(path).endswith(os.sep):
        raise FramingError(f"{option} {path}: give a file name, not a folder")
    sidecar = Path(f"{path}.meta.json")
    if (os.path.lexists(path) or os.path.lexists(sidecar)) and not is_framing_export(path):
        which = path if os.path.lexists(path) else sidecar
        raise FramingError(f"{option} {path}: {which} exists and is not a framing export; "
                           "choose a new file name or remove it first")
    return path
