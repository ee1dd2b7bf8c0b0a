"""``make bench`` / ``make bench-quick``: the archive's speed against Pelican and Hugo.

usage: python -m bench.run --quick | --full [--runs N] [--skip STEP ...] [--keep]

``--quick`` measures 1k articles only (under 3 minutes); ``--full`` adds the 10k headline
(ingest, build, baselines, daily update, offline bundle) and runs the other engineers' hooks at
their sizes (read next at 10k and 100k, search at 10k, the export at 10k and 100k).  The corpus
comes from bench/synth.py (seed 1) in a temporary folder.  The report is printed and written to
bench/results/latest.md and latest.json.

Hooks: a module ``bench/bench_read_next.py``, ``bench/bench_search.py``,
``bench/bench_offline.py`` or ``bench/bench_export.py`` with
``run(sizes: tuple[int, ...]) -> dict`` (and optionally ``table(result) -> str``) is run when it
exists; the report shows its table.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from bench import dumps, html_pages, report, stages, synth
from bench.measure import CommandError

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SEED = 1
STEPS = ("ingest", "build", "offline", "baselines", "update", "hooks")

HTML_PAGES = 300  # HTML pages ingested per size: ~25 ms each on one core, 10 s a run


@dataclass(frozen=True)
class Plan:
    """What one mode measures."""

    sizes: tuple[int, ...]  # archive sizes built (ingest, build, baselines)
    update_size: int  # archive the daily update is added to
    runs: int
    hooks: dict[str, tuple[int, ...]]  # hook module -> sizes
    # Secondary steps get fewer runs where they are slow (to keep quick < 3 min, full ~30 min).
    ingest_runs: dict[int, int] = field(default_factory=dict)  # size -> runs (default: runs)
    offline_runs: dict[int, int] = field(default_factory=dict)
    dask_runs: int = 0  # the build on a 2-worker LocalCluster, beside --jobs 2 and --jobs 1


PLANS = {
    # Under 3 minutes on the 2-core machine: 1k only, the browser hooks left to --full.
    "quick": Plan(
        sizes=(1_000,),
        update_size=1_000,
        runs=3,
        hooks={"bench_read_next": (1_000,)},
        offline_runs={1_000: 0},  # the offline bundle (a second whole build) only in --full
    ),
    "full": Plan(
        sizes=(1_000, 10_000),
        update_size=10_000,
        runs=3,
        hooks={
            "bench_read_next": (10_000, 100_000),
            "bench_search": (10_000,),
            "bench_offline": (10_000,),
            "bench_export": (10_000, 100_000),
            "bench_parts": (10_000,),
        },
        ingest_runs={10_000: 1},
        offline_runs={1_000: 1, 10_000: 1},
        dask_runs=1,
    ),
}
HOOK_TITLES = {
    "bench_read_next": "Read next (bench/bench_read_next.py)",
    "bench_search": "Search, hosted (bench/bench_search.py)",
    "bench_offline": "Search, offline from file:// (bench/bench_offline.py)",
    "bench_export": "Export: SQLite, JSONL, CSV, Parquet (bench/bench_export.py)",
    "bench_parts": "The build's parts: time and memory per part (bench/bench_parts.py)",
}


def _attempt(results: dict[str, Any], step: Callable[[], dict[str, Any]]) -> dict[str, Any]:
    """Run one measured step; a failing command becomes an error row (and a failed run)."""
    try:
        return step()
    except CommandError as exc:
        results["failed"] = True
        first = str(exc).splitlines()[-1] if str(exc) else "failed"
        results.setdefault("notes", []).append(f"failure: {one_line(str(exc))}")
        return {"error": first[:120]}
    finally:
        save(results)  # a long run stopped halfway still leaves what it measured


def save(results: dict[str, Any]) -> str:
    """Write bench/results/latest.{md,json} (also after each step) and return the Markdown."""
    text = report.render(results)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.md").write_text(text, encoding="utf-8")
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=1, default=str), "utf-8")
    return text


def measure_size(
    size: int, plan: Plan, skip: set[str], work: Path, results: dict[str, Any]
) -> None:
    """Generate the archive of ``size`` articles and measure every step on it."""
    say(f"{size:,} articles: generating the corpus")
    corpus = synth.generate(size, SEED)
    content = work / "content"
    synth.write_markdown(corpus.articles, content, jobs=2)
    shutil.copytree(ROOT / "content" / "pages", content / "pages", dirs_exist_ok=True)
    key = str(size)
    if "ingest" not in skip:
        raw = work / "raw"
        dumps.write_raw(corpus.articles, raw)
        rows = results.setdefault("ingest", {}).setdefault(key, {})
        for jobs in (1, 2):  # one core, both cores
            say(f"{size:,}: ingest --jobs {jobs}")
            rows[f"jobs{jobs}"] = _attempt(
                results,
                partial(stages.ingest, raw, work, jobs, plan.ingest_runs.get(size, plan.runs)),
            )
        say(f"{size:,}: ingest on a Dask LocalCluster of 2 workers")
        rows["dask2"] = _attempt(
            results, partial(stages.ingest, raw, work, 2, 1, scheduler="local:2")
        )
        say(f"{size:,}: re-ingest of the unchanged folder (manifest)")
        rows["reingest"] = _attempt(results, partial(stages.reingest, raw, work, plan.runs))
        # HTML pages go through trafilatura (tens of ms each): a sample of the archive is enough.
        pages = work / "html"
        html_pages.write_html(corpus.articles[:HTML_PAGES], pages)
        for jobs in (1, 2):
            say(f"{size:,}: ingest {min(size, HTML_PAGES):,} HTML pages --jobs {jobs}")
            rows[f"html{jobs}"] = _attempt(
                results, partial(stages.ingest, pages, work, jobs, 1, "html")
            )
    rows = results.setdefault("build", {}).setdefault(key, {})
    if "build" not in skip:
        say(f"{size:,}: briefing build")
        rows["ours"] = _attempt(results, lambda: stages.our_build(content, work, plan.runs))
        say(f"{size:,}: briefing build --jobs 1 (one rendering process)")
        rows["ours1"] = _attempt(results, lambda: stages.our_build(content, work, plan.runs, 1))
        if plan.dask_runs:
            say(f"{size:,}: briefing build --scheduler local:2 (articles, search parts on Dask)")
            rows["dask2"] = _attempt(
                results, lambda: stages.our_build(content, work, plan.dask_runs, 2, "local:2")
            )
    if "update" not in skip and size == plan.update_size:
        say(f"{size:,}: daily update")
        update = _attempt(results, lambda: stages.daily_update(corpus, content, work, plan.runs))
        results["update"] = {**update, "size": size}
        if "ingest" not in skip:  # the raw folder is written by the ingest step
            say(f"{size:,}: make html after a day of raw dumps (ingest + build)")
            daily = _attempt(
                results, lambda: stages.daily_html(corpus, work / "raw", work, plan.runs)
            )
            results["daily_html"] = {**daily, "size": size}
    offline_runs = plan.offline_runs.get(size, plan.runs)
    if "offline" not in skip and offline_runs and stages.plugin_present("offline_search"):
        say(f"{size:,}: briefing offline")
        rows["offline"] = _attempt(
            results,
            lambda: stages.offline_bundle(content, work, offline_runs, corpus),
        )
    if "baselines" not in skip:
        say(f"{size:,}: vanilla Pelican")
        rows["pelican"] = _attempt(results, lambda: stages.vanilla_pelican(corpus, work, plan.runs))
        say(f"{size:,}: Hugo")
        rows["hugo"] = _attempt(results, lambda: stages.hugo(corpus, work, plan.runs))


def run_hooks(plan: Plan, results: dict[str, Any]) -> None:
    """Run the other engineers' benchmark modules that exist in bench/."""
    hooks: dict[str, str] = {}
    for name, sizes in plan.hooks.items():
        if importlib.util.find_spec(f"bench.{name}") is None:
            hooks[HOOK_TITLES[name]] = "not built yet (no bench/" + name + ".py)"
            continue
        say(f"hook bench/{name}.py at {sizes}")
        try:
            module = importlib.import_module(f"bench.{name}")
            result = module.run(tuple(sizes))
        # Another engineer's module: whatever it raises goes into the report (and fails the
        # run) instead of losing every number measured before it.
        except Exception as exc:
            results["failed"] = True
            hooks[HOOK_TITLES[name]] = f"failed: {type(exc).__name__}: {exc}"
            continue
        results.setdefault("hook_results", {})[name] = result
        table = getattr(module, "table", None)
        text = (
            table(result)
            if callable(table)
            else f"```\n{json.dumps(result, indent=1, default=str)}\n```"
        )
        hooks[HOOK_TITLES[name]] = text
    results["hooks"] = hooks


