"""Zone abbreviations that name several UTC offsets, settled only by the page's own evidence.

dateparser reads "IST" as Israel (+02:00) whatever the page; an Indian page means +05:30 and
an Irish one +01:00.  A date whose zone is such an abbreviation keeps its offset only when the
page or its source says which one is meant: a numeric offset stated on the page that is one of
the abbreviation's readings, or a country (a region in the page's language tag, the country
code of the source's domain) whose reading is known.  Otherwise the date and clock time stay
with the zone not stated (naive, so ``briefing.normalise`` records ``timezone: unknown``):
never a guessed offset.  Abbreviations with one reading (CET, EST, JST, ...) are untouched.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from urllib.parse import urlsplit

# Abbreviation -> offset in minutes -> the countries (ISO 3166) reading it so: the output of
# ``python -m bench.zone_names`` (tz database 2026.6 and CLDR through Babel 2.18, against
# dateparser 1.5's table; a dateparser reading no country names now is given to the
# countries whose clocks show it).
_READINGS: dict[str, dict[int, str]] = {
    "ACT": {-300: "BR", 570: "AU"},
    "AMT": {-240: "BR", 240: "AE AM AZ GE MU OM RE RU SC"},
    "AWT": {-180: "AR BM BR CA CL FK GF GL PM PY SR UY", 480: "AQ AU"},
    "AZOST": {-60: "CV GL", 0: "PT"},
    "BST": {60: "GB GG IM JE", 360: "BD"},
    "CDT": {-300: "CA GT HN MX NI US", -240: "CU"},
    "CST": {-360: "BZ CA CR GT HN MX NI SV US", -300: "CU", 480: "CN MO TW"},
    "EEST": {120: "LY", 180: "AX BG BY CY EE EG FI GR JO LB LT LV MD PS RO RU SY TR UA"},
    "FKT": {
        -240: (
            "AG AI AW BB BL BM BO BQ BR BS CA CL CU CW DM DO GD GL GP GY HT KN LC MF MQ "
            "MS PR SX TC TT US VC VE VG VI"
        ),
        -180: "FK",
    },
    "GIT": {-540: "PF US", 720: "KI"},
    "GST": {-120: "GS", 240: "AE OM", 600: "GU MP"},
    "HAT": {-600: "US", -150: "CA"},
    "IST": {60: "IE", 120: "IL", 330: "IN LK"},
    "NFT": {660: "NF"},
    "NOVT": {360: "BD BT CN IO KG", 420: "RU"},
    "NRT": {720: "NR"},
    "PMT": {-180: "PM"},
    "PST": {-480: "CA MX US", 480: "PH"},
    "PWT": {-420: "CA MX US", 540: "PW"},
    "PYT": {
        -240: (
            "AG AI AW BB BL BM BO BQ BR BS CA CL CU CW DM DO GD GL GP GY HT KN LC MF MQ "
            "MS PR SX TC TT US VC VE VG VI"
        ),
        -180: "PY",
    },
    "TKT": {-660: "AS NU UM", 780: "TK"},
    "VET": {-240: "VE"},
    "VOLT": {180: "RU", 240: "AE AM AZ GE MU OM RE SC"},
    "VOST": {300: "AQ", 360: "BD BT CN IO KG RU"},
    "YST": {-540: "PF US", -420: "CA"},
}
# Abbreviation -> country -> offset in minutes, as looked up.
AMBIGUOUS: dict[str, dict[str, int]] = {
    abbr: {cc: offset for offset, ccs in readings.items() for cc in ccs.split()}
    for abbr, readings in _READINGS.items()
}

# Country-code domains that are not the ISO code of their country.
_TLD_COUNTRY = {"uk": "GB"}
# A numeric UTC offset a page states: "GMT+5:30", "UTC+08:00", "10:30 +0530", an ISO stamp's.
_OFFSET = re.compile(
    r"(?:\b(?:UTC|GMT)\s?|\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s?)(?P<sign>[+\-−])"
    r"(?P<h>\d{1,2})(?::?(?P<m>[0-5]\d))?\b"
)
_REGION = re.compile(r"^[a-z]{2,3}[-_](?:[a-z]{4}[-_])?(?P<cc>[a-z]{2})\b", re.IGNORECASE)


@dataclass(frozen=True)
class ZoneEvidence:
    """What a page and its source say about where its clock times are."""

    offsets: frozenset[int] = frozenset()  # numeric UTC offsets stated on the page (minutes)
    countries: frozenset[str] = frozenset()  # from a language tag's region, the domain's code


def evidence(
    texts: Iterable[str], urls: Iterable[str | None] = (), tags: Iterable[str | None] = ()
) -> ZoneEvidence:
    """Return the zone evidence of a page's texts, its source URLs and its language tags."""
    offsets = {_minutes(m) for text in texts for m in _OFFSET.finditer(text)}
    countries = {c for c in (_url_country(u) for u in urls if u) if c}
    countries |= {m["cc"].upper() for t in tags if t and (m := _REGION.match(t.strip()))}
    return ZoneEvidence(frozenset(offsets), frozenset(countries))


def ambiguous(value: datetime | None) -> bool:
    """True when ``value``'s zone is an abbreviation that names several offsets."""
    return value is not None and (value.tzname() or "").upper() in AMBIGUOUS


def settle(value: datetime, found: ZoneEvidence) -> datetime:
    """Return ``value`` with an ambiguous zone abbreviation settled by the page's evidence:
    the one reading the evidence names, else the date and time with no zone (naive)."""
    readings = AMBIGUOUS.get((value.tzname() or "").upper())
    if readings is None or value.utcoffset() is None:
        return value
    stated = set(readings.values()) & found.offsets
    named = {readings[c] for c in found.countries if c in readings}
    for chosen in (stated, named):
        if len(chosen) == 1:
            return value.replace(tzinfo=timezone(timedelta(minutes=chosen.pop())))
    return value.replace(tzinfo=None)


def _minutes(m: re.Match[str]) -> int:
    minutes = int(m["h"]) * 60 + int(m["m"] or 0)
    return -minutes if m["sign"] in "-−" else minutes


def _url_country(url: str) -> str | None:
    host = (urlsplit(url if "//" in url else f"//{url}").hostname or "").rstrip(".")
    label = host.rsplit(".", 1)[-1].lower()
    if len(label) != 2 or not label.isalpha():
        return None  # .com, .org, .news: no country
    return _TLD_COUNTRY.get(label, label.upper())
