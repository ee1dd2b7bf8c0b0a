"""An HTML article split into chunks (the body's container repeated down the page, an ad and
a newsletter box between them) comes out whole; a container of the same class in another
story below it stays out."""

from __future__ import annotations

import pytest

from briefing.extraction import ExtractContext
from briefing.generic import extract_html
from briefing.markdown import paragraphs_to_markdown

CHUNKS = [
    [
        "The harbour board voted on Tuesday to rebuild the north pier, which has been closed "
        "since a winter storm tore away its outer section and the lighthouse walkway.",
        "Engineers told the board that the old timber piles could not be repaired and that a "
        "concrete deck would last three times as long for a third more money.",
        "Fishing crews, who have had to land their catch at the ferry terminal since January, "
        "said the decision came months later than they had been promised.",
    ],
    [
        "The rebuilding will start in September and should take two summers, with the inner "
        "half of the pier reopening to boats before the second winter.",
        "The board will borrow most of the cost and expects the fees paid by the ferry company "
        "to cover the repayments within fifteen years, its treasurer said.",
        "A marine survey found that the seabed under the outer section had shifted, so the new "
        "piles will be driven deeper than the old ones and further apart.",
    ],
    [
        "Residents who walk the pier every morning asked for a temporary walkway, which the "
        "board said it would consider once the contractor has been chosen.",
        "The lighthouse itself was not damaged and its keeper, who has to reach it by boat "
        "for now, said the light had not missed a single night since the storm.",
        "The board's next meeting, in May, will choose the contractor from the four firms that "
        "answered its call for tenders earlier this year.",
    ],
]
OTHER_STORY = (
    "The school choir won the regional contest on Saturday with a programme of sea shanties "
    "that its conductor arranged for the children over the winter holidays."
)


def _chunk(paragraphs: list[str]) -> str:
    return '<div class="article-body">' + "".join(f"<p>{p}</p>" for p in paragraphs) + "</div>"


def _page() -> str:
    ad = '<div class="ad-slot"><p>Advertisement</p></div>'
    signup = '<aside class="signup"><p>Get the morning briefing in your inbox.</p></aside>'
    story = "".join(
        f'<div class="grid"><div class="wrap">{_chunk(chunk)}</div></div>{ad}{signup}'
        for chunk in CHUNKS
    )
    below = f'<article class="teaser"><h2>Choir wins</h2>{_chunk([OTHER_STORY] * 3)}</article>'
    return (
        "<html><head><title>Harbour board votes to rebuild the north pier</title></head>"
        "<body><nav><a href='/'>Home</a></nav><main><article class='story'>"
        f"<h1>Harbour board votes to rebuild the north pier</h1>{story}</article>"
        f"<div class='below'>{below}</div></main></body></html>"
    )


@pytest.fixture(scope="module")
def body() -> str:
    found = extract_html(_page(), ExtractContext(rel_path="pier.html"))
    return paragraphs_to_markdown(found.paragraphs, found.blocks)


@pytest.mark.parametrize(
    "present",
    [CHUNKS[0][0], CHUNKS[1][1], CHUNKS[2][2]],
    ids=["first-chunk", "second-chunk", "last-chunk"],
)
def test_every_chunk_kept(body: str, present: str) -> None:
    assert present in body


@pytest.mark.parametrize(
    "absent", ["school choir", "Advertisement"], ids=["story-below", "ad-between-chunks"]
)
def test_other_story_left_out(body: str, absent: str) -> None:
    assert absent not in body
