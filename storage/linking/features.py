"""What the event linker knows about one article: its terms, people, places, figures and what its lead reports.

Everything is computed from the stored article (title, body, language) and, when the extractors ran, its
extraction rows (leader mentions, tariff rates, percentages, the dates the text mentions). The features are language-neutral where they can
be: people and countries are canonical names from the knowledge base (config/leaders.toml, countries.toml),
places are English names, figures are normalised values ("pct:25", "date:04-02", "money:30", "days:90"), and
Spanish words are mapped to English ones through a glossary (config/linking_es_en.toml), so a Spanish and an
English story about the same happening share most of their features.

`Features` is a plain dataclass stored as JSON in `link_units.features`; `compute_features` is a pure function
of its inputs (no clock, no randomness), which is what makes linking reproducible.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from extractors.lexicon import find_percentages
from storage.linking.lexicon import (ACTIONS, AGREEMENT_FORMS, CITIES, EN_VARIANTS, ES_TO_EN, ORGANISATIONS,
                                     STOPWORDS, WEEKDAYS, fold, stem)

TITLE_WEIGHT = 3.0   # a headline word counts like three body words
LEAD_WEIGHT = 2.0    # a word of the first paragraph like two: news puts the happening first
LEAD_WORDS = 70      # the lead is the first paragraph, cut to this many words
MAX_TERMS = 120      # terms kept per article (by weight): enough for similarity, small to store
PROPER_BOOST = 1.5   # a word written capitalised inside a sentence (a name: "Turnberry", "Embraer") counts more


@dataclass
class Features:
    language: str
    terms: dict[str, float] = field(default_factory=dict)       # word term -> weight (title/lead boosted)
    lead_terms: dict[str, float] = field(default_factory=dict)  # terms of the title and lead only
    people: list[str] = field(default_factory=list)             # canonical leader names
    countries: list[str] = field(default_factory=list)          # canonical country names
    cities: list[str] = field(default_factory=list)             # English place names (capitals, venues)
    orgs: list[str] = field(default_factory=list)               # organisations and agreements ("WTO", "USMCA")
    figures: list[str] = field(default_factory=list)            # "pct:25", "money:30", "date:04-02", "days:90"
    lead_figures: list[str] = field(default_factory=list)       # figures of the title and lead
    lead_people: list[str] = field(default_factory=list)
    lead_places: list[str] = field(default_factory=list)       # countries and "city:" places of the title/lead
    actions: list[str] = field(default_factory=list)            # kinds of happening the headline reports
    lead_weekday: int | None = None                             # first weekday the lead names (Monday = 0)
    dates: list[str] = field(default_factory=list)              # days the text mentions: "2025-08-01", or
                                                                # "--08-01" when it does not say the year

    def as_json(self) -> dict:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}

    @classmethod
    def from_json(cls, data: dict) -> "Features":
        """Read stored features; fields another version wrote and this one does not know are ignored."""
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})

    def keys(self, n_terms: int = 12) -> list[str]:
        """Index keys: the salient words, every person, place and figure (see link_keys)."""
        top = sorted(self.terms.items(), key=lambda kv: (-kv[1], kv[0]))[:n_terms]
        keys = [f"w:{t}" for t, _ in top]
        keys += [f"p:{p}" for p in self.people] + [f"g:{c}" for c in self.cities]
        keys += [f"f:{f}" for f in self.figures if not f.startswith("num:")]
        return sorted(set(keys))


# ------------------------------------------------------------------------------------------------ gazetteer


@dataclass(frozen=True)
class _Matcher:
    pattern: re.Pattern
    names: dict[str, str]  # written form -> canonical

    def find(self, text: str) -> list[str]:
        return [self.names[m.group(1)] for m in self.pattern.finditer(text)]


def _trie_pattern(words: list[str]) -> str:
    """A regular expression matching any of `words`, built as a character trie (a plain alternation of a
    thousand names makes the regex engine try each in turn at every position). Longer words win."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = True

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(c) + build(child) for c, child in sorted(node.items()) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body

    return build(trie)


def _matcher(forms: dict[str, str]) -> _Matcher | None:
    if not forms:
        return None
    return _Matcher(re.compile(rf"(?<![\w-])({_trie_pattern(sorted(forms))})(?![\w-])"), forms)


