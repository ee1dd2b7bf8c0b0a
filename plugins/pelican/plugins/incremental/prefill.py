"""Fill the reader's and read next's stores before Pelican reads: per-file work done in parts.

Parsing an article file (the reader's front-matter load and Markdown render) and tokenising its
text for read next depend only on the file's bytes and each store's salt (store.py).  So at the
start of a build the files whose reader entry is missing are cut into batches and computed by
an executor: a Dask cluster's (``INCREMENTAL["scheduler"]``, set by ``briefing build
--scheduler``) or a pool of forked local processes (``INCREMENTAL["jobs"]`` above 1).  This
process writes the results into the two stores; Pelican's generators then find every file in
them, exactly as on a build after an unchanged day.

The workers get the files' bytes with the task, so they need no content snapshot: only the
``briefing`` package and these plugins at this build's version (the salts name the code, so a
worker at another version fills entries this build never reads).  A store entry is a cache: a
batch that is lost (its workers killed until Dask gives up, a broken pool) or a file that does
not parse only means Pelican's reader computes it in this process, where a bad file fails the
build with its name as it always does.  The output is the same either way.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Mapping
from concurrent.futures import FIRST_COMPLETED, BrokenExecutor, Executor, Future, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pelican.plugins.briefing_reader import plugin as reader_plugin
from pelican.plugins.briefing_reader.reader import BriefingReader, Parsed, cache_salt
from pelican.plugins.read_next import plugin as read_next_plugin
from pelican.plugins.read_next.text import Tokens, plain, tokens

from .store import Store

logger = logging.getLogger(__name__)

# Files per task: a file costs about 2-3 ms to parse and tokenise, so 64 are ~0.15 s of work
# against ~1 ms of scheduling, and ~200 KB of bytes sent; a lost batch is cheap to redo.
BATCH = 64
# Results written to the stores at a time (one transaction each): the client holds no more.
FLUSH = 2048
# Batches sent and not yet collected: enough to keep 64 workers busy, while this process holds
# the bytes and results of 4,096 files at most (a cold build at 100k held every file's bytes in
# the executor's queue and every result in its future: 6 GB).
IN_FLIGHT = 64


@dataclass(frozen=True)
class Job:
    """What a worker needs besides the files: the category mapping and the two stores' salts."""

    categories: Any  # the CATEGORIES setting (the reader maps sections through it)
    reader_salt: str
    tokens_salt: str  # "": read next is not enabled, no tokens are computed


@dataclass
class Filled:
    """A batch's results by store key: the reader's (html, record), read next's tokens."""

    reader: dict[str, Parsed] = field(default_factory=dict)
    tokens: dict[str, Tokens] = field(default_factory=dict)


@dataclass(frozen=True)
class PrefillReport:
    """What the prefill did: files seen, sent to the executor, filled, lost with their batch."""

    files: int
    sent: int
    filled: int
    lost: int
    seconds: float


def compute(batch: list[tuple[str, bytes]], job: Job) -> Filled:
    """Parse and tokenise one batch of article files (runs on a worker)."""
    reader = BriefingReader({"CATEGORIES": job.categories})
    reader_keys, token_keys = Store(None, job.reader_salt), Store(None, job.tokens_salt)
    out = Filled()
    for path, data in batch:
        try:
            html, record = reader.parse(path, data)
        except ValueError:  # not an article the contract reads: the build's own read names it
            continue
        out.reader[reader_keys.key(data)] = (html, record)
        if job.tokens_salt:
            text = plain(record.title, record.body)
            out.tokens[token_keys.key(text.encode())] = tokens(text)
    return out


def article_files(settings: Mapping[str, Any]) -> list[Path]:
    """Return the ``.md`` files under ARTICLE_PATHS that are not pages nor hidden, sorted.

    Extra files cost only their computing (the build's save drops entries nobody read); a
    file missed is read as before.
    """
    content = Path(settings["PATH"])
    pages = [content / p for p in settings.get("PAGE_PATHS") or []]
    found: dict[Path, None] = {}
    for folder in settings.get("ARTICLE_PATHS") or [""]:
        for path in sorted((content / folder).rglob("*.md")):
            hidden = any(p.startswith(".") for p in path.relative_to(content).parts)
            if not hidden and not any(path.is_relative_to(p) for p in pages):
                found[path] = None
    return list(found)


