"""The one contract between the normaliser and the site: Markdown files with YAML front matter.

``dump`` turns an :class:`~briefing.model.Article` into the text of its ``.md`` file and ``load``
turns that text back into the same record (``load(dump(a)) == a``).  The writer, the ``.md``
pass-through input and the Pelican reader plugin all go through these two functions.

File layout::

    ---
    <YAML mapping, written by yaml.safe_dump>
    ---

    <Markdown body>
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import yaml

from briefing import dating
from briefing.model import KINDS, Article, Kind, Revision, SourceItem, Translation

DELIMITER = "---"
# The closing delimiter is the first line that is exactly "---".  yaml.safe_dump never writes
# such a line inside a block mapping (continuation lines of multi-line scalars are indented).
_FRONT_MATTER = re.compile(r"\A---\n(?P<yaml>.*?\n)?---(?:\n|\Z)", re.DOTALL)
# libyaml's C loader and dumper when PyYAML has them (10x faster over a large archive).
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\Z")  # \Z: "$" lets a final newline in
# A BCP 47 language tag in canonical case: language (ISO 639-1, or 639-2/3 where a language has
# no two-letter code: "pcm"), then optional script and region ("zh-Hant", "pt-BR", "es-419").
LANG_RE = re.compile(r"^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?\Z")
_LANG_PARTS = re.compile(r"^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{4}))?(?:[-_]([A-Za-z]{2}|[0-9]{3}))?$")


def language_tag(value: str) -> str | None:
    """Return ``value`` as a canonical language tag ("EN" -> "en", "pt_br" -> "pt-BR"), or None."""
    match = _LANG_PARTS.match(value.strip())
    if not match:
        return None
    language, script, region = match.groups()
    parts = [language.lower(), script.title() if script else "", region.upper() if region else ""]
    return "-".join(p for p in parts if p)


# Field order in the written file: the order a reader of the raw file expects.
FIELDS = (
    "title",
    "slug",
    "kind",
    "date",
    "modified",
    "category",
    "tags",
    "authors",
    "source",
    "source_url",
    "source_file",
    "lang",
    "summary",
    "translations",
    "read_next",
    "read_next_pins",
    "fingerprint",
    "origin",
    "previous_versions",
    "as_ingested",
)
_ITEM_FIELDS = ("title", "summary", "time", "category", "photo", "slug")
_TRANSLATION_FIELDS = ("lang", "title", "url")
_REVISION_FIELDS = ("fingerprint", "title", "until", "source_file", "body")


class FrontMatterError(ValueError):
    """The text is not a valid article file; the message says which field and why."""


# ----------------------------------------------------------------------------- dumping


def to_mapping(article: Article) -> dict[str, Any]:
    """Return the front-matter mapping of an article, empty fields omitted, in FIELDS order."""
    data: dict[str, Any] = {
        "title": article.title,
        "slug": article.slug,
        "kind": article.kind,
        "date": article.date.isoformat(),
        "modified": article.modified.isoformat() if article.modified else None,
        "category": article.category,
        "tags": list(article.tags),
        "authors": list(article.authors),
        "source": article.source,
        "source_url": article.source_url,
        "source_file": article.source_file,
        "lang": article.lang,
        "summary": article.summary,
        "translations": [_compact(t.__dict__, _TRANSLATION_FIELDS) for t in article.translations],
        "read_next": [_compact(i.__dict__, _ITEM_FIELDS) for i in article.read_next],
        "read_next_pins": list(article.read_next_pins),
        "fingerprint": article.fingerprint,
        "origin": dict(sorted(article.origin.items())),
        "previous_versions": [_revision_mapping(r) for r in article.previous_versions],
        "as_ingested": dict(sorted(article.as_ingested.items())),
    }
    return _compact(data, FIELDS)


def _revision_mapping(revision: Revision) -> dict[str, Any]:
    data = dict(revision.__dict__, until=revision.until.isoformat() if revision.until else None)
    return _compact(data, _REVISION_FIELDS)


def _compact(data: Mapping[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    """Keep the keys of ``order`` whose values are not empty (None, "", [], {}, False)."""
    return {k: data[k] for k in order if data.get(k) not in (None, "", [], {}, False)}


def dump(article: Article) -> str:
    """Return the full text of the article's Markdown file."""
    header = yaml.dump(
        to_mapping(article),
        Dumper=_DUMPER,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=4096,
    )
    text = f"{DELIMITER}\n{header}{DELIMITER}\n"
    if article.body:
        text += f"\n{article.body}\n"
    return text


# ----------------------------------------------------------------------------- loading


def split(text: str) -> tuple[dict[str, Any], str]:
    """Split a file's text into its front-matter mapping and its Markdown body."""
    match = _FRONT_MATTER.match(text)
    if not match:
        raise FrontMatterError("no front matter: the file must start with a '---' line")
    try:
        data = yaml.load(match.group("yaml") or "", Loader=_LOADER)  # a safe loader class
    except yaml.YAMLError as exc:
        reason = str(exc).replace("\n", " ")
        raise FrontMatterError(f"front matter is not valid YAML: {reason}") from None
    except (ValueError, RecursionError) as exc:  # e.g. an unquoted impossible date 2026-02-30
        raise FrontMatterError(f"front matter holds an impossible value: {exc}") from None
    if not isinstance(data, dict):
        raise FrontMatterError("front matter must be a YAML mapping")
    body = text[match.end() :]
    if body.startswith("\n"):
        body = body[1:]
    if body.endswith("\n"):
        body = body[:-1]
    return data, body


