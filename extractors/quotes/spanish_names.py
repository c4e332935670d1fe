"""Who a Spanish phrase names, by rules over tokens: the Spanish pipeline has no tagger, parser or NER.

The layer under spanish_speakers: the words of saying outside quotations (spanish_verbs), the runs of
capitalised words that may be names (with de, del, la, da, von, der inside: Luiz Inácio Lula da Silva), and
what a span of tokens names — a leaders-component mention (its canonical name), a person (a surname gives the
full name the article used), a government body (institutions), a description ("la mandataria", "el jefe del
gobierno canadiense": the latest person of that gender and country), an unnamed person or group ("un alto
funcionario"), or nothing.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Token

from extractors.calendar_words import SPANISH_MONTH_NAMES, SPANISH_WEEKDAY_NAMES
from extractors.leaders.rules import words_gender
from extractors.quotes.institutions import country_of_word, institution_name, person_country
from extractors.quotes.layout import QuoteLayout, paragraph_start
from extractors.quotes.lexicon import (
    SPANISH_CONNECTORS,
    SPANISH_DETERMINERS,
    SPANISH_INSTITUTIONS,
    SPANISH_ROLE_NOUNS,
    SPOKESPEOPLE,
)
from extractors.quotes.marks import Region
from extractors.accents import fold
from extractors.quotes.people import kb_gender, strip_name
from extractors.quotes.spanish_verbs import VerbForm, according_to, speech_verb

WEEKDAYS_MONTHS = frozenset(SPANISH_WEEKDAY_NAMES + SPANISH_MONTH_NAMES)
_PLACE_WORDS = frozenset("""
América Norteamérica Texas California Coahuila Sinaloa Nuevo León Monterrey Saltillo Guadalajara Ciudad
Ginebra Bruselas Pekín Washington Ottawa Tokio Europa Asia
""".split()) | {"América del Norte", "Ciudad de México", "Nuevo León", "Casa Blanca", "Palacio Nacional"}
# Head nouns of a government body named by a description ("el ministerio", "la dependencia").
BODY_WORDS = frozenset("""
ministerio secretaría secretaria dependencia cancillería organismo institución cartera comisión gobierno
""".split())
# Documents that speak for whoever issued them ("el comunicado señala", "la carta advierte").
DOCUMENT_WORDS = frozenset("""
comunicado comunicados carta cartas documento texto proclama proclamación orden decreto informe nota mensaje
publicación declaración boletín hoja misiva resolución determinación memorando
""".split())


def _presidential(words: str) -> bool:
    """A document of the US president's office: an executive order, a proclamation, a fact sheet."""
    return words.startswith(("orden ejecutiva", "proclama", "hoja informativa"))


# Members of a country's parties named by their party ("el republicano", "la demócrata"): a description with
# one is a person of that country, as with a demonym ("el empresario republicano" is no Brazilian president).
_PARTY_COUNTRIES = {"republicano": "United States", "republicana": "United States", "demócrata": "United States"}

# Prepositions: a name right after one is not the subject of its sentence.
PREPOSITIONS = frozenset("a al de del con para por ante tras sobre entre hacia según contra sin desde en".split())
SPANISH_GROUP_WORDS = frozenset("""
organizaciones empresas empresarios productores analistas expertos funcionarios autoridades fuentes fuente
sindicatos trabajadores exportadores inversionistas mercados consumidores
""".split())
# Common nouns for an organised group that speaks together ("la cámara regional tachó …", "el gremio
# exigió …"): unnamed, so written as the article writes them; a capitalised one is a name.
COLLECTIVE_WORDS = frozenset("""
asociación asociaciones federación confederación cámara gremio gremios patronal sindicato industria sector
""".split())
SENTENCE_WORDS = frozenset("""
el la los las un una en de del por para con sin sobre desde hasta según tras ante al y e o u que pero
lo su sus este esta estos estas ese esa ya más menos no sí como cuando donde hay es son fue
durante entre hacia contra mediante aunque mientras porque si ni
""".split())



