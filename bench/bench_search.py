"""Search at archive scale: Pagefind month parts over a synthetic archive (issue #6).

usage: python -m bench.bench_search [--sizes 10000 100000] [--keep DIR]

For each size: render the synthetic corpus (bench/synth.py, seed 1) as article pages, index
them with plugins/pagefind_index in a child process (time, peak memory of the process tree),
measure the index (bytes, files), load the search page in headless Chromium (bytes the browser
downloads for a first and a second query, raw and gzip-estimated, time to results), then add a
day's articles (synth.extend) and time the incremental re-index.

The pages are rendered without a Pelican build, to keep 100k within minutes: a stand-in of the
theme's article page (same data-pagefind-body structure) that includes the theme's real
``_pagefind_meta.html``, so filters, sort, meta and hidden translation titles are the real ones.
The incremental time is the plugin's whole step over the new output folder: hash the parts,
index the changed month, link every cached bundle, rebuild the route table and manifest.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from bench import synth
from bench.chromium import CHROMIUM, CHROMIUM_ARGS
from briefing.model import Article
from plugins.briefing_reader.markdown import render
from plugins.news_meta.filters import FILTERS
from plugins.pagefind_index.indexer import index_site
from plugins.pagefind_index.parts import PageSource, digest, make_parts
from plugins.pagefind_index.plugin import templates_digest
from plugins.pagefind_index.settings import PagefindSettings
from tests.search_fixture import serving

ROOT = Path(__file__).resolve().parent.parent
THEME = ROOT / "themes" / "briefing"
SEED = 1
DAILY = 20  # articles added by the daily update
PAGE = jinja2.Template(
    """<!doctype html>
<html lang="{{ record.lang or 'en' }}">
<head><meta charset="utf-8"><title>{{ article.title }}</title></head>
<body><header><nav>Latest Archive Tags Sources</nav></header><main id="main">
<article class="article" lang="{{ record.lang or 'en' }}" data-pagefind-body>
<header><p class="kicker">{{ record.category }}</p>
<h1 data-pagefind-weight="10">{{ record.title }}</h1>
{% if record.summary %}<p class="standfirst">{{ record.summary }}</p>{% endif %}
<p class="dateline"><time>{{ record.date.strftime("%d %B %Y, %H:%M") }}</time>
{{ record.source or "" }} {{ record.category }}</p>
<ul class="tags">{% for tag in record.tags %}<li>{{ tag }}</li>{% endfor %}</ul></header>
<div class="body">{{ body }}</div>
{{ meta }}
<aside data-pagefind-ignore>{% for item in record.read_next %}
<p>{{ item.title or item.summary }}</p>{% endfor %}</aside>
</article></main><footer>Briefing archive</footer></body></html>
""",
    autoescape=True,
)


class _Stand:
    """The little of a Pelican article that _pagefind_meta.html reads."""

    def __init__(self, record: Article) -> None:
        self.briefing = record


def _meta_template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(THEME / "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("_pagefind_meta.html")


def save_as(record: Article) -> str:
    """Return the page path as ARTICLE_SAVE_AS writes it."""
    return f"{record.date:%Y/%m/%d}/{record.slug}/index.html"


def render_pages(site: Path, records: Iterable[Article]) -> int:
    """Write one article page per record under ``site``; return how many."""
    meta = _meta_template()
    count = 0
    for record in records:
        path = site / save_as(record)
        path.parent.mkdir(parents=True, exist_ok=True)
        html = PAGE.render(
            article=record,
            record=record,
            body=Markup(render(record.body)),
            meta=Markup(meta.render(article=_Stand(record), SITEURL="", DEFAULT_LANG="en")),
        )
        path.write_text(html, encoding="utf-8")
        count += 1
    return count


def render_search_page(site: Path) -> None:
    """Write the theme's real search page and its static files, as a Pelican build would."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(THEME / "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(FILTERS)  # the theme's filters, as plugins/news_meta adds them
    context = {
        "SITENAME": "Briefing archive",
        "SITEURL": "",
        "DEFAULT_LANG": "en",
        "ARCHIVES_URL": "archives/",
        "CATEGORIES_URL": "categories/",
        "TAGS_URL": "tags/",
        "SOURCES_URL": "sources/",
        "categories": [],
    }
    page = site / "search" / "index.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(env.get_template("search.html").render(**context), encoding="utf-8")
    shutil.copytree(THEME / "static", site / "theme", dirs_exist_ok=True)


def _fingerprint() -> str:
    return digest("bench", templates_digest(THEME / "templates"))


