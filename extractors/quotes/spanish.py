"""Spanish quotes, by rules over tokens: the Spanish pipeline has no tagger, parser or NER.

For each quoted region the frame is its unit (layout). The cue is a word of saying (spanish_verbs: dijo,
afirmó, señaló, declaró, aseguró, añadió, advirtió, …), "según" or "de acuerdo con", outside quotations,
nearest the quotation; its speaker is spanish_speakers' job. Kinds: direct when the quotation is set off
(sentence start, after ":" or "," or a bare "que" following the cue) and ends its clause; partial when built
into the sentence («injusta», "pidió «cabeza fría»", "dijo que la relación era «muy compleja»"). Quoted words
that name something ("los llamados «…»", a title) are not quotes. Indirect speech: spanish_indirect.
"""

from __future__ import annotations

from spacy.tokens import Token

from extractors.quotes.layout import Found, mostly_quoted
from extractors.quotes.spanish_indirect import SpanishIndirectMixin
from extractors.quotes.spanish_names import SENTENCE_WORDS
from extractors.quotes.spanish_speakers import SpanishSpeakers, _looks_preterite

# Words right before quoted words that make them a name or a label ("los llamados «…»", "conocido como «…»").
_LABEL_LEADS = frozenset("""
llamado llamada llamados llamadas denominado denominada denominados denominadas conocido conocida conocidos
conocidas bautizado bautizada apodado apodada autodenominado autodenominada término palabra concepto lema
eslogan etiqueta programa operación iniciativa plan campaña
""".split())

# The US executive named by a place or country ("Washington sostiene que …", "EE.UU. alertó") is the White
# House, as the guidelines name the body that speaks for it; other governments keep "Government of X", and so
# does the US one where the text writes the word "gobierno" ("el gobierno estadounidense justificó …").
_US_GOVERNMENT = "Government of the United States"
_GOVERNMENT_WORD = "gobierno"

# Conjunctions that open another clause between a quotation and a verb after it.
_NEXT_CLAUSE = frozenset("y e pero mientras cuando porque aunque donde".split())

# "Con esas palabras / ese argumento …" opening the sentence after a quotation points back at it.
_POINTERS = frozenset("ese esa esos esas este esta estos estas tales dichas dichos".split())
_POINTED_NOUNS = frozenset("""
palabras argumento argumentos frase frases mensaje declaración declaraciones advertencia respuesta términos tono
""".split())


