"""Accent folding shared by the extractors: "Exportación" → "Exportacion", "Peña Nieto" → "Pena Nieto".

One implementation, because it runs over every article body (the relevance screen folds each text twice):
the character-by-character version it replaces cost more than the screen's regular expressions.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


@lru_cache(maxsize=4096)
def _fold_run(run: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", run) if not unicodedata.combining(c))


def strip_marks(text: str) -> str:
    """`text` decomposed (NFKD) without its combining marks.

    Only the non-ASCII runs are decomposed (ASCII is its own decomposition, and a run's marks are dropped
    whatever they follow), so a body of English with a few curly quotes costs one regex scan.
    """
    if text.isascii():
        return text
    return _NON_ASCII.sub(lambda match: _fold_run(match.group()), text)


def fold(text: str) -> str:
    """The case- and accent-insensitive key every module compares names and words by ("México" -> "mexico")."""
    return strip_marks(text).casefold()
