"""Score what ships on an eval folder: the real ingest path over NNN.txt / NNN.html.gz pages.

usage: python -m bench.eval_extract DATA [--kind txt|html] [--half A|B] [--sidecars]
                                         [--score PATH/score.py] [--keep DIR] [--per-file]
(the scorer defaults to score.py in DATA's parent folder, as laid out in shared/eval/)

Each input kind is copied into a raw folder of its own and run through
``briefing.ingest.ingest`` exactly as ``briefing ingest`` runs it (profiles, generic
extraction, normalise, defaults, the archive's slugs and files); the scorer then reads the
written Markdown.  No fetch time is passed: the dev pages come without sidecars, as a user's
scrapes often do.  ``--sidecars`` writes, for each page, the ``NNN.txt.meta.yaml`` sidecar a
scraper recording its crawl time would write (``fetched_at`` from the page's ``crawl_date``).

``--half A|B`` scores one half of the publishers (see ``publisher_half``): constants are chosen
on one half and reported on the other (``python -m bench.cv_extract`` prints that table).
Beside the scorer's line, two figures the scorer does not compute: the share of pages whose
stated time and offset are kept exactly (ground truth with a clock time: same instant to the
minute, offset stated) and the authors' set F1.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from briefing import frontmatter
from briefing.ingest import IngestOptions, ingest

PATTERNS = {"txt": "*.txt", "html": "*.html.gz"}
# The eval run's clock: undated pages get this day, which no ground-truth date has.
EVAL_NOW = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Truth:
    """The fields of one NNN.json this script scores beside score.py."""

    stem: str
    half: str
    date: datetime | None
    authors: tuple[str, ...]
    crawl: datetime | None


def publisher_half(publisher: str) -> str:
    """Return "A" or "B": a fixed split by a hash of the publisher's name (or the URL's host)."""
    return "AB"[hashlib.sha256(publisher.casefold().encode()).digest()[0] % 2]


def load_truth(data: Path) -> dict[str, Truth]:
    """Read every NNN.json of DATA into the fields scored here."""
    out = {}
    for path in sorted(data.glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        publisher = raw.get("publisher") or (raw.get("url") or "").split("/")[2:3] or [path.stem]
        name = publisher if isinstance(publisher, str) else publisher[0]
        out[path.stem] = Truth(
            stem=path.stem,
            half=publisher_half(name),
            date=_iso(raw.get("date")),
            authors=tuple(raw.get("authors") or ()),
            crawl=_iso(raw.get("crawl_date")),
        )
    return out


def _iso(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def stage(data: Path, kind: str, stems: set[str], raw: Path, sidecars: bool) -> None:
    """Copy the chosen pages of one kind into ``raw`` (with sidecars when asked)."""
    truth = load_truth(data)
    for page in sorted(data.glob(PATTERNS[kind])):
        stem = page.name.split(".")[0]
        if stem not in stems:
            continue
        # A copy, not a link: ingest reads no link that leads out of the raw folder.
        shutil.copyfile(page, raw / page.name)
        crawl = truth[stem].crawl if stem in truth else None
        if sidecars and crawl is not None:
            aware = crawl if crawl.utcoffset() is not None else crawl.replace(tzinfo=UTC)
            side = {"fetched_at": aware.isoformat()}
            (raw / f"{page.name}.meta.yaml").write_text(yaml.safe_dump(side), encoding="utf-8")


def run_kind(data: Path, kind: str, stems: set[str], out: Path, sidecars: bool) -> float:
    """Ingest one kind of input into ``out``; return the seconds the ingest took."""
    with tempfile.TemporaryDirectory(prefix=f"eval-raw-{kind}-") as tmp:
        raw = Path(tmp)
        stage(data, kind, stems, raw, sidecars)
        start = time.perf_counter()
        report = ingest([raw], out, IngestOptions(now=EVAL_NOW, jobs=1))
        seconds = time.perf_counter() - start
    for rejection in report.rejected:
        print(f"rejected: {rejection}", file=sys.stderr)
    return seconds


def extras(out: Path, truth: dict[str, Truth], stems: set[str]) -> dict[str, float | int]:
    """Return time-and-offset exactness and authors' F1 over the written articles."""
    timed = hits = with_authors = 0
    author_f1 = 0.0
    for md in out.rglob("*.md"):
        article = frontmatter.load(md.read_text(encoding="utf-8"))
        stem = (article.source_file or md.name).split(".")[0]
        gt = truth.get(stem)
        if gt is None or stem not in stems or article.kind != "article":
            continue
        if gt.date is not None and gt.date.utcoffset() is not None and _has_clock(gt.date):
            timed += 1
            same = abs((article.date - gt.date).total_seconds()) < 60
            hits += same and "timezone" not in article.origin and "date" not in article.origin
        if gt.authors:
            with_authors += 1
            author_f1 += _set_f1(gt.authors, article.authors)
    return {
        "time_n": timed,
        "time_exact": hits / timed if timed else float("nan"),
        "authors_n": with_authors,
        "authors_f1": author_f1 / with_authors if with_authors else float("nan"),
    }


