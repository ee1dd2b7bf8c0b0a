"""Every CLI command and Makefile target is documented in the README (as sqlite-utils does)."""

from __future__ import annotations

import argparse
import dataclasses
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


def _settings() -> list[tuple[str, type]]:
    from pelican.plugins.archive_pages.settings import ArchiveSettings
    from pelican.plugins.corpus_export.settings import CorpusSettings
    from pelican.plugins.incremental.settings import IncrementalSettings
    from pelican.plugins.offline_search.plugin import Settings as OfflineSettings
    from pelican.plugins.pagefind_index.settings import PagefindSettings
    from pelican.plugins.read_next.settings import ReadNextSettings
    from pelican.plugins.site_feeds.settings import FeedSettings

    return [
        ("ARCHIVE_PAGES", ArchiveSettings),
        ("CORPUS_EXPORT", CorpusSettings),
        ("INCREMENTAL", IncrementalSettings),
        ("OFFLINE_SEARCH", OfflineSettings),
        ("PAGEFIND", PagefindSettings),
        ("READ_NEXT", ReadNextSettings),
        ("SITE_FEEDS", FeedSettings),
    ]


def _keys(cls: type) -> list[str]:
    """Every key of a settings dataclass, those of nested dataclasses included."""
    keys = []
    for field in dataclasses.fields(cls):  # type: ignore[arg-type]
        keys.append(field.name)
        default = getattr(cls(), field.name)
        if dataclasses.is_dataclass(default):
            keys += _keys(type(default))
    return keys


def test_every_settings_dict_the_plugins_load_is_listed_here() -> None:
    loaded = {
        name
        for path in (ROOT / "plugins").rglob("*.py")
        for name in re.findall(r'settings\.load\(\s*"([A-Z_]+)"', path.read_text("utf-8"))
    }
    assert loaded == {name for name, _ in _settings()}


@pytest.mark.parametrize(
    ("name", "cls"), _settings(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_every_settings_key_is_in_the_readme(name: str, cls: type) -> None:
    (row,) = [line for line in README.splitlines() if line.startswith(f"| `{name}`")]
    missing = [key for key in _keys(cls) if f"`{key}`" not in row]
    assert not missing, f"README's {name} row misses {missing}"
