"""The note about the writer below an article ("Jane Doe is a freelance journalist ..."):
page furniture, not the article's text.

Structural evidence, no phrase list: the byline named the article's authors; a block in the
last part of the body that names one of them in full is the author box that closes the
article (a bio, "Email Jane Doe at ...", "Korrespondent Jane Doe ist ..."), and what the page
shows below it (related teasers, a newsletter prompt) is no article text either.  The text
itself rarely names its own writer; where it does, it is near the top (a profile of the
writer's namesake).  A box the byline does not name can name itself: a short "About Jane
Doe" line over a paragraph that names her ("Über ...", "Sobre ...": ``ABOUT_LABEL``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from briefing.generic.patterns import ABOUT_LABEL

# A block at or below this share of the body's blocks may be the author's note.  In the
# half-B and dev-aeb dumps a body block names the byline's author 12 times at or below 0.6 of
# the body (10 notes, 2 lines the ground truth keeps: "Dear Abby is written by ...", a
# newsletter line naming "Business Insider") and 5 times above it (a profile of the writer's
# namesake, "he told Business Insider"), which stay.  Publisher halves
# (bench/cv_extract.py --sweep, 0.4 to 0.8): A ties at every value (.961), B at 0.4-0.6
# (.945; .942 at 0.7-0.8): 0.6.
NOTE_FROM = 0.6
MIN_NAME_WORDS = 2  # a full name: one word ("TPN", "Reuters") is too common in the text
# An "About X" box that names itself: on the 242 dev dumps, six of them on five pages of four
# publishers, none in a ground truth (two of them already outside the body); one-word names
# ("About my6sense", a press release's company box) are another thing: a ground truth keeps
# one.
ABOUT_NAME_WORDS = 4
# A block in the body's last part that calls the byline's writer by the first or the last
# name alone within its first NOTE_NAME_WORDS words is the note too.  On the 242 dev dumps
# (blocks naming a name part in their first 12 words): in the last part three notes of three
# publishers, no text; above it 14 blocks, all text (a profile of a namesake, "USA TODAY").
NOTE_NAME_WORDS = 12
MIN_PART_LETTERS = 3
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def note_start(texts: Sequence[str], authors: Sequence[str]) -> int | None:
    """Return the index of the first block in the body's last part that names one of the
    article's authors in full, or is an "About X" label over a block naming X; or None."""
    full = [name for name in authors if len(name.split()) >= MIN_NAME_WORDS]
    patterns = [_name_pattern(name) for name in full]
    parts = _name_parts(full)
    first = math.ceil(len(texts) * NOTE_FROM)
    for i in range(max(first, 1), len(texts)):
        if any(p.search(texts[i]) for p in patterns) or _about_box(texts, i):
            return i
        if parts & set(_WORD.findall(texts[i])[:NOTE_NAME_WORDS]):  # "Lance has covered ..."
            return i
    return None


def _name_parts(names: Sequence[str]) -> set[str]:
    """Return the words of the byline's full names a note may call its writer by alone: the
    first or the last name ("Steph Bazzle covers ...", "Carla schreibt seit 2022 ..."),
    capitalised and not an acronym ("USA TODAY")."""
    return {
        word
        for name in names
        for word in _WORD.findall(name)
        if len(word) >= MIN_PART_LETTERS and word[0].isupper() and not word.isupper()
    }


def _about_box(texts: Sequence[str], i: int) -> bool:
    """Return whether block ``i`` is an "About Jane Doe" label over a block that names her."""
    label = ABOUT_LABEL.match(texts[i])
    if label is None or i + 1 == len(texts):
        return False
    name = label.group("name")
    words = name.split()
    if not MIN_NAME_WORDS <= len(words) <= ABOUT_NAME_WORDS or not all(
        w[0].isupper() for w in words
    ):
        return False
    return _name_pattern(name).search(texts[i + 1]) is not None


def _name_pattern(name: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(word) for word in name.split())
    return re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)
