"""Titles, descriptions and officials: the token rules behind `tradewire_leaders` (see component.py).

Three kinds of phrase are found here, in English and in Spanish, over tokens (the English parser is not
needed, only part-of-speech tags and named entities where the pipeline has them):

- a *title* before or beside a name ("Canadian Prime Minister Mark Carney", "Mexico's economy minister,
  Marcelo Ebrard", "Ebrard, Mexico's economy minister"), which says the name is not a separate description;
- a *description* that stands for a person ("the Mexican leader", "Canada's prime minister", "the president of
  Mexico", "la mandataria mexicana", "el primer ministro de Canadá"): country + role words;
- an *official* who is not in the knowledge base: a name with a government title ("Argentine Economy Minister
  Luis Caputo", "Juan Pérez, Chile's deputy trade minister", "la ministra de Finanzas de Chile, Ana Soto").
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

# Head words of government titles (lower case). "leader" describes a country's leader but is not a title
# that makes an unknown person an official ("union leader").
ROLE_HEADS = {
    "en": frozenset("president minister secretary premier chancellor commissioner representative spokesperson "
                    "spokesman spokeswoman pm treasurer undersecretary under-secretary "
                    "vice-president negotiator".split()),
    "es": frozenset("presidente presidenta ministro ministra secretario secretaria canciller comisario comisaria "
                    "representante portavoz vocero vocera subsecretario subsecretaria "
                    "vicepresidente vicepresidenta mandatario mandataria titular negociador negociadora "
                    "premier".split()),
}
DESCRIPTION_ONLY = {"en": frozenset({"leader"}), "es": frozenset({"líder", "lider", "jefe", "jefa"})}
# Words that may qualify a role inside a title ("economy", "Trade", "deputy", "top").
ROLE_MODIFIERS = {
    "en": frozenset("prime vice deputy acting foreign finance economy economic trade commerce treasury "
                    "international industry energy agriculture security defence defense interior public "
                    "safety state top chief main federal senior assistant associate junior principal "
                    "under affairs business innovation science labour labor transport environment "
                    "development customs the of for and".split()),
    "es": frozenset("primer primera ministro ministra vice de del la el y economía economia hacienda finanzas "
                    "comercio exterior exteriores relaciones tesoro industria energía agricultura seguridad "
                    "defensa interior gobernación estado gobierno internacional principal adjunto adjunta "
                    "comercial asuntos crédito público pública desarrollo la diplomacia".split()),
}
# Words that make a title not a government one ("economist", "chief executive", "central bank governor").
NON_GOVERNMENT = frozenset("economist economists analyst analysts professor ceo executive chairman chairwoman "
                           "chair director founder partner strategist researcher fellow lawyer company bank "
                           "association chamber federation union group corp inc university institute party "
                           "opposition economista analista director directora profesor profesora empresa "
                           "banco cámara asociación consejo federación sindicato universidad instituto partido "
                           "presidenta_ejecutiva ejecutivo ejecutiva fund fondo directorio junta board".split())
# Words of a body's name, not a person's ("Consejo Empresarial del Bajío", "Interior Lumber Association").
ORGANISATION_WORDS = frozenset("consejo asociación asociacion cámara camara banco comisión comision secretaría "
                               "secretaria universidad instituto federación federacion confederación sindicato "
                               "council association chamber bank commission university institute federation union "
                               "roundtable group company corporation ministry ministerio department bridge".split())
# A government's bodies ("Japan's trade ministry"), and with the portfolios ("secretario de Economía") the words
# that make a title's "of ..." a government's.
GOVERNMENT_BODIES = frozenset("ministry government commission ministerio gobierno comisión secretaría dependencia "
                              "state estado".split())
GOVERNMENT_WORDS = GOVERNMENT_BODIES | frozenset("economía hacienda finance foreign trade commerce economy treasury "
                                                 "comercio relaciones".split())
# A description is about someone else than the office holder when these come before it.
NOT_CURRENT = frozenset("former ex ex- then late previous future next incoming would-be expresidente "
                        "expresidenta exministro exministra antiguo anterior entonces próximo próxima futuro "
                        "futura electo electa predecessor antecesor".split())
HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. dr dr. sen. sen rep. gov. gov sir dame lady lord señor señora "
                       "sr. sra. don doña".split())
_NAME_PARTICLES = frozenset({"de", "del", "la", "von", "der", "van", "da", "dos", "y", "bin", "al", "el", "le"})


@dataclass
class Description:
    span: Span          # the words that describe the person ("Mexican leader")
    role_words: str     # the role part, for role_key ("leader", "economy minister")
    country: str | None
    bare: bool = False  # no country: resolved only to a person the article has named before


def _is_role_head(token: Token, lang: str, with_leader: bool) -> bool:
    lower = token.lower_
    if lower in ROLE_HEADS[lang]:
        return True
    return with_leader and lower in DESCRIPTION_ONLY[lang]


def name_after(doc: Doc, start: int, lang: str, stop: set[str] | None = None) -> Span | None:
    """A personal name of 2-4 capitalised words starting at token `start` (particles allowed inside)."""
    end = start
    words = 0
    while end < len(doc) and end - start < 6:
        token = doc[end]
        if token.text[:1].isupper() and (token.is_alpha or "-" in token.text or "." in token.text) \
                and token.lower_ not in ROLE_HEADS[lang] and (stop is None or token.text not in stop):
            words += 1
            end += 1
        elif token.lower_ in _NAME_PARTICLES and words and end + 1 < len(doc) and doc[end + 1].text[:1].isupper():
            end += 1
        elif token.text == "-" and words and end + 1 < len(doc) and doc[end + 1].text[:1].isupper() \
                and doc[end].whitespace_ == "":
            end += 1
        else:
            break
    while end > start and doc[end - 1].lower_ in _NAME_PARTICLES:
        end -= 1
    if words < 2:
        return None
    return doc[start:end]


def title_before(doc: Doc, start: int, lang: str, country_at: dict[int, str]) -> tuple[Span, str | None] | None:
    """The government title that ends right before token `start` (an optional comma between), if any.

    Returns the title span (without determiners) and the country it names. "Canadian Prime Minister",
    "Mexico's economy minister,", "el secretario de Economía de México,", "la presidenta".
    """
    end = start
    if end > 0 and doc[end - 1].text == ",":
        end -= 1
    index = end - 1
    head_seen = False
    country = None
    while index >= 0 and end - index <= 8:
        token = doc[index]
        lower = token.lower_
        if _is_role_head(token, lang, with_leader=True):
            head_seen = True
        elif index in country_at:
            country = country or country_at[index]
        elif lower in ("'s", "’s") or lower in ROLE_MODIFIERS[lang] or token.text in ("-",):
            pass
        elif head_seen and lower in HONORIFICS:
            pass
        elif lang == "es" and token.is_lower and token.is_alpha and not head_seen and len(lower) > 2 and \
                not lower.endswith(("ó", "aron", "ieron")):
            pass  # "el vocero de la dependencia, ..."
        else:
            break
        index -= 1
    title = doc[index + 1:end]
    while len(title) and title[0].lower_ in ("the", "of", "de", "del", "la", "el", "y", "and", "'s", "’s"):
        title = title[1:]
    if not head_seen or not len(title) or any(t.lower_ in NOT_CURRENT for t in doc[max(0, index - 1): end]):
        return None
    if any(t.lower_ in NON_GOVERNMENT for t in title):
        return None
    return title, country


def title_after(doc: Doc, end: int, lang: str, country_at: dict[int, str]) -> tuple[Span, str | None] | None:
    """An apposition after a name: ", Mexico's economy minister", ", ministro de Economía de Argentina"."""
    if end >= len(doc) or doc[end].text != ",":
        return None
    index = end + 1
    country = None
    head_end = None
    while index < len(doc) and index - end <= 9:
        token = doc[index]
        lower = token.lower_
        if _is_role_head(token, lang, with_leader=False):
            head_end = index + 1
        elif index in country_at:
            country = country or country_at[index]
            if head_end is not None and lang == "es":
                head_end = index + 1
        elif lower in ("the", "a", "an", "el", "la", "un", "una", "'s", "’s") or lower in ROLE_MODIFIERS[lang]:
            pass
        elif token.text[:1].isupper() and lang == "es" and head_end is not None:
            head_end = index + 1  # "ministro de Comercio Exterior"
        else:
            break
        index += 1
    if head_end is None:
        return None
    title = doc[end + 1:head_end]
    if any(t.lower_ in NON_GOVERNMENT | NOT_CURRENT for t in doc[end + 1: min(len(doc), head_end + 3)]):
        return None
    if _of_a_body(doc, head_end, country_at):
        return None  # "president of the Canadian Manufacturers' Roundtable", "presidente del Consejo ..."
    return title, country


def _names_a_body(doc: Doc, after: int) -> bool:
    """Whether the words right after a country's name make it part of a body's name: a name ("the Canadian
    Manufacturers' Roundtable") or a body's word among the lower-case words that follow ("European steel
    association Eurofer", "the Canadian steel producers' group")."""
    if after >= len(doc):
        return False
    following = list(itertools.takewhile(lambda t: t.is_alpha or t.text in ("'", "’", "'s", "’s"),
                                         doc[after: min(len(doc), after + 4)]))
    if any(t.lower_ in GOVERNMENT_BODIES for t in following):
        return False  # "a spokesperson for Japan's trade ministry"
    return doc[after].text[:1].isupper() and doc[after].is_alpha or \
        any(t.lower_ in ORGANISATION_WORDS | NON_GOVERNMENT for t in following)


def _of_a_body(doc: Doc, index: int, country_at: dict[int, str]) -> bool:
    """Whether a title goes on with "of/de" + something that is not a country nor a ministry word."""
    if index >= len(doc) or doc[index].lower_ not in ("of", "de", "del", "for", "at"):
        return False
    nxt = index + 1
    while nxt < len(doc) and doc[nxt].lower_ in ("the", "la", "el", "los", "las", "a", "an"):
        nxt += 1
    if nxt >= len(doc):
        return False
    if nxt in country_at:
        after = nxt
        while after < len(doc) and after in country_at:
            after += 1
        return _names_a_body(doc, after)  # "of Mexico" is a country's title; "of the Canadian ... Roundtable" not
    words = [t for t in doc[nxt: min(len(doc), nxt + 6)]]
    if any(t.lower_ in GOVERNMENT_WORDS for t in words[:3]):
        return False
    return any(t.lower_ in ORGANISATION_WORDS or t.text[:1].isupper() or t.lower_.endswith("'") for t in words[:5])


def descriptions(doc: Doc, lang: str, country_at: dict[int, str], names: set[int]) -> list[Description]:
    """Phrases that stand for a person through a country and a role: "the Mexican leader", "Canada's prime
    minister", "the president of Mexico", "la mandataria mexicana", "el primer ministro de Canadá".

    `names` are the token indexes of name mentions: a role phrase next to a name is that name's title.
    """
    found = []
    for token in doc:
        if not _is_role_head(token, lang, with_leader=True) or token.tag_ in ("NNS", "NNPS"):
            continue
        if lang == "es" and token.lower_.endswith(("es", "os", "as")) and token.lower_ not in ("jefes",):
            continue  # plural: "presidentes", "ministros"
        head = token.i
        if head + 1 < len(doc) and doc[head + 1].lower_ == "ministro" and token.lower_ in ("primer", "primera"):
            continue
        # Role words before the head: "economy minister", "primer ministro", "Prime Minister".
        first = head
        while first - 1 >= 0 and doc[first - 1].lower_ in ROLE_MODIFIERS[lang] and first - 1 not in country_at \
                and doc[first - 1].lower_ not in ("the", "of", "and", "de", "del", "la", "el", "y"):
            first -= 1
        last = head + 1
        if lang == "es":
            # "secretario de Economía", "ministra de Finanzas", "jefe de Estado": "de" + ministry words.
            while last + 1 < len(doc) and doc[last].lower_ in ("de", "del", "y") and \
                    doc[last + 1].lower_ in ROLE_MODIFIERS["es"] and last + 1 not in country_at:
                last += 2
        elif last + 2 < len(doc) and doc[last].lower_ == "of" and doc[last + 1].lower_ in ("state", "government"):
            last += 2  # "head of state"
        country = None
        start = first
        # Country before: "Mexican leader", "Canada's prime minister", "the US president".
        before = first - 1
        if before >= 0 and doc[before].lower_ in ("'s", "’s"):
            before -= 1
        if before >= 0 and before in country_at:
            country = country_at[before]
            start = before
            while start - 1 >= 0 and country_at.get(start - 1) == country:
                start -= 1
        # Country after: "president of Mexico", "mandataria mexicana", "primer ministro de Canadá".
        after = last
        if country is None and after < len(doc):
            if lang == "es" and after in country_at:
                country = country_at[after]
            elif after + 1 < len(doc) and doc[after].lower_ in ("of", "de", "del") and after + 1 in country_at:
                country = country_at[after + 1]
            elif after + 2 < len(doc) and doc[after].lower_ in ("of", "de") and \
                    doc[after + 1].lower_ in ("the", "los", "la") and after + 2 in country_at:
                country = country_at[after + 2]
            if country is not None:
                end = after
                while end < len(doc) and (country_at.get(end) == country or
                                          doc[end].lower_ in ("of", "de", "del", "the", "los", "la")):
                    end += 1
                if lang == "en" and doc[after].lower_ == "of" and _names_a_body(doc, end):
                    continue  # "president of European steel association Eurofer": a body's, no country's
                last = end
        bare = country is None
        if bare:
            # "the president", "la mandataria": only with an article, singular, and not "president of <org>".
            if first == 0 or doc[first - 1].lower_ not in ("the", "el", "la") or token.lower_ in DESCRIPTION_ONLY[lang]:
                continue
            if last < len(doc) and doc[last].lower_ in ("of", "de", "del") or \
                    last < len(doc) and doc[last].text[:1].isupper() and lang == "en":
                continue
            start = first
        span = doc[start:last]
        if any(t.i in names for t in span):
            continue
        # A title of a name that follows ("Mexican President Claudia Sheinbaum", "... minister, Ebrard").
        nxt = last + 1 if last < len(doc) and doc[last].text == "," else last
        if nxt in names or (nxt < len(doc) and doc[nxt].lower_ in HONORIFICS and nxt + 1 in names):
            continue
        # An apposition to a name just before ("Ebrard, Mexico's economy minister").
        prev = start - 1
        while prev >= 0 and doc[prev].lower_ in ("the", "el", "la", "a", "an"):
            prev -= 1
        if prev >= 0 and doc[prev].text == "," and prev - 1 in names:
            continue
        if lang == "en" and last < len(doc) and doc[last].text[:1].isupper() and doc[last].pos_ == "PROPN":
            continue  # a title of a name the knowledge base does not know
        if lang == "es" and nxt < len(doc) and name_after(doc, nxt, lang) is not None and \
                nxt not in country_at:
            continue
        if any(t.lower_ in NOT_CURRENT for t in doc[max(0, start - 2): last]):
            continue
        if any(t.lower_ in NON_GOVERNMENT for t in span):
            continue
        role_words = " ".join(t.lower_ for t in doc[first:last] if t.i not in country_at)
        # The span keeps its leading article or possessive: "the Mexican leader", "Canada's prime minister".
        if span.start > 0 and doc[span.start - 1].lower_ in ("the", "el", "la"):
            span = doc[span.start - 1: span.end]
        found.append(Description(span=span, role_words=role_words, country=country, bare=bare))
    return found


# Spanish role words by grammatical gender: a description agrees with the person it stands for ("la mandataria"
# is a woman, "el ministro" a man). Words of both genders (canciller, titular, portavoz, líder, representante)
# take the gender of their article. English role words are not gendered, except a few compounds.
FEMININE_ROLES = frozenset("presidenta mandataria ministra secretaria subsecretaria vicepresidenta jefa comisaria "
                           "vocera embajadora negociadora primera gobernadora senadora diputada alcaldesa "
                           "spokeswoman chairwoman congresswoman businesswoman".split())
MASCULINE_ROLES = frozenset("presidente mandatario ministro secretario subsecretario vicepresidente jefe comisario "
                            "vocero embajador negociador primer gobernador senador diputado alcalde "
                            "spokesman chairman congressman businessman".split())
_ARTICLE_GENDER = {"la": "f", "una": "f", "el": "m", "un": "m", "del": "m", "al": "m"}


def words_gender(words: list[str]) -> str | None:
    """"f" or "m" when the (lower-case) role words say so and do not disagree, else None."""
    found = {"f" for w in words if w in FEMININE_ROLES} | {"m" for w in words if w in MASCULINE_ROLES}
    return found.pop() if len(found) == 1 else None


def description_gender(span: Span, lang: str) -> str | None:
    """The grammatical gender of a role phrase ("la mandataria mexicana" -> "f", "el canciller" -> "m"), from
    its role words, else (Spanish) from its article; None when it has none."""
    words = [t.lower_ for t in span]
    found = words_gender(words)
    if found or lang != "es":
        return found
    for word in words:
        if word in _ARTICLE_GENDER:
            return _ARTICLE_GENDER[word]
        if word.isalpha():
            break
    return None