def load(text: str) -> Article:
    """Parse the text of an article file, validating every field of the contract."""
    data, body = split(text)
    return from_mapping(data, body)


def from_mapping(data: Mapping[str, Any], body: str = "") -> Article:
    """Build an Article from a front-matter mapping; raise FrontMatterError naming the field."""
    unknown = sorted(set(map(str, data)) - set(FIELDS))
    if unknown:
        raise FrontMatterError(f"unknown field(s): {', '.join(unknown)}")
    slug = _req_str(data, "slug")
    if not SLUG_RE.match(slug):
        raise FrontMatterError(f"field 'slug': {slug!r} is not lowercase ASCII words and dashes")
    lang = _opt_str(data, "lang")
    if lang is not None and not LANG_RE.match(lang):
        raise FrontMatterError(f"field 'lang': {lang!r} is not a language tag (e.g. en, pt-BR)")
    kind = data.get("kind", "article")
    if kind not in KINDS:
        raise FrontMatterError(f"field 'kind': {kind!r} is not one of {', '.join(KINDS)}")
    try:
        return Article(
            title=_req_str(data, "title"),
            slug=slug,
            kind=_kind(kind),
            date=_datetime(data, "date"),
            modified=_datetime(data, "modified") if "modified" in data else None,
            category=_req_str(data, "category"),
            tags=_str_list(data, "tags"),
            authors=_str_list(data, "authors"),
            source=_opt_str(data, "source"),
            source_url=_opt_str(data, "source_url"),
            source_file=_opt_str(data, "source_file"),
            lang=lang,
            summary=_opt_str(data, "summary"),
            translations=tuple(_translation(t) for t in _list(data, "translations")),
            read_next=tuple(_item(i) for i in _list(data, "read_next")),
            read_next_pins=_str_list(data, "read_next_pins"),
            fingerprint=_opt_str(data, "fingerprint") or "",
            origin=_str_map(data, "origin"),
            previous_versions=tuple(_revision(r) for r in _list(data, "previous_versions")),
            as_ingested=_str_map(data, "as_ingested"),
            body=body,
        )
    except ValueError as exc:
        if isinstance(exc, FrontMatterError):
            raise
        raise FrontMatterError(str(exc)) from None


def _kind(value: str) -> Kind:
    return "brief" if value == "brief" else "article"


def _req_str(data: Mapping[str, Any], key: str) -> str:
    value = _opt_str(data, key)
    if value is None or not value.strip():
        raise FrontMatterError(f"field '{key}' is required and must be a non-empty string")
    return value


def _opt_str(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise FrontMatterError(f"field '{key}' must be a string, not {type(value).__name__}")
    return value


def _datetime(data: Mapping[str, Any], key: str) -> datetime:
    value = data.get(key)
    if not isinstance(value, str | date):
        raise FrontMatterError(f"field '{key}' is required: an ISO 8601 date with a UTC offset")
    try:
        return dating.aware(value)
    except ValueError as exc:
        raise FrontMatterError(f"field '{key}': {exc}") from None


def _list(data: Mapping[str, Any], key: str) -> list[Any]:
    value = data.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list):
        raise FrontMatterError(f"field '{key}' must be a list")
    return value


def _str_list(data: Mapping[str, Any], key: str) -> tuple[str, ...]:
    values = _list(data, key)
    if not all(isinstance(v, str) for v in values):
        raise FrontMatterError(f"field '{key}' must be a list of strings")
    return tuple(values)


def _str_map(data: Mapping[str, Any], key: str) -> dict[str, str]:
    value = data.get(key, {})
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise FrontMatterError(f"field '{key}' must be a mapping of strings to strings")
    return dict(value)


def _sub_mapping(value: Any, key: str, allowed: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise FrontMatterError(f"field '{key}': every entry must be a mapping")
    unknown = sorted(set(map(str, value)) - set(allowed))
    if unknown:
        raise FrontMatterError(f"field '{key}': unknown key(s) {', '.join(unknown)}")
    return value


def _translation(value: Any) -> Translation:
    entry = _sub_mapping(value, "translations", _TRANSLATION_FIELDS)
    lang = _req_str(entry, "lang")
    if not LANG_RE.match(lang):
        raise FrontMatterError(
            f"field 'translations': {lang!r} is not a language tag (e.g. en, pt-BR)"
        )
    return Translation(lang=lang, title=_req_str(entry, "title"), url=_opt_str(entry, "url"))


def _item(value: Any) -> SourceItem:
    entry = _sub_mapping(value, "read_next", _ITEM_FIELDS)
    photo = entry.get("photo", False)
    if not isinstance(photo, bool):
        raise FrontMatterError("field 'read_next': 'photo' must be true or false")
    item = SourceItem(
        title=_opt_str(entry, "title"),
        summary=_opt_str(entry, "summary"),
        time=_opt_str(entry, "time"),
        category=_opt_str(entry, "category"),
        photo=photo,
        slug=_opt_str(entry, "slug"),
    )
    if not (item.title or item.summary):
        raise FrontMatterError("field 'read_next': every item needs a title or a summary")
    return item


def _revision(value: Any) -> Revision:
    entry = _sub_mapping(value, "previous_versions", _REVISION_FIELDS)
    return Revision(
        fingerprint=_req_str(entry, "fingerprint"),
        title=_req_str(entry, "title"),
        body=_opt_str(entry, "body") or "",
        until=_datetime(entry, "until") if "until" in entry else None,
        source_file=_opt_str(entry, "source_file"),
    )
