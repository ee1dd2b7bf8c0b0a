"""The measured steps of ``make bench``: ingest, our build by stage, the baselines, the update.

Each function takes a prepared workspace (bench/run.py writes the corpus) and returns plain
dicts of numbers for the report; a stage whose code is not in the tree yet says so instead of
giving a number.
"""

from __future__ import annotations

import json
import runpy
import shutil
import statistics
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import baselines, dumps, synth
from bench.measure import Measurement, Sample, measure
from briefing.model import Article

ROOT = Path(__file__).resolve().parent.parent
BENCH_SETTINGS = ROOT / "bench" / "benchconf.py"
# Stage -> the plugin that implements it (a stage exists when its package is in plugins/).
STAGE_PLUGINS = {
    "read next": "pelican.plugins.read_next",
    "search index": "pelican.plugins.pagefind_index",
    "offline bundle": "pelican.plugins.offline_search",
}
HOSTED_STAGES = ("read next", "search index")  # part of `briefing build`
PY = sys.executable
UPDATE_ARTICLES = 20  # a day of news


def plugin_present(name: str) -> bool:
    """Say whether the plugin ``pelican.plugins.<name>`` is in the tree."""
    return (ROOT / "plugins" / Path(*name.split(".")) / "__init__.py").is_file()


def enabled_plugins(settings: Path) -> list[str]:
    """Return PLUGINS of a settings file (run as plain Python)."""
    return list(runpy.run_path(str(settings)).get("PLUGINS") or [])


def _numbers(m: Measurement) -> dict[str, Any]:
    return {
        "wall": m.wall,
        "walls": [s.wall for s in m.samples],
        "cpu": m.cpu,
        "maxrss_mb": m.maxrss_mb,
        **m.extra,
    }


def _clear(*paths: Path) -> None:
    for path in paths:
        shutil.rmtree(path, ignore_errors=True)


def _cold(content: Path, *outputs: Path) -> None:
    """Remove build outputs and the plugins' caches beside the content (.pagefind-cache...)."""
    caches = [p for p in content.parent.iterdir() if p.name.startswith(".") and "cache" in p.name]
    _clear(*outputs, *caches)


def ingest(
    raw: Path, work: Path, jobs: int, runs: int, kind: str = "txt", scheduler: str | None = None
) -> dict[str, Any]:
    """Time ``briefing ingest RAW --out DIR --jobs N`` (or on Dask) from an empty content folder.

    ``--no-cache``: every run extracts every input, as a first ingest does.
    """
    out = work / f"ingest-{kind}-{scheduler or jobs}".replace(":", "")
    files = sum(1 for _ in raw.glob(f"*.{kind}"))
    command = [PY, "-m", "briefing", "ingest", str(raw), "--out", str(out), "--no-cache"]
    command += ["--scheduler", scheduler] if scheduler else ["--jobs", str(jobs)]
    m = measure(command, runs, before=lambda: _clear(out))
    return {
        **_numbers(m),
        "files": files,
        "files_per_s": files / m.wall,
        "jobs": scheduler or jobs,
        "kind": kind,
    }


def reingest(raw: Path, work: Path, runs: int) -> dict[str, Any]:
    """Time a re-ingest of an unchanged raw folder through the manifest (the daily case)."""
    out = work / "reingest"
    _clear(out, work / ".briefing-cache")
    command = [PY, "-m", "briefing", "ingest", str(raw), "--out", str(out), "--jobs", "2"]
    subprocess.run(command, check=True, capture_output=True)
    m = measure(command, runs)
    files = sum(1 for _ in raw.glob("*.txt"))
    return {**_numbers(m), "files": files, "files_per_s": files / m.wall, "jobs": 2}


def _build_env(base: Path, timing: Path, add: list[str]) -> dict[str, str]:
    return {
        "BENCH_BASE_SETTINGS": str(base),
        "BENCH_TIMING_PATH": str(timing),
        "BENCH_ADD_PLUGINS": ",".join(add),
    }


def missing_stage_plugins(base: Path, stages: tuple[str, ...]) -> list[str]:
    """Return the stage plugins in the tree that the base settings do not enable yet."""
    enabled = enabled_plugins(base)
    wanted = [STAGE_PLUGINS[s] for s in stages if plugin_present(STAGE_PLUGINS[s])]
    return [p for p in wanted if p not in enabled]


