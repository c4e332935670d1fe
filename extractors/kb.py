"""The knowledge base the rule components resolve against: people, their offices, and country names.

It is read from two data files in `config/` (see their headers for the fields):

- `leaders.toml`: one `[[leader]]` per person (canonical `name`, `aliases`, `country`) with one
  `[[leader.office]]` per office held (`role`, optional `role_aliases`, `start`/`end` ISO dates, `end = ""` for a
  current office, optional `country` when the office belongs to another country than the person's);
- `countries.toml`: one `[[country]]` per country (canonical English `name`, `name_es`, English `aliases`,
  Spanish `aliases_es`, `capital_metonyms`/`capital_metonyms_es` such as "Washington", English `demonyms`,
  Spanish `demonyms_es`). The two languages' forms are kept apart: English "EU" is the European Union,
  Spanish "EU" the United States.

`load_kb()` parses both once per process and caches the result; the objects are frozen dataclasses, so a
pipeline that holds them pickles cleanly. Nothing here depends on spaCy.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cached_property, lru_cache
from pathlib import Path

from extractors.accents import strip_marks
from extractors.config import CONFIG_DIR, ConfigError, load_toml

# Words that carry no meaning when two role titles are compared ("Minister of Finance" = "Finance Minister").
_ROLE_STOPWORDS = frozenset(
    "of the for and a an de del la el los las y e en to 's ’s".split())
# Generic role words mapped to the key used for comparison, English and Spanish, masculine and feminine.
_ROLE_SYNONYMS = {
    "pm": "prime minister", "primer ministro": "prime minister",
    "primera ministra": "prime minister", "presidente": "president", "presidenta": "president",
    "vicepresidente": "vice president", "vicepresidenta": "vice president", "vice-president": "vice president",
    "canciller": "chancellor", "ministro": "minister", "ministra": "minister", "secretario": "secretary",
    "secretaria": "secretary", "comisario": "commissioner", "comisaria": "commissioner",
    "portavoz": "spokesperson", "vocero": "spokesperson", "vocera": "spokesperson",
    "spokesman": "spokesperson", "spokeswoman": "spokesperson", "economía": "economy", "economia": "economy",
    "hacienda": "finance", "finanzas": "finance", "comercio": "commerce", "tesoro": "treasury",
    "exteriores": "foreign", "relaciones": "foreign", "asuntos": "affairs", "industria": "industry",
    "economic": "economy", "financial": "finance", "representante": "representative", "comercial": "trade",
}
# Descriptor words that mean "the country's leader" rather than a particular office.
LEADER_WORDS = frozenset({"leader", "head", "state", "government", "mandatario", "mandataria", "líder", "lider",
                          "jefe", "jefa", "estado", "gobierno"})
# Offices that make someone "the leader" of a country, in order of preference when both exist.
HEAD_ROLES = ("president", "prime minister", "chancellor", "president of the european commission")
# Countries where the head of government, not a ceremonial head of state, is "the leader".
_HEAD_OF_GOVERNMENT_FIRST = frozenset({
    "Canada", "United Kingdom", "Japan", "India", "Italy", "Spain", "Australia", "Germany", "Israel",
    "Netherlands", "New Zealand", "Portugal", "Norway", "Estonia", "Singapore", "Malaysia", "Thailand",
    "Vietnam", "Pakistan", "Greece", "Ireland", "Sweden", "Belgium", "Denmark", "Austria", "Poland",
})


def strip_accents(text: str) -> str:
    return unicodedata.normalize("NFC", strip_marks(text))


def role_key(text: str) -> frozenset[str]:
    """The content words of a role title, lower-cased and with synonyms folded, for order-free comparison."""
    lowered = " ".join(text.lower().replace("-", " ").replace("’", "'").split())
    for phrase, key in _ROLE_SYNONYMS.items():
        if " " in phrase and phrase in lowered:
            lowered = lowered.replace(phrase, key)
    words = []
    for word in lowered.split():
        word = word.strip(".,'")
        if not word or word in _ROLE_STOPWORDS:
            continue
        word = _ROLE_SYNONYMS.get(word, word)
        words.extend(word.split())
    return frozenset(words)


def _parse_day(value: object, where: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ConfigError(f"{where}: not an ISO date: {value!r}") from None


def as_day(value: date | datetime | None) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value


@dataclass(frozen=True)
class Office:
    """One office a person held: `end` None means held now, `start` None means the start is not known."""

    role: str
    country: str
    start: date | None = None
    end: date | None = None
    role_aliases: tuple[str, ...] = ()

    def held_on(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)

    @cached_property
    def keys(self) -> tuple[frozenset[str], ...]:
        """Comparison keys of the role and its aliases (see `role_key`)."""
        return tuple(role_key(title) for title in (self.role, *self.role_aliases))

    def matches(self, descriptor: frozenset[str], country_words: frozenset[str] = frozenset()) -> bool:
        """Whether a role descriptor ("trade minister", "leader") names this office (see `fit`)."""
        return self.fit(descriptor, country_words) is not None

    def fit(self, descriptor: frozenset[str], country_words: frozenset[str] = frozenset()) -> int | None:
        """How closely a role descriptor names this office: None if it does not, else the number of words of
        the closest title that the descriptor leaves out (0 = exact).

        `descriptor` is a `role_key`; it names the office when its words are all in the role's (or an
        alias's) words, ignoring `country_words` (the country's own names and demonyms, lower-cased).
        "leader" (and "head of state", "mandatario", ...) names the offices in HEAD_ROLES.
        """
        if not descriptor:
            return None
        if descriptor <= LEADER_WORDS:
            return 0 if self.is_head else None
        wanted = descriptor - country_words
        best = None
        for key in self.keys:
            key = key - country_words
            if wanted and wanted <= key and _same_rank(wanted, key):
                extra = len(key - wanted)
                best = extra if best is None else min(best, extra)
        return best

    @cached_property
    def is_head(self) -> bool:
        return role_key(self.role) in {role_key(r) for r in HEAD_ROLES}


def _same_rank(descriptor: frozenset[str], key: frozenset[str]) -> bool:
    """"president" must not match "vice president" nor "president of the European Council" match "president"."""
    for qualifier in ("vice", "deputy", "acting", "former", "spokesperson", "press", "undersecretary"):
        if (qualifier in key) != (qualifier in descriptor):
            return False
    return True


@dataclass(frozen=True)
class Person:
    name: str
    country: str
    aliases: tuple[str, ...] = ()
    offices: tuple[Office, ...] = ()

    def office_on(self, day: date | datetime | None) -> Office | None:
        """The office held on `day`; if none (or no day), the latest office (current first, then by end date)."""
        day = as_day(day)
        if day is not None:
            held = [office for office in self.offices if office.held_on(day)]
            if held:
                return held[0]
        if not self.offices:
            return None
        return max(self.offices, key=lambda o: (o.end is None, o.end or date.min, o.start or date.min))

    def forms(self) -> tuple[str, ...]:
        """Every written form of the name: canonical, aliases, and each without accents, without duplicates."""
        seen: dict[str, None] = {}
        for form in (self.name, *self.aliases):
            for variant in (form, strip_accents(form)):
                if variant.strip():
                    seen.setdefault(variant.strip(), None)
        return tuple(seen)

    def surname_forms(self) -> tuple[str, ...]:
        """Forms that are a part of the full name (a bare surname): they need the guards of short mentions."""
        full = strip_accents(self.name).split()
        return tuple(f for f in self.forms() if len(strip_accents(f).split()) < len(full)
                     and strip_accents(self.name).endswith(strip_accents(f)))


@dataclass(frozen=True)
class Country:
    name: str
    aliases: tuple[str, ...] = ()
    aliases_es: tuple[str, ...] = ()
    capital_metonyms: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    demonyms_es: tuple[str, ...] = ()
    name_es: str = ""
    capital_metonyms_es: tuple[str, ...] = ()

    def forms(self, language: str) -> dict[str, tuple[str, ...]]:
        """Written forms by kind ("name", "demonym", "metonym") for `language` ("en" or "es")."""
        if language == "es":
            names: tuple[str, ...] = (self.name_es, *self.aliases_es)
            if not names[0] and not self.aliases_es:
                names = (self.name,)
            return {"name": _with_capitals(names), "demonym": _unique(self.demonyms_es),
                    "metonym": _with_capitals(self.capital_metonyms_es)}
        return {"name": _with_capitals((self.name, *self.aliases)), "demonym": _unique(self.demonyms),
                "metonym": _with_capitals(self.capital_metonyms)}

    def lower_words(self) -> frozenset[str]:
        words: set[str] = set()
        for form in (self.name, self.name_es, *self.aliases, *self.aliases_es, *self.demonyms, *self.demonyms_es):
            words.update(form.lower().split())
        return frozenset(words)


def _with_capitals(items: Iterable[str]) -> tuple[str, ...]:
    """The forms, plus a sentence-initial variant of those that start with a lower-case article."""
    out = []
    for item in items:
        out.append(item)
        if item and item[0].islower():
            out.append(item[0].upper() + item[1:])
    return _unique(out)


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i.strip() for i in items if i and i.strip()))


@dataclass(frozen=True)
class CountryForm:
    text: str
    country: str
    kind: str  # "name" | "demonym" | "metonym"


@dataclass(frozen=True)
class KnowledgeBase:
    people: tuple[Person, ...]
    countries: tuple[Country, ...]
    _by_name: dict[str, Person] = field(default_factory=dict, compare=False, repr=False)
    _by_country: dict[str, Country] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_name.update({p.name: p for p in self.people})
        self._by_country.update({c.name: c for c in self.countries})

    def person(self, name: str) -> Person | None:
        return self._by_name.get(name)

    def country(self, name: str) -> Country | None:
        return self._by_country.get(name)

    def person_forms(self) -> dict[str, list[Person]]:
        """Written form -> the people it names (one, unless the data file lets two people share a form)."""
        forms: dict[str, list[Person]] = {}
        for person in self.people:
            for form in person.forms():
                if person not in forms.setdefault(form, []):
                    forms[form].append(person)
        return forms

    def country_forms(self, language: str) -> list[CountryForm]:
        """Every written form of every country for `language`; a form claimed twice keeps its first owner."""
        seen: dict[str, CountryForm] = {}
        for country in self.countries:
            for kind, texts in country.forms(language).items():
                for text in texts:
                    seen.setdefault(text, CountryForm(text, country.name, kind))
        return list(seen.values())

    def country_words(self, country: str | None) -> frozenset[str]:
        found = self._by_country.get(country or "")
        return found.lower_words() if found else frozenset()

    def holders(self, country: str | None, descriptor: frozenset[str], day: date | datetime | None,
                among: Iterable[Person] | None = None, any_time: bool = False) -> list[Person]:
        """People whose office in `country` (any, if None) matching `descriptor` is held on `day`.

        Without a day, current offices count, or with `any_time` offices of any time (an undated article that
        names Justin Trudeau means him by "the Canadian prime minister"). With `among`, only those people
        are considered (and their office on the day need not be the matching one's only office). For "leader", heads of government
        come first in the countries where they lead (`_HEAD_OF_GOVERNMENT_FIRST`), presidents elsewhere.
        """
        day = as_day(day)
        pool = list(among) if among is not None else list(self.people)
        found: list[tuple[tuple[int, int], Person]] = []
        for person in pool:
            best = None
            for office in person.offices:
                if country is not None and office.country != country:
                    continue
                if not (office.held_on(day) if day else office.end is None or any_time):
                    continue
                extra = office.fit(descriptor, self.country_words(office.country))
                if extra is None:
                    continue
                rank = (extra, _leader_order(_head_rank(office), office.country)) if descriptor <= LEADER_WORDS \
                    else (extra, 0)
                best = rank if best is None else min(best, rank)
            if best is not None:
                found.append((best, person))
        if not found:
            return []
        top = min(rank for rank, _ in found)
        return [person for rank, person in found if rank == top]


def _head_rank(office: Office) -> int:
    key = role_key(office.role)
    for rank, role in enumerate(HEAD_ROLES):
        if key == role_key(role):
            return rank
    return len(HEAD_ROLES)


def _leader_order(rank: int, country: str | None) -> int:
    if country in _HEAD_OF_GOVERNMENT_FIRST and rank in (1, 2):  # prime minister, chancellor
        return -1
    return rank


def _as_tuple(value: object, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of strings")
    return tuple(value)


def parse_leaders(data: dict, source: str = "leaders.toml") -> tuple[Person, ...]:
    people = []
    for index, entry in enumerate(data.get("leader", []), 1):
        where = f"{source}: leader #{index}"
        name = str(entry.get("name", "")).strip()
        country = str(entry.get("country", "")).strip()
        if not name or not country:
            raise ConfigError(f"{where}: needs a name and a country")
        offices = []
        for number, office in enumerate(entry.get("office", []), 1):
            at = f"{where} ({name}), office #{number}"
            role = str(office.get("role", "")).strip()
            if not role:
                raise ConfigError(f"{at}: needs a role")
            offices.append(Office(
                role=role, country=str(office.get("country") or country).strip(),
                start=_parse_day(office.get("start"), at), end=_parse_day(office.get("end"), at),
                role_aliases=_as_tuple(office.get("role_aliases"), at)))
        people.append(Person(name=name, country=country, aliases=_as_tuple(entry.get("aliases"), where),
                             offices=tuple(offices)))
    return tuple(people)


def parse_countries(data: dict, source: str = "countries.toml") -> tuple[Country, ...]:
    countries = []
    for index, entry in enumerate(data.get("country", []), 1):
        where = f"{source}: country #{index}"
        name = str(entry.get("name", "")).strip()
        if not name:
            raise ConfigError(f"{where}: needs a name")
        countries.append(Country(
            name=name, aliases=_as_tuple(entry.get("aliases"), where),
            aliases_es=_as_tuple(entry.get("aliases_es"), where),
            capital_metonyms=_as_tuple(entry.get("capital_metonyms"), where),
            demonyms=_as_tuple(entry.get("demonyms"), where),
            demonyms_es=_as_tuple(entry.get("demonyms_es"), where),
            name_es=str(entry.get("name_es") or "").strip(),
            capital_metonyms_es=_as_tuple(entry.get("capital_metonyms_es"), where)))
    return tuple(countries)


@lru_cache(maxsize=4)
def load_kb(config_dir: Path | str = CONFIG_DIR) -> KnowledgeBase:
    """The knowledge base from `config_dir`/leaders.toml and countries.toml, parsed once per process."""
    config_dir = Path(config_dir)
    leaders_path, countries_path = config_dir / "leaders.toml", config_dir / "countries.toml"
    return KnowledgeBase(people=parse_leaders(load_toml(leaders_path), str(leaders_path)),
                         countries=parse_countries(load_toml(countries_path), str(countries_path)))
