"""Word lists the event linker reads text with: stop words, the Spanish→English glossary of trade news
(config/linking_es_en.toml), weekday names, action words, and places that are not capitals.

Everything here is lower-case and accent-free (see `fold`): the linker folds text before it looks words up.
The glossary maps a Spanish word's folded, lightly stemmed form (see `stem`) to the English words it stands
for, so "aranceles" and "tariffs" both count as the term "tariff". It holds the vocabulary of trade-policy
news that tells one decision from another (about 430 words), not a dictionary. Names, figures, dates and
places carry across languages without it.
"""

from __future__ import annotations

from pathlib import Path

from extractors.accents import fold
from extractors.calendar_words import WEEKDAYS as CALENDAR_WEEKDAYS
from extractors.config import CONFIG_DIR, ConfigError, load_toml


def stem(word: str, language: str) -> str:
    """A light plural stripper, enough to make singular and plural one term in English and Spanish."""
    if len(word) <= 3 or word.isdigit():
        return word
    if language == "es":
        if word.endswith("ces") and len(word) > 5:
            return word[:-3] + "z"  # "capataces" -> "capataz"
        if word.endswith("es") and len(word) > 4 and word[-3] not in "aeiou":
            return word[:-2]  # "aranceles" -> "arancel"
        if word.endswith("s") and word[-2] in "aeiou":
            return word[:-1]  # "productos" -> "producto"
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"  # "duties" -> "duty"
    if word.endswith(("ss", "us", "is", "ous")):
        return word
    if word.endswith("s"):
        return word[:-1]
    return word


STOPWORDS_EN = frozenset("""
a about above after again against ago all almost along already also although always am among an and another any
anyone anything are around as at away back be became because become been before being below between both but by
can could did do does doing done down during each either else even ever every few for from further get gets got
had has have having he her here hers him himself his how however i if in into is it its itself just last least
less like made make makes many may me might more most much must my near nearly neither no nor not now of off
often on once one only onto or other others our out over own per perhaps put rather said same say says see seen
several shall she should since so some still such than that the their them themselves then there these they this
those though three through thus to told too two under until up upon us very via was we week weeks well were what
when where whether which while who whom whose why will with within without would year years yet you your
according added adding asked called came come comes going including later like mr ms mrs next called noted
new early late first second third former told week today tomorrow yesterday day days month months time times
percent per cent billion million trillion bn mn
""".split())

STOPWORDS_ES = frozenset("""
a al algo algun alguna algunas alguno algunos ambos ante antes aquel aquella aquellas aquellos aqui asi aun aunque
cada casi como con contra cual cuales cuando cuanto de del desde donde dos durante e el ella ellas ello ellos en
entre era eran es esa esas ese eso esos esta estaba estaban estado estan estar estas este esto estos fue fueron
ha habia han hasta hay la las le les lo los mas me mi mientras mismo mucho muy nada ni no nos nosotros o otra
otras otro otros para pero poco por porque que quien quienes se sea segun ser si sido sin sino sobre solo son su
sus tambien tan tanto te tiene tienen todo todos tras tu un una uno unos unas usted y ya
dijo dice afirmo senalo indico explico agrego aseguro informo segun tras luego despues ademas mismo misma
este esta estos estas ese esa dia dias mes meses ano anos semana semanas hoy ayer manana primero primera
segundo segunda nuevo nueva nuevos nuevas ciento mil millon millones
""".split())

STOPWORDS = STOPWORDS_EN | STOPWORDS_ES

def _glossary(path: Path | None = None) -> dict[str, str]:
    """The Spanish -> English glossary (config/linking_es_en.toml): its tables (measures, verbs, goods, ...)
    merged into one map of folded Spanish words and phrases to English words. A word given two meanings in two
    tables is an error, not a silent choice."""
    path = path or CONFIG_DIR / "linking_es_en.toml"
    merged: dict[str, str] = {}
    for table, entries in load_toml(path).items():
        if not isinstance(entries, dict):
            raise ConfigError(f"{path}: [{table}] must be a table of \"spanish\" = \"english\" lines")
        for spanish, english in entries.items():
            key = fold(spanish).strip()
            if not key:
                raise ConfigError(f"{path}: [{table}] has an empty Spanish word")
            if not isinstance(english, str) or not english.strip():
                raise ConfigError(f"{path}: [{table}] {spanish!r} needs an English word")
            english = english.strip().lower()
            if merged.get(key, english) != english:
                raise ConfigError(f"{path}: {spanish!r} is {merged[key]!r} in one table and {english!r} in [{table}]")
            merged[key] = english
    return merged


