"""The reads of `tradewire tariffs` and `tradewire tariff ID`: measures as of a date, one measure's history.

A measure's state on a day comes from its steps, in order, by the dates they take effect: a step counts from its
effective date when an article states one, else from the day it was first reported. On the day asked about, the
measure's status is that of its latest step by then — an announced step whose effective date has come is in
effect — and its rate in force is that of its latest step in effect by then, none once paused or removed after
it. A step announced for a later day is shown as what comes next.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb

from storage.tracker.steps import IN_EFFECT
from extractors.tariff_vocabulary import ALL_COUNTRIES, fold, load_vocabulary

ENDING = frozenset({"paused", "removed"})


def list_measures(con: duckdb.DuckDBPyConnection, *, imposer: str | None = None, target: str | None = None,
                  product: str | None = None, on: date | None = None) -> list[dict[str, Any]]:
    """Measures with their state on `on` (today by default), most recently reported first.

    `imposer` and `target` match country names without case or accents ("mexico" finds México's rows); a
    target also finds the measures on all countries. `product` matches the scope, named as the vocabulary
    names it in English or Spanish ("acero" finds steel, and steel and aluminium) or by part of its name."""
    on = on or date.today()
    measures = con.execute("""
        select measure_id, imposer, targets, scope, legal_basis, programme, title, first_reported, last_reported,
               step_count, article_count
        from tariff_measures order by last_reported desc nulls last, measure_id""").fetchall()
    steps = _steps(con)
    wanted_scopes = _scopes_named(product)
    found = []
    for (measure_id, who, targets, scope, basis, programme, title, first, last, step_count,
         articles) in measures:
        if imposer and fold(imposer) not in fold(who):
            continue
        if target and not any(fold(target) in fold(t) or t == ALL_COUNTRIES for t in targets):
            continue
        if wanted_scopes is not None and scope not in wanted_scopes:
            continue
        state = state_on(steps.get(measure_id, []), on)
        found.append({"measure_id": measure_id, "imposer": who, "targets": list(targets), "scope": scope,
                      "legal_basis": basis, "programme": programme, "title": title, **state,
                      "steps": step_count, "articles": articles, "first_reported": first,
                      "last_reported": last})
    return found


def _scopes_named(product: str | None) -> set[str] | None:
    if not product:
        return None
    vocabulary = load_vocabulary()
    named = {s.name for s in vocabulary.scopes if fold(product) in fold(s.name)}
    read = vocabulary.scope_of(product)
    if read is not None:
        named.add(read)
    # "steel" also finds the measures on steel and aluminium together
    return named | {s.name for s in vocabulary.scopes if set(s.all_of) & named}


def _steps(con: duckdb.DuckDBPyConnection, measure_ids: list[str] | None = None
           ) -> dict[str, list[dict[str, Any]]]:
    """{measure id: its steps in order}, of every measure or of `measure_ids`."""
    rows = con.execute("""
        select measure_id, step, rate_pct, status, effective, first_reported, article_count
        from tariff_measure_steps
        where cast(? as varchar[]) is null or list_contains(cast(? as varchar[]), measure_id)
        order by measure_id, step""", [measure_ids, measure_ids]).fetchall()
    found: dict[str, list[dict[str, Any]]] = {}
    for mid, step, rate, status, effective, first, articles in rows:
        found.setdefault(mid, []).append({"step": step, "rate_pct": rate, "status": status, "effective": effective,
                                          "first_reported": first, "articles": articles})
    return found


def step_start(step: dict[str, Any]) -> date | None:
    """The day a step (as `_steps` reads it) starts: the day it takes effect, else the day it was first reported
    (the status it reports holds from then); the state on a day and the browse page's chart both read it."""
    return step["effective"] or step["first_reported"]


def state_on(steps: list[dict[str, Any]], on: date) -> dict[str, Any]:
    """{status, rate_pct (in force), since, next} of a measure on `on`, from its numbered steps."""
    status = rate = since = upcoming = None
    for step in steps:
        starts = step_start(step)
        if starts is None or starts > on:
            if step["effective"] is not None and step["first_reported"] is not None and step["first_reported"] <= on \
                    and upcoming is None:
                upcoming = f"{step['rate_pct']:g}% {step['status']} from {step['effective'].isoformat()}"
            continue
        taking_effect = step["status"] in ("announced", IN_EFFECT) and step["effective"] is not None
        status = IN_EFFECT if taking_effect else step["status"]
        since = starts
        if status == IN_EFFECT:
            rate = step["rate_pct"]
        elif status in ENDING:
            rate = None
    return {"status_on": status, "rate_in_force": rate, "since": since, "next": upcoming}


def measure_detail(con: duckdb.DuckDBPyConnection, measure_id: str) -> dict[str, Any] | None:
    """One measure with its steps, each with the mentions that report it and their articles."""
    row = con.execute("""
        select measure_id, imposer, targets, scope, legal_basis, programme, title, first_reported, last_reported,
               step_count, article_count
        from tariff_measures where measure_id = ?""", [measure_id]).fetchone()
    if row is None:
        return None
    keys = ("measure_id", "imposer", "targets", "scope", "legal_basis", "programme", "title", "first_reported",
            "last_reported", "steps", "articles")
    measure = dict(zip(keys, row))
    measure["targets"] = list(measure["targets"])
    measure["history"] = histories(con, [measure_id])[measure_id]
    measure.update(state_on(measure["history"], date.today()))
    return measure


def histories(con: duckdb.DuckDBPyConnection, measure_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """{measure id: its steps in order, each with `sources`: the mentions that report it and their articles}
    (a measure that is not stored gets an empty list)."""
    steps = {mid: [] for mid in measure_ids} | _steps(con, measure_ids)
    sources = con.execute("""
        select sm.measure_id, sm.step, a.article_id, a.title, a.outlet, a.url, cast(a.published as date),
               sm.event_id, sm.status, sm.start_char, sm.end_char, sm.sentence
        from tariff_step_mentions sm join articles a using (article_id)
        where list_contains(cast(? as varchar[]), sm.measure_id)
        order by sm.measure_id, sm.step, a.published nulls last, a.article_id, sm.ordinal""",
                          [measure_ids]).fetchall()
    by_step: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for mid, step, aid, title, outlet, url, published, event_id, status, start, end, sentence in sources:
        by_step.setdefault((mid, step), []).append({
            "article_id": aid, "title": title, "outlet": outlet, "url": url, "published": published,
            "event_id": event_id, "mention_status": status, "start_char": start, "end_char": end,
            "sentence": sentence})
    for mid, found in steps.items():
        for step in found:
            step["sources"] = by_step.get((mid, step["step"]), [])
    return steps


def mention_steps(con: duckdb.DuckDBPyConnection) -> list[tuple]:
    """Every stored tariff mention with the measures and steps it supports, for scoring against gold (bench/):
    (article body hash, ordinal, rate, imposer, targets, status, effective, [measure ids], [{rate, status,
    effective} of its step in each]), in text order of each article."""
    return con.execute("""
        select a.body_hash, t.ordinal, t.rate_pct, t.imposer, t.targets, t.status, t.effective,
               list(sm.measure_id order by sm.measure_id),
               list(struct_pack(rate := s.rate_pct, status := s.status, effective := s.effective)
                    order by sm.measure_id)
        from tariffs t join articles a using (article_id)
        left join tariff_step_mentions sm on sm.article_id = t.article_id and sm.ordinal = t.ordinal
        left join tariff_measure_steps s on s.measure_id = sm.measure_id and s.step = sm.step
        group by all order by a.body_hash, t.ordinal""").fetchall()
