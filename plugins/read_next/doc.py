"""The few fields of an article the scorer reads: a Protocol, so it never needs Pelican."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol


class Doc(Protocol):
    """What read next needs of an article; ``briefing.model.Article`` satisfies it."""

    @property
    def title(self) -> str: ...
    @property
    def slug(self) -> str: ...
    @property
    def date(self) -> datetime: ...
    @property
    def category(self) -> str: ...
    @property
    def body(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def tags(self) -> Sequence[str]: ...
    @property
    def source(self) -> str | None: ...
    @property
    def read_next_pins(self) -> Sequence[str]: ...
