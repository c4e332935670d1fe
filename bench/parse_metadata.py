#!/usr/bin/env python3
"""Title, author and date accuracy of tradewire's page parser on real pages and on our own, next to trafilatura
and htmldate measured in the same run.

usage: python bench/parse_metadata.py [--web-metadata DATASET_DIR|-] [--split tune|holdout|all] [--sources]
                                      [--pages tests/data/pages_labels.jsonl|-] [--benchmark DATASET_DIR|-]
                                      [--dated-texts tests/data/dated_texts.jsonl] [--failures] [--no-baselines]

What it does, in one run:
  1. web-metadata (``--web-metadata``, default ../shared/datasets/web-metadata: 1,112 real pages, gold title,
     author and date, split once into tune and holdout): gunzips the pages into a temporary folder as
     ``tools/prepare_meta.sh`` does, reads each ``<id>.html`` as ``tradewire extract`` reads it
     (``extractors.article.inputs.read_inputs``), runs trafilatura 2.3.1 ``bare_extraction(with_metadata=True)``
     and htmldate ``find_date(extensive_search=True, original_date=True)`` on the same bytes, writes one JSON
     Lines file per system in the ``extract`` shape and scores each with the dataset's own scorer
     (``tools/score_meta.py``, run as a subprocess) on holdout, then tune: title (exact after folding), date
     (the day), author (the gold's first surname among ours), author precision (our names' surnames in the
     gold). Every choice was made on tune; holdout is reported first. ``--sources`` adds, on tune, how often each
     date and author source of ours is right when it answers (the weights and order in
     ``extractors/article/page_dates.py`` and ``authors.py``);
  2. our 38 labelled pages of ``tests/data/pages/`` (regression set): every field against
     ``tests/data/pages_labels.jsonl`` with the rules of ``tests/data/README.md`` (dates compared as instants
     when zoned, naive when the page gives no zone, on the date when the label is date-only; a title may match
     ``title_alternatives``), beside ``trafilatura.extract_metadata`` and htmldate's ``find_date``;
  3. the dated-text set (``tests/data/dated_texts.jsonl``, 78 texts of ours in English and Spanish): the date a
     ``.txt`` import gets from the text, right to the day, and how many undated texts got a date (invented);
  4. the 181 real pages of the article-extraction benchmark (all of them articles): how many ours calls
     non-articles, with the reasons.
Only ids, counts and figures are printed, never page text.

Fields of our pages: ``published``/``modified`` are scored strictly (README rules); ``published_day`` only asks
for the right calendar day as the page states it, which is all a date-only extractor can give.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

LABELS = REPO / "tests" / "data" / "pages_labels.jsonl"
DATED_TEXTS = REPO / "tests" / "data" / "dated_texts.jsonl"
BENCHMARK = Path("/work/shared/datasets/article-extraction-benchmark")
WEB_METADATA = Path("/work/shared/datasets/web-metadata")
FIELDS = ("is_article", "title", "authors", "published", "published_day", "modified", "language",
          "canonical_url", "charset", "body_first", "body_last")
# Byte sequences that only appear when text was decoded with the wrong charset.
MOJIBAKE = re.compile("[\ufffd]|Ã[\x80-\xbf¡-ÿ]|â€|Â[\xa0-\xbf]")


# ---------------------------------------------------------------- label comparison (README rules)


def load_labels(path: Path = LABELS) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _label_value(text: str | None) -> datetime | date | None:
    """A label date: date-only labels become `date`, others a naive or aware `datetime`."""
    if text is None:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return date.fromisoformat(text)
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def date_matches(label: str | None, ours: datetime | str | None) -> bool:
    """README rules: aware = same instant, naive stays naive and equal, date-only matches on the date."""
    if isinstance(ours, str):
        ours = _parse_iso(ours)
    gold = _label_value(label)
    if gold is None or ours is None:
        return gold is None and ours is None
    if not isinstance(gold, datetime):
        return ours.date() == gold
    if gold.tzinfo is None:
        return ours.tzinfo is None and ours == gold
    return ours.tzinfo is not None and ours == gold


def day_matches(label: str | None, ours: datetime | str | None) -> bool:
    """The calendar day as the page states it (local date of the label), whatever the time or zone."""
    if isinstance(ours, str):
        ours = _parse_iso(ours)
    gold = _label_value(label)
    if gold is None or ours is None:
        return gold is None and ours is None
    gold_day = gold.date() if isinstance(gold, datetime) else gold
    if isinstance(gold, datetime) and gold.tzinfo is not None and ours.tzinfo is not None:
        ours = ours.astimezone(gold.tzinfo)
    return ours.date() == gold_day


def _parse_iso(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def _norm_title(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "").replace("’", "'").replace("‘", "'")).strip().casefold()


def title_matches(label: dict[str, Any], ours: str | None) -> bool:
    wanted = [label["title"], *label.get("title_alternatives", [])]
    return _norm_title(ours) in {_norm_title(t) for t in wanted}


def authors_match(label: list[str], ours: list[str]) -> bool:
    return [a.strip() for a in ours] == label


def charset_matches(label: str, ours: str, text: str, raw: bytes) -> bool:
    """The decoded text is what the label's charset gives (latin-1 read as its superset cp1252 is fine)."""
    return text == raw.decode({"windows-1252": "cp1252"}.get(label, label), errors="replace") or (
        label == "iso-8859-1" and text == raw.decode("cp1252", errors="replace"))


