"""The ``CORPUS_EXPORT`` settings dict, merged over defaults into a frozen dataclass."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from briefing import settings as briefing_settings
from briefing.export.cite import STYLES
from briefing.export.run import FORMATS
from briefing.settings import SettingsError


@dataclass(frozen=True)
class CorpusSettings:
    """Which export files the site carries, where, and which page links them."""

    formats: tuple[str, ...] = ()  # e.g. ("sqlite", "csv"); none: the site carries no export
    folder: str = "corpus"  # output folder of the files
    name: str = "archive"  # file name before the format's suffix: corpus/archive.db
    page: str = "about"  # slug of the page that links the files
    cite_style: str = "apa"  # the rows' citations
    bom: bool = False  # CSV with a UTF-8 byte-order mark (for Excel)


def load(settings: Mapping[str, Any]) -> CorpusSettings:
    """Return ``CORPUS_EXPORT`` over the defaults (briefing.settings); unknown values refused."""
    options = briefing_settings.load("CORPUS_EXPORT", CorpusSettings, settings.get("CORPUS_EXPORT"))
    wrong = [f for f in options.formats if f not in FORMATS]
    if wrong:
        raise SettingsError(f"CORPUS_EXPORT: unknown format(s) {wrong}: use {', '.join(FORMATS)}")
    if options.cite_style not in STYLES:
        raise SettingsError(f"CORPUS_EXPORT: cite_style must be one of {', '.join(STYLES)}")
    return options