# Spanish folded word (or its stem, see `stem`) or phrase -> English words.
ES_TO_EN = _glossary()

# English spellings folded to one (British → American).
EN_VARIANTS = {"aluminium": "aluminum", "favour": "favor", "labour": "labor", "defence": "defense",
               "programme": "program", "centre": "center", "organisation": "organization", "per-cent": "percent"}

# Names of trade agreements and bodies written differently by language or country, matched on the raw text
# (case-sensitive) and replaced by one token before words are read.
AGREEMENT_FORMS = {
    "usmca": ("USMCA", "T-MEC", "TMEC", "T MEC", "CUSMA", "ACEUM", "CUSMA/ACEUM", "AEUMC",
              "U.S.-Mexico-Canada Agreement", "United States-Mexico-Canada Agreement",
              "Canada-U.S.-Mexico Agreement", "Canada-United States-Mexico Agreement",
              "Tratado entre México, Estados Unidos y Canadá"),
    "nafta": ("NAFTA", "TLCAN"),
    "wto": ("WTO", "OMC", "World Trade Organization", "Organización Mundial del Comercio"),
    "oecd": ("OECD", "OCDE"),
    "g7": ("G7", "G-7"),
    "g20": ("G20", "G-20"),
    "ieepa": ("IEEPA", "International Emergency Economic Powers Act"),
    "section232": ("Section 232", "Sección 232", "sección 232", "section 232"),
    "section301": ("Section 301", "Sección 301", "sección 301"),
    "mercosur": ("Mercosur", "MERCOSUR", "Mercosul"),
    "apec": ("APEC",),
    "imf": ("IMF", "FMI"),
}

# Organisations (and trade agreements) as features: canonical name -> written forms, matched case-sensitively.
ORGANISATIONS = {
    "USMCA": AGREEMENT_FORMS["usmca"], "NAFTA": AGREEMENT_FORMS["nafta"], "WTO": AGREEMENT_FORMS["wto"],
    "OECD": AGREEMENT_FORMS["oecd"], "G7": AGREEMENT_FORMS["g7"], "G20": AGREEMENT_FORMS["g20"],
    "Mercosur": AGREEMENT_FORMS["mercosur"], "APEC": AGREEMENT_FORMS["apec"], "IMF": AGREEMENT_FORMS["imf"],
    "European Commission": ("European Commission", "Comisión Europea", "Comision Europea"),
    "USTR": ("USTR", "Office of the U.S. Trade Representative", "Oficina del Representante Comercial"),
    "Commerce Department": ("Commerce Department", "Department of Commerce", "Departamento de Comercio"),
    "Treasury": ("Treasury Department", "Department of the Treasury", "Departamento del Tesoro"),
    "CBP": ("Customs and Border Protection", "CBP"),
    "Federal Reserve": ("Federal Reserve", "Reserva Federal"),
    "Banxico": ("Banxico", "Banco de México", "Banco de Mexico"),
    "Bank of Canada": ("Bank of Canada", "Banco de Canadá"),
    "Economy Ministry (Mexico)": ("Secretaría de Economía", "Secretaria de Economia", "Mexico's Economy Ministry",
                                 "Mexican Economy Ministry"),
    "Canacero": ("Canacero",),
    "European Parliament": ("European Parliament", "Parlamento Europeo"),
    "Section 232": AGREEMENT_FORMS["section232"], "Section 301": AGREEMENT_FORMS["section301"],
    "IEEPA": AGREEMENT_FORMS["ieepa"],
}

# Weekday names as they read folded (no accents): what features.py searches a folded lead for.
WEEKDAYS = {name: number for name, number in CALENDAR_WEEKDAYS.items() if fold(name) == name}

