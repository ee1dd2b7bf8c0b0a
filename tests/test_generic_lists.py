"""An unmarked list that closes an article (tour dates, a calendar), introduced by a short
line, is body text; a related-headlines list, a dated teaser list and a list straight below
a paragraph are not."""

from __future__ import annotations

from briefing.extraction import ExtractContext
from briefing.generic import extract_dump
from briefing.markdown import paragraphs_to_markdown
from tests.snippets import tail_test

TEXT = [
    "The Harbour Quartet will tour the country next summer for the first time in a decade, "
    "the band said on Monday at a concert in its home town.",
    "The quartet, which formed at the town's music school forty years ago, will play its "
    "best-known songs and a new album it recorded over the winter.",
    "Tickets go on sale on Friday morning at the venues and online, and the band said a "
    "share of the takings would go to the music school.",
]
DATES = [
    "June 9 -- Riverside Arena, Northport",
    "June 12 -- Old Mill Theatre, Eastbury",
    "June 14 -- Castle Park Stage (open air), Westfield",
    "June 20 -- City Hall, Southam",
    "July 2 -- Harbour Pavilion, Northport",
]
HEADLINES = [
    "Council approves new footbridge over the river",
    "Ferry timetable changes for the summer season",
    "Volunteers start an appeal to save the old lighthouse",
    "Market square cafe closes after forty years",
    "School choir wins the regional singing contest",
]
DATED = [f"{h} | 3 June 2026" for h in HEADLINES]


def _body(tail: list[str]) -> str:
    head = ["Home", "Music", "Harbour Quartet announces summer tour", "14 June 2026"]
    dump = "\n".join([*head, *TEXT, *tail, "Contact us", "Privacy"])
    found = extract_dump(dump, ExtractContext(rel_path="x.txt"))
    return paragraphs_to_markdown(found.paragraphs, found.blocks)


CASES = [
    # (id, lines below the text, must contain, must not contain)
    ("introduced-list-kept", ["Tour dates", *DATES], "- July 2 -- Harbour Pavilion", "Contact"),
    ("intro-kept", ["Tour dates", *DATES], "Tour dates", "Privacy"),
    ("headlines-share-no-template", ["More stories", *HEADLINES], TEXT[-1], "footbridge"),
    ("dated-teasers-left-out", ["More stories", *DATED], TEXT[-1], "lighthouse"),
    ("list-straight-below-the-text", DATES, TEXT[-1], "Riverside Arena"),
    ("three-lines-are-no-list", ["Tour dates", *DATES[:3]], TEXT[-1], "Riverside Arena"),
]


test_list_below_the_text = tail_test(CASES, _body)


def test_explain_names_the_list_items() -> None:
    dump = "\n".join(["Home", "Harbour Quartet announces summer tour", *TEXT, "Tour dates", *DATES])
    found = extract_dump(dump, ExtractContext(rel_path="x.txt"))
    reasons = {d.text: d.reason for d in found.decisions}
    assert reasons[DATES[-1]] == "list item below the text"
    assert reasons[TEXT[-1]] == "prose inside the article region"
