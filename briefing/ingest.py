"""The ingest pipeline: raw inputs -> Articles (in parallel) -> the archive on disk (in order).

``parse_input`` handles one file end to end (read, decode, extract, normalise) and never raises
for bad input: it returns rejections.  ``ingest`` runs it over every input, then lets
:class:`briefing.archive.Archive` give each article its unique slug and path and write it.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from tqdm import tqdm

from briefing import frontmatter, generic
from briefing.archive import Archive, Entry
from briefing.decode import DecodeError, decode
from briefing.extract import ExtractContext, ExtractionError, RecordError, extract_text
from briefing.generic.boilerplate import MIN_DUMPS
from briefing.model import Extracted
from briefing.normalise import Dating, to_article, to_briefs
from briefing.report import Rejection, RunReport
from briefing.sources import InputError, RawInput, Sidecar, discover, read_bytes, read_sidecar


@dataclass(frozen=True)
class IngestOptions:
    """Settings of one ingest run."""

    now: datetime  # the run's clock: the date given to undated articles on first ingest
    date: datetime | None = None  # --date: the date of undated articles
    fetched_at: datetime | None = None  # --fetched-at: anchors relative dates without a sidecar
    jobs: int = 1
    previous_dates: dict[str, datetime] = field(default_factory=dict)  # kept from earlier runs
    boilerplate: dict[str, frozenset[str]] = field(default_factory=dict)  # per source folder


@dataclass(frozen=True)
class Parsed:
    """Everything one input produced."""

    rel: str
    entries: tuple[Entry, ...] = ()
    rejections: tuple[Rejection, ...] = ()


def parse_input(raw: RawInput, options: IngestOptions) -> Parsed:
    """Read, decode, extract and normalise one input; bad input becomes a Rejection."""
    try:
        data = read_bytes(raw)
        sidecar = read_sidecar(raw.path) or Sidecar()
        if raw.kind == "html" and raw.path.name.lower().endswith(".gz"):
            data = gzip.decompress(data)
        text = decode(data)
        return _parse_text(raw, text, sidecar, options)
    except (InputError, DecodeError, ExtractionError, frontmatter.FrontMatterError) as exc:
        return Parsed(raw.rel, rejections=(Rejection(raw.rel, str(exc)),))
    except (OSError, EOFError, zlib.error) as exc:
        return Parsed(raw.rel, rejections=(Rejection(raw.rel, f"unreadable: {exc}"),))


def _parse_text(raw: RawInput, text: str, sidecar: Sidecar, options: IngestOptions) -> Parsed:
    ctx = ExtractContext(
        rel_path=raw.rel,
        source_hint=sidecar.source or raw.source_hint,
        source_url=sidecar.url,
        fetched_at=sidecar.fetched_at or options.fetched_at,
        boilerplate=options.boilerplate.get(raw.folder, frozenset()),
    )
    if raw.kind == "md":
        article = frontmatter.load(text)
        return Parsed(
            raw.rel, (Entry(replace(article, source_file=article.source_file or raw.rel)),)
        )
    if raw.kind == "txt":
        found: list[Extracted | RecordError] = [extract_text(text, ctx)]
    elif raw.kind == "html":
        found = [generic.extract_html(text, ctx)]
    else:
        found = list(generic.extract_records(text, ctx))
    entries, rejections = [], []
    for n, result in enumerate(found, 1):
        if isinstance(result, RecordError):
            rejections.append(Rejection(f"{raw.rel} ({result.where})", result.reason))
            continue
        if not result.paragraphs:
            rejections.append(Rejection(raw.rel, "no article text found"))
            continue
        source_file = raw.rel if len(found) == 1 else f"{raw.rel}#{n}"
        result = _with_context(result, ctx)
        dating = Dating(
            sidecar=sidecar.date,
            option=options.date,
            previous=options.previous_dates.get(source_file),
            today=options.now,
        )
        article = to_article(result, dating, source_file)
        entries.append(Entry(article, tuple(to_briefs(result, article))))
    return Parsed(raw.rel, tuple(entries), tuple(rejections))


def _with_context(found: Extracted, ctx: ExtractContext) -> Extracted:
    """Fill source and URL from the folder or sidecar where the extractor found none."""
    return replace(
        found,
        source=found.source or ctx.source_hint,
        source_url=found.source_url or ctx.source_url,
    )


# Starting worker processes costs ~0.2 s each; below this many files one process is faster.
MIN_PARALLEL_INPUTS = 64


def _parse_all(inputs: list[RawInput], options: IngestOptions) -> Iterator[Parsed]:
    progress = {"disable": None, "unit": "file", "desc": "ingest", "leave": False}
    if options.jobs <= 1 or len(inputs) < MIN_PARALLEL_INPUTS:
        yield from (parse_input(raw, options) for raw in tqdm(inputs, **progress))
        return
    with ProcessPoolExecutor(max_workers=options.jobs) as pool:
        chunk = max(1, min(64, len(inputs) // (options.jobs * 8)))
        results = pool.map(parse_input, inputs, [options] * len(inputs), chunksize=chunk)
        yield from tqdm(results, total=len(inputs), **progress)


def learn_boilerplate_by_folder(inputs: list[RawInput]) -> dict[str, frozenset[str]]:
    """Learn, per source folder, the lines that repeat across its text dumps (site furniture)."""
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
                texts.append(decode(read_bytes(raw)))
            except (InputError, DecodeError):
                continue  # reported when the file itself is parsed
        learned[folder] = generic.learn_boilerplate(texts)
    return learned


def ingest(paths: list[Path], out: Path, options: IngestOptions) -> RunReport:
    """Normalise every input under ``paths`` into ``out/articles``; return the run report."""
    report = RunReport()
    inputs, misfits = discover(paths)
    report.rejected.extend(misfits)
    archive = Archive.scan(out, report)
    options = replace(
        options,
        previous_dates=archive.ingested_dates(),
        boilerplate=learn_boilerplate_by_folder(inputs),
    )
    parsed = list(_parse_all(inputs, options))
    for result in parsed:
        report.rejected.extend(result.rejections)
    archive.place_all([entry for result in parsed for entry in result.entries], report)
    return report
