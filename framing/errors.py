"""One exception family for everything a user can get wrong.

The CLI turns any :class:`FramingError` into a one-line message and exit code 2.
"""
from __future__ import annotations


class FramingError(Exception):
    """A problem the user can fix; the message says what is wrong and what to do."""


class InputError(FramingError):
    """A file, URL, or record that cannot be read or is not acceptable."""


class CorpusError(FramingError):
    """A corpus folder or document file that is missing or malformed."""


class LexiconError(FramingError):
    """A lexicon file that is missing or does not have the expected columns."""


class PipelineError(FramingError):
    """The spaCy pipeline cannot be loaded."""
