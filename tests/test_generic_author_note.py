"""The note about the writer that closes an article (a bio, "Email X at ...") is no body text,
nor is what the page shows below it; the byline's name elsewhere in the text is."""

from __future__ import annotations

import pytest

from briefing.extraction import ExtractContext
from briefing.generic import extract_dump
from briefing.markdown import paragraphs_to_markdown

TEXT = [
    "Harbour Rowing Club, Jane Doe's old crew, won the regional final on Saturday after "
    "trailing for most of the two-kilometre course.",
    "The eight came from behind in the last 300 metres and crossed the line half a length "
    "ahead of the favourites from upriver.",
    "The club's coach said the crew had trained twice a day through the winter and had "
    "changed its stroke rate only a month before the race.",
    "The final drew the largest crowd the river banks have seen in a decade, with families "
    "lining both sides from the bridge to the boathouse.",
    "Two of the rowers are still at school and had to sit their exams in the week before "
    "the final, between training sessions on the water.",
    "The club will hold an open day at the boathouse next month for anyone who wants to try "
    "the sport, with boats and coaches provided.",
    "Its members have raised money for a new boat, which should be delivered before the "
    "start of the autumn season.",
    "The crew now goes to the national championships in July, where it last raced twenty "
    "years ago and finished fourth.",
]
NOTE = (
    "Jane Doe is a sports reporter based in Leeds. Her work has appeared in several regional "
    "papers and she rowed for the club for ten years."
)
TEASERS = [
    "Council approves new footbridge",
    "The footbridge will link the two halves of the old town by the end of next year, the "
    "council said on Monday.",
    "Ferry timetable changes this summer",
    "Ferries will run every twenty minutes from June, with an extra late sailing on Fridays "
    "and Saturdays for the festival season.",
]


def _body(byline: str) -> str:
    head = ["Home", "Sport", "Harbour crew wins the regional final", byline, "14 June 2026"]
    dump = "\n".join([*head, *TEXT, NOTE, *TEASERS, "Contact us"])
    found = extract_dump(dump, ExtractContext(rel_path="x.txt"))
    return paragraphs_to_markdown(found.paragraphs, found.blocks)


CASES = [
    # (id, byline, must contain, must not contain)
    ("note-dropped", "By Jane Doe", TEXT[-1], NOTE[:40]),
    ("teasers-below-note-dropped", "By Jane Doe", TEXT[-1], "footbridge"),
    ("name-in-the-text-kept", "By Jane Doe", "Jane Doe's old crew", "sports reporter"),
    ("other-writer-keeps-the-note", "By John Roe", NOTE[:40], "John Roe"),
    ("one-word-byline-is-no-name", "By Reuters", NOTE[:40], "Reuters"),
]


@pytest.mark.parametrize(
    ("byline", "present", "absent"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_author_note(byline: str, present: str, absent: str) -> None:
    body = _body(byline)
    assert present in body
    assert absent not in body


ABOUT_NOTE = (
    "Als Sportreporterin schreibt Jane Doe seit zehn Jahren über den Rudersport an der "
    "Küste und ruderte selbst für den Verein."
)


def _body_with_box(label: str, note: str) -> str:
    head = ["Home", "Sport", "Harbour crew wins the regional final", "14 June 2026"]
    dump = "\n".join([*head, *TEXT, label, note, *TEASERS[:2], "Contact us"])
    found = extract_dump(dump, ExtractContext(rel_path="x.txt"))
    return paragraphs_to_markdown(found.paragraphs, found.blocks)


BOX_CASES = [
    # (id, label, note, must contain, must not contain): no byline names the writer
    ("about-box-dropped", "Über Jane Doe", ABOUT_NOTE, TEXT[-1], "Sportreporterin"),
    ("teasers-below-box-dropped", "About Jane Doe", NOTE, TEXT[-1], "footbridge"),
    (
        "box-naming-another-kept",
        "About Jane Doe",
        ABOUT_NOTE.replace("Jane", "Ann"),
        "Ann Doe",
        "Contact us",
    ),
    (
        "one-word-name-kept",
        "About Harbour",
        NOTE.replace("Jane Doe", "Harbour"),
        "Harbour is",
        "Contact us",
    ),
]


@pytest.mark.parametrize(
    ("label", "note", "present", "absent"),
    [c[1:] for c in BOX_CASES],
    ids=[c[0] for c in BOX_CASES],
)
def test_about_box(label: str, note: str, present: str, absent: str) -> None:
    body = _body_with_box(label, note)
    assert present in body
    assert absent not in body


LATE = (
    "The crew now goes to the national championships in July, where it last raced twenty "
    "years ago with Tom Doe at stroke and finished fourth."
)
PART_CASES = [
    # (id, note, last text block, must contain, must not contain): byline "By Jane Doe"
    ("first-name-alone", NOTE.replace("Jane Doe", "Jane"), TEXT[-1], TEXT[-1], "sports reporter"),
    ("last-name-alone", NOTE.replace("Jane Doe", "Doe"), TEXT[-1], TEXT[-1], "sports reporter"),
    ("name-part-late-in-a-block-kept", "Contact us", LATE, "Tom Doe at stroke", "Contact us"),
]


@pytest.mark.parametrize(
    ("note", "last", "present", "absent"),
    [c[1:] for c in PART_CASES],
    ids=[c[0] for c in PART_CASES],
)
def test_note_calls_the_writer_by_one_name(note: str, last: str, present: str, absent: str) -> None:
    head = ["Home", "Sport", "Harbour crew wins the regional final", "By Jane Doe", "14 June 2026"]
    dump = "\n".join([*head, *TEXT[:-1], last, note, *TEASERS[:2], "Contact us"])
    found = extract_dump(dump, ExtractContext(rel_path="x.txt"))
    body = paragraphs_to_markdown(found.paragraphs, found.blocks)
    assert present in body
    assert absent not in body
