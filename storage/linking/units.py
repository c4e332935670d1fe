"""Link units: an extracted article with its exact copies, as the linker reads and stores it.

A unit's time is its earliest member's publication time, and units are decided in the canonical order `ukey` =
(that time in UTC, the earliest member's article id). A unit none of whose articles has a publication date is
*undated*: its time is UNDATED, after every dated unit, and it is linked by `storage.linking.undated` (never by
the time it was stored, which depends on the order articles arrived in). `sync_units`
brings `link_units`, `link_members` and the two indexes (`link_keys`, `link_lsh`) up to date with `articles`
and says which units changed; the replay (`storage.linking.replay`) decides them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import cached_property

import duckdb

from storage.db import insert_columns
from storage.linking import dedup
from storage.linking.features import Features, Mention, compute_features
from storage.linking.score import IDF_WINDOW, Context

KEY_TERMS = 12              # salient words per unit in the index
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
BEFORE_ANY_TIME = datetime(1, 1, 1, tzinfo=timezone.utc)
UNDATED = datetime(9999, 1, 1, tzinfo=timezone.utc)   # the time of an undated unit: after every dated one
UNDATED_UKEY = "9999-01-01T00:00:00.000000|"  # ... and the start of its `ukey`


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
        return seconds(self.ts)

    @property
    def day(self) -> str:
        return self.ukey[:10]

    @property
    def undated(self) -> bool:
        return self.ts >= UNDATED


def ukey_of(ts: datetime, first_id: str) -> str:
    return f"{ts.astimezone(timezone.utc):%Y-%m-%dT%H:%M:%S.%f}|{first_id}"


def seconds(ts: datetime) -> float:
    return (ts - EPOCH).total_seconds()


def ukey_time(ukey: str) -> datetime:
    return datetime.fromisoformat(ukey.split("|")[0]).replace(tzinfo=timezone.utc)





@dataclass
class Change:
    unit_id: str
    old_ukey: str | None
    new_ukey: str | None


@dataclass
class Synced:
    """What `sync_units` found: changed units, and the bodies it read (for the replay that follows)."""

    changes: list[Change] = field(default_factory=list)
    shingles: dict[str, set[str]] = field(default_factory=dict)
    bands: dict[str, list[int]] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)   # articles linked before that no unit holds any more


# What an article was linked with: a change of any of these means linking it again. (`duplicate_of` only for
# exact copies: on extracted articles the linker itself writes it, for near-copies.)
LINK_FINGERPRINT_SQL = "hash(a.body_hash, a.status, a.published, a.title, case when a.status = 'duplicate' then a.duplicate_of end)"
LINKABLE = ("extracted", "duplicate")


def sync_units(con: duckdb.DuckDBPyConnection, article_ids: list[str] | None) -> Synced:
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
            if a is not None and a[0] in LINKABLE:
                if m is None or m[1] != a[2]:
                    rows.append((aid, a[0], a[1], m[0] if m else None))
            elif m is not None:
                rows.append((aid, a[0] if a else None, None, m[0]))
    else:
        rows = []
    if not rows:
        return Synced()
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
    built, shingles = build_units(con, candidates)
    bands: dict[str, list[int]] = {}
    store_units(con, built, shingles, bands)
    changes = [Change(u.unit_id, old.get(u.unit_id), u.ukey) for u, _ in built]
    kept = {u.unit_id for u, _ in built}
    changes += [Change(uid, old[uid], None) for uid in ids if uid not in kept and uid in old]
    held = {m for u, _ in built for m in u.members}
    return Synced(changes, shingles, bands, sorted({r[0] for r in rows} - held))


def build_units(con: duckdb.DuckDBPyConnection, candidates: dict[str, set[str]]
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
        order by unit_id, a.published nulls last, a.article_id""", [wanted]).fetchall()
               if r[0] in candidates and r[1] in candidates[r[0]] and r[2] in LINKABLE]
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
    dates: dict[str, list[Mention]] = {}
    for aid, year, month, day, text in con.execute("select article_id, year, month, day, text from date_mentions "
                                                   "where article_id in (select unnest(?)) order by article_id, n",
                                                   [reps]).fetchall():
        dates.setdefault(aid, []).append(Mention(year, month, day, text))
    by_unit: dict[str, list[tuple]] = {}
    for row in members:
        by_unit.setdefault(row[0], []).append(row)
    out, shingles = [], {}
    for unit_id in reps:
        rows = by_unit.get(unit_id)
        if not rows:
            continue
        text, language = bodies[unit_id]
        first = min(rows, key=lambda r: (r[4] or UNDATED, r[1]))
        ts = first[4] or UNDATED
        features = compute_features([r[6] or "" for r in rows], text, language,
                                    outlets=[r[7] or "" for r in rows], leaders=leaders.get(unit_id, ()),
                                    rates=rates.get(unit_id, ()), dates=dates.get(unit_id, ()))
        out.append((Unit(unit_id, first[1], ukey_of(ts, first[1]), ts, features, [r[1] for r in rows]), rows))
        shingles[unit_id] = dedup.shingles(text)
    return out, shingles


