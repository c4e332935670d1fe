"""Event linking and near-duplicate detection, online and incremental, with results that do not depend on the
order articles arrived in.

Units. An extracted article and its exact copies (same normalised body at other URLs, stored by the flow with
status 'duplicate') are linked together as one *unit*; the unit's time is its earliest member's publication
time, and units are linked in the canonical order `ukey` = (that time, the earliest member's id).

Decisions. Each unit, in canonical order, is first checked for being a near-copy of an earlier unit (MinHash
LSH candidates from `link_lsh`, confirmed by shingle Jaccard, storage/dedup.py): a near-copy joins its
original's event, flagged. Otherwise the unit is scored (storage/link_score.py) against the events of earlier
units that share an index key with it (`link_keys`: salient words, people, places, figures) within the last
MAX_SPAN_DAYS, and joins the best eligible event scoring at least THRESHOLD, or starts a new event named after
its earliest article (`ev_<article id>`).

Order independence. A decision depends only on earlier units (in canonical order), so the linked state is a
function of the set of stored articles. When articles arrive out of order — a back-dated story, a copy
with an earlier date, a changed body — the linker replays the decisions from the earliest affected unit on,
comparing each with the stored one, and stops once every affected unit is done and a whole stretch of later
decisions (MAX_SPAN_DAYS + DUP_LOOKBACK_DAYS, and IDF_WINDOW units) came out unchanged: beyond it nothing a
decision reads can differ. So importing the same files in any order, in one batch or many, or running
`relink`, gives the same events with the same ids.

Tables (migration m002): link_units (features per unit), link_members (which article belongs to which unit
and what it looked like when linked), link_keys and link_lsh (the two indexes), link_decisions (one row per
unit), and the published view: `events` and `article_events`; near-copies also get `articles.duplicate_of`.
"""

from __future__ import annotations

import json
import math
import time
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

import duckdb

from storage import dedup
from storage import link_score as sc
from storage.db import transaction
from storage.link_features import Features, compute_features
from storage.link_score import Context, EventState

DUP_LOOKBACK_DAYS = 7.0     # a near-copy is looked for among the units of the week before it
REPLAY_CHUNK = 2000         # units loaded at a time when replaying
KEY_TERMS = 12              # salient words per unit in the index
QUERY_KEYS = 16             # index keys a unit looks its candidates up by: the rarest it shares with others
EVENT_LIST_SHARE = 1 / 3    # an event lists the people and places at least this share of its stories name
EVENT_LIST_MAX = 8
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


@dataclass
class LinkStats:
    linked: int = 0            # articles whose link was decided in this run (new, changed, or replayed)
    new_events: int = 0        # events that exist now and did not before
    near_duplicates: int = 0   # units found to be near-copies in this run
    replayed: int = 0          # units decided again because an earlier one arrived or changed
    candidates: int = 0        # candidate events scored, summed over units
    key_hits: int = 0          # earlier units found through the index (link_keys), summed over units
    lsh_hits: int = 0          # earlier units sharing an LSH band (near-copy candidates), summed over units
    units: int = 0             # units decided in this run
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

    @property
    def t(self) -> float:
        return (self.ts - EPOCH).total_seconds()


@dataclass
class Decision:
    event_id: str
    near_of: str | None = None
    jaccard: float | None = None
    similarity: float | None = None

    def same(self, other: "Decision | None") -> bool:
        return other is not None and (self.event_id, self.near_of) == (other.event_id, other.near_of)


def _df_key(index_key: str) -> str:
    """The Context key of an index key ("f:pct:25" and "p:..." are the same; "w:x" is "w:x"; "g:X" is
    "g:city:X")."""
    return "g:city:" + index_key[2:] if index_key.startswith("g:") else index_key


def _ukey(ts: datetime, first_id: str) -> str:
    return f"{ts.astimezone(timezone.utc):%Y-%m-%dT%H:%M:%S.%f}|{first_id}"


def _t(ts: datetime) -> float:
    return (ts - EPOCH).total_seconds()


# ================================================================================================ public API


