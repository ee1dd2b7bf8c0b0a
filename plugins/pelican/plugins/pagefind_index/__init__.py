"""Pelican plugin: index the built archive with Pagefind, in parts by month, all searched in the browser."""

from .plugin import register

__all__ = ["register"]
