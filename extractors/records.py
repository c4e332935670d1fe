"""Typed records that cross module borders: what parsing produces and what extraction finds.

`flows/` builds them, `extractors/` fills them, `storage/` writes them. They are plain dataclasses so a
batch can be pickled to a Dask worker and back without any spaCy object attached.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime

TARIFF_STATUSES = ("announced", "in effect", "threatened", "paused", "removed", "previous")
QUOTE_KINDS = ("direct", "partial", "indirect")
PERCENTAGE_TYPES = ("tariff", "share", "change", "poll", "other")


@dataclass
class Article:
    """One article as parsed: the body `text` is what every extraction offset points into."""

    url: str
    text: str
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: datetime | None = None
    # What gave `published`: "input" (given with the input: a .jsonl field, a feed entry), "markup" (the page's
    # metadata or visible dates), "url", "text" (read from the article's words), or None with no date.
    published_source: str | None = None
    modified: datetime | None = None
    language: str | None = None
    outlet: str | None = None
    # Where it came from: the input path for `import`/`extract`, the source name for `ingest`.
    source: str | None = None


@dataclass
class LeaderMention:
    name: str
    role: str | None
    country: str | None
    in_kb: bool
    start: int
    end: int
    sentence: str


@dataclass
class StatedDate:
    """A start date the article states for a rate in another sentence than the rate's (tariffs/stated.py).

    `year` is the year written, else None (the tracker takes the one nearest the article's day). `goods` are the
    product scopes (config/tariff_measures.toml) named beside the date: it dates the rates of those scopes; empty,
    the date's sentence names no goods and follows the rate's sentence: it dates that sentence's rates.
    """

    year: int | None
    month: int
    day: int
    goods: list[str]


@dataclass
class Tariff:
    rate_pct: float
    imposer: str | None
    targets: list[str]
    products: str | None
    status: str
    start: int
    end: int
    sentence: str
    # ISO date ("2025-08-01") the step takes effect when the sentence states it (tariffs/effective.py), else None.
    effective: str | None = None
    # When the sentence states none: the start dates the article's other sentences state (tariffs/stated.py), in
    # the article's order, those naming goods first.
    stated: list[StatedDate] = field(default_factory=list)


@dataclass
class Quote:
    text: str
    speaker: str | None
    kind: str
    start: int
    end: int
    sentence: str


@dataclass
class Percentage:
    value: float
    measure: str | None
    type: str
    start: int
    end: int
    sentence: str


@dataclass
class DateMention:
    """An explicit date the text mentions ("on Thursday, Sept. 18", "el 28 de enero", "from August 1, 2025").

    precision: "time", "day" (a full date), "day-month" (no year written), "month" (a month and year). `year` is
    the year written, else the one that puts the date nearest the article's publication date when it has one,
    else None: a day and month alone do not say their year.
    """

    text: str
    year: int | None
    month: int
    day: int | None
    precision: str
    start: int
    end: int


@dataclass
class Extraction:
    """Everything the NLP stage found in one article."""

    leaders: list[LeaderMention] = field(default_factory=list)
    tariffs: list[Tariff] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    percentages: list[Percentage] = field(default_factory=list)
    # Read with the others and stored with them, for the event linker (what an undated story is dated by);
    # not part of the `extract` contract (`as_dict`).
    dates: list[DateMention] = field(default_factory=list)

    def as_dict(self) -> dict[str, list[dict]]:
        """The contract's items: leaders, tariffs, quotes, percentages."""
        return {name: [asdict(item) for item in getattr(self, name)]
                for name in ("leaders", "tariffs", "quotes", "percentages")}