def index_once(site: Path, cache: Path, records_file: Path) -> dict[str, Any]:
    """Index ``site`` as the plugin does (the child process of :func:`_measured_index`)."""
    records = json.loads(records_file.read_text(encoding="utf-8"))
    from datetime import datetime

    pages = [
        PageSource(save_as=r["save_as"], date=datetime.fromisoformat(r["date"]), digest=r["digest"])
        for r in records
    ]
    settings = PagefindSettings()
    # A build writes a fresh output folder: only the search page is there before indexing
    # (_measured_index moved the last run's search data aside).
    render_search_page(site)
    parts = make_parts(pages, settings.month_format, settings.part_days, _fingerprint())
    report = index_site(site, parts, settings, cache)
    return {"parts": report.parts, "indexed": len(report.indexed), "seconds": report.seconds}


def _tree_rss(root_pid: int) -> int:
    """Sum the resident memory (bytes) of a process and all its descendants."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            status = (entry / "status").read_text()
        except OSError:
            continue
        pid = int(entry.name)
        children.setdefault(int(stat[1]), []).append(pid)
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                rss[pid] = int(line.split()[1]) * 1024
    total, stack = 0, [root_pid]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def _measured_index(site: Path, cache: Path, records: Sequence[Article]) -> dict[str, Any]:
    """Run the indexing in a child process; return its report, wall time and peak tree RSS."""
    records_file = site.parent / "records.json"
    rows = [
        {"save_as": save_as(r), "date": r.date.isoformat(), "digest": digest(repr(r))}
        for r in records
    ]
    records_file.write_text(json.dumps(rows), encoding="utf-8")
    old = site / f"search.old-{os.getpid()}"
    if (site / "search").exists():
        (site / "search").rename(old)  # as a fresh Pelican output: removed after timing
    command = [sys.executable, "-m", "bench.bench_search", "--index", str(site), str(cache)]
    command.append(str(records_file))
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss(child.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = child.communicate()
    done.set()
    sampler.join()
    shutil.rmtree(old, ignore_errors=True)
    if child.returncode != 0:
        raise RuntimeError(f"indexing failed (exit {child.returncode})")
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    result.update(wall_s=time.perf_counter() - started, peak_rss_mb=peak / 2**20)
    return result


def index_size(folder: Path) -> dict[str, Any]:
    """Return the bytes and file count of the search data."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    return {"bytes": sum(p.stat().st_size for p in files), "files": len(files)}


