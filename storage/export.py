"""Writing rows to files and terminals: CSV that opens safely in a spreadsheet, JSON, and plain tables.

CSV cells that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return) get a
leading apostrophe, the convention spreadsheets display as text; files are UTF-8 with a byte-order mark so
Excel reads accents right, with a header row.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from storage.queries import isoformat

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_ENCODING = "utf-8-sig"  # UTF-8 with a byte-order mark


def spreadsheet_safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _cell(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return isoformat(value)


def write_csv(handle: TextIO, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    writer = csv.writer(handle)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([spreadsheet_safe(_cell(v)) for v in row])


def write_csv_file(path: Path, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    with open(path, "w", encoding=CSV_ENCODING, newline="") as handle:
        write_csv(handle, columns, rows)


def csv_file_bytes(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    """The bytes `write_csv_file` writes, for a download or standard output: the same file without the disk."""
    return to_csv_text(columns, rows).encode(CSV_ENCODING)


def to_json(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A JSON list of objects, one per row."""
    return json.dumps([dict(zip(columns, row)) for row in rows], default=_json_default, ensure_ascii=False,
                      indent=2)


def _json_default(value: Any) -> Any:
    converted = isoformat(value)
    return converted if converted is not value else str(value)


def to_csv_text(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    write_csv(buffer, columns, rows)
    return buffer.getvalue()
