"""Spanish: the verbs that govern a tariff rate and who is their subject, read over tokens (no parser).

The clause of a rate runs back from its tariff noun (or the rate) to the start of the sentence, a ";" or ":",
or a clause break ("mientras", "pero"). In it:
- the governing verb is the nearest tariff verb before the noun (es_verbs.py) with the verbs that control it
  ("podría imponer", "va a aplicar", "aceptó recortar", "amenazó con imponer", "seguirán pagando"); when no verb
  stands between the clause (or a "que") and the noun, the noun is the subject and the verb is the one after it
  ("los aranceles de 25 % quedan suspendidos", "el gravamen entrará en vigor");
- a verb right after "que" hangs on the verb before the "que": a verb of saying or of deciding ("informó que
  aplicará", "firmó las órdenes que fijan aranceles"), whose subject acts when the inner verb has none;
- the subject of a verb is the nearest government before it that no preposition introduces: a country or
  capital ("Canadá", "Pekín"), a leader, or a noun of government with a demonym or "de" + country ("el gobierno
  canadiense", "el Ministerio de Comercio de China");
- nouns between the verb and the tariff say what is done to it ("la amenaza de aranceles", "la suspensión de").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span, Token

from extractors.quotes.spanish_verbs import DETERMINERS_ONLY, speech_verb
from extractors.spanish_haber import HABER_PLURAL
from extractors.tariffs.discourse import Reading
from extractors.tariffs.es_verbs import SER, VER, Form, verb_form
from extractors.tariffs.targets import TargetRules
from extractors.tariffs.rates import GOODS
from extractors.tariffs.words import CLAUSE_BREAKS, ES_PREPOSITIONS, is_tariff_noun

# Prepositions that keep a government out of the subject ("productos de China", "a México", "pasan por Panamá";
# the agent of a participle, "impuesto por Washington", is read after the verb); "y" joins subjects.
_PREPOSITIONS = ES_PREPOSITIONS - {"y", "e", "como"} | {"por"}

# Determiners that are never clitic pronouns: a finite verb never follows one ("una rebaja" is a noun).
_DETERMINERS_ONLY = DETERMINERS_ONLY | {"al"}  # the quote reader's, and "al": "al alza" is a noun too
# The clitic pronouns a Spanish verb takes before it: "se le aplicará", "no lo eliminará".
CLITIC_PRONOUNS = frozenset("se le les lo la los las".split())
# Words that stand between a clitic-taking verb and what it governs, or before a verb: "se le aplicará", "no".
_CLITICS = CLITIC_PRONOUNS | frozenset("no ya también solo sólo aún todavía".split())
# Nouns that stand for a government when a demonym or "de" + country names it: "el gobierno canadiense".
GOVERNMENT_NOUNS_ES = frozenset("gobierno gobiernos ministerio ministerios secretaría secretaria comisión ejecutivo "
                                "administración autoridades autoridad cancillería departamento oficina país "
                                "presidente presidenta mandatario mandataria ministro ministra secretario "
                                "canciller representante régimen congreso senado parlamento consejo "
                                "aduanas".split())
# Nouns on the way from the verb to the tariff that say what is done to it.
NOUN_KINDS = {
    "threaten": frozenset("amenaza amenazas advertencia ultimátum".split()),
    "pause": frozenset("suspensión pausa aplazamiento prórroga tregua postergación congelamiento".split()),
    "remove": frozenset("eliminación retiro exención exenciones exclusión levantamiento supresión fin".split()),
    "announce": frozenset("anuncio propuesta plan planes decisión orden órdenes decreto proyecto iniciativa "
                          "intención".split()),
    "raise": frozenset("subida alza aumento aumentos incremento incrementos".split()),
    "lower": frozenset("rebaja rebajas recorte recortes reducción descenso disminución".split()),
}
# Nouns of goods a subject of "pagar" may be besides those of rates.GOODS.
GENERIC_GOODS_ES = frozenset("mercancías mercancias envíos artículos carne carnes granos alimentos".split())
# Nouns of a plan whose "de" + infinitive is the plan's ("la medida del gobierno canadiense de gravar").
PLAN_NOUNS_ES = frozenset("medida medidas plan planes decisión propuesta intención idea proyecto iniciativa "
                          "orden órdenes decreto acuerdo".split())
# Nouns of a text that lays down rules: as the subject of a present verb of imposing it states what is to be
# charged ("el pacto establece un arancel del 20 %", "la proclamación fija"), as "the agreement imposes" does.
INSTRUMENT_NOUNS_ES = PLAN_NOUNS_ES - {"idea", "intención"} | frozenset(
    "proclamación proclamaciones pacto pactos ley leyes tratado resolución reglamento reforma".split())
# Nouns of a deal between governments: a conditional in a relative clause on one says what it provides.
DEAL_NOUNS_ES = frozenset("acuerdo acuerdos pacto pactos trato tratado convenio entendimiento".split())
# Nouns of a trade agreement a country may lack with another ("países sin acuerdo comercial con Colombia").
TREATY_NOUNS_ES = DEAL_NOUNS_ES | frozenset("tratados convenios tlc".split())
# Words that may join the rates of a list ("del 10 % y 15 %", "al 145 % y al 125 %") and the countries of one
# ("el Reino Unido y la Unión Europea").
_RATE_LIST_WORDS = frozenset(", y e el la del al de un una".split())
_COUNTRY_LIST_WORDS = frozenset(", y e el la los las".split())
# Words that open a noun phrase.
_OPENERS = frozenset("el la los las este esta estos estas dicho dicha su sus nuevo nueva".split())
# Stems of verbs of asking, knowing or deciding, whose "si" is "whether" ("pregunta si", "sin saber si").
_WHETHER_STEMS = ("pregunt", "sab", "decid", "dud", "evalu", "evalú", "averigu", "determin", "consult", "analiz",
                  "examin", "estudi", "aclar", "dilucid")
# An infinitive or a gerund, with its clitics: "preguntarse", "saber", "evaluando", "preguntándose".
_NON_FINITE = re.compile(r"(?:[aeií]r|[aá]ndo|i[eé]ndo|y[eé]ndo)(?:se|lo|la|los|las|le|les|nos)?$")
# Classes of verbs whose subject acts on the tariff (a verb of receiving or avoiding has the goods hit).
ACTING = frozenset("impose keep raise lower announce pause remove threaten answer".split())
FINITE = frozenset({"present", "preterite", "imperfect", "future", "conditional", "subjunctive", "past subjunctive"})
PAST = frozenset({"preterite", "imperfect", "past subjunctive"})


@dataclass
class SpanishChain:
    """The verbs over a Spanish tariff rate, nearest first, and what the clause says of it."""

    verbs: list[tuple[Token, Form]] = field(default_factory=list)
    nouns: set[str] = field(default_factory=set)  # the kinds of NOUN_KINDS on the way to the tariff
    subject: str | None = None  # the government that acts (imposes, or collects what is paid)
    reported: bool = False  # the clause hangs on a verb of saying ("informó que ...")
    conditional: bool = False  # "si ...", a conditional tense or "podría"
    reported_future: bool = False  # a conditional under a verb of saying: the future of the past
    tariff_subject: bool = False  # the tariff noun is the subject of the verb after it
    receivers: list[str] = field(default_factory=list)  # the countries whose goods pay or escape it
    goods: list[Token] = field(default_factory=list)  # the goods that pay it, when they are the subject

    @property
    def lexical(self) -> Form | None:
        """The nearest verb that says what happens to the tariff (not "poder", "ir a", "haber")."""
        return next((form for _, form in self.verbs if form.kind not in ("control", "auxiliary")), None)

    @property
    def finite(self) -> Form | None:
        """The nearest finite verb: its tense is the clause's ("va a imponer": present of "ir" + future)."""
        return next((form for _, form in self.verbs if form.tense in FINITE), None)

    def kinds(self) -> set[str]:
        return {form.kind for _, form in self.verbs} | self.nouns

    @property
    def past(self) -> bool:
        """Done: a past tense, a perfect ("han impuesto"), or a participle on the tariff ("llevados al 50 %")."""
        finite = self.finite
        if finite is not None:
            return finite.tense in PAST or finite.kind == "auxiliary" and finite.tense == "present" and \
                any(form.tense == "participle" for _, form in self.verbs)
        return any(form.tense == "participle" for _, form in self.verbs)

    @property
    def future(self) -> bool:
        """To come: a future, "ir a" + infinitive, a present subjunctive ("cuando entre en vigor")."""
        finite = self.finite
        return self.reported_future or finite is not None and (finite.tense in ("future", "subjunctive") or
                                       finite.lemma in ("ir", "prometer", "esperar", "proyectar", "pensar") and
                                       finite.tense in ("present", "imperfect"))

    @property
    def consented(self) -> bool:
        """A change or a tariff agreed to ("aceptó recortar al 6 % su arancel"): "aceptar" over the infinitive
        that lays or changes it is a promise, as "acordar" is; the consent is past, the tariff's level to come.
        Alone, "aceptar" takes the tariff on ("aceptó un gravamen del 9 %": a verb of receiving)."""
        lexical, finite = self.lexical, self.finite
        return lexical is not None and lexical.tense == "infinitive" and \
            lexical.kind in ("impose", "raise", "lower") and finite is not None and finite.lemma == "aceptar"