def enabled(settings: Mapping[str, Any], name: str) -> bool:
    """Say whether the plugin ``name`` (short or ``pelican.plugins.`` name) is in PLUGINS."""
    names = {str(p).removeprefix("pelican.plugins.") for p in settings.get("PLUGINS") or []}
    return name in names


def prefill(settings: Mapping[str, Any], stores: Path, executor: Executor) -> PrefillReport:
    """Compute the store entries this build lacks on ``executor`` and write them into the stores."""
    started = time.perf_counter()
    job = Job(
        settings.get("CATEGORIES"),
        cache_salt(dict(settings)),
        read_next_plugin.tokens_salt() if enabled(settings, "read_next") else "",
    )
    reader = Store(stores / reader_plugin.STORE, job.reader_salt)
    tokens_store = Store(stores / read_next_plugin.STORE if job.tokens_salt else None, "")
    try:
        files = article_files(settings)
        todo = _missing(files, reader)
        filled, lost = _fill(executor, job, todo, reader, tokens_store)
    finally:
        reader.close()
        tokens_store.close()
    report = PrefillReport(len(files), len(todo), filled, lost, time.perf_counter() - started)
    logger.info(
        "prefill: %d of %d article files parsed in parts (%d lost: parsed by the build) in %.1f s",
        report.filled,
        report.files,
        report.lost,
        report.seconds,
    )
    return report


def _missing(files: list[Path], reader: Store) -> list[str]:
    """Return the paths of the files whose reader entry the store lacks.

    Only the keys of the files are held while the store is asked, and the bytes of the missing
    ones are read batch by batch as they are sent: a daily build lacks a few dozen entries of
    an archive that can be far larger than memory, and a cold build lacks them all.
    """
    keys = {str(path): reader.key(path.read_bytes()) for path in files}
    absent = reader.missing(list(keys.values()))
    return [path for path, key in keys.items() if key in absent]


def _batches(todo: list[str]) -> Iterator[list[tuple[str, bytes]]]:
    """The missing files with their bytes, BATCH at a time, read when the batch is sent.

    A file changed since its key was taken is sent as it is now (its entry is keyed by the
    bytes the worker parses, so it is right either way); one gone or unreadable is left to the
    build's reader, which names it.
    """
    for at in range(0, len(todo), BATCH):
        batch = []
        for path in todo[at : at + BATCH]:
            try:
                batch.append((path, Path(path).read_bytes()))
            except OSError:
                continue
        yield batch


def _fill(
    executor: Executor, job: Job, todo: list[str], reader: Store, tokens: Store
) -> tuple[int, int]:
    """Compute the missing entries, IN_FLIGHT batches at a time, writing results as batches
    finish; return (files filled, files lost: the build's reader parses those)."""
    batches = _batches(todo)
    running: dict[Future[Filled], int] = {}
    pending = Filled()
    filled = sent = 0
    failed = 0
    broken = False
    while True:
        while not broken and len(running) < IN_FLIGHT:
            batch = next(batches, None)
            if batch is None:
                break
            try:
                running[executor.submit(compute, batch, job)] = len(batch)
            except BrokenExecutor as exc:  # a local worker died: the build parses the rest
                logger.info("prefill: the pool broke (%s): the build parses the rest", exc)
                broken = True
        if not running:
            break
        done, _ = wait(running, return_when=FIRST_COMPLETED)
        for future in done:
            count = running.pop(future)  # its result is dropped once written
            sent += count
            try:
                result = future.result()
            # Any failure of a batch (KilledWorker, a broken pool, a worker's import error)
            # costs only time: its files are parsed by the build's reader, which names a bad one.
            except Exception as exc:
                failed += count
                logger.info("prefill: a batch was lost (%s): the build parses it", exc)
                continue
            filled += len(result.reader)
            pending.reader.update(result.reader)
            pending.tokens.update(result.tokens)
            if len(pending.reader) >= FLUSH:
                _flush(pending, reader, tokens)
    _flush(pending, reader, tokens)
    return filled, failed + len(todo) - sent  # never sent: the executor broke first


def _flush(pending: Filled, reader: Store, tokens: Store) -> None:
    reader.fill(pending.reader)
    tokens.fill(pending.tokens)
    pending.reader.clear()
    pending.tokens.clear()
