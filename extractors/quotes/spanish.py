"""Spanish quotes, by rules over tokens: the Spanish pipeline has no tagger, parser or NER.

For each quoted region the frame is its unit (layout). The cue is a word of saying (SPANISH_CUES:
dijo, afirmó, señaló, declaró, aseguró, añadió, advirtió, …), "según" or "de acuerdo con", outside quotations,
nearest the quotation. The speaker is read beside the cue:
- after it, inverted: «…», dijo Ebrard / afirmó la presidenta Claudia Sheinbaum / dijo el ministro canadiense;
- before it: Ebrard señaló: «…» / El secretario de Economía, Marcelo Ebrard, dijo que «…»;
- after "según": «…», según Ernesto Zamudio;
- with no subject at all (Spanish drops it: «…», afirmó en conferencia de prensa) from the context: the
  latest speaker of the paragraph, else the latest person named before the quotation.
A name is a run of capitalised words (with de, del, la, da, von, der inside: Luiz Inácio Lula da Silva); a
leaders-component mention overlapping it or a description ("la mandataria", "el republicano") gives the
canonical name; a surname gives the full name the article used; government bodies are normalised
(institutions). Kinds: direct when the quotation is set off (sentence start, after ":" or "," or a
bare "que" following the cue) and ends its clause; partial when built into the sentence («injusta»,
"pidió «cabeza fría»", "dijo que la relación era «muy compleja»"). Indirect speech: spanish_indirect.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Token

from extractors.quotes.institutions import country_of_word, institution_name, person_country
from extractors.quotes.layout import Found, QuoteLayout
from extractors.quotes.lexicon import (
    SPANISH_CONNECTORS,
    SPANISH_DETERMINERS,
    SPANISH_INSTITUTIONS,
    SPANISH_ROLE_NOUNS,
)
from extractors.quotes.marks import Region
from extractors.leaders.rules import words_gender
from extractors.quotes.people import fold, kb_roles, strip_name
from extractors.quotes.spanish_indirect import SpanishIndirectMixin
from extractors.quotes.spanish_verbs import VerbForm, speech_verb

DIRECT_MAX_UNQUOTED = 0.2
_WEEKDAYS_MONTHS = frozenset("""
lunes martes miércoles jueves viernes sábado domingo enero febrero marzo abril mayo junio julio agosto
septiembre setiembre octubre noviembre diciembre
""".split())
_PLACE_WORDS = frozenset("""
América Norteamérica Texas California Coahuila Sinaloa Nuevo León Monterrey Saltillo Guadalajara Ciudad
Ginebra Bruselas Pekín Washington Ottawa Tokio Europa Asia
""".split()) | {"América del Norte", "Ciudad de México", "Nuevo León", "Casa Blanca", "Palacio Nacional"}
# Prepositions: a name right after one is not the subject of its sentence.
_PREPOSITIONS = frozenset("a al de del con para por ante tras sobre entre hacia según contra sin desde en".split())
# Words after a comma that end a reported clause ("afirmó que …, después de tachar de «…»").
_REPORT_ENDS = frozenset("después antes tras aunque porque pero mientras luego sin pese".split())
# Words right before quoted words that make them a name or a label ("los llamados «…»", "conocido como «…»").
_LABEL_LEADS = frozenset("""
llamado llamada llamados llamadas denominado denominada denominados denominadas conocido conocida conocidos
conocidas bautizado bautizada apodado apodada autodenominado autodenominada término palabra concepto lema
eslogan etiqueta programa operación iniciativa plan campaña
""".split())
# Words that open a sentence with an adjunct before its subject ("Tras la llamada, …", "En Truth Social, …").
_ADJUNCT_OPENERS = frozenset("""
tras en junto con desde durante después antes a ante al como para sin pese luego mientras ayer hoy este esta
""".split())
def _looks_preterite(token: Token) -> bool:
    """A finite verb by its form: third person preterite ("descartó", "anunciaron", "impusieron"); nouns of
    that shape are rare in news prose."""
    text = token.text
    return token.is_alpha and text.islower() and len(text) > 3 and (text.endswith("ó") or
                                                                    text.endswith(("aron", "ieron")))


_INFINITIVE_ENDINGS = ("ar", "er", "ir", "arse", "erse", "irse", "arlo", "erlo", "irlo")
# Head nouns of a government body named by a description ("el ministerio", "la dependencia").
_BODY_WORDS = frozenset("""
ministerio secretaría secretaria dependencia cancillería organismo institución cartera comisión gobierno
""".split())
SPANISH_GROUP_WORDS = frozenset("""
organizaciones empresas empresarios productores analistas expertos funcionarios autoridades fuentes
sindicatos trabajadores exportadores inversionistas mercados consumidores
""".split())
_SENTENCE_WORDS = frozenset("""
el la los las un una en de del por para con sin sobre desde hasta según tras ante al y e o u que pero
lo su sus este esta estos estas ese esa ya más menos no sí como cuando donde hay es son fue
""".split())


class SpanishQuotes(SpanishIndirectMixin, QuoteLayout):
    """Per-document state for a Spanish doc; `run()` returns Found records in text order.

    doc (Doc): a blank Spanish doc with sentence starts (sentencizer).
    regions (list[Region]): its quoted regions.
    leaders (list[tuple[int, int, str]]): (start, end, canonical name) of leaders-component mentions.
    """

    def __init__(self, doc: Doc, regions: list[Region], leaders: list[tuple[int, int, str]],
                 describe_unnamed: bool = False) -> None:
        super().__init__(doc, regions)
        # verbs of saying outside quotations, by token (the quotation's own verbs are the speaker's words)
        self.verbs: list[VerbForm | None] = [speech_verb(doc, i) if self.region_of[i] == -1 else None
                                             for i in range(len(doc))]
        self.leaders = leaders
        self._genders: dict[str, str | None] = {}
        self._capitalised_inside: set[str] | None = None  # words capitalised inside a sentence somewhere
        self.describe_unnamed = describe_unnamed
        self.names = self._names()  # (token start, token end, name) of capitalised name runs, in order
        self._name_starts = [n[0] for n in self.names]
        self.surnames: dict[str, str] = {}
        for start, end, name in self.names:
            words = name.split()
            if len(words) >= 2 and not institution_name(name) and words[0].lower() not in _SENTENCE_WORDS \
                    and not any(country_of_word(w) for w in words) and name not in _PLACE_WORDS:
                # Spanish names carry two surnames: "Arreola" and "Montes" both stand for "Lucía Arreola Montes"
                for word in words[1:]:
                    if len(word) > 2 and word[:1].isupper():
                        self.surnames.setdefault(fold(word), name)
                self.surnames[fold(words[-1])] = name
        for _, _, name in leaders:
            words = name.split()
            if len(words) >= 2:
                self.surnames.setdefault(fold(words[-1]), name)

    # ------------------------------------------------------------------ names
    def _capitalised(self, token: Token) -> bool:
        text = token.text
        return text[:1].isupper() and any(c.isalpha() for c in text) and self.region_of[token.i] == -1

    def _names(self) -> list[tuple[int, int, str]]:
        """Runs of capitalised words outside quotations ("Marcelo Ebrard", "Secretaría de Economía",
        "Luiz Inácio Lula da Silva"); a sentence's first word joins only if the next word is capitalised."""
        doc = self.doc
        out = []
        i = 0
        n = len(doc)
        while i < n:
            if not self._capitalised(doc[i]):
                i += 1
                continue
            j = i + 1
            while j < n:
                if self._capitalised(doc[j]) and not self.newline_before(j):
                    j += 1
                elif doc[j].lower_ in SPANISH_CONNECTORS | {"da", "von", "der", "van", "di", "do", "dos"} \
                        and j + 1 < n and self._capitalised(doc[j + 1]) and doc[j].lower_ not in ("y", "e"):
                    j += 2
                else:
                    break
            start = i
            # a capitalised sentence opener that is a common word ("La", "El", "Según") is not part of it
            while start < j and (doc[start].lower_ in _SENTENCE_WORDS or self.verbs[start] is not None):
                start += 1
            if start < j and doc[start].lower_ not in _WEEKDAYS_MONTHS:
                out.append((start, j, doc[start:j].text))
            i = j
        return out

    def _name_at(self, i: int) -> tuple[int, int, str] | None:
        k = bisect.bisect_right(self._name_starts, i) - 1
        if k >= 0 and self.names[k][0] <= i < self.names[k][1]:
            return self.names[k]
        return None

    def _leader_in(self, a: int, b: int, last: bool = False) -> tuple[str, int] | None:
        """A leaders mention overlapping tokens [a, b): (canonical name, char start); the first one, or with
        `last` the last one (a subject before its verb: the name nearest the verb)."""
        if a >= b:
            return None
        start, end = self.doc[a].idx, self.doc[b - 1].idx + len(self.doc[b - 1])
        found = None
        for x, y, name in self.leaders:
            if x < end and start < y:
                found = (name, x)
                if not last:
                    break
        return found

    def _person(self, name: str) -> str:
        """The fullest form of a name: a surname becomes the full name the article (or KB) gives."""
        name = strip_name(name)
        words = name.split()
        if len(words) == 1 and fold(words[0]) in self.surnames:
            return self.surnames[fold(words[0])]
        return name

    def _noun_phrase_speaker(self, a: int, b: int, last: bool = False,
                             plural: bool = False) -> tuple[str | None, int] | None:
        """Who the tokens [a, b) name: a leader, a person, an institution; None (in a tuple) for an
        unnamed person or group; None when nothing nameable is there. With `last` (a subject before its verb)
        the mention nearest the end wins; with `plural` (the verb is plural) two people joined by "y" are
        both the speaker ("los ministros …, Maninder Sidhu, y …, Heath MacDonald")."""
        doc = self.doc
        if a >= b:
            return None
        words = [t.lower_ for t in doc[a:b] if t.is_alpha]
        if len(words) >= 2 and words[0] in SPANISH_DETERMINERS and words[1] in SPANISH_ROLE_NOUNS \
                and b + 1 < len(doc) and doc[b].text == ",":
            # a title followed by its name ("el presidente del directorio de Codelco, Máximo Pacheco,")
            named = self._name_at(b + 1)
            if named is not None and named[0] == b + 1 and self._looks_like_person(*named):
                leader = self._leader_in(named[0], named[1])
                return leader or (self._person(named[2]), doc[named[0]].idx)
        names = [n for n in self.names if a <= n[0] < b]
        country = self._country_near(a)
        # a one-word name after "de" is a portfolio or a place ("secretario de Economía"), not a person
        names = [n for n in names if not (n[1] - n[0] == 1 and n[0] > 0 and doc[n[0] - 1].lower_ in ("de", "del"))
                 or self._leader_in(n[0], n[1])]
        people = [n for n in names if not institution_name(n[2], country)
                  and n[2].split()[0].lower() not in SPANISH_INSTITUTIONS
                  and not any(country_of_word(w) for w in n[2].split()) and n[2] not in _PLACE_WORDS
                  and not self._sentence_opener(*n)]
        if plural:
            both = self._people_joined(a, b, people)
            if both:
                return both
        leader = self._leader_in(a, b, last=last)
        if leader:
            person = people[-1] if people else None
            # a leader named in a modifier of the subject ("la portavoz de Trump, Karoline Leavitt"): the
            # apposition's name speaks
            if person is not None and doc[person[0]].idx > leader[1] and doc[person[0] - 1].text == "," \
                    and self._leader_in(person[0], person[1]) is None:
                return self._person(person[2]), doc[person[0]].idx
            return leader
        text = doc[a:b].text
        institution = institution_name(text, country)
        if people:
            # an apposition's name wins over the title before it ("El secretario de Economía, Marcelo Ebrard")
            start, _, name = people[-1]
            return self._person(name), doc[start].idx
        if institution:
            return institution, doc[a].idx
        words = [t.lower_ for t in doc[a:b] if t.is_alpha]
        if words and words[0] in ("el", "la", "los", "las") and len(words) <= 4 and \
                any(w in _BODY_WORDS for w in words[1:3]):
            # "el ministerio", "la dependencia", "la Comisión": the body the article named last
            body = self._latest_institution(doc[a].idx, [w for w in words[1:3] if w in _BODY_WORDS][0])
            if body:
                return body, doc[a].idx
        if names:
            start, _, name = names[-1]
            return strip_name(name), doc[start].idx
        # a description followed by its name ("el primer ministro japonés, Shigeru Ishiba,")
        if b + 1 < len(doc) and doc[b].text == ",":
            named = self._name_at(b + 1)
            if named is not None and named[0] == b + 1 and self._looks_like_person(*named):
                return self._person(named[2]), doc[named[0]].idx
        if words and words[0] in ("el", "la") and any(w in SPANISH_ROLE_NOUNS for w in words[1:3]):
            # "el jefe del gobierno canadiense": the latest person of that gender (and country, when the
            # description names one and the knowledge base knows the person's)
            nation = next((country_of_word(w) for w in words[1:] if country_of_word(w)), None)
            person = self._latest_person(doc[a].idx, gender="f" if words[0] == "la" else "m", country=nation)
            if person:
                return person
            return self._unnamed(a, b)
        if words and words[0] in SPANISH_GROUP_WORDS | {"organizaciones", "empresarios", "analistas"}:
            return self._unnamed(a, b)
        if words and words[0] in ("un", "una", "unos", "unas") and \
                any(w in SPANISH_ROLE_NOUNS | SPANISH_GROUP_WORDS for w in words[1:3]):
            return self._unnamed(a, b)
        return None

    def _people_joined(self, a: int, b: int, people: list[tuple[int, int, str]]) -> tuple[str, int] | None:
        """Two or more people in one subject ("Sidhu y MacDonald", "los ministros …, A, y …, B"), as
        "A and B"; None unless the phrase joins them with "y"."""
        doc = self.doc
        chosen: list[tuple[str, int]] = []
        for start, end, name in people:
            leader = self._leader_in(start, end)
            if leader is None and not self._looks_like_person(start, end, name):
                continue
            full = leader[0] if leader else self._person(name)
            if full not in (c[0] for c in chosen):
                chosen.append((full, doc[start].idx))
        if len(chosen) < 2 or not any(t.lower_ in ("y", "e") for t in doc[a:b]):
            return None
        return " and ".join(c[0] for c in chosen), chosen[0][1]

    def _country_near(self, i: int) -> str | None:
        """The country a government body named at token i most likely belongs to: the latest country
        named before it in its paragraph (quotations included: "«China deplora …», dijo un portavoz del
        Ministerio de Comercio"), else the country the article names most, else Mexico (a "Secretaría" is
        a Mexican ministry, and Mexican outlets name their own country least)."""
        doc = self.doc
        k = i - 1
        while k >= 0 and not (self.newline_before(k + 1) and k + 1 < i):
            country = self._country_at(k)
            if country:
                return country
            k -= 1
        return self._focus_country or "Mexico"

    def _country_at(self, k: int) -> str | None:
        token = self.doc[k]
        if not token.is_alpha or (token.is_lower and not token.text.endswith(("o", "a", "os", "as", "ense",
                                                                              "enses", "és", "esa"))):
            return None
        return country_of_word(token.text)

    @property
    def _focus_country(self) -> str | None:
        if not hasattr(self, "_focus"):
            counts: dict[str, int] = {}
            for k in range(len(self.doc)):
                if self.region_of[k] == -1:
                    country = self._country_at(k)
                    if country:
                        counts[country] = counts.get(country, 0) + 1
            ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
            self._focus = ranked[0][0] if ranked else None
        return self._focus

    def _latest_institution(self, char: int, head: str) -> str | None:
        """The government body named last before `char` whose name has the head word ("ministerio"), or
        any body for a generic head ("la dependencia", "el organismo")."""
        generic = head in ("dependencia", "organismo", "institución", "entidad", "cartera")
        best = None
        for start, end, name in self.names:
            if self.doc[start].idx >= char:
                break
            words = [fold(w) for w in name.split()]
            if not generic and fold(head) not in words:
                continue
            body = institution_name(name, self._country_near(start))
            if body:
                best = body
        return best

    def _unnamed(self, a: int, b: int) -> tuple[str | None, int]:
        """An unnamed person or group: None, or with `describe_unnamed` the words as written ("un alto
        funcionario", "analistas del sector"), up to the first comma."""
        if not self.describe_unnamed:
            return None, -1
        doc = self.doc
        end = a
        while end < b and doc[end].text not in (",", ";", ":", "(", "—", "–") and not doc[end].is_space:
            end += 1
        words = doc[a:end].text.split()
        return (" ".join(words) if words else None), doc[a].idx

    def _sentence_opener(self, start: int, end: int, name: str) -> bool:
        """One capitalised word opening a sentence that is no known name ("Poco después …", "Voces del
        sector …"): capitalised only because it opens the sentence, unless the text capitalises it elsewhere."""
        if end - start != 1 or not (start == 0 or self.doc[start].is_sent_start or self.newline_before(start)
                                    or self.doc[start - 1].text in (".", ":", "—", "–")):
            return False
        word = fold(name)
        if word in self.surnames or self._leader_in(start, end):
            return False
        if self._capitalised_inside is None:
            doc = self.doc
            self._capitalised_inside = {fold(t.text) for t in doc if t.i > 0 and t.text[:1].isupper()
                                        and not t.is_sent_start and doc[t.i - 1].text not in (".", ":", "—", "–")
                                        and not self.newline_before(t.i)}
        return word not in self._capitalised_inside

    def _looks_like_person(self, start: int, end: int, name: str) -> bool:
        """A capitalised run names a person (not a place or a body): a leader, a role noun or cue right
        before it, an apposition after it (", economista …"), or a surname of such a name."""
        doc = self.doc
        if self._sentence_opener(start, end, name):
            return False
        if institution_name(name, self._country_near(start)) or name.split()[0].lower() in SPANISH_INSTITUTIONS:
            return False
        if any(country_of_word(w) for w in name.split()) or name in _PLACE_WORDS:
            return False
        if self._leader_in(start, end):
            return True
        words = name.split()
        if len(words) == 1 and fold(words[0]) in self.surnames:
            return True
        before = doc[start - 1].lower_ if start > 0 else ""
        if before in SPANISH_ROLE_NOUNS or self._verb(start - 1) or before in ("según", "para", "señor", "señora"):
            return True
        if end + 1 < len(doc) and doc[end].text == "," and (doc[end + 1].lower_ in SPANISH_ROLE_NOUNS
                                                           or doc[end + 1].lower_ in ("quien", "de")):
            return True
        if end < len(doc) and self._verb(end):
            return True
        return len(words) >= 2 and start > 0 and doc[start - 1].text == ","

    def _latest_person(self, char: int, gender: str | None = None,
                       country: str | None = None) -> tuple[str, int] | None:
        """The latest person named (or leader mentioned) before `char`, outside quotations; with `gender`
        ("f"/"m", from a description's article: "la dirigente") one not known to be of the other gender;
        with `country`, a leader of that country first."""
        best: tuple[str, int] | None = None
        if country is not None:
            for x, _, name in self.leaders:
                if x < char and not self._in_quote_char(x) and person_country(name) == country \
                        and self._gender_fits(name, gender):
                    best = (name, x)
            if best is not None:
                return best
        for x, _, name in self.leaders:
            if x < char and not self._in_quote_char(x) and self._gender_fits(name, gender):
                best = (name, x)
        for start, end, name in self.names:
            idx = self.doc[start].idx
            if idx >= char:
                break
            if self._looks_like_person(start, end, name):
                person = self._person(name)
                if (best is None or idx > best[1]) and self._gender_fits(person, gender):
                    best = (person, idx)
        return best

    def _gender_fits(self, name: str, gender: str | None) -> bool:
        if gender is None:
            return True
        if name not in self._genders:
            # the titles the article puts right before the person's names ("la presidenta Claudia
            # Sheinbaum", "el canciller …"), else the knowledge base's Spanish titles
            words: list[str] = []
            surname = fold(name.split()[-1])
            for start, end, written in self.names:
                if fold(written.split()[-1]) == surname:
                    words += [t.lower_ for t in self.doc[max(0, start - 3):start]]
                    if end < len(self.doc) and self.doc[end].text == ",":
                        words += [t.lower_ for t in self.doc[end + 1:end + 3]]
            found = words_gender(words) or words_gender(kb_roles(name).replace("|", " ").split())
            self._genders[name] = found
        return self._genders[name] in (None, gender)

    def _in_quote_char(self, char: int) -> bool:
        i = self.token_at(char)
        return self.region_of[i] != -1

    # ------------------------------------------------------------------ cues and speakers
    def _verb(self, i: int) -> VerbForm | None:
        return self.verbs[i] if 0 <= i < len(self.verbs) else None

    def _naming(self, token: Token | None) -> bool:
        verb = self._verb(token.i) if token is not None else None
        return verb is not None and verb.kind == "naming"

    def _is_cue(self, token: Token) -> bool:
        if self.region_of[token.i] != -1:
            return False
        return self.verbs[token.i] is not None or self._according(token) is not None

    def _choose_cue(self, index: int, frame: tuple[int, int]) -> Token | None:
        a, b = frame
        ma, mb = self.region_marks[index]
        best = None
        outer = self._reporting_cue(ma)
        for i in range(a, b):
            token = self.doc[i]
            if not self._is_cue(token):
                continue
            if outer is not None and outer < i < ma:
                continue  # "Sumó que «…», y que Estados Unidos asumió «…»": a verb inside the report
            distance = ma - i if i < ma else i - mb + 1
            between = range(i + 1, ma) if i < ma else range(mb, i)
            crossed = len({self.region_of[k] for k in between if self.region_of[k] != -1})
            if i > ma and any(self.doc[k].lower_ in ("y", "e", "pero", "mientras") for k in between):
                crossed += 1  # "… de «…» y Mélenchon habló de «…»": the next clause's verb, not this one's
            # a cue right after the quotation (", dijo") beats one before it at the same distance
            key = (crossed, distance + (1 if i < ma else 0))
            if best is None or key < best[0]:
                best = (key, token)
        return best[1] if best else None

    def _reporting_cue(self, i: int) -> int | None:
        """The verb of saying whose "que" clause holds token i, in i's sentence ("Sumó que … y que …"), if any."""
        doc = self.doc
        a, _ = self.unit_range(i)
        found = None
        for k in range(a, i):
            verb = self.verbs[k]
            if verb is None or not verb.finite:
                continue
            for j in range(k + 1, min(i, k + 8)):
                if doc[j].lower_ == "que" and self.region_of[j] == -1:
                    found = k
                    break
                if doc[j].text in (".", ";", ":") or self.region_of[j] != -1:
                    break
            if found == k and any(doc[j].text == "," and j + 1 < i and doc[j + 1].lower_ in _REPORT_ENDS
                                  for j in range(k + 1, i)):
                found = None  # ", después de …", ", aunque …": the report ended before token i
        return found

    def _speaker_after(self, cue: Token, limit: int) -> tuple[str | None, int] | None:
        """An inverted subject right after the cue: "dijo Ebrard", "afirmó la presidenta Claudia Sheinbaum",
        "dijo el ministro canadiense ante …", also after an adjunct ("ha explicado en un comunicado Ursula von
        der Leyen", "dijo este lunes el secretario"); None when the cue has no subject after it."""
        doc = self.doc
        verb = self._verb(cue.i)
        plural = verb is not None and verb.number == "pl"
        k = self._after_adjunct(cue.i + 1, limit)
        if k < limit and doc[k].lower_ in ("que", "en", "a", "al", "ante", "tras", "durante", "este", "esta",
                                          "desde", "con", "por", "sobre", ":", ".", ";", "«", "“", '"', "\n"):
            return None
        end = k
        while end < limit and end - k < 16:
            t = doc[end]
            if t.text in (".", ";", ":", "«", "“", '"', "»", "”", "(") or self.region_of[end] != -1 or t.is_space:
                break
            if plural and t.lower_ in ("y", "e") and end > k:
                end += 1  # "los ministros de Comercio, Maninder Sidhu, y de Agricultura, Heath MacDonald"
                continue
            if t.text == "," and end > k:
                # "el secretario de Economía, Marcelo Ebrard," -- keep one apposition if a name follows
                nxt = end + 1
                if nxt < limit and self._capitalised(doc[nxt]) and self._name_at(nxt) and \
                        (plural or not any(self._name_at(j) for j in range(k, end))):
                    end += 1
                    continue
                if plural and nxt < limit and doc[nxt].lower_ in ("y", "e"):
                    end += 1
                    continue
                break
            if t.lower_ in ("en", "ante", "al", "tras", "durante", "desde", "con", "quien", "que", "y", "a", "sobre"):
                if not (t.lower_ in ("de", "del") and end + 1 < limit and self._capitalised(doc[end + 1])):
                    break
            end += 1
        if end == k:
            return None
        return self._noun_phrase_speaker(k, end, plural=plural)

    def _after_adjunct(self, k: int, limit: int) -> int:
        """The token after an adjunct that may stand between a verb and its inverted subject: a preposition
        with its object ("en un comunicado conjunto", "a la prensa", "en conferencia de prensa") or a time
        phrase ("este lunes", "el martes"), when a subject (a determiner or a capitalised word) follows it;
        else k itself."""
        doc = self.doc
        start = k
        for _ in range(2):
            if k >= limit:
                return start
            lower = doc[k].lower_
            if lower in ("este", "esta", "el") and k + 1 < limit and doc[k + 1].lower_ in _WEEKDAYS_MONTHS:
                k += 2
                continue
            if lower not in ("en", "a", "ante", "durante", "desde", "mediante"):
                break
            j = k + 1
            if j < limit and doc[j].lower_ in SPANISH_DETERMINERS | {"su", "sus", "una", "unas", "unos"}:
                j += 1
            if j < limit and self._capitalised(doc[j]):
                named = self._name_at(j)
                j = named[1] if named else j + 1
            else:
                # the object: lower-case words, no verb ("tras reunirse con …" is a clause, not an adjunct)
                while j < limit and j - k < 7 and doc[j].is_alpha and doc[j].is_lower and \
                        doc[j].lower_ not in SPANISH_DETERMINERS | {"que", "una", "unos", "unas", "y", "con", "para",
                                                                    "por", "sin", "tras"} \
                        and self.verbs[j] is None and not doc[j].lower_.endswith(_INFINITIVE_ENDINGS):
                    j += 1
            if j >= limit or not (doc[j].lower_ in SPANISH_DETERMINERS | {"una", "unos", "unas"}
                                  or self._capitalised(doc[j]) or doc[j].lower_ in ("en", "a", "este", "esta")):
                return start
            k = j
        if k < limit and (doc[k].lower_ in SPANISH_DETERMINERS | {"una", "unos", "unas"} or self._capitalised(doc[k])):
            return k
        return start

    def _speaker_before(self, cue: Token, floor: int) -> tuple[str | None, int] | None:
        """A subject before the cue, back to the start of its clause: "Ebrard señaló", "El Ministerio de
        Comercio chino afirmó", "El secretario de Economía, Marcelo Ebrard, dijo"."""
        doc = self.doc
        k = cue.i - 1
        # adverbials between subject and verb: ", por su parte," / "también" / "ya"; the auxiliary and clitics
        # of the verb ("ha señalado", "se lo había dicho")
        while k >= floor and doc[k].lower_ in ("también", "ya", "además", "luego", "después", "no", "hoy", "ayer",
                                                "ha", "han", "había", "habían", "habría", "habrían", "se", "le",
                                                "les", "lo", "la", "asimismo", "incluso"):
            k -= 1
        if k >= floor and doc[k].lower_ in ("que", "cual", "donde") and self.region_of[k] == -1:
            # a relative clause: "Trump, que luego ha matizado": the name it hangs on; "la respuesta que
            # publicó", "una carta … en la que advierte": the subject of the sentence (who wrote it)
            if k - 1 >= floor and doc[k - 1].text == ",":
                antecedent = self._noun_phrase_speaker(max(floor, k - 6), k - 1, last=True)
                if antecedent is not None and antecedent[0] is not None:
                    return antecedent
            return self._sentence_subject(k)
        if k >= floor and doc[k].text == ",":
            # "Marcelo Ebrard, dijo" or ", por su parte," -- step over a parenthetical
            j = k - 1
            while j >= floor and doc[j].text != "," and k - j < 6 and self.region_of[j] == -1:
                j -= 1
            if j >= floor and doc[j].text == "," and not self._name_at(j + 1):
                k = j - 1
            else:
                k -= 1
        end = k + 1
        start = end
        while start > floor and self.region_of[start - 1] == -1:
            t = doc[start - 1]
            if t.text in (".", ";", ":", "»", "”", '"', "?", "!") or t.is_space or self.newline_before(start):
                break
            if t.lower_ in ("que", "quien") and start - 1 < end - 1 and not self._name_at(start - 1):
                if not (start - 2 >= floor and doc[start - 2].text == ","):
                    break
            if t.lower_ in ("y", "e") and start == end:
                break  # "… y dijo": handled below
            if self._is_cue(t):
                break
            start -= 1
            if self.newline_before(start):
                break
        # "El vicepresidente Geraldo Alckmin, que también encabeza el ministerio …, aseguró": the subject is
        # what comes before the relative clause
        for k in range(start, end - 1):
            if doc[k].text == "," and doc[k + 1].lower_ in ("que", "quien", "cuyo", "cuya", "quienes"):
                end = k
                break
        if start >= end:
            if start > 0 and doc[start - 1].lower_ == "quien":
                return self._latest_person(doc[start - 1].idx) or (None, -1)
            if start > 0 and doc[start - 1].lower_ in ("y", "e"):
                # a second verb of the same subject: the subject of the sentence, or of the quotation's
                # attribution ("«…», dijo, y comentó que …": no subject at all, the topic goes on)
                return self._sentence_subject(start - 1)
            return None
        verb = self.verbs[cue.i]
        return self._noun_phrase_speaker(start, end, last=True, plural=verb is not None and verb.number == "pl")

    def _speaker_for_cue(self, cue: Token, index: int | None, frame: tuple[int, int]) -> tuple[str | None, int] | None:
        doc = self.doc
        a, b = frame
        according = self._according(cue)
        if according is not None:
            k = according
            if k < len(doc) and self.verbs[k] is not None and self.verbs[k].finite:
                return self._speaker_for_cue(doc[k], index, frame)  # "según explicó": the verb's subject
            end = k
            while end < len(doc) and end - k < 12 and doc[end].text not in (",", ".", ";", ":", "«", "“") \
                    and self.region_of[end] == -1:
                end += 1
            return self._noun_phrase_speaker(k, end)
        verb = self.verbs[cue.i]
        if verb is not None and not verb.finite:
            if verb.form == "participle":
                # "calificada de «…» por la Casa Blanca": the agent, if any
                for k in range(cue.i + 1, min(len(doc), cue.i + 8)):
                    if doc[k].lower_ == "por" and self.region_of[k] == -1:
                        end = k + 1
                        while end < len(doc) and end - k < 10 and doc[end].text not in (",", ".", ";", ":") \
                                and self.region_of[end] == -1:
                            end += 1
                        return self._noun_phrase_speaker(k + 1, end)
                return (None, -1)
            # "al sostener que …", "asegurando que …": the subject of the sentence's main verb
            return self._sentence_subject(cue.i)
        if index is not None and cue.i < self.region_marks[index][0]:
            # the verb before the quotation: subject-verb order first ("Von der Leyen calificó la decisión del
            # mandatario como «…»": the words after the verb are its object), inverted only without a subject
            # before it ("Afirmó la presidenta: «…»")
            before = self._speaker_before(cue, a)
            if before is not None and before[0] is not None:
                return before
            return self._speaker_after(cue, max(b, cue.i + 14)) or before
        after = self._speaker_after(cue, b if index is None else max(b, cue.i + 14))
        if after is not None:
            return after
        return self._speaker_before(cue, a)

    def _according(self, cue: Token) -> int | None:
        """For "según X", "de acuerdo con X", "a juicio de X", "en palabras de X": the token where X starts."""
        doc = self.doc
        i = cue.i
        lower = cue.lower_
        if lower == "según":
            return i + 1
        nxt = doc[i + 1].lower_ if i + 1 < len(doc) else ""
        before = doc[i - 1].lower_ if i > 0 else ""
        if lower == "acuerdo" and before == "de" and nxt == "con":
            return i + 2
        if (lower, before) in (("juicio", "a"), ("palabras", "en")) and nxt in ("de", "del"):
            return i + 2
        return None

    def _sentence_subject(self, i: int, start: int | None = None) -> tuple[str | None, int] | None:
        """Who the sentence of token i is about: the first person or body it names before i, outside
        quotations and not as the object of a preposition ("Frente al riesgo … con el presidente Donald
        Trump, la presidenta descartó …": the presidenta), before the first finite verb when one is seen,
        within the sentence's first words; a leading adjunct set off by a comma is skipped ("En Truth Social,
        el mandatario …"). A bare country is no subject here ("… golpea a Canadá"): only a verb of saying
        makes a government speak."""
        doc = self.doc
        a = self.unit_range(i)[0] if start is None else start
        if doc[a].lower_ in _ADJUNCT_OPENERS:
            comma = next((k for k in range(a, min(i, a + 25)) if doc[k].text == "," and self.region_of[k] == -1),
                         None)
            if comma is not None:
                a = comma + 1
        verb_at = next((k for k in range(a, i) if self.region_of[k] == -1 and (
            self.verbs[k] is not None and self.verbs[k].finite or _looks_preterite(doc[k]))), None)
        b = min(i, a + 20, len(doc)) if verb_at is None else verb_at
        for k in range(a, b):
            if self.region_of[k] != -1 or k > a and doc[k - 1].lower_ in _PREPOSITIONS:
                continue
            leader = self._leader_in(k, k + 1)
            if leader and doc[k].idx <= leader[1]:
                return leader  # at the mention's first token
            named = self._name_at(k)
            if named is not None and named[0] == k:
                body = institution_name(named[2], self._country_near(k))
                if body and not (body.startswith("Government of") and country_of_word(named[2])):
                    return body, doc[k].idx
                if self._looks_like_person(*named):
                    return self._person(named[2]), doc[k].idx
            if doc[k].lower_ in ("el", "la") and k + 1 < b and self._name_at(k + 1) is None and \
                    (doc[k + 1].lower_ in _BODY_WORDS or doc[k + 1].lower_ in SPANISH_ROLE_NOUNS):
                # "la dependencia", "la presidenta": who the description stands for
                comma = next((j for j in range(k + 2, min(b, k + 8)) if doc[j].text == ","), min(b, k + 4))
                found = self._noun_phrase_speaker(k, comma)
                if found and found[0]:
                    return found
        return None

    # ------------------------------------------------------------------ kinds
    def _kind(self, cue: Token | None, index: int, frame: tuple[int, int]) -> str:
        doc = self.doc
        ma, mb = self.region_marks[index]
        a, b = self.region_tokens[index]
        quoted = self.alnum(a, b)
        if self._naming(cue):
            return "partial"
        if cue is not None and cue.i < ma:
            # "dijo: «…»", "afirmó que «…»" -- the words between the cue and the mark belong to the report
            k = ma - 1
            set_off = doc[k].text in (":", ",") or doc[k].lower_ == "que" and k - 1 <= cue.i + 6
            lead = [t for t in doc[cue.i + 1:ma] if t.is_alpha and t.lower_ != "que" and self.region_of[t.i] == -1]
            subject = self._speaker_after(cue, ma)
            if subject is not None and doc[k].text in (":", ","):
                lead = []
            unquoted = sum(self.alnum(t.i, t.i + 1) for t in lead)
            if not set_off or quoted == 0 or unquoted / (quoted + unquoted) >= DIRECT_MAX_UNQUOTED:
                return "partial"
            return "direct"
        # the quotation before its cue: direct when it opens its clause
        lead = [t for t in doc[frame[0]:ma] if t.is_alpha and self.region_of[t.i] == -1]
        opened = ma == frame[0] or doc[ma - 1].text in (":", ".", "—", "–", "-") or self.newline_before(ma)
        if not opened and lead:
            unquoted = sum(self.alnum(t.i, t.i + 1) for t in lead)
            if quoted == 0 or unquoted / (quoted + unquoted) >= DIRECT_MAX_UNQUOTED:
                return "partial"
        return "direct"

    def _labelled(self, index: int) -> bool:
        """Quoted words that name something rather than report speech: a title ("Día de la Liberación",
        «La Mañanera del Pueblo»), or words after a naming lead ("los llamados «aranceles recíprocos»", "la
        denominada «tregua transatlántica»", "conocida como «dumping»")."""
        doc = self.doc
        a, b = self.region_tokens[index]
        words = [t for t in doc[a:b] if t.is_alpha]
        if not words:
            return True
        if len(words) <= 6 and all(t.text[:1].isupper() or t.lower_ in _SENTENCE_WORDS for t in words) \
                and words[0].text[:1].isupper() and any(t.text[:1].isupper() for t in words[1:] or words):
            return True
        ma = self.region_marks[index][0]
        before = [t.lower_ for t in doc[max(0, ma - 2):ma]]
        if before and before[-1] in _LABEL_LEADS:
            return True
        return len(before) == 2 and before[-1] in ("como", "de") and before[0] in _LABEL_LEADS

    def _standalone(self, index: int, frame: tuple[int, int]) -> bool:
        ma, mb = self.region_marks[index]
        a, b = self.region_tokens[index]
        doc = self.doc
        outside = [t for t in doc[frame[0]:frame[1]] if t.is_alpha and self.region_of[t.i] == -1]
        quoted = self.alnum(a, b)
        unquoted = sum(self.alnum(t.i, t.i + 1) for t in outside)
        return quoted > 0 and unquoted / (quoted + unquoted) < DIRECT_MAX_UNQUOTED

    # ------------------------------------------------------------------ run
    def _frame(self, index: int) -> tuple[int, int]:
        ma, mb = self.region_marks[index]
        a, _ = self.unit_range(ma)
        _, b = self.unit_range(max(ma, mb - 1))
        doc = self.doc
        # «… .» Dijo Ebrard. / «…». afirmó -- a cue opening the next unit belongs to this quotation
        if b < len(doc) and not self.break_between(b - 1, b) and self._is_cue(doc[b]):
            b = self.unit_range(b)[1]
        return self.with_colon_intro(a, ma), b

    def run(self, indirect: bool = True) -> list[Found]:
        found: list[Found] = []
        by_region: dict[int, Found] = {}
        for index, region in enumerate(self.regions):
            frame = self._frame(index)
            cue = self._choose_cue(index, frame)
            speaker: tuple[str | None, int] | None = None
            if cue is not None:
                speaker = self._speaker_for_cue(cue, index, frame)
            if cue is not None:
                kind = self._kind(cue, index, frame)
                if speaker is None:
                    speaker = self._carry(index, by_region) or self._latest_person(region.start) or (None, -1)
            elif self._standalone(index, frame):
                carried = self._carry(index, by_region)
                if carried is None and len(self.inner_text(index).split()) < 4:
                    continue  # a title or a label standing alone
                kind = "direct"
                speaker = carried
            else:
                # quoted words built into a sentence with no verb of saying ("los aranceles «injustificados»",
                # "aplazó «por un mes»"): the words of the sentence's subject, unless they are a name or label
                ma = self.region_marks[index][0]
                opener = ma == 0 or self.doc[ma - 1].text in (":", ".", "—", "–") or self.newline_before(ma)
                if self._labelled(index) or not region.closed or \
                        self.doc[self.region_tokens[index][0]].text[:1].isupper() and not opener:
                    continue  # a label; a stray mark; a title inside the sentence ("En «La era del muro», …")
                kind = "partial"
                speaker = self._sentence_subject(self.region_marks[index][0]) or self._carry(index, by_region)
            if kind == "partial" and self._labelled(index):
                continue
            speaker = speaker or (None, -1)
            record = Found(region.start, region.end, kind, speaker[0], region.chain, speaker[1])
            found.append(record)
            by_region[index] = record
        if indirect:
            found.extend(self._indirect())
        found.sort(key=lambda f: (f.start, f.end))
        return found

    def _carry(self, index: int, by_region: dict[int, Found]) -> tuple[str | None, int] | None:
        """The speaker of a quotation with no subject of its own: the same quotation's earlier paragraph;
        else, going back sentence by sentence within the paragraph and the one before, an attributed
        quotation, a report ("Ebrard señaló que …"), or the subject a sentence opens with (Spanish drops
        the subject that goes on: "La mandataria se comprometió a … Relató que «…»"); else whoever was
        quoted last (interviews)."""
        region = self.regions[index]
        for previous in range(index - 1, max(-1, index - 6), -1):
            if self.regions[previous].chain == region.chain and previous in by_region:
                record = by_region[previous]
                return record.speaker, record.speaker_start
        ma, _ = self.region_marks[index]
        k = ma - 1
        lines = 0
        unit = self.units[ma] if ma < len(self.units) else -1
        while k >= 0 and lines < 2:
            if self.newline_before(k + 1) and k + 1 < ma and not self.doc[k + 1].is_space:
                lines += 1  # a paragraph break (the blank line's own token is not a second one)
            if self.units[k] != unit:
                # leaving a sentence with no attribution in it: its subject, if it opens with one
                if unit != self.units[ma] and unit != -1:
                    subject = self._sentence_subject(self.unit_range(k + 1)[1], start=k + 1)
                    if subject is not None and subject[0] is not None:
                        return subject
                unit = self.units[k]
            token = self.doc[k]
            other = self.region_of[k]
            if other != -1 and other != index and other in by_region and by_region[other].speaker is not None:
                record = by_region[other]
                return record.speaker, record.speaker_start
            if other == -1 and self._is_cue(token) and not self._naming(token):
                found = self._speaker_for_cue(token, None, self.unit_range(k))
                if found is not None and found[0] is not None:
                    return found
            k -= 1
        for previous in range(index - 1, max(-1, index - 8), -1):
            record = by_region.get(previous)
            if record is not None and record.speaker is not None and record.kind == "direct":
                return record.speaker, record.speaker_start
        return None
