"""Read next: each article's block of archive articles chosen from the archive's own text."""

from .glue import register

__all__ = ["register"]
