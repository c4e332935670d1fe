"""Who is speaking: the speaker of a cue in an English parse, resolved to the name the article gives.

`SpeakerFinder.speaker_token(cue)` reads the token naming the speaker off a cue (`speaker_tokens`).
`SpeakerFinder.resolve(token)` turns it into a name: the name ending a run of titles and
affiliations ("Army Capt. Christian Pardo", "Rubio spokesman Alex Conant"); a leaders-component mention's
canonical name; a person's fullest name (people.PeopleIndex), also for a surname the tagger took for a
common noun ("Hannity", "O’Donnell"); a pronoun's antecedent; a definite description's referent ("the
Mexican leader", "the senator") when the article or the knowledge base gives someone that role; a government
body's stable name (institutions); a spokesperson's institution; otherwise, for unnamed people and
groups ("a senior official", "a New Hampshire Democrat", "someone in the audience"), their description as
written with `describe_unnamed`, else None.
"""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Token

from extractors.quotes.institutions import country_of_english_word, institution_name, office_of
from extractors.quotes.layout import paragraph_start
from extractors.quotes.lexicon import (
    DOCUMENT_NOUNS,
    GENERIC_ROLES,
    INSTITUTION_NOUNS,
    MEDIA_NOUNS,
    PRONOUNS_ALL,
    PRONOUNS_PERSON,
    ROLE_ALIASES,
    ROLE_NOUNS,
    SPOKESPEOPLE,
    TITLES,
)
from extractors.quotes.people import (
    DEMONYM_WORDS,
    PeopleIndex,
    Person,
    kb_name,
    kb_roles,
    strip_name,
)
from extractors.quotes.speaker_tokens import SpeakerTokens


