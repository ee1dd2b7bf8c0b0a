"""Generic extraction for text dumps from sources no profile describes (placeholder heuristics)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from briefing.model import Extracted

if TYPE_CHECKING:
    from briefing.extract import ExtractContext

MIN_BODY_WORDS = 12  # a line shorter than this is navigation, a caption or a label


def extract_dump(text: str, ctx: ExtractContext) -> Extracted:
    """Return the paragraphs of long prose lines, in order; the rest is treated as boilerplate."""
    lines = [line.strip() for line in text.split("\n")]
    paragraphs = tuple(
        line
        for line in lines
        if len(line.split()) >= MIN_BODY_WORDS and line not in ctx.boilerplate
    )
    return Extracted(paragraphs=paragraphs, source=ctx.source_hint, source_url=ctx.source_url)
