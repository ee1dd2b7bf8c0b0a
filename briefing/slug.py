"""ASCII slugs by transliteration, so Azerbaijani and Cyrillic titles stay readable."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Container

from anyascii import anyascii

MAX_SLUG_WORDS_CHARS = 80  # long enough for a headline's gist, short enough for a URL
# What an article's slug may be at most, "-N" suffixes and hand-written slugs included: the
# file name <slug>.md stays far below the 255 bytes a file system allows.
MAX_SLUG_CHARS = 120
# A category or tag slug names a folder and a feed file ("feeds/tag/<slug>.atom.xml"): far below
# the 255-byte file-name limit, and short enough to read in a URL.  Longer names keep their
# first words and end in a hash of the whole name, so two long names never share a slug.
MAX_TAXONOMY_CHARS = 60
TAXONOMY_HASH_CHARS = 8
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


def _name_hash(name: str) -> str:
    """Return a short stable hash of a name, equal for case and Unicode-form variants."""
    key = " ".join(unicodedata.normalize("NFKC", name).casefold().split())
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:TAXONOMY_HASH_CHARS]


def taxonomy_slug(name: str) -> str:
    """Return the URL slug of a category or tag name: ASCII, non-empty, fits any file name.

    ``"Sci-Tech"`` -> ``"sci-tech"``; a name with no letters or digits (``"!!!"``) and a name
    longer than :data:`MAX_TAXONOMY_CHARS` get a stable hash of the name, so every scraped
    value gives a valid, distinct path.
    """
    # "&" is "and" (as briefing.categories.key has it): "Science & Tech" merges with its spelling
    ascii_text = anyascii(name).lower().replace("'", "").replace("&", " and ")
    words = _NON_WORD.sub("-", ascii_text).strip("-")
    if not words or words == "and":
        return f"t-{_name_hash(name)}"
    if len(words) <= MAX_TAXONOMY_CHARS:
        return words
    keep = MAX_TAXONOMY_CHARS - TAXONOMY_HASH_CHARS - 1
    cut = words[: keep + 1]
    head = cut[: cut.rfind("-")] if "-" in cut[1:] else cut[:keep]
    return f"{head.strip('-')[:keep]}-{_name_hash(name)}"
