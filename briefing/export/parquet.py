"""Parquet through pyarrow (the ``parquet`` extra), written a row group at a time.

Lists of strings are ``list<string>``; nested values are JSON text, as in CSV; every field
carries its column's description in its metadata.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from briefing.export.columns import COLUMNS, Column, Row
from briefing.export.text_formats import json_text

ROWS_PER_GROUP = 5000  # ~15 MB of text per group at the synthetic archive's ~3 kB a row


class ParquetUnavailableError(RuntimeError):
    """pyarrow is not installed."""


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise ParquetUnavailableError(
            "Parquet needs pyarrow: pip install 'briefing[parquet]' (a 55 MB wheel)"
        ) from None
    return pyarrow


def _field(pa: Any, column: Column) -> Any:
    types = {
        "text": pa.string(),
        "int": pa.int64(),
        "bool": pa.bool_(),
        "list": pa.list_(pa.string()),
        "json": pa.string(),
    }
    return pa.field(column.name, types[column.kind], metadata={"description": column.description})


def _cells(row: Row) -> Row:
    return {
        c.name: json_text(row[c.name])
        if c.kind == "json" and row[c.name] is not None
        else row[c.name]
        for c in COLUMNS
    }


def write_parquet(rows: Iterable[Row], path: Path) -> int:
    """Write the rows as one Parquet file (zstd); return the number of rows."""
    pa = _pyarrow()
    schema = pa.schema([_field(pa, c) for c in COLUMNS])
    count = 0
    rows = iter(rows)
    with pa.parquet.ParquetWriter(str(path), schema, compression="zstd") as writer:
        while chunk := list(itertools.islice(rows, ROWS_PER_GROUP)):
            table = pa.Table.from_pylist([_cells(r) for r in chunk], schema=schema)
            writer.write_table(table)
            count += len(chunk)
    return count
