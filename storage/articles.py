"""Writing articles and what was extracted from them, one transaction per batch.

An article's id is derived from its canonical URL and its rows are replaced as a whole, so storing the same
article twice leaves exactly one copy of everything (idempotent writes), and a crash mid-batch leaves the
batch either fully stored or not at all.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

import duckdb

from extractors.records import Article, Extraction
from storage.db import columns_of, insert_columns, transaction

EXTRACTION_TABLES = ("leader_mentions", "tariffs", "quotes", "percentages")
ARTICLE_COLUMNS = ("article_id", "url", "source", "outlet", "title", "authors", "published", "published_source",
                   "modified", "language",
                   "text", "word_count", "body_hash", "relevance", "status", "duplicate_of", "etag", "last_modified",
                   "run_id")  # in `_article_values` order; `stored_at` takes its default


def article_id_for(url: str) -> str:
    """Stable id of the article at canonical `url`."""
    return hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]


def leader_id_for(name: str, country: str | None) -> str:
    return hashlib.sha1(f"{name}|{country or ''}".casefold().encode("utf-8")).hexdigest()[:12]


def body_hash(text: str) -> str:
    """Hash of the body with case, spacing and punctuation normalised: a republished copy hashes the same."""
    normalised = " ".join(re.findall(r"\w+", text.casefold()))
    return hashlib.sha1(normalised.encode("utf-8")).hexdigest()


@dataclass
class ArticleRow:
    """An article ready to store. `extraction` is None for articles that are not extracted (skipped, duplicates)."""

    article: Article
    status: str  # extracted | pending | skipped | duplicate
    extraction: Extraction | None = None
    relevance: float | None = None
    duplicate_of: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    run_id: str | None = None
    article_id: str = field(init=False)
    body_hash: str = field(init=False)

    def __post_init__(self) -> None:
        self.article_id = article_id_for(self.article.url)
        self.body_hash = body_hash(self.article.text)


def store_articles(con: duckdb.DuckDBPyConnection, rows: Sequence[ArticleRow]) -> int:
    """Insert or replace `rows` and their extraction rows in one transaction; returns how many were written.

    Replacing an article that already has extraction rows (its body changed) takes a transaction before that
    one: see `_release_extracted`.
    """
    if not rows:
        return 0
    rows = list({row.article_id: row for row in rows}.values())  # one row per article: the last one given
    _release_extracted(con, rows)
    with transaction(con):
        _delete_extraction_rows(con, [row.article_id for row in rows])
        insert_columns(con, "articles", columns_of([_article_values(row) for row in rows]), names=ARTICLE_COLUMNS,
                       on_conflict="on conflict (article_id) do update set "
                       + ", ".join(f"{c} = excluded.{c}" for c in ARTICLE_COLUMNS[2:]))
        _insert_extractions(con, [row for row in rows if row.extraction is not None])
    return len(rows)


def _release_extracted(con: duckdb.DuckDBPyConnection, rows: Sequence[ArticleRow]) -> None:
    """Make stored articles that have extraction rows replaceable, in a transaction of its own.

    The extraction tables of migration m001 reference `articles` with foreign keys, and DuckDB refuses to
    rewrite a referenced row (an upsert, or an update of its `authors` list) even when the referencing rows were
    deleted earlier in the same transaction. So for those articles a first transaction deletes their extraction
    rows and stores their new values except the authors list, with status `pending` where the new status is
    `extracted`; the main transaction then writes the rest. A crash between the two leaves a consistent
    database: the article is pending, with its new text, and the next run extracts it.
    """
    ids = [row.article_id for row in rows]
    referenced = {aid for (aid,) in con.execute(
        " union ".join(f"select article_id from {table} where article_id in (select unnest(?))"
                       for table in EXTRACTION_TABLES), [ids] * len(EXTRACTION_TABLES)).fetchall()}
    if not referenced:
        return
    released = [row for row in rows if row.article_id in referenced]
    with transaction(con):
        _delete_extraction_rows(con, [row.article_id for row in released])
        con.executemany(
            """update articles set source = ?, outlet = ?, title = ?, published = ?, published_source = ?,
                   modified = ?, language = ?,
                   text = ?, word_count = ?, body_hash = ?, relevance = ?, status = ?, duplicate_of = ?,
                   etag = ?, last_modified = ?, run_id = ?
               where article_id = ?""",
            [[a.source, a.outlet, a.title, a.published, a.published_source, a.modified, a.language, a.text,
              len(a.text.split()),
              row.body_hash, row.relevance, "pending" if row.status == "extracted" else row.status,
              row.duplicate_of, row.etag, row.last_modified, row.run_id, row.article_id]
             for row in released for a in [row.article]])


def _delete_extraction_rows(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> None:
    # The tariff tracker's record of the mentions goes with them: a step never points at a mention that is gone
    # (the next build places the new ones; storage/check.py).
    for table in EXTRACTION_TABLES + ("date_mentions", "extractions", "tariff_step_mentions"):
        con.execute(f"delete from {table} where article_id in (select unnest(?))", [article_ids])


def _article_values(row: ArticleRow) -> list:
    a = row.article
    return [row.article_id, a.url, a.source, a.outlet, a.title, list(a.authors), a.published, a.published_source,
            a.modified, a.language, a.text, len(a.text.split()), row.body_hash, row.relevance, row.status, row.duplicate_of,
            row.etag, row.last_modified, row.run_id]


def _insert_extractions(con: duckdb.DuckDBPyConnection, rows: Sequence[ArticleRow]) -> None:
    people: dict[str, list] = {}
    mentions, tariffs, quotes, percentages, dates = [], [], [], [], []
    done = []
    for row in rows:
        aid, text, found = row.article_id, row.article.text, row.extraction
        assert found is not None
        done.append([aid, row.body_hash, len(found.leaders), len(found.tariffs), len(found.quotes),
                     len(found.percentages), len(found.dates), row.run_id])
        for n, m in enumerate(found.leaders):
            lid = leader_id_for(m.name, m.country)
            people.setdefault(lid, [lid, m.name, m.role, m.country, m.in_kb])
            mentions.append([aid, n, lid, m.name, m.role, m.country, m.in_kb, text[m.start:m.end], m.start, m.end,
                             m.sentence])
        tariffs += [[aid, n, t.rate_pct, t.imposer, list(t.targets), t.products, t.status, t.start, t.end,
                     t.sentence, t.effective, [asdict(d) for d in t.stated]]
                    for n, t in enumerate(found.tariffs)]
        quotes += [[aid, n, q.text, q.speaker, q.kind, q.start, q.end, q.sentence]
                   for n, q in enumerate(found.quotes)]
        percentages += [[aid, n, p.value, p.measure, p.type, p.start, p.end, p.sentence]
                        for n, p in enumerate(found.percentages)]
        dates += [[aid, n, d.text, d.year, d.month, d.day, d.precision, d.start, d.end]
                  for n, d in enumerate(found.dates)]
    # A person's row keeps the role first seen; each mention keeps the role it had in its article.
    insert_columns(con, "leaders", columns_of(list(people.values())), on_conflict="on conflict (leader_id) do nothing")
    for table, values in (("leader_mentions", mentions), ("tariffs", tariffs), ("quotes", quotes),
                          ("percentages", percentages), ("date_mentions", dates)):
        insert_columns(con, table, columns_of(values))
    # The mark that extraction ran on this body, with the rows it wrote (storage/check.py).
    insert_columns(con, "extractions", columns_of(done), names=("article_id", "body_hash", "leader_mentions",
                                                                "tariffs", "quotes", "percentages", "date_mentions",
                                                                "run_id"))
