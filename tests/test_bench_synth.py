"""The benchmark corpus generator: deterministic, seed-shaped raw dumps, a valid archive."""

from __future__ import annotations

import json
import os
import re
import runpy
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import yaml

from bench import dumps, html_pages, report, synth
from briefing import frontmatter
from briefing.markdown import paragraphs_to_markdown

ROOT = Path(__file__).resolve().parent.parent
REPORT_SEED = ROOT / "raw" / "003_3261e566d31335b6.txt"
FEED_SEED = ROOT / "raw" / "000_f947edaab6fdd402.txt"
N = 60

# One letter per line; a page's letters must match its layout's pattern (seed and synthetic).
LINE_KINDS = (
    ("B", r""),
    ("D", r"• \d{1,2} [A-Z][a-z]+, \d{4}"),
    ("H", r"• \d\d:\d\d"),
    ("t", r"\d\d:\d\d"),
    ("P", r"Photo"),
    ("L", r"Latest News"),
    ("A", r"All News Feed"),
    ("R", r"Read next"),
    ("Q", r"What is your opinion on this topic\?"),
    ("Z", r"Leave the first comment"),
)
REPORT_SHAPE = r"TTBTBTDHTB(TB)+T+BLB(tP?BTBT)+A"  # ...body, tags, az, ru, listing
FEED_SHAPE = r"T+R(tT?T)+QZ"  # body lines, Read next items (time, label?, summary)


def shape(text: str) -> str:
    """Return one letter per line: the line's kind, T for any other text."""
    letters = []
    for line in text.split("\n"):
        kind = next((k for k, pattern in LINE_KINDS if re.fullmatch(pattern, line.strip())), "T")
        letters.append(kind)
    return "".join(letters)


@pytest.fixture(scope="module")
def corpus() -> synth.Corpus:
    return synth.generate(N, seed=5)


def test_same_seed_same_corpus(corpus: synth.Corpus) -> None:
    again = synth.generate(N, seed=5)
    assert again.articles == corpus.articles
    assert again.stories == corpus.stories
    assert synth.generate(N, seed=6).articles != corpus.articles


def test_archive_shape(corpus: synth.Corpus) -> None:
    articles = corpus.articles
    assert len(articles) == N
    assert len({a.slug for a in articles}) == N
    assert [a.date for a in articles] == sorted(a.date for a in articles)
    assert all(a.date.utcoffset() == timedelta(hours=4) for a in articles)
    assert all(150 <= len(a.body.split()) <= 1000 for a in articles)
    by_slug = corpus.by_slug()
    for slugs in corpus.members().values():
        assert 3 <= len(slugs) <= 8
        dates = [by_slug[s].date for s in slugs]
        assert max(dates) - min(dates) <= timedelta(days=synth.STORY_DAYS)


def test_bodies_are_their_own_markdown(corpus: synth.Corpus) -> None:
    for article in corpus.articles:
        assert paragraphs_to_markdown(dumps.paragraphs(article)) == article.body


def test_markdown_files_load_back(corpus: synth.Corpus, tmp_path: Path) -> None:
    assert synth.write_markdown(corpus.articles, tmp_path) == N
    for article in corpus.articles:
        path = synth.markdown_path(tmp_path, article)
        assert path.relative_to(tmp_path).parts[:3] == (
            "articles",
            f"{article.date:%Y}",
            f"{article.date:%m}",
        )
        assert frontmatter.load(path.read_text(encoding="utf-8")) == article


@pytest.mark.parametrize(
    ("source", "seed", "pattern"),
    [(synth.REPORT_SOURCE, REPORT_SEED, REPORT_SHAPE), (synth.FEED_SOURCE, FEED_SEED, FEED_SHAPE)],
    ids=["report-az", "read-next-comments"],
)
def test_raw_dumps_have_the_seed_layout(
    corpus: synth.Corpus, tmp_path: Path, source: str, seed: Path, pattern: str
) -> None:
    assert re.fullmatch(pattern, shape(seed.read_text(encoding="utf-8")))
    dumps.write_raw(corpus.articles, tmp_path)
    mine = [a for a in corpus.articles if a.source == source]
    assert mine
    for article in mine:
        text = (tmp_path / article.source_file).read_text(encoding="utf-8")
        assert re.fullmatch(pattern, shape(text)), article.source_file
        assert not text.endswith("\n")
        assert dumps.paragraphs(article)[0] in text


def test_report_dump_lines(corpus: synth.Corpus) -> None:
    article = next(a for a in corpus.articles if a.source == synth.REPORT_SOURCE)
    lines = dumps.report_dump(article).split("\n")
    assert lines[1] == "    " + lines[0]
    assert lines[3] == lines[8] == "    " + article.title
    assert "    Latest News" in lines
    assert lines[-1] == "    All News Feed"
    assert all(line.startswith("    ") for line in lines[1:] if line)


def test_undated_dumps_have_a_sidecar(corpus: synth.Corpus, tmp_path: Path) -> None:
    dumps.write_raw(corpus.articles, tmp_path)
    article = next(a for a in corpus.articles if a.source == synth.FEED_SOURCE)
    meta = tmp_path / (Path(article.source_file or "").stem + dumps.SIDECAR_SUFFIX)
    data = yaml.safe_load(meta.read_text(encoding="utf-8"))
    assert data == {"date": article.date.isoformat(), "source": synth.FEED_SOURCE}


