"""Settings for the hosted site (`make publish`): pelicanconf.py plus absolute URLs and feeds."""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
# Star import on purpose: Pelican reads every upper-case name of this module, and the hosted
# settings are "pelicanconf.py and then these overrides" (Pelican's documented pattern).
from pelicanconf import *  # noqa: F403

# The public address; BRIEFING_SITEURL overrides it for another host.
SITEURL = os.environ.get("BRIEFING_SITEURL", "https://briefing.example.org")
RELATIVE_URLS = False

FEED_DOMAIN = SITEURL
SITE_FEEDS = {
    "json_feed": "feeds/all.json",
    "sitemap": "sitemap.xml",
    "robots": "robots.txt",
    "atom": "feeds/all.atom.xml",
    "category_atom": "feeds/category/{slug}.atom.xml",
    "tag_atom": "feeds/tag/{slug}.atom.xml",
    "opensearch": "opensearch.xml",
}
