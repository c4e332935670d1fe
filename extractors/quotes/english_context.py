"""English quotes, step 5: the speaker of a quotation that has no cue of its own in its frame.

A mixin of english.EnglishQuotes (it uses the layout, cue and speaker helpers there). In order:
"Name: “…”" (transcripts, lists of positions); "Trump issued a statement: “…”" (whoever issued it); then, in
`_carry`: a signature after the quotation on its line ("“…” ― Pamela Padilla"); an attribution glued to a
mark that the tokenizer could not split ("Ryan said,“…", "…,”Clinton said"); a transcript's speaker tag
inside a quotation that opens its paragraph ("“RAMOS: …", written in capitals or as a name the article
gives); the earlier paragraph of the same quotation; an attributed quotation earlier in the paragraph; an
introduction ending with a colon ("Kasich resisted:"); a cue sentence just before ("Bystrom agreed. “…”"); a
person as the subject of the sentence before ("Akazawa described the final hours. “…”"); a sentence right
after ("“…” That was the message from … Karoline Leavitt"); the quotation that closed the previous paragraph;
an attribution sentence ending the previous paragraph, with a cue or "spoke"/"talked" ("…, since Trump spoke
only in bromides during the interview."); a dash line after it ("- Bernie Sanders."); and, last, whoever was
quoted last in the three paragraphs before (interviews, a transcript announced by "Transcript as follows:").
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from extractors.quotes.layout import Found
from extractors.quotes.lexicon import (
    INSTITUTION_NOUNS,
    MEDIA_NOUNS,
    NAMING_VERBS,
    ROLE_NOUNS,
    SPEECH_VERBS,
    SPOKESPEOPLE,
)
from extractors.quotes.marks import Region
from extractors.quotes.people import kb_name, strip_name

_INNER_LABEL = re.compile(r"\s*((?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w'’-]+)\s*:\s+\S")
# Verbs that say someone talked, without introducing what they said.
TALK_VERBS = frozenset("speak talk".split())
_DASH_SOURCE = re.compile(r"\s*[-–—―]+\s*((?:[A-Z][\w.'’-]*\s*){1,4})")
# A credit line under a quotation: a name, a comma and an affiliation, alone on their line.
_CREDIT_LINE = re.compile(r"[ \t\u00a0]*((?:[A-Z][\w.'’-]*[ \t\u00a0]+){1,3}[A-Z][\w'’-]+),"
                          r"[ \t\u00a0]+[A-Z][^\n]{0,100}$", re.M)
# A signature after the quotation on its own line: "“…” ― Pamela Padilla", "“…” — Bernie Sanders."
_SIGNATURE = re.compile(r"[ \t\u00a0]*[-–—―]+[ \t\u00a0]*((?:[A-Z][\w'’-]*\.?[ \t\u00a0]+){0,4}[A-Z][\w'’-]+)"
                        r"[ \t\u00a0.]*(?:\n|$)")
# Attributions glued to a quotation mark: "Ryan said,“", "Gowdy (R-S.C.):"" before it, "”Clinton said" after it.
_GLUED_NAME = r"((?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w'’-]+)"
_GLUED_CUES = r"(?:said|says|added|adds|asked|asks|wrote|writes|replied|continued|explained|noted|stated|told)"
_GLUED_BEFORE = re.compile(_GLUED_NAME + r"(?:\s*\([^)\n]{1,20}\))?\s*(?:\s" + _GLUED_CUES + r"\s*)?[,:]\s*$")
_GLUED_AFTER = re.compile(r"\s*" + _GLUED_NAME + r"\s+" + _GLUED_CUES + r"\b")
# Speaker tags of transcripts that are not people.
_NOT_SPEAKERS = frozenset("""
video audio crosstalk laughter applause update note editor editors breaking q a question answer unidentified
unknown voice announcer narrator transcript end begin excerpt excerpts text source sources
""".split())


class EnglishContextMixin:
    """Speakers from the context of a quotation (see the module docstring)."""

    def _name_colon(self, index: int) -> Token | None:
        """The name in "Name: “…”" when the name opens its sentence or line."""
        doc = self.doc
        ma, _ = self.region_marks[index]
        colon = ma - 1
        while colon > 0 and doc[colon].is_space:
            colon -= 1
        if colon < 1 or doc[colon].text != ":" or self.region_of[colon] != -1:
            return None
        k = colon - 1
        if doc[k].text == ")":  # "Rep. Trey Gowdy (R-S.C.): “…”"
            while k > 0 and doc[k].text != "(" and ma - k < 12:
                k -= 1
            k -= 1
        name = doc[k]
        if name.pos_ != "PROPN" and name.ent_type_ != "PERSON" or self.region_of[k] != -1:
            return None
        while k > 0 and (doc[k - 1].pos_ == "PROPN" or doc[k - 1].ent_iob_ == "I" and doc[k].ent_iob_ == "I") \
                and not self.newline_before(k):
            k -= 1
        first = doc[k]
        if k == 0 or self.newline_before(k) or first.is_sent_start \
                or doc[k - 1].text in (".", "!", "?", ";", "-", "—", "–", ":"):
            return name
        # "Stated Stone: “…”", "Continued Stone: “…”" (the cue verb opening the line)
        cue = doc[k - 1]
        if {cue.lemma_.lower(), cue.lower_, cue.lower_[:-1], cue.lower_[:-2]} & SPEECH_VERBS:
            if k - 1 == 0 or self.newline_before(k - 1) or doc[k - 2].text in (".", "!", "?"):
                return name
        return None

    def _governing_subject(self, index: int) -> Token | None:
        """The subject of the verb a quotation built into a sentence hangs on, when that verb stands before it
        in its sentence and is no cue ("She also rejected “…”", "Rubio had commended Mexico as “…”, and
        Bessent had called …", "Beijing has voiced opposition to any “…”"): quoted words in a clause are the
        words of its subject. Only a subject that can speak: a person, a pronoun for one, a body, a role."""
        doc = self.doc
        ma, _ = self.region_marks[index]
        a, b = self.region_tokens[index]
        unit = self.unit_range(ma)[0]
        if ma == unit or doc[ma - 1].is_punct or doc[ma - 1].is_space:
            return None  # the quotation opens its sentence or is set off ("…, telling the crowd, “…”")
        heads = [t.head for t in doc[a:b] if t.head.i != t.i and self.region_of[t.head.i] == -1]
        if not heads:
            return None
        verb = heads[0]
        for _ in range(4):
            if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                break
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX") or not unit <= verb.i < ma or self.region_of[verb.i] != -1:
            return None
        if any(self._is_cue(doc[k]) for k in range(verb.i, ma)):
            return None  # a cue of its own, or one between it and the quotation: read as a cue
        # a clause that is itself what someone says, hopes or is confident of ("Sheinbaum expressed confidence
        # that Ottawa would take “…”", "Mexico said it hoped Canada will work for “…”"): its subject is what is
        # talked about; the words are those of the clause above it, or of that clause's cue when the cue has a
        # subject of its own (not "despite admitting that she had …"); a statement speaking in the clause keeps
        # it ("the fact-checkers ruled that the minister's claim about “…” is false"), and so does a clause
        # above with no subject that can speak
        above = verb
        while _complement_clause(above) and unit <= above.head.i and not any(
                c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in MEDIA_NOUNS for c in above.children):
            above = above.head if above.dep_ == "ccomp" else above.head.head
            if above.pos_ not in ("VERB", "AUX") or self.region_of[above.i] != -1:
                break
            if self._is_cue(above):
                if any(c.dep_ in ("nsubj", "nsubjpass") for c in above.children):
                    return None
                break
        else:
            # only to a clause whose subject can speak ("It is odd that Carney would praise “…”": Carney's)
            if any(c.dep_ in ("nsubj", "nsubjpass") and self.region_of[c.i] == -1 and can_speak(c)
                   for c in above.children):
                verb = above
        for _ in range(2):
            subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and self.region_of[c.i] == -1]
            if subjects:
                return subjects[0] if can_speak(subjects[0]) else None
            if verb.dep_ not in ("conj", "xcomp") or verb.head.i == verb.i:
                break
            verb = verb.head  # "… and also rejected “…”", "moved to unveil “…”": the subject of the first verb
        return None

    def _medium(self, index: int) -> Token | None:
        """Who speaks through a statement, tweet or letter set off right before the quotation ("Trump
        issued a statement: “…”", "his campaign’s email, “…”"): the owner, or whoever issued it."""
        doc = self.doc
        ma, _ = self.region_marks[index]
        k = ma - 1
        while k > 0 and (doc[k].is_space or doc[k].text in (",", ":")):
            k -= 1
        if k == ma - 1 or self.region_of[k] != -1:
            return None  # no separator: a quoted phrase inside the sentence
        noun = doc[k]
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in MEDIA_NOUNS:
            return None
        owners = [c for c in noun.children if c.dep_ == "poss"]
        if owners:
            return owners[0]
        if noun.dep_ in ("dobj", "obj") and noun.head.pos_ == "VERB":
            subjects = [c for c in noun.head.children if c.dep_ == "nsubj" and self.region_of[c.i] == -1]
            if subjects:
                return subjects[0]
        return None

    def _carry(self, index: int, frame: tuple[int, int], by_region: dict[int, Found]) -> tuple[str | None, int] | None:
        """The speaker of a quotation with no cue of its own, from what surrounds it (see the module
        docstring, step 5), or None."""
        region = self.regions[index]
        ma, _ = self.region_marks[index]
        # a signature after it on its line ("“…” ― Pamela Padilla")
        signed = self._signature(index)
        if signed is not None:
            return signed
        # a mark glued to the attribution, which the tokenizer could not split ("Ryan said,“…", "Gowdy:"…",
        # "…,”Clinton said.")
        glued = self._glued_attribution(index)
        if glued is not None:
            return glued
        # a transcript's speaker tag opening the quotation ("“RAMOS: Secretary Clinton, …”")
        label = self._inner_label(index) if ma == 0 or self.newline_before(ma) else None
        if label is not None:
            return label
        # an earlier paragraph of the same quotation, or an attributed quotation earlier in the paragraph (after
        # an introduction of its own, below)
        earlier = None
        for previous in range(index - 1, max(-1, index - 6), -1):
            other = self.regions[previous]
            record = by_region.get(previous)
            if other.chain == region.chain:
                if record is not None:
                    return record.speaker, record.speaker_start
                continue
            between = self.text[(other.close_at or other.end):region.open_at]
            if "\n" in between:
                break
            if record is not None and record.speaker is not None:
                earlier = record.speaker, record.speaker_start
                break
        # an introduction ending with a colon and no cue ("Kasich resisted:", "Hoff’s letter makes a case:")
        colon = ma - 1
        while colon > 0 and self.doc[colon].is_space:
            colon -= 1
        if colon >= 0 and self.doc[colon].text == ":" and self.region_of[colon] == -1 and colon < ma:
            root = self.doc[colon].head
            while root.head is not root and root.dep_ not in ("ROOT",):
                root = root.head
            if self.region_of[root.i] != -1:
                # the parser made the quotation's verb the sentence's root ("He followed it with an ultimatum:
                # “If …”"): the introduction's own first verb with a subject
                intro = self.unit_range(colon)[0]
                root = next((t for t in self.doc[intro:colon] if t.pos_ in ("VERB", "AUX") and any(
                    c.dep_ in ("nsubj", "nsubjpass") and self.region_of[c.i] == -1 and can_speak(c)
                    for c in t.children)), root)
            subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass") and self.region_of[c.i] == -1]
            if subjects and (earlier is None or not self.quoted_any(root.left_edge.i, colon)):
                return self.speakers.resolve(subjects[0], region.start)
            named = self._verbless_intro(colon)
            if named is not None:
                return self.speakers.resolve(named, region.start)
        if earlier is not None:
            return earlier
        # an attribution sentence just before, in the same paragraph ("Bystrom agreed. “…”")
        a = frame[0]
        # a quotation that is a clause after a short opening phrase set off by a comma ("In return, “…”",
        # "Still, “…”") is read as one opening its sentence (not a phrase: "Across town, “…” for the campaign, is X")
        first = a if self._opening_phrase(a, ma) and self._is_clause(index) else ma
        if a > 0 and not self.break_between(a - 1, a):
            pa, pb = self.unit_range(a - 1)
            if not any(self.region_of[k] != -1 for k in range(pa, pb)):
                for k in range(pa, pb):
                    token = self.doc[k]
                    if self._is_cue(token) and token.lemma_.lower() not in NAMING_VERBS:
                        speaker_token = self.speakers.speaker_token(token)
                        if speaker_token is not None:
                            return self.speakers.resolve(speaker_token, region.start)
        # a person as the subject of the sentence just before ("Back in Tokyo, Akazawa described the final
        # hours in unusual detail. “…”")
        if a > 0 and not self.break_between(a - 1, a) and frame[0] == first:
            pa, pb = self.unit_range(a - 1)
            if not self.quoted_any(pa, pb):
                root = next((t for t in self.doc[pa:pb] if t.dep_ == "ROOT"), None)
                subjects = [c for c in root.children if c.dep_ == "nsubj"] if root is not None else []
                if subjects and (subjects[0].ent_type_ == "PERSON" or subjects[0].lower_ in ("he", "she")
                                 or self.speakers.people.leader_at(subjects[0].idx, subjects[0].idx + 1)
                                 or self.speakers.people.person_at(subjects[0].idx)):
                    return self.speakers.resolve(subjects[0], region.start)
        # a sentence right after naming the source ("“…” That was the message from … Karoline Leavitt")
        following = self._following_source(index)
        if following is not None:
            return following
        # the quotation that closed the previous paragraph, when this one opens its paragraph
        if frame[0] == first:
            for previous in range(index - 1, max(-1, index - 4), -1):
                other = self.regions[previous]
                record = by_region.get(previous)
                between = self.text[(other.close_at or other.end) + 1:region.open_at]
                if between.count("\n\n") > 1 or between.strip().count("\n") > 1:
                    break
                tail = between.strip()
                if record is not None and record.speaker is not None and len(tail.split()) <= 12:
                    return record.speaker, record.speaker_start
                break
        # a dash or credit line right under it ("- Jane Roe.", "Jane Roe, Institute for Trade Studies."): the
        # quotation's own signature, more specific than an attribution in the paragraph before
        dash = self._dash_source(region)
        if dash is not None:
            return dash
        # the previous paragraph ends with an attribution sentence ("Trump told reporters on Monday.", "…,
        # since Trump spoke only in bromides during the interview."): a cue, or "spoke"/"talked", whose
        # clause holds no quotation of its own
        opens = first == 0 or self.newline_before(first)
        if opens and first > 0:
            k = first - 1
            while k > 0 and self.doc[k].is_space:
                k -= 1
            pa, pb = self.unit_range(k)
            for j in range(pa, pb):
                token = self.doc[j]
                if self.region_of[j] != -1 or token.lemma_.lower() in NAMING_VERBS:
                    continue
                if not (self._is_cue(token) or token.pos_ == "VERB" and token.lemma_.lower() in TALK_VERBS):
                    continue
                if any(self.region_of[t.i] != -1 for t in token.subtree):
                    continue  # it reports a quotation of its own
                speaker_token = self.speakers.speaker_token(token)
                if speaker_token is not None:
                    found = self.speakers.resolve(speaker_token, region.start)
                    if found[0] is not None:
                        return found
        # last resort for a quotation standing alone in its paragraph (interviews, long quotes, a transcript
        # announced by "Transcript as follows:"): whoever was quoted last, within the three paragraphs before
        if opens or frame[0] == first:
            for previous in range(index - 1, max(-1, index - 8), -1):
                record = by_region.get(previous)
                other = self.regions[previous]
                between = self.text[(other.close_at or other.end):region.open_at]
                if sum(1 for line in between.split("\n")[1:] if line.strip()) > 3:
                    break
                if record is not None and record.speaker is not None and record.kind == "direct":
                    return record.speaker, record.speaker_start
        return None

    def _opening_phrase(self, a: int, ma: int) -> bool:
        """Tokens [a, ma) are a few words with no verb ended by a comma, headed by a preposition or an adverb:
        an adverbial opening the sentence before its quotation ("In return,", "Still,"), not its subject set
        off by an aside ("The duties, “…”, still need …")."""
        k = ma - 1
        while k > a and self.doc[k].is_space:
            k -= 1
        words = [t for t in self.doc[a:k] if not t.is_space]
        heads = [t for t in words if not a <= t.head.i < k or t.head.i == t.i]
        return self.doc[k].text == "," and 0 < len(words) <= 4 and not self.quoted_any(a, ma) \
            and not any(t.pos_ in ("VERB", "AUX") or t.is_punct for t in words) \
            and len(heads) == 1 and heads[0].pos_ in ("ADP", "ADV")

    def _verbless_intro(self, colon: int) -> Token | None:
        """The person a short introduction without a verb of its own names before a colon ("Here is Chrétien in
        1994:", "More from Alvarez:"): the last word of the only name in it, else None."""
        doc = self.doc
        k = colon - 1
        while k >= 0 and self.region_of[k] == -1 and doc[k].text not in (".", "!", "?", ";", "-", "—", "–", ":") \
                and not self.newline_before(k + 1) and colon - k <= 10:
            k -= 1
        intro = [t for t in doc[k + 1:colon] if not t.is_space]
        if not intro or any(self.region_of[t.i] != -1 for t in intro) or len(intro) > 8:
            return None
        if any(t.pos_ == "VERB" or t.pos_ == "AUX" and t.lemma_ != "be" for t in intro):
            return None
        names = [t for t in intro if t.ent_type_ == "PERSON" and (t.ent_iob_ == "B" or t.i == intro[0].i)]
        if len(names) != 1:
            return None
        end = names[0]
        while end.i + 1 < colon and doc[end.i + 1].ent_iob_ == "I" and doc[end.i + 1].ent_type_ == "PERSON":
            end = doc[end.i + 1]
        return end

    def _inner_label(self, index: int) -> tuple[str | None, int] | None:
        """The speaker tag a transcript puts inside the quotation ("“RAMOS: Secretary Clinton, …”",
        "“Clinton: I feel …”"): a name the article gives a person, written in capitals or as usual."""
        region = self.regions[index]
        match = _INNER_LABEL.match(self.text, region.start, region.end)
        if match is None:
            return None
        label = match.group(1)
        words = label.split()
        capitals = label.isupper() and all(len(w.strip(".")) > 1 for w in words)
        if capitals:
            label = " ".join(w.capitalize() for w in words)
        name = strip_name(label)
        people = self.speakers.people
        if not name or any(w.lower().strip(".'’") in _NOT_SPEAKERS for w in name.split()):
            return None
        if not (capitals or people.is_person_name(name) or kb_name(name)):
            return None
        return people.full_name(name, region.start), region.start

    def _glued_attribution(self, index: int) -> tuple[str | None, int] | None:
        """The attribution written against a quotation mark with no space ("Ryan said,“Look …”", "Rep. Trey
        Gowdy (R-S.C.):"I have …"", "“…,”Clinton said."): the tokenizer leaves mark and words in one token, so
        the parse cannot see the cue; read it off the text of the line."""
        region = self.regions[index]
        doc = self.doc
        ma, mb = self.region_marks[index]
        text = self.text
        if ma < len(doc) and len(doc[ma]) > 1 and doc[ma].idx < region.open_at:
            line_start = text.rfind("\n", 0, region.open_at) + 1
            match = _GLUED_BEFORE.search(text, line_start, region.open_at)
            if match:
                return self._glued_name(match)
        if region.close_at is not None and mb - 1 < len(doc) and doc[mb - 1].idx + len(doc[mb - 1]) > region.close_at + 1:
            match = _GLUED_AFTER.match(text, region.close_at + 1)
            if match:
                return self._glued_name(match)
        return None

    def _glued_name(self, match: re.Match) -> tuple[str | None, int] | None:
        name = strip_name(match.group(1))
        if not name or any(w.lower() in _NOT_SPEAKERS for w in name.split()):
            return None
        return self.speakers.people.full_name(name, match.start(1)), match.start(1)

    def _signature(self, index: int) -> tuple[str | None, int] | None:
        """A name signed after the quotation on its line ("“…” ― Pamela Padilla")."""
        match = _SIGNATURE.match(self.text, self.after_close(index))
        if match is None:
            return None
        name = strip_name(match.group(1))
        if not name or any(w.lower() in _NOT_SPEAKERS for w in name.split()):
            return None
        return self.speakers.people.full_name(name, match.start(1)), match.start(1)

    def _following_source(self, index: int) -> tuple[str | None, int] | None:
        """"That was the message from X", "Those were the words of X" right after the quotation."""
        _, mb = self.region_marks[index]
        doc = self.doc
        if mb >= len(doc) or self.break_between(mb - 1, mb):
            return None
        a, b = self.unit_range(mb)
        if a < mb:
            a = mb
        if a >= len(doc) or doc[a].lower_ not in ("that", "this", "those", "these", "such"):
            return None
        for k in range(a, min(b, a + 16)):
            token = doc[k]
            if self.region_of[k] != -1:
                return None
            if token.ent_type_ == "PERSON" or self.speakers.people.leader_at(token.idx, token.idx + len(token)):
                while k + 1 < b and doc[k + 1].ent_iob_ == "I" and doc[k + 1].ent_type_ == "PERSON":
                    k += 1
                return self.speakers.resolve(doc[k], self.regions[index].start)
        return None

    def _dash_source(self, region: Region) -> tuple[str | None, int] | None:
        end = region.close_at + 1 if region.close_at is not None else region.end
        line_end = self.text.find("\n", end)
        if line_end != -1 and not self.text[end:line_end].strip():
            match = _DASH_SOURCE.match(self.text, line_end + 1)
            if match:
                name = strip_name(match.group(1).strip().rstrip(".,"))
                if name:
                    start = match.start(1)
                    return self.speakers.people.full_name(name, start), start
            # a credit line without a dash: "Jane Roe, Institute for Trade Studies."
            match = _CREDIT_LINE.match(self.text, line_end + 1)
            if match and self._person_words(match.start(1), match.end(1)):
                return self.speakers.people.full_name(match.group(1), match.start(1)), match.start(1)
        return None

    def _person_words(self, start: int, end: int) -> bool:
        """[start, end) is a person's name in the parse, and its line holds no verb."""
        doc = self.doc
        span = doc.char_span(start, end)
        if span is None or not all(t.ent_type_ == "PERSON" for t in span):
            return False
        line_end = self.text.find("\n", end)
        line_end = len(self.text) if line_end == -1 else line_end
        line = doc.char_span(start, line_end, alignment_mode="contract")
        return line is not None and not any(t.pos_ in ("VERB", "AUX") for t in line)

    # ------------------------------------------------------------------ indirect speech


def can_speak(token: Token) -> bool:
    """A subject that may have said something: a name, a person's pronoun, a body, a role, a document."""
    if token.pos_ == "PRON":
        return token.lower_ in ("he", "she", "they", "we", "i")
    if token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or token.pos_ == "PROPN":
        return True
    lemma = token.lemma_.lower()
    return token.pos_ == "NOUN" and lemma in ROLE_NOUNS | INSTITUTION_NOUNS | SPOKESPEOPLE | MEDIA_NOUNS


def _complement_clause(verb: Token) -> bool:
    """A finite clause that is the complement of a verb ("said it hoped …", "believes Mexico will …") or of a
    noun of saying or believing through "that" ("confidence that …", "the hope that …")."""
    if verb.head.i == verb.i:
        return False
    if verb.dep_ == "ccomp":
        return verb.head.pos_ in ("VERB", "AUX")
    return verb.dep_ == "acl" and verb.head.pos_ == "NOUN" and verb.head.head.i != verb.head.i \
        and any(c.dep_ == "mark" and c.lower_ == "that" for c in verb.children)
