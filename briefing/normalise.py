"""Turn what an extractor found into contract Articles: defaults, derived values, fingerprints.

Every derived value says where it came from in ``Article.origin`` (``title: lede``,
``date: sidecar | option | ingested``, ``category: default``, ``timezone: unknown``...).
Slugs here are provisional; the archive step makes them unique.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime, time

from briefing import categories
from briefing.extraction import Extracted
from briefing.frontmatter import language_tag
from briefing.generic.headline import derived_headline
from briefing.generic.lang import detect_language
from briefing.markdown import paragraphs_to_markdown
from briefing.model import Article
from briefing.slug import slugify

DEFAULT_CATEGORY = "General"
MAX_TITLE_CHARS = 100  # the "at most ~100 characters" for a headline made from the lede
MAX_SUMMARY_CHARS = 400  # one or two sentences: the length of a typical lede
# A sentence ends at . ! ? … (and a closing quote) before a space and a capital or digit...
_SENTENCE = re.compile(r"(?<=[.!?…])(?P<close>[\"”»’']?)\s+(?=[\"“«‘'(]?[A-ZА-ЯЁƏÇĞİÖŞÜ0-9])")
# ...unless the word before the full stop is an initial or abbreviation ("U.S.", "J.D.", "Dr.").
_ABBREVIATION = re.compile(
    r"(?:^|\s)(?:(?:[A-Z]\.)*[A-Z]|Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Gov|Sen|Rep|Prof|No|vs|etc|Inc|Ltd|Co)"
    r"\.$"
)
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Dating:
    """Where an undated article's date comes from, in order of preference."""

    sidecar: datetime | None = None  # from <name>.meta.yaml
    option: datetime | None = None  # from --date
    today: datetime | None = None  # the ingest run's clock


def fingerprint(title: str, body: str) -> str:
    """Return a short hash of the normalised title and body, equal for reformatted copies."""

    def norm(text: str) -> str:
        # str.split() splits on exactly the characters re's \s matches (str.isspace), so this
        # is re.sub(r"\s+", " ", ...).strip() at an eighth of the cost (a re-ingest hashes every
        # article's text).
        return " ".join(unicodedata.normalize("NFKC", text).casefold().split())

    digest = hashlib.sha256(f"{norm(title)}\n{norm(body)}".encode()).hexdigest()
    return digest[:16]


def text_fingerprint(article: Article) -> str:
    """Return the fingerprint of the article's own text: a headline derived from the lede is
    not the source's text, so a change in how headlines are derived never changes an identity."""
    title = "" if article.origin.get("title") == "lede" else article.title
    return fingerprint(title, article.body)


def sentences(text: str) -> list[str]:
    """Split text into sentences, not breaking after initials and common abbreviations."""
    out: list[str] = []
    start = 0
    for match in _SENTENCE.finditer(text):
        if _ABBREVIATION.search(text[start : match.start()]):
            continue
        out.append(text[start : match.start() + len(match["close"])].strip())
        start = match.end()
    out.append(text[start:].strip())
    return [s for s in out if s]


def first_sentence(text: str, limit: int = MAX_TITLE_CHARS) -> str:
    """Return the first sentence of ``text`` as a complete phrase of about ``limit`` chars."""
    return derived_headline((sentences(text) or [""])[0], limit)


def lede(paragraphs: tuple[str, ...], limit: int = MAX_SUMMARY_CHARS) -> str | None:
    """Return the first paragraph as the summary, cut after whole sentences when very long."""
    if not paragraphs:
        return None
    text = paragraphs[0].strip()
    if len(text) <= limit:
        return text
    kept = ""
    for sentence in sentences(text):
        if kept and len(kept) + len(sentence) + 1 > limit:
            break
        kept = f"{kept} {sentence}".strip()
    return kept if len(kept) <= limit else first_sentence(text, limit)


