"""Incremental, parallel rendering: a page whose render key is unchanged is kept, the rest are
rendered in worker processes forked after the generators built the context."""

from .plugin import register

__all__ = ["register"]
