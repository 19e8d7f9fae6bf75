"""Limits on untrusted input: dates, YAML size and aliases, JSON nesting, paragraph length.

Everything a user or a received corpus supplies passes one of these checks before
it is stored or parsed, so that a bad value fails once, at the door, with a message
that names it, instead of breaking every later command. Limits are module
constants; raise them here if a real corpus needs more.
"""
from __future__ import annotations

import datetime as _dt
import re
from typing import Any

import yaml

from .errors import InputError

#: Longest paragraph, in characters, stored at add/import (longer ones are split at
#: sentence ends) and analysed later. spaCy refuses texts over 1,000,000 characters and
#: its parser needs memory in proportion; a 100,000-character paragraph (~15,000 words)
#: is a text that lost its line breaks.
MAX_PARAGRAPH_CHARS = 100_000
#: Largest YAML document (front matter, corpus.yaml) once aliases are expanded, in nodes.
#: An "alias bomb" (a billion laughs) is a few lines that expand to billions of nodes.
MAX_YAML_NODES = 100_000
#: Deepest nesting of a JSON record (a real article record is 1-3 levels deep).
MAX_JSON_DEPTH = 32

_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?")
DATE_FORMATS = "YYYY-MM-DD (or YYYY-MM, YYYY, or an ISO 8601 date-time such as 2024-05-01T12:00:00Z)"


def check_date(value: Any, name: str) -> str:
    """``value`` as a date string if it is a real ISO 8601 date; :class:`InputError` otherwise.

    Args:
        value: the date given (front matter, ``--date``, a record field).
        name: what to call its owner in the message (a path, "--date"; "" for none).

    Example:
        >>> check_date("2024-02-29", "--date")
        '2024-02-29'
        >>> check_date("2024-02-30", "--date")
        Traceback (most recent call last):
        framing.errors.InputError: --date: date '2024-02-30' is not a real date; expected YYYY-MM-DD (or YYYY-MM, YYYY, or an ISO 8601 date-time such as 2024-05-01T12:00:00Z)
    """
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    text = str(value).strip()
    try:
        if _DATE.fullmatch(text):
            parts = [int(p) for p in text.split("-")] + [1, 1]
            _dt.date(*parts[:3])
            return text
        if _DATETIME.fullmatch(text):
            _dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
            return text
    except ValueError:
        raise InputError(f"{_prefix(name)}date '{_short(text)}' is not a real date; expected {DATE_FORMATS}") from None
    raise InputError(f"{_prefix(name)}date '{_short(text)}' is not in a known format; expected {DATE_FORMATS}")


def fit_paragraphs(text: str, name: str) -> tuple[str, bool]:
    """``text`` with every paragraph over :data:`MAX_PARAGRAPH_CHARS` split, and whether any was.

    An over-long paragraph is re-paragraphed into whole sentences
    (:func:`~framing.ingest.reflow.reflow`); a piece still over the limit (no sentence
    ends) is cut at the last space before it. A paragraph with no space to cut at is
    not text: :class:`InputError`.

    Example:
        >>> fit_paragraphs("Short.\\n\\nAlso short.", "a.txt")
        ('Short.\\n\\nAlso short.', False)
    """
    from .paragraphs import split_blocks

    if len(text) <= MAX_PARAGRAPH_CHARS or all(len(b) <= MAX_PARAGRAPH_CHARS for b in split_blocks(text)):
        return text, False
    lines = [("\n\n".join(_pieces(line, name)) if any(len(b) > MAX_PARAGRAPH_CHARS for b in split_blocks(line))
              else line) for line in text.split("\n")]
    return "\n".join(lines), True


def _pieces(line: str, name: str):
    from .ingest.reflow import reflow

    for para in reflow(line).split("\n\n"):
        while len(para) > MAX_PARAGRAPH_CHARS:
            cut = max(para.rfind(" ", 0, MAX_PARAGRAPH_CHARS), para.rfind("\t", 0, MAX_PARAGRAPH_CHARS))
            if cut <= 0:
                raise InputError(f"{_prefix(name)}a paragraph has over {MAX_PARAGRAPH_CHARS:,} characters "
                                 "without a space; that is not text (split it or remove it)")
            yield para[:cut].rstrip()
            para = para[cut:].lstrip()
        yield para


def check_draft(doc, name: str) -> None:
    """Checks on a draft document before it is written: a real date, and paragraphs
    within :data:`MAX_PARAGRAPH_CHARS` (longer ones are split and the document is
    marked ``reflowed: true``)."""
    if doc.meta.get("date") not in (None, ""):
        doc.meta["date"] = check_date(doc.meta["date"], name)
    doc.text, split = fit_paragraphs(doc.text, name)
    if split:
        doc.meta["reflowed"] = True


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loader (libyaml when present) that keeps dates as written: ``2024-02-30``
    stays a string to be checked, instead of crashing the date constructor."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def load_yaml(text: str, *, max_nodes: int = MAX_YAML_NODES) -> Any:
    """Parse YAML safely (no tags execute) within a size budget counted after alias expansion.

    Raises ``yaml.YAMLError`` for broken or oversized YAML (callers name the file).

    Example:
        >>> load_yaml("a: [1, 2]\\ndate: 2024-05-01")
        {'a': [1, 2], 'date': '2024-05-01'}
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _expanded_size(node, max_nodes)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _expanded_size(root, limit: int) -> int:
    """Node count with every alias expanded, computed once per distinct node (linear)."""
    sizes: dict[int, int] = {}
    stack: list[tuple[Any, bool]] = [(root, False)]
    on_path: set[int] = set()
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            on_path.discard(key)
            sizes[key] = 1 + sum(sizes[id(c)] for c in _children(node))
            if sizes[key] > limit:
                raise yaml.YAMLError(f"YAML expands to over {limit:,} values (aliases repeating "
                                     "aliases?); refused")
            continue
        if key in sizes:
            continue
        if key in on_path:
            raise yaml.YAMLError("YAML alias refers to itself; refused")
        on_path.add(key)
        stack.append((node, True))
        stack.extend((c, False) for c in _children(node) if id(c) not in sizes)
    return sizes[id(root)]


def _children(node) -> list:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def json_depth(value: Any) -> int:
    """Nesting depth of a parsed JSON value (a scalar is 0, ``[1]`` is 1), without recursion.

    Example:
        >>> json_depth({"a": [1, {"b": 2}]})
        3
    """
    deepest, stack = 0, [(value, 0)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return deepest


def load_json(line: str, *, max_depth: int = MAX_JSON_DEPTH) -> Any:
    """``json.loads`` with a nesting limit; ``ValueError`` (with the reason) when refused.

    Example:
        >>> load_json('{"a": 1}')
        {'a': 1}
    """
    import json

    try:
        value = json.loads(line)
    except RecursionError:
        raise ValueError(f"nested more than {max_depth} levels deep") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if json_depth(value) > max_depth:
        raise ValueError(f"nested more than {max_depth} levels deep")
    return value


def _prefix(name: str) -> str:
    return f"{name}: " if name else ""


def _short(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[:n] + "…"
