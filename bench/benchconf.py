"""Pelican settings for benchmark builds: a project settings file plus the bench's timing plugin.

Environment (set by bench/run.py, passed through ``briefing build`` to Pelican):

- ``BENCH_BASE_SETTINGS``: the settings file measured (default: pelicanconf.py);
- ``BENCH_TIMING_PATH``: where bench/timing_plugin writes the per-plugin seconds;
- ``BENCH_ADD_PLUGINS``: comma-separated plugins present in the tree but not yet enabled by the
  base settings, so that a stage that exists is measured (the table says so).
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent
_BASE = Path(os.environ.get("BENCH_BASE_SETTINGS") or _ROOT / "pelicanconf.py").resolve()
_spec = importlib.util.spec_from_file_location("_bench_base_settings", _BASE)
assert _spec is not None and _spec.loader is not None
_base = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_base)

# Every upper-case setting of the base file, by name (as offlineconf.py does).
globals().update({k: v for k, v in vars(_base).items() if k.isupper()})

# Pelican resolves relative paths against the settings file's folder: this file is in bench/.
THEME = str(_BASE.parent / _base.THEME)
PLUGIN_PATHS = [str(_ROOT)]  # bench/timing_plugin; the project's plugins are installed
_ADDED = [p for p in os.environ.get("BENCH_ADD_PLUGINS", "").split(",") if p]
PLUGINS = [*_base.PLUGINS, *(p for p in _ADDED if p not in _base.PLUGINS), "bench.timing_plugin"]
BENCH_TIMING = {"path": os.environ.get("BENCH_TIMING_PATH", "")}
