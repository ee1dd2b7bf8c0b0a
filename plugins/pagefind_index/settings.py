"""The ``PAGEFIND = {...}`` settings dict, merged over defaults into a frozen dataclass."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any


class PagefindSettingsError(ValueError):
    """A PAGEFIND setting has an unknown key or a value of the wrong type."""


@dataclass(frozen=True)
class PagefindSettings:
    """Where the one Pagefind bundle goes and how the article pages are indexed."""

    enabled: bool = True
    # Folder under OUTPUT_PATH for the search data: <output_dir>/pagefind/ (the bundle).
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

    def cache_dir(self, content_path: Path) -> Path:
        """Return the folder holding the cached bundle."""
        if self.cache_path is not None:
            return Path(self.cache_path)
        return content_path.resolve().parent / ".pagefind-cache"


def load_settings(raw: Mapping[str, Any] | None) -> PagefindSettings:
    """Merge a PAGEFIND dict over the defaults, rejecting unknown keys."""
    fields = {f.name for f in dataclasses.fields(PagefindSettings)}
    values = dict(raw or {})
    unknown = sorted(set(values) - fields)
    if unknown:
        raise PagefindSettingsError(f"PAGEFIND: unknown key(s) {', '.join(unknown)}")
    if "exclude_selectors" in values:
        values["exclude_selectors"] = tuple(values["exclude_selectors"])
    language = str(values.get("language", PagefindSettings.language)).split("-")[0]
    if not language.isascii() or not language.isalpha():
        raise PagefindSettingsError(
            "PAGEFIND['language'] must be 'unknown' or an ISO 639-1 code such as 'en'"
        )
    values["language"] = language.lower()
    return PagefindSettings(**values)
