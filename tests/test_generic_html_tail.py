"""Blocks below an HTML article that the page places outside its text (a newsletter box, a
related-stories card grid, the writer's bio and a comment prompt) are left out; the text's
last paragraph, a list and a quote that close it, and a block inside the text between
them, stay."""

from __future__ import annotations

import pytest
import trafilatura

from briefing.extraction import ExtractContext, Extracted
from briefing.generic import extract_html
from briefing.generic.tail import drop_tail
from briefing.generic.xmlbody import blocks
from briefing.model import Block
from tests.snippets import body_tests

TEXT = [
    "The river authority opened the new flood gates at the old mill on Monday, two years "
    "after the spring floods that closed the town's bridge for most of a summer.",
    "The gates can be raised in twenty minutes, against half a day for the wooden boards "
    "they replace, and are worked from a control room above the weir.",
    "Shop owners on the quay, who lost most of their stock in the floods, said they would "
    "believe in the gates once they had seen them hold back a winter's water.",
    "The authority will test the gates every month and publish the river's level at the "
    "mill on its website each hour, its chief engineer told the opening ceremony.",
    "The gates cost the authority four million, most of it lent by the regional bank, and "
    "the town council paid for the new path along the weir that opens with them.",
    "Engineers chose steel over timber after a survey showed that the river had carried "
    "whole trees against the old boards during the worst night of the floods.",
    "Anglers, who had asked for the weir's fish pass to be kept, were told that a wider pass "
    "will be built beside the gates before the salmon come upriver in the autumn.",
    "The mill itself, empty since the floods, is to become a museum of the river, with a "
    "room on the floods and a window onto the gates at work below it.",
    "Insurers, who stopped covering shops on the quay after the floods, have said they will "
    "look again at the street once the gates have come through their first winter.",
    "The authority has also asked farmers upstream to let two fields flood in a wet spring, "
    "so that the river spreads out before it reaches the narrow channel at the mill.",
]
CLOSING_LIST = ["Raised in twenty minutes", "Worked from the control room", "Tested monthly"]
QUOTE = "We built them for the flood we have not had yet, not for the one we remember."
LAST = "The bridge, rebuilt after the floods, reopens to lorries next week."
NEWSLETTER = "Get the week's local news in your inbox every Friday morning."
CARDS = [
    ("Bakery on the quay reopens", "The family bakery is back after a year of repairs."),
    ("Council picks new bus routes", "Three villages get a bus on Sundays from March."),
]
BIO = "Mara Lind has reported on the river towns for twelve years for the weekend paper."
COMMENTS = "You must confirm your public display name before commenting on this story."


def _page(*, tail: bool = True) -> str:
    text = "".join(f"<p>{p}</p>" for p in TEXT)
    items = "".join(f"<li>{item}</li>" for item in CLOSING_LIST)
    body = (
        f'<div class="blocks">{text}<ul>{items}</ul>'
        f"<blockquote><p>{QUOTE}</p></blockquote><p>{LAST}</p></div>"
    )
    cards = "".join(
        f'<div class="card"><div class="card-content"><h3>{h}</h3>'
        f'<p class="dek">{dek}</p></div></div>'
        for h, dek in CARDS
    )
    below = (
        f'<div class="promo"><div class="promo-inner"><h2>Newsletter</h2><p>{NEWSLETTER}</p>'
        f'</div></div><section class="collection"><h2>More from the valley</h2>{cards}</section>'
        f'<div class="person"><div class="person-text"><p>{BIO}</p></div></div>'
        f'<div class="prompt"><p>{COMMENTS}</p></div>'
    )
    return (
        "<html><head><title>Flood gates open at the old mill</title></head><body>"
        "<main><article class='story'><h1>Flood gates open at the old mill</h1>"
        f"{body}{below if tail else ''}</article></main></body></html>"
    )


@pytest.fixture(scope="module")
def ferry() -> Extracted:
    """The page's extraction (the name ``tests.snippets.body_tests`` reads)."""
    return extract_html(_page(), ExtractContext(rel_path="mill.html"))


MUST_CONTAIN = [
    ("first-paragraph", TEXT[0]),
    ("paragraph", TEXT[-1]),
    ("list-item", CLOSING_LIST[0]),
    ("last-list-item", CLOSING_LIST[2]),
    ("quote", QUOTE),
    ("last", LAST),
]
MUST_NOT_CONTAIN = [
    ("newsletter", NEWSLETTER),
    ("card", CARDS[0][1]),
    ("last-card", CARDS[1][1]),
    ("grid-heading", "More from the valley"),
    ("bio", BIO),
    ("comment-prompt", COMMENTS),
]
test_body_contains, test_body_does_not_contain = body_tests(MUST_CONTAIN, MUST_NOT_CONTAIN)


@pytest.fixture(scope="module")
def trafilatura_blocks() -> list[tuple[Block, str]]:
    """trafilatura's own blocks for the page, the tail rule not applied."""
    doc = trafilatura.bare_extraction(
        trafilatura.load_html(_page()), favor_precision=True, with_metadata=True
    )
    return blocks(doc.body)


@pytest.mark.parametrize(
    "absent", [s for _, s in MUST_NOT_CONTAIN], ids=[i for i, _ in MUST_NOT_CONTAIN]
)
def test_trafilatura_keeps_the_tail(
    trafilatura_blocks: list[tuple[Block, str]], absent: str
) -> None:
    """Without the rule the tail is in the body: the fixture tests the rule."""
    assert absent in [text for _, text in trafilatura_blocks]


def test_drop_tail_ends_at_the_last_block_of_the_text(
    trafilatura_blocks: list[tuple[Block, str]],
) -> None:
    kept = drop_tail(trafilatura.load_html(_page()), trafilatura_blocks)
    assert kept == trafilatura_blocks[: len(kept)]
    assert kept[-1] == ("p", LAST)


def test_page_without_tail_unchanged() -> None:
    found = extract_html(_page(tail=False), ExtractContext(rel_path="mill.html"))
    assert found.paragraphs[-1] == LAST
    assert CLOSING_LIST[1] in found.paragraphs
