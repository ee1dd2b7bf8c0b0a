"""ASCII slugs by transliteration, so Azerbaijani and Cyrillic titles stay readable."""

from __future__ import annotations

import re
from collections.abc import Container

from anyascii import anyascii

MAX_SLUG_WORDS_CHARS = 80  # long enough for a headline's gist, short enough for a URL
# What an article's slug may be at most, "-N" suffixes and hand-written slugs included: the
# file name <slug>.md stays far below the 255 bytes a file system allows.
MAX_SLUG_CHARS = 120
_NON_WORD = re.compile(r"[^a-z0-9]+")


def slugify(text: str, max_chars: int = MAX_SLUG_WORDS_CHARS, fallback: str = "article") -> str:
    """Return a lowercase ASCII slug of words joined by dashes ("Эми Карлон" -> "emi-karlon")."""
    ascii_text = anyascii(text).lower().replace("'", "")
    slug = _NON_WORD.sub("-", ascii_text).strip("-")
    if len(slug) > max_chars:
        cut = slug[: max_chars + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else cut[:max_chars]
    return slug.strip("-") or fallback


def unique_slug(base: str, taken: Container[str]) -> str:
    """Return ``base``, or ``base-2``, ``base-3``... whichever is not taken yet."""
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
