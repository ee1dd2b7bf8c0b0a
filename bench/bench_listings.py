"""What a daily update renders, by kind of page: ``python -m bench.bench_listings --size 10000``.

Builds the synthetic archive (bench/synth.py, seed 1) with ``briefing build`` and the bench's
settings (the same as ``make bench``), then adds ``--days`` days of 20 articles, building after
each.  For every update it prints the build's own summary line, its wall and CPU seconds, and
how many pages of each kind were rendered (a new file, or a new inode: the incremental writer
hard-links the pages it keeps) and kept: article pages, category and tag listings (first pages
and numbered pages apart), day/month/year pages, and the whole-archive pages.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

from bench import synth
from bench.stages import BENCH_SETTINGS, HOSTED_STAGES, PY, ROOT, _build_env, missing_stage_plugins

SEED = 1
WHOLE = ("index.html", "archives/", "categories/", "tags/", "sources/", "search/", "404.html")
_SUMMARY = re.compile(r"^build: .*$", re.MULTILINE)


def kind(path: str) -> str:
    """Name the kind of an HTML page by its path in the output."""
    if path.startswith(("category/", "tag/")):
        listing = path.split("/", 1)[0]
        return f"{listing} numbered" if "/page/" in path else f"{listing} first"
    if path == "index.html" or path.startswith(WHOLE):
        return "whole archive"
    depth = path.count("/")
    return "article" if depth == 4 else "period" if path[:4].isdigit() else "other"


def inodes(output: Path) -> dict[str, int]:
    """Every HTML page of a build by its path, with its inode."""
    return {p.relative_to(output).as_posix(): p.stat().st_ino for p in output.rglob("*.html")}


def build(content: Path, output: Path) -> dict[str, Any]:
    """Run ``briefing build`` once; return wall and CPU seconds and its summary line."""
    command = [PY, "-m", "briefing", "build", "--content", str(content), "--output", str(output)]
    command += ["--settings", str(BENCH_SETTINGS)]
    base = ROOT / "pelicanconf.py"
    with tempfile.TemporaryDirectory() as tmp:
        env = _build_env(
            base, Path(tmp) / "timing.json", missing_stage_plugins(base, HOSTED_STAGES)
        )
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(
            command, env={**_environ(), **env}, capture_output=True, text=True, check=False
        )
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        sys.exit(f"build failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    found = _SUMMARY.findall(done.stdout + done.stderr)
    return {"wall": round(wall, 2), "cpu": round(cpu, 2), "summary": found[-1] if found else ""}


def _environ() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def changed(before: dict[str, int], after: dict[str, int]) -> dict[str, dict[str, int]]:
    """Count rendered and kept pages of each kind between two builds' inodes."""
    rendered, kept = Counter[str](), Counter[str]()
    for path, ino in after.items():
        (kept if before.get(path) == ino else rendered)[kind(path)] += 1
    kinds = sorted(set(rendered) | set(kept))
    return {k: {"rendered": rendered[k], "kept": kept[k]} for k in kinds}


def main(argv: list[str] | None = None) -> int:
    """Build, add days, print what each update rendered."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--days", type=int, default=3)
    parser.add_argument("--work", type=Path, required=True)
    args = parser.parse_args(argv)
    content, output = args.work / "content", args.work / "output"
    corpus = synth.generate(args.size, SEED)
    synth.write_markdown(corpus.articles, content, jobs=2)
    full = build(content, output)
    print(json.dumps({"full": full}), flush=True)
    updates = []
    for _ in range(args.days):
        before = inodes(output)
        n = len(corpus.articles)
        corpus = synth.extend(corpus, 20)
        synth.write_markdown(corpus.articles[n:], content)
        result = {**build(content, output), "pages": changed(before, inodes(output))}
        updates.append(result)
        print(json.dumps({"update": result}), flush=True)
    for field in ("wall", "cpu"):
        print(f"daily +20 median {field}: {statistics.median(u[field] for u in updates):.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
