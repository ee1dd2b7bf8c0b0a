"""Site furniture inside a dump's article region is left out; text that resembles it stays."""

from __future__ import annotations

import pytest

from briefing.extract import ExtractContext
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