def _words_in(body: str, words: str | None) -> bool:
    if words is None:
        return True
    squash = lambda s: re.sub(r"\s+", " ", s).strip()  # noqa: E731
    return squash(words) in squash(body)


def score_ours(label: dict[str, Any], raw: bytes) -> tuple[dict[str, bool], dict[str, Any]]:
    from extractors.article.charset import decode_html
    from extractors.article.parse import parse_html

    page = parse_html(raw, url=label["url"])
    art = page.article
    text, _ = decode_html(raw)
    got = {
        "is_article": page.is_article, "reason": page.reason, "title": art.title, "authors": art.authors,
        "published": art.published, "modified": art.modified, "language": art.language,
        "canonical_url": page.metadata.canonical_url, "charset": page.charset, "body": art.text,
    }
    ok = {
        "is_article": page.is_article == label["is_article"],
        "title": title_matches(label, art.title),
        "authors": authors_match(label["authors"], art.authors),
        "published": date_matches(label["published"], art.published),
        "published_day": day_matches(label["published"], art.published),
        "modified": date_matches(label["modified"], art.modified),
        "language": art.language == label["language"],
        "canonical_url": page.metadata.canonical_url == label["canonical_url"],
        "charset": charset_matches(label["charset"], page.charset, text, raw)
        and not MOJIBAKE.search(f"{art.title} {' '.join(art.authors)} {art.text}"),
        "body_first": _words_in(art.text, label["body_first_words"]),
        "body_last": _words_in(art.text, label["body_last_words"]),
    }
    return ok, got


# ---------------------------------------------------------------- baselines


def score_trafilatura(label: dict[str, Any], raw: bytes) -> dict[str, bool | None]:
    from trafilatura import extract_metadata
    from trafilatura.utils import load_html

    tree = load_html(raw)
    meta = extract_metadata(tree, default_url=label["url"],
                            date_config={"outputformat": "%Y-%m-%dT%H:%M:%S%z", "extensive_search": True,
                                         "original_date": True})
    authors = [a.strip() for a in (meta.author or "").split(";") if a.strip()] if meta else []
    return {
        "title": title_matches(label, meta.title if meta else None),
        "authors": authors_match(label["authors"], authors),
        "published": _baseline_date(label["published"], meta.date if meta else None),
        "published_day": day_matches(label["published"], _parse_iso(meta.date) if meta and meta.date else None),
        "modified": None,
        # extract_metadata leaves language empty unless asked for a target language: "-" in the table
        "language": None if not meta or not meta.language else meta.language[:2].lower() == label["language"],
        "canonical_url": (meta.url if meta else None) == label["canonical_url"],
    }


