"""Normalise extracted blocks: length in words, furniture paragraphs (text: ``briefing.text``)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from briefing.generic.boilerplate import furniture_reason
from briefing.generic.patterns import CJK
from briefing.model import Block
from briefing.text import clean_text

CJK_CHARS_PER_WORD = 2.0  # one English word carries about as much as two Han/kana characters


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
        if furniture_reason(text, int(word_count(text)), in_article=True):
            continue
        texts.append(text)
        kinds.append(kind)
    return tuple(texts), tuple(kinds)


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip(" -–—")
