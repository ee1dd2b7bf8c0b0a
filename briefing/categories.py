"""Categories that scale to many sources: a scraped section cleaned into the archive's own.

A source's "category" field is often not a section at all: a keyword list
(``general-news,government-and-politics``), a URL or host (``gizmodo.com``), a byline, or a
CMS word (``All``, ``post``, ``Front Page``).  :func:`clean` keeps a value only when it reads
as a section, and writes it one way whatever its case (``news`` and ``NEWS`` are ``News``).
:func:`apply` maps the result through a ``CATEGORIES`` mapping (``{"sport": "Sports",
"report.az/world": "World"}``: a section, or ``source/section`` for one source's own), and
:func:`unmapped` lists the sections a mapping does not name, for the ingest report.

Pure functions over strings; the ingest side calls :func:`clean` (``briefing.normalise``),
the site side :func:`apply` with the ``CATEGORIES`` setting.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

MAX_SECTION_CHARS = 40  # "Science and Technology", "Middle East and North Africa"
MAX_SECTION_WORDS = 5
# Words a CMS puts where a section belongs; none of them tells a reader what an article is about.
NOT_SECTIONS = frozenset(
    {
        "all",
        "article",
        "articles",
        "blog",
        "default",
        "front page",
        "frontpage",
        "home",
        "homepage",
        "index",
        "latest",
        "main",
        "misc",
        "none",
        "null",
        "other",
        "page",
        "post",
        "posts",
        "story",
        "top stories",
        "uncategorized",
        "uncategorised",
        "undefined",
    }
)
# Words kept lower-case inside a title-cased section ("Science and Technology").
_SMALL_WORDS = frozenset({"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to"})
_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|www\.)", re.IGNORECASE)
_HOST = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}$", re.IGNORECASE)
_LIST_SEPARATOR = re.compile(r"[,;|>»›·•]")
_BYLINE = re.compile(r"^(?:by|von|par|por)\s", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Verdict:
    """What :func:`clean` made of one scraped value: the section, or why it is not one."""

    section: str | None
    reason: str = ""


def key(name: str) -> str:
    """Return the comparison key of a section: case, width, '&' and punctuation ignored."""
    text = unicodedata.normalize("NFKC", name).casefold().replace("&", " and ")
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def display(name: str) -> str:
    """Return a section written in one case: 'NEWS' and 'news' give 'News' (mixed case kept)."""
    words = name.split()
    if name != name.lower() and name != name.upper():
        return " ".join(words)  # written with care ("Foreign policy", "iPhone"): the source's own
    out = []
    for i, word in enumerate(words):
        lower = word.lower()
        if i and lower in _SMALL_WORDS:
            out.append(lower)
        elif "." in word or (word.isupper() and len(word) <= 3):
            out.append(word.upper())  # an acronym: "EU", "US Politics", "U.S. News"
        else:
            out.append(lower[:1].upper() + lower[1:])
    return " ".join(out)


def clean(raw: str | None, authors: Iterable[str] = ()) -> Verdict:
    """Return the section a scraped category value names, or None and the reason it is not one."""
    text = " ".join((raw or "").split())
    if not text:
        return Verdict(None, "empty")
    checks = (
        (bool(_URL.match(text)), "a URL"),
        (bool(_HOST.match(text)), "a host name"),
        (bool(_LIST_SEPARATOR.search(text)), "a list, not one section"),
        (bool(_BYLINE.match(text)) or key(text) in {key(a) for a in authors}, "a byline"),
        (len(text) > MAX_SECTION_CHARS or len(text.split()) > MAX_SECTION_WORDS, "too long"),
        (not _LETTER.search(text), "no letters"),
        (key(text) in NOT_SECTIONS, "a site word, not a section"),
    )
    for failed, reason in checks:
        if failed:
            return Verdict(None, reason)
    return Verdict(display(text))


@dataclass(frozen=True)
class CategoryMap:
    """The ``CATEGORIES`` setting by key: ``source/section`` entries, then plain sections."""

    by_source: Mapping[tuple[str, str], str]
    by_section: Mapping[str, str]

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, str] | None) -> CategoryMap:
        """Read ``{"sport": "Sports", "report.az/world": "World"}`` (keys case-insensitive)."""
        by_source: dict[tuple[str, str], str] = {}
        by_section: dict[str, str] = {}
        for name, target in (mapping or {}).items():
            if not isinstance(target, str) or not target.strip():
                raise ValueError(f"CATEGORIES: {name!r} must map to a category name")
            source, slash, section = name.rpartition("/")
            if slash and source:
                by_source[(key(source), key(section))] = target.strip()
            else:
                by_section[key(name)] = target.strip()
        return cls(by_source, by_section)

    def lookup(self, section: str, source: str | None) -> str | None:
        """Return the archive category a source's section maps to, or None when unmapped."""
        if source is not None:
            found = self.by_source.get((key(source), key(section)))
            if found is not None:
                return found
        return self.by_section.get(key(section))

    def is_empty(self) -> bool:
        """Return True when the mapping names nothing (every section is kept as it is)."""
        return not self.by_source and not self.by_section


def apply(section: str, source: str | None, mapping: CategoryMap) -> str:
    """Return the archive's category for a section: the mapped one, else the section itself."""
    return mapping.lookup(section, source) or section


def unmapped_line(sections: Iterable[tuple[str, str | None]], mapping: CategoryMap) -> str | None:
    """Return the line naming the sections ``mapping`` leaves as they are (None: it maps all)."""
    missing = unmapped(sections, mapping)
    if not missing:
        return None
    listed = ", ".join(f"{name} ({count})" for name, count in missing[:20])
    more = f" and {len(missing) - 20} more" if len(missing) > 20 else ""
    return f"categories: not in CATEGORIES, kept as they are: {listed}{more}"


def unmapped(
    sections: Iterable[tuple[str, str | None]], mapping: CategoryMap
) -> list[tuple[str, int]]:
    """Return the sections (with their article counts) a non-empty mapping does not name.

    The mapping's own categories are not counted: after mapping, an article shows one of them.
    """
    if mapping.is_empty():
        return []
    targets = {key(t) for t in (*mapping.by_source.values(), *mapping.by_section.values())}
    counts = Counter(
        display(section)
        for section, source in sections
        if mapping.lookup(section, source) is None and key(section) not in targets
    )
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
