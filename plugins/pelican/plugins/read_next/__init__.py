"""Read next: each article's block of archive articles chosen from the archive's own text."""

from .plugin import register

__all__ = ["register"]
