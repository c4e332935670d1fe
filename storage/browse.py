"""The reads only `tradewire browse` makes: what its quote and tariff filters offer to choose from, articles'
opening lines.

The rows its pages show are those the CLI prints and exports (`storage.queries`: `list_events`, `event_detail`,
`quotes_for_export`; `storage.tracker.read`: `list_measures`, `histories`), so a page and the command that
prints the same thing cannot drift apart. A new page adds
its own reads here when the CLI has none to share.
"""

from __future__ import annotations

from typing import Any

import duckdb

from storage.queries import as_dicts, run_sql


def quote_filter_choices(con: duckdb.DuckDBPyConnection) -> dict[str, list[Any]]:
    """The quote filters' choices: speakers (most quoted first), the countries of quoted leaders, and events."""
    speakers = [name for (name,) in con.execute("""
        select speaker from quotes where speaker is not null
        group by speaker order by count(*) desc, speaker""").fetchall()]
    # A country to filter on exists only where a quote's speaker is a leader named in the same article: the
    # `country` column of the export, which is what the filter compares.
    countries = [country for (country,) in con.execute("""
        select distinct m.country from quotes q
        join leader_mentions m on m.article_id = q.article_id and m.name = q.speaker
        where m.country is not null order by m.country""").fetchall()]
    events = as_dicts(run_sql(con, """
        select event_id, title, main_date from events order by last_seen desc nulls last, event_id"""))
    return {"speakers": speakers, "countries": countries, "events": events}


LEDE_CHARS = 400  # enough for the page's two-line teaser, which cuts at a word


def article_ledes(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> dict[str, str]:
    """The opening words of each article's body, by id."""
    rows = con.execute("select article_id, left(text, ?) from articles where article_id in (select unnest(?))",
                       [LEDE_CHARS, article_ids]).fetchall()
    return dict(rows)


def tariff_filter_choices(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """The tariff tracker's filters' choices: the imposers, targets and product scopes its measures have."""
    imposers = [name for (name,) in con.execute(
        "select distinct imposer from tariff_measures order by imposer").fetchall()]
    targets = [name for (name,) in con.execute(
        "select distinct unnest(targets) as target from tariff_measures order by target").fetchall()]
    scopes = [name for (name,) in con.execute(
        "select distinct scope from tariff_measures order by scope").fetchall()]
    return {"imposers": imposers, "targets": targets, "scopes": scopes}
