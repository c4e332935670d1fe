"""The `extract` JSON contract: one object per article, the shape quality is measured through (README).

Kept in one place so that `tradewire extract`, `tradewire evaluate` and the benchmarks all print and read
exactly the same fields.
"""

from __future__ import annotations

from typing import Any

from extractors.records import Article, Extraction


def article_contract(article: Article, extraction: Extraction) -> dict[str, Any]:
    return {
        "source": article.source,
        "url": article.url,
        "title": article.title,
        "authors": list(article.authors),
        "published": article.published.isoformat() if article.published else None,
        "published_source": article.published_source,
        "language": article.language,
        "text": article.text,
        **extraction.as_dict(),
    }