def timed_builds(
    command: list[str], env: dict[str, str], timing: Path, runs: int, before: Any
) -> tuple[Measurement, list[dict[str, Any]]]:
    """Run a build ``runs`` times; return the measurement and each run's plugin timings."""
    samples: list[Sample] = []
    timings: list[dict[str, Any]] = []
    extra: dict[str, Any] = {}
    for _ in range(runs):
        timing.unlink(missing_ok=True)
        m = measure(command, 1, before=before, env=env)
        samples += m.samples
        extra.setdefault("retried", []).extend(m.extra.get("retried", []))
        timings.append(json.loads(timing.read_text()) if timing.is_file() else {})
    return Measurement(tuple(samples), extra if extra["retried"] else {}), timings


def split(m: Measurement, timings: list[dict[str, Any]], stages: tuple[str, ...]) -> dict[str, Any]:
    """Return the median seconds of Pelican render, each stage's plugin and the rest."""
    if not all(timings):
        return {"error": "the timing plugin wrote nothing"}
    parts: dict[str, list[float]] = {"pelican render": [], "other": []}
    for sample, t in zip(m.samples, timings, strict=True):
        window = t["pelican_end"] - t["pelican_start"]
        stage_total = 0.0
        for stage in stages:
            seconds = t["plugins"].get(STAGE_PLUGINS[stage])
            if seconds is not None:
                parts.setdefault(stage, []).append(seconds)
                stage_total += seconds
        parts["pelican render"].append(window - stage_total)
        parts["other"].append(max(0.0, sample.wall - window))
    return {k: statistics.median(v) for k, v in parts.items()}


def our_build(
    content: Path, work: Path, runs: int, jobs: int = 0, scheduler: str = ""
) -> dict[str, Any]:
    """Time cold ``briefing build`` runs with pelicanconf.py (plus stage plugins in the tree).

    ``jobs`` 0 renders with one process per core (the default); 1 is the one-process build
    every earlier version ran, the baseline of the parallel render.  ``scheduler`` (e.g.
    ``local:2``) parses the articles and indexes the search parts on Dask.
    """
    output, timing = work / "ours", work / "timing.json"
    base = ROOT / "pelicanconf.py"
    added = missing_stage_plugins(base, HOSTED_STAGES)
    command = [PY, "-m", "briefing", "build", "--content", str(content), "--output", str(output)]
    command += ["--settings", str(BENCH_SETTINGS), "--jobs", str(jobs)]
    command += ["--scheduler", scheduler] if scheduler else []
    env = _build_env(base, timing, added)
    m, timings = timed_builds(command, env, timing, runs, lambda: _cold(content, output))
    return {
        **_numbers(m),
        "pages": baselines.count_pages(output),
        "stages": split(m, timings, HOSTED_STAGES),
        "added_plugins": added,
        "plugins": timings[-1].get("plugins", {}),
        "timings": timings,
    }


OFFLINE_STAGES = (*HOSTED_STAGES, "offline bundle")


def offline_bundle(
    content: Path, work: Path, runs: int, corpus: synth.Corpus | None = None
) -> dict[str, Any]:
    """Time ``briefing offline`` after a hosted build (no bundle, no offline cache), then after a
    day's new articles.

    The bundle is derived from the hosted build (issue #15): an untimed ``briefing build`` of
    the archive as it is leaves the hosted output, its record and stores, as ``make build``
    would; each cold run then starts without the bundle and its cache.  The update runs start
    from the last cold run's bundle, as a daily ``make offline`` does; given no ``corpus`` only
    the cold runs are timed.
    """
    output, dist, timing = work / "ours", work / "dist", work / "timing-offline.json"
    base = ROOT / "pelicanconf.py"
    env = _build_env(base, timing, missing_stage_plugins(base, OFFLINE_STAGES))
    build = [PY, "-m", "briefing", "build", "--content", str(content), "--output", str(output)]
    build += ["--settings", str(BENCH_SETTINGS)]
    measure(build, 1, env=env)
    command = [PY, "-m", "briefing", "offline", "--content", str(content), "--dist", str(dist)]
    command += ["--output", str(output), "--settings", str(BENCH_SETTINGS)]

    def cold() -> None:
        _clear(dist, *content.parent.joinpath(".briefing-cache").glob("offline-*"))

    m, timings = timed_builds(command, env, timing, runs, cold)
    result = {**_numbers(m), "stages": split(m, timings, OFFLINE_STAGES)}
    if corpus is None:
        return result
    days = _Days(corpus, content)
    try:
        m, timings = timed_builds(command, env, timing, runs, days)
    finally:  # the steps after this one build the archive as generated
        days.undo()
    stages = split(m, timings, OFFLINE_STAGES)
    return {**result, "update": {**_numbers(m), "added": UPDATE_ARTICLES, "stages": stages}}