@lru_cache(maxsize=2)
def _gazetteer(language: str) -> tuple[_Matcher | None, _Matcher | None, _Matcher | None]:
    """(people, countries, cities) matchers for `language`, built once from the knowledge base."""
    people: dict[str, str] = {}
    countries: dict[str, str] = {}
    cities: dict[str, str] = {}
    try:
        from extractors.config import CONFIG_DIR, load_toml
        from extractors.kb import load_kb
        kb = load_kb()
        raw_countries = load_toml(CONFIG_DIR / "countries.toml").get("country", [])
    except Exception:  # noqa: BLE001 — no knowledge base: link on words and figures alone
        kb, raw_countries = None, []
    if kb is not None:
        owners: dict[str, set[str]] = {}
        for person in kb.people:
            for form in person.forms():
                if len(form) >= 3:
                    owners.setdefault(form, set()).add(person.name)
        people = {form: next(iter(names)) for form, names in owners.items() if len(names) == 1}
        for form in kb.country_forms(language):
            if form.kind in ("name", "demonym") and len(form.text) >= 2:
                for variant in _case_variants(form.text):
                    countries.setdefault(variant, form.country)
    for entry in raw_countries:
        english = str(entry.get("capital") or "").split(",")[0].strip()
        if not english:
            continue
        for form in {english, str(entry.get("capital_es") or "").strip()} - {""}:
            cities.setdefault(form, english)
    for name, forms in CITIES.items():
        for form in forms:
            cities.setdefault(form, name)
    return _matcher(people), _matcher(countries), _matcher(cities)


@lru_cache(maxsize=1)
def _organisations() -> _Matcher | None:
    return _matcher({form: name for name, forms in ORGANISATIONS.items() for form in forms})


def _case_variants(form: str) -> list[str]:
    if form[0].islower():
        return [form, form[0].upper() + form[1:]]
    return [form]


# ------------------------------------------------------------------------------------------------ words


_AGREEMENT_FORMS = sorted({f for forms in AGREEMENT_FORMS.values() for f in forms}, key=lambda f: (-len(f), f))
_AGREEMENTS = re.compile(r"(?<![\w-])(" + "|".join(re.escape(f) for f in _AGREEMENT_FORMS) + r")(?![\w-])")
_AGREEMENT_TOKEN = {form: token for token, forms in AGREEMENT_FORMS.items() for form in forms}
_DATELINE = re.compile(
    r"^\s*[A-ZÁÉÍÓÚÑ][A-ZÁÉÍÓÚÑ .,'’-]{1,40}(?:\([^)\n]{1,60}\))?\s*[.]?\s*[—–-]{1,2}\s*")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _english_terms(english: str) -> tuple[str, ...]:
    """The terms an English gloss gives, reduced as English text is ("duties" -> "duty", stop words dropped)."""
    return tuple(stem(w, "en") for w in english.split() if w not in STOPWORDS)


_ES_WORDS = {k: _english_terms(v) for k, v in ES_TO_EN.items() if " " not in k}
_ES_PHRASES = {k: _english_terms(v) for k, v in ES_TO_EN.items() if " " in k}
# Whole-word phrases, the longest first ("gas natural licuado" before "gas natural").
_ES_PHRASE = re.compile(r"(?<!\w)(" + "|".join(re.escape(k) for k in sorted(_ES_PHRASES, key=lambda k: (-len(k), k)))
                        + r")(?!\w)") if _ES_PHRASES else None


def _replace_agreements(text: str) -> str:
    return _AGREEMENTS.sub(lambda m: f" {_AGREEMENT_TOKEN[m.group(1)]} ", text)


def words(text: str, language: str) -> list[str]:
    """Content terms of `text`: folded, stemmed, Spanish mapped to English, stop words dropped."""
    folded = fold(_replace_agreements(text))
    out: list[str] = []
    if language == "es" and _ES_PHRASE is not None:
        for m in _ES_PHRASE.finditer(folded):
            out.extend(_ES_PHRASES[m.group(1)])
        folded = _ES_PHRASE.sub(" ", folded)
    for raw in _WORD.findall(folded):
        for token in _WORD_PARTS.split(raw) if _WORD_JOINERS & set(raw) else (raw,):
            out.extend(_terms_of(token, language))
    return out


_WORD_PARTS = re.compile(r"[-'’]")
_WORD_JOINERS = frozenset("-'’")


