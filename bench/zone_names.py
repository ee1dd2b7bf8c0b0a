"""Print the zone abbreviations dateparser reads that name more than one UTC offset.

The table in ``briefing/generic/zones.py`` (``_READINGS``, expanded there into ``AMBIGUOUS``) is
this script's output: for every
abbreviation in dateparser's timezone table, the offsets it names in each country, from the
tz database (each zone's abbreviations on the 1st and 15th of every month, 2000-2026) and
from CLDR's short zone names (Babel, every locale).  An abbreviation is ambiguous when the
countries' readings and dateparser's own differ.  Run: ``python -m bench.zone_names``.
"""

from __future__ import annotations

# A development tool over private data of three libraries: typed loosely on purpose.
# mypy: ignore-errors
import collections
import datetime as dt
from zoneinfo import ZoneInfo

import pytz
from babel import Locale, localedata
from babel.core import get_global
from dateparser.timezones import timezone_info_list


def kinds(zone):
    z = ZoneInfo(zone)
    # The smaller of the year's two offsets is standard time (Dublin's negative DST aside).
    offs = sorted(
        {dt.datetime(2025, m, 15, 12, tzinfo=z).utcoffset().total_seconds() / 3600 for m in (1, 7)}
    )
    if len(offs) == 1:
        return {"standard": offs[0]}  # no summer time now: a daylight name names nothing here
    return {"standard": offs[0], "daylight": offs[-1]}


def main() -> None:
    known = {}
    for info in timezone_info_list:
        for name, off in info["timezones"]:
            known.setdefault(name.upper(), off / 3600)

    table = collections.defaultdict(lambda: collections.defaultdict(set))  # abbr -> cc -> offsets
    zone_cc = {z: cc for cc, zs in pytz.country_timezones.items() for z in zs}
    days = [
        dt.datetime(y, m, d, 12) for y in range(2000, 2027) for m in range(1, 13) for d in (1, 15)
    ]
    for zone, cc in zone_cc.items():
        z = ZoneInfo(zone)
        for day in days:
            v = day.replace(tzinfo=z)
            name = v.tzname()
            if name and name.isalpha():
                table[name.upper()][cc].add(v.utcoffset().total_seconds() / 3600)

    mz = get_global("meta_zones")
    zt = get_global("zone_territories")
    by_meta = collections.defaultdict(list)
    for zone, meta in mz.items():
        by_meta[meta].append(zone)
    for loc in localedata.locale_identifiers():
        locale = Locale.parse(loc)
        pairs = [(by_meta.get(m, []), names) for m, names in locale.meta_zones.items()]
        pairs += [([z], names) for z, names in locale.time_zones.items()]
        for zones, names in pairs:
            for kind, abbr in names.get("short", {}).items():
                if not (abbr.isalpha() and abbr.isupper()):
                    continue
                for zone in zones:
                    cc = zt.get(zone) or zone_cc.get(zone)
                    off = kinds(zone).get("standard" if kind == "generic" else kind)
                    if off is not None and cc and cc not in ("001", "ZZ"):
                        table[abbr][cc].add(off)

    clock = collections.defaultdict(set)  # country -> offsets its clocks show in 2025
    for zone, cc in zone_cc.items():
        clock[cc].update(kinds(zone).values())
    readings = {}
    for abbr in sorted(known):
        dp = known[abbr]
        # A country that used several offsets under one name keeps dateparser's when it is one.
        ccs = {cc: ({dp} if dp in o else o) for cc, o in table.get(abbr, {}).items()}
        offs = {o for o in ccs.values() for o in o} | {dp}
        if len(offs) == 1:
            continue
        reading = {cc: round(next(iter(o)) * 60) for cc, o in ccs.items() if len(o) == 1}
        if dp * 60 not in reading.values():
            # dateparser's reading, which no country names now (Armenia's AMT, +04 in the tz
            # database since 2017): the countries whose clocks show that offset.
            reading.update(
                {cc: round(dp * 60) for cc, o in clock.items() if dp in o and cc not in reading}
            )
        readings[abbr] = reading
    print(table_source(readings))  # format with ruff: the file holds its output as formatted


def table_source(readings):
    """``zones._READINGS`` as Python source: each abbreviation's offsets, with the countries
    reading each one as a space-separated string (wrapped to fit the line length)."""
    out = ["_READINGS: dict[str, dict[int, str]] = {"]
    for abbr in sorted(readings):
        by_offset = collections.defaultdict(list)
        for cc, offset in sorted(readings[abbr].items()):
            by_offset[offset].append(cc)
        items = {offset: " ".join(ccs) for offset, ccs in sorted(by_offset.items())}
        line = f"    {abbr!r}: {items!r},"
        if len(line) <= 99:
            out.append(line)
            continue
        out.append(f"    {abbr!r}: {{")
        for offset, ccs in items.items():
            words, rows = ccs.split(), [""]
            for word in words:
                if len(rows[-1]) + len(word) + 1 > 75:
                    rows.append("")
                rows[-1] += word + " "
            rows[-1] = rows[-1].rstrip()
            if len(rows) == 1:
                out.append(f"        {offset}: {rows[0]!r},")
            else:
                out.append(f"        {offset}: (")
                out.extend(f"            {row!r}" for row in rows)
                out.append("        ),")
        out.append("    },")
    out.append("}")
    return "\n".join(out)


if __name__ == "__main__":
    main()
