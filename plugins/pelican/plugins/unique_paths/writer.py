"""A Pelican writer that claims every output path once and names both writers on a collision.

Pelican's own writer already refuses a second write to a file, but its message names only the
path.  This one records *what* wrote each path (an article's source file, a tag, a feed, a
paginated listing page...) so a collision such as page 2 of tag ``tag30`` landing where page 1
of tag ``tag302`` goes (Pelican issues #2754, #2806) says which two pages clashed.  Static files
are claimed too, from the static generator's context, before anything is written.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any

from pelican.writers import Writer


class DuplicateOutputError(RuntimeError):
    """Two outputs of one build were given the same path."""

    def __init__(self, path: str, first: str, second: str) -> None:
        super().__init__(f"output path {path} written twice: first by {first}, then by {second}")
        self.path = path
        self.first = first
        self.second = second


def describe(name: str, context: Mapping[str, Any]) -> str:
    """Say in words what a write_file call renders: the content item or listing behind it."""
    for key in ("article", "page"):
        item = context.get(key)
        if item is not None and getattr(item, "save_as", None) == name:
            return f"{key} {item.source_path}"
    for key in ("tag", "category", "author"):
        item = context.get(key)
        if item is not None:
            return f"{key} {item.name!r}"
    return f"template {context.get('template_name') or '?'} ({name})"


def path_key(path: str) -> str:
    """Return the form of ``path`` that claims compare (absolute, normalised)."""
    return os.path.normpath(Path(path).absolute())


class UniquePathWriter(Writer):  # type: ignore[misc]
    """Pelican's writer, refusing any output path that was already claimed in this build."""

    def __init__(self, output_path: str, settings: dict[str, Any] | None = None) -> None:
        super().__init__(output_path, settings=settings)
        self.claims: dict[str, str] = {}
        self._writing = "unknown"
        self._static_claimed = False

    def claim(self, path: str, what: str) -> None:
        """Record that ``what`` writes ``path``; raise DuplicateOutputError if it is taken."""
        key = path_key(path)
        first = self.claims.get(key)
        if first is not None:
            raise DuplicateOutputError(os.path.relpath(key, self.output_path), first, what)
        self.claims[key] = what

    def _claim_static(self, context: Mapping[str, Any]) -> None:
        """Claim the static files the static generator will copy at the end of the build."""
        if self._static_claimed:
            return
        self._static_claimed = True
        for static in context.get("staticfiles", ()):
            self.claim(str(Path(self.output_path, static.save_as)), f"static {static.source_path}")

    def write_file(
        self, name: str, template: Any, context: dict[str, Any], *args: Any, **kwargs: Any
    ) -> Any:
        """Write through Pelican's writer, first noting what this write renders."""
        # *args: Pelican's template-pages generator passes relative_urls by position.
        self._claim_static(context)
        self._writing = describe(name, kwargs)
        return super().write_file(name, template, context, *args, **kwargs)

    def write_feed(
        self, elements: Any, context: dict[str, Any], path: Any = None, *args: Any, **kwargs: Any
    ) -> Any:
        """Write a feed through Pelican's writer, first noting which feed it is."""
        self._writing = f"feed ({path})"
        return super().write_feed(elements, context, path, *args, **kwargs)

    def _open_w(self, filename: str, encoding: str, override: bool = False) -> IO[str]:
        # Every file the writer produces (pages, paginated pages, feeds) passes through here.
        self.claim(filename, self._writing)
        opened: IO[str] = super()._open_w(filename, encoding, override)
        return opened
