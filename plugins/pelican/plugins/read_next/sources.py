"""Match the source's own "Read next" items to archive articles (their slug, else fuzzy text).

A source item usually carries no link, only a headline or the target's lead sentence.  An
inverted index over each article's title and lead narrows the archive to a few candidates
sharing rare words with the item; rapidfuzz then scores only those, so matching stays linear.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Protocol

from rapidfuzz import fuzz, utils

from .text import WORD_RE

# Characters of the body compared with an item: leads are one or two sentences.
LEAD_CHARS = 320
# Candidates scored with rapidfuzz per item, and the posting-list length beyond which a word
# is too common to narrow anything.  On the bench/synth.py measurement (see
# ReadNextSettings.source_match_threshold) 20/200 gave precision 1.000, recall 1.000 at 2.5 ms
# an item; 10/100 gives 1.000 / 0.998 at a third of the time (50 postings: recall 0.994).
CANDIDATES = 10
MAX_POSTINGS = 100


class Item(Protocol):
    """A source "Read next" item (``briefing.model.SourceItem`` satisfies it)."""

    @property
    def title(self) -> str | None: ...
    @property
    def summary(self) -> str | None: ...
    @property
    def slug(self) -> str | None: ...


class Target(Protocol):
    """What an archive article offers to be matched on."""

    @property
    def slug(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def summary(self) -> str | None: ...
    @property
    def body(self) -> str: ...


def _lead(target: Target) -> str:
    return (target.summary or target.body[:LEAD_CHARS]).strip()


class _TextIndex:
    """The archive's titles and leads as rapidfuzz compares them, and their words' postings."""

    def __init__(self, targets: Sequence[Target]) -> None:
        ordered = sorted(targets, key=lambda t: t.slug)
        self.slugs = [t.slug for t in ordered]
        self.titles = [utils.default_process(t.title) for t in ordered]
        self.leads = [utils.default_process(_lead(t)) for t in ordered]
        postings: defaultdict[str, list[int]] = defaultdict(list)
        for k, (title, lead) in enumerate(zip(self.titles, self.leads, strict=True)):
            for word in set(WORD_RE.findall(f"{title} {lead}")):
                postings[word].append(k)
        self.postings: Mapping[str, list[int]] = postings


class SourceMatcher:
    """Find the archive article a source item refers to."""

    def __init__(self, targets: Sequence[Target], threshold: float) -> None:
        self._targets = targets
        self._known = {t.slug for t in targets}
        self._threshold = threshold
        self._index: _TextIndex | None = None  # built at the first item without a known slug
        # A source lists the same recent articles on many pages: match each text once.
        self._seen: dict[tuple[str | None, str | None], str | None] = {}

    def _texts(self) -> _TextIndex:
        # Most items carry their article's slug (ingest resolves the links it can): the
        # archive's processed titles and leads and their postings (0.31 CPU s at 10k articles)
        # are only built when one does not.
        if self._index is None:
            self._index = _TextIndex(self._targets)
        return self._index

    def score(self, item: Item, k: int) -> float:
        """Return how well an item's text matches archive article ``k`` (0-100)."""
        index = self._texts()
        best = 0.0
        for text in (item.title, item.summary):
            if text:
                query = utils.default_process(text)
                best = max(
                    best, fuzz.WRatio(query, index.titles[k]), fuzz.WRatio(query, index.leads[k])
                )
        return best

    def match(self, item: Item) -> str | None:
        """Return the slug of the archive article an item refers to, or None."""
        if item.slug and item.slug in self._known:
            return item.slug
        key = (item.title, item.summary)
        if key not in self._seen:
            self._seen[key] = self._fuzzy(item)
        return self._seen[key]

    def _fuzzy(self, item: Item) -> str | None:
        words = set(
            WORD_RE.findall(utils.default_process(f"{item.title or ''} {item.summary or ''}"))
        )
        index = self._texts()
        hits: Counter[int] = Counter()
        for word in words:
            found = index.postings.get(word, ())
            if len(found) <= MAX_POSTINGS:
                hits.update(found)
        ranked = sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))[:CANDIDATES]
        scored = [(self.score(item, k), -k) for k, _ in ranked]
        if not scored:
            return None
        score, neg = max(scored)
        return index.slugs[-neg] if score >= self._threshold else None

    def match_all(self, items: Sequence[Item]) -> list[str | None]:
        """Return ``match`` for each item, in order."""
        return [self.match(item) for item in items]
