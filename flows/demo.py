"""`tradewire demo`: the main job on the bundled demo site — serve it locally, ingest it, summarise."""

from __future__ import annotations

import sys
import tomllib
from dataclasses import replace
from pathlib import Path

from flows.demo_server import DEMO_DIR, DemoSite
from flows.ingest import ingest_flow
from flows.plan import RunPlan
from flows.settings import Settings, sources_from_table
from storage.db import session
from storage.queries import summary_counts

DEMO_SOURCES = DEMO_DIR / "sources.toml"
# The demo site's own port, so that a second `make demo` into the same database finds the same URLs (unchanged,
# nothing stored twice); a free port is taken when it is busy, and the run says what that means.
DEMO_PORT = 8765


def demo_sources(base_url: str):
    """The demo's sources with `{base_url}` filled in (the server's port is only known once it listens)."""
    text = DEMO_SOURCES.read_text(encoding="utf-8").replace("{base_url}", base_url)
    sources, errors = sources_from_table(tomllib.loads(text), DEMO_SOURCES)
    if errors:
        raise ValueError("; ".join(errors))
    return sources


def run_demo(db: Path, settings: Settings) -> tuple[dict, dict[str, int]]:
    # The demo server is our own, on loopback: politeness delays would only make the demo slow.
    settings = replace(settings, fetch=replace(settings.fetch, per_host_delay_s=0.0, per_host_concurrency=4))
    with _demo_site() as site:
        plan = RunPlan("demo", db, settings, sources=demo_sources(site.base_url))
        result = ingest_flow(plan)
    with session(db, read_only=True) as con:
        counts = summary_counts(con)
    return result, counts


def _demo_site() -> DemoSite:
    try:
        return DemoSite(port=DEMO_PORT)
    except OSError as error:
        site = DemoSite()
        print(f"port {DEMO_PORT} is taken ({error.strerror}): the demo site is served at {site.base_url}, so a "
              "database that already holds a demo run gets its pages again under new URLs; use a fresh --db",
              file=sys.stderr)
        return site
