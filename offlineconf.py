"""Pelican settings of the offline site rendered directly: pelicanconf plus relative URLs.

The bundle is opened from disk, so every URL is relative, nothing is fetched from a server,
and search runs on the classic-script index written by the offline_search plugin (issue #7).
`make offline` no longer renders with this file: it derives the same pages from the hosted
build (issue #15, briefing/offline.py); this render is what the derived bundle is tested
against, file for file (tests/test_offline_derived.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

# Pelican loads this file by path, so pelicanconf's folder is not necessarily importable yet.
sys.path.insert(0, str(Path(__file__).resolve().parent))

import pelicanconf

# Every upper-case setting of pelicanconf, by name (explicit, unlike `import *`).
globals().update({k: v for k, v in vars(pelicanconf).items() if k.isupper()})

RELATIVE_URLS = True
SITEURL = ""
# Hosted-only plugins: Pagefind cannot run from file:// (the offline index replaces it).
HOSTED_ONLY = ("pelican.plugins.pagefind_index", "pelican.plugins.site_feeds")
PLUGINS = [p for p in pelicanconf.PLUGINS if p not in HOSTED_ONLY]
if "pelican.plugins.offline_search" not in PLUGINS:  # the summary stays last
    PLUGINS.insert(
        PLUGINS.index("pelican.plugins.build_progress"), "pelican.plugins.offline_search"
    )
OFFLINE_SEARCH: dict[str, object] = {"folder": "search-offline"}
# Feeds are for the hosted site; from disk they would only be dead files.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
