"""Lists without markers that close an article: tour dates, a calendar, a table's rows.

A dump flattens such a list to short lines ("June 9 -- Coral Sky Amphitheatre, West Palm
Beach, FL"), none of them prose, so the body region stops at the paragraph above it.
Structural evidence, no phrase list: the lines follow one template, a token that is not a
plain word ("--", "@", "(Group", "etapa:", a number) on every line of the run, and the run
is introduced right below the text's last paragraph by a short line ("Tour dates").  A list
of related headlines shares no such token, a run of dated lines (a teaser list's
timestamps) is left out, and so is a list straight below a paragraph.

Inside the text a list needs no template: a line that ends in ":" introduces it ("Here's what
to know:", "Список запрещенных продуктов:") and a paragraph of the text follows it
(``list_inside``).  A label of one or two words ("More:", "Specs:") introduces related links
or a data box instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefing.generic.lines import Line
from briefing.generic.patterns import DATE_HINT

MIN_ITEMS = 4  # three lines sharing a dash can be a byline, a dateline and a credit
MAX_ITEM_WORDS = 20
MAX_INTRO_WORDS = 15  # the line between the text and the list ("The 2020 tour dates:")
# A list inside the text: its introducing line has INSIDE_INTRO_WORDS words or more.  On the
# 242 dev dumps, at 3: eleven lists on eight dev-aeb pages of seven publishers add 424 ground-
# truth words and 9 others; on dev-fundus one list (43 words) the ground truth leaves out.
INSIDE_INTRO_WORDS = 3
MAX_INSIDE_ITEMS = 30
_DIGITS = re.compile(r"\d+")
_PLAIN_WORD = re.compile(r"^[^\W\d_]+[.,;]?$")


def list_below(
    lines: Sequence[Line], start: int, end: int
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Return the indices of the introducing line and of the items of a list that follows
    the body region's last paragraph (``start``..``end``: a short item that reads as prose
    may already close the region); ((), ()) when no introduced list follows the text.

    The list is introduced by a short line of its own that is no item ("Tour dates",
    "Qualified teams").  A list straight below a paragraph is left out: on the dev dumps a
    shop's product list (one the paragraph introduces with ":", which the ground truth
    leaves out) and a "related guides" list.
    """
    anchor = _last_paragraph(lines, start, end)
    following = [line for line in lines[anchor + 1 :] if line.text]
    if following and _clean(following[0], MAX_INTRO_WORDS):
        run = _template_run(following[1:])
        # An introducing line is no item: one that fits the template opens the list.
        if len(run) >= MIN_ITEMS and len(_template_run(following)) <= len(run):
            return (following[0].index,), _indices(run)
    return (), ()


def list_inside(lines: Sequence[Line], start: int, end: int) -> tuple[int, ...]:
    """Return the indices of the introducing lines and items of the lists inside the body
    region: a clean line ending in ":" then clean short lines (at least two), then a paragraph
    of the region."""
    region = [line for line in lines[start : end + 1] if line.text]
    found: list[int] = []
    for k, intro in enumerate(region):
        if not intro.text.endswith(":") or intro.words < INSIDE_INTRO_WORDS:
            continue
        if not _clean(intro, MAX_ITEM_WORDS if not intro.prose else intro.words):
            continue
        run: list[Line] = []
        for line in region[k + 1 :]:
            if line.prose or not _clean(line, MAX_ITEM_WORDS) or len(run) > MAX_INSIDE_ITEMS:
                break
            if DATE_HINT.search(line.text):  # a video or teaser box: "14 hours ago", "1:30"
                run = []
                break
            run.append(line)
        closed = k + 1 + len(run) < len(region) and region[k + 1 + len(run)].prose
        if len(run) >= 2 and closed:
            found.extend([intro.index, *_indices(run)])
    return tuple(found)


def _last_paragraph(lines: Sequence[Line], start: int, end: int) -> int:
    """Return the region's last paragraph longer than a list item (else its end)."""
    for line in reversed(lines[start : end + 1]):
        if line.prose and line.words > MAX_ITEM_WORDS:
            return line.index
    return end


def _indices(run: Sequence[Line]) -> tuple[int, ...]:
    return tuple(line.index for line in run)


def _template_run(lines: Sequence[Line]) -> list[Line]:
    """Return the longest run from the first line whose lines share a template token."""
    run: list[Line] = []
    shared: set[str] | None = None
    for line in lines:
        if not _clean(line, MAX_ITEM_WORDS) or DATE_HINT.search(line.text):
            break
        tokens = _template_tokens(line.text)
        common = tokens if shared is None else shared & tokens
        if not common:
            break
        run.append(line)
        shared = common
    return run


def _template_tokens(text: str) -> set[str]:
    """Return a line's tokens that can carry a template: not plain words, digits as "0"."""
    return {_DIGITS.sub("0", t) for t in text.split() if not _PLAIN_WORD.match(t)}


def _clean(line: Line, max_words: float) -> bool:
    return not line.furniture and not line.learned and line.repeats <= 1 and line.words <= max_words
