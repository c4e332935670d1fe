"""The status of a tariff rate, and `TariffContext`, all the tariff rules for one document (see component.py).

First the replaced rate: "from X% to Y%" / "up from X%" / "rather than the current X%" / "del X al Y %" under a
verb of change (a range, "rates run from 5% to 50%", keeps both ends). Then, in English, what the clause states
(tense.py): threatened for a threat or a condition, removed for a tariff lifted, scrapped or exempted from (not
for one lifted *to* a new level), paused, in effect for what took effect, is paid, stays or was put in place,
announced for what will come, is planned, ordered or determined; announced otherwise. Spanish reads the verbs
over the rate (es_clause.py): what they do to the tariff (paused, removed, threatened), their mood (a conditional)
and tense (a future announces, a past of imposing or raising is in force).
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from extractors.kb import as_day
from extractors.tariffs.effective import EffectiveDates
from extractors.tariffs.es_clause import CLITIC_PRONOUNS, FINITE, SpanishChain
from extractors.tariffs.es_verbs import rate_participle
from extractors.tariffs.imposer import ImposerRules
from extractors.tariffs.tense import (
    ANNOUNCING_VERBS, CHANGE_VERBS, DECISION_NOUNS, LASTING_VERBS, LAYING_VERBS, MOVE_VERBS, PAUSE_NOUNS,
    PAUSE_PHRASES, PAUSE_VERBS, PAYING_VERBS, THREAT_NOUNS, THREAT_VERBS, VerbChain,
)
from extractors.tariffs.words import (
    CHANGE_ES, CLAUSE_BREAKS, ES_IN_EFFECT, STANDING_ES, is_tariff_noun,
)


# Spanish nouns of what spares goods from a tariff: voiding one ("dejó sin efecto la exención del arancel") ends
# the sparing, not the tariff.
_SPARING = ("exenci", "excepci", "exclusi")
# What may stand between "alcanzar" / "llegar" and the rate it reaches: "alcanzan ya un", "llegan al", "alcanzar
# niveles del".
_BEFORE_LEVEL = frozenset("ya ahora un una el la al a niveles nivel del de hasta".split())
# The present and preterite of "llegar" (not among the verbs of es_verbs.py: "productos que lleguen a" is no verb of a
# tariff) with their tense, and its infinitive (whose tense is the finite verb's over it, read in _level_reached).
_LLEGAR = {"llega": "present", "llegan": "present", "llegó": "preterite", "llegaron": "preterite",
           "llegar": None}
# Spanish adjectives of a tariff that already stands ("un gravamen existente del 6 %"); "anterior" is left out: it
# is as often the level a change leaves ("el arancel anterior del 30 % bajará al 12 %").
EXISTING_ES = frozenset("previo previa previos previas existente existentes".split())
# Nouns of a change of level: "the reduction of the duties to 12% from 25%" leaves 25% behind, as "cut ... from" does.
CHANGE_NOUNS = frozenset("lowering raising reduction cut increase hike rise decrease drop fall".split())
# Verbs of changing a tariff's level whose object tariff's rate is the old one ("cut its 100% tariff").
CUTTING_OR_RAISING = frozenset("raise increase double triple hike cut lower reduce slash halve".split())
# Nouns of a level that hold a rate after "of" ("the figure of 25 percent"): the level itself, as a tariff noun is.
RATE_NOUNS = frozenset("rate level figure".split())
# Words that may stand between "from" and the replaced rate: "up from the earlier rate of 7.66%".
FROM_FILLERS = frozenset("from the a an its their up down earlier previous prior former current existing initial "
                         "initially proposed rate rates level of".split())
# "retroactive(ly)": a rate applied from a date already past is in force ("will drop to 12%, retroactively from
# March 3"), unless negated ("would not be retroactive", "non-retroactive").
IN_FORCE = re.compile(r"\b(?:(?<!will be )(?<!to be )in force|(?<!to )stays? in place|in place since|"
                      r"(?<!not be )(?<!n't be )(?<!never be )(?<!not )(?<!n't )(?<!never )(?<!non - )(?<!non-)"
                      r"retroactive(?:ly)?|"
                      r"with immediate effect|took effect|came into force|began (?:applying|collecting)|"
                      r"(?<!entrada )en vigor|entró en vigor|entraron en vigor|vigente)\b")

# Words that list one rate beside another, so that what is said after the last is said of both ("25% and 10%").
LISTING_WORDS = frozenset({"and", "or", "y", "e", "o", ","})
# Verbs a rate's relative clause tells it stood with ("the 12% levy that had applied until May").
STANDING_VERBS = frozenset("apply stand remain".split())
# How many words of a rate's noun phrase may come between it and "already in place" ("10% additional duties").
STANDING_PHRASE_REACH = 4
# Adverbs that put the verb over a rate before the present: the rate it tells of is gone or replaced.
EARLIER_ADVERBS = frozenset({"previously", "formerly", "previamente", "anteriormente"})
# Words after a rate that say it stands still, beside IN_FORCE ("which remains in force", "que sigue vigente", "will
# keep it"): then "previously" only dates when it was laid.
STILL_STANDING = re.compile(r"\b(?:still|remains?|remained|stays?|stayed|keeps?|kept|maintains?|sigue|siguen|"
                            r"mantiene|mantienen|mantendrá|mantendrán|permanece|permanecen)\b")


class TariffContext(ImposerRules):
    """The tariff rules for one document: targets and products, imposer, status."""

    # -- status ---------------------------------------------------------------------------------------------
    def status(self, rate: Span, anchor: Token | None, following: Span | None) -> str:
        doc = self.doc
        lang = self.lang
        sentence = rate.sent
        before = [t.lower_ for t in doc[max(sentence.start, rate.start - 4): rate.start]]
        # "from 25% to 50%", "up from 25%", "del 25 al 50 %" (after a verb of change), "pasó de 10 a 20 %".
        between = doc[rate.end: following.start] if following is not None and following.sent == sentence else None
        words_between = [t.lower_ for t in between] if between is not None else []
        while words_between and words_between[-1] in ("un", "una", "entre"):
            words_between.pop()  # "de cerca del 60 % a un 12 %", "de 5%-15% a entre 20%-30%"
        ranged = 0 < len(words_between) <= 2 and words_between[-1] in ("to", "a", "al")
        if lang == "en":
            wide = [t.lower_ for t in doc[max(sentence.start, rate.start - 6): rate.start]]
            if "from" in wide and all(w in FROM_FILLERS for w in wide[len(wide) - 1 - wide[::-1].index("from"):]) \
                    and self._changed(rate, wide):
                return "previous"  # "from 25% to 50%", "up from the earlier rate of 7.66%", "from an initially
                #                     proposed 50 percent"; not a range ("rates run from 5% to 50%")
            if "from" in wide and words_between[:2] == ["down", "to"] and self._change_over(rate) and not any(
                    t.pos_ in ("VERB", "AUX") for t in doc[rate.start - wide[::-1].index("from"): rate.start]):
                return "previous"  # "fell from a steep 40% down to (a ceiling of) 12%": a change, not a range
                #                     ("range from 25% down to 5%", "goods from Chile run 25% down to 5%")
            if wide[-2:] in (["rather", "than"], ["instead", "of"]) or wide[-3:-1] in (["rather", "than"],
                                                                                       ["instead", "of"]) or \
                    wide[-4:-2] in (["rather", "than"], ["instead", "of"]):
                return "previous"  # "at 6.1% rather than the current 100%", "instead of the current 20%"
            if before and before[-1] in ("previously", "formerly") or \
                    any(t.lower_ in ("previously", "formerly", "earlier") for t in doc[rate.end: rate.end + 2]):
                return "previous"
        elif (ranged and before and before[-1] in ("del", "de") or self._from_es(rate, ranged)) and (any(
                t.lower_.startswith(CHANGE_ES) and self.same_clause(t, rate)
                for t in doc[max(sentence.start, rate.start - 10): rate.start - 1]) or
                self.spanish_chain(rate).kinds() & {"raise", "lower"}):
            return "previous"  # "elevó del 25 al 50 %", "bajará su arancel a los zapatos chinos de 40 % a 20 %",
            #                     "una rebaja desde el 30 % al 12 %", "bajará sus aranceles al 10 % desde el 25 %"
        elif self._changed_es(rate) or "antes" in before[-3:] and before[-1] in ("de", "del"):
            return "previous"  # "recortar su arancel del 100 %", "el arancel ..., que antes era del 25 %"
        elif before and before[-1] in ("anterior",) or any(t.lower_ in ("anterior", "previo", "anteriormente")
                                                           for t in doc[rate.end: rate.end + 3]):
            return "previous"
        elif self._set_against(rate):
            return "previous"  # "pagarán un 35 %, por encima del 25 % actual", "en lugar del 20 %"
        if self.parsed:
            if following is not None and following.sent == sentence and self._raised_later(rate, anchor, following):
                return "previous"
            if self._changed_en(rate, anchor) or self._stood_until_then(rate, anchor):
                return "previous"
            return self._english_status(rate, anchor)
        if following is not None and following.sent == sentence and self._changed_later_es(rate, following):
            return "previous"
        return self._spanish_status(rate, anchor)

    def _raised_later(self, rate: Span, anchor: Token | None, following: Span) -> bool:
        """ "Trump put 10% tariffs on Chinese imports in February and doubled them to 20% this week", "the 125%
        tariff will drop to 10%": the rate that a verb of change takes to the next rate (a verb joined to the
        rate's own, or the verb the rate's tariff is the subject of) is the replaced one."""
        governor = self.governor(anchor if anchor is not None else rate.root)
        if governor is None or self.doc[following.start - 1].lower_ != "to" or \
                self.doc[rate.start - 1].lower_ in ("to", "from"):
            return False
        verb = governor.verb
        if governor.relation in ("subject", "passive") and verb.lemma_.lower() in CHANGE_VERBS | MOVE_VERBS and \
                following.root.head.head == verb:
            return True  # "the 125% tariff China slapped on American goods will drop to 10%"
        changer = next((t for t in following.root.ancestors if t.pos_ in ("VERB", "AUX")), None)
        return changer is not None and changer != verb and changer.lemma_.lower() in CHANGE_VERBS and \
            changer.dep_ == "conj" and changer.head == verb and \
            not any(c.dep_ in ("nsubj", "nsubjpass") for c in changer.children)

    def _changed_en(self, rate: Span, anchor: Token | None) -> bool:
        """The rate on a tariff noun that a verb of raising or cutting has for object is the rate it leaves
        behind: "agreed to cut its 100% tariff on Chinese EVs", "doubled the 25% duty" (not a level: "raised
        tariffs to 50%", "at 15%"; not an amount: "by 10%")."""
        if self.doc[rate.start - 1].lower_ in ("to", "at", "by", "from"):
            return False
        noun = rate.root.head
        if noun.lower_ == "of" and noun.head.lemma_.lower() in RATE_NOUNS:
            noun = noun.head  # "doubling the recently announced figure of 25 percent"
        elif anchor is None or noun != anchor or rate.end > anchor.i:
            return False
        if noun.dep_ == "pobj" and noun.head.lower_ == "in" and any(c.lower_ == "half" for c in noun.children):
            return noun.head.head.lemma_.lower() in CUTTING_OR_RAISING  # "cut in half the 20% tariff": halved
        if noun is not anchor:
            return noun.dep_ == "dobj" and noun.head.lemma_.lower() in CUTTING_OR_RAISING
        governor = self.governor(anchor)
        return governor is not None and governor.relation == "object" and not governor.path[1:] and \
            governor.verb.lemma_.lower() in CUTTING_OR_RAISING

    def _stood_until_then(self, rate: Span, anchor: Token | None) -> bool:
        """English: a relative clause on the rate's noun tells in the pluperfect that it stood ("double the 12%
        levy that had applied until May", "an old duty rate of 12% that had been in force"): it stood before the
        change the sentence tells, the rate left behind."""
        nouns = [rate.root]  # the clause may hang on the rate itself: "a duty rate of 12% that had been ..."
        noun = rate.root.head
        if noun.lower_ == "of" and noun.head.lemma_.lower() in RATE_NOUNS:
            nouns.append(noun.head)
        elif anchor is not None and noun == anchor:
            nouns.append(noun)
        return any(verb.dep_ == "relcl" and any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children) and
                   (verb.lemma_.lower() in STANDING_VERBS or IN_FORCE.search(
                       " ".join(t.lower_ for t in verb.subtree)))
                   for noun in nouns if not _said_to_last(noun) for verb in noun.children)

    def _spanish_status(self, rate: Span, anchor: Token | None) -> str:
        """The status the Spanish clause states (es_clause.py): what its verbs or nouns do to the tariff
        (suspendió, eliminará, amenazó, "la suspensión de"), then the mood (a conditional, "si": threatened),
        then the tense: "entrará en vigor" announced and "entró en vigor" in effect, "vigente", "ya", verbs that
        keep it on (mantiene, siguen pagando) in effect, a future ("impondrá", "va a aplicar") or a verb of
        announcing announced, a past or a perfect of imposing ("impuso", "han elevado") and the present of
        charging or paying ("cobra", "pagan") in effect; announced otherwise (not yet said to be in force)."""
        chain = self.spanish_chain(rate)
        kinds = chain.kinds()
        lexical = chain.lexical
        governing = self.governing_chain(rate)
        if governing is not chain:
            # A relative clause after the rate tells how it was laid ("del 18 % que aplicaba", "del 25 % que
            # Lima impuso"); the clause the rate stands in says what is done to it now: ended or suspended.
            kinds |= governing.kinds() & {"pause", "remove"}
        if "pause" in kinds:
            return "paused"
        # "dejar de" + infinitive stops what it governs ("dejará de cobrar el 25 %"), and "dejar sin efecto"
        # voids it; "dejar" alone leaves it as it is, as English "leave" does ("deja sin cambios los aranceles").
        verbs = chain.verbs + (governing.verbs if governing is not chain else [])
        leaving = any(form.lemma == "dejar" for _, form in verbs)
        voiding = [token.i for token, form in verbs if form.lemma == "dejar" and self._voids(token.i)]
        if any(self._spares(index, rate) for index in voiding):
            # "dejó sin efecto la exención del arancel": what ends is the sparing, and the tariff applies
            kinds.discard("remove")
            voiding = []
        ending = [token.i for token, form in verbs if form.kind == "remove"] + voiding
        if ending and all(self._negated(index) for index in ending):
            return "in effect"  # "no eliminará el arancel", "no dejará sin efecto", "no cesará de cobrar": kept
        if "remove" in kinds or ending:
            return "removed"
        done = rate_participle(rate)
        if any(form.kind == "avoid" and self._purpose(token.i) for token, form in chain.verbs) and (
                done is not None and done.kind == "announce" or
                self._enters_into_force_later(rate, ("future", "conditional"))):
            # "piden gestiones para evitar un arancel del 12,5 % anunciado en enero", "..., que entraría en vigor en
            # junio": an attempt to escape a tariff laid down to come, which the text announces; with nothing else
            # said of the rate it is a threat, as a tariff escaped is
            return "announced"
        if done is not None and done.kind == "threaten":
            return "threatened"  # "inferior al 40 % amenazado antes"
        if done is not None and done.kind in ("impose", "keep") and not kinds & {"threaten", "avoid"} and \
                not self._enters_into_force_later(rate):
            # "por debajo del 25 % impuesto por Washington": the rate was laid on, whatever else the clause's verb
            # does ("el arancel del 39 % aplicado por X podría reducirse": what may come is the cut), unless that
            # verb threatens the tariff itself ("amenazó con un arancel del 30 % aplicado a ...") or puts its start
            # to come ("el arancel del 25 % impuesto por X entrará en vigor en agosto")
            return "in effect"
        if kinds & {"threaten", "avoid"} or chain.conditional:
            return "threatened"
        if lexical is not None and lexical.kind in ("impose", "receive") and chain.past and \
                self._told_as_earlier(rate, chain) and not self._still_standing(rate):
            return "previous"  # "Lima había impuesto previamente un 12 %": the rate the text has left behind
        finite = chain.finite
        if lexical is not None and lexical.kind == "start":
            return "in effect" if chain.past or finite is not None and finite.tense == "present" else "announced"
        if self._enters_into_force_later(rate):
            return "announced"  # "aranceles del 25 % que entrarán en vigor el 1 de agosto"
        if lexical is None and self._entered_into_force(rate):
            return "in effect"  # "tras la entrada en vigor de los aranceles del 25 %"
        words = self._status_words(rate, anchor)
        # A start "today" says the rate is charged when a verb tells it ("desde hoy cobra", "a partir de hoy tendrán",
        # "aumentan al 15 %"), not over a verb we do not know ("desde hoy negocia") nor over a future that does not
        # lay or pay it ("a partir de hoy estudiará": the study starts, not the charge).
        charging = bool(chain.verbs) and not (chain.future and lexical is not None and
                                              lexical.kind not in ("impose", "receive"))
        if words & ES_IN_EFFECT or self._in_force(rate) or charging and self._starts_now(rate) or \
                self._existing(rate):
            return "in effect"
        if kinds & {"keep", "last"} or leaving:
            return "in effect"  # "mantendrán tasas del 50 %", "seguirán pagando un 25 %", "deja sin cambios"
        if self._level_reached(rate, chain):
            return "in effect"  # "las tarifas alcanzan ya un 60 %", "llegan al 60 %": where they stand
        if chain.future or "announce" in kinds or chain.consented:
            return "announced"
        present = finite is not None and finite.tense == "present"
        if present and lexical is not None and lexical.kind == "impose" and not chain.tariff_subject and \
                self.instrument_subject(chain.verbs[-1][0]) and \
                not self._instrument_in_force(chain.verbs[-1][0]):
            return "announced"  # "el pacto establece un arancel del 20 %": what the text provides
        if lexical is not None and lexical.kind in ("raise", "lower") and self._revised_plan(rate):
            return "announced"  # "la propuesta contemplaba tasas de hasta 50 %, pero se rebajaron a 20 %"
        if lexical is not None and (chain.past or present and lexical.kind in ("impose", "receive")):
            return "in effect"
        if present and lexical is not None and lexical.kind == "raise" and self._pronominal(chain.verbs[0][0]) and \
                not self._starts_ahead(rate):
            return "in effect"  # "los aranceles, que en total se elevan al 31 %": the level they stand at
        return "announced"

    def _told_as_earlier(self, rate: Span, chain: SpanishChain) -> bool:
        """Spanish: an adverb of an earlier time ("previamente", "anteriormente") in the verb group over the rate,
        from the word before its first verb to the rate ("había impuesto previamente un arancel del 12 %"), as
        English reads "previously" among the verb's modifiers. After the rate it is the replaced rate's own word,
        read above ("del 8 % anteriormente")."""
        first = min(token.i for token, _ in chain.verbs)
        return any(t.lower_ in EARLIER_ADVERBS and self.same_clause(t, rate)
                   for t in self.doc[max(rate.sent.start, first - 1): rate.start])

    def _still_standing(self, rate: Span) -> bool:
        """Whether the rest of the rate's sentence says it still stands ("previously imposed a 20% duty, which
        remains in force", "impuso previamente un arancel del 20 %, que sigue vigente"): laid before, not left."""
        text = " ".join(t.lower_ for t in self.doc[rate.end: rate.sent.end])
        return bool(IN_FORCE.search(text) or STILL_STANDING.search(text))

    def _pronominal(self, verb: Token) -> bool:
        """ "se" right before the verb, with no object clitic between: the tariff is the subject that stands at
        a level ("se elevan al 31 %"), not an impersonal passive of imposing."""
        return verb.i > 0 and self.doc[verb.i - 1].lower_ == "se"

    def _instrument_in_force(self, verb: Token) -> bool:
        """Spanish: the text that is the verb's subject is said to be in force before the verb: "en vigor" in its
        apposition ("La medida, en vigor desde marzo, impone"; not "entrará en vigor", "su entrada en vigor"),
        "vigente", "ya", or a year before the article's ("la ley de 2018 impone"): what it provides is charged."""
        doc = self.doc
        words = self.clause_before(verb)
        for token in words:
            if token.lower_ in ES_IN_EFFECT:
                return True
            if token.lower_ == "vigor" and token.i - 2 >= words.start and doc[token.i - 1].lower_ == "en":
                form = self.verb_at(token.i - 2)
                if doc[token.i - 2].lower_ != "entrada" and (form is None or form.tense not in (
                        "future", "subjunctive", "infinitive", "conditional")):
                    return True
        published = as_day(self.doc._.published)
        return published is not None and any(
            len(t.text) == 4 and t.text.isdigit() and 1900 < int(t.text) < published.year for t in words)

    def _starts_ahead(self, rate: Span) -> bool:
        """Spanish: the rate's clause puts its start after the article's day, by a word of the time to come
        ("el próximo lunes", "mañana") or by the date the sentence gives it (effective.py): a present then tells
        a step to come ("se elevan al 31 % el próximo lunes")."""
        if any(t.lower_ in ("próximo", "próxima", "mañana") and self.same_clause(t, rate) for t in rate.sent):
            return True
        published = as_day(self.doc._.published)
        when = EffectiveDates(published, "es").of(rate, "in effect") if published is not None else None
        return when is not None and when > published.isoformat()

    def _voids(self, dejar: int) -> bool:
        """ "dejar de" + infinitive ("dejará de cobrar") and "dejar sin efecto / vigencia / validez" end a tariff."""
        words = [t.lower_ for t in self.doc[dejar + 1: dejar + 3]]
        return words[:1] == ["de"] or words[:1] == ["sin"] and words[1:] in (["efecto"], ["vigencia"], ["validez"])

    def _spares(self, dejar: int, rate: Span) -> bool:
        """Whether what "dejar" voids, before the rate, is a sparing from the tariff ("la exención del arancel")."""
        return any(t.lower_.startswith(_SPARING) for t in self.doc[dejar + 1: rate.start])

    def _purpose(self, verb: int) -> bool:
        """The Spanish infinitive at `verb` says a purpose: "para evitar", "a fin de evitar"."""
        form = self.verb_at(verb)
        before = [t.lower_ for t in self.doc[max(0, verb - 3): verb]]
        return form is not None and form.tense == "infinitive" and (before[-1:] == ["para"] or
                                                                     before == ["a", "fin", "de"])

    def _negated(self, verb: int) -> bool:
        """ "no" or "nunca" before a Spanish verb, over its clitics ("no lo eliminará", "nunca dejó de cobrar"), as
        English `VerbChain._removal` reads "did not lift": the tariff is kept."""
        index = verb - 1
        while index >= 0 and (self.doc[index].lower_ in CLITIC_PRONOUNS or self.doc[index].lower_ == "ya"):
            index -= 1
        return index >= 0 and self.doc[index].lower_ in ("no", "nunca")

    def _starts_now(self, rate: Span) -> bool:
        """Spanish: the rate's clause starts it at the text's present, so it is being charged whatever the tense:
        "a partir de hoy" / "ahora" / "este momento", "desde hoy", or an hour of the day with no date after it
        ("A partir de las 00H01 GMT, los quesos chilenos tendrán un arancel del 20 %")."""
        doc = self.doc
        sentence = rate.sent
        for token in doc[sentence.start: sentence.end - 1]:
            if token.lower_ not in ("a", "desde") or not self.same_clause(token, rate):
                continue
            words = [t.lower_ for t in doc[token.i: min(sentence.end, token.i + 7)]]
            if words[:3] == ["a", "partir", "de"]:
                words = words[3:]
            elif words[:1] == ["desde"]:
                words = words[1:]
            else:
                continue
            if words[:1] in (["hoy"], ["ahora"]) or words[:2] == ["este", "momento"]:
                return True
            if words[:1] == ["las"] and words[1:2] and words[1][:1].isdigit() and \
                    not {"del", "de"} & set(words[2:]):
                return True  # an hour with no day: today's
        return False

    def _from_es(self, rate: Span, ranged: bool) -> bool:
        """Spanish "desde" before a rate set against a new level is English "from": the new level after it ("una
        rebaja desde el 30 % al 12 %") or right before it ("bajará sus aranceles a los quesos al 10 % desde el 25 %")."""
        doc = self.doc
        index = rate.start - 1
        while index > rate.sent.start and doc[index].lower_ in ("el", "un"):
            index -= 1
        if index < rate.sent.start or doc[index].lower_ != "desde":
            return False
        if ranged:
            return True
        end = index - 1 if index > 0 and doc[index - 1].text == "," else index
        level = next((s for s in doc.spans.get("percentages", []) if s.end == end), None)
        if level is None:
            return False
        index = level.start - 1
        while index > level.sent.start and doc[index].lower_ in ("el", "un"):
            index -= 1
        return index >= level.sent.start and doc[index].lower_ in ("a", "al", "hasta")

    def _set_against(self, rate: Span) -> bool:
        """Spanish: a rate set against the one that replaces it, directly or through its tariff noun: "por encima
        del 25 %", "en lugar del 20 %", "frente al 10 %", "por encima del gravamen del 25 %", "un alza respecto al
        arancel del 10 %"."""
        doc = self.doc
        index = rate.start
        while index > rate.sent.start and rate.start - index < 5 and (
                doc[index - 1].lower_ in ("de", "del", "el", "la", "los", "las", "al") or
                is_tariff_noun(doc[index - 1], "es")):
            index -= 1
            words = [t.lower_ for t in doc[max(rate.sent.start, index - 2): index]]
            if words in (["por", "encima"], ["en", "lugar"], ["en", "vez"], ["respecto", "a"]) or \
                    words[-1:] in (["frente"], ["respecto"]):
                return True
        return False

    def _changed_later_es(self, rate: Span, following: Span) -> bool:
        """Spanish, as `_raised_later` in English: the rate of a tariff noun that is the subject of a verb of
        raising or cutting taking it to the next rate is the one replaced ("los aranceles de 60 % que aplica
        Estados Unidos ... se reducirán a 20 %"). No parse here: the verb stands right before the new level and
        agrees in number with the tariff noun, and no clause break comes between."""
        doc = self.doc
        noun = next((t for t in reversed(doc[max(rate.sent.start, rate.start - 3): rate.start - 1])
                     if is_tariff_noun(t, "es")), None)  # "los aranceles (chinos) de 60 %"
        if noun is None or doc[rate.start - 1].lower_ not in ("de", "del"):
            return False
        index = following.start - 1
        while index > rate.end and doc[index].lower_ in ("el", "un"):
            index -= 1  # "hasta el 15 %", "a un 10 %"
        if index - 1 <= rate.end or doc[index].lower_ not in ("a", "al", "hasta"):
            return False
        form = self.verb_at(index - 1)
        return form is not None and form.kind in ("raise", "lower") and form.tense in FINITE and \
            form.plural == noun.lower_.endswith("s") and \
            not any(t.lower_ in CLAUSE_BREAKS or t.text in (";", ":") for t in doc[rate.end: index - 1])

    def _changed_es(self, rate: Span) -> bool:
        """The rate of a tariff that a verb of raising or cutting governs is the one it leaves behind: "aceptó
        recortar su arancel del 100 % a los autos", "subirá el gravamen del 10 %" (the new level comes after
        "a", "al", "hasta": "llevar al 25 % los aranceles")."""
        doc = self.doc
        if rate.start - 2 < rate.sent.start or doc[rate.start - 1].lower_ not in ("de", "del") or \
                not is_tariff_noun(doc[rate.start - 2], "es"):
            return False
        lexical = self.spanish_chain(rate).lexical
        # a participle may be an adjective: "a un precio elevado, el gravamen del 30 %"
        return lexical is not None and lexical.kind in ("raise", "lower") and lexical.tense != "participle"

    def _revised_plan(self, rate: Span) -> bool:
        """Spanish: the sentence first tells the rates as a plan that stood then, a verb of announcing in the
        imperfect ("el proyecto contemplaba tasas de hasta 50 %", "se planteaban"): a level they were raised or
        cut to afterwards is a level of that plan, proposed too, however past the verb of the change."""
        for index in range(rate.sent.start, rate.start):
            form = self.verb_at(index)
            if form is not None and form.kind == "announce" and form.tense == "imperfect":
                return True
        return False

    def _level_reached(self, rate: Span, chain: SpanishChain) -> bool:
        """Spanish: the rate is the object of "alcanzar" or "llegar a" right before it ("alcanzan ya un 60 %",
        "llegan al 60 %", "hasta alcanzar niveles del 60 %"): the level the tariffs stand at, not an agreement
        reached. In force when that verb, or the finite verb over its infinitive ("aumentaron ... hasta alcanzar"),
        is a present or a preterite; an imperfect (a level that stood before: "hasta entonces llegaba al 1 %"), a
        future, a conditional ("habrían alcanzado") or a subjunctive ("evitando que alcanzaran") is left to the
        other rules."""
        doc = self.doc
        index = rate.start - 1
        while index > rate.sent.start and (doc[index].lower_ in _BEFORE_LEVEL or index in self.percent_tokens or
                                           doc[index].lower_ in ("y", "e") and index - 1 in self.percent_tokens):
            index -= 1  # "niveles del 60 % y 45 %": the second rate is reached too
        if index < rate.sent.start:
            return False  # the rate opens its sentence: the word before it is another sentence's
        word = doc[index].lower_
        form = self.verb_at(index)
        if not (form is not None and form.lemma == "alcanzar" or word in _LLEGAR):
            return False
        if word.endswith("r"):
            # the infinitive takes the tense of a finite verb of raising over it ("aumentaron ... hasta alcanzar");
            # under "ir a", a modal or a wish ("van a llegar", "pueden alcanzar", "quieren llegar") it is to come
            finite = chain.finite
            tense = finite.tense if finite is not None and finite.kind == "raise" else None
        else:
            tense = form.tense if form is not None else _LLEGAR[word]
        return tense in ("present", "preterite") and not chain.conditional

    def _existing(self, rate: Span) -> bool:
        """ "un gravamen existente del 6 %", "el arancel previo del 8 %": an adjective of what already stands,
        between the tariff noun and the "del" of its rate, says the rate is laid on (a new one is added to it or
        changes it). Only there: "verá reducidos los aranceles existentes del 30 % al 12 %" says nothing of the
        12 %, and "previo" after the rate is the replaced one ("un 8 % previo" reads so above)."""
        doc = self.doc
        index = rate.start - 1
        if index < rate.sent.start + 2 or doc[index].lower_ not in ("del", "de"):
            return False
        return doc[index - 1].lower_ in EXISTING_ES and is_tariff_noun(doc[index - 2], self.lang)

    def _enters_into_force_later(self, rate: Span, tenses: tuple[str, ...] = ("future", "subjunctive", "infinitive")
                                 ) -> bool:
        doc = self.doc
        for token in doc[rate.end: min(rate.sent.end, rate.end + 14)]:
            if not self.same_clause(token, rate):
                break
            form = self.verb_at(token.i - 2) if token.lower_ == "vigor" and token.i >= 2 else None
            if form is not None and form.kind == "start":
                return form.tense in tenses
        return False

    def _entered_into_force(self, rate: Span) -> bool:
        """The noun of a start has no tense of its own: a preposition of time gives it one. A rate in the "de" of
        "la entrada en vigor" after "tras", "después de" or "desde" has started ("un día después de la entrada
        en vigor de una rebaja al 15 %"); before "antes de" or alone it says nothing of being in force."""
        doc = self.doc
        start = rate.sent.start
        for index in range(rate.start - 1, max(start, rate.start - 16) - 1, -1):
            if not self.same_clause(doc[index], rate):
                return False
            if [t.lower_ for t in doc[index: index + 4]] in (["entrada", "en", "vigor", "de"],
                                                             ["entrada", "en", "vigor", "del"]):
                before = index - 1 if index - 1 >= start and doc[index - 1].lower_ in ("la", "su") else index
                words = [t.lower_ for t in doc[max(start, before - 2): before]]
                return words[-1:] in (["tras"], ["desde"]) or words[-2:] == ["después", "de"]
        return False

    def _changed(self, rate: Span, before: list[str]) -> bool:
        """Whether "from X%" is the rate a change leaves ("raised from 25% to 50%", "up from 25%", "cut from an
        initially proposed 50%"), not the low end of a range ("rates run from 5% to 50%")."""
        if any(w in ("up", "down", "earlier", "previous", "prior", "former", "initially", "initial", "proposed",
                     "current", "existing") for w in before[before.index("from") - 1:] if w):
            return True
        return self._change_over(rate)

    @staticmethod
    def _change_over(rate: Span) -> bool:
        """A verb or noun of change over the rate in the parse ("raised from", "a cut from")."""
        return any(t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in CHANGE_VERBS | MOVE_VERBS or
                   t.pos_ == "NOUN" and t.lemma_.lower() in CHANGE_NOUNS for t in rate.root.ancestors)

    def _in_force(self, rate: Span) -> bool:
        """ "... was in force", "stays in place", "with immediate effect", "began applying", "en vigor"."""
        doc = self.doc
        end = rate.end
        while end < min(rate.sent.end, rate.end + 14) and self.same_clause(doc[end], rate) and \
                not self._another_rate_starts(end):
            end += 1
        text = " ".join(t.lower_ for t in doc[max(rate.sent.start, rate.start - 3): end])
        return bool(IN_FORCE.search(text))

    def _another_rate_starts(self, index: int) -> bool:
        """Whether another rate, not listed beside the one before it, opens at `index`: what follows it tells of
        that rate ("a further 10%, over the 15% levy that came into force", "un 30 % extra, que se añade al 12 %
        en vigor"); a listed one shares the words after it ("duties of 25% and 10% took effect")."""
        return index in self.percent_tokens and index - 1 not in self.percent_tokens and \
            self.doc[index - 1].lower_ not in LISTING_WORDS

    def _in_place(self, rate: Span) -> bool:
        """ "the 10% already in place", "10% duties still in place": the rate's own noun phrase says it stands.
        `_in_force` reads the whole clause, where the phrase may be another rate's ("adding 30% to the 10% already
        in place" says nothing of the 30%), so here nothing but the rate's nouns and adjectives comes before it."""
        doc = self.doc
        for index in range(rate.end, min(rate.sent.end - 2, rate.end + STANDING_PHRASE_REACH)):
            if [t.lower_ for t in doc[index: index + 3]] in (["already", "in", "place"], ["still", "in", "place"]):
                return True
            if index in self.percent_tokens or doc[index].pos_ not in ("NOUN", "PROPN", "ADJ"):
                return False
        return False

    def _status_words(self, rate: Span, anchor: Token | None) -> set[str]:
        """Spanish: the words of the clause around the rate and its tariff noun (no parse to follow)."""
        doc = self.doc
        sentence = rate.sent
        first = min(rate.start, anchor.i if anchor is not None else rate.start)
        start = first
        while start > sentence.start and first - start < 8 and doc[start - 1].text not in (",", ";", ":") and \
                doc[start - 1].lower_ not in CLAUSE_BREAKS | {"que"}:
            start -= 1  # the words of the rate's clause: "ya había adelantado que gravará con un 25 %" says
            #             nothing of the 25 %
        end = rate.end
        while end < sentence.end and end - rate.end < 4 and doc[end].text not in (",", ";", "."):
            end += 1
        # an adjective of what stands right after another rate is that rate's: in "llevará el arancel del 8 % actual
        # a un 22 %" the 8 % is in force, and the 22 % is what is to come
        return {t.lower_ for t in doc[start:end] if not (
            t.lower_ in STANDING_ES and t.i - 1 in self.percent_tokens and not rate.start <= t.i - 1 < rate.end)}

    # -- English: the tense and mood of the verbs above the rate ----------------------------------------------
    def _english_status(self, rate: Span, anchor: Token | None) -> str:
        """The status the English clause states, from the nouns on the way up to the governing verb and the
        verbs controlling it (see `VerbChain`): what is done to the tariff (lifted, paused, threatened), then
        the mood (could, might, if; a bare "would" reads as a future) and tense (will, is set to, planned:
        announced; put, imposed, raised, took effect, pays, stays: in effect, but the day's act of laying a duty,
        told in the simple past by the main verb and not dated before the story, announced)."""
        chain = VerbChain.read(self, rate, anchor)
        if chain.nouns & THREAT_NOUNS:
            return "threatened"
        if chain.removed and not chain.level:
            return "removed"
        if chain.lemmas & PAUSE_VERBS or chain.phrasal & PAUSE_PHRASES or chain.nouns & PAUSE_NOUNS:
            return "paused"
        if chain.lemmas & THREAT_VERBS or chain.modifiers & {"threatened", "threatening"} and not (
                chain.level or chain.lemmas & LAYING_VERBS and not chain.held_back):
            # a threat carried out names the tariff it acts on: "will impose his threatened 30% duty", "cutting a
            # threatened 25% tariff to 15%" tell the laying or the new level, not a threat; one laid only "if talks
            # fail", or that a government "has yet to" lay, is still a threat
            return "threatened"
        # A level a verb of change sets ("raised the current duty to 50%") is new; one the tariff stands "at"
        # ("the present levy, now set at 12%", "duties currently at 30%") is the one in force.
        standing = chain.level and rate.start > 0 and self.doc[rate.start - 1].lower_ == "at"
        if chain.modifiers & EARLIER_ADVERBS and chain.past and not chain.future and (standing or not chain.level) \
                and chain.lemmas & (LAYING_VERBS | PAYING_VERBS) and not self._still_standing(rate):
            # "Formerly, Chilean wine paid a 20% duty": the rate the text has left behind, when the adverb is on a
            # verb of laying or paying (a tariff "previously escaped" is paid now). Not a new level: in
            # "previously imposed a 10% duty and on Monday raised it to 25%" the adverb reaches the 25% only
            # through "it", and dates the first verb alone.
            return "previous"
        if chain.unrealised and not (chain.in_force or chain.removed):
            if chain.start_held:
                return "paused"  # a start told as planned in the past ("was set to take effect") was put off
            return "threatened"  # a plan of the past that did not come ("the 30% levy that was going to hit"):
            #                      GUIDELINES §4 reads an intention that never acted as a threat
        # "now" with a future ("will now charge") says the step comes next, not that it stands; "the current 25%
        # duty will be raised" still names the one in force.
        standing_words = {"existing", "current", "currently", "already", "still"} | (set() if chain.future else {"now"})
        if not chain.level or standing:
            if chain.modifiers & standing_words and not chain.lemmas & ANNOUNCING_VERBS:
                return "in effect"
        if chain.modifiers & {"planned", "proposed", "scheduled", "due"}:
            return "announced"  # a new level of a proposal is proposed too ("proposed rates were lowered to 20%")
        if chain.in_force or self._in_force(rate) or self._in_place(rate):
            return "in effect"
        if chain.conditional:
            return "threatened"
        if chain.lemmas & LASTING_VERBS and not chain.future_start:
            return "in effect"
        if chain.future or chain.lemmas & ANNOUNCING_VERBS or chain.agreed or chain.nouns & DECISION_NOUNS:
            return "announced"
        if chain.laid_as_news:
            return "announced"  # the day's act of laying a duty, not yet said to be collected (GUIDELINES §4)
        if chain.past or chain.present_receiving or standing and chain.present_passive:
            # "the duty on Peruvian grapes is set at 11.25 percent": the level it stands at now
            return "in effect"
        return "announced"


def _said_to_last(noun: Token) -> bool:
    """Whether the noun is the subject of a verb of lasting ("the 25% tariff, which had been in force since May,
    remains in place"): the pluperfect of its relative clause tells how long it has stood, not that it was left
    behind."""
    return noun.dep_ in ("nsubj", "nsubjpass") and noun.head.lemma_.lower() in LASTING_VERBS
