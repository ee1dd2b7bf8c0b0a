"""How the benchmarks and the browser tests start Debian's Chromium (one list, used by both)."""

from __future__ import annotations

from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
# Headless, as root, on a machine with no network but loopback: without the background-
# networking flags Chromium keeps trying (and failing) to reach its update and sync hosts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
