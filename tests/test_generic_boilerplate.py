"""Site furniture inside a dump's article region is left out; text that resembles it stays."""

from __future__ import annotations

import pytest

from briefing.extraction import ExtractContext
from briefing.generic import extract_dump
from briefing.generic.boilerplate import furniture_reason
from briefing.generic.clean import word_count
from tests.generic_page import BODY, HEADLINE

# (id, a line between the body's paragraphs, whether it must be left out)
LINES = [
    # Prompts to go elsewhere for more (issue 16: one became a sub-heading of the body).
    ("homepage-prompt", "Visit the Valley Courier's homepage for more stories .", True),
    ("more-stories-prompt", "For more stories like this, check our news page .", True),
    ("home-page-link", "Go to Home Page »", True),
    # Text that only mentions a site or a visit stays.
    (
        "sentence-about-a-visit",
        "Inspectors will visit the site of the new crossing on Friday to check the kerbs.",
        False,
    ),
    ("sentence-about-a-website", "The plans are on the council's website until May.", False),
    # Sign-up prompts of a paragraph's length (the short-line rule stops at 15 words).
    (
        "subscribe-prompt",
        "Subscribe to the Valley Courier YouTube channel for all of the latest videos, reviews "
        "and interviews from the valley!",
        True,
    ),
    (
        "newsletter-prompt",
        "Sign up for our daily newsletter to receive the best stories from the Valley Courier, "
        "delivered every weekday morning.",
        True,
    ),
    (
        "sentence-about-signing-up",
        "Residents who want a parking permit for the works can sign up at the library until "
        "the end of the month, the council said.",
        False,
    ),
]


def _page(line: str) -> str:
    return "\n".join(["Home", "News", HEADLINE, BODY[0], line, *BODY[1:], "Contact us"])


@pytest.mark.parametrize(("line", "left_out"), [c[1:] for c in LINES], ids=[c[0] for c in LINES])
def test_furniture_in_the_article_region(line: str, left_out: bool) -> None:
    found = extract_dump(_page(line), ExtractContext(rel_path="x.txt"))
    assert (line not in found.paragraphs) is left_out
    assert all(paragraph in found.paragraphs for paragraph in BODY)  # no article text lost


@pytest.mark.parametrize(("line", "left_out"), [c[1:] for c in LINES], ids=[c[0] for c in LINES])
def test_furniture_reason(line: str, left_out: bool) -> None:
    assert (furniture_reason(line, int(word_count(line))) is not None) is left_out


# A teaser widget the page repeats between its paragraphs (an interstitial): headline, byline.
WIDGET = ("Summer sandals everyone will wear this year", "By Ann Other", "Advertisement")
TEXT = (
    *BODY,
    "The regional transport fund pays for two thirds of the lanes and all of the new "
    "crossings, the council's finance officer told the meeting.",
    "Shops on the river road asked for the works to pause in December, when the street "
    "market brings most of their customers of the year.",
)


def _interrupted(times: int) -> str:
    lines = ["Home", "News", HEADLINE, "3 June 2026"]
    for n, paragraph in enumerate(TEXT):
        lines.append(paragraph)
        if n < times:
            lines.extend(WIDGET)
    return "\n".join([*lines, "Contact us"])


# (id, how often the widget interrupts the text)
WIDGET_CASES = [("widget-four-times", 4), ("widget-five-times", 5)]


@pytest.mark.parametrize("times", [c[1] for c in WIDGET_CASES], ids=[c[0] for c in WIDGET_CASES])
def test_a_repeated_widget_does_not_split_the_article(times: int) -> None:
    found = extract_dump(_interrupted(times), ExtractContext(rel_path="x.txt"))
    assert found.paragraphs == TEXT  # every paragraph, in order, and none of the widget


def test_teasers_below_the_text_sharing_a_dateline_stay_out() -> None:
    teasers = []
    for n in range(5):
        teasers += [
            f"Teaser headline number {n} about another story",
            "Opinion",
            "Wednesday 3 June 2026",
            f"The lede of teaser {n} runs on for a while about a different story that has "
            "nothing to do with the council and its cycle lanes at all.",
        ]
    dump = "\n".join(["Home", HEADLINE, "3 June 2026", *TEXT, "More stories", *teasers])
    found = extract_dump(dump, ExtractContext(rel_path="x.txt"))
    assert found.paragraphs == TEXT


def test_a_caption_quoting_a_sentence_is_not_kept_twice() -> None:
    # The caption repeats the first paragraph as the page's caption markup spaces it.
    caption = BODY[0].replace("lanes along", "lanes , along")
    dump = "\n".join(["Home", HEADLINE, "3 June 2026", BODY[0], caption, *BODY[1:], "Contact"])
    found = extract_dump(dump, ExtractContext(rel_path="x.txt"))
    assert found.paragraphs == BODY


def test_a_sub_heading_between_widget_lines_is_kept() -> None:
    # "Article content" between every block: the sub-heading's neighbours are the paragraphs.
    blocks = [BODY[0], "What changes for residents", *BODY[1:], *TEXT[len(BODY) :]]
    lines = ["Home", HEADLINE, "3 June 2026"]
    for block in blocks:
        lines += [block, "Article content"]
    found = extract_dump("\n".join([*lines, "Contact us"]), ExtractContext(rel_path="x.txt"))
    assert found.paragraphs == tuple(blocks)
    assert found.blocks[1] == "h2"


# One notice word in a sentence amid the text (two paragraphs on either side) is not a notice;
# the same word in a line at the text's edge, a "©" credit or two notice phrases are.
NOTICE_CASES = [
    (
        "cookies-in-a-sentence",
        "Cookies and coffee were served to the residents who stayed for the whole four-hour "
        "meeting in the town hall.",
        2,
        False,
    ),
    (
        "copyright-in-a-sentence",
        "The club holds the copyright to the route's name and will let the council use it on "
        "the new signs for free.",
        2,
        False,
    ),
    (
        "cookies-at-the-edge",
        "Cookies and coffee were served to the residents who stayed for the whole four-hour "
        "meeting in the town hall.",
        0,
        True,
    ),
    (
        "credit-with-copyright-sign",
        "© Jon Tarn Cyclists on the river road on the morning of the vote, when the council met.",
        2,
        True,
    ),
    (
        "two-notice-phrases",
        "We use cookies to improve your visit; see our privacy policy for the details of how "
        "we store them.",
        2,
        True,
    ),
]


@pytest.mark.parametrize(
    ("line", "at", "left_out"), [c[1:] for c in NOTICE_CASES], ids=[c[0] for c in NOTICE_CASES]
)
def test_a_notice_word_amid_the_text(line: str, at: int, left_out: bool) -> None:
    text = [*TEXT[:at], line, *TEXT[at:]]
    dump = "\n".join(["Home", "Sign in", HEADLINE, "3 June 2026", *text, "Contact us"])
    found = extract_dump(dump, ExtractContext(rel_path="x.txt"))
    assert (line not in found.paragraphs) is left_out
    assert all(paragraph in found.paragraphs for paragraph in TEXT)
