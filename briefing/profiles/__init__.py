"""Site profiles: known dump layouts, described as data (``*.yaml`` beside this file).

A profile applies when every ``signature`` pattern matches some line of the dump.  Its ``layout``
names the parser in :mod:`briefing.profiles.layouts`; patterns, date formats, the time zone and
boilerplate lines all come from the YAML file, so adding a source of a known layout is a data
change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import timedelta, timezone, tzinfo
from functools import cache
from importlib import resources
from typing import Any

import yaml

from briefing.extraction import Extracted
from briefing.profiles.layouts import LAYOUTS


@dataclass(frozen=True)
class Profile:
    """One site profile, compiled from its YAML file."""

    name: str
    layout: str
    signature: tuple[re.Pattern[str], ...]
    source: str | None = None
    tz: tzinfo | None = None
    default_category: str | None = None
    patterns: dict[str, re.Pattern[str]] = field(default_factory=dict)
    flags: dict[str, re.Pattern[str]] = field(default_factory=dict)
    scripts: dict[str, re.Pattern[str]] = field(default_factory=dict)
    date_format: str | None = None
    max_tag_words: int = 6
    boilerplate: frozenset[str] = frozenset()

    def pattern(self, key: str) -> re.Pattern[str]:
        """Return the compiled pattern ``key`` of this profile."""
        return self.patterns[key]


_PATTERN_KEYS = ("date_line", "time_line", "listing_start", "listing_end", "item_time")


def _offset(value: str | None) -> tzinfo | None:
    if not value:
        return None
    match = re.fullmatch(r"([+-])(\d{2}):(\d{2})", value)
    if not match:
        raise ValueError(f"timezone {value!r} is not a UTC offset like +04:00")
    sign = -1 if match.group(1) == "-" else 1
    return timezone(sign * timedelta(hours=int(match.group(2)), minutes=int(match.group(3))))


def compile_profile(data: dict[str, Any]) -> Profile:
    """Build a Profile from the mapping of one YAML file."""
    multiline = re.MULTILINE
    return Profile(
        name=data["name"],
        layout=data["layout"],
        signature=tuple(re.compile(p, multiline) for p in data["signature"]),
        source=data.get("source"),
        tz=_offset(data.get("timezone")),
        default_category=data.get("default_category"),
        patterns={k: re.compile(data[k]) for k in _PATTERN_KEYS if data.get(k)},
        flags={k: re.compile(v) for k, v in (data.get("item_flags") or {}).items()},
        scripts={k: re.compile(v) for k, v in (data.get("translation_scripts") or {}).items()},
        date_format=data.get("date_format"),
        max_tag_words=int(data.get("max_tag_words", 6)),
        boilerplate=frozenset(data.get("boilerplate") or ()),
    )


@cache
def all_profiles() -> tuple[Profile, ...]:
    """Return every bundled profile, in file-name order."""
    folder = resources.files(__package__)
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)
    return tuple(compile_profile(yaml.safe_load(f.read_text(encoding="utf-8"))) for f in files)


def match(text: str) -> Profile | None:
    """Return the first profile whose whole signature matches the dump, if any."""
    for profile in all_profiles():
        if all(p.search(text) for p in profile.signature):
            return profile
    return None


def extract(profile: Profile, text: str) -> Extracted:
    """Extract the article from a dump with the profile's layout parser."""
    return LAYOUTS[profile.layout](profile, text)
