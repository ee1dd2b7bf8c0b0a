"""Dump bodies keep their structure: sub-headings and bulleted lists come out as Markdown."""

from __future__ import annotations

import pytest

from briefing.extraction import ExtractContext
from briefing.generic import extract_dump
from briefing.markdown import paragraphs_to_markdown

DUMP = "\n".join(
    [
        "Home",
        "News",
        "Council approves protected cycle lanes along the river road",
        "3 June 2026",
        "The council voted on Tuesday evening to build two kilometres of protected cycle lanes "
        "along the river road before next summer.",
        "What changes for residents",
        "The works will close one lane of traffic for about six weeks, and buses will be moved "
        "to the parallel street while the kerbs are rebuilt.",
        "• Buses stop on Mill Street",
        "• Parking on the east bank is free",
        "• The school crossing gets a warden",
        "Council officers will publish the detailed plans next month and hold two open evenings "
        "in the library for questions from residents.",
        "He declined to comment.",
        "– Vi var tydelige på at vi ikke skulle gå, sier hun.",
        "The cost of the scheme is shared with the regional transport fund, which pays for two "
        "thirds of the lanes and all of the new crossings.",
        "Contact us",
    ]
)

MUST_CONTAIN = [
    ("sub-heading", "\n## What changes for residents\n"),
    ("bulleted-list", "\n- Buses stop on Mill Street\n- Parking on the east bank is free\n"),
    ("short-sentence-stays-a-paragraph", "\nHe declined to comment.\n"),
    ("dialogue-dash-stays-text", "\n– Vi var tydelige"),
]
MUST_NOT_CONTAIN = [
    ("bullet-character", "•"),
    ("sentence-as-heading", "## He declined"),
    ("dialogue-as-list", "- Vi var"),
]


@pytest.fixture(scope="module")
def body() -> str:
    found = extract_dump(DUMP, ExtractContext(rel_path="x.txt"))
    return paragraphs_to_markdown(found.paragraphs, found.blocks)


@pytest.mark.parametrize("snippet", [s for _, s in MUST_CONTAIN], ids=[i for i, _ in MUST_CONTAIN])
def test_body_contains(body: str, snippet: str) -> None:
    assert snippet in body


@pytest.mark.parametrize(
    "snippet", [s for _, s in MUST_NOT_CONTAIN], ids=[i for i, _ in MUST_NOT_CONTAIN]
)
def test_body_does_not_contain(body: str, snippet: str) -> None:
    assert snippet not in body
