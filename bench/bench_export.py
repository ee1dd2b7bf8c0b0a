"""The export at scale (issue #17): seconds, peak memory and file sizes per format.

usage: python -m bench.bench_export [--sizes 10000 100000] [--runs N]   (prints a Markdown table)

For each size the bench/synth.py archive (seed 1) is written as Markdown in a temporary folder
and ``briefing export`` runs in a fresh process per format (``bench.measure``: median wall
time, CPU, the largest process's peak RSS).  The baseline, measured in the same session, is a
pass that only reads every file through the contract (``frontmatter.load``): the export's cost
over it is what the export itself adds.  Peak memory at two sizes shows whether it is flat.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench import synth
from bench.measure import measure
from briefing.export.content import Filters, article_files, read_articles
from briefing.export.run import FORMATS, SUFFIXES, metadata_path
from briefing.report import Rejection

ROOT = Path(__file__).resolve().parent.parent
SEED = 1
ACCESSED = "2026-12-01"
JOBS = 2  # both cores of the bench machine parse front matter


def runs_for(size: int) -> int:
    """Three runs (the median) up to 10k articles; one at 100k (~5 minutes a format)."""
    return 3 if size <= 10_000 else 1


def read_only(content: Path) -> int:
    """The baseline: read and validate every article file as the export does, nothing else."""
    errors: list[Rejection] = []
    count = sum(1 for _ in read_articles(content, Filters(), errors, JOBS))
    if errors:
        raise SystemExit(f"{len(errors)} unreadable file(s), e.g. {errors[0]}")
    return count


def export_args(fmt: str, content: Path, out: Path) -> list[str]:
    """Return the ``briefing export`` arguments the bench runs (the tests run them too)."""
    return [
        "export",
        "--format",
        fmt,
        "--content",
        str(content),
        "--out",
        str(out),
        "--settings",
        str(ROOT / "publishconf.py"),
        "--accessed",
        ACCESSED,
        "--jobs",
        str(JOBS),
    ]


def _mb(path: Path) -> float:
    return path.stat().st_size / 1e6


def _numbers(command: list[str], runs: int) -> dict[str, Any]:
    m = measure(command, runs=runs)
    return {
        "seconds": m.wall,
        "cpu": m.cpu,
        "peak_mb": m.maxrss_mb,
        "runs": runs,
        "spread": m.spread(),
    }


def _say(size: int, what: str, row: dict[str, Any]) -> None:
    """Print one measurement as it is taken (a long 100k run keeps what it measured)."""
    print(f"[bench_export] {size:,} {what}: {json.dumps(row)}", file=sys.stderr, flush=True)


def _measure_format(fmt: str, content: Path, work: Path, runs: int) -> dict[str, Any]:
    out = work / "out" / f"archive{SUFFIXES[fmt]}"
    row = _numbers([sys.executable, "-m", "briefing", *export_args(fmt, content, out)], runs)
    row["file_mb"] = _mb(out)
    if fmt == "sqlite":
        row["metadata_kb"] = metadata_path(out).stat().st_size / 1e3
    out.unlink()
    return row


def measure_archive(size: int, content: Path, work: Path, runs: int) -> dict[str, Any]:
    """Measure SQLite (the headline), the read-only baseline, then the other formats."""
    files = article_files(content)
    point: dict[str, Any] = {
        "n": size,
        "content_mb": sum(p.stat().st_size for p in files) / 1e6,
        "formats": {},
    }
    point["formats"]["sqlite"] = _measure_format("sqlite", content, work, runs)
    _say(size, "sqlite", point["formats"]["sqlite"])
    read = [sys.executable, "-m", "bench.bench_export", "--read", str(content)]
    point["baseline"] = _numbers(read, runs)
    _say(size, "read-only pass", point["baseline"])
    for fmt in FORMATS[1:]:
        point["formats"][fmt] = _measure_format(fmt, content, work, runs)
        _say(size, fmt, point["formats"][fmt])
    return point


def measure_size(size: int, work: Path, runs: int) -> dict[str, Any]:
    """Write the archive of ``size`` articles and measure the baseline and every format."""
    content = work / "content"
    synth.write_markdown(synth.generate(size, SEED).articles, content, jobs=2)
    return measure_archive(size, content, work, runs)


def run(sizes: tuple[int, ...] = (10_000, 100_000), runs: int | None = None) -> dict[str, Any]:
    """Measure every size in a temporary folder (removed after); return the results."""
    points = []
    for size in sizes:
        work = Path(tempfile.mkdtemp(prefix=f"briefing-export-{size}-"))
        try:
            points.append(measure_size(size, work, runs or runs_for(size)))
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return {"sizes": points}


def table(result: dict[str, Any]) -> str:
    """Render a result of ``run`` as a Markdown table and a note on memory growth."""
    lines = [
        "| articles | format | time (s) | CPU (s) | x read-only pass | peak RSS (MB) | file (MB) "
        "| file / Markdown |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for p in result["sizes"]:
        base = p["baseline"]
        lines.append(
            f"| {p['n']:,} | read-only pass (baseline) | {base['seconds']:.1f} (x{base['runs']}) "
            f"| {base['cpu']:.1f} | 1.00 | {base['peak_mb']:.0f} | {p['content_mb']:.0f} "
            "(Markdown) | 1.00 |"
        )
        for fmt, row in p["formats"].items():
            extra = f" + {row['metadata_kb']:.0f} kB metadata" if "metadata_kb" in row else ""
            lines.append(
                f"| {p['n']:,} | {fmt} | {row['seconds']:.1f} (x{row['runs']}) | {row['cpu']:.1f} "
                f"| {row['cpu'] / base['cpu']:.2f} | {row['peak_mb']:.0f} "
                f"| {row['file_mb']:.0f}{extra} | {row['file_mb'] / p['content_mb']:.2f} |"
            )
    if len(result["sizes"]) > 1:
        small, large = result["sizes"][0], result["sizes"][-1]
        growth = ", ".join(
            f"{fmt} x{large['formats'][fmt]['peak_mb'] / small['formats'][fmt]['peak_mb']:.2f}"
            for fmt in large["formats"]
        )
        lines += [
            "",
            f"Peak memory from {small['n']:,} to {large['n']:,} articles "
            f"(x{large['n'] / small['n']:.0f} the articles): {growth}. "
            "The ratio to the read-only pass is on CPU seconds (the machine is shared).",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the table (or, with --read, run the baseline pass over one content folder)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, help="runs per measurement (default: 3, 1 at 100k)")
    parser.add_argument("--content", type=Path, help="measure this archive (of --sizes articles)")
    parser.add_argument("--read", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.read:
        print(read_only(args.read))
        return 0
    if args.content:
        work = Path(tempfile.mkdtemp(prefix="briefing-export-"))
        try:
            size, runs = args.sizes[0], args.runs or runs_for(args.sizes[0])
            result = {"sizes": [measure_archive(size, args.content, work, runs)]}
        finally:
            shutil.rmtree(work, ignore_errors=True)
    else:
        result = run(tuple(args.sizes), args.runs)
    print(table(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
