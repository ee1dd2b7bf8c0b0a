"""The site fixture build the project's tests share (tests/conftest.py)."""

from tests.conftest import built_site

__all__ = ["built_site"]
