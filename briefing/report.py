"""The run report: every input ends written, updated, unchanged, a duplicate, or rejected.

Conflicts (two stories claiming one URL: both written) and inputs skipped on purpose (hidden
files) are reported by name too.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Rejection:
    """An input (or one record of it) that produced no article, and why."""

    file: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.reason}"


@dataclass
class RunReport:
    """What one ingest run did; printed as a summary by the CLI."""

    written: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    skipped: list[Rejection] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    sections: list[tuple[str, str | None]] = field(default_factory=list)  # written, updated
    briefs: int = 0
    reused: int = 0  # inputs whose extraction the manifest gave (unchanged since last time)

    @property
    def ok(self) -> bool:
        """True when nothing was rejected."""
        return not self.rejected

    def summary(self) -> str:
        """Return the one-line summary of the run."""
        return (
            f"{len(self.written)} written, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged, {len(self.duplicates)} duplicates, "
            f"{len(self.conflicts)} conflicts, {len(self.skipped)} skipped, "
            f"{len(self.rejected)} rejected"
        )
