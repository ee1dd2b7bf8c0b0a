"""Offline search budgets (issues #7, #13): bytes and time of a first query from file://.

usage: python -m bench.bench_offline [--sizes 10000] [--keep DIR]   (prints a Markdown table)

For each size: the benchmark's news archive (bench/bench_search.py: the synthetic archive's
dates and facets, titles and bodies from real news text) is built with ``briefing offline``.
In headless Chromium with a cold cache, for each kind of query of bench_search:

* offline: ``file:///.../search/index.html?q=...`` from the bundle; bytes are the sizes of
  every file the page read (HTML, CSS, the UI and engine scripts, index shards) until the
  results are on screen, time from navigation to the results (the page's data-state "done");
  and the same word typed key by key into the box: time from the last key to its results;
* hosted: the same query on the hosted search page over http (bench_search.browse on its
  stand-in pages of the same articles, indexed by the pagefind_index plugin): bytes over the wire.

Budgets: offline bytes <= 2x the hosted bytes, first results <= 300 ms.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlencode, urlsplit

from pelican.plugins.pagefind_index.indexer import PageSource, digest, index_site
from pelican.plugins.pagefind_index.settings import PagefindSettings
from playwright.sync_api import Browser, sync_playwright

from bench import bench_search, synth
from bench.chromium import CHROMIUM, CHROMIUM_ARGS
from briefing.offline import make_offline

ROOT = Path(__file__).resolve().parent.parent
TYPING_MS = 120  # between keystrokes: a brisk typist, slower than the 60 ms debounce
ABOUT = "---\ntitle: About this archive\nslug: about\n---\n\nA synthetic archive.\n"
BUDGET_BYTES, BUDGET_MS = 2.0, 300.0
_DONE = "() => document.querySelector('[data-search-page]').dataset.state === 'done'"

# Time from the last input event to the moment the results of the whole word are on screen
# (the search root's data-state turns "done" with the input holding the word).
_TIMING_JS = """
(word) => {
  const root = document.querySelector('[data-search-page]');
  const input = document.getElementById('search-q');
  window.__bench = {last: 0, done: 0};
  input.addEventListener('input', () => { window.__bench.last = performance.now(); }, true);
  new MutationObserver(() => {
    if (root.dataset.state === 'done' && input.value === word && window.__bench.last) {
      window.__bench.done = performance.now();
    }
  }).observe(root, {attributes: true, attributeFilter: ['data-state']});
}
"""


def build(size: int, work: Path) -> tuple[Path, Path, dict[str, dict[str, str]]]:
    """Write the archive, build the offline bundle and the hosted stand-in of the same text."""
    articles = bench_search.news_records(size)
    content = work / "content"
    synth.write_markdown(articles, content, jobs=2)
    (content / "pages").mkdir(parents=True, exist_ok=True)
    (content / "pages" / "about.md").write_text(ABOUT, encoding="utf-8")
    make_offline(content, ROOT / "pelicanconf.py", work / "dist", date(2026, 1, 1), jobs=2)
    bundle = next(p for p in (work / "dist").iterdir() if p.is_dir())
    hosted = work / "hosted"
    bench_search.render_pages(hosted, articles)
    bench_search.render_search_page(hosted)
    pages = [PageSource(bench_search.save_as(r), r.date, digest(repr(r))) for r in articles]
    index_site(hosted, pages, PagefindSettings(), work / "cache", "bench")
    return bundle, hosted, bench_search.query_words(articles)


def _path(url: str) -> Path:
    return Path(unquote(urlsplit(url).path))


def offline_query(browser: Browser, bundle: Path, params: dict[str, str]) -> dict[str, Any]:
    """Open the offline search page for ``params``; return bytes read and time to results."""
    context = browser.new_context()
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    started = time.perf_counter()
    # Not until "load": a phrase of common words loads thousands of text shards first.
    url = (bundle / "search" / "index.html").as_uri() + "?" + urlencode(params)
    page.goto(url, wait_until="commit")
    page.wait_for_function(_DONE, timeout=600_000)
    ms = (time.perf_counter() - started) * 1000
    status = page.inner_text("#search-status")
    files = {_path(u) for u in requested if u.startswith("file:")}
    context.close()
    return {
        "bytes": float(sum(p.stat().st_size for p in files if p.is_file())),
        "ms": ms,
        "files": len(files),
        "status": status,
    }


def typed_query(browser: Browser, bundle: Path, word: str) -> float:
    """Type ``word`` key by key on the offline page; return ms from the last key to results."""
    context = browser.new_context()
    page = context.new_page()
    page.goto((bundle / "search" / "index.html").as_uri())
    page.wait_for_selector("[data-search-page][data-state=ready]")
    page.evaluate(_TIMING_JS, word)
    page.click("#search-q")
    page.keyboard.type(word, delay=TYPING_MS)
    page.wait_for_function("window.__bench.done > 0", timeout=600_000)
    timing = page.evaluate("window.__bench")
    context.close()
    return float(timing["done"] - timing["last"])


def run(sizes: tuple[int, ...] = (10_000,), keep: Path | None = None) -> dict[str, Any]:
    """Measure the budgets for each archive size; return the numbers by size and query."""
    results: dict[str, Any] = {}
    for size in sizes:
        work = keep / str(size) if keep is not None else Path(tempfile.mkdtemp())
        saved = work / "queries.json"
        if saved.is_file():
            bundle = next(p for p in (work / "dist").iterdir() if p.is_dir())
            hosted, queries = work / "hosted", json.loads(saved.read_text("utf-8"))
        else:
            bundle, hosted, queries = build(size, work)
            saved.write_text(json.dumps(queries), "utf-8")
        pagefind = bench_search.browse(hosted, queries)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            rows = {}
            for kind, params in queries.items():
                offline = offline_query(browser, bundle, params)
                hosted_kb = pagefind[kind]["first"]["gzip_kb"]
                rows[kind] = {
                    "params": params,
                    "offline": offline,
                    "typed_ms": typed_query(browser, bundle, params["q"]),
                    "hosted_kb": hosted_kb,
                    "hosted_status": pagefind[kind]["status"],
                    "bytes_ratio": offline["bytes"] / 1024 / hosted_kb,
                }
            browser.close()
        results[str(size)] = rows
    return results


def table(results: dict[str, Any]) -> str:
    """Format :func:`run`'s numbers as a Markdown table with the budgets."""
    lines = [
        "| docs | query | offline shows | offline KB read | hosted KB (gzip, wire) "
        f"| ratio (<= {BUDGET_BYTES:g}) | first results ms (<= {BUDGET_MS:g}) "
        "| typed: ms after last key |",
        "|---:|---|---|---:|---:|---:|---:|---:|",
    ]
    for size, rows in results.items():
        for kind, q in rows.items():
            query = " ".join(f"{k}={v}" for k, v in q["params"].items())
            lines.append(
                f"| {int(size):,} | {kind} `{query}` | {q['offline']['status']} "
                f"| {q['offline']['bytes'] / 1024:,.0f} | {q['hosted_kb']:,.0f} "
                f"| {q['bytes_ratio']:.2f} | {q['offline']['ms']:.0f} | {q['typed_ms']:.0f} |"
            )
    return "\n".join(lines)


def main() -> None:
    """Run the benchmark and print the Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--keep", type=Path, help="keep (and reuse) the builds in this folder")
    parser.add_argument("--json", type=Path, help="also write the measurements here")
    args = parser.parse_args()
    results = run(tuple(args.sizes), args.keep)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(table(results))


if __name__ == "__main__":
    main()
