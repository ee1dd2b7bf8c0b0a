"""Normalise extracted blocks: length in words, furniture paragraphs (text: ``briefing.text``)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from briefing.generic.boilerplate import furniture_reason
from briefing.generic.dates import parse_line
from briefing.generic.patterns import CJK
from briefing.model import Block
from briefing.text import clean_text

CJK_CHARS_PER_WORD = 2.0  # one English word carries about as much as two Han/kana characters
# A block this short that is a date with a clock time is a dateline (the article's, shown
# between its paragraphs, or a widget's), not text: "Freitag, 28.04.2023, 19:25",
# "2025年1月14日 01時28分 (1月14日 01時40分更新)".  A date alone ("June 20, 1990:") can
# label a list of events, and stays.  On the 242 dev HTML pages (after trafilatura, the tail
# rule and the furniture rules) five blocks of five publishers have this shape, none in a
# ground truth; one date without a time is, and stays.  Publisher halves (--sweep, 0 to 16):
# A has no such block (0.978 at every value), B 0.973 at 0 and 0.975 from 4 on; dev-aeb's
# Portuguese datelines have seven words.
DATELINE_MAX_WORDS = 8
_CLOCK = re.compile(r"\d{1,2}\s*[:h時]\s*\d{2}")


def word_count(text: str) -> float:
    """Return the length of ``text`` in words, counting CJK characters at two to a word."""
    cjk = len(CJK.findall(text))
    if cjk * 2 > len(text):
        return cjk / CJK_CHARS_PER_WORD + len(text.split()) - 1
    return float(len(text.split()))


def clean_blocks(
    found: Iterable[tuple[Block, str]], title: str | None
) -> tuple[tuple[str, ...], tuple[Block, ...]]:
    """Return the texts and kinds of the blocks left after dropping empty ones, a repeat of
    the title and furniture (sign-up boxes, credits)."""
    head = _key(title) if title else None
    texts: list[str] = []
    kinds: list[Block] = []
    for kind, raw in found:
        text = clean_text(raw)
        if not text or _key(text) == head:
            continue
        words = word_count(text)
        if furniture_reason(text, int(words), in_article=True) or _dateline(text, words):
            continue
        texts.append(text)
        kinds.append(kind)
    return tuple(texts), tuple(kinds)


def _dateline(text: str, words: float) -> bool:
    """Return whether a block is only a dateline: short, a clock time, a date read in it."""
    if words > DATELINE_MAX_WORDS or text.endswith(".") or not _CLOCK.search(text):
        return False
    return parse_line(text, None, None) is not None


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip(" -–—")
