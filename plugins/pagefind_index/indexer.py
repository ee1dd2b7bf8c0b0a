"""Run Pagefind once per part (cached across builds) and lay the bundles out for the browser.

Output under ``<site>/<output_dir>/``:

- ``pagefind/``: the runtime (pagefind.js, the WebAssembly, pagefind-highlight.js) and a
  one-record "anchor" index: the browser's primary instance, so the WebAssembly always comes
  from one URL whichever parts a query needs.
- ``parts/<YYYY-MM>/``: one Pagefind bundle per part (entry, meta, index, filter, fragment).
- ``parts.json``: the manifest (parts newest first, their year, month, languages, page count).
- ``route/<hex>.json``: the route table (see route.py).

Only parts whose key is not in the cache are indexed; one Pagefind process per part keeps
the peak memory at the size of a part, not of the archive.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from . import route, runner
from .parts import Part, digest
from .settings import PagefindSettings

logger = logging.getLogger(__name__)

PAGEFIND_VERSION = "1.5.2"
MANIFEST_VERSION = 1
_RUNTIME_FILES = ("pagefind.js", "pagefind-highlight.js")
_BUNDLE_DIRS = ("index", "filter", "fragment")
_DONE = "done.json"


@dataclass
class IndexReport:
    """What one indexing run did, for the build log and the benchmark."""

    parts: int = 0
    indexed: list[str] = field(default_factory=list)
    reused: int = 0
    pages: int = 0
    seconds: float = 0.0


def index_site(
    site: Path, parts: Sequence[Part], settings: PagefindSettings, cache: Path
) -> IndexReport:
    """Index every part of ``site`` (reusing cached bundles) and write the search data."""
    started = time.perf_counter()
    report = IndexReport(parts=len(parts), pages=sum(p.pages for p in parts))
    cache.mkdir(parents=True, exist_ok=True)
    out = site / settings.output_dir
    _clean(out)
    stale = [p for p in parts if not (cache / p.key / _DONE).exists()]
    report.reused = len(parts) - len(stale)
    # While Pagefind indexes the first stale part (a day's update has just one), link the
    # cached parts, read the new part's words and, when it is the only one, write the route
    # table: Pagefind's run is then most of an update's time.
    job = _PartBuild(site, stale[0], settings, cache / stale[0].key) if stale else None
    try:
        stale_keys = {p.key for p in stale}
        for part in parts:
            if part.key not in stale_keys:
                _link_tree(cache / part.key / "bundle", out / "parts" / part.slug)
        if job is not None:
            job.read_words()
        if len(stale) <= 1:
            _write_route(out, parts, cache, settings, job)
    except BaseException:
        if job is not None:
            job.abort()
        raise
    for part in stale:
        job = job or _PartBuild(site, part, settings, cache / part.key)
        job.finish()
        job = None
        _link_tree(cache / part.key / "bundle", out / "parts" / part.slug)
        report.indexed.append(part.slug)
    if len(stale) > 1:
        _write_route(out, parts, cache, settings, None)
    languages = [_done(cache / p.key)["languages"] for p in parts]
    runtime = _runtime(cache, sorted({lang for ls in languages for lang in ls} or {"en"}))
    _link_tree(runtime, out / "pagefind", runtime=True)
    _write_manifest(out / "parts.json", parts, languages, settings)
    _collect_garbage(cache, {p.key for p in parts} | {runtime.parent.name})
    report.seconds = time.perf_counter() - started
    return report


def _done(entry: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((entry / _DONE).read_text(encoding="utf-8"))
    return data


def _write_route(
    out: Path,
    parts: Sequence[Part],
    cache: Path,
    settings: PagefindSettings,
    job: _PartBuild | None,
) -> None:
    """Write the route table from every part's word keys (``job``'s own, not yet cached)."""
    keys: list[list[str]] = []
    for part in parts:
        if job is not None and part.key == job.part.key and job.keys is not None:
            keys.append(job.keys)
        else:
            keys.append(_done(cache / part.key)["keys"])
    shards = route.build_shards(keys, settings.shard_prefix, settings.route_all_share)
    route.write_shards(out / "route", shards)


def _clean(out: Path) -> None:
    """Remove search data of an earlier run (Pelican writes into a fresh folder anyway)."""
    for name in ("parts", "route", "pagefind", "parts.json"):
        path = out / name
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


class _PartBuild:
    """One part being indexed: Pagefind runs while the route words are read from its pages."""

    def __init__(self, site: Path, part: Part, settings: PagefindSettings, entry: Path) -> None:
        self.site, self.part, self.settings, self.entry = site, part, settings, entry
        self.tmp = entry.with_name(entry.name + ".tmp")
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.glob = part.glob(settings.page_glob)
        self.keys: list[str] | None = None
        self.process = runner.start(
            site, self.glob, self.tmp / "bundle", settings.exclude_selectors
        )

    def abort(self) -> None:
        """Stop Pagefind and drop the half-written entry."""
        self.process.kill()
        self.process.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def read_words(self) -> None:
        """Read the route keys of the part's pages (while Pagefind runs)."""
        if self.keys is not None:
            return
        try:
            self.keys = route.word_keys(self._words(), self.settings.route_prefix)
        except BaseException:
            self.abort()
            raise

    def finish(self) -> None:
        """Wait for Pagefind, check it, then commit the cache entry."""
        self.read_words()
        count = runner.finish(self.process, self.glob, self.tmp / "bundle")
        if count != self.part.pages:
            shutil.rmtree(self.tmp, ignore_errors=True)
            raise runner.PagefindError(
                f"Pagefind indexed {count} pages of part {self.part.slug}, "
                f"expected {self.part.pages}"
            )
        entry_json = json.loads((self.tmp / "bundle" / "pagefind-entry.json").read_text("utf-8"))
        done = {"languages": sorted(entry_json["languages"]), "keys": self.keys}
        (self.tmp / _DONE).write_text(json.dumps(done, ensure_ascii=False), encoding="utf-8")
        shutil.rmtree(self.entry, ignore_errors=True)
        self.tmp.rename(self.entry)
        logger.info("Pagefind: indexed part %s (%d pages)", self.part.slug, count)

    def _words(self) -> set[str]:
        words: set[str] = set()
        pattern = f"{self.part.folder}/*/{self.settings.page_glob}"
        for page in sorted(self.site.glob(pattern)):
            if page.relative_to(self.site).parts[2] in self.part.days:
                words |= route.page_words(page.read_text(encoding="utf-8"))
        return words