class SpanishClauseRules(TargetRules):
    """The Spanish clause reading, shared by the imposer and status rules."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._chains: dict[tuple[int, int], SpanishChain] = {}
        self._governing: dict[tuple[int, int], SpanishChain] = {}

    def spanish_chain(self, rate: Span) -> SpanishChain:
        """The chain over a rate (read once per rate: the status, imposer and goods rules all ask for it): a
        relative clause right after the rate ("el 25 % con el que Trump había amenazado", "del 25 % que Estados
        Unidos impone"), else the verbs that govern it (`governing_chain`)."""
        key = (rate.start, rate.end)
        if key not in self._chains:
            self._chains[key] = self._relative_after(rate) or self.governing_chain(rate)
        return self._chains[key]

    def governing_chain(self, rate: Span) -> SpanishChain:
        """The verbs of the clause the rate stands in, read back from it, whatever a relative clause after the
        rate says of it: "eliminó el arancel del 18 % que aplicaba" removes what the relative says was laid."""
        key = (rate.start, rate.end)
        if key not in self._governing:
            self._governing[key] = self._read_back(rate)
        return self._governing[key]

    def _read_back(self, rate: Span) -> SpanishChain:
        doc = self.doc
        sentence = rate.sent
        chain = SpanishChain()
        # Back from the rate: nouns, then the verbs that govern it, up to the first finite one.
        index = rate.start - 1
        lexical_found = False
        boundary = sentence.start
        while index >= sentence.start:
            token = doc[index]
            lower = token.lower_
            if token.text == ":" and self._lists_rates_of(index, rate):
                index -= 1
                continue  # "Lima aprobó una ley que eleva los aranceles: 12 % a ...": the noun's clause governs
            if lower in CLAUSE_BREAKS or token.text in (";", ":") or lower == "que":
                boundary = index + 1
                break
            if lower == "si" and index + 1 < len(doc) and not doc[index + 1].is_punct:
                chain.conditional = True
            if not chain.verbs:
                chain.nouns.update(kind for kind, nouns in NOUN_KINDS.items() if lower in nouns)
            form = self.verb_at(index)
            if form is None and not chain.verbs and speech_verb(doc, index) is not None:
                chain.reported = True
                boundary = index + 1
                break
            if form is not None:
                chain.verbs.append((token, form))
                lexical = form.kind not in ("control", "auxiliary")
                if lexical and form.tense == "infinitive" and self._noun_clause(index, chain):
                    return chain  # "la amenaza de gravar", "la intención de Bruselas de imponer"
                if form.tense in FINITE and (lexical or lexical_found):
                    # "podría imponer", "han impuesto", "va a aplicar"; a "que" right before it opens the clause
                    before = index - 1
                    while before >= sentence.start and doc[before].lower_ in _CLITICS:
                        before -= 1
                    if before >= sentence.start and doc[before].lower_ == "que":
                        boundary = before + 1
                    break
                lexical_found = lexical_found or lexical
            index -= 1
        # A verb after "que" hangs on what comes before: "firmó las órdenes que fijan aranceles" announces.
        if boundary > sentence.start and doc[boundary - 1].lower_ == "que":
            before = doc[max(sentence.start, boundary - 5): boundary - 1]
            if any(t.lower_ in NOUN_KINDS["announce"] for t in before) or any(
                    (form := self.verb_at(t.i)) is not None and form.kind == "announce" for t in before):
                chain.nouns.add("announce")
        # The tariff is the subject: its verb comes after it ("los aranceles ... quedan suspendidos").
        if not any(form.tense in FINITE for _, form in chain.verbs):
            after = self._verb_after(rate)
            if after is not None:
                chain.verbs.insert(0, after)
                chain.tariff_subject = True
        if chain.verbs and self._after_condition(chain.verbs[-1][0].i, sentence.start):
            chain.conditional = True
        self._mood(chain, sentence.start)
        if not chain.verbs or chain.tariff_subject:
            return chain
        nearest, top = chain.verbs[0][0], chain.verbs[-1][0]
        lexical = chain.lexical
        if lexical is not None and lexical.kind in ("receive", "avoid"):
            # The subject is hit ("México enfrenta aranceles"); "pagar ... a Estados Unidos" names who collects.
            who = self._spanish_government_before(top.i, boundary)
            chain.goods = self._subject_goods(top.i, boundary)
            # else the countries of the goods that pay it ("las importaciones chinas pagarán un 10 %")
            chain.receivers = [who] if who else list(dict.fromkeys(self.country_at[t.i][0] for t in chain.goods
                                                                   if t.i in self.country_at))
            chain.subject = self._collector(nearest, rate)
            return chain
        if lexical is not None and lexical.kind in ("last", "keep"):
            # "el acero y el cobre mantendrán tasas del 50 %" (a government subject names no goods)
            chain.goods = self._subject_goods(top.i, boundary)
        # The subject: a government between the verbs ("Canadá aceptó recortar"), else before the top one, else
        # that of the verb the clause's "que" hangs on ("Canadá informó que aplicará").
        chain.subject = self._spanish_government_before(nearest.i, top.i + 1) if nearest != top else None
        # "se aplicará un arancel": a passive with "se" has no subject to take from the verb of saying
        passive = top.i > 0 and doc[top.i - 1].lower_ == "se" or \
            top.i > 1 and doc[top.i - 2].lower_ == "se" and doc[top.i - 1].lower_ in ("le", "les")
        chain.subject = chain.subject or self._spanish_government_before(top.i, boundary, outer=not passive)
        return chain

    def _lists_rates_of(self, colon: int, rate: Span) -> bool:
        """A colon that opens the list of a tariff noun's rates: the rate comes right after it (past a determiner)
        and a tariff noun ends the clause before it ("Lima mantendrá sus gravámenes de hoy: un 12 % a ...").
        The rates are that noun's, and the verbs before the colon are theirs."""
        doc = self.doc
        if any(t.lower_ not in _DETERMINERS_ONLY for t in doc[colon + 1: rate.start]):
            return False
        return any(is_tariff_noun(t, "es") for t in doc[max(rate.sent.start, colon - 3): colon])

    def _mood(self, chain: SpanishChain, sentence_start: int) -> None:
        """A conditional tense is a threat, except where it is the future of the past: under a verb of saying ("dijo
        que sus exportaciones pagarían un arancel del 15 %", "aplicaría el arancel desde el lunes, añadió") and in
        a relative clause on a deal, which says what the deal provides ("acordaron un pacto que
        reduciría los aranceles al 15 %"); "podría" and "si" stay conditions."""
        conditional = [form for _, form in chain.verbs if form.tense == "conditional"]
        if not conditional:
            return
        modal = any(form.lemma == "poder" for form in conditional)
        top = chain.verbs[-1][0].i
        verb = self.doc[top: top + 1]
        reported = chain.reported or any(speech_verb(self.doc, i) is not None and self.same_clause(self.doc[i], verb)
                                         for i in range(sentence_start, top)
                                         ) or self._attributed_after(top) or self._deal_relative(top, sentence_start)
        if modal or chain.conditional or not reported:
            chain.conditional = True
        else:
            chain.reported_future = True

    def _deal_relative(self, verb: int, sentence_start: int) -> bool:
        """The verb stands in a relative clause on a noun of a deal ("un pacto que reduciría", "un acuerdo por el
        cual ... , mientras Washington reduciría"): back from the verb, past the clauses the relative joins, the
        first "que" or "cual" has such a noun for antecedent (past a preposition and an article). A comma followed
        by a new subject closes the relative before the verb: "sin el acuerdo que negocian, Lima impondría" is
        the main clause's (a threat)."""
        doc = self.doc
        for index in range(verb - 1, sentence_start, -1):
            if doc[index].text in (";", ":"):
                return False
            if doc[index].text == "," and self._subject_after(index + 1, verb):
                return False
            if doc[index].lower_ in ("que", "cual", "cuales"):
                back = index - 1
                while back > sentence_start and (doc[back].lower_ in ("el", "la", "los", "las", "lo") or
                                                 doc[back].lower_ in _PREPOSITIONS):
                    back -= 1
                return doc[back].lower_ in DEAL_NOUNS_ES or \
                    back > sentence_start and doc[back - 1].lower_ in DEAL_NOUNS_ES  # "un acuerdo comercial por el"
        return False

    def _subject_after(self, index: int, verb: int) -> bool:
        """A government or a capitalised name at token `index` (past its articles), before `verb`: a new subject."""
        while index < verb and self.doc[index].lower_ in ("el", "la", "los", "las"):
            index += 1
        return index < verb and (self.spanish_government(index) is not None or self.doc[index].text[:1].isupper())

    def _after_condition(self, verb: int, sentence_start: int) -> bool:
        """The verb's clause is what a condition before it leads to: "si Pekín no cede, Washington impondrá un
        25 %", "advirtió que, si no hay acuerdo, aplicaría un 30 %" (a threat, whatever the tense); the "si" comes
        back from the verb past a comma, with no clause break between ("si bien", "although", is no condition)."""
        doc = self.doc
        comma = False
        for index in range(verb - 1, sentence_start - 1, -1):
            token = doc[index]
            if token.lower_ in CLAUSE_BREAKS or token.text in (";", ":"):
                return False
            comma = comma or token.text == ","
            if token.lower_ == "si" and comma and index + 1 < verb and doc[index + 1].lower_ != "bien" and \
                    not doc[index + 1].is_punct and not self._whether(index, sentence_start):
                return True
        return False

    def instrument_subject(self, verb: Token) -> bool:
        """The clause of `verb` opens with a text that lays down rules as its subject ("La proclamación firmada
        por X establece", "El pacto fija"): its verb states what the text provides, not what is being charged.
        The clause runs back from the verb to the sentence start, ";", ":" or a clause break; a verb right after
        "que" has the relative's antecedent for subject ("reemplazaría el mecanismo que impone")."""
        doc = self.doc
        before = verb.i - 1
        while before > verb.sent.start and doc[before].lower_ in _CLITICS:
            before -= 1
        if before >= verb.sent.start and doc[before].lower_ == "que":
            return False
        subject = self.clause_before(verb)
        words = [t.lower_ for t in subject if not t.is_space]
        while words and words[0] in _OPENERS:
            words.pop(0)
        return len(words) < len(subject) and bool(words) and words[0] in INSTRUMENT_NOUNS_ES

    def clause_before(self, verb: Token) -> Span:
        """The words of the verb's clause before it: back to the sentence start, ";", ":" or a clause break."""
        doc = self.doc
        start = verb.i
        while start > verb.sent.start and doc[start - 1].lower_ not in CLAUSE_BREAKS and \
                doc[start - 1].text not in (";", ":"):
            start -= 1
        return doc[start: verb.i]

    def _whether(self, si: int, sentence_start: int) -> bool:
        """A "si" that means "whether": its clause, back to a comma, "que" or the sentence start, holds a verb of
        asking, knowing or deciding ("se pregunta si", "decidirá si") or opens with an infinitive or a gerund
        ("Tras preguntarse durante meses si habría un acuerdo, ..."); a condition's "si" opens its own clause."""
        doc = self.doc
        for index in range(si - 1, sentence_start - 1, -1):
            lower = doc[index].lower_
            if lower == "que" or lower in CLAUSE_BREAKS or doc[index].text in (",", ";", ":"):
                return False
            if lower.startswith(_WHETHER_STEMS) or len(lower) > 4 and _NON_FINITE.search(lower):
                return True
        return False

    def _attributed_after(self, verb: int) -> bool:
        """The attribution may close the sentence instead of opening it: after a comma, a verb of saying (", agregó",
        ", dijo el ministro") or "según" and one (", según declaró") makes what comes before it the speaker's words
        ("Pekín aplicaría el arancel desde el lunes, añadió": the future of the past, as after "dijo que")."""
        doc = self.doc
        for index in range(verb + 1, doc[verb].sent.end - 1):
            if doc[index].text != ",":
                continue
            after = index + 2 if doc[index + 1].lower_ == "según" else index + 1
            if after < doc[verb].sent.end and speech_verb(doc, after) is not None:
                return True
        return False

    def _noun_clause(self, infinitive: int, chain: SpanishChain) -> bool:
        """An infinitive after a noun and "de" ("la amenaza de gravar", "la medida del gobierno canadiense de
        gravar", "la intención de Bruselas de imponer"), or after a noun of plan and "para" ("el plan de Lima para
        gravar"), is the noun's: the noun says what it is (a threat, a
        plan), its "de" + government who acts. Fills `chain` and says whether it was one."""
        doc = self.doc
        if infinitive < 2 or doc[infinitive - 1].lower_ not in ("de", "del", "para") or \
                self.verb_at(infinitive - 2) is not None or doc[infinitive - 2].is_punct:
            return False
        window = doc[max(doc[infinitive].sent.start, infinitive - 8): infinitive - 1]
        if doc[infinitive - 1].lower_ == "para" and not any(
                t.lower_ in PLAN_NOUNS_ES for t in doc[max(window.start, infinitive - 5): infinitive - 1]):
            return False  # "para" + infinitive is a plan's only right after it ("el plan de Lima para gravar")
        kinds = {kind for t in window for kind, nouns in NOUN_KINDS.items() if t.lower_ in nouns}
        if not kinds and not any(t.lower_ in PLAN_NOUNS_ES for t in window):
            return False
        chain.nouns |= kinds or {"announce"}
        for token in reversed(window):
            who = self.spanish_government(token.i) or (
                token.i in self.country_at and self.country_at[token.i][1] != "demonym" and
                doc[token.i - 1].lower_ in ("de", "del") and self.country_at[token.i][0])
            if who:
                chain.subject = who
                break
        return True

    def _relative_after(self, rate: Span) -> SpanishChain | None:
        """A relative clause right after the rate names what is done to it: "el 25 % con el que Trump había
        amenazado", "del 25 % que Estados Unidos impone a las compras de acero", "el 10 % que se aplicó"."""
        doc = self.doc
        index = rate.end
        if index < rate.sent.end and doc[index].text == ",":
            index += 1
        words = [t.lower_ for t in doc[index: index + 3]]
        if words[:1] == ["que"]:
            index += 1
        elif words[:1] == ["con"] and words[1:2] in (["el"], ["la"], ["los"], ["las"]) and words[2:3] == ["que"]:
            index += 3
        else:
            return None
        for token in doc[index: min(rate.sent.end, index + 8)]:
            if token.is_punct or token.lower_ in CLAUSE_BREAKS or token.lower_ == "que":
                return None
            form = self.verb_at(token.i)
            if form is None or form.tense not in FINITE | {"participle"} or form.kind == "auxiliary":
                continue  # "había amenazado": the participle is the verb
            chain = SpanishChain()
            chain.verbs.append((token, form))
            auxiliary = self.verb_at(token.i - 1) if token.i > index else None
            if auxiliary is not None and auxiliary.kind == "auxiliary":
                chain.verbs.append((doc[token.i - 1], auxiliary))
            if form.kind == "control" or form.tense == "participle" and (auxiliary is None or
                                                                         auxiliary.kind != "auxiliary"):
                return None
            chain.subject = self._spanish_government_before(token.i, index) or (
                self._inverted_subject(token.i, rate.sent.end) if form.kind in ACTING else None)
            after = token.i + 1  # "del 25 % que Estados Unidos impone a las compras de acero"
            if after < rate.sent.end and doc[after].lower_ in ("a", "al", "sobre") and form.kind in ACTING:
                chain.goods = self._phrase_after(after + 1)
            if form.kind in ("receive", "avoid"):
                chain.receivers, chain.subject = ([chain.subject] if chain.subject else []), None
            self._mood(chain, index)
            return chain
        return None

    def relative_on_noun(self, noun: Token) -> str | None:
        """The government a relative clause on the tariff noun makes lay it, before its verb or after it as Spanish
        relatives often put it ("los aranceles que Ottawa impuso", "los gravámenes que aplicará el gobierno
        chileno a ..."); only a verb whose subject acts on the tariff (not "los aranceles que pagan ...")."""
        doc = self.doc
        end = noun.sent.end
        que = noun.i + 1
        if que < end and doc[que].lower_ not in ("que", ",") and not doc[que].is_punct and \
                self.verb_at(que) is None and doc[que].lower_ not in _PREPOSITIONS:
            que += 1  # an adjective on the noun: "los aranceles recíprocos que ..."
        if que >= end or doc[que].lower_ != "que":
            return None
        for index in range(que + 1, min(end, que + 6)):
            form = self.verb_at(index)
            if form is None:
                if doc[index].is_punct or doc[index].lower_ == "que":
                    return None
                continue
            if form.tense not in FINITE | {"participle"} or form.kind not in ACTING | {"auxiliary"}:
                return None
            if form.kind == "auxiliary":
                continue  # "que había impuesto"
            return self._spanish_government_before(index, que + 1) or self._inverted_subject(index, end)
        return None

    def _inverted_subject(self, verb: int, end: int) -> str | None:
        """The government right after its verb, before any preposition or other verb ("que cobra Ecuador",
        "que impondrá el gobierno chileno a ...")."""
        doc = self.doc
        for index in range(verb + 1, min(end, verb + 5)):
            who = self.spanish_government(index)
            if who is not None:
                return who
            if doc[index].is_punct or doc[index].lower_ in _PREPOSITIONS or self.verb_at(index) is not None:
                return None
        return None

    def treaty_importer(self, rate: Span) -> str | None:
        """The country the goods a rate hits have no trade agreement with: "a los textiles de países sin acuerdo
        comercial con Colombia", "a naciones que no tienen un tratado con Colombia", "a países con los que Colombia
        no tiene tratados". A duty laid on the goods of those who lack a deal with a country is the tariff that
        country charges at its border (a deal lowers the partners' duties; the others pay its own), whatever text
        or body lays it down ("el nuevo reglamento impone", "la reforma fija"). Read after the rate, in its
        sentence."""
        doc = self.doc
        end = rate.sent.end
        for index in range(rate.end, min(end, rate.end + 30)):
            if doc[index].lower_ not in TREATY_NOUNS_ES:
                continue
            before = [t.lower_ for t in doc[max(rate.end, index - 3): index]]
            if "sin" not in before and "no" not in before:
                continue
            # "sin acuerdo comercial con Colombia", "que no tienen un tratado con Colombia"
            for after in range(index + 1, min(end - 1, index + 5)):
                if doc[after].lower_ == "con":
                    nxt = after + 2 if doc[after + 1].lower_ in ("el", "la", "los") else after + 1
                    found = self.country_at.get(nxt)
                    if found is not None and found[1] != "demonym":
                        return found[0]
                    break
                if doc[after].is_punct:
                    break
            # "con los que Colombia no tiene tratados": the subject between the relative and its negation
            no = next((i for i in range(index - 1, max(rate.end, index - 4) - 1, -1) if doc[i].lower_ == "no"), None)
            if no is not None and no - 1 >= 0 and no - 1 in self.country_at:
                first = no - 1
                while first - 1 in self.country_at and self.country_at[first - 1] == self.country_at[no - 1]:
                    first -= 1
                if first - 1 >= 0 and doc[first - 1].lower_ in ("el", "la"):
                    first -= 1
                if first - 2 >= 0 and doc[first - 1].lower_ in ("que", "cuales") and \
                        doc[first - 2].lower_ in ("los", "las") and self.country_at[no - 1][1] != "demonym":
                    return self.country_at[no - 1][0]
        return None

    def respective(self, readings: list[Reading]) -> None:
        """ "Estados Unidos y China subieron sus aranceles al 145 % y al 125 %, respectivamente", "el Reino Unido y
        la UE negociaron tasas del 10 % y 15 % respectivamente": a list of rates closed by "respectivamente" pairs
        in order with the list of as many countries before it in its clause. The countries lay the rates when the
        clause's verb acts on them and they are its subject ("subieron": each its own, and "mutuamente" says on the
        other ones), else the rates hit them ("negociaron", "Lima impuso aranceles a Quito y Caracas del 12 % y
        8 %"). Sets the readings' imposers or targets in place."""
        doc = self.doc
        for token in doc:
            if token.lower_ != "respectivamente":
                continue
            rates = [r for r in readings if r.value is not None and r.span.sent == token.sent and
                     r.span.end <= token.i]
            listed: list[Reading] = []
            for reading in reversed(rates):  # the list of rates ending right before "respectivamente"
                end = listed[-1].span.start if listed else token.i
                if any(t.lower_ not in _RATE_LIST_WORDS for t in doc[reading.span.end: end]):
                    break
                listed.append(reading)
            listed.reverse()
            if len(listed) < 2:
                continue
            countries, first = self._country_list(listed[0].span)
            if len(countries) != len(listed):
                continue
            chain = self.spanish_chain(listed[0].span)
            acting = chain.lexical is not None and chain.lexical.kind in ACTING and self._subject_list(first, chain)
            mutual = any(t.lower_ in ("mutuamente", "recíprocamente") for t in token.sent)
            for reading, country in zip(listed, countries):
                if acting:
                    reading.imposer = country
                    others = [c for c in countries if c != country] if mutual else reading.targets
                    reading.targets = [c for c in others if c != country]
                else:
                    reading.targets = [country]
                reading.stated = list(reading.targets)

    def _subject_list(self, first: int, chain: SpanishChain) -> bool:
        """Whether the country list starting at token `first` is the subject of the chain's finite verb: it stands
        before the verb, and no "a", "contra" or "para" (past its articles) makes it the verb's object."""
        verb = next((token.i for token, form in chain.verbs if form.tense in FINITE), None)
        if verb is not None and first > verb:
            return False
        before = first - 1
        while before >= 0 and self.doc[before].lower_ in _COUNTRY_LIST_WORDS - {",", "y", "e"}:
            before -= 1
        return before < 0 or self.doc[before].lower_ not in ("a", "contra", "para")

    def _country_list(self, rate: Span) -> tuple[list[str], int]:
        """The countries of the last list that names them before the rate in its clause, in order ("Estados Unidos
        y China", "el Reino Unido y la Unión Europea"), and the index of the list's first name: names joined by
        "y", "e" or commas and articles, back to a clause break (not `same_clause`, whose "y" before a new subject
        opens a clause: here it joins the list)."""
        doc = self.doc
        found: list[str] = []
        last = rate.start
        index = rate.start - 1
        while index >= rate.sent.start and doc[index].lower_ not in CLAUSE_BREAKS and \
                doc[index].text not in (";", ":"):
            hit = self.country_at.get(index)
            if hit is not None and hit[1] != "demonym":
                if found and found[0] == hit[0]:
                    index -= 1
                    continue  # the other words of the same name
                if found and any(t.lower_ not in _COUNTRY_LIST_WORDS and t.i not in self.country_at
                                 for t in doc[index + 1: last]):
                    break  # a name outside the list
                found.insert(0, hit[0])
                last = index
                while last - 1 >= 0 and self.country_at.get(last - 1) == hit:
                    last -= 1
            index -= 1
        return found, last

    def paying_goods(self, rate: Span) -> str | None:
        """The goods the clause names outside the rate's own phrases: the subject of a verb of paying or lasting
        ("la carne de cerdo ... pagarán un gravamen del 25 %", "el petróleo y el gas, que tendrán ..."), or what
        the rate's relative clause lays it on ("del 25 % que Estados Unidos impone a las compras de acero")."""
        goods = [t for t in self.spanish_chain(rate).goods if t.i not in self.country_at]
        return self._strip(goods) if goods else None

    def _subject_goods(self, verb: int, boundary: int) -> list[Token]:
        """The goods a verb of paying has for subject: the words from the clause's start (after an opening
        "Según Trump," or "Desde enero,") to the verb, when they name goods ("la carne de cerdo y los productos
        pesqueros pagarán", "las mercancías mexicanas seguirán pagando")."""
        doc = self.doc
        start = verb
        while start > boundary and not (doc[start - 1].lower_ in CLAUSE_BREAKS | {"que"} or
                                        doc[start - 1].text in (";", ":")):
            start -= 1
        words = [t for t in doc[start:verb] if not t.is_space]
        while words and words[-1].lower_ in _CLITICS | {"seguirán", "siguen", "sigue", "seguirá"}:
            words.pop()
        comma = next((i for i, t in enumerate(words) if t.text == ","), None)
        if comma is not None and words[0].lower_ in _PREPOSITIONS | {"según", "tras", "durante", "hasta"}:
            words = words[comma + 1:]
        if not words or len(words) > 12 or any(t.text in (",", ";", ":") and not self._list_comma(t) for t in words):
            return []
        if any(t.lower_ in GOODS or t.lower_ in GENERIC_GOODS_ES for t in words):
            return words
        return self._antecedent_goods(start - 1) if start > boundary else []

    def _antecedent_goods(self, que: int) -> list[Token]:
        """The goods a relative "que" stands for when it is the subject of paying: "salvo el petróleo y el
        gas, que tendrán un gravamen del 10 %", "los productos que lleguen de Japón pagarán"."""
        doc = self.doc
        if doc[que].lower_ != "que":
            return []
        end = que - 1 if que > 0 and doc[que - 1].text == "," else que
        start = end
        while start > doc[que].sent.start and (doc[start - 1].lower_ in ("y", "e", "el", "la", "los", "las") or
                                               doc[start - 1].is_alpha and doc[start - 1].is_lower and
                                               verb_form(doc[start - 1].lower_) is None and
                                               doc[start - 1].lower_ not in _PREPOSITIONS | {"salvo", "excepto",
                                                                                             "incluso", "que"}):
            start -= 1
        words = list(doc[start:end])
        return words if any(t.lower_ in GOODS or t.lower_ in GENERIC_GOODS_ES for t in words) else []

    def _list_comma(self, comma: Token) -> bool:
        """A comma inside a list of goods ("el acero, el aluminio y el cobre")."""
        return self._list_continues(comma.i, comma.sent.end)

    def lays(self, mention: Span, imposer: str | None) -> bool:
        """A tariff named without a rate that `imposer` lays or raises as the subject of the clause's verb
        ("Perú subirá sus aranceles a ...", "Lima elevará sus aranceles"), not under a condition."""
        chain = self.spanish_chain(mention)
        lexical = chain.lexical
        return imposer is not None and chain.subject == imposer and not chain.conditional and \
            lexical is not None and lexical.kind in ("impose", "raise")

    def collector(self, rate: Span) -> str | None:
        """The country paid the duty over the rate ("Japón pagará aranceles a Estados Unidos"), if any."""
        chain = self.spanish_chain(rate)
        lexical = chain.lexical
        return chain.subject if lexical is not None and lexical.kind in ("receive", "avoid") else None

    def _collector(self, verb: Token, rate: Span) -> str | None:
        """ "Japón pagará aranceles recíprocos a Estados Unidos": the country paid collects the duty."""
        doc = self.doc
        for token in doc[verb.i + 1: min(rate.sent.end, rate.end + 4)]:
            if token.lower_ in ("a", "al") and token.i + 1 < len(doc):
                nxt = token.i + 1
                if doc[nxt].lower_ in ("la", "el", "los"):
                    nxt += 1
                found = self.country_at.get(nxt)
                if found is not None and found[1] != "demonym":
                    return found[0]
            if token.is_punct:
                break
        return None

    def verb_at(self, index: int) -> Form | None:
        """The tariff verb at token `index` ("han impuesto": a participle after "haber" is a verb; after "ser" it
        is a passive in the tense of "ser": "serán gravados" is a future, "fue impuesto" a preterite)."""
        doc = self.doc
        before = index - 1
        while before >= 0 and doc[before].lower_ in _CLITICS:
            before -= 1
        after_haber = before >= 0 and doc[before].lower_ in HABER_PLURAL
        ser = SER.get(doc[before].lower_) or VER.get(doc[before].lower_) if before >= 0 else None
        following = doc[index + 1].lower_ if index + 1 < len(doc) else None
        ver = VER.get(doc[index].lower_)
        if ver is not None:
            # "verán una rebaja al 15 %": the noun of change after it, past a determiner, is what happens
            after = index + 1
            while after < doc[index].sent.end and doc[after].lower_ in _OPENERS | {"un", "una", "unos", "unas"}:
                after += 1
            kind = next((kind for kind, nouns in NOUN_KINDS.items() if after < len(doc) and
                         doc[after].lower_ in nouns and kind in ("raise", "lower", "remove", "pause")), None)
            return Form("ver", kind, *ver) if kind is not None and after > index + 1 else None
        form = verb_form(doc[index].lower_, after_haber or ser is not None, following)
        if form is not None and form.tense in FINITE and index > 0 and doc[index - 1].lower_ in _DETERMINERS_ONLY:
            return None  # a noun of that form after its determiner: "una rebaja", "el cobre" (copper)
        if form is not None and ser is not None and form.tense == "participle":
            return Form(form.lemma, form.kind, *ser)
        return form

    def _verb_after(self, rate: Span) -> tuple[Token, Form] | None:
        """The first verb after the rate in its clause, a few words on ("del 10 % serán suspendidos"). A participle
        there qualifies the tariff noun; past its phrase, a finite verb of the same number is the noun's own verb
        ("aranceles del 40 % anunciados por el gobierno, entraron en vigor": the tariff took effect), and a rate joined
        to this one ("del 40 % a los quesos y del 15 % a los vinos ...") shares the verb after it."""
        doc = self.doc
        joined = {s.start: s.end for s in doc.spans.get("percentages", []) if s.start >= rate.end}
        end = min(rate.sent.end, rate.end + 8)
        qualifier: tuple[Token, Form] | None = None  # a participle on the tariff noun
        index = rate.end
        while index < end:
            token = doc[index]
            if token.lower_ in CLAUSE_BREAKS or token.text in (";", ":", "(") or token.lower_ == "que":
                return qualifier
            if index in joined and index - 2 >= rate.end and doc[index - 1].lower_ in ("de", "del") and \
                    doc[index - 2].lower_ in ("y", "e"):
                end = min(rate.sent.end, joined[index] + 8)  # "del 40 % a ... y del 15 % a ..."
            form = self.verb_at(index)
            index += 1
            if form is None or form.tense not in FINITE | {"participle"}:
                continue
            if qualifier is not None:
                if form.tense in FINITE and form.plural == qualifier[1].plural:
                    return token, form
                continue
            if form.kind == "last" and token.i + 1 < rate.sent.end:
                inner = self.verb_at(token.i + 1)
                if inner is not None and inner.tense in ("participle", "gerund"):
                    return doc[token.i + 1], Form(inner.lemma, inner.kind, form.tense, form.plural)
            if form.tense != "participle":
                return token, form
            qualifier = token, form
            end = min(rate.sent.end, index + 10)  # the participle's phrase: its agent, an apposition
        return qualifier

    def _spanish_government_before(self, verb: int, boundary: int, outer: bool = False) -> str | None:
        """The subject of the verb at `verb`: the nearest government before it, after `boundary`, that no
        preposition introduces ("Canadá, a su vez, subió"; not "productos de China"); with `outer`, past a "que"
        the subject of the verb the "que" hangs on."""
        doc = self.doc
        index = verb - 1
        while index >= boundary:
            token = doc[index]
            if token.lower_ == "que":
                return self._outer_subject(index + 1) if outer else None
            if token.i != verb and self._finite_verb(index):
                return None
            who = self.spanish_government(index)
            if who is not None:
                return who
            index -= 1
        return self._outer_subject(boundary) if outer else None

    def _finite_verb(self, index: int) -> bool:
        form = self.verb_at(index)
        return form is not None and form.tense in FINITE and form.kind not in ("auxiliary",)

    def _outer_subject(self, boundary: int) -> str | None:
        """The subject of the verb before the "que" that opens the clause ("Canadá informó que aplicará ...",
        "Trump firmó las órdenes que fijan aranceles"): the nearest verb back to a clause break, past the noun
        the "que" may hang on ("El gobierno canadiense presentó ayer ante el Parlamento un nuevo paquete de medidas
        que contempla aranceles")."""
        doc = self.doc
        index = boundary - 1
        sentence_start = doc[boundary].sent.start if boundary < len(doc) else 0
        if index < sentence_start or doc[index].lower_ != "que":
            return None
        for verb in range(index - 1, sentence_start - 1, -1):
            if doc[verb].lower_ in CLAUSE_BREAKS or doc[verb].text in (";", ":"):
                return None
            if self.verb_at(verb) is not None or speech_verb(doc, verb) is not None:
                return self._spanish_government_before(verb, sentence_start)
        return None

    def spanish_government(self, index: int) -> str | None:
        """The government named at token `index` as a subject: a country or capital, a leader, or a noun of
        government qualified by a demonym or "de" + country; None when a preposition introduces it."""
        doc = self.doc
        found = self.country_at.get(index)
        leader = self.leader_at.get(index)
        if found is None and leader is None:
            return None
        first = index
        while first - 1 >= 0 and (self.country_at.get(first - 1) == found if found else
                                  self.leader_at.get(first - 1) == leader):
            first -= 1
        joiners = ("y", "e", "o")  # then commas: "a México, Canadá y China", not "A diferencia de Brasil, México"
        while first > 1 and doc[first - 1].lower_ in joiners and (
                self.country_at.get(first - 2) is not None or self.leader_at.get(first - 2) is not None):
            joiners = ("y", "e", "o", ",")
            first -= 2  # "a México y Canadá": the first of the list says how the list stands
            while first - 1 >= 0 and (self.country_at.get(first - 1) is not None and
                                      self.country_at.get(first - 1) == self.country_at.get(first) or
                                      self.leader_at.get(first - 1) is not None and
                                      self.leader_at.get(first - 1) == self.leader_at.get(first)):
                first -= 1
        before = first - 1
        if before > 0 and doc[before].lower_ in ("el", "la", "los", "las") and doc[before - 1].lower_ in _PREPOSITIONS:
            before -= 1  # "quesos procedentes de la Unión Europea": the preposition stands before the article
        previous = doc[before].lower_ if before >= 0 else ""
        governed = any(t.lower_ in GOVERNMENT_NOUNS_ES for t in doc[max(0, first - 4): first])
        if leader is not None:
            return leader[0] if previous not in _PREPOSITIONS or governed else None
        country, kind = found
        if kind == "demonym":
            return country if governed and previous not in _PREPOSITIONS else None
        if previous in _PREPOSITIONS:
            return country if previous in ("de", "del") and governed else None
        return country
