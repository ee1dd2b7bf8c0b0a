"""Pick the extractor for a raw input: a site profile by layout signature, else generic extraction.

Every extractor is a pure function ``(text, ExtractContext) -> Extracted``; JSON input goes
through ``briefing.generic.extract_records``, one result per record (JSON Lines hold many).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from briefing import generic, profiles
from briefing.model import Extracted


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


def extract_text(text: str, ctx: ExtractContext) -> Extracted:
    """Extract an article from a plain-text page dump."""
    if not text.strip():
        raise ExtractionError("empty file (no text)")
    profile = profiles.match(text)
    if profile is not None:
        return profiles.extract(profile, text)
    result = generic.extract_dump(text, ctx)
    if not result.paragraphs:
        raise ExtractionError("no article text found (only navigation or boilerplate lines)")
    return result
