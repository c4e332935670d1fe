#!/usr/bin/env python3
"""Benchmark tradewire's deduplication and event linking: clustering quality and scale.

usage: python bench/linking.py [quality] [corpus] [demo] [scale] [--corpus PATH ...] [--sizes 1000,10000,100000]
                               [--no-nlp] [--orders N] [--keep DIR] [--demo-db PATH] [--explain]
                               [--split tune|holdout|both|NAME] [--real PATH] [--aligned JSON]
                               [--extraction-cache FILE]

quality  imports each corpus (default: tests/linking/corpus.jsonl) through the flow's own stages — screen
         (exact duplicates by body hash), extraction (the spaCy pipeline, once per article, unless --no-nlp),
         store, link_pending — in several orders: file order, reversed, N seeded shuffles, and the shuffles
         again in seven batches with link_pending after each (incremental), then `relink`. For each it prints
         B-cubed precision / recall / F1, near-duplicate precision / recall, hard-negative merges, and whether
         the events are identical to the file-order run's.
corpus   the real-article corpus (tests/corpus), each split on its own, holdout first: the articles written to a
         .jsonl file and read as `tradewire import` reads it (a text that states its date is dated from it), then
         screened, extracted, stored and linked like `quality`, in every order and batching, with the dates as
         given and again with `published` removed from half the articles (seeded). Prints B-cubed P / R / F1,
         hard-negative merges (hard_negatives.jsonl beside the articles), the Spanish articles that share an event
         with most of their event's English coverage, and whether the events equal the file order's. Only figures:
         per-article errors (--explain) are for our own corpora and the tune split, never the holdout.
         --real PATH --split NAME runs another file of the same format instead (a development set kept outside
         the repository, e.g. `--real /work/scratch/dev3/articles.jsonl --split dev3`). --aligned JSON maps gold
         event ids to the id another annotator gave the same happening ({"id": "id", ...}): a file annotated by
         language by two people who never compared ids names one event twice, and a Spanish story joining its
         English coverage is then counted wrong. The rows are scored on the ids as given, then as aligned.
demo     runs the demo ingest (`tradewire demo`: the bundled site over HTTP, the real flow) into a temporary
         database, or reads --demo-db, and scores its events and near-copies against config/demo/MANIFEST.toml.
scale    builds synthetic databases of 1k, 10k and 100k stored articles (50 a day, 10 a day in events of 2 to 8
         stories with shared names, places and figures, the rest singletons), linked by the real linker, then
         times link_pending for one new article dated after the last (PROBES articles linked with their ids, as
         the flow should call it, and PROBES with link_pending(con), which checks every stored article), on a
         copy of each database, and prints medians and minima, the candidate events scored and the earlier
         units the index returned per article. The databases are cached under
         --keep DIR (default /tmp/tradewire-bench-linking) because building 100k takes minutes.

Prints figures only; nothing here asserts a timing.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import pickle
import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from extractors.records import Extraction  # noqa: E402
from flows.stages import Pending, screen  # noqa: E402
from storage.articles import ArticleRow, store_articles  # noqa: E402
from storage.db import session  # noqa: E402
from storage.linking.eval import (bcubed, duplicate_scores, event_signature, hard_negative_merges,  # noqa: E402
                               load_corpus, predicted_links, to_article)
from storage.linking.linker import link_pending, relink  # noqa: E402
from storage.queries import list_events  # noqa: E402

CORPUS = REPO / "tests" / "linking" / "corpus.jsonl"


# ------------------------------------------------------------------------------------------------ importing


class Extractor:
    """The extraction pipeline with a per-URL cache (extraction is deterministic), or none at all.

    `cache`: a pickle file that keeps the extractions between runs (keyed by URL, published date and body), for
    repeated runs while tuning; leave it out to extract afresh. `pipeline`: an ExtractionPipeline to use (the
    tests' own)."""

    def __init__(self, nlp: bool, cache: Path | None = None, pipeline=None) -> None:
        self.nlp = nlp
        self.cache: dict[str, Extraction] = {}
        self._pipeline = pipeline
        self._file = cache
        if cache is not None and cache.exists():
            self.cache = pickle.loads(cache.read_bytes())

    def __call__(self, items: list[Pending]) -> list[Extraction]:
        # The published date is part of the key: extraction reads it (the year of a day written without one,
        # "effective Tuesday"), so an article imported undated must not reuse its dated extraction.
        key = {id(p): f"{p.article.url}|{p.article.published}|{hashlib.sha1(p.article.text.encode()).hexdigest()}"
               for p in items}
        todo = [p.article for p in items if key[id(p)] not in self.cache]
        if todo:
            if self.nlp:
                if self._pipeline is None:
                    from extractors.pipeline import ExtractionPipeline
                    self._pipeline = ExtractionPipeline()
                found = self._pipeline.extract(todo)
            else:
                found = [Extraction() for _ in todo]
            todo_keys = [key[id(p)] for p in items if key[id(p)] not in self.cache]
            self.cache.update(zip(todo_keys, found))
            if self._file is not None:
                self._file.write_bytes(pickle.dumps(self.cache))
        return [self.cache[key[id(p)]] for p in items]


def import_records(db: Path, records: list[dict], extractor: Extractor, batches: int = 1):
    """Import `records` (corpus lines, dicts) in the given order, in `batches` runs of screen → extract → store →
    link."""
    return import_articles(db, [to_article(r) for r in records], extractor, batches)


def import_articles(db: Path, articles: list, extractor: Extractor, batches: int = 1):
    """Import `articles` in the given order, in `batches` runs of screen → extract → store → link."""
    size = max(1, -(-len(articles) // batches))
    stats = []
    for start in range(0, len(articles), size):
        pending = [Pending(copy.copy(a), threshold=0.0) for a in articles[start:start + size]]
        rows, to_extract, _ = screen(db, pending, gate_relevance=False)
        extracted = [ArticleRow(p.article, "extracted", extraction=e, relevance=p.relevance)
                     for p, e in zip(to_extract, extractor(to_extract))]
        with session(db) as con:
            store_articles(con, extracted)
            store_articles(con, rows)
            stats.append(link_pending(con))
    return stats


def evaluate(db: Path, records: list[dict]) -> dict:
    gold = {r["url"]: r["gold_event"] for r in records}
    gold_dups = [(r["url"], r["gold_duplicate_of"]) for r in records if r.get("gold_duplicate_of")]
    with session(db, read_only=True) as con:
        events, copies, kinds = predicted_links(con)
        signature = event_signature(con)
        n_events = con.execute("select count(*) from events").fetchone()[0]
    near_gold = [(c, o) for c, o in gold_dups if _norm_body(records, c) != _norm_body(records, o)]
    near_pred = [(c, o) for c, o in copies if kinds.get(c) == "near"]
    return {
        "b3": bcubed(events, gold), "dups": duplicate_scores(copies, gold_dups),
        "near": duplicate_scores(near_pred, near_gold), "hard": hard_negative_merges(events, gold),
        "signature": signature, "events": n_events, "gold_events": len(set(gold.values())),
    }


def _norm_body(records: list[dict], url: str) -> str:
    from storage.articles import body_hash
    return next(body_hash(r["text"]) for r in records if r["url"] == url)


def explain_corpus(records: list[dict], extractor: Extractor) -> None:
    """Print, per story in canonical order, its gold event and the best candidate events with score parts."""
    from storage.linking.linker import explain
    by_id = {}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "explain.duckdb"
        import_records(db, records, extractor)
        with session(db) as con:
            for aid, url in con.execute("select article_id, url from articles").fetchall():
                by_id[aid] = url
            trace = explain(con)
    gold = {r["url"]: r["gold_event"] for r in records}
    event_gold: dict[str, str] = {}
    for step in trace:
        urls = [by_id[m] for m in step["members"]]
        g = gold.get(urls[0], "?")
        event_gold.setdefault(step["decision"], g)
        verdict = "ok" if event_gold[step["decision"]] == g else "WRONG"
        print(f"{step['ukey'][:16]} {g[:34]:34} -> {event_gold[step['decision']][:34]:34} {verdict}")
        for event_id, total, parts in step["candidates"][:3]:
            detail = " ".join(f"{k[:3]}={v:.2f}" for k, v in parts.items())
            print(f"      {total:6.3f} {event_gold.get(event_id, '?')[:30]:30} {detail}")


def quality(corpora: list[Path], nlp: bool, n_orders: int, keep: Path | None) -> None:
    extractor = Extractor(nlp)
    print(f"extraction: {'spaCy pipeline' if nlp else 'none (--no-nlp): text features only'}")
    for corpus in corpora:
        records = load_corpus(corpus)
        print(f"\n{corpus.relative_to(REPO) if corpus.is_relative_to(REPO) else corpus}: {len(records)} articles, "
              f"{len({r['gold_event'] for r in records})} gold events, "
              f"{sum(1 for r in records if r.get('gold_duplicate_of'))} gold duplicates")
        print(f"{'order':<22} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} {'events':>6} {'dup P':>6} {'dup R':>6} "
              f"{'near P':>6} {'near R':>6} {'hard':>5} {'same':>5} {'s/link':>7}")
        orders = corpus_orders(records, n_orders)
        reference = None
        with tempfile.TemporaryDirectory(dir=keep) as tmp:
            for n, (name, ordered, batches) in enumerate(orders):
                db = Path(tmp) / f"order{n}.duckdb"
                t0 = time.perf_counter()
                import_records(db, ordered, extractor, batches)
                seconds = time.perf_counter() - t0
                result = evaluate(db, records)
                reference = reference or result["signature"]
                _print_row(name, result, result["signature"] == reference, seconds)
                if n == len(orders) - 1:
                    with session(db) as con:
                        relink(con)
                    result = evaluate(db, records)
                    _print_row("  ... then relink", result, result["signature"] == reference, None)
            for a, b, merged in result["hard"]:
                print(f"  hard negative merged: {a} + {merged} article(s) of {b}")


# ------------------------------------------------------------------------------------------------ real corpus

REAL = REPO / "tests" / "corpus"
SPLITS = ("holdout", "tune")  # the holdout is printed first; its errors are never printed (see --explain)


def corpus_split(split: str, path: Path = REAL / "articles.jsonl") -> list[dict]:
    """The lines of one split of a real-article file (by default the corpus's), in file order, with their URLs as
    stored (canonical)."""
    from extractors.article.urls import canonical_url
    return [dict(r, url=canonical_url(r["url"])) for r in load_corpus(path) if r["split"] == split]


def as_imported(records: list[dict], undated: set[str], tmp: Path) -> list:
    """The Articles `tradewire import` makes of `records` written as a .jsonl file (so a text that states its
    date is dated from it, as an import does), with `published` left out for the ids in `undated`."""
    from flows.stages import read_local_files
    path = tmp / "corpus-import.jsonl"
    with open(path, "w", encoding="utf-8") as out:
        for r in records:
            line = {k: r[k] for k in ("url", "title", "outlet", "language", "text")}
            line["published"] = None if r["id"] in undated else r["published"]
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
    read = read_local_files([path])
    assert not read.errors, read.errors
    return [p.article for p in read.pending]


def en_es_shared(predicted: dict[str, str], records: list[dict]) -> tuple[int, int]:
    """(Spanish articles that share a predicted event with most — more than half — of the English articles of
    their gold event, Spanish articles whose gold event has English articles)."""
    english: dict[str, list[str]] = {}
    for r in records:
        if r["language"] == "en":
            english.setdefault(r["event"], []).append(r["url"])
    ok = total = 0
    for r in records:
        coverage = english.get(r["event"])
        if r["language"] != "es" or not coverage:
            continue
        total += 1
        ok += sum(predicted.get(u) == predicted.get(r["url"]) for u in coverage) * 2 > len(coverage)
    return ok, total


def corpus_orders(records: list[dict], n_orders: int) -> list[tuple[str, list[dict], int]]:
    orders = [("file order", list(records), 1), ("reversed", list(reversed(records)), 1)]
    for seed in range(n_orders):
        shuffled = list(records)
        random.Random(seed).shuffle(shuffled)
        orders.append((f"shuffle {seed}", shuffled, 1))
        orders.append((f"shuffle {seed}, 7 batches", shuffled, 7))
    return orders


def real_corpus(splits: list[str], nlp: bool, n_orders: int, cache: Path | None, seed: int = 20,
                path: Path = REAL / "articles.jsonl", aligned: dict[str, str] | None = None) -> dict:
    """B-cubed, hard-negative merges, EN<->ES sharing and sameness of the events on the real-article corpus (or
    another file of its format, `path`), for each split: dates as given, then `published` removed from half the
    articles (seeded); every order. `aligned` (gold id -> the id it is read as) adds the figures on those ids."""
    extractor = Extractor(nlp, cache)
    # A set's hard negatives lie beside its articles (the corpus's, or a development set's own file).
    hard_file = path.with_name("hard_negatives.jsonl")
    hard = [json.loads(line) for line in hard_file.read_text(encoding="utf-8").splitlines()
            if line.strip()] if hard_file.exists() else []
    print(f"extraction: {'spaCy pipeline' if nlp else 'none (--no-nlp): text features only'}")
    summary = {}
    for split in splits:
        records = corpus_split(split, path)
        if not records:
            raise SystemExit(f"{path} has no article of split {split!r}")
        gold = {r["url"]: r["event"] for r in records}
        pairs = [(h["a"], h["b"]) for h in hard if {h["a"], h["b"]} <= set(gold.values())]
        half = set(random.Random(seed).sample(sorted(r["id"] for r in records), len(records) // 2))
        for dates, undated in (("dates as given", set()), ("half undated", half)):
            n_undated = sum(1 for r in records if r["id"] in undated or not r["published"])
            print(f"\n{split}: {len(records)} articles, {len(set(gold.values()))} gold events, {len(pairs)} "
                  f"hard-negative pairs; {dates}: {n_undated} without a published date")
            print(f"{'order':<22} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} {'events':>6} {'hard':>5} "
                  f"{'EN-ES':>8} {'same':>5} {'s':>6}")
            reference, rows = None, []
            with tempfile.TemporaryDirectory() as tmp:
                for n, (name, ordered, batches) in enumerate(corpus_orders(records, n_orders)):
                    articles = as_imported(ordered, undated, Path(tmp))
                    db = Path(tmp) / f"order{n}.duckdb"
                    t0 = time.perf_counter()
                    import_articles(db, articles, extractor, batches)
                    seconds = time.perf_counter() - t0
                    steps = [(name, seconds)]
                    if n == len(corpus_orders(records, n_orders)) - 1:
                        steps.append(("  ... then relink", None))
                    for step, took in steps:
                        if took is None:
                            with session(db) as con:
                                relink(con)
                        with session(db, read_only=True) as con:
                            events, _, _ = predicted_links(con)
                            signature = event_signature(con)
                        reference = reference or signature
                        b3 = bcubed(events, gold)
                        merged = hard_negative_merges(events, gold, pairs)
                        ok, total = en_es_shared(events, records)
                        same = signature == reference
                        rows.append((b3.f1, len(merged), ok / total if total else 1.0, same))
                        print(f"{step:<22} {b3.precision:6.3f} {b3.recall:6.3f} {b3.f1:6.3f} "
                              f"{len(set(events.values())):>6} {len(merged):>5} {ok:>3}/{total:<3} "
                              f"{'yes' if same else 'NO':>5} {'' if took is None else f'{took:6.1f}'}"
                              + (_aligned_figures(events, records, aligned) if aligned else ""))
            summary[(split, dates)] = rows
    return summary


def _aligned_figures(events: dict[str, str], records: list[dict], aligned: dict[str, str]) -> str:
    """B-cubed P / R / F1 and EN<->ES sharing with the gold ids read through `aligned` (see --aligned)."""
    records = [dict(r, event=aligned.get(r["event"], r["event"])) for r in records]
    b3 = bcubed(events, {r["url"]: r["event"] for r in records})
    ok, total = en_es_shared(events, records)
    return f"   aligned: {b3.precision:.3f} {b3.recall:.3f} {b3.f1:.3f}, EN-ES {ok}/{total}"


def demo(db: Path | None) -> None:
    """Score the demo site's ingest (`tradewire demo`) against config/demo/MANIFEST.toml's event labels."""
    import tomllib
    manifest = tomllib.loads((REPO / "config" / "demo" / "MANIFEST.toml").read_text(encoding="utf-8"))
    pages = {p["path"]: p for p in manifest["page"] if p["kind"] == "article"}
    with tempfile.TemporaryDirectory() as tmp:
        if db is None:
            import os
            os.environ.setdefault("PREFECT_HOME", str(Path(tmp) / "prefect"))
            from flows.demo import run_demo
            from flows.settings import load_settings
            db = Path(tmp) / "demo.duckdb"
            run_demo(db, load_settings())
        with session(db, read_only=True) as con:
            events, copied, _ = predicted_links(con)
            titles = [(e["event_id"], e["title"], e["article_count"]) for e in list_events(con)]  # most recent first
    path = {url: url.split("/", 3)[3].split("?")[0] for url in events}
    gold = {url: pages[path[url]]["event"] for url in events if path[url] in pages}
    copies = [(path[c], path[o]) for c, o in copied]
    gold_copies = [(p, s) for p, page in pages.items() if (s := page.get("syndicated_from"))]
    b3, dups = bcubed(events, gold), duplicate_scores(copies, gold_copies)
    print(f"\ndemo site: {len(gold)} articles linked, {len(set(gold.values()))} gold events")
    print(f"  B3 P {b3.precision:.3f} R {b3.recall:.3f} F1 {b3.f1:.3f}; near-copies P {dups.precision:.2f} "
          f"R {dups.recall:.2f}")
    for event_id, title, count in titles:
        print(f"  {event_id}  {count}  {title}")


def _print_row(name: str, r: dict, same: bool, seconds: float | None) -> None:
    b3 = r["b3"]
    print(f"{name:<22} {b3.precision:6.3f} {b3.recall:6.3f} {b3.f1:6.3f} {r['events']:>3}/{r['gold_events']:<2} "
          f"{r['dups'].precision:6.2f} {r['dups'].recall:6.2f} {r['near'].precision:6.2f} {r['near'].recall:6.2f} "
          f"{len(r['hard']):>5} {'yes' if same else 'NO':>5} {'' if seconds is None else f'{seconds:7.1f}'}")


# ------------------------------------------------------------------------------------------------ scale

DENSITY = 50            # stories a day
PROBES = 10             # new articles timed each way per database size
START = datetime(2024, 1, 1, 6, 0, tzinfo=timezone.utc)


class Synthetic:
    """A deterministic stream of synthetic trade stories: 50 a day, about 12 a day in multi-story events.

    Words come from a pseudo-vocabulary (so no real text is involved); people are real names from the knowledge
    base and countries real country names, so the linker's gazetteer and index see what they see in real news.
    Each event has its own distinctive words, two or three people, a country pair, a city and two figures;
    its 2 to 8 stories spread over up to 3 days. The other stories are singletons drawn from the same pools.
    """

    def __init__(self, seed: int = 7) -> None:
        from extractors.kb import load_kb
        self.rnd = random.Random(seed)
        syllables = [c + v for c in "bcdfghklmnprstvz" for v in "aeiou"]
        words = sorted({self.rnd.choice(syllables) + self.rnd.choice(syllables) + self.rnd.choice(syllables)
                        for _ in range(40000)})
        self.rnd.shuffle(words)
        self.common, self.rare = words[:400], words[400:]
        kb = load_kb()
        self.people = sorted(p.name for p in kb.people)
        self.countries = sorted(c.name for c in kb.countries)[:60]
        self.cities = ["Geneva", "London", "Paris", "Busan", "Brussels", "Tokyo", "Ottawa", "Monterrey", "Toronto",
                       "Shanghai", "Davos", "Osaka", "Detroit", "Laredo", "Vancouver", "New York"]

    def topic(self) -> dict:
        r = self.rnd
        return {"words": r.sample(self.rare, 15), "people": r.sample(self.people, r.randint(1, 3)),
                "countries": r.sample(self.countries, 2), "city": r.choice(self.cities),
                "figures": [f"{r.choice([5, 10, 15, 20, 25, 30, 35, 40, 50, 60])}%",
                            f"{r.choice(['March', 'April', 'June', 'July', 'August'])} {r.randint(1, 28)}"]}

    def story(self, topic: dict, url: str, when: datetime) -> dict:
        r = self.rnd

        def sentence() -> str:
            parts = r.sample(topic["words"], 4) + r.sample(self.common, 6) + r.sample(self.rare, 2)
            parts.insert(r.randint(0, len(parts)), r.choice(topic["people"]))
            if r.random() < 0.5:
                parts.insert(r.randint(0, len(parts)), r.choice(topic["countries"]))
            if r.random() < 0.3:
                parts.insert(r.randint(0, len(parts)), r.choice(topic["figures"]))
            if r.random() < 0.2:
                parts.insert(r.randint(0, len(parts)), topic["city"])
            r.shuffle(parts)
            text = " ".join(parts)
            return text[0].upper() + text[1:] + "."

        paragraphs = [" ".join(sentence() for _ in range(3)) for _ in range(4)]
        title = " ".join(r.sample(topic["words"], 5) + [topic["people"][0].split()[-1]])
        title = title[0].upper() + title[1:]
        return {"url": url, "title": title, "published": when.isoformat(), "outlet": f"Outlet {r.randint(1, 40)}",
                "language": "en", "text": "\n\n".join(paragraphs)}

    def stories(self, n: int) -> list[dict]:
        out: list[dict] = []
        day = 0
        while len(out) < n:
            base = START + timedelta(days=day)
            todays: list[tuple[datetime, dict]] = []
            for _ in range(3):  # three new multi-story events a day
                topic = self.topic()
                for _ in range(self.rnd.randint(2, 8)):
                    todays.append((base + timedelta(hours=self.rnd.uniform(0, 72)), topic))
            while len(todays) < DENSITY:
                todays.append((base + timedelta(hours=self.rnd.uniform(0, 24)), self.topic()))
            for when, topic in todays[:DENSITY]:
                out.append(self.story(topic, f"https://synthetic.example/{len(out):07d}", when))
            day += 1
        return sorted(out[:n], key=lambda s: s["published"])


def build_scale_db(db: Path, n: int, chunk: int = 5000) -> float:
    """Store and link `n` synthetic stories in chronological chunks; returns the seconds it took."""
    stories = Synthetic().stories(n)
    started = time.perf_counter()
    for i in range(0, n, chunk):
        rows = [ArticleRow(to_article(s), "extracted", extraction=Extraction()) for s in stories[i:i + chunk]]
        with session(db) as con:
            store_articles(con, rows)
            link_pending(con)
        print(f"    {min(n, i + chunk):>7} stored and linked ({time.perf_counter() - started:6.0f} s)", flush=True)
    return time.perf_counter() - started


def scale(sizes: list[int], keep: Path) -> None:
    keep.mkdir(parents=True, exist_ok=True)
    print(f"\nscale: time of link_pending for one new article ({PROBES} each way), synthetic corpus, "
          f"{DENSITY} stories a day")
    results = []
    for n in sizes:
        db = keep / f"synthetic-{n}.duckdb"
        if not db.exists():
            print(f"  building {db} ...", flush=True)
            tmp = db.with_suffix(".building")
            tmp.unlink(missing_ok=True)
            build_scale_db(tmp, n)
            tmp.rename(db)
        probe = Path(tempfile.mkdtemp(dir=keep)) / "probe.duckdb"
        shutil.copyfile(db, probe)
        gen = Synthetic(seed=1000 + n)
        with session(probe) as con:
            last = con.execute("select max(published) from articles").fetchone()[0]
            stored = con.execute("select count(*) from articles").fetchone()[0]
            times, scan_times, stats = [], [], []
            for k in range(2 + 2 * PROBES):
                topic = gen.topic()
                when = last + timedelta(minutes=10 * (k + 1))
                story = gen.story(topic, f"https://synthetic.example/probe/{n}/{k}", when)
                row = ArticleRow(to_article(story), "extracted", extraction=Extraction())
                store_articles(con, [row])
                t0 = time.perf_counter()
                # Even rounds: as the flow links (the ids it stored); odd: link_pending(con) checks every article.
                st = link_pending(con, [row.article_id]) if k % 2 == 0 else link_pending(con)
                elapsed = time.perf_counter() - t0
                if k >= 2:  # the first two warm caches (knowledge base, compiled patterns)
                    (times if k % 2 == 0 else scan_times).append(elapsed)
                    stats.append(st)
        shutil.rmtree(probe.parent)
        ms = statistics.median(times) * 1000
        results.append((n, ms))
        scan_ms = statistics.median(scan_times) * 1000
        print(f"  {stored:>7} stored: {ms:6.1f} ms per article given its id (min {min(times) * 1000:.1f}), "
              f"{scan_ms:6.1f} ms checking all articles (min {min(scan_times) * 1000:.1f}); candidate events scored "
              f"{statistics.mean(s.candidates for s in stats):.1f}, units found by the index "
              f"{statistics.mean(s.key_hits for s in stats):.1f}, near-copy candidates "
              f"{statistics.mean(s.lsh_hits for s in stats):.1f}")
        results[-1] = (n, ms, scan_ms, min(times) * 1000, min(scan_times) * 1000)
    if len(results) > 1:
        (n0, a0, b0, c0, d0), (n1, a1, b1, c1, d1) = results[0], results[-1]
        print(f"  ratio {n1} / {n0} stored: given ids {a1 / a0:.2f}x (medians), {c1 / c0:.2f}x (minima); "
              f"checking all {b1 / b0:.2f}x (medians), {d1 / d0:.2f}x (minima)")


# ------------------------------------------------------------------------------------------------ main


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    parser.add_argument("what", nargs="*", help="quality, demo, scale (default: all three)")
    parser.add_argument("--corpus", action="append", type=Path)
    parser.add_argument("--no-nlp", action="store_true", help="link on text features only (no spaCy)")
    parser.add_argument("--orders", type=int, default=3, help="seeded shuffles (each also in 7 batches)")
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--keep", type=Path, default=Path("/tmp/tradewire-bench-linking"))
    parser.add_argument("--explain", action="store_true", help="print every story's candidates and scores")
    parser.add_argument("--demo-db", type=Path, help="for `demo`: score this database instead of running the demo")
    parser.add_argument("--split", help="for `corpus`: tune, holdout or both (holdout first; the default); with "
                        "--real, that file's split (the default: every split the file holds)")
    parser.add_argument("--real", type=Path, default=REAL / "articles.jsonl",
                        help="for `corpus`: a file of real articles in the corpus's format (default: tests/corpus)")
    parser.add_argument("--aligned", type=Path, help="for `corpus`: a JSON map of gold event ids read as one")
    parser.add_argument("--extraction-cache", type=Path, help="keep extractions between runs in this pickle file")
    args = parser.parse_args(argv)
    if args.explain:
        for corpus in args.corpus or [CORPUS]:
            explain_corpus(load_corpus(corpus), Extractor(not args.no_nlp))
        return
    what = args.what or ["quality", "corpus", "demo", "scale"]
    if "corpus" in what:
        if args.split is None and args.real != REAL / "articles.jsonl":
            splits = sorted({r["split"] for r in load_corpus(args.real)})
        else:
            split = args.split or "both"
            splits = [s for s in SPLITS if split in (s, "both")] or [split]
        aligned = None
        if args.aligned:
            aligned = {k: v for k, v in json.loads(args.aligned.read_text(encoding="utf-8")).items()
                       if not k.startswith("_")}  # "_why": the file's note
        real_corpus(splits, not args.no_nlp, args.orders, args.extraction_cache, path=args.real, aligned=aligned)
    if "quality" in what:
        quality(args.corpus or [CORPUS], not args.no_nlp, args.orders, None)
    if "demo" in what:
        demo(args.demo_db)
    if "scale" in what:
        scale([int(x) for x in args.sizes.split(",")], args.keep)


if __name__ == "__main__":
    main()
