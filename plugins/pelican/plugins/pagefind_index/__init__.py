"""Pelican plugin: index the built archive with Pagefind in parts by month, all searched."""

from .plugin import register

__all__ = ["register"]
