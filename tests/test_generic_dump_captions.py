"""A photo caption in a dump reads as prose; the credit on the line below gives it away."""

from __future__ import annotations

import pytest

from briefing.extraction import ExtractContext
from briefing.generic import extract_dump, lines

P1 = (
    "The council voted on Tuesday evening to build two kilometres of protected cycle lanes "
    "along the river road before next summer, after a debate of three hours."
)
P2 = (
    "The works will close one lane of traffic for about six weeks, and buses will be moved "
    "to the parallel street while the kerbs are rebuilt by the city's own crews."
)
CAPTION = (
    "Mayor Ann Lee, left, and council member Tom Berg walk along the river road in "
    "Northport on Tuesday, June 2, 2026."
)
CAPTION_SHOWN_TWICE = "Cyclists wait at the crossing by the old bridge on Monday, June 1, 2026."
GALLERY_CAPTION = "A new crossing by the school is part of the plan, which the council approved."
LONG = (
    "Council officers will publish the detailed plans next month and hold two open evenings "
    "in the library for questions from residents who live along the road, and the cycling "
    "club has asked for a third evening in the sports hall for those who work late, while "
    "shop owners on the road want to know where their deliveries will stop during the works "
    "and who pays for the signs."
)
ABOVE_A_LINK = "The first lanes open in May, and the council will count cyclists on the bridge."
DUMP = "\n".join(
    [
        "Home",
        "News",
        "Council approves protected cycle lanes along the river road",
        "3 June 2026",
        CAPTION,
        "Photo: Jane Roe, AP",
        P1,
        CAPTION_SHOWN_TWICE,
        CAPTION_SHOWN_TWICE,
        "Sam Poe/Northport Daily/Getty Images",
        P2,
        GALLERY_CAPTION,
        "(Image credit: City of Northport)",
        LONG,  # a paragraph of the text above the next photo's credit
        "Photo: Jane Roe, AP",
        ABOVE_A_LINK,  # above a line that is no credit
        "Read more about the plan",
        "The cost of the scheme is shared with the regional transport fund, which pays for two "
        "thirds of the lanes and all of the new crossings on the north bank.",
        "Contact us",
    ]
)


def _paragraphs() -> tuple[str, ...]:
    return extract_dump(DUMP, ExtractContext(rel_path="x.txt")).paragraphs


@pytest.mark.parametrize(
    "caption", [CAPTION, CAPTION_SHOWN_TWICE, GALLERY_CAPTION], ids=["ap", "twice", "credit"]
)
def test_caption_above_its_credit_is_left_out(caption: str) -> None:
    paragraphs = _paragraphs()
    assert caption not in paragraphs
    assert P1 in paragraphs and P2 in paragraphs  # the region is the article's


@pytest.mark.parametrize("kept", [LONG, ABOVE_A_LINK], ids=["long-paragraph", "no-credit"])
def test_text_is_kept(kept: str) -> None:
    assert kept in _paragraphs()


def test_without_the_rule_the_captions_are_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lines, "CAPTION_WORDS", 0)
    paragraphs = _paragraphs()
    assert all(c in paragraphs for c in (CAPTION_SHOWN_TWICE, GALLERY_CAPTION))


def test_explain_names_the_caption() -> None:
    found = extract_dump(DUMP, ExtractContext(rel_path="x.txt"))
    reasons = {d.text: (d.label, d.reason) for d in found.decisions}
    assert reasons[GALLERY_CAPTION] == ("boilerplate", "photo caption (above its credit)")


CREDITED = [
    ("agency-after-name", "(Sam Poe/Reuters)"),
    ("file-label", "[File: Reuters]"),
    ("source-label", "(Source: City of Northport)"),
    ("via", "[Northport Council via Sam Poe]"),
]
TEXT_CITING = (
    "The number of cyclists on the bridge rose by a third in two years, the city's own counts "
    "show (source: the transport office)."
)


def _credited(credit: str) -> str:
    return "\n".join(
        [
            *("Home", "News", "Council approves protected cycle lanes", "3 June 2026"),
            *(f"{CAPTION} {credit}", P1, TEXT_CITING, P2, "Contact us"),
        ]
    )


@pytest.mark.parametrize("credit", [c[1] for c in CREDITED], ids=[c[0] for c in CREDITED])
def test_caption_closing_with_its_credit_is_left_out(credit: str) -> None:
    paragraphs = extract_dump(_credited(credit), ExtractContext(rel_path="x.txt")).paragraphs
    assert not any(CAPTION in p for p in paragraphs)
    assert P1 in paragraphs and P2 in paragraphs
    assert TEXT_CITING in paragraphs  # a sentence citing its source ends in its stop


def test_without_the_rule_a_credited_caption_is_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lines, "CAPTION_WORDS", 0)
    paragraphs = extract_dump(_credited("(Sam Poe/Reuters)"), ExtractContext(rel_path="x.txt"))
    assert f"{CAPTION} (Sam Poe/Reuters)" in paragraphs.paragraphs


CUT = (
    "Mayor Ann Lee, left, and council member Tom Berg walk along the river road in Northport "
    "on Tuesday, June 2, 2026, where the first lanes will be built. less"
)
CUT_SHORT = (
    "Mayor Ann Lee, left, and council member Tom Berg walk along the river road in Northport "
    "on Tuesday, June 2, 2026, where the ... more"
)


def _expandable(*box: str) -> str:
    return "\n".join(
        ["Home", "News", "Council approves protected cycle lanes", "3 June 2026", *box, P1, P2]
    )


def test_caption_shown_whole_and_cut_short_is_left_out() -> None:
    paragraphs = extract_dump(_expandable(CUT, CUT_SHORT), ExtractContext(rel_path="x.txt"))
    assert not any("Tom Berg" in p for p in paragraphs.paragraphs)
    assert P1 in paragraphs.paragraphs and P2 in paragraphs.paragraphs


def test_a_paragraph_not_cut_short_below_it_is_text() -> None:
    other = "Mayor Ann Lee, left, and council member Tom Berg ... met residents on the bridge."
    paragraphs = extract_dump(_expandable(CUT, other), ExtractContext(rel_path="x.txt"))
    assert CUT in paragraphs.paragraphs
