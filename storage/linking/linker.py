"""Event linking and near-duplicate detection, online and incremental, with results that do not depend on the
order articles arrived in.

Units. An extracted article and its exact copies (same normalised body at other URLs, stored by the flow with
status 'duplicate' and `duplicate_of` set) are linked together as one *unit*. A unit's time is its earliest
member's publication time (its storage time if it has none); units are linked in the canonical order
`ukey` = (that time in UTC, the earliest member's article id).

Decisions. Each unit, in canonical order, is first checked for being a near-copy of an earlier unit of the
previous DUP_LOOKBACK_DAYS (MinHash LSH band keys in `link_lsh`, confirmed by shingle Jaccard, see
storage/linking/dedup.py): a near-copy joins its original's event, flagged, and points at it with duplicate_of.
Otherwise its candidate events are the events of earlier units of the previous MAX_SPAN_DAYS that share one of
its rarer index keys (`link_keys`: salient words, people, cities, figures — an inverted index queried by key
and time, so the work does not grow with the size of the database). It is scored against the eligible ones
(storage/linking/score.py) and joins the best scoring at least THRESHOLD, or starts a new event named after its
earliest article: `ev_<article id>`.

Order independence. A decision reads only earlier units (in canonical order) and IDF statistics of the
IDF_WINDOW units before the unit's day, so the linked state is a function of the set of stored articles. New
articles are usually the latest and are simply decided; when one arrives out of order — a back-dated story, a
copy with an earlier date, a changed body — the linker replays the decisions from the earliest affected unit
on, comparing each with the stored one, and stops once every changed unit is done and a stretch of later
decisions (MAX_SPAN_DAYS + DUP_LOOKBACK_DAYS of time, and IDF_WINDOW units) came out unchanged: nothing a later
decision reads can differ beyond it. Importing the same files in any order, in one batch or many, or running
`relink`, therefore gives the same events with the same ids.

Tables (migration m002): link_units (features per unit), link_members (which article belongs to which unit,
and what it looked like when linked), link_keys and link_lsh (the two indexes), link_decisions (one row per
unit); and the published view, `events` and `article_events` (plus `articles.duplicate_of` for near-copies).
"""

from __future__ import annotations

import json
import math
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from functools import cached_property

import duckdb

from storage.linking import dedup
from storage.linking import score as sc
from storage.db import columns_of, insert_columns, transaction
from storage.linking.features import Features, compute_features
from storage.linking.score import Context, EventState, Story

DUP_LOOKBACK_DAYS = 7.0     # a near-copy is looked for among the units of the week before it
KEY_TERMS = 12              # salient words per unit in the index
QUERY_KEYS = 24             # keys a unit looks candidates up by: its rarest (common ones find everything)
QUERY_MAX_SHARE = 0.1       # ... leaving out keys in more than this share of the IDF window
QUERY_MIN_CAP = 20          # ... (but never those in fewer than this many units)
MAX_CANDIDATES = 8          # events scored per unit: those whose stories share the most query keys with it
MEMORY_INDEX_FROM = 40      # replays longer than this read the indexes into memory once instead of per unit
REPLAY_CHUNK = 2000         # units read at a time when replaying
EVENT_LIST_SHARE = 1 / 3    # an event lists the people and places its headlines and leads name, and those
                            # named anywhere by at least this share of its stories (two at least)
EVENT_LIST_MAX = 8
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
BEFORE_ANY_TIME = datetime(1, 1, 1, tzinfo=timezone.utc)


LINK_CHUNK = 500  # articles decided per step of a large link: bounds memory, not results


@dataclass
class LinkStats:
    linked: int = 0            # articles whose link was decided in this run (new, changed or replayed)
    new_events: int = 0        # events that exist now and did not before the run
    near_duplicates: int = 0   # units decided as near-copies in this run
    replayed: int = 0          # units decided again because an earlier one arrived or changed
    units: int = 0             # units decided in this run
    candidates: int = 0        # candidate events scored, summed over units
    key_hits: int = 0          # earlier units found through the index (link_keys), summed over units
    lsh_hits: int = 0          # earlier units sharing an LSH band (near-copy candidates), summed over units
    seconds: float = 0.0

    @property
    def candidates_per_unit(self) -> float:
        return self.candidates / self.units if self.units else 0.0


@dataclass
class Unit:
    unit_id: str
    first_id: str
    ukey: str
    ts: datetime
    features: Features
    members: list[str] = field(default_factory=list)

    @cached_property
    def t(self) -> float:
        """`ts` in seconds (read in the linker's innermost loops: computed once)."""
        return _t(self.ts)

    @property
    def day(self) -> str:
        return self.ukey[:10]


@dataclass
class Decision:
    event_id: str
    near_of: str | None = None
    jaccard: float | None = None
    similarity: float | None = None

    def same(self, other: "Decision | None") -> bool:
        return other is not None and (self.event_id, self.near_of) == (other.event_id, other.near_of)


def _ukey(ts: datetime, first_id: str) -> str:
    return f"{ts.astimezone(timezone.utc):%Y-%m-%dT%H:%M:%S.%f}|{first_id}"


def _t(ts: datetime) -> float:
    return (ts - EPOCH).total_seconds()


