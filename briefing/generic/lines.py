"""Per-line features of a text dump: length, prose-likeness, furniture, repeats."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from briefing.generic.boilerplate import NOTICE, furniture_reason, notice_phrases
from briefing.generic.clean import word_count
from briefing.generic.patterns import CREDIT_END, CREDIT_LINE, SENTENCE_END
from briefing.generic.teasers import cut_runs, glued_lines
from briefing.text import clean_text

# Measured on dev-fundus/dev-aeb dumps: body paragraphs are >= 10 words and end a sentence
# (97% of ground-truth paragraphs), menu entries and headlines of teasers are shorter or
# unpunctuated; a line of >= 25 words is prose even without a final stop.
PROSE_WORDS = 10
LONG_WORDS = 25
# A sentence with one notice word ("cookies", "copyright") is text when this many clean
# paragraphs sit on either side of it.  On the 242 dev dumps: with 1, four lines pass, one of
# them article text (the others a supplement disclaimer twice and a consent form); with 2,
# none (every dev figure unchanged).
TEXT_AROUND = 2
# A photo caption reads as prose; the credit on the line below gives it away ("Photo: Hau
# Dinh, AP", "(Image credit: ...)", ".../Getty Images").  A paragraph of the text above the
# next photo's credit is longer.  On the 242 dev dumps, at 50 words: 41 lines on 21 pages, 3
# of them in a ground truth (a standfirst, a 12- and a 21-word paragraph).
# Publisher halves (--sweep 0 to 60): A ties at 0-50 (.967; .965 at 60), B .9526 at 0, .9534
# at 40-50, .9525 at 60; dev-aeb .942 at 0, .9435 at 50.
CAPTION_WORDS = 50
CREDIT_WORDS = 10


@dataclass(frozen=True)
class Line:
    """One stripped line of a dump and what it looks like."""

    index: int  # 0-based
    text: str
    words: float
    prose: bool
    furniture: str | None  # reason, when the line is menu, footer, credit...
    learned: bool  # in the source's learned boilerplate
    repeats: int  # occurrences of the same text in this dump


def analyse(text: str, boilerplate: frozenset[str]) -> list[Line]:
    """Split a dump into lines and compute each line's features."""
    stripped = [clean_text(raw) for raw in text.split("\n")]
    counts = Counter(s for s in stripped if s)
    out = []
    for i, s in enumerate(stripped):
        words = word_count(s) if s else 0.0
        furniture = furniture_reason(s, int(words)) if s else None
        learned = s in boilerplate
        prose = (
            not furniture
            and not learned
            and (words >= LONG_WORDS or (words >= PROSE_WORDS and bool(SENTENCE_END.search(s))))
        )
        out.append(Line(i, s, words, prose, furniture, learned, counts[s] if s else 0))
    out = _teasers(out, glued_lines(stripped), TEASER)
    out = _teasers(out, cut_runs(stripped), CUT_TEASER)
    out = [_sentence_in_text(out, line) for line in out]
    return _captions(out)


TEASER = "related-article teaser (headline glued to its lede)"
CUT_TEASER = "related-article teaser (a lede cut short, in a run of them)"


def _teasers(lines: list[Line], found: frozenset[int], reason: str) -> list[Line]:
    """Return the lines with each teaser line ``found`` marked as furniture (see ``teasers``)."""
    return [replace(o, prose=False, furniture=reason) if o.index in found else o for o in lines]


def _sentence_in_text(lines: list[Line], line: Line) -> Line:
    """Return the line as text when one notice phrase is all that made it furniture and it is
    a sentence amid the text: two clean paragraphs on either side ("Cookies and coffee were
    served ...").  A consent notice or a footer sits at the edge of the text, next to other
    furniture; a line with "©" is a credit."""
    text = line.text
    if line.furniture != NOTICE or notice_phrases(text) != 1 or line.learned or "©" in text:
        return line
    if line.words < PROSE_WORDS or not SENTENCE_END.search(text):
        return line
    before = [o for o in reversed(lines[: line.index]) if o.text][:TEXT_AROUND]
    after = [o for o in lines[line.index + 1 :] if o.text][:TEXT_AROUND]
    around = [*before, *after]
    if len(around) < 2 * TEXT_AROUND or not all(o.prose and not o.furniture for o in around):
        return line
    return replace(line, furniture=None, prose=True)


CAPTION = "photo caption (above its credit)"
CREDIT = "photo credit (below its caption)"


def _captions(lines: list[Line]) -> list[Line]:
    """Return the lines with each photo caption and its credit marked as such: a short
    paragraph whose next other line is a photo credit ("Photo: Hau Dinh, AP"), or that
    closes with its credit in brackets ("... (Joshua Roberts/Reuters)"); a caption shown
    twice is read past.  Both sit in the text: the body search looks past them."""
    marks: dict[int, str] = {}
    for line in lines:
        if not line.prose or line.words > CAPTION_WORDS:
            continue
        if CREDIT_END.search(line.text):
            marks[line.index] = CAPTION
            continue
        below = _next_other(lines, line)
        if below is not None and _cut_short(line.text, below.text):
            marks[line.index] = marks[below.index] = CAPTION  # a caption with "more" / "less"
            continue
        if below is None or below.prose or below.words > CREDIT_WORDS:
            continue
        if CREDIT_LINE.search(below.text):
            marks[line.index] = CAPTION
            marks[below.index] = CREDIT
    return [
        replace(o, prose=False, furniture=marks[o.index]) if o.index in marks else o for o in lines
    ]


def _next_other(lines: list[Line], line: Line) -> Line | None:
    """Return the next line with another text than ``line`` (a caption shown twice)."""
    j = line.index + 1
    while j < len(lines) and (not lines[j].text or lines[j].text == line.text):
        j += 1
    return lines[j] if j < len(lines) else None


# A box shown whole and, on the next line, cut short for a "more" button: "... nation. less"
# over "... nation ... more".  The cut copy keeps at least CUT_SHORT_CHARS of the text.
CUT_SHORT_CHARS = 40
_CUT = re.compile(r"^(?P<head>.+?)\s*(?:\.\.\.|…)\s*[^\W\d_]{0,12}$")


def _cut_short(text: str, other: str) -> bool:
    """Return whether ``other`` is ``text`` cut short with an ellipsis (and a button word)."""
    cut = _CUT.match(other)
    if cut is None or len(cut.group("head")) < CUT_SHORT_CHARS:
        return False
    head = cut.group("head")
    return len(text) > len(head) + 3 and text.startswith(head)
