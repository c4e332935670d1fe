"""Reading `config/settings.toml` (global settings and the schedule) and `config/sources.toml` (what to fetch).

A settings file that does not parse stops the command with its path, line and column. A bad source entry (an
unknown kind, an invalid URL) is reported and skipped, and the other sources still run.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from extractors.config import CONFIG_DIR, ConfigError, load_toml

SOURCE_KINDS = ("rss", "atom", "sitemap", "urls")
DEFAULT_SETTINGS = CONFIG_DIR / "settings.toml"
DEFAULT_SOURCES = CONFIG_DIR / "sources.toml"


@dataclass
class FetchSettings:
    """Politeness and safety limits of the fetcher (README, "Politeness")."""

    user_agent: str = "tradewire/0.1"
    contact_url: str = ""
    global_concurrency: int = 8
    per_host_concurrency: int = 2
    per_host_delay_s: float = 0.5
    connect_timeout_s: float = 5.0
    read_timeout_s: float = 15.0
    total_timeout_s: float = 30.0
    max_retries: int = 3
    backoff_base_s: float = 0.5
    backoff_max_s: float = 30.0
    max_redirects: int = 5
    max_bytes: int = 5_000_000
    allow_private: bool = False

    @property
    def user_agent_header(self) -> str:
        return f"{self.user_agent} (+{self.contact_url})" if self.contact_url else self.user_agent


@dataclass
class Settings:
    database: Path = Path("data/tradewire.duckdb")
    fetch: FetchSettings = field(default_factory=FetchSettings)
    n_process: int | str = "auto"  # a number, or "auto" (extractors/pool_size.py)
    batch_size: int = 16
    store_batch: int = 64
    link_every: int = 256
    relevance_threshold: float = 0.5
    schedule_interval_minutes: float | None = 15.0
    schedule_cron: str | None = None


@dataclass
class Source:
    name: str
    kind: str
    url: str | None = None
    urls: list[str] = field(default_factory=list)
    language: str | None = None
    enabled: bool = True
    max_articles: int = 200
    relevance_threshold: float | None = None
    allow_private: bool = False


def _pick(cls: type, table: dict[str, Any], where: str) -> dict[str, Any]:
    known = {f.name for f in fields(cls)}
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(f"{where}: unknown setting(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    return dict(table)


def load_settings(path: Path = DEFAULT_SETTINGS) -> Settings:
    data = load_toml(path)
    nlp, pipeline, schedule = data.get("nlp", {}), data.get("pipeline", {}), data.get("schedule", {})
    settings = Settings(
        fetch=FetchSettings(**_pick(FetchSettings, data.get("fetch", {}), f"{path} [fetch]")),
        n_process=_n_process(nlp.get("n_process", "auto"), path),
        batch_size=int(nlp.get("batch_size", 16)),
        store_batch=int(pipeline.get("store_batch", 64)),
        link_every=int(pipeline.get("link_every", 256)),
        relevance_threshold=float(pipeline.get("relevance_threshold", 0.5)),
        schedule_interval_minutes=schedule.get("interval_minutes"),
        schedule_cron=schedule.get("cron"),
    )
    if "database" in data.get("storage", {}):
        settings.database = Path(data["storage"]["database"])
    return settings


def _n_process(value: Any, path: Path) -> int | str:
    if value == "auto" or (isinstance(value, int) and not isinstance(value, bool) and value >= 1):
        return value
    raise ConfigError(f"{path} [nlp]: n_process = {value!r}: use \"auto\" or a number of processes (1 or more)")


def _validate_source(entry: dict[str, Any], index: int, path: Path) -> Source:
    where = f"{path}: source #{index + 1}" + (f" ({entry['name']})" if "name" in entry else "")
    if not entry.get("name"):
        raise ConfigError(f"{where}: missing 'name'")
    source = Source(**_pick(Source, entry, where))
    if source.kind not in SOURCE_KINDS:
        raise ConfigError(f"{where}: unknown kind {source.kind!r}; use one of {', '.join(SOURCE_KINDS)}")
    urls = ([source.url] if source.url else []) + list(source.urls)
    if not urls:
        raise ConfigError(f"{where}: give 'url' (or 'urls' for kind 'urls')")
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConfigError(f"{where}: {url!r} is not an http(s) URL")
    return source


def load_sources(path: Path = DEFAULT_SOURCES) -> tuple[list[Source], list[str]]:
    """(valid sources, one-line errors for the entries that were skipped)."""
    return sources_from_table(load_toml(path), path)


def sources_from_table(data: dict[str, Any], path: Path) -> tuple[list[Source], list[str]]:
    sources, errors = [], []
    for index, entry in enumerate(data.get("source", [])):
        try:
            sources.append(_validate_source(entry, index, path))
        except (ConfigError, TypeError) as exc:
            errors.append(str(exc))
    return sources, errors


def sources_from_urls(urls: list[str], allow_private: bool = False) -> list[Source]:
    """Sources given on the command line (`ingest --source URL`): the kind is sniffed when the feed is read."""
    return [Source(name=url, kind="auto", url=url, allow_private=allow_private) for url in urls]
