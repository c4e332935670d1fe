"""Language of an article's text, for choosing the English or the Spanish pipeline.

tradewire reads English and Spanish; a count of very common function words tells them apart reliably on
anything longer than a headline and costs microseconds, so no detector model is needed. Other languages are
reported as "other" when neither word list is present at all.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[a-záéíóúñü]+")
_ENGLISH = frozenset(
    "the of and to in is that for on with as was by at from it be are has have will this which said would "
    "its their after about but an were been who".split()
)
_SPANISH = frozenset(
    "el la los las de del y en que por para con una un es se su sus al lo como más pero fue ha sobre entre "
    "dijo según este esta".split()
)


def detect_language(text: str, hint: str | None = None) -> str:
    """"en", "es" or "other". `hint` (an html lang or feed language) breaks ties and rescues very short texts."""
    words = _WORD.findall(text[:5000].lower())
    english = sum(word in _ENGLISH for word in words)
    spanish = sum(word in _SPANISH for word in words)
    hinted = (hint or "").lower()[:2]
    if english + spanish < 3 and hinted in ("en", "es"):
        return hinted
    if english == spanish == 0:
        return "other"
    if english == spanish and hinted in ("en", "es"):
        return hinted
    return "es" if spanish > english else "en"
