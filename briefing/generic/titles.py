"""Pick the headline of a dump: the headline-like line just above the article text.

Each candidate above the body start gets a score from plain features (length, a dateline or
byline right below it, shown twice, sentence-like or caption-like); the best one wins.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from briefing.generic.lines import Line
from briefing.generic.patterns import CAPTION_CUE, CJK, DATE_HINT

TITLE_WINDOW = 45  # lines above the body start searched for the headline
TITLE_LOOKAHEAD = 1  # the body's first line itself may be the headline (read as prose)
TITLE_MIN_WORDS = 2.0
TITLE_MAX_WORDS = 40.0
DATELINE_BELOW = 7  # a headline's dateline/byline sits within this many lines below it
# Score weights, tuned on dev-fundus dumps (the only set with titles): the dateline below the
# headline and a headline shown twice are the strongest signals; distance breaks ties.
DATELINE_BONUS = 2.5
REPEAT_BONUS = 0.5
CONTAINED_BONUS = 1.0
DISTANCE_COST = 0.03
SENTENCE_COST = 2.0
CAPTION_COST = 5.0
# Headlines share their words with the article; menu entries, author lines and teasers for
# other stories do not.  Weight tuned on dev-fundus dumps (2 to 4 all help; 3 best).
TOPIC_WEIGHT = 3.0
TOPIC_FULL_WORDS = 4  # content words a line needs for its topic share to count in full
MIN_TOPIC_LETTERS = 4  # shorter words are function words in most Latin-script languages
NAMES_COST = 2.0
STACK_LINES = 3
STACK_MARGIN = 0.5
SHORT_COST = 3.0  # under 4 words: a section label or a button, rarely a headline
STANDFIRST_BONUS = 1.5  # the next line is a longer standfirst or lead: headline sits on top
STANDFIRST_MIN_WORDS = 8
# Five or more words, every one capitalised: a menu row or a list of authors.  Headlines, even
# in title case, keep some lowercase words ("for the", "in", "und").
_LIST_OF_NAMES = re.compile(r"^(?:[A-Z0-9&][^\s]*\s+){4,}[A-Z0-9&][^\s]*$")
_WORD = re.compile(r"\w+")
_INNER_STOP = re.compile(r"\w{3}\. \w")  # two sentences: a caption or a teaser, not a headline
_KICKER_SEP = re.compile(r"\s*[:|]\s*$")


@dataclass(frozen=True)
class _Page:
    lines: list[Line]
    start: int
    texts: list[str]  # the non-empty lines of the search window
    body: list[tuple[int, frozenset[str]]]  # the article's lines and their words


def find_title(lines: list[Line], start: int, body: Sequence[int] = ()) -> int | None:
    """Return the index of the headline line above the body start, or None."""
    low = max(0, start - TITLE_WINDOW)
    high = min(len(lines), start + TITLE_LOOKAHEAD)
    candidates = [line for line in lines[low:high] if _eligible(line)]
    if not candidates:
        return None
    words = [(i, frozenset(_words(lines[i].text))) for i in body]
    page = _Page(lines, start, [line.text for line in lines[low:high] if line.text], words)
    scores = {line.index: _score(page, line) for line in candidates}
    best = max(scores, key=lambda i: scores[i])
    # Headline and standfirst look alike and sit together: of two close scores the upper
    # line is the headline.
    above = [i for i in scores if best - STACK_LINES <= i < best]
    return min((i for i in above if scores[i] >= scores[best] - STACK_MARGIN), default=best)


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


def _score(page: _Page, line: Line) -> float:
    lines, start, texts = page.lines, page.start, page.texts
    score = 0.0 if line.words >= 4 else -SHORT_COST
    score += TOPIC_WEIGHT * _topic_share(line, page.body)
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
    if _INNER_STOP.search(line.text) or (line.prose and line.index >= start):
        score -= SENTENCE_COST
    if CAPTION_CUE.search(line.text):
        score -= CAPTION_COST
    if _LIST_OF_NAMES.match(line.text):
        score -= NAMES_COST
    return score


def _topic_share(line: Line, body: list[tuple[int, frozenset[str]]]) -> float:
    """Return the share of the line's words that the body text below it uses too."""
    words = set(_words(line.text))
    if not words:
        return 0.0
    below = frozenset().union(*(w for i, w in body if i > line.index))
    # "About us" shares its one word with many texts: short lines earn only part of the share.
    return len(words & below) / len(words) * min(1.0, len(words) / TOPIC_FULL_WORDS)


def _words(text: str) -> list[str]:
    """Return the content words of ``text``: lowercase, 4+ letters, or CJK character pairs."""
    text = text.casefold()
    if CJK.search(text):
        chars = [ch for ch in text if CJK.match(ch)]
        return [a + b for a, b in pairwise(chars)]
    return [w for w in _WORD.findall(text) if len(w) >= MIN_TOPIC_LETTERS]


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
