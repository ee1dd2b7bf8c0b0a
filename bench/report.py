"""Format the bench results as Markdown: machine and versions, targets, one table per step."""

from __future__ import annotations

import os
import platform
from importlib import metadata
from pathlib import Path
from typing import Any

from bench import baselines

# The targets.
BUILD_LIMIT_S = 60.0  # full 10k build including read next and search
UPDATE_LIMIT_S = 10.0  # daily update: 20 new articles on the 10k archive
DAILY_HTML_LIMIT_S = 8.0  # `make html` after 20 raw dumps added to the 10k raw folder
MEMORY_LIMIT_MB = 2048.0
HEADLINE = 10_000


def machine() -> dict[str, Any]:
    """Return cores, memory and CPU model of this machine."""
    model = "?"
    with Path("/proc/cpuinfo").open(encoding="utf-8") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    mem_kb = 0
    for line in Path("/proc/meminfo").read_text(encoding="utf-8").splitlines():
        if line.startswith("MemTotal:"):
            mem_kb = int(line.split()[1])
    return {"cores": os.cpu_count(), "memory_gib": round(mem_kb / 2**20, 1), "cpu": model}


def versions() -> dict[str, str]:
    """Return the versions of the tools measured."""

    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    return {
        "python": platform.python_version(),
        "pelican": version("pelican"),
        "pagefind": version("pagefind"),
        "hugo": baselines.hugo_version(),
        "markdown": version("markdown"),
    }


def _load(values: Any) -> str:
    return ", ".join(f"{v:.1f}" for v in values) if values else "?"


