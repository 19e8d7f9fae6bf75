"""Command-line interface. Commands parse arguments, call one library function, print.

Every :class:`~framing.errors.FramingError` becomes a one-line ``error: …`` on
stderr and exit code 2.
"""
from __future__ import annotations

import re
import sys
import warnings
from pathlib import Path

import click

from .._version import __version__
from ..errors import FramingError, FramingWarning

DEFAULT_CORPUS = Path("corpora/central-asia")
# Terminal escape sequences (CSI/OSC/other ESC forms), then any other control character
# but newline and tab, and bidi overrides (which make a line read differently from its bytes).
_ESCAPE_SEQ = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-_]?)|\x9b[0-?]*[ -/]*[@-~]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def clean_terminal(text: str) -> str:
    """``text`` safe to print: escape sequences and control characters removed (newlines
    and tabs kept), so a source name or title cannot move the cursor, recolour or retitle
    the terminal, or hide text.

    Example:
        >>> clean_terminal("\x1b[31mRed\x1b[0m\x07 news")
        'Red news'
    """
    return _CONTROL.sub("", _ESCAPE_SEQ.sub("", text))


def echo(message: object = "", *, err: bool = False, nl: bool = True) -> None:
    """``click.echo`` of text that came from documents or users, cleaned for the terminal."""
    click.echo(clean_terminal(str(message)), err=err, nl=nl)


class FramingGroup(click.Group):
    """A click group that turns FramingError into a one-line message and exit 2."""

    def invoke(self, ctx: click.Context):
        try:
            with warnings.catch_warnings():
                warnings.showwarning = _show_warning
                return super().invoke(ctx)
        except FramingError as exc:
            echo(f"error: {' '.join(str(exc).splitlines())}", err=True)
            sys.exit(2)
        except KeyboardInterrupt as exc:
            # Commands that write several files raise Interrupted saying what was written;
            # every other write is a single atomic rename, so nothing partial exists.
            message = getattr(exc, "message", None) or "interrupted; every file written so far is complete"
            echo(f"error: {message}", err=True)
            sys.exit(130)

    def list_commands(self, ctx):  # keep README order, not alphabetical
        return list(self.commands)


def _show_warning(message, category, filename, lineno, file=None, line=None):
    """Our warnings as one line (``warning: …``); others in Python's usual form."""
    if issubclass(category, FramingWarning):
        echo(f"warning: {message}", err=True)
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


def _remember(ctx: click.Context, param: click.Parameter, value):
    ctx.meta[f"framing.{param.name}"] = value
    return value


def dictionary_option(func):
    """--dictionary PATH (repeatable) and --dictionary-option case|lemma, read by ``dictionaries()``."""
    func = click.option("--dictionary-option", "dictionary_options", multiple=True,
                        type=click.Choice(["case", "lemma"]), expose_value=False, callback=_remember,
                        help="For --dictionary files: match case-sensitively (case) or on lemmas (lemma).")(func)
    return click.option("--dictionary", "dictionary_paths", multiple=True, metavar="PATH", expose_value=False,
                        callback=_remember, type=click.Path(path_type=Path),
                        help="A dictionary (.dic, .yml, .csv) whose categories become measures; repeatable.")(func)


def dictionaries() -> list:
    """The dictionaries given with --dictionary on the current command line."""
    ctx = click.get_current_context(silent=True)
    paths = ctx.meta.get("framing.dictionary_paths", ()) if ctx else ()
    if not paths:
        return []
    from ..dictionaries import cli_dictionaries
    return cli_dictionaries(paths, ctx.meta.get("framing.dictionary_options", ()))


def scheduler_option(func):
    """--scheduler tcp://HOST:PORT (default $FRAMING_SCHEDULER), read by ``scheduler()``."""
    return click.option("--scheduler", "scheduler", default=None, metavar="ADDRESS", expose_value=False,
                        callback=_remember,
                        help="Analyse on the Dask cluster at this scheduler (tcp://HOST:PORT; default "
                             "$FRAMING_SCHEDULER). Workers need framing installed from the same lock.")(func)


def keep_parses_option(func):
    """--keep-parses/--no-keep-parses (default corpus.yaml ``keep_parses``, else keep), read by ``keep_parses()``."""
    return click.option("--keep-parses/--no-keep-parses", "keep_parses", default=None, expose_value=False,
                        callback=_remember,
                        help="Store new parses in the cache (~0.5 KB per paragraph) so that a changed lexicon or "
                             "dictionary needs no new parse [default: corpus.yaml keep_parses, else keep].")(func)


def keep_parses() -> bool | None:
    """--keep-parses / --no-keep-parses on the current command line (None: not given)."""
    ctx = click.get_current_context(silent=True)
    return ctx.meta.get("framing.keep_parses") if ctx else None


def scheduler() -> str | None:
    """The scheduler address for the current command (--scheduler, else $FRAMING_SCHEDULER)."""
    from ..execute import scheduler_address

    ctx = click.get_current_context(silent=True)
    return scheduler_address(ctx.meta.get("framing.scheduler") if ctx else None)


def lexicon_option(func):
    return click.option("--lexicon", "lexicon_specs", multiple=True, metavar="NAME=FILE",
                        help="Replace (NAME=FILE) or extend (NAME+=FILE) a lexicon for this run.")(func)


