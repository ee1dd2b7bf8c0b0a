"""Shared fixtures: the site fixture archive built once per session, served on 127.0.0.1, and a
headless Chromium driven by Playwright (Debian's /usr/bin/chromium).

Reuse them from any test module: ``built_site`` (pelicanconf.py build, relative URLs),
``published_site`` (publishconf.py build, feeds on), ``site_url`` (``built_site`` served over
HTTP) and ``browser`` (a Playwright Browser; make pages with ``browser.new_page()``).
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, settings

from bench.chromium import CHROMIUM, CHROMIUM_ARGS
from briefing.site import build_site
from tests.fixtures.site import write_archive

ROOT = Path(__file__).resolve().parent.parent
DEV_SETTINGS = ROOT / "pelicanconf.py"


def pytest_configure(config: pytest.Config) -> None:
    """Stop at once, with the fix, when .venv does not hold the project (and so its plugins)."""
    if importlib.util.find_spec("pelican.plugins.briefing_reader") is None:
        pytest.exit("pelican.plugins.* are not installed: `make test` installs the project")


PUBLISH_SETTINGS = ROOT / "publishconf.py"

# Hypothesis: timing is for make bench, never a test's verdict.  Properties that write files or
# run on a loaded 2-core machine took over the 200 ms default deadline, so there is none.
# A loaded machine makes data generation slow too: that health check measures the machine, not
# the code, so it is off (as the deadline is).
settings.register_profile(
    "default", deadline=None, max_examples=300, suppress_health_check=[HealthCheck.too_slow]
)
# make mutate (setup.cfg): the same draws every run, and no shrinking, since any failing
# example kills a mutant; fewer examples, as each mutant runs the properties again.
settings.register_profile(
    "mutation",
    deadline=None,
    max_examples=30,
    derandomize=True,
    database=None,
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def build_fixture_site(
    workdir: Path, settings: Path = DEV_SETTINGS, extra: tuple[str, ...] = ()
) -> Path:
    """Write the fixture archive under ``workdir`` and build it with Pelican; return the output."""
    content = write_archive(workdir / "content")
    output = workdir / "output"
    build_site(content, output, settings, extra)
    return output


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture archive built with pelicanconf.py (the development settings)."""
    return build_fixture_site(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture archive built with publishconf.py (absolute URLs, feeds, sitemap)."""
    return build_fixture_site(tmp_path_factory.mktemp("published"), PUBLISH_SETTINGS)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """Keep the test output clean."""


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``directory`` on 127.0.0.1 on an ephemeral port in a thread; return server, URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    return server, f"http://{host!s}:{port}"


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The base URL (no trailing slash) of ``built_site`` served over HTTP on 127.0.0.1."""
    server, url = serve(built_site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless Debian Chromium driven by Playwright, shared by the session."""
    if not CHROMIUM.exists():
        pytest.fail("Browser tests need /usr/bin/chromium: run `make chromium`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def scheduler() -> Iterator[tuple[str, Any]]:
    """A Dask LocalCluster of two worker processes, and a client to it (one per test module)."""
    from distributed import Client, LocalCluster

    with (
        LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address="127.0.0.1:0",
        ) as local,
        Client(local) as client,  # type: ignore[no-untyped-call]
    ):
        yield local.scheduler_address, client
