"""Lexicons: data files written by us, each with a card, overridable by users.

Each lexicon ``NAME`` is ``NAME.csv`` beside ``NAME.card.yaml`` in this package.
The card gives name, version, description, sources, licence, the columns and their
meanings, and a changelog. A user can *replace* a lexicon with a file of the same
columns or *extend* it (rows appended; a user row with the same key wins), per
corpus in ``corpus.yaml``::

    lexicons:
      actors: {path: my_actors.csv, mode: extend}

or per command with ``--lexicon actors=FILE`` (replace) / ``--lexicon actors+=FILE``
(extend). Every export and report records each lexicon's name, version, files and
hash (:meth:`Lexicon.record`).
"""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Mapping

import pandas as pd
import yaml

from ..errors import LexiconError


@dataclass(frozen=True)
class Override:
    """A user file that replaces or extends a packaged lexicon."""

    path: Path
    mode: str = "replace"  # or "extend"


@dataclass
class Lexicon:
    """A loaded lexicon: the table plus its card and provenance."""

    name: str
    version: str
    table: pd.DataFrame
    card: dict[str, Any]
    files: list[str]
    sha256: str
    user_files: list[str] = field(default_factory=list)

    def record(self) -> dict[str, Any]:
        """Provenance for exports and reports."""
        return {"name": self.name, "version": self.version, "sha256": self.sha256[:16],
                "files": self.files, "modified_by_user": bool(self.user_files)}


def available() -> list[str]:
    """Names of the packaged lexicons."""
    root = resources.files(__package__)
    return sorted(p.name[: -len(".card.yaml")] for p in root.iterdir() if p.name.endswith(".card.yaml"))


def _packaged_bytes(name: str, suffix: str) -> bytes:
    res = resources.files(__package__) / f"{name}{suffix}"
    if not res.is_file():
        raise LexiconError(f"unknown lexicon '{name}'; known: {', '.join(available())}")
    return res.read_bytes()


def _read_csv(data: bytes, origin: str) -> pd.DataFrame:
    try:
        df = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, comment=None)
    except Exception as exc:  # pandas raises several parser errors
        raise LexiconError(f"{origin}: cannot read as CSV ({exc})") from exc
    return df.apply(lambda col: col.str.strip())


# Closed vocabularies of lexicon columns (as the cards describe them). A user-supplied
# file may use these or any value the packaged lexicon uses; '' is always allowed.
# ``(values, separator)``: a separator means a cell lists several values.
ALLOWED: dict[str, dict[str, tuple[tuple[str, ...], str | None]]] = {
    "contested_terms": {"side": (("russia", "west", "china", "neutral"), None)},
    "actors": {"bloc": (("russia", "west", "china", "ukraine", "central_asia", "south_caucasus", "turkey",
                         "iran", "organisation", "other"), None),
               "type": (("country", "demonym", "capital", "leader", "org", "institution", "company",
                         "region", "exclude"), None),
               "case": (("exact", "any"), None)},
    "agency_verbs": {"connotation": (("positive", "negative", "neutral"), None),
                     "power": (("agent", "theme", "equal"), None),
                     "agency": (("high", "low", "neutral"), None)},
    "hedges": {"category": (("hedge", "booster", "attribution"), None),
               "context": (("aux", "not_negated", "not_reported", "before_number", "predicative", "with_clause",
                            "with_object", "with_subject", "reporting", "not_before_of"), ";")},
}


def validate(name: str, user: pd.DataFrame, packaged: pd.DataFrame, columns: list[str], path) -> None:
    """Refuse unknown columns and values outside a column's vocabulary, naming file, line and allowed values.

    Example:
        >>> bad = pd.DataFrame({"concept": ["x"], "term": ["y"], "side": ["rusia"]})
        >>> validate("contested_terms", bad, bad.iloc[0:0], ["concept", "term", "side"], "t.csv")
        Traceback (most recent call last):
        ...
        framing.errors.LexiconError: t.csv line 2: side 'rusia' is not allowed; use one of: china, neutral, russia, west
    """
    extra = [c for c in user.columns if c not in columns]
    if extra:
        raise LexiconError(f"{path} line 1: unknown column '{extra[0]}' for lexicon '{name}'; "
                           f"columns are: {', '.join(columns)}")
    for col, (values, sep) in ALLOWED.get(name, {}).items():
        if col not in user:
            continue
        known = set(values)
        if col in packaged:
            known |= {v.strip() for cell in packaged[col] for v in (cell.split(sep) if sep else [cell])}
        known.discard("")
        for i, cell in enumerate(user[col]):
            for value in (cell.split(sep) if sep else [cell]):
                if value.strip() and value.strip() not in known:
                    raise LexiconError(f"{path} line {i + 2}: {col} '{value.strip()}' is not allowed; "
                                       f"use one of: {', '.join(sorted(known))}")


