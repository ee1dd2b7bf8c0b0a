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
import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import pytest

SECTION = "mutmut:tests"
PLUGINS = "plugins/pelican/plugins"  # the plugins' folder: pelican.plugins.<name> at run time


def _plugins_from_the_copy() -> None:
    """Import ``pelican.plugins.<name>`` from mutmut's copy of the tree (its working folder),
    not from the checkout that the editable install maps: else no plugin mutant would run."""
    import pelican.plugins

    copy = Path.cwd() / PLUGINS
    if copy.is_dir():
        pelican.plugins.__path__._path.insert(0, str(copy))  # a namespace package's path


class MutmutNames(importlib.abc.MetaPathFinder):
    """Loads each mutated plugin module from the copy under the name mutmut gave its mutants.

    mutmut names a mutant after its file's path (``plugins.pelican.plugins.unique_paths.
    writer.x_describe__mutmut_3``), and its trampolines compare that with the module name the
    mutated functions were defined under, which is the import name (``pelican.plugins.
    unique_paths.writer``): no plugin mutant would ever be switched on, nor any test recorded
    for one.  This finder loads the module under its import name (so its package and relative
    imports are the usual ones) but runs its code under the path name, the functions' module.
    """

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names  # import name -> path name

    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        """The copy's file for a mutated plugin module, loaded by :class:`_Renamed`."""
        if fullname not in self.names:
            return None
        source = Path.cwd() / (self.names[fullname].replace(".", "/") + ".py")
        loader = _Renamed(fullname, str(source), self.names[fullname])
        return importlib.util.spec_from_file_location(fullname, source, loader=loader)


class _Renamed(importlib.machinery.SourceFileLoader):
    """Runs a module's code with ``__name__`` set to mutmut's name for it."""

    def __init__(self, fullname: str, path: str, code_name: str) -> None:
        super().__init__(fullname, path)
        self.code_name = code_name

    def exec_module(self, module: ModuleType) -> None:
        """Execute the module as mutmut's name, then give it back its import name."""
        code = self.get_code(self.name)
        sys.modules[self.code_name] = module
        module.__name__ = self.code_name
        try:
            exec(code, module.__dict__)  # the module's own code, as a loader runs it
        finally:
            module.__name__ = self.name


def mutmut_names(mutated: list[str]) -> dict[str, str]:
    """Import name -> mutmut's (path) name of the mutated modules whose two names differ."""
    names = {}
    for path in mutated:
        if path.startswith(PLUGINS + "/") and path.endswith(".py"):
            dotted = path.removesuffix(".py").replace("/", ".")
            names[dotted.removeprefix("plugins.")] = dotted
    return names


def _use_the_copy() -> None:
    """In mutmut's runs only (it sets MUTANT_UNDER_TEST): the copy's plugins, mutmut's names."""
    if "MUTANT_UNDER_TEST" not in os.environ:
        return
    _plugins_from_the_copy()
    if not any(isinstance(finder, MutmutNames) for finder in sys.meta_path):
        setup_cfg = Path.cwd() / "setup.cfg"
        sys.meta_path.insert(0, MutmutNames(mutmut_names(mutated_modules(setup_cfg))))


def mutated_modules(config: Path) -> list[str]:
    """The paths of setup.cfg's ``[mutmut] only_mutate``."""
    parser = configparser.ConfigParser()
    parser.read(config, encoding="utf-8")
    return [line.strip() for line in parser.get("mutmut", "only_mutate").split("\n") if line]


_use_the_copy()


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
    mutated = set(mutated_modules(config))
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
