"""Choose an HTML page's headline from its h1 elements, og:title and <title>; derive one from
the lede's first sentence when a page has none."""

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
# "Politics | Headline", "Site: Headline": a short head before a separator at the start.
_PREFIX = re.compile(r"^([^|–—:：]{1,60}?)(?:\s*[|–—:]\s+|\s+-\s+|\s*：)(?=\S)")
# A derived headline ends a phrase: at a clause boundary (comma, semicolon, colon, dash,
# bracket) rather than at the word the length limit falls on ("...with U.S. Senator Steve").
_CLAUSE_END = re.compile(r"\s*[,;:]\s+|\s+[-–—]\s+|\s+\(")
MIN_PHRASE_WORDS = 4  # a shorter first clause ("In Baku,") is an opener, not a headline
# A clause may run this far past the limit rather than be cut inside it: the seed's first
# clause ends at 102 characters of a 100-character limit.
CLAUSE_SLACK = 1.25
_QUOTES = str.maketrans("‘’‚‛“”„«»–—", '\'\'\'\'"""""--')


@dataclass(frozen=True)
class PageTitles:
    """The headline candidates a page carries, whitespace-normalised."""

    h1s: tuple[str, ...] = ()
    og: str | None = None  # og:title, the share title
    doc: str | None = None  # <title>
    site: str | None = None  # og:site_name
    stated: str | None = None  # JSON-LD headline
    section: str | None = None  # article:section


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
        section=_first(tree.xpath('//meta[@property="article:section"]/@content')),
    )


def choose_title(page: PageTitles, meta: str | None) -> str | None:
    """Return the headline (see :func:`_choose`) without a leading section or site label."""
    title = _choose(page, meta)
    return strip_label(title, (page.section, page.site)) if title else title


def strip_label(title: str, labels: tuple[str | None, ...]) -> str:
    """Drop a leading "Label | " or "Label: " when the label is the page's section or site."""
    m = _PREFIX.match(title)
    known = {_norm(label) for label in labels if label}
    return title[m.end() :] if m and _norm(m.group(1)) in known else title


def _choose(page: PageTitles, meta: str | None) -> str | None:
    """Return the headline: the h1, or og:title when it says the same or <title> backs it.

    Without an h1 or a share title the JSON-LD headline is next, then trafilatura's title.
    (As a vote between a disagreeing h1 and share title the JSON-LD headline lost a page net
    on a dev-fundus half: pages' JSON-LD repeats either one.)
    The share title drops the kicker or the site name the h1 adds.  When h1 and share title
    disagree, the h1 is the headline readers see, unless <title> repeats the share title
    (two of the page's three headlines agree).
    """
    share = _bare(page.og, page) if page.og else None
    if not page.h1s:
        return share or page.stated or (_bare(meta, page) if meta else None)
    h1 = max(page.h1s, key=lambda h: _overlap(h, share)) if share else page.h1s[0]
    if share is None:
        return h1
    if _norm(share).startswith(_norm(h1)):
        return h1  # the share title adds the site name or a tagline after the headline
    if _norm(h1) in _norm(share) or _norm(share) in _norm(h1):
        return share  # one of them adds a kicker the other shows apart
    doc = _bare(page.doc, page) if page.doc else None
    return share if doc and _norm(doc) == _norm(share) else h1


def _bare(title: str, page: PageTitles) -> str:
    """Return a share title or <title> without its section or site label and site suffix."""
    return strip_site(strip_label(title, (page.section, page.site)), page.site)


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


def repeats_headline(text: str, page: PageTitles) -> bool:
    """Return whether ``text`` is one of the page's headlines (an h1, the share title, the
    <title> or the JSON-LD headline), compared by letters and digits only: a kicker glued to
    it without a space or a colon is the same headline."""
    key = _letters(text)
    found = (*page.h1s, page.og, page.doc and strip_site(page.doc, page.site), page.stated)
    return bool(key) and any(_letters(h) == key for h in found if h)


def _letters(text: str) -> str:
    return "".join(ch for ch in _norm(text) if ch.isalnum())


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


def derived_headline(sentence: str, limit: int) -> str:
    """Return a lede's first sentence as a headline of about ``limit`` characters that ends a
    phrase: the whole sentence, else its leading clauses, else whole words (never inside a
    name) and an ellipsis."""
    sentence = sentence.strip().rstrip(".")
    if len(sentence) <= limit:
        return sentence
    ends = [
        m.start()
        for m in _CLAUSE_END.finditer(sentence)
        if len(sentence[: m.start()].split()) >= MIN_PHRASE_WORDS
    ]
    within = [end for end in ends if end <= limit]
    if within:
        return sentence[: within[-1]]
    if ends and ends[0] <= limit * CLAUSE_SLACK:
        return sentence[: ends[0]]
    return _whole_words(sentence, limit) + "…"


def _whole_words(sentence: str, limit: int) -> str:
    """Return the words of ``sentence`` that fit in ``limit - 1`` characters, not ending
    inside a run of capitalised words (a name: "Senator Steve | Daines")."""
    words = sentence.split()
    kept: list[str] = []
    for word in words:
        if len(" ".join([*kept, word])) > limit - 1:
            break
        kept.append(word)
    rest = words[len(kept) :]
    while len(kept) > 1 and rest and _capitalised(rest[0]) and _capitalised(kept[-1]):
        rest.insert(0, kept.pop())
    return " ".join(kept or words[:1]).rstrip(" ,;:-–—")


def _capitalised(word: str) -> bool:
    return word[:1].isupper()
