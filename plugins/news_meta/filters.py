"""Pure helpers the theme calls as Jinja filters; nothing here builds markup from strings."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup

from briefing.model import Article as Record

# Characters that could end a <script> element or open a comment inside it, written as JSON
# escapes so the text means the same to a JSON parser (the same set Django's json_script uses).
_SCRIPT_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}
WEB_SCHEMES = frozenset({"http", "https"})


def jsonld(data: Any) -> Markup:
    """Serialise ``data`` with json.dumps, safe to put inside a <script> element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False, indent=2)
    return Markup(text.translate(_SCRIPT_ESCAPES))


def web_url(url: str | None) -> str | None:
    """Return ``url`` when it is an absolute http(s) URL, else None (never javascript: etc.)."""
    if not url:
        return None
    cleaned = url.strip()
    parts = urlsplit(cleaned)
    if parts.scheme.lower() in WEB_SCHEMES and parts.netloc and cleaned.isprintable():
        return cleaned
    return None


def site_href(url: str, siteurl: str = "") -> str:
    """Return a link to a site URL: absolute http(s) and root-relative ones as they are."""
    if web_url(url) or url.startswith("/"):
        return url
    return f"{siteurl}/{url}"


def offset(moment: datetime) -> str:
    """Return the UTC offset of an aware datetime as 'UTC+04:00' ('UTC' when zero)."""
    delta = moment.utcoffset()
    if not delta:
        return "UTC"
    minutes = int(delta.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{mins:02d}"


def day(moment: datetime) -> str:
    """Return '9 March 2026': the day alone, for a date whose time the source did not state."""
    return f"{moment.day} {moment:%B %Y}"


def dateline(moment: datetime | str) -> str:
    """Return '9 March 2026, 09:15 UTC+04:00': the time where the source is, with its offset."""
    if isinstance(moment, str):
        return moment
    return f"{day(moment)}, {moment:%H:%M} {offset(moment)}"


def short_time(moment: datetime) -> str:
    """Return '09:15 UTC+4': the source's local time and a compact offset, for listings.

    A day's list mixes sources in different zones and is ordered by absolute time, so each
    time carries its offset; otherwise 09:00 in Brussels would look out of order above 11:15
    in Tbilisi.
    """
    delta = moment.utcoffset()
    minutes = int(delta.total_seconds()) // 60 if delta else 0
    if not minutes:
        return f"{moment:%H:%M} UTC"
    hours, mins = divmod(abs(minutes), 60)
    sign = "+" if minutes > 0 else "-"
    return f"{moment:%H:%M} UTC{sign}{hours}" + (f":{mins:02d}" if mins else "")


def news_article(article: Any, siteurl: str, default_lang: str = "en") -> dict[str, Any]:
    """Return the schema.org NewsArticle mapping of a Pelican article (its briefing record)."""
    record: Record = article.briefing
    url = site_href(article.url, siteurl)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": record.title,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": record.date.isoformat(),
        "dateModified": (record.modified or record.date).isoformat(),
        "inLanguage": record.lang or default_lang,
        "articleSection": record.category,
        "keywords": list(record.tags),
    }
    if record.summary:
        data["description"] = record.summary
    source_url = web_url(record.source_url)
    if source_url:
        data["isBasedOn"] = source_url
    if record.source:
        publisher: dict[str, Any] = {"@type": "Organization", "name": record.source}
        if source_url:
            parts = urlsplit(source_url)
            publisher["url"] = f"{parts.scheme}://{parts.netloc}/"
        data["publisher"] = publisher
    return data


# What each ``origin`` entry (briefing.normalise) means to a reader; unknown values fall back
# to the generic sentence, so a new origin value never hides the fact that a value is derived.
DERIVED_NOTES: dict[str, dict[str, str]] = {
    "date": {
        "ingested": "Date not stated by the source: the date shown is when the archive took it in.",
        "sidecar": "Date not stated by the source: the date shown comes from the scrape's record.",
        "option": "Date not stated by the source: the date shown was given at ingest.",
        "": "Date not stated by the source.",
    },
    "title": {
        "lede": "Headline not stated by the source: derived from the first sentence.",
        "": "Headline not stated by the source: derived from the text.",
    },
    "timezone": {"": "Time zone not stated by the source: the time is shown in UTC."},
    "category": {"": "Category not stated by the source."},
}

LANGUAGE_NAMES = {
    "ar": "Arabic",
    "az": "Azerbaijani",
    "de": "German",
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "hy": "Armenian",
    "ka": "Georgian",
    "ru": "Russian",
    "tr": "Turkish",
    "uk": "Ukrainian",
}


def derived_notes(origin: dict[str, str]) -> list[str]:
    """Return one sentence per derived value recorded in an article's ``origin``."""
    notes = []
    for key, table in DERIVED_NOTES.items():
        if key in origin:
            notes.append(table.get(origin[key], table[""]))
    return notes


def language_name(code: str) -> str:
    """Return the English name of a language code ('ka' -> 'Georgian'), else the code."""
    return LANGUAGE_NAMES.get(code, code)


def iso(value: datetime | str) -> str:
    """Return a datetime as ISO 8601 (a string is returned as it is)."""
    return value if isinstance(value, str) else value.isoformat()


FILTERS = {
    "derived_notes": derived_notes,
    "language_name": language_name,
    "iso": iso,
    "jsonld": jsonld,
    "web_url": web_url,
    "site_href": site_href,
    "day": day,
    "dateline": dateline,
    "short_time": short_time,
    "utc_offset": offset,
    "news_article": news_article,
}
