"""The types every extractor shares: what it is given, what it returns, how it refuses.

An extractor is a pure function ``(text, ExtractContext) -> [Extracted | RecordError, ...]``
(:data:`Extractor`); :mod:`briefing.extract` holds the table of them by input kind.  This module
imports no extractor, so ``briefing.extract``, ``briefing.generic`` and ``briefing.profiles``
all import it and never each other in a circle.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from briefing.model import Block, SourceItem, Translation


class ExtractionError(ValueError):
    """The input holds no article we can extract; the message is the reason."""


@dataclass(frozen=True)
class ExtractContext:
    """What is known about an input besides its text."""

    rel_path: str  # path relative to the raw root, with "/" separators
    source_hint: str | None = None  # from raw/<source>/ or a sidecar
    source_url: str | None = None  # from a sidecar
    fetched_at: datetime | None = None  # from a sidecar: anchors relative dates ("2 hours ago")
    boilerplate: frozenset[str] = field(default_factory=frozenset)  # lines learned per source


@dataclass(frozen=True)
class RecordError:
    """One record of a multi-record input that could not be used (e.g. a JSONL line)."""

    where: str  # e.g. "line 7"
    reason: str


@dataclass(frozen=True)
class Decision:
    """What extraction did with one input line, for ``briefing ingest --explain``."""

    line: int  # 1-based line number in the decoded input
    text: str
    label: str  # e.g. "title", "date", "body", "boilerplate", "tags", "read_next"
    reason: str = ""


@dataclass(frozen=True)
class Extracted:
    """What an extractor found in one raw input, before slugs, fingerprints and defaults.

    Extractors (site profiles, the generic text-dump extractor, HTML, JSON) fill what they find
    and leave the rest empty; ``briefing.normalise`` turns this into an Article.  ``date`` is
    naive when the source names no time zone (``normalise`` records that in the origin).
    """

    title: str | None = None
    date: datetime | None = None
    category: str | None = None
    tags: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    paragraphs: tuple[str, ...] = ()  # plain text, one paragraph each, in order
    blocks: tuple[Block, ...] = ()  # what each paragraph is; empty: all are "p"
    modified: datetime | None = None  # only when the source states it
    source: str | None = None
    source_url: str | None = None
    lang: str | None = None
    summary: str | None = None
    translations: tuple[Translation, ...] = ()
    read_next: tuple[SourceItem, ...] = ()
    briefs: tuple[SourceItem, ...] = ()  # listing items with a known date: become kind: brief
    brief_date: datetime | None = None  # the day (and zone) the listing's times belong to
    default_category: str | None = None
    profile: str | None = None
    origin: dict[str, str] = field(default_factory=dict)
    decisions: tuple[Decision, ...] = ()


# One input's text and context in, one result per article it holds out (JSON Lines hold many).
Extractor = Callable[[str, ExtractContext], Sequence[Extracted | RecordError]]
