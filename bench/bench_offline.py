"""Offline search budgets (issue #7): bytes per first query, latency, index size vs Pagefind.

usage: python -m bench.bench_offline [--sizes 10000] [--seed 1]   (prints a Markdown table)

For each size: a synthetic archive (bench/synth.py) is built with ``briefing offline``; vanilla
Pagefind indexes the same HTML.  Then, in headless Chromium with a cold cache:

* offline: ``file:///.../search/index.html``, a word typed key by key; bytes are the sizes of
  every file the page requested after the HTML (engine scripts + index shards) until the first
  results are on screen; latency is from the last keystroke's ``input`` event to the first
  result in the DOM (measured in the page);
* Pagefind: the same word through ``pagefind.js`` over http (a local server), ``search()`` and
  ``data()`` of the first 10 results (what a results page shows); bytes are response bodies.

Budgets: offline bytes <= 2x Pagefind's, first results <= 300 ms, index <= 1.5x Pagefind's.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import json
import subprocess
import sys
import tempfile
import threading
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from playwright.sync_api import Browser, Page, sync_playwright

from bench import synth
from bench.chromium import CHROMIUM, CHROMIUM_ARGS
from briefing.offline import make_offline
from plugins.offline_search.index import tokens

ROOT = Path(__file__).resolve().parent.parent
# Words by document frequency: a rare name, a mid word, a common word (closest df to each).
TARGET_DF = {"rare": 10, "medium": 300, "common": 3000}
RESULTS_SHOWN = 10
TYPING_MS = 120  # between keystrokes: a brisk typist, slower than the 60 ms debounce
ABOUT = "---\ntitle: About this archive\nslug: about\n---\n\nA synthetic archive.\n"
BUDGET_BYTES, BUDGET_MS, BUDGET_SIZE = 2.0, 300.0, 1.5

# Time from the last input event to the moment the results of the whole word are on screen
# (the search root's data-state turns "done" with the input holding the word).
_TIMING_JS = """
(word) => {
  const root = document.querySelector('[data-offline-search]');
  const input = document.getElementById('offline-q');
  window.__bench = {last: 0, done: 0};
  input.addEventListener('input', () => { window.__bench.last = performance.now(); }, true);
  new MutationObserver(() => {
    if (root.dataset.state === 'done' && input.value === word && window.__bench.last) {
      window.__bench.done = performance.now();
    }
  }).observe(root, {attributes: true, attributeFilter: ['data-state']});
}
"""

_PAGEFIND_JS = """
async ([word, count]) => {
  const pagefind = await import('/pagefind/pagefind.js');
  const search = await pagefind.search(word);
  const shown = await Promise.all(search.results.slice(0, count).map(r => r.data()));
  return {total: search.results.length, shown: shown.length};
}
"""


def pick_words(articles: list[Any]) -> dict[str, tuple[str, int]]:
    """Choose one query word per target document frequency (deterministic), with its df."""
    df: Counter[str] = Counter()
    for article in articles:
        df.update(set(tokens(f"{article.title} {article.body}")))
    words: dict[str, tuple[str, int]] = {}
    candidates = [w for w in df if w.isalpha() and len(w) >= 4]
    for label, target in TARGET_DF.items():
        word = min(candidates, key=lambda w: (abs(df[w] - target), w))
        words[label] = (word, df[word])
    return words


def folder_bytes(folder: Path) -> int:
    """Total size of the files under ``folder``."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def build(size: int, seed: int, work: Path) -> tuple[Path, Path, dict[str, tuple[str, int]]]:
    """Write the synthetic archive, build the offline bundle and a Pagefind index of it."""
    corpus = synth.generate(size, seed=seed)
    content = work / "content"
    synth.write_markdown(corpus.articles, content, jobs=2)
    (content / "pages").mkdir(parents=True, exist_ok=True)
    (content / "pages" / "about.md").write_text(ABOUT, encoding="utf-8")
    make_offline(content, ROOT / "offlineconf.py", work / "dist", date(2026, 1, 1), jobs=2)
    bundle = next(p for p in (work / "dist").iterdir() if p.is_dir())
    pagefind_site = work / "pagefind-site"
    command = [sys.executable, "-m", "pagefind", "--site", str(bundle)]
    command += ["--output-path", str(pagefind_site / "pagefind"), "--quiet"]
    subprocess.run(command, check=True)
    return bundle, pagefind_site, pick_words(list(corpus.articles))


def offline_query(browser: Browser, bundle: Path, word: str, key_delay: int) -> dict[str, float]:
    """Enter ``word`` on the offline search page from disk; return bytes read and latency.

    ``key_delay`` 0 enters the word as one input event (the "first one-word query"); otherwise
    it is typed key by key, and every prefix the debounce lets through is searched as well.
    """
    context = browser.new_context()
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto((bundle / "search" / "index.html").as_uri())
    page.wait_for_selector("[data-offline-search][data-state=ready]")
    page.evaluate(_TIMING_JS, word)
    page.click("#offline-q")
    if key_delay:
        page.keyboard.type(word, delay=key_delay)
    else:
        page.fill("#offline-q", word)
    page.wait_for_function("window.__bench.done > 0")
    timing = page.evaluate("window.__bench")
    # The search's own cost: the engine scripts and the index shards (not the page's CSS).
    files = {_path(u) for u in requested if "/search-offline/" in u or "/offline-search" in u}
    context.close()
    return {
        "bytes": float(sum(p.stat().st_size for p in files if p.is_file())),
        "ms": float(timing["done"] - timing["last"]),
        "files": float(len(files)),
    }


