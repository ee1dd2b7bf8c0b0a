"""The ``briefing`` command line: a thin layer over the library (argument parsing and printing)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from briefing import (
    __version__,
    categories,
    cluster,
    dating,
    locks,
    manifest,
    offline,
    site,
    verify,
)
from briefing.decode import DecodeError
from briefing.export import cite, content, run, siteinfo
from briefing.export.columns import RowContext
from briefing.export.parquet import ParquetUnavailableError
from briefing.extract import EXTRACTORS, extract
from briefing.extraction import Extracted, ExtractionError
from briefing.ingest import (
    IngestOptions,
    ingest,
    learn_boilerplate_by_folder,
    read_input,
    source_name,
)
from briefing.sources import InputError, discover

Handler = Callable[[argparse.Namespace], int]

DESCRIPTION = """\
Turn scraped news pages into a browsable, searchable archive.

Put the pages you collected under raw/ (text dumps, HTML pages, JSON scraper output),
normalise them into content/, then build the site into output/ or an offline copy
that opens from disk."""
EXAMPLES = """\
examples:
  briefing ingest raw/ --out content/            normalise every input under raw/
  briefing ingest --explain raw/000_f947edaab6fdd402.txt
                                                 show how each line of a page was read
  briefing build                                 build content/ into output/
  briefing offline                               the offline copy and its zip in dist/
  briefing verify dist/briefing-archive-offline-2026-11-24.zip

Run 'briefing COMMAND --help' for a command's options."""


def _now() -> datetime:
    """The run's clock; SOURCE_DATE_EPOCH (the reproducible-builds convention) pins it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)


def _aware(value: str) -> datetime:
    try:
        return dating.aware(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def cmd_ingest(args: argparse.Namespace) -> int:
    """Normalise raw inputs into the content folder and print the run report."""
    options = IngestOptions(now=_now(), date=args.date, fetched_at=args.fetched_at)
    if args.explain:
        return explain(Path(args.explain), [Path(p) for p in args.paths], options)
    if not args.paths:
        print("briefing ingest: give at least one RAW_PATH (or --explain FILE)", file=sys.stderr)
        return 2
    out = Path(args.out)
    options = replace(
        options,
        jobs=args.jobs or (os.cpu_count() or 1),
        manifest=None if args.no_cache else (args.cache or manifest.default_path(out)),
        scheduler=args.scheduler,
        on_wait=_tell,
    )
    try:
        report = ingest([Path(p) for p in args.paths], out, options)
    except (locks.LockTimeoutError, cluster.SchedulerError) as exc:
        print(f"ingest: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # the scheduler did not answer
        print(f"ingest: cannot reach the Dask scheduler {args.scheduler}: {exc}", file=sys.stderr)
        return 1
    for label, lines in (
        ("skipped", report.skipped),
        ("duplicate", report.duplicates),
        ("conflict", report.conflicts),
        ("rejected", report.rejected),
    ):
        for line in lines:
            print(f"{label}: {line}", file=sys.stderr)
    unmapped = categories.unmapped_line(report.sections, _category_map(args.settings))
    if unmapped:
        print(unmapped, file=sys.stderr)
    reused = f", {report.reused} inputs unchanged since the last run" if report.reused else ""
    print(f"ingest: {report.summary()} ({report.briefs} new briefs{reused})")
    return 0 if report.ok else 1


def _category_map(settings: Path) -> categories.CategoryMap:
    """The CATEGORIES mapping of a settings file (plain Python; none when there is no file)."""
    if not settings.is_file():
        return categories.CategoryMap.from_mapping({})
    try:
        values = siteinfo.read_settings(settings)
        return categories.CategoryMap.from_mapping(values.get("CATEGORIES"))
    except ValueError as exc:  # a SiteError, or a CATEGORIES entry that is no name
        print(f"ingest: {settings}: CATEGORIES not read: {exc}", file=sys.stderr)
        return categories.CategoryMap.from_mapping({})


def _tell(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def explain(target: Path, paths: list[Path], options: IngestOptions) -> int:
    """Print what ingest extracts from ``target``: each line's decision, or the fields found.

    The input is found, read and extracted exactly as ``briefing ingest PATHS`` does it (PATHS
    default to the file alone), boilerplate learned from its folder's other dumps included.
    """
    found = discover(paths or [target])
    raw = next((r for r in found.inputs if r.path.resolve() == target.resolve()), None)
    if raw is None:
        why = [r.reason for r in found.rejected if Path(r.file).name == target.name]
        print(f"{target}: {why[0] if why else 'not among the inputs given'}", file=sys.stderr)
        return 2
    options = replace(options, boilerplate=learn_boilerplate_by_folder(found.inputs))
    try:
        text, _, ctx = read_input(raw, options)
        results = extract(raw.kind, text, ctx)
    except (InputError, DecodeError, ExtractionError) as exc:
        print(f"{target}: {exc}", file=sys.stderr)
        return 1
    for n, result in enumerate(results, 1):
        where = source_name(raw, n, len(results))
        if not isinstance(result, Extracted):
            print(f"# {where}: rejected ({result.where}: {result.reason})")
            continue
        profile = result.profile or "generic"
        print(f"# {where} (extractor: {EXTRACTORS[raw.kind].name}, profile: {profile})")
        _print_found(result)
    return 0


def _print_found(found: Extracted) -> None:
    """Print the extractor's line decisions; an extractor that keeps none, the fields found."""
    for d in found.decisions:
        reason = f" ({d.reason})" if d.reason else ""
        print(f"{d.line:5d} {d.label:<12} {d.text[:100]}{reason}")
    if not found.decisions:
        for label, value in (
            ("title", found.title),
            ("date", found.date.isoformat() if found.date else None),
            ("authors", ", ".join(found.authors)),
            ("paragraphs", str(len(found.paragraphs))),
        ):
            print(f"{label:<12} {value or '-'}")


