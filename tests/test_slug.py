"""Slugs: transliterated ASCII, cut at a word under the limit, numbered when taken.

The cases are fixture files of input/expected pairs (tests/fixtures/slug/), one test id each.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.slug import (
    MAX_SLUG_WORDS_CHARS,
    MAX_TAXONOMY_CHARS,
    slugify,
    taxonomy_slug,
    unique_slug,
)
from tests.fixture_cases import read_cases

FIXTURES = Path(__file__).parent / "fixtures" / "slug"


@pytest.mark.parametrize(("title", "expected"), read_cases(FIXTURES / "slugify.txt", 2))
def test_slugify(title: str, expected: str) -> None:
    slug = slugify(title)
    assert slug == expected
    assert len(slug) <= MAX_SLUG_WORDS_CHARS


@pytest.mark.parametrize(("base", "taken", "expected"), read_cases(FIXTURES / "unique_slug.txt", 3))
def test_unique_slug(base: str, taken: str, expected: str) -> None:
    assert unique_slug(base, set(taken.split())) == expected


@pytest.mark.parametrize(
    ("title", "max_chars", "expected"),
    [
        pytest.param("Baku energy week opens", 10, "baku", id="cut-at-word"),
        pytest.param("Baku energy week opens", 11, "baku-energy", id="word-ends-at-limit"),
        pytest.param("Parliament", 4, "parl", id="one-long-word"),
    ],
)
def test_slugify_limit_is_a_parameter(title: str, max_chars: int, expected: str) -> None:
    assert slugify(title, max_chars=max_chars) == expected


@pytest.mark.parametrize(("name", "expected"), read_cases(FIXTURES / "taxonomy_slug.txt", 2))
def test_taxonomy_slug(name: str, expected: str) -> None:
    slug = taxonomy_slug(name)
    assert slug == expected
    assert len(slug) <= MAX_TAXONOMY_CHARS
