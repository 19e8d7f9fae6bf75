"""Command-line interface: ``main`` is the click group; each ``*_cmds`` module adds its commands.

Shared options and the group live in :mod:`framing.cli._util`, which the command
modules import; nothing in the library imports this package.
"""
from ._util import DEFAULT_CORPUS, FramingGroup, clean_terminal, corpus_option, dictionary_option, lexicon_option, main
# Imported for their side effect of registering commands on `main`, in README order.
from . import corpus_cmds, analysis_cmds, compare_cmds, report_cmds, evaluate_cmds  # noqa: F401,E402

__all__ = ["DEFAULT_CORPUS", "FramingGroup", "clean_terminal", "corpus_option", "dictionary_option", "lexicon_option", "main"]
