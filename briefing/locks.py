"""One writer at a time: advisory file locks (``flock``) on the folders a run writes or reads.

``briefing ingest`` holds ``<content>/.briefing.lock`` exclusively while it writes; ``briefing
build`` holds it shared while Pelican reads the content, and holds ``.<output>.lock`` beside the
output folder exclusively.  A second run waits (saying so) and gives up after ``timeout``
seconds with :class:`LockTimeoutError`.  The kernel drops a lock when its process ends, so a killed
run never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import logging
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

logger = logging.getLogger(__name__)

LOCK_NAME = ".briefing.lock"
DEFAULT_TIMEOUT = 600.0  # seconds: longer than any ingest or build of a day's scrapes
_POLL = 0.2


class LockTimeoutError(RuntimeError):
    """Another run held the lock for longer than we were willing to wait."""


def content_lock(content: Path) -> Path:
    """The lock file of a content folder."""
    return content / LOCK_NAME


def output_lock(output: Path) -> Path:
    """The lock file of an output folder: beside it, since the folder itself is swapped."""
    return output.with_name(f".{output.name}.lock")


@contextmanager
def hold(
    path: Path,
    what: str,
    *,
    shared: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    on_wait: Callable[[str], None] | None = None,
) -> Iterator[None]:
    """Hold the lock at ``path`` (created if needed) for the ``with`` block."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _acquire(fd, path, what, shared, timeout, on_wait or logger.warning)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _acquire(
    fd: int, path: Path, what: str, shared: bool, timeout: float, on_wait: Callable[[str], None]
) -> None:
    mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
    deadline = time.monotonic() + timeout
    told = False
    while True:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if not told:
                on_wait(f"{what}: waiting for another run that holds {path}")
                told = True
            if time.monotonic() >= deadline:
                raise LockTimeoutError(
                    f"{what}: another run held {path} for {timeout:.0f} s; try again when it ends"
                ) from None
            time.sleep(_POLL)
