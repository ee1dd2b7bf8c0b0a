"""Citations of archived articles: APA 7, Chicago (bibliography) and BibLaTeX ``@online``.

A citation names the source (the site as the front matter states it, never invented), the
headline, the date as in the source's dateline ("n.d." when the source states none), the
original URL when known, the archive copy's URL and the day it was accessed.  Bylines are
inverted as "Family, Given" by the last word of the name, as both styles ask.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from briefing.model import Article

STYLES = ("apa", "chicago", "bibtex")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_BIBTEX_SPECIAL = re.compile(r"([\\{}%&$#_^~])")


@dataclass(frozen=True)
class Citable:
    """What a citation needs besides the article: the archive copy's URL and the access day."""

    archive_url: str
    accessed: date


def long_date(day: date) -> str:
    """Return e.g. 'February 27, 2026' (English month names, whatever the locale)."""
    return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"


def stated_day(article: Article) -> date | None:
    """Return the article's day as its source dates it, or None when the date was derived."""
    return article.date.date() if article.date_stated else None


def _split_name(name: str) -> tuple[str, str]:
    """Return (family, given) by the name's last word; a one-word name is all family."""
    words = name.split()
    return (words[-1], " ".join(words[:-1])) if len(words) > 1 else (name.strip(), "")


def _initials(given: str) -> str:
    return " ".join(f"{word[0]}." for word in given.split() if word)


def _sentence(text: str) -> str:
    """End a title with a full stop unless it already ends with punctuation."""
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else f"{text}."


def _and_list(names: list[str], conjunction: str) -> str:
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2:  # "Carlon, A., & Smith, J." (APA), "Carlon, Amy, and John Smith" (Chicago)
        return f"{names[0]}, {conjunction} {names[1]}"
    return f"{', '.join(names[:-1])}, {conjunction} {names[-1]}"


def _apa_name(name: str) -> str:
    family, given = _split_name(name)
    return f"{family}, {_initials(given)}" if given else family


def apa(article: Article, where: Citable) -> str:
    """Return the APA 7 reference of a news article on a website, with its archive copy."""
    day = stated_day(article)
    when = f"({day.year}, {_MONTHS[day.month - 1]} {day.day})" if day else "(n.d.)"
    title = _sentence(article.title)
    authors = _and_list([_apa_name(a) for a in article.authors], "&")
    parts = [_sentence(authors), when + ".", title] if authors else [title, when + "."]
    if article.source:
        parts.append(_sentence(article.source))
    if article.source_url:
        parts.append(article.source_url)
    retrieved = f"{long_date(where.accessed)}, from {where.archive_url}"
    parts.append(
        f"Archived copy, retrieved {retrieved}" if article.source_url else f"Retrieved {retrieved}"
    )
    return " ".join(parts)


def _chicago_names(authors: tuple[str, ...]) -> str:
    if not authors:
        return ""
    family, given = _split_name(authors[0])
    first = f"{family}, {given}" if given else family
    return _and_list([first, *authors[1:]], "and")


def chicago(article: Article, where: Citable) -> str:
    """Return the Chicago (17th ed.) bibliography entry of a news article, with its archive copy."""
    day = stated_day(article)
    title = article.title.strip()
    quoted = f"“{title}”" if title.endswith((".", "?", "!")) else f"“{title}.”"
    names = _chicago_names(article.authors)
    parts = [_sentence(names)] if names else []
    place = ", ".join(filter(None, [article.source, long_date(day) if day else "n.d."]))
    parts += [quoted, _sentence(place)]
    if article.source_url:
        parts.append(f"{article.source_url}.")
    parts.append(f"Archived copy accessed {long_date(where.accessed)}, {where.archive_url}.")
    return " ".join(parts)


def _bib(text: str) -> str:
    return _BIBTEX_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _bib_url(url: str) -> str:
    return url.replace("{", "%7B").replace("}", "%7D").replace(" ", "%20")


def bibtex(article: Article, where: Citable) -> str:
    """Return a BibLaTeX ``@online`` entry keyed by the article's slug."""
    day = stated_day(article)
    fields: list[tuple[str, str]] = []
    if article.authors:
        names = [", ".join(filter(None, _split_name(a))) for a in article.authors]
        fields.append(("author", " and ".join(_bib(n) for n in names)))
    fields.append(("title", "{" + _bib(article.title) + "}"))  # braces keep its capitals
    if day:
        fields.append(("date", day.isoformat()))
    if article.source:
        fields.append(("organization", _bib(article.source)))
    fields.append(("url", _bib_url(article.source_url or where.archive_url)))
    fields.append(("urldate", where.accessed.isoformat()))
    notes = []
    if article.source_url:  # the url field is the source's: name the archive copy too
        notes.append("Archived copy: \\url{" + _bib_url(where.archive_url) + "}")
    if not day:
        notes.append("Date not stated by the source")
    if notes:
        fields.append(("note", ". ".join(notes)))
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields)
    return f"@online{{{article.slug},\n{body}}}"


CITERS: dict[str, Callable[[Article, Citable], str]] = {
    "apa": apa,
    "chicago": chicago,
    "bibtex": bibtex,
}


def cite(article: Article, style: str, where: Citable) -> str:
    """Return the citation of an article in one of :data:`STYLES`."""
    try:
        citer = CITERS[style]
    except KeyError:
        raise ValueError(f"unknown citation style {style!r}: one of {', '.join(STYLES)}") from None
    return citer(article, where)
