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
    """How the archive is split into Pagefind parts and where the bundles go."""

    enabled: bool = True
    # Folder under OUTPUT_PATH for the search page's data: search/pagefind/ (runtime),
    # search/parts/<part>/ (one Pagefind bundle per part), search/route/, search/parts.json.
    output_dir: str = "search"
    # strftime of an article's own date naming its month folder; ARTICLE_SAVE_AS must start
    # with it and the day ("{date:%Y}/{date:%m}/{date:%d}/..."), so a part is a set of day folders.
    month_format: str = "%Y/%m"
    # First days of the parts a month is split into.  Thirds keep the part a day's articles
    # rebuild near 950 pages at 100k articles over three years: ~5 s to index, against ~14 s
    # (measured) for a whole month of 2,900 pages.
    part_days: tuple[int, ...] = (1, 11, 21)
    # The article pages inside a day folder (the day's own listing sits beside them).
    page_glob: str = "*/index.html"
    # Bundles survive between builds here (outside output/), keyed by each part's content hash;
    # None means "<content folder>/../.pagefind-cache".
    cache_path: str | None = None
    exclude_selectors: tuple[str, ...] = ()
    # Route table: word prefixes of ``route_prefix`` letters -> the parts holding them, in one
    # small JSON file per ``shard_prefix`` letters (one fetched per query word).  Keys found
    # in at least ``route_all_share`` of the parts are stored as "every part" (still a superset).
    # Measured on the synthetic 100k archive: 4 letters sent a rare name to every part; 6 with
    # 3-letter shards sends it to one or two.
    route_prefix: int = 6
    shard_prefix: int = 3
    route_all_share: float = 0.5

    def cache_dir(self, content_path: Path) -> Path:
        """Return the folder holding cached part bundles."""
        if self.cache_path is not None:
            return Path(self.cache_path)
        return content_path.resolve().parent / ".pagefind-cache"


def load_settings(raw: Mapping[str, Any] | None) -> PagefindSettings:
    """Merge a PAGEFIND dict over the defaults, rejecting unknown keys."""
    fields = {f.name: f for f in dataclasses.fields(PagefindSettings)}
    values = dict(raw or {})
    unknown = sorted(set(values) - set(fields))
    if unknown:
        raise PagefindSettingsError(f"PAGEFIND: unknown key(s) {', '.join(unknown)}")
    for key in ("exclude_selectors", "part_days"):
        if key in values:
            values[key] = tuple(values[key])
    for key in ("route_prefix", "shard_prefix"):
        if key in values and (not isinstance(values[key], int) or values[key] < 1):
            raise PagefindSettingsError(f"PAGEFIND[{key!r}] must be a positive integer")
    settings = PagefindSettings(**values)
    days = settings.part_days
    if not days or days[0] != 1 or list(days) != sorted(set(days)) or days[-1] > 31:
        raise PagefindSettingsError("PAGEFIND['part_days'] must rise from 1 to at most 31")
    if settings.shard_prefix > settings.route_prefix:
        raise PagefindSettingsError("PAGEFIND: shard_prefix must not exceed route_prefix")
    return settings