def score_htmldate(label: dict[str, Any], raw: bytes) -> dict[str, bool | None]:
    from htmldate import find_date

    fmt = "%Y-%m-%dT%H:%M:%S%z"
    published = find_date(raw, original_date=True, outputformat=fmt, url=label["url"])
    modified = find_date(raw, original_date=False, outputformat=fmt, url=label["url"])
    return {
        "published": _baseline_date(label["published"], published),
        "published_day": day_matches(label["published"], _parse_iso(published) if published else None),
        # htmldate always returns a date; "the page has no modification date" cannot be expressed
        "modified": _baseline_date(label["modified"], modified),
    }


def _baseline_date(label: str | None, value: str | None) -> bool:
    """A baseline's "%Y-%m-%dT%H:%M:%S%z" string; midnight without a zone is how it writes a date-only value."""
    parsed = _parse_iso(value) if value else None
    if parsed is not None and label and re.fullmatch(r"\d{4}-\d{2}-\d{2}", label):
        return parsed.date() == date.fromisoformat(label)
    return date_matches(label, parsed)


# ---------------------------------------------------------------- benchmark pages (all articles)


def benchmark_false_non_articles(dataset: Path) -> tuple[int, int, Counter, list[str]]:
    """(pages, pages called non-articles, reasons, ids) over the benchmark's html/*.html.gz (all articles)."""
    from extractors.article.parse import parse_html

    reasons: Counter = Counter()
    wrong: list[str] = []
    files = sorted((dataset / "html").glob("*.html.gz"))
    for path in files:
        raw = gzip.open(path, "rb").read()
        page = parse_html(raw, url=f"https://benchmark.example/{path.name[:-8]}")
        if not page.is_article:
            reasons[page.reason] += 1
            wrong.append(path.name[:-8])
    return len(files), len(wrong), reasons, wrong


def demo_site_check() -> tuple[int, list[str]]:
    """(pages, paths whose article/non-article verdict disagrees with config/demo/MANIFEST.toml)."""
    import tomllib

    from extractors.article.parse import parse_html

    manifest = tomllib.loads((REPO / "config" / "demo" / "MANIFEST.toml").read_text(encoding="utf-8"))
    wrong = []
    for page in manifest["page"]:
        content = (REPO / "config" / "demo" / "site" / page["path"]).read_bytes()
        content = content.replace(b"{{BASE_URL}}", b"http://127.0.0.1:8765")
        result = parse_html(content, url=f"http://127.0.0.1:8765/{page['path']}")
        if result.is_article != (page["kind"] != "index"):
            wrong.append(page["path"])
    return len(manifest["page"]), wrong


# ---------------------------------------------------------------- web-metadata (real pages)


def web_metadata_pages(dataset: Path, work: Path, split: str) -> list[Path]:
    """Gunzip the split's pages into ``work`` as ``<id>.html`` (what tools/prepare_meta.sh does)."""
    paths = []
    for line in (dataset / "gold.jsonl").read_text(encoding="utf8").splitlines():
        record = json.loads(line)
        if split in ("all", record["split"]):
            path = work / f"{record['id']}.html"
            path.write_bytes(gzip.open(dataset / "html" / f"{record['id']}.html.gz", "rb").read())
            paths.append(path)
    return paths


