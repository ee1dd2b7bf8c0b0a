"""Pelican plugin: index the built archive with Pagefind as month parts searched in the browser."""

from .plugin import register

__all__ = ["register"]
