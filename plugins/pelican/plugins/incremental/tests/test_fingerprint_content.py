"""The digest of a page's own article and of a reference to one: the shortcuts it takes.

A record carried by the reader's :class:`Origin` is digested by the origin's key, the values of
``metadata`` that are the article's own attributes by the attribute's name, each category or
tag once a build.  Each shortcut must still tell apart what a page shows differently.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from pelican.contents import Article
from pelican.plugins.incremental.fingerprint import Fingerprint
from pelican.plugins.incremental.store import Origin
from pelican.settings import DEFAULT_CONFIG
from pelican.urlwrappers import Category, Tag

from briefing.model import Article as Record

SETTINGS = dict(DEFAULT_CONFIG)
DATE = dt.datetime(2026, 2, 27, 9, 0, tzinfo=dt.UTC)


def record(title: str = "Talks resume") -> Record:
    return Record(title=title, slug="talks-resume", date=DATE, category="Politics", body="Text.")


def article(origin: Origin[Any] | None, briefing: Record, **metadata: Any) -> Article:
    """A Pelican article as the briefing reader makes it (metadata set as attributes)."""
    values: dict[str, Any] = {
        "title": briefing.title,
        "slug": briefing.slug,
        "date": briefing.date,
        "category": Category(briefing.category, SETTINGS),
        "tags": [Tag("talks", SETTINGS)],
        "summary": briefing.title,
        "briefing": briefing,
        **({"origin": origin} if origin is not None else {}),
        **metadata,
    }
    return Article("<p>Text.</p>", metadata=values, settings=SETTINGS, source_path="a.md")


def own(content: Article) -> str:
    return Fingerprint().digest({"article": content})


def reference(content: Article) -> str:
    return Fingerprint().digest({"neighbours": [content]})


def test_a_record_with_its_origin_is_digested_by_the_key() -> None:
    """Equal records from the same key agree; the same record under another key differs."""
    one, same = record(), record()
    first = article(Origin("k1", ("<p>Text.</p>", one)), one)
    again = article(Origin("k1", ("<p>Text.</p>", same)), same)
    other = article(Origin("k2", ("<p>Text.</p>", one)), one)
    assert own(first) == own(again) and reference(first) == reference(again)
    assert own(first) != own(other) and reference(first) != reference(other)


def test_a_record_put_in_place_of_the_origins_is_digested_by_its_value() -> None:
    """Must not take the key: the article's record is not the one its origin made."""
    made = record()
    origin = Origin("k1", ("<p>Text.</p>", made))
    replaced = dataclasses.replace(made, body="Another text.")
    kept, swapped = article(origin, made), article(origin, made)
    swapped.briefing = replaced
    assert reference(kept) != reference(swapped)
    assert own(kept) != own(swapped)
    # and by its value: an equal replacement agrees with an article that has no origin
    assert reference(swapped) == reference(article(None, replaced, title=made.title))


def test_a_metadata_value_that_is_not_the_attribute_is_digested() -> None:
    """Must not alias: metadata holding another value than the attribute of that name."""
    plain, changed = article(None, record()), article(None, record())
    changed.metadata["summary"] = "Another summary"
    assert own(plain) != own(changed)
    retitled = article(None, record())
    retitled.title = "Talks collapse"  # the attribute changed, metadata["title"] did not
    assert own(plain) != own(retitled)


def test_a_metadata_value_aliased_to_an_attribute_follows_the_attribute() -> None:
    """The alias names the attribute; the attribute's value is in the digest."""
    one, other = article(None, record()), article(None, record("Talks collapse"))
    assert one.metadata["title"] is one.title
    assert own(one) != own(other)
    assert own(one) == own(article(None, record()))


def test_categories_and_tags_are_told_apart_once_memoised() -> None:
    """One fingerprint digests a tag once; another tag, or a renamed one later, differs."""
    fingerprint = Fingerprint()
    talks, trade = Tag("talks", SETTINGS), Tag("trade", SETTINGS)
    assert fingerprint.digest([talks]) == fingerprint.digest([talks])
    assert fingerprint.digest([talks]) != fingerprint.digest([trade])
    before = Fingerprint().digest([talks])
    talks.name = "peace talks"
    assert Fingerprint().digest([talks]) != before
    assert Fingerprint().digest([Category("talks", SETTINGS)]) != before


@dataclasses.dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclasses.dataclass(frozen=True)
class OtherLink:
    title: str
    url: str


def test_dataclasses_are_told_apart_by_every_field_and_their_class() -> None:
    """One fingerprint reads a class's fields once; each instance is still digested whole."""
    fingerprint = Fingerprint()
    first = fingerprint.digest([Link("Talks", "a/")])
    assert fingerprint.digest([Link("Talks", "b/")]) != first
    assert fingerprint.digest([Link("Trade", "a/")]) != first
    assert fingerprint.digest([OtherLink("Talks", "a/")]) != first
    assert fingerprint.digest([Link("Talks", "a/")]) == first
