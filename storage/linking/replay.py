"""Deciding dated units: near-copy or event, in canonical order from the earliest change, until decisions stop
changing (undated units are decided afterwards by `storage.linking.undated`).

Each unit is first checked for being a near-copy of an earlier unit of the previous DUP_LOOKBACK_DAYS (LSH
band keys, confirmed by shingle Jaccard, see `dedup`): a near-copy joins its original's event, flagged, and
points at it with duplicate_of. Otherwise its candidate events are the events of earlier units of the previous
MAX_SPAN_DAYS that share one of its rarer index keys; it is scored against the eligible ones (`score`) and
joins the best scoring at least THRESHOLD, or starts a new event named after its earliest article:
`ev_<article id>`. A decision reads only earlier units and the IDF statistics of the IDF_WINDOW units before
the unit's day, so a replay can stop once a stretch of later decisions came out unchanged (see `Replay.run`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import duckdb

from storage.db import columns_of, insert_columns
from storage.linking import dedup
from storage.linking import score as sc
from storage.linking.dedup import DUP_LOOKBACK_DAYS
from storage.linking.events import refresh_events
from storage.linking.features import Features
from storage.linking.index import MemoryIndex, SqlIndex
from storage.linking.score import Context, EventState, Story
from storage.linking.units import (KEY_TERMS, UNDATED_UKEY, Synced, Unit, context_before, event_members, load_units,
                                   mark_near_copies, seconds, ukey_time)

QUERY_KEYS = 24             # keys a unit looks candidates up by: its rarest (common ones find everything)
QUERY_MAX_SHARE = 0.1       # ... leaving out keys in more than this share of the IDF window
QUERY_MIN_CAP = 20          # ... (but never those in fewer than this many units)
MAX_CANDIDATES = 8          # events scored per unit: those whose stories share the most query keys with it
MEMORY_INDEX_FROM = 40      # replays longer than this read the indexes into memory once instead of per unit
REPLAY_CHUNK = 2000         # units read at a time when replaying
ARTICLE_EVENT_COLUMNS = ("article_id", "event_id", "similarity", "is_duplicate", "duplicate_kind", "unit_id")


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


@dataclass
class Decision:
    event_id: str
    near_of: str | None = None
    jaccard: float | None = None
    similarity: float | None = None

    def same(self, other: "Decision | None") -> bool:
        return other is not None and (self.event_id, self.near_of) == (other.event_id, other.near_of)


def df_key(index_key: str) -> str:
    """The Context key of an index key (cities are "g:city:X" there, "g:X" in the index)."""
    return "g:city:" + index_key[2:] if index_key.startswith("g:") else index_key


def query_keys(f: Features, df: Mapping[str, int], window: int) -> list[str]:
    """A unit's index keys to look candidates up by, rarest first, leaving out those most of the `window` units
    counted in `df` (document frequencies by Context key) have: common keys find everything."""
    cap = max(QUERY_MIN_CAP, QUERY_MAX_SHARE * window)
    ranked = sorted((df.get(df_key(k), 0), k) for k in f.keys(KEY_TERMS))
    return [k for n, k in ranked if n <= cap][:QUERY_KEYS]


class Replay:
    """Decide units in canonical order from the earliest changed one, until decisions stop changing."""

    def __init__(self, con: duckdb.DuckDBPyConnection, synced: Synced, trace: list[dict] | None = None) -> None:
        self.con = con
        self.trace = trace
        self.dropped = synced.dropped
        changes = synced.changes
        self.start = min(k for c in changes for k in (c.old_ukey, c.new_ukey) if k)
        self.pending = {c.unit_id for c in changes if c.new_ukey}
        self.removed = {c.unit_id for c in changes if not c.new_ukey}
        # (Undated units are decided after this replay, by storage.linking.undated: they do not hold it up.)
        self.last_pending = max((c.new_ukey for c in changes if c.new_ukey and c.new_ukey < UNDATED_UKEY),
                                default=self.start)
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
                                 [self.start, ukey_time(self.start) - timedelta(seconds=1)]).fetchone()[0]
        self.index = (MemoryIndex(con, self.start, self.removed) if later > MEMORY_INDEX_FROM
                      else SqlIndex(con, self.removed))
        self.before: dict[str, str] = {}                # event of units decided before `start` (memory mode)
        if isinstance(self.index, MemoryIndex):
            since = ukey_time(self.start) - timedelta(days=max(sc.MAX_SPAN_DAYS, DUP_LOOKBACK_DAYS) + 1)
            self.before = dict(con.execute("select unit_id, event_id from link_decisions where ts >= ? and ukey < ?",
                                           [since, self.start]).fetchall())

    # ---------------------------------------------------------------- driving

    def run(self) -> LinkStats:
        self._prime_context()
        last_change = seconds(ukey_time(self.start))  # the earliest change (a removed unit changes things too)
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
            units = load_units(self.con, after, inclusive, REPLAY_CHUNK)
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
        self.ctx = context_before(self.con, day)
        self.ctx_day = day
        self.today = [set(k.split("\n")) if k else set() for (k,) in self.con.execute(
            "select df_keys from link_units where ts >= ? and ukey < ? order by ukey",
            [datetime.fromisoformat(day).replace(tzinfo=timezone.utc), self.start]).fetchall()]

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

    def _candidate_events(self, unit: Unit) -> dict[str, EventState]:
        """Eligible events of the earlier units sharing query keys, the MAX_CANDIDATES sharing most."""
        keys = query_keys(unit.features, self.ctx.df, len(self.ctx.window))
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
        if decision.event_id not in self.events and decision.event_id != f"ev_{unit.first_id}":
            # Joining an event not in memory: loading it brings this unit in too (it is decided already), so it
            # must not be added a second time.
            self._load_events([decision.event_id])
        else:
            sc.join(self.events, decision.event_id, unit.unit_id, unit.t, unit.features)

    def _load_events(self, event_ids: list[str]) -> None:
        """Event states from the units decided before `start`, plus those decided in this run."""
        members = [(e, uid, ukey, seconds(ts), f) for e, uid, ukey, ts, f in event_members(self.con, event_ids,
                                                                                             self.start)]
        wanted = set(event_ids)
        members += [(d.event_id, uid, self.recent[uid].ukey, self.recent[uid].t, self.recent[uid].features)
                    for uid, d in self.decisions.items() if d.event_id in wanted and uid in self.recent]
        for event_id, uid, _, t, features in sorted(members, key=lambda m: (m[0], m[2])):
            sc.join(self.events, event_id, uid, t, features)

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
        insert_columns(con, "article_events", columns_of(rows), names=ARTICLE_EVENT_COLUMNS)
        # Near-copies point at their original, other extracted articles at nothing. A stored article that was
        # written again has lost its mark (the flow stores it with duplicate_of null), so pending units are
        # always written; replayed ones only when their mark changed.
        marks = [(u, self.decisions[u].near_of) for u in decided
                 if (u in self.pending and (self.decisions[u].near_of or old.get(u, Decision("")).near_of))
                 or (u not in self.pending and self.decisions[u].near_of != old.get(u, Decision("")).near_of)]
        mark_near_copies(con, marks)
        refresh_events(con, sorted(touched))
