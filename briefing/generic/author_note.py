"""The note about the writer below an article ("Jane Doe is a freelance journalist ..."):
page furniture, not the article's text.

Structural evidence, no phrase list: the byline named the article's authors; a block in the
last part of the body that names one of them in full is the author box that closes the
article (a bio, "Email Jane Doe at ...", "Korrespondent Jane Doe ist ..."), and what the page
shows below it (related teasers, a newsletter prompt) is no article text either.  The text
itself rarely names its own writer; where it does, it is near the top (a profile of the
writer's namesake).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

# A block at or below this share of the body's blocks may be the author's note.  In the
# half-B and dev-aeb dumps a body block names the byline's author 12 times at or below 0.6 of
# the body (10 notes, 2 lines the ground truth keeps: "Dear Abby is written by ...", a
# newsletter line naming "Business Insider") and 5 times above it (a profile of the writer's
# namesake, "he told Business Insider"), which stay.  Publisher halves
# (bench/cv_extract.py --sweep, 0.4 to 0.8): A ties at every value (.961), B at 0.4-0.6
# (.945; .942 at 0.7-0.8): 0.6.
NOTE_FROM = 0.6
MIN_NAME_WORDS = 2  # a full name: one word ("TPN", "Reuters") is too common in the text


def note_start(texts: Sequence[str], authors: Sequence[str]) -> int | None:
    """Return the index of the first block in the body's last part that names one of the
    article's authors in full, or None."""
    patterns = [_name_pattern(name) for name in authors if len(name.split()) >= MIN_NAME_WORDS]
    if not patterns:
        return None
    first = math.ceil(len(texts) * NOTE_FROM)
    for i in range(max(first, 1), len(texts)):
        if any(p.search(texts[i]) for p in patterns):
            return i
    return None


def _name_pattern(name: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(word) for word in name.split())
    return re.compile(rf"(?<!\w){words}(?!\w)", re.IGNORECASE)
