"""Build stages on a terminal, and one summary line at the end of every build."""

from .plugin import register

__all__ = ["register"]
