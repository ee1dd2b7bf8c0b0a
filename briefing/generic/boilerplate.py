"""Lines that are page furniture: learned across a source's dumps, or matched by pattern."""

from __future__ import annotations

from collections import Counter

from briefing.generic.patterns import (
    CAPTION_LINE,
    DATE_CUE,
    DATE_HINT,
    DATELINE_WORDS,
    NAV_ANYWHERE,
    NAV_LINE,
    NAV_SHORT,
    SHORT_LINE_WORDS,
    SIGN_UP,
)

# A line in at least this share of a folder's dumps is the site's own furniture (menus,
# footers, newsletter prompts).  Measured on dev-aeb and dev-fundus mixed folders: at 0.3 no body
# line of any page was caught; below 0.2 short quotes repeated by sister articles start to be.
MIN_SHARE = 0.3
MIN_DUMPS = 3  # with fewer dumps a repeat says nothing about the site
MIN_REPEATS = 2
NOTICE_LONG_WORDS = 25  # a line this long is a paragraph (lines.LONG_WORDS)
NOTICE_PHRASES_LONG = 2
# A dump's line under this many words that opens with a prompt to sign up is furniture
# (``SIGN_UP``).  On the 242 dev dumps, at 40: four body lines of four publishers, none in a
# ground truth.  HTML blocks keep the short-line rule only: the page's markup placed them.
SIGN_UP_WORDS = 40


def learn_boilerplate(texts: list[str], min_share: float = MIN_SHARE) -> frozenset[str]:
    """Return the stripped lines that occur in at least ``min_share`` of ``texts``."""
    if len(texts) < MIN_DUMPS:
        return frozenset()
    seen: Counter[str] = Counter()
    for text in texts:
        seen.update({line.strip() for line in text.split("\n") if line.strip()})
    needed = max(MIN_REPEATS, min_share * len(texts))
    return frozenset(line for line, n in seen.items() if n >= needed)


def _notice(line: str, words: int, in_article: bool) -> bool:
    """Return whether a line is a footer, cookie or browser notice.

    One notice phrase marks a line of a dump.  A paragraph-length block the page's own
    markup puts inside the article (``in_article``: trafilatura's XML) needs two different
    ones (a cookie wall names cookies and the privacy policy), so an article sentence that
    mentions cookies or JavaScript once stays text.  (Dumps have no markup: there the same
    rule let long consent notices into dev-aeb bodies.)
    """
    long = in_article and words >= NOTICE_LONG_WORDS
    return notice_phrases(line) >= (NOTICE_PHRASES_LONG if long else 1)


def notice_phrases(line: str) -> int:
    """Return how many different footer, cookie or browser notice phrases a line holds."""
    return len({m.group(0).casefold() for m in NAV_ANYWHERE.finditer(line)})


NOTICE = "footer, cookie or browser notice"


def furniture_reason(line: str, words: int, *, in_article: bool = False) -> str | None:
    """Return why a line is page furniture (menu label, footer, credit...), or None."""
    if NAV_LINE.match(line):
        return "navigation label"
    if _notice(line, words, in_article):
        return NOTICE
    if words < SHORT_LINE_WORDS and NAV_SHORT.search(line):
        return "share bar, prompt, byline or photo credit"
    if not in_article and words < SIGN_UP_WORDS and SIGN_UP.search(line):
        return "sign-up prompt"
    if CAPTION_LINE.search(line):
        return "photo caption"
    if words <= DATELINE_WORDS and DATE_CUE.search(line) and DATE_HINT.search(line):
        return "dateline"
    return None
