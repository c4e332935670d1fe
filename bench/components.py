"""CPU per article of each step of the English NLP: the spaCy model, then each tradewire component.

usage: bench/components.py TEXT_DIR [--n N] [--repeat R]
  TEXT_DIR   a folder of .txt articles, e.g. ../shared/datasets/polnear/train/text
  --n        how many texts (default: all)
  --repeat   runs over the texts; the fastest run of each step is kept (default 3)

Runs in one process, one document at a time: the model's own components (tok2vec, tagger, parser, ner, ...)
together, then each tradewire component on the documents the steps before it made, timing process CPU. The
model's row is the baseline of the same run; the last line gives our components' share of the whole.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("text_dir", type=Path)
    parser.add_argument("--n", type=int, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from extractors.nlp import COMPONENTS, build_pipeline

    texts = [p.read_text(encoding="utf-8") for p in sorted(args.text_dir.glob("*.txt"))][: args.n]
    if not texts:
        print(f"no .txt files in {args.text_dir}", file=sys.stderr)
        return 1
    nlp = build_pipeline("en")
    model_steps = [(name, pipe) for name, pipe in nlp.pipeline if name not in COMPONENTS]
    ours = [(name, nlp.get_pipe(name)) for name in COMPONENTS]
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        spent = dict.fromkeys(["model"] + [name for name, _ in ours], 0.0)
        for text in texts:
            doc = nlp.make_doc(text)
            start = time.process_time()
            for _, pipe in model_steps:
                doc = pipe(doc)
            spent["model"] += time.process_time() - start
            for name, pipe in ours:
                start = time.process_time()
                doc = pipe(doc)
                spent[name] += time.process_time() - start
        for name, seconds in spent.items():
            best[name] = min(best.get(name, seconds), seconds)
    words = sum(len(text.split()) for text in texts)
    print(f"{len(texts)} texts, {words / len(texts):.0f} words each on average; CPU ms per article "
          f"(fastest of {args.repeat} runs)")
    for name, seconds in best.items():
        print(f"  {name:24s} {1000 * seconds / len(texts):8.2f}")
    total = sum(best.values())
    print(f"  tradewire components: {100 * (total - best['model']) / total:.1f}% of the NLP step's CPU")
    return 0


if __name__ == "__main__":
    sys.exit(main())
