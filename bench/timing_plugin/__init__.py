"""Pelican plugin for the benchmark only: time every other plugin's signal handlers.

Enabled by the bench's settings override (never by pelicanconf.py), listed last in PLUGINS so
that the other plugins have connected when it registers.  It wraps each receiver of Pelican's
signals in a timer, sums the seconds per plugin (the receiver's top-level package) and signal,
and when Pelican finishes writes ``BENCH_TIMING["path"]`` as JSON::

    {"pelican_start": <epoch s>, "pelican_end": <epoch s>,
     "plugins": {"pelican.plugins.read_next": 1.2, ...},
     "signals": {"pelican.plugins.read_next": {"article_generator_finalized": 1.2, ...}, ...}}
"""

from __future__ import annotations

from bench.timing_plugin.timer import register

__all__ = ["register"]
