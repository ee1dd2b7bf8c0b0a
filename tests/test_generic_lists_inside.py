"""A list inside a dump's text, introduced by a line ending in ":" and followed by more of
the text, is body text (as "-" items); a label's list of links and a video box are not."""

from __future__ import annotations

import pytest

from briefing.extraction import ExtractContext
from briefing.generic import extract_dump, lists
from briefing.markdown import paragraphs_to_markdown

P0 = (
    "Saturday's market on the square will run to new rules from June, the first change since "
    "the market moved there from the harbour front thirty years ago. "
    "The traders' association said it had asked for the changes itself, and that most of its "
    "members would keep their pitches and their opening hours."
)
P1 = (
    "The council published the rules for the new market on Tuesday, after a year of talks "
    "with the traders who sell on the square every Saturday. "
    "The traders' association said it had asked for the changes itself, and that most of its "
    "members would keep their pitches and their opening hours."
)
P2 = (
    "Traders who break the rules twice lose their pitch for a month, and the council said it "
    "would check the stalls every week during the first summer. "
    "The traders' association said it had asked for the changes itself, and that most of its "
    "members would keep their pitches and their opening hours."
)
P3 = (
    "The market opens on the first Saturday of June, and the council expects about forty "
    "stalls in its first season, twice as many as last year. "
    "The traders' association said it had asked for the changes itself, and that most of its "
    "members would keep their pitches and their opening hours."
)
ITEMS = ["Fresh fish sold from a chilled counter", "Flowers and plants", "Bread baked that day"]
LINKS = ["Harbour ferry fares go up in June", "New footbridge opens next week"]
VIDEO = ["Traders react to the new market rules", "14 hours ago", "Duration 1:30"]
DUMP = "\n".join(
    [
        "Home",
        "News",
        "Council sets the rules for the Saturday market",
        "3 June 2026",
        P0,
        P1,
        "The stalls may sell only these goods:",
        *ITEMS,
        P2,
        "More:",
        *LINKS,
        P3,
        "WATCH | What the traders say about the rules:",
        *VIDEO,
        "The rules can be read at the town hall and on the council's website, where traders "
        "can also apply for a pitch until the end of April.",
        "Contact us",
    ]
)


def _body() -> str:
    found = extract_dump(DUMP, ExtractContext(rel_path="x.txt"))
    return paragraphs_to_markdown(found.paragraphs, found.blocks)


@pytest.mark.parametrize(
    "snippet",
    ["The stalls may sell only these goods:", *(f"- {item}\n" for item in ITEMS)],
    ids=["intro", *(f"item-{n}" for n in range(len(ITEMS)))],
)
def test_list_inside_the_text_is_kept(snippet: str) -> None:
    body = _body()
    assert snippet in body
    assert P1 in body and P3 in body


@pytest.mark.parametrize("snippet", [*LINKS, *VIDEO[:2]], ids=["link-1", "link-2", "video", "age"])
def test_links_under_a_label_and_a_video_box_are_left_out(snippet: str) -> None:
    assert snippet not in _body()


def test_without_the_rule_the_items_are_lost(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lists, "INSIDE_INTRO_WORDS", 99)
    body = _body()
    assert not any(item in body for item in ITEMS)


def test_explain_names_the_items() -> None:
    found = extract_dump(DUMP, ExtractContext(rel_path="x.txt"))
    reasons = {d.text: (d.label, d.reason) for d in found.decisions}
    assert reasons[ITEMS[0]] == ("body", "list item inside the text")
