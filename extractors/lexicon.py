"""Word lists and small text rules shared by the leaders, percentages and tariffs components.

- Percentages in every written form the two languages use ("3%", "3 per cent", "3pc", "three percent",
  "half a percentage point", "25 por ciento", "2,5 %", "medio punto porcentual"), found by regular expressions
  over the text so that offsets are exact whatever the tokenizer did ("10%-20%" is one Spanish token);
- keyword sets (tariff nouns, verbs of change, polls, tariff statuses) in English and Spanish;
- `CountryFinder`: every mention of a country (name, demonym, capital metonym) from the knowledge base.

Nothing here is keyed to one page or source; the lists are ordinary vocabulary of trade news.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from extractors.kb import CountryForm, KnowledgeBase

# ---------------------------------------------------------------------------------------------------------
# Numbers written in words
# Hyphens as typeset pages write them: U+2010, the non-breaking U+2011 ("39\u2011percent") and ASCII.
HYPHENS = "\u2010\u2011-"  # ASCII last: a literal in any character class
_H = f"[{HYPHENS}]"
_EN_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
             "sixteen seventeen eighteen nineteen").split()
_EN_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
EN_NUMBER_WORDS: dict[str, float] = {w: float(i) for i, w in enumerate(_EN_UNITS)}
EN_NUMBER_WORDS.update({w: float(20 + 10 * i) for i, w in enumerate(_EN_TENS)})
EN_NUMBER_WORDS.update({"hundred": 100.0, "a hundred": 100.0, "one hundred": 100.0})
_EN_FRACTIONS = {"half a": 0.5, "a half": 0.5, "half of one": 0.5, "a quarter of a": 0.25,
                 "a quarter of one": 0.25, "three quarters of a": 0.75, "three-quarters of a": 0.75,
                 "a tenth of a": 0.1, "a third of a": 1 / 3, "two-thirds of a": 2 / 3}

ES_NUMBER_WORDS: dict[str, float] = {}
for _i, _w in enumerate(("cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce "
                         "quince dieciséis diecisiete dieciocho diecinueve veinte veintiuno veintidós veintitrés "
                         "veinticuatro veinticinco veintiséis veintisiete veintiocho veintinueve").split()):
    ES_NUMBER_WORDS[_w] = float(_i)
ES_NUMBER_WORDS.update({"un": 1.0, "una": 1.0, "dieciseis": 16.0, "veintidos": 22.0, "veintitres": 23.0,
                        "veintiseis": 26.0, "cien": 100.0, "ciento": 100.0})
_ES_TENS = {"treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80,
            "noventa": 90}
ES_NUMBER_WORDS.update({w: float(v) for w, v in _ES_TENS.items()})
_ES_FRACTIONS = {"medio": 0.5, "un cuarto de": 0.25, "tres cuartos de": 0.75, "una décima de": 0.1}


def _alternation(words) -> str:
    return "|".join(re.escape(w).replace(r"\ ", rf"[\s{HYPHENS}]+").replace(r"\-", _H)
                    for w in sorted(words, key=len, reverse=True))


_EN_SPELLED = (rf"(?:(?:{_alternation(_EN_TENS)})(?:[\s{HYPHENS}]+(?:{_alternation(_EN_UNITS[1:10])}))?"
               rf"|{_alternation(_EN_FRACTIONS)}|(?:{_alternation(_EN_UNITS[1:])})(?:\s+and\s+a\s+half)?"
               rf"|(?:a|one)\s+hundred)")
_ES_SPELLED = (rf"(?:(?:{_alternation(_ES_TENS)})(?:\s+y\s+(?:{_alternation(list(ES_NUMBER_WORDS)[1:10])}))?"
               rf"|{_alternation(_ES_FRACTIONS)}|{_alternation([w for w in ES_NUMBER_WORDS if w not in _ES_TENS])})"
               rf"(?:\s+y\s+medio)?")
_DIGITS = r"\d+(?:[.,]\d+)*"
_EN_UNIT = (rf"(?:\s?%|(?:\s|{_H})?(?:per(?:\s|{_H})?cent|percent|pct)\b|pc\b|(?:\s|{_H})percentage(?:\s|{_H})points?\b"
            r"|\s?(?:pp|ppts?)\b)")
_EN_WORD_UNIT = rf"(?:(?:\s|{_H})(?:per(?:\s|{_H})?cent|percent|percentage(?:\s|{_H})points?)\b)"
_ES_UNIT = r"(?:\s?%|\s(?:por\s?ciento|puntos?\s+porcentual(?:es)?)\b|\s?p\.?\s?p\.?(?=[\s,;)]|$))"
_ES_WORD_UNIT = r"(?:\s(?:por\s?ciento|puntos?\s+porcentual(?:es)?)\b)"

PERCENT_PATTERNS = {
    "en": re.compile(rf"(?<![\w.,])(?P<num>{_DIGITS})(?P<unit>{_EN_UNIT})"
                     rf"|(?<![\w{HYPHENS}])(?P<words>{_EN_SPELLED})(?P<wunit>{_EN_WORD_UNIT})", re.I),
    "es": re.compile(rf"(?<![\w.,])(?P<num>{_DIGITS})(?P<unit>{_ES_UNIT})"
                     rf"|(?<![\w{HYPHENS}])(?P<words>{_ES_SPELLED})(?P<wunit>{_ES_WORD_UNIT})", re.I),
}
# "10-20%", "10 to 20 per cent", "entre 10 y 20 %": the first number of a range shares the unit.
RANGE_BEFORE = {
    "en": re.compile(rf"(?<![\w.,])(?P<num>{_DIGITS})(?P<unit>%|\s?(?:per\s?cent|percent))?"
                     rf"\s*(?:{_H}|–|—|to|and|or)\s*$", re.I),
    "es": re.compile(rf"(?<![\w.,])(?P<num>{_DIGITS})(?P<unit>\s?%)?\s*(?:{_H}|–|—|a|al|y|o|hasta)\s*$", re.I),
}


def parse_digits(text: str) -> float | None:
    """A number written with digits: "2.5" and "2,5" are 2.5; "1,000" and "1.000" are 1000."""
    text = text.strip()
    parts = re.split(r"[.,]", text)
    if len(parts) == 1:
        return float(text)
    if all(len(p) == 3 for p in parts[1:]) and parts[0] not in ("", "0"):
        return float("".join(parts))
    if len(parts) == 2:
        return float(f"{parts[0]}.{parts[1]}")
    # "1.234,5" / "1,234.5": the last separator is the decimal point.
    return float("".join(parts[:-1]) + "." + parts[-1])


def parse_spelled(text: str, language: str) -> float | None:
    words = " ".join(re.sub(_H, " ", text.lower()).split())
    if language == "es":
        fractions, table = _ES_FRACTIONS, ES_NUMBER_WORDS
    else:
        fractions, table = _EN_FRACTIONS, EN_NUMBER_WORDS
    for phrase, value in fractions.items():
        if words == phrase.replace("-", " "):
            return value
    extra = 0.0
    for tail in (" and a half", " y medio"):
        if words.endswith(tail):
            words, extra = words[: -len(tail)], 0.5
    if words in table:
        return table[words] + extra
    total = 0.0
    for word in words.split():
        if word in ("y", "and"):
            continue
        if word not in table:
            return None
        total += table[word]
    return total + extra


@dataclass(frozen=True)
class PercentMatch:
    start: int
    end: int
    value: float
    points: bool  # "percentage points" / "puntos porcentuales"


def find_percentages(text: str, language: str) -> list[PercentMatch]:
    """Every percentage in `text`, in order, with character offsets and value."""
    pattern = PERCENT_PATTERNS.get(language, PERCENT_PATTERNS["en"])
    ranges = RANGE_BEFORE.get(language, RANGE_BEFORE["en"])
    found: list[PercentMatch] = []
    for match in pattern.finditer(text):
        if match.group("num"):
            value = parse_digits(match.group("num"))
            start, unit = match.start("num"), match.group("unit")
            if start > 0 and text[start - 1] in "-−" and (start == 1 or text[start - 2] in " (\n\t"):
                value, start = -value if value else value, start - 1
        else:
            value = parse_spelled(match.group("words"), language)
            start, unit = match.start("words"), match.group("wunit")
        if value is None:
            continue
        points = bool(re.search(r"point|punto|p\.?\s?p|ppt", unit, re.I))
        before = ranges.search(text, max(0, start - 30), start)
        if before and not before.group("unit"):
            first = parse_digits(before.group("num"))
            if first is not None and not (len(before.group("num")) == 4 and 1800 < first < 2200):
                found.append(PercentMatch(before.start("num"), before.end("num"), first, points))
        found.append(PercentMatch(start, match.end(), value, points))
    return found


# ---------------------------------------------------------------------------------------------------------
# Keywords
TARIFF_NOUNS = {
    "en": frozenset("tariff tariffs duty duties levy levies surcharge surcharges surtax surtaxes countermeasure "
                    "countermeasures counter-tariff counter-tariffs".split()),
    "es": frozenset("arancel aranceles gravamen gravámenes gravamenes sobretasa sobretasas tarifa tarifas recargo recargos "
                    "arancelario arancelaria arancelarios arancelarias contramedida contramedidas".split()),
}
# Nouns that name a tariff only with an import/trade modifier ("import tax", "impuesto a las importaciones").
TAX_NOUNS = {"en": frozenset({"tax", "taxes"}), "es": frozenset({"impuesto", "impuestos", "tasa", "tasas"})}
TAX_CONTEXT = frozenset("import imports importation border customs export exports retaliatory importaciones "
                        "importación exportaciones aduana aduanas aduanal aduanero".split())
CHANGE_WORDS = {
    "en": frozenset("rise rose risen rising rises fall fell fallen falling falls grow grew grown growing grows "
                    "increase increased increasing increases decrease decreased decreasing decline declined "
                    "declining declines drop dropped dropping drops jump jumped jumping jumps surge surged "
                    "slump slumped plunge plunged plunging climb climbed climbing gain gained gains lose lost "
                    "slide slid shrink shrank shrunk expand expanded contract contracted soar soared tumble "
                    "tumbled dip dipped sink sank slip slipped growth contraction expansion up down higher "
                    "lower advance advanced retreat retreated rally rallied cut cuts boost boosted "
                    "year-on-year".split()),
    "es": frozenset("creció crece crecen crecieron crecimiento cayó cae caen cayeron caída subió sube suben "
                    "subieron subida bajó baja bajan bajaron aumentó aumenta aumentaron aumento aumentos "
                    "incremento incrementos incrementó disminuyó disminuye disminución descenso descendió "
                    "retroceso retrocedió avance avanzó alza alzas contracción contrajo repunte repuntó "
                    "desplome desplomó se redujo reducción recorte creciera cayera".split()),
}
POLL_WORDS = {
    "en": frozenset("poll polls polling survey surveys surveyed respondents voters approval approve disapprove "
                    "pollster pollsters ballot".split()),
    "es": frozenset("encuesta encuestas sondeo sondeos encuestados encuestadas aprobación votantes electores "
                    "intención encuestadora".split()),
}
SHARE_WORDS = {
    "en": frozenset("share shares accounted account accounts accounting represent represents represented "
                    "representing proportion portion".split()),
    "es": frozenset("representa representan representó representaron participación proporción cuota parte "
                    "porción".split()),
}

# ---------------------------------------------------------------------------------------------------------
# Countries
_NOT_THE_COUNTRY_BEFORE = frozenset({"Latin", "North", "South", "Central", "New", "Pan", "Banco", "Bank",
                                     "University", "Universidad", "Gulf", "Golfo"})
_NOT_THE_COUNTRY_AFTER = frozenset({"City", "Post", "Times", "Journal", "Herald", "Globe"})


class CountryFinder:
    """Finds country mentions with the knowledge base's forms for one language.

    Proper-noun forms (names, aliases, metonyms, English demonyms) match case-sensitively ("US" is not "us",
    "Turkey" not "turkey"); Spanish demonyms, lower-case words, match on lower case. Forms that are part of
    another name ("Latin America", "New Mexico", "Mexico City", "Bank of Canada") are skipped.
    """

    def __init__(self, vocab, make_doc, kb: KnowledgeBase, language: str) -> None:
        self.language = language
        self.forms: dict[str, CountryForm] = {}
        self.exact = PhraseMatcher(vocab, attr="ORTH")
        self.lower = PhraseMatcher(vocab, attr="LOWER")
        exact, lower = [], []
        for form in kb.country_forms(language):
            key = f"{form.country}|{form.kind}"
            self.forms[key] = form
            pattern = make_doc(form.text)
            (lower if form.text.islower() else exact).append((key, pattern))
        for target, patterns in ((self.exact, exact), (self.lower, lower)):
            by_key: dict[str, list] = {}
            for key, pattern in patterns:
                by_key.setdefault(key, []).append(pattern)
            for key, docs in by_key.items():
                target.add(key, docs)

    def __call__(self, doc: Doc) -> list[tuple[Span, CountryForm]]:
        matches = [(m, s, e) for m, s, e in self.exact(doc)] + [(m, s, e) for m, s, e in self.lower(doc)]
        # Longest first, then leftmost; a token belongs to one mention.
        matches.sort(key=lambda m: (-(m[2] - m[1]), m[1]))
        taken: set[int] = set()
        found = []
        ent_at: dict[int, Span] = {}
        if self.language == "en" and matches:
            for ent in doc.ents:
                if ent.label_ in ("ORG", "WORK_OF_ART", "FAC"):
                    for i in range(ent.start, ent.end):
                        ent_at[i] = ent
        for match_id, start, end in matches:
            if any(i in taken for i in range(start, end)):
                continue
            form = self.forms[doc.vocab.strings[match_id]]
            if start > 0 and doc[start - 1].text in _NOT_THE_COUNTRY_BEFORE:
                continue
            if start > 1 and doc[start - 1].lower_ in ("of", "de") and doc[start - 2].text in _NOT_THE_COUNTRY_BEFORE:
                continue
            if end < len(doc) and doc[end].text in _NOT_THE_COUNTRY_AFTER:
                continue
            ent = ent_at.get(start)
            if ent is not None and ent.start <= start and ent.end >= end and _other_name_in(ent, start, end):
                continue
            taken.update(range(start, end))
            found.append((doc[start:end], form))
        found.sort(key=lambda item: item[0].start)
        return found


def _other_name_in(ent: Span, start: int, end: int) -> bool:
    """Whether an ORG entity around a country form has other name words ("Bank of Canada", not "The EU's")."""
    if ent.label_ not in ("ORG", "WORK_OF_ART", "FAC"):
        return False
    return any(t.is_alpha and t.text[:1].isupper() and not (start <= t.i < end) and t.lower_ != "the" for t in ent)
