"""English: what a rate's clause says happens to the tariff, and when (used by status.py).

`VerbChain` reads, from the dependency parse, the nouns on the way from the rate up to the verb that governs it
("threats of 30% tariffs", "the EU's decision to impose"), the modifiers of the tariff noun ("planned",
"existing"), and the verbs above it up to a verb of saying: their lemmas, particles ("push back"), auxiliaries
(will, could, might, have; a bare "would" is the future of the past), tense, and whether the rate is the level
a verb of change sets ("lifted the tariff from 25% to 35%": 35% is a level, the tariff is not removed).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from extractors.calendar_words import MONTHS
from extractors.tariffs.words import ORIGIN, RELATING, REPORTING, is_tariff_noun

if TYPE_CHECKING:
    from extractors.tariffs.clause import ClauseRules, Governor

REMOVE_VERBS = frozenset("lift remove scrap drop end eliminate withdraw revoke rescind repeal abolish waive "
                         "stop".split())
# Verbs that say the action they govern does not happen: "refused to withdraw its 34% levy".
REFUSING = frozenset("refuse decline reject resist fail".split())
# Words of deciding whose "not to" lays no tariff that was planned: "its decision not to impose", "agreed not to levy".
DECIDING = frozenset("decision decide choose opt agree".split())
EXEMPT_VERBS = frozenset("exempt spare exclude free shield".split())
PAUSE_VERBS = frozenset("pause suspend postpone delay defer freeze halt".split())
PAUSE_PHRASES = frozenset({"push back", "put off", "hold off", "push off"})
PAUSE_NOUNS = frozenset("pause suspension truce reprieve postponement delay freeze".split())
# Verbs that keep something from happening, with "from" and an "-ing" verb: "the truce prevents the duties from
# rising to 45%" holds the rise back, as a pause does.
PREVENTING = frozenset("prevent keep block bar".split())
THREAT_VERBS = frozenset("threaten warn".split())
THREAT_NOUNS = frozenset("threat threats ultimatum warning".split())
ANNOUNCING_VERBS = frozenset("announce unveil propose order sign decide approve plan intend outline declare publish "
                             "vote schedule consider weigh mull determine find assign rule conclude calculate".split())
# Verbs of obtaining a rate in talks: "Chile negotiated a 12% duty", "Norway agreed to a flat 9% tariff", "the
# rate Peru won". A rate a deal gives is agreed, not yet said to be collected (GUIDELINES §4: announced).
AGREEING_VERBS = frozenset("negotiate secure agree clinch win obtain".split())
DECISION_NOUNS = frozenset("plan proposal decision order announcement measure bill law package list".split())
# Verbs that say a tariff goes on: "will continue to pay 25%", "stayed at 15%", "leaving its tax at 25%".
LASTING_VERBS = frozenset("continue remain stay keep leave maintain stand".split())
# Verbs of changing a rate: the rate after "to" is the new level ("raised tariffs on China to 125%").
CHANGE_VERBS = frozenset("raise lift increase double triple hike cut lower reduce bring take push slash boost "
                         "adjust set".split())
# Verbs of a rate moving by itself: "duties would go up from 1% to 30%", "the rate rose to 14.63% from 6.74%".
MOVE_VERBS = frozenset("rise go climb jump fall drop decline fall soar increase decrease grow shrink "
                       "move".split())
# In the present, these say the tariff is being paid: "Canadian energy pays 10%", "Canada charges 25%", "goods
# already levied at 10%". Not "impose": its present tells the act of the day, as a headline does ("the agreement
# imposes a 19 percent tariff").
PAYING_VERBS = frozenset("pay face charge apply carry cover hit affect collect levy".split())
FUTURE_HEADS = frozenset("set due poise expect schedule go plan intend aim track".split())
# Of those, the ones that tell a plan, not a hope: in the past ("was going to slap", "had planned to levy") they tell
# a plan that did not come ("expected to secure", "aimed to" tell what someone hoped for).
PLANNING_HEADS = frozenset("set due poise schedule go plan intend".split())
STARTING = frozenset("start begin take kick come apply".split())
# Verbs whose past is their present: a bare form in a narrative clause is read as past.
SAME_PAST = frozenset("put set cut hit let".split())
ANNOUNCING_PHRASES = frozenset({"set out", "lay out", "put forward"})
MODALS = frozenset({"could", "might", "may", "can"})
# Verbs that lay a tariff. Told in the simple past as the sentence's main act ("Ruritania on Friday put a 20% duty
# on ..."), they report the day's decision, which GUIDELINES §4 reads announced until a text says the duty is
# collected; dated before the story, they tell a duty in force ("Last year Ruritania imposed ...").
LAYING_VERBS = frozenset("impose put slap place levy".split())
# Words that bound a negation in time ("will not impose it until June", "not before August", "not yet"): what
# they deny now comes later.
DELAYING_WORDS = frozenset("until till before yet".split())
# Words that date an act before the story: "last week", "a year ago", "earlier this month", "since March".
EARLIER_WORDS = frozenset("last ago earlier previously since already".split())
# Participles that open a condition, not a clause on the tariff: "the 25% tariffs provided they comply".
CONDITIONS = frozenset("provided providing given granted assuming".split())


@dataclass
class VerbChain:
    lemmas: set[str] = field(default_factory=set)
    phrasal: set[str] = field(default_factory=set)
    nouns: set[str] = field(default_factory=set)
    modifiers: set[str] = field(default_factory=set)
    removed: bool = False
    level: bool = False
    conditional: bool = False
    future: bool = False
    future_start: bool = False
    in_force: bool = False
    past: bool = False
    present_receiving: bool = False
    present_passive: bool = False  # "is set at", "are taxed at": with the rate as its level, where it stands now
    agreed: bool = False  # the tariff is what a verb of obtaining gets ("negotiated a 12% duty", "agreed to 9%")
    laid_as_news: bool = False  # the main verb lays it in the simple past, undated ("on Friday put a 20% duty")
    unrealised: bool = False  # a plan told in the past ("was set to impose", "had planned to"): it did not come
    start_held: bool = False  # that plan was the tariff's start ("was set to take effect"): the start was put off
    held_back: bool = False  # the act hangs on a condition or is left undone ("if talks fail", "has yet to")

    @classmethod
    def read(cls, rules: "ClauseRules", rate: Span, anchor: Token | None) -> "VerbChain":
        chain = cls()
        start = anchor if anchor is not None and rules.clause_of[anchor.i] == rules.clause_of[rate.start] \
            else rate.root
        # the modifiers of the tariff noun's phrase ("Proposed tariff rates were lowered ... to 20%") and of the
        # noun the rate qualifies ("higher than the previously threatened 35-percent rate")
        own_noun = rate.root.head if rate.root.dep_ in ("nummod", "compound", "amod") and \
            rate.root.head.pos_ == "NOUN" else None
        # and of the preposition that sets the rate ("duties currently at 30%")
        preposition = rate.root.head if rate.root.dep_ == "pobj" and rate.root.head.pos_ == "ADP" else None
        for token in [start, rate.root] + ([start.head] if start.dep_ == "compound" else []) + \
                ([own_noun] if own_noun is not None else []) + ([preposition] if preposition is not None else []):
            chain.modifiers.update(c.lower_ for c in token.children if c.dep_ in ("amod", "advmod", "npadvmod"))
        chain.level = _is_level(rate)
        own = next((c for c in start.children if c.pos_ == "VERB" and (c.dep_ == "relcl" or c.dep_ == "acl" and
                                                                        c.tag_ == "VBN" and c.lower_ not in ORIGIN
                                                                        and c.lemma_.lower() not in RELATING)
                    and not any(t.lower_ in CONDITIONS for t in rate.doc[start.i + 1: c.i + 1])), None)
        governor = rules.governor(start)
        if own is not None and not chain.level:  # "the 25% tariffs President Trump recently placed": the
            #   tariff's own clause (not for a new level: "duties imposed on Brazilian coffee would be cut to 10%"),
            #   unless the verb over the tariff removes it or keeps it on: "will lift the 25% duty it imposed" is
            #   removed, "maintain the duties announced in May" in effect
            chain._tense(own)
            chain._verb(own)
            chain.agreed = own.lemma_.lower() in AGREEING_VERBS  # "the rate Peru won"
            if governor is not None:
                chain._removal(governor)
                if governor.relation == "object" and governor.verb.lemma_.lower() in LASTING_VERBS:
                    chain.lemmas.add(governor.verb.lemma_.lower())
            return chain
        if governor is None:
            return chain
        chain.nouns.update(t.lemma_.lower() for t in governor.path if t.pos_ in ("NOUN", "PROPN") and t != start)
        verb = governor.verb
        if any(t.lower_ in ("proposed", "planned") for p in verb.children
               if p.dep_ == "prep" and p.lower_ == "from" for t in p.subtree):
            chain.modifiers.add("proposed")  # a proposal cut or raised is still one: "the tariff rates had been
            #                                  cut from an initially proposed 50 percent to 20 percent"
        chain._removal(governor)
        chain.agreed = _agreed(governor)
        chain.laid_as_news = _laid_as_news(governor)
        if verb.lemma_.lower() == "stop" or any(c.lemma_.lower() == "stop" and c.dep_ in ("aux", "xcomp")
                                                for c in verb.children) or verb.head.lemma_.lower() == "stop":
            chain.removed = True  # "will stop facing the 25% tariffs"
        if verb.lemma_.lower() not in REPORTING:
            chain._tense(verb)  # a verb of saying tells when it was said, not the tariff's tense ("the duties
            #                     range from 12 per cent to 20 per cent," the ministry said)
        current = verb
        for _ in range(6):
            chain._verb(current)
            if current.dep_ == "relcl" and current.head.lemma_.lower() in DECISION_NOUNS and not chain.past:
                chain.nouns.add(current.head.lemma_.lower())  # "signing orders that impose 25% tariffs"
            if current.dep_ in ("relcl",) or current.head == current:
                break
            if current.dep_ in ("conj", "advcl") and any(c.dep_ in ("nsubj", "nsubjpass") for c in current.children):
                break  # "..., but Trump's tariffs remain on track", "since Trump raised ...": a clause of its own
            if current.dep_ == "conj" and current.tag_ in ("VBD", "VBZ") and \
                    not any(c.dep_ in ("aux", "auxpass") for c in current.children):
                break  # "he would pause the tariffs ..., but raised the rate on China": a tense of its own
            head = current.head
            if current.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN"):
                chain.nouns.add(head.lemma_.lower())  # "signed orders imposing tariffs"
                head = head.head if head.dep_ in ("dobj", "pobj", "nsubj") else head
                if head.pos_ == "ADP":
                    head = head.head
            elif current.dep_ not in ("xcomp", "ccomp", "advcl", "conj", "pcomp"):
                break
            if head.pos_ not in ("VERB", "AUX"):
                break
            if head.lemma_.lower() in REPORTING:
                if head.lemma_.lower() in ("announce", "confirm"):
                    chain.lemmas.add(head.lemma_.lower())
                break
            current = head
        return chain

    def _removal(self, governor: Governor) -> None:
        """Whether the verb over the tariff removes it: "scrapped the 10% duty", "the 25% tariff has been removed",
        "coffee was exempted from the 40% tariff"; not when negated or refused ("refused to withdraw its 34% levy",
        "did not lift the tariff": kept). A verb of laying or paying denied for good removes it (`_denied`, not
        `_put_off`): goods that "will no longer face" a tariff, a "decision not to impose" one."""
        verb = governor.verb
        if verb.lemma_.lower() in REMOVE_VERBS and governor.relation in ("object", "passive") or \
                verb.lemma_.lower() in EXEMPT_VERBS and governor.preposition == "from":
            self.removed = True
        if governor.relation == "object" and verb.lemma_.lower() in LAYING_VERBS | PAYING_VERBS and _denied(verb) \
                and not _put_off(verb):
            self.removed = True  # "will no longer face the 25% tariff", "its decision not to impose a 50% tariff"
        elif self.removed and (any(c.dep_ == "neg" for c in verb.children) or
                               verb.head.lemma_.lower() in REFUSING and verb.dep_ == "xcomp"):
            self.removed = False
            self.lemmas.add("keep")

    def _verb(self, verb: Token) -> None:
        lemma = verb.lemma_.lower()
        self.lemmas.add(lemma)
        for child in verb.children:
            lower = child.lower_
            if child.dep_ == "prt":
                self.phrasal.add(f"{lemma} {lower}")
            elif child.dep_ in ("aux", "auxpass"):
                if lower in ("will", "shall", "'ll", "wo"):
                    self.future = True
                elif lower in MODALS:
                    # A condition is a modal or "if": a bare "would" tells the future of the past in news ("under
                    # the proclamation duties would go up from 1% to 30%", "he said the levy would apply"), which
                    # the clause's tense reads like "will".
                    self.conditional = True
                elif lower == "should" and child.i < verb.i and child.i == verb.sent.start:
                    self.conditional = True
            elif child.dep_ == "mark" and lower in ("if", "unless"):
                self.conditional = True
            elif child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless")
                                               for m in child.children):
                self.held_back = True  # "will impose it if talks fail": the condition is a clause of its own
            elif child.dep_ == "xcomp" and child.lemma_.lower() in STARTING and lemma not in LASTING_VERBS:
                self.future = self.future_start = True  # "remain on track to start on Tuesday"
            elif child.dep_ in ("advmod", "npadvmod", "acomp") and not _opens_clause(child):
                self.modifiers.add(lower)
                self.held_back |= lower == "yet"  # "has yet to impose": the act is still to come
            elif child.dep_ == "prep" and lower in ("since",):
                self.in_force = True
            elif child.dep_ == "dobj" and child.lower_ in ("effect", "force") and verb.tag_ == "VBD":
                self.in_force = True
            elif child.dep_ == "prep" and lower in ("into", "in") and any(
                    c.lower_ in ("force", "place", "effect") for c in child.children) and verb.tag_ in ("VBD", "VBN"):
                self.in_force = True  # "came into force", "put in place"
        for other in [verb] + [c for c in verb.children if c.dep_ == "conj"]:
            if other.tag_ in ("VB", "VBP", "VBZ") and _takes_effect(other):
                self.future = self.future_start = True  # "the duties stand at 75.8% and take effect on Thursday"
        if any(f"{lemma} {c.lower_}" in ANNOUNCING_PHRASES for c in verb.children if c.dep_ in ("prt", "advmod")):
            self.lemmas.add("announce")  # "set out a 30% tariff", "put forward the retaliatory duties"
        if lemma in LASTING_VERBS and any(t.lemma_.lower() in STARTING and t.tag_ == "VB" and
                                          t.dep_ in ("acl", "xcomp", "advcl") for t in verb.subtree):
            self.future = self.future_start = True  # "remain on track to start on Tuesday"
        if lemma in FUTURE_HEADS and any(c.dep_ == "xcomp" for c in verb.children):
            self.future = True  # "is set to impose", "plans to", "is due to"
            if lemma in PLANNING_HEADS and any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("was", "were", "had")
                                               for c in verb.children):
                self.unrealised = True  # "the 20% duty Ruritania was set to impose", "had planned to levy"
                self.start_held = any(_starts(c) for c in verb.children if c.dep_ == "xcomp")
        elif verb.lower_ in ("was", "were") and any(
                c.dep_ == "acomp" and c.lower_ == "due" and any(_starts(g) for g in c.children if g.dep_ == "xcomp")
                for c in verb.children):
            self.future = self.unrealised = self.start_held = True  # "the 25% tariffs were due to go into effect"
        if lemma in PAUSE_VERBS or any(f"{lemma} {c.lower_}" in PAUSE_PHRASES for c in verb.children):
            self.lemmas.add("pause")
        if lemma in PREVENTING and any(c.dep_ == "prep" and c.lower_ == "from" and
                                       any(g.dep_ == "pcomp" and g.tag_ == "VBG" for g in c.children)
                                       for c in verb.children) and \
                any(c.dep_ == "dobj" and _names_a_rate(c) for c in verb.children):
            # "prevents Chilean duties on Argentine beef from rising to 45%": what is held back is the tariff; not
            # "the 17% tariff keeps growers from selling", where the tariff does the holding back
            self.lemmas.add("pause")

    def _tense(self, verb: Token) -> None:
        auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
        if verb.lower_ in SAME_PAST and not auxes and verb.tag_ in ("VB", "VBP") and verb.dep_ not in ("xcomp",):
            self.past = True  # "the tariffs that Canada put earlier this month": news narrates in the past
            return
        if verb.tag_ == "VBD" or (verb.tag_ == "VBN" and (auxes & {"have", "has", "had", "was", "were", "been"} or
                                                         verb.dep_ in ("acl", "relcl", "amod"))):
            self.past = not (auxes & {"will", "would", "could", "might", "may", "shall"})
        elif verb.tag_ in ("VBZ", "VBP") or (verb.tag_ == "VBN" and auxes & {"is", "are"}):
            self.present_receiving = verb.lemma_.lower() in PAYING_VERBS
            self.present_passive = verb.tag_ == "VBN"


def _denied(verb: Token) -> bool:
    """ "no longer" on the verb ("will no longer face"), a "will not" ("Quito will not impose a 20% tariff"), or a
    "not to" after a word of deciding ("its decision not to impose"): the tariff was there or planned and goes. A
    "not" with no will or decision removes nothing: goods "that don't face a 25% tariff" are the ones outside it,
    and a government that "did not impose" a duty never laid it."""
    if any(c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children) for c in verb.children):
        return True
    if not any(c.dep_ == "neg" for c in verb.children):
        return False
    return any(c.dep_ == "aux" and c.lower_ in ("will", "wo") for c in verb.children) or \
        verb.dep_ in ("acl", "xcomp") and verb.head.lemma_.lower() in DECIDING


def _put_off(verb: Token) -> bool:
    """ "not ... until June", "not before August", "not ... yet": the negation holds only for a while, the tariff
    comes later (announced), it is not given up."""
    words = [c for c in verb.children if c.dep_ in ("prep", "advmod")] + \
        [m for c in verb.children if c.dep_ == "advcl" for m in c.children if m.dep_ == "mark"]  # "until talks end"
    return any(w.lower_ in DELAYING_WORDS for w in words)


def _opens_clause(adverb: Token) -> bool:
    """ "Now that the truce is over, ...": "now" with "that" is a conjunction giving the reason for the act, not a
    word saying the duty stands now."""
    following = adverb.nbor(1) if adverb.i + 1 < len(adverb.doc) else None
    return adverb.lower_ == "now" and following is not None and following.lower_ == "that" and following.dep_ == "mark"


def _is_level(rate: Span) -> bool:
    """Whether a rate is the level a verb of change sets or keeps: "raised ... to 125%", "lifted the tariff from
    25% to 35%", "stayed at 15%"."""
    doc = rate.doc
    before = doc[rate.start - 1].lower_ if rate.start > rate.sent.start else ""
    if before not in ("to", "at"):
        return False
    verb = next((t for t in rate.root.ancestors if t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        return False
    return before == "at" or verb.lemma_.lower() in CHANGE_VERBS | REMOVE_VERBS


def _names_a_rate(token: Token) -> bool:
    """A tariff noun, a rate noun or a percentage: "the tariffs", "the rate", "the 25%"."""
    return is_tariff_noun(token, "en") or token.lemma_.lower() in ("rate", "level") or \
        token.lower_ in ("%", "percent", "pct") or token.like_num


def _takes_effect(verb: Token) -> bool:
    """ "take effect", "come into force", "kick in", "go into effect"."""
    lemma = verb.lemma_.lower()
    words = {c.lower_ for c in verb.children} | {g.lower_ for c in verb.children if c.dep_ == "prep"
                                                  for g in c.children}
    return (lemma == "take" and "effect" in words) or (lemma in ("come", "go") and words & {"force", "effect"}) or \
        (lemma == "kick" and "in" in words)


def _starts(verb: Token) -> bool:
    """A verb of a tariff's start: "start", "begin", "take effect", "go into effect"."""
    return verb.lemma_.lower() in ("start", "begin") or _takes_effect(verb)


def _laid_as_news(governor: Governor) -> bool:
    """Whether the tariff is the object of a verb of laying in the simple past that is the sentence's main verb,
    with no word dating the act before the story: "Ruritania on Friday put a 20% duty on ..." reports the day's
    decision, not yet said to be collected. Not a relative clause ("the duties Ruritania imposed") or a perfect
    ("has imposed"), which look back at a duty already there, nor "imposed ... in April", "Last year ... imposed"."""
    verb = governor.verb
    if governor.relation != "object" or verb.dep_ != "ROOT" or verb.lemma_.lower() not in LAYING_VERBS:
        return False
    simple_past = verb.tag_ == "VBD" or verb.lower_ in SAME_PAST and verb.tag_ in ("VB", "VBP")
    if not simple_past or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    return not any(_dates_earlier(t) for t in verb.subtree)


def _dates_earlier(token: Token) -> bool:
    """ "last", "ago", "earlier" ... (`EARLIER_WORDS`), or "in" before a month or a year ("in April", "in 2024")."""
    if token.lower_ in EARLIER_WORDS:
        return True
    following = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return token.lower_ == "in" and following is not None and (
        following.lower_ in MONTHS or following.like_num and len(following.text) == 4)


def _agreed(governor: Governor) -> bool:
    """Whether the tariff is what a verb of obtaining gets: its object ("Chile negotiated a 12% duty", "the 9%
    rate was secured"), the rate of "agree to", or the object of a verb that one governs ("agreed to pay a 12%
    duty"); not a tariff the verb's object only meets ("obtained $2 billion from the 25% tariff", "secured
    higher prices despite the 25% tariff")."""
    verb = governor.verb
    if verb.lemma_.lower() == "agree" and governor.relation == "prep" and governor.preposition == "to":
        return True
    if governor.relation == "subject" and any(t.dep_ == "nmod" for t in governor.path[:-1]):
        return verb.lemma_.lower() in AGREEING_VERBS  # "the 15% rates Japan and Korea secured": the parser
        #   makes the rate a modifier of the subject of the relative clause it is the object of
    if governor.relation not in ("object", "passive"):
        return False
    while True:
        if verb.lemma_.lower() in AGREEING_VERBS:
            return True
        if verb.dep_ != "xcomp" or verb.head == verb:
            return False
        verb = verb.head
