"""Teaser lines of a dump: a related article's headline glued to its lede on one line.

A teaser block flattened to text often loses the break between a teaser's headline and its
lede: "Tape Gaffe Ends Hamlin's Title RunDenny Hamlin's championship run was foiled ...".
Such a line is long and ends a sentence, so it reads as prose, and a block of them outweighs
a short article.  Structural evidence, no phrase list: a headline-cased run of words (most
capitalised) ends in a word glued, with no space, to a capitalised word that opens a
sentence-cased run (few capitalised words); and the dump shows several such lines (a block
of teasers, not one odd word).  Brand names written in camel case ("MacBook", "LeBron",
"SoftBank") glue a short head (two to four letters) inside a phrase of the same case: the
glued word's head must be a full word of five letters or more, or a "?", "!" or ")".

A second shape: a block of teasers whose ledes the site cut short ("... the Indian state may
soon..."): several long lines in a row, each ending in an ellipsis.  An article's paragraph
rarely ends so, and two in a row almost never (:func:`cut_runs`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# On the 242 dev dumps, lines of this shape come three or more to a dump on two pages, both
# teaser blocks no ground truth keeps (17 and 4 lines); one to a dump on four pages, each
# article text (a name glued in a sentence: "BundleHunt", "HawaiiNewsNow", "LinkedIn").
MIN_GLUED = 3
MIN_HEAD_WORDS = 3  # the headline before the glue
MIN_LEDE_WORDS = 6  # the lede after it
HEAD_CAPS = 0.6  # share of the headline's words that are capitalised, at least
LEDE_CAPS = 0.4  # share of the lede's words (after its first) that are, below
_GLUE = re.compile(r"(?:(?<=[^\W\d_][^\W\d_A-Z]{4})|(?<=[?!)]))(?=[A-Z][^\W\d_A-Z])")


def glued_lines(texts: Sequence[str]) -> frozenset[int]:
    """Return the indices of teaser lines (headline glued to lede), when the dump shows at
    least ``MIN_GLUED`` of them; else none."""
    found = frozenset(i for i, text in enumerate(texts) if is_glued(text))
    return found if len(found) >= MIN_GLUED else frozenset()


def is_glued(text: str) -> bool:
    """Return whether a line is a headline-cased phrase glued to a sentence-cased one."""
    for glue in _GLUE.finditer(text):
        head = text[: glue.start()].split()
        lede = text[glue.start() :].split()
        if len(head) < MIN_HEAD_WORDS or len(lede) < MIN_LEDE_WORDS:
            continue
        if _caps(head) >= HEAD_CAPS and _caps(lede[1:]) < LEDE_CAPS:
            return True
    return False


def _caps(words: Sequence[str]) -> float:
    """Return the share of words (those opening with a letter) that are capitalised."""
    lettered = [w for w in words if w[0].isalpha()]
    return sum(w[0].isupper() for w in lettered) / len(lettered) if lettered else 0.0


# On the 242 dev dumps, lines of at least CUT_MIN_WORDS words ending in "..." or "…": 86
# alone (11 of them in a ground truth), and 52 in 10 runs of two or more on seven dev-aeb
# pages (none in a ground truth); dev-fundus has no such run.
CUT_MIN_RUN = 2
CUT_MIN_WORDS = 8
_CUT_END = re.compile(r"(?:\.\.\.|…)\s*$")


def cut_runs(texts: Sequence[str]) -> frozenset[int]:
    """Return the indices of teaser ledes cut short: lines of ``CUT_MIN_WORDS`` words or more
    ending in an ellipsis, in a run of ``CUT_MIN_RUN`` or more (empty lines between them do
    not break a run)."""
    found: set[int] = set()
    run: list[int] = []
    for i, text in enumerate([*texts, "."]):
        if not text:
            continue
        if len(text.split()) >= CUT_MIN_WORDS and _CUT_END.search(text):
            run.append(i)
            continue
        if len(run) >= CUT_MIN_RUN:
            found.update(run)
        run = []
    return frozenset(found)
