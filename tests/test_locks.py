"""One writer at a time, in-process: who waits for whom, what the waiting run is told, and when
it gives up.

``flock`` locks belong to an open file description, so two ``hold`` calls in one process
contend exactly as two runs do; no test here needs a second process or a clock.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from briefing import locks
from briefing.ingest import IngestOptions, ingest
from briefing.locks import LockTimeoutError, content_lock, hold, output_lock
from tests.inputs import report_dump
from tests.seeds import CLOCK


def test_the_content_lock_is_inside_the_content_folder(tmp_path: Path) -> None:
    assert content_lock(tmp_path / "content") == tmp_path / "content" / ".briefing.lock"


def test_the_output_lock_is_beside_the_output_folder(tmp_path: Path) -> None:
    # beside, not inside: a build swaps the whole output folder
    assert output_lock(tmp_path / "output") == tmp_path / ".output.lock"


def test_holding_a_lock_creates_its_folder_and_a_file_readable_by_all(tmp_path: Path) -> None:
    lock = tmp_path / "not" / "yet" / ".briefing.lock"
    umask = os.umask(0o022)
    try:
        with hold(lock, "ingest", timeout=0):
            assert lock.is_file()
    finally:
        os.umask(umask)
    assert stat.S_IMODE(lock.stat().st_mode) == 0o644


@pytest.fixture
def lock(tmp_path: Path) -> Path:
    return tmp_path / ".briefing.lock"


@pytest.mark.parametrize(
    ("first_shared", "second_shared"),
    [
        pytest.param(False, False, id="writer-blocks-writer"),
        pytest.param(False, True, id="writer-blocks-reader"),
        pytest.param(True, False, id="reader-blocks-writer"),
    ],
)
def test_a_held_lock_makes_the_other_run_wait_then_give_up_naming_the_lock(
    lock: Path, first_shared: bool, second_shared: bool
) -> None:
    told: list[str] = []
    holding = hold(lock, "build", shared=first_shared, timeout=0)
    waiting = hold(lock, "ingest", shared=second_shared, timeout=0, on_wait=told.append)
    with holding, pytest.raises(LockTimeoutError) as raised, waiting:
        pytest.fail("entered a lock another run holds")
    assert told == [f"ingest: waiting for another run that holds {lock}"]
    assert str(raised.value) == (f"ingest: another run held {lock} for 0 s; try again when it ends")


def test_two_readers_share_the_lock(lock: Path) -> None:
    told: list[str] = []
    with (
        hold(lock, "build", shared=True, timeout=0, on_wait=told.append),
        hold(lock, "build", shared=True, timeout=0, on_wait=told.append),
    ):
        entered = True
    assert entered and told == []


def test_a_waiting_run_is_told_once_and_enters_when_the_holder_ends(
    lock: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    holder = ExitStack()
    holder.enter_context(hold(lock, "build"))
    polls: list[float] = []

    def sleep(seconds: float) -> None:  # the holder ends during the waiting run's third pause
        polls.append(seconds)
        if len(polls) == 3:
            holder.close()

    monkeypatch.setattr(locks.time, "sleep", sleep)
    told: list[str] = []
    with hold(lock, "ingest", timeout=60, on_wait=told.append):
        entered = len(polls)
    assert entered == 3
    assert told == [f"ingest: waiting for another run that holds {lock}"]
    assert all(0 < pause <= 1 for pause in polls)


def test_a_lock_is_released_when_its_block_ends_or_raises(lock: Path) -> None:
    with hold(lock, "ingest", timeout=0):
        pass
    with pytest.raises(KeyError), hold(lock, "ingest", timeout=0):
        raise KeyError("a failure inside the run")
    with hold(lock, "build", timeout=0, on_wait=pytest.fail):
        entered = True
    assert entered


def test_without_on_wait_the_wait_is_logged_as_a_warning(
    lock: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with hold(lock, "build"), pytest.raises(LockTimeoutError), hold(lock, "ingest", timeout=0):
        pytest.fail("entered a lock another run holds")
    assert [(r.levelname, r.getMessage()) for r in caplog.records] == [
        ("WARNING", f"ingest: waiting for another run that holds {lock}")
    ]


@pytest.fixture
def raw(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "p.txt").write_text(report_dump("Talks on transport links"), encoding="utf-8")
    yield folder


def test_an_ingest_waits_for_a_build_reading_the_content_and_writes_nothing(
    raw: Path, tmp_path: Path
) -> None:
    out = tmp_path / "content"
    told: list[str] = []
    options = IngestOptions(now=CLOCK, lock_timeout=0, on_wait=told.append)
    with hold(content_lock(out), "build", shared=True), pytest.raises(LockTimeoutError):
        ingest([raw], out, options)
    assert told == [f"ingest: waiting for another run that holds {content_lock(out)}"]
    assert not list(out.rglob("*.md"))
    report = ingest([raw], out, options)  # the build ended: the ingest goes ahead
    assert report.ok and len(report.written) == 1
