"""Feature registry: each framing feature is a factory returning a pure ``Doc -> Result``.

A feature module registers itself once, declaring its output table and columns::

    @register("hedging", version="1.0", table="cues",
              columns=("cue", "category", "start", "end"),
              paragraph_columns=("hedges", "boosters", "attributions"),
              lexicons=("hedges",))
    def make_hedging(ctx: Context) -> Callable[[Doc], Result]:
        matcher = ...                      # set-up once, here
        def hedging(doc):
            return rows, {"hedges": 2, ...}
        return hedging

``rows`` are dicts with exactly ``columns`` (``start``/``end`` are character
offsets into the paragraph text); the summary dict has exactly
``paragraph_columns``. A feature also declares what it measures
(``measures=(Measure(...), ...)``, see :mod:`framing.measures`), glossary entries,
and optionally a report section and the column naming its evidence spans.
Downstream code asks the registry and the declarations, never names features.
"""
from __future__ import annotations

import hashlib
import importlib
from dataclasses import dataclass, field
from typing import Any, Callable

from ..lexicons import LexiconSet
from ..measures import Declared, Measure, Section, merge

Rows = list[dict[str, Any]]
Result = tuple[Rows, dict[str, Any]]


@dataclass
class Context:
    """What factories get: the pipeline (for its vocab) and the lexicons."""

    nlp: Any
    lexicons: LexiconSet

    def lexicon(self, name: str):
        return self.lexicons[name]


@dataclass(frozen=True)
class Feature:
    name: str
    version: str
    factory: Callable[[Context], Callable[[Any], Result]]
    table: str | None = None
    columns: tuple[str, ...] = ()
    paragraph_columns: tuple[str, ...] = ()
    lexicons: tuple[str, ...] = ()
    needs_parse: bool = True
    # Extra inputs that change results (e.g. a shipped model file): name -> bytes digest.
    resources: Callable[[], str] | None = field(default=None, compare=False)
    measures: tuple[Measure, ...] = ()
    glossary: tuple[tuple[str, str], ...] = ()
    section: Section | None = None
    # Column of ``table`` naming each row's category, for highlighting other long tables.
    span: str | None = None

    def key(self, ctx: Context, pipeline: str) -> str:
        """Cache key: changes when the feature, its lexicons, resources or the pipeline change."""
        h = hashlib.sha256(f"{self.name}|{self.version}|{pipeline if self.needs_parse else '-'}".encode())
        for lex in self.lexicons:
            h.update(ctx.lexicon(lex).sha256.encode())
        if self.resources is not None:
            h.update(self.resources().encode())
        return h.hexdigest()[:16]


REGISTRY: dict[str, Feature] = {}
# Modules that register features; imported on first use of the registry (not at package import).
FEATURE_MODULES = ("actors", "terms", "hedging", "sentiment", "readability")


def register(name: str, **spec: Any) -> Callable:
    """Decorator: register a feature factory under ``name`` with its declared outputs."""
    def wrap(factory: Callable) -> Callable:
        REGISTRY[name] = Feature(name=name, factory=factory, **spec)
        return factory
    return wrap


def declared(feats: list[Feature] | None = None) -> Declared:
    """The merged declarations of ``feats`` (default: every registered feature)."""
    return merge(features() if feats is None else feats)


def features(names: tuple[str, ...] | None = None) -> list[Feature]:
    """Registered features in a stable order (all, or the named ones)."""
    for module in FEATURE_MODULES:
        try:
            importlib.import_module(f"{__name__}.{module}")
        except ModuleNotFoundError as exc:  # a feature module not present in this build
            if exc.name != f"{__name__}.{module}":
                raise
    chosen = names or (*FEATURE_MODULES, *(n for n in REGISTRY if n not in FEATURE_MODULES))
    return [REGISTRY[n] for n in chosen if n in REGISTRY]