@lru_cache(maxsize=1 << 16)
def _terms_of(token: str, language: str) -> tuple[str, ...]:
    """The terms one word gives (none, one, or an English phrase's words); words repeat, so it is cached."""
    if len(token) < 3 or token in STOPWORDS:
        return ()
    token = EN_VARIANTS.get(token, token)
    if language != "es":
        return (stem(token, "en"),)
    stemmed = stem(token, "es")
    english = _ES_WORDS.get(token, _ES_WORDS.get(stemmed))
    if english is None and token.endswith("s"):
        # The stemmer strips "-es" after a consonant ("aranceles" -> "arancel"), which cuts the plural of a
        # noun ending in "-e" one letter short ("muebles" -> "muebl"): its singular is the word less its "s".
        english = _ES_WORDS.get(token[:-1])
    return english if english is not None else (stemmed,)


# ------------------------------------------------------------------------------------------------ figures


_NUM = r"(\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d+)?)"
_MONEY_EN = re.compile(r"(?:[A-Z]{0,3}\$|€|£|¥)\s?" + _NUM + r"[\s-]?(trillion|billion|bn|million|mn|m)\b")
_MONEY_ES = re.compile(_NUM + r"\s?(billones|mil millones|millones|mdd|mmdd)\s+de\s+(?:d[oó]lares|euros|pesos)",
                       re.I)
_DAYS = re.compile(r"\b(\d{1,3})[- ](?:days?|d[ií]as)\b", re.I)
_COUNT = re.compile(r"(?<![\d.,$€£])(\d{1,3}(?:[.,]\d{3})+|\d{3,})(?![\d%]|[.,]\d)")


def _number(text: str) -> float | None:
    """A number as written in English or Spanish: "1,400" / "1.400" (thousands), "2.5" / "2,5" (decimals)."""
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", text):
        return float(re.sub(r"[.,]", "", text))
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return None


def _fmt(value: float) -> str:
    return f"{value:.6g}"


def figures(text: str, language: str) -> list[str]:
    """Normalised figures in `text`, in order of appearance (repeats kept)."""
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for m in find_percentages(text, language):  # the extractors' reading of every written form
        if not m.points:  # a change in points is no figure of the story's own
            found.append((m.start, f"pct:{_fmt(m.value)}"))
            taken.append((m.start, m.end))
    for m in _MONEY_EN.finditer(text):
        value = _number(m.group(1))
        if value is not None:
            scale = {"trillion": 1000, "billion": 1, "bn": 1}.get(m.group(2).lower(), 0.001)
            found.append((m.start(), f"money:{_fmt(round(value * scale, 1))}"))
            taken.append(m.span())
    for m in _MONEY_ES.finditer(text):
        value = _number(m.group(1))
        if value is not None:
            unit = m.group(2).lower()
            scale = {"billones": 1000, "mil millones": 1, "mmdd": 1}.get(unit, 0.001)
            found.append((m.start(), f"money:{_fmt(round(value * scale, 1))}"))
            taken.append(m.span())
    for m in _DAYS.finditer(text):
        found.append((m.start(), f"days:{int(m.group(1))}"))
        taken.append(m.span())
    for m in _COUNT.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        value = _number(m.group(1))
        if value is None or 1800 <= value <= 2100:  # years
            continue
        found.append((m.start(), f"num:{_fmt(value)}"))
    return [f for _, f in sorted(found)]


# ------------------------------------------------------------------------------------------------ the article


_TOKEN = re.compile(r"\S+")
_SENTENCE_END = tuple(".!?:;\"“”«»—–()[]")


def proper_terms(text: str, language: str) -> set[str]:
    """Terms of the words written with a capital inside a sentence (not after a full stop or a line break)."""
    capitalised: list[str] = []
    for line in text.splitlines():
        previous = None
        for m in _TOKEN.finditer(line):
            token = m.group(0)
            if previous is not None and not previous.endswith(_SENTENCE_END) and token[:1].isupper() \
                    and not token.isupper():
                capitalised.append(token)
            previous = token
    return set(words("\n".join(capitalised), language))


def split_lead(text: str) -> tuple[str, str]:
    """(lead, rest): the first paragraph, cut to LEAD_WORDS words, and everything after it."""
    text = text.strip()
    first, _, rest = text.partition("\n\n")
    if not rest and len(first.split()) > LEAD_WORDS:  # one block: take its first sentences
        first, rest = " ".join(first.split()[:LEAD_WORDS]), " ".join(first.split()[LEAD_WORDS:])
    first_words = first.split()
    if len(first_words) > LEAD_WORDS:
        rest = " ".join(first_words[LEAD_WORDS:]) + "\n\n" + rest
        first = " ".join(first_words[:LEAD_WORDS])
    return first, rest


