"""Tidy tables: assemble feature rows into DataFrames; export them.

Every long table is keyed by ``doc_id, source, paragraph`` and carries ``start``/
``end`` character offsets into the paragraph text. Rates are computed here from
counts and paragraph word counts, never pre-baked by features.
"""
from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .atomic import atomic_path
from .errors import FramingError
from .measures import Declared
from .outputs import check_file_target

KEYS = ("doc_id", "source", "paragraph")
PARAGRAPH_BASE = ("doc_id", "source", "paragraph", "kind", "text", "n_words", "kind_reason")
DOCUMENT_BASE = ("doc_id", "source", "title", "author", "date", "url", "language",
                 "translated_from", "genre", "constructed")
FORMATS = ("csv", "jsonl", "parquet")


@dataclass
class Tables:
    """The analysed corpus as pandas DataFrames (see README "Tables")."""

    documents: pd.DataFrame
    paragraphs: pd.DataFrame
    actors: pd.DataFrame
    terms: pd.DataFrame
    cues: pd.DataFrame
    meta: dict[str, Any] = field(default_factory=dict)
    # What this run parsed or reused (not part of any export: it differs between runs).
    run: dict[str, Any] = field(default_factory=dict, compare=False)
    # Long tables of other features (e.g. user dictionaries), by table name.
    extra: dict[str, pd.DataFrame] = field(default_factory=dict)
    # What the features of this run declare (measures, glossary, sections); None: the built-ins.
    declared: Declared | None = field(default=None, compare=False)

    BUILT_IN = ("documents", "paragraphs", "actors", "terms", "cues")

    def names(self) -> list[str]:
        return [*self.BUILT_IN, *sorted(self.extra)]

    def get(self, name: str) -> pd.DataFrame:
        if name not in self.names():
            raise FramingError(f"unknown table '{name}'; choose one of: {', '.join(self.names())}")
        return getattr(self, name) if name in self.BUILT_IN else self.extra[name]

    def long_tables(self) -> dict[str, pd.DataFrame]:
        """Every long (evidence) table by name: actors, terms, cues, then the others."""
        return {name: self.get(name) for name in self.names()[2:]}

    def declarations(self) -> Declared:
        """What this run's features declare (the built-in features' when not recorded)."""
        if self.declared is None:
            from .features import declared
            return declared()
        return self.declared


def long_table(rows: list[dict[str, Any]] | dict[str, list], columns: tuple[str, ...]) -> pd.DataFrame:
    """Rows (or a dict of columns) -> DataFrame with the key columns first, sorted, typed even when empty."""
    cols = list(KEYS) + [c for c in columns if c not in KEYS]
    df = pd.DataFrame(rows, columns=cols)
    for col in ("paragraph", "start", "end"):
        if col in df:
            df[col] = df[col].astype("int64")
    order = [c for c in ("doc_id", "paragraph", "start", "end") if c in df]
    keys = _sort_keys(df, order)
    if keys is None:
        return df.sort_values(order, kind="stable").reset_index(drop=True)
    return df.take(np.lexsort(keys[::-1])).reset_index(drop=True)  # stable, as sort_values(kind="stable")


def _sort_keys(df: pd.DataFrame, order: list[str]) -> list[np.ndarray] | None:
    """Integer sort keys for ``order``: integer columns as they are, any other column as the
    rank of its value (missing last, as ``sort_values`` puts them), or None if a column
    cannot be ranked. Sorting millions of rows by integers is many times faster than by text.
    """
    keys = []
    for c in order:
        col = df[c]
        if pd.api.types.is_integer_dtype(col.dtype) and isinstance(col.dtype, np.dtype):
            keys.append(col.to_numpy())
            continue
        try:
            codes, uniques = pd.factorize(col, sort=True)
        except TypeError:  # values of types that do not compare
            return None
        keys.append(np.where(codes < 0, len(uniques), codes))
    return keys


def add_rates(paragraphs: pd.DataFrame, declared: Declared | None = None) -> pd.DataFrame:
    """Per-100-word rates of the declared per-100-words measures (NaN where there are no words).

    ``declared`` defaults to the built-in features' declarations.
    """
    if declared is None:
        from .features import declared as builtin
        declared = builtin()
    words = paragraphs["n_words"].where(paragraphs["n_words"] > 0)
    for m in declared.of(kind="rate"):
        if m.paragraph_rate and m.column in paragraphs:
            paragraphs[m.paragraph_rate] = paragraphs[m.column] / words * 100.0
    return paragraphs


