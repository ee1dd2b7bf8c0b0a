"""Publication dates in the many ways pages write them, parsed by dateparser.

Only lines that pass the cheap ``DATE_HINT`` pre-filter and are short enough to be a dateline
reach dateparser; the line is cut at the separators pages put between dateline parts and each
part is tried whole before the slower ``search_dates`` scan.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, tzinfo
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
# Words that date a line relative to when it was read: "5 hours ago", "Heute, 12:37 Uhr".
_RELATIVE = re.compile(
    r"\b(?:ago|vor|hace|fa|il y a|siden|sedan|yang lalu|назад|today|yesterday|heute|gestern|"
    r"hoy|ayer|aujourd'hui|hier|oggi|ieri|i dag|i går|i gær|idag|igår|hari ini|kemarin)\b|前",
    re.IGNORECASE,
)
_KNOWN = frozenset(language_order)  # locales dateparser ships; others fall back to detection
# A year: four digits, a CJK year, or the two-digit year of a numeric date ("25.4.24").
_YEAR = re.compile(r"\b(?:19|20)\d\d\b|\d年|\b\d{1,2}[./]\d{1,2}[./]\d{2}\b")
_DOTTED = re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{2,4}\b")
_NUMERIC = re.compile(r"\b(?P<a>\d{1,2})[./-](?P<b>\d{1,2})[./-](?:19|20)?\d\d\b")
# A clock time; "kl 10.23" and "10h30" are times too, "25.4.24" is not.
_CLOCK = re.compile(r"\d{1,2}[:h]\d{2}\b|\bkl\.?\s*\d{1,2}[.:]\d{2}\b", re.IGNORECASE)
# Fetch times are recorded late or in another zone: a dateline up to a day ahead is kept.
MAX_AHEAD = timedelta(days=1)
# Without a fetch time, a date is parsed against two relative bases this far apart; one that
# differs between them was counted from the clock (any distance that is not a whole year works).
_OTHER_BASE = timedelta(days=9, hours=7, minutes=13)
RELATIVE_TAIL_WORDS = 4  # "1 day ago", "vor 2 Std.", "il y a 3 heures": up to four words
# The cue words of ``DATE_CUE`` that mark an update, not the publication: a part they open
# dates the line only when no other part does ("Updated: 19 Nov ... | Published: 18 Nov").
UPDATE_CUE = re.compile(
    r"\b(?:updated|aktualisiert|actualizado|aggiornato|mis à jour|oppdatert|обновлено)\b|更新",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FoundDate:
    """A date found on one line: aware when the text states a zone, else naive."""

    line: int  # 0-based index into the page's lines
    value: datetime
    has_time: bool
    relative: bool
    cue: bool  # the line says "Published", "Stand", ... before the date
    words: float = 0.0  # length of the line, for preferring lines that are only a date
    clock_only: bool = False  # a bare "16:30": the fetch day, unless a dated line is near
    updated: bool = False  # an update stamp ("Updated Nov 13, 2019"), not the publication
    modified: datetime | None = None  # the update stamp beside the publication on the line


def parse_line(
    line: str, lang: str | None, base: datetime | None, order: str | None = None
) -> FoundDate | None:
    """Return the date a short dateline states, or None (line index left at 0).

    The line is read part by part ("Published Jun 04, 2026 • Last updated 1 day ago"): a
    relative part needs the fetch time ``base`` and is skipped without one, so the absolute
    part still dates the line.  ``order`` ("DMY" / "MDY") is the page's day/month order when
    the page shows it; a date after the fetch time is refused (a dateline cannot be later).
    """
    if len(line.split()) > MAX_DATELINE_WORDS or not DATE_HINT.search(line):
        return None
    languages = list(dict.fromkeys([lang, "en"])) if lang is not None and lang in _KNOWN else None
    cued = _parts(line)
    parts = [part for part, _ in cued]
    if base is not None and len(parts) == 1 and (clock := _TIME_ONLY.match(parts[0])):
        found = _found(line, _on_fetch_day(clock.group(0), base), True, base)
        return replace(found, clock_only=True) if found else None
    # The publication's parts first: an update stamp dates the line only when nothing else does.
    for i in sorted(range(len(parts)), key=lambda k: cued[k][1]):
        hit = _part_value(parts, i, lang, languages, base, order)
        if hit is None:
            continue
        found = _found(line, hit[0], hit[1], base)
        if found is None:
            return None
        if cued[i][1]:
            return replace(found, updated=True)
        return replace(found, modified=_update_stamp(cued, lang, languages, base, order))
    if _RELATIVE.search(line) and base is None:
        return None
    if not _YEAR.search(line) and base is None:
        return None
    value = _search(line, languages, _settings(line, lang, base, order))
    found = _found(line, value, bool(_RELATIVE.search(line)), base) if value else None
    # Found in the whole line: an update stamp when every cue on it says so.
    only_updates = all(updated for _, updated in cued) and bool(UPDATE_CUE.search(line))
    return replace(found, updated=only_updates) if found else None


def _update_stamp(
    cued: list[tuple[str, bool]],
    lang: str | None,
    languages: list[str] | None,
    base: datetime | None,
    order: str | None,
) -> datetime | None:
    """Return the date the line's first update part states ("| Updated 19 Nov 2024 10:00am"),
    or None.  A relative stamp ("Updated 2 hours ago") counts from the fetch time's clock,
    not the publication's, and one later than the fetch time states nothing: neither is kept."""
    parts = [part for part, _ in cued]
    for k, (_, updated) in enumerate(cued):
        hit = _part_value(parts, k, lang, languages, base, order) if updated else None
        if hit is None or hit[1]:
            continue
        if base is None or _naive(hit[0]) <= _naive(base) + MAX_AHEAD:
            return hit[0]
    return None


