"""Wrap Pelican signal receivers in timers and write the totals at ``finalized``."""

from __future__ import annotations

import json
import resource
import time
import weakref
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from blinker import NamedSignal
from pelican.plugins import signals

Receiver = Callable[..., Any]


class Timings:
    """Seconds spent in receivers, per plugin and signal, over one Pelican run."""

    def __init__(self) -> None:
        self.start = time.time()
        self.seconds: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        # CPU seconds (user + sys) of this process and the children waited for meanwhile
        # (the render's forks, Pagefind), per plugin.
        self.cpu: dict[str, float] = defaultdict(float)
        self.path: Path | None = None

    def wrap(self, signal_name: str, receiver: Receiver) -> Receiver:
        """Return a receiver that calls ``receiver`` and adds its time to its plugin's total."""
        plugin = plugin_of(receiver)

        def timed(sender: Any, **kwargs: Any) -> Any:
            begin, cpu = time.perf_counter(), cpu_seconds()
            try:
                return receiver(sender, **kwargs)
            finally:
                self.seconds[plugin][signal_name] += time.perf_counter() - begin
                self.cpu[plugin] += cpu_seconds() - cpu

        return timed

    def initialized(self, pelican: Any) -> None:
        """Read where to write the numbers from the settings."""
        path = (pelican.settings.get("BENCH_TIMING") or {}).get("path")
        self.path = Path(path) if path else None

    def finalized(self, pelican: Any) -> None:
        """Write the totals (after every other ``finalized`` receiver has run)."""
        if self.path is None:
            return
        data = {
            "pelican_start": self.start,
            "pelican_end": time.time(),
            "plugins": {p: sum(s.values()) for p, s in self.seconds.items()},
            "plugins_cpu": dict(self.cpu),
            "cpu_end": cpu_seconds(),
            "signals": {p: dict(s) for p, s in self.seconds.items()},
        }
        self.path.write_text(json.dumps(data, indent=1), encoding="utf-8")


def cpu_seconds() -> float:
    """Return the user + sys seconds of this process and its waited-for children so far."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def plugin_of(receiver: Receiver) -> str:
    """Name a receiver's plugin as PLUGINS does: its package ("pelican.plugins.read_next")."""
    module = getattr(receiver, "__module__", None) or type(receiver).__module__
    parts = module.split(".")
    return ".".join(parts[:3] if parts[:2] == ["pelican", "plugins"] else parts[:1])


def _receivers(signal: NamedSignal) -> list[Receiver]:
    out = []
    for ref in list(signal.receivers.values()):
        receiver = ref() if isinstance(ref, weakref.ref) else ref
        if receiver is not None:
            out.append(receiver)
    return out


def register() -> None:
    """Wrap the receivers connected so far, then connect the timer's own two receivers."""
    timings = Timings()
    for signal in vars(signals).values():
        if not isinstance(signal, NamedSignal):
            continue
        # Re-connecting every receiver of a signal, in order, keeps the call order.
        for receiver in _receivers(signal):
            signal.disconnect(receiver)
            signal.connect(timings.wrap(signal.name, receiver), weak=False)
    signals.initialized.connect(timings.initialized, weak=False)
    signals.finalized.connect(timings.finalized, weak=False)