def one_line(text: str, limit: int = 600) -> str:
    """Return an error's text on one line for a Markdown list (the JSON keeps all of it)."""
    flat = " / ".join(line.strip() for line in text.splitlines() if line.strip())
    return flat if len(flat) <= limit else flat[: limit // 3] + " ... " + flat[-2 * limit // 3 :]


def retry_notes(results: dict[str, Any]) -> list[str]:
    """Return a note for every measurement that needed its one retry (flaky under load)."""
    notes = []
    for group in ("ingest", "build"):
        for size, rows in results.get(group, {}).items():
            for name, row in rows.items():
                for error in row.get("retried", []):
                    notes.append(
                        f"{group} {name} at {size} failed once, then passed: {one_line(error)}"
                    )
    update = results.get("update", {})
    notes += [
        f"daily update failed once, then passed: {one_line(e)}" for e in update.get("retried", [])
    ]
    return notes


def say(message: str) -> None:
    """Print progress to stderr (the report goes to stdout)."""
    print(f"[bench {datetime.now(UTC):%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def start(mode: str, plan: Plan, skip: set[str]) -> dict[str, Any]:
    """Return the results record with the machine, versions and the plan's notes."""
    results: dict[str, Any] = {
        "mode": mode,
        "when": f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
        "runs": plan.runs,
        "machine": report.machine(),
        "versions": report.versions(),
        "absent": [s for s, p in stages.STAGE_PLUGINS.items() if not stages.plugin_present(p)],
        "load_before": os.getloadavg(),
        "notes": [],
    }
    added = stages.missing_stage_plugins(ROOT / "pelicanconf.py", stages.HOSTED_STAGES)
    if added:
        results["notes"].append(
            f"enabled for the measured build: {', '.join(added)} (in plugins/, "
            "not yet in pelicanconf.py PLUGINS)"
        )
    for step, fewer in (("ingest", plan.ingest_runs), ("offline", plan.offline_runs)):
        for size, runs in fewer.items():
            if size in plan.sizes and step not in skip:
                done = f"{runs} run(s), not {plan.runs}" if runs else "not run (make bench runs it)"
                results["notes"].append(f"{step} at {size:,}: {done}")
    return results


def measure_all(plan: Plan, skip: set[str], keep: bool, results: dict[str, Any]) -> None:
    """Measure every size in a temporary workspace (removed unless ``keep``), then the hooks."""
    workspace = Path(tempfile.mkdtemp(prefix="briefing-bench-"))
    try:
        for size in plan.sizes:
            work = workspace / str(size)
            work.mkdir()
            measure_size(size, plan, skip, work, results)
            if not keep:
                shutil.rmtree(work, ignore_errors=True)
        if "hooks" not in skip:
            run_hooks(plan, results)
    finally:
        if not keep:
            shutil.rmtree(workspace, ignore_errors=True)
    results["load_after"] = os.getloadavg()
    results["notes"] += retry_notes(results)


def main(argv: list[str] | None = None) -> int:
    """Measure, print the Markdown report, and write bench/results/latest.{md,json}."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--quick", action="store_const", const="quick", dest="mode")
    mode.add_argument("--full", action="store_const", const="full", dest="mode")
    parser.add_argument("--runs", type=int, help="runs per measurement (median); default 3")
    parser.add_argument("--skip", nargs="*", default=[], choices=STEPS, help="steps to leave out")
    parser.add_argument("--keep", action="store_true", help="keep the temporary workspace")
    parser.add_argument("--sizes", type=int, nargs="+", help="archive sizes instead (development)")
    args = parser.parse_args(argv)
    plan = PLANS[args.mode]
    if args.runs:
        plan = replace(plan, runs=args.runs)
    if args.sizes:
        plan = replace(plan, sizes=tuple(args.sizes), update_size=args.sizes[-1])
    results = start(args.mode, plan, set(args.skip))
    measure_all(plan, set(args.skip), args.keep, results)
    print(save(results))
    return 1 if results.get("failed") else 0


if __name__ == "__main__":
    raise SystemExit(main())
