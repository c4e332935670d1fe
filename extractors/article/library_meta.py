"""What trafilatura (and, through it, htmldate) reads from a page's metadata: its author and its date.

These are one voice among the page's others in `extractors.article.metadata`: trafilatura's byline search finds
authors our markup readers miss, and htmldate weighs a page's many date expressions with its own rules. On the
tune split of web-metadata each alone is right less often than the sources combined (bench/parse_metadata.py).
"""

from __future__ import annotations

import html as html_lib
import logging
from dataclasses import dataclass, field
from datetime import datetime

from extractors.article.machine_dates import parse_date

logging.getLogger("htmldate").setLevel(logging.CRITICAL)


@dataclass(frozen=True)
class LibraryMetadata:
    authors: list[str] = field(default_factory=list)
    # htmldate's publication date: `timed` when it carried a time of day (a value at midnight may be a date only)
    published: datetime | None = None
    timed: bool = False


def library_metadata(html: str, url: str | None) -> LibraryMetadata:
    """trafilatura's `extract_metadata` on the page: authors (its "; "-joined string split) and htmldate's
    publication date (original date, extensive search). Never raises: a failure is an empty answer."""
    from trafilatura.metadata import extract_metadata
    from trafilatura.settings import set_date_params
    from trafilatura.utils import load_html

    try:
        tree = load_html(html)
        if tree is None:
            return LibraryMetadata()
        config = {**set_date_params(True), "outputformat": "%Y-%m-%dT%H:%M:%S%z"}
        found = extract_metadata(tree, default_url=url, date_config=config)
    except Exception:  # a library bug on one page must not stop the parse
        return LibraryMetadata()
    # trafilatura joins authors with ";", and leaves character references such as "&oacute;" in place
    authors = [a.strip() for a in html_lib.unescape(found.author or "").split(";") if a.strip()]
    published = parse_date(found.date) if found.date else None
    timed = bool(found.date and not found.date.endswith("T00:00:00"))
    return LibraryMetadata(authors, published, timed)
