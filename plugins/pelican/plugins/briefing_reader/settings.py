"""The ``BRIEFING_READER`` settings dict, merged over defaults into a frozen dataclass."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from briefing import settings as briefing_settings


@dataclass(frozen=True)
class ReaderSettings:
    """Where the reader keeps what it parsed (``briefing build`` sets it; empty: no cache)."""

    cache: str = ""  # the reader cache (SQLite), outside output/: see cache.py


def load(settings: Mapping[str, Any]) -> ReaderSettings:
    """Return the reader's settings: ``BRIEFING_READER`` over the defaults (briefing.settings)."""
    return briefing_settings.load(
        "BRIEFING_READER", ReaderSettings, settings.get("BRIEFING_READER")
    )
