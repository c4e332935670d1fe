"""What the database already knows of a batch of incoming articles, decided before any NLP runs.

An article stored before with the same body (and a final status) is *unchanged*: a refetch that brings nothing new
costs no extraction. An article whose body is already stored under another URL — or came earlier in the same
batch — is an exact *copy*: it is stored as a duplicate row pointing at its original instead of being extracted
again. Articles an earlier run left pending (its NLP failed or the run was killed) come back from their stored
text, so a retry never refetches.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from extractors.records import Article
from storage.articles import article_id_for, body_hash
from storage.db import session
from storage.queries import originals_by_body, pending_articles, stored_bodies

# Statuses that end an article's processing: the same body stored with one of these needs nothing more. A
# `pending` article with an unchanged body is extracted again.
FINAL_STATUSES = ("extracted", "duplicate", "skipped")


@dataclass(frozen=True)
class Known:
    """What the database says about one incoming article: nothing (new), unchanged, or a copy of `duplicate_of`."""

    unchanged: bool = False
    duplicate_of: str | None = None


def screen_bodies(db: Path, articles: Sequence[Article]) -> tuple[list[Known], list[tuple[Article, float | None]]]:
    """One `Known` per article (in order; their URLs must differ), and the stored pending articles to retry
    (with their stored relevance) whose URLs are not in `articles`.

    A copy's original is the stored article with its body (never itself a duplicate), else the first article of
    the batch with it; an article is never its own original.
    """
    hashes = [body_hash(article.text) for article in articles]
    ids = [article_id_for(article.url) for article in articles]
    with session(db) as con:
        stored = stored_bodies(con, ids)
        originals = originals_by_body(con, hashes)
        urls = {article.url for article in articles}
        retry = [(article, relevance) for article, relevance in pending_articles(con) if article.url not in urls]
    known: list[Known] = []
    first_with_body: dict[str, str] = {}
    for article_id, digest in zip(ids, hashes):
        previous = stored.get(article_id)
        if previous and previous[0] == digest and previous[1] in FINAL_STATUSES:
            known.append(Known(unchanged=True))
            continue
        original = originals.get(digest)
        if original == article_id:
            original = None
        original = original or first_with_body.get(digest)
        if original is None:
            first_with_body[digest] = article_id
        known.append(Known(duplicate_of=original))
    return known, retry