def link_pending(con: duckdb.DuckDBPyConnection) -> LinkStats:
    """Link every stored article that is new or changed since the last run (and replay what that affects)."""
    started = time.perf_counter()
    with transaction(con):
        changed = _sync_units(con)
        stats = _Replay(con, changed).run() if changed else LinkStats()
    stats.seconds = time.perf_counter() - started
    return stats


def relink(con: duckdb.DuckDBPyConnection) -> LinkStats:
    """Forget every link, event and near-duplicate mark, then link all articles again from scratch."""
    with transaction(con):
        for table in ("link_units", "link_members", "link_keys", "link_lsh", "link_decisions", "article_events",
                      "events"):
            con.execute(f"delete from {table}")
        con.execute("update articles set duplicate_of = null where status = 'extracted' and duplicate_of is not null")
    return link_pending(con)





# ================================================================================================ units


@dataclass
class _Change:
    unit_id: str
    old_ukey: str | None
    new_ukey: str | None


def _sync_units(con: duckdb.DuckDBPyConnection) -> list[_Change]:
    """Bring link_units / link_members / the indexes up to date with `articles`; returns the changed units."""
    rows = con.execute("""
        select a.article_id, a.status, a.duplicate_of, m.unit_id
        from articles a left join link_members m using (article_id)
        where a.status in ('extracted', 'duplicate')
          and (m.article_id is null or m.body_hash <> a.body_hash or m.status <> a.status
               or m.published is distinct from a.published or m.title is distinct from a.title
               or (a.status = 'extracted' and m.unit_id <> a.article_id)
               or (a.status = 'duplicate' and m.unit_id is distinct from a.duplicate_of))
        union all
        select m.article_id, a.status, null, m.unit_id
        from link_members m left join articles a using (article_id)
        where a.article_id is null or a.status not in ('extracted', 'duplicate')
    """).fetchall()
    if not rows:
        return []
    affected: set[str] = set()
    for article_id, status, duplicate_of, old_unit in rows:
        if old_unit:
            affected.add(old_unit)
        if status == "extracted":
            affected.add(article_id)
        elif status == "duplicate" and duplicate_of:
            affected.add(duplicate_of)
    affected_list = sorted(affected)
    old = dict(con.execute("select unit_id, ukey from link_units where unit_id in (select unnest(?))",
                           [affected_list]).fetchall())
    reps = {aid for (aid,) in con.execute(
        "select article_id from articles where article_id in (select unnest(?)) and status = 'extracted'",
        [affected_list]).fetchall()}
    for table in ("link_units", "link_keys", "link_lsh"):
        con.execute(f"delete from {table} where unit_id in (select unnest(?))", [affected_list])
    con.execute("delete from link_members where unit_id in (select unnest(?))", [affected_list])
    con.execute("delete from link_members where article_id in (select unnest(?))", [[r[0] for r in rows]])
    built = _build_units(con, sorted(reps))
    _store_units(con, built)
    changes = [_Change(u.unit_id, old.get(u.unit_id), u.ukey) for u, _ in built]
    changes += [_Change(uid, old[uid], None) for uid in affected_list if uid not in reps and uid in old]
    return changes


