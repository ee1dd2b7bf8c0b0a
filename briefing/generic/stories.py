"""Where a second story begins below the article in a dump: its dateline in the article's form.

A front page or an endless-scroll page runs the next story straight after the first
("Publisert 06.01.2026 - 16:25" under the next headline), a teaser list dates each teaser,
a comment thread stamps each comment ("August 8, 2018 at 7:07 pm"): the body region, a run
of prose, takes them in.  Structural evidence, no phrase list: the article's own dateline
(the line its date was read from) recurs further down with other digits in the same form
(digits aside, the same text), after body text of its own.  The body ends above the second
story: above the recurrence, and above the next story's opening (its lede, up to
``LEDE_LINES`` body lines set off from the text by ``GAP_LINES`` or more lines the body left
out: a share bar, tags, a headline).  The same dateline verbatim ("Stand: ..." printed above
and below the text) is the article's own and is no new story.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefing.generic.lines import Line

# On the 242 dev dumps the recurrence is found on four pages of three publishers (a second
# story, a dated teaser list, two comment threads) and no body line below it is in a ground
# truth.  GAP_LINES and LEDE_LINES: bench/results/eval_extract.md, fifth shift.
GAP_LINES = 3
LEDE_LINES = 3
_DIGITS = re.compile(r"\d+")


def next_story(lines: Sequence[Line], body: Sequence[int], date_line: int | None) -> int | None:
    """Return the first line of a second story below the article (its opening, else its
    dateline), or None when the article's dateline does not recur below its text."""
    if date_line is None:
        return None
    own = lines[date_line].text
    form = _DIGITS.sub("0", own)
    text_below = False
    for line in lines[date_line + 1 :]:
        if line.index in body and line.prose:
            text_below = True
        elif text_below and line.text != own and _DIGITS.sub("0", line.text) == form:
            return _opening(lines, body, line.index)
    return None


def _opening(lines: Sequence[Line], body: Sequence[int], recurrence: int) -> int:
    """Return where the story dated at ``recurrence`` opens: above the few body lines that
    sit right above its dateline when a gap of left-out lines separates them from the text."""
    above = [i for i in body if i < recurrence]
    lede: list[int] = []
    for i in reversed(above):
        if lede and sum(1 for o in lines[i + 1 : lede[-1]] if o.text) >= GAP_LINES:
            return lede[-1]
        if len(lede) == LEDE_LINES:
            break
        lede.append(i)
    return recurrence
