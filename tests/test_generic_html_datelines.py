"""A short block of an HTML body that is only a date with a clock time is a dateline, not
text; a date alone that labels a list entry, and a sentence naming a date and a time, stay."""

from __future__ import annotations

import pytest

from briefing.extraction import ExtractContext
from briefing.generic import extract_html
from briefing.generic.clean import clean_blocks

TEXT = [
    "The stadium board published the list of the ground's great days on Monday, a century "
    "after its first match, and asked readers to send in their own memories of them.",
    "Most of the days on the list are matches, but the board also chose two concerts, a "
    "visit by a president and the night the floodlights were first switched on.",
    "The board will put up a plaque for each of them along the main stand before the "
    "season starts, paid for by the supporters' club and a local brewery.",
]
DATELINES = [
    "Freitag, 28.04.2023, 19:25",
    "November 20, 2019 - 11:28 AMT",
    "sexta-feira, 22 de outubro de 2010 às 20:13",
    "2025年1月14日 01時28分 (1月14日 01時40分更新)",
]
KEPT = [
    "June 20, 1990:",
    "Kick-off is at 20:45 on Saturday 3 May 2025.",
    "The gates open at 18:30 for the centenary match, two hours before the kick-off.",
]


@pytest.mark.parametrize("line", DATELINES, ids=["de", "en-zone", "pt", "ja"])
def test_dateline_block_left_out(line: str) -> None:
    texts, _ = clean_blocks([("p", TEXT[0]), ("p", line), ("p", TEXT[1])], None)
    assert texts == (TEXT[0], TEXT[1])


@pytest.mark.parametrize("line", KEPT, ids=["date-label", "short-sentence", "sentence"])
def test_text_with_a_date_kept(line: str) -> None:
    texts, _ = clean_blocks([("p", TEXT[0]), ("p", line), ("p", TEXT[1])], None)
    assert line in texts


def test_dateline_between_paragraphs_of_a_page() -> None:
    paragraphs = [f"<p>{p}</p>" for p in TEXT]
    paragraphs.insert(1, f"<p>{DATELINES[0]}</p>")
    html = (
        "<html><head><title>The stadium's great days</title></head><body><article>"
        f"<h1>The stadium's great days</h1>{''.join(paragraphs)}</article></body></html>"
    )
    found = extract_html(html, ExtractContext(rel_path="stadium.html"))
    assert found.paragraphs == tuple(TEXT)
