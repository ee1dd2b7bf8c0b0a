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
    languages: list[list[str]] = []
    part_keys: list[list[str]] = []
    for part in parts:
        entry = cache / part.key
        if (entry / _DONE).exists():
            report.reused += 1
        else:
            _build_part(site, part, settings, entry)
            report.indexed.append(part.slug)
        done = json.loads((entry / _DONE).read_text(encoding="utf-8"))
        languages.append(done["languages"])
        part_keys.append(done["keys"])
        _link_tree(entry / "bundle", out / "parts" / part.slug, with_runtime=False)
    all_languages = sorted({lang for langs in languages for lang in langs} or {"en"})
    runtime = _runtime(cache, all_languages)
    _link_tree(runtime, out / "pagefind", with_runtime=True)
    route.write_shards(
        out / "route",
        route.build_shards(part_keys, settings.shard_prefix, settings.route_all_share),
    )
    _write_manifest(out / "parts.json", parts, languages, settings)
    _collect_garbage(cache, {p.key for p in parts} | {runtime.parent.name})
    report.seconds = time.perf_counter() - started
    return report


def _build_part(site: Path, part: Part, settings: PagefindSettings, entry: Path) -> None:
    """Index one part into a fresh cache entry, then mark it complete."""
    tmp = entry.with_name(entry.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    glob = part.glob(settings.page_glob)
    process = runner.start(site, glob, tmp / "bundle", settings.exclude_selectors)
    try:
        # Read the route words while Pagefind indexes (on the other core).
        words: set[str] = set()
        for page in sorted(site.glob(f"{part.folder}/*/{settings.page_glob}")):
            if page.relative_to(site).parts[2] in part.days:
                words |= route.page_words(page.read_text(encoding="utf-8"))
    except BaseException:
        process.kill()
        process.wait()
        raise
    count = runner.finish(process, glob, tmp / "bundle")
    if count != part.pages:
        shutil.rmtree(tmp, ignore_errors=True)
        raise runner.PagefindError(
            f"Pagefind indexed {count} pages of part {part.slug}, expected {part.pages}"
        )
    entry_json = json.loads((tmp / "bundle" / "pagefind-entry.json").read_text(encoding="utf-8"))
    done = {
        "languages": sorted(entry_json["languages"]),
        "keys": route.word_keys(words, settings.route_prefix),
    }
    (tmp / _DONE).write_text(json.dumps(done, ensure_ascii=False), encoding="utf-8")
    shutil.rmtree(entry, ignore_errors=True)
    tmp.rename(entry)
    logger.info("Pagefind: indexed part %s (%d pages)", part.slug, count)


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


def _link_tree(source: Path, target: Path, *, with_runtime: bool) -> None:
    """Hard-link a cached bundle into the output (copy across file systems)."""
    names = [p for p in source.iterdir() if p.name.endswith((".pf_meta", "-entry.json"))]
    names += [source / d for d in _BUNDLE_DIRS if (source / d).exists()]
    if with_runtime:
        names += [source / n for n in _RUNTIME_FILES]
        names += [p for p in source.iterdir() if p.name.startswith("wasm.")]
    for path in names:
        if path.is_dir():
            shutil.copytree(path, target / path.name, copy_function=_link, dirs_exist_ok=True)
        else:
            target.mkdir(parents=True, exist_ok=True)
            _link(str(path), str(target / path.name))


def _link(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
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
    path.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")


def _collect_garbage(cache: Path, keep: set[str]) -> None:
    """Remove cache entries this build did not use (older versions of changed parts)."""
    for entry in cache.iterdir():
        if entry.is_dir() and entry.name not in keep:
            shutil.rmtree(entry, ignore_errors=True)
