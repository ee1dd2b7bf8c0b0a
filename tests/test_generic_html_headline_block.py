"""The page's headline heading the body, when the title chosen is another of its headlines
(the share title, shorter than the h1; a kicker glued to the h1), is not a body block; a
sub-heading that opens the text, and the headline's words in a paragraph, stay."""

from __future__ import annotations

import pytest

from briefing.extraction import ExtractContext
from briefing.generic import extract_html
from briefing.generic.headline import PageTitles, repeats_headline

H1 = "Your old coins could be worth thousands, here is how to check the dates on them"
SHARE = "Your old coins could be worth thousands"
TEXT = [
    "Collectors across the country are looking for coins struck in two years when the mint "
    "used a die with a flaw that doubled the letters of the motto.",
    "Only a few hundred of the coins have been found so far, and dealers say that a clean "
    "one can fetch several thousand at auction, a hundred times its face value.",
    "The mint said the flawed die was replaced within weeks, but by then millions of coins "
    "had left its presses for banks in the east of the country.",
]


def _page(opening: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in TEXT)
    return (
        f"<html><head><title>{H1} | The Gazette</title>"
        f'<meta property="og:title" content="{SHARE}"></head><body><main><article>'
        f"<h1>{H1}</h1>{opening}{paragraphs}</article></main></body></html>"
    )


def _body(opening: str) -> tuple[str, ...]:
    return extract_html(_page(opening), ExtractContext(rel_path="coins.html")).paragraphs


def test_title_is_the_share_title() -> None:
    found = extract_html(_page(""), ExtractContext(rel_path="coins.html"))
    assert found.title == SHARE


def test_headline_heading_the_body_left_out() -> None:
    body = _body("")
    assert H1 not in body
    assert body[0] == TEXT[0]


def test_opening_sub_heading_kept() -> None:
    assert "What collectors look for" in _body("<h2>What collectors look for</h2>")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (H1, True),
        (SHARE, True),
        ('"It will begin soon"' + H1, False),
        ("It will begin soon" + H1, False),
        ("What collectors look for", False),
    ],
    ids=["h1", "share-title", "glued-quote-kicker-not-a-headline", "other-words", "sub-head"],
)
def test_repeats_headline(text: str, expected: bool) -> None:
    page = PageTitles(h1s=(H1,), og=SHARE, doc=f"{H1} | The Gazette", site="The Gazette")
    assert repeats_headline(text, page) is expected


def test_glued_kicker_is_the_h1() -> None:
    kicker = '"It will begin soon"'
    page = PageTitles(h1s=(f"{kicker}: {H1}",), og=SHARE)
    assert repeats_headline(f"{kicker}{H1}", page)
