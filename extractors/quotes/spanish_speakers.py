"""Who says a Spanish quotation, by rules over tokens: the speaker read beside its cue, or from the context.

- after the cue, inverted: «…», dijo Ebrard / afirmó la presidenta Claudia Sheinbaum / dijo el ministro
  canadiense, also after an adjunct ("ha explicado en un comunicado Ursula von der Leyen");
- before it: Ebrard señaló: «…» / El secretario de Economía, Marcelo Ebrard, dijo que «…»;
- after "según" / "de acuerdo con": «…», según Ernesto Zamudio; a participle's agent ("calificada de «…» por
  la Casa Blanca"); the sentence's subject for an infinitive or gerund ("al sostener que …");
- with no subject at all (Spanish drops it: «…», afirmó en conferencia de prensa) from the context
  (`_carry`): the same quotation's earlier paragraph, an attribution or the subject a sentence opens with in
  the paragraph and the one before, else whoever was quoted last.
What the words found there name is spanish_names' job.
"""

from __future__ import annotations

from spacy.tokens import Token

from extractors.quotes.institutions import country_of_word, institution_name
from extractors.quotes.layout import Found
from extractors.quotes.lexicon import SPANISH_DETERMINERS, SPANISH_ROLE_NOUNS
from extractors.quotes.spanish_names import (
    BODY_WORDS,
    DOCUMENT_WORDS,
    PREPOSITIONS,
    WEEKDAYS_MONTHS,
    SpanishNames,
)
from extractors.quotes.spanish_verbs import according_to
from extractors.spanish_haber import HABER_PLURAL

# Words that open a sentence with an adjunct before its subject ("Tras la llamada, …", "En Truth Social, …").
_ADJUNCT_OPENERS = frozenset("""
tras en junto con desde durante después antes a ante al como para sin pese luego mientras ayer hoy este esta
frente
""".split())
def _looks_preterite(token: Token) -> bool:
    """A finite verb by its form: third person preterite ("descartó", "anunciaron", "impusieron"); nouns of
    that shape are rare in news prose."""
    text = token.text
    return token.is_alpha and text.islower() and len(text) > 3 and (text.endswith("ó") or
                                                                    text.endswith(("aron", "ieron")))

# Conjunctions that open a clause with a subject of its own ("…, pero Bolivia rechazó …").
_CLAUSE_OPENERS = frozenset("pero cuando mientras aunque porque sino".split())
# Words after a comma that end a reported clause ("afirmó que …, después de tachar de «…»").
_REPORT_ENDS = frozenset("después antes tras aunque porque pero mientras luego sin pese".split())
# Prepositions that open an adjunct between a verb and its inverted subject ("dijo en un comunicado X").
_ADJUNCT_PREPOSITIONS = frozenset("en a ante durante desde mediante".split())
# Parts of a day or week after "este" / "esta" ("dijo esta mañana la ministra"), as a weekday.
_DAY_PARTS = frozenset("mañana tarde noche semana".split())

# Nouns for someone's words passed on by another ("reprodujo unas palabras del mandatario: «…»").
_WORDS_NOUNS = frozenset("palabras declaraciones frase frases dichos expresiones".split())
_INFINITIVE_ENDINGS = ("ar", "er", "ir", "arse", "erse", "irse", "arlo", "erlo", "irlo")


