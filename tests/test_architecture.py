"""The architecture, held: the normaliser never loads Pelican's side, and no module cycles.

STYLE.md: the normaliser (``briefing``) never imports Pelican; the front-matter format is the one
contract between the halves.  Importing every ``briefing`` module in a fresh interpreter must
leave Pelican, Jinja2 and markdown-it out of ``sys.modules``.
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import briefing

ROOT = Path(__file__).resolve().parent.parent
RENDERING = ("pelican", "jinja2", "markdown_it")

PROBE = """
import importlib, json, pkgutil, sys
import briefing
names = sorted(m.name for m in pkgutil.walk_packages(briefing.__path__, "briefing."))
names = [n for n in names if not n.endswith("__main__")]  # the entry script runs the CLI
for name in names:
    importlib.import_module(name)
loaded = sorted({m.split(".")[0] for m in sys.modules})
print(json.dumps({"modules": names, "loaded": loaded}))
"""


def briefing_modules() -> list[str]:
    names = sorted(m.name for m in pkgutil.walk_packages(briefing.__path__, "briefing."))
    return [n for n in names if not n.endswith("__main__")]


def test_every_normaliser_module_imports_without_the_rendering_half() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, cwd=ROOT
    )
    found = json.loads(done.stdout)
    assert found["modules"] == briefing_modules()
    assert len(found["modules"]) > 30  # every module was walked, subpackages included
    assert not set(RENDERING) & set(found["loaded"]), found["loaded"]


PLUGINS = sorted(p.name for p in (ROOT / "plugins/pelican/plugins").iterdir() if p.is_dir())


def test_every_plugin_is_listed() -> None:
    assert len(PLUGINS) >= 10 and "read_next" in PLUGINS


PLUGIN_PROBE = """
import importlib, importlib.util, json, sys
name = sys.argv[1]
plugin = importlib.import_module(f"pelican.plugins.{name}")
print(json.dumps({"all": plugin.__all__, "register": plugin.register.__module__,
                  "bare": importlib.util.find_spec(name) is not None}))
"""


@pytest.mark.parametrize("name", PLUGINS)
def test_a_plugin_has_one_import_name_and_exposes_register_only(name: str) -> None:
    # In a fresh interpreter: pytest's own importing of the plugins' tests is no evidence.
    done = subprocess.run(
        [sys.executable, "-c", PLUGIN_PROBE, name], capture_output=True, text=True, check=True
    )
    found = json.loads(done.stdout)
    assert found["all"] == ["register"]
    assert found["register"] == f"pelican.plugins.{name}.plugin"  # the wiring is in plugin.py
    assert not found["bare"]  # no second name: not importable as a top-level package
