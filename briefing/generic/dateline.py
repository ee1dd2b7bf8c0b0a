"""The dateline of a text dump: the most dateline-like date near the headline or body start.

Candidates are the short lines around the anchor (dateline-like, not a photo caption, a media
label or an embedded post), parsed by ``briefing.generic.dates`` with the page's own day/month
order; the best by cue, clock time, shortness and distance wins.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from briefing.generic import dates
from briefing.generic.bylines import opens_with_label
from briefing.generic.lines import Line
from briefing.generic.patterns import (
    CAPTION_LINE,
    DATE_CUE,
    DATE_HINT,
    DATELINE_WORDS,
    NOT_ARTICLE_DATE,
)
from briefing.generic.titles import TITLE_WINDOW, is_dateline, list_stamps, shape

DATE_WINDOW_BEFORE = 12  # lines above the title/body start searched for the dateline
DATE_WINDOW_AFTER = 15  # lines after it
MAX_DATE_PARSES = 6  # dates parsed near the title before the best is chosen (~1 ms each)
# A dateline with a clock time or a cue word ("Published", "Stand") beats a bare date a few
# lines closer (dev-fundus: bare dates near the headline are often teaser or edition dates).
# Publisher halves (bench/cv_extract.py --sweep) pick the same DATE_TIME_BONUS (0 to 2) and
# DATE_DISTANCE_COST (0.05 to 0.4) on either half of dev-fundus.
DATE_TIME_BONUS = 1.0
DATE_CUE_BONUS = 1.0
# An update stamp ("Actualizado el 25/05/2025 21:57 h") is no publication cue: it earns no
# cue bonus and costs UPDATE_COST, so the bare publication date next to it wins.
UPDATE_COST = 1.0
DATE_DISTANCE_COST = 0.1
DATE_SHORT_BONUS = 1.0  # a line that is nothing but the date is a dateline, not a sentence
DATE_SHORT_WORDS = 6
CLOCK_NEXT_TO_DATE = 2  # lines between a dateline's day and its bare clock time
UPDATE_NEXT_TO_DATE = 2  # lines between a publication line and its "Updated ..." line
_FIRST_SENTENCE = re.compile(r"(?<=[.!?])\s+")
# A copyright sign or word marks a photo credit or a footer, whose date is never the
# article's.  On the 242 dev dumps it takes one dateline away: a photo credit's
# ("© ... on May 18, 2018.", dev-aeb: a wrong day became "Undated"); every other date equal.
_COPYRIGHT = re.compile(r"©|\(c\)\s|\bcopyright\b", re.IGNORECASE)


def find_date(
    lines: list[Line], anchor: int, start: int, lang: str | None, base: datetime | None
) -> dates.FoundDate | None:
    """Return the most dateline-like date between/around two lines (the title, the body).

    Called first with the title and the body start, then (no date there) with the body's
    start and end: some pages put the dateline below the lead or at the article's end.
    """
    low = max(0, min(anchor, start) - DATE_WINDOW_BEFORE)
    high = min(len(lines), max(anchor, start) + DATE_WINDOW_AFTER)
    nearby = sorted(range(low, high), key=lambda i: _distance(i, anchor))
    order = dates.page_order([line.text for line in lines if line.text])
    # A dated list's stamps above the headline ("11/13/19 9:00AM" under each of a writer's
    # recent posts) date its teasers, not the article: on dev-aeb one wrong day becomes
    # "Undated".  Looked for down to the body's end, a comment thread's stamps also left two
    # dumps Undated that the first comment's day had dated right (and the article's own
    # dateline, in the comments' form, went with them): above the headline only.
    stamps = list_stamps(lines[max(0, anchor - TITLE_WINDOW) : anchor])
    found: list[dates.FoundDate] = []
    for i in nearby:
        if len(found) >= MAX_DATE_PARSES:
            break
        line = lines[i]
        text = _dateline_text(line)
        if text is None or (is_dateline(line) and shape(line.text) in stamps):
            continue
        hit = dates.parse_line(text, lang, base, order)
        if hit is not None:
            found.append(replace(hit, line=i, words=line.words))
    dated = [f for f in found if not f.clock_only]
    if not dated:
        return max(found, key=lambda f: _date_score(f, anchor)) if found else None
    best = max(dated, key=lambda f: _date_score(f, anchor))
    return _with_update(_with_clock(best, [f for f in found if f.clock_only]), dated)


def _with_update(found: dates.FoundDate, dated: list[dates.FoundDate]) -> dates.FoundDate:
    """Give the publication date the update stamp on a line right next to it as ``modified``.

    "Published 18 Nov 2024 9:26pm" above "Updated 19 Nov 2024 10:00am" are one dateline;
    an update stamp the publication's own line carries is already there.
    """
    if found.modified is not None or found.updated:
        return found
    for stamp in dated:
        if stamp.updated and 0 < abs(stamp.line - found.line) <= UPDATE_NEXT_TO_DATE:
            return replace(found, modified=stamp.value)
    return found


def _with_clock(found: dates.FoundDate, clocks: list[dates.FoundDate]) -> dates.FoundDate:
    """Give a date without a time the bare clock time on a line right next to it.

    "28 November 2025" above "03:26 pm" are two parts of one dateline; a bare time alone
    dates the article only when no line near the headline names a day.
    """
    if found.has_time:
        return found
    for clock in clocks:
        if abs(clock.line - found.line) <= CLOCK_NEXT_TO_DATE:
            value = found.value.replace(hour=clock.value.hour, minute=clock.value.minute)
            return replace(found, value=value, has_time=True)
    return found


def _dateline_text(line: Line) -> str | None:
    """Return the part of a line that may be a dateline: the short line itself, or the
    byline sentence opening a long one ("Von X am 21/02/2021. Abgelegt unter ...": a blog
    footer's byline, date and filing in one paragraph)."""
    if not line.text:
        return None
    if _dateline_like(line):
        return line.text
    first = _FIRST_SENTENCE.split(line.text, maxsplit=1)[0]
    if len(first.split()) <= DATELINE_WORDS and opens_with_label(first) and DATE_HINT.search(first):
        return first
    return None


def _dateline_like(line: Line) -> bool:
    text = line.text
    if not DATE_HINT.search(text) or NOT_ARTICLE_DATE.search(text) or CAPTION_LINE.search(text):
        return False  # a caption's, an embedded post's or a player's date is not the article's
    if _COPYRIGHT.search(text):
        return False  # a photo credit or a footer ("© Jane Doe ... on May 18, 2018.")
    if line.words <= DATELINE_WORDS:
        return True
    # A byline with section and date runs longer but ends without a full stop.
    cued = bool(DATE_CUE.search(line.text))
    return (cued or not line.prose) and line.words <= dates.MAX_DATELINE_WORDS


def _distance(i: int, anchor: int) -> int:
    # Datelines sit below the headline far more often than above it: lines above cost double.
    return i - anchor if i >= anchor else 2 * (anchor - i)


def _date_score(found: dates.FoundDate, anchor: int) -> float:
    score = DATE_TIME_BONUS * found.has_time + DATE_CUE_BONUS * (found.cue and not found.updated)
    score -= UPDATE_COST * found.updated
    score += DATE_SHORT_BONUS * (found.words <= DATE_SHORT_WORDS)
    return score - DATE_DISTANCE_COST * _distance(found.line, anchor)