class SpanishSpeakers(SpanishNames):
    """Reads the speaker of a Spanish quotation off its cue or its context (see the module docstring)."""

    def _speaker_for_cue(self, cue: Token, index: int | None, frame: tuple[int, int]) -> tuple[str | None, int] | None:
        doc = self.doc
        a, b = frame
        according = according_to(self.doc, cue.i)
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
            # "al sostener que …", "asegurando que …": the subject of the verb it hangs on, the sentence's
            # main verb unless a conjunction opens a clause of its own before the cue
            return self._clause_subject(cue.i) or self._sentence_subject(cue.i)
        if index is not None and cue.i < self.region_marks[index][0]:
            # the verb before the quotation: subject-verb order first ("Von der Leyen calificó la decisión del
            # mandatario como «…»": the words after the verb are its object), inverted only without a subject
            # before it ("Afirmó la presidenta: «…»")
            owner = self._words_owner(self.region_marks[index][0])
            if owner is not None:
                return owner
            before = self._speaker_before(cue, a)
            if before is not None and before[0] is not None:
                return before
            return self._speaker_after(cue, max(b, cue.i + 14)) or before
        after = self._speaker_after(cue, b if index is None else max(b, cue.i + 14))
        if after is not None:
            return after
        return self._speaker_before(cue, a)

    def _clause_subject(self, i: int) -> tuple[str | None, int] | None:
        """The named subject of the clause an infinitive or gerund at token i hangs on when a conjunction opens
        that clause after the sentence's start ("El ministro anunció …, pero Bolivia rechazó la cuota al
        considerar que …", "… creció cuando Perú cerró el paso, argumentando que …"): the finite verb after
        the conjunction and its subject between the two; None when no such clause is there or it names no
        one (the sentence's subject then)."""
        doc = self.doc
        a, _ = self.unit_range(i)
        conjunction = next((k for k in range(i - 1, a, -1) if self.region_of[k] == -1
                            and doc[k].lower_ in _CLAUSE_OPENERS), None)
        if conjunction is None:
            return None
        start = conjunction + 1
        if start < i and doc[start].lower_ == "que":
            start += 1  # "mientras que"
        for k in range(start + 1, i):
            if self.region_of[k] != -1 or not doc[k].is_alpha:
                continue
            verb = self.verbs[k]
            perfect = doc[k - 1].lower_ in HABER_PLURAL and doc[k].lower_.endswith(("ado", "ido"))  # "ha rechazado"
            finite = verb is not None and verb.finite or verb is None and (_looks_preterite(doc[k]) or perfect)
            if finite:
                found = self._speaker_before(doc[k], start)
                return found if found is not None and found[0] is not None else None
        return None

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

    def _words_owner(self, ma: int) -> tuple[str, int] | None:
        """Whose words the quotation at mark token `ma` is, when the words right before it name them as
        someone's ("la Casa Blanca reprodujo unas palabras del mandatario: «…»", "citó las declaraciones de
        Sheinbaum: «…»"): the owner of the words, not the subject that passes them on; None otherwise."""
        doc = self.doc
        for j in range(ma - 3, max(-1, ma - 10), -1):
            if self.region_of[j] != -1 or doc[j].text in (".", ";") or self._is_cue(doc[j]):
                return None
            if doc[j].lower_ in _WORDS_NOUNS and doc[j + 1].lower_ in ("de", "del"):
                start = j + 1 if doc[j + 1].lower_ == "del" else j + 2  # "del mandatario": the description
                end = start
                while end < ma and doc[end].text not in (",", ":", ";", ".") and self.region_of[end] == -1:
                    end += 1
                found = self._noun_phrase_speaker(start, end)
                return found if found is not None and found[0] is not None else None
        return None

    def _speaker_after(self, cue: Token, limit: int) -> tuple[str | None, int] | None:
        """An inverted subject right after the cue: "dijo Ebrard", "afirmó la presidenta Claudia Sheinbaum",
        "dijo el ministro canadiense ante …", also after an adjunct ("ha explicado en un comunicado Ursula von
        der Leyen", "dijo este lunes el secretario"); None when the cue has no subject after it."""
        doc = self.doc
        limit = min(limit, len(doc))  # callers reach a fixed number of tokens past the cue, which may end the text
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
        with its object ("en un comunicado conjunto", "a la prensa", "en conferencia de prensa"), a time
        phrase ("este lunes", "esta mañana", "ayer") or a parenthetical between commas (", por su parte,"),
        when a subject (a determiner or a capitalised word) follows it; else k itself."""
        doc = self.doc
        start = k
        for _ in range(2):
            if k >= limit:
                return start
            lower = doc[k].lower_
            if lower in ("este", "esta", "el") and k + 1 < limit and doc[k + 1].lower_ in WEEKDAYS_MONTHS | _DAY_PARTS:
                k += 2
                continue
            if lower in ("hoy", "ayer"):
                k += 1
                continue
            if lower == ",":
                # a parenthetical set off by commas ("añadió, a su vez, el Ministerio"): lower-case
                # words with no verb between the two commas
                j = k + 1
                while j < limit and j - k <= 4 and doc[j].is_alpha and doc[j].is_lower and self.verbs[j] is None \
                        and doc[j].lower_ != "que":
                    j += 1
                if j > k + 1 and j < limit and doc[j].text == ",":
                    k = j + 1
                    continue
                break
            if lower not in _ADJUNCT_PREPOSITIONS:
                break
            j = k + 1
            if j < limit and doc[j].lower_ in SPANISH_DETERMINERS | {"su", "sus", "una", "unas", "unos"}:
                j += 1
            if j < limit and self._capitalised(doc[j]):
                named = self._name_at(j)
                j = named[1] if named else j + 1
            else:
                # the object: lower-case words, no verb ("tras reunirse con …" is a clause, not an adjunct), up
                # to a second adjunct ("durante una cena de gala en la Embajada de Chile": the place is no subject)
                while j < limit and j - k < 7 and doc[j].is_alpha and doc[j].is_lower and \
                        doc[j].lower_ not in SPANISH_DETERMINERS | _ADJUNCT_PREPOSITIONS | {
                            "que", "una", "unos", "unas", "y", "con", "para", "por", "sin", "tras"} \
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
        while k >= floor and (doc[k].lower_ in HABER_PLURAL or doc[k].lower_ in (
                "también", "ya", "además", "luego", "después", "no", "hoy", "ayer", "se", "le", "les", "lo", "la",
                "asimismo", "incluso")):
            k -= 1
        if k >= floor and doc[k].lower_ in ("que", "cual", "donde") and self.region_of[k] == -1:
            # a relative clause: "Trump, que luego ha matizado": the name it hangs on; "la respuesta que
            # publicó", "una carta … en la que advierte": the subject of the sentence (who wrote it)
            if k - 1 >= floor and doc[k - 1].text == ",":
                antecedent = self._noun_phrase_speaker(max(floor, k - 6), k - 1, last=True)
                if antecedent is not None and antecedent[0] is not None:
                    return antecedent
            return self._sentence_subject(k)
        if k > floor and doc[k].text == ")":
            # "La Secretaría de Economía (SE) informó": the name before its acronym
            j = k - 1
            while j > floor and doc[j].text != "(" and k - j < 6:
                j -= 1
            if doc[j].text == "(":
                k = j - 1
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
        # a leading adjunct set off by a comma is not the subject ("En una carta dirigida a Lula, el mandatario
        # estadounidense afirmó"; "Más tarde, el jefe del Tesoro afirmó": no name before the comma, a
        # determiner after it)
        if start < end and (start == 0 or self.units[start - 1] != self.units[start]):
            comma = next((j for j in range(start, end - 1) if doc[j].text == ","), None)
            if comma is not None and (doc[start].lower_ in _ADJUNCT_OPENERS or
                                      doc[comma + 1].lower_ in SPANISH_DETERMINERS and
                                      not any(self._name_at(j) for j in range(start + 1, comma))):
                start = comma + 1
                # and a second adjunct set off the same way ("Ayer, en su red social Voz Libre, el mandatario
                # calificó"): the name in it is the medium's, not the subject's
                while doc[start].lower_ in _ADJUNCT_OPENERS:
                    comma = next((j for j in range(start, end - 1) if doc[j].text == ","), None)
                    if comma is None:
                        break
                    start = comma + 1
            elif comma is None:
                start = self._past_opening_phrase(start, end)
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
                # a second verb of the same subject: the subject of the first verb ("la cámara mostró su
                # enfado y tachó …"), else of the sentence, or of the quotation's attribution ("«…», dijo,
                # y comentó que …": no subject at all, the topic goes on)
                first = self._first_verb_subject(start - 1, floor)
                return first if first is not None else self._sentence_subject(start - 1)
            return None
        verb = self.verbs[cue.i]
        plural = verb is not None and verb.number == "pl"
        found = self._noun_phrase_speaker(start, end, last=True, plural=plural)
        if found is None:
            # a clause before the subject that the walk back did not see open ("donde casi todo el café se
            # cultiva, la cámara regional advirtió"): the noun phrase a determiner opens after its last comma
            comma = next((j for j in range(end - 2, start - 1, -1) if doc[j].text == ","), None)
            if comma is not None and doc[comma + 1].lower_ in SPANISH_DETERMINERS and not any(
                    self.verbs[j] is not None or _looks_preterite(doc[j]) for j in range(comma + 1, end)):
                found = self._noun_phrase_speaker(comma + 1, end, last=True, plural=plural)
        return found


    def _first_verb_subject(self, conjunction: int, floor: int) -> tuple[str | None, int] | None:
        """The named subject of the finite verb a few words before the "y" at `conjunction` that joins a
        second verb to it ("la cámara mostró su enfado y tachó": the cámara); None when no such
        verb is there or it names no one."""
        doc = self.doc
        for k in range(conjunction - 1, max(floor - 1, conjunction - 6), -1):
            if not doc[k].is_alpha or self.region_of[k] != -1:
                return None
            verb = self.verbs[k]
            if verb is not None and verb.finite or verb is None and _looks_preterite(doc[k]):
                if self._reporting_cue(k) is not None:
                    return None  # "precisó que la reunión abordó … y descartó": the first verb is reported
                found = self._speaker_before(doc[k], floor)
                return found if found is not None and found[0] is not None else None
        return None

    def _past_opening_phrase(self, start: int, end: int) -> int:
        """The first token after a prepositional phrase that opens the clause [start, end) with no comma
        before the subject ("En este sentido el gobierno de Hanoi dijo": "el gobierno de Hanoi"), or `end`
        when the phrase runs up to the verb ("En su plataforma Truth Social afirmó": the subject is dropped,
        the name is the platform's); `start` when the clause does not open with a preposition. The phrase is
        the preposition, its determiners, lower-case nouns and adjectives, a name in close apposition, and
        what further prepositions govern ("En la sede del Ministerio de Economía"); a determiner that no
        preposition governs opens the subject, and so does a leader's name."""
        doc = self.doc
        if doc[start].lower_ not in PREPOSITIONS or doc[start].lower_ == "según":
            return start
        j = start + 1
        while j < end:
            token = doc[j]
            governed = doc[j - 1].lower_ in PREPOSITIONS
            if token.lower_ in SPANISH_DETERMINERS and token.lower_ not in ("del", "al") and not governed \
                    and j > start + 1:
                return j  # "… sentido el gobierno": a new noun phrase, the subject
            if self._leader_in(j, j + 1) and not governed:
                return j  # "En la reunión Ebrard dijo"
            if not token.is_alpha or self.verbs[j] is not None or self.region_of[j] != -1:
                return start  # a verb, a number, a mark: not the plain phrase this reads
            j += 1
        return end

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
            if self.region_of[k] != -1 or k > a and self._after_preposition(k):
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
                    (doc[k + 1].lower_ in BODY_WORDS | DOCUMENT_WORDS or doc[k + 1].lower_ in SPANISH_ROLE_NOUNS):
                # "la dependencia", "la presidenta", "la carta": who the description stands for
                comma = next((j for j in range(k + 2, min(b, k + 8)) if doc[j].text == ","), min(b, k + 4))
                found = self._noun_phrase_speaker(k, comma)
                if found and found[0]:
                    return found
        return None

    def _name_colon(self, index: int) -> tuple[str | None, int] | None:
        """The name in "Trump: «…»" (a headline, a transcript) when the name opens its sentence or line."""
        doc = self.doc
        k = self.region_marks[index][0] - 1
        while k > 0 and doc[k].is_space:
            k -= 1
        if k < 1 or doc[k].text != ":" or self.region_of[k] != -1:
            return None
        named = self._name_at(k - 1)
        if named is None or named[1] != k or named[0] != self.unit_range(named[0])[0]:
            return None
        found = self._noun_phrase_speaker(named[0], named[1])
        return found if found is not None and found[0] is not None else None

    def _carry(self, index: int, by_region: dict[int, Found]) -> tuple[str | None, int] | None:
        """The speaker of a quotation with no subject of its own: the same quotation's earlier paragraph;
        else, going back sentence by sentence within the paragraph and the one before, an attributed
        quotation, a report ("Ebrard señaló que …"), or the subject a sentence opens with (Spanish drops
        the subject that goes on: "La mandataria se comprometió a … Relató que «…»"); else whoever was
        quoted last (interviews). A name set before the quotation with a colon ("Trump: «…»") comes first."""
        labelled = self._name_colon(index)
        if labelled is not None:
            return labelled
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
