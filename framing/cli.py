"""Command-line interface. Commands parse arguments, call one library function, print.

Every :class:`~framing.errors.FramingError` becomes a one-line ``error: …`` on
stderr and exit code 2.
"""
from __future__ import annotations

import sys
import warnings
from pathlib import Path

import click

from . import __version__
from .errors import FramingError, FramingWarning

DEFAULT_CORPUS = Path("corpora/central-asia")


class FramingGroup(click.Group):
    """A click group that turns FramingError into a one-line message and exit 2."""

    def invoke(self, ctx: click.Context):
        try:
            with warnings.catch_warnings():
                warnings.showwarning = _show_warning
                return super().invoke(ctx)
        except FramingError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(2)
        except KeyboardInterrupt as exc:
            # Commands that write several files raise Interrupted saying what was written;
            # every other write is a single atomic rename, so nothing partial exists.
            message = getattr(exc, "message", None) or "interrupted; every file written so far is complete"
            click.echo(f"error: {message}", err=True)
            sys.exit(130)

    def list_commands(self, ctx):  # keep README order, not alphabetical
        return list(self.commands)


def _show_warning(message, category, filename, lineno, file=None, line=None):
    """Our warnings as one line (``warning: …``); others in Python's usual form."""
    if issubclass(category, FramingWarning):
        click.echo(f"warning: {message}", err=True)
    else:
        sys.stderr.write(warnings.formatwarning(message, category, filename, lineno, line))


@click.group(cls=FramingGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="framing")
def main() -> None:
    """Compare how news sources frame the actors they write about."""


def corpus_option(func):
    """--corpus DIR, defaulting to the default corpus."""
    return click.option("--corpus", "corpus_dir", type=click.Path(path_type=Path),
                        default=DEFAULT_CORPUS, show_default=True,
                        help="Corpus folder.")(func)


def lexicon_option(func):
    return click.option("--lexicon", "lexicon_specs", multiple=True, metavar="NAME=FILE",
                        help="Replace (NAME=FILE) or extend (NAME+=FILE) a lexicon for this run.")(func)


# Command modules register themselves on `main` when imported.
from .commands import corpus_cmds, analysis_cmds, compare_cmds, report_cmds, evaluate_cmds  # noqa: E402,F401

