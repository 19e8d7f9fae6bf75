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


class FramingWarning(UserWarning):
    """Something the user should know that did not stop the command (the CLI prints one line)."""


class Interrupted(KeyboardInterrupt):
    """Ctrl-C, with a message saying truthfully what was written before it."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