def strip_dateline(text: str) -> str:
    """Drop a leading "WASHINGTON (Wire) —" credit, keeping the place name."""
    m = _DATELINE.match(text)
    if not m:
        return text
    place = re.sub(r"\([^)]*\)", "", m.group(0)).strip(" .—–-")
    return f"{place.title()}. {text[m.end():]}"


_ACTION_PATTERNS = {kind: re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in sorted(phrases, key=len,
                                                                                                reverse=True))
                                       + r")(?![\w-])") for kind, phrases in ACTIONS.items()}


def _actions(text: str) -> list[str]:
    folded = fold(_replace_agreements(text))
    return [kind for kind, pattern in _ACTION_PATTERNS.items() if pattern.search(folded)]


_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b")


def _weights(counts: Counter) -> dict[str, float]:
    """Sub-linear weights: 1 + log(count) from one occurrence up, the count itself below one."""
    return {t: round(1.0 + math.log(c) if c >= 1.0 else c, 4) for t, c in counts.items() if c > 0}


class Mention(NamedTuple):
    """A date the text mentions, as stored in `date_mentions`: the year may be unknown, the day absent."""

    year: int | None
    month: int
    day: int | None
    text: str


def compute_features(titles: Iterable[str], text: str, language: str | None, *,
                     outlets: Iterable[str] = (), leaders: Iterable[str] = (),
                     rates: Iterable[float] = (), dates: Iterable[Mention] = ()) -> Features:
    """The features of one story: its `titles` (an original and its exact copies may carry different
    headlines), its body `text` and `language`; `leaders`, `rates` and `dates` come from the extraction rows
    when the extractors ran (leader names; tariff rates and percentage values; the dates the text mentions)."""
    language = language if language in ("en", "es") else "en"
    titles = [t for t in dict.fromkeys(t.strip() for t in titles if t and t.strip())]
    body = strip_dateline(text)
    lead, rest = split_lead(body)
    outlet_words = {w for o in outlets if o for w in words(o, language)}
    counts: Counter = Counter()
    lead_counts: Counter = Counter()
    for title in titles:
        for w in words(title, language):
            if w not in outlet_words:
                counts[w] += TITLE_WEIGHT / len(titles)
                lead_counts[w] += 1.0 / len(titles)
    for w in words(lead, language):
        if w not in outlet_words:
            counts[w] += LEAD_WEIGHT
            lead_counts[w] += 1.0
    for w in words(rest, language):
        if w not in outlet_words:
            counts[w] += 1.0
    for w in proper_terms(body, language) & set(counts):
        counts[w] *= PROPER_BOOST
    terms = dict(sorted(_weights(counts).items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_TERMS])
    lead_terms = _weights(lead_counts)

    people_m, countries_m, cities_m = _gazetteer(language)
    head = "\n".join(titles) + "\n" + lead
    full = head + "\n" + rest
    people = set(leaders)
    lead_people: set[str] = set()
    if people_m:
        people.update(people_m.find(full))
        lead_people.update(people_m.find(head))
    countries = set(countries_m.find(full)) if countries_m else set()
    orgs_m = _organisations()
    orgs = set(orgs_m.find(full)) if orgs_m else set()
    cities = set(cities_m.find(full)) if cities_m else set()
    lead_places = (set(countries_m.find(head)) if countries_m else set()) | \
                  ({f"city:{c}" for c in cities_m.find(head)} if cities_m else set())
    days = [d for d in dates if d.day is not None]
    figs_set = set(figures(full, language)) | {f"pct:{_fmt(float(r))}" for r in rates if r is not None} \
        | {f"date:{d.month:02d}-{d.day:02d}" for d in days}
    lead_figs = set(figures(head, language)) | {f"date:{d.month:02d}-{d.day:02d}" for d in days if d.text in head}
    weekday = _WEEKDAY.search(fold(lead))  # not the headline: "Mexico sets Sunday reply" looks ahead
    return Features(
        lead_weekday=WEEKDAYS[weekday.group(1)] if weekday else None,
        language=language, terms=terms, lead_terms=lead_terms,
        people=sorted(people), countries=sorted(countries), cities=sorted(cities), orgs=sorted(orgs),
        figures=sorted(figs_set), lead_figures=sorted(lead_figs), lead_people=sorted(lead_people),
        lead_places=sorted(lead_places), actions=_actions("\n".join(titles)),
        dates=sorted({f"{d.year:04d}-{d.month:02d}-{d.day:02d}" if d.year else f"--{d.month:02d}-{d.day:02d}"
                      for d in days}))