def _s(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def _status(value: float | None, limit: float) -> str:
    if value is None:
        return "not measured"
    return "met" if value <= limit else "not met"


def targets(results: dict[str, Any]) -> list[str]:
    """Return the targets table: met / not met / not measured."""
    build = results.get("build", {}).get(str(HEADLINE), {}).get("ours", {})
    update, daily = results.get("update", {}), results.get("daily_html", {})
    peaks: list[float] = [  # ours only: ingest, build and offline (not the baselines)
        row["maxrss_mb"]
        for group in ("ingest", "build")
        for rows in results.get(group, {}).values()
        for name, row in rows.items()
        if name not in ("pelican", "hugo") and isinstance(row.get("maxrss_mb"), float)
    ]
    peak = max(peaks) if peaks else None
    stages = build.get("stages", {})
    missing = [s for s in ("read next", "search index") if s not in stages]
    note = f" (without {', '.join(missing)}: not built yet)" if build and missing else ""
    return [
        "| target | measured | limit | status |",
        "|---|---:|---:|---|",
        f"| full {HEADLINE:,} build incl. read next and search{note} | {_s(build.get('wall'))} s "
        f"| {BUILD_LIMIT_S:.0f} s | {_status(build.get('wall'), BUILD_LIMIT_S)} |",
        f"| daily update (20 new articles on {update.get('size', HEADLINE):,}) "
        f"| {_s(update.get('wall'))} s | {UPDATE_LIMIT_S:.0f} s "
        f"| {_status(update.get('wall'), UPDATE_LIMIT_S)} |",
        f"| `make html` after 20 raw dumps on {daily.get('size', HEADLINE):,} (ingest + build) "
        f"| {_s(daily.get('wall'))} s | {DAILY_HTML_LIMIT_S:.0f} s "
        f"| {_status(daily.get('wall'), DAILY_HTML_LIMIT_S)} |",
        f"| peak memory (largest process of our ingest and builds) | {_s(peak)} MB "
        f"| {MEMORY_LIMIT_MB:.0f} MB | {_status(peak, MEMORY_LIMIT_MB)} |",
    ]


def ingest_table(results: dict[str, Any]) -> list[str]:
    """Return the ingest table: files per second on one core and on all."""
    if not results.get("ingest"):
        return ["not measured in this run"]
    lines = [
        "| archive | input | files | jobs | wall s (median) | range | files/s | CPU s | peak MB |",
        "|---:|---|---:|---:|---:|---|---:|---:|---:|",
    ]
    for size, rows in results.get("ingest", {}).items():
        for row in rows.values():
            if "error" in row:
                lines.append(f"| {int(size):,} | - | | - | failed: {row['error']} | | | | |")
                continue
            kind = {"html": "HTML pages", "txt": "text dumps"}.get(row.get("kind", ""), "")
            kind = kind or "text dumps, unchanged (manifest)"
            lines.append(
                f"| {int(size):,} | {kind} | {row.get('files', '')} | {row['jobs']} "
                f"| {row['wall']:.2f} | {_range(row)} "
                f"| {row['files_per_s']:.0f} | {row['cpu']:.1f} | {row['maxrss_mb']:.0f} |"
            )
    return lines


def _range(row: dict[str, Any]) -> str:
    walls = row.get("walls") or []
    return f"{min(walls):.1f}-{max(walls):.1f}" if len(walls) > 1 else ""


def build_table(results: dict[str, Any]) -> list[str]:
    """Return the site build table: ours against vanilla Pelican and Hugo, with ratios."""
    lines = [
        "| articles | tool | pages | wall s (median) | range | CPU s | peak MB | ours / tool |",
        "|---:|---|---:|---:|---|---:|---:|---:|",
    ]
    names = {
        "ours": "briefing build",
        "ours1": "briefing build --jobs 1",
        "dask2": "briefing build --scheduler local:2",
        "pelican": "vanilla Pelican",
        "hugo": "Hugo",
    }
    for size, rows in results.get("build", {}).items():
        ours = rows.get("ours", {}).get("wall")
        for key, name in names.items():
            row = rows.get(key)
            if row is None:
                continue
            if "error" in row:
                lines.append(f"| {int(size):,} | {name} | | failed: {row['error']} | | | | |")
                continue
            ratio = f"{ours / row['wall']:.2f}" if ours and key != "ours" else ""
            lines.append(
                f"| {int(size):,} | {name} | {row.get('pages', '')} | {row['wall']:.2f} "
                f"| {_range(row)} | {row['cpu']:.1f} | {row['maxrss_mb']:.0f} | {ratio} |"
            )
    return lines


def stage_table(results: dict[str, Any]) -> list[str]:
    """Return our build split by stage (medians of the timed plugin signal handlers)."""
    columns = ("pelican render", "read next", "search index", "offline bundle", "other")
    lines = [
        "| articles | " + " | ".join(columns[:-1]) + " | other (start-up, imports, swap) |",
        "|---:|" + "---:|" * len(columns),
    ]
    for size, rows in results.get("build", {}).items():
        ours = rows.get("ours", {})
        stages = dict(ours.get("stages", {}))
        offline = rows.get("offline")
        cells = []
        for column in columns:
            cells.append(_stage_cell(column, stages, offline, results.get("absent", [])))
        lines.append(f"| {int(size):,} | " + " | ".join(cells) + " |")
    return lines


def _stage_cell(
    column: str, stages: dict[str, Any], offline: dict[str, Any] | None, absent: list[str]
) -> str:
    if column in absent:
        return "not built yet"
    if column == "offline bundle":
        if not offline:
            return "not measured"
        if "error" in offline:
            return "failed"
        plugin = offline.get("stages", {}).get("offline bundle")
        return f"{offline['wall']:.1f} s whole run ({_s(plugin)} s index)"
    if "error" in stages:
        return "failed"
    value = stages.get(column)
    return "-" if value is None else f"{value:.1f} s"


def update_table(results: dict[str, Any]) -> list[str]:
    """Return the daily update row."""
    row = results.get("update")
    if not row:
        return ["not measured"]
    if "error" in row:
        return [f"failed: {row['error']}"]
    stages = row.get("stages", {})
    split = ", ".join(f"{k} {v:.1f} s" for k, v in stages.items() if isinstance(v, float))
    return [
        "| archive | new articles | wall s (median) | range | CPU s | peak MB | by stage |",
        "|---:|---:|---:|---|---:|---:|---|",
        f"| {row['size']:,} | {row['added']} per run | {row['wall']:.2f} | {_range(row)} "
        f"| {row['cpu']:.1f} | {row['maxrss_mb']:.0f} | {split} |",
        *daily_html_row(results),
    ]


def daily_html_row(results: dict[str, Any]) -> list[str]:
    """Return the row of ``make html`` after a day of raw dumps (ingest + build), if measured."""
    row = results.get("daily_html")
    if not row:
        return []
    if "error" in row:
        return [f"| {row.get('size', HEADLINE):,} | make html: failed: {row['error']} |||||"]
    return [
        f"| {row['size']:,} | {row['added']} raw dumps per run, `make html` (ingest + build) "
        f"| {row['wall']:.2f} | {_range(row)} | {row['cpu']:.1f} | {row['maxrss_mb']:.0f} | |"
    ]


def header(results: dict[str, Any]) -> list[str]:
    """Return the title, machine, versions and method lines."""
    m, v = results["machine"], results["versions"]
    return [
        f"# Benchmark ({results['mode']}) {results['when']}",
        "",
        f"Machine: {m['cores']} cores, {m['memory_gib']} GiB, {m['cpu']}.  "
        + ", ".join(f"{k} {val}" for k, val in v.items())
        + ".",
        "",
        f"Wall time is the median of {results['runs']} runs; CPU is user+system of the command "
        "and its children; peak MB is the largest single process's resident memory "
        "(getrusage RUSAGE_CHILDREN in a fresh process per run).  Builds are cold (output and "
        "plugin caches removed) except the daily update, which keeps them.  Load average "
        f"(1, 5, 15 min) before: {_load(results.get('load_before'))}, after: "
        f"{_load(results.get('load_after'))}: on a shared machine compare CPU s as well.",
    ]


def render(results: dict[str, Any]) -> str:
    """Return the whole Markdown report."""
    notes = results.get("notes", [])
    parts = [
        *header(results),
        "",
        "## Targets",
        "",
        *targets(results),
        "",
        "## Ingest (raw dumps -> Markdown)",
        "",
        *ingest_table(results),
        "",
        "## Site build: ours and the baselines (same articles, same session)",
        "",
        *build_table(results),
        "",
        "Reference measured earlier on this machine: 10k articles (15.6k pages) vanilla Pelican "
        "~91 s, Hugo ~15 s.  Hugo uses both cores; Pelican runs on one.",
        "",
        "## Our build by stage (plugin signal handlers timed by bench/timing_plugin)",
        "",
        *stage_table(results),
        "",
        "## Daily update (20 new articles, rebuild)",
        "",
        *update_table(results),
    ]
    for title, text in results.get("hooks", {}).items():
        parts += ["", f"## {title}", "", text]
    if notes:
        parts += ["", "## Notes", "", *[f"- {n}" for n in notes]]
    return "\n".join(parts) + "\n"
