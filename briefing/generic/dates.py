"""Publication dates in the many ways pages write them, parsed by dateparser.

Only lines that pass the cheap ``DATE_HINT`` pre-filter and are short enough to be a dateline
reach dateparser; the line is cut at the separators pages put between dateline parts and each
part is tried whole before the slower ``search_dates`` scan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

import dateparser
from dateparser.data.languages_info import language_order
from dateparser.search import search_dates

from briefing.generic.patterns import DATE_CUE, DATE_HINT, DATE_SEPARATORS

MAX_DATELINE_WORDS = 30  # datelines with byline and section run to ~25 words; prose runs longer
# Absolute dates must name day, month and year: "WM 2026" or "Juni 2024" is not a dateline.
_REQUIRE = ["day", "month", "year"]
_TIME_ONLY = re.compile(r"^\d{1,2}[:.h]\d{2}(?:\s*(?:uhr|h|am|pm|[A-Z]{2,4}))?$", re.IGNORECASE)
_LABEL = re.compile(r"^[^\d:]{1,25}:\s*")  # "Stand: ", "Published on: "
_FILLER = re.compile(r"\b(?:am|um|on|at|le|el|il|den|der|à|a las|alle|kl\.?)\s+", re.IGNORECASE)
_RELATIVE = re.compile(
    r"\b(?:ago|vor|hace|fa|il y a|siden|sedan|yang lalu|назад)\b|前", re.IGNORECASE
)
_KNOWN = frozenset(language_order)  # locales dateparser ships; others fall back to detection
_YEAR = re.compile(r"\b(?:19|20)\d\d\b|\d年")
_DOTTED = re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{2,4}\b")


@dataclass(frozen=True)
class FoundDate:
    """A date found on one line: aware when the text states a zone, else naive."""

    line: int  # 0-based index into the page's lines
    value: datetime
    has_time: bool
    relative: bool
    cue: bool  # the line says "Published", "Stand", ... before the date
    words: float = 0.0  # length of the line, for preferring lines that are only a date


def parse_line(line: str, lang: str | None, base: datetime | None) -> FoundDate | None:
    """Return the date a short dateline states, or None (line index left at 0)."""
    if len(line.split()) > MAX_DATELINE_WORDS or not DATE_HINT.search(line):
        return None
    if not _YEAR.search(line) and not _RELATIVE.search(line) and base is None:
        return None
    relative = bool(_RELATIVE.search(line))
    if relative and base is None:
        return None
    settings = _settings(line, lang, base)
    languages = list(dict.fromkeys([lang, "en"])) if lang is not None and lang in _KNOWN else None
    value = _parse_parts(line, languages, settings)
    if value is None:
        value = _search(line, languages, settings)
    if value is None:
        return None
    if relative and base is not None and base.tzinfo is not None and value.tzinfo is None:
        value = value.replace(tzinfo=base.tzinfo)  # relative to an aware fetch time
    has_time = bool(re.search(r"\d{1,2}[:.h]\d{2}(?!\.\d)", line)) or relative
    return FoundDate(0, value, has_time, relative, bool(DATE_CUE.search(line)))


def _settings(line: str, lang: str | None, base: datetime | None) -> dict[str, Any]:
    # RETURN_AS_TIMEZONE_AWARE is left unset on purpose: then dateparser returns an aware
    # datetime exactly when the text names a zone ("EST", "+02:00", "Z") and a naive one
    # otherwise, which the normaliser records as "zone unknown".  True would stamp the
    # machine's local zone on naive dates; False would drop zones the page states.
    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first"}
    if not _RELATIVE.search(line):
        # "mandag 5. august kl. 14:47": no year on this year's pages; the fetch time gives it.
        has_year = bool(_YEAR.search(line))
        settings["REQUIRE_PARTS"] = _REQUIRE if has_year or base is None else ["day", "month"]
    if base is not None:
        settings["RELATIVE_BASE"] = base.replace(tzinfo=None)
    # Dotted numeric dates are day-first everywhere; slashes are month-first only in English.
    if _DOTTED.search(line) or (lang is not None and lang != "en"):
        settings["DATE_ORDER"] = "DMY"
    return settings


def _clean(part: str) -> str:
    part = DATE_CUE.sub(" ", part)
    part = _LABEL.sub("", part.strip())
    return " ".join(_FILLER.sub(" ", part).split()).strip(" ,:")


def _parse_parts(
    line: str, languages: list[str] | None, settings: dict[str, Any]
) -> datetime | None:
    # "Published 18 Nov 2024 9:26pm Updated 19 Nov...": each cue word starts a new part.
    marked = DATE_CUE.sub(lambda m: " | " + m.group(0), line)
    parts = [_clean(p) for p in DATE_SEPARATORS.split(marked)]
    parts = [p for p in parts if p]
    for i, part in enumerate(parts):
        if _TIME_ONLY.match(part) or not DATE_HINT.search(part):
            continue
        value = _parse(part, languages, settings)
        if value is None:
            continue
        if i + 1 < len(parts) and _TIME_ONLY.match(parts[i + 1]):
            joined = _parse(f"{part} {parts[i + 1]}", languages, settings)
            value = joined or value
        return value
    return None


def _parse(text: str, languages: list[str] | None, settings: dict[str, Any]) -> datetime | None:
    value: datetime | None = dateparser.parse(text, languages=languages, settings=settings)
    return value


def _search(line: str, languages: list[str] | None, settings: dict[str, Any]) -> datetime | None:
    found = search_dates(_clean(line), languages=languages, settings=settings)
    if not found:
        return None
    for i, (text, value) in enumerate(found):
        if _TIME_ONLY.match(text.strip()):
            continue
        if i + 1 < len(found) and _TIME_ONLY.match(found[i + 1][0].strip()):
            t = found[i + 1][1]
            value = value.replace(hour=t.hour, minute=t.minute)
        result: datetime = value
        return result
    return None


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}(?:$|[T ])")


def from_metadata(value: str | None) -> datetime | None:
    """Return the date of a metadata field: ISO 8601 as it is, else the first date in the text."""
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        if _ISO_DAY.match(value.strip()):  # "2026-13-01": impossible, never read as 13 January
            return None
        found = parse_line(value, None, None)
        return found.value if found else None


def zone_of(value: datetime) -> tzinfo | None:
    """Return the zone a parsed date carries, or None when the text named none."""
    return value.tzinfo if value.utcoffset() is not None else None