def _build_units(con: duckdb.DuckDBPyConnection, rep_ids: Sequence[str]) -> list[tuple[Unit, list[tuple]]]:
    """Features of the units whose extracted articles are `rep_ids`, with their member rows."""
    if not rep_ids:
        return []
    members = con.execute("""
        select coalesce(case when status = 'duplicate' then duplicate_of end, article_id) as unit_id,
               article_id, status, body_hash, published, stored_at, title, outlet
        from articles
        where (article_id in (select unnest(?)) and status = 'extracted')
           or (status = 'duplicate' and duplicate_of in (select unnest(?)))
        order by unit_id, coalesce(published, stored_at), article_id""", [list(rep_ids), list(rep_ids)]).fetchall()
    bodies = dict(con.execute("select article_id, [text, language] from articles where article_id in "
                              "(select unnest(?))", [list(rep_ids)]).fetchall())
    leaders: dict[str, list[str]] = {}
    for aid, name in con.execute("select distinct article_id, name from leader_mentions where article_id in "
                                 "(select unnest(?)) order by 1, 2", [list(rep_ids)]).fetchall():
        leaders.setdefault(aid, []).append(name)
    rates: dict[str, list[float]] = {}
    for aid, rate in con.execute("select distinct article_id, rate_pct from tariffs where article_id in "
                                 "(select unnest(?)) order by 1, 2", [list(rep_ids)]).fetchall():
        rates.setdefault(aid, []).append(rate)
    by_unit: dict[str, list[tuple]] = {}
    for row in members:
        by_unit.setdefault(row[0], []).append(row)
    out = []
    for unit_id in rep_ids:
        rows = by_unit.get(unit_id)
        if not rows:
            continue
        text, language = bodies[unit_id]
        first = min(rows, key=lambda r: ((r[4] or r[5]), r[1]))
        ts = first[4] or first[5]
        features = compute_features([r[6] or "" for r in rows], text, language,
                                    outlets=[r[7] or "" for r in rows], leaders=leaders.get(unit_id, ()),
                                    rates=rates.get(unit_id, ()))
        unit = Unit(unit_id, first[1], _ukey(ts, first[1]), ts, features, [r[1] for r in rows])
        out.append((unit, rows))
    return out


def _store_units(con: duckdb.DuckDBPyConnection, built: Sequence[tuple[Unit, list[tuple]]]) -> None:
    if not built:
        return
    built = sorted(built, key=lambda b: b[0].ukey)  # chronological rows keep the indexes' zone maps tight
    units = [u for u, _ in built]
    con.execute("""
        insert into link_units select unnest(?), unnest(?), unnest(?), unnest(?), unnest(?), unnest(?), unnest(?)""",
                [[u.unit_id for u in units], [u.first_id for u in units], [u.ukey for u in units],
                 [u.ts for u in units], [u.features.language for u in units],
                 [json.dumps(u.features.as_json(), ensure_ascii=False, sort_keys=True) for u in units],
                 ["\n".join(sorted(Context.keys(u.features))) for u in units]])
    m = [(u.unit_id, r) for u, rows in built for r in rows]
    con.execute("""
        insert into link_members select unnest(?), unnest(?), unnest(?), unnest(?), unnest(?), unnest(?)""",
                [[r[1] for _, r in m], [uid for uid, _ in m], [r[3] for _, r in m], [r[4] for _, r in m],
                 [r[6] for _, r in m], [r[2] for _, r in m]])
    keys = [(k, u) for u in units for k in u.features.keys(KEY_TERMS)]
    if keys:
        con.execute("insert into link_keys select unnest(?), unnest(?), unnest(?), unnest(?)",
                    [[k for k, _ in keys], [u.unit_id for _, u in keys], [u.ukey for _, u in keys],
                     [u.ts for _, u in keys]])
    texts = dict(con.execute("select article_id, text from articles where article_id in (select unnest(?))",
                             [[u.unit_id for u in units]]).fetchall())
    bands = [(b, u) for u in units for b in dedup.band_keys(dedup.shingles(texts[u.unit_id]))]
    if bands:
        con.execute("insert into link_lsh select unnest(?), unnest(?), unnest(?), unnest(?)",
                    [[b for b, _ in bands], [u.unit_id for _, u in bands], [u.ukey for _, u in bands],
                     [u.ts for _, u in bands]])


def _load_units(con: duckdb.DuckDBPyConnection, after: str, inclusive: bool, limit: int) -> list[Unit]:
    """Up to `limit` units from `after` on, in canonical order, with their members."""
    rows = con.execute(f"""
        with u as (select * from link_units where ukey {'>=' if inclusive else '>'} ? order by ukey limit ?)
        select u.unit_id, u.first_id, u.ukey, u.ts, u.features,
               (select list(m.article_id order by m.article_id) from link_members m where m.unit_id = u.unit_id)
        from u order by u.ukey""", [after, limit]).fetchall()
    return [Unit(uid, first, ukey, ts, Features.from_json(json.loads(f)), members or [])
            for uid, first, ukey, ts, f, members in rows]


# ================================================================================================ replay


