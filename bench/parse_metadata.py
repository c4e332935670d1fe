#!/usr/bin/env python3
"""Per-field accuracy of tradewire's page parser on the labelled pages, next to trafilatura and htmldate.

usage: python bench/parse_metadata.py [--pages tests/data/pages_labels.jsonl] [--benchmark DATASET_DIR]
                                      [--failures] [--no-baselines]

What it does, in one run:
  1. parses every labelled page of ``tests/data/pages/`` (raw bytes, the label's ``url``) with
     ``extractors.article.parse.parse_html`` and scores each field against ``tests/data/pages_labels.jsonl`` with the
     rules of ``tests/data/README.md`` (dates compared as instants when zoned, naive when the page gives no zone,
     on the date when the label is date-only; a title may match ``title_alternatives``);
  2. runs the baselines on the same bytes: ``trafilatura.extract_metadata`` (title, author, date, url, language)
     and htmldate's ``find_date`` (published = ``original_date=True``, modified = ``original_date=False``), both
     asked for full timestamps so they are not penalised for a format choice;
  3. parses the 181 real pages of the article-extraction benchmark (all of them articles) and counts how many
     ours calls non-articles, with the reasons. Only ids and counts are printed, never page text.

Fields: ``published``/``modified`` are scored strictly (README rules); ``published_day`` only asks for the right
calendar day as the page states it, which is all a date-only extractor can give.
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

LABELS = REPO / "tests" / "data" / "pages_labels.jsonl"
BENCHMARK = Path("/work/shared/datasets/article-extraction-benchmark")
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


# ---------------------------------------------------------------- report


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=Path, default=LABELS, help="labels file (pages are next to it)")
    ap.add_argument("--benchmark", type=Path, default=BENCHMARK,
                    help="article-extraction-benchmark folder (html/*.html.gz); '-' to skip")
    ap.add_argument("--failures", action="store_true", help="list every failing field of ours, page by page")
    ap.add_argument("--no-baselines", action="store_true", help="skip trafilatura and htmldate")
    args = ap.parse_args()

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
    print(f"labelled pages: {n} ({sum(l['is_article'] for l in labels)} articles)\n")
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
