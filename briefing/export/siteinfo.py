"""Where the archive is published: the site's address and article URL pattern, from its settings.

The export never imports Pelican: a settings file is plain Python, read with ``runpy`` (as
``briefing.offline`` does for the site name), and only the three names below are taken from it.
"""

from __future__ import annotations

import runpy
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefing.model import Article

# pelicanconf.py's ARTICLE_URL: the date where the source is (as in its dateline), then the slug.
DEFAULT_ARTICLE_URL = "{date:%Y}/{date:%m}/{date:%d}/{slug}/"


class SiteError(ValueError):
    """The settings cannot give an article's address; the message says why."""


@dataclass(frozen=True)
class SiteInfo:
    """The published archive: its name, address and the pattern of article URLs."""

    name: str = "Briefing archive"
    url: str = ""  # SITEURL: absolute for the hosted site, "" for relative links
    article_url: str = DEFAULT_ARTICLE_URL

    def article_address(self, article: Article) -> str:
        """Return the archive URL of an article (absolute when the site URL is)."""
        try:
            path = self.article_url.format(date=article.date, slug=article.slug)
        except (KeyError, IndexError, AttributeError) as exc:
            raise SiteError(
                f"ARTICLE_URL {self.article_url!r} uses {exc}: only date and slug"
            ) from None
        return f"{self.url.rstrip('/')}/{path}" if self.url else path


def from_settings(values: dict[str, Any]) -> SiteInfo:
    """Return the site's name, address and article URL pattern from a settings mapping."""
    return SiteInfo(
        name=str(values.get("SITENAME") or SiteInfo.name),
        url=str(values.get("SITEURL") or ""),
        article_url=str(values.get("ARTICLE_URL") or DEFAULT_ARTICLE_URL),
    )


def read_settings(settings: Path) -> dict[str, Any]:
    """Run a Pelican settings file (plain Python, no Pelican import) and return its names.

    The one reader of settings files on the normaliser's side: the export's site address,
    the offline bundle's title and ingest's CATEGORIES check all read through it.
    """
    try:
        return runpy.run_path(str(settings))
    except (OSError, SyntaxError) as exc:
        raise SiteError(f"{settings}: cannot read the settings: {exc}") from None
    except Exception as exc:  # the file is the user's code: whatever it raises is its error
        raise SiteError(
            f"{settings}: the settings file failed: {type(exc).__name__}: {exc}"
        ) from None


def load(settings: Path) -> SiteInfo:
    """Read a Pelican settings file (plain Python) for the site's name and addresses."""
    return from_settings(read_settings(settings))
