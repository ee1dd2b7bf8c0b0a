"""Generic extraction for plain-text page dumps (one block per line, navigation and all).

Stages, each a small pure function over the analysed lines:
``body_region`` (densest run of prose) -> ``body_lines`` -> ``find_title`` -> ``find_date``
-> ``find_tags`` / ``find_category`` -> ``decisions``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from briefing.generic import dates
from briefing.generic.lang import detect_language
from briefing.generic.lines import Line, analyse
from briefing.generic.meta import find_category, find_standfirst, find_tags
from briefing.generic.patterns import COMMENT_HEADER, COMMENTS_OPEN, DATE_CUE, DATE_HINT
from briefing.generic.titles import find_title, with_kicker
from briefing.model import Decision, Extracted

if TYPE_CHECKING:
    from briefing.extract import ExtractContext

# Kadane scores: a prose line adds its words (capped so one huge blob cannot outweigh the
# article), any other non-empty line costs NONPROSE_PENALTY.  Swept 2..20 on dev-fundus and
# dev-aeb dumps (body F1 fundus/aeb): 3 -> .921/.900 (swallows teaser lists and comments),
# 9 -> .944/.923, 11 -> .937/.932, 13 -> .930/.930 (starts cutting articles at their ads).
NONPROSE_PENALTY = 11.0
HEAD_PENALTY = 3.0  # lenient region for the headline search (tuned for titles on dev-fundus)
EXTEND_GAP = 3  # clean short lines (list items, sub-heads) bridged when growing the region
MIN_COMMENT_HEADERS = 2  # one "X said:" can be a quote; two make a comment thread
COMMENTS_OPEN_WINDOW = 6  # "34 responses to ..." sits a few lines above the first comment
PROSE_CAP = 60.0
SUBHEAD_MAX_WORDS = 15
DATE_WINDOW_BEFORE = 12  # lines above the title/body start searched for the dateline
DATE_WINDOW_AFTER = 15  # lines after it
MAX_DATE_PARSES = 6  # dates parsed near the title before the best is chosen (~1 ms each)
DATELINE_WORDS = 14  # longer lines with a date are prose mentioning one, unless cued
# A dateline with a clock time or a cue word ("Published", "Stand") beats a bare date a few
# lines closer (dev-fundus: bare dates near the headline are often teaser or edition dates).
DATE_TIME_BONUS = 1.0
DATE_CUE_BONUS = 1.0
DATE_DISTANCE_COST = 0.1
DATE_SHORT_BONUS = 1.0  # a line that is nothing but the date is a dateline, not a sentence
DATE_SHORT_WORDS = 6


@dataclass(frozen=True)
class Layout:
    """Where the parts of the article sit in the dump (0-based line indices)."""

    start: int
    end: int  # inclusive
    body: tuple[int, ...]
    title: int | None
    date: dates.FoundDate | None
    standfirst: int | None = None


def extract_dump(text: str, ctx: ExtractContext) -> Extracted:
    """Extract title, date, body, language, tags, section and standfirst from a text dump."""
    lines = analyse(text, ctx.boilerplate)
    start, end = body_region(lines)
    # The headline sits above the first prose, even prose the strict body region leaves out
    # (a lead split from the text by an ad block): look for it from the lenient region.
    head = min(start, body_region(lines, HEAD_PENALTY)[0])
    kept = body_lines(lines, start, end)
    title = find_title(lines, head, kept, start)
    body = tuple(i for i in kept if i != title)
    lang = detect_language(" ".join(lines[i].text for i in body))
    anchor = title if title is not None else head
    found = find_date(lines, anchor, head, lang, ctx.fetched_at) or find_date(
        lines, start, end, lang, ctx.fetched_at
    )
    standfirst = find_standfirst(lines, title, body) if title is not None else None
    layout = Layout(start, end, body, title, found, standfirst)
    tags, tag_lines = find_tags(lines, start, end)
    category, category_line = find_category(lines, title)
    return Extracted(
        title=with_kicker(lines, title) if title is not None else None,
        date=found.value if found else None,
        category=category,
        tags=tags,
        paragraphs=tuple(lines[i].text for i in body),
        source=ctx.source_hint,
        source_url=ctx.source_url,
        lang=lang,
        summary=lines[standfirst].text if standfirst is not None else None,
        origin=_origin(found),
        decisions=decisions(lines, layout, tag_lines, category_line),
    )


def _origin(found: dates.FoundDate | None) -> dict[str, str]:
    origin = {"extractor": "generic-dump"}
    if found is not None and dates.zone_of(found.value) is None:
        origin["timezone"] = "unknown"  # the page names no zone
    return origin


def comments_start(lines: list[Line]) -> int:
    """Return where the reader comments begin (their opening line), or len(lines)."""
    headers = [line.index for line in lines if COMMENT_HEADER.match(line.text)]
    if len(headers) < MIN_COMMENT_HEADERS:
        return len(lines)
    first = headers[0]
    for line in reversed(lines[max(0, first - COMMENTS_OPEN_WINDOW) : first]):
        if COMMENTS_OPEN.match(line.text):
            return line.index
    return first


def body_region(lines: list[Line], penalty: float = NONPROSE_PENALTY) -> tuple[int, int]:
    """Return the first and last index of the run of lines with the most prose (Kadane).

    Reader comments are cut off first: a long discussion under a short post outweighs it.
    """
    cut = comments_start(lines)
    if not any(line.prose for line in lines[:cut]):
        cut = len(lines)
    best, best_span = 0.0, (0, -1)
    run, run_start = 0.0, 0
    for line in lines[:cut]:
        if not line.text:
            continue
        score = min(line.words, PROSE_CAP) if line.prose else -penalty
        if run <= 0:
            run, run_start = 0.0, line.index
        run += score
        if run > best:
            best, best_span = run, (run_start, line.index)
    return _extend(lines, *best_span, cut)


def _extend(lines: list[Line], start: int, end: int, cut: int) -> tuple[int, int]:
    """Grow the region over short gaps of clean lines to the next prose line, both ways."""
    if end < start:
        return start, end
    while (nxt := _bridge(lines, end, 1, cut)) is not None:
        end = nxt
    while (prev := _bridge(lines, start, -1, cut)) is not None:
        start = prev
    return start, end


def _bridge(lines: list[Line], i: int, step: int, cut: int) -> int | None:
    j, seen = i + step, 0
    while 0 <= j < cut and seen <= EXTEND_GAP:
        line = lines[j]
        if line.text:
            if line.prose:
                return j
            if line.furniture or line.learned or line.repeats > 1:
                return None
            seen += 1
        j += step
    return None


def body_lines(lines: list[Line], start: int, end: int) -> tuple[int, ...]:
    """Return the indices of body paragraphs and sub-headings inside the region, in order."""
    kept: list[int] = []
    seen: set[str] = set()
    for i in range(start, end + 1):
        line = lines[i]
        if not line.text or line.text in seen:
            continue
        if line.prose or _is_subheading(lines, i, end):
            kept.append(i)
            seen.add(line.text)
    return tuple(kept)


def _is_subheading(lines: list[Line], i: int, end: int) -> bool:
    line = lines[i]
    if line.furniture or line.learned or line.repeats > 1:
        return False
    if not 2 <= line.words <= SUBHEAD_MAX_WORDS or line.text.endswith((":", ",")):
        return False
    before = _neighbour(lines, i, -1)
    after = _neighbour(lines, i, 1)
    return (
        before is not None
        and before.prose
        and after is not None
        and after.prose
        and after.index <= end
    )


def _neighbour(lines: list[Line], i: int, step: int) -> Line | None:
    j = i + step
    while 0 <= j < len(lines) and not lines[j].text:
        j += step
    return lines[j] if 0 <= j < len(lines) else None


def find_date(
    lines: list[Line], anchor: int, start: int, lang: str | None, base: datetime | None
) -> dates.FoundDate | None:
    """Return the most dateline-like date between/around two lines (the title, the body).

    Called first with the title and the body start, then (no date there) with the body's
    start and end: some pages put the dateline below the lead or at the article's end.
    """
    low = max(0, min(anchor, start) - DATE_WINDOW_BEFORE)
    high = min(len(lines), max(anchor, start) + DATE_WINDOW_AFTER)
    order = sorted(range(low, high), key=lambda i: _distance(i, anchor))
    found: list[dates.FoundDate] = []
    for i in order:
        if len(found) >= MAX_DATE_PARSES:
            break
        line = lines[i]
        if not line.text or not _dateline_like(line):
            continue
        hit = dates.parse_line(line.text, lang, base)
        if hit is not None:
            found.append(replace(hit, line=i, words=line.words))
    if not found:
        return None
    return max(found, key=lambda f: _date_score(f, anchor))


def _dateline_like(line: Line) -> bool:
    if not DATE_HINT.search(line.text):
        return False
    if line.words <= DATELINE_WORDS:
        return True
    # A byline with section and date runs longer but ends without a full stop.
    cued = bool(DATE_CUE.search(line.text))
    return (cued or not line.prose) and line.words <= dates.MAX_DATELINE_WORDS


def _distance(i: int, anchor: int) -> int:
    # Datelines sit below the headline far more often than above it: lines above cost double.
    return i - anchor if i >= anchor else 2 * (anchor - i)


def _date_score(found: dates.FoundDate, anchor: int) -> float:
    score = DATE_TIME_BONUS * found.has_time + DATE_CUE_BONUS * found.cue
    score += DATE_SHORT_BONUS * (found.words <= DATE_SHORT_WORDS)
    return score - DATE_DISTANCE_COST * _distance(found.line, anchor)


def decisions(
    lines: list[Line], layout: Layout, tag_lines: frozenset[int], category_line: int | None
) -> tuple[Decision, ...]:
    """Return one decision per input line, for ``briefing ingest --explain``."""
    body = set(layout.body)
    date_line = layout.date.line if layout.date else None
    out = []
    for line in lines:
        label, reason = _decide(line, layout, body, date_line, tag_lines, category_line)
        out.append(Decision(line.index + 1, line.text, label, reason))
    return tuple(out)


def _decide(
    line: Line,
    layout: Layout,
    body: set[int],
    date_line: int | None,
    tag_lines: frozenset[int],
    category_line: int | None,
) -> tuple[str, str]:
    i = line.index
    if not line.text:
        return "empty", ""
    if i == layout.title:
        return "title", "headline-like line next to the article"
    if i == date_line:
        return "date", "dateline nearest the title"
    if i == layout.standfirst:
        return "summary", "standfirst below the title, outside the body"
    if i in body:
        return "body", "prose inside the article region" if line.prose else "sub-heading"
    if i in tag_lines:
        return "tags", "tag list"
    if i == category_line:
        return "category", "section label or breadcrumb"
    if line.learned:
        return "boilerplate", "repeats across the source's dumps"
    if line.furniture:
        return "boilerplate", line.furniture
    if layout.start <= i <= layout.end:
        return "skipped", "repeated line" if line.repeats > 1 else "short line inside the article"
    return "navigation", "outside the article region"
