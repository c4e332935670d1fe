"""Deduplication and event linking on the frozen corpus (tests/linking/corpus.jsonl) and the extra cases.

The corpus is extracted once per module with the real pipeline, then imported through the flow's own stages
(screen → store → link_pending) in several orders; every order must give the same events as the file order.
Benchmarks with figures live in bench/linking.py; nothing here times anything.
"""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

from extractors.records import Extraction
from flows.stages import Pending, screen
from storage.linking import dedup
from storage.articles import ArticleRow, article_id_for, store_articles
from storage.db import connect, session
from storage.linking.eval import (HARD_NEGATIVES, HARD_NEGATIVES_EXTRA, bcubed, duplicate_scores, event_signature,
                               hard_negative_merges, load_corpus, predicted_links, to_article)
from storage.linking.features import compute_features, figures, words
from storage.linking.linker import explain, link_if_latest, link_pending, relink
from storage.migrations import MIGRATIONS, m001_initial_schema

LINKING = Path(__file__).resolve().parent / "linking"
CORPUS = load_corpus(LINKING / "corpus.jsonl")
EXTRA = load_corpus(LINKING / "extra.jsonl")


@pytest.fixture(scope="module")
def extractions(pipeline):
    """The real pipeline's extraction of every article of both corpora, by URL (computed once)."""
    records = CORPUS + EXTRA
    found = pipeline.extract([to_article(r) for r in records])
    return {r["url"]: e for r, e in zip(records, found)}


