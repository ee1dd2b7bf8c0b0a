"""Category names made fit for an archive of many sources: sections cleaned, slugs that fit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing import categories
from briefing.cli import main
from briefing.slug import MAX_TAXONOMY_CHARS, taxonomy_slug
from tests.inputs import GRAIN, METRO, jsonl, record

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@pytest.mark.parametrize(
    ("raw", "section"),
    [
        pytest.param("Politics", "Politics", id="plain"),
        pytest.param("news", "News", id="lower-case"),
        pytest.param("NEWS", "News", id="upper-case"),
        pytest.param("  world   NEWS ", "world NEWS", id="spaces-mixed-kept"),
        pytest.param("science and technology", "Science and Technology", id="small-words"),
        pytest.param("Foreign policy", "Foreign policy", id="sentence-case-kept"),
        pytest.param("US POLITICS", "US Politics", id="acronym"),
        pytest.param("u.s. news", "U.S. News", id="dotted-acronym"),
        pytest.param("iPhone", "iPhone", id="mixed-case-kept"),
        pytest.param("Sci/Tech", "Sci/Tech", id="slash"),
        pytest.param("Политика", "Политика", id="cyrillic"),
    ],
)
def test_clean_keeps_sections_one_spelling(raw: str, section: str) -> None:
    assert categories.clean(raw) == categories.Verdict(section)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        pytest.param("general-news,government-and-politics", "a list, not one section", id="list"),
        pytest.param("News > World", "a list, not one section", id="breadcrumb"),
        pytest.param("gizmodo.com", "a host name", id="host"),
        pytest.param("https://example.org/world/", "a URL", id="url"),
        pytest.param("www.example.org", "a URL", id="www"),
        pytest.param("By Jane Doe", "a byline", id="by-line"),
        pytest.param("All", "a site word, not a section", id="all"),
        pytest.param("post", "a site word, not a section", id="post"),
        pytest.param("Front Page", "a site word, not a section", id="front-page"),
        pytest.param("!!!", "no letters", id="punctuation"),
        pytest.param("a" * 41, "too long", id="long"),
        pytest.param("one two three four five six", "too long", id="many-words"),
        pytest.param("", "empty", id="empty"),
    ],
)
def test_clean_refuses_what_is_not_a_section(raw: str, reason: str) -> None:
    assert categories.clean(raw) == categories.Verdict(None, reason)


def test_clean_refuses_the_articles_own_author() -> None:
    assert categories.clean("Jane Doe", authors=("Jane Doe",)).section is None
    assert categories.clean("Jane Doe").section == "Jane Doe"


@pytest.mark.parametrize(
    ("section", "source", "expected"),
    [
        pytest.param("Sport", "report.az", "Sports", id="section"),
        pytest.param("SPORT", None, "Sports", id="section-any-case"),
        pytest.param("World", "report.az", "International", id="per-source"),
        pytest.param("World", "other.example", "World", id="per-source-other-source"),
        pytest.param("Economy", "report.az", "Economy", id="unmapped-kept"),
    ],
)
def test_mapping(section: str, source: str | None, expected: str) -> None:
    mapping = categories.CategoryMap.from_mapping(
        {"sport": "Sports", "Report.az/world": "International"}
    )
    assert categories.apply(section, source, mapping) == expected


def test_unmapped_lists_sections_the_mapping_does_not_name() -> None:
    mapping = categories.CategoryMap.from_mapping({"sport": "Sports"})
    seen = [
        ("Sport", None),
        ("economy", "a"),
        ("Economy", "b"),
        ("Culture", None),
        ("Sports", None),
    ]
    assert categories.unmapped(seen, mapping) == [("Economy", 2), ("Culture", 1)]
    assert categories.unmapped(seen, categories.CategoryMap.from_mapping({})) == []


def test_mapping_refuses_an_empty_target() -> None:
    with pytest.raises(ValueError, match="'sport'"):
        categories.CategoryMap.from_mapping({"sport": " "})


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        pytest.param("Politics", "politics", id="word"),
        pytest.param("Sci-Tech", "sci-tech", id="dash"),
        pytest.param("Sci Tech", "sci-tech", id="space-merges-with-dash"),
        pytest.param("Science & Tech", "science-and-tech", id="ampersand-is-and"),
        pytest.param("Политика", "politika", id="cyrillic"),
    ],
)
def test_taxonomy_slug_of_plain_names(name: str, slug: str) -> None:
    assert taxonomy_slug(name) == slug


def test_taxonomy_slug_of_long_names_is_short_stable_and_distinct() -> None:
    first = "general-news,government-and-politics,military-and-defense," * 4
    second = first + "sports"
    assert len(taxonomy_slug(first)) <= MAX_TAXONOMY_CHARS
    assert taxonomy_slug(first) == taxonomy_slug(first.upper())
    assert taxonomy_slug(first) != taxonomy_slug(second)
    assert taxonomy_slug(first).startswith("general-news-government")


def test_taxonomy_slug_of_names_without_letters_differ() -> None:
    assert SLUG.match(taxonomy_slug("!!!"))
    assert taxonomy_slug("!!!") != taxonomy_slug("???")


@given(st.text())
def test_taxonomy_slug_is_always_a_valid_file_name(name: str) -> None:
    slug = taxonomy_slug(name)
    assert SLUG.match(slug)
    assert 0 < len(slug.encode()) <= MAX_TAXONOMY_CHARS


def test_ingest_names_the_sections_its_settings_leave_unmapped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = tmp_path / "raw" / "wire"
    raw.mkdir(parents=True)
    body = "\n".join(story for story in (GRAIN["text"], METRO["text"]))  # type: ignore[arg-type]
    records = [
        record(
            f"Story {n} of the day", f"https://example.net/s/{n}", f"{body} Number {n}.", **extra
        )
        for n, extra in enumerate(
            [{"category": "Sport"}, {"category": "World"}, {"category": "world"}, {}]
        )
    ]
    (raw / "feed.jsonl").write_text(jsonl(*records), encoding="utf-8")
    settings = tmp_path / "site.py"
    settings.write_text('CATEGORIES = {"sport": "Sports"}\n', encoding="utf-8")
    out = tmp_path / "content"
    args = ["ingest", str(raw), "--out", str(out), "--settings", str(settings), "--no-cache"]
    assert main(args) == 0
    lines = [x for x in capsys.readouterr().err.splitlines() if x.startswith("categories:")]
    assert lines == ["categories: not in CATEGORIES, kept as they are: World (2), General (1)"]
    # Run again: nothing is written, so nothing is reported; without a mapping, no line either.
    assert main(args) == 0
    assert "categories:" not in capsys.readouterr().err
    fresh = tmp_path / "fresh"
    assert (
        main(["ingest", str(raw), "--out", str(fresh), "--settings", str(tmp_path / "no.py")]) == 0
    )
    assert "categories:" not in capsys.readouterr().err
