"""Search at archive scale: Pagefind over a news archive, in parts or one index (#6, #13).

usage: python -m bench.bench_search [--sizes 10000 100000] [--layouts parts one] [--keep DIR]
       [--json FILE]

For each size: the synthetic archive (bench/synth.py, seed 1: dates, categories, sources,
tags, translation titles) with every title and body rewritten from real news text
(bench/news_text.py: the Lee corpus of ABC news articles that gensim ships), rendered as
article pages; indexed with the pagefind_index plugin in a child process (wall time, peak
memory of the process tree); the index measured (bytes, files); the search page loaded in
headless Chromium for each kind of query (a very common word, a rare word, two words, a
phrase, a Cyrillic word, a word plus a filter): bytes over the wire for a first query (page,
UI, runtime and index, raw and gzip-estimated) and time to the first results, then a second
query typed into the box; then a day's articles added (synth.extend) and the re-index timed.
Each layout is measured on the same pages in the same run: ``parts`` (the plugin's default
PAGEFIND settings: runs of months of at most ``part_pages`` pages) and ``one`` (part_pages 0:
one index of the whole archive, the design it replaced).

The pages are rendered without a Pelican build, to keep 100k within minutes: a stand-in of the
theme's article page (same data-pagefind-body structure) that includes the theme's real
``_pagefind_meta.html``, so filters, sort, meta and hidden translation titles are the real ones.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup
from pelican.plugins.briefing_reader.markdown import render
from pelican.plugins.news_meta.filters import FILTERS
from pelican.plugins.offline_search.index import tokens
from pelican.plugins.pagefind_index.indexer import PageSource, digest, index_site
from pelican.plugins.pagefind_index.plugin import templates_digest
from pelican.plugins.pagefind_index.settings import PagefindSettings

from bench import news_text, synth
from bench.chromium import CHROMIUM, CHROMIUM_ARGS
from briefing.model import Article
from tests.search_fixture import serving

ROOT = Path(__file__).resolve().parent.parent
THEME = ROOT / "themes" / "briefing"
SEED = 1
DAILY = 20  # articles added by the daily update
DEBOUNCE_MS = 250  # search.js's, subtracted from the second query's time
PAGE = jinja2.Template(
    """<!doctype html>
<html lang="{{ record.lang or 'en' }}">
<head><meta charset="utf-8"><title>{{ article.title }}</title></head>
<body><header><nav>Latest Archive Tags Sources</nav></header><main id="main">
<article class="article" lang="{{ record.lang or 'en' }}" data-pagefind-body>
<header><p class="kicker" data-pagefind-ignore>{{ record.category }}</p>
<h1 data-pagefind-weight="10">{{ record.title }}</h1>
{% if record.summary %}<p class="standfirst">{{ record.summary }}</p>{% endif %}
<p class="dateline" data-pagefind-ignore><time>{{ record.date.strftime("%d %B %Y, %H:%M") }}</time>
{{ record.source or "" }} {{ record.category }}</p>
<ul class="tags" data-pagefind-ignore>
{% for tag in record.tags %}<li>{{ tag }}</li>{% endfor %}</ul>
</header>
<div class="body">{{ body }}</div>
{{ meta }}
<aside data-pagefind-ignore>{% for item in record.read_next %}
<p>{{ item.title or item.summary }}</p>{% endfor %}</aside>
</article></main><footer>Briefing archive</footer></body></html>
""",
    autoescape=True,
)


def news_records(n: int, daily: int = 0) -> list[Article]:
    """Return the benchmark's ``n`` articles (plus ``daily`` newer ones), in real news text."""
    corpus = synth.generate(n, seed=SEED)
    if daily:
        corpus = synth.extend(corpus, daily)
    return news_text.rewrite(corpus.articles, SEED)


class _Stand:
    """The little of a Pelican article that _pagefind_meta.html reads."""

    def __init__(self, record: Article) -> None:
        self.briefing = record


