"""JSON and JSON Lines scraper output: one article per record, common field names."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from briefing.extraction import ExtractContext, Extracted, RecordError
from briefing.generic import dates, zones
from briefing.generic.bylines import names as byline_names
from briefing.generic.html import extract_html
from briefing.generic.lang import detect_language
from briefing.generic.meta import split_tags
from briefing.generic.structured import names as schema_names
from briefing.text import clean_text

# Field names scrapers use, in order of preference (first non-empty wins).
TITLE_FIELDS = ("title", "headline", "name")
URL_FIELDS = ("url", "link", "source_url", "canonical_url")
AUTHOR_FIELDS = ("authors", "author", "byline", "creator")
MODIFIED_FIELDS = ("modified", "dateModified", "updated", "updated_at", "date_modified")
DATE_FIELDS = ("date", "published", "datePublished", "published_at", "pubDate", "publish_date")
TEXT_FIELDS = ("text", "content", "body", "articleBody", "maintext")
HTML_FIELDS = ("html", "content_html", "body_html")
CATEGORY_FIELDS = ("category", "section", "articleSection")
TAG_FIELDS = ("tags", "keywords")
SOURCE_FIELDS = ("source", "source_name", "site_name", "sitename", "site", "publisher")
LANG_FIELDS = ("lang", "language", "inLanguage")
# A JSON document holding the records under one of these keys ({"articles": [...]}).
LIST_KEYS = ("articles", "items", "records", "data", "results")


def extract_records(text: str, ctx: ExtractContext) -> list[Extracted | RecordError]:
    """Return one Extracted per record of a JSON array/object or JSON Lines text."""
    stripped = text.lstrip()
    if stripped.startswith(("[", "{")):
        try:
            return _from_json(json.loads(text), ctx)
        except json.JSONDecodeError:
            if stripped.startswith("["):
                return [RecordError("document", "not valid JSON")]
    return _from_lines(text, ctx)  # JSON Lines: one object per line


def _from_json(data: object, ctx: ExtractContext) -> list[Extracted | RecordError]:
    if isinstance(data, Mapping):
        found = next((data[k] for k in LIST_KEYS if isinstance(data.get(k), list)), None)
        data = found if found is not None else [data]
    if not isinstance(data, list):
        return [RecordError("document", "expected a JSON array or object")]
    return [_record(item, f"index {i}", ctx) for i, item in enumerate(data)]


def _from_lines(text: str, ctx: ExtractContext) -> list[Extracted | RecordError]:
    out: list[Extracted | RecordError] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"line {number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            out.append(RecordError(where, f"not valid JSON ({exc.msg})"))
            continue
        out.append(_record(item, where, ctx))
    return out


def _record(item: object, where: str, ctx: ExtractContext) -> Extracted | RecordError:
    if not isinstance(item, Mapping):
        return RecordError(where, "record is not a JSON object")
    body = _first(item, TEXT_FIELDS)
    html = _first(item, HTML_FIELDS)
    from_html = extract_html(html, ctx) if html and not body else None
    paragraphs = _paragraphs(body) if body else (from_html.paragraphs if from_html else ())
    if not paragraphs:
        return RecordError(
            where, "record has no body (" + "/".join(TEXT_FIELDS + HTML_FIELDS) + ")"
        )
    date, modified = (dates.from_metadata(_first(item, f)) for f in (DATE_FIELDS, MODIFIED_FIELDS))
    if zones.ambiguous(date) or zones.ambiguous(modified):  # "10:30 IST" in a record
        clues = zones.evidence(
            (str(v) for v in item.values() if isinstance(v, str)),
            (_first(item, URL_FIELDS), ctx.source_url, _first(item, SOURCE_FIELDS), ctx.source),
            (_first(item, LANG_FIELDS),),
        )
        date, modified = (zones.settle(v, clues) if v else v for v in (date, modified))
    title = _first(item, TITLE_FIELDS) or (from_html.title if from_html else None)
    return Extracted(
        title=clean_text(title) if title else None,
        date=date or (from_html.date if from_html else None),
        modified=modified,
        category=_first(item, CATEGORY_FIELDS),
        tags=_tags(_value(item, TAG_FIELDS)),
        authors=_authors(_value(item, AUTHOR_FIELDS)) or (from_html.authors if from_html else ()),
        paragraphs=paragraphs,
        blocks=from_html.blocks if from_html and not body else (),
        source=_first(item, SOURCE_FIELDS),
        source_url=_first(item, URL_FIELDS) or ctx.source_url,
        lang=_first(item, LANG_FIELDS) or detect_language(" ".join(paragraphs)),
        origin={"extractor": "generic-records"},
    )


def _value(item: Mapping[str, Any], fields: tuple[str, ...]) -> object:
    for name in fields:
        value = item.get(name)
        if value not in (None, "", [], {}):
            return value
    return None


def _first(item: Mapping[str, Any], fields: tuple[str, ...]) -> str | None:
    value = _value(item, fields)
    if isinstance(value, list):  # "section": ["Politics"], "articleSection": [...]
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _paragraphs(body: str) -> tuple[str, ...]:
    return tuple(p for p in (clean_text(x) for x in body.split("\n")) if p)


def _authors(value: object) -> tuple[str, ...]:
    """Return the names of an author field: "A, B and C", a list of names or of Persons."""
    if isinstance(value, str):
        return byline_names(value.removeprefix("By ").removeprefix("by "))
    return schema_names(value)


def _tags(value: object) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        return ()
    return split_tags(clean_text(t) for t in items if isinstance(t, str))
