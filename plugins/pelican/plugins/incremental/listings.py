"""Constant-time membership in Pelican's tag and category listings (Pelican's quadratic cost).

Pelican's ``generate_tags`` and ``generate_categories`` give each listing its articles in date
order as ``[a for a in self.dates if a in articles]``: for every tag, every article of the
archive is looked up in the tag's list, item by item.  At 10k articles and ~300 tags that is
3 million list scans, about 5 s of every build (vanilla Pelican pays it too).

At ``article_generator_finalized`` each listing's list becomes a :class:`Members`: the same
list, in the same order, whose ``in`` asks a set.  Pelican's articles compare by identity (its
content classes define no ``__eq__``), so the set answers exactly what the list scan did, and
every page and every render key stays the same (``tests/test_listings.py`` beside this).
"""

from __future__ import annotations

from typing import Any


class Members(list[Any]):
    """A list whose ``in`` is a set look-up (built at the first one, again if the list grew)."""

    _members: frozenset[Any] | None = None
    _counted = -1

    def __contains__(self, item: object) -> bool:
        if self._counted != len(self):
            try:
                self._members = frozenset(self)
            except TypeError:  # an unhashable item: ask the list as Pelican would
                self._members = None
            self._counted = len(self)
        if self._members is None:
            return list.__contains__(self, item)
        return item in self._members


def index_listings(generator: Any) -> None:
    """Turn the generator's tag and category lists into :class:`Members` (same items, order)."""
    for tag, articles in generator.tags.items():
        generator.tags[tag] = Members(articles)
    generator.categories[:] = [(cat, Members(arts)) for cat, arts in generator.categories]
