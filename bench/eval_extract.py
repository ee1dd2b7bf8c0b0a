"""Score generic extraction on an eval folder: NNN.txt dumps and NNN.html.gz pages vs NNN.json.

usage: python -m bench.eval_extract DATA [--score PATH/score.py] [--keep DIR] [--per-file]
(the scorer defaults to score.py in DATA's parent folder, as laid out in shared/eval/)

Runs ``extract_dump`` over every NNN.txt and ``extract_html`` over every NNN.html.gz, writes one
Markdown file per page with ``briefing.frontmatter.dump`` and runs the scorer once per input kind.
The ``Article`` adapter below stands in for the lead's normalise step until it lands.
Like the ingest step, it learns the folder's boilerplate lines once per run, and it passes the
scraper's recorded ``crawl_date`` as ``fetched_at`` (what a sidecar carries) so that relative
and year-less datelines ("vor 14 Minuten", "mandag 5. august") can be dated.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from briefing import frontmatter, generic
from briefing.extract import ExtractContext
from briefing.markdown import paragraphs_to_markdown
from briefing.model import Article, Extracted
from briefing.slug import slugify


def to_article(ex: Extracted, source_file: str) -> Article:
    """Fill the defaults the normalise step will fill (naive dates become UTC)."""
    date = ex.date or datetime(1970, 1, 1, tzinfo=UTC)
    if date.tzinfo is None:
        date = date.replace(tzinfo=UTC)
    title = ex.title or "(untitled)"
    return Article(
        title=title,
        slug=slugify(title),
        date=date,
        category=ex.category or ex.default_category or "news",
        body=paragraphs_to_markdown(ex.paragraphs),
        tags=ex.tags,
        source=ex.source,
        source_url=ex.source_url,
        source_file=source_file,
        lang=ex.lang if ex.lang and len(ex.lang) == 2 else None,
        origin=dict(ex.origin),
    )


def fetched_at(data: Path, stem: str) -> datetime | None:
    """Return the crawl time the scraper recorded (what a sidecar's fetched_at carries)."""
    meta = data / f"{stem}.json"
    if not meta.exists():
        return None
    value = json.loads(meta.read_text(encoding="utf-8")).get("crawl_date")
    return datetime.fromisoformat(value) if isinstance(value, str) else None


def run_kind(data: Path, kind: str, out: Path) -> float:
    """Extract every input of one kind into ``out``; return the seconds spent extracting."""
    pattern = "*.txt" if kind == "txt" else "*.html.gz"
    files = sorted(data.glob(pattern))
    texts = {f: _read(f) for f in files}
    boilerplate = generic.learn_boilerplate(list(texts.values())) if kind == "txt" else frozenset()
    start = time.perf_counter()
    for path, text in texts.items():
        stem = path.name.split(".")[0]
        name = f"{stem}.txt" if kind == "txt" else f"{stem}.html"
        ctx = ExtractContext(
            rel_path=name,
            source_hint=data.name,
            fetched_at=fetched_at(data, stem),
            boilerplate=boilerplate,
        )
        ex = generic.extract_dump(text, ctx) if kind == "txt" else generic.extract_html(text, ctx)
        md = frontmatter.dump(to_article(ex, name))
        (out / f"{stem}.md").write_text(md, encoding="utf-8")
    return time.perf_counter() - start


def _read(path: Path) -> str:
    if path.name.endswith(".gz"):
        return gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
    return path.read_text(encoding="utf-8", errors="replace")


def main(argv: list[str] | None = None) -> int:
    """Run both extractors over DATA and print the scorer's summary line for each."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("--score", type=Path, help="the scorer (default: DATA/../score.py)")
    ap.add_argument("--keep", type=Path, help="write the Markdown here instead of a temp folder")
    ap.add_argument("--kind", choices=("txt", "html"), action="append")
    ap.add_argument("--per-file", action="store_true")
    args = ap.parse_args(argv)
    score = args.score or args.data.resolve().parent / "score.py"
    for kind in args.kind or ("txt", "html"):
        with tempfile.TemporaryDirectory(prefix=f"eval-{kind}-") as tmp:
            out = args.keep / kind if args.keep else Path(tmp)
            out.mkdir(parents=True, exist_ok=True)
            seconds = run_kind(args.data, kind, out)
            cmd = [sys.executable, str(score), str(args.data), str(out)]
            if args.per_file:
                cmd.append("--per-file")
            result = subprocess.run(cmd, capture_output=True, text=True, check=True)
            lines = result.stdout.strip().split("\n")
            shown = lines if args.per_file else lines[-1:]
            for line in shown:
                print(f"{kind:4} {args.data.name}: {line}")
            print(f"{kind:4} {args.data.name}: extraction took {seconds:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
