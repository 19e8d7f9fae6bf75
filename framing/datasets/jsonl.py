"""One reader for JSON-lines gold files: objects a line, each failure naming its line."""
from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..checks import load_json
from ..errors import InputError


def json_objects(path: str | Path, *, what: str) -> Iterator[tuple[int, dict]]:
    """``(line number, object)`` for every non-blank line of ``path``.

    Args:
        path: a UTF-8 JSONL file.
        what: what the file should hold, for messages ("news_gold JSONL").

    Raises:
        InputError: the file is missing or not UTF-8, a line is not a JSON object (or is
            nested too deep), or the file has no objects at all.

    Example:
        >>> import tempfile, os
        >>> f = tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False)
        >>> _ = f.write('{"a": 1}\\n\\n{"a": 2}\\n'); f.close()
        >>> list(json_objects(f.name, what="test JSONL")); os.unlink(f.name)
        [(1, {'a': 1}), (3, {'a': 2})]
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such file ({what} expected)")
    try:
        lines = path.read_text(encoding="utf-8-sig").split("\n")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc.reason}); {what} expected") from None
    found = False
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            rec = load_json(line)
        except ValueError as exc:
            raise InputError(f"{path}:{n}: {exc}; {what} expected") from None
        if not isinstance(rec, dict):
            raise InputError(f"{path}:{n}: not a JSON object; {what} expected")
        found = True
        yield n, rec
    if not found:
        raise InputError(f"{path}: empty file; {what} expected")
