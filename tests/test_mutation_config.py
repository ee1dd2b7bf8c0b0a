"""make mutate's configuration: every module's test scope is mutated and selected."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.mutation.scope import MutmutNames, Scope, check, module_of, mutmut_names, scopes

CONFIG = """\
[mutmut]
only_mutate =
    briefing/slug.py
    briefing/archive.py
pytest_add_cli_args_test_selection =
    tests/test_slug.py
    tests/test_identity.py

[mutmut:tests]
briefing/slug.py = tests/test_slug.py
briefing/archive.py =
    tests/test_identity.py tests/test_ingest.py
briefing/writer.py = tests/test_slug.py
"""


def test_the_projects_scopes_name_mutated_modules_and_selected_test_files() -> None:
    assert check(ROOT / "setup.cfg") == []
    mutated = scopes(ROOT / "setup.cfg")
    assert (
        "briefing.archive" in mutated and "plugins.pelican.plugins.unique_paths.writer" in mutated
    )


def test_a_scope_outside_the_mutated_modules_or_the_selection_is_named(tmp_path: Path) -> None:
    (tmp_path / "setup.cfg").write_text(CONFIG, encoding="utf-8")
    assert check(tmp_path / "setup.cfg") == [
        "[mutmut:tests] briefing/archive.py: tests/test_ingest.py is not in "
        "pytest_add_cli_args_test_selection",
        "[mutmut:tests] briefing/writer.py: not in only_mutate",
    ]
    assert scopes(tmp_path / "setup.cfg")["briefing.archive"] == {
        "tests/test_identity.py",
        "tests/test_ingest.py",
    }


@pytest.mark.parametrize(
    ("mangled", "module"),
    [
        pytest.param("briefing.slug.x_unique_slug", "briefing.slug", id="function"),
        pytest.param("briefing.archive.xǁArchiveǁ_claim", "briefing.archive", id="method"),
        pytest.param("plugins.read_next.scoring.x__blocks", "plugins.read_next.scoring", id="deep"),
    ],
)
def test_the_module_of_a_mutated_function(mangled: str, module: str) -> None:
    assert module_of(mangled) == module


def test_the_recording_keeps_only_the_calls_a_test_counts_for(
    request: pytest.FixtureRequest,
) -> None:
    from mutmut.state import reset_state, state

    request.addfinalizer(reset_state)
    scope = Scope({"briefing.slug": frozenset({"tests/test_slug.py"})})
    calls = {"briefing.slug.x_unique_slug", "briefing.archive.xǁArchiveǁ_claim"}
    state()._stats.update(calls)
    scope.pytest_runtest_teardown(Item("tests/test_identity.py::test_x[case]"))
    assert state()._stats == {"briefing.archive.xǁArchiveǁ_claim"}  # slug: not its test
    state()._stats.update(calls)
    scope.pytest_runtest_teardown(Item("tests/test_slug.py::test_unique_slug"))
    assert state()._stats == calls


class Item:
    """What the hook reads of a pytest item: its node id."""

    def __init__(self, nodeid: str) -> None:
        self.nodeid = nodeid


def test_mutated_plugin_modules_are_named_by_their_path_as_mutmut_names_their_mutants() -> None:
    assert mutmut_names(["briefing/slug.py", "plugins/pelican/plugins/unique_paths/writer.py"]) == {
        "pelican.plugins.unique_paths.writer": "plugins.pelican.plugins.unique_paths.writer"
    }


def test_a_plugin_module_keeps_its_import_name_and_its_functions_get_mutmuts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "plugins/pelican/plugins/probe/writer.py"
    source.parent.mkdir(parents=True)
    source.write_text("def describe() -> str:\n    return __name__\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delitem(sys.modules, "plugins.pelican.plugins.probe.writer", raising=False)
    finder = MutmutNames({"pelican.plugins.probe.writer": "plugins.pelican.plugins.probe.writer"})
    assert finder.find_spec("pelican.plugins.other") is None
    spec = finder.find_spec("pelican.plugins.probe.writer")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.__name__ == "pelican.plugins.probe.writer"
    assert module.describe.__module__ == "plugins.pelican.plugins.probe.writer"
    assert module.describe() == "pelican.plugins.probe.writer"
    assert sys.modules["plugins.pelican.plugins.probe.writer"] is module
