"""Generic extraction of plain-text page dumps: body, title, dateline, tags, decisions."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from briefing.extraction import ExtractContext, Extracted
from briefing.generic import extract_dump, learn_boilerplate
from tests.snippets import body_tests

FIXTURES = Path(__file__).parent / "fixtures" / "generic"
DUMP = (FIXTURES / "harbour-ledger.txt").read_text(encoding="utf-8")
CTX = ExtractContext(rel_path="harbour-ledger/ferry.txt", source_hint="harbour-ledger")


@pytest.fixture(scope="module")
def ferry() -> Extracted:
    return extract_dump(DUMP, CTX)


MUST_CONTAIN = [
    ("first-paragraph", "moved all morning ferries to Pier 2"),
    ("middle-paragraph", "divers examine the foundations"),
    ("sub-heading", "What changes for passengers"),
    ("last-paragraph", "do not have to walk the extra distance"),
]
MUST_NOT_CONTAIN = [
    ("menu", "Culture"),
    ("cookie-notice", "cookie policy"),
    ("headline", "Ferry timetable changes after storm damages Pier 4"),
    ("byline", "Mara Quill"),
    ("dateline", "19:33"),
    ("share-bar", "WhatsApp"),
    ("photo-caption", "Pier 4 was rebuilt in 1998"),
    ("tag-list", "Tags:"),
    ("related-list", "Lifeboat crew honoured"),
    ("comment-prompt", "Leave a comment"),
    ("newsletter", "newsletter"),
    ("footer", "All rights reserved"),
]


test_body_contains, test_body_does_not_contain = body_tests(MUST_CONTAIN, MUST_NOT_CONTAIN)


def test_paragraphs_keep_their_order(ferry: Extracted) -> None:
    first = ferry.paragraphs.index(next(p for p in ferry.paragraphs if "Pier 2" in p))
    last = ferry.paragraphs.index(next(p for p in ferry.paragraphs if "Season tickets" in p))
    assert first == 0
    assert last == len(ferry.paragraphs) - 1


def test_metadata(ferry: Extracted) -> None:
    assert ferry.title == "Ferry timetable changes after storm damages Pier 4"
    assert ferry.date == datetime(2026, 2, 27, 19, 33)
    assert ferry.date is not None and ferry.date.utcoffset() is None  # the page names no zone
    assert ferry.lang == "en"
    assert ferry.tags == ("ferries", "Gull Island", "storms")
    assert ferry.category == "Town"  # from the breadcrumb "Home Town <headline>"
    assert ferry.source is None  # a dump names no source: the dispatcher does (from the folder)


DECISIONS = [
    ("menu", "Culture", "navigation"),
    ("cookie-notice", "We use cookies to improve", "boilerplate"),
    ("headline", "Ferry timetable changes after storm damages Pier 4", "title"),
    ("dateline", "Published 27 February, 2026", "date"),
    ("paragraph", "The harbour authority has moved", "body"),
    ("caption", "Pier 4 was rebuilt in 1998", "boilerplate"),
    ("tags", "Tags: ferries", "tags"),
    ("footer", "© 2026 The Harbour Ledger", "boilerplate"),
]


def test_one_decision_per_input_line(ferry: Extracted) -> None:
    assert [d.line for d in ferry.decisions] == list(range(1, len(DUMP.split("\n")) + 1))


@pytest.mark.parametrize(
    ("start", "label"), [(s, lbl) for _, s, lbl in DECISIONS], ids=[i for i, _, _ in DECISIONS]
)
def test_decision_labels(ferry: Extracted, start: str, label: str) -> None:
    decision = next(d for d in ferry.decisions if d.text.startswith(start))
    assert decision.label == label
    assert decision.reason or label == "empty"


def test_relative_dateline_uses_the_fetch_time() -> None:
    text = DUMP.replace("Published 27 February, 2026 • 19:33", "Updated 2 hours ago")
    ctx = ExtractContext(rel_path="x.txt", fetched_at=datetime(2026, 2, 28, 9, 0))
    assert extract_dump(text, ctx).date == datetime(2026, 2, 28, 7, 0)


def test_learned_boilerplate_is_left_out() -> None:
    line = "Commuters crossing to Gull Island will need to allow an extra fifteen minutes,"
    full = next(s for s in DUMP.split("\n") if s.startswith(line))
    ctx = ExtractContext(rel_path="x.txt", boilerplate=frozenset({full}))
    assert full not in extract_dump(DUMP, ctx).paragraphs


COMMENTED = """Harbour notes
Quiet week on the quay
The quay was quiet this week, with only the mail boat and two yachts calling at the old berth.
Harbour staff used the calm to repaint the bollards and to clear the drains along the wall.
3 responses to "Quiet week on the quay"
sailor_jo says:
March 2, 2026 at 9:10 am
I walked past on Sunday and the bollards look much better than they did before the winter storms.
old_pilot says:
March 2, 2026 at 11:45 am
The drains needed clearing for years, and it is good to see the staff finally getting to them.
quaywatcher says:
March 3, 2026 at 8:02 am
Let us hope the mail boat keeps its timetable now that the repairs on the west side are done.
"""


def test_reader_comments_are_cut_off() -> None:
    result = extract_dump(COMMENTED, ExtractContext(rel_path="notes.txt"))
    body = "\n".join(result.paragraphs)
    assert "repaint the bollards" in body
    assert "finally getting to them" not in body
    assert "sailor_jo" not in body


SITE = ["Harbour Ledger", "Home", "Town", "Sign in to comment", "© Harbour Ledger"]


def _dump(n: int) -> str:
    return "\n".join([*SITE, f"Story number {n} has its own words and sentences, all of them.", ""])


def test_learn_boilerplate_finds_lines_shared_across_dumps() -> None:
    learned = learn_boilerplate([_dump(n) for n in range(5)])
    assert learned == frozenset(SITE)


def test_learn_boilerplate_needs_a_few_dumps() -> None:
    assert learn_boilerplate([_dump(1), _dump(2)]) == frozenset()


def test_learn_boilerplate_respects_min_share() -> None:
    texts = [_dump(n) for n in range(4)] + ["Sponsored corner"] * 6  # in 6 of 10 dumps
    assert "Sponsored corner" not in learn_boilerplate(texts, min_share=0.9)
    assert "Sponsored corner" in learn_boilerplate(texts, min_share=0.5)


EDGE_CASES = [
    ("empty", "", 0),
    ("blank-lines", "\n\n", 0),
    ("menu-only", "Home\nNews\nSport\nSearch", 0),
    ("one-long-line", "A sentence that goes on and on. " * 400, 1),
]


@pytest.mark.parametrize(
    ("text", "paragraphs"), [c[1:] for c in EDGE_CASES], ids=[c[0] for c in EDGE_CASES]
)
def test_edge_cases_still_explain_every_line(text: str, paragraphs: int) -> None:
    result = extract_dump(text, ExtractContext(rel_path="edge.txt"))
    assert len(result.paragraphs) == paragraphs
    assert len(result.decisions) == len(text.split("\n"))
