"""A short sentence next to a paragraph of a dump's text is text; alone, it is not."""

from __future__ import annotations

import pytest

from briefing.extraction import ExtractContext
from briefing.generic import dump, extract_dump

P = (
    "The council voted on Tuesday evening to build two kilometres of protected cycle lanes "
    "along the river road before next summer, after a debate of three hours."
)
DUMP = "\n".join(
    [
        "Home",
        "News",
        "Council approves protected cycle lanes along the river road",
        "3 June 2026",
        P,
        "The mayor did not answer our questions on Friday.",  # prose above only
        "Photo: City archive",
        "The works will close one lane of traffic for about six weeks, and buses will be moved "
        "to the parallel street while the kerbs are rebuilt by the city's own crews.",
        "A view of the river road from the old bridge",
        "That is where the first lane will run.",  # prose below only
        "Council officers will publish the detailed plans next month and hold two open evenings "
        "in the library for questions from residents who live along the road, and the cycling "
        "club has asked for a third evening in the sports hall for those who work late.",
        "Read the full plan.",  # too short
        "Advertisement",
        "Shop the summer look in our store now.",  # no prose on either side
        "Sponsored",
        "The cost of the scheme is shared with the regional transport fund, which pays for two "
        "thirds of the lanes and all of the new crossings on the north bank, while the city pays "
        "for the lights, the kerbs and the six weeks of bus diversions out of its reserves.",
        "Tap here to keep reading the story.",  # repeated through the page
        "The first lanes open in May, and the council will count cyclists on the bridge for a "
        "year before it decides whether the east bank gets lanes of its own.",
        "Tap here to keep reading the story.",
        "Contact us",
    ]
)

KEPT = [
    "The mayor did not answer our questions on Friday.",
    "That is where the first lane will run.",
]
LEFT_OUT = [
    "Read the full plan.",
    "Shop the summer look in our store now.",
    "Tap here to keep reading the story.",
]


def _paragraphs() -> tuple[str, ...]:
    return extract_dump(DUMP, ExtractContext(rel_path="x.txt")).paragraphs


@pytest.mark.parametrize("line", KEPT)
def test_short_sentence_beside_prose_is_kept(line: str) -> None:
    assert line in _paragraphs()


@pytest.mark.parametrize("line", LEFT_OUT)
def test_short_line_alone_too_short_or_repeated_is_left_out(line: str) -> None:
    paragraphs = _paragraphs()
    assert line not in paragraphs
    assert P in paragraphs  # the region is the article's


def test_without_the_rule_the_short_sentences_are_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dump, "SHORT_SENTENCE_WORDS", 99)
    paragraphs = _paragraphs()
    assert not any(line in paragraphs for line in KEPT)
    assert P in paragraphs


def test_explain_names_the_short_sentence() -> None:
    found = extract_dump(DUMP, ExtractContext(rel_path="x.txt"))
    reasons = {d.text: (d.label, d.reason) for d in found.decisions}
    assert reasons[KEPT[0]] == ("body", "short sentence next to the text")
    assert reasons[LEFT_OUT[1]] == ("skipped", "short line inside the article")
