"""The published fixture build the project's tests share (tests/conftest.py)."""

from tests.conftest import published_site

__all__ = ["published_site"]
