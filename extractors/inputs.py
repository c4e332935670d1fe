"""Local input files for `import` and `extract`: .html pages, .txt bodies and .jsonl article collections.

A file or line that cannot be read becomes an InputDocument with an `error` (and no article), so one bad
input is reported while the others go on. A file without a URL gets its own path (as a file:// URL).
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from extractors.dates import date_in_text, parse_date
from extractors.language import detect_language
from extractors.metadata import clean_authors
from extractors.parse import parse_html
from extractors.records import Article
from extractors.urls import canonical_url

SUFFIXES = (".html", ".htm", ".txt", ".jsonl")


@dataclass
class InputDocument:
    source: str  # the input path, with ":LINE" for a .jsonl line
    article: Article | None = None
    is_article: bool = True
    reason: str | None = None  # why a page is not an article
    error: str | None = None


def read_inputs(paths: Sequence[Path]) -> Iterator[InputDocument]:
    for path in paths:
        suffix = path.suffix.lower()
        try:
            if suffix in (".html", ".htm"):
                yield _html_file(path)
            elif suffix == ".txt":
                yield _text_file(path)
            elif suffix == ".jsonl":
                yield from _jsonl_file(path)
            else:
                yield InputDocument(str(path), error=f"{path}: unsupported file type; use one of {', '.join(SUFFIXES)}")
        except OSError as exc:
            yield InputDocument(str(path), error=f"{path}: cannot read ({exc.strerror or exc})")


def _html_file(path: Path) -> InputDocument:
    page = parse_html(path.read_bytes(), url=path.resolve().as_uri())
    page.article.source = str(path)
    return InputDocument(str(path), page.article, page.is_article, page.reason)


def _text_file(path: Path) -> InputDocument:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return InputDocument(str(path), error=f"{path}: not UTF-8 text; convert it or import it as .html")
    article = article_from_text(text, url=path.resolve().as_uri())
    article.source = str(path)
    return InputDocument(str(path), article)


def article_from_text(text: str, *, url: str) -> Article:
    """Plain body text, kept unchanged (offsets point into it); title, byline and date read from its head."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = lines[0] if lines and len(lines[0]) < 200 and not lines[0].endswith(".") else None
    authors, published = [], None
    for line in lines[1:8]:
        if line.lower().startswith(("by ", "por ")):
            authors = clean_authors(line)
            published = date_in_text(line)
            break
    return Article(url=url, text=text, title=title, authors=authors, published=published,
                   language=detect_language(text))


def _jsonl_file(path: Path) -> Iterator[InputDocument]:
    with open(path, encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield InputDocument(where, error=f"{where}: not a JSON object ({exc.msg})")
                continue
            if not isinstance(record, dict) or not (record.get("text") or record.get("html")):
                yield InputDocument(where, error=f"{where}: needs a 'text' or an 'html' field")
                continue
            yield _jsonl_record(record, where, path, number)


def _jsonl_record(record: dict, where: str, path: Path, number: int) -> InputDocument:
    url = canonical_url(str(record.get("url") or f"{path.resolve().as_uri()}?line={number}"))
    if record.get("html"):
        page = parse_html(str(record["html"]), url=url)
        article, is_article, reason = page.article, page.is_article, page.reason
        if record.get("url"):
            article.url = url
    else:
        article, is_article, reason = Article(url=url, text=str(record["text"])), True, None
    article.title = record.get("title") or article.title
    article.outlet = record.get("outlet") or article.outlet
    article.published = parse_date(record.get("published")) or article.published
    article.language = record.get("language") or article.language or detect_language(article.text)
    if isinstance(record.get("authors"), list):
        article.authors = [str(a) for a in record["authors"]]
    article.source = where
    return InputDocument(where, article, is_article, reason)