def web_metadata_systems(paths: list[Path], baselines: bool) -> tuple[dict[str, list[dict]], dict[str, float],
                                                                     list[tuple[str, Any]]]:
    """Predictions in the ``extract`` shape per system, seconds per system, and our metadata per page (for
    ``--sources``)."""
    import logging
    import warnings

    from bs4 import XMLParsedAsHTMLWarning

    from extractors.article.inputs import read_inputs
    from extractors.article.parse import parse_html

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    warnings.filterwarnings("ignore", category=XMLParsedAsHTMLWarning)  # a few real pages are XHTML
    preds: dict[str, list[dict]] = {"tradewire": [], "trafilatura": [], "htmldate": []}
    seconds: Counter = Counter()
    metadata: list[tuple[str, Any]] = []
    for path in paths:
        t0 = time.perf_counter()
        document = next(read_inputs([path]))  # exactly what `tradewire extract PATH` parses
        seconds["tradewire"] += time.perf_counter() - t0
        article = document.article
        preds["tradewire"].append({"source": str(path), "title": article.title if article else None,
                                   "authors": article.authors if article else [],
                                   "published": article.published.isoformat() if article and article.published
                                   else None})
        # the same parse again, for its diagnostics (each source's answer); not timed
        metadata.append((path.stem, parse_html(path.read_bytes(), url=path.resolve().as_uri()).metadata))
        if not baselines:
            continue
        raw = path.read_bytes()
        t0 = time.perf_counter()
        preds["trafilatura"].append({"source": str(path), **_trafilatura_metadata(raw)})
        seconds["trafilatura"] += time.perf_counter() - t0
        t0 = time.perf_counter()
        preds["htmldate"].append({"source": str(path), "title": None, "authors": [],
                                  "published": _htmldate(raw)})
        seconds["htmldate"] += time.perf_counter() - t0
    return {k: v for k, v in preds.items() if v}, seconds, metadata


def _trafilatura_metadata(raw: bytes) -> dict[str, Any]:
    """trafilatura's title, author (its string, as one name: a list padded with names is what the precision
    figure catches) and date."""
    from trafilatura import bare_extraction

    try:
        found = bare_extraction(raw, with_metadata=True)
    except Exception:
        found = None
    if found is None:
        return {"title": None, "authors": [], "published": None}
    return {"title": found.title, "authors": [found.author] if found.author else [], "published": found.date}


def _htmldate(raw: bytes) -> str | None:
    from htmldate import find_date

    try:
        return find_date(raw, extensive_search=True, original_date=True)
    except Exception:
        return None


def score_web_metadata(scorer: Path, dataset: Path, preds: list[dict], split: str, work: Path, tag: str) -> dict:
    """The dataset's own scorer on one system's predictions."""
    pred, out = work / f"{tag}.jsonl", work / f"{tag}-{split}.json"
    pred.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds), encoding="utf8")
    subprocess.run([sys.executable, str(scorer), str(dataset), str(pred), "--split", split, "--json", str(out)],
                   check=True, capture_output=True)
    return json.loads(out.read_text())


def source_accuracy(dataset: Path, metadata: list[tuple[str, Any]]) -> tuple[dict, dict]:
    """On the tune pages: for each date source, (pages where it answered, where its day is the gold day); for
    each author source, (pages where it answered, where it names the gold's first author, names given, names
    right) — scored as tools/score_meta.py scores."""
    sys.path.insert(0, str(dataset.resolve().parent.parent / "tools"))
    import score_meta as scoring

    gold = {json.loads(l)["id"]: json.loads(l) for l in (dataset / "gold.jsonl").read_text("utf8").splitlines()}
    dates: dict[str, list[int]] = {}
    authors: dict[str, list[int]] = {}
    for pid, meta in metadata:
        record = gold[pid]
        if record["split"] != "tune":
            continue
        if isinstance(record.get("date"), str):
            for source, value in meta.date_candidates.items():
                counts = dates.setdefault(source, [0, 0])
                counts[0] += 1
                counts[1] += value.date().isoformat() == scoring.day(record["date"])
        if record.get("author"):
            surname = scoring.gold_surname(record["author"])
            words = set(re.findall(r"[^\W_]+", scoring.norm(record["author"])))
            for source, names in meta.author_candidates.items():
                counts = authors.setdefault(source, [0, 0, 0, 0])
                counts[0] += 1
                counts[1] += bool(surname) and re.search(
                    r"(?<![^\W_])" + re.escape(surname or "") + r"(?![^\W_])", scoring.norm(" ".join(names))) is not None
                counts[2] += len(names)
                counts[3] += sum(bool(w) and w[-1] in words for w in (re.findall(r"[^\W_]+", scoring.norm(n))
                                                                      for n in names))
    return dates, authors


