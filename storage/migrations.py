"""The DuckDB schema, created and upgraded by numbered migrations (plain functions, applied in order once).

Each migration runs in its own transaction together with its row in `schema_migrations`, so a database is
always at a whole version. Add a migration by appending a function to MIGRATIONS; never edit one that shipped.
Offsets are `start_char`/`end_char` (`end` is an SQL keyword); they point into `articles.text`.
"""

from __future__ import annotations

from collections.abc import Callable

import duckdb

Migration = Callable[[duckdb.DuckDBPyConnection], None]


def m001_initial_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("""
        create table sources (
            name        varchar primary key,
            kind        varchar not null,          -- rss | atom | sitemap | urls | files
            url         varchar,
            language    varchar,
            enabled     boolean not null default true,
            updated_at  timestamptz not null default current_timestamp
        )""")
    con.execute("""
        create table runs (
            run_id         varchar primary key,
            command        varchar not null,      -- ingest | import | demo | serve
            flow_run_name  varchar,
            started_at     timestamptz not null,
            finished_at    timestamptz,
            status         varchar not null,      -- running | success | partial | failed
            counts         json,                  -- per-stage counts
            errors         json                   -- list of one-line error messages
        )""")
    con.execute("create sequence fetch_ids")
    con.execute("""
        create table fetches (
            fetch_id       bigint primary key default nextval('fetch_ids'),
            run_id         varchar,
            source         varchar,
            url            varchar not null,
            final_url      varchar,
            status_code    integer,
            bytes          bigint,
            elapsed_ms     double,
            outcome        varchar not null,      -- stored | unchanged | not_modified | seen | non_article |
                                                  -- irrelevant | duplicate | robots | refused | error
            error          varchar,
            etag           varchar,
            last_modified  varchar,
            fetched_at     timestamptz not null default current_timestamp
        )""")
    con.execute("""
        create table articles (
            article_id     varchar primary key,   -- derived from the canonical URL: stable across runs
            url            varchar not null unique,
            source         varchar,
            outlet         varchar,
            title          varchar,
            authors        varchar[],
            published      timestamptz,
            modified       timestamptz,
            language       varchar,
            text           varchar not null,
            word_count     integer,
            body_hash      varchar not null,      -- hash of the normalised body: exact republished copies
            relevance      double,                -- trade-policy relevance score
            status         varchar not null,      -- extracted | pending | skipped | duplicate
            duplicate_of   varchar,               -- article_id of the original (exact or near copy)
            etag           varchar,
            last_modified  varchar,
            run_id         varchar,
            stored_at      timestamptz not null default current_timestamp
        )""")
    con.execute("""
        create table leaders (
            leader_id  varchar primary key,       -- derived from name and country
            name       varchar not null,
            role       varchar,
            country    varchar,
            in_kb      boolean not null
        )""")
    con.execute("""
        create table leader_mentions (
            article_id  varchar not null references articles(article_id),
            ordinal     integer not null,
            leader_id   varchar not null references leaders(leader_id),
            name        varchar not null,
            role        varchar,
            country     varchar,
            in_kb       boolean not null,
            mention     varchar not null,         -- the words as written: "Carney", "the Mexican leader"
            start_char  integer not null,
            end_char    integer not null,
            sentence    varchar not null,
            primary key (article_id, ordinal)
        )""")
    con.execute("""
        create table tariffs (
            article_id  varchar not null references articles(article_id),
            ordinal     integer not null,
            rate_pct    double not null,
            imposer     varchar,
            targets     varchar[],
            products    varchar,
            status      varchar not null,
            start_char  integer not null,
            end_char    integer not null,
            sentence    varchar not null,
            primary key (article_id, ordinal)
        )""")
    con.execute("""
        create table quotes (
            article_id  varchar not null references articles(article_id),
            ordinal     integer not null,
            text        varchar not null,
            speaker     varchar,
            kind        varchar not null,         -- direct | partial | indirect
            start_char  integer not null,
            end_char    integer not null,
            sentence    varchar not null,
            primary key (article_id, ordinal)
        )""")
    con.execute("""
        create table percentages (
            article_id  varchar not null references articles(article_id),
            ordinal     integer not null,
            value       double not null,
            measure     varchar,
            type        varchar not null,         -- tariff | share | change | poll | other
            start_char  integer not null,
            end_char    integer not null,
            sentence    varchar not null,
            primary key (article_id, ordinal)
        )""")
    con.execute("""
        create table events (
            event_id       varchar primary key,
            title          varchar not null,      -- a representative headline
            first_seen     timestamptz,
            last_seen      timestamptz,
            main_date      date,
            leaders        varchar[],
            places         varchar[],
            article_count  integer not null
        )""")
    con.execute("""
        create table article_events (
            article_id    varchar primary key references articles(article_id),
            event_id      varchar not null references events(event_id),
            similarity    double,                 -- score that joined it to the event (null: it started it)
            is_duplicate  boolean not null default false
        )""")


