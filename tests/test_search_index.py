"""The Pagefind plugin over a real Pelican build: one bundle, its records, cache, failures."""

from __future__ import annotations

import gzip
import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pelican.plugins.pagefind_index.indexer import IndexLayoutError, PageSource, page_glob
from pelican.plugins.pagefind_index.settings import load

from briefing import frontmatter
from briefing.settings import SettingsError
from briefing.site import BuildError
from tests.search_fixture import ARTICLES, CARLON, build

BUNDLE = Path("search") / "pagefind"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The search fixture archive, built once."""
    return build(tmp_path_factory.mktemp("index"))


def _fragments(bundle: Path) -> list[dict[str, object]]:
    return [
        json.loads(gzip.decompress(f.read_bytes())[len(b"pagefind_dcd") :])
        for f in sorted((bundle / "fragment").iterdir())
    ]


def _pages(bundle: Path) -> dict[str, int]:
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    return {lang: int(v["page_count"]) for lang, v in entry["languages"].items()}


def test_one_bundle_holds_every_article(site: Path) -> None:
    """Every article is in one index, in one language, with only what the browser reads."""
    bundle = site / BUNDLE
    assert _pages(bundle) == {"unknown": len(ARTICLES)}
    names = {p.name for p in bundle.iterdir()}
    assert {"pagefind.js", "pagefind-highlight.js", "index", "filter", "fragment"} <= names
    assert not {n for n in names if n.startswith(("pagefind-ui", "pagefind-modular"))}
    assert not (site / "search" / "parts.json").exists()


def test_pages_carry_filters_sort_and_meta(site: Path) -> None:
    """The Carlon article's record has the search page's facets, the meta, its translations."""
    (record,) = [r for r in _fragments(site / BUNDLE) if "Carlon" in str(r["meta"])]
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


def test_rebuild_reuses_the_bundle_until_an_article_changes(tmp_path: Path) -> None:
    """An unchanged archive links the cached bundle; a new article makes a new one."""
    build(tmp_path)
    cache = tmp_path / ".pagefind-cache"
    first = {p.name for p in cache.iterdir()}
    build(tmp_path)
    assert {p.name for p in cache.iterdir()} == first
    extra = replace(
        CARLON,
        slug="a-later-report",
        title="A later report",
        date=CARLON.date + timedelta(hours=1),
        translations=(),
    )
    path = tmp_path / "content" / "articles" / "2026" / "02" / "a-later-report.md"
    path.write_text(frontmatter.dump(extra), encoding="utf-8")
    build(tmp_path)
    after = {p.name for p in cache.iterdir()}
    assert len(after) == 1 and after != first  # the old entry collected
    assert _pages(tmp_path / "output" / BUNDLE) == {"unknown": len(ARTICLES) + 1}


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
