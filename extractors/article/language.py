"""Language of an article's text, for choosing the English or the Spanish pipeline.

tradewire reads English and Spanish. A count of very common function words tells languages apart reliably on
anything longer than a headline and costs microseconds, so no detector model is needed. Portuguese, Italian,
French, German and Indonesian are counted too, only so that their pages are not taken for Spanish or English
(they share many short words with Spanish); they, and text in other scripts, are reported as "other".
A word shared by several lists counts for each of them by a fraction, so shared words ("de", "que", "la")
do not decide between close languages.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+")
_FUNCTION_WORDS = {
    "en": "the of and to in is that for on with as was by at from it be are has have will this which said would "
          "its their after about but an were been who not they he she we".split(),
    "es": "el la los las de del y en que por para con una un es se su sus al lo como más pero fue ha sobre entre "
          "dijo según este esta también muy hay sin ya desde cuando porque donde".split(),
    "pt": "o os as do da dos das em no na nos nas um uma é não com para que por mais seu sua foi ao à também "
          "pelo pela isso ele ela são está mas como".split(),
    "it": "il lo gli di che è non per una della delle del nel nella sono anche più ma con come questo alla "
          "dei degli".split(),
    "fr": "le les des est une et pour dans qui pas sur au aux avec ce cette sont mais plus du il elle nous "
          "vous".split(),
    "de": "der die das und ist nicht mit den dem ein eine zu auf für sich von auch im wird sind nach bei".split(),
    "id": "yang dan di ini itu dengan untuk tidak dari dalam akan pada juga ke karena ada atau".split(),
}
_SHARES: dict[str, dict[str, float]] = {}
for _language, _words in _FUNCTION_WORDS.items():
    for _word in set(_words):
        _SHARES.setdefault(_word, {})[_language] = 1.0
for _word, _owners in _SHARES.items():
    for _language in _owners:
        _owners[_language] = 1.0 / len(_owners)
_LATIN_LETTER = re.compile(r"[a-zA-ZÀ-ÖØ-öø-ÿĀ-ž]")  # Latin-1 and Latin Extended-A letters (not × or ÷)


def language_scores(text: str) -> dict[str, float]:
    """Function-word evidence for each language in the first 5,000 characters of `text`."""
    scores = dict.fromkeys(_FUNCTION_WORDS, 0.0)
    for word in _WORD.findall(text[:5000].lower()):
        for language, share in _SHARES.get(word, {}).items():
            scores[language] += share
    return scores


def detect_language(text: str, hint: str | None = None) -> str:
    """"en", "es" or "other". `hint` (an html lang or feed language) breaks ties and rescues very short texts."""
    sample = text[:5000]
    hinted = (hint or "").lower()[:2]
    letters = sum(map(str.isalpha, sample))
    if letters >= 20 and len(_LATIN_LETTER.findall(sample)) < 0.5 * letters:
        return "other"  # Cyrillic, CJK, Arabic ... script
    scores = language_scores(sample)
    total = sum(scores.values())
    if total < 3:
        if hinted in ("en", "es"):
            return hinted
        return "other" if hinted or total == 0 else _best(scores, hinted)
    return _best(scores, hinted)


def _best(scores: dict[str, float], hinted: str) -> str:
    top = max(scores.values())
    leaders = [language for language, score in scores.items() if score == top]
    language = hinted if hinted in leaders else leaders[0]
    return language if language in ("en", "es") else "other"