class SpanishQuotes(SpanishIndirectMixin, SpanishSpeakers):
    """Per-document state for a Spanish doc; `run()` returns Found records in text order."""

    def _choose_cue(self, index: int, frame: tuple[int, int]) -> Token | None:
        a, b = frame
        ma, mb = self.region_marks[index]
        best = None
        outer = self._reporting_cue(ma)
        for i in range(a, b):
            token = self.doc[i]
            if not self._is_cue(token):
                continue
            if outer is not None and outer < i < ma and not self._relative_between(outer, i):
                continue  # "Sumó que «…», y que Estados Unidos asumió «…»": a verb inside the report
            distance = ma - i if i < ma else i - mb + 1
            between = range(i + 1, ma) if i < ma else range(mb, i)
            crossed = len({self.region_of[k] for k in between if self.region_of[k] != -1})
            if i > ma and any(self.doc[k].lower_ in _NEXT_CLAUSE for k in between):
                # "… de «…» y Mélenchon habló de «…»", "… que «…», cuando Trump anunció …": a conjunction opens
                # the next clause, whose verb is not this quotation's
                crossed += 1
            # a cue right after the quotation (", dijo") beats one before it at the same distance
            key = (crossed, distance + (1 if i < ma else 0))
            if best is None or key < best[0]:
                best = (key, token)
        return best[1] if best else None

    def _relative_between(self, a: int, b: int) -> bool:
        """A relative clause set off by a comma opens between tokens a and b (", una tesis que el jefe del
        gobierno tachó de «…»"): its verb has a subject of its own, not the report's."""
        doc = self.doc
        comma = next((k for k in range(a + 1, b) if doc[k].text == ","), None)
        if comma is None:
            return False
        return any(doc[k].lower_ in ("que", "quien", "quienes") and doc[k - 1].is_alpha
                   and doc[k - 1].lower_ not in ("y", "e", "o", "pero", "sino", "ya", "así", "más")
                   and self._verb(k - 1) is None for k in range(comma + 2, b))

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
            if not set_off or not mostly_quoted(quoted, unquoted):
                return "partial"
            return "direct"
        # the quotation before its cue: direct when it opens its clause
        lead = [t for t in doc[frame[0]:ma] if t.is_alpha and self.region_of[t.i] == -1]
        opened = ma == frame[0] or doc[ma - 1].text in (":", ".", "—", "–", "-") or self.newline_before(ma)
        if not opened and lead:
            unquoted = sum(self.alnum(t.i, t.i + 1) for t in lead)
            if not mostly_quoted(quoted, unquoted):
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
        if len(words) <= 6 and all(t.text[:1].isupper() or t.lower_ in SENTENCE_WORDS for t in words) \
                and words[0].text[:1].isupper() and any(t.text[:1].isupper() for t in words[1:] or words):
            return True
        ma = self.region_marks[index][0]
        before = [t.lower_ for t in doc[max(0, ma - 2):ma]]
        if before and before[-1] in _LABEL_LEADS:
            return True
        # "conocida como «…»"; not "la llamada de «…»" (a phone call, described)
        return len(before) == 2 and before[0] in _LABEL_LEADS and (
            before[-1] == "como" or before[-1] == "de" and not before[0].startswith("llamad"))

    def _standalone(self, index: int, frame: tuple[int, int]) -> bool:
        ma, mb = self.region_marks[index]
        a, b = self.region_tokens[index]
        doc = self.doc
        outside = [t for t in doc[frame[0]:frame[1]] if t.is_alpha and self.region_of[t.i] == -1]
        quoted = self.alnum(a, b)
        unquoted = sum(self.alnum(t.i, t.i + 1) for t in outside)
        return mostly_quoted(quoted, unquoted)

    def _pointed_back(self, index: int) -> tuple[str | None, int] | None:
        """The speaker of a quotation the next sentence points back at: "«…». Con esas palabras defendió
        Ursula von der Leyen …", "«…». Así lo explicó el ministro": the subject of that sentence's verb."""
        doc = self.doc
        k = self.region_marks[index][1]
        while k < len(doc) and (doc[k].is_punct or doc[k].is_space) and self.region_of[k] == -1:
            k += 1
        if k + 2 >= len(doc) or self.region_of[k] != -1:
            return None
        words = [t.lower_ for t in doc[k:k + 3]]
        if words[0] == "con" and words[1] in _POINTERS and words[2] in _POINTED_NOUNS:
            k += 3
        elif words[0] == "así" and words[1] in ("lo", "la", "se"):
            k += 2
        elif words[0] == "así" and self.verbs[k + 1] is not None:
            k += 1  # "Así respondió la presidenta …"
        else:
            return None
        if k < len(doc) and doc[k].text == ",":
            k += 1  # "Con esas palabras, la presidenta respondió …": the subject before its verb
        a, b = self.unit_range(k)
        verb = next((j for j in range(k, min(b, k + 6)) if self.verbs[j] is not None or doc[j].is_lower
                     and doc[j].is_alpha and doc[j].lower_ not in SENTENCE_WORDS), None)
        if verb is None:
            return None
        found = self._speaker_before(doc[verb], k) if verb > k else None
        if found is None or found[0] is None:
            found = self._speaker_after(doc[verb], b)
        return found if found is not None and found[0] is not None else None

    def _unlisted_inversion(self, index: int) -> tuple[str | None, int] | None:
        """The inverted subject after a quotation whose verb of saying the lexicon does not list («…», celebró
        la ministra Eva Mora): a comma, then a word with the form of a finite verb, then a named subject — the
        attribution's own order, whatever the verb; None when no one is named there."""
        doc = self.doc
        k = self.region_marks[index][1]
        if k + 1 >= len(doc) or doc[k].text != "," or self.region_of[k + 1] != -1:
            return None
        verb = doc[k + 1]
        if self.verbs[verb.i] is not None or not _looks_preterite(verb):
            return None
        found = self._speaker_after(verb, min(len(doc), verb.i + 16))
        return found if found is not None and found[0] is not None else None

    def _frame(self, index: int) -> tuple[int, int]:
        ma, mb = self.region_marks[index]
        a, _ = self.unit_range(ma)
        _, b = self.unit_range(max(ma, mb - 1))
        doc = self.doc
        # «… .» Dijo Ebrard. / «…». afirmó -- a cue opening the next unit belongs to this quotation
        if b < len(doc) and not self.break_between(b - 1, b) and self._is_cue(doc[b]):
            b = self.unit_range(b)[1]
        return self.with_colon_intro(a, ma), b

    def _written_as_government(self, start: int) -> bool:
        """The speaker's words, from `start` (its first word or its article), are "(el) gobierno …": the text
        names the government itself, not the capital or the country standing for it."""
        if start < 0:
            return False
        k = self.token_at(start)
        return any(t.lower_ == _GOVERNMENT_WORD for t in self.doc[k:k + 2])

    def run(self, indirect: bool = True) -> list[Found]:
        found: list[Found] = []
        by_region: dict[int, Found] = {}
        for index, region in enumerate(self.regions):
            frame = self._frame(index)
            cue = self._choose_cue(index, frame)
            speaker: tuple[str | None, int] | None = None
            if cue is not None:
                speaker = self._speaker_for_cue(cue, index, frame)
            inverted = self._unlisted_inversion(index) if cue is None else None
            if cue is not None:
                kind = self._kind(cue, index, frame)
                if speaker is None:
                    speaker = self._carry(index, by_region) or self._latest_person(region.start) or (None, -1)
            elif inverted is not None and not self._labelled(index):
                kind = self._kind(None, index, frame)  # as before a listed cue: direct when it opens its clause
                speaker = inverted
            elif self._standalone(index, frame):
                carried = self._pointed_back(index) or self._carry(index, by_region)
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
                speaker = self._words_owner(ma) or self._sentence_subject(ma) or self._carry(index, by_region)
            if kind == "partial" and self._labelled(index):
                continue
            speaker = speaker or (None, -1)
            record = Found(region.start, region.end, kind, speaker[0], region.chain, speaker[1])
            found.append(record)
            by_region[index] = record
        if indirect:
            found.extend(self._indirect())
        for record in found:
            if record.speaker == _US_GOVERNMENT and not self._written_as_government(record.speaker_start):
                record.speaker = "White House"
        found.sort(key=lambda f: (f.start, f.end))
        return found
