"""The archive's export (``briefing export``) carried in the site, linked from the About page."""

from .plugin import register

__all__ = ["register"]
