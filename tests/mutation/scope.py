"""make mutate: each module's mutants run only with the test files that state its behaviour.

mutmut first runs the selected test files once, recording which tests call each mutated
function, and then runs only those per mutant (fastest first, up to the first failure).  A
test that reaches a module in passing (a site build that writes its fixture through the
front-matter module, a command-line run that reaches every ingest module) is recorded too, and
every surviving mutant of that module then pays for it.  setup.cfg's ``[mutmut:tests]`` names,
per module, the test files that count for it; this plugin, loaded into mutmut's pytest runs by
``pytest_add_cli_args`` (``-p tests.mutation.scope``), drops the other calls from the record
while mutmut collects it.  A module without an entry keeps every test that calls it.
"""

from __future__ import annotations

import configparser
import os
from pathlib import Path

import pytest

SECTION = "mutmut:tests"


def _plugins_from_the_copy() -> None:
    """Import ``pelican.plugins.<name>`` from mutmut's copy of the tree (its working folder),
    not from the checkout that the editable install maps: else no plugin mutant would run."""
    import pelican.plugins

    copy = Path.cwd() / "plugins" / "pelican" / "plugins"
    if copy.is_dir():
        pelican.plugins.__path__._path.insert(0, str(copy))  # a namespace package's path


_plugins_from_the_copy()


def scopes(config: Path) -> dict[str, frozenset[str]]:
    """Module (dotted, ``briefing.archive``) -> the test files that count for its mutants."""
    parser = configparser.ConfigParser()
    parser.read(config, encoding="utf-8")
    if not parser.has_section(SECTION):
        return {}
    return {
        path.removesuffix(".py").replace("/", "."): frozenset(files.split())
        for path, files in parser.items(SECTION)
    }


def check(config: Path) -> list[str]:
    """The scope entries naming a module not mutated or a test file not selected (problems)."""
    parser = configparser.ConfigParser()
    parser.read(config, encoding="utf-8")
    mutated = {line.strip() for line in parser.get("mutmut", "only_mutate").split("\n")} - {""}
    selected = set(parser.get("mutmut", "pytest_add_cli_args_test_selection").split())
    problems = []
    for path, files in parser.items(SECTION) if parser.has_section(SECTION) else ():
        if path not in mutated:
            problems.append(f"[{SECTION}] {path}: not in only_mutate")
        problems += [
            f"[{SECTION}] {path}: {name} is not in pytest_add_cli_args_test_selection"
            for name in sorted(set(files.split()) - selected)
        ]
    return problems


def module_of(mangled: str) -> str:
    """The module of a mutmut function name (``briefing.archive.xǁArchiveǁ_claim``)."""
    return mangled.rsplit(".", 1)[0]


class Scope:
    """Drops, after each test, the recorded calls into modules the test does not count for."""

    def __init__(self, scope: dict[str, frozenset[str]]) -> None:
        self.scope = scope

    @pytest.hookimpl(tryfirst=True)  # before mutmut's own hook files the calls under the test
    def pytest_runtest_teardown(self, item: pytest.Item) -> None:
        """Forget the calls the test made into modules it is not listed for."""
        from mutmut.state import state

        test_file = item.nodeid.split("::", 1)[0]
        calls = state()._stats
        out_of_scope = {
            name
            for name in calls
            if module_of(name) in self.scope and test_file not in self.scope[module_of(name)]
        }
        calls -= out_of_scope


def pytest_configure(config: pytest.Config) -> None:
    """Install the filter in mutmut's recording run only ("stats"); other runs are untouched."""
    if os.environ.get("MUTANT_UNDER_TEST") != "stats":
        return
    setup_cfg = Path(str(config.rootpath)) / "setup.cfg"
    problems = check(setup_cfg)
    if problems:
        raise pytest.UsageError("\n".join(problems))
    config.pluginmanager.register(Scope(scopes(setup_cfg)), "mutation-scope")