def m002_event_linking(con: duckdb.DuckDBPyConnection) -> None:
    """What the event linker keeps between runs (storage/linking/linker.py), and `article_events` without foreign keys.

    DuckDB refuses to update a list column (or upsert a row) of a table whose key another table references,
    so `article_events` is recreated without its references: events can be refreshed in place, and an article
    that is linked can be stored again (store_articles upserts its `authors` list).
    """
    con.execute("""
        create table article_events_v2 (
            article_id      varchar primary key,
            event_id        varchar not null,
            similarity      double,              -- score that joined it to the event (null: it started it)
            is_duplicate    boolean not null default false,
            duplicate_kind  varchar,             -- exact (same normalised body) | near (MinHash) | null
            unit_id         varchar              -- the extracted article it was linked with (itself, or its original)
        )""")
    # Links made before this version are dropped: the next `link_pending` (or `tradewire relink`) links every
    # article again, since none is in link_members yet.
    con.execute("drop table article_events")
    con.execute("delete from events")
    con.execute("alter table article_events_v2 rename to article_events")
    # A unit is an extracted article together with its exact copies (stored with status 'duplicate'): the
    # linker decides for the unit as a whole, in the canonical order `ukey` (earliest time, then article id).
    con.execute("""
        create table link_units (
            unit_id     varchar primary key,     -- the extracted article
            first_id    varchar not null,        -- the unit's earliest article: names the event it starts
            ukey        varchar not null,        -- canonical order: ISO time (UTC) | first_id
            ts          timestamptz not null,    -- the earliest member's publication time (stored_at if none)
            language    varchar,
            features    json not null,           -- storage.linking.features.Features
            members     varchar[] not null,      -- its articles: the extracted one and its exact copies
            df_keys     varchar not null         -- the keys its document frequency counts, one per line
        )""")
    con.execute("""
        create table link_members (
            article_id  varchar primary key,     -- every linked article, originals and exact copies
            unit_id     varchar not null,
            fp          ubigint not null         -- hash of what it was linked with (storage.linking.units.LINK_FINGERPRINT_SQL)
        )""")
    # Inverted index of salient terms, people, places and figures per unit, searched within a time window.
    con.execute("create table link_keys (key varchar not null, unit_id varchar not null, ukey varchar not null, "
                "ts timestamptz not null)")
    # MinHash LSH band keys per unit (storage/linking/dedup.py), for near-duplicate candidates.
    con.execute("create table link_lsh (band_key bigint not null, unit_id varchar not null, ukey varchar not null, "
                "ts timestamptz not null)")
    con.execute("""
        create table link_decisions (
            unit_id     varchar primary key,
            ukey        varchar not null,
            ts          timestamptz not null,
            event_id    varchar not null,
            near_of     varchar,                 -- unit_id of the original this unit is a near-copy of
            jaccard     double,                  -- shingle Jaccard with that original
            similarity  double                   -- event score that joined it (null: it started the event)
        )""")
    # No ART index on link_keys / link_lsh: lookups filter on `ts` first, and rows are appended in time order,
    # so DuckDB's zone maps skip all but the last row groups (measured faster than an index, and cheaper to write).
    con.execute("create index link_decisions_event on link_decisions (event_id)")
    con.execute("create index article_events_event on article_events (event_id)")


def m003_extractions(con: duckdb.DuckDBPyConnection) -> None:
    """One row per article that has been through extraction, written with its extraction rows.

    An extracted article may have no leader, tariff, quote or percentage at all, so the extraction tables
    alone cannot tell "extracted, nothing found" from "extraction rows lost"; this row says extraction ran on
    this body and how many rows it wrote to each table (storage/check.py compares). Articles extracted before
    this version get a row from what is stored.
    """
    con.execute("""
        create table extractions (
            article_id       varchar primary key,
            body_hash        varchar not null,    -- the body it was extracted from (articles.body_hash)
            leader_mentions  integer not null,    -- rows written to each extraction table
            tariffs          integer not null,
            quotes           integer not null,
            percentages      integer not null,
            run_id           varchar,
            extracted_at     timestamptz not null default current_timestamp
        )""")
    con.execute("""
        insert into extractions
        select a.article_id, a.body_hash,
               (select count(*) from leader_mentions x where x.article_id = a.article_id),
               (select count(*) from tariffs x where x.article_id = a.article_id),
               (select count(*) from quotes x where x.article_id = a.article_id),
               (select count(*) from percentages x where x.article_id = a.article_id),
               a.run_id, a.stored_at
        from articles a where a.status = 'extracted'""")


def m004_published_source(con: duckdb.DuckDBPyConnection) -> None:
    """What gave an article's `published` date: "input" (given with the input: a .jsonl field, a feed entry),
    "markup" (the page's metadata or visible dates), "url", "text" (read from the article's words), or null.
    Articles stored before this version get null: where their date came from was not recorded."""
    con.execute("alter table articles add column published_source varchar")


