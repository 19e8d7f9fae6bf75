"""Target-dependent sentiment model trained on NewsMTSC (work in progress)."""
from __future__ import annotations

from importlib import resources

MODEL_FILE = "actor_sentiment.json"


def model_bytes() -> bytes | None:
    """Raw bytes of the shipped model file, or None when it is absent."""
    path = resources.files("framing") / "models" / MODEL_FILE
    return path.read_bytes() if path.is_file() else None


def load_model():
    """The shipped model, or None (the scorer then falls back to the lexicon)."""
    return None
