"""`make serve` (python -m briefing.serve): the 404 page, and a rebuild when raw/ changes."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import DEV_SETTINGS, ROOT
from tests.fixtures.site import write_archive

DEADLINE_SECONDS = 120.0  # a build of the fixture takes a few seconds; the machine is shared


def free_port() -> int:
    """Return a TCP port nobody listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def fetch(url: str) -> tuple[int, str]:
    """Return the status and body of a GET, error statuses included."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def wait_for(check: object, what: str) -> None:
    """Poll ``check()`` until it is true or the deadline passes."""
    end = time.monotonic() + DEADLINE_SECONDS
    while time.monotonic() < end:
        try:
            if check():  # type: ignore[operator]
                return
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.5)
    pytest.fail(f"serve: {what} within {DEADLINE_SECONDS} s")


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """Run the server over the fixture archive and an empty raw/ folder."""
    content = write_archive(tmp_path / "content")
    raw = tmp_path / "raw"
    raw.mkdir()
    port = free_port()
    command = [
        sys.executable, "-m", "briefing.serve", "--raw", str(raw), "--content", str(content),
        "--output", str(tmp_path / "output"), "--settings", str(DEV_SETTINGS), "--port", str(port),
    ]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: fetch(f"{url}/")[0] == 200, "no home page")
        yield url, raw
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_missing_page_gets_the_404_page(server: tuple[str, Path]) -> None:
    url, _ = server
    status, body = fetch(f"{url}/no/such/page/")
    assert status == 404
    assert "<h1>Page not found</h1>" in body


def test_a_new_raw_file_is_ingested_and_built(server: tuple[str, Path]) -> None:
    url, raw = server
    shutil.copy(ROOT / "tests" / "fixtures" / "generic" / "harbour-ledger.html", raw / "p.html")
    slug = "ferry-timetable-changes-after-storm-damages-pier-4"
    wait_for(lambda: fetch(f"{url}/2026/02/27/{slug}/")[0] == 200, "the new article not built")