class _Days:
    """Each call writes a new day of ``UPDATE_ARTICLES`` articles; ``undo`` removes them all.

    ``write`` puts a day's articles where the measured command reads them and returns the
    files it wrote (Markdown in a content folder by default; raw dumps for ``make html``).
    """

    def __init__(
        self,
        corpus: synth.Corpus,
        content: Path,
        write: Callable[[tuple[Article, ...]], list[Path]] | None = None,
    ) -> None:
        self.corpus, self.content = corpus, content
        self.write = write or self._markdown
        self.added: list[Path] = []

    def _markdown(self, new: tuple[Article, ...]) -> list[Path]:
        synth.write_markdown(new, self.content)
        return [synth.markdown_path(self.content, a) for a in new]

    def __call__(self) -> None:
        before = len(self.corpus.articles)
        self.corpus = synth.extend(self.corpus, UPDATE_ARTICLES)
        self.added.extend(self.write(self.corpus.articles[before:]))

    def undo(self) -> None:
        for path in self.added:
            path.unlink(missing_ok=True)
        self.added.clear()


def daily_update(corpus: synth.Corpus, content: Path, work: Path, runs: int) -> dict[str, Any]:
    """Add 20 new articles to the built archive and time the rebuild (a new day per run).

    The plugins' caches from the last full build are kept: that is what a daily update has.
    """
    output, timing = work / "ours", work / "timing-update.json"
    base = ROOT / "pelicanconf.py"
    env = _build_env(base, timing, missing_stage_plugins(base, HOSTED_STAGES))
    command = [PY, "-m", "briefing", "build", "--content", str(content), "--output", str(output)]
    command += ["--settings", str(BENCH_SETTINGS)]
    days = _Days(corpus, content)
    try:
        m, timings = timed_builds(command, env, timing, runs, days)
    finally:  # the steps after this one build the archive as generated
        days.undo()
    return {
        **_numbers(m),
        "added": UPDATE_ARTICLES,
        "stages": split(m, timings, HOSTED_STAGES),
        "timings": timings,
    }


def daily_html(corpus: synth.Corpus, raw: Path, work: Path, runs: int) -> dict[str, Any]:
    """Add 20 raw dumps to the ingested and built raw folder and time ``make html`` on it.

    ``make html`` is the daily command: ``briefing ingest`` through its manifest, then
    ``briefing build``.  The first ingest and build (untimed) leave the manifest, the record and
    the stores that a daily run has.
    """
    content, output = work / "html-content", work / "html-output"
    _clear(content, output, work / ".briefing-cache")
    command = ["make", "--no-print-directory", "html", f"RAW={raw}", f"CONTENT={content}"]
    command.append(f"OUTPUT={output}")
    measure(command, 1)

    def write_dumps(new: tuple[Article, ...]) -> list[Path]:
        dumps.write_raw(new, raw)
        paths = [raw / a.source_file for a in new if a.source_file]
        return [f for p in paths for f in (p, p.with_name(p.stem + dumps.SIDECAR_SUFFIX))]

    days = _Days(corpus, content, write_dumps)
    try:
        m = measure(command, runs, before=days)
    finally:  # the steps after this one read the raw folder as generated
        days.undo()
    return {**_numbers(m), "added": UPDATE_ARTICLES}


def vanilla_pelican(corpus: synth.Corpus, work: Path, runs: int) -> dict[str, Any]:
    """Time vanilla Pelican (default theme, no plugins) on the same articles."""
    content, output = work / "pelican-content", work / "pelican-out"
    if not content.exists():
        baselines.write_pelican(corpus.articles, content)
    m = measure(baselines.pelican_command(content, output), runs, before=lambda: _clear(output))
    return {**_numbers(m), "pages": baselines.count_pages(output)}


def hugo(corpus: synth.Corpus, work: Path, runs: int) -> dict[str, Any]:
    """Time Hugo with bench/hugo_site's minimal layout on the same articles."""
    content, output, cache = work / "hugo-content", work / "hugo-out", work / "hugo-cache"
    if not content.exists():
        baselines.write_hugo(corpus.articles, content)
    command = baselines.hugo_command(content, output, cache)
    m = measure(command, runs, before=lambda: _clear(output, cache))
    return {**_numbers(m), "pages": baselines.count_pages(output)}
