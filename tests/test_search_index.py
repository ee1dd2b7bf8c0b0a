"""The Pagefind indexing plugin over a real Pelican build: layout, routing, cache, failures."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from briefing import frontmatter
from briefing.site import BuildError
from plugins.pagefind_index import route
from plugins.pagefind_index.settings import PagefindSettingsError, load_settings
from tests.search_fixture import CARLON, ROOT, build

SETTINGS = ROOT / "pelicanconf.py"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The search fixture archive, built once."""
    return build(tmp_path_factory.mktemp("index"))


def _fragments(part: Path) -> list[dict[str, object]]:
    import gzip

    return [
        json.loads(gzip.decompress(f.read_bytes())[len(b"pagefind_dcd") :])
        for f in sorted((part / "fragment").iterdir())
    ]


def test_one_bundle_per_month_newest_first(site: Path) -> None:
    """parts.json lists each month once, newest first, with its bundle written beside it."""
    manifest = json.loads((site / "search" / "parts.json").read_text(encoding="utf-8"))
    ids = [p["id"] for p in manifest["parts"]]
    assert ids == ["2026-02-3", "2026-01-2", "2025-06-2"]  # thirds of a month
    assert [p["pages"] for p in manifest["parts"]] == [1, 3, 1]
    for part in manifest["parts"]:
        assert (site / "search" / part["path"] / "pagefind-entry.json").is_file()
    assert (site / "search" / "pagefind" / "pagefind.js").is_file()
    assert (site / "search" / "pagefind" / "pagefind-highlight.js").is_file()


def test_pages_carry_filters_sort_and_meta(site: Path) -> None:
    """The Carlon article's record has every filter, the meta, and its translation titles."""
    (record,) = _fragments(site / "search" / "parts" / "2026-02-3")
    assert record["filters"] == {
        "category": ["Foreign policy"],
        "source": ["report.az"],
        "tag": ["Amy Carlon"],
        "language": ["en"],
        "kind": ["article"],
        "year": ["2026"],
        "month": ["2026-02"],
    }
    meta = record["meta"]
    assert isinstance(meta, dict)
    assert meta["title"] == CARLON.title
    assert meta["date"] == CARLON.date.isoformat()
    assert meta["source"] == "report.az"
    assert meta["summary"] == CARLON.summary
    assert "Эми Карлон" in str(record["content"])


@pytest.mark.parametrize(
    ("prefix", "part"),
    [
        ("carlon", "2026-02-3"),
        ("карлон", "2026-02-3"),
        ("daines", "2025-06-2"),
        ("forum", "2026-01-2"),
    ],
    ids=["carlon", "carlon-cyrillic", "daines", "forum"],
)
def test_route_table_points_words_to_their_parts(site: Path, prefix: str, part: str) -> None:
    """The route shard of a word's prefix names the part that holds it (and only that one)."""
    manifest = json.loads((site / "search" / "parts.json").read_text(encoding="utf-8"))
    ids = [p["id"] for p in manifest["parts"]]
    name = route.shard_name(prefix, manifest["shard_prefix"])
    shard = json.loads((site / "search" / "route" / f"{name}.json").read_text(encoding="utf-8"))
    assert [ids[i] for i in shard[prefix[: manifest["route_prefix"]]]] == [part]


def test_rebuild_reindexes_only_the_changed_month(tmp_path: Path) -> None:
    """Adding an article to one month keeps the cached bundles of the other months."""
    build(tmp_path)
    cache = tmp_path / ".pagefind-cache"
    before = {p.name for p in cache.iterdir()}
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
    assert len(before - after) == 1  # the February part's old bundle, collected
    assert len(after - before) == 1  # ... and its new one
    manifest = json.loads((tmp_path / "output" / "search" / "parts.json").read_text())
    assert manifest["parts"][0]["pages"] == 2


def test_failing_pagefind_fails_the_build_with_its_message(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """A Pagefind error stops the build, says what Pagefind said, and leaves no output."""
    settings = tmp_path / "broken.py"
    settings.write_text(
        f"from importlib.machinery import SourceFileLoader\n"
        f"globals().update({{k: v for k, v in vars(SourceFileLoader('base', {str(SETTINGS)!r})"
        f".load_module()).items() if k.isupper()}})\n"
        # Pelican resolves relative paths against the settings file: pin them to the project.
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\n"
        f"THEME = {str(ROOT / 'themes' / 'briefing')!r}\n"
        "PAGEFIND = {'page_glob': '[0-9'}\n",
        encoding="utf-8",
    )
    with pytest.raises(BuildError):
        build(tmp_path, settings)
    captured = capfd.readouterr()
    said = " ".join((captured.out + captured.err).split())  # Pelican's log wraps long lines
    assert "Pagefind failed" in said
    assert "did not parse as a valid glob" in said
    assert not (tmp_path / "output").exists()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Amy Carlon:", {"amy", "carlon"}),
        ("US-Azerbaijan", {"us", "azerbaijan", "usazerbaijan"}),
        ("Azərbaycan", {"azərbaycan"}),
        ("Chargé", {"chargé", "charge"}),
        ("Эми Карлон", {"эми", "карлон"}),
    ],
    ids=["punctuation", "hyphen-joined", "azerbaijani", "accent-stripped", "cyrillic"],
)
def test_text_words(text: str, expected: set[str]) -> None:
    """Route words cover every form Pagefind may match."""
    assert route.text_words(text) == expected


def test_settings_reject_unknown_keys() -> None:
    """A misspelt PAGEFIND key is an error, not a silent default."""
    with pytest.raises(PagefindSettingsError, match="month_fromat"):
        load_settings({"month_fromat": "%Y"})
    with pytest.raises(PagefindSettingsError, match="part_days"):
        load_settings({"part_days": [5, 20]})
    assert load_settings({"route_prefix": 5}).route_prefix == 5


def test_route_words_skip_blocks_kept_out_of_the_index() -> None:
    """Words of read-next and neighbour blocks belong to other articles: not routed here."""
    markup = (
        "<nav>Menu</nav><article data-pagefind-body><h1>Karlon visit</h1>"
        '<aside class="read-next" data-pagefind-ignore><a>Bayramov meets envoy</a></aside>'
        "<p>Talks in Baku</p>"
        '<nav class="neighbours" data-pagefind-ignore><a>Harvest record</a></nav></article>'
    )
    words = route.page_words(markup)
    assert {"karlon", "visit", "talks", "baku"} <= words
    assert not words & {"bayramov", "envoy", "harvest", "record", "menu"}
