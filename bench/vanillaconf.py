"""Vanilla Pelican 4.12 for the bench baseline: default theme, no plugins, its Markdown reader.

Only what makes the build equivalent to ours changes from Pelican's defaults: the time zone,
the page size of listings (pelicanconf.py's DEFAULT_PAGINATION) and no feeds (pelicanconf.py
writes none either).  Content and output folders are given on the command line.
"""

from __future__ import annotations

SITENAME = "Vanilla Pelican baseline"
SITEURL = ""
TIMEZONE = "Asia/Baku"
DEFAULT_LANG = "en"
DEFAULT_PAGINATION = 20
PLUGINS: list[str] = []
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
