"""Per-line features of a text dump: length, prose-likeness, furniture, repeats."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from briefing.generic.boilerplate import furniture_reason
from briefing.generic.clean import word_count
from briefing.generic.patterns import SENTENCE_END
from briefing.text import clean_text

# Measured on dev-fundus/dev-aeb dumps: body paragraphs are >= 10 words and end a sentence
# (97% of ground-truth paragraphs), menu entries and headlines of teasers are shorter or
# unpunctuated; a line of >= 25 words is prose even without a final stop.
PROSE_WORDS = 10
LONG_WORDS = 25


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
    return out