def _runtime(cache: Path, languages: list[str]) -> Path:
    """Return the cached runtime bundle: Pagefind's scripts and a one-record anchor index."""
    entry = cache / ("runtime-" + digest(PAGEFIND_VERSION, *languages)) / "bundle"
    if entry.exists():
        return entry
    tmp = entry.parent.with_name(entry.parent.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    # One inert page per language: the primary instance the browser merges parts into, and
    # the source of the runtime files (pagefind.js, the WebAssembly, the highlighter).
    for lang in languages:
        page = tmp / "site" / lang / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(_anchor_page(lang), encoding="utf-8")
    runner.finish(
        runner.start(tmp / "site", "*/index.html", tmp / "bundle"), "anchor", tmp / "bundle"
    )
    shutil.rmtree(tmp / "site")
    tmp.rename(entry.parent)
    return entry


def _anchor_page(lang: str) -> str:
    """Return the anchor index's one page in ``lang``: a word no article contains."""
    page = ElementTree.Element("html", {"lang": lang})
    body = ElementTree.SubElement(page, "body", {"data-pagefind-body": ""})
    ElementTree.SubElement(body, "p").text = "briefinganchor"
    return ElementTree.tostring(page, encoding="unicode", method="html")


def _link_tree(source: Path, target: Path, *, runtime: bool = False) -> None:
    """Hard-link a cached bundle's index files (and with ``runtime``, the scripts) into place."""
    target.mkdir(parents=True, exist_ok=True)
    for entry in os.scandir(source):
        wanted = entry.name.endswith((".pf_meta", "-entry.json")) or (
            runtime and (entry.name in _RUNTIME_FILES or entry.name.startswith("wasm."))
        )
        if entry.is_dir() and entry.name in _BUNDLE_DIRS:
            folder = target / entry.name
            folder.mkdir()
            for item in os.scandir(entry.path):
                # os.path.join: ~100k calls per build, where pathlib costs a second more.
                _link(item.path, os.path.join(folder, item.name))  # noqa: PTH118
        elif wanted:
            _link(entry.path, str(target / entry.name))


def _link(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:  # another file system (or no hard links): copy instead
        shutil.copy2(src, dst)


def _write_manifest(
    path: Path, parts: Sequence[Part], languages: Sequence[list[str]], settings: PagefindSettings
) -> None:
    manifest = {
        "version": MANIFEST_VERSION,
        "route_prefix": settings.route_prefix,
        "shard_prefix": settings.shard_prefix,
        "parts": [
            {
                "id": p.slug,
                "path": f"parts/{p.slug}/",
                "days": [p.days[0], p.days[-1]],
                "year": p.year,
                "month": p.month,
                "pages": p.pages,
                "languages": langs,
            }
            for p, langs in zip(parts, languages, strict=True)
        ],
    }
    text = json.dumps(manifest, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text, encoding="utf-8")


def _collect_garbage(cache: Path, keep: set[str]) -> None:
    """Remove cache entries this build did not use (older versions of changed parts)."""
    for entry in cache.iterdir():
        if entry.is_dir() and entry.name not in keep:
            shutil.rmtree(entry, ignore_errors=True)
