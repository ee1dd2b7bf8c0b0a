"""Blocks trafilatura keeps below an HTML article that the page places outside its text: a
newsletter box, a related-stories card grid, the writer's bio, a comment prompt, a
subscription dialog, the site's copyright line.

Structural evidence, no phrase list: each block is found again in the page (the element whose
text is the block's), and the body's layout slots are the tag-and-class paths
(``chunks.layout_path``) of the elements that hold its paragraphs, by share of their text.
A block sits in the text when its parent is in such a slot (a list item: its list's
parent).  The run of blocks after the last block in the text is left out; a block not found
in the page counts as text (trafilatura rewrites some), so it ends the run.  Blocks above
the text (headline, standfirst, kicker) are not touched: the ground truths keep a standfirst
set apart from the text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from briefing.generic.chunks import MIN_PARAGRAPH_CHARS, layout_path
from briefing.model import Block
from briefing.text import BREAKS, SILENT, clean_text

# A block is in the text when an ancestor this many levels up or nearer sits in one of the
# body's slots (a list item one level more: its list is the paragraph's peer).  Publisher
# halves (bench/cv_extract.py --kind html --sweep, 1 to 3): both pick 1 (held-out B .973,
# A .977; 2 and 3 give B .969, A .977); dev-aeb .979.  One depth for every block at 1 left
# out the lists that close two dev-aeb texts (a list of qualified teams), hence the item's.
MAX_DEPTH = 1
# The body's slots: the fewest that hold this share of its paragraph text (largest first).
# Both halves pick 0.8 (0.5 to 1.0; held-out B .973, A .977).
SLOT_SHARE = 0.8
MAX_ELEMENT_CHARS = 5000  # a longer element is a container of many blocks, never one block

_ITEMS = frozenset({"ul", "ol"})  # a list item sits one level deeper: in its list
Path = tuple[tuple[str, str], ...]


def drop_tail(tree: Any, found: Sequence[tuple[Block, str]]) -> list[tuple[Block, str]]:
    """Return ``found`` without the blocks below the text that the page places outside it."""
    elements = _find(tree, found)
    slots = _body_slots(found, elements)
    if not slots:
        return list(found)
    inside = [
        el is None or _in_text(el, slots, MAX_DEPTH + (kind in _ITEMS))
        for (kind, _), el in zip(found, elements, strict=True)
    ]
    last = max((i for i, yes in enumerate(inside) if yes), default=len(found) - 1)
    return list(found[: last + 1])


def _key(text: str) -> str:
    return "".join(clean_text(text).split())


def _find(tree: Any, found: Sequence[tuple[Block, str]]) -> list[Any | None]:
    """Return for each block the outermost block element of the page whose whole text is the
    block's, else the outermost inline one (a ``<span>`` trafilatura read as a paragraph)."""
    wanted = {_key(text) for _, text in found}
    shortest = min(map(len, wanted), default=0)  # a key never outgrows its element's text
    blocks: dict[str, Any] = {}
    inline: dict[str, Any] = {}
    body = tree.find(".//body")
    for el in (tree if body is None else body).iter():
        if not isinstance(el.tag, str) or el.tag in SILENT:
            continue  # a comment, a script
        text = el.text_content()
        if not shortest <= len(text) <= MAX_ELEMENT_CHARS:
            continue
        key = _key(text)
        if key in wanted:  # document order: the outer element comes first
            (blocks if el.tag in BREAKS else inline).setdefault(key, el)
    return [blocks.get(key, inline.get(key)) for key in map(_key, (t for _, t in found))]


def _body_slots(found: Sequence[tuple[Block, str]], elements: list[Any | None]) -> set[Path]:
    """Return the slots of the elements holding the body's paragraphs (``SLOT_SHARE``)."""
    held: Counter[Path] = Counter()
    for (kind, text), el in zip(found, elements, strict=True):
        parent = el.getparent() if el is not None else None
        if kind == "p" and len(text) >= MIN_PARAGRAPH_CHARS and parent is not None:
            held[layout_path(parent)] += len(text)
    total = sum(held.values())
    slots: set[Path] = set()
    kept = 0
    for slot, chars in held.most_common():
        if kept >= SLOT_SHARE * total:
            break
        slots.add(slot)
        kept += chars
    return slots


def _in_text(el: Any, slots: set[Path], most: int) -> bool:
    for depth, ancestor in enumerate(el.iterancestors(), start=1):
        if depth > most:
            return False
        if layout_path(ancestor) in slots:
            return True
    return False