def store_units(con: duckdb.DuckDBPyConnection, built: Sequence[tuple[Unit, list[tuple]]],
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


def mark_near_copies(con: duckdb.DuckDBPyConnection, marks: Sequence[tuple[str, str | None]]) -> None:
    """Set (or clear, with None) `articles.duplicate_of` of each unit's article: the near-copy it was decided to
    be of. Only extracted articles carry the mark (an exact duplicate's row is the flow's)."""
    if marks:
        con.execute("""
            update articles set duplicate_of = n.near_of
            from (select unnest(?) as article_id, unnest(?) as near_of) n
            where articles.article_id = n.article_id and articles.status = 'extracted'""",
                    [[u for u, _ in marks], [n for _, n in marks]])


def context_before(con: duckdb.DuckDBPyConnection, day: str) -> Context:
    """The IDF window of `day`: the document-frequency keys of the IDF_WINDOW dated units before it."""
    day_start = datetime.fromisoformat(day).replace(tzinfo=timezone.utc)
    rows: list = []
    for days in (14, 120, None):  # most days find their window in the fortnight before them
        since = [day_start - timedelta(days=days)] if days else []
        rows = con.execute(f"""
            select df_keys from (select ukey, df_keys from link_units
                                 where ts < ? {'and ts >= ?' if days else ''} order by ukey desc limit ?)
            order by ukey""", [day_start] + since + [IDF_WINDOW]).fetchall()
        if len(rows) >= IDF_WINDOW:
            break
    ctx = Context()
    for (keys,) in rows:
        ctx.add(set(keys.split("\n")) if keys else set())
    return ctx


def event_members(con: duckdb.DuckDBPyConnection, event_ids: Sequence[str], before: str
                  ) -> list[tuple[str, str, str, datetime, Features]]:
    """(event id, unit id, ukey, time, features) of the units decided into `event_ids` that come before the ukey
    `before`, by event and in canonical order: what the dated linker and the undated one rebuild events from."""
    if not event_ids:
        return []
    rows = con.execute("""
        select d.event_id, u.unit_id, u.ukey, u.ts, u.features from link_decisions d join link_units u using (unit_id)
        where d.event_id in (select unnest(?)) and u.ukey < ? order by d.event_id, u.ukey""",
                       [list(event_ids), before]).fetchall()
    return [(e, uid, ukey, ts, Features.from_json(json.loads(f))) for e, uid, ukey, ts, f in rows]


def load_units(con: duckdb.DuckDBPyConnection, after: str, inclusive: bool, limit: int) -> list[Unit]:
    """Up to `limit` dated units from `after` on, in canonical order."""
    rows = con.execute(f"""
        select unit_id, first_id, ukey, ts, features, members from link_units
        where ukey {'>=' if inclusive else '>'} ? and ts >= ? and ts < ? order by ukey limit ?""",
                       [after, ukey_time(after) - timedelta(seconds=1), UNDATED, limit]).fetchall()
    return [Unit(uid, first, ukey, ts, Features.from_json(json.loads(f)), list(members))
            for uid, first, ukey, ts, f, members in rows]