def report_web_metadata(args: argparse.Namespace) -> None:
    scorer = args.web_metadata.resolve().parent.parent / "tools" / "score_meta.py"
    if not scorer.exists():
        print(f"\nweb-metadata: scorer not found at {scorer}; skipped")
        return
    splits = ["holdout", "tune"] if args.split == "all" else [args.split]
    with tempfile.TemporaryDirectory(prefix="tw-bench-meta-") as tmp:
        work = Path(tmp)
        pages = work / "html"
        pages.mkdir()
        paths = web_metadata_pages(args.web_metadata, pages, args.split)
        preds, seconds, metadata = web_metadata_systems(paths, not args.no_baselines)
        print(f"\nweb-metadata: {len(paths)} real pages (tools/score_meta.py; choices made on tune, holdout "
              f"reported first)")
        print(f"{'split':<8} {'system':<12} {'title':>6} {'date':>6} {'author':>7} {'author P':>9} {'names':>6} "
              f"{'ms/page':>8}")
        for split in splits:
            for name, rows in preds.items():
                m = score_web_metadata(scorer, args.web_metadata, rows, split, work, name)
                no_field = {"htmldate": ("title", "author")}.get(name, ())
                cell = lambda key, field: f"{'-':>6}" if field in no_field else f"{m[key]:6.3f}"  # noqa: E731
                precision = f"{'-':>9}" if "author" in no_field else f"{m['author_precision']:9.3f}"
                print(f"{split:<8} {name:<12} {cell('title_acc', 'title')} {cell('date_acc', 'date')} "
                      f"{cell('author_acc', 'author'):>7} {precision} {m['title_docs']:>3}/{m['date_docs']}/"
                      f"{m['author_docs']} {1000 * seconds[name] / len(paths):8.1f}")
        if args.sources:
            dates, authors = source_accuracy(args.web_metadata, metadata)
            print("\ntune, date sources (pages answered, right day):")
            for source, (n, right) in sorted(dates.items(), key=lambda kv: -kv[1][0]):
                print(f"  {source:<16} {right:>4}/{n:<4} {right / n:.3f}")
            print("tune, author sources (pages answered, first author named, precision of names):")
            for source, (n, right, names, names_right) in sorted(authors.items(), key=lambda kv: -kv[1][0]):
                print(f"  {source:<16} {right:>4}/{n:<4} {right / n:.3f}   precision {names_right}/{names} "
                      f"{names_right / max(1, names):.3f}")


# ---------------------------------------------------------------- dated texts


def report_dated_texts(path: Path) -> None:
    """The date a `.txt` import reads from each text of the dated-text set (tests/data/README.md, section 3)."""
    from extractors.article.inputs import article_from_text

    rows = [json.loads(line) for line in path.read_text(encoding="utf8").splitlines() if line.strip()]
    by_cue: dict[str, list[int]] = {}
    right = invented = dated = 0
    for row in rows:
        article = article_from_text(row["text"], url=f"file:///dated/{row['id']}.txt")
        got = article.published.date().isoformat() if article.published else None
        cue = row["note"].split(" — ")[0]
        counts = by_cue.setdefault(cue, [0, 0])
        counts[0] += 1
        counts[1] += got == row["published"]
        if row["published"] is None:
            invented += got is not None
        else:
            dated += 1
            right += got == row["published"]
    undated = len(rows) - dated
    print(f"\ndated texts ({path.name}, {len(rows)} texts of ours, en/es): right to the day {right}/{dated} "
          f"({right / max(1, dated):.3f}); undated given a date: {invented}/{undated}")
    for cue, (n, ok) in sorted(by_cue.items()):
        print(f"  {cue:<28} {ok:>2}/{n}")


# ---------------------------------------------------------------- report


