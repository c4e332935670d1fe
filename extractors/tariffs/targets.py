"""Products and targets of a tariff rate over tokens: the first layer of the tariff rules (see component.py).

`TargetRules` holds what one document offers the rules (its countries, leaders, parse and language) and finds
the tariff noun a rate belongs to, the "on/a/sobre ..." phrases that name products and target countries (read
over tokens: all of it in Spanish, the fallback in English, see clause.py), whether a rate applies to everyone,
countries listed after "including", and the country a document is about.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span, Token

from extractors.tariffs.es_verbs import verb_form
from extractors.tariffs.words import (
    CLAUSE_BREAKS, DETERMINERS, FROM_PREPOSITIONS, GLOBAL_CUES, HIT_PREPOSITIONS, IMPORTING, INTO_WORDS, MANY_OF,
    MANY_WORDS, NOT_GOODS_WORDS, ORIGIN, PHRASE_STOP, RELATING, SPARING, TARGET_PREPS, TOPIC_NOUNS, WORLD_SPREAD,
    figure, is_tariff_noun, participle, percent_ahead, spanish_verbish,
)


MANY_COUNTRIES = frozenset("country countries nation nations partner partners economy economies país países "
                           "socios".split())


# Nouns a quantifier spans in a phrase of circumstance, not of goods or countries: "for any reason", "at any
# time", "in any case", "de todas formas", "en todo momento".
CIRCUMSTANCE_NOUNS = frozenset("reason reasons time times case cases way ways means cost costs moment "
                               "caso casos forma formas manera maneras momento momentos".split())


# The words of GLOBAL_CUES that say goods are imported: alone they say from anywhere ("on imported cars"); before a
# preposition of origin the sentence tells where from, even in words the rules cannot resolve ("the country").
IMPORT_CUES = frozenset(word for word in GLOBAL_CUES if word.startswith("import"))


class TargetRules:
    """What one document offers the rules: its countries, leaders, parse (if any) and language."""

    def __init__(self, doc: Doc, lang: str, country_at: dict[int, tuple[str, str]],
                 leader_at: dict[int, tuple[str | None, int]]) -> None:
        self.doc = doc
        self.lang = lang
        self.country_at = country_at
        self.leader_at = leader_at
        self.parsed = doc.has_annotation("DEP")
        self.percent_tokens = {i for span in doc.spans.get("percentages", []) for i in range(span.start, span.end)}
        # Clause number of every token: it changes at a clause break ("while", "but", "mientras", ";"), and in
        # Spanish at "y" before a new subject and its verb ("... y Pekín reducirá del 125 % al 10 % los suyos").
        self.clause_of: list[int] = []
        clause = 0
        for token in doc:
            if token.lower_ in CLAUSE_BREAKS or token.is_sent_start or lang == "es" and self._new_subject(token) or \
                    self.parsed and self._new_subject_en(token):
                clause += 1
            self.clause_of.append(clause)

    def country_name(self, index: int) -> bool:
        """Whether token `index` names a country (by name or demonym; a capital is the government)."""
        return index in self.country_at and self.country_at[index][1] != "metonym"

    def countries_named(self, sentence: Span) -> dict[str, bool]:
        """{country: whether it is hit} for each country a sentence names by name or demonym, in order: hit when
        one of its mentions stands right after a preposition of whom goods are hit (HIT_PREPOSITIONS, not after a
        noun of a topic: "talks on Peru") or come from (FROM_PREPOSITIONS after a word of coming or importing:
        "llegan de la India"), an article may stand between, and no word of sparing comes before it in the
        sentence ("exempting imports from Peru"). Not a country after "con" or "to" ("sin acuerdo con Chile",
        "linked to Iranian oil"), nor a demonym on a noun ("exportadores bolivianos"): those name a partner or
        what a duty is about as often as whom it hits. The countries not hit stay as rivals of those hit."""
        doc = self.doc
        found: dict[str, bool] = {}
        spared = False
        for index in range(sentence.start, sentence.end):
            spared = spared or doc[index].lower_ in SPARING
            if not self.country_name(index) or self.country_at.get(index - 1) == self.country_at[index]:
                continue  # a name of several words counts from its first
            country = self.country_at[index][0]
            found[country] = found.get(country, False) or not spared and self._after_hit_word(index, sentence)
        return found

    def _after_hit_word(self, index: int, sentence: Span) -> bool:
        """Whether the country at `index` follows (past its articles) a preposition of hitting that no noun of a
        topic governs, or a preposition of origin after a word of coming or importing."""
        doc = self.doc
        before = index - 1
        # Spanish "a" is the preposition itself ("golpea a Perú"), never the English article DETERMINERS lists
        while before > sentence.start and doc[before].lower_ in DETERMINERS and \
                not (self.lang == "es" and doc[before].lower_ in HIT_PREPOSITIONS):
            before -= 1
        word = doc[before].lower_
        previous = doc[before - 1].lower_ if before > sentence.start else ""
        if word in HIT_PREPOSITIONS:
            return previous not in TOPIC_NOUNS
        return word in FROM_PREPOSITIONS and previous in ORIGIN | IMPORTING | INTO_WORDS

    @staticmethod
    def _new_subject_en(token: Token) -> bool:
        """ "..., and the United Kingdom faces 10%": "and" joining a verb to another verb with a subject of its
        own (the parse's conjunct), as "y Pekín reducirá" is in Spanish."""
        if token.lower_ != "and" or token.dep_ != "cc" or token.head.pos_ not in ("VERB", "AUX"):
            return False
        return any(c.dep_ == "conj" and c.i > token.i and c.pos_ in ("VERB", "AUX") and
                   any(s.dep_ in ("nsubj", "nsubjpass") and s.i > token.i for s in c.children)
                   for c in token.head.children)

    def _new_subject(self, token: Token) -> bool:
        """ "y Pekín reducirá", ", y Canadá respondió": a conjunction, a government, then a finite verb."""
        doc = self.doc
        if token.lower_ not in ("y", "e") or token.i + 1 >= len(doc) or token.i + 1 not in self.country_at or \
                self.country_at[token.i + 1][1] == "demonym":
            return False
        index = token.i + 1
        while index < len(doc) and self.country_at.get(index) == self.country_at[token.i + 1]:
            index += 1
        form = verb_form(doc[index].lower_) if index < len(doc) else None
        return form is not None and form.tense not in ("infinitive", "gerund", "participle")

    # The tariff noun a rate belongs to: the nearest in the sentence, before it first.
    def anchor(self, rate: Span) -> Token | None:
        sentence = rate.sent
        if self.parsed:
            token = rate.root
            for _ in range(4):
                if is_tariff_noun(token, self.lang):
                    return token
                if token.head == token:
                    break
                token = token.head
        candidates = [t for t in sentence if is_tariff_noun(t, self.lang)]
        if not candidates:
            return None
        doc = self.doc

        def same_clause(token: Token) -> bool:
            return self.clause_of[token.i] == self.clause_of[rate.start]

        # "llevar al 25 % los gravámenes a México y Canadá": the noun right after a level is its own.
        index = rate.end
        if self.lang == "es":
            index = self._past_new_level(rate)
        start = index
        while index < sentence.end and doc[index].lower_ in DETERMINERS:
            index += 1
        if index > start and index < sentence.end and doc[index] in candidates:
            return doc[index]
        before = [t for t in candidates if t.i < rate.start and same_clause(t)]
        if before:
            return before[-1]
        after = [t for t in candidates if t.i >= rate.end and same_clause(t)]
        if after:
            return after[0]
        return min(candidates, key=lambda t: abs(t.i - rate.start))

    def _past_new_level(self, rate: Span) -> int:
        """Spanish: where the words after a rate go on past the new level it is taken to ("del 35 % al 10 % los
        gravámenes": both ends measure the noun after the second) and a "de" or "en" before a determiner ("una
        rebaja al 12 % de los gravámenes de Washington", "un alza del 10 % en los aranceles")."""
        doc = self.doc
        index = rate.end
        if index < rate.sent.end and doc[index].lower_ in ("a", "al", "hasta"):
            level = next((s for s in doc.spans.get("percentages", []) if index < s.start <= index + 2 and
                          all(t.lower_ in ("el", "un") for t in doc[index + 1: s.start])), None)
            if level is not None:
                index = level.end
        if index + 1 < rate.sent.end and doc[index].lower_ in ("de", "en") and doc[index + 1].lower_ in DETERMINERS:
            index += 1
        return index

    def _phrase_after(self, start: int, limit: int = 12) -> list[Token]:
        """Tokens of a prepositional phrase starting at `start` (after the preposition), to a boundary.
        A comma continues a list of products ("steel, aluminium and autos") but not a new clause."""
        doc = self.doc
        sentence_end = doc[start].sent.end if start < len(doc) else len(doc)
        out: list[Token] = []
        resume, stop = start, min(sentence_end, start + limit)
        for token in doc[start: sentence_end]:
            lower = token.lower_
            if token.i >= stop:
                break
            if token.i < resume:
                continue
            if out and self._origin_relative(token.i, sentence_end):
                # read on at the country, past "que se importan desde", which does not count as goods words
                resume, stop = token.i + 4, min(sentence_end, stop + 4)
                continue
            if token.text == "," and out and self._list_continues(token.i, sentence_end):
                out.append(token)
                continue
            if lower in ORIGIN and token.i + 1 < sentence_end and \
                    doc[token.i + 1].lower_ in ("in", "from", "en", "de", "desde"):
                out.append(token)  # "vehicles made in China", "goods imported from the United States"
                continue
            if out and out[-1].lower_ in ORIGIN and lower in ("in", "from", "en", "de", "desde"):
                out.append(token)
                continue
            if lower in PHRASE_STOP[self.lang] or token.is_punct and token.text not in ("-", "'", "’", "$") or \
                    token.i in self.percent_tokens or (self.parsed and token.pos_ in ("VERB", "AUX")) or \
                    (self.lang == "es" and (lower in ("y", "e") and percent_ahead(doc, token.i) or
                                            spanish_verbish(token))) or \
                    (self.lang == "en" and lower == "and" and percent_ahead(doc, token.i)):
                break
            out.append(token)
        while out and out[-1].text == ",":
            out.pop()
        return out

    def _origin_relative(self, index: int, stop: int) -> bool:
        """Spanish "que se importan desde Chile" right after goods: a relative that names where the goods come
        from, as the participle "importados desde Chile" does. Only when a country follows at once, so that
        "que se importen de países sin acuerdo con Chile" still names the buyer's partner, not the goods'."""
        doc = self.doc
        if self.lang != "es" or index + 4 >= stop or doc[index].lower_ != "que" or doc[index + 1].lower_ != "se":
            return False
        return doc[index + 2].lower_ in IMPORTING and doc[index + 3].lower_ in ("de", "desde") and \
            index + 4 in self.country_at

    def _list_continues(self, comma: int, stop: int) -> bool:
        doc = self.doc
        for token in doc[comma + 1: min(stop, comma + 5)]:
            if self.lang == "es" and token.lower_ in ("el", "la", "los", "las") and token.i == comma + 1:
                continue  # "el acero, el aluminio y el cobre": Spanish lists keep their articles
            if figure(token) or token.is_punct or \
                    (self.parsed and token.pos_ in ("VERB", "AUX", "PRON", "SCONJ", "ADV")) or \
                    token.lower_ in PHRASE_STOP[self.lang] or \
                    token.lower_ in ("which", "who", "que", "the", "el", "la"):
                return False
            if token.lower_ in ("and", "or", "y", "e", "o"):
                return True
            if token.text[:1].isupper() and token.i not in self.country_at:
                return False
        return False

    def _prep_phrase(self, start: int, stop: int, rate: Span | None = None) -> list[Token] | None:
        """The first target/product preposition phrase between tokens start and stop: not past a clause break,
        another rate, or a comma (unless a participle follows it: "the levies, imposed in March on ...")."""
        doc = self.doc
        for token in doc[start:stop]:
            if token.text in (",", ";", ":"):
                if not (token.text == "," and token.i + 1 < stop and participle(doc[token.i + 1], self.lang)):
                    return None
            if token.lower_ in CLAUSE_BREAKS or \
                    (token.i in self.percent_tokens and not (rate is not None and rate.start <= token.i < rate.end)):
                return None
            if token.lower_ in TARGET_PREPS[self.lang]:
                if self.parsed and token.head.tag_ == "VBN" and token.head.lemma_.lower() in RELATING:
                    return None  # "a 25 percent duty linked to Iranian oil purchases": what it is about
                return self._phrase_after(token.i + 1)
        return None

    def products_and_targets(self, rate: Span, anchor: Token | None) -> tuple[str | None, list[str]]:
        """The goods and the target countries of the "on/a/sobre ..." phrases of a rate, read over tokens (the
        English parse reading in clause.py starts from this)."""
        words, targets = self.window_products_and_targets(rate, anchor)
        return (self._strip(words) if words else None), targets

    def window_products_and_targets(self, rate: Span, anchor: Token | None
                                     ) -> tuple[list[Token] | None, list[str]]:
        """The goods words and targets of the "on/a/sobre ..." phrases after the rate or its tariff noun, read over
        tokens (Spanish; English when the parse finds none)."""
        doc = self.doc
        phrases = []
        own = self._prep_phrase(rate.end, min(rate.sent.end, rate.end + 2)) or self._object_after_con(rate) or \
            self._after_apposition(rate, anchor)
        if own:
            phrases.append(own)
        if anchor is not None and self.same_clause(anchor, rate):
            phrase = self._prep_phrase(anchor.i + 1, min(anchor.sent.end, anchor.i + 12), rate)
            if phrase and not (phrase and rate.start <= phrase[0].i < rate.end):
                phrases.append(phrase)
        products = None
        targets: list[str] = []
        for phrase in phrases:
            countries = [self.country_at[t.i][0] for t in phrase if t.i in self.country_at]
            rest = [t for t in phrase if t.i not in self.country_at]
            if products is None and self._strip(rest):
                products = rest
            for country in countries:
                if country not in targets:
                    targets.append(country)
            if targets:
                break
        # "Pekín reducirá el suyo a los productos estadounidenses de 125 % a 10 %": the clause has no tariff
        # noun; its own "a/on ..." phrase before the rate says what and whom. In Spanish the phrase may stand
        # between the verb and its tariff too: "imponer a la canola canadiense un arancel del 75 %".
        before_verb = self.lang == "es" and anchor is not None and self.same_clause(anchor, rate)
        if not targets and (anchor is None or not self.same_clause(anchor, rate) or before_verb):
            first = min(anchor.i, rate.start) if before_verb and anchor is not None else rate.start
            index = first - 1
            while index > rate.sent.start and first - index <= 10 and self.clause_of[index] == self.clause_of[first] and \
                    not (before_verb and (verb_form(doc[index].lower_) is not None or spanish_verbish(doc[index]) or
                                          doc[index].text == ",")):
                payee = before_verb and (form := verb_form(doc[index - 1].lower_)) is not None and \
                    form.kind == "receive"  # "pagará a Estados Unidos un arancel": who is paid collects it
                if doc[index].lower_ in TARGET_PREPS[self.lang] and not payee:
                    phrase = self._phrase_after(index + 1)
                    countries = [self.country_at[t.i][0] for t in phrase if t.i in self.country_at]
                    if countries:
                        targets = list(dict.fromkeys(countries))
                        products = products or [t for t in phrase if t.i not in self.country_at]
                        break
                index -= 1
        if not targets and self.lang == "es":
            targets = self._passed_through(rate)
        if not targets and self.lang == "es":
            antecedent = self._relative_antecedent(rate)
            targets = list(dict.fromkeys(self.country_at[t.i][0] for t in antecedent if t.i in self.country_at))
            if targets and products is None:
                products = [t for t in antecedent if t.i not in self.country_at]
        # "aranceles a México del 25 %": a target named before the rate, after the tariff noun.
        if not targets and anchor is not None and anchor.i < rate.start:
            for i in range(anchor.i + 1, rate.start):
                if self.country_name(i) and doc[i - 1].lower_ in \
                        TARGET_PREPS[self.lang] + ("of", "de", "from") and not self._outside(i):
                    country = self.country_at[i][0]
                    if country not in targets and not self._is_imposer_position(i, anchor):
                        targets.append(country)
        return products, targets

    def _outside(self, index: int) -> bool:
        """Spanish: the country at `index` is where the goods are not made ("las prendas fabricadas fuera de
        Chile"): it buys them, so it is no target."""
        doc = self.doc
        return self.lang == "es" and index >= 2 and doc[index - 1].lower_ in ("de", "del") and \
            doc[index - 2].lower_ == "fuera"

    def _passed_through(self, rate: Span) -> list[str]:
        """Spanish: goods the rate is laid on that pass through a country on their way ("un arancel del 30 % para
        productos que pasen por Panamá", "sobre las mercancías que se envíen a través de Panamá"): a duty on goods
        shipped through a country hits that country's trade (transshipment), whatever its own goods pay. A relative
        right after the goods of the rate's own phrase, one verb, then "por" or "a través de" and the country."""
        doc = self.doc
        end = min(rate.sent.end, rate.end + 10)
        for que in range(rate.end, end):
            token = doc[que]
            if token.is_punct or token.i in self.percent_tokens and not rate.start <= token.i < rate.end:
                return []
            if token.lower_ != "que" or que == rate.end:
                continue
            index = que + 1 + (doc[que + 1].lower_ == "se" if que + 1 < len(doc) else 0)
            if index + 2 >= rate.sent.end:
                return []
            words = [t.lower_ for t in doc[index + 1: index + 4]]
            place = index + 2 if words[:1] == ["por"] else index + 4 if words == ["a", "través", "de"] else None
            found = self.country_at.get(place) if place is not None else None
            return [found[0]] if found is not None and found[1] != "demonym" else []
        return []

    def _relative_antecedent(self, rate: Span) -> list[Token]:
        """ "el petróleo canadiense, al que se aplicará un 10 %": a rate laid in a relative clause opened by
        "a" + "que" is laid on what the relative stands for, the phrase before the comma."""
        doc = self.doc
        start = rate.sent.start
        index = rate.start - 1
        while index > start + 2 and rate.start - index <= 8 and doc[index].lower_ != "que" and not doc[index].is_punct:
            index -= 1
        if doc[index].lower_ != "que":
            return []
        opening = index - 1 if doc[index - 1].lower_ == "al" else \
            index - 2 if doc[index - 1].lower_ in ("la", "los", "las") and doc[index - 2].lower_ == "a" else None
        if opening is None or opening - 1 < start or doc[opening - 1].text != ",":
            return []
        end = opening - 1
        first = end
        while first > start and end - first < 8 and not (doc[first - 1].is_punct or doc[first - 1].lower_ in
                                                         ("salvo", "excepto", "incluido", "incluidos", "y", "e")):
            first -= 1
        return [t for t in doc[first:end] if t.lower_ not in DETERMINERS]

    def _after_apposition(self, rate: Span, anchor: Token | None) -> list[Token] | None:
        """A rate set off by commas after its tariff noun says no more than the noun: what follows the closing
        comma is the noun's phrase ("aranceles nuevos, de entre el 5 % y el 50 %, a bienes importados")."""
        doc = self.doc
        if anchor is None or anchor.i >= rate.start or not self.same_clause(anchor, rate) or \
                not any(t.text == "," for t in doc[anchor.i + 1: rate.start]):
            return None
        index = rate.end
        while index < min(rate.sent.end, rate.end + 6) and (index in self.percent_tokens or doc[index].lower_ in (
                "y", "e", "a", "al", "el", "la", "hasta", "un", "una", "and", "to")):
            index += 1  # the other end of a range
        if index + 1 < rate.sent.end and doc[index].text == "," and doc[index + 1].lower_ in TARGET_PREPS[self.lang]:
            return self._phrase_after(index + 2)
        return None

    def _object_after_con(self, rate: Span) -> list[Token] | None:
        """Spanish "gravar con un 25 % las importaciones mexicanas y con un 10 % las chinas": after a rate
        brought by "con", the object of the verb follows, article first."""
        doc = self.doc
        after = rate.end + (1 if rate.end < rate.sent.end and doc[rate.end].text == "," else 0)
        if after < rate.sent.end and doc[after].lower_ in ("todos", "todas"):
            after += 1  # "gravar con un arancel aún mayor, del 30 %, todos los productos europeos"
        if self.lang != "es" or after >= rate.sent.end or doc[after].lower_ not in ("los", "las", "el", "la"):
            return None
        before = rate.start - 1
        while before > max(rate.sent.start, rate.start - 6) and (
                doc[before].lower_ in ("un", "una", "el", "la", "de", "del", "aún", "más", "mayor", ",") or
                is_tariff_noun(doc[before], self.lang)):
            before -= 1  # "gravar con aranceles del 25 % los productos canadienses"
        return self._phrase_after(after + 1) if doc[before].lower_ == "con" else None

    def _is_imposer_position(self, index: int, anchor: Token) -> bool:
        return self.lang == "es" and index == anchor.i + 2 and self.doc[anchor.i + 1].lower_ in ("de", "del")

    def _strip(self, tokens: list[Token]) -> str | None:
        # Drop determiners, and conjunctions/prepositions left dangling by the removed country words.
        words = [t for t in tokens if t.lower_ not in DETERMINERS and not t.is_space]
        # Goods end where a clause, a date or a pronoun begins: "exportaciones de [México] fue ...", "Este sábado".
        for index, word in enumerate(words):
            if word.lower_ in NOT_GOODS_WORDS or word.is_sent_start or index and word.like_num:
                words = words[:index]
                break
        while words and (words[0].lower_ in ("and", "or", "y", "e", "from", "de", "del", "of", ",", "'s", "’s")
                         or words[0].is_punct):
            words = words[1:]
        while words and (words[-1].lower_ in ("and", "or", "y", "e", "from", "de", "del", "of", "desde", "'s", "’s",
                                              "procedentes", "importados", "importadas", "provenientes", "to", "for",
                                              "a", "al", "en", "para", "in", "on", "si", "no", "como", "apenas",
                                              "origen", "alta", "otro", "otra")
                         or words[-1].lower_ in ORIGIN and len(words) > 1 or words[-1].is_punct):
            words = words[:-1]
        if not words or all(w.lower_ in ("lo", "todo", "total", "uno", "otro") for w in words):
            return None
        words = [w for i, w in enumerate(words) if not (i and w.lower_ == "al")]
        cleaned = []
        for word in words:
            if word.lower_ in ("and", "or", "y", "e") and cleaned and cleaned[-1].lower_ in ("and", "or", "y", "e"):
                continue
            cleaned.append(word)
        text = " ".join(t.text for t in cleaned).replace(" - ", "-").replace(" -", "-").replace("- ", "-")
        return text.replace(" ,", ",") or None

    def worldwide(self, rate: Span, anchor: Token | None, goods: list[Token] | None = None) -> bool:
        """Whether the rate is said to apply to everyone: "on all imports", "a universal 10% baseline"; `goods`
        adds the words of what the rate is laid on, wherever they stand."""
        doc = self.doc
        first = min(rate.start, anchor.i if anchor is not None else rate.start)
        end = rate.end
        while end < min(rate.sent.end, rate.end + 25) and doc[end].text not in (",", ";", ":") and \
                doc[end].lower_ not in CLAUSE_BREAKS:
            end += 1
        window = list(doc[max(rate.sent.start, first - 8): end])
        window += [t for t in goods or [] if t not in window]
        for token in window:
            if token.lemma_.lower() in MANY_COUNTRIES and self._many(token):
                return True  # "rates reaching as high as 41% for many countries"
            if self.lang == "es" and token.lower_ == "según" and \
                    "origen" in [t.lower_ for t in doc[token.i + 1: token.i + 5]] and \
                    self.same_clause(token, rate):
                return True  # "tendrá recargos según el país de origen": a scale over every country
            if token.lower_ == "world" and token.i >= 2 and doc[token.i - 1].lower_ == "the" and \
                    doc[token.i - 2].lower_ in WORLD_SPREAD and self.same_clause(token, rate):
                return True  # "from 25% for partners around the world"
            quantifier = token.lower_ in ("all", "every", "any", "todos", "todas", "todo")
            if quantifier and (self._of_circumstance(token) or self._compared(token)):
                continue  # "if for any reason you raise your tariffs", "the highest of any country": no scope
            if token.lower_ in IMPORT_CUES and token.i + 1 < len(doc) and doc[token.i + 1].lower_ in FROM_PREPOSITIONS:
                continue  # "wine imported from that country", "importados de ambos países": an origin is told
            if token.lower_ in GLOBAL_CUES and self.same_clause(token, rate) and not (quantifier and any(
                    self.country_name(i) for i in range(token.i + 1, min(rate.sent.end, token.i + 5)))):
                return True  # "on all imports", not "on all Brazilian products"
        return False

    def _of_circumstance(self, quantifier: Token) -> bool:
        """Whether a quantifier opens a phrase of circumstance ("for any reason", "at any time", "en todo caso"),
        past an article: it spans reasons or moments, not the goods or countries a rate hits."""
        doc = self.doc
        index = quantifier.i + 1
        while index < len(doc) and doc[index].lower_ in DETERMINERS:
            index += 1
        return index < len(doc) and doc[index].lower_ in CIRCUMSTANCE_NOUNS

    def _compared(self, quantifier: Token) -> bool:
        """English: "any" after a comparative or superlative a few words before it ("higher than on any other
        country", "the highest imposed on any country"): the rate is measured against every other country's,
        not laid on them."""
        if quantifier.lower_ != "any":
            return False
        doc = self.doc
        before = doc[max(quantifier.sent.start, quantifier.i - 6): quantifier.i]
        return any(t.tag_ in ("JJR", "JJS", "RBR", "RBS") or t.lower_ == "than" for t in before)

    def _many(self, token: Token) -> bool:
        """A noun of countries said of many of them: "many countries", "otros países", "multiple nations", and past
        its compounds, "dozens of trading partners", "dozens of Peruvian trading partners"; not one joined to a country
        it names ("Chile and other partners")."""
        doc = self.doc
        if token.dep_ == "conj" and token.head.i in self.country_at:
            return False  # "from Chile and other trading partners": Chile is named, and hit with the rest
        index = token.i - 1
        while index > 0 and (doc[index].dep_ == "compound" and doc[index].head == token or
                             index in self.country_at and doc[index].lower_ != "all"):
            index -= 1  # "trading", "US"
        if index < 0:
            return False
        word = doc[index].lower_
        if word in MANY_WORDS:
            return True
        return word == "of" and index > 0 and doc[index - 1].lower_ in MANY_OF

    def listed_countries(self, rate: Span) -> list[str]:
        """Countries listed after "including", "such as", "among them", "entre ellos" in the rate's sentence: "from countries
        without a trade agreement, including China, South Korea and India", "entre ellos China" (after "como",
        two or more)."""
        doc = self.doc
        for token in rate.sent:
            lower = token.lower_
            if lower in ("including", "incluidos", "incluidas", "como") or (
                    lower in ("ellos", "ellas", "them") and token.i > 0 and doc[token.i - 1].lower_ in ("entre",
                                                                                          "among")) or (
                    lower == "as" and token.i > 0 and doc[token.i - 1].lower_ == "such"):
                found = []
                for t in doc[token.i + 1: min(rate.sent.end, token.i + 16)]:
                    if t.i in self.country_at and self.country_at[t.i][1] == "name":
                        if self.country_at[t.i][0] not in found:
                            found.append(self.country_at[t.i][0])
                    elif not (t.text == "," or t.lower_ in ("and", "y", "e", "or", "o") or t.i in self.country_at):
                        break
                if len(found) >= 2 or found and lower != "como":
                    return found  # "como" alone is as often "like" ("un trato como Japón")
        return []

    def focus_country(self, exclude: set[str | None]) -> str | None:
        """The country the document is about: the most mentioned one (names and demonyms, not capitals) if it
        is mentioned at least twice and clearly more than the next."""
        counts = Counter(c for i, (c, kind) in self.country_at.items() if kind != "metonym"
                         and (i == 0 or self.country_at.get(i - 1) != (c, kind)))
        ranked = [(c, n) for c, n in counts.most_common() if c not in exclude]
        if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] >= ranked[0][1]):
            return None
        return ranked[0][0]