def _part_value(
    parts: list[str],
    i: int,
    lang: str | None,
    languages: list[str] | None,
    base: datetime | None,
    order: str | None,
) -> tuple[datetime, bool] | None:
    """Return the date dateline part ``i`` states and whether it is relative, or None.

    A bare clock time in the next part is the part's time ("18 Nov 2024 | 9:26pm").
    """
    part = parts[i]
    relative = bool(_RELATIVE.search(part))
    if relative and base is None:
        # "Nov 19, 2019 at 9:08 GMT 1 day ago": the absolute head still dates the line.
        part, relative = _absolute_head(part, languages, _settings("", lang, None, order)), False
    if _TIME_ONLY.match(part) or not DATE_HINT.search(part) or (relative and base is None):
        return None
    if not relative and base is None and not _YEAR.search(part):
        return None
    settings = _settings(part, lang, base, order)
    value = _parse(part, languages, settings)
    if value is None and relative and languages is not None:
        # "vor 2 Std." on a page whose text reads as English: the words name the language.
        value = _parse(part, None, settings)
    if value is None:
        return None
    if i + 1 < len(parts) and _TIME_ONLY.match(parts[i + 1]) and not relative:
        value = _parse(f"{part} {parts[i + 1]}", languages, settings) or value
    return value, relative


def _on_fetch_day(text: str, base: datetime) -> datetime:
    """Return a dateline's bare clock time ("16:30") on the fetch day, or the day before
    when that time is still ahead of the fetch time."""
    hour, minute = (int(n) for n in re.findall(r"\d+", text)[:2])
    if re.search(r"pm\b", text, re.IGNORECASE) and hour < 12:
        hour += 12
    value = _naive(base).replace(hour=hour % 24, minute=minute % 60, second=0, microsecond=0)
    return value - timedelta(days=1) if value > _naive(base) else value


def _found(line: str, value: datetime, relative: bool, base: datetime | None) -> FoundDate | None:
    clock = bool(_CLOCK.search(line))
    aware_base = base is not None and base.utcoffset() is not None
    if relative and not clock and aware_base and base is not None and value.tzinfo is None:
        # "vor 2 Std." is an interval before an aware fetch time; "Heute, 12:37" is a clock
        # time in the page's own zone, which the fetch time does not tell.
        value = value.replace(tzinfo=base.tzinfo)
    if base is not None and _naive(value) > _naive(base) + MAX_AHEAD:
        return None  # later than the page was fetched: another date (an event, a deadline)
    return FoundDate(0, value, clock or relative, relative, bool(DATE_CUE.search(line)))


def _naive(value: datetime) -> datetime:
    return value.replace(tzinfo=None)


