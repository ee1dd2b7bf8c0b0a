"""Offline search for the file:// archive: the index as classic-script shards (issue #7)."""

from .plugin import register

__all__ = ["register"]
