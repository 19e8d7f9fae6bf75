"""Table assembly helpers."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from framing.tables import add_rates, documents_table


@pytest.mark.parametrize("value, expected", [
    (True, True), ("true", True), ("yes", True), (1, True),
    (None, False), (math.nan, False), ("false", False), ("no", False), (0, False), (False, False),
])
def test_constructed_flag(value, expected):
    docs = documents_table([{"doc_id": "a", "constructed": value}, {"doc_id": "b"}])
    assert docs.loc[0, "constructed"] is expected or docs.loc[0, "constructed"] == expected
    assert not docs.loc[1, "constructed"]  # missing field: a real document


def test_rates_are_nan_without_words():
    df = add_rates(pd.DataFrame({"n_words": [0, 50], "hedges": [0, 2], "boosters": [1, 1], "attributions": [0, 0]}))
    assert math.isnan(df.loc[0, "hedges_per_100w"]) and df.loc[1, "hedges_per_100w"] == 4.0


def test_atomic_writes_get_ordinary_permissions(tmp_path):
    import os
    import stat

    from framing.atomic import current_umask, write_text

    write_text(tmp_path / "a.txt", "x")
    mode = stat.S_IMODE(os.stat(tmp_path / "a.txt").st_mode)
    assert mode == 0o666 & ~current_umask()
