"""`make serve`: the built site on 127.0.0.1, rebuilt when raw/ or content/ changes.

Pelican's own ``--listen`` server answers a missing page with an empty reply and watches
content/ only.  This one answers with the site's 404 page, and when a file under raw/ changes
it runs ``briefing ingest`` and then the build; when only content/ changes, the build.  The
build replaces output/ only on success (``briefing.site``), so a bad edit leaves the last good
site being served and the error on the terminal.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import logging
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from briefing import site

logger = logging.getLogger(__name__)
POLL_SECONDS = 1.0  # how often the folders are looked at: a stat per file, cheap at 10k files


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serve the output folder; a missing page gets the site's 404.html with status 404."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Answer 404 with the site's own page, everything else as the standard library does."""
        page = Path(str(self.directory)) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Log requests at debug level (the terminal shows builds, not every request)."""
        logger.debug(format, *args)


def snapshot(folder: Path) -> dict[str, float]:
    """Return every file under ``folder`` with its modification time (empty if missing)."""
    if not folder.is_dir():
        return {}
    return {str(p): p.stat().st_mtime for p in folder.rglob("*") if p.is_file()}


def ingest(raw: Path, content: Path) -> bool:
    """Run ``briefing ingest`` (its report goes to the terminal); return True when it passed."""
    command = [sys.executable, "-m", "briefing", "ingest", str(raw), "--out", str(content)]
    return subprocess.run(command, check=False).returncode == 0


def rebuild(options: argparse.Namespace, with_ingest: bool) -> None:
    """Ingest (when raw/ changed) and build; say what failed, keep the last good site."""
    if with_ingest and not ingest(options.raw, options.content):
        print("serve: ingest rejected some inputs (see above); building the rest", flush=True)
    try:
        site.build_site(options.content, options.output, options.settings)
    except site.BuildError as exc:
        print(f"serve: {exc}", flush=True)
        return
    print(f"serve: rebuilt {options.output}", flush=True)


def watch(options: argparse.Namespace, stop: threading.Event) -> None:
    """Rebuild whenever a file under raw/ or content/ is added, changed or removed."""
    raw, content = snapshot(options.raw), snapshot(options.content)
    while not stop.wait(POLL_SECONDS):
        raw_now, content_now = snapshot(options.raw), snapshot(options.content)
        if raw_now == raw and content_now == content:
            continue
        rebuild(options, with_ingest=raw_now != raw)
        # the ingest wrote into content/: take both again so its own writes start no loop
        raw, content = snapshot(options.raw), snapshot(options.content)


def arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse the options of ``python -m briefing.serve``."""
    parser = argparse.ArgumentParser(
        prog="python -m briefing.serve",
        description="Serve the site on 127.0.0.1 and rebuild it when raw/ or content/ changes.",
        epilog="example:\n  python -m briefing.serve --raw raw --content content --port 8000",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--raw", type=Path, default=Path("raw"))
    parser.add_argument("--content", type=Path, default=Path("content"))
    parser.add_argument("--output", type=Path, default=Path("output"))
    parser.add_argument("--settings", type=Path, default=Path("pelicanconf.py"))
    parser.add_argument("--port", type=int, default=8000)
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Build once, then serve and rebuild on changes until interrupted."""
    options = arguments(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    rebuild(options, with_ingest=options.raw.is_dir())
    handler = functools.partial(SiteHandler, directory=str(options.output.resolve()))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", options.port), handler)
    stop = threading.Event()
    watcher = threading.Thread(target=watch, args=(options, stop), daemon=True)
    watcher.start()
    print(f"serve: http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
