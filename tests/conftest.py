"""Shared fixtures: the real English pipeline (session-scoped) and ../shared data."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_ac75214d38e01273.txt"


def shared_dir() -> Path:
    """$FRAMING_SHARED, else ../shared beside the project."""
    return Path(os.environ.get("FRAMING_SHARED", ROOT.parent / "shared"))


def shared_file(rel: str) -> Path:
    """A path inside ../shared; skips the calling test with a reason when absent."""
    path = shared_dir() / rel
    if not path.exists():
        pytest.skip(f"needs {rel} from ../shared (set FRAMING_SHARED); not present here")
    return path


@pytest.fixture(scope="session")
def nlp():
    from framing.nlp import load_pipeline
    return load_pipeline()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def feature_fn(nlp):
    """``feature_fn("hedging")`` -> the registered feature's ``Doc -> (rows, summary)`` function."""
    from framing.features import Context, features
    from framing.lexicons import LexiconSet

    def build(name: str):
        (feature,) = features((name,))
        return feature.factory(Context(nlp, LexiconSet()))
    return build
