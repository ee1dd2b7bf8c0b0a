"""A block of related-article teasers whose headline is glued to its lede on one line
("... Title RunDenny Hamlin's run ...") reads as prose: it must not outweigh a short article,
nor give the headline; a camel-case name in the text ("LinkedIn") is no teaser."""

from __future__ import annotations

import pytest

from briefing.extraction import ExtractContext
from briefing.generic import extract_dump
from briefing.generic.teasers import cut_runs, glued_lines, is_glued
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


# Teaser ledes the site cut short, a headline and its lede on one line ("... DATELINE: ...
# may soon..."), above the article, which repeats one of them.
CUT = [
    "Council approves a new footbridge over the river PORTHAVEN: The council on Monday "
    "approved a footbridge that will link the two halves of the old town by the end of...",
    "Ferry timetable changes for the summer PORTHAVEN: Ferries will run every twenty minutes "
    "from June, with an extra late sailing on Fridays and Saturdays for the...",
    "Harbour crew wins the regional final PORTHAVEN: Harbour Rowing Club won the regional "
    "final on Saturday after trailing for most of the two-kilometre course, its first…",
    "Market square cafe closes after forty years PORTHAVEN: The owners said rising rents and "
    "fewer visitors in the winter months had made the business impossible to keep...",
]


def _cut_page(teasers: list[str]) -> tuple[str | None, str]:
    head = ["Connection lost! Try again", "Home", "Latest News", *teasers, "Sport"]
    page = [*head, HEADLINE, "14 June 2026", *TEXT, "Contact us"]
    found = extract_dump("\n".join(page), ExtractContext(rel_path="x.txt"))
    return found.title, paragraphs_to_markdown(found.paragraphs, found.blocks)


def test_a_block_of_ledes_cut_short_leaves_the_body_and_the_headline() -> None:
    title, body = _cut_page(CUT)
    assert title == HEADLINE
    assert TEXT[0] in body and TEXT[-1] in body
    assert "footbridge" not in body and "Ferries" not in body
    assert "cafe" not in body.casefold()


def test_cut_runs_need_two_long_lines_in_a_row() -> None:
    one = ["A short line...", CUT[0], "", CUT[1], TEXT[0], CUT[2], "Menu"]
    assert cut_runs(one) == frozenset({1, 3})  # the empty line keeps the run; TEXT ends it
    assert cut_runs([CUT[0], TEXT[0], CUT[1]]) == frozenset()  # alone, a quote may end so
    assert cut_runs(["Read more...", "See all..."]) == frozenset()  # short: buttons, not ledes
