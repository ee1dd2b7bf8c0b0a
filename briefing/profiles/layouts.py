"""Parsers for the known dump layouts; each is ``(Profile, text) -> Extracted`` and pure."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from briefing.extraction import Decision, Extracted
from briefing.model import SourceItem, Translation

if TYPE_CHECKING:
    from briefing.profiles import Profile

Row = tuple[int, str]  # (1-based line number, stripped text) of a non-blank line
SENTENCE_END = (".", "!", "?", '"', "”", "»", ":", ";")


def rows_of(text: str) -> list[Row]:
    """Return the non-blank lines of a dump, stripped, with their line numbers."""
    return [(n, line.strip()) for n, line in enumerate(text.split("\n"), 1) if line.strip()]


def _find(rows: list[Row], pattern_ok: Callable[[str], bool], start: int = 0) -> int:
    """Index of the first row at or after ``start`` whose text passes, else len(rows)."""
    return next((i for i in range(start, len(rows)) if pattern_ok(rows[i][1])), len(rows))


def _label(rows: list[Row], label: str, reason: str = "") -> list[Decision]:
    return [Decision(n, text, label, reason) for n, text in rows]


def _is_tag_line(text: str, max_words: int) -> bool:
    return len(text.split()) <= max_words and not text.endswith(SENTENCE_END)


def _strptime(text: str, form: str) -> datetime | None:
    """The dateline's date, or None when it is no date ("27 Febreary, 2026", "49:49")."""
    try:
        return datetime.strptime(text, form)
    except ValueError:
        return None


def dateline_bullets(profile: Profile, text: str) -> Extracted:
    """Parse headline, section, "• date", "• time", body, tags, translations and a listing."""
    rows = rows_of(text)
    date_re, time_re = profile.pattern("date_line"), profile.pattern("time_line")
    d = _find(rows, lambda t: bool(date_re.match(t)))
    if d + 1 >= len(rows) or d < 2 or not time_re.match(rows[d + 1][1]):
        return Extracted(profile=profile.name, decisions=tuple(_label(rows, "unparsed")))
    day = date_re.match(rows[d][1])
    clock = time_re.match(rows[d + 1][1])
    assert day is not None and clock is not None  # checked just above
    title, category = rows[d - 2][1], rows[d - 1][1]
    date = _strptime(f"{day['date']} {clock['time']}", profile.date_format or "")
    if date is not None and profile.tz is not None:
        date = date.replace(tzinfo=profile.tz)
    start = d + 2
    repeat = start < len(rows) and rows[start][1] == title
    start += int(repeat)
    list_start = _find(rows, lambda t: bool(profile.pattern("listing_start").match(t)), start)
    list_end = _find(rows, lambda t: bool(profile.pattern("listing_end").match(t)), list_start)
    zone = rows[start:list_start]
    cut, translations = _trailing_translations(profile, zone)
    cut, tags = _trailing_tags(profile, zone, cut)
    items, item_decisions = _listing_items(profile, rows[list_start + 1 : list_end])
    own = title.casefold()
    others = tuple(i for i in items if (i.title or "").casefold() != own)
    decisions = [
        *_label(rows[: d - 2], "boilerplate", "navigation before the headline"),
        Decision(*rows[d - 2], "title"),
        Decision(*rows[d - 1], "category"),
        Decision(*rows[d], "date"),
        Decision(*rows[d + 1], "date", "time of day"),
        *_label(rows[d + 2 : start], "boilerplate", "headline repeated"),
        *_label(zone[:cut], "body"),
        *_label(zone[cut : cut + len(tags)], "tags"),
        *_label(zone[cut + len(tags) :], "translation"),
        *_label(rows[list_start : list_start + 1], "boilerplate", "listing heading"),
        *item_decisions,
        *_label(rows[list_end:], "boilerplate", "after the listing"),
    ]
    return Extracted(
        title=title,
        date=date,
        category=category,
        tags=tags,
        paragraphs=tuple(t for _, t in zone[:cut]),
        source=profile.source,
        translations=translations,
        read_next=others,
        briefs=others,
        brief_date=date,
        default_category=profile.default_category,
        profile=profile.name,
        decisions=tuple(decisions),
    )


def _trailing_translations(
    profile: Profile, zone: list[Row]
) -> tuple[int, tuple[Translation, ...]]:
    """Split off the trailing lines written in another script: the headline's translations."""
    found: list[Translation] = []
    cut = len(zone)
    while cut > 0:
        text = zone[cut - 1][1]
        lang = next((lang for lang, rx in profile.scripts.items() if rx.search(text)), None)
        if lang is None:
            break
        found.insert(0, Translation(lang=lang, title=text))
        cut -= 1
    return cut, tuple(found)


