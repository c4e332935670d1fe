"""Check that the real-article corpus holds our own rewrites: no run of more than eight words shared with a source.

usage: corpus_overlap.py ARTICLES.jsonl SOURCE_DIR [--max-run 8]

SOURCE_DIR holds the source excerpt each rewrite was made from, as `<id>.txt` (kept outside the repository:
source text never goes into it). Words inside quotation marks are what people said, kept verbatim on purpose, so
only the words outside quotations count: every shared run of more than --max-run such words is printed with
its article id. Exit 1 when any is found, or when an article has no source file.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

WORD = re.compile(r"\w+")
# Opening mark -> closing marks. Straight quotes close themselves.
QUOTE_PAIRS = {"“": "”", "«": "»", "‘": "’", '"': '"', "„": "“”"}


def quoted_mask(text: str) -> list[bool]:
    """True for every character inside a quotation (between an opening mark and its closing mark)."""
    mask = [False] * len(text)
    i = 0
    while i < len(text):
        closers = QUOTE_PAIRS.get(text[i])
        # An apostrophe inside a word is not a quote mark.
        if closers and not (text[i] == "‘" and i and text[i - 1].isalnum()):
            end = next((j for j in range(i + 1, min(len(text), i + 3000)) if text[j] in closers), None)
            if end is not None:
                for k in range(i, end + 1):
                    mask[k] = True
                i = end + 1
                continue
        i += 1
    return mask


def shared_runs(rewrite: str, source: str, max_run: int) -> list[str]:
    """Runs of more than max_run consecutive words of `rewrite`, none inside a quotation, that `source` shares."""
    n = max_run + 1
    src = [w.lower() for w in WORD.findall(source)]
    grams = {tuple(src[i:i + n]) for i in range(len(src) - n + 1)}
    mask = quoted_mask(rewrite)
    words = [(m.group().lower(), mask[m.start()]) for m in WORD.finditer(rewrite)]
    hits, i = [], 0
    while i <= len(words) - n:
        window = words[i:i + n]
        if tuple(w for w, _ in window) in grams and not any(q for _, q in window):
            j = i + n
            while (j < len(words) and not words[j][1]
                   and tuple(w for w, _ in words[j - n + 1:j + 1]) in grams):
                j += 1
            hits.append(" ".join(w for w, _ in words[i:j]))
            i = j
        else:
            i += 1
    return hits


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("articles")
    ap.add_argument("source_dir")
    ap.add_argument("--max-run", type=int, default=8)
    a = ap.parse_args()
    bad = 0
    for line in open(a.articles, encoding="utf-8"):
        if not line.strip():
            continue
        doc = json.loads(line)
        src = Path(a.source_dir, doc["id"] + ".txt")
        if not src.exists():
            print(f"{doc['id']}: no source file {src}")
            bad += 1
            continue
        source = src.read_text(encoding="utf-8")
        for field in ("title", "text"):
            for run in shared_runs(doc.get(field) or "", source, a.max_run):
                print(f"{doc['id']} ({field}): {run}")
                bad += 1
    print(f"{bad} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
