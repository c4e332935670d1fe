"""Trade-policy relevance: is this article about tariffs, trade agreements, trade disputes and trade controls?

General feeds carry far more than trade policy, and `ingest` should not fill the database with football. The
score is a weighted count of trade-policy evidence per 100 words, squashed to 0..1, compared by `ingest` with
the source's `relevance_threshold` (0.5 by default, settings.toml).

The evidence is a lexicon of general trade-policy vocabulary in English and Spanish, in three tiers:

* CORE terms name a trade-policy instrument or process and little else: tariff/arancel, anti-dumping and
  countervailing duties, trade war/deal/talks, export controls and export licences, import bans and quotas,
  rules of origin, sanctions packages, USMCA/T-MEC, the WTO, Section 232;
* SUPPORT terms are strong in a trade story but common outside one: exports, imports, customs, duties,
  levies, quotas, retaliation, sanctions, embargo, supply chains, commerce ministries, and the trade officials
  of the knowledge base (config/leaders.toml: trade and commerce ministers, trade representatives);
* CONTEXT words (trade, commerce, goods, steel, comercio, acero ...) count only when core or support
  evidence is there too, because "trade" alone is also a player trade, a trade union or a trade show.

Player trades get one more guard: in a text with many sports words, "trade talks" and "trade deal" are the
sports kind and do not count as core evidence. Text is compared without accents, so "arancel" and
"exportación" match however a page spells them. Nothing here is keyed to an article or a source.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from extractors.accents import strip_marks

# Patterns are written in lower case without accents; `_fold` puts the text in the same form.
CORE = [
    # English
    r"tariffs?", r"tariffed", r"anti-?dumping", r"countervailing", r"dumping margins?",
    r"safeguard (?:duty|duties|measures?|tariffs?|quotas?)",
    r"trade (?:war|wars|deal|deals|agreement|agreements|pact|pacts|talks|truce|dispute|disputes|deficits?|"
    r"surplus(?:es)?|policy|policies|barriers?|negotiations?|negotiators?|representative|remed(?:y|ies)|"
    r"sanctions|restrictions|tensions|bloc|ministers?|commissioner|envoy|chief|framework|frictions|"
    r"retaliation|measures|rules|liberali[sz]ation|ties|relationship)",
    r"free[- ]trade", r"foreign trade", r"international trade", r"customs (?:duties|duty|tariffs?|union)",
    r"import (?:duties|duty|taxes|tax|quotas?|bans?|curbs|restrictions|licen[cs]es?|licensing|surcharges?)",
    r"export (?:controls?|curbs|bans?|restrictions|licen[cs]es?|licensing|permits?|duties|taxes|quotas?)",
    r"controls? on (?:the )?exports?", r"bans? (?:on )?(?:the )?imports?", r"restrict(?:s|ed|ing)? exports?",
    r"rules? of origin", r"country[- ]of[- ]origin rules", r"de minimis",
    r"usmca", r"cusma", r"nafta", r"t-?mec", r"tlcan", r"wto", r"world trade organi[sz]ation", r"gatt",
    r"section (?:232|301|201)", r"ieepa", r"economic sanctions", r"sanctions packages?",
    r"packages? of sanctions", r"protectionis(?:m|t)", r"trade-distorting", r"market access",
    r"most[- ]favou?red[- ]nation",
    # Spanish
    r"arancel(?:es)?", r"arancelari[oa]s?", r"antidumping", r"cuotas? compensatorias?",
    r"derechos? (?:compensatorios|antidumping|de aduana|arancelarios)", r"medidas? de salvaguardia?",
    r"salvaguardas?", r"guerra comercial", r"acuerdos? comercial(?:es)?", r"tratados? comercial(?:es)?",
    r"(?:tratado|acuerdo)s? de libre comercio", r"libre comercio", r"politicas? comercial(?:es)?",
    r"disputas? comercial(?:es)?", r"tensiones comerciales", r"negociaci\w+ comercial(?:es)?",
    r"tregua comercial", r"deficit comercial", r"superavit comercial", r"balanza comercial",
    r"barreras? comercial(?:es)?", r"represalias? comercial(?:es)?", r"sanciones comerciales",
    r"representante comercial", r"comercio exterior", r"comercio internacional", r"(?:reglas|normas) de origen",
    r"omc", r"organizacion mundial del comercio", r"seccion (?:232|301)",
    r"controles? (?:a|de) (?:las? )?exportaci\w+", r"restricciones? a (?:las? )?exportaci\w+",
    r"licencias? (?:de|para) export\w+", r"prohibicion de (?:las? )?importaci\w+",
    r"prohib\w+ (?:\w+ ){0,2}(?:las? )?importaci\w+", r"cuotas? de importacion", r"cupos? de importacion",
    r"impuestos? a (?:las? )?importaciones", r"sanciones economicas", r"paquetes? de sanciones",
    r"proteccionis(?:mo|ta)",
]
SUPPORT = [
    r"exports?", r"imports?", r"exporters?", r"importers?", r"exporting", r"importing", r"re-?export\w*",
    r"customs", r"duties", r"levies", r"quotas?", r"retaliat\w+", r"counter-?measures", r"sanctions",
    r"embargo(?:es)?", r"price cap", r"supply chains?", r"shipments", r"reciprocal", r"nearshoring",
    r"mercosur", r"dumping", r"trading partners?", r"commerce (?:secretary|department|ministry|minister)",
    r"ministry of commerce", r"department of commerce", r"trade ministry",
    r"exportaci\w+", r"importaci\w+", r"exportador\w*", r"importador\w*", r"exportar", r"importar",
    r"aduanas?", r"aduanal(?:es)?", r"gravamen(?:es)?", r"cuotas?", r"cupos?", r"represalias?",
    r"contramedidas", r"sanciones", r"embargos?", r"cadenas? de suministro", r"socios? comercial(?:es)?",
    r"ministerio de comercio", r"secretaria de economia", r"departamento de comercio", r"relocalizacion",
    r"tope al precio",
]
CONTEXT = [
    r"trade", r"commerce", r"goods", r"steel", r"aluminium", r"aluminum", r"copper", r"lumber", r"autos",
    r"comercio", r"comercial(?:es)?", r"bienes", r"mercancias", r"acero", r"aluminio", r"cobre",
]
# "trade talks" between clubs, not countries: sports words that make the "trade ..." phrases ambiguous.
SPORTS = [
    r"trade deadline", r"traded", r"draft picks?", r"roster", r"playoffs?", r"free agen\w+", r"goalie",
    r"quarterback", r"pitcher", r"outfielder", r"infielder", r"shortstop", r"forward", r"defenceman",
    r"defenseman", r"point guard", r"general manager", r"season", r"league", r"coach", r"club", r"striker",
    r"midfielder", r"fichaje", r"traspaso", r"temporada", r"liga", r"entrenador", r"delantero",
]
CORE_WEIGHT, SUPPORT_WEIGHT, CONTEXT_WEIGHT, OFFICIAL_WEIGHT = 3.0, 1.5, 0.5, 1.5
# Context words count only once core + support evidence reaches this (one core term, or two support terms).
CONTEXT_GATE = 3.0
# Evidence per 100 words at which the score reaches 0.5, and the smallest text length the density assumes
# (so that a two-line brief with one "tariff" does not score like a long trade story).
MIDPOINT = 1.5
MIN_WORDS = 80
# Below this much core + support evidence (one core term plus one support term) the score is capped.
MIN_STRONG_EVIDENCE = 4.5
SINGLE_MENTION_CAP = 0.45
# Sports words (distinct mentions) from which "trade talks/deal" are read as the sports kind.
SPORTS_CONTEXT = 3
# Mentions of trade officials count at most this many times: a minister quoted at length on another
# subject does not make the story a trade story.
MAX_OFFICIAL_MENTIONS = 2


def _compile(patterns: list[str]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(patterns) + r")(?![\w-])")


_CORE, _SUPPORT, _CONTEXT, _SPORTS = _compile(CORE), _compile(SUPPORT), _compile(CONTEXT), _compile(SPORTS)
_TRADE_PHRASE = re.compile(r"^trade ")
# Offices whose holders speak for trade policy: trade and commerce portfolios, trade representatives, and
# Mexico-style economy secretaries (the Secretaría de Economía negotiates trade). Economy and finance
# ministers in general are not included: most of what they say is not about trade.
_TRADE_ROLE = re.compile(r"\b(?:trade|commerce|comercio|ustr|secretary of (?:the )?economy|economy secretary|"
                         r"secretari[oa] de econom[ií]a)\b", re.I)


def _fold(text: str) -> str:
    """Lower case without accents ("Exportación" -> "exportacion"), same length as the input."""
    return strip_marks(text.lower())


@lru_cache(maxsize=1)
def _officials() -> re.Pattern[str] | None:
    """Names of the knowledge base's trade officials (trade/commerce/economy ministers, trade representatives)."""
    try:
        from extractors.kb import load_kb, strip_accents

        forms: set[str] = set()
        for person in load_kb().people:
            if any(_TRADE_ROLE.search(" ".join((office.role, *office.role_aliases))) for office in person.offices):
                forms.update(strip_accents(form) for form in person.forms() if len(form) >= 4)
    except Exception:  # the knowledge base is optional evidence; the lexicon works without it
        return None
    if not forms:
        return None
    names = sorted(forms, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)")


