"""An article body the page splits into chunks (one container per run of paragraphs, with ads,
a paywall marker or a newsletter box between them): joined, so trafilatura reads it whole.

trafilatura takes the first element that looks like the article's body; on a page that
repeats the body's container ("body__inner-container" three times down the page) it keeps
the first chunk only (half B: recall 0.47 on such a page).  Structural evidence, no site
list: the container that holds most of the paragraphs trafilatura kept, and the other
elements in the same slot of the layout (the same tag and class, and so every ancestor) that
hold paragraphs of their own, are the chunks; the later ones' children move into the first.
A container of the same class inside another ``<article>`` (a story below the story, on a
half-B page) is in another slot.
"""

from __future__ import annotations

from collections import Counter
from copy import deepcopy
from typing import Any

from briefing.text import element_text

MIN_PARAGRAPH_CHARS = 40  # a paragraph of the text, not a label or a caption credit
PROBE_CHARS = 80  # how much of a paragraph is looked for in trafilatura's text


def joined(tree: Any, text: str) -> Any | None:
    """Return a copy of ``tree`` with the body's chunks joined, or None when the paragraphs
    trafilatura kept (``text``) sit in a container the page does not repeat."""
    slot = _container(tree, text)
    if slot is None:
        return None
    copy = deepcopy(tree)
    chunks = [el for el in copy.iter(slot[0][0]) if layout_path(el) == slot]
    chunks = [el for el in chunks if _paragraph_chars(el)]
    if len(chunks) < 2:
        return None
    first = chunks[0]
    for chunk in chunks[1:]:
        first.extend(list(chunk))
        parent = chunk.getparent()
        if parent is not None:
            parent.remove(chunk)
    return copy


def _container(tree: Any, text: str) -> tuple[tuple[str, str], ...] | None:
    """Return the layout slot (see ``layout_path``) of the element holding most of the kept
    paragraphs, or None when that element has no class (a bare <div> is everywhere)."""
    slots: Counter[tuple[tuple[str, str], ...]] = Counter()
    for p in tree.iter("p"):
        body = element_text(p)
        parent = p.getparent()
        if len(body) >= MIN_PARAGRAPH_CHARS and body[:PROBE_CHARS] in text and parent is not None:
            slots[layout_path(parent)] += 1
    if not slots:
        return None
    slot = slots.most_common(1)[0][0]
    return slot if slot[0][1] else None


def layout_path(el: Any) -> tuple[tuple[str, str], ...]:
    """Return the tag and class of an element and of each of its ancestors: its slot in the
    page's layout (two elements in one slot cannot be nested)."""
    return tuple(_signature(node) for node in [el, *el.iterancestors()])


def _signature(el: Any) -> tuple[str, str]:
    return str(el.tag), " ".join((el.get("class") or "").split())


def _paragraph_chars(el: Any) -> int:
    return sum(len(element_text(p)) for p in el.iter("p"))
