"""Ingest on a real Dask LocalCluster (2 worker processes): the same archive as one process."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from bench import dumps, synth
from briefing import cluster
from briefing.ingest import IngestOptions, crashed_workers, ingest, parse_input
from briefing.sources import discover
from tests.inputs import snapshot, write_good_batch
from tests.seeds import CLOCK, RAW


@pytest.fixture(scope="module")
def raw(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds, one good input of each kind and 200 synthetic dumps."""
    folder = tmp_path_factory.mktemp("raw")
    for seed in RAW.iterdir():
        (folder / seed.name).write_bytes(seed.read_bytes())
    write_good_batch(folder / "kinds")
    dumps.write_raw(synth.generate(120, seed=7).articles, folder / "synth")
    return folder


def test_ingest_on_the_cluster_writes_what_one_process_writes(
    raw: Path, tmp_path: Path, scheduler: tuple[str, object]
) -> None:
    address, _ = scheduler
    one, dask = tmp_path / "one", tmp_path / "dask"
    alone = ingest([raw], one, IngestOptions(now=CLOCK, jobs=1))
    spread = ingest([raw], dask, IngestOptions(now=CLOCK, scheduler=address))
    assert spread.summary() == alone.summary()
    assert len(snapshot(one)) > 120
    assert snapshot(dask) == snapshot(one)


def test_a_worker_killed_mid_run_loses_nothing(raw: Path, scheduler: tuple[str, object]) -> None:
    address, client = scheduler
    inputs = discover([raw]).inputs[:80]
    options = IngestOptions(now=CLOCK)
    results = cluster.parse_on_cluster(inputs, options, address, parse_input, crashed_workers)
    got = [next(results)]
    pids = client.run(os.getpid)  # type: ignore[attr-defined]
    os.kill(next(iter(pids.values())), signal.SIGKILL)
    got += list(results)
    assert got == [parse_input(item, options) for item in inputs]


def test_a_bad_scheduler_address_is_a_clear_error(raw: Path, tmp_path: Path) -> None:
    with pytest.raises(cluster.SchedulerError, match="local:N"):
        ingest([raw], tmp_path / "c", IngestOptions(now=CLOCK, scheduler="local:none"))