def query_words(records: Sequence[Article]) -> dict[str, str]:
    """Pick the queries: a very common word, a rare name, a Cyrillic translation word."""
    counts: Counter[str] = Counter()
    for record in records[-3000:]:
        counts.update(w.lower() for w in record.body.split() if w.isalpha() and len(w) > 4)
    common = counts.most_common(1)[0][0]
    old = records[len(records) // 7]
    rare = max(old.title.split(), key=len).strip(".,:;")
    cyrillic = next(
        w
        for r in records[len(records) // 3 :]
        for t in r.translations
        if t.lang == "ru"
        for w in t.title.split()
        if len(w) > 5 and w.isalpha()
    )
    return {"common": common, "rare": rare, "cyrillic": cyrillic, "two-words": f"{common} {rare}"}


def _gz(body: bytes) -> int:
    return min(len(body), len(gzip.compress(body, 6)))


class _Traffic:
    """Bytes of every response a page receives, raw and gzip-estimated."""

    def __init__(self, page: Any) -> None:
        self.raw = 0
        self.gzip = 0
        self.requests = 0
        page.on("requestfinished", self._finished)

    def _finished(self, request: Any) -> None:
        response = request.response()
        # Only what came over the network: the HTTP cache's answers report no body size.
        if response is None or response.status == 304 or request.sizes()["responseBodySize"] <= 0:
            return
        try:
            body = response.body()
        except Exception:  # a redirect or an aborted body: it carried no bytes worth counting
            return
        self.raw += len(body)
        self.gzip += _gz(body)
        self.requests += 1

    def take(self) -> dict[str, Any]:
        """Return and reset the counts."""
        counts = {"kb": self.raw / 1024, "gzip_kb": self.gzip / 1024, "requests": self.requests}
        self.raw = self.gzip = self.requests = 0
        return counts


_DONE = "() => /result/i.test(document.querySelector('#search-status')?.textContent || '')"


def browse(site: Path, words: dict[str, str]) -> dict[str, Any]:
    """Measure a first query (page load included) and a second query, per kind of query."""
    from playwright.sync_api import sync_playwright

    results: dict[str, Any] = {}
    with serving(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for kind, word in words.items():
            page = browser.new_page()
            traffic = _Traffic(page)
            started = time.perf_counter()
            page.goto(f"{base}/search/?q={word}")
            page.wait_for_function(_DONE, timeout=120_000)
            first_ms = (time.perf_counter() - started) * 1000
            page.wait_for_timeout(300)  # let trailing fetches (highlight, excerpts) land
            first = traffic.take()
            second_word = words["rare"] if kind != "rare" else words["common"]
            page.evaluate("document.querySelector('#search-status').textContent = ''")
            started = time.perf_counter()
            page.get_by_label("Search words").fill(second_word)
            page.wait_for_function(_DONE, timeout=120_000)
            second_ms = (time.perf_counter() - started) * 1000 - 250  # minus the debounce
            page.wait_for_timeout(300)
            status = page.locator("#search-status").inner_text()
            results[kind] = {
                "query": word,
                "first": {**first, "ms": first_ms},
                "second": {**traffic.take(), "ms": second_ms, "query": second_word},
                "status": status,
            }
            page.close()
        browser.close()
    return results


def run_size(n: int, workdir: Path) -> dict[str, Any]:
    """Measure one archive size (reusing ``workdir``'s pages and cache when a run left them)."""
    corpus = synth.generate(n, seed=SEED)
    newer = synth.extend(corpus, DAILY)
    site, cache = workdir / "site", workdir / "cache"
    reused = (site / "search" / "parts.json").exists()
    if reused:
        # A kept run: drop the daily update's pages, re-index back to the base archive.
        for record in newer.articles[len(corpus.articles) :]:
            shutil.rmtree((site / save_as(record)).parent, ignore_errors=True)
        render_s = None
    else:
        started = time.perf_counter()
        render_pages(site, corpus.articles)
        render_s = time.perf_counter() - started
    full = _measured_index(site, cache, corpus.articles)
    size = index_size(site / "search")
    browser = browse(site, query_words(corpus.articles))
    render_pages(site, newer.articles[len(corpus.articles) :])
    update = _measured_index(site, cache, newer.articles)
    return {
        "articles": n,
        "reused": reused,
        "render_s": render_s,
        "index": full,
        "size": size,
        "browser": browser,
        "update": update,
    }


def run(
    sizes: tuple[int, ...] = (10_000, 100_000), keep: Path | None = None, reuse: bool = False
) -> dict[str, Any]:
    """Run the search benchmark at each size; return the measurements."""
    out: dict[str, Any] = {"sizes": {}}
    for n in sizes:
        workdir = keep / f"bench-search-{n}" if keep and reuse else None
        if workdir is None:
            workdir = Path(tempfile.mkdtemp(prefix=f"bench-search-{n}-", dir=keep))
        try:
            out["sizes"][str(n)] = run_size(n, workdir)
        finally:
            if keep is None:
                shutil.rmtree(workdir, ignore_errors=True)
    return out


def table(result: dict[str, Any]) -> str:
    """Return the measurements as a Markdown table."""
    lines = [
        "| articles | index s | peak MB | parts | index MB | files | query | first KB (gzip) "
        "| first ms | second KB (gzip) | second ms | update s (step / process) | update peak MB |",
        "|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for n, r in result["sizes"].items():
        for kind, b in r["browser"].items():
            f, s = b["first"], b["second"]
            lines.append(
                f"| {int(n):,} | {r['index']['wall_s']:.1f} | {r['index']['peak_rss_mb']:.0f} "
                f"| {r['index']['parts']} | {r['size']['bytes'] / 2**20:.0f} "
                f"| {r['size']['files']:,} "
                f"| {kind} `{b['query']}` | {f['kb']:.0f} ({f['gzip_kb']:.0f}) | {f['ms']:.0f} "
                f"| {s['kb']:.0f} ({s['gzip_kb']:.0f}) | {s['ms']:.0f} "
                f"| {r['update']['seconds']:.1f} / {r['update']['wall_s']:.1f} "
                f"| {r['update']['peak_rss_mb']:.0f} |"
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Run from the command line and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--keep", type=Path, help="leave the work folders under DIR")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="with --keep: use DIR/bench-search-N left by a run (its pages and part cache); "
        "the index columns then time a rebuild with every part cached",
    )
    parser.add_argument("--json", type=Path, help="also write the measurements here")
    parser.add_argument("--index", nargs=3, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.index:
        print(json.dumps(index_once(*args.index)))
        return 0
    result = run(tuple(args.sizes), args.keep, args.reuse)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(table(result))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())
