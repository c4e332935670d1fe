"""Events on real articles: the real-article corpus's tune split (tests/corpus), imported as `tradewire import`
reads it (dates as given; an undated story is dated by nothing but what it mentions) and linked; then pairs of
its events are checked, and the events of other orders and batches, with half the articles undated, compared.

A new decision is a new event whenever it is reported — a pause, a suspension, an exemption, a reversal, a new
rate, a threat turned into an order, a probe turned into a duty — while a decision taking effect on the date it
set stays with its event. Each kind is one hard-negative pair of the corpus (tests/corpus/hard_negatives.jsonl).
Only tune pairs are used: the holdout is for reporting (bench/linking.py corpus). The corpus's one pair of a
preliminary duty made final (the tomato duties) is in the holdout, so that kind is measured there, not here.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from bench.linking import Extractor, as_imported, corpus_split, import_articles
from extractors.article.dates import mentioned_dates
from storage.db import session
from storage.linking.eval import event_signature, hard_negative_merges, predicted_links

CORPUS = Path(__file__).resolve().parent / "corpus"
HARD = {(h["a"], h["b"]) for h in map(json.loads, (CORPUS / "hard_negatives.jsonl").read_text().splitlines())}

NEW_DECISIONS = {  # kind -> (earlier event, the new decision), all tune hard negatives
    "pause": ("us-mx-ieepa-order-2025-02-01", "us-mx-ieepa-pause-2025-02-03"),
    "exemption": ("us-mx-ieepa-in-effect-2025-03-04", "us-mx-usmca-exemption-2025-03-06"),
    "suspension": ("eu-countermeasures-paused-2025-04", "eu-countermeasures-suspended-2025-08"),
    "reversal": ("ca-counter-tariffs-2025-03-04", "ca-counter-tariffs-removed-2025-08-22"),
    "new rate": ("us-metals-25pct-2025-02", "us-metals-50pct-2025-06"),
    "threat turned into an extension": ("us-mx-30pct-letter-2025-07-12", "us-mx-90day-extension-2025-07-31"),
    "probe turned into a duty": ("cn-canola-antidumping-probe-2024-09", "cn-canola-prelim-ad-2025-08-12"),
}


@pytest.fixture(scope="module")
def tune():
    return corpus_split("tune")


@pytest.fixture(scope="module")
def extractor(pipeline):
    """The bench's importer over the session's pipeline (each article extracted once)."""
    return Extractor(nlp=True, pipeline=pipeline)


@pytest.fixture(scope="module")
def tune_db(tune, extractor, tmp_path_factory) -> Path:
    """The whole tune split imported and linked."""
    tmp = tmp_path_factory.mktemp("followups")
    db = tmp / "tune.duckdb"
    import_articles(db, as_imported(tune, set(), tmp), extractor)
    return db


@pytest.fixture(scope="module")
def events(tune_db) -> dict[str, str]:
    """{url: event id} of the tune split."""
    with session(tune_db, read_only=True) as con:
        return predicted_links(con)[0]


@pytest.mark.parametrize("kind", sorted(NEW_DECISIONS))
def test_a_new_decision_is_a_new_event(kind, tune, events):
    earlier, new = NEW_DECISIONS[kind]
    assert (earlier, new) in HARD
    gold = {r["url"]: r["event"] for r in tune}
    assert {earlier, new} <= set(gold.values())
    assert hard_negative_merges(events, gold, [(earlier, new)]) == [], kind


def test_a_decision_taking_effect_on_the_date_it_set_stays_with_its_event(tune, events):
    """The 12 March story that the February steel and aluminium order took effect — undated, it mentions the day
    ("12 de marzo") — joins the order's event, a month after the order's stories."""
    records = [r for r in tune if r["event"] == "us-metals-25pct-2025-02"]
    taking_effect = next(r for r in records if r["published"] is None and r["gold_date"] == "2025-03-12")
    assert sum(events[r["url"]] == events[taking_effect["url"]] for r in records) >= 2


def _signature(records: list[dict], undated: set[str], extractor, tmp: Path, batches: int) -> list[tuple]:
    db = tmp / "order.duckdb"
    import_articles(db, as_imported(records, undated, tmp), extractor, batches)
    with session(db, read_only=True) as con:
        return event_signature(con)


def test_undated_stories_give_the_same_events_in_any_order_and_batches(tune, extractor, tmp_path):
    """Half the articles without a published date: file order in one batch, and a shuffle in five batches (each
    linked as it comes), give the same events with the same ids — nothing depends on when an article was stored."""
    undated = set(random.Random(5).sample(sorted(r["id"] for r in tune), len(tune) // 2))
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shuffled = list(tune)
    random.Random(11).shuffle(shuffled)
    reference = _signature(tune, undated, extractor, tmp_path / "a", 1)
    assert _signature(shuffled, undated, extractor, tmp_path / "b", 5) == reference
    undated_events = [row for row in reference if len(row) == 8 and row[2] is None]
    assert undated_events  # some events hold undated stories only: no time at all, none invented


def test_events_show_each_articles_date_and_where_it_came_from(tune, tune_db):
    """`tradewire events` / `event ID`: a dated article shows its publication date and `published_source` (a
    record without `published` may state its date in its text: "text"), an undated one the day it mentions that
    linked it ("mentioned"), or none."""
    from storage.queries import list_events

    with session(tune_db, read_only=True) as con:
        shown = {a["url"]: (a["date"], a["date_source"]) for e in list_events(con) for a in e["articles"]}
    for r in tune:
        when, source = shown[r["url"]]
        if r["published"]:
            assert (str(when), source) == (r["published"], "input")
        else:
            assert source in ("text", "mentioned", "none") and (when is None) == (source == "none")
    mentioned = [r for r in tune if shown[r["url"]][1] == "mentioned"]
    assert mentioned  # undated stories dated by the days they mention: one of them, its year filled in
    for r in mentioned:
        day = shown[r["url"]][0]
        assert (day.month, day.day) in {(d.month, d.day) for d in mentioned_dates(r["text"])}, r["id"]


def test_an_article_imported_undated_is_extracted_without_its_date(tune, extractor, tmp_path):
    """The bench's extraction cache keys by the published date too: extraction reads the date (a day written
    without its year takes the year nearest it), so the same article imported undated — as the half-undated runs
    import it — must not reuse the extraction made while it was dated."""
    from flows.stages import Pending

    def imported(record: dict, undated: set[str]):
        return as_imported([record], undated, tmp_path)[0]

    record = next(r for r in tune if r["published"] and imported(r, {r["id"]}).published is None
                  and any(d.precision == "day-month" for d in mentioned_dates(r["text"])))
    (dated,) = extractor([Pending(imported(record, set()), threshold=0.0)])
    (undated,) = extractor([Pending(imported(record, {record["id"]}), threshold=0.0)])
    assert {d.year for d in dated.dates if d.precision == "day-month"} - {None}
    assert {d.year for d in undated.dates if d.precision == "day-month"} == {None}
