"""The imposer of a tariff rate, and the countries on its receiving end (see component.py).

In order: a country, capital or leader qualifying the tariff noun ("US tariffs", "Trump's tariffs", "aranceles
estadounidenses"); the subject of a relative clause ("tariffs that Trump ordered"; with a verb of receiving,
"the duty its products pay", a receiver); what follows the rate ("from Washington", "imposed by the EU", "at the
US border", "al entrar a Estados Unidos"); the country that imports the goods ("exports to the United States",
"let into the Canadian market"); in English the government acting on the tariff in its clause (clause.py: the
subject of a verb of imposing, the agent of a passive; the subject of a verb of receiving or answering receives
it), in Spanish the government subject of the verbs over the tariff (es_clause.py: "Canadá informó que
aplicará", "el Ministerio de Comercio chino anunció"; the subject of "enfrenta" receives it); in English, for goods
past a quota, the government that the story names setting the quota; a possessive ("his tariffs": the latest
leader; "its own 84% tariff": the latest country).
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Span, Token

from extractors.tariffs.clause import ClauseRules
from extractors.tariffs.es_clause import ACTING, SpanishClauseRules
from extractors.tariffs.words import (
    ANSWERING, CLAUSE_BREAKS, ES_PREPOSITIONS, EXCESS_EN, IMPORTING, IMPOSING_EN, INTO_WORDS, LACKING_EN,
    LIMIT_NOUNS_EN, PLAN_NOUNS, PRE_TARIFF, QUOTA_NOUNS_EN, RECEIVING_EN, REPORTING, SUBJECT_PRONOUNS,
    TREATY_NOUNS_EN, figure, participle,
)


MARKET_WORDS = frozenset("market markets mercado mercados".split())
# The government bodies that administer duties and publish the rates their government sets (rulings, dumping
# margins, counter-lists); the other nouns of GOVERNMENT_NOUNS ("government", "officials", "administration")
# speak for a government in talks, of both sides' rates.
RATE_BODIES = frozenset("ministry department office commission".split())
# English words of sending goods abroad, by lemma, whose "to" phrase names the buyer, wherever the parse hangs it:
# "aluminium exporters to Canada", "on their shipment to Japan", "parts sold to Peru".
SENDING_EN = frozenset("export exporter ship shipment send sell sale".split())
# Spanish nouns of a reply to another government's tariffs: "en respuesta", "como represalia".
ANSWER_NOUNS_ES = frozenset("respuesta represalia represalias réplica reciprocidad".split())


class ImposerRules(ClauseRules, SpanishClauseRules):
    # -- imposer --------------------------------------------------------------------------------------------
    def _who(self, token: Token) -> str | None:
        if token.i in self.country_at:
            return self.country_at[token.i][0]
        if token.i in self.leader_at:
            return self.leader_at[token.i][0]
        return None

    def _who_at(self, index: int, stop: int) -> str | None:
        """The country or leader at token `index` (after an article), if any."""
        doc = self.doc
        if index < stop and doc[index].lower_ in ("the", "el", "la", "los") and index + 1 < stop:
            index += 1
        return self._who(doc[index]) if index < stop else None

    def imposer(self, rate: Span, anchor: Token | None) -> tuple[str | None, list[str]]:
        """(imposer, countries that the sentence shows on the receiving end, e.g. the subject of "faces")."""
        doc = self.doc
        sentence = rate.sent
        if anchor is not None and not self.same_clause(anchor, rate):
            anchor = None  # "..., while Beijing will lower its own to 10%": the other clause's noun says nothing
        if anchor is not None:
            who = self.qualifier(anchor)
            if who:
                return who, []
        relative: list[str] = []
        for token in ([anchor] if anchor is not None else []) + list(rate):
            who, receiving = self._relative_subject(token)
            if who:
                return who, []
            relative = relative or receiving
        if not self.parsed and anchor is not None and (anchor.i < rate.start or not any(
                t.is_punct for t in self.doc[rate.end: anchor.i])):
            # "los gravámenes que cobrará el gobierno chileno, de hasta 30 %"; a noun after the rate past a comma is
            # another phrase's ("subirá al 40 % los derechos al acero, en línea con los aranceles que aplica Chile")
            who = self.relative_on_noun(anchor)
            if who:
                return who, []
        who = self._after(rate, anchor)
        if who:
            return who, relative
        who = self.importer(rate)
        if who:
            return who, relative
        if self.parsed:
            who, receiving = self._subject_of(anchor or rate.root)
        else:
            who, receiving = self._spanish_subject(rate)
        receiving = relative + [c for c in receiving if c not in relative]
        if who is None:  # "a países sin acuerdo comercial con Colombia", "from nations lacking deals with Peru"
            who = self.treaty_importer(rate) if not self.parsed else self._treaty_importer_en(rate)
        if who is None and self.parsed and self._stating_body(sentence) is None:
            who = self.imports_buyer(rate)
        if who is None and self.parsed and self.beyond_quota(rate):
            who = self._quota_setter(rate)
        if who or receiving:
            return who, receiving
        # "his tariffs", "its own 84% tariff", "sus aranceles": the latest leader (his/her) or country (its/their).
        if anchor is None:
            return None, self._their_goods(rate)
        for token in doc[max(sentence.start, anchor.i - 4): anchor.i]:
            if token.lower_ in SUBJECT_PRONOUNS:
                return self.leader_country(rate, exclude=set(), before_only=True), []
            if token.lower_ in ("its", "their", "su", "sus"):
                return self._latest_country(anchor.i), []
        return self._stating_body(sentence), []

    def _treaty_importer_en(self, rate: Span) -> str | None:
        """English: the country the goods a rate hits have no trade agreement with ("on 900 goods from nations
        lacking trade agreements with Peru", "countries that have no free trade deal with Chile", "without a pact
        with Chile"): the duty is the one that country charges at its border, whatever body lays it down (as
        es_clause.treaty_importer reads the Spanish). Read after the rate, in its clause."""
        doc = self.doc
        for index in range(rate.end, min(rate.sent.end - 2, rate.end + 30)):
            token = doc[index]
            if token.lower_ in CLAUSE_BREAKS:
                return None
            if token.lemma_.lower() not in TREATY_NOUNS_EN or doc[index + 1].lower_ != "with":
                continue
            if not self._lacking(token):
                continue
            nxt = index + 3 if doc[index + 2].lower_ == "the" else index + 2
            found = self.country_at.get(nxt)
            if found is not None and found[1] != "demonym":
                return found[0]
        return None

    def beyond_quota(self, rate: Span) -> bool:
        """English: the rate's clause lays it on goods past a quota (EXCESS_EN, then a noun of LIMIT_NOUNS_EN
        within three words: "shipments above that level will face 40%", "a 15% duty after quotas")."""
        doc = self.doc
        sentence = rate.sent
        for token in sentence:
            if token.lemma_.lower() not in EXCESS_EN and token.lower_ not in EXCESS_EN or \
                    not self.same_clause(token, rate):
                continue
            if any(t.lemma_.lower() in LIMIT_NOUNS_EN for t in doc[token.i + 1: min(sentence.end, token.i + 4)]):
                return True
        return False

    def _quota_setter(self, rate: Span) -> str | None:
        """The government that sets the quota a rate is laid beyond: the nearest noun of a quota system
        (QUOTA_NOUNS_EN) in the rate's sentence, then in the sentences before it (latest first), whose country
        qualifies it ("the bloc's safeguard quotas", "Peruvian quotas") or is the subject of the verbs over it
        ("Lima will halve its tariff rate quotas", "the Commission proposed cutting quotas"). A safeguard story
        names the government once, in its lead, and the rate on the goods past the quota paragraphs later."""
        doc = self.doc
        sentence = rate.sent
        here = sorted(sentence, key=lambda t: abs(t.i - rate.start))
        earlier = reversed(doc[:sentence.start])
        for token in list(here) + list(earlier):
            if token.lemma_.lower() not in QUOTA_NOUNS_EN:
                continue
            who = self._quota_government(token)
            if who:
                return who
        return None

    def _quota_government(self, noun: Token) -> str | None:
        """The country qualifying a quota noun, else the subject of the nearest verb over it that has one (not a
        passive subject: "quotas will be cut" names what is cut), or the agent of a passive ("set by Chile")."""
        for child in noun.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod"):
                who = self.government(child)
                if who:
                    return who
        walk = noun
        for _ in range(8):
            if walk.head == walk:
                return None
            walk = walk.head
            if walk.pos_ not in ("VERB", "AUX"):
                continue
            for child in walk.children:
                if child.dep_ == "nsubj":
                    return self.government(child)
                if child.dep_ == "agent":
                    return next(filter(None, map(self.government, child.children)), None)
        return None

    @staticmethod
    def _lacking(treaty: Token) -> bool:
        """The treaty noun is one a country lacks (LACKING_EN): "no" or "non" before it, the object of "without"
        or "lack", or the object of a negated verb ("that do not have trade agreements with")."""
        if any(t.lower_ in LACKING_EN for t in treaty.lefts):
            return True
        if treaty.dep_ == "dobj" and any(c.dep_ == "neg" for c in treaty.head.children):
            return True
        return treaty.dep_ in ("pobj", "dobj") and treaty.head.lemma_.lower() in LACKING_EN

    def _stating_body(self, sentence: Span) -> str | None:
        """The government body a sentence silent on its imposer reports ("..., according to the ministry",
        "China's Ministry of Commerce said"): a ministry or department gives the rates its government sets; a
        leader, a country, a government or its officials saying so are left to the story (they speak of the
        other side's tariffs too: "the Danish government said the 20% duty on its cheese would stay")."""
        if not self.parsed:
            return None
        for token in sentence:
            body = None
            if token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.head.lower_ == "according":
                body = token
            elif token.dep_ == "nsubj" and token.head.lemma_.lower() in REPORTING:
                body = token
            if body is not None and body.i not in self.country_at and (
                    body.lower_ in RATE_BODIES or body.lemma_.lower() in RATE_BODIES):
                who = self.government(body)
                if who:
                    return who
        return None

    def _their_goods(self, rate: Span) -> list[str]:
        """ "Mexico and Canada were left off, because their goods already pay 25%": the owners are the targets."""
        before = self.doc[max(rate.sent.start, rate.start - 8): rate.start]
        owner = next((t for t in before if t.lower_ in ("their", "its", "sus", "su")), None)
        return self.latest_group(owner.i) if owner is not None else []

    def same_clause(self, token: Token, rate: Span) -> bool:
        """Whether no clause break ("while", "but", "mientras", ";") stands between the token and the rate."""
        return self.clause_of[token.i] == self.clause_of[rate.start]  # a new sentence is a new clause too

    def answers(self, rate: Span) -> bool:
        """Spanish: the rate's clause answers another government's tariffs: a verb of answering over it
        ("respondió con un 15 %") or a noun of reply before it ("En respuesta, China anunció un 15 %", "como
        represalia"). Its government is the other side of the story, not the one laying the rates before it."""
        if "answer" in self.spanish_chain(rate).kinds():
            return True
        return any(t.lower_ in ANSWER_NOUNS_ES and self.same_clause(t, rate)
                   for t in self.doc[rate.sent.start:rate.start])

    def qualifier(self, anchor: Token) -> str | None:
        """A country or leader qualifying the tariff noun: "US tariffs", "Trump's 25% tariffs", "the European
        Union's definitive countervailing duties", "aranceles estadounidenses", "aranceles de EE.UU. a México"."""
        doc = self.doc
        if self.parsed:
            left = [t for t in anchor.subtree if t.i < anchor.i]
            for token in reversed(left):
                who = self._who(token)
                if who and not (token.i > 0 and doc[token.i - 1].lower_ in ("on", "against", "to", "from", "for")):
                    return who
            index = anchor.i - 1  # the parser may hang "Canada's" on "counter" in "counter-tariffs"
            while index >= max(anchor.sent.start, anchor.i - 7):
                token = doc[index]
                who = self._who(token)
                if who:
                    return who if not (index > 0 and doc[index - 1].lower_ in ("on", "against", "to", "from")) \
                        else None
                if not (token.lower_ in PRE_TARIFF or token.like_num or token.pos_ in ("ADJ", "NUM") or
                        token.text in ("%", "-") or token.tag_ == "VBG"):
                    break
                index -= 1
        else:
            index = anchor.i - 1
            while index >= max(anchor.sent.start, anchor.i - 4):
                token = doc[index]
                who = self._who(token)
                if who and not (index > 0 and doc[index - 1].lower_ in ES_PREPOSITIONS):
                    if index not in self.country_at or self.country_at[index][1] != "demonym":
                        return who
                if not (token.lower_ in PRE_TARIFF or figure(token)):
                    break
                index -= 1
            after = anchor.i + 1
            if after < len(doc) and after in self.country_at and self.country_at[after][1] == "demonym":
                return self.country_at[after][0]  # "aranceles estadounidenses"
            if after + 1 < len(doc) and doc[after].lower_ in ("de", "del") and after + 1 in self.country_at:
                if not any(t.lower_ in ("a", "al", "sobre", "contra") for t in doc[max(0, anchor.i - 3): anchor.i]):
                    return self.country_at[after + 1][0]  # "aranceles de Estados Unidos a México"
        return None

    def _relative_subject(self, token: Token) -> tuple[str | None, list[str]]:
        """A relative clause on the tariff noun: its subject imposes ("tariffs that Donald Trump had ordered",
        "the levies Ottawa placed", "the 25% tariffs the United States has imposed") or, with a verb of
        receiving, receives ("the duty its products pay")."""
        if not self.parsed:
            return None, []
        for child in token.children:
            if child.dep_ not in ("relcl", "acl"):
                continue
            receiving = child.lemma_.lower() in RECEIVING_EN
            if child.dep_ == "acl" and not receiving and child.lemma_.lower() in IMPOSING_EN:
                # "the 125% tariff China slapped on American goods": the parse may hang the subject as an
                # apposition of the noun, right before its verb
                subject = next((c for c in token.children if c.dep_ == "appos" and c.i == child.i - 1), None)
                who = self.government(subject) if subject is not None else None
                if who:
                    return who, []
            for sub in child.children:
                if sub.dep_ == "nsubj" and sub.lower_ not in ("which", "that", "who"):
                    if receiving:
                        countries = self.countries_under(sub)
                        if countries:
                            return None, countries
                        continue
                    who = self.government(sub) or next((self._who(c) for c in sub.children
                                                        if c.dep_ in ("compound", "poss") and self._who(c)), None)
                    if who:
                        return who, []
                if sub.dep_ == "agent":
                    who = next((self.government(c) for c in sub.children if self.government(c)), None)
                    if who:
                        return who, []
        return None, []

    def _after(self, rate: Span, anchor: Token | None) -> str | None:
        """What follows the rate or its noun: "a 30% tariff from Washington", "duties imposed by the US",
        "aranceles de 30 % de EE.UU.", "pay 25% at the US border", "took effect in the United States",
        "al entrar a Estados Unidos"."""
        doc = self.doc
        sentence = rate.sent
        for head in ([anchor] if anchor is not None else []) + [rate[-1]]:
            for gap in range(1, 4):
                i = head.i + gap
                if i >= sentence.end:
                    break
                lower = doc[i].lower_
                if self.lang == "es" and gap == 1 and head.i == rate[-1].i and lower in ("de", "del"):
                    who = self._who_at(i + 1, sentence.end)
                    if who and (i + 1 not in self.country_at or self.country_at[i + 1][1] != "demonym"):
                        return who  # "aranceles de 30 % de EE.UU."
                # not the agent of a verb of receiving: "the 12% rates secured by Chile" got them (receivers)
                receiving = self.parsed and doc[i - 1].lemma_.lower() in RECEIVING_EN and participle(doc[i - 1], "en")
                if lower in ("from", "by", "por") and not (lower == "by" and receiving):
                    who = self._who_at(i + 1, sentence.end)
                    if who:
                        return who
                if participle(doc[i], self.lang) and i + 1 < sentence.end and doc[i + 1].lower_ in ("by", "por") \
                        and not (self.parsed and doc[i].lemma_.lower() in RECEIVING_EN):
                    who = self._who_at(i + 2, sentence.end)
                    if who:
                        return who
                if doc[i].is_punct or lower in ("on", "to", "a", "al", "sobre"):
                    break
        window = doc[rate.end: min(sentence.end, rate.end + 8)]
        for token in window:
            lower = token.lower_
            # "at the US border", "in the United States", "al entrar a Estados Unidos", "en la frontera de EE.UU."
            if lower in ("at", "in", "a", "en") and token.i + 1 < sentence.end:
                nxt = token.i + 1
                if doc[nxt].lower_ in ("the", "la", "el"):
                    nxt += 1
                who = self._who_at(nxt, sentence.end)
                border = nxt + 1 < sentence.end and doc[nxt + 1].lower_ in ("border", "borders", "ports")
                entering = token.i > 0 and doc[token.i - 1].lower_ in ("entrar", "ingresar", "effect", "force",
                                                                      "frontera")
                if who and (border or entering):
                    return who
        return None

    def importer(self, rate: Span) -> str | None:
        """The country that buys the goods charges the duty: "cars imported into the US", "exports to the United
        States", "los automóviles que se importan a Estados Unidos", "lo que México importa de Asia"."""
        doc = self.doc
        for token in rate.sent:
            lower = token.lower_
            if not self.same_clause(token, rate):
                continue
            if token.i in self.country_at and self.country_at[token.i][1] != "demonym":
                nxt = token.i + 1
                while nxt < rate.sent.end and self.country_at.get(nxt) == self.country_at[token.i]:
                    nxt += 1
                if nxt < rate.sent.end and doc[nxt].lower_ == "se":
                    nxt += 1
                if nxt < rate.sent.end and doc[nxt].lower_ in IMPORTING and \
                        (not self.parsed or doc[nxt].pos_ == "VERB"):
                    return self.country_at[token.i][0]  # "México importa", not "U.S. imports" (a noun) alone
            # "exports to the United States", "exportaciones de tomate mexicano a Estados Unidos", "let into the
            # Canadian market"
            if lower in ("to", "into", "a", "hacia", "en") and token.i + 1 < rate.sent.end and (lower == "into" or any(
                    t.lower_ in IMPORTING | INTO_WORDS for t in doc[max(rate.sent.start, token.i - 6): token.i]) or
                    lower == "to" and self.parsed and self._sends_goods(token.head, rate)):
                nxt = token.i + 1
                if nxt < rate.sent.end and doc[nxt].lower_ in ("the", "la", "el", "los"):
                    nxt += 1
                if nxt in self.country_at and (self.country_at[nxt][1] != "demonym" or
                                               nxt + 1 < rate.sent.end and doc[nxt + 1].lower_ in MARKET_WORDS):
                    return self.country_at[nxt][0]
        return None

    def imports_buyer(self, rate: Span) -> str | None:
        """English, when the clause names no government: "U.S. imports from Chile", "US imports of copper": the
        country buys the goods the phrase names. Read last, since a government laying the duty ("China imposed a
        tariff on U.S. imports of soybeans") or a ministry stating it is the imposer and the country's imports
        are its goods; "U.S. imports" alone is also said of goods from the US, and "from" a rate or a day starts
        a change or a date ("on Peru imports from 20% to 35%", "Chile imports from 8 May")."""
        doc = self.doc
        for token in rate.sent:
            if token.i not in self.country_at or self.country_at[token.i][1] == "demonym" or \
                    not self.same_clause(token, rate):
                continue
            nxt = token.i + 1
            while nxt < rate.sent.end and self.country_at.get(nxt) == self.country_at[token.i]:
                nxt += 1
            if nxt + 2 < rate.sent.end and doc[nxt].lower_ == "imports" and \
                    doc[nxt + 1].lower_ in ("from", "of") and not self._figure_or_day(doc[nxt + 2]):
                return self.country_at[token.i][0]
        return None

    @staticmethod
    def _figure_or_day(token: Token) -> bool:
        """A number, a sum or a day: what follows "from" in a change of level or a start, not a source of goods."""
        return figure(token) or token.text[:1] in "$€£" or \
            token.ent_type_ in ("DATE", "TIME", "PERCENT", "MONEY")

    @staticmethod
    def _sends_goods(word: Token, rate: Span) -> bool:
        """A word of sending goods abroad (SENDING_EN) whose "to" phrase names the buyer; not a verb under which a
        clause of its own lays the rate: "send letters to Japan setting a 25% tariff" sends the notice of the
        tariff, not the goods it is laid on ("ships copper to Peru at a 20% tariff" still names the buyer)."""
        if word.lemma_.lower() not in SENDING_EN:
            return False
        between = [t for t in rate.root.ancestors if word.is_ancestor(t)]
        return not any(t.pos_ in ("VERB", "AUX") for t in between)

    def _latest_country(self, before: int) -> str | None:
        earlier = [i for i, (c, kind) in self.country_at.items() if i < before and kind in ("name", "metonym")]
        return self.country_at[max(earlier)][0] if earlier else None

    def receivers(self, rate: Span, anchor: Token | None) -> list[str]:
        """Countries the sentence puts on the receiving end: the subject of "faces", "enfrenta"."""
        if self.parsed:
            return self._subject_of(anchor or rate.root)[1] or self._receiving_agent(rate, anchor)
        return self._spanish_subject(rate)[1]

    def _receiving_agent(self, rate: Span, anchor: Token | None) -> list[str]:
        """The agent of a verb of receiving right after the rate or its noun ("the 12% rates secured by Chile and
        Peru", "the duties paid by Bolivia"): the countries that got or pay the rate, not the ones laying it."""
        heads = ([anchor] if anchor is not None else []) + [rate[-1]]
        if rate[-1].dep_ == "compound":
            heads.append(rate[-1].head)  # "15% rates": the noun the rate qualifies
        for head in heads:
            for child in head.children:
                if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in RECEIVING_EN and child.i > head.i:
                    agents = [a for a in child.children if a.dep_ == "agent"]
                    found = [c for a in agents for pobj in a.children for c in self.countries_under(pobj)]
                    if found:
                        return found
        return []

    def _subject_of(self, token: Token) -> tuple[str | None, list[str]]:
        """The government acting on the tariff in its clause (see clause.py): the subject of a verb of imposing
        ("Washington slapped", "Trump is set to impose", "Ottawa hit back with"), the agent of a passive ("imposed
        by the EU"), the possessor of a noun of plan ("Mexico's plan to raise tariffs"); and the countries on the
        receiving end: the subject of a verb of receiving ("Mexican imports will face"), the passive subject
        ("Canada was hit with"), the object of a verb that lays tariffs with "with" ("threatened Mexico with"),
        the subject of a verb of answering ("Canada will answer the 25% U.S. tariffs with ...")."""
        walk = token.head
        for _ in range(6):
            if walk.pos_ in ("NOUN", "PROPN") and walk.lemma_.lower() in PLAN_NOUNS:
                who = next((self._who(c) for c in walk.children if c.dep_ in ("poss", "compound") and self._who(c)),
                           None)
                if who:
                    return who, []
            if walk.head == walk or walk.pos_ in ("VERB", "AUX"):
                break
            walk = walk.head
        governor = self.governor(token)
        if governor is None:
            return None, []
        verb, relation = governor.verb, governor.relation
        lemma = verb.lemma_.lower()
        for child in verb.children:
            if child.dep_ == "agent" and relation == "passive":
                for sub in child.children:
                    who = self.government(sub)
                    if who:
                        return who, []
        receiving = []
        if relation == "with":  # "threatened Mexico with tariffs", "hit Canada with 25% duties"
            receiving = [c for child in verb.children if child.dep_ in ("dobj", "dative")
                         for c in self.countries_under(child)]
        subject, passive = self.subject(verb)
        if subject is None or relation in ("subject", "passive"):
            return None, receiving
        if lemma in RECEIVING_EN or passive or self.subject_to(governor):
            return None, self.countries_under(subject)
        who = self.government(subject)
        if who is None:
            return None, receiving
        if lemma in ANSWERING and (relation == "object" or governor.preposition in ("against", "to")):
            return None, [who]  # the tariffs answered ("retaliate against the 30% tariff") are the other side's
        if lemma in IMPOSING_EN or relation == "with":
            return who, receiving
        return None, receiving

    def _spanish_subject(self, rate: Span) -> tuple[str | None, list[str]]:
        """The government subject of the verbs over the tariff (es_clause.py): it imposes ("Canadá informó que
        aplicará", "el gobierno canadiense anunció aranceles"), unless the verb is one of paying or escaping,
        whose subject's countries are hit ("los productos canadienses siguen pagando 35 %", "México enfrenta")."""
        chain = self.spanish_chain(rate)
        lexical = chain.lexical
        if chain.receivers or lexical is not None and lexical.kind in ("receive", "avoid"):
            return chain.subject, chain.receivers
        if chain.subject is not None and (lexical is not None and lexical.kind in ACTING or
                                          "announce" in chain.nouns or "threaten" in chain.nouns):
            return chain.subject, []
        return None, []

    def leader_country(self, rate: Span, exclude: set[str], before_only: bool = False) -> str | None:
        """The country of the latest leader mentioned before the rate (in its sentence first)."""
        sentence_leaders = [c for i, (c, _) in self.leader_at.items() if rate.sent.start <= i < rate.sent.end
                            and c and c not in exclude]
        if sentence_leaders and not before_only:
            ranked = Counter(sentence_leaders).most_common()
            if len(ranked) == 1:
                return ranked[0][0]
        earlier = sorted((i, c) for i, (c, _) in self.leader_at.items() if i < rate.start and c and c not in exclude)
        return earlier[-1][1] if earlier else None
