"""Plain text: invisible characters and whitespace (``clean_text``), and the text of HTML.

``element_text`` is the one HTML-to-text of the project: the HTML extractor's headlines and
body blocks (lxml elements of the page or of trafilatura's XML) and the offline search index
(``html_text`` over Pelican's rendered article) all read text through it.
"""

from __future__ import annotations

import re
from typing import Any

import lxml.html

# Soft hyphens and zero-width characters split words for the tokenizer and for search.
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
# Elements whose start and end separate words: HTML's blocks and line breaks, and the blocks
# of trafilatura's XML (``lb`` is its line break, ``head`` a heading, ``item`` a list item).
BREAKS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt"),
        *("figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header"),
        *("hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr"),
        *("ul", "lb", "head", "item", "list", "quote", "row", "cell"),
    }
)
# Elements whose content is not text a reader sees.
SILENT = frozenset({"script", "style", "template", "noscript"})


def clean_text(text: str) -> str:
    """Return ``text`` without invisible characters, whitespace collapsed."""
    return " ".join(_INVISIBLE.sub("", text).split())


def element_text(node: Any) -> str:
    """Return the text of an lxml element: a space where a block or line break starts or ends,
    no comments or scripts, cleaned by :func:`clean_text` (entities are decoded by the parser).

    (lxml ships no type stubs: the element is Any here.)
    """
    parts: list[str] = []
    _gather(node, parts)
    return clean_text("".join(parts))


def html_text(html: str) -> str:
    """Return the plain text of an HTML fragment (see :func:`element_text`)."""
    if not html.strip():
        return ""
    return element_text(lxml.html.fragment_fromstring(html, create_parent="div"))


def _gather(node: Any, parts: list[str]) -> None:
    """Append the text inside ``node`` (not its tail) to ``parts``."""
    tag = node.tag.lower() if isinstance(node.tag, str) else None
    if tag is None or tag in SILENT:  # a comment or processing instruction, or a script
        return
    spaced = tag in BREAKS
    if spaced:
        parts.append(" ")
    parts.append(node.text or "")
    for child in node:
        _gather(child, parts)
        parts.append(child.tail or "")
    if spaced:
        parts.append(" ")
