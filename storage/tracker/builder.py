"""Rebuilding the tracker tables from the stored tariff mentions and events.

The tables are a function of what is stored: every mention of every extracted article, its article's date and
its event. `build_measures` recomputes them from scratch (one read of the mentions, grouping in memory, one write:
0.3 s for the 355 mentions of the corpus's tune split, so its cost grows with the database — see README), so the
measures, their ids and their steps are the same whatever order the articles were imported in, in one run or
many, and after `tradewire relink`. The ingest flow calls it after
linking, in the same transaction scheme as the linker: a crash leaves the previous tables whole.

A mention's day is its article's publication date, the earliest of the article and its exact copies (which copy
is extracted depends on the order they arrived in); an undated article is dated by its event, the earliest
publication date among the event's articles.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass

import duckdb

from extractors.calendar_words import resolve_day
from extractors.tariff_vocabulary import Vocabulary, country_codes, load_vocabulary
from storage.db import columns_of, insert_columns, transaction
from storage.tracker.measures import IN_EFFECT, PREVIOUS, MeasureKey, Mention, assign, measures_of
from storage.tracker.steps import Step, build_steps

TRACKER_TABLES = ("tariff_measures", "tariff_measure_steps", "tariff_step_mentions")


@dataclass
class TrackerStats:
    mentions: int = 0
    measures: int = 0
    steps: int = 0
    seconds: float = 0.0


def build_measures(con: duckdb.DuckDBPyConnection, vocabulary: Vocabulary | None = None) -> TrackerStats:
    """Recompute `tariff_measures`, `tariff_measure_steps` and `tariff_step_mentions` in one transaction."""
    started = time.perf_counter()
    vocabulary = vocabulary or load_vocabulary()
    mentions = read_mentions(con)
    assign(mentions, vocabulary)
    _date_from_the_article(mentions)
    grouped = measures_of(mentions)
    codes = country_codes()
    measure_rows, step_rows, mention_rows = [], [], []
    ids = _ids(grouped, codes)
    for key in sorted(grouped, key=MeasureKey.order):
        steps = build_steps(grouped[key])
        measure_rows.append(_measure_row(ids[key], key, steps, vocabulary))
        for step in steps:
            step_rows.append([ids[key], step.number, step.rate, step.status, step.effective, step.first_reported,
                              len(step.articles)])
            mention_rows += [[m.article_id, m.ordinal, ids[key], step.number, m.event_id, m.status, m.start, m.end,
                              m.sentence] for m in step.mentions]
    with transaction(con):
        for table in TRACKER_TABLES:
            con.execute(f"delete from {table}")
        insert_columns(con, "tariff_measures", columns_of(measure_rows))
        insert_columns(con, "tariff_measure_steps", columns_of(step_rows))
        insert_columns(con, "tariff_step_mentions", columns_of(mention_rows))
    return TrackerStats(len(mentions), len(measure_rows), len(step_rows), time.perf_counter() - started)


def read_mentions(con: duckdb.DuckDBPyConnection) -> list[Mention]:
    """Every tariff mention of an extracted article, with its article's (or event's) day and its event."""
    rows = con.execute("""
        with copies as (  -- an exact copy is stored once extracted, the others as copies of it: which one is
                          -- extracted depends on the order they came in, so the group's earliest date is used
            select case when status = 'duplicate' then duplicate_of else article_id end as article_id,
                   min(cast(published as date)) as day, min(article_id) as copies_id
            from articles where status in ('extracted', 'duplicate')
            group by all),
        dated as (
            select a.article_id, ae.event_id, c.day, c.copies_id,
                   min(c.day) over (partition by ae.event_id) as event_day
            from articles a join copies c using (article_id) left join article_events ae using (article_id)
            where a.status = 'extracted')
        select t.article_id, t.ordinal, t.rate_pct, t.imposer, t.targets, t.products, t.status, t.effective,
               t.start_char, t.end_char, t.sentence, t.stated,
               -- the rate's offset in its sentence: the sentence is the one of the text that holds the rate
               t.start_char - (greatest(0, t.start_char - length(t.sentence))
                               + instr(substr(a.text, greatest(0, t.start_char - length(t.sentence)) + 1),
                                       t.sentence) - 1) as local,
               coalesce(d.day, case when d.event_id is not null then d.event_day end) as day, d.event_id,
               d.copies_id
        from tariffs t join dated d using (article_id) join articles a using (article_id)
        order by d.copies_id, t.ordinal""").fetchall()
    return [Mention(article_id=r[0], ordinal=r[1], rate=r[2], imposer=r[3], targets=tuple(r[4] or ()),
                    products=r[5], status=r[6], effective=r[7], start=r[8], end=r[9], sentence=r[10],
                    stated=list(r[11] or ()), local=r[12] if 0 <= r[12] <= len(r[10]) else 0, day=r[13],
                    event_id=r[14], copies=r[15])
            for r in rows]


def _date_from_the_article(mentions: list[Mention]) -> None:
    """Give a mention its sentence leaves undated the first start date its article states for it elsewhere (the
    extractor's `Tariff.stated`, extractors/tariffs/stated.py): one naming its scope, else one following its
    sentence; a year left out is the one nearest the mention's day (in place; the scopes are read already).

    A rate already in force takes none: a start its story states in another sentence is the start of the change
    the story reports (the new rate, the cut a deal brings), not of the rate that stands beside it, which came in
    on a day the story does not give (on the four tune sets such dates were wrong for 8 rates in force in 7
    articles from five sources, right for 1)."""
    for m in mentions:
        if m.effective is not None or m.status in (PREVIOUS, IN_EFFECT) or m.scope is None:
            continue
        found = next((d for d in m.stated if d["goods"] and m.scope in d["goods"]), None) or \
            next((d for d in m.stated if not d["goods"]), None)
        if found is not None:
            m.effective = resolve_day(found["year"], found["month"], found["day"], m.day)


def _ids(grouped: dict[MeasureKey, list[Mention]], codes: dict[str, str]) -> dict[MeasureKey, str]:
    """Readable ids from the keys; two keys with one slug (never seen, but possible) are told apart in key order."""
    ids: dict[MeasureKey, str] = {}
    taken: dict[str, int] = {}
    for key in sorted(grouped, key=MeasureKey.order):
        slug = key.slug(codes)
        taken[slug] = taken.get(slug, 0) + 1
        ids[key] = slug if taken[slug] == 1 else f"{slug}-{taken[slug]}"
    return ids


def _measure_row(measure_id: str, key: MeasureKey, steps: list[Step], vocabulary: Vocabulary) -> list:
    mentions = [m for s in steps for m in s.mentions]
    days = [m.day for m in mentions if m.day is not None]
    articles = {m.article_id for m in mentions}
    # the programme's legal basis, else the one named next to its rates in at least half of its articles (a word
    # like "retaliatory" next to a rate often describes the other side's tariff)
    named = Counter(basis for basis, _ in {(b, m.article_id) for m in mentions for b in m.bases})
    common = [b for b in sorted(named, key=lambda b: (-named[b], b)) if 2 * named[b] >= len(articles)]
    basis = vocabulary.legal_basis(key.programme) if key.programme else (common[0] if common else None)
    detail = f" ({key.programme})" if key.programme and key.programme != basis else ""
    title = f"{key.imposer} → {', '.join(key.targets)}: {key.scope}" + (f", {basis}" if basis else "") + detail
    return [measure_id, key.imposer, list(key.targets), key.scope, basis, key.programme, title,
            min(days, default=None), max(days, default=None), len(steps), len(articles)]
