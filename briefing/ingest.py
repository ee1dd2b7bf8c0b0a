"""The ingest pipeline: raw inputs -> Articles (in parallel) -> the archive on disk (in order).

``parse_input`` handles one file end to end (read, decode, extract, normalise, validate) and
never raises: it returns rejections.  ``ingest`` runs it over every input and lets
:class:`briefing.archive.Archive` place each article (identity, slug, path) and write it as it
comes, so what was accepted before a failure is on disk.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import repeat
from pathlib import Path

from tqdm import tqdm

from briefing import cluster, frontmatter, generic, locks
from briefing.archive import Archive, Entry
from briefing.decode import DecodeError, decode
from briefing.extract import extract
from briefing.extraction import ExtractContext, Extracted, ExtractionError, RecordError
from briefing.generic.boilerplate import MIN_DUMPS
from briefing.manifest import Manifest
from briefing.manifest import input_key as manifest_key
from briefing.model import Article
from briefing.normalise import Dating, text_fingerprint, to_article, to_briefs
from briefing.report import Rejection, RunReport
from briefing.slug import MAX_SLUG_CHARS
from briefing.sources import (
    MAX_SIDECAR_BYTES,
    InputError,
    RawInput,
    Sidecar,
    discover,
    read_bytes,
    read_sidecar,
    sidecar_path,
)

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class IngestOptions:
    """Settings of one ingest run."""

    now: datetime  # the run's clock: the date given to undated articles on first ingest
    date: datetime | None = None  # --date: the date of undated articles
    fetched_at: datetime | None = None  # --fetched-at: anchors relative dates without a sidecar
    jobs: int = 1
    boilerplate: dict[str, frozenset[str]] = field(default_factory=dict)  # per source folder
    manifest: Path | None = None  # the ingest manifest (briefing.manifest); None: none
    scheduler: str | None = None  # a Dask scheduler (tcp://HOST:PORT or local:N); None: jobs
    lock_timeout: float = locks.DEFAULT_TIMEOUT
    on_wait: Callable[[str], None] | None = None  # told when another run holds the lock


@dataclass(frozen=True)
class Parsed:
    """Everything one input produced."""

    rel: str
    entries: tuple[Entry, ...] = ()
    rejections: tuple[Rejection, ...] = ()


def parse_input(raw: RawInput, options: IngestOptions) -> Parsed:
    """Read, decode, extract, normalise and validate one input; never raises for bad input.

    Whatever goes wrong with one input (a reason we know, or a fault of our own on input nobody
    foresaw) becomes that input's rejection, so the rest of the batch goes on.
    """
    try:
        text, sidecar, ctx = read_input(raw, options)
        if raw.kind == "md":
            return _checked(Parsed(raw.rel, (Entry(_passed_through(frontmatter.load(text), raw)),)))
        found = extract(raw.kind, text, ctx)
        return _checked(_normalised(raw, sidecar, ctx, found, options))
    except (InputError, DecodeError, ExtractionError, frontmatter.FrontMatterError) as exc:
        reason = str(exc)
    except RecursionError:
        reason = "nested too deeply to read"
    except MemoryError:
        reason = "too large to hold in memory"
    except Exception as exc:  # one input never ends the run: our own fault becomes its reason
        logger.debug("%s: unexpected failure", raw.rel, exc_info=True)
        reason = f"could not be processed ({type(exc).__name__}: {exc})"
    return Parsed(raw.rel, rejections=(Rejection(raw.rel, reason),))


def read_input(raw: RawInput, options: IngestOptions) -> tuple[str, Sidecar, ExtractContext]:
    """Read and decode one input and its sidecar; return them with the extractor's context.

    ``briefing ingest --explain`` calls this and :func:`briefing.extract.extract` just as
    :func:`parse_input` does.  Raises the input's InputError or DecodeError.
    """
    data = read_bytes(raw)
    sidecar = read_sidecar(raw.path) or Sidecar()
    ctx = ExtractContext(
        rel_path=raw.rel,
        source_hint=raw.source_hint,
        source=sidecar.source,
        source_url=sidecar.url,
        fetched_at=sidecar.fetched_at or options.fetched_at,
        boilerplate=options.boilerplate.get(raw.folder, frozenset()),
    )
    return decode(data), sidecar, ctx


def _checked(parsed: Parsed) -> Parsed:
    """Keep only entries the site will accept (see :func:`validate`); reject the others."""
    entries, rejections = [], list(parsed.rejections)
    for entry in parsed.entries:
        problem = validate(entry.article)
        if problem:
            rejections.append(Rejection(entry.article.source_file or parsed.rel, problem))
        else:
            briefs = tuple(b for b in entry.briefs if not validate(b, through_yaml=False))
            entries.append(replace(entry, briefs=briefs))
    return Parsed(parsed.rel, tuple(entries), tuple(rejections))


def validate(article: Article, *, through_yaml: bool = True) -> str | None:
    """Why the build would refuse ``article`` (None when it reads back as written).

    The check is the reader's own: ``load(dump(article))`` must give the article back.  Briefs
    (a listing's title, with fields copied from their article) skip the YAML pass
    (``through_yaml=False``) and are checked against the contract's rules alone: the YAML pass
    cost two thirds of a re-ingest's validation, and their strings are of the kind the article's
    own pass has already proved.
    """
    if len(article.slug) > MAX_SLUG_CHARS:
        return f"slug is longer than {MAX_SLUG_CHARS} characters"
    try:
        if through_yaml:
            again = frontmatter.load(frontmatter.dump(article))
        else:
            again = frontmatter.from_mapping(frontmatter.to_mapping(article), article.body)
    except frontmatter.FrontMatterError as exc:
        return f"would not pass the build's check: {exc}"
    differs = [k for k in article.__dataclass_fields__ if getattr(again, k) != getattr(article, k)]
    if differs:
        return f"would not read back as written (field {', '.join(differs)})"
    return None


def _normalised(
    raw: RawInput,
    sidecar: Sidecar,
    ctx: ExtractContext,
    found: list[Extracted | RecordError],
    options: IngestOptions,
) -> Parsed:
    """Turn each extracted result into an entry (article, briefs); a bad record into a rejection."""
    entries, rejections = [], []
    dating = Dating(sidecar=sidecar.date, option=options.date, today=options.now)
    for n, result in enumerate(found, 1):
        if isinstance(result, RecordError):
            rejections.append(Rejection(f"{raw.rel} ({result.where})", result.reason))
            continue
        article = to_article(result, dating, source_name(raw, n, len(found)))
        briefs = tuple(to_briefs(result, article))
        entries.append(Entry(article, briefs, fetched_at=ctx.fetched_at))
    return Parsed(raw.rel, tuple(entries), tuple(rejections))


def source_name(raw: RawInput, n: int, count: int) -> str:
    """The ``source_file`` of result ``n`` of ``count`` an input gave: ``feed.jsonl#3`` of many."""
    return raw.rel if count == 1 else f"{raw.rel}#{n}"


def _passed_through(article: Article, raw: RawInput) -> Article:
    """An ``.md`` input: its own provenance, and a fingerprint of its text when it has none."""
    return replace(
        article,
        source_file=article.source_file or raw.rel,
        fingerprint=article.fingerprint or text_fingerprint(article),
    )


# Starting worker processes costs ~0.2 s each; below this many files one process is faster.
MIN_PARALLEL_INPUTS = 64


def _parse_all(inputs: list[RawInput], options: IngestOptions) -> Iterator[Parsed]:
    """Parse every input, yielding results in input order (in worker processes when asked)."""
    progress = {"disable": None, "unit": "file", "desc": "ingest", "leave": False}
    with tqdm(total=len(inputs), **progress) as bar:
        if options.scheduler and inputs:
            results: Iterator[Parsed] = cluster.parse_on_cluster(
                inputs, options, options.scheduler, parse_input, crashed_workers, options.on_wait
            )
        elif options.jobs <= 1 or len(inputs) < MIN_PARALLEL_INPUTS:
            results = (parse_input(raw, options) for raw in inputs)
        else:
            results = _in_workers(inputs, options)
        for result in results:
            bar.update()
            yield result


def _in_workers(inputs: list[RawInput], options: IngestOptions) -> Iterator[Parsed]:
    """Parse in a process pool; an input that kills its worker is retried alone, then rejected."""
    chunk = max(1, min(64, len(inputs) // (options.jobs * 8)))
    done = 0
    while done < len(inputs):
        rest = inputs[done:]
        try:
            with ProcessPoolExecutor(max_workers=options.jobs) as pool:
                for result in pool.map(parse_input, rest, repeat(options), chunksize=chunk):
                    yield result
                    done += 1
        except BrokenProcessPool:
            for raw in inputs[done : done + chunk]:  # the chunk that held the culprit, one by one
                yield _alone(raw, options)
                done += 1


def crashed_workers(raw: RawInput) -> Parsed:
    """The result of an input that kills every Dask worker that reads it (briefing.cluster)."""
    reason = "crashed the worker processes reading it"
    return Parsed(raw.rel, rejections=(Rejection(raw.rel, reason),))


def _alone(raw: RawInput, options: IngestOptions) -> Parsed:
    """Parse one input in a process of its own, so a crash takes nothing else with it."""
    try:
        with ProcessPoolExecutor(max_workers=1) as pool:
            return pool.submit(parse_input, raw, options).result()
    except BrokenProcessPool:
        return Parsed(raw.rel, rejections=(Rejection(raw.rel, "crashed the process reading it"),))


def learn_boilerplate_by_folder(
    inputs: list[RawInput], digests: dict[str, bytes] | None = None
) -> dict[str, frozenset[str]]:
    """Learn, per source folder, the lines that repeat across its text dumps (site furniture).

    ``digests``, when given, receives the digest of each input read (by ``rel``), so the
    manifest keys need not read those files again.
    """
    folders: dict[str, list[RawInput]] = {}
    for raw in inputs:
        if raw.kind == "txt":
            folders.setdefault(raw.folder, []).append(raw)
    learned = {}
    for folder, members in folders.items():
        if len(members) < MIN_DUMPS:  # too few to learn from: do not read them twice
            continue
        texts = []
        for raw in members:
            try:
                data = read_bytes(raw)
                if digests is not None:
                    digests[raw.rel] = _digest(data)
                texts.append(decode(data))
            except (InputError, DecodeError, MemoryError):
                continue  # reported when the file itself is parsed
        learned[folder] = generic.learn_boilerplate(texts)
    return learned


def ingest(paths: list[Path], out: Path, options: IngestOptions) -> RunReport:
    """Normalise every input under ``paths`` into ``out/articles``; return the run report.

    Holds the content folder's lock for the whole run; each article is written as soon as it
    is placed, and an input that fails is a rejection naming it, never the end of the run.
    """
    report = RunReport()
    lock = locks.content_lock(out)
    with locks.hold(lock, "ingest", timeout=options.lock_timeout, on_wait=options.on_wait):
        found = discover(paths)
        report.rejected.extend(found.rejected)
        report.skipped.extend(found.skipped)
        manifest = Manifest(options.manifest) if options.manifest else None
        try:
            archive = Archive.scan(out, report, options.now, manifest)
            digests: dict[str, bytes] = {}
            learned = learn_boilerplate_by_folder(found.inputs, digests if manifest else None)
            options = replace(options, boilerplate=learned)
            for result in _parse_known(found.inputs, options, manifest, report, digests):
                report.rejected.extend(result.rejections)
                for entry in result.entries:
                    _place(archive, entry, report)
            archive.finish(report)
        finally:
            if manifest:
                manifest.close()
    return report


def _parse_known(
    inputs: list[RawInput],
    options: IngestOptions,
    manifest: Manifest | None,
    report: RunReport,
    digests: dict[str, bytes] | None = None,
) -> Iterator[Parsed]:
    """Every input's result in input order: the manifest's where the input is unchanged.

    ``digests`` holds the digests of inputs read already (see :func:`_key`).
    """
    if manifest is None:
        yield from _parse_all(inputs, options)
        return
    known = digests or {}
    keys = {raw.rel: _key(raw, options, known.get(raw.rel)) for raw in inputs}
    hits = manifest.parsed([k for k in keys.values() if k])
    fresh = _parse_all([raw for raw in inputs if keys[raw.rel] not in hits], options)
    for raw in inputs:
        key = keys[raw.rel]
        if key in hits:
            report.reused += 1
            yield hits[key]
            continue
        result = next(fresh)
        if key and not any(r.reason in _PASSING for r in result.rejections):
            manifest.remember_parsed(key, result)
        yield result


# Rejections that may not happen again on the same bytes: never cached.
_PASSING = {"crashed the process reading it", "too large to hold in memory"}


def _head(path: Path, size: int) -> bytes:
    with path.open("rb") as handle:
        return handle.read(size)


def _digest(data: bytes) -> bytes:
    """What an input's bytes contribute to its manifest key."""
    return hashlib.sha256(data).digest()


def _key(raw: RawInput, options: IngestOptions, digest: bytes | None = None) -> str | None:
    """The manifest key of an input (None when it cannot be read: it is parsed, and rejected).

    ``digest`` is :func:`_digest` of the input's bytes when they were read already this run.
    """
    try:
        if digest is None:
            digest = _digest(read_bytes(raw))
        side = sidecar_path(raw.path)
        side_bytes = _head(side, MAX_SIDECAR_BYTES + 1) if side else b""
    except (InputError, OSError):
        return None
    learned = "\n".join(sorted(options.boilerplate.get(raw.folder, ())))
    date = options.date.isoformat() if options.date else ""
    fetched = options.fetched_at.isoformat() if options.fetched_at else ""
    parts = (raw.rel, raw.kind, date, fetched, learned)
    return manifest_key([*(p.encode() for p in parts), digest, side_bytes])


def _place(archive: Archive, entry: Entry, report: RunReport) -> None:
    """Place one entry; a failure to write it is its input's rejection."""
    try:
        archive.place(entry, report)
    except OSError as exc:
        where = entry.article.source_file or entry.article.slug
        report.rejected.append(Rejection(where, f"could not be written: {exc.strerror or exc}"))