# What a headline or lead says happened, by kind; folded stems in either language. A story whose lead reports
# another kind of decision than an event's stories (a pause after a tariff took effect) is a new event.
ACTIONS = {
    "pause": ("pause", "paused", "pauses", "suspend", "suspends", "suspended", "suspension", "exempt",
              "exempts", "exempted", "exemption", "reprieve", "postpone", "postpones", "postponed", "delay",
              "delays", "delayed", "hold off", "exime", "exenta", "exento", "exencion", "pausa", "suspende",
              "suspendio", "pospone", "pospuso", "aplaza", "aplazo", "prorroga", "libres de arancel",
              "spare", "spares", "spared", "relief", "carve-out", "carve-outs", "on hold", "holds off", "freeze",
              "freezes", "froze", "frozen", "congela", "congelan", "congelo", "congele", "congelar"),
    "raise": ("double", "doubles", "doubled", "doubling", "raise", "raises", "raised", "hike", "hikes",
              "hiked", "increase", "increases", "increased", "jump", "jumps", "duplica", "duplico", "eleva",
              "elevo", "aumenta", "aumento", "sube", "subio", "restores", "restore"),
    "cut": ("cut", "cuts", "lower", "lowers", "lowered", "reduce", "reduces", "reduced", "slash", "slashes",
            "slashed", "recorta", "recorto", "reduce", "redujo", "rebaja"),
    "effect": ("take effect", "takes effect", "took effect", "taking effect", "kick in", "kicks in",
               "kicked in", "in force", "into force", "entran en vigor", "entra en vigor", "entro en vigor",
               "entraron en vigor", "ya aplica", "primer dia", "starts collecting", "begin collecting",
               "began collecting", "began assessing", "collecting"),
    "retaliate": ("retaliate", "retaliates", "retaliated", "retaliation", "retaliatory", "counter-tariff",
                  "counter-tariffs", "countermeasure", "countermeasures", "represalia", "represalias",
                  "contramedida", "contramedidas", "responde", "respondera"),
    "meet": ("meet", "meets", "met", "meeting", "talks", "summit", "visit", "visits", "reune", "reunion",
             "encuentro", "cumbre", "visita", "se reunen", "se reunio", "sit down", "sat down"),
    "agree": ("agree", "agrees", "agreed", "deal", "agreement", "framework", "truce", "pact", "accord",
              "acuerdo", "acuerdan", "acordaron", "pactan", "pacto", "tregua", "plan de accion", "action plan",
              "partnership", "asociacion"),
    "approve": ("approve", "approves", "approved", "passes", "passed", "aprueba", "aprobo", "avala", "avalo",
                "ratifica", "ratifico"),
}

# Places that are not capitals (capitals come from config/countries.toml): English name -> written forms.
CITIES = {
    "Geneva": ("Geneva", "Ginebra", "Genève"),
    "Busan": ("Busan", "Pusan"),
    "Gyeongju": ("Gyeongju",),
    "Kananaskis": ("Kananaskis",),
    "Monterrey": ("Monterrey",),
    "Guadalajara": ("Guadalajara",),
    "Tijuana": ("Tijuana",),
    "Ciudad Juárez": ("Ciudad Juárez", "Ciudad Juarez"),
    "Nuevo León": ("Nuevo León", "Nuevo Leon"),
    "Laredo": ("Laredo",),
    "New York": ("New York", "Nueva York"),
    "Los Angeles": ("Los Angeles", "Los Ángeles"),
    "Toronto": ("Toronto",),
    "Montreal": ("Montreal", "Montréal"),
    "Vancouver": ("Vancouver",),
    "Windsor": ("Windsor",),
    "Detroit": ("Detroit",),
    "Shanghai": ("Shanghai", "Shanghái"),
    "Hong Kong": ("Hong Kong",),
    "Shenzhen": ("Shenzhen",),
    "Stockholm": ("Stockholm", "Estocolmo"),
    "Davos": ("Davos",),
    "Osaka": ("Osaka",),
    "Hiroshima": ("Hiroshima",),
    "Mar-a-Lago": ("Mar-a-Lago",),
    "Kennedy Center": ("Kennedy Center", "Centro Kennedy"),
    "Palacio Nacional": ("Palacio Nacional",),
    "Lancaster House": ("Lancaster House",),
    "Zócalo": ("Zócalo", "Zocalo"),
    "Camp David": ("Camp David",),
    "Brussels": ("Brussels", "Bruselas"),
    "Strasbourg": ("Strasbourg", "Estrasburgo"),
    "Riyadh": ("Riyadh", "Riad"),
    "Doha": ("Doha",),
    "Dubai": ("Dubái", "Dubai"),
    "Kuala Lumpur": ("Kuala Lumpur",),
    "Singapore": ("Singapore", "Singapur"),
    "Rio de Janeiro": ("Rio de Janeiro", "Río de Janeiro"),
    "São Paulo": ("São Paulo", "Sao Paulo"),
    "Johannesburg": ("Johannesburg", "Johannesburgo"),
    "Alberta": ("Alberta",),
    "Ontario": ("Ontario",),
    "Quebec": ("Quebec", "Québec"),
    "Saskatchewan": ("Saskatchewan",),
    "British Columbia": ("British Columbia", "Columbia Británica"),
    "Texas": ("Texas",),
    "California": ("California",),
    "Michigan": ("Michigan",),
    "Coahuila": ("Coahuila",),
    "Chihuahua": ("Chihuahua",),
    "Sonora": ("Sonora",),
}
