"""Event linking: each new article joins the most similar recent event, or starts one.

First version (the event-linking issue deepens it): similarity is the cosine of content-word counts between
the article and an event's pooled text, plus a bonus for shared leaders; only events whose dates lie within
WINDOW_DAYS of the article are candidates. Articles are linked in (published, article_id) order so a run
is deterministic. Duplicates join their original's event, flagged.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

import duckdb

from storage.db import transaction

WINDOW_DAYS = 4
THRESHOLD = 0.35
LEADER_BONUS = 0.1
_STOPWORDS = frozenset(
    "the a an of and or to in on for with by at from as is are was were be been has have had it its this that "
    "these those their his her he she they we you i not but also which who will would said says after before "
    "over into about than more most new last next year years week month el la los las de del y en que por para "
    "con una un es se su sus al lo como más pero fue ha sobre entre dijo".split()
)


@dataclass
class LinkStats:
    linked: int = 0
    new_events: int = 0


def _terms(text: str) -> Counter:
    return Counter(w for w in re.findall(r"\w+", text.casefold()) if w not in _STOPWORDS and len(w) > 2)


def _cosine(a: Counter, b: Counter) -> float:
    if not a or not b:
        return 0.0
    dot = sum(v * b[k] for k, v in a.items() if k in b)
    return dot / (math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values())))


def link_pending(con: duckdb.DuckDBPyConnection) -> LinkStats:
    """Link every stored article that has no event yet."""
    stats = LinkStats()
    pending = con.execute("""
        select a.article_id, a.title, a.text, a.published, a.duplicate_of
        from articles a left join article_events ae using (article_id)
        where ae.article_id is null and a.status in ('extracted', 'duplicate')
        order by a.published nulls last, a.article_id""").fetchall()
    if not pending:
        return stats
    with transaction(con):
        for article_id, title, text, published, duplicate_of in pending:
            event_id, similarity = _choose_event(con, article_id, title, text, published, duplicate_of)
            if event_id is None:
                event_id = f"ev_{article_id}"
                con.execute("insert into events (event_id, title, article_count) values (?, ?, 0)",
                            [event_id, title or "(untitled)"])
                stats.new_events += 1
            con.execute("insert into article_events values (?, ?, ?, ?)",
                        [article_id, event_id, similarity, duplicate_of is not None])
            _refresh_event(con, event_id)
            stats.linked += 1
    return stats


def _choose_event(con, article_id: str, title: str | None, text: str, published: datetime | None,
                  duplicate_of: str | None) -> tuple[str | None, float | None]:
    if duplicate_of:
        row = con.execute("select event_id from article_events where article_id = ?", [duplicate_of]).fetchone()
        if row:
            return row[0], 1.0
    if published is None:
        candidates = con.execute("select event_id from events").fetchall()
    else:
        window = timedelta(days=WINDOW_DAYS)
        candidates = con.execute(
            "select event_id from events where first_seen - ? <= ? and last_seen + ? >= ?",
            [window, published, window, published]).fetchall()
    if not candidates:
        return None, None
    terms = _terms(f"{title or ''} {text}")
    leaders = {n for (n,) in con.execute(
        "select distinct name from leader_mentions where article_id = ?", [article_id]).fetchall()}
    best, best_score = None, 0.0
    for (event_id,) in sorted(candidates):
        texts = con.execute("""
            select a.title, a.text from article_events ae join articles a using (article_id)
            where ae.event_id = ? and not ae.is_duplicate""", [event_id]).fetchall()
        pooled = Counter()
        for t, body in texts:
            pooled.update(_terms(f"{t or ''} {body}"))
        event_leaders = {n for (n,) in con.execute("""
            select distinct m.name from leader_mentions m join article_events ae using (article_id)
            where ae.event_id = ?""", [event_id]).fetchall()}
        score = _cosine(terms, pooled) + LEADER_BONUS * len(leaders & event_leaders)
        if score > best_score:
            best, best_score = event_id, score
    return (best, best_score) if best_score >= THRESHOLD else (None, None)


def _refresh_event(con: duckdb.DuckDBPyConnection, event_id: str) -> None:
    con.execute("""
        update events set
            first_seen = s.first_seen, last_seen = s.last_seen, main_date = cast(s.first_seen as date),
            article_count = s.n, leaders = s.leaders
        from (
            select min(a.published) as first_seen, max(a.published) as last_seen, count(*) as n,
                   (select list(distinct m.name order by m.name) from leader_mentions m
                      join article_events x using (article_id) where x.event_id = ?) as leaders
            from article_events ae join articles a using (article_id) where ae.event_id = ?
        ) s
        where events.event_id = ?""", [event_id, event_id, event_id])


def relink(con: duckdb.DuckDBPyConnection) -> LinkStats:
    """Forget every link and event, then link all articles again from scratch."""
    with transaction(con):
        con.execute("delete from article_events")
        con.execute("delete from events")
    return link_pending(con)
