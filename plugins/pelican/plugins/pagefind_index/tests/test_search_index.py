"""The Pagefind plugin over a real Pelican build: the parts, their records, cache, failures."""

from __future__ import annotations

import gzip
import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pelican.plugins.pagefind_index.indexer import (
    IndexLayoutError,
    PageSource,
    page_glob,
    plan_parts,
)
from pelican.plugins.pagefind_index.plugin import record_digest
from pelican.plugins.pagefind_index.settings import load

from briefing import frontmatter
from briefing.model import Article, SourceItem
from briefing.settings import SettingsError
from briefing.site import BuildError
from tests.search_fixture import ARTICLES, CARLON, build

BUNDLE = Path("search") / "pagefind"


PART_PAGES = 2  # the fixture's months: 2025-06 (1 page), 2026-01 (3), 2026-02 (1)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The search fixture archive, built once, its index cut into parts of 2 pages at most."""
    return build(tmp_path_factory.mktemp("index"), part_pages=PART_PAGES)


def _manifest(site: Path) -> dict[str, object]:
    manifest: dict[str, object] = json.loads((site / BUNDLE / "parts.json").read_text("utf-8"))
    return manifest


def _parts(site: Path) -> list[Path]:
    rows = _manifest(site)["parts"]
    assert isinstance(rows, list)
    return [site / BUNDLE / row["path"] for row in rows]


def _fragments(site: Path) -> list[dict[str, object]]:
    return [
        json.loads(gzip.decompress(f.read_bytes())[len(b"pagefind_dcd") :])
        for part in _parts(site)
        for f in sorted((part / "fragment").iterdir())
    ]


def _pages(bundle: Path) -> dict[str, int]:
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return {lang: int(v["page_count"]) for lang, v in entry["languages"].items()}


def test_parts_hold_every_article_once(site: Path) -> None:
    """Every article is in one part of whole months, newest part first, in one language."""
    manifest = _manifest(site)
    rows = manifest["parts"]
    assert isinstance(rows, list)
    assert [row["months"] for row in rows] == [
        ["2026-02", "2026-02"],
        ["2026-01", "2026-01"],  # three pages: a month larger than a part is a part alone
        ["2025-06", "2025-06"],
    ]
    assert [_pages(part) for part in _parts(site)] == [{"unknown": r["pages"]} for r in rows]
    assert sum(r["pages"] for r in rows) == len(ARTICLES)
    titles = [str(f["meta"]["title"]) for f in _fragments(site)]  # type: ignore[index]
    assert sorted(titles) == sorted(a.title for a in ARTICLES)
    top = {p.name for p in (site / BUNDLE).iterdir()}
    assert {"pagefind.js", "pagefind-highlight.js", "wasm.unknown.pagefind", "parts.json"} <= top
    assert not {n for n in top if n.startswith(("pagefind-ui", "pagefind-modular"))}
    for part in _parts(site):
        names = {p.name for p in part.iterdir()}
        assert {"pagefind-entry.json", "index", "filter", "fragment"} <= names
        assert "pagefind.js" not in names and not any(n.endswith(".pagefind") for n in names)


def test_pages_carry_filters_sort_and_meta(site: Path) -> None:
    """The Carlon article's record has the search page's facets, the meta, its translations."""
    (record,) = [r for r in _fragments(site) if "Carlon" in str(r["meta"])]
    assert record["filters"] == {
        "category": ["Foreign policy"],
        "source": ["report.az"],
        "language": ["en"],
        "year": ["2026"],
    }
    meta = record["meta"]
    assert isinstance(meta, dict)
    assert meta["title"] == CARLON.title
    assert meta["date"] == CARLON.date.isoformat()
    assert meta["source"] == "report.az"
    assert meta["summary"] == CARLON.summary
    assert "Эми Карлон" in str(record["content"])


def test_rebuild_reindexes_only_the_parts_whose_articles_changed(tmp_path: Path) -> None:
    """An unchanged archive links every cached part; a new article re-indexes its part only."""
    build(tmp_path, part_pages=PART_PAGES)
    cache = tmp_path / ".pagefind-cache"
    first = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    assert len(first) == 3
    build(tmp_path, part_pages=PART_PAGES)
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == first
    extra = replace(
        CARLON,
        slug="a-later-report",
        title="A later report",
        date=CARLON.date + timedelta(hours=1),
        translations=(),
    )
    path = tmp_path / "content" / "articles" / "2026" / "02" / "a-later-report.md"
    path.write_text(frontmatter.dump(extra), encoding="utf-8")
    build(tmp_path, part_pages=PART_PAGES)
    after = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    kept = set(after) & set(first)
    assert len(after) == 3 and len(kept) == 2  # the February part replaced, its old entry gone
    assert all(after[name] == first[name] for name in kept)
    (newest, *_) = _parts(tmp_path / "output")
    assert _pages(newest) == {"unknown": 2}


def _source(save_as: str, month: int) -> PageSource:
    return PageSource(save_as, datetime(2026, month, 1, tzinfo=UTC), "d")


_MONTHS = {1: 3, 2: 1, 3: 1, 4: 4, 5: 1}  # pages per month of 2026


