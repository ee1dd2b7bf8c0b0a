"""Choose an HTML page's headline from its h1 elements, og:title and <title>."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from briefing.text import clean_text, element_text

MIN_H1_WORDS = 2  # a one-word h1 is the site logo or a section name
# " | Site", " - Site", "：中日新聞Web": a short tail after a separator at the end of a title.
_SUFFIX = re.compile(r"(?:\s+[|–—:-]\s*|\s*：)([^|–—:：]{1,60})$")
_ALWAYS_SITE = ("|", "：")
_QUOTES = str.maketrans("‘’‚‛“”„«»–—", '\'\'\'\'"""""--')


@dataclass(frozen=True)
class PageTitles:
    """The headline candidates a page carries, whitespace-normalised."""

    h1s: tuple[str, ...] = ()
    og: str | None = None  # og:title, the share title
    doc: str | None = None  # <title>
    site: str | None = None  # og:site_name
    stated: str | None = None  # JSON-LD headline


def page_titles(tree: Any, stated: str | None = None) -> PageTitles:
    """Return the h1 texts (in order), og:title, <title>, og:site_name and the JSON-LD
    headline (read by the caller) of a page."""
    h1s = [element_text(h) for h in tree.iter("h1")]
    return PageTitles(
        h1s=tuple(h for h in h1s if len(h.split()) >= MIN_H1_WORDS or _is_cjk(h)),
        og=_first(tree.xpath('//meta[@property="og:title"]/@content')),
        doc=_first(tree.xpath("//title/text()")),
        site=_first(tree.xpath('//meta[@property="og:site_name"]/@content')),
        stated=stated,
    )


def choose_title(page: PageTitles, meta: str | None) -> str | None:
    """Return the headline: the h1, or og:title when it says the same or <title> backs it.

    Without an h1 or a share title the JSON-LD headline is next, then trafilatura's title.
    (As a vote between a disagreeing h1 and share title the JSON-LD headline lost a page net
    on a dev-fundus half: pages' JSON-LD repeats either one.)
    The share title drops the kicker or the site name the h1 adds.  When h1 and share title
    disagree, the h1 is the headline readers see, unless <title> repeats the share title
    (two of the page's three headlines agree).
    """
    share = strip_site(page.og, page.site) if page.og else None
    if not page.h1s:
        return share or page.stated or (strip_site(meta, page.site) if meta else None)
    h1 = max(page.h1s, key=lambda h: _overlap(h, share)) if share else page.h1s[0]
    if share is None:
        return h1
    if _norm(share).startswith(_norm(h1)):
        return h1  # the share title adds the site name or a tagline after the headline
    if _norm(h1) in _norm(share) or _norm(share) in _norm(h1):
        return share  # one of them adds a kicker the other shows apart
    doc = strip_site(page.doc, page.site) if page.doc else None
    return share if doc and _norm(doc) == _norm(share) else h1


def strip_site(title: str, site: str | None) -> str:
    """Drop a trailing " | Site" (always) or " - Site" (when it is the site's name)."""
    m = _SUFFIX.search(title)
    if m is None:
        return title
    tail = m.group(1).strip()
    sep = title[m.start() : m.start(1)].strip()
    known = site is not None and (_norm(site) in _norm(tail) or _norm(tail) in _norm(site))
    if known or (sep in _ALWAYS_SITE and len(tail.split()) <= 4):
        return title[: m.start()].strip()
    return title


def _first(values: list[object]) -> str | None:
    text = clean_text(str(values[0])) if values else ""
    return text or None


def _overlap(a: str, b: str | None) -> float:
    wa, wb = set(_norm(a).split()), set(_norm(b or "").split())
    return len(wa & wb) / max(1, min(len(wa), len(wb)))


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).casefold()
    return " ".join(text.split())


def _is_cjk(text: str) -> bool:
    return any("\u3040" <= ch <= "\u9fff" for ch in text)
