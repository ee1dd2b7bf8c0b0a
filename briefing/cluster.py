"""Ingest's per-input work on a Dask cluster: the same results, in the same order, as one machine.

Only the per-input function ingest hands over (:func:`briefing.ingest.parse_input`: read,
decode, extract, normalise, validate) runs on the workers, in batches; placement (identity,
slugs, duplicates, conflicts) stays one ordered step on the client, so the archive written is
byte-identical to ``--jobs N``.  Workers read the raw inputs from the paths the client names,
so those must be reachable from every worker (a shared mount; a ``LocalCluster`` shares this
machine's disk).

A worker that dies loses nothing: the scheduler runs its batches again elsewhere.  A batch that
keeps killing workers (``KilledWorker``) is split, and an input that kills workers on its own is
rejected by name (the result ``crashed`` makes for it).  Results stream back as they finish and
are handed on in input order.  This module imports nothing of ingest's: the functions come in
as arguments, so ingest and cluster do not import each other.

The build uses the same cluster through :func:`scheduler_address` (``briefing build
--scheduler``: the address handed to Pelican) and :func:`executor` (the plugins' independent
parts, as a ``concurrent.futures`` executor: plugins/pelican/plugins/incremental/prefill.py and
the search index's parts).
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from contextlib import ExitStack, contextmanager
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from briefing.sources import RawInput

Options = TypeVar("Options")
Result = TypeVar("Result")

logger = logging.getLogger(__name__)

# Inputs per task: big enough that scheduling (about 1 ms a task) is noise against extraction
# (5-15 ms an input), small enough that a dead worker costs little to redo.
BATCH = 32
LOCAL = "local:"


class SchedulerError(RuntimeError):
    """The scheduler address is not one we can use; the message says why."""


def parse_batch(
    parse: Callable[[RawInput, Options], Result], batch: list[RawInput], options: Options
) -> list[Result]:
    """Parse one batch of inputs on a worker."""
    return [parse(raw, options) for raw in batch]


def parse_on_cluster(
    inputs: list[RawInput],
    options: Options,
    scheduler: str,
    parse: Callable[[RawInput, Options], Result],
    crashed: Callable[[RawInput], Result],
    on_start: Callable[[str], None] | None = None,
) -> Iterator[Result]:
    """Run ``parse`` over ``inputs`` on the Dask cluster at ``scheduler``, in input order.

    ``scheduler`` is ``tcp://HOST:PORT`` (a running scheduler) or ``local:N`` (a
    ``LocalCluster`` of N worker processes for this run).  ``parse`` must be importable by the
    workers (a module-level function); ``crashed`` gives the result of an input that kills
    workers on its own.  ``on_start`` is told the dashboard address.
    """
    from distributed import Client

    _quiet()
    with ExitStack() as stack:
        client = stack.enter_context(Client(_address(scheduler, stack)))  # type: ignore[no-untyped-call]
        if on_start is not None:
            on_start(f"ingest: Dask dashboard at {client.dashboard_link}")
        # The options as a task's result, not scattered data: the scheduler computes a task's
        # result again when the worker holding it dies, while scattered data dies with its
        # worker (one worker may hold it alone: one that joined late got no copy), and every
        # batch waiting on it is then cancelled ("already forgotten"), not retried.
        shared = client.submit(_same, options, pure=False)
        batches = [inputs[i : i + BATCH] for i in range(0, len(inputs), BATCH)]
        task = partial(parse_batch, parse)
        futures = deque(client.map(task, batches, options=shared, pure=False))
        for batch in batches:  # each future is dropped once read: its result leaves the cluster
            yield from _results(client, task, batch, futures.popleft(), shared, crashed)


@contextmanager
def scheduler_address(scheduler: str) -> Iterator[str]:
    """Yield the ``tcp://`` address of ``scheduler``; ``local:N`` starts a LocalCluster for it."""
    _quiet()
    with ExitStack() as stack:
        found = _address(scheduler, stack)
        yield found if isinstance(found, str) else str(found.scheduler_address)


@contextmanager
def executor(address: str) -> Iterator[Executor]:
    """Yield a ``concurrent.futures`` executor whose tasks run on the cluster at ``address``.

    A task whose worker dies is run again by the scheduler; one that keeps killing workers
    fails its future with ``KilledWorker``.
    """
    from distributed import Client

    _quiet()
    with Client(address) as client:  # type: ignore[no-untyped-call]
        yield client.get_executor(pure=False)


def _quiet() -> None:
    if logging.getLogger().getEffectiveLevel() > logging.INFO:  # quiet unless --verbose
        logging.getLogger("distributed").setLevel(logging.WARNING)


def _same(value: Options) -> Options:
    """Return ``value`` (a task whose result is the run's options, on the workers)."""
    return value


def _address(scheduler: str, stack: ExitStack) -> Any:
    """A scheduler address or, for ``local:N``, a LocalCluster started for the run."""
    if scheduler.startswith(LOCAL):
        count = scheduler[len(LOCAL) :]
        if not count.isdigit() or int(count) < 1:
            raise SchedulerError(f"{scheduler!r}: write local:N with N workers, e.g. local:2")
        from distributed import LocalCluster

        return stack.enter_context(
            LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=int(count),
                threads_per_worker=1,
                processes=True,
                dashboard_address="127.0.0.1:0",
                host="127.0.0.1",
            )
        )
    if "://" not in scheduler:
        raise SchedulerError(f"{scheduler!r}: give tcp://HOST:PORT or local:N")
    return scheduler


def _results(
    client: Any,
    task: Callable[..., list[Result]],
    batch: list[RawInput],
    future: Any,
    shared: Any,
    crashed: Callable[[RawInput], Result],
) -> list[Result]:
    """A batch's results; a batch that kept killing workers is retried input by input."""
    from distributed import KilledWorker

    try:
        result: list[Result] = future.result()
        return result
    except KilledWorker:
        logger.warning("a batch of %d inputs kept killing workers: retrying one by one", len(batch))
    out = []
    for raw in batch:
        try:
            (parsed,) = client.submit(task, [raw], options=shared, pure=False).result()
        except KilledWorker:
            parsed = crashed(raw)
        out.append(parsed)
    return out
