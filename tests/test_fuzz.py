"""Fuzzing ingest: mutated dumps, HTML and JSON never crash it, and what it writes builds.

``make test`` runs a few hundred examples; ``make fuzz`` runs ``FUZZ_EXAMPLES`` (10,000) and
prints the count of inputs and crashes.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing import frontmatter
from briefing.ingest import IngestOptions, ingest, parse_input, validate
from briefing.site import build_site
from briefing.sources import RawInput, kind_of
from tests.conftest import DEV_SETTINGS
from tests.inputs import GRAIN, METRO, PORT, html_page, jsonl
from tests.seeds import CLOCK, READNEXT, REPORT_AZ

FAULT = "could not be processed"  # parse_input's reason for an exception nobody foresaw
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "300"))
SEEDS: dict[str, bytes] = {
    "txt": REPORT_AZ.read_bytes(),
    "dump.txt": READNEXT.read_bytes(),
    "html": html_page("Port expansion approved", PORT, "https://e.org/p", "2026-02-26").encode(),
    "jsonl": jsonl(GRAIN, METRO).encode(),
    "json": json.dumps([GRAIN, METRO]).encode(),
}
SPICE = [
    b"\x00",
    b"\xff\xfe",
    b"\r\n",
    b"---\n",
    b"\xe2\x80\xae",
    b"<script>",
    b"2026-13-01",
    b"49:49",
    b"{",
    b"]",
    b'"',
    b"\\",
    b"\t",
    "Эми Карлон".encode(),
    "العربية".encode(),
    b"\x85",
    "\u2028".encode(),
    b"!!!",
    b"lang: pcm",
    b"\xc3",
    b"\x1b[31m",
]


TRIED: list[str] = []  # one entry per single input parse_input was given


@pytest.fixture(scope="module", autouse=True)
def _tally() -> Iterator[None]:
    yield
    if TRIED:
        print(f"\nfuzz: {len(TRIED)} single inputs through parse_input (a crash fails the test)")


def mutate(data: bytes, rng: random.Random) -> bytes:
    """Apply a few byte-level mutations: cut, duplicate, splice in spice, flip, truncate."""
    out = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(out) + 1)
        action = rng.randrange(5)
        if action == 0 and out:
            del out[at : at + rng.randint(1, 200)]
        elif action == 1:
            out[at:at] = out[at : at + rng.randint(1, 200)]
        elif action == 2:
            out[at:at] = rng.choice(SPICE)
        elif action == 3 and out:
            out[min(at, len(out) - 1)] ^= 1 << rng.randrange(8)
        else:
            del out[at:]
    return bytes(out)


def suffix(kind: str) -> str:
    return "." + kind.split(".")[-1]


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(kind=st.sampled_from(sorted(SEEDS)), seed=st.integers(0, 2**32 - 1))
def test_parse_input_never_raises_and_every_article_validates(
    tmp_path: Path, kind: str, seed: int
) -> None:
    path = tmp_path / f"input-{seed}{suffix(kind)}"
    path.write_bytes(mutate(SEEDS[kind], random.Random(seed)))
    raw = RawInput(path, path.name, kind_of(path) or "txt")
    parsed = parse_input(raw, IngestOptions(now=CLOCK))  # raises nothing: that is the test
    TRIED.append(kind)
    for entry in parsed.entries:
        assert validate(entry.article) is None
        assert frontmatter.load(frontmatter.dump(entry.article)) == entry.article
    assert parsed.entries or parsed.rejections
    faults = [r for r in parsed.rejections if r.reason.startswith(FAULT)]
    assert not faults, faults  # a reason we did not foresee is a crash in disguise


def test_a_fuzzed_batch_is_accounted_for_and_builds(tmp_path: Path) -> None:
    raw, content, output = tmp_path / "raw", tmp_path / "content", tmp_path / "output"
    raw.mkdir()
    rng = random.Random(20261201)
    count = max(80, EXAMPLES // 5)  # above MIN_PARALLEL_INPUTS: the worker pool runs
    for n in range(count):
        kind = rng.choice(sorted(SEEDS))
        (raw / f"f{n:05d}{suffix(kind)}").write_bytes(mutate(SEEDS[kind], rng))
    report = ingest([raw], content, IngestOptions(now=CLOCK, jobs=2))
    named = {r.file.split(" (")[0].split("#")[0] for r in report.rejected}
    named |= {line.split(" (")[0].split("#")[0].split(":")[0] for line in report.duplicates}
    for label in report.written + report.updated + report.unchanged:
        named.add(label.split(" (")[0].split("#")[0])
    assert named >= {p.name for p in raw.iterdir()}, "every input is accounted for"
    assert not [r for r in report.rejected if r.reason.startswith(FAULT)]
    build_site(content, output, DEV_SETTINGS)
    assert (output / "index.html").is_file()
    print(f"fuzz: {count} inputs in one batch, {len(report.rejected)} rejected, 0 crashes")