def _path(url: str) -> Path:
    return Path(unquote(urlsplit(url).path))


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` over http on a free local port (quietly) for the Pagefind baseline."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep the table readable."""


def pagefind_query(browser: Browser, base: str, word: str) -> dict[str, float]:
    """Run ``word`` through pagefind.js over http; return the bytes of every response."""
    context = browser.new_context()
    page: Page = context.new_page()
    sizes: list[int] = []
    page.on("response", lambda r: sizes.append(len(r.body())) if "/pagefind/" in r.url else None)
    page.goto(f"{base}/blank.html")
    page.evaluate(_PAGEFIND_JS, [word, RESULTS_SHOWN])
    context.close()
    return {"bytes": float(sum(sizes)), "files": float(len(sizes))}


def run(
    sizes: tuple[int, ...] = (10_000,), seed: int = 1, keep: Path | None = None
) -> dict[str, Any]:
    """Measure every budget for each archive size; return the numbers by size and word.

    With ``keep``, the builds stay in ``keep/<size>`` and are reused by the next run (delete the
    folder after changing the index format or the engine).
    """
    results: dict[str, Any] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for size in sizes:
            if keep is not None:
                results[str(size)] = _measure(browser, size, seed, keep / str(size))
                continue
            with tempfile.TemporaryDirectory(prefix="bench-offline-") as tmp:
                results[str(size)] = _measure(browser, size, seed, Path(tmp))
        browser.close()
    return results


def _measure(browser: Browser, size: int, seed: int, work: Path) -> dict[str, Any]:
    saved = work / "words.json"
    if saved.is_file():
        bundle = next(p for p in (work / "dist").iterdir() if p.is_dir())
        pagefind_site = work / "pagefind-site"
        words = {k: (w, df) for k, (w, df) in json.loads(saved.read_text("utf-8")).items()}
    else:
        bundle, pagefind_site, words = build(size, seed, work)
        saved.write_text(json.dumps(words), "utf-8")
    (pagefind_site / "blank.html").write_text("<!doctype html><title>b</title>", "utf-8")
    offline_index = folder_bytes(bundle / "search-offline")
    engine = sum((bundle / "theme/js" / n).stat().st_size for n in _ENGINE_FILES)
    pagefind_index = folder_bytes(pagefind_site / "pagefind")
    row: dict[str, Any] = {
        "offline_index_bytes": offline_index + engine,
        "pagefind_bundle_bytes": pagefind_index,
        "size_ratio": (offline_index + engine) / pagefind_index,
        "queries": {},
    }
    with serve(pagefind_site) as base:
        for label, (word, df) in words.items():
            offline = offline_query(browser, bundle, word, key_delay=0)
            typed = offline_query(browser, bundle, word, key_delay=TYPING_MS)
            hosted = pagefind_query(browser, base, word)
            row["queries"][label] = {
                "word": word,
                "df": df,
                "offline": offline,
                "typed": typed,
                "pagefind": hosted,
                "bytes_ratio": offline["bytes"] / hosted["bytes"],
            }
    return row


_ENGINE_FILES = ("offline-search.js", "offline-search-ui.js")


def table(results: dict[str, Any]) -> str:
    """Format :func:`run`'s numbers as Markdown tables with the budgets."""
    lines = [
        "| docs | query word (docs with it) | offline bytes | Pagefind bytes | ratio (<= 2) "
        "| results ms (<= 300) | typed: ms after last key (<= 300) | typed: bytes |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for size, row in results.items():
        for label, q in row["queries"].items():
            lines.append(
                f"| {size} | {label}: `{q['word']}` ({q['df']}) | {q['offline']['bytes']:,.0f} "
                f"| {q['pagefind']['bytes']:,.0f} | {q['bytes_ratio']:.2f} "
                f"| {q['offline']['ms']:.0f} | {q['typed']['ms']:.0f} "
                f"| {q['typed']['bytes']:,.0f} |"
            )
    lines += ["", "| docs | offline index bytes | Pagefind bundle bytes | ratio (<= 1.5) |"]
    lines.append("|---:|---:|---:|---:|")
    for size, row in results.items():
        lines.append(
            f"| {size} | {row['offline_index_bytes']:,} | {row['pagefind_bundle_bytes']:,} "
            f"| {row['size_ratio']:.2f} |"
        )
    return "\n".join(lines)


def main() -> None:
    """Run the benchmark and print the Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="keep (and reuse) the builds in this folder")
    args = parser.parse_args()
    print(table(run(tuple(args.sizes), args.seed, args.keep)))


if __name__ == "__main__":
    main()
