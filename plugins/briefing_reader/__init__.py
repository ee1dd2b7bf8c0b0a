"""Pelican reader for briefing's Markdown files (the contract in briefing.frontmatter)."""

from .reader import register

__all__ = ["register"]