def m005_date_mentions(con: duckdb.DuckDBPyConnection) -> None:
    """The explicit dates each extracted article mentions (extractors.article.dates.mentioned_dates), written with
    its other extraction rows: the event linker dates a story without a publication date by them. Articles
    extracted before this version have none (and a null count in `extractions`) until they are extracted again.
    `article_events.mentioned_date`: the mentioned day an undated article was linked by."""
    con.execute("""
        create table date_mentions (
            article_id  varchar not null,
            n           integer not null,         -- order in the text
            text        varchar not null,         -- as written
            year        integer,                  -- written, or nearest the publication date; null if unknown
            month       integer not null,
            day         integer,                  -- null for a month and year
            precision   varchar not null,         -- time | day | day-month | month
            start_char  integer not null,
            end_char    integer not null
        )""")
    con.execute("alter table extractions add column date_mentions integer")
    # The day an undated article was linked by (one it mentions), shown with the event's articles.
    con.execute("alter table article_events add column mentioned_date date")


def m006_tariff_measures(con: duckdb.DuckDBPyConnection) -> None:
    """The tariff tracker (storage/tracker/): each tariff mention's `effective` date, and the measures its mentions
    are grouped into, each with its history of steps and the mentions that support each step.

    The three tracker tables are derived: storage/tracker/builder.py recomputes them from the stored mentions
    and events after every link (and `tradewire relink`), so they hold no foreign keys and no run ids. Mentions
    stored before this version have no effective date until their article is extracted again.
    """
    con.execute("alter table tariffs add column effective date")  # the date the step takes effect, if stated
    con.execute("""
        create table tariff_measures (
            measure_id      varchar primary key,   -- from imposer, targets, scope and basis: stable across runs
            imposer         varchar not null,
            targets         varchar[] not null,    -- canonical countries, or ['all countries']
            scope           varchar not null,      -- config/tariff_measures.toml [[scope]]
            legal_basis     varchar,               -- Section 232, IEEPA, anti-dumping, countermeasure, ... when named
            programme       varchar,               -- what sets it apart from others of the same scope: fentanyl,
                                                   -- reciprocal, total (a combined rate), ...
            title           varchar not null,
            first_reported  date,
            last_reported   date,
            step_count      integer not null,
            article_count   integer not null
        )""")
    con.execute("""
        create table tariff_measure_steps (
            measure_id      varchar not null,
            step            integer not null,      -- 1, 2, ... in the order the steps happened
            rate_pct        double not null,
            status          varchar not null,      -- announced | in effect | threatened | paused | removed
            effective       date,                  -- the date the step takes effect, when an article states it
            first_reported  date,                  -- the publication date of the first article reporting it
            article_count   integer not null,
            primary key (measure_id, step)
        )""")
    con.execute("""
        create table tariff_step_mentions (
            article_id  varchar not null,          -- the tariff mention (tariffs.article_id, tariffs.ordinal)
            ordinal     integer not null,
            measure_id  varchar not null,          -- a mention naming two countries' measures supports both
            step        integer not null,
            event_id    varchar,                   -- the article's event when it was built
            status      varchar not null,          -- the mention's own status (previous: a replaced rate)
            start_char  integer not null,
            end_char    integer not null,
            sentence    varchar not null,
            primary key (article_id, ordinal, measure_id)
        )""")
    con.execute("create index tariff_step_mentions_measure on tariff_step_mentions (measure_id, step)")


def m007_tariff_stated_dates(con: duckdb.DuckDBPyConnection) -> None:
    """Each tariff mention's start dates stated in its article's other sentences (extractors/tariffs/stated.py),
    which the tracker gives a mention its sentence leaves undated. The tracker read them from the article's text
    and `date_mentions` before; mentions stored before this version have none until their article is extracted
    again."""
    con.execute("alter table tariffs add column stated struct(year integer, month integer, day integer, "
                "goods varchar[])[]")  # the year when written; goods: the scopes named beside the date


MIGRATIONS: list[Migration] = [m001_initial_schema, m002_event_linking, m003_extractions, m004_published_source,
                               m005_date_mentions, m006_tariff_measures, m007_tariff_stated_dates]


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    con.execute("""
        create table if not exists schema_migrations (
            version     integer primary key,
            name        varchar not null,
            applied_at  timestamptz not null default current_timestamp
        )""")
    (version,) = con.execute("select coalesce(max(version), 0) from schema_migrations").fetchone()
    return int(version)


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the migrations this database has not had yet; returns their names."""
    applied = []
    version = current_version(con)
    for number, migration in enumerate(MIGRATIONS, start=1):
        if number <= version:
            continue
        con.execute("begin transaction")
        try:
            migration(con)
            con.execute("insert into schema_migrations (version, name) values (?, ?)", [number, migration.__name__])
            con.execute("commit")
        except BaseException:
            con.execute("rollback")
            raise
        applied.append(migration.__name__)
    return applied