@dataclass
class _Found:
    """What the evidence patterns match in one piece of text (the title, or the body)."""

    sports: set[str]
    core: list[str]
    support: int
    officials: int
    folded: str
    words: int


def _find(raw: str) -> _Found:
    folded = _fold(raw)
    officials = _officials()
    return _Found(set(_SPORTS.findall(folded)), _CORE.findall(folded), len(_SUPPORT.findall(folded)),
                  len(officials.findall(strip_marks(raw))) if officials else 0, folded, len(raw.split()))


def _strong(parts: list[_Found], sports: int) -> tuple[float, float, float]:
    """(core, support, officials) evidence in the text made of `parts` (the title may be one twice)."""
    core = [m for part in parts for m in part.core if not (sports >= SPORTS_CONTEXT and _TRADE_PHRASE.match(m))]
    return (CORE_WEIGHT * len(core), SUPPORT_WEIGHT * sum(part.support for part in parts),
            OFFICIAL_WEIGHT * min(sum(part.officials for part in parts), MAX_OFFICIAL_MENTIONS))


def evidence(text: str, title: str | None = None) -> dict[str, float]:
    """The weighted evidence behind a score, by tier, and the word count it is spread over (for reports).

    The title counts twice (headlines state the topic most plainly); "distinct" is the core + support +
    officials evidence with the title counted once, which decides whether there is more than a passing mention.
    Title and body are each matched once and their counts combined: no pattern spans a line break, so this
    counts what matching the text "title, title, body" would.
    """
    head, body = _find(title or ""), _find(text or "")
    sports = len(head.sports | body.sports)
    core, support, officials = _strong([head, head, body], sports)
    strong = core + support + officials
    context = CONTEXT_WEIGHT * (2 * len(_CONTEXT.findall(head.folded)) + len(_CONTEXT.findall(body.folded))) \
        if strong >= CONTEXT_GATE else 0.0
    distinct = sum(_strong([head, body], sports))
    return {"core": core, "support": support, "officials": officials, "context": context,
            "distinct": distinct, "words": float(2 * head.words + body.words)}


def relevance_score(text: str, title: str | None = None) -> float:
    """0..1: how much of the article is about trade policy. 0.5 = MIDPOINT evidence per 100 words.

    A single passing mention (one core term and nothing else, like a rate-decision story that names tariffs
    as a risk) stays below 0.5 however short the text: a trade story says more than one thing about trade.
    """
    found = evidence(text, title)
    strong = found["core"] + found["support"] + found["officials"]
    density = (strong + found["context"]) * 100 / max(found["words"], MIN_WORDS)
    score = 1 - math.exp(-density * math.log(2) / MIDPOINT)
    return min(score, SINGLE_MENTION_CAP) if found["distinct"] < MIN_STRONG_EVIDENCE else score


def is_relevant(text: str, title: str | None = None, threshold: float = 0.5) -> bool:
    return relevance_score(text, title) >= threshold
