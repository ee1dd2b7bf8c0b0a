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


def run(
    jobs: int,
    items: Sequence[T],
    render: Callable[[T], R],
    advance: Callable[[int], None] | None = None,
) -> list[R]:
    """Return ``[render(i) for i in items]``, computed by ``jobs`` processes (in order).

    ``advance`` (a progress bar's) is called with the count of items done as they finish:
    each worker writes a byte a render into a pipe the parent reads until every worker exits.
    """
    tick = advance or (lambda count: None)
    if not forks(jobs, len(items)):
        return [_ticked(render, i, tick) for i in items]
    shares = [list(items[w::jobs]) for w in range(min(jobs, len(items)))]
    results: list[R] = [None] * len(items)  # type: ignore[list-item]
    with tempfile.TemporaryDirectory(prefix="render-") as tmp:
        done, ticks = os.pipe()
        with os.fdopen(done, "rb", buffering=0) as pipe:
            try:
                pids = [
                    _fork(share, render, Path(tmp, f"{w}.pickle"), (done, ticks))
                    for w, share in enumerate(shares)
                ]
            finally:
                os.close(ticks)
            while chunk := pipe.read(4096):  # EOF: every worker has exited
                tick(len(chunk))
        outcomes = [_wait(pid, Path(tmp, f"{w}.pickle")) for w, pid in enumerate(pids)]
    for w, (kind, value) in enumerate(outcomes):
        if kind == "duplicate":
            raise DuplicateOutputError(*value)
        if kind != "ok":
            raise WorkerError(f"rendering process {pids[w]} failed: {value}")
        results[w :: len(shares)] = value
    return results


def _ticked(render: Callable[[T], R], item: T, tick: Callable[[int], None]) -> R:
    result = render(item)
    tick(1)
    return result


def _fork(share: list[T], render: Callable[[T], R], out: Path, pipe: tuple[int, int]) -> int:
    pid = os.fork()
    if pid:
        return pid
    code = 1
    done, ticks = pipe
    os.close(done)
    try:

        def tick(count: int) -> None:
            os.write(ticks, b"." * count)

        outcome: tuple[str, object] = ("ok", [_ticked(render, i, tick) for i in share])
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
