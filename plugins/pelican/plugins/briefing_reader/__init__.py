"""Pelican reader for briefing's Markdown files (the contract in briefing.frontmatter)."""

from .plugin import register

__all__ = ["register"]
