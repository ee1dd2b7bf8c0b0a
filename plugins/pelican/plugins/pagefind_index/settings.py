"""The ``PAGEFIND = {...}`` settings dict, merged over defaults into a frozen dataclass."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing import settings as briefing_settings
from briefing.settings import SettingsError


@dataclass(frozen=True)
class PagefindSettings:
    """Where the Pagefind bundles go and how the article pages are indexed, in parts."""

    enabled: bool = True
    # Folder under OUTPUT_PATH for the search data: <output_dir>/pagefind/ (parts, runtime).
    output_dir: str = "search"
    # Bundles survive between builds here (outside output/), keyed by the archive's content
    # hash; None means "<content folder>/../.pagefind-cache".
    cache_path: str | None = None
    exclude_selectors: tuple[str, ...] = ()
    # Every page is indexed as this one language, so one index holds every language and its
    # counts and ranks cover the whole archive.  "unknown" (Pagefind's own name for "no
    # stemming") matches as the offline engine does: a query word finds the words it begins,
    # so both copies count alike.  An ISO 639-1 code (e.g. "en") stems in that language.
    language: str = "unknown"
    # Pages per part at most (whole months; a larger month is a part of its own); 0: one
    # index of everything.  A part's Pagefind process peaks at roughly 0.15 MB per page: one
    # index of 10k articles needs 1.4 GB, past the 1 GB budget, a part of 5,000 pages 0.7 GB
    # (docs/SEARCH.md).  Fewer, larger parts load fewer word chunks per query.  The search
    # page decides what a word matches over all the parts (theme/js/search.js), so the counts
    # are the archive's whatever the cut.
    part_pages: int = 5000
    # Pagefind processes at once (each indexes one part, on several threads of its own): the
    # build's peak memory is about jobs x a part's.
    jobs: int = 1

    def cache_dir(self, content_path: Path) -> Path:
        """Return the folder holding the cached bundle."""
        if self.cache_path is not None:
            return Path(self.cache_path)
        return content_path.resolve().parent / ".pagefind-cache"


def load(settings: Mapping[str, Any]) -> PagefindSettings:
    """Return ``PAGEFIND`` over the defaults (briefing.settings); the language checked."""
    options = briefing_settings.load("PAGEFIND", PagefindSettings, settings.get("PAGEFIND"))
    language = options.language.split("-")[0]
    if not language.isascii() or not language.isalpha():
        raise SettingsError(
            "PAGEFIND['language'] must be 'unknown' or an ISO 639-1 code such as 'en'"
        )
    if options.part_pages < 0 or options.jobs < 1:
        raise SettingsError("PAGEFIND['part_pages'] must be 0 or more and ['jobs'] 1 or more")
    return dataclasses.replace(options, language=language.lower())
