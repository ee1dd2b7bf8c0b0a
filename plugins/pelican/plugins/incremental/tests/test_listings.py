"""Members answers ``in`` as the list scan it replaces, for Pelican's articles and the rest."""

from __future__ import annotations

import pytest
from pelican.contents import Article
from pelican.plugins.incremental.listings import Members, index_listings
from pelican.settings import DEFAULT_CONFIG


def article(n: int) -> Article:
    return Article(f"body {n}", {"title": "Same title", "slug": "same"}, dict(DEFAULT_CONFIG))


ARTICLES = [article(n) for n in range(5)]


@pytest.mark.parametrize(
    ("items", "probe"),
    [
        pytest.param(ARTICLES[:3], ARTICLES[1], id="an-article-listed"),
        pytest.param(ARTICLES[:3], ARTICLES[4], id="an-equal-looking-article-not-listed"),
        pytest.param([1, 2.0, "x"], 2, id="equal-not-identical"),
        pytest.param([[1], [2]], [2], id="unhashable-items"),
        pytest.param([], ARTICLES[0], id="empty"),
    ],
)
def test_membership_is_the_lists(items: list[object], probe: object) -> None:
    assert (probe in Members(items)) is (probe in list(items))


def test_an_item_added_after_a_look_up_is_found() -> None:
    members = Members(ARTICLES[:2])
    assert ARTICLES[3] not in members
    members.append(ARTICLES[3])
    assert ARTICLES[3] in members


def test_a_generator_keeps_its_listings_items_and_order() -> None:
    class Generator:
        def __init__(self) -> None:
            self.tags = {"a": ARTICLES[:2], "b": ARTICLES[3:]}
            self.categories = [("x", ARTICLES[::-1]), ("y", ARTICLES[1:2])]

    generator = Generator()
    tags, categories = generator.tags, generator.categories
    index_listings(generator)
    assert generator.tags is tags and generator.categories is categories  # the context's objects
    assert {k: list(v) for k, v in tags.items()} == {"a": ARTICLES[:2], "b": ARTICLES[3:]}
    assert [(c, list(v)) for c, v in categories] == [("x", ARTICLES[::-1]), ("y", ARTICLES[1:2])]
    assert all(type(v) is Members for v in [*tags.values(), *(v for _, v in categories)])
