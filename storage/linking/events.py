"""The published view of events: one `events` row per event, recomputed for the events a replay touched.

An event's title is the headline of its most central story, its leaders and places those its stories name up
front or often, its main date the day its happening took place as the stories tell it.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from datetime import date, datetime, timedelta, timezone

import duckdb

from storage.db import columns_of, insert_columns
from storage.linking import score as sc
from storage.linking.features import Features

EVENT_LIST_SHARE = 1 / 3    # an event lists the people and places its headlines and leads name, and those
                            # named anywhere by at least this share of its stories (two at least)
EVENT_LIST_MAX = 8


def refresh_events(con: duckdb.DuckDBPyConnection, event_ids: list[str]) -> None:
    if not event_ids:
        return
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
    linked = con.execute("select article_id, event_id, unit_id, mentioned_date from article_events where event_id in "
                         "(select unnest(?))", [event_ids]).fetchall()
    about = dict((aid, (title, published)) for aid, title, published in con.execute(
        "select article_id, title, published from articles where article_id in (select unnest(?))",
        [[aid for aid, *_ in linked]]).fetchall()) if linked else {}
    articles: dict[str, list] = {}
    for article_id, event_id, unit_id, mentioned in linked:
        # An article's time: its publication date, else the day it mentions that linked it, else none (never
        # the time it was stored, which depends on the order of imports).
        title, when = about[article_id]
        if when is None and mentioned is not None:
            when = datetime(mentioned.year, mentioned.month, mentioned.day, tzinfo=timezone.utc)
        articles.setdefault(event_id, []).append((article_id, title, when, unit_id))
    rows = [event_row(e, units[e], articles.get(e, [])) for e in sorted(units)]
    if rows:
        insert_columns(con, "events", columns_of(rows))


def event_row(event_id: str, units: list, articles: list) -> tuple:
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
    ordered = sorted(articles, key=lambda a: (a[2] is None, a[2] or datetime.min.replace(tzinfo=timezone.utc), a[0]))
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
    times = [a[2] for a in articles if a[2] is not None]
    first_seen, last_seen = (min(times), max(times)) if times else (None, None)
    return (event_id, title, first_seen, last_seen, main_date(originals, articles, first_seen),
            people[:EVENT_LIST_MAX], places[:EVENT_LIST_MAX], len(articles))


def main_date(units: list, articles: list, first_seen: datetime | None) -> date | None:
    """The day the happening took place, as its stories tell it: a story whose lead paragraph names a weekday
    ("on Monday", "este martes") dates it to that weekday at most three days before its publication;
    the most common such day wins (the earliest of a tie). Without any, the UTC date of the first story
    (stored times are UTC, so an evening story in the Americas can fall on the next day); none for an event of
    undated stories that mention no day."""
    published = {}
    for article_id, _, when, unit_id in articles:
        if when is not None and (unit_id not in published or when < published[unit_id]):
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
    return first_seen.astimezone(timezone.utc).date() if first_seen is not None else None
