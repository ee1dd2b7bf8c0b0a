"""Pick the headline of a dump: the headline-like line just above the article text.

Each candidate above the body start gets a score from plain features (length, a dateline or
byline right below it, shown twice, sentence-like or caption-like); the best one wins.
"""

from __future__ import annotations

import re

from briefing.generic.lines import Line
from briefing.generic.patterns import CAPTION_CUE, DATE_HINT

TITLE_WINDOW = 45  # lines above the body start searched for the headline
TITLE_LOOKAHEAD = 3  # the region may swallow the headline when it reads like prose
TITLE_MIN_WORDS = 2.0
TITLE_MAX_WORDS = 40.0
DATELINE_BELOW = 7  # a headline's dateline/byline sits within this many lines below it
# Score weights, tuned on dev-fundus dumps (the only set with titles): the dateline below the
# headline and a headline shown twice are the strongest signals; distance breaks ties.
DATELINE_BONUS = 2.5
REPEAT_BONUS = 1.5
CONTAINED_BONUS = 1.0
DISTANCE_COST = 0.03
SENTENCE_COST = 2.0
CAPTION_COST = 3.0
SHORT_COST = 1.5  # under 4 words: a section label or a button, rarely a headline
STANDFIRST_BONUS = 1.5  # the next line is a longer standfirst or lead: headline sits on top
STANDFIRST_MIN_WORDS = 8
_INNER_STOP = re.compile(r"\w{3}\. \w")  # two sentences: a caption or a teaser, not a headline
_KICKER_SEP = re.compile(r"\s*[:|]\s*$")


def find_title(lines: list[Line], start: int) -> int | None:
    """Return the index of the headline line above the body start, or None."""
    low = max(0, start - TITLE_WINDOW)
    high = min(len(lines), start + TITLE_LOOKAHEAD)
    candidates = [line for line in lines[low:high] if _eligible(line)]
    if not candidates:
        return None
    texts = [line.text for line in lines[low:high] if line.text]
    best = max(candidates, key=lambda line: _score(lines, line, start, texts))
    return best.index


def with_kicker(lines: list[Line], title: int) -> str:
    """Return the title, or "Kicker: Title" when a nearby line shows it with its kicker."""
    text = lines[title].text
    for line in lines[max(0, title - TITLE_WINDOW) : title + TITLE_WINDOW]:
        head = line.text[: -len(text)] if line.text.endswith(text) else ""
        if head and _KICKER_SEP.search(head) and len(head.split()) <= 8:
            return line.text
    return text


def _eligible(line: Line) -> bool:
    return (
        bool(line.text)
        and TITLE_MIN_WORDS <= line.words <= TITLE_MAX_WORDS
        and not line.furniture
        and not line.learned
        and not line.text.endswith((":", ","))
    )


def _score(lines: list[Line], line: Line, start: int, texts: list[str]) -> float:
    score = 0.0 if line.words >= 4 else -SHORT_COST
    if line.repeats > 1:
        score += REPEAT_BONUS
    elif any(line.text in other and other != line.text for other in texts):
        score += CONTAINED_BONUS
    if line.words >= 5 and _standfirst_below(lines, line):
        score += STANDFIRST_BONUS
    if _dateline_below(lines, line.index):
        score += DATELINE_BONUS
    score -= DISTANCE_COST * abs(start - line.index)
    if line.text.endswith(".") and not line.text.endswith(".."):
        score -= SENTENCE_COST
    if _INNER_STOP.search(line.text) or (line.prose and line.index > start):
        score -= SENTENCE_COST
    if CAPTION_CUE.search(line.text):
        score -= CAPTION_COST
    return score


def _standfirst_below(lines: list[Line], line: Line) -> bool:
    for below in lines[line.index + 1 : line.index + 3]:
        if below.text:
            return (
                below.words >= max(STANDFIRST_MIN_WORDS, line.words)
                and not below.furniture
                and not CAPTION_CUE.search(below.text)
            )
    return False


def _dateline_below(lines: list[Line], i: int) -> bool:
    for line in lines[i + 1 : i + 1 + DATELINE_BELOW]:
        if line.text and not line.prose and line.words <= 12 and DATE_HINT.search(line.text):
            return True
    return False