def _ukey_time(ukey: str) -> datetime:
    return datetime.fromisoformat(ukey.split("|")[0]).replace(tzinfo=timezone.utc)


def _df_key(index_key: str) -> str:
    """The Context key of an index key (cities are "g:city:X" there, "g:X" in the index)."""
    return "g:city:" + index_key[2:] if index_key.startswith("g:") else index_key


# ================================================================================================ public API


def link_pending(con: duckdb.DuckDBPyConnection, article_ids: Iterable[str] | None = None) -> LinkStats:
    """Link every stored article that is new or changed since the last run, and replay what that affects.

    Without `article_ids` every stored article is checked against what was linked (one scan of `articles`);
    a caller that knows what it stored (the ingest flow) can pass those ids and skip the scan. What a run
    killed between storing and linking left behind is always picked up too (`_left_by_killed_runs`): finding
    it is a join on two keys, far cheaper than comparing every article's fingerprint.
    """
    started = time.perf_counter()
    with transaction(con):
        if article_ids is None:
            stats = _link(con, None)
        else:
            stats = _link_in_chunks(con, set(article_ids) | _left_by_killed_runs(con))
    stats.seconds = time.perf_counter() - started
    return stats


def link_if_latest(con: duckdb.DuckDBPyConnection, article_ids: Sequence[str]) -> LinkStats | None:
    """Link `article_ids` now if they come after everything already linked; otherwise leave them (None) for
    `link_pending`, which links all that is left with one replay.

    The ingest flow calls this during a run, while the NLP workers extract the next batches, so that most of
    the linking overlaps the NLP instead of following it on one core. Articles later than every linked unit,
    with their exact copies among them, only add decisions: nothing decided is read again, and the result is
    the one linking them at the end would give. Anything else (an earlier date, a copy of an older article, an
    article linked before) could replay earlier decisions at every call, so it waits for the end.
    """
    ids = sorted(set(article_ids))
    if not ids:
        return LinkStats()
    latest = con.execute("select max(ts) from link_units").fetchall()[0][0] or BEFORE_ANY_TIME
    (appends,) = con.execute("""
        select count(*) > 0 and bool_and(coalesce(published, stored_at) > ?
                                         and (status <> 'duplicate' or duplicate_of in (select unnest(?))))
        from articles where article_id in (select unnest(?))""", [latest, ids, ids]).fetchall()[0]
    if not appends:
        return None
    started = time.perf_counter()
    with transaction(con):
        stats = _link_in_chunks(con, set(ids))
    stats.seconds = time.perf_counter() - started
    return stats


def _link_in_chunks(con: duckdb.DuckDBPyConnection, article_ids: set[str]) -> LinkStats:
    """Link `article_ids` LINK_CHUNK at a time, oldest first, so the linker's working set (bodies, shingles,
    features of the articles being decided) stays bounded however large the backlog: a 10,000-article import
    would otherwise hold all of them at once. Oldest first means each chunk appends to what is already linked,
    so chunking causes no replays."""
    ordered = [aid for (aid,) in con.execute("""
        select article_id from articles where article_id in (select unnest(?))
        order by coalesce(published, stored_at), article_id""", [sorted(article_ids)]).fetchall()]
    total = LinkStats()
    for start in range(0, max(len(ordered), 1), LINK_CHUNK):
        stats = _link(con, ordered[start:start + LINK_CHUNK])
        for name in ("linked", "new_events", "near_duplicates", "replayed", "units", "candidates", "key_hits",
                     "lsh_hits"):
            setattr(total, name, getattr(total, name) + getattr(stats, name))
    return total


