"""The build's independent parts: time and memory of each, for docs/SCALE.md's extrapolation.

usage: python -m bench.bench_parts [--size N] [--content DIR --output DIR]

``make bench`` runs it at 10k (a hook): it writes the corpus (bench/synth.py, seed 1), builds it
once (``briefing build --jobs 2``, cold) and measures, each in a process of its own:

- **prefill batches** (plugins/pelican/plugins/incremental/prefill.py: ``BATCH`` article files
  parsed and tokenised, what a Dask task does): CPU seconds per batch (median, max) and the
  process's peak resident memory after every batch ran in it (a worker's floor: the plugins
  imported, no ``distributed``);
- **search parts** (``PAGEFIND["part_pages"]``, whole months, as the plugin cuts them):
  Pagefind's wall and CPU seconds and peak resident memory per part (``os.wait4``), its pages
  and its bundle's size.

``--content`` and ``--output`` measure an archive already built instead.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from bench import synth

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable


def run(sizes: tuple[int, ...]) -> dict[str, Any]:
    """Measure the parts of a cold build at each size (the ``make bench`` hook)."""
    out: dict[str, Any] = {}
    for size in sizes:
        with tempfile.TemporaryDirectory(prefix="bench-parts-") as tmp:
            content, output = Path(tmp) / "content", Path(tmp) / "output"
            synth.write_markdown(synth.generate(size, 1).articles, content, jobs=2)
            shutil.copytree(ROOT / "content" / "pages", content / "pages")
            build = [PY, "-m", "briefing", "build", "--content", str(content)]
            build += ["--output", str(output), "--jobs", "2"]
            subprocess.run(build, check=True, capture_output=True, cwd=ROOT)
            out[str(size)] = measure(content, output)
    return out


def measure(content: Path, output: Path) -> dict[str, Any]:
    """Measure the prefill batches and the search parts of a built archive."""
    batches = subprocess.run(
        [PY, "-m", "bench.bench_parts", "--batches", str(content)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return {"prefill": json.loads(batches.stdout), "search": search_parts(output)}


def prefill_batches(content: Path) -> dict[str, Any]:
    """Run every prefill batch of ``content`` in this process; CPU per batch, peak memory."""
    from pelican.plugins.briefing_reader.reader import cache_salt
    from pelican.plugins.incremental import prefill
    from pelican.plugins.read_next.plugin import tokens_salt

    settings = {"PATH": str(content), "ARTICLE_PATHS": ["articles"], "PAGE_PATHS": ["pages"]}
    job = prefill.Job(None, cache_salt(settings), tokens_salt())
    files = prefill.article_files(settings)
    seconds = []
    for at in range(0, len(files), prefill.BATCH):
        batch = [(str(f), f.read_bytes()) for f in files[at : at + prefill.BATCH]]
        started = time.process_time()
        prefill.compute(batch, job)
        seconds.append(time.process_time() - started)
    return {
        "files": len(files),
        "batch": prefill.BATCH,
        "batches": len(seconds),
        "cpu_s_median": statistics.median(seconds),
        "cpu_s_max": max(seconds),
        "cpu_s_total": sum(seconds),
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def search_parts(output: Path) -> list[dict[str, Any]]:
    """Index each search part of ``output`` alone; its pages, time, memory and bundle size."""
    from pelican.plugins.pagefind_index import indexer, runner
    from pelican.plugins.pagefind_index.settings import PagefindSettings

    settings = PagefindSettings()
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-parts-") as tmp:
        for part in indexer.plan_parts(_pages(output), settings.part_pages):
            bundle = Path(tmp) / part.name
            glob = indexer.page_glob(part.pages)
            started = time.perf_counter()
            process = runner.start(output, glob, bundle, (), settings.language)
            _, status, usage = os.wait4(process.pid, 0)
            wall = time.perf_counter() - started
            process.returncode = os.waitstatus_to_exitcode(status)
            count = runner.finish(process, glob, bundle)
            size = sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file())
            rows.append(
                {
                    "part": part.name,
                    "pages": count,
                    "wall_s": wall,
                    "cpu_s": usage.ru_utime + usage.ru_stime,
                    "peak_mb": usage.ru_maxrss / 1024,
                    "bundle_mb": size / 1e6,
                }
            )
    return rows


def _pages(output: Path) -> list[Any]:
    """The article pages of a built site (``YYYY/MM/DD/slug/index.html``) as the index's pages."""
    from pelican.plugins.pagefind_index.indexer import PageSource

    pages = []
    for path in sorted(output.glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]/[0-9][0-9]/*/index.html")):
        rel = path.relative_to(output).as_posix()
        year, month, day = (int(x) for x in rel.split("/")[:3])
        pages.append(PageSource(rel, datetime(year, month, day), ""))
    return pages


PREFILL_COLUMNS = (
    "articles",
    "prefill batches",
    "files a batch",
    "CPU s a batch (median / max)",
    "CPU s all",
    "peak MB (one process)",
)
SEARCH_COLUMNS = ("articles", "search part", "pages", "wall s", "CPU s", "peak MB", "bundle MB")


def _row(cells: tuple[object, ...]) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def table(result: dict[str, Any]) -> str:
    """Return the parts as Markdown tables: prefill batches, then each search part."""
    lines = [_row(PREFILL_COLUMNS), _row(("---:",) * len(PREFILL_COLUMNS))]
    for size, row in result.items():
        p = row["prefill"]
        cpu = f"{p['cpu_s_median']:.2f} / {p['cpu_s_max']:.2f}"
        cells = (f"{int(size):,}", p["batches"], p["batch"], cpu, f"{p['cpu_s_total']:.1f}")
        lines.append(_row((*cells, f"{p['peak_mb']:.0f}")))
    lines += ["", _row(SEARCH_COLUMNS), _row(("---:",) * len(SEARCH_COLUMNS))]
    for size, row in result.items():
        for part in row["search"]:
            numbers = (part["wall_s"], part["cpu_s"])
            cells = (f"{int(size):,}", part["part"], f"{part['pages']:,}")
            mb = (f"{part['peak_mb']:.0f}", f"{part['bundle_mb']:.1f}")
            lines.append(_row((*cells, *(f"{n:.1f}" for n in numbers), *mb)))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Measure at ``--size`` (a fresh build) or over ``--content`` and ``--output``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--content", type=Path)
    parser.add_argument("--output", type=Path)
    parser.add_argument("--batches", type=Path, help=argparse.SUPPRESS)  # the child's part
    args = parser.parse_args(argv)
    if args.batches:
        print(json.dumps(prefill_batches(args.batches)))
        return 0
    if args.content and args.output:
        result = {"measured": measure(args.content, args.output)}
        result = {str(len(list((args.content / "articles").rglob("*.md")))): result["measured"]}
    else:
        result = run((args.size,))
    print(json.dumps(result, indent=1))
    print(table(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
