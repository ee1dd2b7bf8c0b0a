"""JSON Feed 1.1, sitemap.xml and robots.txt, written through Pelican's writer."""

from .plugin import register

__all__ = ["register"]