def _theme_env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(THEME / "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(FILTERS)  # the theme's filters, as the news_meta plugin adds them
    return env


def _meta_template() -> jinja2.Template:
    return _theme_env().get_template("_pagefind_meta.html")


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
    env = _theme_env()
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


def page_sources(rows: Sequence[dict[str, str]]) -> list[PageSource]:
    """Return the plugin's page records from the JSON rows :func:`_measured_index` writes."""
    return [
        PageSource(save_as=r["save_as"], date=datetime.fromisoformat(r["date"]), digest=r["digest"])
        for r in rows
    ]


LAYOUTS = {
    "parts": PagefindSettings(),  # the plugin's defaults: the layout a build gets
    "one": PagefindSettings(part_pages=0),
    # smaller parts, two processes at a time: the same memory, more chunks per query
    "small-parts": PagefindSettings(part_pages=2500, jobs=2),
}


def index_once(site: Path, cache: Path, records_file: Path, layout: str) -> dict[str, Any]:
    """Index ``site`` as the plugin does (the child process of :func:`_measured_index`)."""
    pages = page_sources(json.loads(records_file.read_text(encoding="utf-8")))
    # A build writes a fresh output folder: only the search page is there before indexing.
    render_search_page(site)
    report = index_site(site, pages, LAYOUTS[layout], cache, _fingerprint())
    return {
        "pages": report.pages,
        "indexed": report.indexed,
        "seconds": report.seconds,
        "parts": report.parts,
        "parts_indexed": report.parts_indexed,
    }


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


def _measured_index(
    site: Path, cache: Path, records: Sequence[Article], layout: str
) -> dict[str, Any]:
    """Run the indexing of ``layout`` in a child process; return its report, wall time and
    peak memory of the process tree (Python and Pagefind)."""
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
    command += [str(records_file), layout]
    started = time.perf_counter()
    cpu_before = _children_cpu()
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
    result.update(
        wall_s=time.perf_counter() - started,
        cpu_s=_children_cpu() - cpu_before,
        peak_rss_mb=peak / 2**20,
        load_after=os.getloadavg()[0],  # the machine's 1-minute load average as it ended
    )
    return result


def _children_cpu() -> float:
    """CPU seconds (user + system) of every finished child process and their children."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def index_size(folder: Path) -> dict[str, Any]:
    """Return the bytes and file count of the search data, and of its metadata alone."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    meta = [p for p in files if p.name.endswith(".pf_meta") or p.name == "pagefind-entry.json"]
    return {
        "bytes": sum(p.stat().st_size for p in files),
        "files": len(files),
        "meta_bytes": sum(p.stat().st_size for p in meta),
    }


def query_words(records: Sequence[Article]) -> dict[str, dict[str, str]]:
    """Pick one query of each kind (URL parameters) from the archive's own text."""
    df: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    for record in records[:: max(1, len(records) // 3000)]:
        words = tokens(f"{record.title} {record.body}")
        df.update(set(words))
        pairs.update({f"{a} {b}" for a, b in itertools.pairwise(words)})
    long = [w for w in df if w.isalpha() and w.isascii() and len(w) >= 5]
    common = max(long, key=lambda w: (df[w], w))
    rare = min(long, key=lambda w: (abs(df[w] - 3), -len(w), w))
    medium = min(long, key=lambda w: (abs(df[w] - df[common] // 10), w))
    phrase = max(
        (p for p in pairs if all(len(w) >= 4 and w.isalpha() for w in p.split())),
        key=lambda p: (pairs[p], p),
    )
    cyrillic = next(
        w
        for r in records[len(records) // 3 :]
        for t in r.translations
        if t.lang == "ru"
        for w in t.title.split()
        if len(w) > 5 and w.isalpha()
    )
    category = Counter(r.category for r in records).most_common(1)[0][0]
    return {
        "common": {"q": common},
        "rare": {"q": rare},
        "two-words": {"q": f"{common} {medium}"},
        "phrase": {"q": f'"{phrase}"'},
        "cyrillic": {"q": cyrillic},
        "word+filter": {"q": common, "category": category},
    }


def _gz(body: bytes) -> int:
    return min(len(body), len(gzip.compress(body, 6)))


# What a response is, by its path: the page, the runtime, each part's metadata, word chunks,
# filter chunks and fragments (the first match wins).
_KINDS = (
    ("wasm", ".pagefind"),
    ("runtime", "pagefind.js"),
    ("metadata", ".pf_meta"),
    ("metadata", "pagefind-entry.json"),
    ("metadata", "parts.json"),
    ("chunks", ".pf_index"),
    ("filters", ".pf_filter"),
    ("fragments", ".pf_fragment"),
)


def _kind(url: str) -> str:
    path = url.split("?", 1)[0]
    return next((kind for kind, end in _KINDS if path.endswith(end)), "page")


class _Traffic:
    """Bytes of every response a page receives, raw and gzip-estimated, and gzip by kind."""

    def __init__(self, page: Any) -> None:
        self.raw = 0
        self.gzip = 0
        self.requests = 0
        self.kinds: Counter[str] = Counter()
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
        self.kinds[_kind(request.url)] += _gz(body)
        self.requests += 1

    def take(self) -> dict[str, Any]:
        """Return and reset the counts."""
        counts = {"kb": self.raw / 1024, "gzip_kb": self.gzip / 1024, "requests": self.requests}
        counts["gzip_kb_by_kind"] = {k: v / 1024 for k, v in sorted(self.kinds.items())}
        self.raw = self.gzip = self.requests = 0
        self.kinds = Counter()
        return counts


_DONE = "() => document.querySelector('[data-search-page]')?.dataset.state === 'done'"
_COUNT = "() => document.querySelector('#search-status').textContent"


def browse(site: Path, queries: dict[str, dict[str, str]]) -> dict[str, Any]:
    """Measure a first query (page load included, cold cache) and a second typed query."""
    from urllib.parse import urlencode

    from playwright.sync_api import sync_playwright

    results: dict[str, Any] = {}
    with serving(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for kind, params in queries.items():
            context = browser.new_context()
            page = context.new_page()
            traffic = _Traffic(page)
            started = time.perf_counter()
            page.goto(f"{base}/search/?{urlencode(params)}")
            page.wait_for_function(_DONE, timeout=120_000)
            first_ms = (time.perf_counter() - started) * 1000
            status = page.evaluate(_COUNT)
            page.wait_for_timeout(300)  # let trailing fetches land
            first = traffic.take()
            second_word = queries["rare" if kind != "rare" else "common"]["q"]
            page.evaluate("document.querySelector('[data-search-page]').dataset.state = ''")
            started = time.perf_counter()
            page.get_by_label("Search words").fill(second_word)
            page.wait_for_function(_DONE, timeout=120_000)
            second_ms = (time.perf_counter() - started) * 1000 - DEBOUNCE_MS
            page.wait_for_timeout(300)
            results[kind] = {
                "params": params,
                "status": status,
                "first": {**first, "ms": first_ms},
                "second": {**traffic.take(), "ms": second_ms, "query": second_word},
            }
            context.close()
        browser.close()
    return results


def run_size(n: int, workdir: Path, layouts: Sequence[str]) -> dict[str, Any]:
    """Measure one archive size, each layout on the same pages."""
    articles = news_records(n, DAILY)
    base, newer = articles[:n], articles[n:]
    site = workdir / "site"
    started = time.perf_counter()
    render_pages(site, base)
    out: dict[str, Any] = {"articles": n, "render_s": time.perf_counter() - started}
    queries = query_words(base)
    for layout in layouts:
        full = _measured_index(site, workdir / f"cache-{layout}", base, layout)
        size = index_size(site / "search" / "pagefind")
        out[layout] = {"index": full, "size": size, "browser": browse(site, queries)}
    render_pages(site, newer)
    for layout in layouts:
        out[layout]["update"] = _measured_index(site, workdir / f"cache-{layout}", articles, layout)
    return out


def run(
    sizes: tuple[int, ...] = (10_000, 100_000),
    keep: Path | None = None,
    layouts: Sequence[str] = ("parts", "one"),
) -> dict[str, Any]:
    """Run the search benchmark at each size; return the measurements."""
    out: dict[str, Any] = {"sizes": {}, "text": "Lee corpus (gensim test data), real news English"}
    for n in sizes:
        workdir = Path(tempfile.mkdtemp(prefix=f"bench-search-{n}-", dir=keep))
        try:
            out["sizes"][str(n)] = run_size(n, workdir, layouts)
        finally:
            if keep is None:
                shutil.rmtree(workdir, ignore_errors=True)
    return out


def table(result: dict[str, Any]) -> str:
    """Return the measurements as Markdown tables: indexing, then each query."""
    lines = [
        "| articles | layout | parts | index s | index CPU s | peak MB | index MB | files "
        "| metadata KB | update s (parts re-indexed) | update peak MB | load |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    rows = [(n, name, r[name]) for n, r in result["sizes"].items() for name in LAYOUTS if name in r]
    for n, name, r in rows:
        i, z, u = r["index"], r["size"], r["update"]
        lines.append(
            f"| {int(n):,} | {name} | {i['parts']} | {i['wall_s']:.1f} | {i['cpu_s']:.1f} "
            f"| {i['peak_rss_mb']:.0f} "
            f"| {z['bytes'] / 2**20:.0f} | {z['files']:,} | {z['meta_bytes'] / 1024:.0f} "
            f"| {u['wall_s']:.1f} ({u['parts_indexed']}) | {u['peak_rss_mb']:.0f} "
            f"| {i['load_after']:.1f} |"
        )
    lines += [
        "",
        "| articles | layout | query | shown | first KB (gzip) | first gzip KB by kind "
        "| first ms | second KB (gzip) | second ms |",
        "|---:|---|---|---|---:|---|---:|---:|---:|",
    ]
    for n, name, r in rows:
        for kind, b in r["browser"].items():
            f, s = b["first"], b["second"]
            query = " ".join(f"{k}={v}" for k, v in b["params"].items())
            lines.append(
                f"| {int(n):,} | {name} | {kind} `{query}` | {b['status']} "
                f"| {f['kb']:.0f} ({f['gzip_kb']:.0f}) | {_by_kind(f)} | {f['ms']:.0f} "
                f"| {s['kb']:.0f} ({s['gzip_kb']:.0f}) | {s['ms']:.0f} |"
            )
    return "\n".join(lines)


def _by_kind(counts: dict[str, Any]) -> str:
    return ", ".join(f"{k} {v:.0f}" for k, v in counts["gzip_kb_by_kind"].items())


def main(argv: Sequence[str] | None = None) -> int:
    """Run from the command line and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--keep", type=Path, help="leave the work folders under DIR")
    parser.add_argument("--layouts", nargs="+", default=["parts", "one"], choices=list(LAYOUTS))
    parser.add_argument("--json", type=Path, help="also write the measurements here")
    parser.add_argument("--index", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.index:
        site, cache, records, layout = args.index
        print(json.dumps(index_once(Path(site), Path(cache), Path(records), layout)))
        return 0
    result = run(tuple(args.sizes), args.keep, args.layouts)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(table(result))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())