class SpeakerFinder(SpeakerTokens):
    """Reads speakers off cue words in an English parse and resolves them to names.

    doc (Doc): the parsed document.
    region_of (list[int]): per token, the index of the quotation it stands in (marks included), or -1.
    quoted (list[tuple[int, int]]): character spans of the quotations (marks included).
    people (PeopleIndex): the document's people.
    describe_unnamed (bool): give unnamed people and groups their description as speaker ("a senior
        official") instead of None.
    """

    def __init__(self, doc: Doc, region_of: list[int], quoted: list[tuple[int, int]], people: PeopleIndex,
                 describe_unnamed: bool = False) -> None:
        self.describe_unnamed = describe_unnamed
        self.doc = doc
        self.text = doc.text
        self.region_of = region_of
        self.quoted = quoted
        self.people = people
        # (speaker, start) given as descriptions -> the head word ("official", "statement")
        self.described: dict[tuple[str | None, int], str] = {}
        self.bodies: list[tuple[int, str]] = []  # (quotation start, speaker) of quotations bodies spoke, in order
        # (quotation start, speaker, speaker start) of quotations said by several people or an unnamed one
        self.groups: list[tuple[int, str, int]] = []
        self._lower_forms: set[str] | None = None
        self._inner_capitals: set[str] = set()
        # documents whose author is being looked for: an author that is itself a document ("a Suffolk
        # University/Boston Globe Poll") leads back to them, and looking again would never end
        self._documents_open: set[int] = set()

    def heard(self, start: int, speaker: str | None, speaker_start: int = -1, group: bool = False) -> None:
        """Note the speaker given to the quotation at `start`, when it is a body rather than a person, or
        several people or an unnamed one (`group`: whom a later "they" stands for)."""
        if speaker and not self.people.is_person_name(speaker) and not kb_name(speaker):
            self.bodies.append((start, speaker))
        if speaker and group:
            self.groups.append((start, speaker, speaker_start))

    def _plural_subject_between(self, after: int, token: Token) -> bool:
        """Whether a plural noun is the subject of a sentence after the one at character `after` and before
        `token` (outside quotations): "they" then stands for it sooner than for a group quoted further back
        ("“…,” an official said. Exporters were angry. “…,” they said"). A wrong speaker is worse than none."""
        sentence = next((t.sent for t in self.doc if t.idx >= after), None)
        if sentence is None:
            return False
        return any(t.tag_ in ("NNS", "NNPS") and t.dep_ in ("nsubj", "nsubjpass") and self.outside(t)
                   for t in self.doc[sentence.end: token.i])

    def outside(self, token: Token) -> bool:
        return self.region_of[token.i] == -1

    def _line_between(self, a: Token, b: Token) -> bool:
        i, j = sorted((a.i, b.i))
        return "\n" in self.text[self.doc[i].idx:self.doc[j].idx]

    def _separator(self, token: Token) -> bool:
        """A token that cannot be inside a name: a verb, a colon, a dash with spaces around it."""
        if token.pos_ in ("VERB", "AUX") or token.text in (":", "|", "—", "–"):
            return True
        return token.text == "-" and bool(token.whitespace_) and token.i > 0 and bool(self.doc[token.i - 1].whitespace_)

    def noun_span(self, token: Token) -> tuple[int, int]:
        """Character span of the noun phrase a speaker token heads, without determiners, appositions and
        clauses: "the Mexican leader" -> "Mexican leader"; a named entity is taken whole."""
        doc = self.doc
        if token.ent_type_ and token.ent_iob_ != "O":
            a = token.i
            while a > 0 and doc[a].ent_iob_ == "I":
                a -= 1
            b = token.i + 1
            while b < len(doc) and doc[b].ent_iob_ == "I":
                b += 1
            while a < b and doc[a].lower_ == "the":
                a += 1
            while a > 0 and doc[a - 1].pos_ == "PROPN" and doc[a - 1].dep_ == "compound" and a <= token.i \
                    and doc[a - 1].text[:1].isupper() and doc[a - 1].lower_.rstrip(".") not in TITLES \
                    and doc[a - 1].whitespace_ and self.outside(doc[a - 1]) and doc[a - 1].ent_iob_ == "O":
                a -= 1
            # a mis-cut entity ("Trump told Business Insider", "Weak - Rubio"): keep the name around the token
            for k in range(token.i - 1, a - 1, -1):
                if self._separator(doc[k]):
                    a = k + 1
                    break
            for k in range(token.i + 1, b):
                if self._separator(doc[k]):
                    b = k
                    break
            if a < b:
                return doc[a].idx, doc[b - 1].idx + len(doc[b - 1])
        left = token.i
        for child in token.lefts:
            if child.dep_ in ("compound", "amod", "nmod", "nummod", "poss") and self.outside(child):
                left = min(left, child.left_edge.i if child.dep_ == "poss" else child.i)
        right = token.i + 1
        if token.pos_ in ("NOUN", "PROPN"):
            for child in token.rights:
                if child.dep_ in ("compound", "flat"):
                    right = child.i + 1
                    continue
                # "the Ministry of Economy", "a spokesman for committee Democrats", "a letter from the Legion"
                if child.dep_ == "prep" and child.lower_ in ("of", "for", "from", "at", "to") and self.outside(child):
                    objs = [g for g in child.children if g.dep_ == "pobj"]
                    if objs and (objs[0].pos_ == "PROPN" or token.pos_ == "NOUN") \
                            and all(self.outside(t) for t in objs[0].subtree):
                        edge = objs[0]
                        last = max([edge.i] + [g.i for g in edge.lefts] +
                                   [g.right_edge.i for g in edge.rights if g.dep_ in ("compound", "prep")
                                    and g.right_edge.i - edge.i < 6])
                        right = last + 1
                break
        while left < token.i and doc[left].pos_ in ("DET", "PUNCT"):
            left += 1
        return doc[left].idx, doc[right - 1].idx + len(doc[right - 1])

    def resolve(self, token: Token, quote_at: int) -> tuple[str | None, int]:
        """The speaker's name for a speaker token, and where its mention starts (-1 when none):
        a leaders mention's canonical name; a person's fullest name; a pronoun's antecedent; a definite
        description's referent when the article introduced someone with that role; an institution's name;
        else the description itself."""
        people = self.people
        doc = self.doc
        # inside a parenthesis after the name ("Gov. John Kasich (R-OH), said"): the name before it
        k = token.i
        while k > 0 and doc[k].text not in ("(", ")") and token.i - k < 6:
            k -= 1
        if doc[k].text == "(" and k > 0 and any(t.text == ")" for t in doc[token.i:token.i + 6]):
            token = doc[k - 1]
        # titles joined before one name ("former Iowa Gov. and committee Chairman Dale Brennan"): the name
        if token.lower_.rstrip(".") in TITLES and token.text[:1].isupper() and token.ent_type_ != "PERSON":
            names = [c for c in token.children if c.dep_ == "conj" and c.ent_type_ == "PERSON" and self.outside(c)
                     and not any(g.dep_ == "det" for g in c.children)]
            if names:
                token = names[0]
        # a title or affiliation the parser took for the head ("said Army Capt. Christian Pardo", "tweeted
        # Rubio spokesman Alex Conant", "mused Blaze co-host Stu Burguiere"): the name ending the run
        token = self._name_ending_run(token)
        while token.lower_.rstrip(".") in TITLES and token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN" \
                and self.outside(doc[token.i + 1]) and doc[token.i].whitespace_:
            token = doc[token.i + 1]
        # an appositive name beats the description ("the president, Barack Obama, said")
        if token.pos_ in ("NOUN", "PROPN") and token.ent_type_ != "PERSON":
            for child in token.children:
                if child.dep_ == "appos" and (child.ent_type_ == "PERSON" or child.pos_ == "PROPN") \
                        and self.outside(child):
                    token = child
                    break
            else:
                token = self._holder_after_body(token) or token
        lower = token.lower_
        if lower in ("who", "which", "that") and token.head.dep_ == "relcl" and self.outside(token.head.head):
            token = token.head.head
            lower = token.lower_
        exclude = self._quote_span_at(quote_at)
        leader = people.leader_at(token.idx, token.idx + len(token))
        if leader:
            # the leaders component reads a bare description ("the president") by office alone; who it stands
            # for here is the person of that role the passage is about
            if token.pos_ == "NOUN" and token.is_lower and token.lemma_.lower() in ROLE_NOUNS:
                found = self.description_referent(token, exclude)
                if found is not None:
                    return found.canonical or found.name, token.idx
            return leader, token.idx
        if lower in PRONOUNS_ALL and token.pos_ == "PRON":
            if lower in PRONOUNS_PERSON:
                found = people.pronoun_at(token.idx) or people.antecedent(
                    token.idx, exclude_span=exclude, gender=PRONOUNS_PERSON[lower])
                if found is not None:
                    return found.canonical or found.name, found.start
            elif lower == "it":
                # "“…,” it added": the body or document quoted just before in the passage, else the latest
                # organisation named
                floor = paragraph_start(self.text, token.idx, back=1)
                earlier = [(at, body) for at, body in self.bodies if floor <= at < token.idx]
                if earlier:
                    return earlier[-1][1], -1
                return people.latest_organisation(token.idx), -1
            elif lower == "they":
                # "“…,” they added": the people quoted together just before in the passage ("said economists
                # Ana Ruiz and Ben Cole"), or the unnamed person ("A senior official said …")
                floor = paragraph_start(self.text, token.idx, back=1)
                earlier = [(start, speaker, at) for start, speaker, at in self.groups if floor <= start < token.idx]
                if earlier and not self._plural_subject_between(max(earlier[-1][0], earlier[-1][2]), token):
                    return earlier[-1][1:]
            elif lower in ("someone", "somebody", "everyone", "anyone") and self.describe_unnamed:
                described = self.description(token)  # "someone in the audience"
                self.described[described] = token.lemma_.lower()
                return described
            return None, -1
        a, b = self.noun_span(token)
        # a leader named inside the phrase speaks only when the phrase is their name or title, not when the
        # name modifies a common noun ("one Carney cabinet aide", "a Trump voter": someone else)
        leader = people.leader_at(a, b) if not _common_noun(token) else None
        if leader:
            return leader, a
        surface = self.text[a:b]
        expansion = _expansion(surface, self.text[:a]) if token.ent_type_ != "GPE" \
            and not institution_name(surface) else None
        if expansion and country_of_english_word(expansion) != expansion:  # not a country ("US")
            # "the MEA said" after "the Ministry of External Affairs": the body the initials stand for, by its
            # canonical name only when that keeps the words spelled out (a canonical name of another body's
            # would replace the one the text names)
            canonical = institution_name(expansion, self.country_near(token)) or ""
            kept = all(word in canonical.split() for word in expansion.split() if word[:1].isupper())
            return canonical if kept else expansion, a
        name = strip_name(surface)
        if token.ent_type_ == "PERSON" or people.is_person_name(name) or (name and kb_name(name)) \
                or (token.pos_ == "PROPN" and token.text[:1].isupper()
                    and token.ent_type_ not in ("ORG", "GPE", "NORP", "FAC", "LOC")
                    and token.lower_ not in MEDIA_NOUNS | DOCUMENT_NOUNS  # "an accompanying Fact Sheet"
                    and not institution_name(self.phrase(token))) or self._untagged_name(token):
            return (people.full_name(name, a) if name else None), a
        institution = institution_name(self.phrase(token), self.country_near(token))
        if institution:
            return institution, a
        if _newspaper(token):
            return name or surface, a  # "the Manila Post reported": the paper, under its title
        if token.lemma_.lower() == "office":
            # "Carney's office said": the office of the leader's post
            owners = [c for c in token.children if c.dep_ == "poss" and self.outside(c)]
            owner = people.leader_at(owners[0].idx, owners[0].idx + len(owners[0])) if owners else None
            office = office_of(owner) if owner else None
            if office:
                return office, a
        if token.lemma_.lower() in MEDIA_NOUNS:
            # "a statement from China's commerce ministry", "Trump's post"
            for child in token.children:
                if child.dep_ == "poss" and self.outside(child):
                    return self.resolve(child, quote_at)
                if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
                    for obj in child.children:
                        if obj.dep_ == "pobj" and self.outside(obj):
                            return self.resolve(obj, quote_at)
                # "a campaign email sent out by Poilievre"
                if child.dep_ == "acl" and child.tag_ == "VBN" and self.outside(child):
                    for agent in child.children:
                        if agent.dep_ == "agent":
                            for obj in agent.children:
                                if obj.dep_ == "pobj" and self.outside(obj):
                                    return self.resolve(obj, quote_at)
            # "Lutnick released a video that said": whoever released it
            if token.dep_ == "dobj" and token.head.pos_ == "VERB" and self.outside(token.head) \
                    and token.head.lemma_.lower() in _ISSUING_VERBS:
                for subject in token.head.children:
                    if subject.dep_ == "nsubj" and self.outside(subject) and subject.pos_ in ("PROPN", "PRON", "NOUN"):
                        return self.resolve(subject, quote_at)
        if token.lemma_.lower() in DOCUMENT_NOUNS:
            # "a court document filed by the state attorney", "a report by the inspector general", "the
            # court's order", "the president's executive order": its author
            for child in token.children:
                if child.dep_ == "poss" and self.outside(child) and token.i not in self._documents_open:
                    # an author read back to the document itself (a name in parentheses after it) is looked
                    # up once
                    self._documents_open.add(token.i)
                    try:
                        found = self.resolve(child, quote_at)
                    finally:
                        self._documents_open.discard(token.i)
                    if found[0] is not None:
                        return found
                links = [child] if child.dep_ == "prep" and child.lower_ == "by" else \
                    [g for g in child.children if g.dep_ == "agent"] if child.dep_ == "acl" and child.tag_ == "VBN" \
                    else []
                for link in links:
                    for obj in link.children:
                        if obj.dep_ == "pobj" and self.outside(obj):
                            return self.resolve(obj, quote_at)
        if token.lower_ in MEDIA_NOUNS | DOCUMENT_NOUNS and token.ent_type_ != "PERSON":
            author = self.document_author(token, quote_at)
            if author is not None:
                return author[0], a
        if token.ent_type_ in ("ORG", "GPE", "FAC", "LOC", "PRODUCT", "WORK_OF_ART") or \
                token.ent_type_ == "NORP" and not _group_word(token):
            return name or surface, a
        # a description: a role noun ("the Mexican leader", "the economist"), a spokesperson, an institution
        head = _role_of(token)
        definite = any(c.lower_ in ("the", "this") for c in token.lefts) or \
            any(c.dep_ == "poss" for c in token.lefts)
        if head in ROLE_NOUNS and head not in GENERIC_ROLES and definite and token.tag_ != "NNS":
            found = self.description_referent(token, exclude)
            if found is not None:
                return found.canonical or found.name, a
        if head in SPOKESPEOPLE:
            # an unnamed spokesperson speaks for their institution
            body = self.spokesperson_body(token)
            if body:
                return body, a
        if head in GENERIC_ROLES and definite and token.tag_ != "NNS" and all(
                c.dep_ == "det" for c in token.lefts) and not list(token.rights):
            # a bare "the official" / "the spokesperson" is the one introduced before with the same noun: it
            # speaks for the body that introduction named ("an Interior Ministry official said … “…,” the
            # official added")
            body = self.earlier_body(token)
            if body:
                return body, a
        if head in INSTITUTION_NOUNS and definite:
            earlier = self.earlier_institution(token)
            if earlier:
                return earlier, a
            org = people.organisation_containing(head, token.idx)
            if org:
                return institution_name(org) or org, a
        if not self.describe_unnamed or _share_of_people(token):
            return None, -1  # unnamed people and groups: no speaker (the contract's null); poll respondents
        described = self.description(token)
        self.described[described] = token.lemma_.lower()
        return described

    def description(self, token: Token) -> tuple[str | None, int]:
        """An unnamed speaker's description as the article writes it, and where it starts: the noun phrase
        the token heads with its determiner, modifiers and prepositional phrases, without relative clauses
        and up to the first comma, dash or parenthesis ("a senior administration official", "one longtime
        adviser to Bill Clinton", "the 46-year-old"), never running into a quotation."""
        doc = self.doc
        clauses = [c for c in token.rights if c.dep_ in ("relcl", "acl", "advcl", "ccomp", "appos", "conj", "cc")]
        stop = min([c.left_edge.i for c in clauses], default=token.right_edge.i + 1)
        a = token.i
        for t in reversed(list(token.left_edge.i + k for k in range(token.i - token.left_edge.i))):
            t = doc[t]
            if not self.outside(t) or t.is_space or t.text in (",", "(", "—", "–", ":") \
                    or t.text == "-" and (t.whitespace_ or doc[t.i - 1].whitespace_):
                break
            a = t.i
        k = token.i + 1
        while k < stop:
            t = doc[k]
            if not self.outside(t) or t.is_space or t.text in (",", "(", ")", "—", "–", ":", ";", "\"", "“", "”") \
                    or t.text == "-" and t.whitespace_ and doc[t.i - 1].whitespace_:
                break
            k += 1
        b = k
        # "said one longtime adviser to Claudia Sheinbaum": the parser hangs the role's complement on the verb
        if b == token.right_edge.i + 1 and b < len(doc) and token.lemma_.lower() in _RELATIONAL_ROLES \
                and doc[b].lower_ in ("to", "for") and doc[b].dep_ == "prep" and doc[b].head.i == token.head.i \
                and token.dep_ in ("nsubj", "nsubjpass") and doc[b].head.i < token.i:
            objects = [c for c in doc[b].children if c.dep_ == "pobj"]
            if objects and all(self.outside(t) for t in doc[b].subtree) \
                    and (objects[0].pos_ == "PROPN" or objects[0].ent_type_ in ("PERSON", "ORG")):
                b = doc[b].right_edge.i + 1
        while b > token.i + 1 and (doc[b - 1].is_punct or doc[b - 1].dep_ in ("cc", "mark")):
            b -= 1
        words = doc[a:b].text.split()
        if len(words) > 12:
            # too long: up to the first clause inside it ("one of two officials who …"), else the head alone
            inner = [t.left_edge.i for t in doc[token.i + 1:b] if t.dep_ in ("relcl", "acl")]
            cut = min(inner, default=token.i + 1)
            while cut > token.i + 1 and (doc[cut - 1].is_punct or doc[cut - 1].dep_ in ("cc", "mark")):
                cut -= 1
            words = doc[a:cut].text.split()
            if len(words) > 12:
                words = doc[a:token.i + 1].text.split()
        return (" ".join(words) if words else None), doc[a].idx

    def _untagged_name(self, token: Token) -> bool:
        """A capitalised word the tagger took for a common noun (or a number, for a garbled accent) that
        is a surname: "“…,” Hannity said", "O’Donnell said". Not a sentence's first word unless the article
        also writes it capitalised inside a sentence; never a word it also writes in lower case, a role,
        an institution, a group or a document."""
        text = token.text
        if token.pos_ not in ("NOUN", "ADJ", "NUM", "X") or not text[:1].isupper() \
                or not any(c.islower() for c in text[1:]) or token.ent_type_ in ("ORG", "GPE", "NORP", "FAC", "LOC"):
            return False
        lower = token.lower_
        if lower in ROLE_NOUNS or lower in INSTITUTION_NOUNS or lower in MEDIA_NOUNS or lower in PRONOUNS_ALL \
                or lower in _GROUP_WORDS or token.lemma_.lower() in ROLE_NOUNS | INSTITUTION_NOUNS | MEDIA_NOUNS \
                or any(c.dep_ == "det" for c in token.children):
            return False
        if self._lower_forms is None:
            self._lower_forms = {t.text for t in self.doc if t.is_lower}
            self._inner_capitals = {t.text for t in self.doc if t.text[:1].isupper() and not t.is_sent_start
                                    and t.i > 0 and not self.doc[t.i - 1].is_punct}
        if lower in self._lower_forms:
            return False
        return not token.is_sent_start or text in self._inner_capitals

    def _holder_after_body(self, token: Token) -> Token | None:
        """The person named right after the body that a role's "of" phrase names ("the chair of the Grain
        Council, Ana Ruiz, said", "the head of the Port Authority Ana Ruiz said"): the parser hangs the name on
        the body, in apposition or as a compound, but it names the role's holder, who speaks. The name must end
        the phrase and follow an organisation's name directly (or after a comma): a person the phrase is about
        ("the daughter of Ana Ruiz", "the lawyer of President Ana Ruiz") follows no body."""
        if token.pos_ != "NOUN":
            return None
        doc = self.doc
        for prep in token.children:
            if prep.dep_ != "prep" or prep.lower_ != "of" or not self.outside(prep):
                continue
            objs = [c for c in prep.children if c.dep_ == "pobj"]
            if not objs or not all(self.outside(t) for t in objs[0].subtree):
                return None
            last = objs[0].right_edge
            while last.is_punct and last.i > objs[0].i:  # the comma closing the apposition
                last = doc[last.i - 1]
            if last.ent_type_ != "PERSON":
                return None
            first = last.i
            while first > objs[0].left_edge.i and doc[first].ent_iob_ == "I":
                first -= 1
            before = first - 1
            if before > objs[0].left_edge.i and doc[before].text == ",":
                before -= 1
            if before >= objs[0].left_edge.i and doc[before].ent_type_ == "ORG" and doc[before].ent_iob_ != "O":
                return last
            return None
        return None

    def _name_ending_run(self, token: Token) -> Token:
        """The last word of the last PERSON entity in the run of name-like words (proper nouns, nouns,
        titles, "1st", "co-host") that starts at `token`, or `token` when the run names nobody after it.
        The run stops at a verb, a conjunction, a comma or other punctuation (a title's full stop and a
        word-inner hyphen excepted), a line break or a quotation."""
        doc = self.doc
        found = None
        proper: list[Token] = []  # the latest run of capitalised proper nouns (a name the NER missed)
        k = token.i + 1
        while k < len(doc) and k - token.i <= 8:
            t = doc[k]
            if not self.outside(t) or t.is_space or t.pos_ in ("VERB", "AUX", "CCONJ", "SCONJ", "ADP", "DET",
                                                                 "PRON") and t.lower_ not in ("'s", "’s"):
                break
            # a title's full stop, also where the parser wrongly starts a sentence after it ("Coast Guard Cmdr. Ann Lee")
            abbreviation = t.text == "." and not doc[k - 1].whitespace_ and k + 1 < len(doc) \
                and (not doc[k + 1].is_sent_start and (doc[k - 1].lower_ in TITLES or len(doc[k - 1]) <= 4)
                     or doc[k - 1].lower_ in TITLES and doc[k - 1].text[:1].isupper()
                     and doc[k + 1].ent_type_ == "PERSON" and doc[k + 1].text[:1].isupper())
            if t.is_punct and not (abbreviation or t.text == "-" and not t.whitespace_ and not doc[k - 1].whitespace_):
                break
            if "\n" in doc[k - 1].whitespace_:
                break
            if t.ent_type_ == "PERSON":
                end = k
                while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I" and doc[end + 1].ent_type_ == "PERSON":
                    end += 1
                found = doc[end]
                k = end + 1
                continue
            if t.pos_ not in ("PROPN", "NOUN", "ADJ", "NUM", "PART", "PUNCT", "X"):
                break
            if t.pos_ in ("PROPN", "NOUN") and t.is_title and t.lower_.rstrip(".") not in TITLES:
                proper.append(t)
            else:
                proper = []
            k += 1
        if found is None and len(proper) >= 2 and token.ent_type_ != "PERSON" and not token.is_title:
            found = proper[-1]  # "mused radio co-host Trevor Banks"
        if found is None or token.ent_type_ == "PERSON" and found.i == token.i:
            return token
        return found

    def phrase(self, token: Token) -> str:
        """The noun phrase a token heads, with its possessive and prepositional phrases but without
        relative clauses, appositions or anything after a comma: "China's commerce ministry", "the
        Chinese embassy in Ottawa"."""
        doc = self.doc
        a = token.left_edge.i
        while a < token.i and not self.outside(doc[a]):
            a += 1
        b = token.i + 1
        for child in token.rights:
            if child.dep_ in ("prep", "compound", "flat", "nmod", "amod") and self.outside(child):
                b = max(b, child.right_edge.i + 1)
            else:
                break
        for k in range(token.i + 1, b):
            if doc[k].text in (",", "(", "—", "–") or not self.outside(doc[k]) or doc[k].tag_ in ("WDT", "WP"):
                b = k
                break
        return doc[a:b].text

    def country_near(self, token: Token) -> str | None:
        """The country a bare institution ("the commerce ministry") belongs to: the first country word of
        its sentence (the sentence's topic: "China will impose …, the commerce ministry said"), else the
        first one of the sentence before."""
        doc = self.doc
        sentence = token.sent
        start = sentence.start
        for k in range(token.i - 1, sentence.start - 1, -1):
            if "\n" in doc[k].text or "\n" in doc[k].whitespace_:
                start = k + 1
                break
        for t in doc[start:token.i]:
            if self.outside(t) and t.text[:1].isupper() and country_of_english_word(t.text):
                return country_of_english_word(t.text)
        if sentence.start > 0:
            previous = doc[sentence.start - 1].sent
            for t in previous:
                if self.outside(t) and t.text[:1].isupper() and country_of_english_word(t.text):
                    return country_of_english_word(t.text)
        return None

    def earlier_institution(self, token: Token) -> str | None:
        """"the ministry" after "China's commerce ministry": the latest earlier mention with the same head
        noun that names a government body."""
        head = token.lemma_.lower()
        for t in reversed(self.doc[max(0, token.i - 400):token.i]):
            if t.lemma_.lower() == head and self.outside(t) and t.i != token.i:
                found = institution_name(self.phrase(t), self.country_near(t))
                if found:
                    return found
        return None

    def earlier_body(self, token: Token) -> str | None:
        """The body a bare definite role noun speaks for: the one its latest earlier mention with a modifier or
        a complement names ("a Treasury spokesman" … "the spokesman"); None when that mention names none ("a
        senior official" … "the official": the description stays as written)."""
        head = token.lemma_.lower()
        for t in reversed(self.doc[max(0, token.i - 400):token.i]):
            if t.lemma_.lower() != head or not self.outside(t):
                continue
            if all(c.dep_ == "det" for c in t.lefts) and not list(t.rights):
                continue  # another bare mention: the introduction lies further back
            found = institution_name(self.phrase(t), self.country_near(t))
            if not found and head in SPOKESPEOPLE:
                found = self.spokesperson_body(t)
            return found
        return None

    def spokesperson_body(self, token: Token) -> str | None:
        """The institution an unnamed spokesperson speaks for: "a spokesperson for the ministry", "a
        Commerce Department spokesman", or the body the sentence before names."""
        doc = self.doc
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ in ("for", "of", "at"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        phrase = self.phrase(obj)
                        return institution_name(phrase) or strip_name(phrase) or None
        modifiers = [c for c in token.lefts if c.dep_ in ("compound", "poss", "amod", "nmod")]
        if modifiers:
            phrase = doc[modifiers[0].left_edge.i:token.i].text
            found = institution_name(phrase)
            if found:
                return found
            if any(t.pos_ == "PROPN" for m in modifiers for t in m.subtree):
                return None  # their own affiliation, not a government body ("a Carney campaign spokeswoman")
        # the body named just before ("Beijing has responded through its embassy in Washington. “…” a
        # spokesperson said")
        sentence_start = token.sent.start
        previous = doc[max(0, sentence_start - 40):sentence_start]
        for candidate in reversed(list(previous)):
            if candidate.lemma_.lower() in INSTITUTION_NOUNS | {"embassy"} and self.outside(candidate):
                found = institution_name(self.phrase(candidate), self.country_near(candidate))
                if found:
                    return found
        return None

    def description_referent(self, token: Token, exclude: tuple[int, int] | None) -> Person | None:
        """The person a definite description stands for: among people named before it and introduced with
        the same role (for "leader", any head of state or government), of a compatible nationality and
        carrying the description's other modifiers ("the Senate minority leader"), the one the text is about
        — the latest to be the subject of a main clause in this paragraph or the one before ("Mr. Trump said
        … According to the president, …") —, else the most mentioned."""
        head = _role_of(token)
        demonym = None
        modifiers = []
        for child in token.lefts:
            if child.dep_ not in ("amod", "compound", "nmod"):
                continue
            if child.ent_type_ == "NORP" or child.lower_ in DEMONYM_WORDS or country_of_english_word(child.lower_):
                demonym = child.lower_
            elif child.lower_ not in ("former", "then", "top", "current", "new", "longtime", "outgoing", "same"):
                modifiers.append(child.lower_)
        aliases = ROLE_ALIASES.get(head, (head,))
        best = None
        best_score = (-1, -1)
        fitting = []
        at = token.left_edge.idx  # before the description itself (the leaders component may list it as a mention)
        for rank, candidate in enumerate(self.people.candidates_before(at, exclude_span=exclude, demonym=demonym)):
            contexts = self.people.contexts_of(candidate) + " " + kb_roles(candidate.canonical or candidate.name)
            if not any(alias in contexts for alias in aliases):
                continue
            if any(m not in contexts for m in modifiers):
                continue
            fitting.append(candidate)
            score = (self.people.mentions_before(candidate, at), -rank)
            if score > best_score:
                best, best_score = candidate, score
        if len(fitting) > 1:
            floor = paragraph_start(self.text, at, back=1)
            topic = self.people.latest_subject({p.name for p in fitting}, floor, at, exclude_span=exclude)
            if topic is not None:
                return next(p for p in fitting if p.name == topic.name)
        return best

    def document_author(self, token: Token, quote_at: int) -> tuple[str | None, int] | None:
        """Who speaks through a document that names no author of its own ("“…,” the release said", "the
        statement says"): the author of the latest document mentioned before it — a document of the same
        kind anywhere before, another in its paragraph or the two before — ("In a release signed by three
        ministers, Canada called …", "Ebrard shared a statement from the economy and foreign ministries"),
        else, for the US president's documents (a proclamation, an executive order, a fact sheet) that name
        none, the White House; None when nothing says. A document the text introduces with an indefinite
        article and its own source ("a paper from the Maple Institute", "A 2019 Senate committee memo found") is
        a new one: no earlier document is it."""
        if _new_document(token):
            return ("White House", token.idx) if _presidential(token) else None
        doc = self.doc
        floor = paragraph_start(self.text, token.idx, back=2)
        head = token.lemma_.lower()
        k = token.i - 1
        while k >= 0:
            earlier = doc[k]
            # the same document ("the statement" … "a statement") anywhere before; another within the passage,
            # but not for the president's own documents, which are the White House's unless they say otherwise
            # ("Trump published a proclamation … An accompanying fact sheet stated …")
            if earlier.lemma_.lower() != head and (earlier.idx < floor or _presidential(token)):
                k -= 1
                continue
            if earlier.lower_ in MEDIA_NOUNS | DOCUMENT_NOUNS and earlier.ent_type_ != "PERSON" \
                    and not _newspaper(earlier) and self.outside(earlier) and earlier.i not in self._documents_open:
                self._documents_open.add(earlier.i)
                try:
                    for author in self._author_tokens(earlier):
                        found = self.resolve(author, quote_at)
                        if found[0] is not None and found not in self.described:
                            return found
                finally:
                    self._documents_open.discard(earlier.i)
                if _presidential(earlier):
                    return "White House", earlier.idx
            k -= 1
        return ("White House", token.idx) if _presidential(token) else None

    def _author_tokens(self, token: Token) -> list[Token]:
        """The authors a document's own phrase or clause may name, most specific first: "China's statement",
        "a statement from / by X", "a letter signed / sent by X", then whoever "released / shared a
        statement" or speaks "in a statement" ("In a release signed by three of its ministers, Canada
        called …": Canada, as the ministers are not named)."""
        found = []
        for child in token.children:
            if child.dep_ == "poss" and self.outside(child):
                found.append(child)
            if child.dep_ == "compound" and self.outside(child) and institution_name(self.phrase(child)):
                found.append(child)  # "a White House fact sheet", "a Commerce Department statement"
            # "signed / issued by X", not "cited / reported by X" (who passed it on)
            links = [child] if child.dep_ == "prep" and child.lower_ in ("from", "by") else \
                [g for g in child.children if g.dep_ == "agent"] if child.dep_ == "acl" and child.tag_ == "VBN" \
                and child.lemma_.lower() in _ISSUING_VERBS else []
            found += [obj for link in links for obj in link.children if obj.dep_ == "pobj" and self.outside(obj)]
        verb = token.head
        if token.dep_ == "pobj" and verb.dep_ == "prep" and verb.lower_ in ("in", "through", "via"):
            verb = verb.head  # "In a release …, Canada called the tariffs …"
        elif token.dep_ not in ("dobj", "obj"):
            return found
        if verb.pos_ in ("VERB", "AUX") and self.outside(verb):
            found += [c for c in verb.children if c.dep_ == "nsubj" and self.outside(c)
                      and (c.lemma_.lower() not in MEDIA_NOUNS | DOCUMENT_NOUNS or _newspaper(c))]
        return found


    def _quote_span_at(self, char: int) -> tuple[int, int] | None:
        k = bisect.bisect_right([q[0] for q in self.quoted], char) - 1
        if k >= 0 and self.quoted[k][0] <= char <= self.quoted[k][1]:
            return self.quoted[k]
        return None


# Words for members of a nation, a party or a camp: "a New Hampshire Democrat" is an unnamed person.
_GROUP_WORDS = frozenset("""
democrat democrats republican republicans independent independents conservative conservatives liberal liberals
progressive progressives libertarian libertarians socialist socialists evangelical evangelicals
""".split())


def _group_word(token: Token) -> bool:
    """A member of a nation, party or camp ("Democrat", "Texan", "Mexicans"), not a name the NER took for one."""
    lower = token.lower_
    return lower in _GROUP_WORDS or bool(country_of_english_word(lower))


# Roles named by whom they serve ("an adviser to the governor", "a spokesman for the campaign").
_RELATIONAL_ROLES = frozenset("""
adviser advisor aide counsel consultant assistant spokesman spokeswoman spokesperson strategist confidant ally
""".split())


# Verbs whose subject is the author of the statement, letter or video they take as object.
_ISSUING_VERBS = frozenset("issue release send post publish tweet write air run sign pen put hold hoist carry wave "
                           "raise display draft file author share".split())


def _presidential(token: Token) -> bool:
    """A document of the US president's office: a proclamation, an executive order, a fact sheet (the White
    House speaks through them, in the corpus guidelines' words)."""
    lemma = token.lemma_.lower()
    modifiers = {c.lower_ for c in token.lefts}
    return lemma == "proclamation" or lemma == "order" and "executive" in modifiers or \
        lemma == "sheet" and "fact" in modifiers


# Media nouns that, written with a capital inside a sentence, end a newspaper's title ("the Manila Post", "the
# Post"); a message someone posted is a lower-case "post".
NEWSPAPER_TITLE_WORDS = frozenset({"post"})


def _newspaper(token: Token) -> bool:
    """The word names a newspaper, not a document: "the Ottawa Post" is no post by Ottawa, whose capital would
    make the paper's words the Canadian government's."""
    return token.lower_ in NEWSPAPER_TITLE_WORDS and token.text[:1].isupper() and not token.is_sent_start


def _new_document(token: Token) -> bool:
    """A document brought in with an indefinite article that names where it comes from, by a proper name before
    it or a "from" phrase ("a Senate committee memo", "a paper from the Maple Institute"): one the text has
    not mentioned before. An indefinite document with no source of its own may be one met earlier ("a survey
    by the Post … according to a survey released Sunday")."""
    children = list(token.children)
    indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an", "another") for c in children)
    return indefinite and any(c.dep_ == "compound" and c.pos_ == "PROPN" or c.dep_ == "prep" and c.lower_ == "from"
                              for c in children)


def _role_of(token: Token) -> str:
    """The role a description's head noun names: "the head of state" / "of government" is a country's leader,
    as "the leader" is; otherwise the noun itself."""
    lemma = token.lemma_.lower()
    if lemma == "head" and any(c.dep_ == "prep" and c.lower_ == "of" and any(
            g.dep_ == "pobj" and g.lemma_.lower() in ("state", "government") and not list(g.lefts)
            for g in c.children) for c in token.children):
        return "leader"
    return lemma


def _common_noun(token: Token) -> bool:
    """A lower-case common noun heading the phrase ("source", "adviser", "supporters")."""
    return token.pos_ == "NOUN" and token.is_lower and token.ent_type_ != "PERSON"


def _share_of_people(token: Token) -> bool:
    """Poll respondents ("64% of Canadians said", "just five per cent said"): never a speaker."""
    words = [t for t in token.subtree if t.i <= token.i + 4]
    doc = token.doc
    # "one in five voters" read on the surface: the parser may hang "in five voters" on the verb
    one_in_n = token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "in" and doc[token.i + 2].like_num
    if token.lower_ == "one" and not one_in_n and not any(t.text == "%" or t.lower_ in ("percent", "per")
                                                          for t in words):
        return False  # one person ("one of those advisers"), not "one in five voters"
    return token.pos_ == "NUM" or any(t.text == "%" or t.lower_ in ("percent", "per", "majority", "share",
                                                                   "plurality", "third", "half") for t in words)


# A run of capitalised words, with the short words a body's name keeps lower-case between them ("Department for
# Business and Trade"), that initials may stand for.
_CAPITALISED_RUN = re.compile(r"[A-Z][\w’'-]*(?:\s+(?:(?:of|for|and|on|the|&)\s+)*[A-Z][\w’'-]*)*")


def _expansion(surface: str, before: str) -> str | None:
    """The name a speaker written as initials stands for ("the DBT" after "the Department for Business and
    Trade", "the EC" after "the European Commission (EC)"): the latest earlier run of capitalised words whose
    initials spell it; None for a speaker that is not initials or one the text never spells out."""
    initials = strip_name(surface)
    if not initials or not re.fullmatch(r"[A-Z]{2,5}", initials):
        return None
    found = None
    for match in _CAPITALISED_RUN.finditer(before):
        run = match.group(0).removeprefix("The ")
        words = [w for w in run.split() if w[:1].isupper()]
        if "".join(w[0] for w in words) == initials and len(words) > 1:
            found = run
    return found
