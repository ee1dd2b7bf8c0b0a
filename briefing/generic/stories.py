"""Where other dated pieces begin below the article in a dump: a second story, a teaser list,
a comment thread.

A front page or an endless-scroll page runs the next story straight after the first
("Publisert 06.01.2026 - 16:25" under the next headline), a teaser list dates each teaser
("Heute, 07:09 Uhr"), a comment thread stamps each comment ("2 days ago at 07:52 am"): the
body region, a run of prose, takes them in.  Structural evidence, no phrase list, digits
aside (a line's *form* is its text with every number written "0"):

- the article's own dateline (the line its date was read from) recurs further down in its
  form with other digits, after body text of its own: a second story;
- or one dateline form is stamped on ``MIN_STAMPS`` or more different lines inside the
  body, after body text: a dated list (comments, teasers).

The body ends above the first such line, and above the opening of the piece it dates (up to
``LEDE_LINES`` body lines right above it, set off from the text by ``GAP_LINES`` or more
lines the body left out: a share bar, tags, a headline).  The article's dateline repeated
verbatim ("Stand: ..." above and below the text) is no new story.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from briefing.generic.lines import Line
from briefing.generic.titles import is_dateline

# On the 242 dev dumps the article's own form recurs on four pages of three publishers (a
# second story, a dated teaser list, two comment threads), a stamp run on three pages of
# three publishers (two comment threads, a teaser list; two of them not found by the first
# test), and no body line below either is in a ground truth.  Two stamps are too few: a
# video's "Duration 2:14" and "1:30 min" recur in article text.  The constants' sweeps by
# publisher halves: bench/results/eval_extract.md, fifth shift.
MIN_STAMPS = 3
GAP_LINES = 3
LEDE_LINES = 3
_DIGITS = re.compile(r"\d+")


def next_story(lines: Sequence[Line], body: Sequence[int], date_line: int | None) -> int | None:
    """Return the first line of the dated pieces below the article (the opening of the first
    of them, else its dateline), or None when no dateline marks one."""
    inside = frozenset(body)  # asked once a line: a set, not the sequence
    starts = (_own_form_again(lines, inside, date_line), _stamps(lines, body, inside))
    found = [s for s in starts if s]
    return _opening(lines, body, min(found)) if found else None


def _form(text: str) -> str:
    return _DIGITS.sub("0", text)


def _own_form_again(
    lines: Sequence[Line], body: frozenset[int], date_line: int | None
) -> int | None:
    """Return where the article's dateline recurs in its form below its text, or None."""
    if date_line is None:
        return None
    own = lines[date_line].text
    form = _form(own)
    text_below = False
    for line in lines[date_line + 1 :]:
        if line.index in body and line.prose:
            text_below = True
        elif text_below and line.text != own and _form(line.text) == form:
            return line.index
    return None


def _stamps(lines: Sequence[Line], body: Sequence[int], inside: frozenset[int]) -> int | None:
    """Return the first line of a run of ``MIN_STAMPS`` or more datelines of one form inside
    the body, below body text, or None."""
    if not body:
        return None
    texts: dict[str, set[str]] = defaultdict(set)
    first: dict[str, int] = {}
    text_above = False
    for line in lines[body[0] : body[-1] + 1]:
        if line.index in inside and line.prose:
            text_above = True
        elif text_above and is_dateline(line):
            form = _form(line.text)
            texts[form].add(line.text)
            first.setdefault(form, line.index)
    runs = [first[form] for form, seen in texts.items() if len(seen) >= MIN_STAMPS]
    return min(runs) if runs else None


def _opening(lines: Sequence[Line], body: Sequence[int], dated: int) -> int:
    """Return where the piece dated at ``dated`` opens: above the few body lines that sit
    right above its dateline when a gap of left-out lines separates them from the text."""
    above = [i for i in body if i < dated]
    lede: list[int] = []
    for i in reversed(above):
        if lede and sum(1 for o in lines[i + 1 : lede[-1]] if o.text) >= GAP_LINES:
            return lede[-1]
        if len(lede) == LEDE_LINES:
            break
        lede.append(i)
    return dated