def cmd_build(args: argparse.Namespace) -> int:
    """Build the site with Pelican; the output folder is replaced only on success."""
    try:
        siteinfo.read_settings(Path(args.settings))  # its error in one line, before Pelican's
        site.build_site(
            Path(args.content),
            Path(args.output),
            Path(args.settings),
            jobs=args.jobs,
            incremental=not args.full,
            scheduler=args.scheduler,
        )
    except (site.BuildError, siteinfo.SiteError, cluster.SchedulerError) as exc:
        print(f"build: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:  # the scheduler did not answer
        print(f"build: cannot reach the Dask scheduler {args.scheduler}: {exc}", file=sys.stderr)
        return 1
    return 0


def cmd_offline(args: argparse.Namespace) -> int:
    """Build the offline archive folder and zip into dist/ (links checked, manifest written)."""
    try:
        target = offline.make_offline(
            Path(args.content),
            Path(args.settings),
            Path(args.dist),
            _now().date(),
            args.jobs or os.cpu_count() or 1,
            output=Path(args.output) if args.output else None,
        )
    except (site.BuildError, siteinfo.SiteError) as exc:
        print(f"offline: {exc}", file=sys.stderr)
        return 1
    except offline.BundleError as exc:
        for error in exc.errors:
            print(f"offline: {error}", file=sys.stderr)
        print(f"offline: {exc}", file=sys.stderr)
        return 1
    print(f"offline: wrote {target}")
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    """Check an offline bundle (folder or zip) against its SHA256SUMS; name each bad file."""
    problems = verify.verify(Path(args.bundle))
    for problem in problems:
        print(f"verify: {problem}", file=sys.stderr)
    if problems:
        print(f"verify: {args.bundle}: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print(f"verify: {args.bundle}: every file matches the manifest")
    return 0


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a day (YYYY-MM-DD)") from None


def _row_context(args: argparse.Namespace, style: str) -> RowContext:
    """Return the rows' site, access day and citation style from the arguments."""
    info = siteinfo.load(Path(args.settings))
    if args.site_url is not None:
        info = replace(info, url=args.site_url)
    return RowContext(site=info, accessed=args.accessed or _now().date(), cite_style=style)


def cmd_export(args: argparse.Namespace) -> int:
    """Export the archive as SQLite, JSONL, CSV or Parquet; name every file left out."""
    out = Path(args.out or f"corpus/archive{run.SUFFIXES[args.format]}")
    filters = content.Filters(args.since, args.until, args.source, args.category)
    try:
        options = run.ExportOptions(args.format, _row_context(args, args.cite_style), filters)
        options = replace(options, bom=args.bom, jobs=args.jobs or (os.cpu_count() or 1))
        report = run.export(Path(args.content), out, options)
    except (siteinfo.SiteError, ParquetUnavailableError, OSError) as exc:
        print(f"export: {exc}", file=sys.stderr)
        return 1
    for error in report.errors:
        print(f"export: left out {error}", file=sys.stderr)
    written = ", ".join(str(p) for p in [report.path, *report.extra])
    print(f"export: {report.rows} articles to {written}; {len(report.errors)} file(s) left out")
    return 0 if report.ok else 1


def cmd_cite(args: argparse.Namespace) -> int:
    """Print the citation of one article."""
    try:
        context = _row_context(args, args.style)
        article = content.find_article(Path(args.content), args.slug)
        where = cite.Citable(context.site.article_address(article), context.accessed)
    except (siteinfo.SiteError, LookupError, OSError, ValueError) as exc:
        print(f"cite: {exc}", file=sys.stderr)
        return 1
    print(cite.cite(article, args.style, where))
    return 0


def _site_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--content", default="content", help="content folder (default: content)")
    p.add_argument(
        "--settings", default="publishconf.py", help="settings giving SITEURL and ARTICLE_URL"
    )
    p.add_argument("--site-url", help="the archive's address instead of the settings' SITEURL")
    p.add_argument("--accessed", type=_day, help="access day in citations (default: today)")


def _add_corpus_commands(sub: Any, fmt: type[argparse.HelpFormatter]) -> None:
    """Add ``export`` and ``cite`` (the archive as a research corpus)."""
    p = sub.add_parser(
        "export",
        help="export the archive as SQLite (Datasette), JSONL, CSV or Parquet",
        formatter_class=fmt,
        epilog=(
            "examples:\n  briefing export --format sqlite --out corpus/archive.db\n"
            "  briefing export --format csv --bom --since 2026-02-01 --source report.az"
        ),
    )
    p.add_argument("--format", choices=run.FORMATS, required=True, help="file format")
    p.add_argument("--out", help="file to write (default: corpus/archive.<format's suffix>)")
    p.add_argument("--since", type=_day, help="first local day exported (YYYY-MM-DD)")
    p.add_argument("--until", type=_day, help="last local day exported (YYYY-MM-DD)")
    p.add_argument("--source", help="only this source (case-insensitive)")
    p.add_argument("--category", help="only this category (case-insensitive)")
    p.add_argument("--cite-style", choices=cite.STYLES, default="apa", help="the rows' citations")
    p.add_argument("--bom", action="store_true", help="CSV: start with a UTF-8 BOM (for Excel)")
    p.add_argument(
        "--jobs", type=int, default=0, help="reading processes (default 0: one per core)"
    )
    _site_arguments(p)
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser(
        "cite",
        help="print the citation of an article",
        formatter_class=fmt,
        epilog=(
            "example:\n"
            "  briefing cite baku-metro-discusses-modernization-with-aiib-and-adb --style bibtex"
        ),
    )
    p.add_argument("slug", help="the article's slug")
    p.add_argument("--style", choices=cite.STYLES, default="apa", help="citation style")
    _site_arguments(p)
    p.set_defaults(handler=cmd_cite)


def parser() -> argparse.ArgumentParser:
    """Return the argument parser of every command (each help text has an example)."""
    fmt = argparse.RawDescriptionHelpFormatter
    top = argparse.ArgumentParser(
        prog="briefing", description=DESCRIPTION, epilog=EXAMPLES, formatter_class=fmt
    )
    top.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    top.add_argument("--version", action="version", version=f"briefing {__version__}")
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser(
        "ingest",
        help="normalise raw scrapes into content/articles",
        formatter_class=fmt,
        epilog=(
            "examples:\n  briefing ingest raw/ --out content/\n"
            "  briefing ingest raw/ --fetched-at 2026-02-27T18:00:00+04:00\n"
            "  briefing ingest raw/ --out content/ --scheduler local:2\n"
            "  briefing ingest --explain raw/000_f947edaab6fdd402.txt"
        ),
    )
    p.add_argument("paths", nargs="*", metavar="RAW_PATH", help="files or folders of raw inputs")
    p.add_argument("--out", default="content", help="content folder (default: content)")
    p.add_argument("--date", type=_aware, help="date for undated inputs (ISO 8601 with offset)")
    p.add_argument(
        "--fetched-at",
        type=_aware,
        help="when the pages were fetched (ISO 8601 with offset): dates relative datelines "
        "('5 hours ago') of inputs whose sidecar gives no fetched_at",
    )
    p.add_argument("--jobs", type=int, default=0, help="worker processes (default 0: one per core)")
    p.add_argument(
        "--explain",
        metavar="FILE",
        help="show each line of FILE with its decision, as ingest of RAW_PATH (default: FILE) "
        "reads it",
    )
    p.add_argument(
        "--cache",
        type=Path,
        metavar="FILE",
        help="ingest manifest: unchanged inputs are not extracted again "
        "(default: .briefing-cache/ beside the content folder)",
    )
    p.add_argument("--no-cache", action="store_true", help="extract every input again")
    p.add_argument(
        "--settings",
        type=Path,
        default=Path("pelicanconf.py"),
        help="site settings whose CATEGORIES mapping the run's sections are checked against "
        "(default: pelicanconf.py, when it exists)",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run extraction on Dask: tcp://HOST:8786, or local:N for N local worker processes",
    )
    p.set_defaults(handler=cmd_ingest)

    p = sub.add_parser(
        "build",
        help="build the site with Pelican",
        formatter_class=fmt,
        epilog=(
            "examples:\n"
            "  briefing build --content content --output output --settings pelicanconf.py\n"
            "  briefing build --scheduler local:2"
        ),
    )
    p.add_argument("--content", default="content", help="content folder (default: content)")
    p.add_argument("--output", default="output", help="output folder (default: output)")
    p.add_argument("--settings", default="pelicanconf.py", help="Pelican settings file")
    p.add_argument(
        "--jobs", type=int, default=0, help="rendering processes (default 0: one per core)"
    )
    p.add_argument(
        "--full", action="store_true", help="render every page (keep none from the last build)"
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="parse articles and index search parts on Dask: tcp://HOST:8786, or local:N",
    )
    p.set_defaults(handler=cmd_build)

    p = sub.add_parser(
        "offline",
        help="build the offline archive (folder + zip) that works from disk",
        formatter_class=fmt,
        epilog=(
            "example:\n  briefing offline --content content --output output"
            " --settings pelicanconf.py --dist dist"
        ),
    )
    p.add_argument("--content", default="content", help="content folder (default: content)")
    p.add_argument(
        "--output",
        help="the hosted site, built first (incremental) and derived from (default: "
        "output/ beside the content)",
    )
    p.add_argument(
        "--settings", default="pelicanconf.py", help="the hosted site's Pelican settings"
    )
    p.add_argument("--dist", default="dist", help="where the folder and zip go (default: dist)")
    p.add_argument(
        "--jobs", type=int, default=0, help="processes deriving the pages (default: one per core)"
    )
    p.set_defaults(handler=cmd_offline)

    p = sub.add_parser(
        "verify",
        help="check an offline bundle against its SHA256SUMS manifest",
        formatter_class=fmt,
        epilog="example:\n  briefing verify dist/briefing-archive-offline-2026-11-24.zip",
    )
    p.add_argument("bundle", help="the bundle's zip or unpacked folder")
    p.set_defaults(handler=cmd_verify)
    _add_corpus_commands(sub, fmt)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if not args.verbose:
        # trafilatura warns "discarding data: None" without naming the page; ingest's own
        # "rejected: <file>: <reason>" line already says it, so only --verbose shows its notes.
        logging.getLogger("trafilatura").setLevel(logging.ERROR)
    handler: Handler = args.handler
    try:
        return handler(args)
    except BrokenPipeError:  # output piped into `head`: stop quietly, like other Unix tools
        sys.stderr.close()
        return 0
