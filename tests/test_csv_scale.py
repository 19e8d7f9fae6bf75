"""CSV export at scale: chunked, per-distinct-value neutralising and one-pass float formatting
give exactly the bytes of the plain per-cell conversion."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import framing.tables as tables


def reference(df: pd.DataFrame) -> bytes:
    """The per-cell conversion: neutralise every text cell, let pandas format the floats."""
    df = df.copy()
    for c in df.columns:
        if pd.api.types.is_object_dtype(df[c]) or pd.api.types.is_string_dtype(df[c]):
            df[c] = df[c].map(tables.neutralise_formula)
    return df.to_csv(index=False, lineterminator="\n", float_format="%.6g").encode("utf-8")


FRAME = pd.DataFrame({
    "f": [1.0, -0.0, np.nan, np.inf, -np.inf, 1e20, 1.23456789e-7, 3.0, -2.5],
    "t": ["=x", "y", None, "-1", np.nan, "z", "a,b", 'q"', "=x"],
    "g": np.arange(9, dtype="float32") / 3,
    "i": pd.array([1, None, 3, 4, 5, 6, 7, 8, 9], dtype="Int64"),
    "n": np.arange(9),
})


@pytest.mark.parametrize("chunk", [1, 2, 4, 8, 9, 200_000])
@pytest.mark.parametrize("rows", [0, 1, 9])
def test_chunked_csv_is_the_per_cell_conversion(monkeypatch, chunk, rows):
    monkeypatch.setattr(tables, "CSV_CHUNK", chunk)
    df = FRAME.iloc[:rows]
    assert tables.csv_bytes(df) == reference(df)
    assert (b"'=x" in tables.csv_bytes(df)) == (rows > 0)
