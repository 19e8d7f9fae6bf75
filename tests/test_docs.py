"""Docs are tested: every CLI command and every feature has a README section."""
from __future__ import annotations

import re

import click
import pytest

from framing.cli import main
from framing.features import features

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "framing") -> list[str]:
    out = []
    for name, cmd in sorted(group.commands.items()):
        full = f"{prefix} {name}"
        out.extend(_commands(cmd, full) if isinstance(cmd, click.Group) else [full])
    return out


@pytest.mark.parametrize("command", _commands(main))
def test_every_command_has_a_readme_section_and_example(command):
    assert re.search(rf"^#+ .*`{re.escape(command)}`", README, re.M), f"no README heading for `{command}`"
    assert re.search(rf"^\s*(\$ )?{re.escape(command)}\b", README, re.M), f"no README example running {command}"


@pytest.mark.parametrize("feature", [f.name for f in features()])
def test_every_feature_has_a_readme_section(feature):
    assert re.search(rf"^#+ .*\b{feature}\b", README, re.M | re.I), f"no README section for feature {feature}"


def test_readme_shows_the_two_setup_commands():
    assert "make report" in README and "make test" in README


def test_help_lists_commands_in_readme_order():
    headings = re.findall(r"^### `framing ([\w-]+)", README, re.M)
    readme_order = list(dict.fromkeys(headings))
    assert list(main.list_commands(None)) == readme_order
