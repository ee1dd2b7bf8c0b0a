"""Every CLI command and Makefile target is documented in the README (as sqlite-utils does)."""

from __future__ import annotations

import argparse
import re

import pytest

from briefing.cli import parser
from tests.seeds import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _subcommands() -> list[str]:
    actions = [a for a in parser()._actions if isinstance(a, argparse._SubParsersAction)]
    return sorted(actions[0].choices)


def _make_targets() -> list[str]:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    return sorted(set(re.findall(r"^([a-z][a-z-]*):.*##", makefile, re.MULTILINE)) - {"help"})


@pytest.mark.parametrize("command", _subcommands())
def test_cli_command_is_in_the_readme(command: str) -> None:
    assert f"`briefing {command}" in README


@pytest.mark.parametrize("command", _subcommands())
def test_cli_command_help_has_an_example(command: str) -> None:
    sub = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    assert "example" in (sub.choices[command].epilog or "")


@pytest.mark.parametrize("target", _make_targets())
def test_make_target_is_in_the_readme(target: str) -> None:
    assert f"make {target}" in README
