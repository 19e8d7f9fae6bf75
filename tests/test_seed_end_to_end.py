"""The seed article through the whole pipeline: what issue #3 says it must show."""
from __future__ import annotations

import shutil

import pytest

import framing
from framing.corpus import Corpus

from conftest import ROOT

DEFAULT = ROOT / "corpora" / "central-asia"


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    root = tmp_path_factory.mktemp("corpus")
    shutil.copy(DEFAULT / "corpus.yaml", root / "corpus.yaml")
    for path in DEFAULT.glob("000-*.md"):
        shutil.copy(path, root / path.name)
    return framing.analyze(Corpus.open(root))


def _paragraph_with(tables, needle):
    p = tables.paragraphs
    hits = p[p["text"].str.contains(needle, regex=False)]
    assert len(hits) == 1, needle
    return int(hits["paragraph"].iloc[0]), hits["text"].iloc[0]


@pytest.mark.parametrize("needle, mention, actor, role, voice", [
    ("Russian banks were forced", "Russian", "russia", "patient", "agentless_passive"),
    ("Kyrgyzstan closed the U.S. Air Force base", "Kyrgyzstan", "kyrgyzstan", "agent", "active"),
    ("Until the 2000s, Russia guarded", "Russia", "russia", "agent", "active"),
    ("Western attempts to hinder", "Western", "west", "agent", "nominal"),
])
def test_agency(tables, needle, mention, actor, role, voice):
    para, text = _paragraph_with(tables, needle)
    start = text.index(needle) + needle.index(mention)
    row = tables.actors[(tables.actors["paragraph"] == para) & (tables.actors["start"] == start)]
    assert row[["actor", "role", "voice"]].values.tolist() == [[actor, role, voice]]


def test_special_military_operation_is_a_russia_side_term(tables):
    smo = tables.terms[tables.terms["term"].str.lower() == "special military operation"]
    assert len(smo) >= 2 and set(smo["side"]) == {"russia"}


@pytest.mark.parametrize("needle, cue, category", [
    ("Undoubtedly, the new stage", "Undoubtedly", "booster"),
    ("Supply could reach 4 billion", "could", "hedge"),
    ("Supply could reach 4 billion", "potentially", "hedge"),
])
def test_cues(tables, needle, cue, category):
    para, _ = _paragraph_with(tables, needle)
    cues = tables.cues[tables.cues["paragraph"] == para]
    assert category in set(cues.loc[cues["cue"].str.lower() == cue.lower(), "category"])


def test_may_the_month_is_never_a_hedge(tables):
    for needle in ("In May 2024, during President Putin", "In May 2024, Russian President Vladimir Putin"):
        para, text = _paragraph_with(tables, needle)
        cues = tables.cues[tables.cues["paragraph"] == para]
        assert "May" not in set(cues["cue"]), text


def test_offsets_point_at_the_words(tables):
    text = tables.paragraphs.set_index("paragraph")["text"]
    for frame, col in ((tables.actors, "mention"), (tables.terms, "match")):
        for row in frame.itertuples():
            assert text[row.paragraph][row.start:row.end] == getattr(row, col)
    for row in tables.cues.itertuples():  # cues carry the lexicon form; the words may be inflected
        assert text[row.paragraph][row.start:row.end].strip()
