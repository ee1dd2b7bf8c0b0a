"""Raw inputs written for the tests (not copied pages): one of each kind ingest reads."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

BODY = (
    "The delegation discussed regional transport links, energy exports and new investment "
    "rules during a two-day visit to the capital, officials said on Friday.",
    "Both sides agreed to meet again in the spring to review progress on the joint projects "
    "and to prepare an agreement on customs procedures at the border crossings.",
)


def report_dump(title: str, body: tuple[str, ...] = BODY, when: str = "27 February, 2026") -> str:
    """A page dump in the report.az layout (the 003 seed's structure)."""
    lines = ["Topic one Topic two", "", title, "", "Economy", f"• {when}", "• 10:15", title, ""]
    lines += [p + "\n" for p in body]
    lines += ["Trade", "", "Latest News", "", "10:15", "", title, "", "Economy", "All News Feed"]
    return "\n".join(lines)


def readnext_dump(body: tuple[str, ...] = BODY) -> str:
    """A page dump in the 000 seed's layout: body, "Read next", comment prompt."""
    items = ["10:30", "Economy", "A summary of another story about the economy and trade."]
    return "\n".join([*body, "Read next", *items, "What is your opinion on this topic?", "Leave"])


def html_page(title: str, paragraphs: tuple[str, ...], url: str, when: str) -> str:
    """A news page with navigation, an <article>, canonical URL and publication time."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!doctype html><html lang="en"><head><title>{title} | Example Times</title>'
        f'<meta property="og:title" content="{title}">'
        f'<meta property="article:published_time" content="{when}">'
        f'<link rel="canonical" href="{url}"></head><body>'
        '<nav><a href="/">Home</a> <a href="/news">News</a></nav>'
        f"<article><h1>{title}</h1>{body}</article><footer>Copyright Example Times</footer>"
        "</body></html>"
    )


PORT = (
    "The city council approved on Thursday a plan to expand the container port by a third "
    "over the next five years, officials said after the vote.",
    "The project will add two new berths and a rail link to the industrial zone, and is "
    "expected to create several hundred jobs in the region.",
    "Opponents said the plan did not address the traffic on the coastal road, and asked for a "
    "new study before any construction begins.",
)


def record(title: str, url: str | None, text: str, **extra: object) -> dict[str, object]:
    """One scraper record as JSON scrapers write it."""
    data: dict[str, object] = {"title": title, "date": "2026-02-25T08:00:00+03:00", "text": text}
    if url:
        data["url"] = url
    return {**data, **extra}


GRAIN = record(
    "Grain exports rise by a third",
    "https://example.net/a/1",
    "Grain exports rose by a third in the first quarter compared with last year, the ministry "
    "of agriculture said on Friday.\nNeighbouring states remain the main buyers, along with "
    "countries in the Middle East.",
    category="Economy",
)
METRO = record(
    "New metro line opens",
    "https://example.net/a/2",
    "The first section of the new metro line opened on Monday with six stations between the "
    "airport and the city centre.\nThe operator expects forty thousand passengers a day in the "
    "first year of service.",
    category="City",
)

MD_ARTICLE = """---
title: Ferry timetable changes for the winter
slug: ferry-timetable-changes-for-the-winter
date: '2026-02-20T07:00:00+04:00'
category: Transport
---

The ferry company will run two crossings a day instead of four from December to March.
"""


def jsonl(*records: dict[str, object]) -> str:
    """Records as JSON Lines."""
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def write_good_batch(raw: Path) -> None:
    """One good input of each kind: a dump, an HTML page, JSON Lines, a front-matter file."""
    raw.mkdir(parents=True, exist_ok=True)
    (raw / "good.txt").write_text(report_dump("Transport links on the agenda"), encoding="utf-8")
    url = "https://example.org/news/port-expansion"
    page = html_page("Port expansion approved", PORT, url, "2026-02-26T10:15:00+04:00")
    (raw / "good.html").write_text(page, encoding="utf-8")
    (raw / "good.jsonl").write_text(jsonl(GRAIN, METRO), encoding="utf-8")
    (raw / "good.md").write_text(MD_ARTICLE, encoding="utf-8")


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every article file under ``folder`` by relative path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*.md"))}


def sha256sums(files: dict[str, bytes]) -> bytes:
    """A bundle manifest (``sha256sum`` lines) of the given names and bytes."""
    lines = [f"{hashlib.sha256(d).hexdigest()}  {n}\n" for n, d in files.items()]
    return "".join(lines).encode()


def zip_bundle(path: Path, members: dict[str, bytes]) -> Path:
    """A zip holding ``members`` (name -> bytes) as given, hostile names included."""
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def damage_member(path: Path, member: str) -> None:
    """Overwrite eight bytes of a zip member's compressed data (its local header left whole)."""
    data = bytearray(path.read_bytes())
    at = data.find(member.encode()) + len(member) + 5
    data[at : at + 8] = b"\x00" * 8
    path.write_bytes(bytes(data))