class _Replay:
    """Decide units in canonical order from the earliest changed one, until decisions stop changing."""

    def __init__(self, con: duckdb.DuckDBPyConnection, changes: Sequence[_Change]) -> None:
        self.con = con
        keys = [k for c in changes for k in (c.old_ukey, c.new_ukey) if k]
        self.start = min(keys)
        self.pending = {c.unit_id for c in changes if c.new_ukey}
        self.removed = {c.unit_id for c in changes if not c.new_ukey}
        self.last_pending = max(c.new_ukey for c in changes if c.new_ukey) if self.pending else self.start
        self.decisions: dict[str, Decision] = {}        # decided in this run
        self.units: dict[str, Unit] = {}                # units decided in this run (features kept while useful)
        self.events: dict[str, EventState] = {}         # event states as of the unit being decided
        self.shingles: dict[str, set[str]] = {}
        self.ctx = Context()
        self.stats = LinkStats()

    # ---------------------------------------------------------------- driving

    def run(self) -> LinkStats:
        self._prime_context()
        old_events = {e for (e,) in self.con.execute(
            "select distinct event_id from link_decisions where ukey >= ? or unit_id in (select unnest(?))",
            [self.start, sorted(self.removed)]).fetchall()}
        stable_since: float | None = None
        after_last = 0
        last_change_t = None
        for unit, old in self._stream():
            decision = self._decide(unit)
            self.decisions[unit.unit_id] = decision
            self.units[unit.unit_id] = unit
            self._join(unit, decision)
            changed = unit.unit_id in self.pending or not decision.same(old)
            if unit.unit_id not in self.pending:
                self.stats.replayed += 1
            self.stats.units += 1
            self.stats.linked += len(unit.members)
            if decision.near_of:
                self.stats.near_duplicates += 1
            if changed:
                last_change_t = unit.t
            if unit.ukey > self.last_pending:
                after_last += 1
            if (unit.ukey >= self.last_pending and not changed and last_change_t is not None
                    and unit.t - last_change_t > (sc.MAX_SPAN_DAYS + DUP_LOOKBACK_DAYS) * sc.DAY
                    and after_last >= sc.IDF_WINDOW):
                break
            self._evict(unit.t)
        self._write(old_events)
        return self.stats

    def _stream(self) -> Iterator[tuple[Unit, Decision | None]]:
        """Units from `start` on in canonical order, each with its stored decision (None if new)."""
        after = None
        while True:
            units = _load_units(self.con, after or self.start, after is None, REPLAY_CHUNK)
            if not units:
                return
            old = {uid: Decision(e, n) for uid, e, n in self.con.execute(
                "select unit_id, event_id, near_of from link_decisions where unit_id in (select unnest(?))",
                [[u.unit_id for u in units]]).fetchall()}
            for unit in units:
                yield unit, (None if unit.unit_id in self.pending else old.get(unit.unit_id))
            after = units[-1].ukey

    def _prime_context(self) -> None:
        """The IDF window: the IDF_WINDOW units just before `start` (looked for in the last weeks first)."""
        start_ts = datetime.fromisoformat(self.start.split("|")[0]).replace(tzinfo=timezone.utc)
        rows: list = []
        for days in (14, 120, None):
            rows = self.con.execute(f"""
                select df_keys from (select ukey, df_keys from link_units
                                     where ukey < ? {'and ts >= ?' if days else ''}
                                     order by ukey desc limit ?) order by ukey""",
                                    [self.start] + ([start_ts - timedelta(days=days)] if days else [])
                                    + [sc.IDF_WINDOW]).fetchall()
            if len(rows) >= sc.IDF_WINDOW:
                break
        for (keys,) in rows:
            self.ctx.add(None, set(keys.split("\n")) if keys else set())

    def _evict(self, now: float) -> None:
        horizon = now - (sc.MAX_SPAN_DAYS + DUP_LOOKBACK_DAYS + 1) * sc.DAY
        for event_id in [e for e, s in self.events.items() if s.last_ts < horizon]:
            del self.events[event_id]
        if len(self.shingles) > 5000:
            self.shingles.clear()
        for uid in [u for u, unit in self.units.items() if unit.t < horizon]:
            del self.units[uid]

    # ---------------------------------------------------------------- one decision

    def _decide(self, unit: Unit) -> Decision:
        self.ctx.add(unit.features)
        near = self._near_copy(unit)
        if near is not None:
            original, jac = near
            root = self._decision_of(original)
            if root is not None:
                return Decision(root.event_id, root.near_of or original, jac, None)
        candidates = self._candidate_events(unit)
        self.stats.candidates += len(candidates)
        best, best_score = None, sc.THRESHOLD
        for event_id in sorted(candidates):
            event = candidates[event_id]
            if not sc.eligible(unit.t, event):
                continue
            s = sc.score(unit.features, unit.t, event, self.ctx).total
            if s >= best_score and (best is None or s > best_score or event_id < best):
                best, best_score = event_id, s
        if best is None:
            return Decision(f"ev_{unit.first_id}")
        return Decision(best, similarity=round(best_score, 4))

    def _join(self, unit: Unit, decision: Decision) -> None:
        event = self.events.get(decision.event_id)
        if event is None:
            self.events[decision.event_id] = EventState.start(decision.event_id, unit.unit_id, unit.t, unit.features)
        else:
            event.add(unit.unit_id, unit.t, unit.features)

    def _decision_of(self, unit_id: str) -> Decision | None:
        if unit_id in self.decisions:
            return self.decisions[unit_id]
        row = self.con.execute("select event_id, near_of from link_decisions where unit_id = ? and ukey < ?",
                               [unit_id, self.start]).fetchone()
        return Decision(row[0], row[1]) if row else None

    def _earlier(self, unit: Unit, table: str, column: str, values: list, days: float) -> list[str]:
        """Units before `unit` (canonical order) within `days` whose index rows hold one of `values`."""
        if not values:
            return []
        rows = self.con.execute(f"""
            select distinct unit_id from {table}
            where {column} in (select unnest(?)) and ts >= ? and ts <= ? and ukey < ?""",
                                [values, unit.ts - timedelta(days=days), unit.ts, unit.ukey]).fetchall()
        return [uid for (uid,) in rows if uid not in self.removed]

    def _near_copy(self, unit: Unit) -> tuple[str, float] | None:
        grams = self._shingles([unit.unit_id])[unit.unit_id]
        bands = dedup.band_keys(grams)
        found = self._earlier(unit, "link_lsh", "band_key", bands, DUP_LOOKBACK_DAYS)
        self.stats.lsh_hits += len(found)
        if not found:
            return None
        others = self._shingles(found)
        best = None
        for uid in sorted(found):
            j = dedup.jaccard(grams, others[uid])
            if j >= dedup.THRESHOLD and (best is None or j > best[1]):
                best = (uid, round(j, 4))
        return best

    def _shingles(self, unit_ids: Iterable[str]) -> dict[str, set[str]]:
        missing = [u for u in unit_ids if u not in self.shingles]
        if missing:
            for aid, text in self.con.execute(
                    "select article_id, text from articles where article_id in (select unnest(?))",
                    [missing]).fetchall():
                self.shingles[aid] = dedup.shingles(text)
        return {u: self.shingles.get(u, set()) for u in unit_ids}

    def _query_keys(self, unit: Unit) -> list[str]:
        """The unit's index keys that other recent units also have, rarest first (common ones find everything
        and decide nothing: "Trump", "25%")."""
        df = self.ctx.df
        shared = [(df.get(_df_key(k), 0), k) for k in unit.features.keys(KEY_TERMS)]
        return [k for n, k in sorted(shared) if n != 1][:QUERY_KEYS]

    def _candidate_events(self, unit: Unit) -> dict[str, EventState]:
        found = self._earlier(unit, "link_keys", "key", self._query_keys(unit), sc.MAX_SPAN_DAYS)
        self.stats.key_hits += len(found)
        event_ids: set[str] = set()
        unknown = []
        for uid in found:
            if uid in self.decisions:
                event_ids.add(self.decisions[uid].event_id)
            else:
                unknown.append(uid)
        if unknown:
            event_ids.update(e for (e,) in self.con.execute(
                "select distinct event_id from link_decisions where unit_id in (select unnest(?)) and ukey < ?",
                [unknown, self.start]).fetchall())
        missing = sorted(e for e in event_ids if e not in self.events)
        if missing:
            self._load_events(missing)
        return {e: self.events[e] for e in event_ids if e in self.events}

    def _load_events(self, event_ids: list[str]) -> None:
        """Event states from the units decided before `start` (later stored decisions are being replayed)."""
        rows = self.con.execute("""
            select d.event_id, u.unit_id, u.ts, u.features
            from link_decisions d join link_units u using (unit_id)
            where d.event_id in (select unnest(?)) and d.ukey < ?
            order by d.event_id, u.ukey""", [event_ids, self.start]).fetchall()
        for event_id, unit_id, ts, f in rows:
            features = Features.from_json(json.loads(f))
            state = self.events.get(event_id)
            if state is None:
                self.events[event_id] = EventState.start(event_id, unit_id, _t(ts), features)
            else:
                state.add(unit_id, _t(ts), features)
        # Units decided in this run that joined these events (possible only if the event was evicted).
        for uid, d in self.decisions.items():
            if d.event_id in event_ids and uid in self.units and d.event_id in self.events:
                u = self.units[uid]
                if uid not in self.events[d.event_id].members:
                    self.events[d.event_id].add(uid, u.t, u.features)

    # ---------------------------------------------------------------- writing

    def _write(self, old_events: set[str]) -> None:
        con = self.con
        decided = sorted(self.decisions)
        gone = sorted(self.removed)
        touched = set(old_events) | {d.event_id for d in self.decisions.values()}
        touched |= {e for (e,) in con.execute(
            "select distinct event_id from link_decisions where unit_id in (select unnest(?))",
            [decided + gone]).fetchall()}
        con.execute("delete from link_decisions where unit_id in (select unnest(?))", [decided + gone])
        con.execute("delete from article_events where unit_id in (select unnest(?))", [decided + gone])
        gone_members = [aid for (aid,) in con.execute(
            "select article_id from article_events where article_id in (select unnest(?))",
            [gone]).fetchall()]
        if gone_members:
            con.execute("delete from article_events where article_id in (select unnest(?))", [gone_members])
        new_ids = sorted({d.event_id for d in self.decisions.values()})
        existing = {e for (e,) in con.execute("select event_id from events where event_id in (select unnest(?))",
                                              [new_ids]).fetchall()}
        self.stats.new_events = len(set(new_ids) - existing)
        if not decided:
            self._refresh_events(sorted(touched))
            return
        units = {uid: (ukey, ts) for uid, ukey, ts in con.execute(
            "select unit_id, ukey, ts from link_units where unit_id in (select unnest(?))", [decided]).fetchall()}
        d = [self.decisions[u] for u in decided]
        con.execute("""insert into link_decisions select unnest(?), unnest(?), unnest(?), unnest(?), unnest(?),
                       unnest(?), unnest(?)""",
                    [decided, [units[u][0] for u in decided], [units[u][1] for u in decided],
                     [x.event_id for x in d], [x.near_of for x in d], [x.jaccard for x in d],
                     [x.similarity for x in d]])
        members = con.execute("""
            select m.article_id, m.unit_id, m.status from link_members m
            where m.unit_id in (select unnest(?))""", [decided]).fetchall()
        con.execute("delete from article_events where article_id in (select unnest(?))",
                    [[m[0] for m in members]])
        rows = []
        for article_id, unit_id, status in members:
            dec = self.decisions[unit_id]
            kind = "exact" if status == "duplicate" else ("near" if dec.near_of else None)
            rows.append((article_id, dec.event_id, dec.similarity, kind is not None, kind, unit_id))
        con.execute("""insert into article_events (article_id, event_id, similarity, is_duplicate, duplicate_kind,
                                                   unit_id)
                       select unnest(?), unnest(?), unnest(?), unnest(?), unnest(?), unnest(?)""",
                    [list(col) for col in zip(*rows)])
        # Near-copies point at their original's article; originals and non-copies point nowhere.
        near = [(u, self.decisions[u].near_of) for u in decided]
        con.execute("""
            update articles set duplicate_of = n.near_of
            from (select unnest(?) as article_id, unnest(?) as near_of) n
            where articles.article_id = n.article_id and articles.status = 'extracted'
              and articles.duplicate_of is distinct from n.near_of""",
                    [[u for u, _ in near], [n for _, n in near]])
        self._refresh_events(sorted(touched))

    def _refresh_events(self, event_ids: list[str]) -> None:
        if not event_ids:
            return
        con = self.con
        con.execute("delete from events where event_id in (select unnest(?))", [event_ids])
        rows = con.execute("""
            select d.event_id, d.unit_id, d.near_of, u.features, u.ukey
            from link_decisions d join link_units u using (unit_id)
            where d.event_id in (select unnest(?)) order by d.event_id, u.ukey""", [event_ids]).fetchall()
        arts = con.execute("""
            select ae.event_id, a.article_id, a.title, a.published, a.stored_at, ae.unit_id
            from article_events ae join articles a using (article_id)
            where ae.event_id in (select unnest(?))""", [event_ids]).fetchall()
        by_event: dict[str, list] = {}
        for event_id, unit_id, near_of, f, ukey in rows:
            by_event.setdefault(event_id, []).append((unit_id, near_of, Features.from_json(json.loads(f)), ukey))
        articles_by_event: dict[str, list] = {}
        for event_id, article_id, title, published, stored_at, unit_id in arts:
            articles_by_event.setdefault(event_id, []).append((article_id, title, published, stored_at, unit_id))
        out = []
        for event_id, units in by_event.items():
            out.append(_event_row(event_id, units, articles_by_event.get(event_id, [])))
        if out:
            con.execute("""
                insert into events (event_id, title, first_seen, last_seen, main_date, leaders, places,
                                    article_count)
                select unnest(?), unnest(?), unnest(?), unnest(?), unnest(?), unnest(?), unnest(?), unnest(?)""",
                        [list(col) for col in zip(*out)])