def import_records(db: Path, records: list[dict], extractions: dict, batches: int = 1) -> list:
    """Import `records` in order, in `batches` runs of screen → store → link (as `tradewire import` does)."""
    size = max(1, -(-len(records) // batches))
    stats = []
    for start in range(0, len(records), size):
        pending = [Pending(to_article(r), threshold=0.0) for r in records[start:start + size]]
        rows, to_extract, _ = screen(db, pending, gate_relevance=False)
        extracted = [ArticleRow(p.article, "extracted", extraction=extractions[p.article.url], relevance=p.relevance)
                     for p in to_extract]
        with session(db) as con:
            store_articles(con, extracted)
            store_articles(con, rows)
            stats.append(link_pending(con))
    return stats


def signature(db: Path) -> list[tuple]:
    with session(db, read_only=True) as con:
        return event_signature(con)


def links(db: Path):
    with session(db, read_only=True) as con:
        return predicted_links(con)


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory, extractions) -> Path:
    db = tmp_path_factory.mktemp("linking") / "file-order.duckdb"
    import_records(db, CORPUS, extractions)
    return db


# ------------------------------------------------------------------------------------------------ quality


def test_corpus_clusters_meet_the_goal(corpus_db):
    events, _, _ = links(corpus_db)
    gold = {r["url"]: r["gold_event"] for r in CORPUS}
    scores = bcubed(events, gold)
    assert scores.f1 >= 0.92, scores
    assert hard_negative_merges(events, gold) == []


def test_hard_negatives_stay_apart(corpus_db):
    events, _, _ = links(corpus_db)
    for a, b in HARD_NEGATIVES:
        side_a = {events[r["url"]] for r in CORPUS if r["gold_event"] == a}
        side_b = {events[r["url"]] for r in CORPUS if r["gold_event"] == b}
        assert not side_a & side_b, (a, b)


def test_duplicates_are_found_and_listed_with_their_event(corpus_db):
    events, copies, kinds = links(corpus_db)
    gold = [(r["url"], r["gold_duplicate_of"]) for r in CORPUS if r["gold_duplicate_of"]]
    scores = duplicate_scores(copies, gold)
    assert (scores.precision, scores.recall) == (1.0, 1.0)
    for copy, original in gold:
        assert events[copy] == events[original]
    assert sorted(kinds.values()) == ["exact"] * 3 + ["near"] * 4


def test_exact_copy_is_stored_once_per_url_and_not_extracted(corpus_db):
    with session(corpus_db, read_only=True) as con:
        rows = con.execute("""
            select a.status, a.duplicate_of is not null, ae.is_duplicate, ae.duplicate_kind,
                   (select count(*) from leader_mentions m where m.article_id = a.article_id)
            from articles a join article_events ae using (article_id)
            where ae.duplicate_kind = 'exact'""").fetchall()
        urls = con.execute("select count(*), count(distinct url) from articles").fetchone()
    assert rows == [("duplicate", True, True, "exact", 0)] * 3
    assert urls == (len(CORPUS), len(CORPUS))


def test_near_copy_points_at_its_original(corpus_db):
    by_url = {r["url"]: r for r in CORPUS}
    with session(corpus_db, read_only=True) as con:
        rows = con.execute("""
            select a.url, o.url, a.status from articles a join articles o on o.article_id = a.duplicate_of
            join article_events ae on ae.article_id = a.article_id where ae.duplicate_kind = 'near'""").fetchall()
    assert len(rows) == 4
    for copy, original, status in rows:
        assert status == "extracted"  # a near-copy is extracted like any story; only exact copies are not
        assert by_url[copy]["gold_duplicate_of"] == original


def test_spanish_and_english_stories_share_events(corpus_db):
    events, _, _ = links(corpus_db)
    for key in ("mexico-tariffs-non-fta-2025-12", "sheinbaum-carney-mexico-city-2025-09",
                "us-steel-alu-25pct-2025-02", "na-leaders-washington-2025-12"):
        members = [r for r in CORPUS if r["gold_event"] == key]
        assert {r["language"] for r in members} == {"en", "es"}
        assert len({events[r["url"]] for r in members}) == 1, key


def test_event_rows_describe_the_event(corpus_db):
    meeting = [r["url"] for r in CORPUS if r["gold_event"] == "sheinbaum-carney-mexico-city-2025-09"]
    with session(corpus_db, read_only=True) as con:
        event_id = con.execute("select event_id from article_events where article_id = ?",
                               [article_id_for(meeting[0])]).fetchone()[0]
        title, first, last, main_date, leaders, places, count = con.execute(
            "select title, first_seen, last_seen, main_date, leaders, places, article_count from events "
            "where event_id = ?", [event_id]).fetchone()
    assert "Carney" in title or "Canada" in title or "México" in title
    assert {"Claudia Sheinbaum", "Mark Carney"} <= set(leaders)
    assert "Mexico City" in places or "Palacio Nacional" in places
    assert count == 5 and first <= last and str(main_date) == "2025-09-18"


def test_main_dates_are_the_days_of_the_happenings(corpus_db):
    """The day a story's lead names ("on Monday") wins over the UTC date of an evening story in the Americas."""
    expected = {"us-steel-alu-25pct-2025-02": "2025-02-10", "us-tariffs-mx-ca-take-effect-2025-03-04": "2025-03-04",
                "us-tariffs-usmca-pause-2025-03-06": "2025-03-06", "us-china-geneva-2025-05": "2025-05-12",
                "us-steel-alu-50pct-2025-06": "2025-06-03", "japan-us-g7-talks-2025-06": "2025-06-16",
                "us-china-busan-2025-10": "2025-10-30", "na-leaders-washington-2025-12": "2025-12-05",
                "mexico-tariffs-non-fta-2025-12": "2025-12-10"}
    with session(corpus_db, read_only=True) as con:
        for key, day in expected.items():
            url = next(r["url"] for r in CORPUS if r["gold_event"] == key)
            (main_date,) = con.execute("""select e.main_date from events e join article_events ae using (event_id)
                                          where ae.article_id = ?""", [article_id_for(url)]).fetchone()
            assert str(main_date) == day, key


# ------------------------------------------------------------------------------------------------ order


@pytest.mark.parametrize("order", ["reversed", "shuffle-1", "shuffle-2"])
def test_any_order_gives_the_same_events(order, corpus_db, extractions, tmp_path):
    records = list(reversed(CORPUS)) if order == "reversed" else list(CORPUS)
    if order.startswith("shuffle"):
        random.Random(int(order[-1])).shuffle(records)
    db = tmp_path / "order.duckdb"
    import_records(db, records, extractions)
    assert signature(db) == signature(corpus_db)


def test_incremental_batches_then_relink_give_the_same_events(corpus_db, extractions, tmp_path):
    records = list(CORPUS)
    random.Random(7).shuffle(records)
    db = tmp_path / "batches.duckdb"
    stats = import_records(db, records, extractions, batches=7)
    assert sum(s.replayed for s in stats) > 0  # back-dated stories arrived: earlier decisions were replayed
    assert signature(db) == signature(corpus_db)
    with session(db) as con:
        result = relink(con)
    assert result.new_events == len({r["gold_event"] for r in CORPUS})
    assert signature(db) == signature(corpus_db)


def test_linking_in_small_chunks_gives_the_same_events(corpus_db, extractions, tmp_path, monkeypatch):
    from storage.linking import linker as linking
    from storage.linking.score import EventState

    monkeypatch.setattr(linking, "LINK_CHUNK", 4)  # a large import is linked a chunk at a time
    # A story joining an event of an earlier chunk loads that event from the database, itself included: it must
    # count once in the event it is scored against (it was added twice before).
    added_twice = []
    add = EventState.add

    def add_once(state, unit_id, ts, f):
        if unit_id in state.members:
            added_twice.append(unit_id)
        add(state, unit_id, ts, f)

    monkeypatch.setattr(EventState, "add", add_once)
    db = tmp_path / "chunks.duckdb"
    pending = [Pending(to_article(r), threshold=0.0) for r in reversed(CORPUS)]
    rows, to_extract, _ = screen(db, pending, gate_relevance=False)
    extracted = [ArticleRow(p.article, "extracted", extraction=extractions[p.article.url]) for p in to_extract]
    with session(db) as con:
        store_articles(con, extracted)
        store_articles(con, rows)
        link_pending(con, [row.article_id for row in extracted + rows])  # as the flow calls it
    assert signature(db) == signature(corpus_db)
    assert added_twice == []
    with session(db) as con:
        relink(con)
    assert signature(db) == signature(corpus_db)


def test_importing_twice_changes_nothing(corpus_db, extractions, tmp_path):
    db = tmp_path / "twice.duckdb"
    import_records(db, CORPUS, extractions)
    before = signature(db)
    again = import_records(db, CORPUS, extractions)
    assert [(s.linked, s.new_events) for s in again] == [(0, 0)]
    assert signature(db) == before == signature(corpus_db)


def test_a_changed_body_is_linked_again(extractions, tmp_path):
    db = tmp_path / "changed.duckdb"
    import_records(db, CORPUS, extractions)
    geneva = next(r for r in CORPUS if r["gold_event"] == "us-china-geneva-2025-05" and not r["gold_duplicate_of"])
    busan = next(r for r in CORPUS if r["gold_event"] == "us-china-busan-2025-10")
    moved = dict(busan, url="https://moved.example/busan-retold", published="2025-10-31T09:00:00-04:00",
                 text=busan["text"].replace("Busan", "Busan, South Korea,", 1))
    with session(db) as con:
        store_articles(con, [ArticleRow(to_article(moved), "extracted", extraction=Extraction())])
        link_pending(con)
        busan_event = con.execute("select event_id from article_events where article_id = ?",
                                  [article_id_for(busan["url"])]).fetchone()[0]
        assert con.execute("select event_id from article_events where article_id = ?",
                           [article_id_for(moved["url"])]).fetchone()[0] == busan_event
        # The same URL comes back with the Geneva story's body (a site reused the URL): it moves.
        rewritten = dict(moved, text=geneva["text"].replace("Geneva", "Geneva, Switzerland,", 1),
                         published="2025-05-13T09:00:00-04:00")
        store_articles(con, [ArticleRow(to_article(rewritten), "extracted", extraction=Extraction())])
        stats = link_pending(con, [article_id_for(moved["url"])])
        event_now = con.execute("select event_id from article_events where article_id = ?",
                                [article_id_for(moved["url"])]).fetchone()[0]
        geneva_event = con.execute("select event_id from article_events where article_id = ?",
                                   [article_id_for(geneva["url"])]).fetchone()[0]
        near = con.execute("select duplicate_of from articles where article_id = ?",
                           [article_id_for(moved["url"])]).fetchone()[0]
    assert stats.linked >= 1
    assert event_now == geneva_event
    assert near == article_id_for(geneva["url"])  # a lightly edited copy of the Geneva story


def test_given_ids_and_full_check_agree(extractions, tmp_path):
    a, b = tmp_path / "ids.duckdb", tmp_path / "scan.duckdb"
    for db, pass_ids in ((a, True), (b, False)):
        for start in range(0, len(CORPUS), 10):
            chunk = CORPUS[start:start + 10]
            pending = [Pending(to_article(r), threshold=0.0) for r in chunk]
            rows, to_extract, _ = screen(db, pending, gate_relevance=False)
            stored = [ArticleRow(p.article, "extracted", extraction=extractions[p.article.url]) for p in to_extract]
            with session(db) as con:
                store_articles(con, stored)
                store_articles(con, rows)
                link_pending(con, [r.article_id for r in stored + rows] if pass_ids else None)
    assert signature(a) == signature(b)


def test_the_flow_links_during_the_run_and_gets_the_events_of_linking_at_the_end(corpus_db, settings, tmp_path,
                                                                                   monkeypatch):
    """The real flow, importing the corpus in batches of 8 and linking whenever 16 stored articles wait: most are
    linked during the run (what the NLP workers' next batches overlap), and the events are the same."""
    from flows import ingest
    from flows.plan import RunPlan
    from storage.linking import linker as linking

    calls = []

    def spy(con, article_ids):
        result = linking.link_if_latest(con, article_ids)
        calls.append((len(article_ids), result is not None))
        return result

    monkeypatch.setattr(ingest, "link_if_latest", spy)
    db = tmp_path / "during.duckdb"
    result = ingest.ingest_flow(RunPlan("import", db, replace(settings, store_batch=8, link_every=16),
                                        files=[LINKING / "corpus.jsonl"]))
    assert result["status"] == "success", result["errors"]
    assert result["counts"]["linked"] == result["counts"]["stored"] == len(CORPUS)
    linked_early = sum(n for n, linked in calls if linked)
    assert linked_early >= len(CORPUS) // 2, calls  # in publication order, every batch could be appended
    assert signature(db) == signature(corpus_db)


def test_link_if_latest_links_only_what_comes_after_everything_linked(extractions, tmp_path):
    records = sorted(CORPUS, key=lambda r: to_article(r).published)
    first, later = records[:-7], records[-7:]  # the last week's stories, an exact copy among them
    back_dated = min(EXTRA, key=lambda r: to_article(r).published)
    assert to_article(back_dated).published < to_article(first[-1]).published
    db = tmp_path / "latest.duckdb"
    import_records(db, first, extractions)

    def store(batch: list[dict]) -> list[str]:
        """screen → store, as the flow does, without linking; the ids stored."""
        rows, to_extract, _ = screen(db, [Pending(to_article(r), threshold=0.0) for r in batch],
                                     gate_relevance=False)
        extracted = [ArticleRow(p.article, "extracted", extraction=extractions[p.article.url], relevance=p.relevance)
                     for p in to_extract]
        with session(db) as con:
            store_articles(con, extracted + rows)
        return [row.article_id for row in extracted + rows]

    ids = store([back_dated])
    with session(db) as con:
        assert link_if_latest(con, ids) is None  # before what is linked: left for link_pending
        assert con.execute("select count(*) from link_members where article_id = ?", ids).fetchone() == (0,)
        stats = link_pending(con, ids)
    assert stats.units - stats.replayed == 1 and stats.replayed > 0  # it replayed the later decisions
    ids = store(later)
    with session(db) as con:
        stats = link_if_latest(con, ids)
    assert stats is not None and stats.linked == len(later) and stats.replayed == 0
    reference = tmp_path / "reference.duckdb"
    import_records(reference, records + [back_dated], extractions)
    assert signature(db) == signature(reference)


# ------------------------------------------------------------------------------------------------ extra cases


def test_extra_cases_link_without_merging_hard_negatives(extractions, tmp_path):
    db = tmp_path / "extra.duckdb"
    import_records(db, EXTRA, extractions)
    events, copies, _ = links(db)
    gold = {r["url"]: r["gold_event"] for r in EXTRA}
    assert bcubed(events, gold).f1 >= 0.9
    assert bcubed(events, gold).precision == 1.0  # Japan/EU 15 %, Mexico/Canada same day, Brazil/India 50 %
    assert hard_negative_merges(events, gold, HARD_NEGATIVES_EXTRA) == []
    assert duplicate_scores(copies, [(r["url"], r["gold_duplicate_of"]) for r in EXTRA
                                     if r["gold_duplicate_of"]]).recall == 1.0


# ------------------------------------------------------------------------------------------------ parts


def test_figures_read_the_same_in_both_languages():
    from extractors.article.dates import mentioned_dates
    from storage.linking.features import Mention

    en_text = "A 25% tariff on C$30 billion of goods from April 2, for 90 days."
    es_text = ("Un arancel de 25 por ciento a bienes por 30 mil millones de dólares desde el 2 de abril, "
               "por 90 días.")
    assert sorted(figures(en_text, "en")) == sorted(figures(es_text, "es")) == ["days:90", "money:30", "pct:25"]
    assert figures("about 1,400 tariff lines", "en") == figures("unas 1.400 fracciones", "es") == ["num:1400"]
    # Dates come from the extraction's date mentions (extractors.article.dates), not from a table of our own.
    found = []
    for text, language in ((en_text, "en"), (es_text, "es")):
        dates = [Mention(d.year, d.month, d.day, d.text) for d in mentioned_dates(text)]
        f = compute_features(["Tariff"], text, language, dates=dates)
        found.append((sorted(x for x in f.figures if x.startswith("date:")), f.dates))
    assert found[0] == found[1] == (["date:04-02"], ["--04-02"])


def test_spanish_trade_words_map_to_english():
    assert words("Los aranceles al acero y al aluminio del T-MEC", "es") == ["tariff", "steel", "aluminum", "usmca"]
    assert words("Tariffs on steel and aluminium under CUSMA", "en") == ["tariff", "steel", "aluminum", "usmca"]


def test_the_glossary_maps_phrases_goods_and_months_as_english_text_reads():
    # A phrase is matched as whole words before single words, and a gloss is reduced as English text is: "goods"
    # is the term English "goods" gives ("good"), "carne de cerdo" is pork, not meat.
    spanish = words("La Casa Blanca impuso aranceles a la carne de cerdo y a las mercancías en septiembre", "es")
    english = words("The White House imposed tariffs on pork and on goods in September", "en")
    assert sorted(spanish) == sorted(english) == ["good", "house", "imposed", "pork", "september", "tariff", "white"]
    # A phrase is whole words: "Lacasa blanca" holds no "casa blanca".
    assert "white" not in words("Lacasa blanca", "es")


def test_the_plural_of_a_glossary_noun_ending_in_e_reads_as_its_singular():
    # "coches" loses "es" to the plural stripper ("coch"); its singular, the word less its "s", is in the glossary.
    assert words("Los coches y los juguetes pagan aranceles", "es") == ["car", "toy", "pagan", "tariff"]
    assert words("El coche y el juguete", "es") == ["car", "toy"]


def test_a_glossary_word_with_two_meanings_is_an_error(tmp_path):
    from extractors.config import ConfigError
    from storage.linking.lexicon import _glossary

    path = tmp_path / "glossary.toml"
    path.write_text('[measures]\ncorte = "court"\n\n[goods]\ncorte = "cut"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="corte"):
        _glossary(path)
    path.write_text('[measures]\nArancel = "Tariff"\n[goods]\n"carne de res" = "beef"\n', encoding="utf-8")
    assert _glossary(path) == {"arancel": "tariff", "carne de res": "beef"}
    # the same meaning written two ways is one meaning; a blank Spanish word is an error
    path.write_text('[measures]\narancel = "Tariff"\n[goods]\narancel = "tariff "\n', encoding="utf-8")
    assert _glossary(path) == {"arancel": "tariff"}
    path.write_text('[measures]\n"  " = "tariff"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="empty Spanish word"):
        _glossary(path)


def test_features_use_extracted_leaders_and_the_knowledge_base():
    f = compute_features(["Ebrard viaja a Washington"], "El secretario se reunirá con Howard Lutnick.", "es",
                         leaders=["Marcelo Ebrard"], rates=[25.0])
    assert f.people == ["Howard Lutnick", "Marcelo Ebrard"]
    assert "Washington" in f.cities and "pct:25" in f.figures


def test_lsh_finds_near_copies_and_ignores_other_stories():
    original = CORPUS[16]["text"]
    edited = original.replace("U.S.", "US") + " One added sentence closes the copy."
    other = CORPUS[17]["text"]
    a, b, c = dedup.shingles(original), dedup.shingles(edited), dedup.shingles(other)
    assert dedup.jaccard(a, b) >= dedup.THRESHOLD > dedup.jaccard(a, c)
    assert set(dedup.band_keys(a)) & set(dedup.band_keys(b))
    assert not set(dedup.band_keys(a)) & set(dedup.band_keys(c))
    assert dedup.candidate_probability(0.6) > 0.98 and dedup.candidate_probability(0.2) < 0.06


def test_explain_leaves_the_database_as_it_was(corpus_db, tmp_path):
    db = tmp_path / "explain.duckdb"
    db.write_bytes(corpus_db.read_bytes())
    before = signature(db)
    with session(db) as con:
        trace = explain(con)
    assert len(trace) == len(CORPUS) - 3 - 4  # one step per unit scored: not exact copies nor near-copies
    assert signature(db) == before


def test_migration_from_the_first_schema_then_linking(tmp_path):
    import duckdb

    db = tmp_path / "old.duckdb"
    raw = duckdb.connect(str(db))
    raw.execute("create table schema_migrations (version integer primary key, name varchar not null, "
                "applied_at timestamptz not null default current_timestamp)")
    m001_initial_schema(raw)
    raw.execute("insert into schema_migrations (version, name) values (1, 'm001_initial_schema')")
    raw.close()
    con = connect(db)
    assert con.execute("select max(version) from schema_migrations").fetchone()[0] == len(MIGRATIONS)
    record = CORPUS[1]
    store_articles(con, [ArticleRow(to_article(record), "extracted", extraction=Extraction())])
    stats = link_pending(con)
    # A linked article can be stored again (its `authors` list is rewritten): article_events no longer
    # references articles. (An article with extraction rows cannot yet: leader_mentions etc. still do.)
    store_articles(con, [ArticleRow(replace(to_article(record), authors=["A. Writer"]), "extracted",
                                    extraction=Extraction())])
    again = link_pending(con)
    con.close()
    assert (stats.linked, stats.new_events) == (1, 1)
    assert again.linked == 0  # same body, date and title: nothing to link again


# ------------------------------------------------------------------------------------------------ replay


def _synthetic(n: int, per_day: int, seed: int) -> list[dict]:
    """`n` invented stories, `per_day` a day: events of two to five stories sharing rare words and a name."""
    from datetime import datetime, timedelta, timezone

    rnd = random.Random(seed)
    vocabulary = sorted({"".join(rnd.choice("bdfgklmnprstvz") + rnd.choice("aeiou") for _ in range(3))
                         for _ in range(6000)})
    names = ["Donald Trump", "Claudia Sheinbaum", "Mark Carney", "Xi Jinping", "Ursula von der Leyen",
             "Marcelo Ebrard", "Howard Lutnick", "Jamieson Greer", "Scott Bessent", "Dominic LeBlanc"]
    start = datetime(2024, 3, 1, 8, tzinfo=timezone.utc)
    stories: list[dict] = []
    while len(stories) < n:
        day = len(stories) // per_day
        topic = rnd.sample(vocabulary, 12) + [rnd.choice(names)]
        for _ in range(rnd.randint(2, 5)):
            when = start + timedelta(days=day, hours=rnd.uniform(0, 40))
            text = "\n\n".join(" ".join(rnd.sample(topic, 6) + rnd.sample(vocabulary, 8)) + "." for _ in range(4))
            stories.append({"url": f"https://synthetic.example/{len(stories)}", "title": " ".join(topic[:5]),
                            "published": when.isoformat(), "language": "en", "outlet": "Synthetic",
                            "text": text})
    return stories[:n]


def test_a_late_story_replays_only_what_it_can_change(tmp_path):
    stories = _synthetic(900, 20, seed=3)
    late = stories.pop(60)  # published on day 3, arrives after everything else
    db = tmp_path / "late.duckdb"
    with session(db) as con:
        store_articles(con, [ArticleRow(to_article(s), "extracted", extraction=Extraction()) for s in stories])
        link_pending(con)
        row = ArticleRow(to_article(late), "extracted", extraction=Extraction())
        store_articles(con, [row])
        stats = link_pending(con, [row.article_id])
        incremental = event_signature(con)
        # The story is taken back (stored again as skipped): its unit goes, and what it changed reverts.
        store_articles(con, [replace(row, status="skipped")])
        removed = link_pending(con, [row.article_id])
        without = event_signature(con)
        relink(con)
        assert event_signature(con) == without
        store_articles(con, [row])
        link_pending(con, [row.article_id])
        assert event_signature(con) == incremental
        relink(con)
        assert event_signature(con) == incremental
    assert 0 < stats.replayed < len(stories) - 60  # stopped once later decisions came out unchanged
    assert removed.units > 0


def test_an_undated_story_is_never_dated_by_its_storage_time(tmp_path):
    db = tmp_path / "undated.duckdb"
    record = dict(CORPUS[0], published=None, url="https://undated.example/story")
    with session(db) as con:
        store_articles(con, [ArticleRow(to_article(record), "extracted", extraction=Extraction())])
        stats = link_pending(con)
        first_seen, main_date, units = con.execute(
            "select e.first_seen, e.main_date, (select count(*) from link_units where ts < '9999-01-01') "
            "from events e join article_events ae using (event_id)").fetchone()
    assert (stats.linked, stats.new_events) == (1, 1)
    assert (first_seen, main_date, units) == (None, None, 0)  # no date, no time: not placed among dated stories


@pytest.mark.parametrize("days_after, joins", [(1, True), (13, True), (20, False)])
def test_an_undated_story_joins_no_event_two_weeks_or_more_from_the_day_it_mentions(tmp_path, days_after, joins):
    """Two stories of one event of our corpus: the second, undated, mentions a day `days_after` the first's date.
    Within undated.WINDOW_DAYS of the event it joins it; further away it starts its own event, however alike."""
    from datetime import datetime, timedelta

    from extractors.records import DateMention
    from storage.linking.undated import WINDOW_DAYS

    first, second = sorted((r for r in CORPUS if r["gold_event"] == "us-china-geneva-2025-05"
                            and not r.get("gold_duplicate_of")), key=lambda r: r["published"])[:2]
    day = datetime.fromisoformat(first["published"]) + timedelta(days=days_after)
    mention = DateMention(text=f"{day:%B} {day.day}", year=day.year, month=day.month, day=day.day, precision="day",
                          start=0, end=1)
    with session(tmp_path / "window.duckdb") as con:
        store_articles(con, [ArticleRow(to_article(first), "extracted", extraction=Extraction()),
                             ArticleRow(to_article(dict(second, published=None)), "extracted",
                                        extraction=Extraction(dates=[mention]))])
        link_pending(con)
        events, _, _ = predicted_links(con)
    assert (days_after <= WINDOW_DAYS) == joins
    assert (len(set(events.values())) == 1) == joins


@pytest.mark.parametrize("score, runner_up, joins", [
    (0.60, 0.56, False),   # high, but two events fit alike: no date to tell which decision it reports
    (0.60, 0.54, True),    # high with the small lead the content bar asks
    (0.52, 0.45, False),   # under the content bar, a small lead
    (0.52, 0.40, True),    # under the content bar, clear of every other candidate
    (0.47, 0.10, False),   # clear, but too little in common with any event
])
def test_an_undated_story_without_days_joins_on_content_a_clear_lead_may_stand_for_a_high_score(score, runner_up,
                                                                                                 joins):
    """A story that mentions no day is placed by content alone: it needs a high score and a small lead over the
    next event, or a slightly lower score and a clear lead (undated.CLEAR_THRESHOLD, undated.CLEAR_MARGIN)."""
    from storage.linking import undated

    assert undated.CLEAR_THRESHOLD <= 0.52 < undated.THRESHOLD_CONTENT <= 0.60
    assert undated.joins_on_content(score, runner_up) == joins


@pytest.mark.parametrize("clear_below, joins", [(0.01, True), (-0.01, False)])
def test_an_undated_story_without_days_under_the_content_bar_joins_the_one_event_it_fits(tmp_path, monkeypatch,
                                                                                         clear_below, joins):
    """Two stories of one event of our corpus, the second undated and mentioning no day, so the only candidate
    event: with the content bar set just above its score it still joins when the score reaches the clear bar (its
    lead over no other candidate is the whole score), and not when the clear bar is above it too."""
    from storage.linking import undated

    first, second = sorted((r for r in CORPUS if r["gold_event"] == "us-china-geneva-2025-05"
                            and not r.get("gold_duplicate_of")), key=lambda r: r["published"])[:2]
    with session(tmp_path / "clear.duckdb") as con:
        store_articles(con, [ArticleRow(to_article(first), "extracted", extraction=Extraction()),
                             ArticleRow(to_article(dict(second, published=None)), "extracted",
                                        extraction=Extraction())])
        link_pending(con)
        (step,) = [s for s in explain(con) if s["ukey"].startswith("9999") and s["candidates"]]
        score = step["candidates"][0][1]
        assert undated.CLEAR_MARGIN < score  # no other candidate: the lead is the score
        monkeypatch.setattr(undated, "THRESHOLD_CONTENT", score + 0.02)
        monkeypatch.setattr(undated, "CLEAR_THRESHOLD", score - clear_below)
        relink(con)
        events, _, _ = predicted_links(con)
    assert (len(set(events.values())) == 1) == joins


def _parts(words: float, neutral: float, other_language: bool) -> dict[str, float]:
    """Comparisons of a story with an event: every word similarity `words`, every other one `neutral`."""
    return {"terms": words, "lead": words, "people": neutral, "places": neutral, "figures": neutral,
            "core": neutral, "days": 0.0, "late": 0.0, "pause": 0.0, "novel_figures": 0.0,
            "other_language": float(other_language)}


@pytest.mark.parametrize("x", [0.0, 0.3, 0.8])
def test_the_language_neutral_sum_reads_like_the_hand_sum_when_words_agree_with_the_rest(x):
    """score.neutral_total is the hand sum without the word similarities, scaled to the full weight: when the
    words say what the names, places and figures say, both read the same."""
    from storage.linking import score as sc

    parts = _parts(x, x, other_language=True)
    assert sc.neutral_total(parts) == pytest.approx(sc.hand_total(parts))
    assert sc.neutral_total(dict(parts, pause=1.0)) == pytest.approx(sc.hand_total(parts) - sc.NOVEL_PAUSE)


@pytest.mark.parametrize("other_language, figures, leans", [
    (True, 0.9, True),     # the other language, the same figures: the words carry less than what reads alike
    (True, 0.2, False),    # the other language, other figures: most likely another decision of the dispute
    (False, 0.9, False),   # its own language: its words say as much as the rest
])
def test_a_no_day_story_against_an_event_in_the_other_language_leans_on_what_reads_alike(other_language, figures,
                                                                                         leans):
    """Across languages the words meet only through names, figures and the glossary: a Spanish story whose
    people, places and figures match an English event, but whose words barely do, scores partway between the
    hand sum and the language-neutral sum (undated.LEAN_ACROSS_LANGUAGES) when it shares the event's figures
    (undated.FIGURES_ACROSS_LANGUAGES); otherwise, and against an event in its own language, it is the hand
    sum."""
    from storage.linking import score as sc
    from storage.linking import undated

    parts = dict(_parts(0.1, 0.9, other_language), figures=figures)
    hand = sc.hand_total(parts)
    result = undated.content_score(sc.Score(hand, parts))
    assert 0.2 < undated.FIGURES_ACROSS_LANGUAGES <= 0.9
    if leans:
        lean = undated.LEAN_ACROSS_LANGUAGES
        assert 0.0 < lean < 1.0
        assert result.total == pytest.approx(hand + lean * (sc.neutral_total(parts) - hand))
        assert result.total > hand
    else:
        assert result.total == hand


MARMALADE_EN = {
    "url": "https://harbour-ledger.example/marmalade-duty", "language": "en", "outlet": "Harbour Ledger",
    "published": "2025-03-11T09:00:00+00:00",
    "title": "Sheinbaum answers Trump with a 35% duty on American marmalade",
    "text": "Mexico City. Claudia Sheinbaum said Mexico will charge a 35% duty on marmalade and jam shipped from "
            "the United States, answering the levy Donald Trump put on Mexican avocados.\n\nThe duty covers "
            "about $2.4 billion of fruit preserves, the economy ministry said in Mexico City.",
}
MARMALADE_ES = {
    "url": "https://diario-del-puerto.example/arancel-mermelada", "language": "es", "outlet": "Diario del Puerto",
    "published": None,
    "title": "Sheinbaum responde a Trump con un arancel del 35% a la mermelada estadounidense",
    "text": "Ciudad de México. Claudia Sheinbaum anunció que México cobrará un arancel del 35% a la mermelada "
            "y las confituras de Estados Unidos, en respuesta al gravamen de Donald Trump sobre el aguacate.\n\n"
            "La medida alcanza conservas de fruta por 2.400 millones de dólares, según la Secretaría de Economía.",
}


@pytest.mark.parametrize("lean", [0.0, 1.0])
def test_an_undated_story_without_days_is_scored_against_dated_events_of_the_other_language_as_read_alike(
        tmp_path, monkeypatch, lean):
    """An English story of an invented retaliation, dated, and its Spanish coverage, undated and naming no day:
    the Spanish story's score against the English event, as the linker traces it, is the hand sum with no lean
    and the language-neutral sum with a full one."""
    from storage.linking import score as sc
    from storage.linking import undated

    monkeypatch.setattr(undated, "LEAN_ACROSS_LANGUAGES", lean)
    with session(tmp_path / "lean.duckdb") as con:
        store_articles(con, [ArticleRow(to_article(r), "extracted", extraction=Extraction())
                             for r in (MARMALADE_EN, MARMALADE_ES)])
        link_pending(con)
        (step,) = [s for s in explain(con) if s["ukey"].startswith("9999") and s["candidates"]]
    (_, total, parts), = step["candidates"]
    assert parts["other_language"] == 1.0
    assert parts["figures"] >= undated.FIGURES_ACROSS_LANGUAGES  # the same duty and amount
    expected = sc.neutral_total(parts) if lean else sc.hand_total(parts)
    assert total == pytest.approx(expected)
    assert sc.neutral_total(parts) > sc.hand_total(parts)  # its words carry less than its names and figures


@pytest.mark.parametrize("lean", [0.0, 1.0])
def test_undated_stories_grouped_among_themselves_lean_alike_across_languages(tmp_path, monkeypatch, lean):
    """The same invented retaliation with both stories undated and naming no day: they are grouped among
    themselves, and the later one's score against the other's group, in the other language, leans as it would
    against a dated event."""
    from storage.linking import score as sc
    from storage.linking import undated

    monkeypatch.setattr(undated, "LEAN_ACROSS_LANGUAGES", lean)
    with session(tmp_path / "lean-among.duckdb") as con:
        store_articles(con, [ArticleRow(to_article(dict(r, published=None)), "extracted", extraction=Extraction())
                             for r in (MARMALADE_EN, MARMALADE_ES)])
        link_pending(con)
        (step,) = [s for s in explain(con) if s["candidates"]]
        events, _, _ = predicted_links(con)
    (_, total, parts), = step["candidates"]
    assert parts["other_language"] == 1.0 and parts["figures"] >= undated.FIGURES_ACROSS_LANGUAGES
    assert total == pytest.approx(sc.neutral_total(parts) if lean else sc.hand_total(parts))
    assert (len(set(events.values())) == 1) == (total >= undated.THRESHOLD_CONTENT)


@pytest.mark.parametrize("dated_side", ["en", "es"])
def test_undated_stories_grouped_among_themselves_lean_alike_whichever_names_the_day(tmp_path, monkeypatch,
                                                                                      dated_side):
    """The invented retaliation with both stories undated and only one of them naming a day: a group without
    days gives that day nothing to be compared with, so the pair is judged on content alone, its score leaning
    across languages, whether the story naming the day is decided first or second (before, it leaned only when
    the later story named no day, so the pair's fate hung on which article's id sorted first)."""
    from extractors.records import DateMention
    from storage.linking import score as sc
    from storage.linking import undated

    monkeypatch.setattr(undated, "LEAN_ACROSS_LANGUAGES", 1.0)
    mention = DateMention(text="March 11", year=2025, month=3, day=11, precision="day", start=0, end=1)
    with session(tmp_path / "lean-one-day.duckdb") as con:
        store_articles(con, [ArticleRow(to_article(dict(r, published=None)), "extracted",
                                        extraction=Extraction(dates=[mention] if r["language"] == dated_side else []))
                             for r in (MARMALADE_EN, MARMALADE_ES)])
        link_pending(con)
        (step,) = [s for s in explain(con) if s["candidates"]]
    (_, total, parts), = step["candidates"]
    assert parts["other_language"] == 1.0 and parts["figures"] >= undated.FIGURES_ACROSS_LANGUAGES
    assert total == pytest.approx(sc.neutral_total(parts))
