"""The article body from trafilatura's XML: paragraphs, sub-headings and list items, in order.

trafilatura's flat text loses what each block is (list items come out as "- item" lines and
headings as plain lines); its XML keeps it: ``<p>``, ``<head rend="h2">``, ``<list rend="ol">``
with ``<item>``, ``<quote>``, ``<table>`` with ``<row>`` and ``<cell>``.  Text is taken with
``briefing.text.element_text`` (inline ``<hi>`` and ``<ref>`` flattened, a space for ``<lb>``)
and stays plain text: the Markdown writer escapes it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from briefing.model import Block
from briefing.text import clean_text, element_text

_HEADINGS: dict[str, Block] = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h4", "h5": "h4"}
_CONTAINERS = frozenset({"div", "body", "main", "section", "article", "doc"})


def blocks(body: Any) -> list[tuple[Block, str]]:
    """Return the (kind, text) blocks of trafilatura's ``<body>`` element, empty ones dropped."""
    return [(kind, text) for kind, text in _walk(body) if text]


def _walk(node: Any) -> Iterator[tuple[Block, str]]:
    yield "p", clean_text(node.text or "")  # text loose in a container is a paragraph
    for child in node:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "head":
            yield _HEADINGS.get(child.get("rend", "h2"), "h2"), element_text(child)
        elif tag == "list":
            yield from _items(child)
        elif tag == "table":
            for row in child.iter("row"):
                yield (
                    "p",
                    " | ".join(filter(None, (element_text(cell) for cell in row.iter("cell")))),
                )
        elif tag in _CONTAINERS:
            yield from _walk(child)
        elif tag in ("p", "quote", "code", "item"):
            yield "p", element_text(child)
        yield "p", clean_text(child.tail or "")  # so is text after a block


def _items(node: Any) -> Iterator[tuple[Block, str]]:
    kind: Block = "ol" if node.get("rend") == "ol" else "ul"
    for item in node:
        if item.tag != "item":
            continue
        nested = [sub for sub in item if sub.tag == "list"]
        for sub in nested:  # a nested list's text is not its parent item's text
            item.remove(sub)
        yield kind, element_text(item)
        for sub in nested:
            yield from _items(sub)
