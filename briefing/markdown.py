"""Plain scraped text to Markdown that renders as exactly that text (no markup from the source)."""

from __future__ import annotations

import re

from briefing.model import Block

# Characters that start Markdown constructs anywhere in a line.  Escaping ASCII punctuation
# with a backslash is always valid CommonMark, so the text renders back unchanged.
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
# Entity references (&amp; &#38;) would be decoded: escape the ampersand that starts one.
_ENTITY = re.compile(r"&(?=#?\w+;)")
# Constructs recognised only at the start of a line: headings, quotes, lists, rules, fences.
_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+[.)])")


def escape_paragraph(text: str) -> str:
    """Escape one plain-text paragraph so markdown-it renders it as literal text."""
    lines = []
    for line in text.split("\n"):
        line = _ENTITY.sub(r"\\&", _INLINE.sub(r"\\\1", line))
        line = _LINE_START.sub(lambda m: m.group(1) + _escape_marker(m.group(2)), line)
        lines.append(line)
    return "\n".join(lines)


def _escape_marker(marker: str) -> str:
    if marker[-1] in ".)":  # ordered-list marker "12." -> "12\."
        return marker[:-1] + "\\" + marker[-1]
    return "\\" + marker


def paragraphs_to_markdown(
    paragraphs: tuple[str, ...] | list[str], blocks: tuple[Block, ...] | list[Block] = ()
) -> str:
    """Join plain-text paragraphs into a Markdown body, one blank line between them.

    ``blocks`` says what each paragraph is (missing entries are "p"): sub-headings become
    ``##`` headings and consecutive list items one list; the text stays escaped throughout.
    """
    parts: list[str] = []
    previous: Block = "p"
    for i, raw in enumerate(paragraphs):
        text = " ".join(raw.split()) if i < len(blocks) and blocks[i] != "p" else raw.strip()
        if not text:
            continue
        kind: Block = blocks[i] if i < len(blocks) else "p"
        line = _MARKERS[kind] + escape_paragraph(text)
        if kind in ("ul", "ol") and kind == previous and parts:
            parts[-1] += "\n" + line  # the next item of the same list
        else:
            parts.append(line)
        previous = kind
    return "\n\n".join(parts)


_MARKERS: dict[Block, str] = {
    "p": "",
    "h2": "## ",
    "h3": "### ",
    "h4": "#### ",
    "ul": "- ",
    "ol": "1. ",
}


# Any backslash-escaped ASCII punctuation: exactly what escape_paragraph adds (CommonMark).
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def plain_text(markdown: str) -> str:
    """Return the text of a body written by ``paragraphs_to_markdown`` (escapes removed)."""
    return _ESCAPED.sub(r"\1", markdown)
