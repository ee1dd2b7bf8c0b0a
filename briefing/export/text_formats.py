"""JSONL and CSV: one row per article, the columns of :mod:`briefing.export.columns`, in order.

Both are byte-stable: the same archive (and access day) gives the same bytes.  JSONL keeps
nested values as JSON; CSV holds lists and nested values as JSON text, booleans as
``true``/``false``, missing values as empty cells, RFC 4180 quoting and CRLF line ends (what
Excel writes), UTF-8 with an optional byte-order mark (Excel needs it to read UTF-8).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from briefing.export.columns import COLUMNS, NAMES, Kind, Row


def json_text(value: Any) -> str:
    """Return a value as compact JSON, non-ASCII letters kept as they are."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def write_jsonl(rows: Iterable[Row], path: Path) -> int:
    """Write one JSON object per line; return the number of rows."""
    count = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for row in rows:
            out.write(json_text(row) + "\n")
            count += 1
    return count


def csv_cell(kind: Kind, value: Any) -> str:
    """Return the CSV text of one value of a column of ``kind``."""
    if value is None:
        return ""
    if kind == "bool":
        return "true" if value else "false"
    if kind in ("list", "json"):
        return json_text(value)
    return str(value)


def write_csv(rows: Iterable[Row], path: Path, bom: bool = False) -> int:
    """Write a header and one line per row; return the number of rows."""
    kinds = [(c.name, c.kind) for c in COLUMNS]
    count = 0
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as out:
        writer = csv.writer(out, dialect="excel")
        writer.writerow(NAMES)
        for row in rows:
            writer.writerow([csv_cell(kind, row[name]) for name, kind in kinds])
            count += 1
    return count
