"""Generic extraction for sources no site profile describes: text dumps, HTML, JSON records.

Modules, one per stage or input kind:
``lines`` (per-line features) -> ``dump`` (body region, sub-heads, decisions) with ``titles``,
``dates``, ``meta`` (tags, section) and ``lang``; ``boilerplate`` learns a source's repeated
lines and names furniture lines; ``html`` runs trafilatura and ``headline`` picks the title;
``records`` reads JSON / JSON Lines.  Keyword lists and patterns live in ``patterns``.
:mod:`briefing.extract` picks which of these runs for an input; the types they take and return
live in :mod:`briefing.extraction`, which imports none of them.
"""

from __future__ import annotations

from briefing.generic.boilerplate import learn_boilerplate
from briefing.generic.dump import extract_dump
from briefing.generic.html import extract_html
from briefing.generic.records import extract_records

__all__ = ["extract_dump", "extract_html", "extract_records", "learn_boilerplate"]