def _left_by_killed_runs(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Articles a killed run stored but did not link: never linked at all, or re-stored with a changed body by
    a run that never finished (its `runs` row has no finish time), so linked as an older version of itself."""
    return {aid for (aid,) in con.execute(f"""
        select a.article_id from articles a left join link_members m using (article_id)
        where a.status in ('extracted', 'duplicate')
          and (m.article_id is null
               or (a.run_id in (select run_id from runs where finished_at is null)
                   and m.fp <> {LINK_FINGERPRINT_SQL}))""").fetchall()}


def _link(con: duckdb.DuckDBPyConnection, article_ids: list[str] | None, trace: list[dict] | None = None
          ) -> LinkStats:
    synced = _sync_units(con, article_ids)
    return _Replay(con, synced, trace=trace).run() if synced.changes else LinkStats()


_LINK_TABLES = ("link_units", "link_members", "link_keys", "link_lsh", "link_decisions", "article_events", "events")


def _forget(con: duckdb.DuckDBPyConnection) -> None:
    for table in _LINK_TABLES:
        con.execute(f"delete from {table}")
    con.execute("update articles set duplicate_of = null where status = 'extracted' and duplicate_of is not null")


def explain(con: duckdb.DuckDBPyConnection) -> list[dict]:
    """Relink everything in a transaction that is rolled back, and return every unit's candidates with their
    score parts (for tuning and for `bench/linking.py --explain`); the database is left as it was."""
    trace: list[dict] = []
    con.execute("begin transaction")
    try:
        _forget(con)
        _link(con, None, trace)
    finally:
        con.execute("rollback")
    return trace


def relink(con: duckdb.DuckDBPyConnection) -> LinkStats:
    """Forget every link, event and near-duplicate mark, then link all articles again from scratch (one
    transaction: an error leaves the previous links in place)."""
    started = time.perf_counter()
    with transaction(con):
        _forget(con)
        linkable = {aid for (aid,) in con.execute(
            "select article_id from articles where status in ('extracted', 'duplicate')").fetchall()}
        stats = _link_in_chunks(con, linkable)
    stats.seconds = time.perf_counter() - started
    return stats


# ================================================================================================ units


@dataclass
class _Change:
    unit_id: str
    old_ukey: str | None
    new_ukey: str | None


@dataclass
class _Synced:
    """What `_sync_units` found: changed units, and the bodies it read (for the replay that follows)."""

    changes: list[_Change] = field(default_factory=list)
    shingles: dict[str, set[str]] = field(default_factory=dict)
    bands: dict[str, list[int]] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)   # articles linked before that no unit holds any more


# What an article was linked with: a change of any of these means linking it again. (`duplicate_of` only for
# exact copies: on extracted articles the linker itself writes it, for near-copies.)
LINK_FINGERPRINT_SQL = "hash(a.body_hash, a.status, a.published, a.title, case when a.status = 'duplicate' then a.duplicate_of end)"
_LINKABLE = ("extracted", "duplicate")


def _sync_units(con: duckdb.DuckDBPyConnection, article_ids: list[str] | None) -> _Synced:
    """Bring link_units / link_members / the indexes up to date with `articles`."""
    if article_ids is None:
        # One pass over both tables (a full outer join on the key): new, changed and withdrawn articles.
        rows = con.execute(f"""
            select coalesce(a.article_id, m.article_id), a.status, a.duplicate_of, m.unit_id
            from link_members m full join (select article_id, status, duplicate_of, {LINK_FINGERPRINT_SQL} as fp from articles a) a
                 using (article_id)
            where (a.status in ('extracted', 'duplicate') and (m.article_id is null or m.fp <> a.fp))
               or (m.article_id is not null and (a.article_id is null or a.status not in ('extracted', 'duplicate')))
            """).fetchall()
    elif article_ids:
        # Two lookups by primary key, compared here: a join would read the whole of `articles`.
        stored = {aid: (status, dup, fp) for aid, status, dup, fp in con.execute(f"""
            select a.article_id, a.status, a.duplicate_of, {LINK_FINGERPRINT_SQL} from articles a
            where a.article_id in (select unnest(?))""", [article_ids]).fetchall()}
        linked = {aid: (unit, fp) for aid, unit, fp in con.execute(
            "select article_id, unit_id, fp from link_members where article_id in (select unnest(?))",
            [article_ids]).fetchall()}
        rows = []
        for aid in article_ids:
            a, m = stored.get(aid), linked.get(aid)
            if a is not None and a[0] in _LINKABLE:
                if m is None or m[1] != a[2]:
                    rows.append((aid, a[0], a[1], m[0] if m else None))
            elif m is not None:
                rows.append((aid, a[0] if a else None, None, m[0]))
    else:
        rows = []
    if not rows:
        return _Synced()
    affected: set[str] = set()
    copies: dict[str, set[str]] = {}
    for article_id, status, duplicate_of, old_unit in rows:
        if old_unit:
            affected.add(old_unit)
        if status == "extracted":
            affected.add(article_id)
        elif status == "duplicate" and duplicate_of:
            affected.add(duplicate_of)
            copies.setdefault(duplicate_of, set()).add(article_id)
    ids = sorted(affected)
    previous = con.execute("select unit_id, ukey, ts, members from link_units where unit_id in (select unnest(?))",
                           [ids]).fetchall()
    old = {uid: ukey for uid, ukey, _, _ in previous}
    if previous:  # forget the old rows; the time bounds let DuckDB skip all but the row groups holding them
        stale = sorted(old)
        lo, hi = min(ts for _, _, ts, _ in previous), max(ts for _, _, ts, _ in previous)
        con.execute("delete from link_units where unit_id in (select unnest(?))", [stale])
        for table in ("link_keys", "link_lsh"):
            con.execute(f"delete from {table} where unit_id in (select unnest(?)) and ts >= ? and ts <= ?",
                        [stale, lo, hi])
    old_members = {uid: set(members) for uid, _, _, members in previous}
    con.execute("delete from link_members where article_id in (select unnest(?))",
                [sorted({m for ms in old_members.values() for m in ms} | {r[0] for r in rows})])
    # A unit's articles: its extracted article, the copies it had, and copies pointing at it that arrived.
    candidates = {uid: {uid} | old_members.get(uid, set()) | copies.get(uid, set()) for uid in ids}
    built, shingles = _build_units(con, candidates)
    bands: dict[str, list[int]] = {}
    _store_units(con, built, shingles, bands)
    changes = [_Change(u.unit_id, old.get(u.unit_id), u.ukey) for u, _ in built]
    kept = {u.unit_id for u, _ in built}
    changes += [_Change(uid, old[uid], None) for uid in ids if uid not in kept and uid in old]
    held = {m for u, _ in built for m in u.members}
    return _Synced(changes, shingles, bands, sorted({r[0] for r in rows} - held))


def _build_units(con: duckdb.DuckDBPyConnection, candidates: dict[str, set[str]]
                 ) -> tuple[list[tuple[Unit, list[tuple]]], dict[str, set[str]]]:
    """The units `candidates` names ({unit id: articles that may belong to it}) whose extracted article is
    still extracted: features, member rows and body shingles."""
    wanted = sorted({a for ids in candidates.values() for a in ids})
    if not wanted:
        return [], {}
    members = [r for r in con.execute(f"""
        select case when a.status = 'duplicate' then a.duplicate_of else a.article_id end as unit_id,
               a.article_id, a.status, {LINK_FINGERPRINT_SQL}, a.published, a.stored_at, a.title, a.outlet
        from articles a where a.article_id in (select unnest(?))
        order by unit_id, coalesce(a.published, a.stored_at), a.article_id""", [wanted]).fetchall()
               if r[0] in candidates and r[1] in candidates[r[0]] and r[2] in _LINKABLE]
    reps = sorted({r[0] for r in members if r[2] == "extracted"})
    if not reps:
        return [], {}
    bodies = {aid: (text, language) for aid, text, language in con.execute(
        "select article_id, text, language from articles where article_id in (select unnest(?))",
        [reps]).fetchall()}
    leaders: dict[str, list[str]] = {}
    for aid, name in con.execute("select distinct article_id, name from leader_mentions where article_id in "
                                 "(select unnest(?)) order by 1, 2", [reps]).fetchall():
        leaders.setdefault(aid, []).append(name)
    rates: dict[str, list[float]] = {}
    for aid, rate in con.execute("select distinct article_id, rate_pct from tariffs where article_id in "
                                 "(select unnest(?)) order by 1, 2", [reps]).fetchall():
        rates.setdefault(aid, []).append(rate)
    by_unit: dict[str, list[tuple]] = {}
    for row in members:
        by_unit.setdefault(row[0], []).append(row)
    out, shingles = [], {}
    for unit_id in reps:
        rows = by_unit.get(unit_id)
        if not rows:
            continue
        text, language = bodies[unit_id]
        first = min(rows, key=lambda r: (r[4] or r[5], r[1]))
        ts = first[4] or first[5]
        features = compute_features([r[6] or "" for r in rows], text, language,
                                    outlets=[r[7] or "" for r in rows], leaders=leaders.get(unit_id, ()),
                                    rates=rates.get(unit_id, ()))
        out.append((Unit(unit_id, first[1], _ukey(ts, first[1]), ts, features, [r[1] for r in rows]), rows))
        shingles[unit_id] = dedup.shingles(text)
    return out, shingles


def _store_units(con: duckdb.DuckDBPyConnection, built: Sequence[tuple[Unit, list[tuple]]],
                 shingles: dict[str, set[str]], bands_of: dict[str, list[int]]) -> None:
    if not built:
        return
    built = sorted(built, key=lambda b: b[0].ukey)  # rows in time order keep the tables' zone maps tight
    units = [u for u, _ in built]
    insert_columns(con, "link_units", [
        [u.unit_id for u in units], [u.first_id for u in units], [u.ukey for u in units], [u.ts for u in units],
        [u.features.language for u in units],
        [json.dumps(u.features.as_json(), ensure_ascii=False, sort_keys=True) for u in units],
        [sorted(u.members) for u in units], ["\n".join(sorted(Context.keys(u.features))) for u in units]])
    m = [(u.unit_id, r) for u, rows in built for r in rows]
    insert_columns(con, "link_members", [[r[1] for _, r in m], [uid for uid, _ in m], [r[3] for _, r in m]])
    keys = [(k, u) for u in units for k in u.features.keys(KEY_TERMS)]
    insert_columns(con, "link_keys", [[k for k, _ in keys], [u.unit_id for _, u in keys], [u.ukey for _, u in keys],
                               [u.ts for _, u in keys]])
    for u in units:
        bands_of[u.unit_id] = dedup.band_keys(shingles.get(u.unit_id, set()))
    bands = [(b, u) for u in units for b in bands_of[u.unit_id]]
    insert_columns(con, "link_lsh", [[b for b, _ in bands], [u.unit_id for _, u in bands], [u.ukey for _, u in bands],
                              [u.ts for _, u in bands]])


def _load_units(con: duckdb.DuckDBPyConnection, after: str, inclusive: bool, limit: int) -> list[Unit]:
    """Up to `limit` units from `after` on, in canonical order."""
    rows = con.execute(f"""
        select unit_id, first_id, ukey, ts, features, members from link_units
        where ukey {'>=' if inclusive else '>'} ? and ts >= ? order by ukey limit ?""",
                       [after, _ukey_time(after) - timedelta(seconds=1), limit]).fetchall()
    return [Unit(uid, first, ukey, ts, Features.from_json(json.loads(f)), list(members))
            for uid, first, ukey, ts, f, members in rows]


# ================================================================================================ indexes


class _SqlIndex:
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


class _MemoryIndex:
    """The same lookups over rows read once (the window before the replay) and the units decided since."""

    def __init__(self, con: duckdb.DuckDBPyConnection, start: str, removed: set[str]) -> None:
        self.removed = removed
        self.tables: dict[str, dict] = {"link_keys": {}, "link_lsh": {}}
        since = _ukey_time(start) - timedelta(days=max(sc.MAX_SPAN_DAYS, DUP_LOOKBACK_DAYS) + 1)
        for table, column in (("link_keys", "key"), ("link_lsh", "band_key")):
            index = self.tables[table]
            for value, uid, ukey, ts in con.execute(f"""
                    select {column}, unit_id, ukey, ts from {table} where ts >= ? and ukey < ?
                    order by ukey""", [since, start]).fetchall():
                if uid not in removed:
                    index.setdefault(value, []).append((_t(ts), ukey, uid))
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


# ================================================================================================ replay


class _Replay:
    """Decide units in canonical order from the earliest changed one, until decisions stop changing."""

    def __init__(self, con: duckdb.DuckDBPyConnection, synced: _Synced, trace: list[dict] | None = None) -> None:
        self.con = con
        self.trace = trace
        self.dropped = synced.dropped
        changes = synced.changes
        self.start = min(k for c in changes for k in (c.old_ukey, c.new_ukey) if k)
        self.pending = {c.unit_id for c in changes if c.new_ukey}
        self.removed = {c.unit_id for c in changes if not c.new_ukey}
        self.last_pending = max((c.new_ukey for c in changes if c.new_ukey), default=self.start)
        self.decisions: dict[str, Decision] = {}        # decided in this run
        self.old_decisions: dict[str, Decision] = {}    # ... and what they were before (if they were)
        self.members: dict[str, list[str]] = {}         # articles of the units decided in this run
        self.recent: dict[str, Unit] = {}               # units decided in this run, while they can matter
        self.events: dict[str, EventState] = {}         # event states as of the unit being decided
        self.shingles = dict(synced.shingles)
        self.bands = dict(synced.bands)
        self.ctx = Context()
        self.ctx_day: str | None = None
        self.today: list[set[str]] = []                 # context keys of the current day's units so far
        self.stats = LinkStats()
        later = self.con.execute("select count(*) from link_units where ukey >= ? and ts >= ?",
                                 [self.start, _ukey_time(self.start) - timedelta(seconds=1)]).fetchone()[0]
        self.index = (_MemoryIndex(con, self.start, self.removed) if later > MEMORY_INDEX_FROM
                      else _SqlIndex(con, self.removed))
        self.before: dict[str, str] = {}                # event of units decided before `start` (memory mode)
        if isinstance(self.index, _MemoryIndex):
            since = _ukey_time(self.start) - timedelta(days=max(sc.MAX_SPAN_DAYS, DUP_LOOKBACK_DAYS) + 1)
            self.before = dict(con.execute("select unit_id, event_id from link_decisions where ts >= ? and ukey < ?",
                                           [since, self.start]).fetchall())

    # ---------------------------------------------------------------- driving

    def run(self) -> LinkStats:
        self._prime_context()
        last_change = _t(_ukey_time(self.start))  # the earliest change (a removed unit changes things too)
        after_last = 0
        for unit, old in self._stream():
            self._advance_context(unit)
            decision = self._decide(unit)
            self.decisions[unit.unit_id] = decision
            self.recent[unit.unit_id] = unit
            self.members[unit.unit_id] = unit.members
            self._join(unit, decision)
            self.today.append(Context.keys(unit.features))
            changed = unit.unit_id in self.pending or not decision.same(old)
            self.stats.units += 1
            self.stats.linked += len(unit.members)
            self.stats.replayed += unit.unit_id not in self.pending
            self.stats.near_duplicates += decision.near_of is not None
            if changed:
                last_change = unit.t
            if unit.ukey > self.last_pending:
                after_last += 1
                # Stop when nothing later can read a difference: the decisions of the last span of time came
                # out as before, and the IDF window of this day no longer holds a changed unit.
                if (not changed and after_last - len(self.today) >= sc.IDF_WINDOW
                        and unit.t - last_change > (sc.MAX_SPAN_DAYS + DUP_LOOKBACK_DAYS) * sc.DAY):
                    break
            if self.stats.units % 500 == 0:
                self._evict(unit.t)
        self._write()
        return self.stats

    def _stream(self) -> Iterator[tuple[Unit, Decision | None]]:
        """Units from `start` on in canonical order, each with its stored decision (None if new or changed)."""
        after, inclusive = self.start, True
        while True:
            units = _load_units(self.con, after, inclusive, REPLAY_CHUNK)
            if not units:
                return
            ids = [u.unit_id for u in units]
            old = {uid: Decision(e, n) for uid, e, n in self.con.execute(
                "select unit_id, event_id, near_of from link_decisions where unit_id in (select unnest(?))",
                [ids]).fetchall()}
            self._read_shingles([u for u in ids if u not in self.shingles])
            for unit in units:
                if unit.unit_id in old:
                    self.old_decisions[unit.unit_id] = old[unit.unit_id]
                yield unit, (None if unit.unit_id in self.pending else old.get(unit.unit_id))
            if len(units) < REPLAY_CHUNK:
                return
            after, inclusive = units[-1].ukey, False

    def _prime_context(self) -> None:
        """The IDF window before `start`'s day, and the units of that day before `start`."""
        day = self.start[:10]
        day_start = datetime.fromisoformat(day).replace(tzinfo=timezone.utc)
        rows: list = []
        for days in (14, 120, None):
            since = [day_start - timedelta(days=days)] if days else []
            rows = self.con.execute(f"""
                select df_keys from (select ukey, df_keys from link_units
                                     where ts < ? {'and ts >= ?' if days else ''} order by ukey desc limit ?)
                order by ukey""", [day_start] + since + [sc.IDF_WINDOW]).fetchall()
            if len(rows) >= sc.IDF_WINDOW:
                break
        for (keys,) in rows:
            self.ctx.add(set(keys.split("\n")) if keys else set())
        self.ctx_day = day
        self.today = [set(k.split("\n")) if k else set() for (k,) in self.con.execute(
            "select df_keys from link_units where ts >= ? and ukey < ? order by ukey",
            [day_start, self.start]).fetchall()]

    def _advance_context(self, unit: Unit) -> None:
        """Moving to a later day: the previous day's units enter the IDF window."""
        if unit.day != self.ctx_day:
            for keys in self.today:
                self.ctx.add(keys)
            self.today = []
            self.ctx_day = unit.day

    def _evict(self, now: float) -> None:
        horizon = now - (max(sc.MAX_SPAN_DAYS, DUP_LOOKBACK_DAYS) + 1) * sc.DAY
        for event_id in [e for e, s in self.events.items() if s.last_ts < horizon]:
            del self.events[event_id]
        for uid in [u for u, unit in self.recent.items() if unit.t < horizon]:
            del self.recent[uid]
            self.shingles.pop(uid, None)

    # ---------------------------------------------------------------- one decision

    def _decide(self, unit: Unit) -> Decision:
        grams = self.shingles.get(unit.unit_id, set())
        bands = self.bands.pop(unit.unit_id, None)
        if bands is None:
            bands = dedup.band_keys(grams)
        keys = unit.features.keys(KEY_TERMS)
        decision = self._near_copy(unit, grams, bands) or self._best_event(unit)
        self.index.add(unit, keys, bands)
        return decision

    def _near_copy(self, unit: Unit, grams: set[str], bands: list[int]) -> Decision | None:
        found = [uid for uid, _ in self.index.earlier("link_lsh", bands, unit, DUP_LOOKBACK_DAYS)]
        self.stats.lsh_hits += len(found)
        if not found:
            return None
        self._read_shingles([u for u in found if u not in self.shingles])
        best = None
        for uid in sorted(found):
            j = dedup.jaccard(grams, self.shingles.get(uid, set()))
            if j >= dedup.THRESHOLD and (best is None or j > best[1]):
                best = (uid, round(j, 4))
        if best is None:
            return None
        original = self._decision_of(best[0])
        if original is None:
            return None
        return Decision(original.event_id, original.near_of or best[0], best[1], best[1])

    def _best_event(self, unit: Unit) -> Decision:
        candidates = self._candidate_events(unit)
        self.stats.candidates += len(candidates)
        story = Story.prepare(unit.features, unit.t, self.ctx)
        best, best_score = None, sc.THRESHOLD
        scored = []
        for event_id in sorted(candidates):  # a tie goes to the smaller id
            result = sc.score(story, candidates[event_id], self.ctx)
            scored.append((event_id, result))
            if result.total > best_score or (best is None and result.total == best_score):
                best, best_score = event_id, result.total
        if self.trace is not None:
            self.trace.append({"unit": unit.unit_id, "members": unit.members, "ukey": unit.ukey,
                               "decision": best or f"ev_{unit.first_id}",
                               "candidates": sorted(((e, r.total, r.parts) for e, r in scored),
                                                    key=lambda c: -c[1])})
        if best is None:
            return Decision(f"ev_{unit.first_id}")
        return Decision(best, similarity=round(best_score, 4))

    def _query_keys(self, unit: Unit) -> list[str]:
        """The unit's index keys, rarest first, leaving out those most recent units have."""
        df, cap = self.ctx.df, max(QUERY_MIN_CAP, QUERY_MAX_SHARE * len(self.ctx.window))
        ranked = sorted((df.get(_df_key(k), 0), k) for k in unit.features.keys(KEY_TERMS))
        return [k for n, k in ranked if n <= cap][:QUERY_KEYS]

    def _candidate_events(self, unit: Unit) -> dict[str, EventState]:
        """Eligible events of the earlier units sharing query keys, the MAX_CANDIDATES sharing most."""
        keys = self._query_keys(unit)
        found = self.index.earlier("link_keys", keys, unit, sc.MAX_SPAN_DAYS)
        self.stats.key_hits += len(found)
        if not found:
            return {}
        unit_events = self._events_of([uid for uid, _ in found])
        shared: Counter = Counter()
        for uid, n in found:
            if uid in unit_events:
                shared[unit_events[uid]] += n
        missing = sorted(e for e in shared if e not in self.events)
        if missing:
            self._load_events(missing)
        eligible = [e for e in shared if e in self.events and sc.eligible(unit.t, self.events[e])]
        top = sorted(eligible, key=lambda e: (-shared[e], e))[:MAX_CANDIDATES]
        return {e: self.events[e] for e in top}

    def _events_of(self, unit_ids: list[str]) -> dict[str, str]:
        out = {u: self.decisions[u].event_id for u in unit_ids if u in self.decisions}
        out.update((u, self.before[u]) for u in unit_ids if u in self.before and u not in out)
        rest = [u for u in unit_ids if u not in out]
        if rest:
            out.update(self.con.execute(
                "select unit_id, event_id from link_decisions where unit_id in (select unnest(?)) and ukey < ?",
                [rest, self.start]).fetchall())
        return out

    def _decision_of(self, unit_id: str) -> Decision | None:
        if unit_id in self.decisions:
            return self.decisions[unit_id]
        row = self.con.execute("select event_id, near_of from link_decisions where unit_id = ? and ukey < ?",
                               [unit_id, self.start]).fetchone()
        return Decision(row[0], row[1]) if row else None

    def _join(self, unit: Unit, decision: Decision) -> None:
        event = self.events.get(decision.event_id)
        if event is None:
            if decision.event_id != f"ev_{unit.first_id}":  # joining an event not in memory: load it first
                self._load_events([decision.event_id])
                event = self.events.get(decision.event_id)
            if event is None:
                self.events[decision.event_id] = EventState.start(decision.event_id, unit.unit_id, unit.t,
                                                                  unit.features)
                return
        event.add(unit.unit_id, unit.t, unit.features)

    def _load_events(self, event_ids: list[str]) -> None:
        """Event states from the units decided before `start`, plus those decided in this run."""
        event_of = dict(self.con.execute(
            "select unit_id, event_id from link_decisions where event_id in (select unnest(?)) and ukey < ?",
            [event_ids, self.start]).fetchall())
        rows = self.con.execute("select unit_id, ukey, ts, features from link_units where unit_id in "
                                "(select unnest(?))", [sorted(event_of)]).fetchall() if event_of else []
        members = [(event_of[uid], uid, ukey, _t(ts), Features.from_json(json.loads(f))) for uid, ukey, ts, f in rows]
        wanted = set(event_ids)
        members += [(d.event_id, uid, self.recent[uid].ukey, self.recent[uid].t, self.recent[uid].features)
                    for uid, d in self.decisions.items() if d.event_id in wanted and uid in self.recent]
        for event_id, uid, _, t, features in sorted(members, key=lambda m: (m[0], m[2])):
            state = self.events.get(event_id)
            if state is None:
                self.events[event_id] = EventState.start(event_id, uid, t, features)
            else:
                state.add(uid, t, features)

    def _read_shingles(self, unit_ids: list[str]) -> None:
        if unit_ids:
            for aid, text in self.con.execute(
                    "select article_id, text from articles where article_id in (select unnest(?))",
                    [unit_ids]).fetchall():
                self.shingles[aid] = dedup.shingles(text)

    # ---------------------------------------------------------------- writing

    def _write(self) -> None:
        con = self.con
        decided = sorted(self.decisions)
        gone = sorted(self.removed)
        old = self.old_decisions
        gone_events = con.execute("select unit_id, event_id from link_decisions where unit_id in (select unnest(?))",
                                  [gone]).fetchall() if gone else []
        touched = ({d.event_id for d in self.decisions.values()} | {d.event_id for d in old.values()}
                   | {e for _, e in gone_events})
        started = {d.event_id for d in self.decisions.values() if d.similarity is None and d.near_of is None}
        self.stats.new_events = len(started - {d.event_id for d in old.values()})
        con.execute("delete from link_decisions where unit_id in (select unnest(?))", [decided + gone])
        units = {u.unit_id: u for u in self.recent.values()}
        missing = [u for u in decided if u not in units]
        times = dict(((uid, (ukey, ts)) for uid, ukey, ts in con.execute(
            "select unit_id, ukey, ts from link_units where unit_id in (select unnest(?))", [missing]).fetchall())
                     ) if missing else {}
        times.update({uid: (u.ukey, u.ts) for uid, u in units.items()})
        d = [self.decisions[u] for u in decided]
        insert_columns(con, "link_decisions", [decided, [times[u][0] for u in decided], [times[u][1] for u in decided],
                                        [x.event_id for x in d], [x.near_of for x in d], [x.jaccard for x in d],
                                        [x.similarity for x in d]])
        stale = [aid for (aid,) in con.execute(
            "select article_id from article_events where unit_id in (select unnest(?))", [gone]).fetchall()] \
            if gone else []
        rows = []
        for unit_id in decided:
            dec = self.decisions[unit_id]
            for article_id in self.members[unit_id]:
                if article_id != unit_id:  # an exact copy
                    rows.append((article_id, dec.event_id, 1.0, True, "exact", unit_id))
                else:
                    rows.append((article_id, dec.event_id, dec.similarity, dec.near_of is not None,
                                 "near" if dec.near_of else None, unit_id))
        con.execute("delete from article_events where article_id in (select unnest(?))",
                    [[r[0] for r in rows] + stale + self.dropped])
        insert_columns(con, "article_events", columns_of(rows))
        # Near-copies point at their original, other extracted articles at nothing. A stored article that was
        # written again has lost its mark (the flow stores it with duplicate_of null), so pending units are
        # always written; replayed ones only when their mark changed.
        marks = [(u, self.decisions[u].near_of) for u in decided
                 if (u in self.pending and (self.decisions[u].near_of or old.get(u, Decision("")).near_of))
                 or (u not in self.pending and self.decisions[u].near_of != old.get(u, Decision("")).near_of)]
        if marks:
            con.execute("""
                update articles set duplicate_of = n.near_of
                from (select unnest(?) as article_id, unnest(?) as near_of) n
                where articles.article_id = n.article_id and articles.status = 'extracted'""",
                        [[u for u, _ in marks], [n for _, n in marks]])
        self._refresh_events(sorted(touched))

    def _refresh_events(self, event_ids: list[str]) -> None:
        if not event_ids:
            return
        con = self.con
        con.execute("delete from events where event_id in (select unnest(?))", [event_ids])
        decided = {uid: (e, near) for uid, e, near in con.execute(
            "select unit_id, event_id, near_of from link_decisions where event_id in (select unnest(?))",
            [event_ids]).fetchall()}
        units: dict[str, list] = {}
        rows = con.execute("select unit_id, ukey, features from link_units where unit_id in (select unnest(?)) "
                           "order by ukey", [sorted(decided)]).fetchall() if decided else []
        for unit_id, ukey, f in rows:
            event_id, near_of = decided[unit_id]
            units.setdefault(event_id, []).append((unit_id, near_of, Features.from_json(json.loads(f)), ukey))
        linked = con.execute("select article_id, event_id, unit_id from article_events where event_id in "
                             "(select unnest(?))", [event_ids]).fetchall()
        about = {aid: (title, published or stored_at) for aid, title, published, stored_at in con.execute(
            "select article_id, title, published, stored_at from articles where article_id in (select unnest(?))",
            [[aid for aid, _, _ in linked]]).fetchall()} if linked else {}
        articles: dict[str, list] = {}
        for article_id, event_id, unit_id in linked:
            title, when = about[article_id]
            articles.setdefault(event_id, []).append((article_id, title, when, unit_id))
        rows = [_event_row(e, units[e], articles.get(e, [])) for e in sorted(units)]
        if rows:
            insert_columns(con, "events", columns_of(rows))


def _event_row(event_id: str, units: list, articles: list) -> tuple:
    """(event_id, title, first_seen, last_seen, main_date, leaders, places, article_count) of one event.

    The title is the headline of the event's most central story (highest cosine with the event's pooled
    terms) in its main language; leaders and places, see `listed`."""
    originals = [u for u in units if u[1] is None] or units
    languages = Counter(u[2].language for u in originals)
    main_language = min(languages, key=lambda lang: (-languages[lang], lang != "en", lang))
    centroid: Counter = Counter()
    for _, _, f, _ in originals:
        centroid.update(sc._norm(f.terms))
    centroid_n = sc._norm(centroid)
    central = min((u for u in originals if u[2].language == main_language),
                  key=lambda u: (-round(sc._cos(sc._norm(u[2].terms), centroid_n), 6), u[3]))
    ordered = sorted(articles, key=lambda a: (a[2], a[0]))
    title = next((a[1] for a in ordered if a[3] == central[0] and a[1]), None) \
        or next((a[1] for a in ordered if a[1]), "(untitled)")
    n = len(originals)
    need = max(2, math.ceil(n * EVENT_LIST_SHARE))

    def listed(values: list[tuple[set[str], set[str]]]) -> list[str]:
        """Names in the headline or lead of a story, or in at least `need` stories; the most named first."""
        everywhere = Counter(v for all_, _ in values for v in all_)
        up_front = Counter(v for _, lead in values for v in lead)
        keep = [v for v in everywhere if up_front[v] or everywhere[v] >= need]
        return sorted(keep, key=lambda v: (-up_front[v] - everywhere[v], v))

    people = listed([(set(u[2].people), set(u[2].lead_people)) for u in originals])
    cities = listed([(set(u[2].cities), {p[5:] for p in u[2].lead_places if p.startswith("city:")})
                     for u in originals])
    countries = listed([(set(u[2].countries), {p for p in u[2].lead_places if not p.startswith("city:")})
                        for u in originals])
    places = cities + countries
    times = [a[2] for a in articles]
    first_seen, last_seen = min(times), max(times)
    return (event_id, title, first_seen, last_seen, _main_date(originals, articles, first_seen),
            people[:EVENT_LIST_MAX], places[:EVENT_LIST_MAX], len(articles))


def _main_date(units: list, articles: list, first_seen: datetime) -> date:
    """The day the happening took place, as its stories tell it: a story whose lead paragraph names a weekday
    ("on Monday", "este martes") dates it to that weekday at most three days before its publication;
    the most common such day wins (the earliest of a tie). Without any, the UTC date of the first story
    (stored times are UTC, so an evening story in the Americas can fall on the next day)."""
    published = {}
    for article_id, _, when, unit_id in articles:
        if unit_id not in published or when < published[unit_id]:
            published[unit_id] = when
    days: Counter = Counter()
    for unit_id, _, f, _ in units:
        when = published.get(unit_id)
        if f.lead_weekday is None or when is None:
            continue
        day = when.astimezone(timezone.utc).date()
        back = (day.weekday() - f.lead_weekday) % 7
        if back <= 3:
            days[day - timedelta(days=back)] += 1
    if days:
        return min(days, key=lambda d: (-days[d], d))
    return first_seen.astimezone(timezone.utc).date()
