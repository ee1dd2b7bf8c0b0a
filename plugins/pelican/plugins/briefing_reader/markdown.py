"""Markdown to HTML with markdown-it-py: raw HTML off, links only to safe schemes."""

from __future__ import annotations

from functools import cache
from urllib.parse import urlsplit

from markdown_it import MarkdownIt

SAFE_SCHEMES = frozenset({"http", "https", "mailto"})


def is_safe_link(url: str) -> bool:
    """Keep http, https and mailto links and relative ones; drop javascript:, data: and the rest."""
    cleaned = "".join(ch for ch in url.strip() if ch.isprintable() and not ch.isspace())
    scheme = urlsplit(cleaned).scheme.lower()
    return scheme in SAFE_SCHEMES or (scheme == "" and ":" not in cleaned.split("/", 1)[0])


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.validateLink = is_safe_link  # type: ignore[method-assign]
    return md


def render(text: str) -> str:
    """Render a Markdown body to HTML; any HTML in the text comes out escaped, as text."""
    html: str = _parser().render(text)
    return html
