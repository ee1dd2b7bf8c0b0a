"""Fail the build when two things write the same output path, naming both of them."""

from .plugin import register

__all__ = ["register"]
