"""Headline choice in text dumps: where the headline may sit, kickers, what is a dateline."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.extraction import ExtractContext
from briefing.generic import extract_dump
from briefing.generic.lines import analyse
from briefing.generic.titles import is_dateline
from tests.generic_page import BODY

FIXTURES = Path(__file__).parent / "fixtures" / "generic"
HEADLINE = "Council approves protected cycle lanes along the river road"

# (id, fixture, the title must start with, the title must not contain)
TITLE_CASES = [
    # A payment prompt that reads like prose opens the lenient body region far above the
    # headline: the headline is still searched down to where the article text starts.
    ("below-a-prose-prompt", "headline-prompt.txt", HEADLINE, "Valley Courier"),
    # Teasers for other stories between the dateline and the text share the article's words
    # and have a long line below: below the article's dateline they are not the headline.
    ("not-a-teaser-below-the-dateline", "headline-teaser.txt", HEADLINE, "Analysis"),
    # A long quoted headline under a save-story prompt: the byline right below marks it.
    ("byline-below", "headline-byline.txt", HEADLINE, "saved"),
]


@pytest.mark.parametrize(
    ("name", "start", "absent"), [c[1:] for c in TITLE_CASES], ids=[c[0] for c in TITLE_CASES]
)
def test_headline(name: str, start: str, absent: str) -> None:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    title = extract_dump(text, ExtractContext(rel_path=name)).title
    assert title is not None
    assert title.startswith(start)
    assert absent not in title


KICKED = "headline-kicker.txt"
GLUED = '"We listened"Council approves protected cycle lanes along the river road\n'
# (id, drop the glued line, the exact title)
KICKER_CASES = [
    # A line that glues the kicker to the headline shows the kicker is an element of its own.
    ("glued-kicker-left-out", False, HEADLINE),
    ("kicker-kept-without-glued-line", True, f'"We listened": {HEADLINE}'),
]


@pytest.mark.parametrize(
    ("drop", "expected"), [c[1:] for c in KICKER_CASES], ids=[c[0] for c in KICKER_CASES]
)
def test_kicker(drop: bool, expected: str) -> None:
    text = (FIXTURES / KICKED).read_text(encoding="utf-8")
    if drop:
        text = text.replace(GLUED, "")
    assert extract_dump(text, ExtractContext(rel_path=KICKED)).title == expected


def test_share_bar_below_is_not_a_kicker() -> None:
    text = (FIXTURES / "headline-prompt.txt").read_text(encoding="utf-8")
    text = text.replace(
        "12 March 2026 10:15\n", f"12 March 2026 10:15\nShare options for: {HEADLINE}\n"
    )
    assert extract_dump(text, ExtractContext(rel_path="prompt.txt")).title == HEADLINE


DATELINES = [
    ("date-and-time", "12 March 2026 10:15"),
    ("numeric", "05.01.2025, 15:23"),
    ("month-day-year-byline", "February 1, 2019 | BY: Ilana Muhlstein, MS, RDN"),
    ("spanish", "5 de mayo de 2025"),
    ("ordinal-day", "Monday, November 18th, 2019 at 11:08 a.m."),
    ("day-before-year", "19. November 2019"),
    ("cued", "Published on Tuesday 26 November 2024 by the news desk"),
    ("relative", "vor 3 Stunden"),
]
NOT_DATELINES = [
    ("bare-year", "World Cup 2026 The race between the two favourites"),
    ("numbers-far-apart", "7 key questions heading into the 2020 Democratic debate"),
    ("no-number", "Council approves protected cycle lanes"),
    # A model number next to a year is no day: "2020 LC500", "2013 Lexus IS 350".
    ("model-number-by-a-year", "Lexus wants you to go topless with 2020 LC500 Convertible"),
    ("number-over-31-by-a-year", "First Impressions: 2013 Lexus IS 350, IS 350 F Sport"),
]


@pytest.mark.parametrize("text", [t for _, t in DATELINES], ids=[i for i, _ in DATELINES])
def test_is_dateline(text: str) -> None:
    assert is_dateline(analyse(text, frozenset())[0])


@pytest.mark.parametrize("text", [t for _, t in NOT_DATELINES], ids=[i for i, _ in NOT_DATELINES])
def test_is_not_dateline(text: str) -> None:
    assert not is_dateline(analyse(text, frozenset())[0])


# Account and reading prompts that sit next to headlines: furniture, never a title.
PROMPTS = [
    ("continue-reading", "Continue reading the main story"),
    ("signed-in", "You are signed in as"),
    ("sign-out", "Sign out"),
    ("edit-profile", "Edit Profile Sign Out"),
]


@pytest.mark.parametrize("text", [t for _, t in PROMPTS], ids=[i for i, _ in PROMPTS])
def test_prompts_are_furniture(text: str) -> None:
    assert analyse(text, frozenset())[0].furniture is not None


_MENU = ["Home", "News", "Sport"]
_TEASER = [
    "Flood barriers on the river road to be raised before winter",
    "Engineers say the old barriers along the river road are too low for the floods of recent "
    "years.",
]
# (id, the lines above the body; the headline must be HEADLINE, the title must not contain)
HEADER_CASES = [
    # A related-article teaser (headline, lede, byline, date) above the article's own
    # headline, byline and dateline: the teaser's headline has its own dateline too.
    (
        "teaser-block-above",
        [*_TEASER, "By Jane Roe", "2 June 2026", HEADLINE, "By Lena Hart", "3 June 2026 09:10"],
        "Flood barriers",
    ),
    (
        "teaser-block-with-byline-only",
        ["Related", *_TEASER, "By Jane Roe", HEADLINE, "By Lena Hart", "3 June 2026 09:10"],
        "Flood barriers",
    ),
    # A share bar that repeats the headline after its label is not a kicker.
    ("share-label-above", [f"Share: {HEADLINE}", HEADLINE, "3 June 2026 09:10"], "Share"),
    ("player-label-above", [f"Listen: {HEADLINE}", HEADLINE, "3 June 2026 09:10"], "Listen"),
    # Widget prompts and poll options next to the headline are not headlines.
    (
        "poll-above",
        ["Poll", "Should the river road get protected cycle lanes?", "Yes, build them", "No"],
        "Should",
    ),
    ("follow-and-player-above", ["Follow us on Instagram", "Listen to this article"], "Follow"),
]


@pytest.mark.parametrize(
    ("header", "absent"), [c[1:] for c in HEADER_CASES], ids=[c[0] for c in HEADER_CASES]
)
def test_headline_among_header_lines(header: list[str], absent: str) -> None:
    lines = [*_MENU, *header] if HEADLINE in header else [*_MENU, *header, HEADLINE]
    text = "\n".join([*lines, *BODY, "Contact us"])
    title = extract_dump(text, ExtractContext(rel_path="x.txt")).title
    assert title == HEADLINE
    assert title is not None and absent not in title


def test_teaser_byline_is_not_the_articles() -> None:
    lines = [*_MENU, *_TEASER, "By Jane Roe", HEADLINE, "By Lena Hart", "3 June 2026", *BODY]
    assert extract_dump("\n".join(lines), ExtractContext(rel_path="x.txt")).authors == (
        "Lena Hart",
    )