def report_labelled_pages(args: argparse.Namespace) -> None:
    """Our labelled pages, every field, beside trafilatura and htmldate."""
    labels = load_labels(args.pages)
    base = args.pages.parent
    ours: dict[str, list[bool]] = {f: [] for f in FIELDS}
    traf: dict[str, list[bool]] = {}
    hd: dict[str, list[bool]] = {}
    failures = []
    timing = Counter()
    for label in labels:
        raw = (base / label["file"]).read_bytes()
        t0 = time.perf_counter()
        ok, got = score_ours(label, raw)
        timing["ours"] += time.perf_counter() - t0
        for f in FIELDS:
            ours[f].append(ok[f])
            if not ok[f]:
                failures.append((label["file"], f, got.get(f.replace("_day", ""), got.get("body", "")[:0])))
        if args.no_baselines:
            continue
        t0 = time.perf_counter()
        for f, v in score_trafilatura(label, raw).items():
            traf.setdefault(f, []).append(v)
        timing["trafilatura"] += time.perf_counter() - t0
        t0 = time.perf_counter()
        for f, v in score_htmldate(label, raw).items():
            hd.setdefault(f, []).append(v)
        timing["htmldate"] += time.perf_counter() - t0

    def cell(values: list[bool | None] | None) -> str:
        if not values or all(v is None for v in values):
            return f"{'-':>13}"
        hits = sum(bool(v) for v in values)
        return f"{hits:>3}/{len(values):<3} {hits / len(values):5.3f}"

    n = len(labels)
    print(f"\nour labelled pages: {n} ({sum(l['is_article'] for l in labels)} articles)\n")
    print(f"{'field':<15} {'tradewire':>13} {'trafilatura':>13} {'htmldate':>13}")
    for f in FIELDS:
        print(f"{f:<15} {cell(ours[f])} {cell(traf.get(f))} {cell(hd.get(f))}")
    all_ok = sum(all(ours[f][i] for f in FIELDS) for i in range(n))
    print(f"{'all fields':<15} {all_ok:>3}/{n:<3} {all_ok / n:5.3f}")
    print("\nseconds for all pages: " + ", ".join(f"{k} {v:.2f}" for k, v in timing.items()))
    if args.failures and failures:
        print("\nfailures (ours):")
        for file, f, value in failures:
            print(f"  {file:<45} {f:<14} got {value!r}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=Path, default=LABELS, help="labels file (pages are next to it); '-' to skip")
    ap.add_argument("--benchmark", type=Path, default=BENCHMARK,
                    help="article-extraction-benchmark folder (html/*.html.gz); '-' to skip")
    ap.add_argument("--web-metadata", type=Path, default=WEB_METADATA,
                    help="web-metadata folder (gold.jsonl, html/<id>.html.gz); '-' to skip")
    ap.add_argument("--split", choices=("tune", "holdout", "all"), default="all", help="web-metadata split")
    ap.add_argument("--sources", action="store_true", help="each date and author source's accuracy on tune")
    ap.add_argument("--dated-texts", type=Path, default=DATED_TEXTS, help="dated-text set; '-' to skip")
    ap.add_argument("--failures", action="store_true", help="list every failing field of ours, page by page")
    ap.add_argument("--no-baselines", action="store_true", help="skip trafilatura and htmldate")
    args = ap.parse_args()

    if str(args.web_metadata) != "-" and (args.web_metadata / "gold.jsonl").is_file():
        report_web_metadata(args)
    if str(args.dated_texts) != "-":
        report_dated_texts(args.dated_texts)

    if str(args.pages) != "-":
        report_labelled_pages(args)

    demo_total, demo_wrong = demo_site_check()
    print(f"\ndemo site pages: {demo_total}; article/non-article verdicts that disagree with the manifest: "
          f"{len(demo_wrong)}" + (f" ({', '.join(demo_wrong)})" if demo_wrong else ""))

    if str(args.benchmark) != "-" and (args.benchmark / "html").is_dir():
        t0 = time.perf_counter()
        total, wrong, reasons, ids = benchmark_false_non_articles(args.benchmark)
        print(f"\nbenchmark pages (all articles): {total}; called non-articles by tradewire: {wrong} "
              f"({time.perf_counter() - t0:.1f}s)")
        for reason, count in reasons.most_common():
            print(f"  {reason}: {count}")
        if ids:
            print("  ids: " + " ".join(i[:16] for i in ids))
    return 0


if __name__ == "__main__":
    sys.exit(main())