def _settings(
    part: str, lang: str | None, base: datetime | None, order: str | None
) -> dict[str, Any]:
    # RETURN_AS_TIMEZONE_AWARE is left unset on purpose: then dateparser returns an aware
    # datetime exactly when the text names a zone ("EST", "+02:00", "Z") and a naive one
    # otherwise, which the normaliser records as "zone unknown".  True would stamp the
    # machine's local zone on naive dates; False would drop zones the page states.
    settings: dict[str, Any] = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first"}
    if not _RELATIVE.search(part):
        # "mandag 5. august kl. 14:47": no year on this year's pages; the fetch time gives it.
        has_year = bool(_YEAR.search(part))
        settings["REQUIRE_PARTS"] = _REQUIRE if has_year or base is None else ["day", "month"]
    if base is not None:
        settings["RELATIVE_BASE"] = _naive(base)
    if order is not None:
        settings["DATE_ORDER"] = order
    # Dotted numeric dates are day-first everywhere; slashes are month-first only in English.
    elif _DOTTED.search(part) or (lang is not None and lang != "en"):
        settings["DATE_ORDER"] = "DMY"
    return settings


def page_order(texts: list[str]) -> str | None:
    """Return the page's numeric day/month order when one of its dates shows it, else None.

    "13/01/2026" can only be day-first, "01/13/2026" only month-first; a page writes all its
    dates one way, so one such date settles "06/01/2026" elsewhere on it.
    """
    for text in texts:
        for m in _NUMERIC.finditer(text):
            first, second = int(m["a"]), int(m["b"])
            if first > 12 >= second:
                return "DMY"
            if second > 12 >= first:
                return "MDY"
    return None


def _clean(part: str) -> str:
    part = DATE_CUE.sub(" ", part)
    part = _LABEL.sub("", part.strip())
    return " ".join(_FILLER.sub(" ", part).split()).strip(" ,:")


def _parts(line: str) -> list[tuple[str, bool]]:
    """Return the line's dateline parts, cleaned, each with whether an update cue opens it."""
    # "Published 18 Nov 2024 9:26pm Updated 19 Nov...": each cue word starts a new part.
    marked = DATE_CUE.sub(lambda m: " | " + m.group(0), line)
    cleaned = ((_clean(p), bool(UPDATE_CUE.search(p))) for p in DATE_SEPARATORS.split(marked))
    return [(part, updated) for part, updated in cleaned if part]


def _absolute_head(part: str, languages: list[str] | None, settings: dict[str, Any]) -> str:
    """Return the words of ``part`` before its relative phrase that state a date, else "".

    Without a fetch time a relative phrase dates nothing, but the absolute date written
    before it still does; up to ``RELATIVE_TAIL_WORDS`` trailing words are dropped.
    """
    words = part.split()
    for drop in range(1, min(RELATIVE_TAIL_WORDS, len(words) - 1) + 1):
        head = " ".join(words[:-drop])
        if _YEAR.search(head) and not _RELATIVE.search(head) and _parse(head, languages, settings):
            return head
    return ""


def _clock_free(settings: dict[str, Any]) -> dict[str, Any] | None:
    """The settings again with another relative base, when no fetch time gave one.

    dateparser counts "now", "20 minutes" or a missing year from its relative base, which is
    the machine's clock when no fetch time is known: a value that moves with the base came
    from the clock, not from the page, and is refused.
    """
    if "RELATIVE_BASE" in settings:
        return None
    return {**settings, "RELATIVE_BASE": datetime.now() - _OTHER_BASE}


def _parse(text: str, languages: list[str] | None, settings: dict[str, Any]) -> datetime | None:
    value: datetime | None = dateparser.parse(text, languages=languages, settings=settings)
    other = _clock_free(settings)
    if value is None or other is None:
        return value
    again = dateparser.parse(text, languages=languages, settings=other)
    return value if again == value else None  # else counted from the clock: "is now available"


def _search(line: str, languages: list[str] | None, settings: dict[str, Any]) -> datetime | None:
    found = search_dates(_clean(line), languages=languages, settings=settings)
    if not found:
        return None
    other = _clock_free(settings)
    if other is not None:  # keep only what the page states, not what the clock gave
        again = dict(search_dates(_clean(line), languages=languages, settings=other) or [])
        found = [(text, value) for text, value in found if again.get(text) == value]
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
