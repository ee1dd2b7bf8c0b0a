"""Run a list of renders in forked worker processes and collect their results in order.

Forking after the generators have built Pelican's context gives every worker the whole
context (articles, read-next links, the archive index) without pickling it; only each
render's small result travels back, through a file.  A worker's failure fails the build with
its message; a path collision keeps its type (both writers named).
"""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from pelican.plugins.unique_paths.writer import DuplicateOutputError

T = TypeVar("T")
R = TypeVar("R")


class WorkerError(RuntimeError):
    """A rendering process failed; the message is its error."""


def forks(jobs: int, count: int) -> bool:
    """Say whether :func:`run` renders ``count`` items in forked processes."""
    return jobs > 1 and count > 1


def run(jobs: int, items: Sequence[T], render: Callable[[T], R]) -> list[R]:
    """Return ``[render(i) for i in items]``, computed by ``jobs`` processes (in order)."""
    if not forks(jobs, len(items)):
        return [render(i) for i in items]
    shares = [list(items[w::jobs]) for w in range(min(jobs, len(items)))]
    results: list[R] = [None] * len(items)  # type: ignore[list-item]
    with tempfile.TemporaryDirectory(prefix="render-") as tmp:
        pids = [_fork(share, render, Path(tmp, f"{w}.pickle")) for w, share in enumerate(shares)]
        outcomes = [_wait(pid, Path(tmp, f"{w}.pickle")) for w, pid in enumerate(pids)]
    for w, (kind, value) in enumerate(outcomes):
        if kind == "duplicate":
            raise DuplicateOutputError(*value)
        if kind != "ok":
            raise WorkerError(f"rendering process {pids[w]} failed: {value}")
        results[w :: len(shares)] = value
    return results


def _fork(share: list[T], render: Callable[[T], R], out: Path) -> int:
    pid = os.fork()
    if pid:
        return pid
    code = 1
    try:
        outcome: tuple[str, object] = ("ok", [render(i) for i in share])
        code = 0
    except DuplicateOutputError as exc:
        outcome = ("duplicate", (exc.path, exc.first, exc.second))
    except BaseException as exc:
        outcome = ("error", f"{type(exc).__name__}: {exc}")
    try:
        out.write_bytes(pickle.dumps(outcome))
    finally:
        os._exit(code)


def _wait(pid: int, out: Path) -> tuple[str, Any]:
    """Wait for one worker and return its outcome (each is waited for, even after a failure)."""
    _, status = os.waitpid(pid, 0)
    if not out.is_file():
        return "error", f"ended with status {status} and no result"
    outcome: tuple[str, Any] = pickle.loads(out.read_bytes())
    return outcome
