"""Run a list of renders in forked worker processes and collect their results in order.

Forking after the generators have built Pelican's context gives every worker the whole
context (articles, read-next links, the archive index) without pickling it; only each
render's small result travels back, through a file.  A worker's failure fails the build with
its message; a path collision keeps its type (both writers named).

A worker renders one run of consecutive items and exits; ``jobs`` of them run at a time.  A
forked process's memory is shared with the parent until it writes, and a render writes the
reference counts of every object it reads: a worker that rendered half of a 100k archive's
pages had copied most of the parent's objects (5.7 GB for the build's three processes, against
the parent's 3.5).  A worker of consecutive items copies the objects of its run only (they were
read together), and gives them back when it exits.  A run is cut by what its items read, not by
their count: each item has a cost (the writer's: the articles a page shows) and a run's costs
add up to at most :data:`CHUNK`, so a run of listing pages, each showing dozens of articles, is
short (2,048 of them had touched most of a 100k archive: 4.28 GB for the three processes).
"""

from __future__ import annotations

import math
import os
import pickle
import selectors
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, TypeVar

from pelican.plugins.unique_paths.writer import DuplicateOutputError

T = TypeVar("T")
R = TypeVar("R")

# The cost one forked process renders, an item costing 1 at least: 2,048 article pages are about
# 2 s of work at 1 ms a page against ~50 ms to fork a 3.5 GB process, and a run's objects copied
# (a few dozen MB) instead of half the archive's.
CHUNK = 2048


class WorkerError(RuntimeError):
    """A rendering process failed; the message is its error."""


def forks(jobs: int, count: int) -> bool:
    """Say whether :func:`run` renders ``count`` items in forked processes."""
    return jobs > 1 and count > 1


def runs(jobs: int, costs: Sequence[int], budget: int = CHUNK) -> list[range]:
    """Cut items of these ``costs`` into runs of consecutive items, one a forked process: at
    least two a process (the last to finish waits for no long one), each run's costs adding up
    to at most ``budget`` (an item costing more is a run alone; a cost below 1 counts 1)."""
    count = len(costs)
    most = max(1, math.ceil(count / (2 * jobs)))  # items a run
    cut: list[range] = []
    start, spent = 0, 0
    for at, cost in enumerate(costs):
        cost = max(1, cost)
        if at > start and (spent + cost > budget or at - start == most):
            cut.append(range(start, at))
            start, spent = at, 0
        spent += cost
    return [*cut, range(start, count)] if count else cut


@dataclass
class _Worker:
    pid: int
    run: range
    out: Path
    ticks: IO[bytes]


def run(
    jobs: int,
    items: Sequence[T],
    render: Callable[[T], R],
    advance: Callable[[int], None] | None = None,
    costs: Sequence[int] | None = None,
) -> list[R]:
    """Return ``[render(i) for i in items]``, computed by ``jobs`` processes at a time (in order).

    ``advance`` (a progress bar's) is called with the count of items done as they finish:
    each worker writes a byte a render into its pipe, read here until the worker exits.
    ``costs`` (one an item, 1 each if not given) cut the items into runs (:func:`runs`).
    """
    tick = advance or (lambda count: None)
    if not forks(jobs, len(items)):
        return [_ticked(render, i, tick) for i in items]
    todo = runs(jobs, [1] * len(items) if costs is None else costs, CHUNK)[::-1]
    results: list[R] = [None] * len(items)  # type: ignore[list-item]
    failed: list[tuple[int, int, str, Any]] = []  # (first item, pid, kind, value)
    with tempfile.TemporaryDirectory(prefix="render-") as tmp, selectors.DefaultSelector() as sel:
        while todo or sel.get_map():
            while todo and not failed and len(sel.get_map()) < jobs:
                span = todo.pop()
                worker = _start(items, span, render, Path(tmp, f"{span.start}.pickle"))
                sel.register(worker.ticks, selectors.EVENT_READ, worker)
            if not sel.get_map():
                break  # a failure: no new worker, and every running one has ended
            for key, _ in sel.select():
                worker = key.data
                if chunk := worker.ticks.read(4096):
                    tick(len(chunk))
                    continue
                sel.unregister(worker.ticks)  # EOF: the worker has exited
                worker.ticks.close()
                kind, value = _wait(worker.pid, worker.out)
                if kind == "ok":
                    results[worker.run.start : worker.run.stop] = value
                else:
                    failed.append((worker.run.start, worker.pid, kind, value))
    if failed:
        _, pid, kind, value = min(failed)
        if kind == "duplicate":
            raise DuplicateOutputError(*value)
        raise WorkerError(f"rendering process {pid} failed: {value}")
    return results


def _start(items: Sequence[T], span: range, render: Callable[[T], R], out: Path) -> _Worker:
    done, ticks = os.pipe()
    try:
        pid = _fork(list(items[span.start : span.stop]), render, out, (done, ticks))
    finally:
        os.close(ticks)
    return _Worker(pid, span, out, os.fdopen(done, "rb", buffering=0))


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
