"""Pelican plugin: index the built archive with Pagefind: one bundle searched in the browser."""

from .plugin import register

__all__ = ["register"]
