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

# Abbreviation -> country (ISO 3166) -> offset in minutes: the output of
# ``python -m bench.zone_names`` (tz database 2026.6 and CLDR through Babel 2.18, against
# dateparser 1.5's table; a dateparser reading no country names now is given to the
# countries whose clocks show it).
AMBIGUOUS: dict[str, dict[str, int]] = {
    "ACT": {"AU": 570, "BR": -300},
    "AMT": {
        "AE": 240,
        "AM": 240,
        "AZ": 240,
        "BR": -240,
        "GE": 240,
        "MU": 240,
        "OM": 240,
        "RE": 240,
        "RU": 240,
        "SC": 240,
    },
    "AWT": {
        "AQ": 480,
        "AR": -180,
        "AU": 480,
        "BM": -180,
        "BR": -180,
        "CA": -180,
        "CL": -180,
        "FK": -180,
        "GF": -180,
        "GL": -180,
        "PM": -180,
        "PY": -180,
        "SR": -180,
        "UY": -180,
    },
    "AZOST": {"CV": -60, "GL": -60, "PT": 0},
    "BST": {"BD": 360, "GB": 60, "GG": 60, "IM": 60, "JE": 60},
    "CDT": {"CA": -300, "CU": -240, "GT": -300, "HN": -300, "MX": -300, "NI": -300, "US": -300},
    "CST": {
        "BZ": -360,
        "CA": -360,
        "CN": 480,
        "CR": -360,
        "CU": -300,
        "GT": -360,
        "HN": -360,
        "MO": 480,
        "MX": -360,
        "NI": -360,
        "SV": -360,
        "TW": 480,
        "US": -360,
    },
    "EEST": {
        "AX": 180,
        "BG": 180,
        "BY": 180,
        "CY": 180,
        "EE": 180,
        "EG": 180,
        "FI": 180,
        "GR": 180,
        "JO": 180,
        "LB": 180,
        "LT": 180,
        "LV": 180,
        "LY": 120,
        "MD": 180,
        "PS": 180,
        "RO": 180,
        "RU": 180,
        "SY": 180,
        "TR": 180,
        "UA": 180,
    },
    "FKT": {
        "AG": -240,
        "AI": -240,
        "AW": -240,
        "BB": -240,
        "BL": -240,
        "BM": -240,
        "BO": -240,
        "BQ": -240,
        "BR": -240,
        "BS": -240,
        "CA": -240,
        "CL": -240,
        "CU": -240,
        "CW": -240,
        "DM": -240,
        "DO": -240,
        "FK": -180,
        "GD": -240,
        "GL": -240,
        "GP": -240,
        "GY": -240,
        "HT": -240,
        "KN": -240,
        "LC": -240,
        "MF": -240,
        "MQ": -240,
        "MS": -240,
        "PR": -240,
        "SX": -240,
        "TC": -240,
        "TT": -240,
        "US": -240,
        "VC": -240,
        "VE": -240,
        "VG": -240,
        "VI": -240,
    },
    "GIT": {"KI": 720, "PF": -540, "US": -540},
    "GST": {"AE": 240, "GS": -120, "GU": 600, "MP": 600, "OM": 240},
    "HAT": {"CA": -150, "US": -600},
    "IST": {"IE": 60, "IL": 120, "IN": 330, "LK": 330},
    "NFT": {"NF": 660},
    "NOVT": {"BD": 360, "BT": 360, "CN": 360, "IO": 360, "KG": 360, "RU": 420},
    "NRT": {"NR": 720},
    "PMT": {"PM": -180},
    "PST": {"CA": -480, "MX": -480, "PH": 480, "US": -480},
    "PWT": {"CA": -420, "MX": -420, "PW": 540, "US": -420},
    "PYT": {
        "AG": -240,
        "AI": -240,
        "AW": -240,
        "BB": -240,
        "BL": -240,
        "BM": -240,
        "BO": -240,
        "BQ": -240,
        "BR": -240,
        "BS": -240,
        "CA": -240,
        "CL": -240,
        "CU": -240,
        "CW": -240,
        "DM": -240,
        "DO": -240,
        "GD": -240,
        "GL": -240,
        "GP": -240,
        "GY": -240,
        "HT": -240,
        "KN": -240,
        "LC": -240,
        "MF": -240,
        "MQ": -240,
        "MS": -240,
        "PR": -240,
        "PY": -180,
        "SX": -240,
        "TC": -240,
        "TT": -240,
        "US": -240,
        "VC": -240,
        "VE": -240,
        "VG": -240,
        "VI": -240,
    },
    "TKT": {"AS": -660, "NU": -660, "TK": 780, "UM": -660},
    "VET": {"VE": -240},
    "VOLT": {
        "AE": 240,
        "AM": 240,
        "AZ": 240,
        "GE": 240,
        "MU": 240,
        "OM": 240,
        "RE": 240,
        "RU": 180,
        "SC": 240,
    },
    "VOST": {"AQ": 300, "BD": 360, "BT": 360, "CN": 360, "IO": 360, "KG": 360, "RU": 360},
    "YST": {"CA": -420, "PF": -540, "US": -540},
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