def test_extend_adds_a_day_of_news(corpus: synth.Corpus) -> None:
    newer = synth.extend(corpus, 5)
    assert newer.articles[:N] == corpus.articles
    added = newer.articles[N:]
    assert len(added) == 5
    assert all(timedelta(0) < a.date - corpus.articles[-1].date <= timedelta(days=1) for a in added)
    assert len({a.slug for a in newer.articles}) == N + 5


def test_report_dumps_ingest_back(corpus: synth.Corpus, tmp_path: Path) -> None:
    """The ingest CLI reads the report.az dumps back to the same title, date, tags and body."""
    report = [a for a in corpus.articles if a.source == synth.REPORT_SOURCE][:8]
    dumps.write_raw(report, tmp_path / "raw")
    command = [sys.executable, "-m", "briefing", "ingest", str(tmp_path / "raw")]
    command += ["--out", str(tmp_path / "content"), "--jobs", "1"]
    subprocess.run(command, check=True, cwd=ROOT, capture_output=True)
    loaded = [
        frontmatter.load(p.read_text(encoding="utf-8"))
        for p in (tmp_path / "content").rglob("*.md")
    ]
    got = {a.source_file: a for a in loaded if a.kind == "article"}
    for article in report:
        back = got[article.source_file]
        fields = ("title", "date", "category", "tags", "body", "source")
        assert {f: getattr(back, f) for f in fields} == {f: getattr(article, f) for f in fields}


def test_timing_plugin_times_the_plugins_of_a_real_build(
    corpus: synth.Corpus, tmp_path: Path
) -> None:
    """bench/benchconf.py builds like pelicanconf.py and the timing plugin reports each plugin."""
    content, timing = tmp_path / "content", tmp_path / "timing.json"
    synth.write_markdown(corpus.articles[:20], content)
    command = [sys.executable, "-m", "briefing", "build", "--content", str(content)]
    command += [
        "--output",
        str(tmp_path / "out"),
        "--settings",
        str(ROOT / "bench" / "benchconf.py"),
    ]
    env = {**os.environ, "BENCH_TIMING_PATH": str(timing), "BENCH_ADD_PLUGINS": ""}
    subprocess.run(command, check=True, cwd=ROOT, capture_output=True, env=env)
    data = json.loads(timing.read_text(encoding="utf-8"))
    assert data["pelican_end"] >= data["pelican_start"]
    enabled = runpy.run_path(str(ROOT / "pelicanconf.py"))["PLUGINS"]
    assert set(enabled) <= set(data["plugins"])  # every plugin enters through a signal
    assert (tmp_path / "out" / "index.html").is_file()


def test_report_says_what_is_not_built_or_not_measured() -> None:
    results = {
        "mode": "quick",
        "when": "now",
        "runs": 3,
        "machine": {"cores": 2, "memory_gib": 24, "cpu": "cpu"},
        "versions": {"python": "3.11"},
        "absent": ["offline bundle"],
        "build": {
            "1000": {
                "ours": {
                    "wall": 20.0,
                    "walls": [20.0],
                    "cpu": 15.0,
                    "maxrss_mb": 150.0,
                    "pages": 10,
                    "stages": {"pelican render": 5.0},
                }
            }
        },
    }
    text = report.render(results)
    assert "| full 10,000 build incl. read next and search | - s | 60 s | not measured |" in text
    assert (
        "| peak memory (largest process of our ingest and builds) | 150.0 MB | 2048 MB | met |"
        in text
    )
    assert "not built yet" in text
    assert (
        "| `make html` after 20 raw dumps on 10,000 (ingest + build) | - s | 8 s | not measured |"
        in text
    )


@pytest.mark.parametrize(
    ("wall", "status"), [(7.5, "met"), (8.5, "not met")], ids=["under-8-s", "over-8-s"]
)
def test_report_daily_html_row(wall: float, status: str) -> None:
    """`make html` after a day of raw dumps: its target line and its row beside the update."""
    row = {"wall": wall, "walls": [wall - 1, wall, wall + 1], "cpu": 6.0, "maxrss_mb": 500.0}
    update = {**row, "added": 20, "size": 10_000, "stages": {}}
    results = {"update": update, "daily_html": {**row, "added": 20, "size": 10_000}}
    assert f"| {wall:.1f} s | 8 s | {status} |" in "\n".join(report.targets(results))
    assert (
        f"| 10,000 | 20 raw dumps per run, `make html` (ingest + build) | {wall:.2f} "
        f"| {wall - 1:.1f}-{wall + 1:.1f} | 6.0 | 500 | |"
    ) in report.update_table(results)


def test_html_pages_ingest_back(corpus: synth.Corpus, tmp_path: Path) -> None:
    """The benchmark's HTML pages go through the HTML extractor to the same title and date."""
    html_pages.write_html(corpus.articles[:3], tmp_path / "html")
    command = [sys.executable, "-m", "briefing", "ingest", str(tmp_path / "html")]
    result = subprocess.run(
        [*command, "--out", str(tmp_path / "out")], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    loaded = {
        a.title: a
        for a in (frontmatter.load(p.read_text("utf-8")) for p in (tmp_path / "out").rglob("*.md"))
    }
    for article in corpus.articles[:3]:
        assert loaded[article.title].date == article.date