def _event_row(event_id: str, units: list, articles: list) -> tuple:
    """(event_id, title, first_seen, last_seen, main_date, leaders, places, article_count) of one event."""
    originals = [u for u in units if u[1] is None] or units
    languages = Counter(u[2].language for u in originals)
    top_language = max(sorted(languages), key=lambda lang: (languages[lang], lang == "en"))
    centroid: Counter = Counter()
    for _, _, f, _ in originals:
        centroid.update(sc._norm(f.terms))
    norm_centroid = sc._norm(centroid)
    best_unit = min((u for u in originals if u[2].language == top_language),
                    key=lambda u: (-round(sc._cos(sc._norm(u[2].terms), norm_centroid), 6), u[3]))
    unit_articles = sorted((a for a in articles if a[4] == best_unit[0]),
                           key=lambda a: ((a[2] or a[3]), a[0]))
    title = next((a[1] for a in unit_articles if a[1]), None) or next(
        (a[1] for a in sorted(articles, key=lambda a: ((a[2] or a[3]), a[0])) if a[1]), "(untitled)")
    times = [a[2] or a[3] for a in articles]
    n = len(originals)
    people = Counter(p for u in originals for p in set(u[2].people))
    cities = Counter(c for u in originals for c in set(u[2].cities))
    countries = Counter(c for u in originals for c in set(u[2].countries))
    need = max(1, math.ceil(n * EVENT_LIST_SHARE))
    leaders = [p for p, c in sorted(people.items(), key=lambda kv: (-kv[1], kv[0])) if c >= need][:EVENT_LIST_MAX]
    places = ([p for p, c in sorted(cities.items(), key=lambda kv: (-kv[1], kv[0])) if c >= need]
              + [p for p, c in sorted(countries.items(), key=lambda kv: (-kv[1], kv[0])) if c >= need])
    first_seen, last_seen = min(times), max(times)
    return (event_id, title, first_seen, last_seen, first_seen.astimezone(timezone.utc).date(), leaders,
            places[:EVENT_LIST_MAX], len(articles))
