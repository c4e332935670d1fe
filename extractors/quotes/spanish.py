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

from extractors.quotes.institutions import country_of_word, institution_name
from extractors.quotes.layout import Found, QuoteLayout
from extractors.quotes.lexicon import (
    SPANISH_CONNECTORS,
    SPANISH_CUES,
    SPANISH_INSTITUTIONS,
    SPANISH_NAMING,
    SPANISH_ROLE_NOUNS,
)
from extractors.quotes.marks import Region
from extractors.quotes.people import fold, strip_name
from extractors.quotes.spanish_indirect import SpanishIndirectMixin

DIRECT_MAX_UNQUOTED = 0.2
_WEEKDAYS_MONTHS = frozenset("""
lunes martes miércoles jueves viernes sábado domingo enero febrero marzo abril mayo junio julio agosto
septiembre setiembre octubre noviembre diciembre
""".split())
_PLACE_WORDS = frozenset("""
América Norteamérica Texas California Coahuila Sinaloa Nuevo León Monterrey Saltillo Guadalajara Ciudad
Ginebra Bruselas Pekín Washington Ottawa Tokio Europa Asia
""".split()) | {"América del Norte", "Ciudad de México", "Nuevo León", "Casa Blanca", "Palacio Nacional"}
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
        self.leaders = leaders
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
            while start < j and doc[start].lower_ in _SENTENCE_WORDS | SPANISH_CUES:
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

    def _leader_in(self, a: int, b: int) -> tuple[str, int] | None:
        """A leaders mention overlapping tokens [a, b): (canonical name, char start)."""
        if a >= b:
            return None
        start, end = self.doc[a].idx, self.doc[b - 1].idx + len(self.doc[b - 1])
        for x, y, name in self.leaders:
            if x < end and start < y:
                return name, x
        return None

    def _person(self, name: str) -> str:
        """The fullest form of a name: a surname becomes the full name the article (or KB) gives."""
        name = strip_name(name)
        words = name.split()
        if len(words) == 1 and fold(words[0]) in self.surnames:
            return self.surnames[fold(words[0])]
        return name

    def _noun_phrase_speaker(self, a: int, b: int) -> tuple[str | None, int] | None:
        """Who the tokens [a, b) name: a leader, a person, an institution; None (in a tuple) for an
        unnamed person or group; None when nothing nameable is there."""
        doc = self.doc
        if a >= b:
            return None
        leader = self._leader_in(a, b)
        if leader:
            return leader
        names = [n for n in self.names if a <= n[0] < b]
        text = doc[a:b].text
        institution = institution_name(text, "Mexico")
        people = [n for n in names if not institution_name(n[2], "Mexico")
                  and n[2].split()[0].lower() not in SPANISH_INSTITUTIONS
                  and not any(country_of_word(w) for w in n[2].split()) and n[2] not in _PLACE_WORDS]
        if people:
            # an apposition's name wins over the title before it ("El secretario de Economía, Marcelo Ebrard")
            start, _, name = people[-1]
            return self._person(name), doc[start].idx
        if institution:
            return institution, doc[a].idx
        if names:
            start, _, name = names[-1]
            return strip_name(name), doc[start].idx
        words = [t.lower_ for t in doc[a:b] if t.is_alpha]
        if words and words[0] in ("el", "la") and any(w in SPANISH_ROLE_NOUNS for w in words[1:3]):
            person = self._latest_person(doc[a].idx)
            if person:
                return person
            return self._unnamed(a, b)
        if words and words[0] in SPANISH_GROUP_WORDS | {"organizaciones", "empresarios", "analistas"}:
            return self._unnamed(a, b)
        if words and words[0] in ("un", "una", "unos", "unas") and \
                any(w in SPANISH_ROLE_NOUNS | SPANISH_GROUP_WORDS for w in words[1:3]):
            return self._unnamed(a, b)
        return None

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

    def _looks_like_person(self, start: int, end: int, name: str) -> bool:
        """A capitalised run names a person (not a place or a body): a leader, a role noun or cue right
        before it, an apposition after it (", economista …"), or a surname of such a name."""
        doc = self.doc
        if institution_name(name, "Mexico") or name.split()[0].lower() in SPANISH_INSTITUTIONS:
            return False
        if any(country_of_word(w) for w in name.split()) or name in _PLACE_WORDS:
            return False
        if self._leader_in(start, end):
            return True
        words = name.split()
        if len(words) == 1 and fold(words[0]) in self.surnames:
            return True
        before = doc[start - 1].lower_ if start > 0 else ""
        if before in SPANISH_ROLE_NOUNS or before in SPANISH_CUES or before in ("según", "para", "señor", "señora"):
            return True
        if end + 1 < len(doc) and doc[end].text == "," and (doc[end + 1].lower_ in SPANISH_ROLE_NOUNS
                                                           or doc[end + 1].lower_ in ("quien", "de")):
            return True
        if end < len(doc) and doc[end].lower_ in SPANISH_CUES:
            return True
        return len(words) >= 2 and start > 0 and doc[start - 1].text == ","

    def _latest_person(self, char: int) -> tuple[str, int] | None:
        """The latest person named (or leader mentioned) before `char`, outside quotations."""
        best: tuple[str, int] | None = None
        for x, _, name in self.leaders:
            if x < char and not self._in_quote_char(x):
                best = (name, x)
        for start, end, name in self.names:
            idx = self.doc[start].idx
            if idx >= char:
                break
            if self._looks_like_person(start, end, name):
                if best is None or idx > best[1]:
                    best = (self._person(name), idx)
        return best

    def _in_quote_char(self, char: int) -> bool:
        i = self.token_at(char)
        return self.region_of[i] != -1

    # ------------------------------------------------------------------ cues and speakers
    def _is_cue(self, token: Token) -> bool:
        if self.region_of[token.i] != -1:
            return False
        lower = token.lower_
        return lower in SPANISH_CUES or lower in SPANISH_NAMING or lower == "según" or \
            lower == "acuerdo" and token.i > 0 and self.doc[token.i - 1].lower_ == "de"

    def _choose_cue(self, index: int, frame: tuple[int, int]) -> Token | None:
        a, b = frame
        ma, mb = self.region_marks[index]
        best = None
        for i in range(a, b):
            token = self.doc[i]
            if not self._is_cue(token):
                continue
            distance = ma - i if i < ma else i - mb + 1
            between = range(i + 1, ma) if i < ma else range(mb, i)
            crossed = len({self.region_of[k] for k in between if self.region_of[k] != -1})
            # a cue right after the quotation (", dijo") beats one before it at the same distance
            key = (crossed, distance + (1 if i < ma else 0))
            if best is None or key < best[0]:
                best = (key, token)
        return best[1] if best else None

    def _speaker_after(self, cue: Token, limit: int) -> tuple[str | None, int] | None:
        """An inverted subject right after the cue: "dijo Ebrard", "afirmó la presidenta Claudia Sheinbaum",
        "dijo el ministro canadiense ante …"; None when the cue has no subject after it."""
        doc = self.doc
        k = cue.i + 1
        if k < limit and doc[k].lower_ in ("que", "en", "a", "al", "ante", "tras", "durante", "este", "esta",
                                          "desde", "con", ":", ".", ";", "«", "“", '"', "\n"):
            return None
        end = k
        while end < limit and end - k < 12:
            t = doc[end]
            if t.text in (".", ";", ":", "«", "“", '"', "»", "”", "(") or self.region_of[end] != -1 or t.is_space:
                break
            if t.text == "," and end > k:
                # "el secretario de Economía, Marcelo Ebrard," -- keep one apposition if a name follows
                nxt = end + 1
                if nxt < limit and self._capitalised(doc[nxt]) and self._name_at(nxt) and \
                        not any(self._name_at(j) for j in range(k, end)):
                    end += 1
                    continue
                break
            if t.lower_ in ("en", "ante", "al", "tras", "durante", "desde", "con", "quien", "que", "y", "a", "sobre"):
                if not (t.lower_ in ("de", "del") and end + 1 < limit and self._capitalised(doc[end + 1])):
                    break
            end += 1
        if end == k:
            return None
        return self._noun_phrase_speaker(k, end)

    def _speaker_before(self, cue: Token, floor: int) -> tuple[str | None, int] | None:
        """A subject before the cue, back to the start of its clause: "Ebrard señaló", "El Ministerio de
        Comercio chino afirmó", "El secretario de Economía, Marcelo Ebrard, dijo"."""
        doc = self.doc
        k = cue.i - 1
        # adverbials between subject and verb: ", por su parte," / "también" / "ya"
        while k >= floor and doc[k].lower_ in ("también", "ya", "además", "luego", "después", "no", "hoy", "ayer"):
            k -= 1
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
                # a second verb of the same subject: the subject opening the sentence
                sentence_start = self.unit_range(cue.i)[0]
                for k in range(sentence_start, cue.i):
                    leader = self._leader_in(k, k + 1)
                    if leader:
                        return leader
                    name = self._name_at(k)
                    if name and self._looks_like_person(*name):
                        return self._person(name[2]), doc[name[0]].idx
            return None
        return self._noun_phrase_speaker(start, end)

    def _speaker_for_cue(self, cue: Token, index: int | None, frame: tuple[int, int]) -> tuple[str | None, int] | None:
        doc = self.doc
        a, b = frame
        if cue.lower_ == "según" or cue.lower_ == "acuerdo":
            k = cue.i + 1 if cue.lower_ == "según" else cue.i + 2
            end = k
            while end < len(doc) and end - k < 12 and doc[end].text not in (",", ".", ";", ":", "«", "“") \
                    and self.region_of[end] == -1:
                end += 1
            return self._noun_phrase_speaker(k, end)
        after = self._speaker_after(cue, b if index is None else max(b, cue.i + 14))
        if after is not None:
            return after
        return self._speaker_before(cue, a)

    # ------------------------------------------------------------------ kinds
    def _kind(self, cue: Token | None, index: int, frame: tuple[int, int]) -> str:
        doc = self.doc
        ma, mb = self.region_marks[index]
        a, b = self.region_tokens[index]
        quoted = self.alnum(a, b)
        if cue is not None and cue.lower_ in SPANISH_NAMING:
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

    def _is_label(self, index: int) -> bool:
        a, b = self.region_tokens[index]
        words = [t for t in self.doc[a:b] if t.is_alpha]
        if not words:
            return True
        return len(words) <= 6 and all(t.text[:1].isupper() or t.lower_ in _SENTENCE_WORDS for t in words) \
            or len(words) <= 3 and not self.inner_text(index)[-1:] in ".!?"

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
            else:
                carried = self._carry(index, by_region)
                standalone = self._standalone(index, frame)
                if not standalone or (carried is None and len(self.inner_text(index).split()) < 4):
                    continue  # a label, a title or a scare quote
                kind = "direct"
                speaker = carried or (None, -1)
            if kind == "partial" and self._is_label(index) and cue is None:
                continue
            record = Found(region.start, region.end, kind, speaker[0], region.chain, speaker[1])
            found.append(record)
            by_region[index] = record
        if indirect:
            found.extend(self._indirect())
        found.sort(key=lambda f: (f.start, f.end))
        return found

    def _carry(self, index: int, by_region: dict[int, Found]) -> tuple[str | None, int] | None:
        """The speaker of a quotation with no subject of its own: the same quotation's earlier paragraph;
        else whichever comes last before it within the paragraph and the one before, an attributed
        quotation or a report ("Ebrard señaló que …"); else whoever was quoted last (interviews)."""
        region = self.regions[index]
        for previous in range(index - 1, max(-1, index - 6), -1):
            if self.regions[previous].chain == region.chain and previous in by_region:
                record = by_region[previous]
                return record.speaker, record.speaker_start
        ma, _ = self.region_marks[index]
        k = ma - 1
        lines = 0
        while k >= 0 and lines < 2:
            if self.newline_before(k + 1) and k + 1 < ma:
                lines += 1
            token = self.doc[k]
            other = self.region_of[k]
            if other != -1 and other != index and other in by_region and by_region[other].speaker is not None:
                record = by_region[other]
                return record.speaker, record.speaker_start
            if other == -1 and self._is_cue(token) and token.lower_ not in SPANISH_NAMING:
                found = self._speaker_for_cue(token, None, self.unit_range(k))
                if found is not None and found[0] is not None:
                    return found
            k -= 1
        for previous in range(index - 1, max(-1, index - 8), -1):
            record = by_region.get(previous)
            if record is not None and record.speaker is not None and record.kind == "direct":
                return record.speaker, record.speaker_start
        return None