def _has_clock(value: datetime) -> bool:
    return (value.hour, value.minute, value.second) != (0, 0, 0)


def _set_f1(truth: tuple[str, ...], found: tuple[str, ...]) -> float:
    a = {" ".join(t.casefold().split()) for t in truth}
    b = {" ".join(t.casefold().split()) for t in found}
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 1.0


def score(data: Path, stems: set[str], out: Path, scorer: Path, per_file: bool) -> dict[str, Any]:
    """Run score.py on the chosen pages; return its JSON summary (printing per-file lines)."""
    with tempfile.TemporaryDirectory(prefix="eval-gt-") as tmp:
        gt = Path(tmp)
        for stem in stems:
            (gt / f"{stem}.json").symlink_to((data / f"{stem}.json").resolve())
        report = gt / "report.json"
        cmd = [sys.executable, str(scorer), str(gt), str(out), "--json", str(report)]
        result = subprocess.run(
            [*cmd, "--per-file"] if per_file else cmd, capture_output=True, text=True, check=True
        )
        if per_file:
            print(result.stdout.rstrip())
        summary: dict[str, Any] = json.loads(report.read_text(encoding="utf-8"))["summary"]
    return summary


def evaluate(
    data: Path,
    kind: str,
    half: str | None = None,
    *,
    sidecars: bool = False,
    keep: Path | None = None,
    scorer: Path | None = None,
    per_file: bool = False,
) -> dict[str, Any]:
    """Ingest and score one kind of DATA's pages (one half of the publishers, or all)."""
    truth = load_truth(data)
    stems = {s for s, t in truth.items() if half is None or t.half == half}
    with tempfile.TemporaryDirectory(prefix=f"eval-{kind}-") as tmp:
        out = keep / kind if keep else Path(tmp)
        out.mkdir(parents=True, exist_ok=True)
        seconds = run_kind(data, kind, stems, out, sidecars)
        summary = score(data, stems, out, scorer or data.resolve().parent / "score.py", per_file)
        summary.update(extras(out, truth, stems))
    summary["seconds"] = seconds
    return summary


def line(summary: dict[str, Any]) -> str:
    """Return the one-line summary of a scored run."""
    keys = ("body_f1", "title_match", "date_acc", "time_exact", "authors_f1")
    figures = " ".join(f"{k}={summary[k]:.3f}" for k in keys)
    return f"{figures} pages={summary['pages_scored']} missing={summary['missing']}"


def main(argv: list[str] | None = None) -> int:
    """Ingest and score DATA's text dumps and HTML pages; print one summary line per kind."""
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    ap.add_argument("data", type=Path)
    ap.add_argument("--score", type=Path, help="the scorer (default: DATA/../score.py)")
    ap.add_argument("--keep", type=Path, help="write the Markdown here instead of a temp folder")
    ap.add_argument("--kind", choices=tuple(PATTERNS), action="append")
    ap.add_argument("--half", choices=("A", "B"), help="only one half of the publishers")
    ap.add_argument("--sidecars", action="store_true", help="give each page its crawl time")
    ap.add_argument("--per-file", action="store_true")
    args = ap.parse_args(argv)
    for kind in args.kind or tuple(PATTERNS):
        summary = evaluate(
            args.data,
            kind,
            args.half,
            sidecars=args.sidecars,
            keep=args.keep,
            scorer=args.score,
            per_file=args.per_file,
        )
        print(f"{kind:4} {args.data.name}: {line(summary)}")
        print(f"{kind:4} {args.data.name}: ingest took {summary['seconds']:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
