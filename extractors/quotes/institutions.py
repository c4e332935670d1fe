"""Speakers that are not people: countries, governments, ministries, embassies, offices.

The gold contract names government bodies with a stable English name whatever language or wording the article
uses: "China's commerce ministry" and "el Ministerio de Comercio chino" are both "Chinese Ministry of
Commerce"; "the Chinese embassy in Ottawa" is "Chinese Embassy in Canada"; "the presidential office in Seoul"
is "Office of the President of South Korea"; a country or its capital speaking as a government is
"Government of <Country>". Countries, demonyms and capitals come from the knowledge base (config/
countries.toml via extractors.kb); the few fixed names (White House, Downing Street, European Commission, USTR,
US departments) are listed here. Private bodies keep the name the article gives them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from extractors.kb import load_kb, strip_accents

# Ministry portfolios by the words that name them (English and Spanish), mapped to the English title.
PORTFOLIOS = {
    "commerce": "Commerce", "comercio": "Commerce", "trade": "Commerce",
    "finance": "Finance", "finanzas": "Finance", "hacienda": "Finance",
    "foreign": "Foreign Affairs", "exteriores": "Foreign Affairs", "relaciones exteriores": "Foreign Affairs",
    "external": "External Affairs",
    "economy": "Economy", "economía": "Economy", "economia": "Economy", "economic": "Economy",
    "agriculture": "Agriculture", "agricultura": "Agriculture",
    "industry": "Industry", "industria": "Industry",
    "defence": "Defence", "defense": "Defense", "defensa": "Defense",
}
# Where a country's own title for a portfolio differs.
PORTFOLIO_EXCEPTIONS = {("India", "Foreign Affairs"): "External Affairs"}
# Fixed bodies: (pattern over the lower-cased, accent-stripped mention) -> canonical name.
FIXED = (
    (r"\bwhite house\b|\bcasa blanca\b", "White House"),
    (r"\bdowning street\b", "Downing Street"),
    (r"\bkremlin\b", "Kremlin"),
    # "el Ejecutivo comunitario": Spanish prose names the Commission as the Community's executive
    (r"\beuropean commission\b|\bcomision europea\b|^(the )?commission$|\bejecutivo comunitario\b",
     "European Commission"),
    (r"\bustr\b|\btrade representative'?s office\b|\boffice of the (united states|u\.?s\.?) trade representative\b"
     r"|\boficina del representante comercial\b", "Office of the United States Trade Representative"),
    (r"\b(commerce department|department of commerce|departamento de comercio)\b", "US Department of Commerce"),
    (r"\b(treasury department|department of the treasury|the treasury|departamento del tesoro)\b",
     "US Department of the Treasury"),
    (r"\bstate department\b|\bdepartment of state\b|\bdepartamento de estado\b", "US Department of State"),
    (r"\bmofcom\b", "Chinese Ministry of Commerce"),  # the ministry's own acronym, as wires print it
)
_US_DEPARTMENT_WORDS = {"commerce": "US Department of Commerce", "treasury": "US Department of the Treasury"}


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(country form -> country, demonym -> country, capital metonym -> country), lower-cased, accents kept
    and stripped; empty when the knowledge base cannot be read."""
    names: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    capitals: dict[str, str] = {}
    try:
        kb = load_kb()
    except Exception:  # a missing or broken config: institutions keep their written names
        return names, demonyms, capitals
    for country in kb.countries:
        for form in (country.name, country.name_es, *country.aliases, *country.aliases_es):
            for variant in (form, strip_accents(form)):
                if variant and len(variant) > 2:
                    names.setdefault(variant.lower(), country.name)
        for form in (*country.demonyms, *country.demonyms_es):
            for variant in (form, strip_accents(form)):
                if variant and not variant.isupper():
                    demonyms.setdefault(variant.lower(), country.name)
        for form in (*country.capital_metonyms, *country.capital_metonyms_es):
            for variant in (form, strip_accents(form)):
                if variant:
                    capitals.setdefault(variant.lower(), country.name)
    return names, demonyms, capitals


@lru_cache(maxsize=1)
def _acronyms() -> dict[str, str]:
    """Country names written in capitals ("UE", "EU", "EE.UU."), case kept; empty without a knowledge base."""
    try:
        kb = load_kb()
    except Exception:
        return {}
    return {form: country.name for country in kb.countries
            for form in (*country.aliases, *country.aliases_es) if form.isupper()}


def country_of_word(word: str) -> str | None:
    """The country a demonym, country name or capital stands for ("mexican", "chino", "Ottawa")."""
    names, demonyms, capitals = _tables()
    key = word.lower().strip(" ,.'’s")
    return demonyms.get(key) or names.get(key) or capitals.get(key)


def country_of_english_word(word: str) -> str | None:
    """As `country_of_word`, for an English word: only a possessive ("Mexico's") is cut, so a word's own final
    "s" stays ("Swiss", which the shared stripping turns into no word at all). The Spanish reader keeps the
    shared form, whose records were measured with it."""
    names, demonyms, capitals = _tables()
    key = word.lower().strip(" ,.'’")
    if key.endswith(("'s", "’s")):
        key = key[:-2]
    return demonyms.get(key) or names.get(key) or capitals.get(key) or country_of_word(word)


def demonym_of(country: str) -> str | None:
    """The English adjective of a country ("China" -> "Chinese")."""
    try:
        kb = load_kb()
    except Exception:
        return None
    found = kb.country(country)
    if found is None:
        return None
    singular = [d for d in found.demonyms if not d.endswith("s") or d.endswith("ss")] or list(found.demonyms)
    return singular[0] if singular else None


