"""English: who acts in a tariff rate's clause, read off the dependency parse (see imposer.py, component.py).

From the tariff noun (or the rate itself when no noun carries it) up to the verb that governs it, noting how it
hangs there: the object ("Canada charges 25% tariffs"), the object of "with" ("Ottawa hit back with a 25% duty",
"answer with matching tariffs"), the subject ("the tariffs took effect") or the passive subject ("tariffs were
imposed by Washington"). The verb's subject is looked for on the verb, then up through the verbs that control it
("Trump is set to impose", "plans to impose", "Canada will start applying"), and resolved to a government:
a country or capital, a leader, a pronoun ("he" the latest leader, "it"/"they" the latest country, "we" in a
quotation the speaker's), a noun of government ("his country", "China's Ministry of Commerce", "Canadian
officials", "the bloc", "the Commission" after "the European Commission").

What the tariff hits: the objects of "on" / "against" / "for" / "from" on the rate, its noun and the verbs above
them; their countries and demonyms are targets, the rest of the noun phrase the goods, without determiners,
relative clauses, dates or amounts ("$155 billion of U.S. imports": "imports"); else the goods that pay or face
the rate, or the goods nouns on the tariff noun ("canola seed duties").
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from extractors.tariffs.targets import TargetRules
from extractors.tariffs.words import (
    ANSWERING, CLAUSE_BREAKS, ORIGIN, PARTNER_NOUNS, RECEIVING_EN, REPORTING, TREATY_NOUNS_EN, is_tariff_noun,
)

# Verbs that pass their subject to the verb they control without being done to it: "Trump is set to impose".
RAISING = frozenset("set expect due poise schedule likely go suppose about plan intend want seek aim try threaten "
                    "vow promise move decide agree prepare continue start begin".split())
# Prepositions that introduce what a tariff hits; "to" only after verbs of applying ("applies 50% to EU steel").
GOODS_PREPS = frozenset({"on", "against", "for", "to"})
APPLYING = frozenset("apply extend expand add limit".split())
# Heads of amounts: the goods are what the amount is of ("$155 billion of U.S. imports", "a range of goods").
AMOUNT_WORDS = frozenset("billion million trillion bn worth range series number list batch round variety host "
                         "basket raft array slew swath swathe".split())
# Nouns after "on" that are not goods: "on the table", "on top", "on hold", "on track", "on average".
NOT_GOODS = frozenset("table top hold track average basis balance paper deal agreement talks time day days week "
                      "weeks month months year years deadline date period midnight morning night monday tuesday "
                      "wednesday thursday friday saturday sunday january february march april may june july "
                      "august september october november december it them this that these those which what "
                      "something everything anything all country countries nation nations partner partners "
                      "economy economies farmers companies firms producers exporters importers workers consumers "
                      "businesses manufacturers makers dozens hundreds thousands contents cent percent point points "
                      "tonnes tons barrels".split())
# Nouns on a tariff noun that name its kind or reason, not goods: "import duties", "fentanyl tariffs".
NOT_GOODS_MODIFIERS = frozenset("import imports export exports customs trade border fentanyl penalty transshipment "
                                "dumping anti anti-dumping antidumping retaliation reciprocity sector baseline "
                                "deposit security emergency tariff tariffs duty duties rate rates "
                                "countervailing".split())
SUBJECT_TO = frozenset("subject liable exposed vulnerable".split())
EXCEPT = frozenset({"except", "excluding", "but", "besides"})
# Words that join the two ends of a range or change inside one pair of brackets: "(30% to 12%)", "(from 30%)".
RANGE_WORDS = frozenset("to from and down up - –".split())
GOVERNMENT_NOUNS = frozenset("country government administration ministry commission bloc nation cabinet "
                             "officials authorities department office executive parliament congress senate "
                             "legislature lawmakers legislators regulator regulators".split())


@dataclass
class Governor:
    """The verb above a tariff noun and how the noun hangs on it."""

    verb: Token
    relation: str  # "object", "with", "prep", "subject", "passive"
    path: list[Token]  # the tokens from the noun up to the verb, the verb left out
    preposition: str = ""  # for "prep": the preposition ("retaliate against", "exempted from")


class ClauseRules(TargetRules):
    """The English clause reading shared by the imposer and target rules."""

    def governor(self, token: Token) -> Governor | None:
        """The verb governing `token` (a tariff noun or rate), through prepositions, conjuncts and appositions;
        a verb in "-ing" with no subject of its own ("answer with matching tariffs") is passed through."""
        relation = None
        preposition = ""
        path: list[Token] = []
        for _ in range(8):
            if token.pos_ in ("VERB", "AUX") and token.dep_ != "amod" and not self._transparent(token):
                return Governor(token, relation or "object", path, preposition)
            dep = token.dep_
            if self._transparent(token):
                relation = "with" if token.head.lower_ == "with" else None
            elif relation is None:
                if dep in ("dobj", "dative", "oprd", "attr", "acomp"):
                    relation = "object"
                elif dep == "nsubj":
                    relation = "subject"
                elif dep == "nsubjpass":
                    relation = "passive"
                elif dep in ("pobj", "pcomp"):
                    relation = "with" if token.head.lower_ == "with" else "prep"
                    preposition = token.head.lower_
            path.append(token)
            if token.head == token:
                return None
            token = token.head
        return None

    @staticmethod
    def _transparent(token: Token) -> bool:
        """ "answer with matching tariffs", "sweeping new tariffs, including a 25% duty": an "-ing" word that
        only describes or lists the tariff."""
        return token.tag_ == "VBG" and (token.dep_ in ("amod", "prep") or token.dep_ == "pcomp" and
                                        token.head.lower_ == "with") and \
            not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)

    def subject(self, verb: Token) -> tuple[Token | None, bool]:
        """The subject of `verb`, or of the verbs controlling it; and whether it is the passive subject of
        `verb` itself ("Canada was hit with tariffs"; not "Trump is set to impose")."""
        current = verb
        for _ in range(5):
            for child in current.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    if child.lower_ in ("who", "which", "that") and current.dep_ == "relcl":
                        return current.head, False
                    return child, child.dep_ == "nsubjpass" and current == verb
            if current.dep_ == "relcl":
                return current.head, False
            if current.pos_ in ("NOUN", "PROPN") and current.dep_ in ("pobj", "dobj"):
                # "voted for a measure raising tariffs": the measure's backers act
                head = current.head.head if current.dep_ == "pobj" else current.head
                if head.pos_ in ("VERB", "AUX") and head != current:
                    current = head
                    continue
                break
            if current.dep_ in ("ccomp", "ROOT") and current == verb:
                found = self._subject_before(current)
                if found is not None:  # a parse that hung the subject elsewhere: the nearest one before
                    return found, False
            if current.dep_ in ("xcomp", "advcl", "conj", "pcomp", "acl") and current.head != current:
                head = current.head
                if head.pos_ == "ADP" and head.head != head:
                    head = head.head
                if current.dep_ == "xcomp" and head.lemma_.lower() not in RAISING and \
                        head.pos_ in ("VERB", "AUX") and any(c.dep_ == "dobj" for c in head.children):
                    return None, False  # "urged Canada to impose": the object, not the subject, acts
                current = head
                continue
            break
        return None, False

    def _subject_before(self, verb: Token) -> Token | None:
        """The nearest government named before a verb without a subject, in its clause, that no preposition
        introduces: "Canada will, effective 12:01 a.m. tomorrow, respond with 25% tariffs"."""
        for token in reversed(self.doc[max(verb.sent.start, verb.i - 12): verb.i]):
            if token.lower_ in CLAUSE_BREAKS or token.text in ('"', "“", "”", ";", ":") or \
                    token.pos_ in ("VERB",) and token.dep_ != "advcl":
                return None
            if (token.i in self.country_at and self.country_at[token.i][1] != "demonym" or
                    token.i in self.leader_at) and token.head.pos_ != "ADP" and token.dep_ in ("nsubj", "compound",
                                                                                               "npadvmod", "ROOT"):
                return token
        return None

    def government(self, token: Token) -> str | None:
        """The government a subject stands for, if any."""
        if token.i in self.country_at:
            return self.country_at[token.i][0]
        if token.i in self.leader_at:
            return self.leader_at[token.i][0]
        lower = token.lower_
        if lower in ("he", "she"):
            return self.leader_country(self.doc[token.i: token.i + 1], exclude=set(), before_only=True)
        if lower in ("we", "i"):
            return self._speaker_government(token)
        if lower in ("it", "they"):
            return self._latest_government(token.i)
        if lower in GOVERNMENT_NOUNS or token.lemma_.lower() in GOVERNMENT_NOUNS:
            for child in token.children:
                if child.dep_ in ("poss", "compound", "amod", "nmod"):
                    if child.i in self.country_at:
                        return self.country_at[child.i][0]
                    if child.i in self.leader_at:
                        return self.leader_at[child.i][0]
                    if child.lower_ in ("his", "her"):
                        return self.leader_country(self.doc[token.i: token.i + 1], exclude=set(), before_only=True)
                    if child.lower_ in ("its", "their"):
                        return self._latest_government(token.i)
            for child in token.children:  # "the government of Mexico"
                if child.dep_ == "prep" and child.lower_ == "of":
                    for sub in child.children:
                        if sub.i in self.country_at:
                            return self.country_at[sub.i][0]
            if lower == "bloc":
                return self._latest_government(token.i, only={"European Union"})
            if not any(c.dep_ in ("poss", "compound", "amod", "prep") for c in token.children):
                named = self._named_by_last_word(token)
                if named:
                    return named  # "the Commission" after "the European Commission"
            if lower in ("country", "nation") and any(c.lower_ == "the" for c in token.children):
                return self._latest_government(token.i)
        return None

    def _speaker_government(self, token: Token) -> str | None:
        """ "we will be introducing a 100% tariff," Trudeau told ...: the government of who says it (the subject
        of the sentence's verb of saying), else of the latest leader named."""
        for verb in token.sent:
            if verb.pos_ == "VERB" and verb.lemma_.lower() in REPORTING:
                for child in verb.children:
                    if child.dep_ == "nsubj" and child.lower_ not in ("we", "i"):
                        who = self.government(child)
                        if who:
                            return who
        return self.leader_country(self.doc[token.i: token.i + 1], exclude=set(), before_only=True)

    def _named_by_last_word(self, token: Token) -> str | None:
        """The latest government named earlier by a name ending in this noun ("European Commission"), or whose
        same noun an earlier mention qualified ("China's Ministry of Commerce" ... "the ministry")."""
        for index in range(token.i - 1, -1, -1):
            found = self.country_at.get(index)
            if found and found[1] != "demonym" and self.doc[index].lower_ == token.lower_ and \
                    (index + 1 >= len(self.doc) or self.country_at.get(index + 1) != found):
                return found[0]
        for index in range(token.i - 1, -1, -1):  # "the ministry" after "China's Ministry of Commerce"
            earlier = self.doc[index]
            if earlier.lower_ == token.lower_ and any(c.dep_ in ("poss", "compound", "amod", "nmod", "prep")
                                                      for c in earlier.children):
                who = self.government(earlier)
                if who:
                    return who
        return None

    def latest_group(self, before: int) -> list[str]:
        """The latest country named before token `before`, with those listed with it: "Mexico and Canada",
        "Mexico, Canada and China"."""
        doc = self.doc
        earlier = sorted(i for i in self.country_at if i < before and self.country_name(i))
        if not earlier:
            return []
        group = [earlier[-1]]
        for i in reversed(earlier[:-1]):
            between = doc[i + 1: group[-1]]
            if len(between) <= 2 and all(t.text == "," or t.lower_ in ("and", "y", "e") or t.i in self.country_at
                                         for t in between):
                group.append(i)
            else:
                break
        return list(dict.fromkeys(self.country_at[i][0] for i in reversed(group)))

    def _latest_government(self, before: int, only: set[str] | None = None) -> str | None:
        """The latest country named (by name or capital) before token `before`, in its sentence or the two
        before it."""
        sentences = 0
        for index in range(before - 1, -1, -1):
            token = self.doc[index]
            if token.is_sent_end and index < before - 1:
                sentences += 1
                if sentences > 2:
                    return None
            found = self.country_at.get(index)
            if found and found[1] != "demonym" and (only is None or found[0] in only):
                return found[0]
            leader = self.leader_at.get(index)
            if leader and leader[0] and only is None:
                return leader[0]
        return None

    def countries_under(self, token: Token) -> list[str]:
        """Countries named inside a noun phrase (names and demonyms; not inside its relative clauses):
        "Mexican imports", "goods from Canada and Mexico", "its products" (the latest country)."""
        found: list[tuple[int, str]] = []
        stack = [token]
        while stack:
            current = stack.pop()
            if current.i in self.country_at:
                found.append((current.i, self.country_at[current.i][0]))
            elif current.lower_ in ("its", "their") and current.dep_ == "poss":
                found.extend((current.i, country) for country in self.latest_group(current.i))
            stack.extend(c for c in current.children if c.dep_ not in ("relcl", "advcl", "ccomp", "appos")
                         and c.lower_ not in EXCEPT and c.lower_ not in ("into", "to") and
                         not (c.dep_ == "acl" and c.lower_ not in ORIGIN) and
                         not (c.lower_ == "with" and current.lemma_.lower() in TREATY_NOUNS_EN) and
                         not (c.dep_ in ("compound", "poss", "amod") and current.lemma_.lower() in PARTNER_NOUNS))
        return list(dict.fromkeys(country for _, country in sorted(found)))

    # -- what the tariff hits -----------------------------------------------------------------------------
    def bracketed_targets(self, rate: Span, imposer: str | None = None) -> list[str]:
        """A rate and a country paired by brackets, as lists of deals write them: the rate in brackets right after
        the country ("Peru (30% to 12%) and Chile (12%)"; "Norway and Iceland (8%)" gives both), or the country
        alone in brackets right after the rate ("duties of 12 percent (Peru) and 8 percent (Norway)"). The
        brackets bind the pair more tightly than the clause does: the verb of such a sentence is the deal or the
        list, not the duty's, so the clause's reading of whom it hits is left aside. A country that lays the rate
        is no target: when it, or the first country of its bracketed list, is the reading's `imposer` ("imposed by
        Peru (25%) and Bolivia (10%) on ..."; not "rates secured by Japan (15%)", which hit Japan). Empty when neither
        stands."""
        doc = self.doc
        sentence = rate.sent
        # The rate inside brackets: back to "(" over the other end of a range only, then a country before it.
        index = rate.start - 1
        while index > sentence.start and (index in self.percent_tokens or doc[index].lower_ in RANGE_WORDS):
            index -= 1
        closing = rate.end
        while closing < sentence.end and (closing in self.percent_tokens or doc[closing].lower_ in RANGE_WORDS):
            closing += 1
        if index > sentence.start and doc[index].text == "(" and closing < sentence.end and \
                doc[closing].text == ")" and self.country_name(index - 1):
            if imposer is not None and imposer in (self.country_at[index - 1][0], self._bracket_list_head(index - 1)):
                return []
            return self.latest_group(index)
        # The country alone in brackets after the rate.
        if closing + 1 < sentence.end and doc[rate.end].text == "(":
            inside = doc[rate.end + 1: sentence.end]
            countries: list[str] = []
            for token in inside:
                if token.text == ")":
                    return countries
                if self.country_name(token.i):
                    if self.country_at[token.i][0] not in countries:
                        countries.append(self.country_at[token.i][0])
                elif token.lower_ not in ("the", "and", ",", "or"):
                    return []
        return []

    def _bracket_list_head(self, index: int) -> str:
        """The country of the first pair of the bracketed list whose country ends at token `index` ("Peru (25%)
        and Bolivia (10%)" gives Peru for both): the pairs of a list are said of the same verb."""
        doc = self.doc
        country = self.country_at[index]
        start = index
        while start > 0 and self.country_at.get(start - 1) == country:
            start -= 1  # the name's first word
        before = start - 1
        while before > 0 and doc[before].lower_ in (",", "and", "or"):
            before -= 1
        if before < start - 1 and doc[before].text == ")":
            opening = before
            while opening > 0 and doc[opening].text != "(" and before - opening < 8:
                opening -= 1
            if doc[opening].text == "(" and self.country_name(opening - 1):
                return self._bracket_list_head(opening - 1)
        return country[0]

    def products_and_targets(self, rate: Span, anchor: Token | None) -> tuple[str | None, list[str]]:
        """English: the targets of the objects of "on ..." (else the token window's), and the goods read off
        the parse only (the window runs into dates and amounts): the objects of "on ...", the subject that pays
        or faces the rate, the nouns on the tariff ("canola seed duties"), the head of the window's phrase."""
        if not self.parsed:
            return super().products_and_targets(rate, anchor)
        words, targets = self.window_products_and_targets(rate, anchor)
        objects = self.goods_objects(rate, anchor)
        if objects:
            targets = []
            for pobj in objects:
                targets.extend(c for c in self.countries_under(pobj) if c not in targets)
                if targets:
                    break
        candidates = [self.goods_text(t) for t in objects] + [self.receiving_goods(rate, anchor),
                                                               self.object_goods(rate, anchor),
                                                               self.noun_goods(anchor)]
        candidates += [self.goods_text(t) for t in self.phrase_heads(words or [])]
        return next(filter(None, candidates), None), targets

    def worldwide(self, rate: Span, anchor: Token | None, goods: list[Token] | None = None) -> bool:
        """As for the token window, with the goods the rate is laid on wherever the parse hangs them ("a 25%
        tariff, before the end of July, on imported steel")."""
        if self.parsed:
            goods = [t for pobj in self.goods_objects(rate, anchor) for t in pobj.subtree]
        return super().worldwide(rate, anchor, goods)

    def goods_objects(self, rate: Span, anchor: Token | None) -> list[Token]:
        """The objects of the prepositions that say what a rate hits, on the rate, its tariff noun and the verbs
        above them: "on Canadian steel", "against $155 billion of American goods", "the tariff he had set for the
        EU", "start applying a 25% tariff ... to some U.S.-made vehicles". A figure is never one ("raised tariffs
        on China to 125%": "to 125%" says the level)."""
        heads = [rate.root]
        if anchor is not None and self.clause_of[anchor.i] == self.clause_of[rate.start]:
            heads.append(anchor)
        governor = self.governor(anchor if anchor is not None else rate.root)
        if governor is not None and (governor.relation == "with" or governor.relation in ("object", "passive") and
                                     governor.verb.lemma_.lower() not in ANSWERING):
            heads.extend(t for t in governor.path if t.pos_ == "VERB")
            heads.append(governor.verb)
        found: list[Token] = []
        for head in heads:
            # "a 200% tariff on wines ... shipped from EU countries": the parse may hang the origin on the tariff
            origins = [p for c in head.children if c.dep_ == "acl" and c.lower_ in ORIGIN for p in c.children
                       if p.dep_ == "prep" and p.lower_ in ("from", "in") and self._named_country(p)]
            for prep in list(head.children) + origins:
                if prep.dep_ != "prep" or prep.lower_ not in GOODS_PREPS and not (
                        (prep.lower_ == "from" or prep.lower_ == "in" and head in (rate.root, anchor)) and
                        self._named_country(prep)):
                    continue  # "a 10% duty on goods from China": "from China" may hang on the duty or the verb
                if prep.lower_ == "to" and not (head.lemma_.lower() in APPLYING or head == rate.root):
                    continue
                for pobj in prep.children:
                    if pobj.dep_ != "pobj" or pobj in found or \
                            any(t.i in self.percent_tokens for t in pobj.subtree):
                        continue
                    if (prep.lower_ in ("for", "to") or pobj.lemma_.lower() in NOT_GOODS) and \
                            not self.countries_under(pobj) and self.goods_text(pobj) is None:
                        continue  # "put on hold", "on track": not what the tariff hits
                    found.append(pobj)
        return found  # the rate's own phrase first, then its noun's, then its verbs

    def receiving_goods(self, rate: Span, anchor: Token | None) -> str | None:
        """The goods that pay or face the rate: "Canadian goods will pay a 25% tariff", "Canola oil, which faces
        a 100% tariff", "Mexican imports will be hit with a 30% tariff"; the subject of a relative clause of
        paying on the tariff ("the duty its products pay")."""
        token = anchor if anchor is not None else rate.root
        for clause in token.children:
            if clause.dep_ == "relcl" and clause.lemma_.lower() in RECEIVING_EN:
                subject = next((c for c in clause.children if c.dep_ == "nsubj"), None)
                goods = self.goods_text(subject) if subject is not None else None
                if goods:
                    return goods
        governor = self.governor(token)
        if governor is None or governor.relation in ("subject", "passive"):
            return None
        subject, passive = self.subject(governor.verb)
        if subject is None or not (governor.verb.lemma_.lower() in RECEIVING_EN or passive or
                                   self.subject_to(governor)):
            return None
        return self.goods_text(subject)

    def object_goods(self, rate: Span, anchor: Token | None) -> str | None:
        """The goods a verb lays the tariff on as its object ("hit Canadian goods with an extra 35% tariff", "a
        25% tariff covering all goods from Mexico and Canada") or that the tariff's relative clause lays it on."""
        token = anchor if anchor is not None else rate.root
        verbs = [c for c in token.children if c.dep_ == "acl" and c.tag_ == "VBG"]
        governor = self.governor(token)
        if governor is not None and governor.relation == "with":
            verbs.append(governor.verb)
        for verb in verbs:
            for child in verb.children:
                if child.dep_ == "dobj" and not any(t.i in self.percent_tokens or is_tariff_noun(t, self.lang)
                                                    for t in child.subtree):
                    goods = self.goods_text(child)
                    if goods:
                        return goods
        # "the 25% tariffs that Canada put earlier this month on $30 billion of U.S. imports"
        for verb in (c for c in token.children if c.dep_ == "relcl" and c.pos_ == "VERB"):
            for prep in verb.children:
                if prep.dep_ == "prep" and prep.lower_ in GOODS_PREPS:
                    goods = next(filter(None, (self.goods_text(p) for p in prep.children if p.dep_ == "pobj")), None)
                    if goods:
                        return goods
        return None

    @staticmethod
    def subject_to(governor: Governor) -> bool:
        """ "Chinese goods will be subject to a 30% levy": the subject receives the tariff."""
        return any(t.pos_ == "ADJ" and t.lower_ in SUBJECT_TO for t in governor.path)

    def noun_goods(self, anchor: Token | None) -> str | None:
        """Goods named on the tariff noun itself: "canola seed duties", "the 25% steel and aluminum tariffs"."""
        if anchor is None:
            return None
        nouns = [c for c in anchor.children if c.dep_ in ("compound", "nmod") and c.pos_ in ("NOUN", "PROPN") and
                 c.i not in self.country_at and c.lower_ not in NOT_GOODS_MODIFIERS | NOT_GOODS and
                 not c.like_num and c.i not in self.percent_tokens]
        if not nouns:
            return None
        first = nouns[0]
        words = sorted((t for t in first.subtree if t.i not in self.country_at and t.dep_ != "det" and
                        t.i not in self.percent_tokens), key=lambda t: t.i)  # "the 25 per cent steel tariffs"
        words += [t for n in nouns[1:] for t in [n] if t not in words]
        if any(w.lower_ in NOT_GOODS_MODIFIERS or w.like_num or w.text in ("%", "-") for w in words):
            return None  # "the most-favoured-nation tariff" names a regime, not goods
        return " ".join(w.text for w in sorted(words, key=lambda t: t.i)) or None

    def phrase_heads(self, words: list[Token]) -> list[Token]:
        """The heads of a run of tokens: the words whose head lies outside it."""
        inside = {t.i for t in words}
        return [t for t in words if t.head.i not in inside and t.pos_ in ("NOUN", "PROPN")]

    def _named_country(self, prep: Token) -> bool:
        """Whether a preposition's object is a country by name or demonym ("from China"; not "from Washington",
        a government)."""
        return any(c.dep_ == "pobj" and any(self.country_name(t.i) for t in c.subtree) for c in prep.children)

    def goods_text(self, token: Token) -> str | None:
        """The goods a noun phrase names, as written, without determiners, countries and demonyms (which are
        targets), relative clauses or dates: "$155 billion of U.S. imports" gives "imports", "goods from Canada
        and Mexico" "goods", "vehicles made in China" itself; None for a country, a pronoun, a date, an amount."""
        while token.like_num or token.tag_ in ("CD", "$") or token.lower_ in AMOUNT_WORDS:
            of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            inner = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if inner is None:
                return None
            token = inner
        if token.pos_ not in ("NOUN", "PROPN") or token.i in self.country_at or token.lower_ in NOT_GOODS or \
                token.lemma_.lower() in NOT_GOODS or token.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT",
                                                                          "PERSON", "GPE", "LOC", "NORP", "ORG") or \
                token.i in self.percent_tokens:
            return None
        kept = sorted(self._goods_tokens(token), key=lambda t: t.i)
        while kept and (kept[-1].is_punct or kept[-1].lower_ in ("and", "or", "from", "of", "in", "such", "as")):
            kept.pop()
        while kept and (kept[0].is_punct or kept[0].lower_ in ("and", "or")):
            kept.pop(0)
        if not kept:
            return None
        text = ""
        for index, word in enumerate(kept):
            text += word.text
            if index + 1 < len(kept):
                gap = self.doc[word.i + 1: kept[index + 1].i]
                text += word.whitespace_ if not len(gap) else ", " if all(t.text == "," for t in gap) else " "
        return text.replace(" ,", ",")

    def _goods_tokens(self, token: Token) -> list[Token]:
        kept = [token]
        for child in token.children:
            dep = child.dep_
            if any(t.i in self.percent_tokens or is_tariff_noun(t, self.lang) for t in child.subtree):
                continue  # "non-compliant vehicles and 25% tariffs on ...": another rate's words
            if child.i in self.country_at or dep in ("det", "poss", "case", "relcl", "appos", "advcl", "nummod",
                                                     "quantmod") or \
                    dep == "acl" and (child.lower_ not in ORIGIN or self._names_country(child)) or \
                    self._only_countries(child):
                continue  # "cars made by China": the country is a target, the goods are "cars"
            if dep == "punct" and not any(c.dep_ == "conj" and c.i > child.i for c in token.children):
                continue  # a comma inside a list of goods stays, one before a clause does not
            if dep == "prep" and (child.lower_ not in ("of", "from", "in", "as") or any(
                    o.ent_type_ in ("DATE", "TIME") or o.lower_ in NOT_GOODS for o in child.subtree)):
                continue
            kept.extend(self._goods_tokens(child))
        return kept

    def _names_country(self, token: Token) -> bool:
        return any(t.i in self.country_at for t in token.subtree)

    def _only_countries(self, token: Token) -> bool:
        """Whether a modifier names nothing but countries: "from Canada and Mexico", "made in China"."""
        words = [t for t in token.subtree if t.pos_ not in ("ADP", "DET", "CCONJ", "PUNCT", "PART")
                 and t.lower_ not in ORIGIN]
        return bool(words) and all(t.i in self.country_at for t in words)
