"""The ``INCREMENTAL`` settings dict, merged over defaults into a frozen dataclass."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from briefing import settings as briefing_settings


@dataclass(frozen=True)
class IncrementalSettings:
    """Where the render record and the previous output are, and how many processes render.

    ``briefing build`` fills ``record``, ``update`` and ``previous`` (the output folder being
    replaced); without ``record`` and ``previous`` every page is rendered.  ``jobs`` 0 means
    one process per core.  ``stores`` is the folder of the content-keyed stores (store.py)
    the reader and read next keep their per-article work in; empty: nothing is kept.  With
    ``scheduler`` (or ``jobs`` above 1) the stores are filled before reading (prefill.py).
    """

    record: str = ""  # the render record (SQLite) of the previous build, outside output/
    update: str = ""  # where this build writes its record (briefing build moves it in)
    previous: str = ""  # the previous build's output folder, whose unchanged pages are kept
    jobs: int = 0  # rendering processes; 0: os.cpu_count()
    stores: str = ""  # the folder of the reader's and read next's stores, outside output/
    # A Dask scheduler (tcp://HOST:PORT) for the stores' prefill and the search parts; empty:
    # both run on this machine's cores (briefing build --scheduler sets it; docs/SCALE.md).
    scheduler: str = ""


def load(settings: Mapping[str, Any]) -> IncrementalSettings:
    """Return the plugin's settings: ``INCREMENTAL`` over the defaults (briefing.settings)."""
    return briefing_settings.load("INCREMENTAL", IncrementalSettings, settings.get("INCREMENTAL"))