class SpanishNames(QuoteLayout):
    """Names, people and bodies of a Spanish doc, and its words of saying.

    doc (Doc): a blank Spanish doc with sentence starts (sentencizer).
    regions (list[Region]): its quoted regions.
    leaders (list[tuple[int, int, str]]): (start, end, canonical name) of leaders-component mentions.
    describe_unnamed (bool): give unnamed people and groups their description as written instead of None.
    """

    def __init__(self, doc: Doc, regions: list[Region], leaders: list[tuple[int, int, str]],
                 describe_unnamed: bool = False) -> None:
        super().__init__(doc, regions)
        self._open_asides()
        # verbs of saying outside quotations, by token (the quotation's own verbs are the speaker's words)
        self.verbs: list[VerbForm | None] = [speech_verb(doc, i) if self.region_of[i] == -1 else None
                                             for i in range(len(doc))]
        self.leaders = leaders
        self._genders: dict[str, str | None] = {}
        self._capitalised_inside: set[str] | None = None  # words capitalised inside a sentence somewhere
        # documents whose author is being looked for: an author named like a document ("la carta del
        # comunicado") leads back to them, and looking again would never end
        self._documents_open: set[int] = set()
        self.describe_unnamed = describe_unnamed
        self.names = self._names()  # (token start, token end, name) of capitalised name runs, in order
        self._name_starts = [n[0] for n in self.names]
        self.surnames: dict[str, str] = {}
        for start, end, name in self.names:
            words = name.split()
            if len(words) >= 2 and not institution_name(name) and words[0].lower() not in SENTENCE_WORDS \
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


    def _open_asides(self) -> None:
        """The reporter's aside inside a quotation, set off by dashes as Spanish writes it («Estamos listos
        —dijo la mandataria— para negociar»): its words are not the quotation's, so its verb is a cue and its
        subject a speaker like any outside the marks."""
        doc = self.doc
        for i, token in enumerate(doc):
            index = self.region_of[i]
            if token.text not in ("—", "–") or index == -1:
                continue
            k = i + 1
            while k < len(doc) and doc[k].lower_ in ("le", "les", "se", "lo", "la") and k - i <= 2:
                k += 1
            if k >= len(doc) or self.region_of[k] != index or speech_verb(doc, k) is None:
                continue
            end = next((j for j in range(k + 1, min(len(doc), k + 14)) if doc[j].text in ("—", "–")), None)
            if end is not None and self.region_of[end] == index:
                for j in range(i, end + 1):
                    self.region_of[j] = -1

    def _capitalised(self, token: Token) -> bool:
        text = token.text
        return text[:1].isupper() and any(c.isalpha() for c in text) and self.region_of[token.i] == -1

    def _names(self) -> list[tuple[int, int, str]]:
        """Runs of capitalised words outside quotations ("Marcelo Ebrard", "Secretaría de Economía",
        "Luiz Inácio Lula da Silva"); a sentence's first word joins only if the next word is capitalised."""
        doc = self.doc
        out = []
        leader_starts = {x for x, _, _ in self.leaders}
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
            while start < j and (doc[start].lower_ in SENTENCE_WORDS or self.verbs[start] is not None):
                start += 1
            # nor an adverb before a leader's name ("Entretanto Trump intenta …"): the name starts where the
            # leaders component's mention does
            if start < j and (start == 0 or doc[start].is_sent_start or self.newline_before(start)) \
                    and doc[start].idx not in leader_starts:
                start = next((k for k in range(start + 1, j) if doc[k].idx in leader_starts), start)
            if start < j and doc[start].lower_ not in WEEKDAYS_MONTHS:
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
                  and not self._sentence_opener(*n)
                  and not (self._in_prepositional_phrase(n[0]) and not self._looks_like_person(*n))]
        if plural:
            both = self._people_joined(a, b, people)
            if both:
                return both
        if last and people and people[0][0] == a and self._apposition_follows(people[0][1], b):
            # "Rita Solís, antigua asesora del presidente X, dijo": a subject that opens with a person's name
            # set off by a comma from a description is that person; the names inside the description (whom she
            # served, a firm) only modify it
            return self._leader_in(a, people[0][1]) or (self._person(people[0][2]), doc[a].idx)
        head = next((w for w in words if w not in SPANISH_DETERMINERS), "")
        body = institution_name(doc[a:b].text) or self._government_of_leader(a, b, head) \
            if head in SPANISH_INSTITUTIONS else None
        if body:
            # a body named in full after an office ("la Oficina del Representante Comercial"): not the person
            # holding the office, whom the leaders component may have read in it
            return body, doc[a].idx
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
        if len(words) >= 2 and words[0] in SPANISH_DETERMINERS and words[1] in DOCUMENT_WORDS:
            author = self._document_author(a, b)
            if author is not None:
                return author
        if words and words[0] in ("el", "la", "los", "las", "del") and len(words) <= 4 and \
                any(w in BODY_WORDS for w in words[1:3]):
            # "el ministerio", "la dependencia", "la Comisión": the body the article named last
            body = self._latest_institution(doc[a].idx, [w for w in words[1:3] if w in BODY_WORDS][0])
            if body:
                return body, doc[a].idx
        if len(words) >= 3 and words[1] in SPOKESPEOPLE and words[2] in ("de", "del"):
            # "un portavoz del ministerio", "la vocera de la cancillería": an unnamed spokesperson speaks for
            # the body (the guidelines' convention, as in English)
            k = next(j for j in range(a, b) if doc[j].lower_ in ("de", "del"))
            body = self._noun_phrase_speaker(k + 1 if doc[k].lower_ == "de" else k, b)
            if body is not None and body[0] is not None and not self._is_person(body[0]):
                return body
        if words and words[0] in ("un", "una", "unos", "unas") and \
                any(w in SPANISH_ROLE_NOUNS | SPANISH_GROUP_WORDS for w in words[1:3]):
            return self._unnamed(a, b)  # "una fuente de la Comisión": someone unnamed, not the body
        # a name that is neither a person nor a body speaks only as the head of the phrase: not when it is
        # an adverb capitalised because it opens the sentence ("Luego, añadió", "Así lo dijo": a subject is
        # never set off from its verb by one comma, and an unknown word before a clitic is read as an adverb)
        # nor when it names the object of a preposition ("en su plataforma Truth Social", "publicado en X",
        # "del fabricante Isuzu Motors")
        names = [n for n in names if not self._adverb_opener(*n) and not self._in_prepositional_phrase(n[0])]
        if names:
            start, _, name = names[-1]
            return strip_name(name), doc[start].idx
        # a description followed by its name ("el primer ministro japonés, Shigeru Ishiba,")
        if b + 1 < len(doc) and doc[b].text == ",":
            named = self._name_at(b + 1)
            if named is not None and named[0] == b + 1 and self._looks_like_person(*named):
                return self._person(named[2]), doc[named[0]].idx
        if len(words) == 2 and words[0] in ("el", "la") and country_of_word(words[1]) and doc[a + 1].is_lower:
            # a demonym standing for a person ("el canadiense aseguró"): the latest person of that country
            person = self._latest_person(doc[a].idx, gender="f" if words[0] == "la" else "m",
                                         country=country_of_word(words[1]))
            if person and person_country(person[0]) == country_of_word(words[1]):
                return person
        if words and words[0] in ("el", "la", "del") and any(w in SPANISH_ROLE_NOUNS for w in words[1:3]):
            # "el jefe del gobierno canadiense", "(las palabras) del mandatario": the latest person of that
            # gender (and country, when the description names one and the knowledge base knows the person's)
            nation = next(filter(None, (country_of_word(w) or _PARTY_COUNTRIES.get(w) for w in words[1:])), None)
            person = self._latest_person(doc[a].idx, gender="f" if words[0] == "la" else "m", country=nation)
            if person:
                return person
            return self._unnamed(a, b)
        if words and words[0] in SPANISH_GROUP_WORDS | {"organizaciones", "empresarios", "analistas"}:
            return self._unnamed(a, b)
        if 2 <= len(words) <= 4 and words[0] in ("el", "la", "los", "las") and words[1] in COLLECTIVE_WORDS \
                and doc[a + 1].is_lower:
            # "la cámara regional", "el gremio": a body the article does not name speaks as written
            return self._unnamed(a, b)
        return None

    def _apposition_follows(self, k: int, b: int) -> bool:
        """Token k is a comma that opens a description in apposition closed by a comma at b: a lower-case
        word that is no verb, conjunction or relative pronoun follows it (", antigua asesora de …,", ", hoy
        gerente de …,"). Unclosed, the name may end a leading adjunct ("Tras hablar con la ministra, Ana Ruiz,
        el presidente anunció")."""
        doc = self.doc
        if k + 1 >= b or doc[k].text != "," or b >= len(doc) or doc[b].text != ",":
            return False
        word = doc[k + 1]
        return word.is_alpha and word.is_lower and self.verbs[k + 1] is None and \
            word.lower_ not in ("y", "e", "o", "u", "ni", "que", "quien", "quienes", "cuyo", "cuya")

    def _government_of_leader(self, a: int, b: int, head: str) -> str | None:
        """A government named after the leader who heads it ("el gobierno de Basora", "el Gobierno del primer
        ministro X"): the government of the country the knowledge base gives that leader, not the leader."""
        if head != "gobierno":
            return None
        leader = self._leader_in(a, b)
        country = person_country(leader[0]) if leader else None
        return institution_name(self.doc[a:b].text, country) if country else None

    def _document_author(self, a: int, b: int) -> tuple[str | None, int] | None:
        """Who speaks through the document the tokens [a, b) name ("el comunicado", "la carta", "la orden
        ejecutiva"): the author its own phrase names ("el comunicado de la Secretaría"), else the author of the
        latest document named before it — the same kind anywhere before, another in its paragraph or the two
        before — ("X publicó un comunicado", "una carta firmada por X", "en un comunicado, X …"), else for the
        US president's documents (an executive order, a proclamation, a fact sheet) the White House."""
        doc = self.doc
        head = next(t.lower_ for t in doc[a:b] if t.lower_ in DOCUMENT_WORDS)
        # the president's own documents are the White House's unless they or the same document before say
        # otherwise, not the author of another document of the passage
        own = _presidential(doc[a:b].text.lower().removeprefix("la ").removeprefix("el ").removeprefix("una ")
                            .removeprefix("un "))
        floor = paragraph_start(self.text, doc[a].idx, back=2)
        k = b
        while k > 0:
            k -= 1
            token = doc[k]
            if token.lower_ not in DOCUMENT_WORDS or self.region_of[k] != -1 or k in self._documents_open or \
                    token.lower_ != head and (token.idx < floor or own):
                continue
            self._documents_open.add(k)
            try:
                author = self._author_beside(k)
            finally:
                self._documents_open.discard(k)
            if author is not None:
                return author
            if _presidential(doc[k:k + 2].text.lower()):
                return "White House", doc[k].idx
        return None

    def _author_beside(self, k: int) -> tuple[str | None, int] | None:
        """The author named around the document word at token k: "… de / del X", "… firmada / emitida por X",
        or the subject of the clause that issues it ("X publicó un comunicado", "en una carta, X advirtió")."""
        doc = self.doc
        j = k + 1
        while j < len(doc) and j - k <= 3 and doc[j].is_alpha and doc[j].is_lower \
                and doc[j].lower_ not in ("de", "del", "por", "que", "en", "y", "a"):
            j += 1  # adjectives and participles: "un comunicado conjunto", "una carta firmada"
        if j < len(doc) and doc[j].lower_ in ("de", "del", "por") and (doc[j].lower_ != "por" or j > k + 1):
            end = j + 1
            while end < len(doc) and end - j < 10 and doc[end].text not in (",", ".", ";", ":", "«", "“") \
                    and self.region_of[end] == -1 and doc[end].lower_ not in ("que", "en", "a", "y"):
                end += 1
            found = self._noun_phrase_speaker(j + 1, end, last=False)
            if found is not None and found[0] is not None and found[0] != self._unnamed(j + 1, end)[0]:
                return found
        # the subject of the sentence that holds the document ("X emitió un comunicado en el que …")
        unit = self.unit_range(k)[0]
        for i in range(unit, k):
            if self._name_at(i) and self._name_at(i)[0] == i and not self._after_preposition(i):
                named = self._name_at(i)
                found = self._noun_phrase_speaker(named[0], named[1])
                if found is not None and found[0] is not None:
                    return found
                break
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
        any body for a generic head ("la dependencia", "el organismo") but a country or its capital standing
        for its government ("Pekín"): an agency is not the whole government."""
        generic = head in ("dependencia", "organismo", "institución", "entidad", "cartera")
        best = None
        for start, end, name in self.names:
            if self.doc[start].idx >= char:
                break
            words = [fold(w) for w in name.split()]
            if not generic and fold(head) not in words:
                continue
            body = institution_name(name, self._country_near(start))
            if body and not (generic and body.startswith("Government of") and institution_name(name) == body
                             and len(words) == 1):
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

    def _is_person(self, name: str) -> bool:
        """A name the article or the knowledge base gives a person (not a body)."""
        return name in self.surnames.values() or person_country(name) is not None or \
            any(name == leader for _, _, leader in self.leaders)

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

    def _after_preposition(self, k: int) -> bool:
        """The phrase at token k is the object of a preposition, over its determiner and titles ("con el
        presidente Donald Trump", "a la mandataria"), or a name in apposition to such an object."""
        j = k - 1
        # "del" / "al" are a preposition and its article in one word ("asesor del presidente")
        while j >= 0 and k - j <= 4 and self.doc[j].lower_ not in ("del", "al") and (
                self.doc[j].lower_ in SPANISH_DETERMINERS or self.doc[j].lower_ in SPANISH_ROLE_NOUNS):
            j -= 1
        if j >= 0 and self.doc[j].lower_ in PREPOSITIONS:
            return True
        if k < 2 or self.doc[k - 1].text != ",":
            return False
        # a name in apposition to such an object ("con el presidente peruano, Tomás Ibarra"): the
        # description before the comma, back to its role noun, words only
        for h in range(k - 2, max(-1, k - 9), -1):
            if not self.doc[h].is_alpha or self.region_of[h] != -1 or self.verbs[h] is not None:
                return False
            if self.doc[h].lower_ in SPANISH_ROLE_NOUNS:
                return self._after_preposition(h)
        return False

    def _adverb_opener(self, start: int, end: int, name: str) -> bool:
        """A sentence opener (see `_sentence_opener`) followed by a comma or a clitic pronoun: an adverbial
        ("Luego, …", "Así lo …"), where "Trump: «…»" or "Ebrard dijo" keep their unknown name."""
        return end < len(self.doc) and self._sentence_opener(start, end, name) and \
            self.doc[end].lower_ in (",", "lo", "la", "le", "les", "se")

    def _in_prepositional_phrase(self, k: int) -> bool:
        """The name at token k ends a prepositional phrase: a preposition before it, over a definite or
        possessive determiner and a few lower-case nouns and adjectives, of which the name is the close
        apposition ("en su red social Truth", "de la agencia Kyodo"). An indefinite article ends the look back:
        close apposition takes a definite noun, so in "indicó en un comunicado Rick White" the adjunct is
        complete and the name opens the inverted subject; so do a verb and a comma."""
        j = k - 1
        while j >= 0 and k - j <= 5:
            token = self.doc[j]
            if token.lower_ in PREPOSITIONS:
                return True
            if not (token.is_alpha and token.is_lower) or self.verbs[j] is not None or self.region_of[j] != -1 \
                    or token.lower_ in ("un", "una", "unos", "unas"):
                return False
            j -= 1
        return False

    def _medium(self, k: int) -> bool:
        """The name at token k is a thing's, not a person's: the close apposition of a common noun inside a
        prepositional phrase ("desde la plataforma Voz Libre", "del diario El Faro"), where a title makes
        it a person's ("con la presidenta chilena Ana Robles") and so does a bare preposition
        ("según Greer", "con Lula")."""
        if not self._in_prepositional_phrase(k):
            return False
        j = k - 1
        nouns = 0
        while j >= 0 and self.doc[j].lower_ not in PREPOSITIONS:
            lower = self.doc[j].lower_
            if lower in SPANISH_ROLE_NOUNS or lower == "que":
                return False
            nouns += lower not in SPANISH_DETERMINERS and lower not in ("su", "sus")
            j -= 1
        return nouns > 0

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
        found = [(x, name) for x, _, name in self.leaders
                 if x < char and not self._in_quote_char(x) and self._gender_fits(name, gender)
                 and not self._medium(self.token_at(x))]
        for start, end, name in self.names:
            idx = self.doc[start].idx
            if idx >= char:
                break
            if self._medium(start):
                continue
            if self._looks_like_person(start, end, name):
                person = self._person(name)
                if self._gender_fits(person, gender):
                    found.append((idx, person))
        if not found:
            return None
        # who the passage is about: the latest person of this paragraph or the one before not named as the
        # object of a preposition ("Ebrard se reunió con Lutnick. … el funcionario comentó": Ebrard)
        floor = paragraph_start(self.text, char, back=1)
        topics = [(x, name) for x, name in found if x >= floor and not self._after_preposition(self.token_at(x))]
        x, name = max(topics or found)
        return name, x

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
            found = words_gender(words) or kb_gender(name)
            self._genders[name] = found
        return self._genders[name] in (None, gender)

    def _in_quote_char(self, char: int) -> bool:
        i = self.token_at(char)
        return self.region_of[i] != -1

    def _verb(self, i: int) -> VerbForm | None:
        return self.verbs[i] if 0 <= i < len(self.verbs) else None

    def _naming(self, token: Token | None) -> bool:
        verb = self._verb(token.i) if token is not None else None
        return verb is not None and verb.kind == "naming"

    def _is_cue(self, token: Token) -> bool:
        if self.region_of[token.i] != -1:
            return False
        return self.verbs[token.i] is not None or according_to(self.doc, token.i) is not None
