"""Event linking and near-duplicate detection, online and incremental, with results that do not depend on the
order articles arrived in.

Units. An extracted article and its exact copies (same normalised body at other URLs, stored by the flow with
status 'duplicate' and `duplicate_of` set) are linked together as one *unit*. A unit's time is its earliest
member's publication time; units are linked in the canonical order `ukey` = (that time in UTC, the earliest
member's article id). A unit without any publication date is *undated*: never dated by the time it was stored
(that follows the order of imports), it is decided after the dated ones by storage/linking/undated.py, by the
days it mentions and by content.

Decisions. Each unit, in canonical order, is first checked for being a near-copy of an earlier unit of the
previous DUP_LOOKBACK_DAYS (MinHash LSH band keys in `link_lsh`, confirmed by shingle Jaccard, see
storage/linking/dedup.py): a near-copy joins its original's event, flagged, and points at it with duplicate_of.
Otherwise its candidate events are the events of earlier units of the previous MAX_SPAN_DAYS that share one of
its rarer index keys (`link_keys`: salient words, people, cities, figures — an inverted index queried by key
and time, so the work does not grow with the size of the database). It is scored against the eligible ones
(storage/linking/score.py) and joins the best scoring at least THRESHOLD, or starts a new event named after its
earliest article: `ev_<article id>`.

Order independence. A decision reads only earlier units (in canonical order) and IDF statistics of the
IDF_WINDOW units before the unit's day, so the linked state is a function of the set of stored articles (the
undated units' decisions read the dated ones and are recomputed whenever a run changes anything). New
articles are usually the latest and are simply decided; when one arrives out of order — a back-dated story, a
copy with an earlier date, a changed body — the linker replays the decisions from the earliest affected unit
on, comparing each with the stored one, and stops once every changed unit is done and a stretch of later
decisions (MAX_SPAN_DAYS + DUP_LOOKBACK_DAYS of time, and IDF_WINDOW units) came out unchanged: nothing a later
decision reads can differ beyond it. Importing the same files in any order, in one batch or many, or running
`relink`, therefore gives the same events with the same ids.

Tables (migrations m002, m005): link_units (features per unit), link_members (which article belongs to which unit,
and what it looked like when linked), link_keys and link_lsh (the two indexes), link_decisions (one row per
unit); and the published view, `events` and `article_events` (plus `articles.duplicate_of` for near-copies).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import duckdb

from storage.db import transaction
from storage.linking.replay import LinkStats, Replay
from storage.linking.undated import link_undated
from storage.linking.units import BEFORE_ANY_TIME, LINK_FINGERPRINT_SQL, UNDATED, UNDATED_UKEY, Synced, sync_units

LINK_CHUNK = 500  # articles decided per step of a large link: bounds memory, not results


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
            stats = _link(con, None)[0]
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
    article linked before) could replay earlier decisions at every call, and an undated article would have every
    undated decision made again at every call, so it waits for the end.
    """
    ids = sorted(set(article_ids))
    if not ids:
        return LinkStats()
    latest = con.execute("select max(ts) from link_units where ts < ?", [UNDATED]).fetchall()[0][0] \
        or BEFORE_ANY_TIME
    (appends,) = con.execute("""
        select count(*) > 0 and bool_and(published is not null and published > ?
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
        order by published nulls last, article_id""", [sorted(article_ids)]).fetchall()]
    total = LinkStats()
    changed: Changes | None = None
    for start in range(0, max(len(ordered), 1), LINK_CHUNK):
        stats, found = _link(con, ordered[start:start + LINK_CHUNK], undated=False)
        if found is not None:
            changed = changed or Changes()
            changed.add(found)
        _add(total, stats)
    if changed is not None:  # the undated are decided once, after every chunk (their decisions read the dated)
        _add(total, changed.link_undated(con))
    return total


def _add(total: LinkStats, stats: LinkStats) -> None:
    for name in ("linked", "new_events", "near_duplicates", "replayed", "units", "candidates", "key_hits",
                 "lsh_hits"):
        setattr(total, name, getattr(total, name) + getattr(stats, name))


def _left_by_killed_runs(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Articles a killed or failed run stored but did not link: never linked at all, or re-stored with a changed
    body (linked as an older version of itself). Only the articles of runs that never finished (their `runs` row
    has no finish time) or failed are looked at — a successful run links all it stores — so finding them does
    not read the whole of `articles`, whose size would otherwise set the cost of every link."""
    return {aid for (aid,) in con.execute(f"""
        select a.article_id from articles a left join link_members m using (article_id)
        where a.run_id in (select run_id from runs where finished_at is null or status = 'failed')
          and a.status in ('extracted', 'duplicate')
          and (m.article_id is null or m.fp <> {LINK_FINGERPRINT_SQL})""").fetchall()}


def _link(con: duckdb.DuckDBPyConnection, article_ids: list[str] | None, trace: list[dict] | None = None,
          undated: bool = True) -> tuple[LinkStats, Changes | None]:
    """Sync the units and replay the dated decisions from the earliest dated change, then (with `undated`)
    decide the undated units; (stats, what changed, or None if nothing did)."""
    synced = sync_units(con, article_ids)
    if not synced.changes:
        return LinkStats(), None
    changes = Changes.of(synced)
    stats = LinkStats()
    if changes.dated or synced.dropped or any(c.new_ukey is None for c in synced.changes):
        stats = Replay(con, synced, trace=trace).run()
    if undated:
        _add(stats, changes.link_undated(con, trace))
    return stats, changes


@dataclass
class Changes:
    """What a sync changed: whether any dated unit did, and which undated units are new or changed."""

    dated: bool = False
    undated: set[str] = field(default_factory=set)

    @classmethod
    def of(cls, synced: Synced) -> "Changes":
        return cls(any(k and k < UNDATED_UKEY for c in synced.changes for k in (c.old_ukey, c.new_ukey)),
                   {c.unit_id for c in synced.changes if c.new_ukey and c.new_ukey >= UNDATED_UKEY})

    def add(self, other: "Changes | None") -> None:
        if other is not None:
            self.dated = self.dated or other.dated
            self.undated |= other.undated

    def link_undated(self, con: duckdb.DuckDBPyConnection, trace: list[dict] | None = None) -> LinkStats:
        """Decide the undated units: all again when a dated unit changed, else only what changed (see
        storage.linking.undated)."""
        return link_undated(con, trace, None if self.dated else self.undated)


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
