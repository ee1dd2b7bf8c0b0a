"""Generic extraction for sources no site profile describes: text dumps, HTML, JSON records."""

from __future__ import annotations

from briefing.generic.boilerplate import learn_boilerplate
from briefing.generic.dump import extract_dump
from briefing.generic.html import extract_html
from briefing.generic.records import extract_records

__all__ = ["extract_dump", "extract_html", "extract_records", "learn_boilerplate"]
