"""Pure helpers the theme calls as Jinja filters; nothing here builds markup from strings."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from markupsafe import Markup

from briefing import dating
from briefing.model import Article as Record

from .dates import DATE_FILTERS, iso

if TYPE_CHECKING:
    from pelican.plugins.briefing_reader.types import PelicanArticle

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


def news_article(article: PelicanArticle, siteurl: str, default_lang: str = "en") -> dict[str, Any]:
    """Return the schema.org NewsArticle mapping of a Pelican article (its briefing record).

    Only what the source stated: no ``datePublished`` for a derived date (the ingest day is
    ``dateCreated``, when the archive made its copy), no ``dateModified`` without an update.
    """
    record: Record = article.briefing
    url = site_href(article.url, siteurl)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": record.title,
        "url": url,
        "mainEntityOfPage": url,
    }
    published = dating.published(record)
    if published is not None:
        data["datePublished"] = iso(published)
    else:
        data["dateCreated"] = record.date.date().isoformat()
    updated = dating.modified(record)
    if updated is not None:
        data["dateModified"] = updated.isoformat()
    data["inLanguage"] = record.lang or default_lang
    data["articleSection"] = record.category
    if record.tags:
        data["keywords"] = list(record.tags)
    if record.authors:
        data["author"] = [{"@type": "Person", "name": name} for name in record.authors]
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


def headline_derived(record: Record) -> bool:
    """Return True when the source stated no headline and ingest took one from the text."""
    return "title" in record.origin


def language_name(code: str) -> str:
    """Return the English name of a language code ('ka' -> 'Georgian'), else the code."""
    return LANGUAGE_NAMES.get(code, code)


# Scripts written right to left (ISO 639-1): Arabic, Persian, Hebrew, Urdu, Pashto, Yiddish,
# Sindhi, Uyghur, Dhivehi, Kurdish (Sorani is "ckb", three letters).
RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur", "ps", "yi", "sd", "ug", "dv", "ckb"})
# og:locale wants language_TERRITORY; the territory where each language is mostly written.
LOCALES = {
    "ar": "ar_AR",
    "az": "az_AZ",
    "da": "da_DK",
    "de": "de_DE",
    "en": "en_US",
    "es": "es_ES",
    "fa": "fa_IR",
    "fr": "fr_FR",
    "he": "he_IL",
    "hy": "hy_AM",
    "id": "id_ID",
    "it": "it_IT",
    "ja": "ja_JP",
    "ka": "ka_GE",
    "ko": "ko_KR",
    "nb": "nb_NO",
    "nl": "nl_NL",
    "pt": "pt_PT",
    "ru": "ru_RU",
    "tr": "tr_TR",
    "uk": "uk_UA",
}


def text_dir(lang: str | None) -> str:
    """Return 'rtl' for a language written right to left, else 'ltr'."""
    return "rtl" if (lang or "").split("-")[0].lower() in RTL_LANGUAGES else "ltr"


def og_locale(lang: str | None) -> str | None:
    """Return the OpenGraph locale of a language ('en' -> 'en_US'), None when unknown."""
    return LOCALES.get((lang or "").split("-")[0].lower())


def biggest(categories: Sequence[tuple[Any, Sequence[Any]]], count: int) -> list[Any]:
    """Return the ``count`` categories with the most articles, in alphabetical order."""
    ranked = sorted(categories, key=lambda kv: (-len(kv[1]), str(kv[0]).casefold()))
    return sorted((c for c, _ in ranked[:count]), key=lambda c: str(c).casefold())


FILTERS = {
    **DATE_FILTERS,
    "derived_notes": derived_notes,
    "headline_derived": headline_derived,
    "language_name": language_name,
    "jsonld": jsonld,
    "web_url": web_url,
    "site_href": site_href,
    "news_article": news_article,
    "text_dir": text_dir,
    "og_locale": og_locale,
    "biggest": biggest,
}
