"""A second story below the article (a front page, a dated teaser list, a comment thread),
dated in the form of the article's own dateline, is not body text; the article's dateline
repeated verbatim below its text, and a date of another form in the text, change nothing."""

from __future__ import annotations

from briefing.extraction import ExtractContext
from briefing.generic import extract_dump
from briefing.markdown import paragraphs_to_markdown
from tests.snippets import tail_test

HEADLINE = "Council approves protected cycle lanes along the river road"
DATELINE = "Published 03.06.2026 - 09:10"
TEXT = [
    "The council voted on Tuesday evening to build two kilometres of protected cycle lanes "
    "along the river road before next summer.",
    "Residents who spoke at the meeting said the road had become too dangerous for children "
    "riding to the three schools on the east bank.",
    "The works will close one lane of traffic for about six weeks, and buses will be moved "
    "to the parallel street while the kerbs are rebuilt.",
    "The first section, between the bridge and the old mill, is due to open in the autumn, "
    "the council's transport officer told the meeting.",
]
# The next story on the page: share bar and tags, its lede, its headline, its dateline.
NEXT_LEDE = (
    "The harbour ferry will run every twenty minutes from Monday, the operator said, after "
    "two new boats joined the fleet this spring."
)
NEXT_TEXT = [
    "The operator said the new boats carry twice as many bicycles as the old ones and use "
    "about a third less fuel on the crossing.",
    "Passengers had complained for years about the queues at the pier on summer weekends, "
    "when the boats ran only twice an hour.",
]
NEXT = [
    "Share article",
    "More on",
    "council transport cycling",
    NEXT_LEDE,
    "Ferry to run every twenty minutes",
    "Published 03.06.2026 - 08:25",
    *NEXT_TEXT,
]


def _body(tail: list[str], dateline: str = DATELINE) -> str:
    head = ["Home", "News", "Sport", HEADLINE, dateline]
    dump = "\n".join([*head, *TEXT, *tail, "Contact us", "Privacy"])
    found = extract_dump(dump, ExtractContext(rel_path="x.txt"))
    return paragraphs_to_markdown(found.paragraphs, found.blocks)


CASES = [
    # (id, lines below the text, must contain, must not contain)
    ("next-story-text-left-out", NEXT, TEXT[-1], NEXT_TEXT[-1]),
    ("next-story-lede-left-out", NEXT, TEXT[-1], "harbour ferry"),
    (
        "own-dateline-repeated-verbatim-kept",
        [DATELINE, *NEXT_TEXT],
        NEXT_TEXT[-1],
        "Privacy",
    ),
    (
        "date-of-another-form-kept",
        ["Updated on 4 June 2026 at 10:15", *NEXT_TEXT],
        NEXT_TEXT[-1],
        "Privacy",
    ),
]


test_second_story_below_the_text = tail_test(CASES, _body)


def test_comment_stamps_in_the_datelines_form_end_the_body() -> None:
    dateline = "August 8, 2026 at 3:17 pm"
    comments = [
        "Gaye",
        "August 9, 2026 at 7:07 pm",
        "Thanks so much for this long article, it helped me plan the route to school for my "
        "two children this summer.",
        "Jan Smith",
        "August 9, 2026 at 7:21 pm",
        "I ride that road every morning and I am glad the council has finally listened to the "
        "people who live along it.",
    ]
    body = _body(comments, dateline)
    assert TEXT[-1] in body
    assert "Thanks so much" not in body
    assert "I ride that road" not in body


def test_without_a_second_story_the_body_is_whole() -> None:
    body = _body(NEXT_TEXT)
    for paragraph in [*TEXT, *NEXT_TEXT]:
        assert paragraph in body


TEASERS = [
    "You might also like",
    "Today, 12:34",
    "Ferry to run every twenty minutes",
    NEXT_LEDE,
    "Today, 07:09",
    "Lighthouse appeal passes its target",
    "Volunteers who want to save the old lighthouse on the point have raised more money than "
    "they asked for, the trust said on Sunday.",
    "Today, 08:31",
    "School choir wins the regional contest",
    "The choir of the east bank school won the regional singing contest on Saturday with a "
    "programme of folk songs from the valley.",
]


def test_a_run_of_stamps_of_one_form_ends_the_body() -> None:
    # Dated teasers whose stamps do not take the article's dateline's form.
    body = _body(TEASERS)
    assert TEXT[-1] in body
    for absent in ("harbour ferry", "lighthouse", "choir"):
        assert absent not in body


def test_two_stamps_are_no_run() -> None:
    # A video's running times inside the text are no dated list.
    tail = [
        "Duration 2:14",
        NEXT_TEXT[0],
        "Duration 1:30",
        NEXT_TEXT[1],
    ]
    body = _body(tail)
    assert NEXT_TEXT[0] in body
    assert NEXT_TEXT[1] in body


def test_explain_names_the_next_story() -> None:
    head = ["Home", "News", HEADLINE, DATELINE]
    dump = "\n".join([*head, *TEXT, *NEXT, "Contact us"])
    found = extract_dump(dump, ExtractContext(rel_path="x.txt"))
    reasons = {d.text: d.reason for d in found.decisions}
    below = "below the article: another dated story, teaser or comment"
    assert reasons[NEXT_TEXT[-1]] == below
    assert reasons[NEXT_LEDE] == below
    assert reasons[TEXT[-1]] == "prose inside the article region"
