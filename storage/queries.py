"""Every read the commands make. Filters are bound parameters, never pasted into SQL text."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

import duckdb

from extractors.records import Article

Rows = tuple[list[str], list[tuple]]


def run_sql(con: duckdb.DuckDBPyConnection, query: str, parameters: Sequence[Any] | None = None) -> Rows:
    """(column names, rows) of any statement; statements that return nothing give ([], [])."""
    cursor = con.execute(query, parameters or [])
    if cursor.description is None:
        return [], []
    return [d[0] for d in cursor.description], cursor.fetchall()


def as_dicts(rows: Rows) -> list[dict[str, Any]]:
    columns, values = rows
    return [dict(zip(columns, row)) for row in values]


def summary_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    (counts,) = con.execute("""
        select struct_pack(
            articles := (select count(*) from articles where status = 'extracted'),
            -- exact copies (status 'duplicate', not extracted again) and near-copies (extracted) alike
            duplicates := (select count(*) from articles where duplicate_of is not null),
            skipped := (select count(*) from articles where status = 'skipped'),
            leaders := (select count(distinct leader_id) from leader_mentions),
            leader_mentions := (select count(*) from leader_mentions),
            tariffs := (select count(*) from tariffs),
            quotes := (select count(*) from quotes),
            percentages := (select count(*) from percentages),
            events := (select count(*) from events))
    """).fetchone()
    return dict(counts)


def existing_urls(con: duckdb.DuckDBPyConnection, urls: Iterable[str]) -> set[str]:
    urls = list(set(urls))
    if not urls:
        return set()
    rows = con.execute("select url from articles where url in (select unnest(?))", [urls]).fetchall()
    return {url for (url,) in rows}


def validators(con: duckdb.DuckDBPyConnection, urls: Iterable[str]) -> dict[str, tuple[str | None, str | None]]:
    """ETag and Last-Modified last seen for each URL, for conditional requests."""
    urls = list(set(urls))
    if not urls:
        return {}
    rows = con.execute(
        "select url, etag, last_modified from articles where url in (select unnest(?)) "
        "and (etag is not null or last_modified is not null)", [urls]).fetchall()
    return {url: (etag, modified) for url, etag, modified in rows}


def stored_bodies(con: duckdb.DuckDBPyConnection, article_ids: Iterable[str]) -> dict[str, tuple[str, str]]:
    """{article_id: (body_hash, status)} for the ids already stored."""
    ids = list(set(article_ids))
    if not ids:
        return {}
    rows = con.execute("select article_id, body_hash, status from articles where article_id in (select unnest(?))",
                       [ids]).fetchall()
    return {aid: (h, status) for aid, h, status in rows}


def originals_by_body(con: duckdb.DuckDBPyConnection, hashes: Iterable[str]) -> dict[str, str]:
    """{body_hash: article_id} of the stored original (never itself a duplicate) with each body."""
    hashes = list(set(hashes))
    if not hashes:
        return {}
    rows = con.execute("""
        select body_hash, min(article_id) from articles
        where body_hash in (select unnest(?)) and status <> 'duplicate'
        group by body_hash""", [hashes]).fetchall()
    return dict(rows)


def list_events(con: duckdb.DuckDBPyConnection, limit: int | None = None, search: str | None = None
                ) -> list[dict[str, Any]]:
    """Events, most recent first, each with its articles (duplicates flagged, with their kind: exact or near).

    `search` keeps the events whose title, leaders, places or article titles contain it, ignoring case and
    accents ("mexico" finds "México").
    """
    events = as_dicts(run_sql(con, """
        with wanted as (select strip_accents(lower(cast(? as varchar))) as term)
        select event_id, title, first_seen, last_seen, main_date, leaders, places, article_count
        from events e, wanted
        where term is null
           or contains(strip_accents(lower(concat_ws(' ', e.title, array_to_string(e.leaders, ' '),
                                                     array_to_string(e.places, ' ')))), term)
           or exists (select 1 from article_events ae join articles a using (article_id)
                      where ae.event_id = e.event_id and contains(strip_accents(lower(a.title)), term))
        order by last_seen desc nulls last, event_id
        limit ?""", [search or None, limit if limit is not None else 1_000_000]))
    # Each article's date and where it came from: its publication date and `published_source` (input, markup,
    # url, text; "unknown" for articles stored before sources were recorded), else the day it mentions that
    # linked it ("mentioned"), else none.
    articles = as_dicts(run_sql(con, """
        select ae.event_id, a.article_id, a.url, a.title, a.outlet, a.published,
               coalesce(cast(a.published as date), ae.mentioned_date) as date,
               case when a.published is not null then coalesce(a.published_source, 'unknown')
                    when ae.mentioned_date is not null then 'mentioned' else 'none' end as date_source,
               a.language, ae.is_duplicate, ae.duplicate_kind
        from article_events ae join articles a using (article_id)
        where ae.event_id in (select unnest(?))
        order by coalesce(cast(a.published as date), ae.mentioned_date) nulls last, a.published nulls last,
                 a.article_id""", [[e["event_id"] for e in events]]))
    by_event: dict[str, list[dict[str, Any]]] = {}
    for article in articles:
        by_event.setdefault(article.pop("event_id"), []).append(article)
    for event in events:
        event["articles"] = by_event.get(event["event_id"], [])
    return events


def event_detail(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    events = [e for e in list_events(con) if e["event_id"] == event_id]
    if not events:
        return None
    event = events[0]
    event["quotes"] = as_dicts(run_sql(con, """
        select q.speaker, q.kind, q.text, a.title as article_title, a.url
        from quotes q join article_events ae using (article_id) join articles a using (article_id)
        where ae.event_id = ? order by a.published nulls last, q.article_id, q.ordinal""", [event_id]))
    event["tariffs"] = as_dicts(run_sql(con, """
        select t.rate_pct, t.imposer, t.targets, t.products, t.status, a.url
        from tariffs t join article_events ae using (article_id) join articles a using (article_id)
        where ae.event_id = ? order by a.published nulls last, t.article_id, t.ordinal""", [event_id]))
    event["leader_mentions"] = as_dicts(run_sql(con, """
        select m.name, m.role, m.country, count(*) as mentions
        from leader_mentions m join article_events ae using (article_id)
        where ae.event_id = ? group by all order by mentions desc, m.name""", [event_id]))
    return event


def quotes_for_export(con: duckdb.DuckDBPyConnection, *, since: date | None = None, until: date | None = None,
                      speaker: str | None = None, event: str | None = None, country: str | None = None,
                      limit: int | None = None) -> Rows:
    """One row per quote with who said it, where it stands in its article (the article's id, the quote's
    `start`/`end` offsets into the stored text and its sentence, as in the extract contract) and when; the
    columns of `tradewire export quotes`, whoever asks (the CLI, the browse page and its CSV download).

    `speaker` matches as a substring, `country` (the speaker's when the speaker is a leader the article names)
    as a whole name, both ignoring case and accents ("mexico" finds "México") like the events search.
    """
    return run_sql(con, """
        with quoted as (
            select q.speaker,
                   (select any_value(m.role) from leader_mentions m
                     where m.article_id = q.article_id and m.name = q.speaker) as role,
                   (select any_value(m.country) from leader_mentions m
                     where m.article_id = q.article_id and m.name = q.speaker) as country,
                   q.text as quote, q.kind, q.start_char, q.end_char, q.sentence, a.title as article_title,
                   a.outlet, a.url, cast(a.published as date) as published, e.title as event, ae.event_id,
                   a.published as published_at, q.article_id, q.ordinal
            from quotes q
            join articles a using (article_id)
            left join article_events ae using (article_id)
            left join events e using (event_id)
            where (cast(? as date) is null or a.published >= cast(? as date))
              and (cast(? as date) is null or a.published < cast(? as date) + interval 1 day)
              and (cast(? as varchar) is null
                   or contains(strip_accents(lower(q.speaker)), strip_accents(lower(cast(? as varchar)))))
              and (cast(? as varchar) is null or ae.event_id = ?))
        select speaker, role, country, quote, kind, start_char as "start", end_char as "end", sentence, article_id,
               article_title, outlet, url, published, event_id, event
        from quoted
        where cast(? as varchar) is null or strip_accents(lower(country)) = strip_accents(lower(cast(? as varchar)))
        order by published_at nulls last, article_id, ordinal
        limit ?
    """, [since, since, until, until, speaker, speaker, event, event, country, country,
          limit if limit is not None else 1_000_000_000])


def event_exists(con: duckdb.DuckDBPyConnection, event_id: str) -> bool:
    return con.execute("select count(*) from events where event_id = ?", [event_id]).fetchone()[0] > 0


def list_runs(con: duckdb.DuckDBPyConnection, limit: int = 20) -> Rows:
    columns, rows = run_sql(con, """
        select run_id, command, status, started_at, finished_at,
               round(epoch(finished_at - started_at), 1) as seconds, counts, errors, flow_run_name
        from runs order by started_at desc limit ?""", [limit])
    decoded = []
    for row in rows:
        row = list(row)
        for i in (columns.index("counts"), columns.index("errors")):
            row[i] = json.loads(row[i]) if isinstance(row[i], str) else row[i]
        decoded.append(tuple(row))
    return columns, decoded


def source_history(con: duckdb.DuckDBPyConnection, names: Sequence[str]) -> dict[str, dict[str, Any]]:
    """For each source name that has fetches: its last run (when it started; its outcome: ok, partial when some
    of the source's fetches in it failed, failed when all did; the first error; the articles it stored) and the
    articles stored from the source in all.

    A run is the source's last when it has a fetch of the source (its listing counts): a run that found
    nothing new still says whether the feed answered.
    """
    rows = con.execute("""
        with last as (
            select f.source, f.run_id, r.started_at,
                   row_number() over (partition by f.source order by r.started_at desc, f.run_id desc) as n
            from (select distinct source, run_id from fetches where source in (select unnest(?))) f
            join runs r using (run_id)
        )
        select l.source, l.started_at, count(*) as fetches,
               count(*) filter (f.outcome in ('error', 'refused', 'robots')) as failed,
               arg_min(f.error, f.fetch_id) filter (f.outcome in ('error', 'refused', 'robots')) as first_error,
               (select count(*) from articles a where a.source = l.source and a.run_id = l.run_id) as stored,
               (select count(*) from articles a where a.source = l.source) as articles
        from last l join fetches f on f.source = l.source and f.run_id = l.run_id
        where l.n = 1
        group by l.source, l.run_id, l.started_at
    """, [list(names)]).fetchall()
    history = {}
    for source, started_at, fetches, failed, first_error, stored, articles in rows:
        outcome = "ok" if not failed else "failed" if failed == fetches else "partial"
        history[source] = {"last_run": started_at, "last_outcome": outcome, "last_error": first_error,
                           "stored_last_run": stored, "articles": articles}
    return history


def isoformat(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (datetime, date)) else value


def pending_articles(con: duckdb.DuckDBPyConnection) -> list[tuple[Article, float | None]]:
    """Stored articles still waiting for extraction (an earlier run's NLP failed), with their relevance."""
    rows = con.execute("""
        select url, text, title, authors, published, modified, language, outlet, source, relevance, published_source
        from articles where status = 'pending' order by article_id""").fetchall()
    return [(Article(url=r[0], text=r[1], title=r[2], authors=list(r[3] or []), published=r[4], modified=r[5],
                     language=r[6], outlet=r[7], source=r[8], published_source=r[10]), r[9]) for r in rows]
