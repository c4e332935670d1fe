"""Printing rows the same way on every command: `--format table|csv|json`."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from enum import Enum
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from storage.export import to_csv_text, to_json
from storage.queries import isoformat


class Format(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"


def _plain(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(_plain(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, default=str, ensure_ascii=False)
    return str(isoformat(value))


def print_rows(columns: Sequence[str], rows: Sequence[Sequence[Any]], fmt: Format, title: str | None = None) -> None:
    if fmt is Format.json:
        sys.stdout.write(to_json(columns, rows) + "\n")
    elif fmt is Format.csv:
        sys.stdout.write(to_csv_text(columns, rows))
    else:
        table = Table(title=title, show_lines=False)
        for column in columns:
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*(Text(_plain(v)) for v in row))  # Text: "[nlp]" in a value is text, not rich markup
        # Off a terminal rich would wrap at 80 columns; a pipe or file gets long lines instead.
        Console(width=None if sys.stdout.isatty() else 240).print(table)


def print_records(records: Sequence[dict[str, Any]], fmt: Format, title: str | None = None,
                  columns: Sequence[str] | None = None) -> None:
    """Rows given as dicts. `columns` names them (and their order) when there may be none: an empty result
    still prints its header in csv and table, as `print_rows` does; without it the first record's keys."""
    if columns is None:
        columns = list(records[0].keys()) if records else []
    print_rows(columns, [[r[c] for c in columns] for r in records], fmt, title)