def person_country(name: str) -> str | None:
    """The country of a person the knowledge base knows (by canonical name or alias)."""
    try:
        kb = load_kb()
    except Exception:
        return None
    person = kb.person(name)
    if person is None:
        candidates = kb.person_forms().get(name, [])
        person = candidates[0] if len(candidates) == 1 else None
    return person.country if person is not None else None


def _countries_in(text: str) -> list[tuple[int, str]]:
    """(position, country) of every country word in `text` (lower-cased), in order."""
    names, demonyms, capitals = _tables()
    found = []
    words = re.findall(r"[\w.'’-]+", text)
    position = 0
    tokens = []
    for word in words:
        position = text.find(word, position)
        tokens.append((position, word))
        position += len(word)
    i = 0
    while i < len(tokens):
        hit = None
        for n in (4, 3, 2, 1):
            if i + n > len(tokens):
                continue
            phrase = " ".join(w for _, w in tokens[i:i + n])
            for key in (phrase, phrase.rstrip("’'s").rstrip("’'")):
                country = demonyms.get(key) or names.get(key) or capitals.get(key)
                if country:
                    hit = (tokens[i][0], country, n)
                    break
            if hit:
                break
        if hit:
            found.append((hit[0], hit[1]))
            i += hit[2]
        else:
            i += 1
    return found


def institution_name(mention: str, context_country: str | None = None) -> str | None:
    """The canonical name of a government body named by `mention` ("China's commerce ministry"), or None
    when the mention is not one. `context_country` stands in when the mention names no country ("the
    ministry", "la Secretaría de Economía" in a Mexican article)."""
    text = " ".join(mention.split())
    low = strip_accents(text.lower()).replace("’", "'")
    for pattern, name in FIXED:
        if re.search(pattern, low):
            return name
    countries = _countries_in(low)
    if "embassy" in low or "embajada" in low:
        cut = max(low.find("embassy"), low.find("embajada"))
        owners = [c for at, c in countries if at < cut]
        owner = owners[0] if owners else context_country
        host = None
        match = re.search(r"\b(?:in|en)\s+(.+)$", low[cut:])
        if match:
            hosts = _countries_in(match.group(1))
            host = hosts[0][1] if hosts else None
        if owner and host and owner != host:
            adjective = demonym_of(owner) or owner
            host_name = "the United States" if host == "United States" else host
            return f"{adjective} Embassy in {host_name}"
        return None
    if re.search(r"\bpresidential office\b|\boffice of the president\b|\boficina de la presidencia\b", low):
        country = countries[-1][1] if countries else context_country
        return f"Office of the President of {country}" if country else None
    ministry = re.search(r"\b(ministry|ministries|ministerios?|secretarias?|secretariat|departments?|"
                         r"departamentos?|cancilleria)\b", low)
    if ministry:
        # the first portfolio named: a joint statement of "the Economy and Foreign Affairs ministries" speaks
        # for the first
        named = []
        for word, title in PORTFOLIOS.items():
            match = re.search(rf"\b{re.escape(strip_accents(word))}\b", low)
            if match:
                named.append((match.start(), title))
        if ministry.group(1) == "cancilleria":
            named.append((ministry.start(), "Foreign Affairs"))  # the foreign ministry, in Spanish
        portfolio = min(named)[1] if named else None
        country = countries[0][1] if countries else context_country
        if portfolio is None:
            return None
        if ministry.group(1).startswith(("department", "departamento")) and (country in (None, "United States")):
            # a US department by the word its own name carries ("the Commerce Department"): "trade" names none
            # of them ("the Department for Business and Trade" is Britain's), so it is no US department
            first = min(named)[0]
            return _US_DEPARTMENT_WORDS.get(low[first:].split()[0].strip(",.'"))
        if country is None:
            return None
        title = PORTFOLIO_EXCEPTIONS.get((country, portfolio), portfolio)
        adjective = demonym_of(country) or country
        return f"{adjective} Ministry of {title}"
    government = re.fullmatch(r"(the |el |la )?(\S+ )?(government|gobierno)( of| de| del)? ?(.*)", low)
    if government and (government.group(2) is None or countries and countries[0][0] < government.start(3)):
        # "the government", "the Chinese government", "el gobierno de México"
        country = countries[0][1] if countries else context_country
        return government_of(country) if country else None
    # a country or its capital speaking for its government ("Mexico said", "Ottawa noted"), or its acronym
    # in capitals ("la UE", "the EU": too short for the lower-cased tables, where "us" would be a pronoun)
    names, _, capitals = _tables()
    bare = low.removeprefix("the ").strip()
    written = re.sub(r"^(the|la|el|los|las) ", "", text, flags=re.IGNORECASE)
    country = names.get(bare) or capitals.get(bare) or _acronyms().get(written)
    if country is None:
        return None
    if country == "European Union":
        return "European Union"
    return government_of(country)


def government_of(country: str) -> str:
    """The name of a country's government speaking as a whole ("the government", "Mexico said", "el gobierno
    de Chile"), spelled one way however it is named: "Government of <Country>", with "the" where the
    country's name takes it."""
    article = "the " if country in ("United States", "United Kingdom", "Netherlands", "Philippines") else ""
    return f"Government of {article}{country}"


def office_of(name: str) -> str | None:
    """The office that speaks for a leader ("Carney's office" -> "Office of the Prime Minister of Canada";
    the US president's is the White House), from the knowledge base's latest office of the person."""
    try:
        person = load_kb().person(name)
    except Exception:  # no knowledge base: the office stays as written
        return None
    if person is None or not person.offices:
        return None
    office = person.offices[-1]
    if office.country == "United States" and office.role == "President":
        return "White House"
    country = "the United States" if office.country == "United States" else office.country
    return f"Office of the {office.role} of {country}"
