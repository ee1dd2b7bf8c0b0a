"""The forked render: results in order, one process a run of consecutive items, failures named."""

from __future__ import annotations

import os
from typing import Any

import pytest
from pelican.plugins.incremental import workers
from pelican.plugins.unique_paths.writer import DuplicateOutputError


def _where(item: int) -> tuple[int, int]:
    return item * item, os.getpid()


@pytest.mark.parametrize(("count", "chunk"), [(25, 3), (25, 2048), (2, 1), (7, 100)])
def test_each_run_is_rendered_by_its_own_process_and_results_come_in_order(
    monkeypatch: pytest.MonkeyPatch, count: int, chunk: int
) -> None:
    monkeypatch.setattr(workers, "CHUNK", chunk)
    ticks: list[int] = []
    got = workers.run(2, list(range(count)), _where, ticks.append)
    assert [value for value, _ in got] == [k * k for k in range(count)]
    assert sum(ticks) == count
    spans = workers.runs(2, [1] * count, chunk)
    pids = [{got[k][1] for k in span} for span in spans]
    assert all(len(p) == 1 for p in pids)  # a run in one process...
    assert len(set.union(*pids)) == len(spans)  # ...each its own, never this one
    assert os.getpid() not in set.union(*pids)


@pytest.mark.parametrize(("count", "chunk"), [(1, 5), (10, 5), (11, 5), (10_000, 2048), (3, 1)])
def test_runs_cover_every_item_once_at_most_a_chunk_each(count: int, chunk: int) -> None:
    spans = workers.runs(2, [1] * count, chunk)
    assert [k for span in spans for k in span] == list(range(count))
    assert all(0 < len(span) <= chunk for span in spans)
    assert len(spans) >= min(count, 4)  # two a process at least: no long last one


def test_runs_are_cut_by_cost_so_costly_items_make_short_runs() -> None:
    # 3,000 pages costing 1 (articles), then 400 costing 30 (listings), one costing 5,000.
    costs = [1] * 3000 + [30] * 400 + [5000]
    spans = workers.runs(2, costs, 2048)
    assert [k for span in spans for k in span] == list(range(len(costs)))
    for span in spans:
        assert len(span) == 1 or sum(costs[k] for k in span) <= 2048
    listing_runs = [span for span in spans if span.start >= 3000 and costs[span.start] == 30]
    assert max(len(span) for span in listing_runs) == 2048 // 30  # not 2,048 listing pages
    assert spans[-1] == range(3400, 3401)  # the costliest page alone
    assert max(len(span) for span in spans) == -(-len(costs) // 4)  # two a process, still


def test_a_cost_below_one_counts_one() -> None:
    assert workers.runs(1, [0] * 10, 4) == [range(0, 4), range(4, 8), range(8, 10)]


def _fail_at_seven(item: int) -> int:
    if item == 7:
        raise ValueError("page seven is broken")
    return item


def _collide(item: int) -> int:
    if item == 3:
        raise DuplicateOutputError("out/a.html", "article a", "article b")
    return item


def test_a_failed_render_fails_the_run_with_its_message_and_leaves_no_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(workers, "CHUNK", 2)
    started: list[int] = []
    fork = workers._fork

    def recorded(*args: Any) -> int:
        started.append(fork(*args))
        return started[-1]

    monkeypatch.setattr(workers, "_fork", recorded)
    with pytest.raises(workers.WorkerError, match="ValueError: page seven is broken"):
        workers.run(2, list(range(20)), _fail_at_seven)
    assert 4 <= len(started) < 10  # no run started after the failure was seen...
    for pid in started:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # ...and every one started was waited for


def test_a_path_collision_keeps_its_type() -> None:
    with pytest.raises(DuplicateOutputError) as collision:
        workers.run(2, list(range(6)), _collide)
    assert (collision.value.path, collision.value.first) == ("out/a.html", "article a")