def _trailing_tags(profile: Profile, zone: list[Row], cut: int) -> tuple[int, tuple[str, ...]]:
    """Split off the short, unpunctuated lines between the body and the translations."""
    end = cut
    while cut > 1 and _is_tag_line(zone[cut - 1][1], profile.max_tag_words):
        cut -= 1
    return cut, tuple(t for _, t in zone[cut:end])


def _listing_items(profile: Profile, rows: list[Row]) -> tuple[list[SourceItem], list[Decision]]:
    """Parse "time, [flags], headline, section" items of a dateline_bullets listing."""
    items: list[dict[str, str | bool]] = []
    decisions: list[Decision] = []
    time_re = profile.pattern("item_time")
    for n, text in rows:
        if time_re.match(text):
            items.append({"time": text})
            decisions.append(Decision(n, text, "read_next", "item time"))
        elif not items:
            decisions.append(Decision(n, text, "boilerplate", "before the first item"))
        elif any(rx.match(text) for rx in profile.flags.values()):
            flag = next(k for k, rx in profile.flags.items() if rx.match(text))
            items[-1][flag] = True
            decisions.append(Decision(n, text, "read_next", f"item flag {flag}"))
        else:
            key = "title" if "title" not in items[-1] else "category"
            if key in items[-1]:
                decisions.append(Decision(n, text, "boilerplate", "unexpected item line"))
                continue
            items[-1][key] = text
            decisions.append(Decision(n, text, "read_next", f"item {key}"))
    return [_item(i) for i in items if "title" in i], decisions


def _item(fields: dict[str, str | bool]) -> SourceItem:
    def text(key: str) -> str | None:
        value = fields.get(key)
        return value if isinstance(value, str) else None

    return SourceItem(
        title=text("title"),
        time=text("time"),
        category=text("category"),
        photo=fields.get("photo") is True,
    )


def lede_readnext(profile: Profile, text: str) -> Extracted:
    """Parse body paragraphs, a "Read next" list of time/section/summary items, a comment prompt."""
    rows = rows_of(text)
    list_start = _find(rows, lambda t: bool(profile.pattern("listing_start").match(t)))
    list_end = _find(rows, lambda t: bool(profile.pattern("listing_end").match(t)), list_start)
    body = [r for r in rows[:list_start] if r[1] not in profile.boilerplate]
    items, item_decisions = _summary_items(profile, rows[list_start + 1 : list_end])
    decisions = [
        *_label(body, "body"),
        *_label(rows[list_start : list_start + 1], "boilerplate", "listing heading"),
        *item_decisions,
        *_label(rows[list_end:], "boilerplate", "comment prompt"),
    ]
    return Extracted(
        paragraphs=tuple(t for _, t in body),
        source=profile.source,
        read_next=tuple(items),
        default_category=profile.default_category,
        profile=profile.name,
        decisions=tuple(sorted(decisions, key=lambda d: d.line)),
    )


def _summary_items(profile: Profile, rows: list[Row]) -> tuple[list[SourceItem], list[Decision]]:
    """Group rows into items: a time line, then an optional short section line, then a summary."""
    groups: list[list[Row]] = []
    time_re = profile.pattern("item_time")
    for row in rows:
        if time_re.match(row[1]) or not groups:
            groups.append([row])
        else:
            groups[-1].append(row)
    items: list[SourceItem] = []
    decisions: list[Decision] = []
    for group in groups:
        head, rest = group[0], group[1:]
        time = head[1] if time_re.match(head[1]) else None
        summary = rest[-1][1] if rest else None
        sections = [t for _, t in rest[:-1] if _is_tag_line(t, profile.max_tag_words)]
        if summary:
            items.append(
                SourceItem(summary=summary, time=time, category=sections[-1] if sections else None)
            )
        decisions.append(Decision(*head, "read_next", "item time"))
        decisions.extend(Decision(*r, "read_next", "item section") for r in rest[:-1])
        decisions.extend(Decision(*r, "read_next", "item summary") for r in rest[-1:])
    return items, decisions


LAYOUTS: dict[str, Callable[[Profile, str], Extracted]] = {
    "dateline_bullets": dateline_bullets,
    "lede_readnext": lede_readnext,
}
