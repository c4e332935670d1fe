"""The linker's two lookups of earlier units: by index key (`link_keys`) and by LSH band (`link_lsh`).

`SqlIndex` asks DuckDB for each unit (cheapest for a few units); `MemoryIndex` reads the window before a long
replay once and answers from memory, adding the units decided since.
"""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import duckdb

from storage.linking import score as sc
from storage.linking.dedup import DUP_LOOKBACK_DAYS
from storage.linking.units import Unit, seconds, ukey_time


class SqlIndex:
    """Index lookups as SQL queries: the cheapest way to decide a few units."""

    def __init__(self, con: duckdb.DuckDBPyConnection, removed: set[str]) -> None:
        self.con, self.removed = con, removed

    def earlier(self, table: str, values: list, unit: Unit, days: float) -> list[tuple[str, int]]:
        """(unit id, values shared) of units before `unit` within `days` holding one of `values`."""
        if not values:
            return []
        column = "key" if table == "link_keys" else "band_key"
        rows = self.con.execute(f"""
            select unit_id, count(*) from {table}
            where {column} in (select unnest(?)) and ts >= ? and ts <= ? and ukey < ?
            group by unit_id""", [values, unit.ts - timedelta(days=days), unit.ts, unit.ukey]).fetchall()
        return [(uid, n) for uid, n in rows if uid not in self.removed]

    def add(self, unit: Unit, keys: list[str], bands: list[int]) -> None:
        pass


class MemoryIndex:
    """The same lookups over rows read once (the window before the replay) and the units decided since."""

    def __init__(self, con: duckdb.DuckDBPyConnection, start: str, removed: set[str]) -> None:
        self.removed = removed
        self.tables: dict[str, dict] = {"link_keys": {}, "link_lsh": {}}
        since = ukey_time(start) - timedelta(days=max(sc.MAX_SPAN_DAYS, DUP_LOOKBACK_DAYS) + 1)
        for table, column in (("link_keys", "key"), ("link_lsh", "band_key")):
            index = self.tables[table]
            for value, uid, ukey, ts in con.execute(f"""
                    select {column}, unit_id, ukey, ts from {table} where ts >= ? and ukey < ?
                    order by ukey""", [since, start]).fetchall():
                if uid not in removed:
                    index.setdefault(value, []).append((seconds(ts), ukey, uid))
        self.added = 0

    def earlier(self, table: str, values: list, unit: Unit, days: float) -> list[tuple[str, int]]:
        index = self.tables[table]
        now, before = unit.t, unit.ukey
        lo = now - days * sc.DAY
        found: Counter = Counter()
        for value in set(values):
            for t, ukey, uid in index.get(value, ()):
                if lo <= t <= now and ukey < before:
                    found[uid] += 1
        return sorted(found.items())

    def add(self, unit: Unit, keys: list[str], bands: list[int]) -> None:
        entry = (unit.t, unit.ukey, unit.unit_id)
        for table, values in (("link_keys", keys), ("link_lsh", bands)):
            index = self.tables[table]
            for value in set(values):
                index.setdefault(value, []).append(entry)
        self.added += 1
        if self.added % 1000 == 0:  # forget what no later unit can reach
            horizon = unit.t - (max(sc.MAX_SPAN_DAYS, DUP_LOOKBACK_DAYS) + 1) * sc.DAY
            for index in self.tables.values():
                for value in list(index):
                    kept = [e for e in index[value] if e[0] >= horizon]
                    if kept:
                        index[value] = kept
                    else:
                        del index[value]
