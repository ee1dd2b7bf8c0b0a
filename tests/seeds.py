"""The bundled sample inputs (raw/, copied from the project's two real seeds) and a fixed clock."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from briefing.ingest import IngestOptions, ingest
from briefing.report import RunReport

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"
REPORT_AZ = RAW / "003_3261e566d31335b6.txt"
READNEXT = RAW / "000_f947edaab6fdd402.txt"
GOLDEN_SEEDS = Path(__file__).parent / "golden" / "seeds"
# The day the tests pretend to run: the date an undated seed gets on first ingest.
CLOCK = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def ingest_seeds(out: Path, now: datetime = CLOCK) -> RunReport:
    """Ingest both seeds into ``out`` with the given clock."""
    return ingest([REPORT_AZ, READNEXT], out, IngestOptions(now=now))
