"""A block of related-article teasers whose headline is glued to its lede on one line
("... Title RunDenny Hamlin's run ...") reads as prose: it must not outweigh a short article,
nor give the headline; a camel-case name in the text ("LinkedIn") is no teaser."""

from __future__ import annotations

import pytest

from briefing.extraction import ExtractContext
from briefing.generic import extract_dump
from briefing.generic.teasers import glued_lines, is_glued
from briefing.markdown import paragraphs_to_markdown

TEASERS = [
    "Council Approves New Footbridge Over The RiverThe footbridge will link the two halves of "
    "the old town by the end of next year, the council said on Monday.",
    "Ferry Timetable Changes For The SummerFerries will run every twenty minutes from June, "
    "with an extra late sailing on Fridays and Saturdays for the festival season.",
    "Is The Old Lighthouse Worth Saving?Volunteers say the tower needs a new roof before the "
    "winter storms, and the trust has started a public appeal for the repairs.",
    "Market Square Cafe Closes After Forty YearsThe owners said rising rents and fewer "
    "visitors in the winter months had made the business impossible to keep open.",
]
HEADLINE = "Harbour crew wins the regional final"
TEXT = [
    "Harbour Rowing Club won the regional final on Saturday after trailing for most of the "
    "two-kilometre course, its first title in twenty years.",
    "The eight came from behind in the last 300 metres and crossed the line half a length "
    "ahead of the favourites from upriver.",
    "The coach, who announced the result in a LinkedIn post, said the crew had trained twice "
    "a day through the winter.",
]


def _extract(teasers: list[str]) -> tuple[str | None, str]:
    head = ["Home", "Latest News", *teasers, "Sport", HEADLINE, "14 June 2026"]
    found = extract_dump("\n".join([*head, *TEXT, "Contact us"]), ExtractContext(rel_path="x.txt"))
    return found.title, paragraphs_to_markdown(found.paragraphs, found.blocks)


CASES = [
    # (id, teasers above the article, must contain, must not contain)
    ("teaser-block-left-out", TEASERS, TEXT[-1], "footbridge"),
    ("question-glued-left-out", TEASERS, TEXT[0], "lighthouse"),
    ("camel-case-name-in-text-kept", TEASERS, "LinkedIn post", "Ferries"),
]


@pytest.mark.parametrize(
    ("teasers", "present", "absent"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_glued_teasers_leave_the_body(teasers: list[str], present: str, absent: str) -> None:
    title, body = _extract(teasers)
    assert present in body
    assert absent.casefold() not in body.casefold()
    assert title == HEADLINE


LINES = [
    # (id, line, is a glued teaser)
    ("title-case-head-glued-to-lede", TEASERS[0], True),
    ("question-mark-glue", TEASERS[2], True),
    ("camel-case-brand-in-a-sentence", TEXT[2], False),
    ("camel-case-brand-in-a-headline", "Apple Updates The MacBook Pro With A New Keyboard", False),
    (
        "short-head-brand",
        "The New MacBook Pro has a keyboard that reviewers say is much better",
        False,
    ),
    ("sentence-case-both-sides", "the council said on Monday that the Footbridge will open", False),
]


@pytest.mark.parametrize(("line", "glued"), [c[1:] for c in LINES], ids=[c[0] for c in LINES])
def test_is_glued(line: str, glued: bool) -> None:
    assert is_glued(line) is glued


def test_one_or_two_glued_lines_are_no_block() -> None:
    assert glued_lines(TEASERS[:2]) == frozenset()
    assert glued_lines(["Home", *TEASERS[:3]]) == frozenset({1, 2, 3})