def load(name: str, *, override: Override | None = None) -> Lexicon:
    """Load lexicon ``name``, applying a user override if given.

    Example:
        >>> lex = load("hedges")          # doctest: +SKIP
        >>> lex.record()["version"]       # doctest: +SKIP
        '1.0.0'
    """
    card_bytes = _packaged_bytes(name, ".card.yaml")
    card = yaml.safe_load(card_bytes) or {}
    data = _packaged_bytes(name, ".csv")
    table = _read_csv(data, f"lexicon {name}")
    columns = list(card.get("columns", {}) or table.columns)
    digest = hashlib.sha256(card_bytes + data)
    files = [f"framing/lexicons/{name}.csv"]
    user_files: list[str] = []
    if override is not None:
        path = Path(override.path)
        if not path.is_file():
            raise LexiconError(f"lexicon file for '{name}' not found: {path}")
        user_data = path.read_bytes()
        user = _read_csv(user_data, str(path))
        for col in card.get("optional_columns", None) or ():
            if col in columns and col not in user.columns:
                user[col] = ""  # an older user file without a column added later still loads
        missing = [c for c in columns if c not in user.columns]
        if missing:
            raise LexiconError(f"{path}: lexicon '{name}' needs columns {columns}; missing {missing}")
        validate(name, user, table, columns, path)
        user = user[columns]
        if override.mode == "extend":
            key = card.get("key") or columns[:1]
            table = pd.concat([table[columns], user], ignore_index=True)
            table = table.drop_duplicates(subset=key, keep="last").reset_index(drop=True)
        else:
            table = user
        digest.update(override.mode.encode() + user_data)
        files.append(str(path))
        user_files.append(str(path))
    return Lexicon(name=name, version=str(card.get("version", "0")), table=table.reset_index(drop=True),
                   card=card, files=files, sha256=digest.hexdigest(), user_files=user_files)


def parse_cli_overrides(specs: Iterable[str]) -> dict[str, Override]:
    """``["actors=f.csv", "hedges+=g.csv"]`` -> overrides by name."""
    out: dict[str, Override] = {}
    for spec in specs:
        if "=" not in spec:
            raise LexiconError(f"--lexicon wants NAME=FILE or NAME+=FILE, got '{spec}'")
        name, path = spec.split("=", 1)
        mode = "extend" if name.endswith("+") else "replace"
        name = name.rstrip("+").strip()
        if name not in available():
            raise LexiconError(f"unknown lexicon '{name}' in --lexicon; known: {', '.join(available())}")
        out[name] = Override(Path(path), mode)
    return out


def corpus_overrides(config: Mapping[str, Any], root: Path) -> dict[str, Override]:
    """Overrides declared in a corpus's ``corpus.yaml`` (paths relative to the corpus)."""
    out: dict[str, Override] = {}
    for name, spec in (config.get("lexicons") or {}).items():
        if isinstance(spec, str):
            spec = {"path": spec}
        if not isinstance(spec, dict) or "path" not in spec:
            raise LexiconError(f"corpus.yaml: lexicons.{name} needs a 'path'")
        if name not in available():
            raise LexiconError(f"corpus.yaml: unknown lexicon '{name}'; known: {', '.join(available())}")
        mode = spec.get("mode", "replace")
        if mode not in ("replace", "extend"):
            raise LexiconError(f"corpus.yaml: lexicons.{name}.mode must be 'replace' or 'extend'")
        out[name] = Override(root / spec["path"], mode)
    return out


class LexiconSet:
    """Lazily loaded lexicons with overrides; the same object feeds every feature."""

    def __init__(self, overrides: Mapping[str, Override] | None = None):
        self.overrides = dict(overrides or {})
        self._cache: dict[str, Lexicon] = {}

    def __getitem__(self, name: str) -> Lexicon:
        if name not in self._cache:
            self._cache[name] = load(name, override=self.overrides.get(name))
        return self._cache[name]

    def records(self, names: Iterable[str] | None = None) -> list[dict[str, Any]]:
        return [self[n].record() for n in sorted(names or available())]
