"""Sentiment helpers: the target-dependent model (:mod:`framing.sentiment.model`)."""
