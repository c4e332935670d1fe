"""Local input files for `import` and `extract`: .html pages, .txt bodies and .jsonl article collections.

A file or line that cannot be read becomes an InputDocument with an `error` (and no article), so one bad
input is reported while the others go on. A file without a URL gets its own path (as a file:// URL).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from extractors.article.authors import clean_authors
from extractors.article.datelines import stated_publication_date
from extractors.article.language import detect_language
from extractors.article.machine_dates import parse_date
from extractors.article.parse import MAX_TEXT_CHARS, PageError, parse_html
from extractors.records import Article
from extractors.article.urls import canonical_url

SUFFIXES = (".html", ".htm", ".txt", ".jsonl")
# Larger .html/.txt files and .jsonl lines are refused unread (the fetcher's own limit is 5 MB per page).
MAX_FILE_BYTES = 10_000_000


@dataclass
class InputDocument:
    source: str  # the input path, with ":LINE" for a .jsonl line
    article: Article | None = None
    is_article: bool = True
    reason: str | None = None  # why a page is not an article
    error: str | None = None


def read_inputs(paths: Sequence[Path]) -> Iterator[InputDocument]:
    """One InputDocument per file (per line of a .jsonl file); never raises on a bad input."""
    for path in paths:
        suffix = path.suffix.lower()
        try:
            if suffix in (".html", ".htm", ".txt") and path.is_file() and path.stat().st_size > MAX_FILE_BYTES:
                yield InputDocument(str(path), error=f"{path}: file of {path.stat().st_size:,} bytes is over the "
                                                     f"{MAX_FILE_BYTES:,} byte limit")
            elif suffix in (".html", ".htm"):
                yield _html_file(path)
            elif suffix == ".txt":
                yield _text_file(path)
            elif suffix == ".jsonl":
                yield from _jsonl_file(path)
            else:
                yield InputDocument(str(path), error=f"{path}: unsupported file type; use one of {', '.join(SUFFIXES)}")
        except OSError as exc:
            yield InputDocument(str(path), error=f"{path}: cannot read ({exc.strerror or exc})")
        except Exception as exc:  # a parser bug on one file must not stop the others
            yield InputDocument(str(path), error=f"{path}: {describe_error(exc)}")


def describe_error(exc: BaseException) -> str:
    """A one-line message for a failure reading one input: PageError's own words, else the exception's."""
    text = str(exc) if isinstance(exc, PageError) else f"{type(exc).__name__}: {exc}" if str(exc) \
        else type(exc).__name__
    text = " ".join(text.split())
    return text if len(text) <= 300 else text[:299] + "…"


def _html_file(path: Path) -> InputDocument:
    page = parse_html(path.read_bytes(), url=path.resolve().as_uri())
    page.article.source = str(path)
    return InputDocument(str(path), page.article, page.is_article, page.reason)


def _text_file(path: Path) -> InputDocument:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return InputDocument(str(path), error=f"{path}: not UTF-8 text; convert it or import it as .html")
    if len(text) > MAX_TEXT_CHARS:
        return InputDocument(str(path), error=f"{path}: text of {len(text):,} characters is over the "
                                              f"{MAX_TEXT_CHARS:,} limit")
    article = article_from_text(text, url=path.resolve().as_uri())
    article.source = str(path)
    return InputDocument(str(path), article)


def article_from_text(text: str, *, url: str) -> Article:
    """Plain body text, kept unchanged (offsets point into it); title and byline read from its head, the date
    from what the text states (a dateline, a Published line, the byline, the lead: `datelines`), else none."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = lines[0] if lines and len(lines[0]) < 200 and not lines[0].endswith(".") else None
    authors = next((clean_authors(line) for line in lines[1:8] if line.lower().startswith(("by ", "por "))), [])
    language = detect_language(text)
    stated = stated_publication_date(text, language)
    published = datetime(stated.date.year, stated.date.month, stated.date.day) if stated else None
    return Article(url=url, text=text, title=title, authors=authors, published=published,
                   published_source="text" if stated else None, language=language)


def _jsonl_file(path: Path) -> Iterator[InputDocument]:
    with open(path, encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            if len(line) > MAX_FILE_BYTES:
                yield InputDocument(where, error=f"{where}: line of {len(line):,} characters is over the "
                                                 f"{MAX_FILE_BYTES:,} limit")
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield InputDocument(where, error=f"{where}: not a JSON object ({exc.msg})")
                continue
            except RecursionError:
                yield InputDocument(where, error=f"{where}: not a JSON object (nested too deeply)")
                continue
            if not isinstance(record, dict) or not (record.get("text") or record.get("html")):
                yield InputDocument(where, error=f"{where}: needs a 'text' or an 'html' field")
                continue
            try:
                yield _jsonl_record(record, where, path, number)
            except Exception as exc:  # one bad line must not stop the file
                yield InputDocument(where, error=f"{where}: {describe_error(exc)}")


def _field(record: dict, name: str) -> str | None:
    """A text field of a .jsonl record: strings as given, numbers as text, anything else (lists, objects) None."""
    value = record.get(name)
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return str(value)
    return value if isinstance(value, str) and value.strip() else None


def _jsonl_record(record: dict, where: str, path: Path, number: int) -> InputDocument:
    url = canonical_url(_field(record, "url") or f"{path.resolve().as_uri()}?line={number}")
    if record.get("html"):
        page = parse_html(str(record["html"]), url=url)
        article, is_article, reason = page.article, page.is_article, page.reason
        if _field(record, "url"):
            article.url = url
    else:
        text = str(record["text"])
        if len(text) > MAX_TEXT_CHARS:
            return InputDocument(where, error=f"{where}: text of {len(text):,} characters is over the "
                                              f"{MAX_TEXT_CHARS:,} limit")
        article, is_article, reason = Article(url=url, text=text), True, None
    article.title = _field(record, "title") or article.title
    article.outlet = _field(record, "outlet") or article.outlet
    given = parse_date(_field(record, "published"))
    article.language = _field(record, "language") or article.language or detect_language(article.text)
    if given is not None:
        article.published, article.published_source = given, "input"
    elif article.published is None:  # a text record, or a page that dates nothing: what the text states
        stated = stated_publication_date(article.text, article.language)
        if stated:
            article.published = datetime(stated.date.year, stated.date.month, stated.date.day)
            article.published_source = "text"
    if isinstance(record.get("authors"), list):
        article.authors = [str(a) for a in record["authors"] if isinstance(a, (str, int, float))]
    article.source = where
    return InputDocument(where, article, is_article, reason)
