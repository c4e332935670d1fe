"""Who speaks, read off the parse: the token naming the speaker of a cue (a mixin of `speakers.SpeakerFinder`).

`speaker_token(cue)` finds it: the noun phrase right after a cue that follows a quotation ("“…,” asked the
boy", "“…” added Gowdy", whatever the parser made of it); the subject of the verb (climbing from "saying", "and
said", "who said"; the person nearest among two subjects); the agent of a passive; the object of "according
to"; a name right beside the cue when the parse has no subject. Turning that token into a name is
`SpeakerFinder.resolve`'s job. The mixin reads `self.doc`, `self.region_of`, `self.outside` and
`self._line_between` of the finder.
"""

from __future__ import annotations

from spacy.tokens import Token

from extractors.quotes.lexicon import DOCUMENT_NOUNS, INSTITUTION_NOUNS, MEDIA_NOUNS, SPEECH_VERBS


def words_of(token: Token) -> Token | None:
    """Whose words "In her words, …", "In Carney's words", "in the words of X" attributes, as "according to"
    does: the owner; None when the token is no such phrase."""
    doc = token.doc
    if token.lower_ != "words" or token.i == 0 or token.head.lower_ != "in" or \
            not any(doc[k].lower_ == "in" for k in range(max(0, token.i - 4), token.i)):
        return None
    for child in token.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [g for g in child.children if g.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


# Closing quotation marks a post-quotation attribution follows.
_CLOSING_MARKS = frozenset('”"’\'»')


def _phrase_before(token: Token) -> int:
    """Start of the noun phrase right before `token` (determiners, possessives, adjectives, nouns and "of"),
    or token.i when no noun stands right before it."""
    doc = token.doc
    if token.i == 0 or doc[token.i - 1].pos_ not in ("NOUN", "PROPN"):
        return token.i
    k = token.i - 1
    while k > 0 and (doc[k - 1].pos_ in ("NOUN", "PROPN", "ADJ", "DET", "NUM") or doc[k - 1].lower_ in (
            "of", "'s", "’s")) and "\n" not in doc[k - 1].whitespace_:
        k -= 1
    return k


def mistagged_cue(token: Token) -> bool:
    """A verb of saying in the third person that the tagger took for a plural noun ending the phrase of its
    subject ("“…,” the charter states.", "The board's memo claims that …"): a lower-case plural noun whose
    lemma is a verb of saying, right after a noun, and set where only a verb fits -- after a quotation's
    closing mark with a comma at it or a determiner or possessive opening the phrase, before a full stop, a
    comma or a preposition; or before "that" or a colon. Plural nouns elsewhere ("the member states or", "key
    demands, were", "the “unfair” trade claims on") are nouns."""
    doc = token.doc
    if token.tag_ != "NNS" or not token.is_lower or token.lemma_.lower() not in SPEECH_VERBS:
        return False
    start = _phrase_before(token)
    if start == token.i:
        return False
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if after is not None and (after.lower_ == "that" or after.text == ":"):
        return True
    k = start - 1
    comma = k >= 0 and doc[k].text == ","
    if comma:
        k -= 1
    if k < 0 or doc[k].text not in _CLOSING_MARKS:
        return False
    # a comma at the mark ("“…,” the charter states") or a determiner or possessive opening the phrase ("“…”
    # the charter states"): else the quotation qualifies the noun ("the “unfair” trade claims on Monday")
    opened = doc[start].tag_ in ("DT", "PRP$") or any(t.tag_ == "POS" for t in doc[start: token.i])
    return (comma or k > 0 and doc[k - 1].text == "," or opened) and (
        after is None or after.text in (".", ",") or after.pos_ == "ADP")


def mistagged_subject(cue: Token) -> Token | None:
    """The head of the subject phrase before a mistagged cue: the noun right before it ("the fact sheet",
    "Lee's memo", "President Lee"); None when an "of" phrase stands in the subject ("the head of the board
    claims"): the parser made the cue the object of "of", so the words around it are no phrase to resolve."""
    doc = cue.doc
    if any(doc[k].lower_ == "of" for k in range(_phrase_before(cue), cue.i)):
        return None
    return doc[cue.i - 1]


class SpeakerTokens:
    def speaker_token(self, cue: Token) -> Token | None:
        """The token naming who speaks for a cue: the subject of the verb (climbing from "saying", "and
        said", "who said"), the agent of a passive, the object of "according to", or a name right beside
        the cue when the parse found no subject."""
        doc = self.doc
        if cue.lower_ == "according":
            to = doc[cue.i + 1]
            for child in list(to.children) + list(cue.children):
                if child.dep_ == "pobj" and self.outside(child):
                    return child
            return doc[cue.i + 2] if cue.i + 2 < len(doc) and self.outside(doc[cue.i + 2]) else None
        if cue.lower_ == "words":
            owner = words_of(cue)
            return owner if owner is not None and self.outside(owner) else None
        if mistagged_cue(cue):
            subject = mistagged_subject(cue)
            return subject if subject is not None and self.outside(subject) else None
        inverted = self._inverted_subject(cue)
        if inverted is not None:
            return inverted
        verb = cue
        for step in range(4):
            # a verb reached by climbing whose clause is itself reported ("told X that Romney “had …,” adding")
            # is not the speaker's: keep climbing
            # (a clause the parser hung on the quotation's own verb is no report: "X was unhappy with the ruling,
            # telling reporters, “…”")
            reported = step > 0 and (verb.dep_ == "ccomp" and self.outside(verb.head) or not self.outside(verb))
            agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            if agents and self.outside(agents[0]) and step == 0:
                return agents[0]
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and self.outside(c)
                        and (c.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "X") or c.pos_ == "ADJ" and
                             any(g.dep_ == "det" for g in c.children)) and not self._line_between(c, cue)]
            if step > 0 and not reported:
                # a sentence someone is said to say with a parenthetical cue ("The bloc, she stressed, had no
                # option, adding: “…”"): the cue climbed from goes on in that speaker's words
                for aside in verb.children:
                    if aside.dep_ == "parataxis" and aside.lemma_.lower() in SPEECH_VERBS and self.outside(aside):
                        inner = [c for c in aside.children if c.dep_ == "nsubj" and self.outside(c)]
                        if inner:
                            return inner[0]
            if subjects and not reported:
                # two subjects in a garbled parse ("in Berea, OH …, Gov. John Kasich said"): the person nearest
                return min(subjects, key=lambda c: (c.ent_type_ != "PERSON", abs(c.i - verb.i)))
            if not subjects and step == 0:
                # the parser made the quotation's words the subject and the speaker their appositive
                # ("“Great farmer,” Trump, the president, said")
                for inner in verb.children:
                    if inner.dep_ == "nsubj" and not self.outside(inner):
                        names = [c for c in inner.children if c.dep_ == "appos" and self.outside(c)
                                 and c.ent_type_ == "PERSON" and c.i < verb.i]
                        if names:
                            return names[0]
                hung = self._hung_on_quotation(cue)
                if hung is not None:
                    return hung
            if not subjects and step == 0 and verb.pos_ == "VERB":
                # a name the parser hung on the verb as a compound ("“…,” Kowal laughed"): the subject
                names = [c for c in verb.lefts if c.dep_ == "compound" and self.outside(c)
                         and (c.ent_type_ == "PERSON" or c.pos_ == "PROPN") and not self._line_between(c, cue)]
                if names:
                    return names[-1]
            if not subjects and not reported:
                # a participle set off between subject and verb, which the parser took for the subject's
                # clause ("Sen. Ann Lee, noting the polls, said"): its subject is the speaker
                for child in verb.lefts:
                    if child.dep_ == "advcl" and child.tag_ in ("VBG", "VBN"):
                        inner = [c for c in child.lefts if c.dep_ == "nsubj" and self.outside(c)
                                 and c.pos_ in ("PROPN", "NOUN") and not self._line_between(c, cue)]
                        if inner:
                            return inner[0]
            if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN") and self.outside(verb.head):
                return verb.head
            if step == 0 and verb.dep_ == "acl" and verb.head.pos_ == "ADJ" and verb.head.i < verb.i \
                    and self.outside(verb.head) and any(c.dep_ == "det" for c in verb.head.children):
                return verb.head  # a nominal adjective taken for the head of the clause ("the 58-year-old asked")
            if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
                noun = verb.head
                if step == 0 and verb.tag_ == "VBG" and self.outside(noun) \
                        and noun.lemma_.lower() in MEDIA_NOUNS | DOCUMENT_NOUNS | INSTITUTION_NOUNS:
                    return noun  # "a statement saying", "the ministries saying": who issued it speaks
                if step == 0 and verb.tag_ in ("VBD", "VBZ") and noun.i < verb.i and self.outside(noun) \
                        and not any(c.dep_ in ("nsubj", "nsubjpass", "auxpass") for c in verb.children):
                    return noun  # a finite verb taken for the noun's modifier ("a man yelled “…”")
                owners = [c for c in noun.children if c.dep_ == "poss" and self.outside(c)]
                if owners:
                    return owners[0]
                if noun.ent_type_ in ("PERSON", "ORG") and self.outside(noun):
                    return noun
                if noun.dep_ == "appos" and self.outside(noun.head):  # "Nate Silver, the polling guru, tweeted"
                    return noun.head
                verb = noun.head
                continue
            # also a participle the parser made the main verb ("Sen. Ann Lee, noting the polls, said")
            if (verb.dep_ in ("conj", "xcomp", "advcl", "ccomp", "pcomp") or verb.dep_ == "parataxis"
                    and verb.head.tag_ in ("VBG", "VBN") and verb.head.i < verb.i) and verb.head is not verb:
                verb = verb.head
                if verb.pos_ == "ADP" and verb.head is not verb:  # "continued by saying"
                    verb = verb.head
                continue
            break
        # no subject in the parse: a name right before the cue ("Ramos, 58, told AFP") or right after it
        # ("…,” said Sen. Ted Cruz), never the person spoken to
        for k in range(cue.i - 1, max(-1, cue.i - 6), -1):
            t = doc[k]
            if not self.outside(t) or t.text in (".", "!", "?", ";", ":"):
                break
            if t.ent_type_ == "PERSON" or t.pos_ == "PROPN" and t.ent_type_ in ("", "ORG"):
                return self._before_relative_clause(t) or t
            if t.pos_ in ("VERB", "AUX"):
                break
        # a participial phrase set off by commas between the name and the cue ("Gail Sutter, wearing a cap and
        # “Buy Canadian” pins, said")
        if cue.i >= 2 and doc[cue.i - 1].text == ",":
            for k in range(cue.i - 2, max(0, cue.i - 25), -1):
                t = doc[k]
                if t.text in (".", "!", "?", ";", ":") and self.outside(t) or "\n" in t.whitespace_:
                    break
                if t.text == "," and self.outside(t) and k + 1 < cue.i and doc[k + 1].tag_ in ("VBG", "VBN"):
                    named = doc[k - 1] if k > 0 else None
                    if named is not None and self.outside(named) and (named.ent_type_ == "PERSON" or
                                                                      named.pos_ == "PROPN" and named.ent_type_ == ""):
                        return named
                    break
        for k in range(cue.i + 1, min(cue.i + 5, len(doc))):
            t = doc[k]
            if not self.outside(t) or t.is_punct:
                break
            if t.dep_ in ("dobj", "dative", "pobj") or t.pos_ == "SCONJ":
                break  # the listener, or a name in a clause of its own ("said when Ng asked him")
            if t.ent_type_ == "PERSON" or (t.pos_ == "PROPN" and t.ent_type_ in ("", "PERSON", "ORG")):
                return t
        return None

    def _hung_on_quotation(self, cue: Token) -> Token | None:
        """The noun phrase between a closing mark and a cue with no subject, which the parser hung on a word of
        the quotation ("“…,” a customs source told the Globe", "“…,” Rosa Lind, an adviser, said"):
        its head, when it is the first noun after the mark."""
        doc = self.doc
        k = cue.i - 1
        while k >= 0 and self.outside(doc[k]) and cue.i - k <= 25 and not self._line_between(doc[k], cue) \
                and doc[k].text not in (".", "!", "?", ";", ":"):
            k -= 1
        if k < 1 or self.outside(doc[k]) or doc[k].text not in ("”", '"', "’’", "''", "»") or cue.i - k > 25 \
                or doc[k - 1].text not in (",", "?", "!", "—", "–", "-"):
            return None  # not a quotation closed as an attribution follows it ("…,” X said)
        for t in doc[k + 1:cue.i]:
            if t.is_punct or t.is_space or t.pos_ in ("DET", "ADJ", "NUM") or t.dep_ == "compound":
                continue
            if t.pos_ in ("NOUN", "PROPN") and not self.outside(t.head) and t.dep_ in ("attr", "appos", "nsubj",
                                                                                       "dobj", "npadvmod"):
                return t
            return None
        return None

    def _before_relative_clause(self, token: Token) -> Token | None:
        """For a name inside a relative clause set off by commas ("Varga, who once worked for Freeland,
        said"): the name the clause describes, right before ", who"; None when the token is in no such
        clause."""
        doc = self.doc
        verb = token
        for _ in range(6):
            if verb.head.i == verb.i:
                return None
            verb = verb.head
            if verb.dep_ == "relcl":
                break
        else:
            return None
        if verb.dep_ != "relcl":
            return None
        start = verb.left_edge.i
        if doc[start].tag_ not in ("WP", "WP$") or start < 2 or doc[start - 1].text != ",":
            return None
        named = doc[start - 2]
        if self.outside(named) and (named.ent_type_ == "PERSON" or named.pos_ == "PROPN"):
            return named
        return None

    def _inverted_subject(self, cue: Token) -> Token | None:
        """The speaker of an inverted attribution right after a quotation ("“…,” asked the boy", "“…” added
        Gowdy", "“…,” said Army Capt. Christian Pardo"): the head of the noun phrase right after the cue,
        whatever the parser made of it (it often takes it for the object). Not for "told" (its object is
        the listener)."""
        doc = self.doc
        k = cue.i - 1
        while k >= 0 and doc[k].is_space:
            k -= 1
        if k >= 0 and doc[k].text == ",":
            k -= 1
        if k < 0 or self.region_of[k] == -1 or doc[k].text not in ("”", '"', "’’", "»", "''", "“") \
                or cue.lemma_.lower() == "tell":
            return None
        for j in range(cue.i + 1, min(len(doc), cue.i + 4)):
            t = doc[j]
            if not self.outside(t) or t.is_punct or t.is_space:
                return None
            if t.pos_ in ("ADV", "PART") and t.lower_ not in ("'s", "’s"):
                continue  # "“…,” said later …"
            if t.pos_ not in ("DET", "ADJ", "NUM", "PROPN", "NOUN", "PRON"):
                return None
            head = t
            while head.head.i > head.i and head.head.i - t.i < 8 and self.outside(head.head) and \
                    head.dep_ in ("det", "amod", "compound", "nummod", "poss", "nmod", "case", "punct", "quantmod",
                                  "npadvmod"):
                head = head.head
            return head
        return None