def _truthy(value: Any) -> bool:
    """Front-matter flag: true/yes/1 (any case) is True; missing, NaN, false/no/0 are False."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return False
    if isinstance(value, (bool, int, float, np.number)):
        return bool(value)
    return str(value).strip().lower() in ("true", "yes", "1", "y")


def documents_table(docs_meta: list[dict[str, Any]]) -> pd.DataFrame:
    df = pd.DataFrame(docs_meta)
    for col in DOCUMENT_BASE:
        if col not in df:
            df[col] = None
    df["constructed"] = df["constructed"].map(_truthy).astype(bool)
    extra = sorted(c for c in df.columns if c not in DOCUMENT_BASE)
    return df[list(DOCUMENT_BASE) + extra].sort_values("doc_id", kind="stable").reset_index(drop=True)


# ---- export -----------------------------------------------------------------
# A spreadsheet reads a cell starting with one of these as a formula (=HYPERLINK(...),
# +cmd|..., @SUM, -2+3) or, for tab/CR, shifts it; such *text* cells get a leading "'".
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_FLOAT = "%.6g"  # CSV float format; NaN is an empty cell


def neutralise_formula(value: Any) -> Any:
    """A text cell made safe to open in a spreadsheet: ``'`` before a formula prefix.

    Numbers (including negative ones) are not text and stay as they are.

    Example:
        >>> neutralise_formula("=SUM(A1:A9)"), neutralise_formula(-1.5), neutralise_formula("ok")
        ("'=SUM(A1:A9)", -1.5, 'ok')
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


CSV_CHUNK = 200_000  # rows converted at a time: bounds the working copy of a multi-million-row table


def csv_bytes(df: pd.DataFrame) -> bytes:
    """``df`` as UTF-8 CSV with text cells neutralised (:func:`neutralise_formula`)."""
    if len(df) <= CSV_CHUNK:
        return _csv_part(df, header=True)
    return b"".join(_csv_part(df.iloc[i:i + CSV_CHUNK], header=i == 0) for i in range(0, len(df), CSV_CHUNK))


def _csv_part(df: pd.DataFrame, *, header: bool) -> bytes:
    text_cols = [i for i in range(df.shape[1])
                 if pd.api.types.is_object_dtype(df.dtypes.iloc[i]) or pd.api.types.is_string_dtype(df.dtypes.iloc[i])]
    copied = False
    for i in text_cols:  # decided once per distinct value: tables of millions of rows repeat their texts
        col = df.iloc[:, i]
        bad = [v for v in pd.unique(col.to_numpy()) if isinstance(v, str) and v.startswith(FORMULA_PREFIXES)]
        if bad:
            if not copied:
                df, copied = df.copy(), True
            hit = col.isin(bad)
            df.isetitem(i, col.mask(hit, col[hit].map(neutralise_formula)))
    for i in range(df.shape[1]):  # numpy floats formatted here: pandas formats them cell by cell, 10x slower
        if isinstance(df.dtypes.iloc[i], np.dtype) and df.dtypes.iloc[i].kind == "f":
            if not copied:
                df, copied = df.copy(), True
            values = df.iloc[:, i].to_numpy().tolist()
            df.isetitem(i, pd.Series([_FLOAT % v if v == v else "" for v in values], index=df.index, dtype=object))
    return df.to_csv(index=False, header=header, lineterminator="\n", float_format=_FLOAT).encode("utf-8")


def _to_bytes(df: pd.DataFrame, fmt: str, meta: dict[str, Any]) -> bytes:
    if fmt == "csv":
        return csv_bytes(df)
    if fmt == "jsonl":
        clean = df.replace({np.nan: None})
        return clean.to_json(orient="records", lines=True, force_ascii=False, double_precision=6).encode("utf-8")
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pandas(df, preserve_index=False)
        table = table.replace_schema_metadata({**(table.schema.metadata or {}),
                                               b"framing": json.dumps(meta, sort_keys=True).encode()})
        buf = io.BytesIO()
        pq.write_table(table, buf)
        return buf.getvalue()
    raise FramingError(f"unknown format '{fmt}'; choose one of: {', '.join(FORMATS)}")


def export(df: pd.DataFrame, fmt: str, *, path: str | Path | None = None,
           meta: dict[str, Any] | None = None) -> bytes:
    """Serialise ``df``; with ``path``, write it atomically plus ``<path>.meta.json``.

    The sidecar (and parquet schema metadata) records framing, pipeline and
    lexicon versions, so an exported table says how it was made.

    Returns:
        The serialised bytes (for stdout when no path is given).
    """
    meta = meta or {}
    data = _to_bytes(df, fmt, meta)
    if path is not None:
        check_file_target(path, option="path")
        with atomic_path(path) as tmp:
            tmp.write_bytes(data)
        with atomic_path(f"{path}.meta.json") as tmp:
            tmp.write_text(json.dumps(meta, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    return data
