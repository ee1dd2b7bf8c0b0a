"""Run the Pelican build as a subprocess (the normaliser never imports Pelican) and swap output/.

The site is built into a sibling temporary folder; ``output/`` is replaced only when the build
succeeded, so a failed or interrupted build leaves the previous site intact.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Mapping
from contextlib import ExitStack
from pathlib import Path

from briefing import cluster, locks
from briefing.manifest import CACHE_DIR


class BuildError(RuntimeError):
    """Pelican failed (or warned, which counts as failing); the message says why."""


# How long Pelican may take to stop after SIGTERM before it is killed.
STOP_GRACE_SECONDS = 5.0


def build_site(
    content: Path,
    output: Path,
    settings: Path,
    extra: tuple[str, ...] = (),
    jobs: int = 0,
    incremental: bool = True,
    scheduler: str | None = None,
    env: Mapping[str, str] | None = None,
) -> None:
    """Build ``content`` with Pelican into ``output``, replacing it only on success.

    One build at a time per output folder (and none while an ingest writes the content): the
    locks of :mod:`briefing.locks`.  Under the output's lock any temporary tree left by an
    earlier, killed build is stale and is removed first.  The incremental plugin keeps the
    pages of ``output`` whose render key is unchanged (its record is :func:`record_path`) and
    renders the others in ``jobs`` processes (0: one per core); ``incremental=False`` renders
    every page.  With ``scheduler`` (``tcp://HOST:PORT``, or ``local:N`` for a LocalCluster
    started for the build) the article files are parsed and the search parts indexed on Dask
    (docs/SCALE.md); the output is the same.  ``env`` adds variables to the Pelican process's
    environment (not to this one's): what a plugin must be told without it entering the render
    keys, as the offline bundle's data folder.
    """
    output = output.resolve()
    try:
        with (
            locks.hold(locks.output_lock(output), "build"),
            locks.hold(locks.content_lock(content), "build", shared=True),
        ):
            _sweep(output)
            with ExitStack() as stack:
                address = (
                    stack.enter_context(cluster.scheduler_address(scheduler)) if scheduler else ""
                )
                _build_incremental(
                    content, output, settings, extra, (jobs, address), incremental, env or {}
                )
    except locks.LockTimeoutError as exc:
        raise BuildError(str(exc)) from None


def record_path(content: Path, output: Path) -> Path:
    """Where the render record of ``output`` lives: beside the ingest manifest, one per output."""
    name = hashlib.sha256(str(output.resolve()).encode()).hexdigest()[:12]
    return content.resolve().parent / CACHE_DIR / f"build-{name}.sqlite"


def stores_path(content: Path) -> Path:
    """Where the reader's and read next's stores of ``content`` live (one per content folder)."""
    content = content.resolve()
    name = hashlib.sha256(str(content).encode()).hexdigest()[:12]
    return content.parent / CACHE_DIR / f"stores-{content.name}-{name}"


def with_setting(extra: tuple[str, ...], key: str, value: object) -> tuple[str, ...]:
    """Add ``-e KEY=VALUE`` to Pelican's arguments (in its one ``-e`` list)."""
    item = f"{key}={json.dumps(value)}"
    flags = [i for i, arg in enumerate(extra) if arg in ("-e", "--extra-settings")]
    if not flags:
        return (*extra, "-e", item)
    at = flags[-1] + 1
    return (*extra[:at], item, *extra[at:])


def _build_incremental(
    content: Path,
    output: Path,
    settings: Path,
    extra: tuple[str, ...],
    parts: tuple[int, str],
    keep: bool,
    env: Mapping[str, str],
) -> None:
    """Build with the incremental plugin's options; move its new record in after the swap.

    ``parts`` is the local processes and the Dask scheduler's address ("": none).

    The record names files by inode, size and time, so even a record left beside another
    output (a kill between the swap and the move) makes the next build render, never keep,
    a page it does not describe.
    """
    record = record_path(content, output)
    update = record.with_name(record.name + ".new")
    update.unlink(missing_ok=True)
    jobs, scheduler = parts
    options = {
        "jobs": jobs,
        "scheduler": scheduler,
        "record": str(record) if keep else "",
        "update": str(update),
        "previous": str(output),
        # Keyed on bytes, so safe to share between outputs; a --full build redoes everything.
        "stores": str(stores_path(content)) if keep else "",
    }
    extra = with_setting(extra, "INCREMENTAL", options)
    try:
        _build_locked(content, output, settings, extra, env)
    except BaseException:
        update.unlink(missing_ok=True)
        raise
    if update.is_file():
        update.replace(record)


def _build_locked(
    content: Path, output: Path, settings: Path, extra: tuple[str, ...], env: Mapping[str, str]
) -> None:
    tmp = output.with_name(f"{output.name}.tmp-{os.getpid()}")
    command = [
        sys.executable,
        "-m",
        "pelican",
        str(content),
        "--output",
        str(tmp),
        "--settings",
        str(settings),
        "--fatal",
        "warnings",
        *extra,
    ]
    try:
        returncode = _run(command, env)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if returncode != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        raise BuildError(f"Pelican failed (exit {returncode}); {output} left as it was")
    _swap(tmp, output)


def _run(command: list[str], env: Mapping[str, str]) -> int:
    """Run Pelican in a process group of its own; end the whole group if we are interrupted.

    SIGTERM to this process is turned into an interruption too, so ``kill`` of a build leaves
    neither a running Pelican (nor its Pagefind children) nor a temporary tree behind.
    """
    previous = signal.getsignal(signal.SIGTERM)
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)
    process = subprocess.Popen(command, start_new_session=True, env={**os.environ, **env})
    try:
        return process.wait()
    except BaseException:
        _stop_group(process)
        raise
    finally:
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGTERM, previous)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt(f"signal {signum}")


def _stop_group(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM the build's process group, then SIGKILL what is left after a grace period."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=STOP_GRACE_SECONDS)
            return
        except subprocess.TimeoutExpired:
            continue


def _sweep(output: Path) -> None:
    """Remove temporary trees of earlier builds (stale: we hold the output's lock)."""
    for stale in output.parent.glob(f"{output.name}.tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)


def _swap(new: Path, target: Path) -> None:
    """Put ``new`` in place of ``target`` with two renames; delete the old tree in the background.

    The site is updated once the renames are done.  Deleting the previous tree file by file
    took 29 of the 90 s of a daily update at 10k articles (bench/run.py), so a detached
    process does it; a tree left behind by an interrupted run is removed by the next build.
    """
    old = target.with_name(f"{target.name}.old-{os.getpid()}")
    if target.exists():
        target.rename(old)
    new.rename(target)
    stale = sorted(target.parent.glob(f"{target.name}.old-*"))
    if stale:
        subprocess.Popen(
            [sys.executable, "-c", _REMOVE, *map(str, stale)],
            start_new_session=True,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )


_REMOVE = "import shutil, sys\nfor p in sys.argv[1:]: shutil.rmtree(p, ignore_errors=True)"
