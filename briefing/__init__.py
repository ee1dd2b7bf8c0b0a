"""briefing: normalise scraped news into a Markdown archive (never imports Pelican)."""

__version__ = "0.1.0"