@pytest.mark.parametrize(
    ("part_pages", "runs"),
    [
        (0, [["2026-01", "2026-05"]]),
        (
            2,
            [
                ["2026-01", "2026-01"],
                ["2026-02", "2026-03"],
                ["2026-04", "2026-04"],
                ["2026-05", "2026-05"],
            ],
        ),
        (5, [["2026-01", "2026-03"], ["2026-04", "2026-05"]]),
        (100, [["2026-01", "2026-05"]]),
    ],
    ids=["zero-one-index", "big-months-alone", "bounded-runs", "bound-above-archive"],
)
def test_parts_are_runs_of_whole_months_within_the_bound(
    part_pages: int, runs: list[list[str]]
) -> None:
    """Parts are consecutive whole months, cut from the oldest, each within the bound."""
    pages = [
        _source(f"2026/{m:02}/01/a{i}/index.html", m) for m, n in _MONTHS.items() for i in range(n)
    ]
    parts = plan_parts(pages, part_pages)
    assert [part.name.split("--") for part in parts] == runs
    assert sorted(p.save_as for part in parts for p in part.pages) == sorted(
        p.save_as for p in pages
    )


def test_a_newer_article_changes_the_newest_part_only() -> None:
    """New articles in the newest month leave every earlier part, and its key, as it was
    (the newest part may split in two when it outgrows the bound)."""
    pages = [
        _source(f"2026/{m:02}/01/a{i}/index.html", m) for m, n in _MONTHS.items() for i in range(n)
    ]
    before = plan_parts(pages, 5)
    after = plan_parts([*pages, _source("2026/05/02/new/index.html", 5)], 5)
    assert len(before) == 2 and len(after) == 3  # April and May no longer fit in one part
    assert after[0] == before[0]
    assert after[0].key("f", "unknown") == before[0].key("f", "unknown")
    assert before[-1].key("f", "unknown") not in {part.key("f", "unknown") for part in after}


def test_failing_pagefind_fails_the_build_with_its_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]
) -> None:
    """A Pagefind error stops the build, says what Pagefind said, and leaves no output."""
    failing = tmp_path / "pagefind"
    failing.write_text("#!/bin/sh\necho 'Error: the index could not be written' >&2\nexit 3\n")
    failing.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(failing))
    with pytest.raises(BuildError):
        build(tmp_path)
    captured = capfd.readouterr()
    said = " ".join((captured.out + captured.err).split())  # Pelican's log wraps long lines
    assert "Pagefind failed" in said
    assert "the index could not be written" in said
    assert not (tmp_path / "output").exists()


_WHEN = datetime(2026, 2, 27, tzinfo=UTC)


@pytest.mark.parametrize(
    ("paths", "glob"),
    [
        (["2026/02/27/a/index.html"], "2026/02/27/*/index.html"),
        (
            ["2026/02/27/a/index.html", "2026/02/27/b/index.html", "2025/06/19/c/index.html"],
            "{2025/06/19,2026/02/27}/*/index.html",
        ),
    ],
    ids=["one-day", "days-listed-once-sorted"],
)
def test_page_glob_lists_the_article_folders(paths: list[str], glob: str) -> None:
    """One glob selects the article pages only: day folders listed, listings beside them not."""
    assert page_glob([PageSource(p, _WHEN, "d") for p in paths]) == glob


@pytest.mark.parametrize(
    "paths",
    [["index.html"], ["2026/02/27/a/index.html", "2026/02/27/b/page.html"]],
    ids=["too-shallow", "different-file-names"],
)
def test_page_glob_rejects_pages_it_cannot_select(paths: list[str]) -> None:
    """A layout the one glob cannot express is an error naming it, not a short index."""
    with pytest.raises(IndexLayoutError):
        page_glob([PageSource(p, _WHEN, "d") for p in paths])


@pytest.mark.parametrize(
    ("raw", "language"),
    [({}, "unknown"), ({"language": "en-GB"}, "en"), ({"language": "RU"}, "ru")],
    ids=["default-no-stemming", "region-dropped", "explicit"],
)
def test_settings_language(raw: dict[str, str], language: str) -> None:
    """The index language: none (no stemming, as offline) unless PAGEFIND['language'] says."""
    assert load({"PAGEFIND": raw}).language == language


def test_settings_reject_unknown_keys_and_bad_languages() -> None:
    """A misspelt PAGEFIND key, or a removed one, is an error, not a silent default."""
    with pytest.raises(SettingsError, match="part_days"):
        load({"PAGEFIND": {"part_days": [5, 20]}})
    with pytest.raises(SettingsError, match="language"):
        load({"PAGEFIND": {"language": "en_US 1"}})
    with pytest.raises(SettingsError, match="part_pages"):
        load({"PAGEFIND": {"part_pages": -1}})


def _record() -> Article:
    return Article(
        title="Talks resume in Baku",
        slug="talks-resume",
        date=datetime(2026, 2, 27, 9, 0, tzinfo=UTC),
        category="Politics",
        body="Talks resumed on Friday.\n\nBoth sides met in Baku.",
        tags=("talks",),
        read_next=(SourceItem(title="Earlier talks", slug="earlier"),),
    )


@pytest.mark.parametrize(
    "change",
    [
        {"body": "Talks resumed on Friday.\n\nBoth sides met in Ganja."},
        {"body": "Talks resumed on Friday.\n\nBoth sides met in Baku. "},
        {"title": "Talks resume in Ganja"},
        {"date": datetime(2026, 2, 27, 10, 0, tzinfo=UTC)},
        {"tags": ("talks", "baku")},
        {"read_next": (SourceItem(title="Earlier talks", slug="later"),)},
        {"origin": {"date": "ingested"}},
        {"summary": "Talks resumed."},
    ],
    ids=lambda change: next(iter(change)),
)
def test_record_digest_changes_with_every_field(change: dict[str, object]) -> None:
    """A page is indexed again whenever anything its record shows changed."""
    record = _record()
    assert record_digest(replace(record, **change)) != record_digest(record)  # type: ignore[arg-type]


def test_record_digest_is_the_records_not_the_objects() -> None:
    """Equal records (one read again, not the same object) keep their cached part."""
    assert _record() is not _record()
    assert record_digest(_record()) == record_digest(_record())
