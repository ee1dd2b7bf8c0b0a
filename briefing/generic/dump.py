"""Generic extraction for plain-text page dumps (one block per line, navigation and all).

Stages, each a small pure function over the analysed lines:
``body_region`` (densest run of prose) -> ``body_lines`` -> ``find_title`` -> ``find_date``
-> ``find_tags`` / ``find_category`` -> ``decisions``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import datetime

from briefing.extraction import Decision, ExtractContext, Extracted
from briefing.generic import dates, zones
from briefing.generic.author_note import note_start
from briefing.generic.bylines import find_authors
from briefing.generic.dateline import find_date
from briefing.generic.embeds import embedded_posts, is_attribution
from briefing.generic.lang import detect_language
from briefing.generic.lines import CAPTION, CREDIT, Line, analyse
from briefing.generic.lists import list_below, list_inside
from briefing.generic.meta import find_category, find_standfirst, find_tags
from briefing.generic.patterns import COMMENT_HEADER, COMMENTS_OPEN
from briefing.generic.stories import next_story
from briefing.generic.titles import find_title, is_dateline, with_kicker
from briefing.model import Block

# Kadane scores: a prose line adds its words (capped so one huge blob cannot outweigh the
# article), any other non-empty line costs NONPROSE_PENALTY.  Swept 2..20 on dev-fundus and
# dev-aeb dumps (body F1 fundus/aeb): 3 -> .921/.900 (swallows teaser lists and comments),
# 9 -> .944/.923, 11 -> .937/.932, 13 -> .930/.930 (starts cutting articles at their ads).
# Publisher halves (bench/cv_extract.py --sweep, 7 to 13): either half of dev-fundus picks 9
# (held-out body .951 A / .948 B, against .941 / .934 at 11), but dev-aeb, 181 pages of other
# publishers, drops from .930 to .921: a value that does not carry to a third set stays 11.
NONPROSE_PENALTY = 11.0
HEAD_PENALTY = 3.0  # lenient region for the headline search (tuned for titles on dev-fundus)
# A line the dump shows WIDGET_REPEATS times or more is a widget repeated through the page (a
# teaser block or an ad interstitial between paragraphs): it costs REPEAT_PENALTY, so it does
# not split the article in two.  A header and a footer menu show a line twice; datelines a
# teaser list repeats are not widgets.  Publisher halves (bench/cv_extract.py --sweep): both
# pick REPEAT_PENALTY 6 (0 to 8; held-out body B .939, A .958, against .935 / .941 without);
# WIDGET_REPEATS 2 scores best on both halves (B .940) but dev-aeb drops from .931 to .927
# (teaser lists below the text joined), 3 to .930; 4 and 5 tie on the halves and keep dev-aeb
# at .932: 4.
REPEAT_PENALTY = 6.0
WIDGET_REPEATS = 4
EXTEND_GAP = 3  # clean short lines (list items, sub-heads) bridged when growing the region
MIN_COMMENT_HEADERS = 2  # one "X said:" can be a quote; two make a comment thread
COMMENTS_OPEN_WINDOW = 6  # "34 responses to ..." sits a few lines above the first comment
PROSE_CAP = 60.0
SUBHEAD_MAX_WORDS = 15
# A short sentence (SHORT_SENTENCE_WORDS words or more, under PROSE_WORDS, ending in a stop)
# next to a paragraph of the text is text ("Nobody knows yet who will pay."): prose on one
# side is enough (a sub-heading needs it on both).  On the 242 dev dumps, at 2 words, the
# lines it adds hold 454 ground-truth words on 26 pages and 126 others on 15 (captions, a
# video notice, teaser questions).  Publisher halves: A ties at 2-6 (body .967 against .966
# without), B picks 6 (.9526 against .9524), dev-aeb .941 at 6 against .940.
SHORT_SENTENCE_WORDS = 6
MIN_LIST_ITEMS = 2  # one marked line is a quote or a dash of dialogue, two make a list
# Bullets and numbers that open list items.  Not "–" or "-": in Nordic and French text a dash
# opens a line of dialogue.
_ITEM_MARKER = re.compile(r"^(?:[•▪►◦●■*]|\d{1,2}[.)])\s+(?=\S)")
_WORD = re.compile(r"\w+")
SENTENCE_STOP = re.compile(r"[.!?…。！？]['\"”’»)]*$")


@dataclass(frozen=True)
class Layout:
    """Where the parts of the article sit in the dump (0-based line indices)."""

    start: int
    end: int  # inclusive
    body: tuple[int, ...]
    title: int | None
    date: dates.FoundDate | None
    standfirst: int | None = None
    items: frozenset[int] = frozenset()  # an unmarked list's lines below the text (``lists``)
    posts: frozenset[int] = frozenset()  # posts embedded in the text (``embeds``)
    next_story: int | None = None  # where other dated pieces begin below it (``stories``)


def extract_dump(text: str, ctx: ExtractContext) -> Extracted:
    """Extract title, date, body, language, tags, section and standfirst from a text dump."""
    lines = analyse(text, ctx.boilerplate)
    start, end = body_region(lines)
    # The headline sits above the first prose, even prose the strict body region leaves out
    # (a lead split from the text by an ad block): look for it from the lenient region.
    head = min(start, body_region(lines, HEAD_PENALTY)[0])
    intro, items = list_below(lines, start, end)
    inside = list_inside(lines, start, end)
    items = (*items, *(i for i in inside if not lines[i].text.endswith(":")))
    posts = embedded_posts(lines, start, end)
    kept = tuple(sorted({*body_lines(lines, start, end, posts), *intro, *inside, *items}))
    title = find_title(lines, head, kept, start)
    body = tuple(i for i in kept if i != title)
    lang = detect_language(" ".join(lines[i].text for i in body))
    anchor = title if title is not None else head
    found = find_date(lines, anchor, head, lang, ctx.fetched_at) or find_date(
        lines, start, end, lang, ctx.fetched_at
    )
    if found is not None and (zones.ambiguous(found.value) or zones.ambiguous(found.modified)):
        # "10:30 IST": India's, Ireland's or Israel's?  Only the page and its source can say.
        clues = zones.evidence((line.text for line in lines), (ctx.source_url, ctx.source))
        modified = zones.settle(found.modified, clues) if found.modified else None
        found = replace(found, value=zones.settle(found.value, clues), modified=modified)
    cut = next_story(lines, body, found.line if found else None)
    body = body if cut is None else tuple(i for i in body if i < cut)
    standfirst = find_standfirst(lines, title, body) if title is not None else None
    authors = find_authors(lines, title, start, found.line if found else None)
    body = _above_author_note(lines, body, authors)
    in_body = frozenset(body)
    items = tuple(i for i in items if i in in_body)
    texts, kinds = body_blocks(lines, body, frozenset(items))
    layout = Layout(start, end, body, title, found, standfirst, frozenset(items), posts, cut)
    tags, tag_lines = find_tags(lines, start, end)
    category, category_line = find_category(lines, title)
    return Extracted(
        title=with_kicker(lines, title) if title is not None else None,
        date=found.value if found else None,
        modified=found.modified if found else None,
        category=category,
        tags=tags,
        authors=authors,
        paragraphs=texts,
        blocks=kinds,
        source_url=ctx.source_url,
        lang=lang,
        summary=lines[standfirst].text if standfirst is not None else None,
        origin=_origin(found, ctx.fetched_at),
        decisions=decisions(lines, layout, tag_lines, category_line),
    )


def _above_author_note(
    lines: list[Line], body: tuple[int, ...], authors: tuple[str, ...]
) -> tuple[int, ...]:
    """Return the body above the note about its writer that closes the article (the note
    and what follows it go: dropping the note alone kept the teasers below it, half-B body
    .943 against .945)."""
    cut = note_start([lines[i].text for i in body], authors)
    return body if cut is None else body[:cut]


def _origin(found: dates.FoundDate | None, fetched_at: datetime | None) -> dict[str, str]:
    origin = {"extractor": "generic-dump"}
    if found is not None and found.relative and fetched_at is not None:
        origin["date"] = "relative"  # "vor 2 Std.": counted back from the fetch time
        origin["fetched_at"] = fetched_at.isoformat()
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


def body_region(lines: list[Line], penalty: float | None = None) -> tuple[int, int]:
    """Return the first and last index of the run of lines with the most prose (Kadane).

    Reader comments are cut off first: a long discussion under a short post outweighs it.
    """
    penalty = NONPROSE_PENALTY if penalty is None else penalty  # read here: sweeps set it
    cut = comments_start(lines)
    if not any(line.prose for line in lines[:cut]):
        cut = len(lines)
    best, best_span = 0.0, (0, -1)
    run, run_start = 0.0, 0
    items = _marked_items(lines, 0, cut - 1)  # a bulleted list inside the text costs nothing
    for line in lines[:cut]:
        if not line.text:
            continue
        score = _line_score(line, items, penalty)
        if run <= 0:
            run, run_start = 0.0, line.index
        run += score
        if run > best:
            best, best_span = run, (run_start, line.index)
    return _extend(lines, *best_span, cut)


def _line_score(line: Line, items: frozenset[int], penalty: float) -> float:
    """Return what a line adds to a run of article text: prose its words, a list item or a
    photo caption nothing, a repeated widget line a little less than other lines (datelines
    repeated by a list of teasers are not widgets)."""
    if line.prose:
        return min(line.words, PROSE_CAP)
    if line.index in items or line.furniture in (CAPTION, CREDIT):  # a photo sits in the text
        return 0.0
    if _widget(line):
        return -min(penalty, REPEAT_PENALTY)
    return -penalty


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
        if line.text and not _widget(line):  # a widget between the paragraphs is no gap
            if line.prose:
                return j
            if line.furniture or line.learned or line.repeats > 1:
                return None
            seen += 1
        j += step
    return None


def body_lines(
    lines: list[Line], start: int, end: int, posts: frozenset[int] = frozenset()
) -> tuple[int, ...]:
    """Return the indices of body paragraphs, sub-headings and list items inside the region,
    and of the embedded posts in it or closing it (``posts``: see ``embeds``)."""
    kept: list[int] = []
    seen: set[str] = set()
    items = _marked_items(lines, start, end)
    for i in range(start, max(end, *posts) + 1 if posts else end + 1):
        line = lines[i]
        if i in posts:  # the same account's attribution twice is two posts
            kept.append(i)
            continue
        if not line.text or _repeat_key(line.text) in seen:
            continue  # a caption quoting a sentence of the text, a pull quote
        if (
            line.prose
            or i in items
            or _is_subheading(lines, i, end)
            or _short_sentence(lines, i, start, end)
        ):
            kept.append(i)
            seen.add(_repeat_key(line.text))
    return tuple(kept)


def _repeat_key(text: str) -> str:
    """Return what two copies of one text share however the page punctuates them: its words,
    casefolded (a caption quoting a sentence drops the full stop, spaces a comma)."""
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def body_blocks(
    lines: list[Line], body: tuple[int, ...], items: frozenset[int] = frozenset()
) -> tuple[tuple[str, ...], tuple[Block, ...]]:
    """Return the body's texts and what each is: paragraph, sub-heading or list item.

    A kept line that is not prose is a sub-heading unless it ends a sentence (a short
    paragraph); a bulleted or numbered line is a list item, its marker dropped, and so is
    a line of an unmarked list below the text (``items``, see ``lists``).
    """
    texts: list[str] = []
    kinds: list[Block] = []
    for i in body:
        text = lines[i].text
        marker = _ITEM_MARKER.match(text)
        if marker is not None:
            texts.append(text[marker.end() :])
            kinds.append("ol" if marker.group(0)[0].isdigit() else "ul")
            continue
        texts.append(text)
        if i in items:
            kinds.append("ul")
            continue
        heading = not lines[i].prose and not SENTENCE_STOP.search(text)
        kinds.append("h2" if heading and not is_attribution(text) else "p")
    return tuple(texts), tuple(kinds)


def _marked_items(lines: list[Line], start: int, end: int) -> frozenset[int]:
    """Return the lines of bulleted or numbered lists: runs of two or more marked lines."""
    items: list[int] = []
    run: list[int] = []
    for line in [*lines[start : end + 1], None]:
        if line is not None and not line.text:
            continue
        clean = line is not None and not (line.furniture or line.learned)
        if line is not None and clean and _ITEM_MARKER.match(line.text):
            run.append(line.index)
            continue
        if len(run) >= MIN_LIST_ITEMS:
            items.extend(run)
        run = []
    return frozenset(items)


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


def _short_sentence(lines: list[Line], i: int, start: int, end: int) -> bool:
    """Return whether a line is a short sentence next to a paragraph of the text (a
    paragraph inside the region, above or below it)."""
    line = lines[i]
    if line.furniture or line.learned or line.repeats > 1:
        return False
    if line.words < SHORT_SENTENCE_WORDS or not SENTENCE_STOP.search(line.text):
        return False
    around = (_neighbour(lines, i, -1), _neighbour(lines, i, 1))
    return any(o is not None and o.prose and start <= o.index <= end for o in around)


def _neighbour(lines: list[Line], i: int, step: int) -> Line | None:
    """Return the next line with text, over a widget repeated through the page ("Article
    content" between every paragraph): a sub-heading's neighbours are the paragraphs."""
    j = i + step
    while 0 <= j < len(lines) and (not lines[j].text or _widget(lines[j])):
        j += step
    return lines[j] if 0 <= j < len(lines) else None


def _widget(line: Line) -> bool:
    return line.repeats >= WIDGET_REPEATS and not line.prose and not is_dateline(line)


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
    if i in layout.items:
        return "body", "list item inside the text" if i < layout.end else "list item below the text"
    if i in layout.posts and i in body:
        return "body", "post embedded in the text"
    if i in body:
        if line.prose:
            return "body", "prose inside the article region"
        if SENTENCE_STOP.search(line.text):
            return "body", "short sentence next to the text"
        return "body", "sub-heading"
    if i in tag_lines:
        return "tags", "tag list"
    if i == category_line:
        return "category", "section label or breadcrumb"
    if line.learned:
        return "boilerplate", "repeats across the source's dumps"
    if line.furniture:
        return "boilerplate", line.furniture
    if layout.next_story is not None and layout.next_story <= i <= layout.end:
        return "skipped", "below the article: another dated story, teaser or comment"
    if layout.start <= i <= layout.end:
        return "skipped", "repeated line" if line.repeats > 1 else "short line inside the article"
    return "navigation", "outside the article region"
