"""Daily, monthly and yearly archive pages, the archive calendar and the sources index."""

from .plugin import register

__all__ = ["register"]
