"""CLI commands (evaluate_cmds)."""
from __future__ import annotations

import click

from ..cli import main, corpus_option, lexicon_option
