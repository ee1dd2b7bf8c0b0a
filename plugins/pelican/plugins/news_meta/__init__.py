"""Jinja filters for news metadata: JSON-LD, datelines, safe links and absolute URLs."""

from .plugin import register

__all__ = ["register"]
