"""Progress bars for the build's counted stages: tqdm on a terminal, nothing anywhere else.

A stage that knows how many items it has (the render keys, the pages to render) asks
:func:`terminal` for a bar; off a terminal (CI, cron, a pipe) it gets ``None`` and shows
nothing, so a log holds only the summary line.  Pelican's "Generating..." spinner (a rich
live display) is paused while the bars run: beneath it rich holds stderr back until a newline,
and a bar redraws its line without one.
"""

from __future__ import annotations

import shutil
import sys
from typing import Any, Protocol

from pelican.log import console
from tqdm import tqdm


class Progress(Protocol):
    """What a counted stage reports to: a stage begins, its items advance."""

    def start(self, stage: str, total: int) -> None:
        """Begin ``stage`` with ``total`` items (ending the stage before it)."""

    def advance(self, count: int = 1) -> None:
        """Count ``count`` more items of the current stage done."""


class Bars:
    """One tqdm bar at a time on stderr, for each stage in turn."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._paused: list[Any] = []  # the live displays (spinners) stopped for the bars

    def start(self, stage: str, total: int) -> None:
        """End the current bar and show a fresh one for ``stage``."""
        self._end_bar()
        if not self._paused:
            self._paused = list(reversed(getattr(console, "_live_stack", [])))
            for live in self._paused:
                live.stop()
        size = shutil.get_terminal_size()  # 80 x 24 where a terminal says 0 (tqdm: no bar)
        self._bar = tqdm(
            total=total,
            desc=f"build: {stage}",
            unit="write",
            file=sys.stderr,
            ncols=size.columns,
            nrows=size.lines,
        )

    def advance(self, count: int = 1) -> None:
        """Move the current bar on by ``count``."""
        if self._bar is not None:
            self._bar.update(count)

    def close(self) -> None:
        """End the current bar, if any, and let the paused spinners go on."""
        self._end_bar()
        paused, self._paused = self._paused, []
        for live in reversed(paused):
            live.start()

    def _end_bar(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def terminal() -> Bars | None:
    """Return bars to draw on stderr when it is a terminal, else ``None``."""
    return Bars() if sys.stderr.isatty() else None
