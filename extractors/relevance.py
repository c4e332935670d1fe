"""Trade-policy relevance: is this article about tariffs, trade agreements and trade disputes?

General feeds carry far more than trade policy, and `ingest` should not fill the database with football. The
score is a weighted count of trade-policy evidence per 100 words, squashed to 0..1: strong terms (tariff,
arancel, USMCA/T-MEC, anti-dumping, Section 232, export controls) weigh most; weaker terms (trade, exports,
imports) only count when strong evidence is present too, because "trade" alone also means a sports trade or a
trade union. The threshold is per source (`relevance_threshold`), 0.5 by default.
"""

from __future__ import annotations

import math
import re

STRONG = [
    r"tariffs?", r"duties", r"levies", r"levy", r"aranceles?", r"gravámenes", r"gravamen",
    r"usmca", r"t-mec", r"tmec", r"cusma", r"nafta", r"tlcan",
    r"section 232", r"section 301", r"sección 232", r"anti-?dumping", r"antidumping", r"countervailing",
    r"export controls?", r"import quotas?", r"trade (?:deal|agreement|pact|war|talks|truce|deficit|surplus|policy|"
    r"negotiations?|dispute|barriers?|representative|minister|commissioner|tensions?|partners?|relations?)",
    r"free[- ]trade", r"rules of origin", r"reglas de origen", r"customs duties", r"retaliat\w+", r"represalias?",
    r"wto", r"omc", r"world trade organi[sz]ation", r"organización mundial del comercio",
    r"guerra comercial", r"acuerdo comercial", r"tratado comercial", r"tratado de libre comercio",
    r"política comercial", r"negociaci\w+ comercial\w*", r"tregua comercial", r"déficit comercial",
    r"ustr", r"secretaría de economía", r"reciprocal", r"recíprocos?", r"protectionis\w+", r"proteccionis\w+",
    r"embargo", r"sanctions? on (?:imports|exports)", r"dumping", r"safeguard measures?", r"salvaguardas?",
    r"customs", r"aduanas?", r"trade remed\w+", r"mercosur",
]
WEAK = [
    r"trade", r"trading partners?", r"exports?", r"imports?", r"exportaciones", r"importaciones", r"comercio",
    r"comercial(?:es)?", r"steel", r"aluminium", r"aluminum", r"acero", r"aluminio", r"supply chains?",
    r"commerce", r"economy minister", r"secretario de economía", r"commerce secretary", r"goods",
]
_STRONG = re.compile(r"\b(?:" + "|".join(STRONG) + r")\b", re.IGNORECASE)
_WEAK = re.compile(r"\b(?:" + "|".join(WEAK) + r")\b", re.IGNORECASE)
STRONG_WEIGHT = 3.0
WEAK_WEIGHT = 1.0
# Evidence per 100 words at which the score reaches 0.5 (tuned on the labelled set, see README).
MIDPOINT = 1.5


def relevance_score(text: str, title: str | None = None) -> float:
    """0..1; the title counts twice, as headlines state the topic most plainly."""
    body = f"{title or ''} {title or ''} {text}"
    words = max(len(body.split()), 50)
    strong = len(_STRONG.findall(body))
    weak = len(_WEAK.findall(body)) if strong else 0
    evidence = (STRONG_WEIGHT * strong + WEAK_WEIGHT * weak) * 100 / words
    return 1 - math.exp(-evidence * math.log(2) / MIDPOINT)
