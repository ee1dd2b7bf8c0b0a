"""The build on a real Dask LocalCluster (2 worker processes) equals the one-process build.

With ``--scheduler`` the article files are parsed and tokenised by the workers into the
build's stores (plugins/pelican/plugins/incremental/prefill.py) and each search part is a
Pagefind task; rendering stays in the Pelican process.  Each build here has its own copy of
the content, so no store or Pagefind cache of one build serves the other.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import threading
import time
from concurrent.futures import BrokenExecutor, ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from pelican.plugins.briefing_reader import plugin as reader_plugin
from pelican.plugins.briefing_reader.reader import BriefingReader, cache_salt
from pelican.plugins.incremental import prefill as prefill_module
from pelican.plugins.incremental.prefill import article_files, prefill
from pelican.plugins.incremental.store import Store
from pelican.plugins.read_next import plugin as read_next_plugin
from pelican.plugins.read_next.text import plain, tokens

from bench import synth
from briefing import cli, cluster
from briefing.site import BuildError, build_site, stores_path
from tests.conftest import DEV_SETTINGS, ROOT
from tests.fixtures.site import write_archive
from tests.pagefind_decoded import decoded

# Parts of at most ten pages: the articles' months make several search parts (tasks).
EXTRA = ("-e", 'PAGEFIND={"part_pages": 10}')


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` by its relative path, with its bytes."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


class Killer(threading.Thread):
    """SIGKILL the worker running the first task of each kind (prefill, search part) seen."""

    def __init__(self, client: Any, kinds: tuple[str, ...]) -> None:
        super().__init__(daemon=True)
        self.client, self.kinds = client, list(kinds)
        self.killed: list[str] = []
        self.done = threading.Event()

    def run(self) -> None:
        while self.kinds and not self.done.is_set():
            for worker, keys in self.client.processing().items():
                kind = next((k for k in self.kinds if any(str(x).startswith(k) for x in keys)), "")
                if kind:
                    pid = self.client.run(os.getpid, workers=[worker])[worker]
                    os.kill(pid, signal.SIGKILL)
                    self.kinds.remove(kind)
                    self.killed.append(kind)
                    break
            time.sleep(0.005)


def build_both(base: Path, write: Any, address: str, killer: Killer | None = None) -> None:
    """Write the content twice (own stores, own Pagefind cache each); build one copy with
    ``--jobs 1 --full``, the other on the cluster (``killer`` at work meanwhile), compare."""
    one, spread = base / "one" / "content", base / "dask" / "content"
    write(one)
    shutil.copytree(one, spread)
    build_site(one, one.parent / "output", DEV_SETTINGS, EXTRA, jobs=1, incremental=False)
    if killer is not None:
        killer.start()
    try:
        build_site(spread, spread.parent / "output", DEV_SETTINGS, EXTRA, scheduler=address)
    finally:
        if killer is not None:
            killer.done.set()
            killer.join()
    assert_same_site(one.parent / "output", spread.parent / "output")


def fixture_content(content: Path) -> None:
    """The site fixture (one month) and 40 synthetic articles over more months."""
    write_archive(content)
    synth.write_markdown(synth.generate(40, seed=5).articles, content / "articles" / "synth")


def synthetic_content(content: Path) -> None:
    """The fixture and 300 synthetic articles: five prefill batches."""
    write_archive(content)
    synth.write_markdown(synth.generate(300, seed=3).articles, content / "articles" / "synth")


def assert_same_site(one: Path, spread: Path) -> None:
    """Every page and file byte for byte; the search index decoded (tests/pagefind_decoded.py:
    two Pagefind runs over the same pages order a filter's values differently)."""
    index = Path("search", "pagefind")
    built, expected = tree(spread), tree(one)
    pages = sorted(p for p in expected if not p.startswith(f"{index}/"))
    assert pages == sorted(p for p in built if not p.startswith(f"{index}/"))
    assert [p for p in pages if built[p] != expected[p]] == []
    assert decoded(spread / index) == decoded(one / index)
    assert len(list((one / index).glob("*--*"))) > 1  # several search parts


def test_a_build_on_the_cluster_equals_the_one_process_build(
    tmp_path: Path, scheduler: tuple[str, Any]
) -> None:
    address, _ = scheduler
    build_both(tmp_path, fixture_content, address)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """The site fixture's content folder."""
    return write_archive(tmp_path / "content")


def test_the_workers_fill_the_stores_with_what_the_reader_computes(
    content: Path, tmp_path: Path, scheduler: tuple[str, Any]
) -> None:
    settings = {
        "PATH": str(content),
        "ARTICLE_PATHS": ["articles"],
        "PAGE_PATHS": ["pages"],
        "PLUGINS": ["pelican.plugins.briefing_reader", "pelican.plugins.read_next"],
        "CATEGORIES": {"economy": "Business"},
    }
    stores = tmp_path / "stores"
    with cluster.executor(scheduler[0]) as executor:
        report = prefill(settings, stores, executor)
        again = prefill(settings, stores, executor)
    files = article_files(settings)
    assert all(f.is_relative_to(content / "articles") for f in files)
    assert (report.files, report.sent, report.filled, report.lost) == (len(files),) * 3 + (0,)
    assert (again.sent, again.filled) == (0, 0)  # every entry is there: nothing to send
    reader = Store(stores / reader_plugin.STORE, cache_salt(settings))
    kept = Store(stores / read_next_plugin.STORE, read_next_plugin.tokens_salt())
    inline = BriefingReader(settings)
    for path in files:
        data = path.read_bytes()
        html, record = inline.parse(str(path), data)
        assert reader.get(reader.key(data)) == (html, record)
        text = plain(record.title, record.body)
        assert kept.get(kept.key(text.encode())) == tokens(text)


def test_a_broken_pool_loses_its_batches_to_the_build_not_the_articles(
    content: Path, tmp_path: Path
) -> None:
    """A local pool whose worker died fills nothing; the build parses every file itself."""
    settings = {"PATH": str(content), "ARTICLE_PATHS": ["articles"], "PAGE_PATHS": ["pages"]}
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
        with pytest.raises(BrokenExecutor):
            pool.submit(os._exit, 1).result()
        report = prefill(settings, tmp_path / "stores", pool)
    files = len(article_files(settings))
    assert (report.files, report.sent, report.filled, report.lost) == (files, files, 0, files)
    reader = Store(tmp_path / "stores" / reader_plugin.STORE, cache_salt(settings))
    keys = [reader.key(f.read_bytes()) for f in article_files(settings)]
    assert reader.missing(keys) == set(keys)


class CountingPool(ProcessPoolExecutor):
    """A real fork pool that records the most batches it held at once (sent, not collected)."""

    def __init__(self) -> None:
        super().__init__(2, mp_context=multiprocessing.get_context("fork"))
        self.outstanding: set[Any] = set()
        self.most = 0

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Any:
        future = super().submit(fn, *args, **kwargs)
        self.outstanding.add(future)
        self.most = max(self.most, len(self.outstanding))
        future.add_done_callback(self.outstanding.discard)
        return future


def test_the_prefill_holds_a_bounded_number_of_batches_and_fills_every_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cold build sends every file; only IN_FLIGHT batches of them are held at a time."""
    content = tmp_path / "content"
    synthetic_content(content)
    monkeypatch.setattr(prefill_module, "IN_FLIGHT", 2)
    settings = {"PATH": str(content), "ARTICLE_PATHS": ["articles"], "PAGE_PATHS": ["pages"]}
    with CountingPool() as pool:
        report = prefill(settings, tmp_path / "stores", pool)
    files = article_files(settings)
    assert len(files) > 4 * prefill_module.BATCH  # more batches than may be held
    assert 1 <= pool.most <= 2
    assert (report.sent, report.filled, report.lost) == (len(files), len(files), 0)
    reader = Store(tmp_path / "stores" / reader_plugin.STORE, cache_salt(settings))
    assert reader.missing([reader.key(f.read_bytes()) for f in files]) == set()


def test_a_file_the_contract_refuses_fails_the_build_by_name(
    content: Path, tmp_path: Path, scheduler: tuple[str, Any], capfd: pytest.CaptureFixture[str]
) -> None:
    """The workers skip a file they cannot parse; the build's own reader names it."""
    broken = content / "articles" / "broken.md"
    broken.write_text("---\ntitle: [\n---\nbody\n", encoding="utf-8")
    with pytest.raises(BuildError, match="Pelican failed"):
        build_site(content, tmp_path / "output", DEV_SETTINGS, EXTRA, scheduler=scheduler[0])
    assert "Could not process articles/broken.md" in capfd.readouterr().out
    assert not (tmp_path / "output").exists()


def test_a_worker_killed_mid_build_loses_nothing(
    tmp_path: Path, scheduler: tuple[str, Any]
) -> None:
    address, client = scheduler
    killer = Killer(client, ("compute-", "index_part-"))
    build_both(tmp_path, synthetic_content, address, killer)
    assert killer.killed == ["compute-", "index_part-"]
    # The nanny restarted the killed ones.  A worker process's start (its imports) took over
    # 60 s at load 20+ on two cores (WorkerStartTimeoutError): the wait is for the restart, not
    # a speed bound.
    client.wait_for_workers(2, timeout=300)


def test_a_bad_scheduler_address_is_one_line(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["build", "--content", str(content), "--output", str(tmp_path / "out")]
    argv += ["--settings", str(ROOT / "pelicanconf.py"), "--scheduler", "local:many"]
    assert cli.main(argv) == 1
    assert capsys.readouterr().err == (
        "build: 'local:many': write local:N with N workers, e.g. local:2\n"
    )
    assert not (tmp_path / "out").exists()
    assert not stores_path(content).exists()
