"""Pelican settings for the archive (development and `make html`); publishconf.py builds on it."""

from __future__ import annotations

from typing import Any

SITENAME = "Briefing archive"
SITEURL = ""
PATH = "content"
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS: list[str] = []
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%d %B %Y"
THEME = "themes/briefing"

# Our plugins, laid out as the pelican-plugins org does (plugins/pelican/plugins/<name>/) and
# installed with the project (make installs it into .venv): each is pelican.plugins.<name>, and
# a site that pip-installs briefing may list the short name ("read_next") instead.
PLUGINS = [
    "pelican.plugins.briefing_reader",
    "pelican.plugins.incremental",  # the writer: unique_paths, pages kept and rendered in parallel
    "pelican.plugins.news_meta",
    "pelican.plugins.archive_pages",
    "pelican.plugins.read_next",
    "pelican.plugins.site_feeds",
    "pelican.plugins.pagefind_index",
    "pelican.plugins.corpus_export",
    # Writes nothing unless `briefing offline` asks: then the offline index and markup (issue #15).
    "pelican.plugins.offline_search",
    "pelican.plugins.build_progress",  # last: its summary comes after the search index
]

# The archive's export carried by the site (the corpus_export plugin): list formats ("sqlite",
# "jsonl", "csv", "parquet") to write them under corpus/ and link them from the About page.
CORPUS_EXPORT: dict[str, object] = {"formats": []}

# "Read next" blocks (the read_next plugin; every key optional, these are the defaults): count
# links a page; weights of word (TF-IDF), name and tag similarity, the same-category bonus and
# the share of the score that decays with a half-life in days; the least score shown.
READ_NEXT = {
    "count": 5,
    "weights": {"text": 0.7, "entities": 0.2, "tags": 0.1, "category": 0.1, "recency": 0.7},
    "half_life_days": 30.0,
    "min_score": 0.15,
}

# Scraped text is untrusted: every template value is escaped unless marked safe on purpose.
JINJA_ENVIRONMENT = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True}

# URLs that cannot collide: a folder per page, pagination inside the listing's own folder.
ARTICLE_URL = "{date:%Y}/{date:%m}/{date:%d}/{slug}/"
ARTICLE_SAVE_AS = ARTICLE_URL + "index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = PAGE_URL + "index.html"
# An article's language never changes its URL (Pelican would add "-{lang}.html" otherwise).
ARTICLE_LANG_URL = ARTICLE_URL
ARTICLE_LANG_SAVE_AS = ARTICLE_SAVE_AS
PAGE_LANG_URL = PAGE_URL
PAGE_LANG_SAVE_AS = PAGE_SAVE_AS
CATEGORY_URL = "category/{slug}/"
CATEGORY_SAVE_AS = CATEGORY_URL + "index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = TAG_URL + "index.html"
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
CATEGORIES_SAVE_AS = "categories/index.html"
TAGS_SAVE_AS = "tags/index.html"
ARCHIVES_SAVE_AS = "archives/index.html"
ARCHIVES_URL = "archives/"
CATEGORIES_URL = "categories/"
TAGS_URL = "tags/"
SOURCES_SAVE_AS = "sources/index.html"
SOURCES_URL = "sources/"
DIRECT_TEMPLATES = ["index", "categories", "tags", "archives", "sources", "404", "search"]
# Full-text search (the pagefind_index plugin): the page, and the index split into month parts.
SEARCH_SAVE_AS = "search/index.html"
SEARCH_URL = "search/"
PAGEFIND: dict[str, object] = {}
# The home page shows the latest days (the archive_pages plugin), so it is not paginated.
PAGINATED_TEMPLATES = {"category": None, "tag": None}
# Day, month and year pages come from the archive_pages plugin (one page per local day).
ARCHIVE_PAGES = {"home_days": 7}
DEFAULT_PAGINATION = 20


def newest_first(article: Any) -> tuple[float, str]:
    """Order articles newest first, equal times by slug.

    Pelican reads content files in set order (it changes from run to run), so with its default
    "reversed-date" two articles of the same minute swap places between builds.
    """
    return (-article.date.timestamp(), article.slug)


ARTICLE_ORDER_BY = newest_first
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
ARTICLE_TRANSLATION_ID = None
PAGE_TRANSLATION_ID = None
SLUGIFY_SOURCE = "title"

# Feeds are written by publishconf.py for the hosted site (they need an absolute SITEURL):
# the site_feeds plugin writes the Atom feeds too (Pelican's own are off).
SITE_FEEDS = {
    "json_feed": "",
    "sitemap": "",
    "robots": "robots.txt",
    "atom": "",
    "category_atom": "",
    "tag_atom": "",
    "opensearch": "",
}
# Categories named in the header (the biggest); the rest are on the categories page.
HEADER_CATEGORIES = 6
FEED_ALL_ATOM: str | None = None
CATEGORY_FEED_ATOM: str | None = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
DELETE_OUTPUT_DIRECTORY = False

# Sources' sections mapped onto the archive's own categories (briefing.categories): keys are a
# section ("sport") or one source's section ("report.az/world"), case and punctuation ignored.
# Sections not named keep their own (cleaned) name.
CATEGORIES: dict[str, str] = {}

# Incremental, parallel rendering (the incremental plugin): processes that render (0: one per
# core).  `briefing build` sets this dict itself (its --jobs, and the render record's paths).
INCREMENTAL: dict[str, object] = {"jobs": 0}
