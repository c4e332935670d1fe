"""The pipeline's stages as plain functions: discover → fetch → parse → screen → extract → store → link.

The Prefect flow in `flows/ingest.py` only calls these, one task per stage and batch; everything here can be
called and tested without Prefect. Each stage returns what it produced plus `FetchRecord`s saying what
happened to every URL it did not pass on, so nothing disappears without a row in `fetches`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from extractors.article.inputs import describe_error, read_inputs
from extractors.article.parse import parse_html
from extractors.pipeline import ExtractionPipeline
from extractors.records import Article
from extractors.article.relevance import relevance_score
from extractors.article.urls import canonical_url
from extractors.article.listing import Candidate, FeedError, looks_like_xml, parse_listing
from flows.fetcher import HTML_TYPES, XML_TYPES, FetchMemory, FetchRequest, FetchResult, fetch_many
from flows.settings import FetchSettings, Source
from storage.articles import ArticleRow, article_id_for
from storage.db import session
from storage.linking.replay import LinkStats
from storage.queries import existing_urls, validators
from storage.runs import FetchRecord
from storage.screening import screen_bodies

MAX_SITEMAP_DEPTH = 2


@dataclass
class Counts:
    """Per-stage counts of one run, stored in `runs.counts` and shown in the flow-run name."""

    discovered: int = 0
    fetched: int = 0
    not_modified: int = 0
    seen: int = 0
    non_articles: int = 0
    irrelevant: int = 0
    duplicates: int = 0
    unchanged: int = 0
    extracted: int = 0
    pending: int = 0
    stored: int = 0
    linked: int = 0
    new_events: int = 0
    measures: int = 0  # tariff measures in the database after the run
    errors: int = 0

    def add_records(self, records: Sequence[FetchRecord]) -> None:
        """Count what the fetch records say happened to each URL."""
        for record in records:
            if record.outcome == "fetched":
                self.fetched += 1
            elif record.outcome == "seen":
                self.seen += 1
            elif record.outcome == "not_modified":
                self.not_modified += 1
            elif record.outcome == "non_article":
                self.non_articles += 1

    def add_extracted(self, rows: Sequence[ArticleRow]) -> None:
        for row in rows:
            if row.status == "pending":
                self.pending += 1
            else:
                self.extracted += 1

    def add_screening(self, screened: Counts) -> None:
        self.unchanged += screened.unchanged
        self.duplicates += screened.duplicates
        self.irrelevant += screened.irrelevant

    def add_linked(self, stats: LinkStats) -> None:
        self.linked += stats.linked
        self.new_events += stats.new_events

    def summary(self) -> str:
        """The non-zero counts, as "stored 12, seen 3, errors 1"."""
        shown = [(name, value) for name, value in vars(self).items() if value]
        return ", ".join(f"{name} {value}" for name, value in shown) or "nothing to do"


@dataclass
class Pending:
    """An article on its way to storage, with what the fetch and the listing said about it."""

    article: Article
    relevance: float | None = None
    etag: str | None = None
    last_modified: str | None = None
    threshold: float = 0.5


@dataclass
class StageOutput:
    pending: list[Pending] = field(default_factory=list)
    records: list[FetchRecord] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- discover


def discover(sources: Sequence[Source], fetch: FetchSettings, memory: FetchMemory
             ) -> tuple[list[Candidate], list[FetchRecord], list[str]]:
    """Article candidates listed by `sources` (feeds, sitemaps and sitemap indexes, URL lists), deduplicated.

    `memory` is the run's fetcher state (robots.txt rules, per-host timing), shared with the article fetches.
    """
    candidates: dict[str, Candidate] = {}
    records: list[FetchRecord] = []
    errors: list[str] = []
    per_source: dict[str, int] = {}
    for source in sources:
        listed = [Candidate(canonical_url(u), source.name, language=source.language) for u in source.urls]
        if source.url and source.kind != "urls":
            listed += _read_listings(source, fetch, memory, records, errors)
        elif source.url:
            listed.append(Candidate(canonical_url(source.url), source.name, language=source.language))
        for candidate in listed:
            if candidate.url in candidates or per_source.get(source.name, 0) >= source.max_articles:
                continue
            candidate.language = candidate.language or source.language
            candidates[candidate.url] = candidate
            per_source[source.name] = per_source.get(source.name, 0) + 1
    return list(candidates.values()), records, errors


def _read_listings(source: Source, fetch: FetchSettings, memory: FetchMemory, records: list[FetchRecord],
                   errors: list[str]) -> list[Candidate]:
    found: list[Candidate] = []
    queue, depth = [source.url], 0
    while queue and depth <= MAX_SITEMAP_DEPTH:
        requests = [FetchRequest(u, accept=XML_TYPES + HTML_TYPES, allow_private=source.allow_private) for u in queue]
        queue, depth = [], depth + 1
        for result in fetch_many(requests, fetch, memory=memory):
            if not result.ok or result.content is None:
                records.append(_record(result, source.name))
                errors.append(f"{_where(source, result.url)}: {result.error}")
                continue
            if source.kind == "auto" and not looks_like_xml(result.content):
                found.append(Candidate(canonical_url(result.url), source.name))  # the URL is an article itself
                continue
            try:
                listing = parse_listing(result.content, source.name, base_url=result.final_url or result.url)
            except Exception as exc:  # FeedError, or a reader bug: one bad listing must not stop the run
                reason = str(exc) if isinstance(exc, FeedError) else describe_error(exc)
                records.append(_record(result, source.name, outcome="error", error=f"feed: {reason}"))
                errors.append(f"{_where(source, result.url)}: {reason}")
                continue
            records.append(_record(result, source.name, outcome="listing", error=listing.error))
            if listing.error:
                errors.append(f"{_where(source, result.url)}: read in recovery mode: {listing.error}")
            for link in listing.refused:
                records.append(FetchRecord(url=link, outcome="refused", source=source.name,
                                           error=f"refused: listed by {result.url}, not an http(s) URL"))
            if listing.refused:
                errors.append(f"{_where(source, result.url)}: {len(listing.refused)} listed URL(s) refused: "
                              "only http(s) URLs are fetched")
            found.extend(listing.candidates)
            queue.extend(listing.sitemaps)
    return found


def _where(source: Source, url: str) -> str:
    """"name: url" for an error line, or just the URL when the source is named by it (`ingest --source URL`)."""
    return url if source.name == url else f"{source.name}: {url}"


def _record(result: FetchResult, source: str | None, *, outcome: str | None = None, error: str | None = None
            ) -> FetchRecord:
    return FetchRecord(url=result.url, outcome=outcome or result.outcome, source=source, final_url=result.final_url,
                       status_code=result.status_code, bytes=result.bytes_read,
                       elapsed_ms=round(result.elapsed_ms, 1), error=error or result.error, etag=result.etag,
                       last_modified=result.last_modified)


# ---------------------------------------------------------------- fetch and parse


def plan_fetches(db: Path, candidates: Sequence[Candidate], sources: dict[str, Source], refetch: bool
                 ) -> tuple[list[FetchRequest], list[FetchRecord]]:
    """Requests for new URLs; stored URLs are skipped, or re-requested conditionally with `refetch`."""
    urls = [c.url for c in candidates]
    with session(db) as con:
        stored = existing_urls(con, urls)
        known = validators(con, urls) if refetch else {}
    requests, records = [], []
    for c in candidates:
        if c.url in stored and not refetch:
            records.append(FetchRecord(url=c.url, outcome="seen", source=c.source))
            continue
        etag, modified = known.get(c.url, (None, None))
        source = sources.get(c.source)
        # A source's allow_private covers its own hosts only: a feed on an allowed local host cannot send the
        # fetcher to another private address by listing it.
        allow = source is not None and source.allow_private and _host(c.url) in _own_hosts(source)
        requests.append(FetchRequest(c.url, etag=etag, last_modified=modified, allow_private=allow))
    return requests, records


def _host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def _own_hosts(source: Source) -> set[str]:
    """The hosts a source is configured with (its feed or sitemap URL, its listed URLs)."""
    return {_host(u) for u in ([source.url] if source.url else []) + list(source.urls)} - {""}


def fetch_and_parse(requests: Sequence[FetchRequest], candidates: dict[str, Candidate], sources: dict[str, Source],
                    fetch: FetchSettings, memory: FetchMemory, default_threshold: float) -> StageOutput:
    out = StageOutput()
    for result in fetch_many(requests, fetch, memory=memory):
        candidate = candidates.get(result.url)
        source_name = candidate.source if candidate else None
        if not result.ok or result.content is None:
            out.records.append(_record(result, source_name))
            if result.outcome not in ("not_modified",):
                out.errors.append(f"{result.url}: {result.error}")
            continue
        try:
            page = parse_html(result.content, url=result.final_url or result.url, content_type=result.content_type)
        except Exception as exc:  # a page over the parser's limits, or a parser bug: one page must not stop the run
            error = f"parse: {describe_error(exc)}"
            out.records.append(_record(result, source_name, outcome="error", error=error))
            out.errors.append(f"{result.url}: {error}")
            continue
        if not page.is_article:
            out.records.append(_record(result, source_name, outcome="non_article", error=page.reason))
            continue
        article = page.article
        article.source = source_name
        if candidate:
            if article.published is None and candidate.published is not None:
                article.published, article.published_source = candidate.published, "input"  # the feed's date
            article.title = article.title or candidate.title
        source = sources.get(source_name or "")
        threshold = source.relevance_threshold if source and source.relevance_threshold is not None \
            else default_threshold
        out.records.append(_record(result, source_name, outcome="fetched"))
        out.pending.append(Pending(article, etag=result.etag, last_modified=result.last_modified,
                                   threshold=threshold))
    return out


def read_local_files(paths: Sequence[Path]) -> StageOutput:
    """`import`: every readable article in `paths`, whatever its relevance (the user chose them)."""
    out = StageOutput()
    for document in read_inputs(paths):
        if document.error or document.article is None:
            out.errors.append(document.error or f"{document.source}: unreadable")
            out.records.append(FetchRecord(url=document.source, outcome="error", source="import",
                                           error=document.error))
            continue
        if not document.article.text.strip():
            error = f"{document.source}: no article text"
            out.errors.append(error)
            out.records.append(FetchRecord(url=document.source, outcome="error", source="import", error=error))
            continue
        out.pending.append(Pending(document.article, threshold=0.0))
    return out


# ---------------------------------------------------------------- screen, extract, store


def screen(db: Path, pending: Sequence[Pending], *, gate_relevance: bool
           ) -> tuple[list[ArticleRow], list[Pending], Counts]:
    """Decide each article's fate before NLP: unchanged (already stored), duplicate, skipped, or to extract.

    What the database knows decides the first two (`storage.screening`); relevance, with `gate_relevance`, the
    third. Articles an earlier run stored as pending join the articles to extract, from their stored text.
    """
    counts = Counts()
    rows: list[ArticleRow] = []
    to_extract: list[Pending] = []
    unique: dict[str, Pending] = {}
    for item in pending:  # the same canonical URL twice in one batch: keep the first
        unique.setdefault(item.article.url, item)
    items = list(unique.values())
    known, stored_pending = screen_bodies(db, [item.article for item in items])
    for item, verdict in zip(items, known):
        if verdict.unchanged:
            counts.unchanged += 1
            continue
        item.relevance = relevance_score(item.article.text, item.article.title)
        if verdict.duplicate_of:
            rows.append(ArticleRow(item.article, "duplicate", relevance=item.relevance,
                                   duplicate_of=verdict.duplicate_of, etag=item.etag,
                                   last_modified=item.last_modified))
            counts.duplicates += 1
        elif gate_relevance and item.relevance < item.threshold:
            rows.append(ArticleRow(item.article, "skipped", relevance=item.relevance, etag=item.etag,
                                   last_modified=item.last_modified))
            counts.irrelevant += 1
        else:
            to_extract.append(item)
    # In publication order, undated last (the linker links them after every dated story): then the batches come
    # one after the other in time, and what is stored can be linked during the run (flows/ingest.py).
    to_extract.sort(key=lambda item: (item.article.published is None,
                                      item.article.published.timestamp() if item.article.published else 0.0))
    retry = [Pending(article, relevance=relevance) for article, relevance in stored_pending]
    return rows, to_extract + retry, counts


def copies_by_original(rows: Sequence[ArticleRow], to_extract: Sequence[Pending]
                       ) -> tuple[dict[str, list[ArticleRow]], list[ArticleRow]]:
    """`screen`'s rows split into the exact copies of articles about to be extracted, by their original's id,
    and the rest (skipped articles, copies of articles stored before).

    A copy is stored with its original, in the same batch and transaction: the linker then meets the
    original's unit (it and its copies) whole, instead of changing it at the end of the run and replaying
    every decision made after it.
    """
    extracting = {article_id_for(item.article.url) for item in to_extract}
    copies: dict[str, list[ArticleRow]] = {}
    rest: list[ArticleRow] = []
    for row in rows:
        if row.status == "duplicate" and row.duplicate_of in extracting:
            copies.setdefault(row.duplicate_of, []).append(row)
        else:
            rest.append(row)
    return copies, rest


def take_copies(copies: dict[str, list[ArticleRow]], originals: Sequence[ArticleRow] | None = None
                ) -> list[ArticleRow]:
    """Remove from `copies` and return the copies of `originals` (all that are left without `originals`)."""
    keys = list(copies) if originals is None else [row.article_id for row in originals]
    return [copy for key in keys for copy in copies.pop(key, [])]


def extract(pipeline: ExtractionPipeline, batch: Sequence[Pending]) -> list[ArticleRow]:
    extractions = pipeline.extract([item.article for item in batch])
    return [
        ArticleRow(item.article, "extracted", extraction=found, relevance=item.relevance, etag=item.etag,
                   last_modified=item.last_modified)
        for item, found in zip(batch, extractions)
    ]


def extract_isolating(pipeline: ExtractionPipeline, batch: Sequence[Pending]) -> tuple[list[ArticleRow], list[str]]:
    """Like `extract`, but an article whose extraction raises does not take its batch down with it.

    The batch is extracted at once; if that raises, its articles are extracted one by one, and only those that
    still fail are stored pending (retried next run), each with a one-line error. Without this, one article
    that always makes an extractor raise would keep every article batched with it pending, run after run.
    """
    try:
        return extract(pipeline, batch), []
    except Exception:
        pass
    rows: list[ArticleRow] = []
    errors: list[str] = []
    for item in batch:
        try:
            rows += extract(pipeline, [item])
        except Exception as exc:
            rows += pending_rows([item])
            errors.append(f"nlp: {item.article.url}: stored as pending: {describe_error(exc)}")
    return rows, errors


def pending_rows(batch: Sequence[Pending]) -> list[ArticleRow]:
    """Articles whose extraction failed: stored without extraction rows, status pending, retried next run."""
    return [ArticleRow(item.article, "pending", relevance=item.relevance, etag=item.etag,
                       last_modified=item.last_modified) for item in batch]
