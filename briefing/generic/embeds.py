"""Posts embedded in the text of a dump: a tweet's words, then its attribution line.

A page that embeds a post shows its text and then "— Name (@handle) November 18, 2019".
Neither reads as prose (a tweet is short, often ends in a link), so the body skipped both,
and a kept attribution came out as a sub-heading.  Structural evidence, no phrase list: the
attribution line's form (a dash, a name, a handle in brackets, a date) and its place inside
the body region (or right below its last line: a post can close the text).  The post's own
lines are the clean lines right above the attribution, up to the paragraph above them.
"""

from __future__ import annotations

from collections.abc import Sequence

from briefing.generic.lines import Line
from briefing.generic.patterns import POST_ATTRIBUTION

# On the 242 dev dumps attribution lines of this form are on ten dev-aeb pages of ten
# publishers, every one of them in the ground truth with the post above it, and on one
# dev-fundus page, whose ground truth leaves the post out (the body kept it already).
POST_LINES = 3  # a post's text above its attribution: a tweet runs to a few lines


def embedded_posts(lines: Sequence[Line], start: int, end: int) -> frozenset[int]:
    """Return the indices of embedded posts' lines (text and attribution) in the region
    ``start``..``end`` or closing it."""
    after = next((o.index for o in lines[end + 1 :] if o.text), None)
    last = end if after is None else after
    found: set[int] = set()
    for line in lines[start : last + 1]:
        if not _clean(line) or not POST_ATTRIBUTION.match(line.text):
            continue
        found.add(line.index)
        found.update(_post_text(lines, line.index, start))
    return frozenset(found)


def is_attribution(text: str) -> bool:
    """Return whether a line is an embedded post's attribution ("— Name (@handle) date")."""
    return POST_ATTRIBUTION.match(text) is not None


def _post_text(lines: Sequence[Line], attribution: int, start: int) -> list[int]:
    """Return the clean short lines right above an attribution, up to a paragraph."""
    out: list[int] = []
    for line in reversed(lines[start:attribution]):
        if not line.text:
            continue
        if len(out) >= POST_LINES or line.prose or not _clean(line) or is_attribution(line.text):
            break
        out.append(line.index)
    return out


def _clean(line: Line) -> bool:
    return not line.furniture and not line.learned