def resolve_date(found: datetime | None, dating: Dating) -> tuple[datetime, dict[str, str]]:
    """Return the article's aware date and the origin entries that explain it.

    The one place the "time zone not stated" flag (``timezone: unknown``) is set: extractors
    return the date naive when the source names no zone, and it is read as UTC here.
    """
    if found is not None:
        if found.utcoffset() is None:
            return found.replace(tzinfo=UTC), {"timezone": "unknown"}
        return found, {}
    for key in ("sidecar", "option", "today"):
        value: datetime | None = getattr(dating, key)
        if value is not None:
            reason = "ingested" if key == "today" else key
            if key == "today":
                value = datetime.combine(value.date(), time(0), tzinfo=value.tzinfo or UTC)
            return value, {"date": reason}
    raise ValueError("no date: pass --date or a sidecar, or give the ingest clock")


def names_a_page(name: str) -> bool:
    """True when a category or tag can name a page: it has a letter or digit ("!!!" has none)."""
    return slugify(name, fallback="") != ""


def section(found: Extracted, source_file: str) -> str | None:
    """Return the page's section (briefing.categories), or None when it names none."""
    verdict = categories.clean(found.category, found.authors)
    if verdict.section is None and verdict.reason != "empty":
        shown = found.category or ""
        logger.warning(
            "%s: category %r is %s: filed under the default",
            source_file,
            shown if len(shown) <= 80 else shown[:79] + "…",
            verdict.reason,
        )
    return verdict.section


def to_article(found: Extracted, dating: Dating, source_file: str) -> Article:
    """Build the Article for an extracted page (slug provisional, from the title)."""
    origin = dict(found.origin)
    prose = tuple(p for i, p in enumerate(found.paragraphs) if _is_text(found, i))
    title = (found.title or "").strip()
    if not title:
        title = first_sentence((prose or found.paragraphs)[0]) if found.paragraphs else ""
        origin["title"] = "lede"
    date, date_origin = resolve_date(found.date, dating)
    origin.update(date_origin)
    category = section(found, source_file)
    if not category:
        category = found.default_category or DEFAULT_CATEGORY
        origin["category"] = "default"
    body = paragraphs_to_markdown(found.paragraphs, found.blocks)
    text = " ".join(found.paragraphs) or title
    return Article(
        title=title,
        slug=slugify(title),
        date=date,
        category=category,
        body=body,
        tags=tuple(dict.fromkeys(t.strip() for t in found.tags if names_a_page(t))),
        authors=tuple(dict.fromkeys(a.strip() for a in found.authors if a.strip())),
        source=found.source,
        source_url=found.source_url,
        source_file=source_file,
        lang=language_tag(found.lang or "") or detect_language(text),
        summary=found.summary or lede(prose),
        translations=found.translations,
        read_next=found.read_next,
        fingerprint=fingerprint(found.title.strip() if found.title else "", body),
        origin=origin,
        modified=_modified(found.modified, found.date, date),
    )


def _is_text(found: Extracted, i: int) -> bool:
    """Return whether paragraph ``i`` is running text (not a sub-heading or a list item)."""
    return i >= len(found.blocks) or found.blocks[i] == "p"


def _modified(value: datetime | None, found: datetime | None, date: datetime) -> datetime | None:
    """Return the stated update time when it is after the publication date.

    An update stamp that names no zone is in the publication's clock: its zone when the
    source stated one, else the same "zone not stated" UTC reading as the date.  Without a
    stated publication date it has no clock to be read in and is dropped.
    """
    if value is not None and value.utcoffset() is None:
        value = value.replace(tzinfo=date.tzinfo) if found is not None else None
    if value is None or value <= date:
        return None
    return value


def to_briefs(found: Extracted, parent: Article) -> list[Article]:
    """Build ``kind: brief`` entries for listing items whose date is known (the listing's day)."""
    if found.brief_date is None:
        return []
    briefs = []
    for item in found.briefs:
        if not item.title or not item.time:
            continue
        try:
            hour, minute = (int(part) for part in item.time.split(":"))
            date = found.brief_date.replace(hour=hour, minute=minute, second=0, microsecond=0)
        except ValueError:  # "49:49": not a time of day; the item stays in the parent's list
            continue
        briefs.append(
            Article(
                title=item.title,
                slug=slugify(item.title),
                kind="brief",
                date=date,
                category=categories.clean(item.category).section or parent.category,
                source=parent.source,
                source_file=parent.source_file,
                lang=parent.lang,
                fingerprint=fingerprint(item.title, ""),
                origin={"entry": "listing", "listing": parent.source_file or parent.slug},
            )
        )
    return briefs
